package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// boardState is everything a debrief's board shows.
type boardState struct {
	Factors []model.Factor
	Links   []model.Link
}

func readBoard(t *testing.T, db *store.DB, debriefID int64) boardState {
	t.Helper()
	fs, err := db.ListFactors(ctx, debriefID)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := db.ListLinks(ctx, debriefID)
	if err != nil {
		t.Fatal(err)
	}
	return boardState{fs, ls}
}

func card(id, debriefID int64, text string) model.Factor {
	return model.Factor{ID: id, DebriefID: debriefID, Text: text, Category: model.Technical,
		X: float64(10 * id), Y: 20, W: 220, H: 120, CreatedAt: storetest.Clock}
}

func TestNextIDs(t *testing.T) {
	db := storetest.New(t)
	f, l, err := db.NextIDs(ctx)
	if err != nil || f != 1 || l != 1 {
		t.Fatalf("empty database: NextIDs = %d, %d, %v; want 1, 1", f, l, err)
	}
	d := mustDebrief(t, db, "ids")
	a, b := mustFactor(t, db, d.ID, "a"), mustFactor(t, db, d.ID, "b")
	lk := model.Link{DebriefID: d.ID, FromID: a.ID, ToID: b.ID}
	if err := db.CreateLink(ctx, &lk); err != nil {
		t.Fatal(err)
	}
	if f, l, _ = db.NextIDs(ctx); f != b.ID+1 || l != lk.ID+1 {
		t.Errorf("NextIDs = %d, %d; want %d, %d", f, l, b.ID+1, lk.ID+1)
	}
	// IDs are global: a card far ahead in another debrief counts too.
	other := mustDebrief(t, db, "other")
	far := card(40, other.ID, "far")
	if err := db.PutFactor(ctx, &far); err != nil {
		t.Fatal(err)
	}
	if f, _, _ = db.NextIDs(ctx); f != 41 {
		t.Errorf("next card ID = %d, want 41", f)
	}
}

func TestPutFactorInsertThenUpdate(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "put")
	f := model.Factor{ID: 7, DebriefID: d.ID, Text: "Skipped the wiring check", Category: model.Process,
		X: 40.5, Y: -80, W: 200, H: 100, Z: 3, Author: "Jonas", Votes: 2}
	if err := db.PutFactor(ctx, &f); err != nil {
		t.Fatal(err)
	}
	want := f
	want.CreatedAt = storetest.Clock // zero means now
	got, err := db.GetFactor(ctx, 7)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after insert %+v (%v), want %+v", got, err, want)
	}

	// An update changes every field but the debrief and creation time.
	upd := model.Factor{ID: 7, DebriefID: d.ID, Text: "Fatigue", Category: model.Context,
		X: 300, Y: 400, W: 240, H: 130, Z: -2, Author: "", Votes: 5,
		CreatedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := db.PutFactor(ctx, &upd); err != nil {
		t.Fatal(err)
	}
	want = upd
	want.CreatedAt = storetest.Clock
	if got, _ = db.GetFactor(ctx, 7); !reflect.DeepEqual(got, want) {
		t.Errorf("after update %+v, want %+v", got, want)
	}
	// Anonymous means no author stored at all: NULL, not "".
	raw := rawOpen(t, db.Path())
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM factor WHERE id = 7 AND author IS NULL`).Scan(&n); err != nil || n != 1 {
		t.Errorf("anonymous card 7 with NULL author: count = %d, %v; want 1", n, err)
	}

	// A creation time given on insert is kept.
	old := card(8, d.ID, "old")
	old.CreatedAt = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := db.PutFactor(ctx, &old); err != nil {
		t.Fatal(err)
	}
	if got, _ = db.GetFactor(ctx, 8); !got.CreatedAt.Equal(old.CreatedAt) {
		t.Errorf("created at %v, want %v", got.CreatedAt, old.CreatedAt)
	}
}

func TestPutFactorOfAnotherDebriefConflicts(t *testing.T) {
	db := storetest.New(t)
	mine, theirs := mustDebrief(t, db, "mine"), mustDebrief(t, db, "theirs")
	f := card(5, theirs.ID, "theirs")
	if err := db.PutFactor(ctx, &f); err != nil {
		t.Fatal(err)
	}
	before := readBoard(t, db, theirs.ID)
	steal := card(5, mine.ID, "stolen")
	steal.X = 999
	if err := db.PutFactor(ctx, &steal); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("put another debrief's card: err = %v, want ErrConflict", err)
	}
	if after := readBoard(t, db, theirs.ID); !reflect.DeepEqual(after, before) {
		t.Errorf("the other debrief changed:\n%+v\nwant\n%+v", after, before)
	}
	if got := readBoard(t, db, mine.ID); len(got.Factors) != 0 {
		t.Errorf("cards in mine = %+v, want none", got.Factors)
	}
}

func TestPutFactorRefusesBadCards(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "bad")
	for name, f := range map[string]model.Factor{
		"unknown category": {ID: 1, DebriefID: d.ID, Category: "blame", W: 1, H: 1},
		"no size":          {ID: 1, DebriefID: d.ID, Category: model.Technical},
		"zero ID":          {DebriefID: d.ID, Category: model.Technical, W: 1, H: 1},
		"negative ID":      {ID: -3, DebriefID: d.ID, Category: model.Technical, W: 1, H: 1},
		"missing debrief":  {ID: 1, DebriefID: 999, Category: model.Technical, W: 1, H: 1},
	} {
		if err := db.PutFactor(ctx, &f); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if got := readBoard(t, db, d.ID); len(got.Factors) != 0 {
		t.Errorf("refused cards were stored: %+v", got.Factors)
	}
}

func TestPutLink(t *testing.T) {
	db := storetest.New(t)
	d, other := mustDebrief(t, db, "links"), mustDebrief(t, db, "other")
	for _, f := range []model.Factor{card(1, d.ID, "a"), card(2, d.ID, "b"), card(3, d.ID, "c"),
		card(4, other.ID, "x"), card(5, other.ID, "y")} {
		if err := db.PutFactor(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	l := model.Link{ID: 10, DebriefID: d.ID, FromID: 1, ToID: 2}
	if err := db.PutLink(ctx, &l); err != nil {
		t.Fatal(err)
	}
	// The same ID again moves the link and relabels it.
	l.FromID, l.ToID, l.Label = 2, 3, "made worse"
	if err := db.PutLink(ctx, &l); err != nil {
		t.Fatal(err)
	}
	if got := readBoard(t, db, d.ID).Links; len(got) != 1 || !reflect.DeepEqual(got[0], l) {
		t.Errorf("links = %+v, want [%+v]", got, l)
	}

	theirs := model.Link{ID: 20, DebriefID: other.ID, FromID: 4, ToID: 5}
	if err := db.PutLink(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		link model.Link
		want error // nil: any error
	}{
		"duplicate pair":  {model.Link{ID: 11, DebriefID: d.ID, FromID: 2, ToID: 3}, nil},
		"to itself":       {model.Link{ID: 11, DebriefID: d.ID, FromID: 2, ToID: 2}, nil},
		"zero ID":         {model.Link{DebriefID: d.ID, FromID: 1, ToID: 3}, nil},
		"missing card":    {model.Link{ID: 11, DebriefID: d.ID, FromID: 1, ToID: 99}, store.ErrNotFound},
		"card of another": {model.Link{ID: 11, DebriefID: d.ID, FromID: 1, ToID: 4}, store.ErrNotFound},
		"ID of another":   {model.Link{ID: 20, DebriefID: d.ID, FromID: 1, ToID: 3}, store.ErrConflict},
	} {
		err := db.PutLink(ctx, &tc.link)
		if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
	if got := readBoard(t, db, d.ID).Links; len(got) != 1 || !reflect.DeepEqual(got[0], l) {
		t.Errorf("refused links changed the board: %+v, want [%+v]", got, l)
	}
	if got := readBoard(t, db, other.ID).Links; len(got) != 1 || !reflect.DeepEqual(got[0], theirs) {
		t.Errorf("the other debrief's links = %+v, want [%+v]", got, theirs)
	}
}

func TestApplyPutsCardsBeforeTheirLinks(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "apply")
	// One change may add cards and the links between them.
	add := model.Change{
		Factors: []model.Factor{card(1, d.ID, "a"), card(2, 0, "b"), card(3, d.ID, "c")}, // 0: this debrief
		Links: []model.Link{
			{ID: 1, FromID: 1, ToID: 2, Label: "led to"},
			{ID: 2, DebriefID: d.ID, FromID: 2, ToID: 3},
		},
	}
	if err := db.Apply(ctx, d.ID, add); err != nil {
		t.Fatal(err)
	}
	full := readBoard(t, db, d.ID)
	if len(full.Factors) != 3 || len(full.Links) != 2 || full.Factors[1].DebriefID != d.ID || full.Links[0].DebriefID != d.ID {
		t.Fatalf("after adding: %+v", full)
	}

	// Deleting card 2 takes its links; undoing it brings back the card and
	// its links under the same IDs, in one change.
	del := model.Change{DeleteLinks: []int64{1, 2}, DeleteFactors: []int64{2}}
	if err := db.Apply(ctx, d.ID, del); err != nil {
		t.Fatal(err)
	}
	if got := readBoard(t, db, d.ID); len(got.Factors) != 2 || len(got.Links) != 0 {
		t.Fatalf("after delete: %+v", got)
	}
	undo := model.Change{Factors: full.Factors[1:2], Links: full.Links}
	if err := db.Apply(ctx, d.ID, undo); err != nil {
		t.Fatal(err)
	}
	if got := readBoard(t, db, d.ID); !reflect.DeepEqual(got, full) {
		t.Errorf("after undo\n%+v\nwant\n%+v", got, full)
	}

	// Links are deleted before links are put: replacing a link by another
	// between the same cards works in one change.
	replace := model.Change{DeleteLinks: []int64{1}, Links: []model.Link{{ID: 3, FromID: 1, ToID: 2}}}
	if err := db.Apply(ctx, d.ID, replace); err != nil {
		t.Fatal(err)
	}
	if got := readBoard(t, db, d.ID).Links; len(got) != 2 || got[0].ID != 2 || got[1].ID != 3 {
		t.Errorf("after replacing link 1 by 3: %+v", got)
	}
	// A row of another debrief is refused.
	wrong := model.Change{Factors: []model.Factor{card(9, d.ID+1, "elsewhere")}}
	if err := db.Apply(ctx, d.ID, wrong); err == nil {
		t.Error("a card of another debrief was accepted")
	}
}

func TestApplyRollsBackOnError(t *testing.T) {
	db := storetest.New(t)
	d, other := mustDebrief(t, db, "rollback"), mustDebrief(t, db, "other")
	setup := model.Change{
		Factors: []model.Factor{card(1, d.ID, "a"), card(2, d.ID, "b")},
		Links:   []model.Link{{ID: 1, FromID: 1, ToID: 2}},
	}
	if err := db.Apply(ctx, d.ID, setup); err != nil {
		t.Fatal(err)
	}
	theirs := card(50, other.ID, "theirs")
	if err := db.PutFactor(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	before := readBoard(t, db, d.ID)
	moved := card(1, d.ID, "a moved")
	moved.X, moved.Y = 500, 600

	for name, tc := range map[string]struct {
		last model.Change // appended to a change that would otherwise succeed
		want error
	}{
		"link to a missing card": {model.Change{Links: []model.Link{{ID: 7, FromID: 3, ToID: 99}}}, store.ErrNotFound},
		"another debrief's ID":   {model.Change{Factors: []model.Factor{card(50, d.ID, "mine?")}}, store.ErrConflict},
		"invalid card":           {model.Change{Factors: []model.Factor{{ID: 8, Category: "blame", W: 1, H: 1}}}, nil},
	} {
		c := model.Change{
			DeleteLinks:   []int64{1},
			Factors:       append([]model.Factor{moved, card(3, d.ID, "new")}, tc.last.Factors...),
			Links:         append([]model.Link{{ID: 5, FromID: 2, ToID: 3}}, tc.last.Links...),
			DeleteFactors: []int64{2},
		}
		err := db.Apply(ctx, d.ID, c)
		if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
		if after := readBoard(t, db, d.ID); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: a failed change left\n%+v\nwant\n%+v", name, after, before)
		}
	}
	if got, _ := db.GetFactor(ctx, 50); !reflect.DeepEqual(got, theirs) {
		t.Errorf("the other debrief's card = %+v, want %+v", got, theirs)
	}
}

func TestApplyDeletesOnlyWhatIsThere(t *testing.T) {
	db := storetest.New(t)
	d, other := mustDebrief(t, db, "mine"), mustDebrief(t, db, "other")
	if err := db.Apply(ctx, d.ID, model.Change{Factors: []model.Factor{card(1, d.ID, "a")}}); err != nil {
		t.Fatal(err)
	}
	theirs := model.Change{
		Factors: []model.Factor{card(2, other.ID, "x"), card(3, other.ID, "y")},
		Links:   []model.Link{{ID: 4, FromID: 2, ToID: 3}},
	}
	if err := db.Apply(ctx, other.ID, theirs); err != nil {
		t.Fatal(err)
	}
	otherBefore := readBoard(t, db, other.ID)

	// Rows already gone, and rows of another debrief, are left alone.
	gone := model.Change{DeleteLinks: []int64{4, 999}, DeleteFactors: []int64{2, 3, 999}}
	if err := db.Apply(ctx, d.ID, gone); err != nil {
		t.Fatalf("deleting missing or foreign rows: %v", err)
	}
	if got := readBoard(t, db, other.ID); !reflect.DeepEqual(got, otherBefore) {
		t.Errorf("another debrief's board changed:\n%+v\nwant\n%+v", got, otherBefore)
	}
	// Deleting twice is fine.
	twice := model.Change{DeleteFactors: []int64{1}}
	for i := 0; i < 2; i++ {
		if err := db.Apply(ctx, d.ID, twice); err != nil {
			t.Fatalf("delete #%d: %v", i+1, err)
		}
	}
	if got := readBoard(t, db, d.ID); len(got.Factors) != 0 {
		t.Errorf("cards left: %+v", got.Factors)
	}
}
