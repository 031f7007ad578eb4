package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTimerCountsDownAcrossPauseAndRestart(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	tm := NewTimer(10 * time.Minute)
	if tm.Running() || tm.Started() || tm.Remaining(t0) != 10*time.Minute {
		t.Fatalf("a new timer is %+v", tm)
	}
	tm = tm.Start(t0)
	if got := tm.Remaining(t0.Add(90 * time.Second)); got != 510*time.Second {
		t.Errorf("after 90 s: %v left, want 8m30s", got)
	}
	tm = tm.Start(t0.Add(time.Minute)) // starting again changes nothing
	if got := tm.Remaining(t0.Add(90 * time.Second)); got != 510*time.Second {
		t.Errorf("a second Start moved the clock: %v left", got)
	}
	tm = tm.Pause(t0.Add(2 * time.Minute))
	if got := tm.Remaining(t0.Add(time.Hour)); got != 8*time.Minute {
		t.Errorf("a paused timer moved: %v left, want 8m", got)
	}
	// What is stored is Left and Since; a timer read back later computes from the clock.
	stored := tm.Start(t0.Add(3 * time.Minute))
	again := Timer{Total: stored.Total, Left: stored.Left, Since: stored.Since}
	if got := again.Remaining(t0.Add(5 * time.Minute)); got != 6*time.Minute {
		t.Errorf("after a restart: %v left, want 6m", got)
	}
	if again.Expired(t0.Add(10 * time.Minute)) {
		t.Error("expired with 1 minute left")
	}
	if !again.Expired(t0.Add(11 * time.Minute)) {
		t.Error("not expired at zero")
	}
	if got := again.Remaining(t0.Add(12 * time.Minute)); got != -time.Minute {
		t.Errorf("overtime: %v, want -1m", got)
	}
	plus := again.Add(time.Minute, t0.Add(5*time.Minute))
	if !plus.Running() || plus.Remaining(t0.Add(5*time.Minute)) != 7*time.Minute {
		t.Errorf("+1 min: %+v", plus)
	}
	if r := plus.Reset(); r.Running() || r.Remaining(t0) != 10*time.Minute {
		t.Errorf("reset: %+v", r)
	}
	if got := NewTimer(time.Minute).Add(-5*time.Minute, t0).Left; got != 0 {
		t.Errorf("taking away more than is left leaves %v, want 0", got)
	}
}

func TestTimerRetotal(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	if got := NewTimer(10 * time.Minute).Retotal(15 * time.Minute); got.Left != 15*time.Minute || got.Started() {
		t.Errorf("an unstarted timer re-timeboxed: %+v", got)
	}
	used := NewTimer(10 * time.Minute).Start(t0).Pause(t0.Add(4 * time.Minute))
	if got := used.Retotal(15 * time.Minute); got.Left != 11*time.Minute || got.Total != 15*time.Minute {
		t.Errorf("a used timer re-timeboxed: %+v, want 11m left of 15m", got)
	}
}

func TestSessionPhasesAndPhaseTimer(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	d := NewDebrief("x")
	s := NewSession(d)
	if s.Phase != SetTheStage || s.Timer.Total != 10*time.Minute {
		t.Fatalf("new session %+v", s)
	}
	sum := 0
	for _, m := range s.PhaseMinutes {
		sum += m
	}
	if sum != 10 {
		t.Errorf("phase timeboxes add up to %d minutes, want the 10 of the session", sum)
	}
	for _, total := range []int{1, 5, 10, 45, 600} {
		m := DefaultPhaseMinutes(total)
		for i, v := range m {
			if v < 1 {
				t.Errorf("DefaultPhaseMinutes(%d)[%d] = %d", total, i, v)
			}
		}
	}
	s = s.Start(t0)
	s = s.Enter(FactorsPhase, t0.Add(time.Minute))
	if !s.PhaseTimer.Running() || s.PhaseTimer.Remaining(t0.Add(2*time.Minute)) != time.Duration(s.PhaseMinutes[FactorsPhase]-1)*time.Minute {
		t.Errorf("phase timer on entering Factors: %+v", s.PhaseTimer)
	}
	s = s.Pause(t0.Add(2 * time.Minute))
	if s.Timer.Running() || s.PhaseTimer.Running() {
		t.Error("pause left a countdown running")
	}
	s = s.Enter(LessonsPhase, t0.Add(3*time.Minute))
	if s.PhaseTimer.Running() {
		t.Error("entering a phase while paused started its countdown")
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
	s.PhaseMinutes[2] = -1
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "Connect") {
		t.Errorf("a negative phase timebox: %v", err)
	}
}

func TestPhaseKeys(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Phases() {
		if PhaseFromKey(p.Key()) != p || seen[p.Key()] || p.Label() == "?" {
			t.Errorf("phase %d: key %q label %q", p, p.Key(), p.Label())
		}
		seen[p.Key()] = true
	}
	if PhaseFromKey("nonsense") != SetTheStage {
		t.Error("an unknown key is not Set the stage")
	}
}

func TestReadyForReview(t *testing.T) {
	date := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		changes []ProcessChange
		want    string // "" = ready
	}{
		{"no change", nil, "propose a process change"},
		{"none chosen", []ProcessChange{{What: "a"}, {What: "b"}}, "choose one of the 2"},
		{"no owner, no date", []ProcessChange{{What: "Sign-offs", Chosen: true}}, "needs an owner and a check-back date"},
		{"no owner", []ProcessChange{{What: "Sign-offs", Chosen: true, CheckBack: date}}, "needs an owner"},
		{"blank owner", []ProcessChange{{What: "Sign-offs", Chosen: true, Owner: "  ", CheckBack: date}}, "needs an owner"},
		{"no date", []ProcessChange{{What: "Sign-offs", Chosen: true, Owner: "Ana"}}, "needs a check-back date"},
		{"ready", []ProcessChange{{What: "x"}, {What: "Sign-offs", Chosen: true, Owner: "Ana", CheckBack: date}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ReadyForReview(&Dossier{Changes: c.changes})
			switch {
			case c.want == "" && err != nil:
				t.Errorf("not ready: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrNotReady)):
				t.Errorf("got %v, want ErrNotReady saying %q", err, c.want)
			}
			if c.name == "no owner" && err != nil && strings.Contains(err.Error(), "date") {
				t.Errorf("asks for a date it has: %v", err)
			}
		})
	}
}
