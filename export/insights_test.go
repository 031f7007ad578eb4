package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
)

// A robotics club's year, January to August 2026: fatigue, a skipped
// checklist and rushing keep coming back, a warning light is ignored
// twice, a change is overdue, luck helps twice. One title is Hebrew, to go
// through the right-to-left path.

var insightsToday = time.Date(2026, 9, 15, 12, 0, 0, 0, time.UTC)

type groupDebrief struct {
	title, template string
	happened        time.Time
	lagHours        int
	factors         []model.Factor
	lucky, whatLed  string
	change          model.ProcessChange
}

func clubDay(m time.Month, d int) time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, time.UTC) }

func f(cat model.Category, text string) model.Factor { return model.Factor{Text: text, Category: cat} }

var clubYear = []groupDebrief{
	{title: "Robot stalled at the regional", template: "robotics", happened: clubDay(time.January, 10), lagHours: 30,
		factors: []model.Factor{f(model.People, "Tired after three late nights"), f(model.Process, "Skipped the checklist"), f(model.Technical, "Wiring quirk was not documented"), f(model.Warning, "Warning light blinking, ignored")},
		whatLed: "We went into the match tired and without the checklist.",
		change:  model.ProcessChange{ID: 11, What: "A second person signs off each checklist step", Owner: "Ana", CheckBack: clubDay(time.February, 10), Chosen: true, Outcome: model.Kept}},
	{title: "Demo day overran", template: "robotics", happened: clubDay(time.February, 3), lagHours: 50,
		factors: []model.Factor{f(model.People, "Exhausted crew"), f(model.Context, "Rushed to meet the deadline"), f(model.Process, "Venue booked too late"), f(model.Lucky, "A spare battery was in the van")},
		change:  model.ProcessChange{ID: 21, What: "Book the venue two weeks earlier", Owner: "Ben", CheckBack: clubDay(time.March, 1), Chosen: true, Outcome: model.Kept}},
	{title: "Practice session lost", template: "robotics", happened: clubDay(time.March, 2), lagHours: 20,
		factors: []model.Factor{f(model.Process, "Checklist step missed"), f(model.Context, "Deadline too tight"), f(model.Technical, "Undocumented wiring quirks"), f(model.Warning, "Warning light blinking again, ignored")},
		change:  model.ProcessChange{ID: 31, What: "Write the wiring quirks in the team wiki", CheckBack: clubDay(time.April, 1), Chosen: true, Outcome: model.Adjusted}},
	{title: "Arm broke in qualifying", template: "robotics", happened: clubDay(time.April, 12), lagHours: 12,
		factors: []model.Factor{f(model.Process, "Missed a step on the checklist"), f(model.People, "Everyone was exhausted"), f(model.Technical, "Power supply overheated")},
		change:  model.ProcessChange{ID: 41, What: "Swap the power supply for a bigger one", Owner: "Ben", CheckBack: clubDay(time.May, 1), Chosen: true, Outcome: model.Dropped}},
	{title: "Camping trip rained out", template: "family-trip", happened: clubDay(time.May, 20), lagHours: 72,
		factors: []model.Factor{f(model.Context, "We were in a hurry to leave"), f(model.Context, "The forecast said rain"), f(model.People, "Worn out after the long drive")},
		lucky:   "The rain held off until the tent was up",
		change:  model.ProcessChange{ID: 51, What: "Pack the tent the night before", Owner: "Dana", CheckBack: clubDay(time.June, 1), Chosen: true}},
	{title: "ניסוי כושל במעבדה", template: "robotics", happened: clubDay(time.June, 14), lagHours: 6,
		factors: []model.Factor{f(model.People, "Late night session, nobody had slept"), f(model.Context, "Time pressure from the organisers"), f(model.Process, "Skipped checklist")},
		change:  model.ProcessChange{ID: 61, What: "Leave for the venue an hour earlier", Owner: "Priya", CheckBack: clubDay(time.December, 1), Chosen: true}},
	{title: "Final: robot tipped over", template: "robotics", happened: clubDay(time.August, 5), lagHours: 4,
		factors: []model.Factor{f(model.People, "Lack of sleep"), f(model.Process, "Checklists skipped"), f(model.Context, "Hurried because the demo was the next day"), f(model.Technical, "Centre of mass too high")},
		change:  model.ProcessChange{ID: 71, What: "Lower the battery mount"}},
}

// groupDossiers builds the dossiers of gs, IDs from 1.
func groupDossiers(gs []groupDebrief) []*model.Dossier {
	var out []*model.Dossier
	for i, g := range gs {
		id := int64(i + 1)
		d := &model.Dossier{Debrief: model.NewDebrief(g.title)}
		d.Debrief.ID = id
		d.Debrief.Template = g.template
		d.Debrief.HappenedAt = g.happened
		d.Debrief.ScheduledAt = g.happened.Add(time.Duration(g.lagHours) * time.Hour)
		d.Debrief.CreatedAt = g.happened.Add(time.Hour)
		for k, fc := range g.factors {
			fc.ID, fc.DebriefID, fc.W, fc.H = id*100+int64(k), id, 220, 120
			d.Factors = append(d.Factors, fc)
		}
		d.Lesson = model.Lesson{DebriefID: id, Lucky: g.lucky, WhatLed: g.whatLed}
		if g.change.What != "" {
			ch := g.change
			ch.DebriefID = id
			d.Changes = append(d.Changes, ch)
		}
		out = append(out, d)
	}
	return out
}

var insightsOpt = Options{Paper: A4, Created: time.Date(2026, 9, 15, 10, 0, 0, 0, time.UTC)}

// insightsPDF writes the report, checks it with qpdf and keeps it where
// INSIGHTS_PDF_DIR says, to look at.
func insightsPDF(t *testing.T, name, group string, r insights.Report) pdfFile {
	t.Helper()
	var buf bytes.Buffer
	res, err := writeInsightsPDF(&buf, group, r, insightsOpt)
	if err != nil {
		t.Fatalf("WriteInsightsPDF: %v", err)
	}
	return checkedPDF(t, name, buf.Bytes(), res)
}

func checkedPDF(t *testing.T, name string, data []byte, res PDFResult) pdfFile {
	t.Helper()
	dir := os.Getenv("INSIGHTS_PDF_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdfTool(t, "qpdf"), "--check", path).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", name, err, out)
	}
	return pdfFile{data: data, path: path, res: res}
}

// flat is s with every run of white space one space.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func pdfPages(t *testing.T, p pdfFile) int {
	t.Helper()
	out, err := exec.Command(pdfTool(t, "pdfinfo"), p.path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func TestInsightsPDFHasEveryFigure(t *testing.T) {
	r := insights.Compute(groupDossiers(clubYear), insightsToday)
	if len(r.Themes) < 3 || len(r.Held) == 0 || len(r.Warnings) == 0 || r.Luck.Debriefs.N != 2 || r.Changes.Overdue.N != 1 {
		t.Fatalf("the corpus no longer has what the test reads: %d themes, %d held, %d warnings, %d lucky, %d overdue",
			len(r.Themes), len(r.Held), len(r.Warnings), r.Luck.Debriefs.N, r.Changes.Overdue.N)
	}
	p := insightsPDF(t, "club", "Robotics club", r)
	text := flat(p.text(t, false, 0, 0))
	want := []string{
		"Insights — Robotics club", "Jan 2026 – Aug 2026 · 7 debriefs",
		"Setbacks and debriefs per month", "7 setbacks and 7 debriefs held",
		"Time from setback to reflection", "Median: " + hoursText(r.Reflection.MedianHours) + ", over 7 debriefs",
		trendText(r.Reflection.Trend),
		"Changes and their outcomes", "Committed to a change: 6 of 7 debriefs", "Checked back: 4 (kept 2, adjusted 1, dropped 1)", "Overdue: 1",
		"exactly one change that has an owner: 5 of 7 debriefs (71 %)",
		"Pack the tent the night before — owner Dana, due Mon 1 Jun 2026", "from Camping trip rained out (20 May 2026)",
		"Recurring themes", "Did the change hold?", "Warning signs missed more than once", "Luck",
		"2 of 7 debriefs name a lucky break", "Category mix over time", "People & communication",
		"Robot stalled at the regional (10 Jan 2026)",
	}
	for _, th := range r.Themes {
		want = append(want, th.Label)
	}
	for _, g := range heldByChange(r.Held) {
		want = append(want, flat(g.change.What))
		for k, rec := range g.recs {
			if k < insightsHeldMax {
				want = append(want, flat(rec.Sentence))
			}
		}
	}
	for _, w := range r.Warnings {
		for _, it := range w.Items {
			want = append(want, "“"+it.Text+"”")
		}
	}
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
	// The Hebrew title, whole, in either order pdftotext gives it (it
	// puts the bracket after it inside the right-to-left run).
	if he := "ניסוי כושל במעבדה"; !strings.Contains(text, he) && !strings.Contains(text, reverse(he)) {
		t.Errorf("the Hebrew title is not whole")
	}
	for _, month := range []string{"Jan 2026", "Aug 2026"} {
		if !strings.Contains(text, month) {
			t.Errorf("no month label %q on the charts", month)
		}
	}
	checkWordsApart(t, p)
}

func TestInsightsPDFEmptyGroup(t *testing.T) {
	p := insightsPDF(t, "empty", "Nobody yet", insights.Compute(nil, insightsToday))
	if n := pdfPages(t, p); n != 1 {
		t.Errorf("an empty group's report has %d pages, want 1", n)
	}
	text := flat(p.text(t, false, 0, 0))
	for _, s := range []string{"Insights — Nobody yet", "0 debriefs", nothingDebriefs} {
		if !strings.Contains(text, s) {
			t.Errorf("the empty report lacks %q:\n%s", s, text)
		}
	}
}

// TestInsightsPDFSparse is one debrief with nothing in it: every section
// says there is nothing yet, and the charts of one month still draw.
func TestInsightsPDFSparse(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Only one")}
	d.Debrief.ID = 1
	d.Debrief.HappenedAt = clubDay(time.March, 3)
	d.Debrief.ScheduledAt = clubDay(time.March, 4)
	p := insightsPDF(t, "sparse", "Solo", insights.Compute([]*model.Dossier{d}, insightsToday))
	text := flat(p.text(t, false, 0, 0))
	for _, s := range []string{nothingChanges, nothingThemes, nothingHeld, nothingWarnings, nothingLuck, nothingMix, "Mar 2026", "Median: 24 h"} {
		if !strings.Contains(text, s) {
			t.Errorf("the one-debrief report lacks %q", s)
		}
	}
	checkWordsApart(t, p)
}

// manyWords are the factors of manyMonths: each comes back every few
// months, so there are themes, and some of them are alike.
var manyWords = []string{"Gearbox stripped", "Late night", "Venue booked late", "Firmware behind", "Skipped the checklist",
	"Battery flat", "Rain at the venue", "New volunteer", "Wrong connector", "Tight deadline", "Sensor loose",
	"Supplier late", "Config typo", "Missing spare", "Motor overheated", "Unclear instructions", "Code not reviewed"}

// manyMonths is a debrief every month for n months from January 2024,
// each with a factor of every category.
func manyMonths(n int) []*model.Dossier {
	var gs []groupDebrief
	for i := range n {
		at := time.Date(2024, time.January, 10, 9, 0, 0, 0, time.UTC).AddDate(0, i, 0)
		var fs []model.Factor
		for k, c := range model.Categories() {
			if (i+k)%3 != 0 {
				fs = append(fs, f(c, manyWords[(i*7+k)%len(manyWords)]))
			}
		}
		gs = append(gs, groupDebrief{title: fmt.Sprintf("Setback %d", i+1), happened: at, lagHours: 5 + (i*37)%90, factors: fs,
			change: model.ProcessChange{ID: int64(i + 1), What: "Change " + strconv.Itoa(i+1), Owner: "Sam", CheckBack: at.AddDate(0, 1, 0), Chosen: true, Outcome: []model.Outcome{model.Kept, model.Dropped, model.Adjusted, model.NoOutcome}[i%4]}})
	}
	return groupDossiers(gs)
}

// TestInsightsPDFManyMonths: from one month to ten years, no two words
// of any page overlap (the month labels are thinned) and the first
// month is labelled.
func TestInsightsPDFManyMonths(t *testing.T) {
	for _, n := range []int{1, 2, 13, 36, 120} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			r := insights.Compute(manyMonths(n), insightsToday)
			if len(r.Months) < n {
				t.Fatalf("%d months, want at least %d", len(r.Months), n)
			}
			p := insightsPDF(t, fmt.Sprintf("months-%d", n), "Many months", r)
			checkWordsApart(t, p)
			if !strings.Contains(flat(p.text(t, false, 1, 1)), "Jan 2024") {
				t.Errorf("the first month, January 2024, is not labelled")
			}
		})
	}
}

// checkWordsApart fails when two words on a page overlap (by more than a
// hair: pdftotext's boxes are the font's, a little taller than the ink),
// and when a word leaves the page.
func checkWordsApart(t *testing.T, p pdfFile) {
	t.Helper()
	const slack = 0.6 // points
	bad := 0
	for n, pg := range p.bbox(t) {
		if len(pg.words) == 0 {
			t.Errorf("page %d has no words", n+1)
		}
		for i, a := range pg.words {
			if a.xMin < 0 || a.xMax > pg.w || a.yMin < 0 || a.yMax > pg.h {
				t.Errorf("page %d: %q is off the page (%.1f–%.1f)", n+1, a.text, a.xMin, a.xMax)
			}
			for _, b := range pg.words[i+1:] {
				ox := min(a.xMax, b.xMax) - max(a.xMin, b.xMin)
				oy := min(a.yMax, b.yMax) - max(a.yMin, b.yMin)
				if ox > slack && oy > slack {
					if bad++; bad <= 10 {
						t.Errorf("page %d: %q and %q overlap (%.1f × %.1f pt)", n+1, a.text, b.text, ox, oy)
					}
				}
			}
		}
	}
}

func TestInsightsMarkdown(t *testing.T) {
	r := insights.Compute(groupDossiers(clubYear), insightsToday)
	var buf bytes.Buffer
	if err := WriteInsightsMarkdown(&buf, "Robotics club", r); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	want := []string{
		"# Insights — Robotics club\n", "Jan 2026 – Aug 2026 · 7 debriefs · as of Tue 15 Sep 2026",
		"## Setbacks and debriefs per month\n\n| Month | Setbacks | Debriefs held | Median time to reflection |\n|---|---:|---:|---:|\n| Jan 2026 | 1 | 1 | 30 h |\n",
		"| Jul 2026 | 0 | 0 | – |",
		"## Time from setback to reflection", "Median: **" + hoursText(r.Reflection.MedianHours) + "**",
		"| Sun 14 Jun 2026 | ניסוי כושל במעבדה | 6 h |",
		"Committed to a change: 6 of 7 debriefs.", "| Kept | 2 |", "| Overdue | 1 |", "| No change chosen | 1 |",
		"- **Pack the tent the night before** — owner Dana, due Mon 1 Jun 2026 — from Camping trip rained out (20 May 2026)",
		"## Recurring themes\n\n| Theme | Example | Debriefs |",
		"## Did the change hold?", "## Warning signs missed more than once", "## Luck\n\n2 of 7 debriefs name a lucky break.",
		"## Category mix over time\n\n| Month | Technical | People & communication |",
	}
	for _, th := range r.Themes {
		want = append(want, "| **"+mdInline(th.Label)+"** | “"+mdInline(th.Example)+"” |")
	}
	for _, rec := range r.Held {
		if strings.Count(md, mdInline(rec.Sentence)) == 0 && !strings.Contains(md, "more: ") {
			t.Errorf("no sentence and no “and N more” for %q", rec.Sentence)
		}
	}
	for _, s := range want {
		if !strings.Contains(md, s) {
			t.Errorf("the Markdown lacks %q", s)
		}
	}
	// Every table row has as many cells as its header.
	cols := 0
	for _, l := range strings.Split(md, "\n") {
		if !strings.HasPrefix(l, "|") {
			cols = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("table row with %d bars under a header with %d: %s", n, cols, l)
		}
	}

	buf.Reset()
	if err := WriteInsightsMarkdown(&buf, "Empty | group", insights.Compute(nil, insightsToday)); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "# Insights — Empty \\| group\n\n0 debriefs · as of Tue 15 Sep 2026\n\n_"+nothingDebriefs+"_\n"; got != want {
		t.Errorf("empty group:\n got %q\nwant %q", got, want)
	}
}

func TestInsightsMarkdownEscapesTables(t *testing.T) {
	ds := groupDossiers(clubYear)
	ds[0].Debrief.Title = "Pipes | in | the title"
	r := insights.Compute(ds, insightsToday)
	var buf bytes.Buffer
	if err := WriteInsightsMarkdown(&buf, "Club", r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `Pipes \| in \| the title`) {
		t.Errorf("a | in a title is not escaped:\n%s", buf.String())
	}
}

func TestChecklistPDFAndMarkdown(t *testing.T) {
	c := insights.BeforeYouStart(groupDossiers(clubYear), "robotics")
	if len(c.Items) == 0 {
		t.Fatal("the corpus gives no checklist")
	}
	var buf bytes.Buffer
	if err := WriteChecklistPDF(&buf, "Robotics club", c, insightsOpt); err != nil {
		t.Fatal(err)
	}
	p := checkedPDF(t, "checklist", buf.Bytes(), PDFResult{})
	if n := pdfPages(t, p); n != 1 {
		t.Errorf("the checklist has %d pages, want 1", n)
	}
	text := flat(p.text(t, false, 0, 0))
	want := []string{"Before you start — Robotics club", "From 7 past debriefs, for the next “Robotics competition”", "Keep doing", "Watch for", "Remember"}
	refs := debriefIndex(c.Debriefs)
	for _, it := range c.Items {
		want = append(want, flat(it.Text), refs.title(it.Debriefs[0]))
	}
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("the checklist PDF lacks %q", s)
		}
	}
	checkWordsApart(t, p)

	buf.Reset()
	if err := WriteChecklistMarkdown(&buf, "Robotics club", c); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, s := range []string{"# Before you start — Robotics club\n", "- [ ] A second person signs off each checklist step — _from Robot stalled at the regional_", "## Watch for\n\n- [ ] "} {
		if !strings.Contains(md, s) {
			t.Errorf("the checklist Markdown lacks %q:\n%s", s, md)
		}
	}
	if got := strings.Count(md, "- [ ] "); got != len(c.Items) {
		t.Errorf("%d check boxes, want %d", got, len(c.Items))
	}

	buf.Reset()
	empty := insights.BeforeYouStart(nil, "")
	if err := WriteChecklistPDF(&buf, "Empty", empty, insightsOpt); err != nil {
		t.Fatal(err)
	}
	p = checkedPDF(t, "checklist-empty", buf.Bytes(), PDFResult{})
	if !strings.Contains(flat(p.text(t, false, 0, 0)), nothingChecked) {
		t.Error("an empty checklist does not say there is nothing yet")
	}
}

func TestInsightsPDFLetterAndSameBytes(t *testing.T) {
	r := insights.Compute(groupDossiers(clubYear), insightsToday)
	var a, b bytes.Buffer
	opt := insightsOpt
	opt.Paper = Letter
	if err := WriteInsightsPDF(&a, "Club", r, opt); err != nil {
		t.Fatal(err)
	}
	if err := WriteInsightsPDF(&b, "Club", r, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two reports of the same group and date differ")
	}
	p := checkedPDF(t, "letter", a.Bytes(), PDFResult{})
	checkWordsApart(t, p)
}

// TestInsightsExoticText: a very long factor that recurs, titles with
// control characters, emoji and right-to-left text, a right-to-left group.
func TestInsightsExoticText(t *testing.T) {
	long := strings.Repeat("The checklist was skipped again because everyone was exhausted after the late night ", 60)
	gs := []groupDebrief{
		{title: "Bell\x07 rang 🚀 | twice", happened: clubDay(time.March, 1), lagHours: 3, factors: []model.Factor{f(model.Process, long)}},
		{title: "مشكلة في الاختبار", happened: clubDay(time.April, 1), lagHours: 300, factors: []model.Factor{f(model.Process, long+"!")}},
		{title: "", happened: clubDay(time.May, 1), lagHours: 1, factors: []model.Factor{f(model.Process, "Skipped the checklist, exhausted")}},
	}
	r := insights.Compute(groupDossiers(gs), insightsToday)
	if len(r.Themes) == 0 {
		t.Fatal("the long factor does not recur")
	}
	p := insightsPDF(t, "exotic", "צוות הרובוטיקה", r)
	checkWordsApart(t, p)
	text := flat(p.text(t, false, 0, 0))
	if n := pdfPages(t, p); n > 2 {
		t.Errorf("a long factor makes the report %d pages: its example is not shortened", n)
	}
	for _, s := range []string{"Debrief 3", "rang", "twice", "Recurring themes", "after the…”"} {
		if !strings.Contains(text, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
	var buf bytes.Buffer
	if err := WriteInsightsMarkdown(&buf, "צוות הרובוטיקה", r); err != nil {
		t.Fatal(err)
	}
	if md := buf.String(); strings.ContainsRune(md, '\x07') || !strings.Contains(md, `rang 🚀 \| twice`) {
		t.Errorf("the Markdown keeps a control character or an unescaped |:\n%.400s", md)
	}
}
