package model

import (
	"errors"
	"fmt"
)

// Reflections are notes on the four questions that travel with every debrief.
type Reflections struct {
	Nags          string // Which recent misstep still nags at you — and what key contributing factor went unspoken?
	BlameOrCauses string // Does the team typically assign blame or dig for root causes after mistakes?
	Safer         string // What's one thing you could do to make it safer to admit errors in the group?
	Celebrate     string // How might you celebrate learning after a setback rather than just moving on?
}

// ReflectionQuestions are the four questions, in the order of Reflections' fields.
var ReflectionQuestions = [4]string{
	"Which recent misstep still nags at you — and what key contributing factor went unspoken?",
	"Does the team typically assign blame or dig for root causes after mistakes?",
	"What's one thing you could do to make it safer to admit errors in the group?",
	"How might you celebrate learning after a setback rather than just moving on?",
}

// Answers returns the notes in the order of ReflectionQuestions.
func (r Reflections) Answers() [4]string {
	return [4]string{r.Nags, r.BlameOrCauses, r.Safer, r.Celebrate}
}

// Lesson is what the group learned. A debrief has exactly one.
type Lesson struct {
	DebriefID   int64
	WhatLed     string // what led to the problem
	WentWell    string
	Lucky       string // where we got lucky
	Reflections Reflections
}

// Empty reports whether nothing has been written yet.
func (l Lesson) Empty() bool {
	return l.WhatLed == "" && l.WentWell == "" && l.Lucky == "" && l.Reflections == Reflections{}
}

// Validate checks the length of every field.
func (l Lesson) Validate() error {
	fields := []struct{ name, v string }{
		{"what led to the problem", l.WhatLed}, {"what went well", l.WentWell}, {"where we got lucky", l.Lucky},
		{"reflection 1", l.Reflections.Nags}, {"reflection 2", l.Reflections.BlameOrCauses},
		{"reflection 3", l.Reflections.Safer}, {"reflection 4", l.Reflections.Celebrate},
	}
	var errs []error
	for _, f := range fields {
		if runeLen(f.v) > MaxText {
			errs = append(errs, fmt.Errorf("%s is longer than %d characters", f.name, MaxText))
		}
		if err := notUTF8(f.name, f.v); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// WarningSign is a signal that was missed. It may point at a Warning-sign card.
type WarningSign struct {
	ID        int64
	DebriefID int64
	Text      string
	FactorID  int64 // 0 when it points at no card
	Position  int   // order in the list
}

// Validate checks a warning sign's own fields.
func (w WarningSign) Validate() error {
	if w.Text == "" {
		return errors.New("a warning sign needs some text")
	}
	if runeLen(w.Text) > MaxText {
		return fmt.Errorf("the warning sign is longer than %d characters", MaxText)
	}
	return notUTF8("the warning sign", w.Text)
}

// Kudos thanks someone for detective work: spotting a flaw, saying the awkward thing.
type Kudos struct {
	ID        int64
	DebriefID int64
	Who       string
	For       string // what they spotted or called out
	FactorID  int64  // 0 when it points at no card
}

// Validate checks a kudos' own fields.
func (k Kudos) Validate() error {
	var errs []error
	if k.Who == "" {
		errs = append(errs, errors.New("kudos needs the name of who is thanked"))
	}
	if runeLen(k.Who) > MaxName {
		errs = append(errs, fmt.Errorf("the name is longer than %d characters", MaxName))
	}
	if runeLen(k.For) > MaxText {
		errs = append(errs, fmt.Errorf("the reason is longer than %d characters", MaxText))
	}
	if err := notUTF8("the name", k.Who); err != nil {
		errs = append(errs, err)
	}
	if err := notUTF8("the reason", k.For); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
