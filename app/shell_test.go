package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/winpos"
)

// newTestShell opens a shell on a fresh database, running disk work in line
// so the screen is up to date when a call returns.
func newTestShell(t *testing.T, withSample bool) (*Shell, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db := storetest.New(t)
	if withSample {
		if _, err := cli.ImportSample(context.Background(), db); err != nil {
			t.Fatal(err)
		}
	}
	s := newShell(a, db, func(f func()) { f() })
	// What background goroutines hand to the UI (a saver's report, a timer
	// tick) is dropped: Fyne's test driver would run it on that goroutine,
	// racing the test. Tests that need it use queueCallbacks.
	s.later = func(func()) {}
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	return s, db
}

// walk visits every visible object on c, overlays first (top-most first),
// until visit returns false.
func walk(c fyne.Canvas, visit func(fyne.CanvasObject) bool) {
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		if !walkObject(overlays[i], visit) {
			return
		}
	}
	walkObject(c.Content(), visit)
}

// walkObject visits o and every visible object inside it until visit
// returns false; it reports whether the walk went to the end.
func walkObject(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return true
	}
	if !visit(o) {
		return false
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, child := range v.Objects {
			if !walkObject(child, visit) {
				return false
			}
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(v).Objects() {
			if !walkObject(child, visit) {
				return false
			}
		}
	}
	return true
}

// texts collects every piece of text drawn on c, including overlays.
func texts(c fyne.Canvas) string {
	var b strings.Builder
	walk(c, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		case *textField:
			b.WriteString(v.Text + "\n")
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		}
		return true
	})
	return b.String()
}

// button finds a visible button by its text, in the top-most overlay first.
func button(t *testing.T, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(c, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no button %q on screen", text)
	}
	return found
}

func TestHomeListsDebriefsNewestFirst(t *testing.T) {
	s, db := newTestShell(t, true)
	older := model.NewDebrief("Camping trip without tent poles")
	older.HappenedAt = time.Date(2025, 7, 4, 18, 0, 0, 0, time.UTC)
	if err := storetest.CreateDebrief(context.Background(), db, &older); err != nil {
		t.Fatal(err)
	}
	s.ShowHome()
	items := s.home.Items()
	if len(items) != 2 || !strings.HasPrefix(items[0].Title, "Rover bench test") || items[1].ID != older.ID {
		t.Fatalf("library = %+v, want the sample then the older trip", items)
	}
	shown := texts(s.win.Canvas())
	for _, want := range []string{"Rover bench test", "Camping trip without tent poles", "11 factors", "Failed test / hardware", "Reviewed", "2 debriefs"} {
		if !strings.Contains(shown, want) {
			t.Errorf("library does not show %q; it shows:\n%s", want, shown)
		}
	}
	if s.win.Title() != "Debrief" {
		t.Errorf("window title = %q, want Debrief", s.win.Title())
	}
}

func TestEmptyLibraryInvitesAStart(t *testing.T) {
	s, _ := newTestShell(t, false)
	shown := texts(s.win.Canvas())
	if !strings.Contains(shown, "No debriefs yet") || !strings.Contains(shown, "Start a debrief") {
		t.Errorf("empty library shows:\n%s", shown)
	}
}

func TestOpenSampleShowsEverything(t *testing.T) {
	s, db := newTestShell(t, true)
	id := s.home.Items()[0].ID
	test.Tap(button(t, s.win.Canvas(), "Open"))
	if !strings.HasPrefix(s.win.Title(), "Rover bench test") {
		t.Fatalf("window title after Open = %q", s.win.Title())
	}
	d, err := db.LoadDossier(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if s.open == nil || len(s.open.board.Factors()) != len(d.Factors) {
		t.Fatal("the debrief did not open on its board with every card")
	}
	if s.open.Phase() != model.SetTheStage {
		t.Errorf("a debrief never opened before opens on %s, want Set the stage", s.open.Phase().Label())
	}
	test.Tap(button(t, s.win.Canvas(), "2  Factors"))
	if len(s.open.board.VisibleCards()) != len(d.Factors) {
		t.Errorf("the board fits %d of %d cards in view on opening", len(s.open.board.VisibleCards()), len(d.Factors))
	}
	test.Tap(button(t, s.win.Canvas(), "6  Share"))
	chosen, _ := model.Chosen(d.Changes)
	shown := texts(s.win.Canvas())
	wants := []string{"What happened", "The one change", chosen.What, chosen.Owner, "Kudos for detective work", "Warning signs we missed"}
	for _, f := range d.Factors {
		wants = append(wants, f.Text)
	}
	for _, c := range []model.Category{model.Technical, model.Warning} {
		wants = append(wants, c.Label())
	}
	for _, want := range wants {
		if !strings.Contains(shown, want) {
			t.Errorf("debrief screen does not show %q", want)
		}
	}
	if strings.Contains(shown, "No change chosen yet") {
		t.Error("the sample has a chosen change, but the screen says none")
	}
	test.Tap(button(t, s.win.Canvas(), "Library"))
	if s.win.Title() != "Debrief" {
		t.Errorf("Library button left the title at %q", s.win.Title())
	}
}

func TestNewDebriefFromTheDialog(t *testing.T) {
	s, db := newTestShell(t, false)
	c := s.win.Canvas()
	test.Tap(button(t, c, "Start a debrief"))
	entry, ok := c.Focused().(*textField)
	if !ok {
		t.Fatalf("the title field is not focused (focused: %T)", c.Focused())
	}
	test.Tap(button(t, c, "Create")) // empty title: refused
	if list, _ := db.ListDebriefs(context.Background()); len(list) != 0 {
		t.Fatal("a debrief with an empty title was created")
	}
	test.Type(entry, "Launch slipped a week")
	test.Tap(button(t, c, "Create"))
	list, _ := db.ListDebriefs(context.Background())
	if len(list) != 1 || list[0].Title != "Launch slipped a week" || list[0].Status != model.Draft || list[0].TimeboxMinutes != 10 {
		t.Fatalf("created %+v", list)
	}
	if !strings.HasPrefix(s.win.Title(), "Launch slipped a week") {
		t.Errorf("the new debrief was not opened; title %q", s.win.Title())
	}
}

func TestQuitRemembersWindowSize(t *testing.T) {
	s, _ := newTestShell(t, false)
	s.win.Resize(fyne.NewSize(1500, 900))
	s.Quit()
	s.Quit() // twice is harmless
	got := savedSize(s.app.Preferences())
	if got != fyne.NewSize(1500, 900) {
		t.Errorf("remembered %v, want 1500x900", got)
	}
	p := s.app.Preferences()
	for _, bad := range []string{"10x900", "1500x10", "wide", ""} {
		p.SetString(prefSize, bad)
		if got := savedSize(p); got != fyne.NewSize(defaultWidth, defaultHeight) {
			t.Errorf("remembered %q gives %v, want the default", bad, got)
		}
	}
}

// TestSavedGeometry: the window's size, and its place where the system
// tells it, are read back as written; anything else gives the first
// start's size and no place.
func TestSavedGeometry(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	first := geometry{size: fyne.NewSize(defaultWidth, defaultHeight)}
	for _, c := range []struct {
		text string
		want geometry
	}{
		{"1500x900", geometry{size: fyne.NewSize(1500, 900)}},
		{"1500x900+200+100", geometry{size: fyne.NewSize(1500, 900), pos: winpos.Position{X: 200, Y: 100}, hasPos: true}},
		{"1500x900-1920+0", geometry{size: fyne.NewSize(1500, 900), pos: winpos.Position{X: -1920, Y: 0}, hasPos: true}}, // a monitor left of the first
		{"1500x900+200", geometry{size: fyne.NewSize(1500, 900)}},
		{"10x900+200+100", first},
		{"wide", first},
		{"", first},
	} {
		p.SetString(prefSize, c.text)
		if got := savedGeometry(p); got != c.want {
			t.Errorf("%q read as %+v, want %+v", c.text, got, c.want)
		}
		if c.want.hasPos && c.want.String() != c.text {
			t.Errorf("%+v written as %q, want %q", c.want, c.want.String(), c.text)
		}
	}
}

// TestFullScreenIsNotRememberedAsTheWindowSize: quitting while full
// screen (presenting, say) keeps the size the window had before.
func TestFullScreenIsNotRememberedAsTheWindowSize(t *testing.T) {
	s, _ := newTestShell(t, false)
	s.app.Preferences().SetString(prefSize, "1500x900")
	s.win.SetFullScreen(true)
	s.win.Resize(fyne.NewSize(1920, 1080))
	s.Quit()
	if got := s.app.Preferences().String(prefSize); got != "1500x900" {
		t.Errorf("quitting full screen remembered %q, want the window's 1500x900", got)
	}
}
