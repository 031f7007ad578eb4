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

func TestDebriefCRUD(t *testing.T) {
	db := storetest.New(t)
	d := model.NewDebrief("Bench test failed")
	d.Summary = "The rover browned out on power-on."
	d.HappenedAt = time.Date(2026, 11, 18, 23, 40, 0, 0, time.UTC)
	d.Participants = []string{"Zoë Łukasiewicz-Ødegård", "Ben"}
	d.Template = "failed-test"
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	if d.ID == 0 || !d.CreatedAt.Equal(storetest.Clock) {
		t.Fatalf("create did not set id/time: %+v", d)
	}
	got, err := db.GetDebrief(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.GroupID, d.Group = 1, model.DefaultGroupName // a new database's one group
	if !reflect.DeepEqual(got, d) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, d)
	}

	d.Title, d.Status, d.Participants = "Bench test browned out", model.Reviewed, []string{"Ana"}
	d.ScheduledAt = time.Date(2026, 11, 19, 9, 30, 0, 0, time.UTC)
	if err := db.UpdateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	got, _ = db.GetDebrief(ctx, d.ID)
	if !reflect.DeepEqual(got, d) {
		t.Errorf("after update\n%+v\nwant\n%+v", got, d)
	}

	older := model.NewDebrief("Older")
	older.HappenedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	db.CreateDebrief(ctx, &older)
	mustFactor(t, db, d.ID, "one")
	mustFactor(t, db, d.ID, "two")
	list, err := db.ListDebriefs(ctx, store.AllGroups)
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %v, %v", list, err)
	}
	if list[0].ID != d.ID || list[0].Factors != 2 || list[1].ID != older.ID || list[1].Factors != 0 {
		t.Errorf("list order/counts wrong: %+v", list)
	}

	bad := d
	bad.Title = "  "
	if err := db.UpdateDebrief(ctx, &bad); err == nil {
		t.Error("an empty title was accepted")
	}
	if err := db.DeleteDebrief(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetDebrief(ctx, d.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get deleted: %v", err)
	}
	for name, err := range map[string]error{
		"delete": db.DeleteDebrief(ctx, d.ID),
		"update": db.UpdateDebrief(ctx, &d),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s missing debrief: err = %v, want ErrNotFound", name, err)
		}
	}
}

func TestFactorCRUD(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "cards")
	f := model.Factor{DebriefID: d.ID, Text: "Skipped the wiring check", Category: model.Process,
		X: 40.5, Y: -80, W: 220, H: 120, Z: 3, Author: "Jonas", Votes: 2}
	if err := db.CreateFactor(ctx, &f); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetFactor(ctx, f.ID)
	if err != nil || !reflect.DeepEqual(got, f) {
		t.Fatalf("read back %+v (%v), want %+v", got, err, f)
	}
	f.Text, f.Category, f.Author, f.Votes = "Fatigue", model.Context, "", 0
	if err := db.UpdateFactor(ctx, &f); err != nil {
		t.Fatal(err)
	}
	if err := db.MoveFactor(ctx, f.ID, 300, 400); err != nil {
		t.Fatal(err)
	}
	f.X, f.Y = 300, 400
	got, _ = db.GetFactor(ctx, f.ID)
	if !reflect.DeepEqual(got, f) {
		t.Errorf("after update+move %+v, want %+v", got, f)
	}
	// An anonymous card has no author stored at all: NULL, not "".
	var n int
	rawDB := rawOpen(t, db.Path())
	defer rawDB.Close()
	rawDB.QueryRow(`SELECT count(*) FROM factor WHERE author IS NULL`).Scan(&n)
	if n != 1 {
		t.Errorf("anonymous cards with NULL author = %d, want 1", n)
	}
	under := mustFactor(t, db, d.ID, "under")
	under.Z = -1
	db.UpdateFactor(ctx, &under)
	list, _ := db.ListFactors(ctx, d.ID)
	if len(list) != 2 || list[0].ID != under.ID {
		t.Errorf("list not in z order: %+v", list)
	}
	bad := f
	bad.Category = "blame"
	if err := db.UpdateFactor(ctx, &bad); err == nil {
		t.Error("an unknown category was accepted")
	}
	if err := db.DeleteFactor(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetFactor(ctx, f.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get deleted card: %v", err)
	}
	if err := db.MoveFactor(ctx, f.ID, 1, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("move deleted card: %v", err)
	}
}

func TestLinkCRUD(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "links")
	a, b := mustFactor(t, db, d.ID, "a"), mustFactor(t, db, d.ID, "b")
	l := model.Link{DebriefID: d.ID, FromID: a.ID, ToID: b.ID}
	if err := db.CreateLink(ctx, &l); err != nil {
		t.Fatal(err)
	}
	dup := l
	if err := db.CreateLink(ctx, &dup); err == nil {
		t.Error("the same link twice was accepted")
	}
	l.Label = "made worse"
	if err := db.UpdateLink(ctx, &l); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListLinks(ctx, d.ID)
	if len(list) != 1 || !reflect.DeepEqual(list[0], l) {
		t.Errorf("links = %+v, want [%+v]", list, l)
	}
	if err := db.DeleteLink(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteLink(ctx, l.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
}

func TestLessonAndWarningSigns(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "lessons")
	empty, err := db.GetLesson(ctx, d.ID)
	if err != nil || !empty.Empty() {
		t.Fatalf("unwritten lesson = %+v, %v", empty, err)
	}
	l := model.Lesson{DebriefID: d.ID, WhatLed: "A rushed night", WentWell: "Nobody hid it",
		Reflections: model.Reflections{Nags: "n", BlameOrCauses: "b", Safer: "s", Celebrate: "c"}}
	for i := 0; i < 2; i++ { // the second save replaces the first
		if err := db.SaveLesson(ctx, &l); err != nil {
			t.Fatal(err)
		}
		l.Lucky = "The fuse held"
	}
	l.Lucky = "The fuse held"
	db.SaveLesson(ctx, &l)
	got, _ := db.GetLesson(ctx, d.ID)
	if !reflect.DeepEqual(got, l) {
		t.Errorf("lesson %+v, want %+v", got, l)
	}

	card := mustFactor(t, db, d.ID, "warm regulator")
	w1 := model.WarningSign{DebriefID: d.ID, Text: "Regulator ran warm", FactorID: card.ID, Position: 1}
	w0 := model.WarningSign{DebriefID: d.ID, Text: "Readings flickered", Position: 0}
	for _, w := range []*model.WarningSign{&w1, &w0} {
		if err := db.CreateWarningSign(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := db.ListWarningSigns(ctx, d.ID)
	if len(list) != 2 || list[0].ID != w0.ID || list[1].FactorID != card.ID {
		t.Errorf("warning signs = %+v", list)
	}
	w0.Text, w0.FactorID = "Readings flickered twice", card.ID
	if err := db.UpdateWarningSign(ctx, &w0); err != nil {
		t.Fatal(err)
	}
	list, _ = db.ListWarningSigns(ctx, d.ID)
	if !reflect.DeepEqual(list[0], w0) {
		t.Errorf("after update %+v, want %+v", list[0], w0)
	}
	if err := db.CreateWarningSign(ctx, &model.WarningSign{DebriefID: d.ID}); err == nil {
		t.Error("an empty warning sign was accepted")
	}
	if err := db.DeleteWarningSign(ctx, w0.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = db.ListWarningSigns(ctx, d.ID); len(list) != 1 {
		t.Errorf("after delete: %+v", list)
	}
}

func TestChangeAndKudosCRUD(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "change")
	c := model.ProcessChange{DebriefID: d.ID, What: "Sign-offs for each major step", Owner: "Priya",
		CheckBack: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC), Measure: "No skipped steps", Votes: 3, Chosen: true}
	if err := db.CreateChange(ctx, &c); err != nil {
		t.Fatal(err)
	}
	c.Outcome, c.OutcomeNote = model.Kept, "Every step signed"
	if err := db.UpdateChange(ctx, &c); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListChanges(ctx, d.ID)
	if len(list) != 1 || !reflect.DeepEqual(list[0], c) {
		t.Errorf("changes = %+v, want %+v", list, c)
	}
	c.Outcome = "forgotten"
	if err := db.UpdateChange(ctx, &c); err == nil {
		t.Error("an unknown outcome was accepted")
	}
	if err := db.DeleteChange(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = db.ListChanges(ctx, d.ID); len(list) != 0 {
		t.Errorf("after delete: %+v", list)
	}

	card := mustFactor(t, db, d.ID, "skipped step")
	k := model.Kudos{DebriefID: d.ID, Who: "Jonas", For: "admitting the skipped step", FactorID: card.ID}
	if err := db.CreateKudos(ctx, &k); err != nil {
		t.Fatal(err)
	}
	k.For = "saying it in the first minute"
	if err := db.UpdateKudos(ctx, &k); err != nil {
		t.Fatal(err)
	}
	ks, _ := db.ListKudos(ctx, d.ID)
	if len(ks) != 1 || !reflect.DeepEqual(ks[0], k) {
		t.Errorf("kudos = %+v, want %+v", ks, k)
	}
	if err := db.CreateKudos(ctx, &model.Kudos{DebriefID: d.ID}); err == nil {
		t.Error("kudos for nobody was accepted")
	}
	if err := db.DeleteKudos(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateKudos(ctx, &k); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update deleted kudos: %v", err)
	}
}

func TestImportAndLoadDossier(t *testing.T) {
	db := storetest.New(t)
	in := &model.Dossier{
		Debrief: model.NewDebrief("Imported"),
		Factors: []model.Factor{
			{ID: 1, Text: "a", Category: model.Technical, W: 1, H: 1},
			{ID: 2, Text: "b", Category: model.Warning, W: 1, H: 1, Z: 1, Author: "Ana"},
		},
		Links:        []model.Link{{FromID: 1, ToID: 2}},
		Lesson:       model.Lesson{WhatLed: "x"},
		WarningSigns: []model.WarningSign{{Text: "w", FactorID: 2}},
		Changes:      []model.ProcessChange{{What: "c", Chosen: true}},
		Kudos:        []model.Kudos{{Who: "Ana", FactorID: 1}},
	}
	id, err := db.ImportDossier(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Factors) != 2 || len(out.Links) != 1 || out.Lesson.WhatLed != "x" || len(out.WarningSigns) != 1 ||
		len(out.Changes) != 1 || len(out.Kudos) != 1 {
		t.Fatalf("loaded %+v", out)
	}
	fa, fb := out.Factors[0], out.Factors[1]
	if out.Links[0].FromID != fa.ID || out.Links[0].ToID != fb.ID || out.WarningSigns[0].FactorID != fb.ID || out.Kudos[0].FactorID != fa.ID {
		t.Errorf("references not remapped: %+v", out)
	}

	// A bad dossier writes nothing.
	bad := *in
	bad.Links = []model.Link{{FromID: 1, ToID: 99}}
	if _, err := db.ImportDossier(ctx, &bad); err == nil {
		t.Fatal("a dangling link was imported")
	}
	if list, _ := db.ListDebriefs(ctx, store.AllGroups); len(list) != 1 {
		t.Errorf("a failed import left %d debriefs, want 1", len(list))
	}
	if _, err := db.LoadDossier(ctx, 12345); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("load missing: %v", err)
	}
}
