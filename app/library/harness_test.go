package library

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
)

// testShell is the library in a test window, as the app's shell shows
// it; opening a debrief titles the window after it, as the app does.
type testShell struct {
	app    fyne.App
	win    fyne.Window
	db     *store.DB
	host   *ui.Host
	home   *Home
	opened []int64
}

// newShell shows the library of db; async runs its disk work.
func newShell(a fyne.App, db *store.DB, async func(func())) *testShell {
	s := &testShell{app: a, win: a.NewWindow("Debrief"), db: db}
	s.host = &ui.Host{Win: s.win, Later: func(f func()) { f() }, Async: async}
	s.home = New(s.host, db, a.Preferences(), s.open)
	s.home.clock = pace()
	s.ShowHome()
	return s
}

// pace is a clock at a person's pace: each reading is a second after the
// one before, so no tap comes within the settle time of a change of the
// list (shiftGuard) unless a test sets a clock of its own.
func pace() func() time.Time {
	t := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// newTestShell is newShell on a fresh database (with the sample when
// asked), running disk work in line.
func newTestShell(t *testing.T, withSample bool) (*testShell, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db := storetest.New(t)
	if withSample {
		if _, err := cli.ImportSample(context.Background(), db); err != nil {
			t.Fatal(err)
		}
	}
	s := newShell(a, db, func(f func()) { f() })
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	return s, db
}

func (s *testShell) ShowHome() {
	s.win.SetTitle("Debrief")
	s.win.SetContent(s.home.Content())
	s.home.Reload()
}

func (s *testShell) NewDebrief() { s.home.NewDebrief() }

func (s *testShell) open(id int64) {
	s.opened = append(s.opened, id)
	if d, err := storetest.Debrief(context.Background(), s.db, id); err == nil {
		s.win.SetTitle(model.OneLine(d.Title) + " — Debrief")
	}
}
