package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

func TestSavePartsReplacesAndKeepsIDs(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	d := model.NewDebrief("Trip")
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	f := model.Factor{DebriefID: d.ID, Text: "Map was old", Category: model.Warning, W: 220, H: 120}
	if err := db.CreateFactor(ctx, &f); err != nil {
		t.Fatal(err)
	}
	ws, cs, ks, err := db.NextPartIDs(ctx)
	if err != nil || ws != 1 || cs != 1 || ks != 1 {
		t.Fatalf("next IDs %d %d %d, %v", ws, cs, ks, err)
	}
	date := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	p := store.Parts{
		Lesson:       model.Lesson{WhatLed: "We trusted an old map.", Reflections: model.Reflections{Safer: "Say it early."}},
		WarningSigns: []model.WarningSign{{ID: 7, Text: "The trail sign was missing", FactorID: f.ID}, {ID: 3, Text: "Clouds at noon"}},
		Changes: []model.ProcessChange{{ID: 5, What: "Check the map's date", Votes: 2},
			{ID: 9, What: "Pack a paper map", Owner: "Ana", CheckBack: date, Chosen: true, Measure: "Next trip"}},
		Kudos: []model.Kudos{{ID: 4, Who: "Sam", For: "Said we were lost", FactorID: f.ID}},
	}
	if err := db.SaveParts(ctx, d.ID, p); err != nil {
		t.Fatal(err)
	}
	got, err := db.LoadDossier(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lesson.WhatLed != p.Lesson.WhatLed || got.Lesson.Reflections.Safer != "Say it early." {
		t.Errorf("lesson %+v", got.Lesson)
	}
	if len(got.WarningSigns) != 2 || got.WarningSigns[0].ID != 7 || got.WarningSigns[0].FactorID != f.ID || got.WarningSigns[1].ID != 3 {
		t.Errorf("warning signs in order %+v", got.WarningSigns)
	}
	if c, ok := model.Chosen(got.Changes); !ok || c.ID != 9 || c.Owner != "Ana" || !c.CheckBack.Equal(date) || len(got.Changes) != 2 {
		t.Errorf("changes %+v", got.Changes)
	}
	if len(got.Kudos) != 1 || got.Kudos[0].ID != 4 || got.Kudos[0].FactorID != f.ID {
		t.Errorf("kudos %+v", got.Kudos)
	}

	// A card deleted meanwhile: its references are stored as none.
	if err := db.DeleteFactor(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	p.Kudos[0].For = "Said we were lost, early"
	if err := db.SaveParts(ctx, d.ID, p); err != nil {
		t.Fatal(err)
	}
	got, _ = db.LoadDossier(ctx, d.ID)
	if got.WarningSigns[0].FactorID != 0 || got.Kudos[0].FactorID != 0 || got.Kudos[0].For != "Said we were lost, early" {
		t.Errorf("after deleting the card: %+v %+v", got.WarningSigns[0], got.Kudos[0])
	}

	// Removing a row removes it.
	p.Changes = p.Changes[1:]
	if err := db.SaveParts(ctx, d.ID, p); err != nil {
		t.Fatal(err)
	}
	if got, _ = db.LoadDossier(ctx, d.ID); len(got.Changes) != 1 {
		t.Errorf("%d changes after removing one", len(got.Changes))
	}
}

func TestSavePartsRefusalChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	a, b := model.NewDebrief("A"), model.NewDebrief("B")
	for _, d := range []*model.Debrief{&a, &b} {
		if err := db.CreateDebrief(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveParts(ctx, b.ID, store.Parts{Kudos: []model.Kudos{{ID: 1, Who: "Kim"}}}); err != nil {
		t.Fatal(err)
	}
	good := store.Parts{Lesson: model.Lesson{WhatLed: "kept"}, Changes: []model.ProcessChange{{ID: 2, What: "x"}}}
	if err := db.SaveParts(ctx, a.ID, good); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name string
		p    store.Parts
		is   error
	}{
		{"another debrief's kudos ID", store.Parts{Lesson: model.Lesson{WhatLed: "lost"}, Kudos: []model.Kudos{{ID: 1, Who: "Lee"}}}, store.ErrConflict},
		{"two chosen", store.Parts{Changes: []model.ProcessChange{{ID: 3, What: "a", Chosen: true}, {ID: 4, What: "b", Chosen: true}}}, model.ErrSeveralChosen},
		{"no ID", store.Parts{Changes: []model.ProcessChange{{What: "a"}}}, nil},
		{"blank kudos", store.Parts{Kudos: []model.Kudos{{ID: 8}}}, nil},
	}
	for _, c := range bad {
		err := db.SaveParts(ctx, a.ID, c.p)
		if err == nil || (c.is != nil && !errors.Is(err, c.is)) {
			t.Errorf("%s: %v", c.name, err)
		}
		got, _ := db.LoadDossier(ctx, a.ID)
		if got.Lesson.WhatLed != "kept" || len(got.Changes) != 1 || got.Changes[0].ID != 2 {
			t.Errorf("%s changed the debrief: %+v %+v", c.name, got.Lesson, got.Changes)
		}
	}
	if got, _ := db.LoadDossier(ctx, b.ID); len(got.Kudos) != 1 || got.Kudos[0].Who != "Kim" {
		t.Errorf("the other debrief's kudos: %+v", got.Kudos)
	}
}
