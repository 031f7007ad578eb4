package model

import (
	"fmt"
	"strings"
)

// ReadyForReview says what a debrief still lacks before it can be marked
// reviewed: a chosen process change with an owner and a check-back date.
// It returns nil when nothing is missing; the error reads as one sentence
// a person can act on.
func ReadyForReview(d *Dossier) error {
	c, ok := Chosen(d.Changes)
	if !ok {
		if len(d.Changes) == 0 {
			return fmt.Errorf("to mark it reviewed, propose a process change in Lessons and choose it")
		}
		return fmt.Errorf("to mark it reviewed, choose one of the %d proposed process changes in Lessons", len(d.Changes))
	}
	var missing []string
	if strings.TrimSpace(c.Owner) == "" {
		missing = append(missing, "an owner")
	}
	if c.CheckBack.IsZero() {
		missing = append(missing, "a check-back date")
	}
	if len(missing) > 0 {
		return fmt.Errorf("to mark it reviewed, the chosen change “%s” needs %s", short(OneLine(c.What), 60), strings.Join(missing, " and "))
	}
	return nil
}

// short cuts s to at most n characters, ending with … when cut.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
