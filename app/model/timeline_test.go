package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseAt(t *testing.T) {
	d := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	hm := func(h, m, s int) time.Duration {
		return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second
	}
	for _, c := range []struct {
		in   string
		want When
	}{
		{"14:30", When{Clock: hm(14, 30, 0)}},
		{" 9:05 ", When{Clock: hm(9, 5, 0)}},
		{"14:30:15", When{Clock: hm(14, 30, 15)}},
		{"2026-12-04 14:30", When{Date: d, Clock: hm(14, 30, 0), HasDate: true}},
		{"2026-12-04 14:30:15", When{Date: d, Clock: hm(14, 30, 15), HasDate: true}},
		{"2026-12-04T14:30", When{Date: d, Clock: hm(14, 30, 0), HasDate: true}},
		{"2026-12-04T14:30:00Z", When{Date: d, Clock: hm(14, 30, 0), HasDate: true}},
		{"2026-12-04T14:30:00.5+01:00", When{Date: d, Clock: hm(14, 30, 0) + time.Second/2, HasDate: true}},
		{"2026-12-04T14:30-05:00", When{Date: d, Clock: hm(14, 30, 0), HasDate: true}},
	} {
		got, err := ParseAt(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseAt(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "  ", "25:00", "14:60", "2:30pm", "half past two", "2026-13-01 10:00", "2026-12-04", strings.Repeat("1", 500)} {
		if _, err := ParseAt(bad); err == nil {
			t.Errorf("ParseAt(%q) accepted", bad)
		} else if strings.TrimSpace(bad) != "" && !errors.Is(err, ErrAt) {
			t.Errorf("ParseAt(%q): %v, want ErrAt", bad, err)
		}
	}
}

func TestTimelineEventValidate(t *testing.T) {
	ok := TimelineEvent{ID: 1, At: "14:30", Text: "Pager went off", Kind: KindNoticed}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]TimelineEvent{
		"no text":       {At: "14:30", Text: "  "},
		"bad time":      {At: "noon", Text: "x"},
		"unknown kind":  {At: "14:30", Text: "x", Kind: "blamed"},
		"too long":      {At: "14:30", Text: strings.Repeat("a", MaxText+1)},
		"not UTF-8":     {At: "14:30", Text: "caf\xe9"},
		"time not UTF8": {At: "14:30\xff", Text: "x"},
	} {
		if err := e.Validate(); err == nil {
			t.Errorf("%s: accepted %+v", name, e)
		}
	}
	if err := (Parts{Timeline: []TimelineEvent{ok, ok}}).Validate(); err == nil {
		t.Error("two events with one ID were accepted")
	}
}

// Undated events are on the day it happened; dated ones where they say;
// ties keep the order written; a time that does not parse goes last.
func TestSortTimeline(t *testing.T) {
	events := []TimelineEvent{
		{ID: 1, At: "00:10"},
		{ID: 2, At: "2026-12-03 23:50"},
		{ID: 3, At: "14:30"},
		{ID: 4, At: "junk"},
		{ID: 5, At: "2026-12-04T14:30:00Z"},
		{ID: 6, At: "9:05"},
	}
	ids := func(es []TimelineEvent) []int64 {
		var out []int64
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	day := time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)
	if got := ids(SortTimeline(events, day)); !reflect.DeepEqual(got, []int64{2, 1, 6, 3, 5, 4}) {
		t.Errorf("sorted on the day: %v", got)
	}
	if got := ids(SortTimeline(events, time.Time{})); !reflect.DeepEqual(got, []int64{1, 6, 3, 2, 5, 4}) {
		t.Errorf("sorted with no day: %v", got)
	}
	if events[0].ID != 1 {
		t.Error("SortTimeline changed its input")
	}
}

func TestClockText(t *testing.T) {
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"9:05":                 "09:05",
		"14:30:15":             "14:30:15",
		"2026-12-04 14:30":     "14:30",
		"2026-12-05T01:00:00Z": "2026-12-05 01:00",
		"junk ":                "junk",
	} {
		if got := ClockText(in, day); got != want {
			t.Errorf("ClockText(%q) = %q, want %q", in, got, want)
		}
	}
}

// Undoing an added event through Rebase keeps an event added since by
// someone else, as with the other lists.
func TestTimelineUndoKeepsOthers(t *testing.T) {
	doc := NewDocument(&Dossier{Debrief: Debrief{ID: 7, Title: "T", TimeboxMinutes: 10, Status: Draft}}, Session{})
	add := func(e TimelineEvent) Change {
		p := doc.Parts()
		p.Timeline = append(p.Timeline, e)
		return Change{Parts: &p}
	}
	mine := add(TimelineEvent{ID: 1, At: "14:30", Text: "mine"})
	before := doc.Before(mine)
	if _, err := doc.Apply(mine); err != nil {
		t.Fatal(err)
	}
	if _, err := doc.Apply(add(TimelineEvent{ID: 2, At: "14:40", Text: "theirs"})); err != nil {
		t.Fatal(err)
	}
	undo := doc.Rebase(mine, before)
	if _, err := doc.Apply(undo); err != nil {
		t.Fatal(err)
	}
	if got := doc.Parts().Timeline; len(got) != 1 || got[0].Text != "theirs" {
		t.Errorf("after undo the timeline is %+v, want only theirs", got)
	}
	if doc.MaxTimelineID() != 2 {
		t.Errorf("MaxTimelineID = %d", doc.MaxTimelineID())
	}
}
