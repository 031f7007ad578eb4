package model_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
)

// field is one text field of a dossier: how to put a string in it, and
// what the model calls it in an error.
type field struct {
	name, says string
	short      bool // a name or title: at most MaxName characters
	set        func(d *model.Dossier, s string)
}

func fields() []field {
	return []field{
		{"title", "the title", true, func(d *model.Dossier, s string) { d.Debrief.Title = s }},
		{"summary", "the summary", false, func(d *model.Dossier, s string) { d.Debrief.Summary = s }},
		{"participant", "the name of participant 2", true, func(d *model.Dossier, s string) { d.Debrief.Participants = []string{"Ana", s} }},
		{"card text", "the card text", false, func(d *model.Dossier, s string) { d.Factors[0].Text = s }},
		{"card author", "the author's name", true, func(d *model.Dossier, s string) { d.Factors[1].Author = s }},
		{"link label", "the link label", true, func(d *model.Dossier, s string) { d.Links[0].Label = s }},
		{"what led", "what led to the problem", false, func(d *model.Dossier, s string) { d.Lesson.WhatLed = s }},
		{"reflection", "reflection 4", false, func(d *model.Dossier, s string) { d.Lesson.Reflections.Celebrate = s }},
		{"warning sign", "the warning sign", false, func(d *model.Dossier, s string) { d.WarningSigns[0].Text = s }},
		{"change", "what will change", false, func(d *model.Dossier, s string) { d.Changes[0].What = s }},
		{"owner", "the owner's name", true, func(d *model.Dossier, s string) { d.Changes[0].Owner = s }},
		{"outcome note", "the outcome note", false, func(d *model.Dossier, s string) { d.Changes[0].OutcomeNote = s }},
		{"kudos who", "the name", true, func(d *model.Dossier, s string) { d.Kudos[0].Who = s }},
		{"kudos for", "the reason", false, func(d *model.Dossier, s string) { d.Kudos[0].For = s }},
	}
}

func plainDossier() *model.Dossier {
	return &model.Dossier{
		Debrief: model.NewDebrief("Plain"),
		Factors: []model.Factor{
			{ID: 1, Text: "a", Category: model.People, W: 220, H: 120},
			{ID: 2, Text: "b", Category: model.Process, W: 220, H: 120, Author: "Ana"},
		},
		Links:        []model.Link{{FromID: 1, ToID: 2}},
		WarningSigns: []model.WarningSign{{Text: "w"}},
		Changes:      []model.ProcessChange{{What: "c", Chosen: true}},
		Kudos:        []model.Kudos{{Who: "Ana"}},
	}
}

// TestExoticTextIsValid: every exotic string — control characters and NUL
// included — is valid in every field it fits, so nothing is refused or
// changed on the way to the store.
func TestExoticTextIsValid(t *testing.T) {
	if err := plainDossier().Validate(); err != nil {
		t.Fatalf("the plain dossier is not valid: %v", err)
	}
	for _, f := range fields() {
		for _, x := range modeltest.Exotic() {
			if f.short && utf8.RuneCountInString(x.S) > model.MaxName {
				continue
			}
			d := plainDossier()
			f.set(d, x.S)
			if err := d.Validate(); err != nil {
				t.Errorf("%s %s: refused: %v", f.name, x.Name, err)
			}
		}
	}
}

// TestInvalidUTF8IsRefused: text that is not UTF-8 cannot be exported as
// it is, so the model refuses it in every field, with a message that names
// the field and the byte.
func TestInvalidUTF8IsRefused(t *testing.T) {
	for _, f := range fields() {
		for _, x := range modeltest.Invalid() {
			d := plainDossier()
			f.set(d, x.S)
			err := d.Validate()
			if err == nil {
				t.Errorf("%s %s: accepted", f.name, x.Name)
				continue
			}
			if !errors.Is(err, model.ErrNotUTF8) {
				t.Errorf("%s %s: %v is not ErrNotUTF8", f.name, x.Name, err)
			}
			bad := strings.IndexFunc(x.S, func(r rune) bool { return r == utf8.RuneError }) + 1
			for _, want := range []string{f.says + " is not valid UTF-8 text", "byte " + strconv.Itoa(bad)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%s %s: %q does not say %q", f.name, x.Name, err, want)
				}
			}
		}
	}
}
