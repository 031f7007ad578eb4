package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
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

// Dates are read in the forms people type, the slash form by the locale,
// and anything else is refused with an example.
func TestParseDateInput(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, monthFirst := range []bool{false, true} {
		MonthFirst = func() bool { return monthFirst }
		slash := day(2026, 11, 12)
		if monthFirst {
			slash = day(2026, 12, 11)
		}
		tests := []struct {
			in   string
			want time.Time
		}{
			{"2026-12-11", day(2026, 12, 11)}, {" 2026/12/11 ", day(2026, 12, 11)},
			{"11.12.2026", day(2026, 12, 11)}, {"1.2.2027", day(2027, 2, 1)},
			{"12/11/2026", slash},
		}
		for _, tt := range tests {
			got, err := ParseDateInput(tt.in)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("month first %v: %q read as %v, %v; want %v", monthFirst, tt.in, got, err, tt.want)
			}
		}
		for _, bad := range []string{"31.02.2026", "2026-13-01", "12/11/26", "tomorrow", "11/31/2026x"} {
			if _, err := ParseDateInput(bad); err == nil {
				t.Errorf("%q was taken as a date", bad)
			}
		}
	}
	MonthFirst = func() bool { return false }
}

// An empty date field shows hints that cannot pass for a date, and a date
// typed in another form than YYYY-MM-DD is echoed in words.
func TestDateFieldHintsAndEcho(t *testing.T) {
	test.NewTempApp(t)
	MonthFirst = func() bool { return false }
	w := test.NewTempWindow(t, widget.NewLabel(""))
	var got []time.Time
	f := NewDateField(w, time.Time{}, true, func(d time.Time) { got = append(got, d) })
	w.SetContent(f.Content)
	if f.date.PlaceHolder != "YYYY-MM-DD" || f.clock.PlaceHolder != "HH:MM" {
		t.Errorf("hints %q and %q", f.date.PlaceHolder, f.clock.PlaceHolder)
	}
	f.date.SetText("11.12.2026")
	if !f.echo.Visible() || f.echo.Text != "Read as Friday 11 December 2026" {
		t.Errorf("echo %q (shown %v)", f.echo.Text, f.echo.Visible())
	}
	if len(got) != 1 || got[0].Day() != 11 || got[0].Month() != time.December {
		t.Errorf("stored %v", got)
	}
	f.date.SetText("2026-12-11")
	if f.echo.Visible() {
		t.Error("an ISO date is echoed although it cannot be misread")
	}
}

// The calendar opens under its field, or above it near the window's
// bottom, and always whole inside the window.
func TestCalendarPopUpStaysInTheWindow(t *testing.T) {
	win := fyne.NewSize(1280, 800)
	cal := fyne.NewSize(300, 320)
	field := fyne.NewSize(200, 36)
	for _, tt := range []struct {
		at   fyne.Position
		want fyne.Position
	}{
		{fyne.NewPos(100, 100), fyne.NewPos(100, 136)},  // room below
		{fyne.NewPos(100, 600), fyne.NewPos(100, 280)},  // near the bottom: above
		{fyne.NewPos(1100, 600), fyne.NewPos(980, 280)}, // near the right edge too
		{fyne.NewPos(100, 200), fyne.NewPos(100, 236)},  // just fits below
	} {
		got := popUpPlace(tt.at, field, cal, win)
		if got != tt.want || got.Y+cal.Height > win.Height || got.X+cal.Width > win.Width || got.Y < 0 {
			t.Errorf("a field at %v: the calendar at %v, want %v", tt.at, got, tt.want)
		}
	}
}

// Esc closes the calendar pop-up, as it closes a dialog or a menu; the
// window's shortcuts wait while it is open.
func TestCalendarClosesOnEscape(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	w.Resize(fyne.NewSize(800, 600))
	f := NewDateField(w, time.Time{}, false, nil)
	w.SetContent(f.Content)
	test.Tap(f.pick)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the calendar did not open")
	}
	focused := w.Canvas().Focused()
	if focused == nil {
		t.Fatal("the open calendar does not take the keyboard")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the calendar")
	}
}
