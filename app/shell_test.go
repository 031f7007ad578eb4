package app

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
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
	// What other goroutines hand to the UI (the writer's report, a timer
	// tick) waits in a queue that settle runs on the test's goroutine:
	// Fyne's test driver would run it on that goroutine, racing the test.
	// What the test's own goroutine hands over runs at once, as the UI
	// goroutine's own changes do in the app.
	q := uitest.NewQueue()
	uiQueues.Store(s, q)
	s.later = q.Later
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	return s, db
}

var uiQueues sync.Map // *Shell → *uitest.Queue

// settle stores what the open debrief has pending (or tries once) and
// then runs, on the test's goroutine, what other goroutines handed to
// the UI meanwhile: the writer's "saved" or "not saved".
func settle(s *Shell) {
	if s.open != nil {
		s.open.Session().Flush()
	}
	if q, ok := uiQueues.Load(s); ok {
		q.(*uitest.Queue).Run()
	}
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
	shown := uitest.Texts(s.win.Canvas())
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
	shown := uitest.Texts(s.win.Canvas())
	if !strings.Contains(shown, "No debriefs yet") || !strings.Contains(shown, "Start a debrief") {
		t.Errorf("empty library shows:\n%s", shown)
	}
}

func TestOpenSampleShowsEverything(t *testing.T) {
	s, db := newTestShell(t, true)
	id := s.home.Items()[0].ID
	test.Tap(uitest.Button(t, s.win.Canvas(), "Open"))
	if !strings.HasPrefix(s.win.Title(), "Rover bench test") {
		t.Fatalf("window title after Open = %q", s.win.Title())
	}
	d, err := db.LoadDossier(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if s.open == nil || len(s.open.Board().Factors()) != len(d.Factors) {
		t.Fatal("the debrief did not open on its board with every card")
	}
	if s.open.Phase() != model.SetTheStage {
		t.Errorf("a debrief never opened before opens on %s, want Set the stage", s.open.Phase().Label())
	}
	test.Tap(uitest.Button(t, s.win.Canvas(), "2  Factors"))
	if len(s.open.Board().VisibleCards()) != len(d.Factors) {
		t.Errorf("the board fits %d of %d cards in view on opening", len(s.open.Board().VisibleCards()), len(d.Factors))
	}
	test.Tap(uitest.Button(t, s.win.Canvas(), "6  Share"))
	chosen, _ := model.Chosen(d.Changes)
	shown := uitest.Texts(s.win.Canvas())
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
	test.Tap(uitest.Button(t, s.win.Canvas(), "Library"))
	if s.win.Title() != "Debrief" {
		t.Errorf("Library button left the title at %q", s.win.Title())
	}
}

func TestNewDebriefFromTheDialog(t *testing.T) {
	s, db := newTestShell(t, false)
	c := s.win.Canvas()
	test.Tap(uitest.Button(t, c, "Start a debrief"))
	entry, ok := c.Focused().(*ui.TextField)
	if !ok {
		t.Fatalf("the title field is not focused (focused: %T)", c.Focused())
	}
	test.Tap(uitest.Button(t, c, "Create")) // empty title: refused
	if list, _ := db.ListDebriefs(context.Background(), store.AllGroups); len(list) != 0 {
		t.Fatal("a debrief with an empty title was created")
	}
	test.Type(entry, "Launch slipped a week")
	test.Tap(uitest.Button(t, c, "Create"))
	list, _ := db.ListDebriefs(context.Background(), store.AllGroups)
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

// typeShortcut presses a keyboard shortcut on a test canvas, which keeps
// its shortcut handler on the software canvas it wraps.
func typeShortcut(t *testing.T, c fyne.Canvas, sc fyne.Shortcut) {
	t.Helper()
	type shortcutTyper interface{ TypedShortcut(fyne.Shortcut) }
	if st, ok := c.(shortcutTyper); ok {
		st.TypedShortcut(sc)
		return
	}
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		if f := v.Elem().FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
			if st, ok := f.Interface().(shortcutTyper); ok {
				st.TypedShortcut(sc)
				return
			}
		}
	}
	t.Fatalf("cannot type shortcuts on a %T", c)
}

// Ctrl+N opens the new debrief dialog with the title field focused, from
// the library.
func TestCtrlNStartsANewDebrief(t *testing.T) {
	s, _ := newTestShell(t, false)
	c := s.win.Canvas()
	typeShortcut(t, c, &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	if _, ok := c.Focused().(*ui.TextField); !ok || !strings.Contains(uitest.Texts(c), "Start from") {
		t.Fatalf("Ctrl+N did not open the dialog with the title focused (focused: %T)", c.Focused())
	}
}

// quickAdd is the board's quick-add field, found as a person finds it.
func quickAdd(t *testing.T, c fyne.Canvas) *ui.TextField {
	t.Helper()
	var found *ui.TextField
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if f, ok := o.(*ui.TextField); ok && strings.HasPrefix(f.PlaceHolder, "Type a factor") {
			found = f
		}
		return found == nil
	})
	if found == nil {
		t.Fatal("no quick-add field on screen")
	}
	return found
}

// retitle renames the open debrief, as typing in Set the stage does.
func retitle(t *testing.T, v *debrief.Screen, title string) {
	t.Helper()
	d := v.Session().Debrief()
	d.Title = title
	if err := v.Session().Edit(nil, model.Change{Debrief: &d}); err != nil {
		t.Fatal(err)
	}
}

// onScreen reports whether a text on screen reads exactly line.
func onScreen(c fyne.Canvas, line string) bool {
	return slices.Contains(strings.Split(uitest.Texts(c), "\n"), line)
}
