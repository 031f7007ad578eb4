package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	dcanvas "github.com/debrief-app/debrief/canvas"
)

// TextField is every text field of the app: a Fyne entry that hands the
// function keys (F1 shortcuts, F5 presentation, F11 full screen) to its
// window, and knows Ctrl+Home and Ctrl+End. A plain entry keeps every key
// pressed alone for itself, so those keys did nothing while someone was
// typing.
type TextField struct {
	widget.Entry
}

var _ fyne.Focusable = (*TextField)(nil)

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

// TypedKey gives F1…F12 to the window's own key handler (Shell.globalKey
// in the main window); every other key is the entry's.
func (e *TextField) TypedKey(k *fyne.KeyEvent) {
	if dcanvas.FunctionKey(k.Name) && ToWindow(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut adds Ctrl+Home and Ctrl+End, the start and the end of the
// whole text, to the entry's own shortcuts (Fyne's entry has Page Up and
// Page Down for them; every other editor has Ctrl+Home and Ctrl+End).
func (e *TextField) TypedShortcut(s fyne.Shortcut) {
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
