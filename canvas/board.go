package canvas

import (
	"cmp"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

var (
	_ fyne.Widget            = (*Board)(nil)
	_ fyne.Focusable         = (*Board)(nil)
	_ fyne.Draggable         = (*Board)(nil)
	_ fyne.Scrollable        = (*Board)(nil)
	_ fyne.DoubleTappable    = (*Board)(nil)
	_ fyne.SecondaryTappable = (*Board)(nil)
	_ fyne.Shortcutable      = (*Board)(nil)
	_ fyne.Tappable          = (*Board)(nil)
	_ fyne.Tabbable          = (*Board)(nil)
)

// Board is the factor whiteboard: every factor of one debrief as a card,
// the links between them, a selection, and a viewport that pans and zooms.
// All methods run on the UI goroutine.
type Board struct {
	widget.BaseWidget

	// OnChange hears every finished operation of this board once its owner
	// took it (see SetOwner), on the UI goroutine. It must not block.
	OnChange func(model.Change)
	// OnStateChanged is called after the selection, the viewport, the
	// current category or the undo history changed, so toolbars can follow.
	OnStateChanged func()
	// OnRefused hears why an operation was refused (a card's text over the
	// limit, say); the board is left as it was.
	OnRefused func(error)
	// OnOtherKey and OnOtherRune hear the keys and characters the board
	// does not use while it or a card's editor has the keyboard (F1, F5,
	// ?…), for the window.
	OnOtherKey  func(*fyne.KeyEvent)
	OnOtherRune func(rune)
	// OnRedraw is called after the board changed what it draws (a pan, a
	// drag step, an edit): the frame benchmark's probe. It must be cheap.
	OnRedraw func()
	// OnTyping hears the text of the card being edited as it is typed, and
	// "" when the edit ends: the blameless coach listens here.
	OnTyping func(text string)
	// Later hands the owner's changes from another goroutine to the UI
	// goroutine: fyne.Do unless the application sets its own one path.
	Later func(func())
	// OnViewChanged is called after the part of the board shown changed: a
	// pan, a zoom, a fit, or the widget resized. It must be cheap.
	OnViewChanged func(Viewport)
	// OnFull hears that a card being typed is full, and what was left out.
	OnFull func(msg string)

	debriefID  int64
	title      string
	factors    map[int64]*model.Factor
	faceDown   map[int64]*model.Factor // written in the room, not revealed: never drawn
	finalSince bool                    // a batch of the owner's events has a final one not drawn yet
	names      []string                // who is here: the authors the card menu offers
	links      map[int64]*model.Link
	linksOf    map[int64]map[int64]bool // factor → the links that touch it
	linkIndex  *Index                   // each link's span (the box around its two cards), for drawing and hit tests
	kudos      map[int64]bool
	index      *Index
	maxZ       int
	category   model.Category
	skeleton   Skeleton
	owner      Owner  // who owns the cards: every edit goes through it
	stopOwner  func() // stops hearing the owner's changes

	vp       Viewport
	autoFit  bool // until the user pans or zooms, every layout fits the board to the widget
	selected map[int64]bool
	selLink  int64
	hover    int64

	gesture      gesture
	edit         *editState
	pointer      fyne.Position // last hover position, widget coordinates
	connecting   int64         // "Connect to…": the card the next click links from
	focused      bool
	overviewMode bool // the last sync drew the overview image instead of card views
	naive        bool // benchmarks only: every card has a view, none is culled
	voting       bool // cards show − and + buttons for dot votes
	heldMod      fyne.KeyModifier
	space        bool
	readOnly     bool           // a view only: see SetReadOnly
	source       *Board         // the board this one mirrors, nil when none
	mirrors      []*Board       // the boards that mirror this one
	follow       bool           // a mirror shows what its source shows, not the whole board
	watchers     map[int]func() // views drawn from the board (WholeView): told of every change
	nextWatcher  int

	measure measureFunc
	layouts map[int64]cachedLayout
	r       *boardRenderer
}

type cachedLayout struct {
	text   string
	w, h   float64
	footer float64
	tl     textLayout
	body   Rect // where the text goes, relative to the card
}

// NewBoard makes an empty board; Load fills it.
func NewBoard() *Board {
	b := &Board{category: model.Technical, vp: DefaultViewport, measure: fyneMeasure, Later: fyne.Do}
	b.reset(0, 0)
	b.ExtendBaseWidget(b)
	return b
}

// reset empties the board, with room for that many cards and links: a
// 10,000-card board is loaded on the UI goroutine, and growing the maps
// and indexes step by step was a good part of it.
func (b *Board) reset(cards, links int) {
	b.factors = make(map[int64]*model.Factor, cards)
	b.faceDown = map[int64]*model.Factor{}
	b.links = make(map[int64]*model.Link, links)
	b.linkIndex = newLinkIndex()
	b.linkIndex.reserve(links)
	b.linksOf = map[int64]map[int64]bool{}
	b.kudos = map[int64]bool{}
	b.index = NewIndex(0)
	b.index.reserve(cards)
	b.selected = map[int64]bool{}
	b.layouts = map[int64]cachedLayout{}
	b.skeleton = Skeleton{}
	b.selLink, b.hover, b.maxZ = 0, 0, 0
	b.edit = nil
	b.gesture = gesture{}
}

// Load shows a debrief's cards and links on a board that owns them
// itself (SetOwner gives it another owner). New cards and links get IDs
// from nextFactorID and nextLinkID upwards, which must be above every ID
// in the database. The undo history starts empty and the view fits the
// board.
func (b *Board) Load(d *model.Dossier, nextFactorID, nextLinkID int64) {
	if slices.ContainsFunc(d.Links, func(l model.Link) bool { return l.ID == 0 }) {
		// Read from a file rather than the store: give the links board IDs.
		c := *d
		c.Links = slices.Clone(d.Links)
		for _, l := range c.Links {
			nextLinkID = max(nextLinkID, l.ID+1)
		}
		for i := range c.Links {
			if c.Links[i].ID == 0 {
				c.Links[i].ID = nextLinkID
				nextLinkID++
			}
		}
		d = &c
	}
	b.SetOwner(newStandalone(d, nextFactorID, nextLinkID))
}

// show draws debrief d whole, fitted: what a new owner holds. d is the
// owner's fresh copy (Observe's), so the board keeps its cards and links
// in place: one allocation for all the cards, one for the links.
func (b *Board) show(d *model.Dossier) {
	b.reset(len(d.Factors), len(d.Links))
	b.debriefID = d.Debrief.ID
	b.title = d.Debrief.Title
	for i := range d.Factors {
		b.putFactor(&d.Factors[i])
	}
	for i := range d.Links {
		b.putLink(&d.Links[i])
	}
	b.setKudos(d.Kudos)
	b.autoFit = true
	b.contentChanged()
	b.stateChanged()
	for _, m := range b.mirrors {
		m.Mirror(b)
	}
}

func (b *Board) setKudos(ks []model.Kudos) {
	b.kudos = map[int64]bool{}
	for _, k := range ks {
		if k.FactorID != 0 {
			b.kudos[k.FactorID] = true
		}
	}
}

// SetKudos marks the cards that have kudos; they show a star.
func (b *Board) SetKudos(factorIDs []int64) {
	b.kudos = map[int64]bool{}
	for _, id := range factorIDs {
		b.kudos[id] = true
	}
	b.contentChanged()
	for _, m := range b.mirrors {
		m.SetKudos(factorIDs)
	}
}

// SetTitle is the setback's title, drawn as the head of a fishbone.
func (b *Board) SetTitle(title string) {
	b.title = title
	if !b.skeleton.Empty() {
		b.skeleton.HeadText = title
		b.contentChanged()
	}
	b.drawingToMirrors()
}

// Factors lists the cards from bottom to top.
func (b *Board) Factors() []model.Factor {
	out := make([]model.Factor, 0, len(b.factors))
	for _, f := range b.factors {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Z != out[j].Z {
			return out[i].Z < out[j].Z
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// MostVoted returns up to n cards that have votes, most votes first (ties
// by ID), without copying the cards that have none.
func (b *Board) MostVoted(n int) []model.Factor {
	var out []model.Factor
	for _, f := range b.factors {
		if f.Votes > 0 {
			out = append(out, *f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Votes != out[j].Votes {
			return out[i].Votes > out[j].Votes
		}
		return out[i].ID < out[j].ID
	})
	return out[:min(n, len(out))]
}

// Factor returns one card.
func (b *Board) Factor(id int64) (model.Factor, bool) {
	f, ok := b.factors[id]
	if !ok {
		return model.Factor{}, false
	}
	return *f, true
}

// Links lists the links in ID order.
func (b *Board) Links() []model.Link {
	out := make([]model.Link, 0, len(b.links))
	for _, l := range b.links {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(x, y model.Link) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// Skeleton is the fishbone drawing, empty unless the board was arranged as one.
func (b *Board) Skeleton() Skeleton { return b.skeleton }

// Category is the category new cards get.
func (b *Board) Category() model.Category { return b.category }

// SetCategory sets the category new cards get.
func (b *Board) SetCategory(c model.Category) {
	if !c.Valid() || c == b.category || b.readOnly {
		return
	}
	b.category = c
	if b.r != nil {
		b.r.legend.Refresh()
	}
	b.stateChanged()
}

// Selection lists the selected cards in ID order.
func (b *Board) Selection() []int64 {
	out := make([]int64, 0, len(b.selected))
	for id := range b.selected {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// SelectedLink is the selected link, 0 when none is.
func (b *Board) SelectedLink() int64 { return b.selLink }

// Select makes exactly these cards the selection.
func (b *Board) Select(ids ...int64) {
	b.setSelection(ids, false)
}

func (b *Board) setSelection(ids []int64, add bool) {
	if !add {
		b.selected = map[int64]bool{}
	}
	for _, id := range ids {
		if _, ok := b.factors[id]; ok {
			b.selected[id] = true
		}
	}
	if b.selLink != 0 {
		b.selLink = 0
	}
	b.contentChanged()
	b.stateChanged()
	b.selectionToMirrors()
}

// SelectLink makes one link the selection.
func (b *Board) SelectLink(id int64) {
	b.setSelection(nil, false)
	if _, ok := b.links[id]; ok {
		b.selLink = id
	}
	b.contentChanged()
	b.stateChanged()
	b.selectionToMirrors()
}

// CanUndo reports whether there is something to undo: on the board or
// elsewhere in the debrief, as the owner keeps one history.
func (b *Board) CanUndo() bool { return !b.readOnly && b.owner != nil && b.owner.CanUndo() }

// CanRedo reports whether there is something to redo.
func (b *Board) CanRedo() bool { return !b.readOnly && b.owner != nil && b.owner.CanRedo() }

// Undo takes back the last step of the debrief (the owner's history),
// and selects the cards it changed.
func (b *Board) Undo() {
	if b.readOnly || b.owner == nil {
		return
	}
	b.finishEdit(true)
	b.owner.Undo(b)
}

// Redo does again what Undo took back.
func (b *Board) Redo() {
	if b.readOnly || b.owner == nil {
		return
	}
	b.finishEdit(true)
	b.owner.Redo(b)
}
