package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

// dateField is a date typed as 2026-12-10 (unambiguous in every country)
// or picked from a calendar. With a clock it also takes a time, 14:30, in
// local time.
type dateField struct {
	date, clock *textField
	pick        *widget.Button
	problem     *widget.Label     // what is wrong with what was typed; hidden when nothing is
	onChange    func(t time.Time) // zero when cleared
	content     fyne.CanvasObject
}

func newDateField(win fyne.Window, t time.Time, withClock bool, onChange func(time.Time)) *dateField {
	f := &dateField{date: newTextField(), onChange: onChange}
	f.date.SetPlaceHolder("2026-12-10")
	var pop *widget.PopUp
	f.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() {
		start := time.Now()
		if d, err := model.ParseDate(strings.TrimSpace(f.date.Text)); err == nil {
			start = d
		}
		cal := widget.NewCalendar(start, func(d time.Time) {
			f.date.SetText(d.Format(model.DateLayout))
			if pop != nil {
				pop.Hide()
			}
		})
		pop = widget.NewPopUp(cal, win.Canvas())
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.date)
		pop.ShowAtPosition(pos.Add(fyne.NewPos(0, f.date.Size().Height)))
	})
	f.pick.Importance = widget.LowImportance
	row := container.NewBorder(nil, nil, nil, f.pick, f.date)
	if withClock {
		f.clock = newTextField()
		f.clock.SetPlaceHolder("14:30")
		row = container.NewBorder(nil, nil, nil, container.NewHBox(f.pick, sized(f.clock, 90)), f.date)
	}
	f.problem = problemLabel()
	f.content = container.NewVBox(row, f.problem)
	f.set(t)
	changed := func(string) {
		t, err := f.parse(f.date.Text, f.clockText())
		// A date half typed ("2026-1") is not a mistake yet: say nothing
		// (and store nothing) until it is as long as a whole one, so the
		// form does not jump while someone types.
		typing := len(strings.TrimSpace(f.date.Text)) < len(model.DateLayout) && strings.TrimSpace(f.date.Text) != "" ||
			len(strings.TrimSpace(f.clockText())) < len("15:04") && strings.TrimSpace(f.clockText()) != ""
		showProblem(f.problem, err)
		if err != nil && typing {
			f.problem.Hide()
		}
		if err == nil && f.onChange != nil {
			f.onChange(t)
		}
	}
	f.date.OnChanged = changed
	if f.clock != nil {
		f.clock.OnChanged = changed
	}
	return f
}

func (f *dateField) clockText() string {
	if f.clock == nil {
		return ""
	}
	return f.clock.Text
}

// set shows t without reporting a change.
func (f *dateField) set(t time.Time) {
	cb := f.onChange
	f.onChange = nil
	defer func() { f.onChange = cb }()
	if t.IsZero() {
		f.date.SetText("")
		if f.clock != nil {
			f.clock.SetText("")
		}
		return
	}
	if f.clock == nil {
		f.date.SetText(t.UTC().Format(model.DateLayout))
		return
	}
	local := t.Local()
	f.date.SetText(local.Format(model.DateLayout))
	f.clock.SetText(local.Format("15:04"))
}

// parse reads a date and an optional clock: a date alone is midnight UTC
// (a day, for check-back dates) without a clock field, else the local time.
func (f *dateField) parse(date, clock string) (time.Time, error) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if date == "" {
		if clock != "" {
			return time.Time{}, errors.New("add a date too")
		}
		return time.Time{}, nil
	}
	d, err := model.ParseDate(date)
	if err != nil {
		return time.Time{}, err
	}
	if f.clock == nil {
		return d, nil
	}
	h, m := 9, 0
	if clock != "" {
		c, err := time.Parse("15:04", clock)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a time like 14:30", clock)
		}
		h, m = c.Hour(), c.Minute()
	}
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, time.Local), nil
}

// problemLabel is a hidden line under a field that says what is wrong
// with what was typed. The field keeps its last good value meanwhile.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func showProblem(l *widget.Label, err error) {
	if err == nil {
		l.Hide()
		return
	}
	l.SetText(capitalise(err.Error()) + ".")
	l.Show()
}

// checked shows check's complaint under e as the text changes, and passes
// text that passes it on to onChange.
func checked(e *textField, check func(string) error, onChange func(string)) fyne.CanvasObject {
	problem := problemLabel()
	e.OnChanged = func(s string) {
		err := check(s)
		showProblem(problem, err)
		if err == nil && onChange != nil {
			onChange(s)
		}
	}
	return container.NewVBox(e, problem)
}

// sized gives o at least the given width.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// multiline is a wrapping text area of a few rows.
func multiline(text, placeholder string, rows int, onChange func(string)) *textField {
	e := newMultiLineField()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	e.OnChanged = onChange
	return e
}

// line is a one-line entry.
func line(text, placeholder string, onChange func(string)) *textField {
	e := newTextField()
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	e.OnChanged = onChange
	return e
}

// labelled puts a bold label over a field, with an optional hint below it.
func labelled(label string, field fyne.CanvasObject, hint ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs := append([]fyne.CanvasObject{l, field}, hint...)
	return container.NewVBox(objs...)
}

// caption is small secondary text.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}
