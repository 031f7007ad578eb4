package session

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// A participant's card, made with Do, is stored when Do returns, and the
// facilitator's undo never takes it back.
func TestDoIsStoredAndNotUndone(t *testing.T) {
	rec := &recorder{}
	s, db := openOn(t, rec, Options{Pause: time.Hour})
	mine := s.NewFactorID()
	if err := s.Edit("board", model.Change{Label: "Add card", Factors: []model.Factor{testCard(mine, 0)}}); err != nil {
		t.Fatal(err)
	}
	theirs := s.NewFactorID()
	_, err := s.Do(context.Background(), "device", func(d *model.Document) (model.Change, error) {
		f := testCard(theirs, 500)
		f.Face = model.FaceDown
		return model.Change{Factors: []model.Factor{f}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.LoadDossier(context.Background(), s.ID())
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := d.Factor(theirs); !ok || f.Face != model.FaceDown {
		t.Fatalf("when Do returned, the database had %+v (%v); want the face-down card", f, ok)
	}
	if label := s.Undo("menu"); label != "Add card" {
		t.Errorf("undo took back %q; want the facilitator's own Add card", label)
	}
	if _, ok := s.Factor(theirs); !ok {
		t.Error("the facilitator's undo took back a participant's card")
	}
	if s.CanUndo() {
		t.Error("a participant's card is on the facilitator's undo history")
	}
}

// Undoing a move keeps the votes cast in the room since, and undoing a
// lesson keeps a change proposed since.
func TestUndoKeepsWhatOthersDidSince(t *testing.T) {
	s, db := openOn(t, nil, Options{Pause: time.Hour})
	card := s.NewFactorID()
	if err := s.Edit("board", model.Change{Label: "Add card", Factors: []model.Factor{testCard(card, 0)}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Edit("board", model.Change{Label: "Move", Factors: []model.Factor{testCard(card, 300)}}); err != nil {
		t.Fatal(err)
	}
	p := s.Parts()
	p.Lesson.WhatLed = "Tired"
	if err := s.Edit("lessons", model.Change{Label: "Edit lesson", Parts: &p}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 {
		if _, err := s.Do(ctx, "device", func(d *model.Document) (model.Change, error) {
			f, _ := d.Factor(card)
			f.Pending++
			return model.Change{Factors: []model.Factor{f}}, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	proposal := s.NewChangeID()
	if _, err := s.Do(ctx, "device", func(d *model.Document) (model.Change, error) {
		p := d.Parts()
		p.Changes = append(p.Changes, model.ProcessChange{ID: proposal, What: "Pair on deploys"})
		return model.Change{Parts: &p}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if s.Undo("menu") != "Edit lesson" || s.Undo("menu") != "Move" {
		t.Fatal("the undo steps are not the facilitator's two")
	}
	f, _ := s.Factor(card)
	if f.X != 0 || f.Pending != 2 {
		t.Errorf("after undoing the move the card is at x=%v with %d pending votes; want 0 and the 2 cast since", f.X, f.Pending)
	}
	p = s.Parts()
	if p.Lesson.WhatLed != "" || len(p.Changes) != 1 || p.Changes[0].What != "Pair on deploys" {
		t.Errorf("after undoing the lesson: %q, changes %+v; want it empty and the proposal kept", p.Lesson.WhatLed, p.Changes)
	}
	s.Redo("menu")
	if f, _ := s.Factor(card); f.X != 300 || f.Pending != 2 {
		t.Errorf("after redo the card is at x=%v with %d pending; want 300 and 2", f.X, f.Pending)
	}
	s.Flush()
	d, _ := db.LoadDossier(ctx, s.ID())
	if got, _ := d.Factor(card); got.Pending != 2 || got.X != 300 || len(d.Changes) != 1 {
		t.Errorf("the database has %+v and %d changes; want the screen's", got, len(d.Changes))
	}
}

// A refused Do changes nothing; after Close, Do says so.
func TestDoRefusedAndClosed(t *testing.T) {
	s, _ := openOn(t, nil, Options{Pause: time.Hour})
	boom := errors.New("no")
	if _, err := s.Do(context.Background(), "device", func(*model.Document) (model.Change, error) { return model.Change{}, boom }); !errors.Is(err, boom) {
		t.Errorf("Do = %v, want fn's error", err)
	}
	bad := testCard(s.NewFactorID(), 0)
	bad.Pending = -1
	if _, err := s.Do(context.Background(), "device", func(*model.Document) (model.Change, error) {
		return model.Change{Factors: []model.Factor{bad}}, nil
	}); err == nil {
		t.Error("a card with negative pending votes was taken")
	}
	if n, _ := s.doc.Len(); n != 0 {
		t.Errorf("%d cards after refused changes", n)
	}
	s.Close()
	if _, err := s.Do(context.Background(), "device", func(*model.Document) (model.Change, error) { return model.Change{}, nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("Do after Close = %v, want ErrClosed", err)
	}
}
