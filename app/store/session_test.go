package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store/storetest"
)

func TestSessionSurvivesAReopen(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	d := model.NewDebrief("Bench test browned out")
	d.TimeboxMinutes = 15
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	s, err := db.GetSession(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Phase != model.SetTheStage || s.Timer.Total != 15*time.Minute || s.Timer.Running() {
		t.Fatalf("a debrief's first session: %+v", s)
	}
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	s = s.Start(t0).Enter(model.ConnectPhase, t0.Add(2*time.Minute))
	s.PhaseTimed = true
	s.PhaseMinutes[model.ConnectPhase] = 4
	s = s.Enter(model.ConnectPhase, t0.Add(2*time.Minute))
	if err := db.SaveSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetSession(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phase != model.ConnectPhase || !got.PhaseTimed || got.PhaseMinutes != s.PhaseMinutes {
		t.Errorf("read back %+v, want %+v", got, s)
	}
	later := t0.Add(5 * time.Minute)
	if got.Timer.Remaining(later) != 10*time.Minute || got.PhaseTimer.Remaining(later) != time.Minute {
		t.Errorf("after the restart %v and %v are left, want 10m and 1m", got.Timer.Remaining(later), got.PhaseTimer.Remaining(later))
	}
	// Paused and saved again: one row, replaced.
	if err := db.SaveSession(ctx, got.Pause(later)); err != nil {
		t.Fatal(err)
	}
	again, _ := db.GetSession(ctx, d.ID)
	if again.Timer.Running() || again.Timer.Remaining(later.Add(time.Hour)) != 10*time.Minute {
		t.Errorf("paused session read back as %+v", again.Timer)
	}
	bad := again
	bad.Timer.Total = 0
	if err := db.SaveSession(ctx, bad); err == nil {
		t.Error("a session with no timebox was stored")
	}
	if still, _ := db.GetSession(ctx, d.ID); still.Timer != again.Timer {
		t.Errorf("a refused save changed the session: %+v", still.Timer)
	}
	if err := db.DeleteDebrief(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetSession(ctx, d.ID); err == nil {
		t.Error("the session of a deleted debrief was read")
	}
}

func TestMarkReviewedNeedsAChosenChangeWithOwnerAndDate(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t)
	d := model.NewDebrief("Late delivery")
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	status := func() model.Status {
		got, err := db.GetDebrief(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}
	err := db.SetStatus(ctx, d.ID, model.Reviewed)
	if err == nil || !strings.Contains(err.Error(), "propose a process change") || status() != model.Draft {
		t.Fatalf("no change: %v, status %s", err, status())
	}
	c := model.ProcessChange{DebriefID: d.ID, What: "Sign-offs for each major step"}
	if err := db.CreateChange(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.ChooseChange(ctx, d.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	err = db.SetStatus(ctx, d.ID, model.Reviewed)
	if err == nil || !strings.Contains(err.Error(), "an owner and a check-back date") || status() != model.Draft {
		t.Fatalf("no owner or date: %v, status %s", err, status())
	}
	c.Chosen, c.Owner, c.CheckBack = true, "Ana", time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	if err := db.UpdateChange(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.SetStatus(ctx, d.ID, model.Reviewed); err != nil || status() != model.Reviewed {
		t.Fatalf("ready: %v, status %s", err, status())
	}
	if err := db.SetStatus(ctx, d.ID, model.Status("done")); err == nil || status() != model.Reviewed {
		t.Errorf("an unknown status: %v, status %s", err, status())
	}
	if err := db.SetStatus(ctx, d.ID, model.Draft); err != nil || status() != model.Draft {
		t.Errorf("back to draft: %v, status %s", err, status())
	}
}
