package debrief

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// TestBoardEditsReachTheStore drives the board in the debrief screen and
// checks the database after each kind of operation.
func TestBoardEditsReachTheStore(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	id := s.firstDebrief()
	s.OpenDebrief(id)
	v := s.open
	if v == nil {
		t.Fatal("no debrief view")
	}
	b := v.board
	flush := func() { settle(s) }

	// Quick add from the toolbar field.
	v.cat.SetSelectedIndex(3) // Context & pressure
	test.Type(v.quick, "The demo date was announced before the parts arrived")
	v.quick.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.quick.Text != "" {
		t.Errorf("quick-add field kept %q", v.quick.Text)
	}
	flush()
	fs, err := storetest.Factors(ctx, db, id)
	if err != nil {
		t.Fatal(err)
	}
	var added model.Factor
	for _, f := range fs {
		if f.Text == "The demo date was announced before the parts arrived" {
			added = f
		}
	}
	if added.ID == 0 || added.Category != model.Context {
		t.Fatalf("quick-added card not stored as context: %+v", added)
	}

	// Move it, then undo the move.
	b.Select(added.ID)
	b.Nudge(30, -20)
	flush()
	got, err := storetest.Factor(ctx, db, added.ID)
	if err != nil || got.X != added.X+30 || got.Y != added.Y-20 {
		t.Fatalf("after a nudge the store has (%v,%v), want (%v,%v) (err %v)", got.X, got.Y, added.X+30, added.Y-20, err)
	}
	b.Undo()
	flush()
	if got, _ := storetest.Factor(ctx, db, added.ID); got.X != added.X || got.Y != added.Y {
		t.Errorf("after undo the store has (%v,%v)", got.X, got.Y)
	}

	// Link and delete, then undo the delete: the card comes back with its ID and link.
	other := fs[0].ID
	lid := b.Connect(added.ID, other)
	b.Select(added.ID)
	b.DeleteSelection()
	flush()
	if _, err := storetest.Factor(ctx, db, added.ID); err == nil {
		t.Error("deleted card still stored")
	}
	b.Undo()
	flush()
	if _, err := storetest.Factor(ctx, db, added.ID); err != nil {
		t.Errorf("undone delete not stored: %v", err)
	}
	links, _ := storetest.Links(ctx, db, id)
	found := false
	for _, l := range links {
		found = found || l.ID == lid
	}
	if !found {
		t.Errorf("link %d not restored in the store: %+v", lid, links)
	}
	if v.sess.SaveState().Pending != 0 {
		t.Errorf("%d changes still pending", v.sess.SaveState().Pending)
	}

	// Exports see the board as it is now.
	if n := len(v.Current().Factors); n != len(fs) {
		t.Errorf("export would see %d cards, want %d", n, len(fs))
	}
	s.ShowHome()
}
