package model

import (
	"errors"
	"fmt"
	"time"
)

// Timer is a countdown that survives a restart: it stores what was left
// when it was last paused and, while it runs, since when. Remaining time is
// computed from the clock, so a timer that ran while the app was closed
// has kept running, as a meeting does.
type Timer struct {
	Total time.Duration // the timebox; Reset goes back to it
	Left  time.Duration // remaining at Since (or now, when paused); negative is overtime
	Since time.Time     // when it was last started; zero while paused
}

// NewTimer is a paused, full countdown of total.
func NewTimer(total time.Duration) Timer { return Timer{Total: total, Left: total} }

// Running reports whether the timer is counting down.
func (t Timer) Running() bool { return !t.Since.IsZero() }

// Remaining is the time left at now; negative once it has run out.
func (t Timer) Remaining(now time.Time) time.Duration {
	if !t.Running() {
		return t.Left
	}
	return t.Left - now.Sub(t.Since)
}

// Expired reports whether a timer with a timebox has reached zero.
func (t Timer) Expired(now time.Time) bool { return t.Total > 0 && t.Remaining(now) <= 0 }

// Started reports whether the timer has been started since its last reset.
func (t Timer) Started() bool { return t.Running() || t.Left != t.Total }

// Start runs the timer from what is left. Starting a running timer changes nothing.
func (t Timer) Start(now time.Time) Timer {
	if !t.Running() {
		t.Since = now
	}
	return t
}

// Pause stops the timer, keeping what is left.
func (t Timer) Pause(now time.Time) Timer {
	if t.Running() {
		t.Left, t.Since = t.Remaining(now), time.Time{}
	}
	return t
}

// Reset goes back to the full timebox, paused.
func (t Timer) Reset() Timer { return NewTimer(t.Total) }

// Add gives the timer d more time (a negative d takes time away, down to zero left).
func (t Timer) Add(d time.Duration, now time.Time) Timer {
	running := t.Running()
	t = t.Pause(now)
	t.Left += d
	if t.Left < 0 {
		t.Left = 0
	}
	if running {
		t.Since = now
	}
	return t
}

// Retotal changes the timebox. A timer that has not started yet is full
// again at the new length; one that has keeps its progress.
func (t Timer) Retotal(total time.Duration) Timer {
	if !t.Started() {
		return NewTimer(total)
	}
	t.Left += total - t.Total
	t.Total = total
	return t
}

// Session is where a group is in a debrief: the phase on screen, the
// countdown for the whole reflection and, when phases are timeboxed, the
// countdown for the phase.
type Session struct {
	DebriefID    int64
	Phase        Phase
	Timer        Timer
	PhaseTimed   bool   // each phase has its own timebox too
	PhaseMinutes [6]int // the timebox of each phase, in Phases() order
	PhaseTimer   Timer  // the current phase's countdown, when PhaseTimed
}

// DefaultPhaseMinutes splits a session over the phases, in whole minutes,
// giving most of it to the factors.
func DefaultPhaseMinutes(total int) [6]int {
	weights := [6]int{1, 3, 2, 2, 1, 1} // of 10
	var m [6]int
	sum := 0
	for i, w := range weights {
		m[i] = max(1, total*w/10)
		sum += m[i]
	}
	m[FactorsPhase] = max(1, m[FactorsPhase]+total-sum)
	return m
}

// NewSession is the session of a debrief that has not started: on Set the
// stage, with a full timer of the debrief's timebox.
func NewSession(d Debrief) Session {
	tb := d.TimeboxMinutes
	if tb < 1 {
		tb = DefaultTimebox
	}
	s := Session{DebriefID: d.ID, Phase: SetTheStage, Timer: NewTimer(time.Duration(tb) * time.Minute),
		PhaseMinutes: DefaultPhaseMinutes(tb)}
	s.PhaseTimer = NewTimer(time.Duration(s.PhaseMinutes[SetTheStage]) * time.Minute)
	return s
}

// Enter moves to phase p; the phase countdown starts over at p's timebox,
// running if the session's timer runs.
func (s Session) Enter(p Phase, now time.Time) Session {
	s.Phase = p.clamp()
	s.PhaseTimer = NewTimer(time.Duration(s.PhaseMinutes[s.Phase]) * time.Minute)
	if s.Timer.Running() {
		s.PhaseTimer = s.PhaseTimer.Start(now)
	}
	return s
}

// Start, Pause and Reset act on both countdowns together.
func (s Session) Start(now time.Time) Session {
	s.Timer, s.PhaseTimer = s.Timer.Start(now), s.PhaseTimer.Start(now)
	return s
}

// Pause stops both countdowns.
func (s Session) Pause(now time.Time) Session {
	s.Timer, s.PhaseTimer = s.Timer.Pause(now), s.PhaseTimer.Pause(now)
	return s
}

// Reset puts both countdowns back to full, paused.
func (s Session) Reset() Session {
	s.Timer, s.PhaseTimer = s.Timer.Reset(), s.PhaseTimer.Reset()
	return s
}

// Validate checks what a stored session may hold.
func (s Session) Validate() error {
	var errs []error
	if s.Timer.Total <= 0 || s.Timer.Total > MaxTimebox*time.Minute {
		errs = append(errs, fmt.Errorf("the session timebox is %v; it must be 1 to %d minutes", s.Timer.Total, MaxTimebox))
	}
	for i, m := range s.PhaseMinutes {
		if m < 0 || m > MaxTimebox {
			errs = append(errs, fmt.Errorf("the %s timebox is %d minutes; it must be 0 to %d", Phases()[i].Label(), m, MaxTimebox))
		}
	}
	if s.Phase != s.Phase.clamp() {
		errs = append(errs, errors.New("unknown phase"))
	}
	return errors.Join(errs...)
}
