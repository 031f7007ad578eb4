package model

import (
	"strings"
	"time"
)

// Today is the date of t in the local calendar, as a date like CheckBack
// holds one: midnight UTC of that day.
func Today(t time.Time) time.Time {
	y, m, d := t.Local().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CheckInDue reports whether it is time to ask whether the change stuck:
// it is the chosen change, it has a check-back date, that date is today or
// earlier in the local calendar, and no outcome has been recorded yet.
func (c ProcessChange) CheckInDue(today time.Time) bool {
	if !c.Chosen || c.CheckBack.IsZero() || c.Outcome != NoOutcome {
		return false
	}
	y, m, d := c.CheckBack.Date()
	return !time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(Today(today))
}

// Outcomes are the outcomes a check-in may record, in the order offered.
var Outcomes = []Outcome{Kept, Adjusted, Dropped}

// Label is the outcome as a person reads it: Kept, Adjusted or Dropped;
// "" for none yet.
func (o Outcome) Label() string {
	switch o {
	case Kept:
		return "Kept"
	case Adjusted:
		return "Adjusted"
	case Dropped:
		return "Dropped"
	}
	return ""
}

// ParseOutcome reads an outcome from its stored value or its label, in any
// case ("kept", "Kept"); ok is false for anything else, including "".
func ParseOutcome(s string) (Outcome, bool) {
	for _, o := range Outcomes {
		if strings.EqualFold(s, string(o)) {
			return o, true
		}
	}
	return NoOutcome, false
}
