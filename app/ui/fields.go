package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

// DateField is a date typed as 2026-12-10 (unambiguous in every country),
// in the locale's common forms (11.12.2026, 12/11/2026: see
// ParseDateInput) with the date echoed in words so it cannot be misread,
// or picked from a calendar. With a clock it also takes a time, 14:30, in
// local time. Empty, it shows hints (YYYY-MM-DD, HH:MM) that cannot be
// taken for values.
type DateField struct {
	date, clock *TextField
	pick        *widget.Button
	problem     *widget.Label     // what is wrong with what was typed; hidden when nothing is
	echo        *widget.Label     // the date read, in words, when it was typed in another form than YYYY-MM-DD
	onChange    func(t time.Time) // zero when cleared
	Content     fyne.CanvasObject
}

func NewDateField(win fyne.Window, t time.Time, withClock bool, onChange func(time.Time)) *DateField {
	f := &DateField{date: NewTextField(), onChange: onChange}
	f.date.SetPlaceHolder("YYYY-MM-DD")
	var pop *widget.PopUp
	f.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() {
		start := time.Now()
		if d, err := ParseDateInput(f.date.Text); err == nil {
			start = d
		}
		cal := widget.NewCalendar(start, func(d time.Time) {
			f.date.SetText(d.Format(model.DateLayout))
			if pop != nil {
				pop.Hide()
			}
		})
		esc := newEscaper(cal, func() { pop.Hide() })
		pop = widget.NewPopUp(esc, win.Canvas())
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.date)
		pop.ShowAtPosition(popUpPlace(pos, f.date.Size(), pop.MinSize(), win.Canvas().Size()))
		win.Canvas().Focus(esc) // so Esc closes it, as it closes a dialog
	})
	f.pick.Importance = widget.LowImportance
	row := container.NewBorder(nil, nil, nil, f.pick, f.date)
	if withClock {
		f.clock = NewTextField()
		f.clock.SetPlaceHolder("HH:MM")
		row = container.NewBorder(nil, nil, nil, container.NewHBox(f.pick, Sized(f.clock, 90)), f.date)
	}
	f.problem = ProblemLabel()
	f.echo = widget.NewLabel("")
	f.echo.SizeName = theme.SizeNameCaptionText
	f.echo.Hide()
	f.Content = container.NewVBox(row, f.echo, f.problem)
	f.Set(t)
	changed := func(string) {
		t, err := f.parse(f.date.Text, f.clockText())
		// A date half typed ("2026-1") is not a mistake yet: say nothing
		// (and store nothing) until it is as long as a whole one, so the
		// form does not jump while someone types.
		typing := len(strings.TrimSpace(f.date.Text)) < len(model.DateLayout) && strings.TrimSpace(f.date.Text) != "" ||
			len(strings.TrimSpace(f.clockText())) < len("15:04") && strings.TrimSpace(f.clockText()) != ""
		ShowProblem(f.problem, err)
		if err != nil && typing {
			f.problem.Hide()
		}
		f.showEcho(err == nil)
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

// showEcho says which day was read when it was typed in another form
// than YYYY-MM-DD: 12/11/2026 reads differently across the Atlantic.
func (f *DateField) showEcho(ok bool) {
	text := strings.TrimSpace(f.date.Text)
	d, err := ParseDateInput(text)
	if !ok || err != nil || text == d.Format(model.DateLayout) {
		f.echo.Hide()
		return
	}
	f.echo.SetText("Read as " + DateEcho(d))
	f.echo.Show()
}

func (f *DateField) clockText() string {
	if f.clock == nil {
		return ""
	}
	return f.clock.Text
}

// set shows t without reporting a change.
func (f *DateField) Set(t time.Time) {
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
func (f *DateField) parse(date, clock string) (time.Time, error) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if date == "" {
		if clock != "" {
			return time.Time{}, errors.New("add a date too")
		}
		return time.Time{}, nil
	}
	d, err := ParseDateInput(date)
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

// ProblemLabel is a hidden line under a field that says what is wrong
// with what was typed. The field keeps its last good value meanwhile.
func ProblemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func ShowProblem(l *widget.Label, err error) {
	if err == nil {
		l.Hide()
		return
	}
	l.SetText(Capitalise(err.Error()) + ".")
	l.Show()
}

// Checked shows check's complaint under e as the text changes, and passes
// text that passes it on to onChange.
func Checked(e *TextField, check func(string) error, onChange func(string)) fyne.CanvasObject {
	problem := ProblemLabel()
	e.OnChanged = func(s string) {
		err := check(s)
		ShowProblem(problem, err)
		if err == nil && onChange != nil {
			onChange(s)
		}
	}
	if note := e.Note(); note != nil {
		return container.NewVBox(e, note, problem)
	}
	return container.NewVBox(e, problem)
}

// Sized gives o at least the given width.
func Sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// EditLimit is the most a text field takes, typed or pasted
// (model.MaxTyped).
const EditLimit = model.MaxTyped

// Multiline is a wrapping text area of a few rows.
func Multiline(text, placeholder string, rows int, onChange func(string)) *TextField {
	e := NewMultiLineField()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.SetPlaceHolder(placeholder)
	return withText(e, text, onChange)
}

// Line is a one-line entry.
func Line(text, placeholder string, onChange func(string)) *TextField {
	e := NewTextField()
	e.SetPlaceHolder(placeholder)
	return withText(e, text, onChange)
}

// withText fills a new field. A stored text longer than a field takes
// (imported, or typed in an older Debrief, up to model.MaxText) would
// freeze the window in Fyne's entry: the field then shows its start,
// read-only, and says so. The text is kept whole and exported whole;
// onChange is never called, so nothing shortens it.
func withText(e *TextField, text string, onChange func(string)) *TextField {
	e.SetLimit(EditLimit)
	if n := utf8.RuneCountInString(text); n > EditLimit {
		e.limit, e.long = 0, true
		if e.MultiLine {
			e.Wrapping = fyne.TextWrapBreak // a long run without spaces must not widen the window
		}
		e.Entry.SetText(model.Cut(text, longPreview) + "…")
		e.Disable()
		e.note.Wrapping = fyne.TextWrapWord
		e.note.SetText(fmt.Sprintf("Only the first %s of its %s characters are shown, and it cannot be edited here: "+
			"a text this long would freeze the window. It is kept whole, and exported whole.", model.Thousands(longPreview), model.Thousands(n)))
		e.note.Show()
		return e
	}
	e.SetText(text)
	e.OnChanged = onChange
	return e
}

// longPreview is how much of a too-long text its field shows.
const longPreview = 2_000

// WithNote is e with its counter (see SetLimit) under it.
func WithNote(e *TextField) fyne.CanvasObject {
	if e.Note() == nil {
		return e
	}
	return container.NewVBox(e, e.Note())
}

// Labelled puts a bold label over a field, with an optional hint below it.
func Labelled(label string, field fyne.CanvasObject, hint ...fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs := append([]fyne.CanvasObject{l, field}, hint...)
	return container.NewVBox(objs...)
}

// Caption is small secondary text.
func Caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// popUpPlace is where a pop-up of size pop goes for a field at pos of
// size field in a window of size win: under the field, or above it when
// it would run past the window's bottom (the calendar under the
// reflection date showed one week at 1280x800), and never past an edge.
func popUpPlace(pos fyne.Position, field, pop, win fyne.Size) fyne.Position {
	p := pos.Add(fyne.NewPos(0, field.Height))
	if p.Y+pop.Height > win.Height {
		if above := pos.Y - pop.Height; above >= 0 {
			p.Y = above
		} else {
			p.Y = max(0, win.Height-pop.Height) // fits neither way: as much as fits
		}
	}
	p.X = max(0, min(p.X, win.Width-pop.Width))
	return p
}

// escaper holds a pop-up's content and takes the keyboard while it is
// shown, so Esc closes it as Esc closes a dialog or a menu.
type escaper struct {
	widget.BaseWidget
	content fyne.CanvasObject
	close   func()
}

func newEscaper(content fyne.CanvasObject, close func()) *escaper {
	e := &escaper{content: content, close: close}
	e.ExtendBaseWidget(e)
	return e
}

func (e *escaper) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(e.content) }
func (e *escaper) FocusGained()                        {}
func (e *escaper) FocusLost()                          {}
func (e *escaper) TypedRune(rune)                      {}
func (e *escaper) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.close()
	}
}
