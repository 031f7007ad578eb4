package model

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"
)

// TimelineKind says what a moment of the timeline was, as every
// post-mortem template asks: when it started, when someone noticed, what
// was tried, when it was fixed. Most events need none.
type TimelineKind string

// The kinds of a timeline event; NoKind for an ordinary one.
const (
	NoKind      TimelineKind = ""
	KindStarted TimelineKind = "started"
	KindNoticed TimelineKind = "noticed"
	KindTried   TimelineKind = "tried"
	KindFixed   TimelineKind = "fixed"
)

// TimelineKinds are the kinds in the order a story runs.
func TimelineKinds() []TimelineKind {
	return []TimelineKind{KindStarted, KindNoticed, KindTried, KindFixed}
}

// Valid reports whether k is a known kind (or none).
func (k TimelineKind) Valid() bool {
	return k == NoKind || slices.Contains(TimelineKinds(), k)
}

// Label is the kind as a person reads it: Started, Noticed, Tried, Fixed.
func (k TimelineKind) Label() string {
	if k == NoKind {
		return ""
	}
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}

// Limits of the timeline: far above a real incident's, low enough that a
// hostile import cannot fill memory. An At is a time, never prose.
const (
	MaxTimeline = 10_000
	MaxAt       = 40
)

// TimelineEvent is one moment of what happened when. At is kept exactly
// as the person typed it (ParseAt reads it), so a file round-trips and
// "14:30" is not turned into a date nobody wrote.
type TimelineEvent struct {
	ID        int64
	DebriefID int64
	At        string // "14:30", "2026-12-04 14:30" or an ISO 8601 time
	Text      string
	Kind      TimelineKind
}

// When is an At read: the clock time, and the date when one was written.
type When struct {
	Date    time.Time     // midnight UTC of the written date; zero when none was written
	Clock   time.Duration // since midnight, as written (an offset is kept in At, not applied)
	HasDate bool
}

// atLayouts are the forms an At may take. Times from logs come in ISO
// 8601 (with T, seconds, a fraction or an offset); people type 14:30.
var atLayouts = []struct {
	layout string
	dated  bool
}{
	{"15:04", false},
	{"15:04:05", false},
	{"2006-01-02 15:04", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04Z07:00", true},
	{time.RFC3339Nano, true},
	{"2006-01-02 15:04Z07:00", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05.999999999Z07:00", true},
}

// ErrAt says an At is not a time this app reads.
var ErrAt = errors.New("is not a time like 14:30 or 2026-12-04 14:30")

// ParseAt reads a time of day, optionally with a date: 14:30, 9:05,
// 14:30:15, 2026-12-04 14:30, 2026-12-04T14:30:00Z, 2026-12-04T14:30+01:00.
// Surrounding spaces are ignored.
func ParseAt(s string) (When, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return When{}, errors.New("the time is empty; write it like 14:30")
	}
	if runeLen(t) <= MaxAt {
		for _, l := range atLayouts {
			p, err := time.Parse(l.layout, t)
			if err != nil {
				continue
			}
			w := When{Clock: time.Duration(p.Hour())*time.Hour + time.Duration(p.Minute())*time.Minute +
				time.Duration(p.Second())*time.Second + time.Duration(p.Nanosecond())}
			if l.dated {
				w.Date, w.HasDate = time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC), true
			}
			return w, nil
		}
	}
	return When{}, fmt.Errorf("%q %w", Shorten(t, MaxAt), ErrAt)
}

// Validate checks an event's own fields.
func (e TimelineEvent) Validate() error {
	var errs []error
	if _, err := ParseAt(e.At); err != nil {
		errs = append(errs, err)
	}
	if strings.TrimSpace(e.Text) == "" {
		errs = append(errs, errors.New("a timeline event needs to say what happened"))
	}
	if runeLen(e.Text) > MaxText {
		errs = append(errs, fmt.Errorf("the timeline event is longer than %d characters", MaxText))
	}
	if !e.Kind.Valid() {
		errs = append(errs, fmt.Errorf("unknown kind %q (want started, noticed, tried or fixed)", e.Kind))
	}
	for _, f := range []struct{ what, s string }{{"the time", e.At}, {"the timeline event", e.Text}} {
		if err := notUTF8(f.what, f.s); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// SortTimeline is a sorted copy of events, earliest first. An event
// written without a date is on day (the day it happened; zero when
// unknown, and then before every dated event). Events at the same time
// keep their order in the list; one whose At does not parse goes last.
func SortTimeline(events []TimelineEvent, day time.Time) []TimelineEvent {
	type keyed struct {
		e    TimelineEvent
		bad  bool
		date time.Time
		at   time.Duration
	}
	if !day.IsZero() {
		day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	}
	ks := make([]keyed, len(events))
	for i, e := range events {
		w, err := ParseAt(e.At)
		ks[i] = keyed{e: e, bad: err != nil, date: day, at: w.Clock}
		if w.HasDate {
			ks[i].date = w.Date
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if a.bad != b.bad {
			if a.bad {
				return 1
			}
			return -1
		}
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.at, b.at))
	})
	out := make([]TimelineEvent, len(ks))
	for i, k := range ks {
		out[i] = k.e
	}
	return out
}

// ClockText is At as a short time of day for a list: the date is left
// out when it is day's. It falls back to At as written.
func ClockText(at string, day time.Time) string {
	w, err := ParseAt(at)
	if err != nil {
		return strings.TrimSpace(at)
	}
	c := time.Time{}.Add(w.Clock)
	clock := c.Format("15:04")
	if c.Second() != 0 {
		clock = c.Format("15:04:05")
	}
	if !w.HasDate || (!day.IsZero() && w.Date.Equal(time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC))) {
		return clock
	}
	return w.Date.Format(DateLayout) + " " + clock
}

// RGB is the kind's colour, from the Okabe–Ito palette the categories
// use: vermillion started, orange noticed, blue tried, bluish green fixed;
// grey for none.
func (k TimelineKind) RGB() color.NRGBA {
	switch k {
	case KindStarted:
		return rgb(0xD55E00)
	case KindNoticed:
		return rgb(0xE69F00)
	case KindTried:
		return rgb(0x0072B2)
	case KindFixed:
		return rgb(0x009E73)
	}
	return rgb(0x999999)
}
