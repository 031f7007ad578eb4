package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// TestEditUndoOnTheLibraryBringsBackDeletes: on the library, Edit ▸ Undo
// (Ctrl+Z reaches it through the main menu) brings back the last debrief
// deleted, then the one before, even while the search field has the
// keyboard; File ▸ Trash… shows the Trash.
func TestEditUndoOnTheLibraryBringsBackDeletes(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	c := s.win.Canvas()
	camping := storetest.AddDebrief(t, db, "Camping trip without tent poles", "Packed in the dark")
	s.ShowHome()
	sample := s.home.Items()[1].ID
	time.Sleep(450 * time.Millisecond) // the library ignores clicks on rows that moved in the last 400 ms

	for _, row := range []int{1, 0} { // the last row first: nothing moves under the other
		var deletes []*widget.Button
		uitest.Walk(c, func(o fyne.CanvasObject) bool {
			if b, ok := o.(*widget.Button); ok && b.Text == "Delete" {
				deletes = append(deletes, b)
			}
			return true
		})
		test.Tap(deletes[row])
		if len(s.home.Items()) != row {
			t.Fatalf("Delete on row %d left %d debriefs", row, len(s.home.Items()))
		}
	}
	menuItem(t, s, "File", "Trash…").Action()
	shown := uitest.Texts(c)
	if !strings.Contains(shown, "Camping trip without tent poles") || !strings.Contains(shown, "Rover bench test") {
		t.Errorf("File ▸ Trash… shows:\n%s", shown)
	}
	tapButton(t, s, "Close")

	s.home.FocusSearch()
	for i, id := range []int64{camping, sample} {
		menuItem(t, s, "Edit", "Undo").Action()
		if _, err := db.LoadDossier(ctx, id); err != nil {
			t.Fatalf("Edit ▸ Undo %d did not bring back debrief %d: %v", i+1, id, err)
		}
	}
	if n, _ := db.CountTrash(ctx); n != 0 || len(s.home.Items()) != 2 {
		t.Errorf("after two undos: %d in the Trash, %d in the library", n, len(s.home.Items()))
	}
	menuItem(t, s, "Edit", "Undo").Action() // nothing left: the search field's own undo, harmlessly
	if _, err := db.LoadDossier(ctx, camping); errors.Is(err, store.ErrInTrash) {
		t.Error("a third undo changed the library")
	}
}
