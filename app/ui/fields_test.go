package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/debrief-app/debrief/app/model"
)

// A date field says nothing while a date is half typed, and stores only whole dates.
func TestDateFieldSaysNothingWhileTyping(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	var got []time.Time
	f := NewDateField(w, time.Time{}, false, func(d time.Time) { got = append(got, d) })
	w.SetContent(f.Content)
	test.Type(f.date, "2026-1")
	if f.problem.Visible() || len(got) != 0 {
		t.Errorf("half a date: problem shown %v, stored %v", f.problem.Visible(), got)
	}
	f.date.SetText("2026-13-40")
	if !f.problem.Visible() || len(got) != 0 {
		t.Errorf("a whole wrong date: problem shown %v, stored %v", f.problem.Visible(), got)
	}
	f.date.SetText("2026-12-10")
	if f.problem.Visible() || len(got) != 1 || got[0].Format(model.DateLayout) != "2026-12-10" {
		t.Errorf("a good date: problem shown %v, stored %v", f.problem.Visible(), got)
	}
}
