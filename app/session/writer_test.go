package session

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// deadlockGuard is how long a test waits for something that should happen
// at once before it calls it a deadlock. It is no speed assertion.
const deadlockGuard = 60 * time.Second

// within fails the test if fn does not return within deadlockGuard.
func within(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(deadlockGuard):
		t.Fatalf("%s did not return within %v", what, deadlockGuard)
	}
}

// eventually fails the test if cond does not hold within deadlockGuard.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(deadlockGuard); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within %v", what, deadlockGuard)
		}
	}
}

// saverLog records what a writer reported, safely across goroutines.
type saverLog struct {
	mu      sync.Mutex
	errors  []error
	saved   int
	pending func() int // when set, onSaved records what it returns
	waiting []int      // pending() at each onSaved call
}

func (l *saverLog) onError(err error) { l.mu.Lock(); l.errors = append(l.errors, err); l.mu.Unlock() }
func (l *saverLog) onSaved() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.saved++
	if l.pending != nil {
		l.waiting = append(l.waiting, l.pending())
	}
}
func (l *saverLog) firstError() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errors) == 0 {
		return nil
	}
	return l.errors[0]
}
func (l *saverLog) counts() (errs, saved int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errors), l.saved
}

// boardDB is a database with one debrief for a writer to store into.
func boardDB(t *testing.T) (*store.DB, int64) {
	t.Helper()
	db := storetest.New(t)
	d := model.NewDebrief("Board")
	if err := storetest.CreateDebrief(context.Background(), db, &d); err != nil {
		t.Fatal(err)
	}
	return db, d.ID
}

func testCard(id int64, x float64) model.Factor {
	return model.Factor{ID: id, Text: "card", Category: model.Technical, X: x, W: 220, H: 120}
}

func move(id int64, x float64) model.Change {
	return model.Change{Factors: []model.Factor{testCard(id, x)}}
}

// drain flushes until nothing is pending, for savers that recover.
func drain(t *testing.T, s *Writer) {
	t.Helper()
	within(t, "draining the writer", func() {
		for s.Pending() > 0 {
			s.Flush()
		}
	})
}

func TestWriterKeepsOrder(t *testing.T) {
	db, debriefID := boardDB(t)
	var log saverLog
	s := NewWriter(func(ctx context.Context, c model.Change) error {
		return db.Apply(ctx, debriefID, c)
	}, log.onError, log.onSaved)
	t.Cleanup(s.Close)

	const cards, saves = 5, 500
	first := model.Change{}
	for id := int64(1); id <= cards; id++ {
		first.Factors = append(first.Factors, testCard(id, 0))
	}
	s.Save(first)
	wantX := map[int64]float64{}
	linked := false
	for i := 1; i < saves; i++ {
		if i%7 == 0 {
			// Toggle link 1: stored out of order, a delete would precede
			// its put, or a put its predecessor's delete, and this fails.
			if linked {
				s.Save(model.Change{DeleteLinks: []int64{1}})
			} else {
				s.Save(model.Change{Links: []model.Link{{ID: 1, FromID: 1, ToID: 2}}})
			}
			linked = !linked
			continue
		}
		id := int64(i%cards) + 1
		s.Save(move(id, float64(i)))
		wantX[id] = float64(i)
	}
	within(t, "Flush", s.Flush)
	if n := s.Pending(); n != 0 {
		t.Fatalf("pending after Flush = %d, want 0", n)
	}
	// The callbacks run on the worker before Flush returns.
	if errs, saved := log.counts(); errs != 0 || saved == 0 {
		t.Errorf("onError calls = %d (first %v), onSaved calls = %d; want none, and some", errs, log.firstError(), saved)
	}
	fs, err := storetest.Factors(context.Background(), db, debriefID)
	if err != nil || len(fs) != cards {
		t.Fatalf("cards = %+v, %v", fs, err)
	}
	for _, f := range fs {
		if f.X != wantX[f.ID] {
			t.Errorf("card %d at x = %v, want %v (the last move saved)", f.ID, f.X, wantX[f.ID])
		}
	}
	if ls, _ := storetest.Links(context.Background(), db, debriefID); (len(ls) == 1) != linked {
		t.Errorf("links = %+v, want linked = %v", ls, linked)
	}
}

func TestWriterFlushWaits(t *testing.T) {
	var mu sync.Mutex
	var applied []float64
	s := NewWriter(func(_ context.Context, c model.Change) error {
		time.Sleep(10 * time.Millisecond) // a slow disk
		mu.Lock()
		applied = append(applied, c.Factors[0].X)
		mu.Unlock()
		return nil
	}, nil, nil)
	defer s.Close()
	within(t, "Flush of nothing", s.Flush)
	for i := range 5 {
		s.Save(move(1, float64(i)))
	}
	s.Save(model.Change{}) // ignored
	within(t, "Flush", s.Flush)
	mu.Lock()
	defer mu.Unlock()
	if want := []float64{0, 1, 2, 3, 4}; !slices.Equal(applied, want) {
		t.Errorf("stored when Flush returned: %v, want %v", applied, want)
	}
	if n := s.Pending(); n != 0 {
		t.Errorf("pending = %d, want 0", n)
	}
}

var errDiskFull = errors.New("disk full")

func TestWriterRetriesAfterFailure(t *testing.T) {
	db, debriefID := boardDB(t)
	var mu sync.Mutex
	failures := 2     // the next calls that fail
	var calls []int64 // the X of each change tried, failed or not
	queued := make(chan struct{})
	var log saverLog
	s := NewWriterRetrying(func(ctx context.Context, c model.Change) error {
		<-queued // all three are queued before the first attempt ends
		mu.Lock()
		calls = append(calls, int64(c.Factors[0].X))
		fail := failures > 0
		if fail {
			failures--
		}
		mu.Unlock()
		if fail {
			return errDiskFull
		}
		return db.Apply(ctx, debriefID, c)
	}, log.onError, log.onSaved, time.Millisecond, 4*time.Millisecond)
	defer s.Close()
	log.pending = s.Pending

	for x := range 3 {
		s.Save(move(1, float64(x+1)))
	}
	close(queued)
	drain(t, s)
	if errs, saved := log.counts(); errs != 1 || saved == 0 {
		t.Fatalf("onError calls = %d, onSaved calls = %d; want 1 for the streak, and some", errs, saved)
	}
	log.mu.Lock()
	// The callbacks run on the worker, so onSaved saw the queue as the
	// successful retry left it: the two changes behind it still waiting.
	if len(log.waiting) == 0 || log.waiting[0] != 2 {
		t.Errorf("pending at each onSaved = %v; want the first call, on the retry's success, to see 2", log.waiting)
	}
	log.mu.Unlock()
	if err := log.firstError(); !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "keeps trying") {
		t.Errorf("reported %q; want a user-facing error wrapping the cause", err)
	}
	mu.Lock()
	if want := []int64{1, 1, 1, 2, 3}; !slices.Equal(calls, want) {
		t.Errorf("tried %v, want %v: the failed change first, and the rest in order behind it", calls, want)
	}
	failures = 1 // a new streak
	mu.Unlock()
	if f, err := storetest.Factor(context.Background(), db, 1); err != nil || f.X != 3 {
		t.Errorf("card 1 = %+v, %v; want x = 3", f, err)
	}

	s.Save(move(1, 4))
	drain(t, s)
	if errs, _ := log.counts(); errs != 2 {
		t.Errorf("onError calls after a second streak = %d, want 2", errs)
	}
	if f, _ := storetest.Factor(context.Background(), db, 1); f.X != 4 {
		t.Errorf("card 1 at x = %v, want 4", f.X)
	}
}

func TestWriterFlushReturnsWhileFailing(t *testing.T) {
	var mu sync.Mutex
	tries := 0
	var log saverLog
	// Backoff of an hour: Flush must not wait it out.
	s := NewWriterRetrying(func(context.Context, model.Change) error {
		mu.Lock()
		tries++
		mu.Unlock()
		return errDiskFull
	}, log.onError, log.onSaved, time.Hour, time.Hour)
	s.Save(move(1, 1))
	s.Save(move(1, 2))
	for i := range 3 {
		within(t, "Flush while failing", s.Flush)
		mu.Lock()
		n := tries
		mu.Unlock()
		if n < i+1 {
			t.Errorf("after Flush #%d: %d attempts, want a fresh one each time", i+1, n)
		}
	}
	if n := s.Pending(); n != 2 {
		t.Errorf("pending = %d, want 2 (nothing is dropped)", n)
	}
	within(t, "Close while failing", s.Close)
	if n := s.Pending(); n != 2 {
		t.Errorf("pending after Close = %d, want the 2 never stored", n)
	}
	if errs, saved := log.counts(); errs != 1 || saved != 0 {
		t.Errorf("onError calls = %d, onSaved calls = %d; want 1 and 0", errs, saved)
	}
}

// An attempt that fails as Close begins is made once more, afresh.
func TestWriterCloseRetriesOnce(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	calls := 0
	s := NewWriterRetrying(func(context.Context, model.Change) error {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			close(entered)
			<-release
			return errDiskFull
		}
		return nil
	}, nil, nil, time.Hour, time.Hour)
	s.Save(move(1, 1))
	<-entered
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		s.Close()
	}()
	eventually(t, "Close to begin", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.closed
	})
	close(release)
	select {
	case <-closed:
	case <-time.After(deadlockGuard):
		t.Fatalf("Close did not return within %v", deadlockGuard)
	}
	mu.Lock()
	defer mu.Unlock()
	if n := s.Pending(); n != 0 || calls != 2 {
		t.Errorf("after Close: pending = %d, attempts = %d; want 0 and 2", n, calls)
	}
}

func TestWriterNeverBlocks(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var applied []float64
	s := NewWriter(func(_ context.Context, c model.Change) error {
		<-release // the disk is stuck
		mu.Lock()
		applied = append(applied, c.Factors[0].X)
		mu.Unlock()
		return nil
	}, nil, nil)
	defer s.Close()

	reused := []model.Factor{{}} // the board may reuse its slices
	within(t, "100 Saves while the disk is stuck", func() {
		for i := range 100 {
			reused[0] = testCard(1, float64(i))
			s.Save(model.Change{Factors: reused})
		}
	})
	reused[0].X = -1
	if n := s.Pending(); n != 100 {
		t.Errorf("pending = %d, want 100", n)
	}
	close(release)
	within(t, "Flush", s.Flush)
	mu.Lock()
	defer mu.Unlock()
	if len(applied) != 100 {
		t.Fatalf("stored %d changes, want 100", len(applied))
	}
	for i, x := range applied {
		if x != float64(i) {
			t.Fatalf("change %d stored x = %v, want %d (order kept, slices copied)", i, x, i)
		}
	}
}

func TestWriterCloseStopsWorker(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	s := NewWriter(func(context.Context, model.Change) error {
		mu.Lock()
		calls++
		mu.Unlock()
		return nil
	}, nil, nil)
	for i := range 3 {
		s.Save(move(1, float64(i)))
	}
	within(t, "Close", s.Close)
	select {
	case <-s.done:
	default:
		t.Fatal("the worker is still running after Close")
	}
	mu.Lock()
	if calls != 3 {
		t.Errorf("Close stored %d changes, want 3", calls)
	}
	mu.Unlock()
	s.Save(move(1, 9)) // ignored
	if n := s.Pending(); n != 0 {
		t.Errorf("pending after a Save after Close = %d, want 0", n)
	}
	within(t, "Flush after Close", s.Flush)
	within(t, "a second Close", s.Close)
	mu.Lock()
	defer mu.Unlock()
	if calls != 3 {
		t.Errorf("a Save after Close was stored: %d calls", calls)
	}
}
