package canvas

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

// cardEditor is the in-place text field of a card: Enter commits,
// Shift+Enter starts a new line, Escape cancels, and leaving it commits.
type cardEditor struct {
	widget.Entry
	shift    bool
	placed   bool // the caret has been put at the end of the text
	onCommit func()
	onCancel func()
	// onFunctionKey hears F1…F12, which type nothing: the board hands
	// them on (OnOtherKey), so F1 and F5 work while a card is edited.
	onFunctionKey func(*fyne.KeyEvent)
	// onCategory hears Ctrl+Up and Ctrl+Down: the previous or next category.
	onCategory func(step int)
	// limit is the most the card takes (model.MaxCardTyped, or its text's
	// length when longer already: never cut); onFull hears what was left out.
	limit  int
	onFull func(msg string)
}

var _ desktop.Keyable = (*cardEditor)(nil)

func newCardEditor(text string, c model.Category) *cardEditor {
	e := &cardEditor{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.setCategory(c)
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.limit = max(model.MaxCardTyped, utf8.RuneCountInString(text))
	return e
}

// room is how many more characters fit, counting the selection as gone.
func (e *cardEditor) room() int {
	return e.limit - utf8.RuneCountInString(e.Text) + utf8.RuneCountInString(e.SelectedText())
}

func (e *cardEditor) full(msg string) {
	if e.onFull != nil {
		e.onFull(msg)
	}
}

// TypedRune types r unless the card is full.
func (e *cardEditor) TypedRune(r rune) {
	if e.room() < 1 {
		e.full(fmt.Sprintf("A card takes %s characters at most.", model.Thousands(e.limit)))
		return
	}
	e.Entry.TypedRune(r)
}

// setCategory says in the placeholder which category the card has, and
// how to change it: a new card takes the last category picked, which a
// double-click does not show otherwise.
func (e *cardEditor) setCategory(c model.Category) {
	e.SetPlaceHolder(c.Label() + " (Ctrl+Up/Down: another category). What contributed? Enter adds, Esc cancels")
}

// TypedShortcut takes Ctrl+Up and Ctrl+Down for the category; the rest
// is the text field's.
func (e *cardEditor) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		text := p.Clipboard.Content()
		if room := max(0, e.room()); utf8.RuneCountInString(text) > room {
			e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cutClipboard{p.Clipboard, model.Cut(text, room)}})
			e.full(fmt.Sprintf("A card takes %s characters at most: %s characters of the paste were left out.",
				model.Thousands(e.limit), model.Thousands(utf8.RuneCountInString(text)-room)))
			return
		}
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault && e.onCategory != nil {
		switch cs.KeyName {
		case fyne.KeyUp:
			e.onCategory(-1)
			return
		case fyne.KeyDown:
			e.onCategory(1)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// Resize lays the editor out; the first time it has a width, the caret
// goes to the end of the text, as in any note. (Before that the rows of
// wrapped text are not known, so the end cannot be placed.)
func (e *cardEditor) Resize(size fyne.Size) {
	e.Entry.Resize(size)
	if !e.placed && size.Width > 0 {
		e.placed = true
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) // the last row's end
	}
}

// KeyDown notes Shift so Enter can tell a new line from a commit.
func (e *cardEditor) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

// KeyUp is the other half of KeyDown.
func (e *cardEditor) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

// TypedKey commits on Enter and cancels on Escape.
func (e *cardEditor) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.shift && !ShiftHeld() {
			e.onCommit()
			return
		}
	case fyne.KeyEscape:
		e.onCancel()
		return
	}
	if FunctionKey(k.Name) && e.onFunctionKey != nil {
		e.onFunctionKey(k)
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost commits what was typed, as clicking elsewhere does.
func (e *cardEditor) FocusLost() {
	e.Entry.FocusLost()
	e.onCommit()
}

// FunctionKey reports whether k is one of F1…F12: keys that type nothing,
// which text fields hand on to the window.
func FunctionKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}

// ShiftHeld reports whether Shift is held on the desktop.
func ShiftHeld() bool {
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
		}
	}
	return false
}

// editState is a card being edited in place.
type editState struct {
	id     int64
	isNew  bool // made by double-click: cancelling removes it
	entry  *cardEditor
	before model.Factor
}

// Editing is the card being edited, 0 when none is.
func (b *Board) Editing() int64 {
	if b.edit == nil {
		return 0
	}
	return b.edit.id
}

// EditText is what the card editor holds ("" when not editing).
func (b *Board) EditText() string {
	if b.edit == nil {
		return ""
	}
	return b.edit.entry.Text
}

// Edit opens a card's text for editing in place.
func (b *Board) Edit(id int64) { b.startEdit(id, false) }

func (b *Board) startEdit(id int64, isNew bool) {
	f := b.factors[id]
	if f == nil || b.readOnly {
		return
	}
	if n := utf8.RuneCountInString(f.Text); n > model.MaxTyped {
		// Fyne's entry would take seconds for each key (an imported card).
		if b.OnFull != nil {
			b.OnFull(fmt.Sprintf("This card has %s characters, too many to edit on the board without freezing it. "+
				"It is kept whole, and exported whole.", model.Thousands(n)))
		}
		return
	}
	b.finishEdit(true)
	e := &editState{id: id, isNew: isNew, before: *f, entry: newCardEditor(f.Text, f.Category)}
	e.entry.onCategory = func(step int) { b.stepEditCategory(step) }
	e.entry.onFull = func(msg string) {
		if b.OnFull != nil {
			b.OnFull(msg)
		}
	}
	e.entry.onCommit = func() { b.finishEdit(true) }
	e.entry.onCancel = func() { b.finishEdit(false) }
	e.entry.onFunctionKey = func(k *fyne.KeyEvent) {
		if b.OnOtherKey != nil {
			b.OnOtherKey(k)
		}
	}
	e.entry.OnChanged = func(s string) {
		if b.OnTyping != nil {
			b.OnTyping(s)
		}
	}
	b.edit = e
	b.scrollIntoView([]int64{id})
	b.contentChanged()
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
		c.Focus(e.entry)
	}
}

// CommitEdit stores the text being edited, as Enter does.
func (b *Board) CommitEdit() { b.finishEdit(true) }

// CancelEdit drops the text being edited, as Escape does.
func (b *Board) CancelEdit() { b.finishEdit(false) }

func (b *Board) finishEdit(commit bool) {
	e := b.edit
	if e == nil {
		return
	}
	b.edit = nil
	if b.OnTyping != nil {
		b.OnTyping("")
	}
	text := e.entry.Text
	blank := strings.TrimSpace(text) == ""
	switch {
	case e.isNew && (!commit || blank):
		b.removeFactor(e.id) // never stored
		b.setSelection(nil, false)
	case e.isNew:
		f := e.before
		f.Text = text
		b.growToFit(&f)
		b.commit("Add card", snapFactors(f.ID, nil), snapFactors(f.ID, &f), nil, nil, "")
	case commit && !blank:
		b.SetText(e.id, text)
	}
	b.contentChanged()
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && (c.Focused() == nil || c.Focused() == e.entry) {
		c.Focus(b)
	}
}

// stepEditCategory gives the card being edited the previous or next
// category (step -1 or 1): a new card in place, before it is stored; a
// card on the board as an undoable change. New cards then take it too.
func (b *Board) stepEditCategory(step int) {
	e := b.edit
	if e == nil {
		return
	}
	f := b.factors[e.id]
	if f == nil {
		return
	}
	cats := model.Categories()
	i := slices.Index(cats, f.Category)
	c := cats[((i+step)%len(cats)+len(cats))%len(cats)]
	if e.isNew {
		n := *f
		n.Category = c
		e.before.Category = c
		b.factors[e.id] = &n
	} else {
		b.SetCategoryOf([]int64{e.id}, c)
	}
	e.entry.setCategory(c)
	b.SetCategory(c)
	b.contentChanged()
}

// cutClipboard hands a paste only what fits.
type cutClipboard struct {
	fyne.Clipboard
	text string
}

func (c cutClipboard) Content() string { return c.text }
