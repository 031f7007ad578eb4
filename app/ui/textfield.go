package ui

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// TextField is every text field of the app: a Fyne entry that hands the
// function keys (F1 shortcuts, F5 presentation, F11 full screen) to its
// window, and knows Ctrl+Home and Ctrl+End. A plain entry keeps every key
// pressed alone for itself, so those keys did nothing while someone was
// typing.
//
// A field may have a limit (SetLimit): typing stops there, a paste is cut
// to fit and says so, and a counter shows under the field (Note) from 90 %
// of the limit, so text the model would refuse is never typed.
type TextField struct {
	widget.Entry
	limit int           // the most characters the field takes; 0: none
	note  *widget.Label // the counter; nil until a limit is set
	long  bool          // shows only the start of a text too long to edit (withText)
}

var _ fyne.Focusable = (*TextField)(nil)

// SetLimit makes n characters the most the field takes (0: no limit).
// Text already longer is cut.
func (e *TextField) SetLimit(n int) {
	e.limit = n
	if e.note == nil {
		e.note = widget.NewLabel("")
		e.note.SizeName = theme.SizeNameCaptionText
		e.note.Hide()
	}
	if n > 0 && utf8.RuneCountInString(e.Text) > n {
		e.Entry.SetText(model.Cut(e.Text, n))
	}
	e.count("")
}

// Limit is the most characters the field takes; 0 is none.
func (e *TextField) Limit() int { return e.limit }

// Note is the field's counter, to place under it (WithNote); nil when the
// field has no limit.
func (e *TextField) Note() *widget.Label { return e.note }

// SetText replaces the text, cut to the limit.
func (e *TextField) SetText(text string) {
	if e.limit > 0 && utf8.RuneCountInString(text) > e.limit {
		text = model.Cut(text, e.limit)
	}
	e.Entry.SetText(text)
	e.count("")
}

// TypedRune types r unless the field is full.
func (e *TextField) TypedRune(r rune) {
	if e.limit > 0 && e.room() < 1 {
		e.count(fmt.Sprintf("The limit is %s characters.", model.Thousands(e.limit)))
		return
	}
	e.Entry.TypedRune(r)
	e.count("")
}

// room is how many more characters fit, counting the selection as gone.
func (e *TextField) room() int {
	return e.limit - utf8.RuneCountInString(e.Text) + utf8.RuneCountInString(e.SelectedText())
}

// count shows how much of the limit is used once 90 % is, with why when
// something did not fit.
func (e *TextField) count(why string) {
	if e.note == nil || e.long {
		return
	}
	n := utf8.RuneCountInString(e.Text)
	if why == "" && (e.limit == 0 || n*10 < e.limit*9) {
		if e.note.Visible() {
			e.note.Hide()
		}
		return
	}
	text := fmt.Sprintf("%s of %s characters", model.Thousands(n), model.Thousands(e.limit))
	if why != "" {
		text += ". " + why
	}
	e.note.SetText(text)
	e.note.Show()
}

// limitedClipboard hands a paste only what fits.
type limitedClipboard struct {
	fyne.Clipboard
	text string
}

func (c limitedClipboard) Content() string { return c.text }

// NewTextField is a one-line field.
func NewTextField() *TextField {
	e := &TextField{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineField is a field of several lines.
func NewMultiLineField() *TextField {
	e := &TextField{}
	e.MultiLine = true
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false, for multi-line fields too: Tab moves to the next
// field, as a keyboard user expects, instead of typing a tab they cannot
// leave the field with.
func (e *TextField) AcceptsTab() bool { return false }

// TypedKey gives F1…F12 to the window's own key handler (Shell.globalKey
// in the main window); every other key is the entry's.
func (e *TextField) TypedKey(k *fyne.KeyEvent) {
	if dcanvas.FunctionKey(k.Name) && ToWindow(e, k) {
		return
	}
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		if e.MultiLine && e.limit > 0 && e.room() < 1 {
			e.count(fmt.Sprintf("The limit is %s characters.", model.Thousands(e.limit)))
			return
		}
	}
	e.Entry.TypedKey(k)
	e.count("")
}

// TypedShortcut adds Ctrl+Home and Ctrl+End, the start and the end of the
// whole text, to the entry's own shortcuts (Fyne's entry has Page Up and
// Page Down for them; every other editor has Ctrl+Home and Ctrl+End).
func (e *TextField) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && e.limit > 0 && p.Clipboard != nil {
		text := p.Clipboard.Content()
		if room := max(0, e.room()); utf8.RuneCountInString(text) > room {
			e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: limitedClipboard{p.Clipboard, model.Cut(text, room)}})
			e.count(fmt.Sprintf("The paste was cut to fit: %s characters of it were left out.",
				model.Thousands(utf8.RuneCountInString(text)-room)))
			return
		}
	}
	defer e.count("")
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyHome:
			e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
			return
		case fyne.KeyEnd:
			e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// ToWindow hands k to the key handler of the window showing o, as if
// nothing had the keyboard. It reports whether there was one.
func ToWindow(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	a := fyne.CurrentApp()
	if a == nil {
		return false
	}
	c := a.Driver().CanvasForObject(o)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(k)
	return true
}
