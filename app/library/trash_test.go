package library

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// rowAt finds the library row at place i of the list.
func rowAt(t *testing.T, c fyne.Canvas, i int) *libraryRow {
	t.Helper()
	var found *libraryRow
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*libraryRow); ok && r.index == i {
			found = r
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no library row at place %d", i)
	}
	return found
}

// trashRowOf finds the Trash's row showing debrief id.
func trashRowOf(t *testing.T, c fyne.Canvas, id int64) *trashRow {
	t.Helper()
	var found *trashRow
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*trashRow); ok && r.item.ID == id {
			found = r
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no row of the Trash shows debrief %d:\n%s", id, uitest.Texts(c))
	}
	return found
}

func loadAll(t *testing.T, db *store.DB, ds ...store.DebriefSummary) []*model.Dossier {
	t.Helper()
	var out []*model.Dossier
	for _, d := range ds {
		dossier, err := db.LoadDossier(context.Background(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, dossier)
	}
	return out
}

// TestAQuickSecondClickOnDeleteIsIgnored is issue 18's two clicks: the
// first click on Delete moves the row to the Trash and the list shifts up;
// the second, 150 ms later at the same place, lands on the next debrief,
// which must not be deleted. A click once the row has settled acts, and
// both deletes can be undone.
func TestAQuickSecondClickOnDeleteIsIgnored(t *testing.T) {
	s, db := libraryOf(t)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	h.after = func(time.Duration, func()) {}
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) // a day after the list was shown
	h.clock = func() time.Time { return now }
	first, second := h.Items()[0], h.Items()[1]
	before := loadAll(t, db, first, second)

	del := rowAt(t, c, 0).remove // the button under the pointer
	test.Tap(del)
	now = now.Add(150 * time.Millisecond)
	test.Tap(del) // the second click of a double click
	if got := rowAt(t, c, 0).item.ID; got != second.ID {
		t.Fatalf("after the delete the first row shows debrief %d, want %d (the list shifted up)", got, second.ID)
	}
	if _, err := db.LoadDossier(ctx, second.ID); err != nil {
		t.Fatalf("the second click deleted %q, the row that had just moved under the pointer: %v", second.Title, err)
	}
	if trash, _ := db.ListTrash(ctx); len(trash) != 1 || trash[0].ID != first.ID {
		t.Fatalf("the Trash holds %+v, want only %q", trash, first.Title)
	}
	test.Tap(rowAt(t, c, 0).open) // Open on the moved row: ignored too
	if len(s.opened) != 0 {
		t.Errorf("a quick click opened debrief %v", s.opened)
	}

	now = now.Add(settleTime) // the row has settled: a click is meant for it
	test.Tap(del)
	if _, err := db.LoadDossier(ctx, second.ID); !errors.Is(err, store.ErrInTrash) {
		t.Fatalf("a click after the row settled did not delete it: %v", err)
	}

	// Neither is lost: Ctrl+Z twice brings both back exactly.
	for i, d := range []store.DebriefSummary{second, first} {
		h.Undo()
		got, err := db.LoadDossier(ctx, d.ID)
		if err != nil || !reflect.DeepEqual(got, before[1-i]) {
			t.Errorf("undo %d: %q came back as %+v (%v)", i+1, d.Title, got, err)
		}
	}
}

// TestARowAboveTheChangeTakesClicksAtOnce: only rows that moved ignore a
// quick click; the rows above a deleted one stayed put.
func TestARowAboveTheChangeTakesClicksAtOnce(t *testing.T) {
	s, _ := libraryOf(t)
	h, c := s.home, s.win.Canvas()
	h.after = func(time.Duration, func()) {}
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) // a day after the list was shown
	h.clock = func() time.Time { return now }
	top := h.Items()[0]
	test.Tap(rowAt(t, c, 2).remove)
	now = now.Add(50 * time.Millisecond)
	test.Tap(rowAt(t, c, 0).open)
	if len(s.opened) != 1 || s.opened[0] != top.ID {
		t.Errorf("a click on the row above the deleted one opened %v, want [%d]", s.opened, top.ID)
	}
}

func TestShiftGuard(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	var g shiftGuard
	if !g.settled(0, t0) {
		t.Error("a list never changed ignores taps")
	}
	g.moved(nil, []int64{1, 2, 3}, t0) // shown for the first time
	if !g.settled(0, t0) {
		t.Error("a list shown for the first time ignores taps")
	}
	g.moved([]int64{1, 2, 3}, []int64{1, 3}, t0)
	if !g.settled(0, t0) || g.settled(1, t0) || g.settled(1, t0.Add(settleTime-time.Millisecond)) || !g.settled(1, t0.Add(settleTime)) {
		t.Error("after row 1 was deleted: row 0 should take taps at once, row 1 only after the settle time")
	}
	g.moved([]int64{1, 3}, []int64{3}, t0.Add(100*time.Millisecond))
	g.moved([]int64{3}, []int64{3, 4}, t0.Add(200*time.Millisecond)) // a row added below: nothing moved
	if g.settled(0, t0.Add(200*time.Millisecond)) || !g.settled(0, t0.Add(100*time.Millisecond+settleTime)) {
		t.Error("row 0 moved at 100 ms: it should settle 400 ms later")
	}
	g.moved([]int64{3, 4}, []int64{3, 5}, t0.Add(time.Second))
	g.moved([]int64{3, 5}, []int64{3, 6}, t0.Add(time.Second+100*time.Millisecond))
	if !g.settled(0, t0.Add(time.Second)) || g.settled(1, t0.Add(time.Second+300*time.Millisecond)) {
		t.Error("two changes of row 1 in a row")
	}
	g.scrolled(t0.Add(2 * time.Second))
	if g.settled(0, t0.Add(2*time.Second)) {
		t.Error("a list that scrolled by itself takes taps at once")
	}
}

func TestTheTrashRestoresAndDeletesForever(t *testing.T) {
	s, db := libraryOf(t)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	h.after = func(time.Duration, func()) {}
	db.SetClock(func() time.Time { return storetest.Clock })
	h.now = func() time.Time { return storetest.Clock.Add(time.Hour) }
	launch, camping := h.Items()[0], h.Items()[1]
	test.Tap(rowOf(t, c, camping.ID).remove)
	test.Tap(rowOf(t, c, launch.ID).remove)

	test.Tap(uitest.Button(t, c, "Trash (2)"))
	shown := uitest.Texts(c)
	for _, want := range []string{
		"Deleted debriefs stay here for 30 days, then they are deleted for good.",
		launch.Title, camping.Title,
		"Deleted " + ui.Day(storetest.Clock) + "  ·  2 factors  ·  30 days left",
		"Deleted " + ui.Day(storetest.Clock) + "  ·  1 factor  ·  30 days left",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the Trash does not show %q; it shows:\n%s", want, shown)
		}
	}

	test.Tap(trashRowOf(t, c, launch.ID).restore) // the one the Undo banner names
	if _, err := db.LoadDossier(ctx, launch.ID); err != nil {
		t.Fatalf("Restore did not bring %q back: %v", launch.Title, err)
	}
	if got := itemTitles(h); len(got) != 3 || got[0] != launch.Title {
		t.Errorf("after Restore the library lists %q", got)
	}
	if h.trashBtn.Text != "Trash (1)" || strings.Contains(uitest.Texts(c), "1 factor  ·  30 days left") {
		t.Errorf("after Restore: button %q; the Trash shows\n%s", h.trashBtn.Text, uitest.Texts(c))
	}
	if h.undoBar.Visible() {
		t.Error("the Undo banner still names the debrief restored from the Trash")
	}

	test.Tap(trashRowOf(t, c, camping.ID).forever)
	if !strings.Contains(uitest.Texts(c), "Delete “Camping trip without tent poles” for good?") {
		t.Fatalf("Delete forever did not ask first:\n%s", uitest.Texts(c))
	}
	test.Tap(uitest.Button(t, c, "Cancel"))
	if _, err := db.LoadDossier(ctx, camping.ID); !errors.Is(err, store.ErrInTrash) {
		t.Fatalf("Cancel did not keep it in the Trash: %v", err)
	}
	test.Tap(trashRowOf(t, c, camping.ID).forever)
	test.Tap(uitest.Button(t, c, "Delete forever")) // the question's button, on top
	if _, err := db.LoadDossier(ctx, camping.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("confirmed, it is still there: %v", err)
	}
	if !strings.Contains(uitest.Texts(c), "The Trash is empty.") || h.trashBtn.Visible() {
		t.Errorf("with the Trash empty: button visible %v; it shows\n%s", h.trashBtn.Visible(), uitest.Texts(c))
	}
	if h.CanUndo() {
		t.Error("Undo would bring back a debrief restored or deleted for good in the Trash")
	}
	test.Tap(uitest.Button(t, c, "Close"))
	if h.trash != nil || strings.Contains(uitest.Texts(c), "The Trash is empty.") {
		t.Error("Close left the Trash open")
	}
}

// TestTheTrashIsEmptiedAfterThirtyDays: when the library loads, what has
// been in the Trash for 30 days is deleted for good.
func TestTheTrashIsEmptiedAfterThirtyDays(t *testing.T) {
	s, db := libraryOf(t)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	h.after = func(time.Duration, func()) {}
	old, recent := h.Items()[0], h.Items()[1]
	db.SetClock(func() time.Time { return storetest.Clock })
	test.Tap(rowOf(t, c, old.ID).remove)
	db.SetClock(func() time.Time { return storetest.Clock.Add(24 * time.Hour) })
	test.Tap(rowOf(t, c, recent.ID).remove)

	db.SetClock(func() time.Time { return storetest.Clock.Add(store.TrashKeep) })
	h.Reload()
	if _, err := db.LoadDossier(ctx, old.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("30 days after its delete %q is still kept: %v", old.Title, err)
	}
	if _, err := db.LoadDossier(ctx, recent.ID); !errors.Is(err, store.ErrInTrash) {
		t.Errorf("29 days after its delete %q left the Trash: %v", recent.Title, err)
	}
	if h.trashBtn.Text != "Trash (1)" {
		t.Errorf("the Trash button says %q, want Trash (1)", h.trashBtn.Text)
	}
}

// TestRowsMovedByTheCheckInsIgnoreAQuickClick: deleting a debrief whose
// check-in was due takes the check-in off the screen, and every row of
// the list moves up with it, those above the deleted one too.
func TestRowsMovedByTheCheckInsIgnoreAQuickClick(t *testing.T) {
	s, db := newTestShell(t, false)
	h, c := s.home, s.win.Canvas()
	h.after = func(time.Duration, func()) {}
	h.now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local) }
	due := dueChange(t, db, "Bench test browned out", "Sign off each step", "Ana", "2026-12-01")
	storetest.AddDebrief(t, db, "Launch slipped", "Scope grew") // listed first: newer
	h.Reload()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	h.clock = func() time.Time { return now }
	if !h.checkIns.Visible() || rowAt(t, c, 1).item.ID != due.DebriefID {
		t.Fatalf("want the check-in shown and its debrief second; rows: %q", itemTitles(h))
	}
	top := rowAt(t, c, 0).item.ID
	test.Tap(rowAt(t, c, 1).remove)
	if h.checkIns.Visible() {
		t.Fatal("the check-in of a deleted debrief is still shown")
	}
	now = now.Add(150 * time.Millisecond)
	test.Tap(rowAt(t, c, 0).open)
	if len(s.opened) != 0 {
		t.Errorf("a quick click on a row that moved up with the check-ins opened %v", s.opened)
	}
	now = now.Add(settleTime)
	test.Tap(rowAt(t, c, 0).open)
	if len(s.opened) != 1 || s.opened[0] != top {
		t.Errorf("a click once the list settled opened %v, want [%d]", s.opened, top)
	}
}
