package debrief

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/debrief-app/debrief/app/insights"
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
	LastIn  *store.CheckIn // the change committed to in the previous debrief of its group, if any
	Group   model.Group    // the group it belongs to: its members are offered as names
	// Held are the group's earlier changes that may not have held: one of
	// this debrief's factors is in the theme of what they were meant to fix.
	Held []insights.Recurrence
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
	if l.Group, err = db.Group(ctx, l.Dossier.Debrief.GroupID); err != nil {
		return l, err
	}
	// Only a debrief with factors can say an earlier change did not hold;
	// a new one (most opened on Set the stage) skips reading the group.
	if len(l.Dossier.Shown().Factors) > 0 {
		ds, err := db.GroupDossiers(ctx, l.Dossier.Debrief.GroupID)
		if err != nil {
			return l, err
		}
		l.Held = insights.Recurrences(ds, l.Dossier)
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
	v := &Screen{host: host, shell: shell, board: dcanvas.NewBoard(), lastIn: l.LastIn, group: l.Group, held: l.Held}
	v.sess = session.Open(st, l.Dossier, l.Clock, l.Next, session.Options{Pause: pause})
	v.lastLesson = v.sess.Parts().Lesson
	v.board.Later = host.Later
	v.board.SetNames(v.names(l.Dossier.Debrief.Participants))
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

// names are the names to offer for a card's author or a kudos: who is
// here, then the group's other members.
func (v *Screen) names(here []string) []string {
	out := slices.Clone(here)
	for _, m := range v.group.Members {
		if !slices.ContainsFunc(out, func(n string) bool { return strings.EqualFold(n, m) }) {
			out = append(out, m)
		}
	}
	return out
}

// Group is the group the debrief belongs to, as it was when it was opened.
func (v *Screen) Group() model.Group { return v.group }

// LastCheckIn is the change committed to in the previous debrief, if any.
func (v *Screen) LastCheckIn() *store.CheckIn { return v.lastIn }

// ToggleTimer starts or pauses the countdown.
func (v *Screen) ToggleTimer() { v.timer.toggle() }

// AddMinute gives the session another minute.
func (v *Screen) AddMinute() { v.timer.add(time.Minute) }

// RefreshClock redraws the countdown now (and tells OnClock).
func (v *Screen) RefreshClock() { v.timer.update() }
