package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/coach"
	"github.com/debrief-app/debrief/app/model"
)

// coachNote is the blameless coach's gentle hint: the blaming words as
// typed, a kinder question, and why. It sits under the field, never in the
// way: typing goes on as before.
type coachNote struct {
	box   *fyne.Container
	text  *widget.Label
	shown string
	later func(func()) // back to the UI goroutine
	gen   uint64       // counts checks, so a slow check of old text never wins
	wait  *time.Timer  // the pause before checking long text
}

// coachInline is the longest text checked on the UI goroutine as it is
// typed (a card or a paragraph: tens of microseconds). Longer text is
// checked on another goroutine after a pause, so typing never waits.
const (
	coachInline = 4000
	coachPause  = 300 * time.Millisecond
)

func newCoachNote(later func(func())) *coachNote {
	n := &coachNote{text: widget.NewLabel(""), later: later}
	n.text.Wrapping = fyne.TextWrapWord
	n.text.SizeName = theme.SizeNameCaptionText
	n.box = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.InfoIcon())), nil, n.text)
	n.box.Hide()
	return n
}

// check updates the hint for text: the first piece of blame language, if any.
func (n *coachNote) check(text string) {
	n.gen++
	if n.wait != nil {
		n.wait.Stop() // typing goes on: only the text at the pause is checked
	}
	if len(text) <= coachInline {
		n.show(hintText(text))
		return
	}
	gen := n.gen
	n.wait = time.AfterFunc(coachPause, func() {
		msg := hintText(text)
		n.later(func() {
			if gen == n.gen {
				n.show(msg)
			}
		})
	})
}

func hintText(text string) string {
	hs := coach.Check(text)
	if len(hs) == 0 {
		return ""
	}
	h := hs[0]
	// No arrow: Fyne draws "→" from a fallback font that breaks the space after it.
	msg := "Instead of “" + model.OneLine(h.Match) + "”, try asking: " + h.Reframe
	if h.Why != "" {
		msg += "  " + h.Why
	}
	return msg
}

func (n *coachNote) show(msg string) {
	if msg == n.shown {
		return
	}
	n.shown = msg
	if msg == "" {
		n.box.Hide()
		return
	}
	n.text.SetText(msg)
	n.box.Show()
}

// Hint is the hint on show, "" when none.
func (n *coachNote) Hint() string { return n.shown }

// coached puts the blameless coach under an entry: as the text changes
// (after whatever the entry already does with it), blame language gets a
// hint with a reframe.
func (v *debriefView) coached(e *textField) fyne.CanvasObject {
	n := newCoachNote(v.s.later)
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		n.check(s)
	}
	n.check(e.Text)
	v.coachNotes = append(v.coachNotes, n)
	return container.NewVBox(e, n.box)
}
