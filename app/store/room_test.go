package store_test

import (
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// A room's face-down and hidden cards are stored with their state and
// pending votes, read back as they were, and neither counted in the
// library nor found by its search.
func TestRoomCardsAreKeptButNotCountedOrFound(t *testing.T) {
	db := storetest.New(t)
	id := mustImport(t, db, "Checkout outage", "Shown card")
	c := model.Change{Factors: []model.Factor{
		{ID: 10, Text: "secret face down", Category: model.People, W: 220, H: 120, Face: model.FaceDown},
		{ID: 11, Text: "abusive hidden", Category: model.People, W: 220, H: 120, Face: model.FaceHidden, Pending: 3},
	}}
	if err := db.Apply(ctx, id, c); err != nil {
		t.Fatal(err)
	}
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]model.Factor{}
	for _, f := range d.Factors {
		got[f.ID] = f
	}
	if got[10].Face != model.FaceDown || got[11].Face != model.FaceHidden || got[11].Pending != 3 || len(d.Factors) != 3 {
		t.Errorf("read back %+v", d.Factors)
	}
	list, err := db.SearchDebriefs(ctx, "", store.NewestFirst, store.AllGroups)
	if err != nil || len(list) != 1 || list[0].Factors != 1 {
		t.Errorf("the library counts %+v (%v); want 1 card, the shown one", list, err)
	}
	for _, q := range []string{"secret", "abusive"} {
		if found, _ := db.SearchDebriefs(ctx, q, store.NewestFirst, store.AllGroups); len(found) != 0 {
			t.Errorf("searching %q found a card that is not shown", q)
		}
	}
	bad := model.Change{Factors: []model.Factor{{ID: 12, Text: "x", Category: model.People, W: 220, H: 120, Face: 7}}}
	if err := db.Apply(ctx, id, bad); err == nil {
		t.Error("a card with an unknown face was stored")
	}
}
