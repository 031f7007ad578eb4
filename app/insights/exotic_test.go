package insights

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// TestExoticText: emoji, right-to-left text, combining accents, control
// characters, a card of 200,000 characters and cards with no words at all
// are read without a panic, and the report still encodes.
func TestExoticText(t *testing.T) {
	long := strings.Repeat("skipped the checklist because we were tired ", 200_000/44)
	texts := []string{
		"🔥🔥🔥", "", "   ", "…", "123 456", "שכחנו את רשימת הבדיקה", "Zoë Łukasiewicz-Ødegård was e\u0301puise\u0301e",
		"tab\there\x00nul\x1b[31mred", long, "Skipped the checklist", "\u202eTired\u202c",
	}
	var ds []*model.Dossier
	for i, text := range texts {
		d := &model.Dossier{Debrief: model.Debrief{ID: int64(i + 1), Title: text, HappenedAt: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)}}
		d.Factors = []model.Factor{{ID: 1, Text: text, Category: model.Process}, {ID: 2, Text: text, Category: model.Lucky}}
		d.WarningSigns = []model.WarningSign{{ID: 1, Text: text}}
		d.Lesson = model.Lesson{WhatLed: text, Lucky: text}
		d.Changes = []model.ProcessChange{{What: text, Chosen: true, Outcome: model.Kept}}
		ds = append(ds, d)
	}
	ds = append(ds, nil)
	r := Compute(ds, corpusToday)
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
	if len(r.Debriefs) != len(texts) {
		t.Errorf("%d debriefs read, want %d (the nil one skipped)", len(r.Debriefs), len(texts))
	}
	BeforeYouStart(ds, "")
	Recurrences(ds, ds[len(ds)-2])
	for _, h := range r.Held {
		if strings.ContainsAny(h.Sentence, "\x00\x1b\t\n") || len([]rune(h.Sentence)) > 300 {
			t.Errorf("sentence %q: want one short line", h.Sentence)
		}
	}
}
