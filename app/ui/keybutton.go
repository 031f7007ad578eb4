package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// KeyButton is a button that hands the keys it does not use to the
// window: with the keyboard on it (after Tab), F11, W and V still work.
type KeyButton struct {
	widget.Button
	onKey func(*fyne.KeyEvent)
}

func NewKeyButton(text string, onKey func(*fyne.KeyEvent), tapped func()) *KeyButton {
	b := &KeyButton{onKey: onKey}
	b.Text, b.OnTapped = text, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Space and passes every other key on.
func (b *KeyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		b.Button.TypedKey(ev)
		return
	}
	b.onKey(ev)
}
