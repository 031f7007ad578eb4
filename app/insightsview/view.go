// Package insightsview is the Insights screen: what a group's debriefs say
// together (app/insights computes it), with charts, each figure leading to
// the debriefs behind it.
package insightsview

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/export"
)

// Saver asks where to save a file named name and writes it with write,
// off the UI goroutine (the shell's save dialog).
type Saver func(name string, write func(w io.Writer) error)

// View is the Insights screen of one group (or of all groups).
type View struct {
	host      *ui.Host
	db        *store.DB
	groupID   int64
	groupName string
	open      func(id int64) // opens a debrief
	back      func()         // back to the library
	save      Saver
	options   func() export.Options // the PDF's paper
	now       func() time.Time

	content  *fyne.Container
	body     *fyne.Container
	subtitle *widget.Label
	actions  []*widget.Button // need a report: disabled until one is read

	dossiers []*model.Dossier
	report   insights.Report
	refs     map[int64]insights.DebriefRef
	loads    uint64
}

// New makes the Insights screen of group (store.AllGroups for all, then
// name is "All groups"). It reads nothing until Load.
func New(host *ui.Host, db *store.DB, group int64, name string, open func(int64), back func(), save Saver, options func() export.Options) *View {
	v := &View{host: host, db: db, groupID: group, groupName: name, open: open, back: back, save: save, options: options, now: time.Now}
	backBtn := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), back)
	title := widget.NewLabelWithStyle("Insights: "+model.OneLine(name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	v.subtitle = ui.Caption("Reading the group's debriefs…")
	checklist := widget.NewButtonWithIcon("Before you start…", theme.ListIcon(), v.showChecklist)
	report := widget.NewButtonWithIcon("Group report…", theme.DocumentSaveIcon(), v.saveReport)
	report.Importance = widget.HighImportance
	v.actions = []*widget.Button{checklist, report}
	for _, b := range v.actions {
		b.Disable()
	}
	header := container.NewBorder(nil, nil,
		container.NewHBox(container.NewCenter(backBtn)),
		container.NewHBox(container.NewCenter(checklist), container.NewCenter(report)),
		container.NewVBox(title, v.subtitle))
	v.body = container.NewVBox(container.NewCenter(widget.NewProgressBarInfinite()))
	v.content = container.NewBorder(container.NewVBox(container.NewPadded(header), widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.body)))
	return v
}

// Content is the screen.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Report is the report shown (for tests).
func (v *View) Report() insights.Report { return v.report }

// loaded is what one read gives.
type loaded struct {
	ds []*model.Dossier
	r  insights.Report
}

// Load reads the group's debriefs and computes the insights, off the UI
// goroutine, then shows them.
func (v *View) Load() {
	v.loads++
	n := v.loads
	db, group, today := v.db, v.groupID, v.now()
	ui.Background(v.host, "Could not read the insights", func(ctx context.Context) (loaded, error) {
		ds, err := db.GroupDossiers(ctx, group)
		if err != nil {
			return loaded{}, err
		}
		return loaded{ds, insights.Compute(ds, today)}, nil
	}, func(l loaded) {
		if n == v.loads {
			v.show(l)
		}
	})
}

func (v *View) show(l loaded) {
	v.dossiers, v.report = l.ds, l.r
	v.refs = map[int64]insights.DebriefRef{}
	for _, d := range l.r.Debriefs {
		v.refs[d.ID] = d
	}
	r := l.r
	v.subtitle.SetText(v.period())
	for _, b := range v.actions {
		if len(r.Debriefs) > 0 {
			b.Enable()
		}
	}
	if len(r.Debriefs) == 0 {
		v.body.Objects = []fyne.CanvasObject{ui.Para("No debriefs in this group yet. After a few, this page shows what keeps coming back and whether your changes held.")}
		v.body.Refresh()
		return
	}
	sections := []fyne.CanvasObject{
		v.rhythm(r),
		v.changes(r),
		v.themes(r),
		v.held(r),
		v.ledgers(r),
		v.mix(r),
	}
	v.body.Objects = []fyne.CanvasObject{container.New(&columns{min: 520}, sections...)}
	v.body.Refresh()
}

// period is "12 debriefs · Mar 2026 – Dec 2026".
func (v *View) period() string {
	r := v.report
	if len(r.Debriefs) == 0 {
		return "No debriefs yet"
	}
	first, last := r.Debriefs[0].SetbackAt, r.Debriefs[0].SetbackAt
	for _, d := range r.Debriefs {
		if d.SetbackAt.Before(first) {
			first = d.SetbackAt
		}
		if d.SetbackAt.After(last) {
			last = d.SetbackAt
		}
	}
	when := first.Format("Jan 2006")
	if m := last.Format("Jan 2006"); m != when {
		when += " – " + m
	}
	return ui.Plural(len(r.Debriefs), "debrief", "debriefs") + "  ·  " + when
}

// section is a titled panel.
func section(title, lead string, parts ...fyne.CanvasObject) fyne.CanvasObject {
	objs := []fyne.CanvasObject{ui.Heading(title)}
	if lead != "" {
		objs = append(objs, ui.Para(lead))
	}
	objs = append(objs, parts...)
	return container.NewPadded(ui.Panel(theme.Color(theme.ColorNameSeparator), container.NewVBox(objs...)))
}

// links lists debriefs as links that open them: "Regional (Mar 2026)".
func (v *View) links(ids []int64, most int) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i, id := range ids {
		if i == most {
			objs = append(objs, ui.Caption(fmt.Sprintf("and %d more", len(ids)-most)))
			break
		}
		ref, ok := v.refs[id]
		if !ok {
			continue
		}
		// Short enough to sit several to a line.
		l := widget.NewHyperlink(shorten(model.OneLine(ref.Title), 48)+" ("+ref.SetbackAt.Format("Jan 2006")+")", nil)
		l.OnTapped = func() { v.open(id) }
		objs = append(objs, l)
	}
	return newFlow(objs...)
}

// pick shows the debriefs behind a figure, to open one.
func (v *View) pick(what string, ids []int64) {
	if len(ids) == 0 {
		return
	}
	if len(ids) == 1 {
		v.open(ids[0])
		return
	}
	var pop *widget.PopUp
	body := container.NewVBox(widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.links(ids, 12))
	pop = widget.NewModalPopUp(container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), widget.NewButton("Close", func() { pop.Hide() })), nil, nil, body), v.host.Win.Canvas())
	pop.Show()
}

var (
	colourSetbacks = color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff} // vermillion and blue: told apart by every eye
	colourHeld     = color.NRGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xff}
)

// rhythm: setbacks and debriefs per month, and how soon the group reflects.
func (v *View) rhythm(r insights.Report) fyne.CanvasObject {
	ser := []series{{"Setbacks", colourSetbacks}, {"Debriefs held", colourHeld}}
	cols := make([]column, len(r.Months))
	for i, m := range r.Months {
		cols[i] = column{label: monthLabel(m.Month, len(r.Months)), values: []float64{float64(m.Setbacks.N), float64(m.Held.N)}}
	}
	chart := newBarChart(ser, cols, false, func(col, s int) {
		m := r.Months[col]
		if s == 0 {
			v.pick("Setbacks in "+monthLabel(m.Month, 1), m.Setbacks.Debriefs)
		} else {
			v.pick("Debriefs held in "+monthLabel(m.Month, 1), m.Held.Debriefs)
		}
	})
	lead := "How often things went wrong, and whether the group met about each."
	var soon []fyne.CanvasObject
	if ref := r.Reflection; len(ref.Lags) > 0 {
		med := widget.NewLabelWithStyle("Median time from setback to reflection: "+hours(ref.MedianHours), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		med.Wrapping = fyne.TextWrapWord
		soon = append(soon, med, ui.Para(trendText(ref)))
		unit, per := lagUnit(ref.Lags)
		lag := make([]column, len(ref.Lags))
		for i, l := range ref.Lags {
			lag[i] = column{label: l.SetbackAt.Format("2 Jan"), values: []float64{l.Hours / per}}
		}
		lc := newBarChart([]series{{"Time to the reflection", colourHeld}}, lag, false, func(col, _ int) { v.open(ref.Lags[col].Debrief) })
		lc.unit, lc.height, lc.counts = unit, 120, false
		soon = append(soon, lc)
	} else {
		soon = append(soon, ui.Para("No debrief says when its setback happened, so the time to the reflection is not known."))
	}
	return section("Setbacks and debriefs", lead, append([]fyne.CanvasObject{chart, legend(ser), widget.NewSeparator()}, soon...)...)
}

// trendText says whether the group reflects sooner than it used to.
func trendText(ref insights.Reflection) string {
	t := ref.Trend
	if t.FirstHalf.N == 0 || t.LastHalf.N == 0 {
		return "The practice: reflect right after the setback, while it is fresh. A trend shows after a few more debriefs."
	}
	a, b := t.FirstHalfMedianHours, t.LastHalfMedianHours
	switch {
	case b < a*0.8:
		return fmt.Sprintf("Sooner than before: the recent half took %s, the earlier half %s.", hours(b), hours(a))
	case b > a*1.25:
		return fmt.Sprintf("Later than before: the recent half took %s, the earlier half %s. Right after the setback is best.", hours(b), hours(a))
	}
	return fmt.Sprintf("About as soon as before (%s, then %s).", hours(a), hours(b))
}

// monthLabel is "Mar 2026", or "Mar" with the year only in January when
// there are many months.
func monthLabel(m string, months int) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	if months > 6 && t.Month() != time.January {
		return t.Format("Jan")
	}
	return t.Format("Jan 2006")
}

// changes: the one change of each debrief, and what became of it.
func (v *View) changes(r insights.Report) fyne.CanvasObject {
	c := r.Changes
	waiting := c.Committed.N - c.CheckedBack.N - c.Overdue.N
	ser := []series{
		{fmt.Sprintf("Kept (%d)", c.Kept.N), color.NRGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xff}},
		{fmt.Sprintf("Adjusted (%d)", c.Adjusted.N), color.NRGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xff}},
		{fmt.Sprintf("Dropped (%d)", c.Dropped.N), color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}},
		{fmt.Sprintf("Not checked yet (%d)", max(0, waiting)), color.NRGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xff}},
		{fmt.Sprintf("Overdue (%d)", c.Overdue.N), color.NRGBA{R: 0xCC, G: 0x33, B: 0x11, A: 0xff}},
	}
	tallies := []insights.Tally{c.Kept, c.Adjusted, c.Dropped, {}, c.Overdue}
	values := []float64{float64(c.Kept.N), float64(c.Adjusted.N), float64(c.Dropped.N), float64(max(0, waiting)), float64(c.Overdue.N)}
	bar := newStackBar(ser, values, func(i int) {
		if i == 3 {
			var ids []int64
			for _, ch := range c.List {
				if ch.Outcome == "" && !ch.Overdue {
					ids = append(ids, ch.Debrief)
				}
			}
			v.pick("Not checked back yet", ids)
			return
		}
		v.pick(ser[i].name, tallies[i].Debriefs)
	})
	share := fmt.Sprintf("%d of %s ended with exactly one change that someone owns (%.0f %%).",
		c.OneOwnedChange.N, ui.Plural(len(r.Debriefs), "debrief", "debriefs"), c.OneOwnedShare*100)
	parts := []fyne.CanvasObject{ui.Para(share), bar, legend(ser)}
	if len(c.Overdue.Debriefs) > 0 {
		parts = append(parts, widget.NewLabelWithStyle("Overdue check-ins", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, ch := range c.List {
			if !ch.Overdue {
				continue
			}
			text := "“" + model.OneLine(ch.What) + "”"
			if ch.Owner != "" {
				text += " — " + ch.Owner
			}
			text += ", due " + ui.Date(ch.CheckBack)
			l := widget.NewHyperlink(text, nil)
			l.Wrapping = fyne.TextWrapWord
			id := ch.Debrief
			l.OnTapped = func() { v.open(id) }
			parts = append(parts, l)
		}
	}
	return section("The one change, and whether it stuck", "", parts...)
}

// themes: what keeps coming back.
func (v *View) themes(r insights.Report) fyne.CanvasObject {
	if len(r.Themes) == 0 {
		return section("Keeps coming back", "Nothing yet: no factor has come back in a second debrief.")
	}
	var parts []fyne.CanvasObject
	themes := slices.Clone(r.Themes)
	slices.SortStableFunc(themes, func(a, b insights.Theme) int { return len(b.Debriefs) - len(a.Debriefs) })
	for i, t := range themes {
		if i == 8 {
			parts = append(parts, ui.Caption(fmt.Sprintf("and %d more themes in the group report", len(themes)-8)))
			break
		}
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s  ·  in %d debriefs", t.Label, len(t.Debriefs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		ex := ui.Para("“" + model.OneLine(t.Example) + "”")
		ex.TextStyle = fyne.TextStyle{Italic: true}
		parts = append(parts, head, ex, v.links(t.Debriefs, 4))
	}
	return section("Keeps coming back", "Factors from different debriefs that say the same thing: the candidates for the next change.", parts...)
}

// held: changes that may not have held.
func (v *View) held(r insights.Report) fyne.CanvasObject {
	if len(r.Held) == 0 {
		return section("Did the change hold?", "No change's problem has come back in a later debrief.")
	}
	var parts []fyne.CanvasObject
	total := map[int64]int{}
	for _, h := range r.Held {
		total[h.Change.ID]++
	}
	count := map[int64]int{}
	for _, h := range r.Held {
		id := h.Change.ID
		if count[id] >= 2 {
			continue
		}
		count[id]++
		l := widget.NewHyperlink(h.Sentence, nil)
		l.Wrapping = fyne.TextWrapWord
		later := h.Later
		l.OnTapped = func() { v.open(later) }
		parts = append(parts, l)
		if count[id] == 2 && total[id] > 2 {
			parts = append(parts, ui.Caption(fmt.Sprintf("and %d more times", total[id]-2)))
		}
	}
	return section("Did the change hold?", "A change may not have held when what it was meant to fix came back later.", parts...)
}

// ledgers: warning signs missed again, and luck.
func (v *View) ledgers(r insights.Report) fyne.CanvasObject {
	var parts []fyne.CanvasObject
	parts = append(parts, widget.NewLabelWithStyle("Warning signs missed more than once", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(r.Warnings) == 0 {
		parts = append(parts, ui.Para("None yet."))
	}
	for _, w := range r.Warnings {
		l := ui.Para(fmt.Sprintf("“%s”  ·  %d debriefs", model.OneLine(w.Example), len(w.Debriefs)))
		parts = append(parts, l, v.links(w.Debriefs, 3))
	}
	parts = append(parts, widget.NewSeparator(), widget.NewLabelWithStyle(
		fmt.Sprintf("Where luck saved us  ·  %s", ui.Plural(r.Luck.Debriefs.N, "debrief", "debriefs")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(r.Luck.Themes) == 0 {
		parts = append(parts, ui.Para("No debrief names luck yet."))
	}
	for i, t := range r.Luck.Themes {
		if i == 5 {
			parts = append(parts, ui.Caption(fmt.Sprintf("and %d more", len(r.Luck.Themes)-5)))
			break
		}
		parts = append(parts, ui.Para(fmt.Sprintf("“%s”  ·  %s", model.OneLine(t.Example), ui.Plural(len(t.Debriefs), "debrief", "debriefs"))), v.links(t.Debriefs, 2))
	}
	return section("Warning signs and luck", "What almost told us, and what saved us: luck that keeps saving the group is a risk.", parts...)
}

// mix: which kinds of factor the group names, month by month.
func (v *View) mix(r insights.Report) fyne.CanvasObject {
	cats := model.Categories()
	ser := make([]series, len(cats))
	for i, c := range cats {
		ser[i] = series{c.Label(), c.RGB()}
	}
	cols := make([]column, len(r.Months))
	for i, m := range r.Months {
		vals := make([]float64, len(cats))
		for _, cc := range m.Categories {
			if j := slices.Index(cats, cc.Category); j >= 0 {
				vals[j] = float64(cc.Factors)
			}
		}
		cols[i] = column{label: monthLabel(m.Month, len(r.Months)), values: vals}
	}
	chart := newBarChart(ser, cols, true, func(col, s int) {
		for _, cc := range r.Months[col].Categories {
			if cc.Category == cats[s] {
				v.pick(cats[s].Label()+" in "+monthLabel(r.Months[col].Month, 1), cc.Debriefs)
			}
		}
	})
	var people, all int
	for _, cc := range r.Categories {
		all += cc.Factors
		if cc.Category == model.People {
			people = cc.Factors
		}
	}
	lead := "Are the human factors named, or only the technical ones?"
	if all > 0 {
		lead = fmt.Sprintf("People & communication are %.0f %% of the %d factors: are the human factors named, or only the technical ones?",
			100*float64(people)/float64(all), all)
	}
	return section("The kinds of factor, month by month", lead, chart, legend(ser))
}

// columns lays its objects in as many columns (one or two) of at least
// min wide as fit, each row as high as its tallest object.
type columns struct {
	min   float32
	width float32 // as last laid out: MinSize's height is for it
}

func (c *columns) n(width float32) int { return max(1, min(2, int(width/c.min))) }

func (c *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c.width = size.Width
	n := c.n(size.Width)
	w := size.Width / float32(n)
	var y float32
	for i := 0; i < len(objs); i += n {
		rowH := float32(0)
		for j := i; j < min(i+n, len(objs)); j++ {
			rowH = max(rowH, heightFor(objs[j], w))
		}
		for j := i; j < min(i+n, len(objs)); j++ {
			objs[j].Move(fyne.NewPos(float32(j-i)*w, y))
			objs[j].Resize(fyne.NewSize(w, rowH))
		}
		y += rowH
	}
}

func (c *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h, w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	n := 2 // before the first layout: a typical window
	if c.width > 0 {
		n = c.n(c.width)
	}
	for i := 0; i < len(objs); i += n {
		rowH := float32(0)
		for j := i; j < min(i+n, len(objs)); j++ {
			rowH = max(rowH, objs[j].MinSize().Height)
		}
		h += rowH
	}
	return fyne.NewSize(min(w, c.min), h)
}

// heightFor is o's height at width w: its min height (wrapped labels
// report theirs for the width they were last given).
func heightFor(o fyne.CanvasObject, w float32) float32 {
	o.Resize(fyne.NewSize(w, o.MinSize().Height))
	return o.MinSize().Height
}

// shorten cuts s to at most n characters, at a space when it can.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:—-") + "…"
}

// lagUnit is the unit the lag chart counts in, and hours per unit: hours,
// or days once any lag is over three days (a scale of "10000 h" reads as
// nothing).
func lagUnit(lags []insights.Lag) (string, float64) {
	for _, l := range lags {
		if l.Hours > 72 {
			return "days", 24
		}
	}
	return "h", 1
}
