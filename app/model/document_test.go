package model

import (
	"reflect"
	"testing"
)

func docCard(id int64, x float64) Factor {
	return Factor{ID: id, DebriefID: 7, Text: "card", Category: Technical, X: x, W: 220, H: 120}
}

// Applying a change and then what Before said puts every part back as it
// was: the undo the session relies on.
func TestDocumentBeforeUndoesApply(t *testing.T) {
	base := func() *Document {
		d := &Dossier{
			Debrief: Debrief{ID: 7, Title: "Rover", TimeboxMinutes: 10, Status: Draft},
			Factors: []Factor{docCard(1, 0), docCard(2, 300), docCard(3, 600)},
			Links:   []Link{{ID: 1, DebriefID: 7, FromID: 1, ToID: 2}, {ID: 2, DebriefID: 7, FromID: 2, ToID: 3}},
			Lesson:  Lesson{DebriefID: 7, WhatLed: "haste"},
			Kudos:   []Kudos{{ID: 1, DebriefID: 7, Who: "Ana", For: "said it", FactorID: 2}},
		}
		return NewDocument(d, NewSession(d.Debrief))
	}
	retitled := Debrief{ID: 7, Title: "Rover, again", TimeboxMinutes: 10, Status: Draft}
	newParts := Parts{Lesson: Lesson{WhatLed: "haste and fatigue"}}
	tests := []struct {
		name string
		c    Change
	}{
		{"move", Change{Factors: []Factor{docCard(2, 999)}}},
		{"add a card and an arrow to it", Change{Factors: []Factor{docCard(4, 0)}, Links: []Link{{ID: 3, FromID: 3, ToID: 4}}}},
		{"delete a card with arrows and kudos", Change{DeleteFactors: []int64{2}}},
		{"delete an arrow", Change{DeleteLinks: []int64{1}}},
		{"relabel an arrow", Change{Links: []Link{{ID: 2, FromID: 2, ToID: 3, Label: "hid"}}}},
		{"retitle", Change{Debrief: &retitled}},
		{"rewrite the parts", Change{Parts: &newParts}},
		{"everything at once", Change{DeleteLinks: []int64{2}, Factors: []Factor{docCard(5, 5)}, DeleteFactors: []int64{1}, Debrief: &retitled}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			want := d.Dossier()
			before := d.Before(tt.c)
			if _, err := d.Apply(tt.c); err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(d.Dossier(), want) {
				t.Fatal("the change changed nothing")
			}
			if _, err := d.Apply(before); err != nil {
				t.Fatal(err)
			}
			if got := d.Dossier(); !reflect.DeepEqual(got, want) {
				t.Fatalf("after undo:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// Deleting a card deletes its arrows and the parts' references to it, and
// says so in what it returns.
func TestDocumentDeleteReportsWhatWent(t *testing.T) {
	d := NewDocument(&Dossier{
		Debrief:      Debrief{ID: 7, TimeboxMinutes: 10},
		Factors:      []Factor{docCard(1, 0), docCard(2, 300)},
		Links:        []Link{{ID: 9, FromID: 1, ToID: 2}},
		WarningSigns: []WarningSign{{ID: 3, Text: "smell", FactorID: 2}},
	}, Session{})
	got, err := d.Apply(Change{DeleteFactors: []int64{2}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.DeleteLinks, []int64{9}) || got.Parts == nil || got.Parts.WarningSigns[0].FactorID != 0 {
		t.Fatalf("applied %+v", got)
	}
	if _, err := d.Apply(Change{Links: []Link{{ID: 10, FromID: 1, ToID: 2}}}); err == nil {
		t.Fatal("an arrow to a deleted card was taken")
	}
}

// A run of typing undoes as one step; a sealed run does not merge with
// the next.
func TestHistoryMergesRuns(t *testing.T) {
	var h History
	typed := func(text string) Step {
		before := Parts{Lesson: Lesson{WhatLed: text[:len(text)-1]}}
		after := Parts{Lesson: Lesson{WhatLed: text}}
		return Step{Label: "Edit", Before: Change{Parts: &before}, After: Change{Merge: "lesson", Parts: &after}}
	}
	h.Push(typed("a"))
	h.Push(typed("ab"))
	h.Seal()
	h.Push(typed("abc"))
	s, _ := h.Undo()
	if s.Before.Parts.Lesson.WhatLed != "ab" {
		t.Fatalf("first undo goes back to %q, want ab", s.Before.Parts.Lesson.WhatLed)
	}
	s, _ = h.Undo()
	if s.Before.Parts.Lesson.WhatLed != "" || s.After.Parts.Lesson.WhatLed != "ab" {
		t.Fatalf("second undo: %q -> %q, want \"\" -> ab", s.Before.Parts.Lesson.WhatLed, s.After.Parts.Lesson.WhatLed)
	}
	if h.CanUndo() || !h.CanRedo() {
		t.Fatal("stacks wrong after two undos")
	}
}

// Shown leaves out what the room has not revealed or has hidden, and
// everything that refers to it.
func TestShownLeavesOutFaceDownAndHidden(t *testing.T) {
	d := &Dossier{
		Factors: []Factor{
			{ID: 1, Text: "up", Votes: 2, Pending: 1},
			{ID: 2, Text: "down", Face: FaceDown},
			{ID: 3, Text: "hidden", Face: FaceHidden},
		},
		Links:        []Link{{ID: 1, FromID: 1, ToID: 2}, {ID: 2, FromID: 3, ToID: 1}},
		WarningSigns: []WarningSign{{ID: 1, Text: "w", FactorID: 3}},
		Kudos:        []Kudos{{ID: 1, Who: "Ana", FactorID: 2}, {ID: 2, Who: "Bo", FactorID: 1}},
	}
	s := d.Shown()
	if len(s.Factors) != 1 || s.Factors[0].ID != 1 || s.Factors[0].Pending != 0 || s.Factors[0].Votes != 2 {
		t.Errorf("cards shown: %+v; want card 1 with its 2 votes and no pending", s.Factors)
	}
	if len(s.Links) != 0 || s.WarningSigns[0].FactorID != 0 || s.Kudos[0].FactorID != 0 || s.Kudos[1].FactorID != 1 {
		t.Errorf("references left: links %+v, signs %+v, kudos %+v", s.Links, s.WarningSigns, s.Kudos)
	}
	if d.Factors[1].Face != FaceDown || d.Kudos[0].FactorID != 2 || d.Factors[0].Pending != 1 {
		t.Error("Shown changed the dossier it was called on")
	}
	up := &Dossier{Factors: []Factor{{ID: 1}}}
	if up.Shown() != up {
		t.Error("a dossier with nothing to leave out was copied")
	}
}

// A burst of events reaches the view in one call, in order; an event
// after that call is made waits for the next one.
func TestCoalesceBatchesInOrder(t *testing.T) {
	var queued []func()
	var got [][]uint64
	obs := Coalesce(func(f func()) { queued = append(queued, f) }, func(evs []Event) {
		var seqs []uint64
		for _, ev := range evs {
			seqs = append(seqs, ev.Seq)
		}
		got = append(got, seqs)
	})
	for i := uint64(1); i <= 5; i++ {
		obs(Event{Seq: i})
	}
	if len(queued) != 1 {
		t.Fatalf("%d calls queued for 5 events, want 1", len(queued))
	}
	queued[0]()
	obs(Event{Seq: 6})
	if len(queued) != 2 {
		t.Fatalf("an event after the flush queued %d calls in all, want 2", len(queued))
	}
	queued[1]()
	if len(got) != 2 || len(got[0]) != 5 || got[0][4] != 5 || len(got[1]) != 1 || got[1][0] != 6 {
		t.Errorf("batches %v, want [1..5] then [6]", got)
	}
}

func TestTemplateQuestionsAreOnTheBoardButNotShown(t *testing.T) {
	q := Factor{ID: 1, Text: "What changed?", Category: Technical, W: 220, H: 120, Face: FacePrompt}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	if q.Shown() || !q.OnBoard() {
		t.Errorf("a question: Shown %v, OnBoard %v; want drawn, not shown", q.Shown(), q.OnBoard())
	}
	if d := (&Dossier{Factors: []Factor{q}}).Shown(); len(d.Factors) != 0 {
		t.Error("a question is exported as a factor")
	}
	q.Face = FacePrompt + 1
	if q.Validate() == nil {
		t.Error("an unknown face was accepted")
	}
}
