//go:build unix

package room

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// childEnv holds the database path of the room that TestKill9Child runs
// for TestKill9KeepsEverySentCard.
const childEnv = "DEBRIEF_ROOM_CHILD"

const (
	killDevices = 20
	// killAfter is how many cards are answered before the kill: half of
	// what 20 devices may send in their first minute (30 each), so the kill
	// lands while every device is still sending.
	killAfter = killDevices * CardsPerMin / 2
)

// A card answered 2xx survives the app being killed (docs/room.md): 20
// devices send cards as fast as the room answers, the app is killed with
// SIGKILL in the middle, and the database, opened again, has every card
// answered, face down, with its text, and no card nobody sent.
//
// The devices send back to back rather than spread over seconds: a send
// takes a few milliseconds, so at 10 cards a second hardly any would be
// in flight at the kill; back to back, about one per device is. The kill
// comes after killAfter answers, not after a time, so a slow machine only
// makes the test slower.
func TestKill9KeepsEverySentCard(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9Child$", "-test.count=1", "-test.timeout=10m")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	stdin, err := cmd.StdinPipe() // the child ends when it closes, should this test end early
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waited := false
	defer func() {
		if !waited {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()

	ready := make(chan string, 1)
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if line, ok := strings.CutPrefix(sc.Text(), "room "); ok {
				ready <- line
			}
		}
	}()
	var base, token string
	var debrief int64
	select {
	case line := <-ready:
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("the child said %q", line)
		}
		base, token = strings.TrimSuffix(f[0], "/"), f[1]
		debrief, _ = strconv.ParseInt(f[2], 10, 64)
	case <-read:
		cmd.Wait()
		waited = true
		t.Fatalf("the child ended without opening its room:\n%s", stderr.String())
	case <-time.After(2 * time.Minute):
		t.Fatal("the child did not open its room in 2 minutes")
	}

	var (
		mu       sync.Mutex
		acked    = map[string]int64{} // text → id, answered 2xx
		unknown  = map[string]bool{}  // sent, never answered: stored or not
		refused  = map[int]int{}      // other answers, by status
		inFlight atomic.Int64
		killed   atomic.Bool
		enough   = make(chan struct{})
		once     sync.Once
	)
	devices := make([]string, killDevices)
	clients := make([]*http.Client, killDevices)
	for i := range devices {
		clients[i] = loaderClient()
		code, body, err := post(clients[i], base, token, "", "/api/devices", `{}`)
		var out struct{ Device string }
		if err != nil || code != 200 || json.Unmarshal(body, &out) != nil {
			t.Fatalf("join: %v %d %s", err, code, body)
		}
		devices[i] = out.Device
	}

	var wg sync.WaitGroup
	for i, device := range devices {
		wg.Go(func() {
			for n := 0; !killed.Load(); n++ {
				text := fmt.Sprintf("Device %d, card %d: the alert fired into a muted channel", i, n)
				b, _ := json.Marshal(cardIn{Key: fmt.Sprintf("d%d-%d", i, n), Text: text, Category: "process"})
				inFlight.Add(1)
				code, out, err := post(clients[i], base, token, device, "/api/cards", string(b))
				inFlight.Add(-1)
				var got struct{ ID int64 }
				mu.Lock()
				switch {
				case err != nil:
					unknown[text] = true
					if !killed.Load() {
						t.Errorf("before the kill: %v", err)
					}
				case (code == 201 || code == 200) && json.Unmarshal(out, &got) == nil && got.ID != 0:
					acked[text] = got.ID
					if len(acked) >= killAfter {
						once.Do(func() { close(enough) })
					}
				case code == 503:
					// Not stored within storeWait on a very slow disk: it
					// still may be.
					unknown[text] = true
					refused[code]++
				default:
					refused[code]++ // 429: this device's minute is used
				}
				mu.Unlock()
				if err != nil || code == 429 {
					return // the room is gone, or this device may send no more
				}
			}
		})
	}
	sending := make(chan struct{})
	go func() { wg.Wait(); close(sending) }()

	select {
	case <-enough:
	case <-sending: // every device used its minute first: kill now anyway
	case <-time.After(3 * time.Minute):
	}
	flying := inFlight.Load()
	killed.Store(true)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case <-sending:
	case <-time.After(2 * time.Minute):
		t.Fatal("the devices' requests did not end after the kill")
	}
	<-read
	err = cmd.Wait()
	waited = true
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended with %v, not by SIGKILL:\n%s", err, stderr.String())
	}

	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer db.Close()
	d, err := db.LoadDossier(ctx, debrief)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(acked) == 0 {
		t.Fatalf("no card was answered before the kill (answers %v): the test proved nothing", refused)
	}
	byText := map[string]model.Factor{}
	for _, f := range d.Factors {
		if _, twice := byText[f.Text]; twice {
			t.Errorf("card %q is stored twice", f.Text)
		}
		byText[f.Text] = f
	}
	lost := 0
	for text, id := range acked {
		f, ok := byText[text]
		switch {
		case !ok:
			lost++
			if lost <= 5 {
				t.Errorf("card %d %q was answered, and after the kill it is not in the database", id, text)
			}
		case f.ID != id || f.Face != model.FaceDown:
			t.Errorf("card %d %q was answered; after the kill the database has it as card %d, face %d; want face down (%d)", id, text, f.ID, f.Face, model.FaceDown)
		}
	}
	extra := 0
	for text := range byText {
		if _, ok := acked[text]; ok {
			continue
		}
		extra++
		if !unknown[text] {
			t.Errorf("the database has %q, which was refused or never sent", text)
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d cards answered before the kill are not in the database", lost, len(acked))
	}
	t.Logf("%d cards answered, %d requests in flight at the kill, %d never answered (%d of them stored), other answers %v",
		len(acked), flying, len(unknown), extra, refused)
}

// TestKill9Child is the app that TestKill9KeepsEverySentCard kills: a
// room on a database at the path childEnv names. It says where the room
// is on stdout and waits to be killed. Run by go test itself, it does
// nothing.
func TestKill9Child(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		return
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := model.NewDebrief("Killed mid-meeting")
	if err := storetest.CreateDebrief(ctx, db, &d); err != nil {
		t.Fatal(err)
	}
	s := session.Open(db, &model.Dossier{Debrief: d}, model.NewSession(d), session.IDs{Factor: 1, Link: 1, Sign: 1, Change: 1, Kudos: 1}, session.Options{})
	defer s.Close()
	r, err := Open(s, Config{IP: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fmt.Printf("room %s %s %d\n", r.JoinURL(), r.token, d.ID)
	// Killed, normally. Should the parent end first, its end of stdin
	// closes and this one ends too, not to be left behind.
	gone := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(gone) }()
	select {
	case <-gone:
	case <-time.After(5 * time.Minute):
	}
}

// post sends a request as the page does.
func post(c *http.Client, base, token, device, path, body string) (int, []byte, error) {
	cx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(cx, "POST", base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Room-Token", token)
	if device != "" {
		req.Header.Set("X-Room-Device", device)
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}
