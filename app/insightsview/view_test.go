package insightsview

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
	"github.com/debrief-app/debrief/export"
)

// club is a robotics club's five debriefs over five months: the skipped
// wiring check comes back after the change meant to stop it, one change
// is overdue, one kept.
func club(t *testing.T, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	g := model.NewGroup("Robotics club")
	group, err := db.CreateGroup(ctx, &g)
	if err != nil {
		t.Fatal(err)
	}
	add := func(title string, month int, factors []string, cat model.Category, change model.ProcessChange) {
		happened := time.Date(2026, time.Month(month), 10, 18, 0, 0, 0, time.UTC)
		d := &model.Dossier{Debrief: model.NewDebrief(title)}
		d.Debrief.GroupID, d.Debrief.HappenedAt, d.Debrief.ScheduledAt = group, happened, happened.Add(20*time.Hour)
		for i, f := range factors {
			c := cat
			if i == len(factors)-1 {
				c = model.People
			}
			d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: f, Category: c, X: float64(i) * 300, Y: 40, W: 220, H: 120})
		}
		if change.What != "" {
			change.Chosen = true
			d.Changes = []model.ProcessChange{change}
		}
		if _, err := db.ImportDossier(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	add("Regional", 3, []string{"The wiring check was skipped", "We were tired after a late night"}, model.Process,
		model.ProcessChange{What: "A second person signs off the wiring check", Owner: "Ana", CheckBack: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Outcome: model.Kept})
	add("Scrimmage", 4, []string{"Battery not charged", "Nobody owned the battery cart"}, model.Technical,
		model.ProcessChange{What: "Charge batteries the night before", Owner: "Bo", CheckBack: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)})
	add("State finals", 5, []string{"Skipped the wiring check again", "Tired team after late nights"}, model.Process, model.ProcessChange{})
	add("Worlds", 7, []string{"The field was slippery", "Exhausted after a late night"}, model.Context, model.ProcessChange{})
	return group
}

type shell struct {
	win    fyne.Window
	v      *View
	opened []int64
	saved  map[string][]byte
	back   int
}

func newView(t *testing.T) (*shell, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db := storetest.New(t)
	group := club(t, db)
	s := &shell{win: a.NewWindow("Insights"), saved: map[string][]byte{}}
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	host := &ui.Host{Win: s.win, Later: func(f func()) { f() }, Async: func(f func()) { f() }}
	save := func(name string, write func(io.Writer) error) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Errorf("writing %s: %v", name, err)
		}
		s.saved[name] = b.Bytes()
	}
	s.v = New(host, db, group, "Robotics club", func(id int64) { s.opened = append(s.opened, id) }, func() { s.back++ }, save,
		func() export.Options { return export.Options{Paper: export.A4} })
	s.v.now = func() time.Time { return time.Date(2026, 8, 1, 9, 0, 0, 0, time.Local) }
	s.win.SetContent(s.v.Content())
	s.v.Load()
	return s, db
}

func TestInsightsShowTheGroupsStory(t *testing.T) {
	s, _ := newView(t)
	c := s.win.Canvas()
	shown := uitest.Texts(c)
	for _, want := range []string{
		"Insights: Robotics club", "4 debriefs  ·  Mar 2026 – Jul 2026",
		"Setbacks and debriefs", "Median time from setback to reflection: 20 h",
		"The one change, and whether it stuck", "2 of 4 debriefs ended with exactly one change that someone owns (50 %).",
		"Kept (1)", "Overdue (1)", "“Charge batteries the night before” — Bo",
		"Keeps coming back", "Did the change hold?", "second person signs off the wiring check",
		"Warning signs and luck", "The kinds of factor, month by month",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("Insights do not show %q:\n%s", want, shown)
		}
	}
	r := s.v.Report()
	if len(r.Themes) == 0 || len(r.Held) == 0 {
		t.Fatalf("the club's report has %d themes and %d changes that may not have held", len(r.Themes), len(r.Held))
	}
	// Each figure leads to its debriefs: the sentence opens the later one.
	var link *widget.Hyperlink
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if h, ok := o.(*widget.Hyperlink); ok && strings.Contains(h.Text, "may not have held") && link == nil {
			link = h
		}
		return true
	})
	if link == nil {
		t.Fatal("no link for the change that may not have held")
	}
	link.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, link.Size().Height/2)}) // on its words
	if len(s.opened) != 1 || s.opened[0] != r.Held[0].Later {
		t.Errorf("the link opened %v, want the later debrief %d", s.opened, r.Held[0].Later)
	}
	test.Tap(uitest.Button(t, c, "Library"))
	if s.back != 1 {
		t.Error("Library did not go back")
	}
}

func TestInsightsBarsLeadToTheirDebriefs(t *testing.T) {
	s, _ := newView(t)
	var chart *barChart
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		if b, ok := o.(*barChart); ok && chart == nil {
			chart = b
		}
		return true
	})
	if chart == nil {
		t.Fatal("no chart")
	}
	// The first month's setbacks bar: one debrief, opened at once.
	size := chart.Size()
	left, bottom, _, _, colW := chart.geometry(size)
	inner := colW * 0.8 / 2
	chart.Tapped(&fyne.PointEvent{Position: fyne.NewPos(left+colW*0.1+inner/2, bottom-2)})
	if len(s.opened) != 1 || s.opened[0] != s.v.Report().Months[0].Setbacks.Debriefs[0] {
		t.Errorf("tapping March's setbacks opened %v, want %v", s.opened, s.v.Report().Months[0].Setbacks.Debriefs)
	}
	// An empty month (June) has no bar to tap.
	s.opened = nil
	chart.Tapped(&fyne.PointEvent{Position: fyne.NewPos(left+3*colW+colW*0.1+inner/2, bottom-2)})
	if len(s.opened) != 0 {
		t.Errorf("tapping an empty month opened %v", s.opened)
	}
}

func TestInsightsReportAndChecklistAreSaved(t *testing.T) {
	s, _ := newView(t)
	c := s.win.Canvas()
	test.Tap(uitest.Button(t, c, "Group report…"))
	test.Tap(uitest.Button(t, c, "PDF, to print or email"))
	test.Tap(uitest.Button(t, c, "Group report…"))
	test.Tap(uitest.Button(t, c, "Markdown, to paste in a wiki"))
	var pdf, md []byte
	for name, b := range s.saved {
		switch {
		case strings.HasSuffix(name, ".pdf"):
			pdf = b
		case strings.HasSuffix(name, ".md"):
			md = b
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the group report is not a PDF: %.20q (saved %v)", pdf, keys(s.saved))
	}
	if !strings.Contains(string(md), "Robotics club") {
		t.Errorf("the Markdown report does not name the group:\n%s", md)
	}

	s.saved = map[string][]byte{}
	test.Tap(uitest.Button(t, c, "Before you start…"))
	shown := uitest.Texts(c)
	if !strings.Contains(shown, "Keep doing: changes that held") || !strings.Contains(shown, "A second person signs off the wiring check") {
		t.Errorf("the checklist does not keep the kept change:\n%s", shown)
	}
	test.Tap(uitest.Button(t, c, "Save as Markdown…"))
	for name, b := range s.saved {
		if !strings.HasPrefix(name, "Before you start — Robotics club") || !strings.Contains(string(b), "second person signs off") {
			t.Errorf("saved %s:\n%s", name, b)
		}
	}
	if len(s.saved) != 1 {
		t.Errorf("saved %v, want the checklist", keys(s.saved))
	}
}

func TestInsightsOfAnEmptyGroup(t *testing.T) {
	a := test.NewTempApp(t)
	db := storetest.New(t)
	g := model.NewGroup("Chess club")
	group, _ := db.CreateGroup(context.Background(), &g)
	w := a.NewWindow("x")
	t.Cleanup(w.Close)
	host := &ui.Host{Win: w, Later: func(f func()) { f() }, Async: func(f func()) { f() }}
	v := New(host, db, group, "Chess club", func(int64) {}, func() {}, nil, nil)
	w.SetContent(v.Content())
	v.Load()
	if shown := uitest.Texts(w.Canvas()); !strings.Contains(shown, "No debriefs in this group yet.") {
		t.Errorf("an empty group shows:\n%s", shown)
	}
	if uitest.Button(t, w.Canvas(), "Group report…").Disabled() == false {
		t.Error("the group report is offered for an empty group")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestInsightsScreenshots renders the screen at 1280×800 and 1920×1080,
// light and dark: two columns of sections side by side, none overlapping
// another, and a picture that is not blank. The PNGs go to DEBRIEF_SHOTS
// (to look at), else to a temporary folder.
func TestInsightsScreenshots(t *testing.T) {
	dir := os.Getenv("DEBRIEF_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			s, _ := newView(t)
			fyne.CurrentApp().Settings().SetTheme(variant{v})
			s.win.Resize(size)
			s.v.content.Refresh()
			f, err := os.Create(filepath.Join(dir, "insights-"+map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]+"-"+
				map[float32]string{1280: "1280", 1920: "1920"}[size.Width]+".png"))
			if err != nil {
				t.Fatal(err)
			}
			img := s.win.Canvas().Capture()
			png.Encode(f, img)
			f.Close()
			colours := map[color.Color]bool{}
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y += 7 {
				for x := b.Min.X; x < b.Max.X; x += 7 {
					colours[img.At(x, y)] = true
				}
			}
			if len(colours) < 20 {
				t.Errorf("%v: the picture has %d colours: blank?", size, len(colours))
			}
			grid := s.v.body.Objects[0].(*fyne.Container)
			if len(grid.Objects) != 6 {
				t.Fatalf("%v: %d sections, want 6", size, len(grid.Objects))
			}
			left, right := grid.Objects[0], grid.Objects[1]
			if right.Position().X < left.Position().X+left.Size().Width || right.Position().Y != left.Position().Y {
				t.Errorf("%v: the first two sections are not side by side: %v %v and %v %v", size, left.Position(), left.Size(), right.Position(), right.Size())
			}
			for i, o := range grid.Objects {
				for _, p := range grid.Objects[i+1:] {
					a := fyne.NewPos(o.Position().X+o.Size().Width, o.Position().Y+o.Size().Height)
					if p.Position().X < a.X && p.Position().Y < a.Y && o.Position().X < p.Position().X+p.Size().Width && o.Position().Y < p.Position().Y+p.Size().Height {
						t.Errorf("%v: two sections overlap", size)
					}
				}
			}
		}
	}
}

type variant struct{ v fyne.ThemeVariant }

func (t variant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.v)
}
func (variant) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (variant) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (variant) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }

func TestLagChartCountsInDaysWhenLagsAreLong(t *testing.T) {
	for _, tc := range []struct {
		hours []float64
		unit  string
	}{{[]float64{20, 6}, "h"}, {[]float64{72}, "h"}, {[]float64{20, 4800}, "days"}} {
		var lags []insights.Lag
		for _, h := range tc.hours {
			lags = append(lags, insights.Lag{Hours: h})
		}
		if unit, _ := lagUnit(lags); unit != tc.unit {
			t.Errorf("lags %v: the chart counts in %q, want %q", tc.hours, unit, tc.unit)
		}
	}
}
