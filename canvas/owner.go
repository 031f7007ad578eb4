package canvas

import (
	"slices"

	"github.com/debrief-app/debrief/app/model"
)

// Owner is who owns the debrief a board shows: the app's session. The
// board hands it every finished operation and asks it to undo; it tells
// the board, through Observe, every change from anyone, in order.
type Owner interface {
	// Edit applies a finished operation made by origin, or says why not.
	Edit(origin any, c model.Change) error
	// Preview shows the other views a gesture in progress.
	Preview(origin any, c model.Change)
	// Undo and Redo take back or do again the last step, whoever made
	// it; they return its label, "" for none.
	Undo(origin any) string
	Redo(origin any) string
	CanUndo() bool
	CanRedo() bool
	// NewFactorID and NewLinkID hand out IDs for new cards and arrows.
	NewFactorID() int64
	NewLinkID() int64
	// Observe calls fn with every change from now on, on any goroutine,
	// and returns the debrief as it is before the first of them.
	Observe(fn func(model.Event)) (*model.Dossier, func())
}

// drawing is what undo must give back that nobody stores: the fishbone
// drawing before and after an arrangement, and the view and selection
// before it, so that undoing an arrangement shows the board as it was.
type drawing struct {
	before, after Skeleton
	view          Viewport
	autoFit       bool
	selected      []int64
}

// SetOwner shows the debrief o owns and makes every edit of the board go
// through o; the undo history is o's. The board follows every change o
// reports, from whatever source, on the UI goroutine.
func (b *Board) SetOwner(o Owner) {
	if b.stopOwner != nil {
		b.stopOwner()
		b.stopOwner = nil
	}
	b.owner = o
	if o == nil {
		return
	}
	batch := model.Coalesce(b.Later, func(evs []model.Event) {
		if b.owner != o {
			return
		}
		for i, ev := range evs {
			b.changed(ev, i == len(evs)-1)
		}
	})
	d, stop := o.Observe(func(ev model.Event) {
		if !ev.Echo(b) { // the board applied its own edit already
			batch(ev)
		}
	})
	b.stopOwner = stop
	b.show(d)
}

// Owner is the owner of the debrief shown.
func (b *Board) Owner() Owner { return b.owner }

// changed applies a change the owner reports: someone else's edit, an
// undo or redo (the board's own or not), or a gesture in progress
// elsewhere; the last of a batch redraws. The board's mirrors follow on
// their own subscriptions.
func (b *Board) changed(ev model.Event, redraw bool) {
	final := ev.Kind != model.Previewed
	b.applyRows(ev.Change, final)
	if d, ok := ev.Change.View.(drawing); ok && ev.Kind != model.Edited {
		if ev.Kind == model.Undone {
			b.skeleton = d.before
		} else {
			b.skeleton = d.after
		}
		b.drawingToMirrors()
	}
	if (ev.Kind == model.Undone || ev.Kind == model.Redone) && ev.Origin == b {
		if d, ok := ev.Change.View.(drawing); ok { // an arrangement: the board as it was, or arranged again
			if ev.Kind == model.Undone {
				b.setSelection(d.selected, false)
				b.autoFit = d.autoFit
				b.SetViewport(d.view)
				b.autoFit = d.autoFit
			} else {
				b.setSelection(nil, false)
				b.zoomToFit()
			}
		} else {
			b.selectChanged(ev.Change) // an undo shows what it changed
		}
		if b.OnChange != nil && ev.Change.TouchesBoard() {
			b.OnChange(ev.Change)
		}
	}
	b.finalSince = b.finalSince || final
	if !redraw {
		return
	}
	final, b.finalSince = b.finalSince, false
	if final && b.fitsWhole() && b.zoomToFit() {
		b.stateChanged()
		return // the new viewport redrew everything
	}
	b.contentChanged()
	b.stateChanged()
}

func derefSkeleton(s *Skeleton) Skeleton {
	if s == nil {
		return Skeleton{}
	}
	return *s
}

// selectChanged selects the cards a change put on the board.
func (b *Board) selectChanged(c model.Change) {
	ids := make([]int64, 0, len(c.Factors))
	for _, f := range c.Factors {
		ids = append(ids, f.ID)
	}
	b.setSelection(ids, false)
}

// standalone owns the cards of a board that has no other owner (a board
// in a test or a benchmark): the same document and history the app's
// session uses, without a disk.
type standalone struct {
	doc       *model.Document
	hist      model.History
	nextF     int64
	nextL     int64
	seq       uint64
	observers []*func(model.Event)
}

func newStandalone(d *model.Dossier, nextFactorID, nextLinkID int64) *standalone {
	s := &standalone{doc: model.NewDocument(d, model.Session{}), nextF: nextFactorID, nextL: nextLinkID}
	f, l, _, _, _ := s.doc.MaxIDs()
	s.nextF, s.nextL = max(s.nextF, f+1), max(s.nextL, l+1)
	return s
}

func (s *standalone) Edit(origin any, c model.Change) error {
	before := s.doc.Before(c)
	applied, err := s.doc.Apply(c)
	if err != nil {
		return err
	}
	s.hist.Push(model.Step{Label: c.Label, Before: before, After: applied})
	s.tell(model.Edited, origin, applied)
	return nil
}

func (s *standalone) Preview(origin any, c model.Change) { s.tell(model.Previewed, origin, c) }

func (s *standalone) Undo(origin any) string { return s.step(origin, true) }
func (s *standalone) Redo(origin any) string { return s.step(origin, false) }
func (s *standalone) CanUndo() bool          { return s.hist.CanUndo() }
func (s *standalone) CanRedo() bool          { return s.hist.CanRedo() }

func (s *standalone) step(origin any, undo bool) string {
	st, ok, kind, c := model.Step{}, false, model.Undone, model.Change{}
	if undo {
		st, ok = s.hist.Undo()
		c = st.Before
	} else {
		st, ok = s.hist.Redo()
		kind, c = model.Redone, st.After
	}
	if !ok {
		return ""
	}
	applied, err := s.doc.Apply(c)
	if err != nil {
		s.hist.Drop(undo)
		return ""
	}
	applied.View = c.View
	s.tell(kind, origin, applied)
	return st.Label
}

func (s *standalone) NewFactorID() int64 { s.nextF++; return s.nextF - 1 }
func (s *standalone) NewLinkID() int64   { s.nextL++; return s.nextL - 1 }

func (s *standalone) Observe(fn func(model.Event)) (*model.Dossier, func()) {
	p := &fn
	s.observers = append(s.observers, p)
	return s.doc.Dossier(), func() {
		for i, o := range s.observers {
			if o == p {
				s.observers = append(s.observers[:i:i], s.observers[i+1:]...)
				return
			}
		}
	}
}

func (s *standalone) tell(kind model.EventKind, origin any, c model.Change) {
	s.seq++
	ev := model.Event{Seq: s.seq, Kind: kind, Origin: origin, Change: c}
	for _, fn := range slices.Clone(s.observers) {
		(*fn)(ev)
	}
}
