// Command roomload plays the participants of a room for the frame
// benchmark (.ci/bench-frames, scenes r0 and r1): while the real window is
// panned and a card dragged, they write cards into the room the app has
// open, as phones on the LAN would.
//
//	roomload -url http://IP:PORT/j/TOKEN -n 50 -cards 10 -over 12s
//
// Each participant joins (POST /api/devices), holds its event stream open
// and reads it all along, then sends its cards at a steady pace over
// -over (docs/room.md, "The participant API"). The participants' start
// times are spread evenly over one card's interval, so the room gets one
// card every over/(n*cards), not n at once. It prints "sending" on stdout
// once everyone has joined and got the room's first state, and at the end
// a line of key=value figures (see report). With -n 0 it sends nothing and
// only waits -over: the same timeline for the benchmark's baseline.
//
// Standard library only: it is a tool of the benchmark, not of the app.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	join := flag.String("url", "", "the room's URL, as its QR code says: http://IP:PORT/j/TOKEN")
	n := flag.Int("n", 50, "participants")
	cards := flag.Int("cards", 10, "cards each participant sends")
	over := flag.Duration("over", 12*time.Second, "the time over which the cards are sent")
	flag.Parse()
	base, token, err := parse(*join)
	if err != nil && *n > 0 {
		fatal(err)
	}
	if *cards < 1 || *over <= 0 {
		fatal(fmt.Errorf("-cards must be at least 1 and -over positive"))
	}

	t := &tally{statuses: map[string]int{}}
	streams, stop := context.WithCancel(context.Background())
	ps := make([]*participant, *n)
	for i := range ps {
		ps[i] = &participant{base: base, token: token, t: t, client: phone()}
	}
	parallel(ps, func(p *participant) {
		if p.join() {
			p.listen(streams)
		}
	})
	joined := 0
	for _, p := range ps {
		if p.device != "" && p.categories != nil {
			joined++
		}
	}
	fmt.Println("sending") // the benchmark starts its gestures from here
	start := time.Now()
	every := *over / time.Duration(*cards) // one participant's interval between cards
	for i, p := range ps {
		p.first = start.Add(every * time.Duration(i) / time.Duration(len(ps)))
	}
	parallel(ps, func(p *participant) { p.write(*cards, every) })
	if *n == 0 {
		time.Sleep(*over)
	}
	took := time.Since(start)
	// Streams stay open a moment so the last states reach them, as on phones.
	time.Sleep(500 * time.Millisecond)
	stop()
	for _, p := range ps {
		p.done.Wait()
		p.client.CloseIdleConnections()
	}
	report(ps, joined, t, took)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "roomload:", err)
	os.Exit(1)
}

// parse splits the join URL into the server's base and the token.
func parse(s string) (base, token string, err error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" || !strings.HasPrefix(u.Path, "/j/") || len(u.Path) <= 3 {
		return "", "", fmt.Errorf("-url %q is not a room URL (http://IP:PORT/j/TOKEN)", s)
	}
	return u.Scheme + "://" + u.Host, strings.TrimPrefix(u.Path, "/j/"), nil
}

// report prints what happened; the last line is for the script.
func report(ps []*participant, joined int, t *tally, took time.Duration) {
	var lat []float64
	sent, answered, events, bytesIn := 0, 0, 0, int64(0)
	var last time.Time
	for _, p := range ps {
		if p.last.After(last) {
			last = p.last
		}
		sent += p.sent
		answered += len(p.latency)
		lat = append(lat, p.latency...)
		events += p.events
		bytesIn += p.bytes.Load()
	}
	slices.Sort(lat)
	pct := func(q float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		k := int(float64(len(lat))*q/100 + 0.999999)
		return lat[min(max(k, 1), len(lat))-1]
	}
	var ru syscall.Rusage
	cpu := 0.0
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		cpu = float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
	}
	errs := sent - answered
	t.mu.Lock()
	defer t.mu.Unlock()
	var kinds []string
	for _, k := range slices.Sorted(maps.Keys(t.statuses)) {
		kinds = append(kinds, fmt.Sprintf("%s ×%d", k, t.statuses[k]))
	}
	fmt.Fprintf(os.Stderr, "roomload: %d of %d participants joined with a stream; %d cards sent over %s, %d answered 201, %d errors",
		joined, len(ps), sent, took.Round(time.Millisecond), answered, errs)
	if len(kinds) > 0 {
		fmt.Fprintf(os.Stderr, " (%s)", strings.Join(kinds, ", "))
	}
	fmt.Fprintf(os.Stderr, "\nroomload: answer latency p50 %.1f ms, p95 %.1f ms, max %.1f ms; %d states read (%.1f MB); the generator's own CPU %.2f s\n",
		pct(50), pct(95), pct(100), events, float64(bytesIn)/1e6, cpu)
	for _, pr := range t.problems[:min(5, len(t.problems))] {
		fmt.Fprintln(os.Stderr, "roomload:", pr)
	}
	fmt.Printf("result participants=%d joined=%d sent=%d answered=%d errors=%d p50_ms=%.1f p95_ms=%.1f max_ms=%.1f states=%d state_mb=%.1f took_s=%.2f cpu_s=%.2f last_unix_ns=%d\n",
		len(ps), joined, sent, answered, errs, pct(50), pct(95), pct(100), events, float64(bytesIn)/1e6, took.Seconds(), cpu, unixNano(last))
}

func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0 // nothing answered
	}
	return t.UnixNano()
}

// tally is what went wrong, all participants together.
type tally struct {
	mu       sync.Mutex
	statuses map[string]int // failed card requests by status ("429", "transport")
	problems []string       // the first few, in words
}

func (t *tally) fail(kind, format string, a ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if kind != "" {
		t.statuses[kind]++
	}
	if len(t.problems) < 20 {
		t.problems = append(t.problems, fmt.Sprintf(format, a...))
	}
}

// participant is one phone: connections of its own.
type participant struct {
	base, token, device string
	client              *http.Client
	t                   *tally
	categories          []string // the room's, from its first state
	first               time.Time

	sent    int
	latency []float64 // ms from sending a card to its 201
	last    time.Time // the last 201

	done   sync.WaitGroup // the stream's reader
	events int            // states read; the reader's until done
	bytes  atomic.Int64
}

func phone() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil // the room is on the LAN
	return &http.Client{Transport: tr}
}

func parallel(ps []*participant, fn func(*participant)) {
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Go(func() { fn(p) })
	}
	wg.Wait()
}

func (p *participant) send(path string, body []byte) (int, []byte, error) {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(c, "POST", p.base+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Room-Token", p.token)
	if p.device != "" {
		req.Header.Set("X-Room-Device", p.device)
	}
	res, err := p.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

func (p *participant) join() bool {
	code, body, err := p.send("/api/devices", []byte(`{}`))
	var out struct{ Device string }
	if err != nil || code != http.StatusOK || json.Unmarshal(body, &out) != nil || out.Device == "" {
		p.t.fail("", "join: %d %s %v", code, body, err)
		return false
	}
	p.device = out.Device
	return true
}

// listen opens the event stream and reads it until c ends, as the page
// does; it returns once the first state came (with the categories).
func (p *participant) listen(c context.Context) {
	req, err := http.NewRequestWithContext(c, "GET", p.base+"/api/events?t="+p.token+"&d="+p.device, nil)
	if err != nil {
		p.t.fail("", "events: %v", err)
		return
	}
	res, err := p.client.Do(req)
	if err != nil {
		p.t.fail("", "events: %v", err)
		return
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		p.t.fail("", "events: %d", res.StatusCode)
		return
	}
	first := make(chan []string, 1)
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		defer res.Body.Close()
		defer close(first)
		// A state holds every revealed card (tens of KB on a board of
		// 300): one buffer, reused for every line.
		br := bufio.NewReaderSize(res.Body, 64<<10)
		var line []byte
		for {
			part, err := br.ReadSlice('\n')
			p.bytes.Add(int64(len(part)))
			line = append(line, part...)
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				return // the run is over, or the room closed
			}
			if data, ok := bytes.CutPrefix(line, []byte("data: ")); ok {
				p.events++
				if p.events == 1 {
					var st struct {
						Categories []struct{ Key string } `json:"categories"`
					}
					var keys []string
					if json.Unmarshal(data, &st) == nil {
						for _, c := range st.Categories {
							keys = append(keys, c.Key)
						}
					}
					first <- keys
				}
			}
			line = line[:0]
		}
	}()
	select {
	case keys := <-first:
		if len(keys) == 0 {
			p.t.fail("", "the first state named no categories")
			return
		}
		p.categories = keys
	case <-time.After(30 * time.Second):
		p.t.fail("", "no state within 30 s of opening the stream")
	}
}

// write sends k cards, one every interval from p.first, each with a
// random key, text and category; a card not answered 201 is counted and
// not sent again.
func (p *participant) write(k int, every time.Duration) {
	if p.device == "" || p.categories == nil {
		return
	}
	for i := range k {
		time.Sleep(time.Until(p.first.Add(every * time.Duration(i))))
		key := make([]byte, 12)
		rand.Read(key)
		body, _ := json.Marshal(map[string]string{
			"key":      hex.EncodeToString(key),
			"text":     texts[mrand.IntN(len(texts))] + fmt.Sprintf(" (%s)", hex.EncodeToString(key[:3])),
			"category": p.categories[mrand.IntN(len(p.categories))],
		})
		sent := time.Now()
		p.sent++
		code, out, err := p.send("/api/cards", body)
		switch {
		case err != nil:
			p.t.fail("transport", "card: %v", err)
		case code != http.StatusCreated:
			p.t.fail(fmt.Sprint(code), "card: %d %s", code, bytes.TrimSpace(out))
		default:
			p.last = time.Now()
			p.latency = append(p.latency, float64(p.last.Sub(sent))/1e6)
		}
	}
}

// texts are what people write in silent writing, of a few lengths.
var texts = []string{
	"The deploy ran while the migration held the lock",
	"Nobody owned the runbook",
	"Pager went to the old rota",
	"The alert fired but its threshold had been raised the week before, so it looked like noise",
	"Good: the rollback took four minutes",
	"We were lucky it happened on a Tuesday morning",
	"The dashboard showed averages, which hid the slow tail that customers actually felt for an hour",
	"Two people were fixing the same thing without knowing it",
}
