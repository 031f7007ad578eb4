package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Status is where a debrief stands: draft → reviewed → closed.
type Status string

// The statuses a debrief moves through.
const (
	Draft    Status = "draft"
	Reviewed Status = "reviewed"
	Closed   Status = "closed"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Draft || s == Reviewed || s == Closed }

// Label is the status as a person reads it: Draft, Reviewed or Closed.
func (s Status) Label() string {
	switch s {
	case Reviewed:
		return "Reviewed"
	case Closed:
		return "Closed"
	}
	return "Draft"
}

// Limits on what a person may type. They are generous: a card may hold a
// long story, but not a whole novel that would freeze the board.
const (
	MaxTitle = 500
	MaxText  = 200_000 // characters in a card, summary or lesson field
	// MaxTyped is the most a field takes as typed or pasted, MaxCardTyped
	// a card on the board (narrower: more rows to lay out). Fyne's entry
	// lays its whole text out again on every key (fyne-io/fyne#5297):
	// about 30 ms a key at 10,000 characters in a lesson field, minutes at
	// 200,000. Longer text (imported) is kept whole.
	MaxTyped       = 10_000
	MaxCardTyped   = 5_000
	MaxName        = 200
	DefaultTimebox = 10
	MaxTimebox     = 600
)

// Debrief is one post-mortem: what happened and how the reflection runs.
// Its factors, links, lessons, changes and kudos live in a Dossier.
type Debrief struct {
	ID             int64
	Title          string
	Summary        string    // what happened
	HappenedAt     time.Time // zero when not known
	ScheduledAt    time.Time // when the reflection is (or was) held; zero when not set
	TimeboxMinutes int
	Template       string // the template it was made from, e.g. "work-incident"; "" for blank
	Status         Status
	Participants   []string
	GroupID        int64  // the group it belongs to; 0 in a new one: the library's current group
	Group          string // the group's name, as read with it (for export); never written from here
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// NewDebrief returns a draft debrief with the default timebox.
func NewDebrief(title string) Debrief {
	return Debrief{Title: title, TimeboxMinutes: DefaultTimebox, Status: Draft}
}

// Validate checks the rules every stored debrief obeys.
func (d Debrief) Validate() error {
	var errs []error
	t := strings.TrimSpace(d.Title)
	switch {
	case t == "":
		errs = append(errs, errors.New("the title is empty"))
	case runeLen(d.Title) > MaxTitle:
		errs = append(errs, fmt.Errorf("the title is longer than %d characters", MaxTitle))
	case strings.HasPrefix(strings.TrimLeft(d.Title, " "), "\x00"):
		// SQLite counts a text's length up to its first NUL, so the
		// database's own check would take such a title for an empty one.
		errs = append(errs, errors.New("the title starts with a NUL character; start it with something readable"))
	}
	if runeLen(d.Summary) > MaxText {
		errs = append(errs, fmt.Errorf("the summary is longer than %d characters", MaxText))
	}
	for _, f := range []struct{ what, s string }{{"the title", d.Title}, {"the summary", d.Summary}, {"the template", d.Template}} {
		if err := notUTF8(f.what, f.s); err != nil {
			errs = append(errs, err)
		}
	}
	if d.TimeboxMinutes < 1 || d.TimeboxMinutes > MaxTimebox {
		errs = append(errs, fmt.Errorf("the timebox is %d minutes; it must be 1 to %d", d.TimeboxMinutes, MaxTimebox))
	}
	if !d.Status.Valid() {
		errs = append(errs, fmt.Errorf("unknown status %q (want draft, reviewed or closed)", d.Status))
	}
	for i, p := range d.Participants {
		if strings.TrimSpace(p) == "" {
			errs = append(errs, fmt.Errorf("participant %d has no name", i+1))
		} else if runeLen(p) > MaxName {
			errs = append(errs, fmt.Errorf("participant %d has a name longer than %d characters", i+1, MaxName))
		}
		if err := notUTF8(fmt.Sprintf("the name of participant %d", i+1), p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
