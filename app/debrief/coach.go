package debrief

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"github.com/debrief-app/debrief/app/ui"
)

// coached puts the blameless coach under an entry: as the text changes
// (after whatever the entry already does with it), blame language gets a
// hint with a reframe.
func (v *Screen) coached(e *ui.TextField) fyne.CanvasObject {
	n := ui.NewCoachNote(v.host.Later)
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		n.Check(s)
	}
	n.Check(e.Text)
	v.coachNotes = append(v.coachNotes, n)
	if note := e.Note(); note != nil {
		return container.NewVBox(e, note, n.Box)
	}
	return container.NewVBox(e, n.Box)
}
