package model

import (
	"errors"
	"fmt"
	"time"
)

// Outcome is what became of the chosen change at check-back.
type Outcome string

// The outcomes of a process change; NoOutcome until the check-back.
const (
	NoOutcome Outcome = ""
	Kept      Outcome = "kept"
	Adjusted  Outcome = "adjusted"
	Dropped   Outcome = "dropped"
)

// Valid reports whether o is a known outcome (or none yet).
func (o Outcome) Valid() bool { return o == NoOutcome || o == Kept || o == Adjusted || o == Dropped }

// DateLayout is how dates without a time are written: 2026-12-10.
const DateLayout = "2006-01-02"

// ProcessChange is a candidate for the one change the group commits to.
// Candidates may be voted on; exactly one is chosen.
type ProcessChange struct {
	ID          int64
	DebriefID   int64
	What        string
	Owner       string
	CheckBack   time.Time // a date (midnight UTC); zero when not set
	Measure     string    // how we'll know it worked
	Votes       int
	Chosen      bool
	Outcome     Outcome
	OutcomeNote string
	CreatedAt   time.Time
}

// Validate checks a change's own fields.
func (c ProcessChange) Validate() error {
	var errs []error
	if c.What == "" {
		errs = append(errs, errors.New("a process change needs to say what will change"))
	}
	if runeLen(c.What) > MaxText || runeLen(c.Measure) > MaxText || runeLen(c.OutcomeNote) > MaxText {
		errs = append(errs, fmt.Errorf("a process change field is longer than %d characters", MaxText))
	}
	if runeLen(c.Owner) > MaxName {
		errs = append(errs, fmt.Errorf("the owner's name is longer than %d characters", MaxName))
	}
	if c.Votes < 0 {
		errs = append(errs, fmt.Errorf("votes is %d; it cannot be negative", c.Votes))
	}
	if !c.Outcome.Valid() {
		errs = append(errs, fmt.Errorf("unknown outcome %q (want kept, adjusted or dropped)", c.Outcome))
	}
	for _, f := range []struct{ what, s string }{{"what will change", c.What}, {"the owner's name", c.Owner}, {"the measure", c.Measure}, {"the outcome note", c.OutcomeNote}} {
		if err := notUTF8(f.what, f.s); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ErrSeveralChosen says more than one process change was chosen.
var ErrSeveralChosen = errors.New("only one process change can be chosen")

// Chosen returns the chosen change, if any.
func Chosen(changes []ProcessChange) (ProcessChange, bool) {
	for _, c := range changes {
		if c.Chosen {
			return c, true
		}
	}
	return ProcessChange{}, false
}

// ValidateChanges checks the candidates together: at most one is chosen.
func ValidateChanges(changes []ProcessChange) error {
	n := 0
	for _, c := range changes {
		if c.Chosen {
			n++
		}
	}
	if n > 1 {
		return fmt.Errorf("%w (%d are)", ErrSeveralChosen, n)
	}
	return nil
}

// ParseDate reads a YYYY-MM-DD date as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2026-12-10", s)
	}
	return t, nil
}
