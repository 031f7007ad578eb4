package debrief

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// Load is what opening a debrief reads from the disk.
type Load struct {
	Dossier *model.Dossier
	Next    session.IDs
	Clock   model.Session
	LastIn  *store.CheckIn // the change committed to in the previous debrief, if any
}

// Read reads debrief id and what its screen needs, off the UI goroutine.
func Read(ctx context.Context, db *store.DB, id int64) (Load, error) {
	var l Load
	var err error
	if l.Dossier, err = db.LoadDossier(ctx, id); err != nil {
		return l, err
	}
	if l.Next.Factor, l.Next.Link, err = db.NextIDs(ctx); err != nil {
		return l, err
	}
	if l.Next.Sign, l.Next.Change, l.Next.Kudos, err = db.NextPartIDs(ctx); err != nil {
		return l, err
	}
	if l.Next.Timeline, err = db.NextTimelineID(ctx); err != nil {
		return l, err
	}
	if l.Clock, err = db.GetSession(ctx, id); err != nil {
		return l, err
	}
	if in, ok, err := db.LastCheckIn(ctx, id); err != nil {
		return l, err
	} else if ok {
		l.LastIn = &in
	}
	return l, nil
}

// Open starts the session of the debrief l holds, storing into st, and
// makes its screen; Content builds it. pause is how long typing must
// pause before it is stored (0: session.EditPause).
func Open(host *ui.Host, shell Shell, st session.Store, l Load, pause time.Duration) *Screen {
	v := &Screen{host: host, shell: shell, board: dcanvas.NewBoard(), lastIn: l.LastIn}
	v.sess = session.Open(st, l.Dossier, l.Clock, l.Next, session.Options{Pause: pause})
	v.lastLesson = v.sess.Parts().Lesson
	v.board.Later = host.Later
	v.board.SetNames(l.Dossier.Debrief.Participants)
	v.board.SetOwner(v.sess)
	batch := model.Coalesce(host.Later, v.changedAll)
	_, stop := v.sess.Observe(func(ev model.Event) {
		if ev.Kind != model.Previewed {
			batch(ev)
		}
	})
	v.stopObs = append(v.stopObs, stop, v.sess.ObserveSaving(func(st session.SaveState) {
		host.Later(func() { v.saveStateChanged(st) })
	}))
	v.board.OnStateChanged = v.refreshTools
	v.board.OnRefused = func(err error) { dialog.ShowError(err, host.Win) }
	v.board.OnFull = func(msg string) { v.showBanner(msg) } // a banner: typing goes on
	v.board.OnOtherKey = func(ev *fyne.KeyEvent) { shell.GlobalKey(ev) }
	v.board.OnOtherRune = func(r rune) { shell.GlobalRune(r) }
	return v
}

// Session is the open debrief's owner.
func (v *Screen) Session() *session.Session { return v.sess }

// Board is the factor board, shown on Factors and Connect.
func (v *Screen) Board() *dcanvas.Board { return v.board }

// LastCheckIn is the change committed to in the previous debrief, if any.
func (v *Screen) LastCheckIn() *store.CheckIn { return v.lastIn }

// ToggleTimer starts or pauses the countdown.
func (v *Screen) ToggleTimer() { v.timer.toggle() }

// AddMinute gives the session another minute.
func (v *Screen) AddMinute() { v.timer.add(time.Minute) }

// RefreshClock redraws the countdown now (and tells OnClock).
func (v *Screen) RefreshClock() { v.timer.update() }
