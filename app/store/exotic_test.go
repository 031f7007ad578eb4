package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// fitsName reports whether s may be a name or a title.
func fitsName(s string) bool { return utf8.RuneCountInString(s) <= model.MaxName }

// exoticDossier is a debrief with s in every text field it fits: text
// fields always, names and the title when s is short enough (else a
// plain stand-in).
func exoticDossier(s string) *model.Dossier {
	name := "Ana"
	if fitsName(s) {
		name = s
	}
	d := &model.Dossier{
		Debrief: model.Debrief{Title: name, Summary: s, TimeboxMinutes: 20, Status: model.Draft,
			HappenedAt: time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC), Participants: []string{name, "Bo"}},
		Factors: []model.Factor{
			{ID: 1, Text: s, Category: model.People, X: 40, Y: 40, W: 220, H: 120, Author: name, Votes: 2},
			{ID: 2, Text: "plain", Category: model.Process, X: 300, Y: 40, W: 220, H: 120, Z: 1},
		},
		Links: []model.Link{{FromID: 1, ToID: 2, Label: name}},
		Lesson: model.Lesson{WhatLed: s, WentWell: s, Lucky: s,
			Reflections: model.Reflections{Nags: s, BlameOrCauses: s, Safer: s, Celebrate: s}},
		WarningSigns: []model.WarningSign{{Text: s, FactorID: 1}},
		Changes: []model.ProcessChange{{What: s, Owner: name, Measure: s, Chosen: true,
			CheckBack: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Outcome: model.Adjusted, OutcomeNote: s}},
		Kudos: []model.Kudos{{Who: name, For: s, FactorID: 1}},
	}
	return d
}

// textFields lists every text field of d by name, in a fixed order.
func textFields(d *model.Dossier) [][2]string {
	f := [][2]string{{"title", d.Debrief.Title}, {"summary", d.Debrief.Summary}}
	for i, p := range d.Debrief.Participants {
		f = append(f, [2]string{fmt.Sprintf("participant %d", i+1), p})
	}
	for i, c := range d.Factors {
		f = append(f, [2]string{fmt.Sprintf("card %d text", i+1), c.Text}, [2]string{fmt.Sprintf("card %d author", i+1), c.Author})
	}
	for i, l := range d.Links {
		f = append(f, [2]string{fmt.Sprintf("link %d label", i+1), l.Label})
	}
	ls := d.Lesson
	f = append(f, [2]string{"what led", ls.WhatLed}, [2]string{"went well", ls.WentWell}, [2]string{"lucky", ls.Lucky},
		[2]string{"nags", ls.Reflections.Nags}, [2]string{"blame or causes", ls.Reflections.BlameOrCauses},
		[2]string{"safer", ls.Reflections.Safer}, [2]string{"celebrate", ls.Reflections.Celebrate})
	for i, w := range d.WarningSigns {
		f = append(f, [2]string{fmt.Sprintf("warning sign %d", i+1), w.Text})
	}
	for i, c := range d.Changes {
		f = append(f, [2]string{fmt.Sprintf("change %d what", i+1), c.What}, [2]string{fmt.Sprintf("change %d owner", i+1), c.Owner},
			[2]string{fmt.Sprintf("change %d measure", i+1), c.Measure}, [2]string{fmt.Sprintf("change %d outcome note", i+1), c.OutcomeNote})
	}
	for i, k := range d.Kudos {
		f = append(f, [2]string{fmt.Sprintf("kudos %d who", i+1), k.Who}, [2]string{fmt.Sprintf("kudos %d for", i+1), k.For})
	}
	return f
}

// sameText fails for every text field of got that differs from want's by
// so much as a byte, saying where.
func sameText(t *testing.T, got, want *model.Dossier) {
	t.Helper()
	g, w := textFields(got), textFields(want)
	if len(g) != len(w) {
		t.Fatalf("%d text fields read back, want %d:\ngot  %q\nwant %q", len(g), len(w), g, w)
	}
	for i := range w {
		if g[i][0] != w[i][0] {
			t.Fatalf("field %d is %s, want %s", i, g[i][0], w[i][0])
		}
		if diff := modeltest.FirstDifference(g[i][1], w[i][1]); diff != "" {
			t.Errorf("%s is not byte for byte what was stored: %s", w[i][0], diff)
		}
	}
}

// TestExoticTextStoredByteExact stores every exotic string (control
// characters, NUL, emoji, right-to-left text, 100,000 characters…) in
// every text field through each of the store's write paths, and reads it
// back with LoadDossier byte for byte.
func TestExoticTextStoredByteExact(t *testing.T) {
	db := storetest.New(t)
	for _, x := range modeltest.Exotic() {
		t.Run(x.Name, func(t *testing.T) {
			want := exoticDossier(x.S)
			if err := want.Validate(); err != nil {
				t.Fatalf("the model refuses it: %v", err)
			}

			// ImportDossier: the whole debrief in one go.
			id, err := db.ImportDossier(ctx, want)
			if err != nil {
				t.Fatalf("ImportDossier: %v", err)
			}
			got, err := db.LoadDossier(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			sameText(t, got, want)

			// The editing paths: CreateDebrief and UpdateDebrief, Apply
			// (PutFactor and PutLink), SaveParts and RecordOutcome.
			d := model.NewDebrief("placeholder")
			if err := db.CreateDebrief(ctx, &d); err != nil {
				t.Fatal(err)
			}
			d.Title, d.Summary, d.Participants = want.Debrief.Title, want.Debrief.Summary, want.Debrief.Participants
			d.HappenedAt, d.TimeboxMinutes = want.Debrief.HappenedAt, want.Debrief.TimeboxMinutes
			if err := db.UpdateDebrief(ctx, &d); err != nil {
				t.Fatalf("UpdateDebrief: %v", err)
			}
			fid, lid, err := db.NextIDs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			board := model.Change{}
			for i, f := range want.Factors {
				f.ID = fid + int64(i)
				board.Factors = append(board.Factors, f)
			}
			for i, l := range want.Links {
				l.ID, l.FromID, l.ToID = lid+int64(i), fid+l.FromID-1, fid+l.ToID-1
				board.Links = append(board.Links, l)
			}
			if err := db.Apply(ctx, d.ID, board); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			sid, cid, kid, err := db.NextPartIDs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			parts := store.Parts{Lesson: want.Lesson}
			for i, w := range want.WarningSigns {
				w.ID, w.FactorID = sid+int64(i), fid+w.FactorID-1
				parts.WarningSigns = append(parts.WarningSigns, w)
			}
			for i, c := range want.Changes {
				c.ID, c.Outcome, c.OutcomeNote = cid+int64(i), model.NoOutcome, ""
				parts.Changes = append(parts.Changes, c)
			}
			for i, k := range want.Kudos {
				k.ID, k.FactorID = kid+int64(i), fid+k.FactorID-1
				parts.Kudos = append(parts.Kudos, k)
			}
			if err := db.SaveParts(ctx, d.ID, parts); err != nil {
				t.Fatalf("SaveParts: %v", err)
			}
			if err := db.RecordOutcome(ctx, cid, model.Adjusted, x.S); err != nil {
				t.Fatalf("RecordOutcome: %v", err)
			}
			edited, err := db.LoadDossier(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameText(t, edited, want)

			// A copy keeps every text but the title, which gets " (copy)".
			copyID, err := db.DuplicateDebrief(ctx, d.ID)
			if err != nil {
				t.Fatalf("DuplicateDebrief: %v", err)
			}
			dup, err := db.LoadDossier(ctx, copyID)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(dup.Debrief.Title, " (copy)") || !strings.HasPrefix(dup.Debrief.Title, strings.TrimSpace(want.Debrief.Title)) {
				t.Errorf("the copy's title is %q", dup.Debrief.Title)
			}
			wantCopy := *want
			wantCopy.Debrief.Title = dup.Debrief.Title
			wantCopy.Changes = []model.ProcessChange{want.Changes[0]}
			wantCopy.Changes[0].OutcomeNote = "" // a copy starts without outcomes
			sameText(t, dup, &wantCopy)

			// Deleting (to the Trash) and restoring gives it back as it was.
			if _, err := db.TrashDebrief(ctx, d.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := db.UndeleteDebrief(ctx, d.ID); err != nil {
				t.Fatalf("UndeleteDebrief: %v", err)
			}
			restored, err := db.LoadDossier(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameText(t, restored, want)
			if !reflect.DeepEqual(restored, edited) {
				t.Error("the restored debrief differs from the one deleted")
			}
		})
	}
}

// TestInvalidUTF8NotStored: text that is not UTF-8 is refused by every
// write path with a message that says so, and nothing is stored.
func TestInvalidUTF8NotStored(t *testing.T) {
	db := storetest.New(t)
	ok := exoticDossier("fine")
	id, err := db.ImportDossier(ctx, ok)
	if err != nil {
		t.Fatal(err)
	}
	before, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	fid, _, err := db.NextIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range modeltest.Invalid() {
		t.Run(x.Name, func(t *testing.T) {
			bad := before.Debrief
			bad.Summary = x.S
			card := before.Factors[0]
			card.Text = x.S
			newCard := model.Factor{ID: fid, Text: "ok", Author: x.S, Category: model.Lucky, W: 220, H: 120}
			lesson := before.Lesson
			lesson.Lucky = x.S
			change := before.Changes[0]
			change.Owner = x.S
			paths := []struct {
				name string
				run  func() error
			}{
				{"ImportDossier", func() error { _, err := db.ImportDossier(ctx, exoticDossier(x.S)); return err }},
				{"CreateDebrief", func() error { d := model.NewDebrief(x.S); return db.CreateDebrief(ctx, &d) }},
				{"UpdateDebrief", func() error { return db.UpdateDebrief(ctx, &bad) }},
				{"Apply (edit)", func() error { return db.Apply(ctx, id, model.Change{Factors: []model.Factor{card}}) }},
				{"Apply (new card)", func() error {
					return db.Apply(ctx, id, model.Change{Factors: []model.Factor{newCard}})
				}},
				{"SaveParts (lesson)", func() error { return db.SaveParts(ctx, id, store.Parts{Lesson: lesson, Changes: before.Changes}) }},
				{"SaveParts (change)", func() error { return db.SaveParts(ctx, id, store.Parts{Changes: []model.ProcessChange{change}}) }},
				{"RecordOutcome", func() error { return db.RecordOutcome(ctx, before.Changes[0].ID, model.Kept, x.S) }},
			}
			for _, p := range paths {
				err := p.run()
				if err == nil {
					t.Errorf("%s stored text that is not UTF-8", p.name)
					continue
				}
				if !errors.Is(err, model.ErrNotUTF8) || !strings.Contains(err.Error(), "not valid UTF-8 text: byte ") {
					t.Errorf("%s: %v does not say the text is not UTF-8", p.name, err)
				}
			}
			list, err := db.ListDebriefs(ctx, store.AllGroups)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 {
				t.Errorf("%d debriefs after the refusals, want 1", len(list))
			}
			after, err := db.LoadDossier(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(after, before) {
				t.Errorf("a refused write changed the debrief:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

// TestTitleStartingWithNULIsRefusedClearly: SQLite's length() stops at a
// NUL, so the schema's check would refuse such a title with a bare
// "constraint failed"; the model refuses it first, in words, and nothing
// is stored. A NUL further in is stored byte for byte.
func TestTitleStartingWithNULIsRefusedClearly(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	d := model.NewDebrief("\x00Outage")
	err := db.CreateDebrief(ctx, &d)
	if err == nil || !strings.Contains(err.Error(), "starts with a NUL") {
		t.Fatalf("CreateDebrief: %v, want a refusal naming the NUL", err)
	}
	if ds, _ := db.ListDebriefs(ctx, store.AllGroups); len(ds) != 0 {
		t.Fatalf("%d debriefs stored", len(ds))
	}
	d = model.NewDebrief("Out\x00age")
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetDebrief(ctx, d.ID)
	if err != nil || got.Title != "Out\x00age" {
		t.Fatalf("stored %q (%v)", got.Title, err)
	}
}
