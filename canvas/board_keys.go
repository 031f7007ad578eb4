package canvas

import (
	"maps"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/debrief-app/debrief/app/model"
)

// ---- keyboard ----

// FocusGained is called when the board gets the keyboard.
func (b *Board) FocusGained() { b.focused = true; b.contentChanged() }

// FocusLost is called when the board loses the keyboard.
func (b *Board) FocusLost() {
	b.focused = false
	b.heldMod, b.space = 0, false
	b.contentChanged()
}

// AcceptsTab keeps Tab on the board, where it moves between cards.
func (b *Board) AcceptsTab() bool { return true }

// KeyDown tracks held modifier keys and Space (pan while held).
func (b *Board) KeyDown(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace:
		b.space = true
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		b.heldMod |= fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		b.heldMod |= fyne.KeyModifierControl
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		b.heldMod |= fyne.KeyModifierAlt
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		b.heldMod |= fyne.KeyModifierSuper
	}
}

// KeyUp is the other half of KeyDown.
func (b *Board) KeyUp(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace:
		b.space = false
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		b.heldMod &^= fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		b.heldMod &^= fyne.KeyModifierControl
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		b.heldMod &^= fyne.KeyModifierAlt
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		b.heldMod &^= fyne.KeyModifierSuper
	}
}

// TypedRune handles + and − (a dot vote more or less on the selection)
// and the category keys: 1–7 recolour the selection, or pick the category
// of new cards when nothing is selected.
func (b *Board) TypedRune(r rune) {
	if b.readOnly {
		return
	}
	switch r {
	case '+':
		b.Vote(b.Selection(), 1)
		return
	case '-', '−':
		b.Vote(b.Selection(), -1)
		return
	}
	cats := model.Categories()
	if r < '1' || r >= '1'+rune(len(cats)) {
		if b.OnOtherRune != nil {
			b.OnOtherRune(r)
		}
		return
	}
	c := cats[r-'1']
	if len(b.selected) > 0 {
		b.SetCategoryOf(b.Selection(), c)
		return
	}
	b.SetCategory(c)
}

// TypedKey handles Delete, Enter, the arrows, Tab and Escape.
func (b *Board) TypedKey(ev *fyne.KeyEvent) {
	if b.readOnly {
		return
	}
	step := float64(nudgeStep)
	shift := b.modifiers()&fyne.KeyModifierShift != 0
	if shift {
		step = nudgeStepLarge
	}
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		b.DeleteSelection()
	case fyne.KeyReturn, fyne.KeyEnter:
		if sel := b.Selection(); len(sel) == 1 {
			b.startEdit(sel[0], false)
		}
	case fyne.KeyLeft:
		b.Nudge(-step, 0)
	case fyne.KeyRight:
		b.Nudge(step, 0)
	case fyne.KeyUp:
		b.Nudge(0, -step)
	case fyne.KeyDown:
		b.Nudge(0, step)
	case fyne.KeyTab:
		b.selectNext(!shift)
	case fyne.KeyEscape:
		switch {
		case b.connecting != 0:
			b.stopConnecting()
		case b.gesture.kind != gestureNone:
			b.cancelGesture()
		default:
			b.Select()
		}
	default:
		if b.OnOtherKey != nil {
			b.OnOtherKey(ev)
		}
	}
}

// TypedShortcut handles undo, redo, select all and zoom; a read-only
// board only zooms.
func (b *Board) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); b.readOnly && (!ok || cs.KeyName == fyne.KeyZ || cs.KeyName == fyne.KeyY || cs.KeyName == fyne.KeyA) {
		return
	}
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		b.Undo()
	case *fyne.ShortcutRedo:
		b.Redo()
	case *fyne.ShortcutSelectAll:
		b.Select(b.index.Query(Rect{X: -2 * model.MaxCoordinate, Y: -2 * model.MaxCoordinate, W: 4 * model.MaxCoordinate, H: 4 * model.MaxCoordinate}, nil)...)
	case *desktop.CustomShortcut:
		b.customShortcut(s)
	}
}

func (b *Board) customShortcut(s *desktop.CustomShortcut) {
	primary := s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	if !primary {
		return
	}
	shift := s.Modifier&fyne.KeyModifierShift != 0
	switch s.KeyName {
	case fyne.KeyZ:
		if shift {
			b.Redo()
		} else {
			b.Undo()
		}
	case fyne.KeyY:
		b.Redo()
	case fyne.KeyEqual, fyne.KeyName("+"):
		b.ZoomIn()
	case fyne.KeyMinus:
		b.ZoomOut()
	case fyne.Key0:
		b.ZoomToFit()
	case fyne.Key1:
		b.ZoomActual()
	case fyne.KeyA:
		b.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// cancelGesture puts back whatever a drag in progress changed.
func (b *Board) cancelGesture() {
	g := b.gesture
	b.gesture = gesture{}
	if g.kind == gestureMove {
		for _, o := range g.origin {
			n := o
			b.putFactor(&n)
		}
		b.previewRows(slices.Collect(maps.Keys(g.origin)))
	}
	b.contentChanged()
}

// selectNext selects the next (or previous) card in reading order: top to
// bottom, then left to right.
func (b *Board) selectNext(forward bool) {
	fs := b.Factors()
	if len(fs) == 0 {
		return
	}
	sortReading(fs)
	cur := -1
	if sel := b.Selection(); len(sel) == 1 {
		for i, f := range fs {
			if f.ID == sel[0] {
				cur = i
			}
		}
	}
	next := 0
	switch {
	case cur >= 0 && forward:
		next = (cur + 1) % len(fs)
	case cur >= 0:
		next = (cur - 1 + len(fs)) % len(fs)
	case !forward:
		next = len(fs) - 1
	}
	b.Select(fs[next].ID)
	b.scrollIntoView([]int64{fs[next].ID})
}

// sortReading orders cards top to bottom, then left to right, as a person
// reads a wall of notes.
func sortReading(fs []model.Factor) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Y != fs[j].Y {
			return fs[i].Y < fs[j].Y
		}
		if fs[i].X != fs[j].X {
			return fs[i].X < fs[j].X
		}
		return fs[i].ID < fs[j].ID
	})
}
