package model_test

import (
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

func TestCheckInDue(t *testing.T) {
	// Late in the evening and just after midnight, local time: the
	// calendar day is what counts, not 24 hours.
	evening := time.Date(2026, 12, 10, 23, 30, 0, 0, time.Local)
	morning := time.Date(2026, 12, 10, 0, 5, 0, 0, time.Local)
	day := func(s string) time.Time {
		d, err := model.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	chosen := model.ProcessChange{What: "Sign off each step", Chosen: true}
	with := func(f func(*model.ProcessChange)) model.ProcessChange {
		c := chosen
		f(&c)
		return c
	}
	tests := []struct {
		name   string
		c      model.ProcessChange
		today  time.Time
		wanted bool
	}{
		{"check back today, evening", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-10") }), evening, true},
		{"check back today, just after midnight", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-10") }), morning, true},
		{"check back yesterday", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-09") }), morning, true},
		{"check back long ago", with(func(c *model.ProcessChange) { c.CheckBack = day("2025-01-31") }), morning, true},
		{"check back tomorrow", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-11") }), evening, false},
		{"check back next year", with(func(c *model.ProcessChange) { c.CheckBack = day("2027-12-10") }), evening, false},
		{"check back given in local time", with(func(c *model.ProcessChange) {
			c.CheckBack = time.Date(2026, 12, 10, 0, 0, 0, 0, time.Local)
		}), morning, true},
		{"no date: never", chosen, evening, false},
		{"already kept", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-01"); c.Outcome = model.Kept }), evening, false},
		{"already dropped", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-01"); c.Outcome = model.Dropped }), evening, false},
		{"a candidate that was not chosen", with(func(c *model.ProcessChange) { c.CheckBack = day("2026-12-01"); c.Chosen = false }), evening, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.CheckInDue(tt.today); got != tt.wanted {
				t.Errorf("CheckInDue(%v) with check-back %v = %v, want %v", tt.today, tt.c.CheckBack, got, tt.wanted)
			}
		})
	}
}

func TestToday(t *testing.T) {
	late := time.Date(2026, 12, 10, 23, 59, 59, 0, time.Local)
	if got, want := model.Today(late), time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Today(%v) = %v, want %v", late, got, want)
	}
	if got := model.Today(late).Format(model.DateLayout); got != "2026-12-10" {
		t.Errorf("Today formats as %q", got)
	}
}

func TestOutcomeLabelAndParse(t *testing.T) {
	for _, o := range model.Outcomes {
		if o.Label() == "" {
			t.Errorf("%q has no label", o)
		}
		for _, s := range []string{string(o), o.Label()} {
			if got, ok := model.ParseOutcome(s); !ok || got != o {
				t.Errorf("ParseOutcome(%q) = %q, %v; want %q", s, got, ok, o)
			}
		}
	}
	for _, bad := range []string{"", "maybe", " kept"} {
		if got, ok := model.ParseOutcome(bad); ok {
			t.Errorf("ParseOutcome(%q) = %q, want refused", bad, got)
		}
	}
	if model.NoOutcome.Label() != "" {
		t.Errorf("NoOutcome has the label %q", model.NoOutcome.Label())
	}
}
