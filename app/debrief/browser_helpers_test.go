package debrief

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pageWait is how long one step in the browser may take: generous, as the
// machine running the tests may be busy. Nothing is timed; it is a limit.
const pageWait = 20 * time.Second

// startBrowser starts the system's Chromium headless, on a fresh profile,
// and returns its context; the browser ends with the test.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		// Not a skip: a skipped test in CI would hide the room's page for ever.
		t.Fatal("no chromium or chromium-browser on PATH: the room's page is tested in a real browser; `.ci/deps test` installs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], // headless among them
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox will not start
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		// The room is on this machine; a proxy from the environment would not reach it.
		chromedp.Flag("no-proxy-server", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	// Registered after TempDir, so it runs first: cancelAlloc waits for the
	// browser to exit before its profile is removed.
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

// phone is one participant's device: a tab in a browser context of its own
// (its own localStorage, as on another phone), 390×844 CSS pixels with
// touch, and what it heard: JavaScript dialogs (there must be none) and the
// data of every Server-Sent Event the room sent it.
type phone struct {
	t    *testing.T
	name string
	ctx  context.Context

	mu      sync.Mutex
	dialogs []string
	sse     []string
}

func newPhone(t *testing.T, browser context.Context, name string) *phone {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	p := &phone{t: t, name: name, ctx: ctx}
	// Listen opens the tab; it has no timeout, as the tab lives as long as
	// the context of its first call.
	if err := chromedp.Listen(ctx, p.heard); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulatePortrait,
		chromedp.EmulateMobile, chromedp.EmulateTouch))
	return p
}

// heard runs on chromedp's reading goroutine: it must not call the browser
// itself, so a dialog (which would block the page) is dismissed from another.
func (p *phone) heard(ev any) {
	switch ev := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		p.mu.Lock()
		p.dialogs = append(p.dialogs, string(ev.Type)+": "+ev.Message)
		p.mu.Unlock()
		go func() {
			_, _ = chromedp.Call(p.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		}()
	case *network.EventEventSourceMessageReceived:
		p.mu.Lock()
		p.sse = append(p.sse, ev.Data)
		p.mu.Unlock()
	}
}

// noDialogs fails the test if a JavaScript dialog opened on p.
func (p *phone) noDialogs() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.dialogs) > 0 {
		p.t.Errorf("%s: a JavaScript dialog opened: %q", p.name, p.dialogs)
	}
}

// heardText reports whether any state the room sent p carries text, as it
// is or as encoding/json escapes it (the server writes "<" as \u003c).
func (p *phone) heardText(text string) bool {
	q := quote(text)
	q = q[1 : len(q)-1]
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range p.sse {
		if strings.Contains(d, text) || strings.Contains(d, q) {
			return true
		}
	}
	return false
}

// do runs actions in p's tab, failing the test on an error.
func (p *phone) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, pageWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", p.name, err)
	}
}

// eval is the value of the JavaScript expression js on p's page.
func eval[T any](p *phone, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, pageWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("%s: %s: %v", p.name, js, err)
	}
	return v
}

// text is what p's page reads, as a person sees it.
func (p *phone) text() string { return eval[string](p, "document.body.innerText") }

// wait runs the app's UI queue until the JavaScript predicate js holds on
// p's page.
func (p *phone) wait(s *testShell, what, js string) {
	p.t.Helper()
	deadline := time.Now().Add(pageWait)
	for !eval[bool](p, js) {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: %s did not happen in %v; the page reads:\n%s", p.name, what, pageWait, p.text())
		}
		s.queue.Run()
		time.Sleep(50 * time.Millisecond)
	}
}

// waitText waits until p's page shows text.
func (p *phone) waitText(s *testShell, text string) {
	p.t.Helper()
	p.wait(s, "“"+text+"”", "document.body.innerText.includes("+quote(text)+")")
}

// offline cuts p off the network, as a dropped Wi-Fi does (requests fail,
// navigator.onLine is false), or puts it back.
func (p *phone) offline(off bool) {
	p.t.Helper()
	conds := []*network.Conditions{}
	if off {
		conds = append(conds, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	}
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule,
			network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: conds})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, t, network.OverrideNetworkState,
			network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

// shots saves a screenshot of each phone as <DEBRIEF_ROOM_SHOTS>/<name>-<phone>.png,
// and with dark, one in the dark colour scheme too (-dark.png). Without
// DEBRIEF_ROOM_SHOTS it does nothing: the pictures are for people to look at.
func shots(t *testing.T, name string, dark bool, phones ...*phone) {
	t.Helper()
	dir := os.Getenv("DEBRIEF_ROOM_SHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range phones {
		p.shot(filepath.Join(dir, name+"-"+p.name+".png"))
		if dark {
			p.scheme("dark")
			p.shot(filepath.Join(dir, name+"-"+p.name+"-dark.png"))
			p.scheme("")
		}
	}
}

func (p *phone) shot(path string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, pageWait)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("%s: screenshot: %v", p.name, err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// scheme emulates prefers-color-scheme ("dark", "light"; "" for the default).
func (p *phone) scheme(s string) {
	p.t.Helper()
	var features []*emulation.MediaFeature
	if s != "" {
		features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}}
	}
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
		return err
	}))
}

// until runs the app's UI queue until ok holds, for at most pageWait.
func until(t *testing.T, s *testShell, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(pageWait)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen in %v", what, pageWait)
		}
		time.Sleep(20 * time.Millisecond)
		s.queue.Run()
	}
}

// voteButton is the CSS selector of the vote button room.js labels so.
func voteButton(label string) string { return "button.vote[aria-label=" + quote(label) + "]" }

// exists is a JavaScript predicate: an element matches the CSS selector sel.
func exists(sel string) string { return "!!document.querySelector(" + quote(sel) + ")" }

// enter presses Enter in the focused field as a keyboard does when the page
// takes the keydown: no character follows. (SendKeys's "\n" also sends a
// char event, which would leave a new line in the emptied card field.)
var enter = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13})
		if err != nil {
			return err
		}
	}
	return nil
})

// mine is a JavaScript predicate: one card of the page's "Your cards", and
// only one, reads text, and its status starts with status.
func mine(text, status string) string {
	return `(() => {
		const li = [...document.querySelectorAll('ul.cards li')].filter((li) => li.querySelector('.card-text')?.textContent === ` + quote(text) + `);
		return li.length === 1 && (li[0].querySelector('.status')?.textContent || '').startsWith(` + quote(status) + `);
	})()`
}

// loseFirstAnswer drops the answer to the first request of p's matching
// pattern on its way back: the room has handled it, the page sees a broken
// connection. Later requests go through. seen counts the requests; stop
// ends it.
func (p *phone) loseFirstAnswer(pattern string) (seen func() int, stop func()) {
	p.t.Helper()
	ctx, cancel := context.WithCancel(p.ctx)
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	var n atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range paused {
			if err != nil {
				return
			}
			if n.Add(1) == 1 {
				_, _ = chromedp.Call(ctx, fetch.FailRequest,
					fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonConnectionReset})
			} else {
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			}
		}
	}()
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{
			Patterns: []*fetch.RequestPattern{{URLPattern: pattern, RequestStage: fetch.RequestStageResponse}}})
		return err
	}))
	return func() int { return int(n.Load()) }, func() {
		p.t.Helper()
		p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, fetch.Disable, cdp.Empty{})
			return err
		}))
		cancel()
		<-done
	}
}
