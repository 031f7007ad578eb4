// Package session owns the open debrief: the whole dossier in memory (cards,
// links, the debrief's fields, lesson, changes, kudos, the clock), the undo
// history, and the one ordered writer that stores every change.
//
// Every source of edits (the board, the forms, a participant's device)
// hands the session a model.Change; the session checks it, applies it,
// records it for undo, queues it for the disk and tells every observer,
// in one order for all. Views only render and turn gestures into changes.
// It imports no Fyne: views reach their UI goroutine themselves.
// docs/architecture.md draws how a change flows.
package session

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// EditPause is how long typing must pause before a typed edit is stored.
// With the transaction, every finished edit is on the disk within a second.
const EditPause = 400 * time.Millisecond

// Store is where the session writes: one change of one debrief in one
// transaction (store.DB.Apply).
type Store interface {
	Apply(ctx context.Context, debriefID int64, c model.Change) error
}

// SaveState is whether everything is on the disk.
type SaveState struct {
	Pending int   // changes not stored yet, counting those typed and not queued
	Failing bool  // the latest attempt to store failed; the writer keeps trying
	Err     error // why, when Failing
}

// IDs are the first free IDs of each kind of row, from the database: IDs
// are global, not per debrief.
type IDs struct{ Factor, Link, Sign, Change, Kudos, Timeline int64 }

// Options tune a session; the zero value is what the app uses.
type Options struct {
	Pause                    time.Duration // typing pause before a typed edit is stored; EditPause when 0
	RetryFirst, RetryLongest time.Duration // the writer's backoff; RetryFirst and RetryLongest when 0
}

// Session is one open debrief. Its methods may be called from any
// goroutine.
type Session struct {
	store Store
	pause time.Duration
	w     *Writer

	mu       sync.Mutex
	doc      *model.Document
	hist     model.History
	next     IDs
	seq      uint64
	typed    struct{ debrief, parts bool } // applied but not queued: stored once typing pauses
	timer    *time.Timer
	closed   bool
	events   []model.Event // applied, not yet told to every observer
	telling  bool          // a goroutine is telling the observers the events
	watchers []*watcher
	savers   []*watcher
	failing  error
}

type watcher struct {
	since   uint64 // the seq when it began observing: it hears only later events
	onEvent func(model.Event)
	onSave  func(SaveState)
	stopped atomic.Bool
}

// ErrClosed says the debrief is no longer open.
var ErrClosed = errors.New("the debrief is closed")

// Open starts a session on d with its clock; next holds the first free
// IDs (raised above any ID in d). It starts the session's writer.
func Open(st Store, d *model.Dossier, clock model.Session, next IDs, opt Options) *Session {
	s := &Session{store: st, doc: model.NewDocument(d, clock), next: next, pause: opt.Pause}
	if s.pause == 0 {
		s.pause = EditPause
	}
	first, longest := opt.RetryFirst, opt.RetryLongest
	if first == 0 {
		first = RetryFirst
	}
	if longest == 0 {
		longest = RetryLongest
	}
	f, l, sg, ch, k := s.doc.MaxIDs()
	s.next = IDs{max(next.Factor, f+1), max(next.Link, l+1), max(next.Sign, sg+1), max(next.Change, ch+1), max(next.Kudos, k+1),
		max(next.Timeline, s.doc.MaxTimelineID()+1)}
	id := s.doc.ID()
	s.w = NewWriterRetrying(func(ctx context.Context, c model.Change) error { return st.Apply(ctx, id, c) },
		s.saveFailed, s.saved, first, longest)
	return s
}

// ID is the debrief's ID.
func (s *Session) ID() int64 { return s.doc.ID() }

// ---- reading ----

// Dossier is the whole debrief as it is now, for export and for views
// that load it whole.
func (s *Session) Dossier() *model.Dossier {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.Dossier()
}

// Debrief is the debrief's own fields.
func (s *Session) Debrief() model.Debrief {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.Debrief()
}

// Parts are the lesson, warning signs, process changes, kudos and timeline.
func (s *Session) Parts() model.Parts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.Parts()
}

// Clock is the phase and the countdowns.
func (s *Session) Clock() model.Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.Clock()
}

// Factor is one card, as stored.
func (s *Session) Factor(id int64) (model.Factor, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.Factor(id)
}

// ---- new IDs ----

// NewFactorID, NewLinkID, NewSignID, NewChangeID, NewKudosID and
// NewTimelineID hand out an ID for a new row, never the same twice,
// whoever asks.
func (s *Session) NewFactorID() int64   { return s.newID(&s.next.Factor) }
func (s *Session) NewLinkID() int64     { return s.newID(&s.next.Link) }
func (s *Session) NewSignID() int64     { return s.newID(&s.next.Sign) }
func (s *Session) NewChangeID() int64   { return s.newID(&s.next.Change) }
func (s *Session) NewKudosID() int64    { return s.newID(&s.next.Kudos) }
func (s *Session) NewTimelineID() int64 { return s.newID(&s.next.Timeline) }

func (s *Session) newID(n *int64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := *n
	*n++
	return id
}

// ---- editing ----

// Edit applies c, made by origin, records it for undo and queues it to
// be stored. It returns why it refused c, when it did; then nothing
// changed.
func (s *Session) Edit(origin any, c model.Change) error { return s.apply(origin, c, true, false) }

// Type is Edit for typing: observers hear it at once, but it is stored
// once typing pauses (or at the next Edit, Commit, Flush or Close), and
// typed changes with the same Merge key undo as one. Only the debrief's
// fields and its parts may be typed; other rows are stored at once.
func (s *Session) Type(origin any, c model.Change) error { return s.apply(origin, c, true, true) }

// Do applies the change fn makes from the debrief as it is now, with no
// other edit in between, for origin (a participant's device), and waits
// until it is stored: when Do returns nil the change survives the app
// being killed. It is not recorded for undo: the facilitator's Ctrl+Z
// takes back their own steps, never a participant's card. fn runs with
// the session locked and must not call it; an error from fn, or a change
// the document refuses, changes nothing. When ctx ends first, the change
// is applied and stays queued to be stored, and ctx's error is returned.
func (s *Session) Do(ctx context.Context, origin any, fn func(*model.Document) (model.Change, error)) (model.Change, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return model.Change{}, ErrClosed
	}
	c, err := fn(s.doc)
	if err != nil {
		s.mu.Unlock()
		return model.Change{}, err
	}
	c = c.Clone()
	c.Sort()
	if c.Parts != nil {
		s.demote(&c)
	}
	applied, err := s.doc.Apply(c)
	if err != nil {
		s.mu.Unlock()
		return model.Change{}, err
	}
	s.raiseIDs(applied)
	s.queue(applied, false)
	target := s.w.Queued()
	s.emit(model.Edited, origin, applied)
	s.mu.Unlock()
	s.dispatch()
	return applied, s.w.WaitStored(ctx, target)
}

// WaitStored waits until every change applied so far is stored, or ctx
// ends; unlike Flush it does not hurry a retry.
func (s *Session) WaitStored(ctx context.Context) error {
	return s.w.WaitStored(ctx, s.w.Queued())
}

// SetClock stores the phase and the countdowns. It is not undoable.
func (s *Session) SetClock(origin any, clock model.Session) error {
	return s.apply(origin, model.Change{Clock: &clock}, false, false)
}

// SetStatus moves the debrief to status. Marking it reviewed needs a
// chosen change with an owner and a check-back date: otherwise it says
// what is missing (wrapping model.ErrNotReady) and changes nothing.
func (s *Session) SetStatus(origin any, status model.Status) error {
	s.mu.Lock()
	d := s.doc.Debrief()
	if status == model.Reviewed {
		p := s.doc.Parts()
		if err := model.ReadyForReview(&model.Dossier{Changes: p.Changes}); err != nil {
			s.mu.Unlock()
			return err
		}
	}
	s.mu.Unlock()
	d.Status = status
	return s.apply(origin, model.Change{Debrief: &d}, false, false)
}

// Preview tells the other observers of a gesture in progress (a card
// being dragged). Nothing is stored or recorded; the gesture's Edit
// follows, or a Preview that puts the rows back.
func (s *Session) Preview(origin any, c model.Change) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.emit(model.Previewed, origin, c.Clone())
	s.mu.Unlock()
	s.dispatch()
}

// EditFunc is Edit of the change fn makes from the debrief as it is, with
// no other edit in between (showing the votes cast in the room while more
// arrive). fn runs with the session locked and must not call it.
func (s *Session) EditFunc(origin any, fn func(*model.Document) (model.Change, error)) error {
	return s.applyFunc(origin, fn, true, false)
}

func (s *Session) apply(origin any, c model.Change, record, typed bool) error {
	return s.applyFunc(origin, func(*model.Document) (model.Change, error) { return c, nil }, record, typed)
}

func (s *Session) applyFunc(origin any, fn func(*model.Document) (model.Change, error), record, typed bool) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	c, err := fn(s.doc)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	c = c.Clone()
	c.Sort()
	if c.Parts != nil {
		s.demote(&c)
	}
	before := s.doc.Before(c)
	applied, err := s.doc.Apply(c)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	s.raiseIDs(applied)
	if record && (applied.TouchesBoard() || applied.Debrief != nil || applied.Parts != nil) {
		s.hist.Push(model.Step{Label: c.Label, Before: before, After: applied})
	}
	typed = typed && !applied.TouchesBoard() && applied.Clock == nil
	s.queue(applied, typed)
	s.emit(model.Edited, origin, applied)
	s.mu.Unlock()
	s.dispatch()
	return nil
}

// demote marks a reviewed debrief draft again when c's parts take away
// what reviewing needs (the chosen change, its owner or its date).
func (s *Session) demote(c *model.Change) {
	d := s.doc.Debrief()
	if c.Debrief != nil {
		d = *c.Debrief
	}
	if d.Status == model.Reviewed && model.ReadyForReview(&model.Dossier{Changes: c.Parts.Changes}) != nil {
		d.Status = model.Draft
		c.Debrief = &d
	}
}

// raiseIDs keeps the next IDs above every row applied, whoever chose them.
func (s *Session) raiseIDs(c model.Change) {
	for _, f := range c.Factors {
		s.next.Factor = max(s.next.Factor, f.ID+1)
	}
	for _, l := range c.Links {
		s.next.Link = max(s.next.Link, l.ID+1)
	}
	if p := c.Parts; p != nil {
		for _, w := range p.WarningSigns {
			s.next.Sign = max(s.next.Sign, w.ID+1)
		}
		for _, x := range p.Changes {
			s.next.Change = max(s.next.Change, x.ID+1)
		}
		for _, k := range p.Kudos {
			s.next.Kudos = max(s.next.Kudos, k.ID+1)
		}
		for _, e := range p.Timeline {
			s.next.Timeline = max(s.next.Timeline, e.ID+1)
		}
	}
}

// queue hands c to the writer, or, typed, marks its parts to be stored
// once typing pauses. Anything typed before is queued first, so the disk
// sees edits in the order they were made. s.mu is held.
func (s *Session) queue(c model.Change, typed bool) {
	if typed {
		s.typed.debrief = s.typed.debrief || c.Debrief != nil
		s.typed.parts = s.typed.parts || c.Parts != nil
		if s.timer != nil {
			s.timer.Stop()
		}
		s.timer = time.AfterFunc(s.pause, s.Commit)
		return
	}
	s.queueTyped()
	s.w.Save(c)
}

// queueTyped hands what was typed to the writer, as it is now. s.mu is held.
func (s *Session) queueTyped() {
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if !s.typed.debrief && !s.typed.parts {
		return
	}
	var c model.Change
	if s.typed.debrief {
		d := s.doc.Debrief()
		c.Debrief = &d
	}
	if s.typed.parts {
		p := s.doc.Parts()
		c.Parts = &p
	}
	s.typed.debrief, s.typed.parts = false, false
	s.hist.Seal() // typing after a pause is a new undo step
	s.w.Save(c)
}

// Commit queues what was typed to be stored now, without waiting for the
// disk.
func (s *Session) Commit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queueTyped()
}

// Flush queues what was typed and waits until everything queued is
// stored, or until an attempt to store it has failed (see Writer.Flush).
func (s *Session) Flush() {
	s.Commit()
	s.w.Flush()
}

// Retry asks the writer to try again now instead of after its backoff.
func (s *Session) Retry() { s.w.Retry() }

// Close stores what was typed, waits for the writer as Flush does and
// stops it; later edits are refused. It returns the number of changes that
// could not be stored (they are lost; the caller warns first, see
// SaveState). Calling it again does nothing.
func (s *Session) Close() int {
	s.mu.Lock()
	if !s.closed {
		s.queueTyped()
		s.closed = true
	}
	s.mu.Unlock()
	s.w.Close()
	return s.w.Pending()
}

// SaveState is whether everything is stored.
func (s *Session) SaveState() SaveState {
	s.mu.Lock()
	typed := 0
	if s.typed.debrief || s.typed.parts {
		typed = 1
	}
	s.mu.Unlock()
	st := SaveState{Pending: s.w.Pending() + typed, Failing: s.w.Failing()}
	if st.Failing {
		s.mu.Lock()
		st.Err = s.failing
		s.mu.Unlock()
	}
	return st
}

// ---- undo ----

// CanUndo and CanRedo report whether there is a step to undo or redo.
func (s *Session) CanUndo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hist.CanUndo()
}

func (s *Session) CanRedo() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hist.CanRedo()
}

// Undo takes back the last step, whoever made it: a card moved, a lesson
// typed. Observers hear it as Undone, origin among them. It returns the
// step's label, "" when there was nothing to undo.
func (s *Session) Undo(origin any) string { return s.step(origin, true) }

// Redo does again what Undo took back.
func (s *Session) Redo(origin any) string { return s.step(origin, false) }

func (s *Session) step(origin any, undo bool) string {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ""
	}
	s.queueTyped()
	var st model.Step
	var ok bool
	kind, c := model.Undone, model.Change{}
	if undo {
		st, ok = s.hist.Undo()
		if ok {
			c = s.doc.Rebase(st.After, st.Before)
		}
	} else {
		st, ok = s.hist.Redo()
		if ok {
			kind, c = model.Redone, s.doc.Rebase(st.Before, st.After)
		}
	}
	if !ok {
		s.mu.Unlock()
		return ""
	}
	if c.Parts != nil {
		s.demote(&c)
	}
	applied, err := s.doc.Apply(c)
	if err != nil {
		// Someone else changed those rows so that the step no longer
		// fits (a card deleted from a device, say): forget it.
		s.hist.Drop(undo)
		s.mu.Unlock()
		return ""
	}
	applied.View = c.View
	s.raiseIDs(applied)
	s.w.Save(applied)
	s.emit(kind, origin, applied)
	s.mu.Unlock()
	s.dispatch()
	return st.Label
}

// ---- observers ----

// Observe calls onEvent with every change applied from now on, in the
// order applied, on the goroutine that applied it (views hand it to their
// UI goroutine). It returns the debrief as it is just before the first
// event it will hear, and a stop function. onEvent may edit the debrief
// itself: that event is told after the one being told, to everyone.
func (s *Session) Observe(onEvent func(model.Event)) (*model.Dossier, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := &watcher{since: s.seq, onEvent: onEvent}
	s.watchers = append(s.watchers, w)
	return s.doc.Dossier(), func() { s.stop(w) }
}

// ObserveSaving calls onSave whenever an attempt to store fails (the first
// of a streak) and whenever the queue drains or a retry succeeds, on the
// writer's goroutine. It returns a stop function.
func (s *Session) ObserveSaving(onSave func(SaveState)) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := &watcher{onSave: onSave}
	s.savers = append(s.savers, w)
	return func() { s.stop(w) }
}

// stop ends w's events; one being told as it stops may still reach it.
func (s *Session) stop(w *watcher) { w.stopped.Store(true) }

// emit numbers an event and queues it for the observers. s.mu is held.
func (s *Session) emit(kind model.EventKind, origin any, c model.Change) {
	s.seq++
	s.events = append(s.events, model.Event{Seq: s.seq, Kind: kind, Origin: origin, Change: c})
}

// dispatch tells every observer the queued events, in order. One
// goroutine tells at a time: the one that finds nobody telling tells all
// that are queued, those queued meanwhile by others (or by an observer,
// re-entrantly) included, so no event overtakes another and an observer
// that edits cannot deadlock.
func (s *Session) dispatch() {
	s.mu.Lock()
	if s.telling {
		s.mu.Unlock()
		return
	}
	s.telling = true
	s.mu.Unlock()
	defer func() {
		if r := recover(); r != nil { // an observer panicked: let the next change tell again
			s.mu.Lock()
			s.telling = false
			s.mu.Unlock()
			panic(r)
		}
	}()
	for {
		s.mu.Lock()
		events := s.events
		if len(events) == 0 {
			s.telling = false // under the same lock as the check: nothing queued is left behind
			s.mu.Unlock()
			return
		}
		s.events = nil
		watchers := s.watchers
		s.mu.Unlock()
		for _, ev := range events {
			for _, w := range watchers {
				if !w.stopped.Load() && ev.Seq > w.since {
					w.onEvent(ev)
				}
			}
		}
	}
}

func (s *Session) saveFailed(err error) {
	s.mu.Lock()
	s.failing = err
	s.mu.Unlock()
	s.tellSavers()
}

func (s *Session) saved() { s.tellSavers() }

func (s *Session) tellSavers() {
	st := s.SaveState()
	s.mu.Lock()
	var savers []func(SaveState)
	for _, w := range s.savers {
		if !w.stopped.Load() {
			savers = append(savers, w.onSave)
		}
	}
	s.mu.Unlock()
	for _, f := range savers {
		f(st)
	}
}
