package debrief

import (
	"context"
	"io"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
	"github.com/debrief-app/debrief/export"
)

// testShell is a debrief screen in a test window, with as much of the
// app's shell as the screen asks of it: opening and leaving a debrief,
// exporting, and a path to the UI goroutine that runs what other
// goroutines hand over when the test settles.
type testShell struct {
	t         *testing.T
	win       fyne.Window
	db        *store.DB
	host      *ui.Host
	open      *Screen
	editPause time.Duration
	closing   sync.WaitGroup
	exported  []export.Format

	queue *uitest.Queue // the test's path to the UI goroutine
}

// newTestShell is a window on a fresh database (with the sample when
// asked) and no debrief open.
func newTestShell(t *testing.T, withSample bool) (*testShell, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db := storetest.New(t)
	if withSample {
		if _, err := cli.ImportSample(context.Background(), db); err != nil {
			t.Fatal(err)
		}
	}
	s := &testShell{t: t, win: a.NewWindow("Debrief"), db: db, queue: uitest.NewQueue()}
	s.host = &ui.Host{Win: s.win, Later: s.queue.Later, Async: func(f func()) { f() }}
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		s.ShowHome()
		s.closing.Wait()
		s.win.Close()
	})
	return s, db
}

// firstDebrief is the ID of the debrief listed first (the newest).
func (s *testShell) firstDebrief() int64 {
	s.t.Helper()
	list, err := s.db.ListDebriefs(context.Background(), store.AllGroups)
	if err != nil || len(list) == 0 {
		s.t.Fatalf("no debrief to open: %v", err)
	}
	return list[0].ID
}

// OpenDebrief reads debrief id and shows it, as the app does.
func (s *testShell) OpenDebrief(id int64) {
	s.t.Helper()
	s.ShowHome()
	l, err := Read(context.Background(), s.db, id)
	if err != nil {
		s.t.Fatal(err)
	}
	s.open = Open(s.host, s, s.db, l, s.editPause)
	s.win.SetContent(s.open.Content())
	s.open.Show(l.Clock.Phase)
}

// ShowHome leaves the open debrief, storing what it has pending.
func (s *testShell) ShowHome() {
	if v := s.open; v != nil {
		s.open = nil
		v.Close()
		s.closing.Add(1)
		go func() {
			defer s.closing.Done()
			v.Session().Close()
		}()
	}
	s.win.SetContent(widget.NewLabel("The library"))
}

func (s *testShell) ExportDialog(_ *model.Dossier, f export.Format) {
	s.exported = append(s.exported, f)
}
func (s *testShell) Email(*model.Dossier)     {}
func (s *testShell) GlobalKey(*fyne.KeyEvent) {}
func (s *testShell) GlobalRune(rune)          {}

// ExportTo writes d to path in format f, as the app's export does.
func (s *testShell) ExportTo(d *model.Dossier, f export.Format, path string, done func(export.Report)) {
	var r export.Report
	err := export.WriteFile(path, func(w io.Writer) error {
		var err error
		r, err = export.Write(w, d, f, export.Options{})
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	done(r)
}

// settle stores what the open debrief has pending (or tries once) and
// then runs, on the test's goroutine, what other goroutines handed to
// the UI meanwhile: the writer's "saved" or "not saved".
func settle(s *testShell) {
	if s.open != nil {
		s.open.Session().Flush()
	}
	s.queue.Run()
}
