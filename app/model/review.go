package model

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotReady is what every ReadyForReview error is (errors.Is).
var ErrNotReady = errors.New("not ready to be marked reviewed")

// notReady says what is missing, in a sentence; it is ErrNotReady.
type notReady struct{ msg string }

func (e notReady) Error() string        { return e.msg }
func (e notReady) Is(target error) bool { return target == ErrNotReady }

func missing(format string, args ...any) error { return notReady{fmt.Sprintf(format, args...)} }

// ReadyForReview says what a debrief still lacks before it can be marked
// reviewed: a chosen process change with an owner and a check-back date.
// It returns nil when nothing is missing; the error reads as one sentence
// a person can act on.
func ReadyForReview(d *Dossier) error {
	c, ok := Chosen(d.Changes)
	if !ok {
		if len(d.Changes) == 0 {
			return missing("to mark it reviewed, propose a process change in Lessons and choose it")
		}
		return missing("to mark it reviewed, choose one of the %d proposed process changes in Lessons", len(d.Changes))
	}
	var lacks []string
	if strings.TrimSpace(c.Owner) == "" {
		lacks = append(lacks, "an owner")
	}
	if c.CheckBack.IsZero() {
		lacks = append(lacks, "a check-back date")
	}
	if len(lacks) > 0 {
		return missing("to mark it reviewed, the chosen change “%s” needs %s", Shorten(c.What, 60), strings.Join(lacks, " and "))
	}
	return nil
}
