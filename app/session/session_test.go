package session

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/export"
)

// recorder is a Store that remembers what it stored, in order, and can be
// told to fail, as a full disk does.
type recorder struct {
	mu     sync.Mutex
	next   Store // where changes really go; nil keeps them only here
	stored []model.Change
	fail   error
}

func (r *recorder) Apply(ctx context.Context, id int64, c model.Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	if r.next != nil {
		if err := r.next.Apply(ctx, id, c); err != nil {
			return err
		}
	}
	r.stored = append(r.stored, c)
	return nil
}

func (r *recorder) setFail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fail = err
}

func (r *recorder) changes() []model.Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]model.Change(nil), r.stored...)
}

// eventLog is an observer that keeps every event it hears.
type eventLog struct {
	mu     sync.Mutex
	events []model.Event
}

func (l *eventLog) add(ev model.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, ev)
}

func (l *eventLog) all() []model.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]model.Event(nil), l.events...)
}

// openOn opens a session on a new debrief of a real database.
func openOn(t *testing.T, st Store, opt Options) (*Session, *store.DB) {
	t.Helper()
	db, id := boardDB(t)
	if r, ok := st.(*recorder); ok && r.next == nil {
		r.next = db
	}
	if st == nil {
		st = db
	}
	deb, err := storetest.Debrief(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	s := Open(st, &model.Dossier{Debrief: deb}, model.NewSession(deb), IDs{Factor: 1, Link: 1, Sign: 1, Change: 1, Kudos: 1}, opt)
	t.Cleanup(func() { s.Close() })
	return s, db
}

// Two goroutines edit at once; every change lands in one order, the same
// for the memory, the observers and the disk.
func TestChangesFromTwoGoroutinesLandInOrder(t *testing.T) {
	rec := &recorder{}
	s, db := openOn(t, rec, Options{})
	var log eventLog
	s.Observe(log.add)

	const moves = 300
	var wg sync.WaitGroup
	for g := int64(1); g <= 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := s.NewFactorID()
			for i := 1; i <= moves; i++ {
				if err := s.Edit(g, move(id, float64(i))); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	within(t, "Flush", s.Flush)

	events := log.all()
	if len(events) != 2*moves {
		t.Fatalf("the observer heard %d events, want %d", len(events), 2*moves)
	}
	stored := rec.changes()
	if len(stored) != len(events) {
		t.Fatalf("%d changes stored, %d heard", len(stored), len(events))
	}
	lastX := map[int64]float64{}
	for i, ev := range events {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
		f := ev.Change.Factors[0]
		if f.X != lastX[f.ID]+1 {
			t.Fatalf("card %d moved to %g after %g: out of order", f.ID, f.X, lastX[f.ID])
		}
		lastX[f.ID] = f.X
		if !reflect.DeepEqual(stored[i].Factors, ev.Change.Factors) {
			t.Fatalf("change %d stored as %+v, heard as %+v", i, stored[i].Factors, ev.Change.Factors)
		}
	}
	fs, err := storetest.Factors(context.Background(), db, s.ID())
	if err != nil || len(fs) != 2 {
		t.Fatalf("cards stored: %d, %v", len(fs), err)
	}
	for _, f := range fs {
		if f.X != moves {
			t.Errorf("card %d stored at x=%g, want %d", f.ID, f.X, moves)
		}
	}
}

// While the disk refuses, every change stays queued in order and is
// retried; the memory and the views have them all. When the disk is back,
// all are stored.
func TestFailingDiskKeepsEveryChangeQueued(t *testing.T) {
	rec := &recorder{}
	s, db := openOn(t, rec, Options{RetryFirst: time.Millisecond, RetryLongest: 5 * time.Millisecond})
	var states []SaveState
	var mu sync.Mutex
	s.ObserveSaving(func(st SaveState) { mu.Lock(); states = append(states, st); mu.Unlock() })

	full := errors.New("disk is full")
	rec.setFail(full)
	id := s.NewFactorID()
	for i := 1; i <= 10; i++ {
		if err := s.Edit(nil, move(id, float64(i))); err != nil {
			t.Fatal(err)
		}
	}
	within(t, "Flush", s.Flush)
	st := s.SaveState()
	if !st.Failing || st.Pending != 10 || !errors.Is(st.Err, full) {
		t.Fatalf("while failing: %+v, want failing with 10 pending and the disk's error", st)
	}
	if f, _ := s.Factor(id); f.X != 10 {
		t.Errorf("the session shows x=%g, want 10: the screen must keep every edit", f.X)
	}
	time.Sleep(20 * time.Millisecond) // several retries, all refused
	if n := len(rec.changes()); n != 0 {
		t.Fatalf("%d changes stored while the disk refused", n)
	}

	rec.setFail(nil)
	eventually(t, "every change stored", func() bool { return s.SaveState().Pending == 0 })
	got := rec.changes()
	if len(got) != 10 {
		t.Fatalf("%d changes stored, want 10", len(got))
	}
	for i, c := range got {
		if c.Factors[0].X != float64(i+1) {
			t.Fatalf("change %d stored x=%g: order lost", i, c.Factors[0].X)
		}
	}
	f, err := storetest.Factor(context.Background(), db, id)
	if err != nil || f.X != 10 {
		t.Fatalf("stored card: %+v, %v", f, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(states) < 2 || !states[0].Failing || states[len(states)-1].Failing {
		t.Errorf("save states heard: %+v; want a failure, then all saved", states)
	}
}

// One undo history for the whole debrief: a card added and moved on the
// board and a lesson typed in between undo and redo in the order made.
func TestUndoRedoAcrossBoardAndLessonEdits(t *testing.T) {
	s, db := openOn(t, nil, Options{Pause: time.Hour})
	card := s.NewFactorID()
	if err := s.Edit("board", model.Change{Label: "Add card", Factors: []model.Factor{testCard(card, 0)}}); err != nil {
		t.Fatal(err)
	}
	typeLesson := func(text string) {
		p := s.Parts()
		p.Lesson.WhatLed = text
		if err := s.Type("lessons", model.Change{Label: "Edit lesson", Merge: "what led", Parts: &p}); err != nil {
			t.Fatal(err)
		}
	}
	for _, text := range []string{"T", "Ti", "Tired"} { // one run of typing: one step
		typeLesson(text)
	}
	if err := s.Edit("board", model.Change{Label: "Move", Factors: []model.Factor{testCard(card, 300)}}); err != nil {
		t.Fatal(err)
	}

	type state struct {
		onBoard bool
		x       float64
		lesson  string
	}
	now := func() state {
		f, ok := s.Factor(card)
		return state{ok, f.X, s.Parts().Lesson.WhatLed}
	}
	steps := []struct {
		undo  bool
		label string
		want  state
	}{
		{true, "Move", state{true, 0, "Tired"}},
		{true, "Edit lesson", state{true, 0, ""}},
		{true, "Add card", state{false, 0, ""}},
		{false, "Add card", state{true, 0, ""}},
		{false, "Edit lesson", state{true, 0, "Tired"}},
		{false, "Move", state{true, 300, "Tired"}},
	}
	for i, st := range steps {
		var label string
		if st.undo {
			label = s.Undo("menu")
		} else {
			label = s.Redo("menu")
		}
		if label != st.label || now() != st.want {
			t.Fatalf("step %d (undo=%v): %q -> %+v; want %q -> %+v", i, st.undo, label, now(), st.label, st.want)
		}
	}
	if s.CanRedo() {
		t.Error("nothing should be left to redo")
	}
	s.Undo("menu") // the move, once more; then the disk must agree with the screen
	within(t, "Flush", s.Flush)
	f, err := storetest.Factor(context.Background(), db, card)
	if err != nil || f.X != 0 {
		t.Fatalf("stored card %+v, %v; want x=0", f, err)
	}
	d, err := db.LoadDossier(context.Background(), s.ID())
	if err != nil || d.Lesson.WhatLed != "Tired" {
		t.Fatalf("stored lesson %q, %v", d.Lesson.WhatLed, err)
	}
}

// Every observer hears the same events in the same order, whichever
// goroutine made them, undo included.
func TestTwoObserversSeeIdenticalSequences(t *testing.T) {
	s, _ := openOn(t, nil, Options{})
	var a, b eventLog
	s.Observe(a.add)
	s.Observe(b.add)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := s.NewFactorID()
			for i := 0; i < 100; i++ {
				switch i % 10 {
				case 9:
					s.Undo(g)
				default:
					if err := s.Edit(g, move(id, float64(i))); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	ea, eb := a.all(), b.all()
	if len(ea) < 4*90 {
		t.Fatalf("heard %d events, want at least %d", len(ea), 4*90)
	}
	if !reflect.DeepEqual(ea, eb) {
		for i := range min(len(ea), len(eb)) {
			if !reflect.DeepEqual(ea[i], eb[i]) {
				t.Fatalf("the observers differ at event %d: %+v / %+v", i, ea[i], eb[i])
			}
		}
		t.Fatalf("the observers heard %d and %d events", len(ea), len(eb))
	}
	for i, ev := range ea {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
	}
}

// An observer that starts late hears only what happens after the
// snapshot it gets: nothing twice, nothing missed.
func TestObserveReturnsTheStateBeforeItsFirstEvent(t *testing.T) {
	s, _ := openOn(t, nil, Options{})
	id := s.NewFactorID()
	if err := s.Edit(nil, move(id, 1)); err != nil {
		t.Fatal(err)
	}
	var log eventLog
	d, stop := s.Observe(log.add)
	if len(d.Factors) != 1 || d.Factors[0].X != 1 {
		t.Fatalf("snapshot %+v", d.Factors)
	}
	if err := s.Edit(nil, move(id, 2)); err != nil {
		t.Fatal(err)
	}
	stop()
	if err := s.Edit(nil, move(id, 3)); err != nil {
		t.Fatal(err)
	}
	if ev := log.all(); len(ev) != 1 || ev[0].Change.Factors[0].X != 2 {
		t.Fatalf("heard %+v, want only the move to x=2", ev)
	}
}

// A refused change changes nothing anywhere and is not undoable.
func TestRefusedChangeChangesNothing(t *testing.T) {
	rec := &recorder{}
	s, _ := openOn(t, rec, Options{})
	var log eventLog
	s.Observe(log.add)
	bad := testCard(s.NewFactorID(), 0)
	bad.Category = "nonsense"
	if err := s.Edit(nil, model.Change{Factors: []model.Factor{bad}}); err == nil {
		t.Fatal("a card of an unknown category was taken")
	}
	if err := s.Edit(nil, model.Change{Links: []model.Link{{ID: 1, FromID: 98, ToID: 99}}}); err == nil {
		t.Fatal("an arrow between missing cards was taken")
	}
	within(t, "Flush", s.Flush)
	if len(log.all()) != 0 || len(rec.changes()) != 0 || s.CanUndo() {
		t.Fatalf("a refused change left a trace: %d events, %d stored, undo %v", len(log.all()), len(rec.changes()), s.CanUndo())
	}
}

// Typing is stored once it pauses, in one change, after the board edits
// made before it and before those made after.
func TestTypingIsStoredInTurn(t *testing.T) {
	rec := &recorder{}
	s, _ := openOn(t, rec, Options{Pause: time.Hour})
	d := s.Debrief()
	for _, title := range []string{"W", "Wi", "Wiring"} {
		d.Title = title
		if err := s.Type(nil, model.Change{Debrief: &d}); err != nil {
			t.Fatal(err)
		}
	}
	within(t, "Flush", func() { s.w.Flush() })
	if n := len(rec.changes()); n != 0 {
		t.Fatalf("%d changes stored while typing; want none until the pause", n)
	}
	if st := s.SaveState(); st.Pending != 1 {
		t.Fatalf("pending while typing: %d, want 1", st.Pending)
	}
	if err := s.Edit(nil, move(s.NewFactorID(), 1)); err != nil {
		t.Fatal(err)
	}
	within(t, "Flush", s.Flush)
	got := rec.changes()
	if len(got) != 2 || got[0].Debrief == nil || got[0].Debrief.Title != "Wiring" || len(got[1].Factors) != 1 {
		t.Fatalf("stored %s; want the typed title, then the card", describe(got))
	}
}

// Marking reviewed needs a chosen change with an owner and a date; a
// later edit that takes one away makes the debrief a draft again.
func TestReviewedNeedsTheOneChange(t *testing.T) {
	s, db := openOn(t, nil, Options{})
	if err := s.SetStatus(nil, model.Reviewed); !errors.Is(err, model.ErrNotReady) {
		t.Fatalf("reviewed without a change: %v", err)
	}
	p := s.Parts()
	p.Changes = []model.ProcessChange{{ID: s.NewChangeID(), What: "Sign-offs", Owner: "Ana", Chosen: true,
		CheckBack: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)}}
	if err := s.Edit(nil, model.Change{Parts: &p}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(nil, model.Reviewed); err != nil {
		t.Fatal(err)
	}
	p.Changes[0].Owner = ""
	if err := s.Edit(nil, model.Change{Parts: &p}); err != nil {
		t.Fatal(err)
	}
	if st := s.Debrief().Status; st != model.Draft {
		t.Fatalf("status %v after the owner went; want draft", st)
	}
	within(t, "Flush", s.Flush)
	d, err := storetest.Debrief(context.Background(), db, s.ID())
	if err != nil || d.Status != model.Draft {
		t.Fatalf("stored status %v, %v", d.Status, err)
	}
}

func describe(cs []model.Change) string {
	out := ""
	for _, c := range cs {
		out += fmt.Sprintf("[cards %d, debrief %v, parts %v] ", len(c.Factors), c.Debrief != nil, c.Parts != nil)
	}
	return out
}

// An observer may edit the debrief while it is told of a change (the
// room answering a card, say): nothing deadlocks, and every observer
// still hears every event once, in order.
func TestObserverThatEditsDoesNotDeadlock(t *testing.T) {
	s, _ := openOn(t, nil, Options{})
	var a, b eventLog
	echo := s.NewFactorID()
	s.Observe(func(ev model.Event) {
		a.add(ev)
		if ev.Origin == "user" { // answer each user edit with an edit of our own
			if err := s.Edit("observer", move(echo, float64(ev.Seq))); err != nil {
				t.Error(err)
			}
		}
	})
	s.Observe(b.add)
	id := s.NewFactorID()
	within(t, "edits with an editing observer", func() {
		for i := 1; i <= 20; i++ {
			if err := s.Edit("user", move(id, float64(i))); err != nil {
				t.Error(err)
			}
		}
	})
	ea, eb := a.all(), b.all()
	if len(ea) != 40 || !reflect.DeepEqual(ea, eb) {
		t.Fatalf("heard %d and %d events; want the same 40", len(ea), len(eb))
	}
	for i, ev := range ea {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
	}
}

// A change the model refuses (a summary over the limit) is refused where
// it is made, alone: the other fields typed before and after it are
// stored, and the debrief exports to a file that imports again.
func TestOneBadFieldDoesNotBlockTheOthers(t *testing.T) {
	s, db := openOn(t, nil, Options{Pause: time.Hour})
	d := s.Debrief()
	d.Title = "Camping without poles"
	if err := s.Type(nil, model.Change{Debrief: &d}); err != nil {
		t.Fatal(err)
	}
	long := d
	long.Summary = strings.Repeat("x", model.MaxText+1)
	if err := s.Type(nil, model.Change{Debrief: &long}); err == nil {
		t.Fatal("a summary over the limit was taken")
	}
	p := s.Parts()
	p.Lesson.WhatLed = "Packed in the dark"
	if err := s.Type(nil, model.Change{Parts: &p}); err != nil {
		t.Fatal(err)
	}
	within(t, "Flush", s.Flush)
	if st := s.SaveState(); st.Failing || st.Pending != 0 {
		t.Fatalf("save state %+v after a refused field", st)
	}
	stored, err := db.LoadDossier(context.Background(), s.ID())
	if err != nil || stored.Debrief.Title != "Camping without poles" || stored.Lesson.WhatLed != "Packed in the dark" {
		t.Fatalf("stored %q / %q, %v", stored.Debrief.Title, stored.Lesson.WhatLed, err)
	}
	var buf bytes.Buffer
	if _, err := export.Write(&buf, s.Dossier(), export.JSON, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := export.ReadJSON(&buf); err != nil {
		t.Fatalf("the saved copy does not import again: %v", err)
	}
}
