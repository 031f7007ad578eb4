//go:build unix

package room

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// The room under load: participants on loopback against a real room on a
// real on-disk SQLite store, as in a meeting. Each joins, holds its event
// stream open and reads it all along, writes loadCards cards, and after
// the facilitator moves to Connect and reveals them makes loadVotes vote
// requests. Run once per figure:
//
//	go test -run '^$' -bench Room -benchtime 1x -count 3 ./app/room
//
// A run fails when a card answered 201 is not in SQLite, when the votes
// stored are not the votes answered 200, or on any 5xx.
//
// The figures include the participants' own work (HTTP clients, reading
// 50 streams): they run in the same process. BenchmarkRoom1 is the same
// with one participant, the baseline of the same run.

const (
	loadCards = 10 // cards each participant writes
	// loadWriting is the time over which each participant sends its cards,
	// at random moments. A real meeting spreads them over a minute or more;
	// 10 s is six times that rate (50 participants: about 50 cards/s
	// offered), stays under the 30 cards a minute a device may send, and
	// keeps three runs short on a shared 2-core machine.
	loadWriting = 10 * time.Second
	loadVotes   = 50 // vote requests each participant makes, under WritesPerMin
	// loadShortlist is how many cards a participant votes among: with all
	// 500 cards to choose from, nearly every take-back would find no dot and
	// no card would reach the per-card limit.
	loadShortlist = 4
)

func BenchmarkRoom50(b *testing.B) { benchRoom(b, 50) }
func BenchmarkRoom1(b *testing.B)  { benchRoom(b, 1) }

// loadRun is what the iterations measured, together.
type loadRun struct {
	toSession, answered, voted []float64 // ms
	cards, votes               int       // cards answered 201; votes answered 200 (adds and takes-back)
	writing                    time.Duration
	peakHeap                   uint64
	cpu                        time.Duration
}

func benchRoom(b *testing.B, n int) {
	var all loadRun
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC() // the previous run's garbage is not this run's heap
		roomLoad(b, n, uint64(i), &all)
	}
	b.ReportMetric(float64(all.cards)/float64(b.N), "cards")
	b.ReportMetric(float64(all.votes)/float64(b.N), "votes")
	b.ReportMetric(0, "lost") // a run that lost anything has failed
	b.ReportMetric(percentileMs(all.toSession, 50), "session-p50-ms")
	b.ReportMetric(percentileMs(all.toSession, 95), "session-p95-ms")
	b.ReportMetric(percentileMs(all.answered, 50), "answer-p50-ms")
	b.ReportMetric(percentileMs(all.answered, 95), "answer-p95-ms")
	b.ReportMetric(percentileMs(all.voted, 50), "vote-p50-ms")
	b.ReportMetric(percentileMs(all.voted, 95), "vote-p95-ms")
	b.ReportMetric(float64(all.cards)/all.writing.Seconds(), "cards/s")
	b.ReportMetric(float64(all.peakHeap)/1e6, "peak-heap-MB")
	b.ReportMetric(all.cpu.Seconds()/float64(b.N), "cpu-s")
}

// percentileMs is the nearest-rank percentile p of v.
func percentileMs(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	k := int(float64(len(s))*p/100 + 0.999999)
	return s[min(max(k, 1), len(s))-1]
}

// roomLoad runs one meeting of n participants and adds its figures to all.
// The timer runs from the first join to the last vote's answer.
func roomLoad(b *testing.B, n int, seed uint64, all *loadRun) {
	db := storetest.New(b)
	if path := db.Path(); strings.Contains(path, ":memory:") || strings.Contains(path, "mode=memory") {
		b.Fatalf("the store is in memory (%s); the benchmark is about the disk", path)
	} else if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		b.Fatalf("the store is not a file on disk: %s (%v)", path, err)
	}
	d := model.NewDebrief("Checkout outage")
	if err := storetest.CreateDebrief(ctx, db, &d); err != nil {
		b.Fatal(err)
	}
	s := session.Open(db, &model.Dossier{Debrief: d}, model.NewSession(d), session.IDs{Factor: 1, Link: 1, Sign: 1, Change: 1, Kudos: 1}, session.Options{})
	defer s.Close()
	c := s.Clock()
	c.Phase = model.FactorsPhase
	if err := s.SetClock("facilitator", c); err != nil {
		b.Fatal(err)
	}
	r, err := Open(s, Config{IP: "127.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()

	// When each card reached the session: the first event that carries it.
	var seenMu sync.Mutex
	seen := map[int64]time.Time{}
	_, stopObs := s.Observe(func(ev model.Event) {
		if ev.Kind != model.Edited || len(ev.Change.Factors) == 0 {
			return
		}
		now := time.Now()
		seenMu.Lock()
		for _, f := range ev.Change.Factors {
			if _, ok := seen[f.ID]; !ok {
				seen[f.ID] = now
			}
		}
		seenMu.Unlock()
	})
	defer stopObs()

	run := &loadTally{}
	streams, stopStreams := context.WithCancel(context.Background())
	defer stopStreams()
	ps := make([]*loader, n)
	for i := range ps {
		ps[i] = &loader{base: strings.TrimSuffix(r.JoinURL(), "/"), token: r.token, run: run,
			rng: rand.New(rand.NewPCG(seed, uint64(i))), client: loaderClient()}
	}
	defer func() {
		for _, p := range ps {
			p.client.CloseIdleConnections()
		}
	}()

	stopHeap := sampleHeap()
	cpu0 := cpuTime()
	b.StartTimer()

	// Join and open the streams, all at once, as a room does when the QR
	// code goes up.
	parallel(ps, func(p *loader) {
		if p.join() {
			p.listen(streams)
		}
	})
	run.check(b)

	// Silent writing.
	start := time.Now()
	parallel(ps, func(p *loader) { p.write(start, loadCards, loadWriting) })
	run.check(b)
	written := time.Duration(0)
	for _, p := range ps {
		for _, sc := range p.cards {
			written = max(written, sc.answered.Sub(start))
		}
	}

	// The facilitator moves to Connect and reveals every card.
	c = s.Clock()
	c.Phase = model.ConnectPhase
	if err := s.SetClock("facilitator", c); err != nil {
		b.Fatal(err)
	}
	var up []model.Factor
	var ids []int64
	for _, f := range s.Dossier().Factors {
		f.Face = model.FaceUp
		up = append(up, f)
		ids = append(ids, f.ID)
	}
	if err := s.Edit("board", model.Change{Label: "Reveal all", Factors: up}); err != nil {
		b.Fatal(err)
	}

	// Voting: each participant's requests one after another, as fast as the
	// room answers, all participants at once: the busiest minute of a room.
	parallel(ps, func(p *loader) { p.vote(ids, loadVotes) })
	run.check(b)

	b.StopTimer()
	cpu := cpuTime() - cpu0
	heap := stopHeap()

	// What SQLite has now, before the session closes: Close would store
	// anything still queued and hide an answer given before its commit.
	stored, err := db.LoadDossier(ctx, s.ID())
	if err != nil {
		b.Fatal(err)
	}
	checkNothingLost(b, ps, stored)
	waitForStreams(b, ps, len(ids))

	seenMu.Lock()
	for _, p := range ps {
		for _, sc := range p.cards {
			at, ok := seen[sc.id]
			if !ok {
				b.Fatalf("card %d was answered 201 but the session never told its observers", sc.id)
			}
			all.toSession = append(all.toSession, ms(at.Sub(sc.sent)))
			all.answered = append(all.answered, ms(sc.answered.Sub(sc.sent)))
		}
		all.voted = append(all.voted, p.voted...)
		all.cards += len(p.cards)
		for _, k := range p.adds {
			all.votes += k
		}
		for _, k := range p.takes {
			all.votes += k
		}
	}
	seenMu.Unlock()
	all.writing += written
	all.peakHeap = max(all.peakHeap, heap)
	all.cpu += cpu
	stopStreams()
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// checkNothingLost fails the benchmark unless SQLite has every card
// answered 201, with its text, and exactly the votes answered 200.
func checkNothingLost(b *testing.B, ps []*loader, stored *model.Dossier) {
	b.Helper()
	byID := map[int64]model.Factor{}
	for _, f := range stored.Factors {
		byID[f.ID] = f
	}
	acked, lost := 0, 0
	want := map[int64]int{} // pending votes per card, from the answers
	for _, p := range ps {
		for _, sc := range p.cards {
			acked++
			if f, ok := byID[sc.id]; !ok || f.Text != sc.text {
				lost++
				if lost <= 5 {
					b.Errorf("card %d %q was answered 201 but SQLite has %+v (found: %v)", sc.id, sc.text, f, ok)
				}
			}
		}
		for id, k := range p.adds {
			want[id] += k
		}
		for id, k := range p.takes {
			want[id] -= k
		}
	}
	if lost > 0 || acked != len(stored.Factors) {
		b.Fatalf("%d of %d cards answered 201 are not in SQLite; SQLite has %d cards", lost, acked, len(stored.Factors))
	}
	wantAll, gotAll := 0, 0
	for _, f := range stored.Factors {
		wantAll += want[f.ID]
		gotAll += f.Pending
		if f.Pending != want[f.ID] {
			b.Errorf("card %d has %d pending votes in SQLite; the answers say %d", f.ID, f.Pending, want[f.ID])
		}
	}
	if wantAll != gotAll || b.Failed() {
		b.Fatalf("SQLite has %d votes; the participants were answered 200 for %d (adds minus take-backs)", gotAll, wantAll)
	}
}

// waitForStreams fails the benchmark unless every participant's stream
// ends on the room as it is: its own cards, every card revealed, its dots.
// The stream only ever carries the latest state, so this waits for it.
func waitForStreams(b *testing.B, ps []*loader, cards int) {
	b.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		stale := ""
		for i, p := range ps {
			var st state
			p.mu.Lock()
			err := json.Unmarshal(p.last, &st)
			events := p.events
			p.mu.Unlock()
			used := 0
			for _, k := range p.adds {
				used += k
			}
			for _, k := range p.takes {
				used -= k
			}
			if err != nil || len(st.Mine) != len(p.cards) || len(st.Cards) != cards || st.Votes.Left != DefaultDots-used {
				stale = fmt.Sprintf("participant %d's stream (%d states, %v) last said %d own cards, %d cards, %d dots left; want %d, %d, %d",
					i, events, err, len(st.Mine), len(st.Cards), st.Votes.Left, len(p.cards), cards, DefaultDots-used)
				break
			}
		}
		if stale == "" {
			return
		}
		if time.Now().After(deadline) {
			b.Fatal(stale)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// ---- a participant ----

// loader is one simulated participant: a phone with its own connections.
type loader struct {
	base, token, device string
	client              *http.Client
	rng                 *rand.Rand
	run                 *loadTally

	cards       []sentCard
	adds, takes map[int64]int // votes answered 200, per card
	voted       []float64     // ms from send to answer, every vote request

	mu     sync.Mutex // the stream's reader writes these
	last   []byte     // the latest state's data
	events int
}

type sentCard struct {
	id             int64
	text           string
	sent, answered time.Time
}

// loadTally is what the participants found wrong, for the benchmark's
// goroutine to fail on.
type loadTally struct {
	mu        sync.Mutex
	problems  []string
	serverErr atomic.Int64 // 5xx answers
}

func (t *loadTally) problem(format string, a ...any) {
	t.mu.Lock()
	t.problems = append(t.problems, fmt.Sprintf(format, a...))
	t.mu.Unlock()
}

func (t *loadTally) check(b *testing.B) {
	b.Helper()
	t.mu.Lock()
	defer t.mu.Unlock()
	if n := t.serverErr.Load(); n > 0 || len(t.problems) > 0 {
		b.Fatalf("%d answers were 5xx; %d problems, the first: %s", n, len(t.problems), strings.Join(t.problems[:min(5, len(t.problems))], "; "))
	}
}

// loaderClient is a phone's HTTP client: connections of its own, kept
// alive, never through a proxy.
func loaderClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	return &http.Client{Transport: tr}
}

func parallel(ps []*loader, fn func(*loader)) {
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Go(func() { fn(p) })
	}
	wg.Wait()
}

// send makes one request as the page does; a transport error or a 5xx is
// noted as a problem, and returns status 0.
func (p *loader) send(method, path string, body []byte) (int, []byte) {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(c, method, p.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Room-Token", p.token)
	if p.device != "" {
		req.Header.Set("X-Room-Device", p.device)
	}
	res, err := p.client.Do(req)
	if err != nil {
		p.run.problem("%s %s: %v", method, path, err)
		return 0, nil
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		p.run.problem("%s %s: reading the answer: %v", method, path, err)
		return 0, nil
	}
	if res.StatusCode >= 500 {
		p.run.serverErr.Add(1)
		p.run.problem("%s %s: %d %s", method, path, res.StatusCode, out)
	}
	return res.StatusCode, out
}

func (p *loader) join() bool {
	code, body := p.send("POST", "/api/devices", []byte(`{}`))
	var out struct{ Device string }
	if code != 200 || json.Unmarshal(body, &out) != nil || out.Device == "" {
		p.run.problem("join: %d %s", code, body)
		return false
	}
	p.device = out.Device
	p.adds, p.takes = map[int64]int{}, map[int64]int{}
	return true
}

// listen opens the device's event stream and reads it until c ends,
// keeping the latest state; it returns once the first state came.
func (p *loader) listen(c context.Context) {
	req, _ := http.NewRequestWithContext(c, "GET", p.base+"/api/events?t="+p.token+"&d="+p.device, nil)
	res, err := p.client.Do(req)
	if err != nil {
		p.run.problem("events: %v", err)
		return
	}
	if res.StatusCode != 200 {
		if res.StatusCode >= 500 {
			p.run.serverErr.Add(1)
		}
		res.Body.Close()
		p.run.problem("events: %d", res.StatusCode)
		return
	}
	first := make(chan struct{})
	go func() {
		defer res.Body.Close()
		once := sync.OnceFunc(func() { close(first) })
		defer once()
		// A state of 500 cards is about 50 KB: a line is gathered in
		// one buffer reused for every line, not in a reader that large per
		// phone, so the participants add little to the heap measured.
		br := bufio.NewReader(res.Body)
		var line []byte
		for {
			part, err := br.ReadSlice('\n')
			line = append(line, part...)
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				return // the stream ended: the run is over or the room closed
			}
			if data, ok := bytes.CutPrefix(line, []byte("data: ")); ok {
				p.mu.Lock()
				p.last = append(p.last[:0], bytes.TrimSpace(data)...)
				p.events++
				p.mu.Unlock()
				once()
			}
			line = line[:0]
		}
	}()
	select {
	case <-first:
	case <-time.After(30 * time.Second):
		p.run.problem("no state within 30 s of opening the stream")
	}
}

// write sends k cards at random moments within over from start, one
// after another, as someone typing on a phone does.
func (p *loader) write(start time.Time, k int, over time.Duration) {
	if p.device == "" {
		return
	}
	at := make([]time.Duration, k)
	for i := range at {
		at[i] = time.Duration(p.rng.Int64N(int64(over)))
	}
	slices.Sort(at)
	cats := model.Categories()
	for i, off := range at {
		time.Sleep(time.Until(start.Add(off)))
		text := fmt.Sprintf("Card %d of %s: the deploy ran while the migration held the lock", i+1, p.device[:8])
		body, _ := json.Marshal(cardIn{Key: fmt.Sprintf("k%d", i), Text: text, Category: string(cats[p.rng.IntN(len(cats))])})
		sent := time.Now()
		code, out := p.send("POST", "/api/cards", body)
		answered := time.Now()
		var got struct{ ID int64 }
		if code != 201 || json.Unmarshal(out, &got) != nil || got.ID == 0 {
			if code != 0 {
				p.run.problem("card: %d %s", code, out)
			}
			continue
		}
		p.cards = append(p.cards, sentCard{id: got.ID, text: text, sent: sent, answered: answered})
	}
}

// vote makes k requests, each adding a dot to or taking one back from a
// card of the participant's shortlist, at random. Refusals (409: no dot
// left, two on that card already, none to take back) are expected.
func (p *loader) vote(ids []int64, k int) {
	if p.device == "" || len(ids) == 0 {
		return
	}
	short := make([]int64, 0, loadShortlist)
	for _, i := range p.rng.Perm(len(ids))[:min(loadShortlist, len(ids))] {
		short = append(short, ids[i])
	}
	for range k {
		id := short[p.rng.IntN(len(short))]
		add := p.rng.IntN(2) == 0
		sent := time.Now()
		var code int
		var out []byte
		if add {
			code, out = p.send("POST", "/api/votes", fmt.Appendf(nil, `{"card":%d}`, id))
		} else {
			code, out = p.send("DELETE", fmt.Sprintf("/api/votes/%d", id), nil)
		}
		p.voted = append(p.voted, ms(time.Since(sent)))
		switch {
		case code == 200 && add:
			p.adds[id]++
		case code == 200:
			p.takes[id]++
		case code == 409 || code == 0:
		default:
			p.run.problem("vote: %d %s", code, out)
		}
	}
}

// ---- the process ----

// sampleHeap notes the largest HeapInuse every 50 ms until stop, which
// returns it.
func sampleHeap() (stop func() uint64) {
	var peak uint64
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(quit)
		<-done
		return peak
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
