package debrief

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
	"github.com/debrief-app/debrief/export"
)

// entry finds a visible entry by its placeholder.
func entry(t *testing.T, c fyne.Canvas, placeholder string) *ui.TextField {
	t.Helper()
	var found *ui.TextField
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*ui.TextField); ok && e.PlaceHolder == placeholder {
			found = e
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no entry %q on screen", placeholder)
	}
	return found
}

// openBlank makes a debrief and opens it, with edits stored only when the
// test flushes them.
func openBlank(t *testing.T, title string) (*testShell, *store.DB, *Screen, func()) {
	t.Helper()
	s, db := newTestShell(t, false)
	s.editPause = time.Hour
	d := model.NewDebrief(title)
	if err := storetest.CreateDebrief(context.Background(), db, &d); err != nil {
		t.Fatal(err)
	}
	s.OpenDebrief(d.ID)
	v := s.open
	if v == nil {
		t.Fatal("the debrief did not open")
	}
	return s, db, v, func() { settle(s) }
}

func TestSetTheStageIsStored(t *testing.T) {
	s, db, v, flush := openBlank(t, "Demo slipped")
	c := s.win.Canvas()
	if v.Phase() != model.SetTheStage {
		t.Fatalf("a new debrief opens on %s", v.Phase().Label())
	}
	shown := uitest.Texts(c)
	for _, r := range model.GroundRules {
		if !strings.Contains(shown, r) {
			t.Errorf("Set the stage does not show the ground rule %q", r)
		}
	}
	test.Type(entry(t, c, "What happened, in two or three sentences? When did you notice?"), "The demo build failed on stage.")
	dates := []*ui.TextField{}
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*ui.TextField); ok && (e.PlaceHolder == "YYYY-MM-DD" || e.PlaceHolder == "HH:MM") {
			dates = append(dates, e)
		}
		return true
	})
	if len(dates) != 4 {
		t.Fatalf("%d date and time fields, want 4", len(dates))
	}
	test.Type(dates[0], "2026-11-20")
	test.Type(dates[1], "14:05")
	test.Type(dates[2], "2026-11-21")
	test.Type(dates[3], "09:30")
	test.Type(entry(t, c, "Ana, Ben, Chris (optional)"), "Ana, Ben")
	length := entry(t, c, "10")
	length.SetText("abc")
	if !strings.Contains(uitest.Texts(c), "Minutes, 1 to 600.") {
		t.Error("a bad length says nothing")
	}
	length.SetText("15")
	flush()

	d, err := storetest.Debrief(context.Background(), db, v.sess.ID())
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 20, 14, 5, 0, 0, time.Local)
	if d.Summary != "The demo build failed on stage." || !d.HappenedAt.Equal(want) || d.TimeboxMinutes != 15 ||
		strings.Join(d.Participants, "|") != "Ana|Ben" || !d.ScheduledAt.Equal(time.Date(2026, 11, 21, 9, 30, 0, 0, time.Local)) {
		t.Errorf("stored %+v", d)
	}
	if v.Clock().Timer.Total != 15*time.Minute || v.timer.Remaining() != 15*time.Minute {
		t.Errorf("the timer did not follow the new length: %v of %v", v.timer.Remaining(), v.Clock().Timer.Total)
	}
}

func TestTimerAndPhaseSurviveAReopen(t *testing.T) {
	s, db, v, flush := openBlank(t, "Trip")
	clock := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	v.timer.now = func() time.Time { return clock }
	test.Tap(uitest.Button(t, s.win.Canvas(), "Start"))
	v.timer.stopTicking() // the test moves the clock itself
	clock = clock.Add(90 * time.Second)
	if got := v.timer.Remaining(); got != 510*time.Second {
		t.Errorf("after 90 s: %v left", got)
	}
	v.timer.update()
	if v.timer.clock.Text != "8:30" {
		t.Errorf("the clock shows %q, want 8:30", v.timer.clock.Text)
	}
	test.Tap(uitest.Button(t, s.win.Canvas(), "+1 min"))
	test.Tap(uitest.Button(t, s.win.Canvas(), "3  Connect"))
	if !v.board.Voting() {
		t.Error("Connect does not show the vote buttons")
	}
	flush()
	id := v.sess.ID()
	sess, err := db.GetSession(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Phase != model.ConnectPhase || sess.Timer.Remaining(clock.Add(30*time.Second)) != 540*time.Second {
		t.Errorf("stored session: %s, %v left 30 s later", sess.Phase.Label(), sess.Timer.Remaining(clock.Add(30*time.Second)))
	}
	// Zero: a banner, not a dialog; the clock goes into overtime.
	clock = clock.Add(10 * time.Minute)
	v.timer.update()
	if !v.banner.Visible() || !strings.Contains(uitest.Texts(s.win.Canvas()), "Time's up") {
		t.Error("no banner at zero")
	}
	if len(s.win.Canvas().Overlays().List()) != 0 {
		t.Error("time's up opened a dialog")
	}
	if !strings.HasPrefix(v.timer.clock.Text, "−") {
		t.Errorf("overtime shows %q", v.timer.clock.Text)
	}
	s.ShowHome()
	s.closing.Wait()
	s.OpenDebrief(id)
	if s.open.Phase() != model.ConnectPhase || !s.open.Clock().Timer.Running() {
		t.Errorf("reopened on %s, running %v", s.open.Phase().Label(), s.open.Clock().Timer.Running())
	}
	s.open.timer.stopTicking()
}

func TestLessonsChangeKudosAndReview(t *testing.T) {
	s, db, v, flush := openBlank(t, "Disk full")
	c := s.win.Canvas()
	ctx := context.Background()
	id := v.sess.ID()
	test.Tap(uitest.Button(t, c, "4  Lessons"))
	test.Type(entry(t, c, "The conditions that made it likely: time, tools, hand-offs, what was hard to see…"), "Rotation was off.")

	// A warning sign, put on the board as a card.
	test.Type(entry(t, c, "A signal we saw but didn't act on"), "Disk at 80% on Wednesday")
	test.Tap(uitest.Button(t, c, "Add"))
	test.Tap(uitest.Button(t, c, "Add the card"))
	if len(v.dossier().WarningSigns) != 1 || v.dossier().WarningSigns[0].FactorID == 0 {
		t.Fatalf("warning signs %+v", v.dossier().WarningSigns)
	}
	card, ok := v.board.Factor(v.dossier().WarningSigns[0].FactorID)
	if !ok || card.Category != model.Warning || card.Text != "Disk at 80% on Wednesday" {
		t.Errorf("the warning sign's card is %+v", card)
	}

	// Two candidates; choose one. Reviewing needs an owner and a date.
	for _, what := range []string{"Disk alerts go to on-call", "Weekly disk review"} {
		test.Type(entry(t, c, "A concrete change, e.g. “Sign-offs for each major step”"), what)
		test.Tap(uitest.Button(t, c, "Propose"))
	}
	if len(v.dossier().Changes) != 2 {
		t.Fatalf("%d candidates", len(v.dossier().Changes))
	}
	if err := v.MarkReviewed(); err == nil || !strings.Contains(err.Error(), "choose one of the 2") {
		t.Errorf("reviewed with nothing chosen: %v", err)
	}
	test.Tap(uitest.Button(t, c, "Choose this one"))
	if ch, ok := model.Chosen(v.dossier().Changes); !ok || ch.What != "Disk alerts go to on-call" {
		t.Fatalf("chosen %+v", ch)
	}
	if !strings.Contains(uitest.Texts(c), "Why only one?") {
		t.Error("the screen does not say why only one")
	}
	err := v.MarkReviewed()
	if err == nil || !strings.Contains(err.Error(), "needs an owner and a check-back date") {
		t.Errorf("reviewed without owner and date: %v", err)
	}
	if !strings.Contains(uitest.Texts(c), "Still needed: the chosen change") {
		t.Error("the change panel does not say what is missing")
	}
	// Choosing the other moves the one choice.
	test.Tap(uitest.Button(t, c, "Choose this one"))
	if ch, _ := model.Chosen(v.dossier().Changes); ch.What != "Weekly disk review" || model.ValidateChanges(v.dossier().Changes) != nil {
		t.Errorf("after choosing the other: %+v", v.dossier().Changes)
	}
	test.Type(entry(t, c, "Who makes sure it happens"), "Ben")
	var check *ui.TextField
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*ui.TextField); ok && e.PlaceHolder == "YYYY-MM-DD" {
			check = e
		}
		return check == nil
	})
	test.Type(check, "2026-12-10")
	test.Type(entry(t, c, "What we'll see when it works"), "No disk over 90% for a month")

	// Kudos about the card.
	test.Tap(uitest.Button(t, c, "5  Kudos"))
	test.Type(entry(t, c, "Who"), "Ana")
	test.Type(entry(t, c, "What they spotted, or had the courage to say"), "Said the disk looked odd")
	var sel *widget.Select
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if s, ok := o.(*widget.Select); ok && len(s.Options) > 1 {
			sel = s
		}
		return sel == nil
	})
	sel.SetSelectedIndex(1)
	test.Tap(uitest.Button(t, c, "Give kudos"))
	if !strings.Contains(uitest.Texts(c), "Said the disk looked odd") {
		t.Error("the kudos wall does not show the new kudos")
	}

	test.Tap(uitest.Button(t, c, "6  Share"))
	test.Tap(uitest.Button(t, c, "Mark reviewed"))
	if v.sess.Debrief().Status != model.Reviewed {
		t.Fatalf("status %s after Mark reviewed", v.sess.Debrief().Status)
	}
	flush()

	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Debrief.Status != model.Reviewed || d.Lesson.WhatLed != "Rotation was off." {
		t.Errorf("stored debrief %s, lesson %+v", d.Debrief.Status, d.Lesson)
	}
	if len(d.WarningSigns) != 1 || d.WarningSigns[0].FactorID != card.ID {
		t.Errorf("stored warning signs %+v", d.WarningSigns)
	}
	ch, ok := model.Chosen(d.Changes)
	if !ok || ch.What != "Weekly disk review" || ch.Owner != "Ben" || ch.CheckBack.Format(model.DateLayout) != "2026-12-10" ||
		ch.Measure != "No disk over 90% for a month" || len(d.Changes) != 2 {
		t.Errorf("stored changes %+v", d.Changes)
	}
	if len(d.Kudos) != 1 || d.Kudos[0].Who != "Ana" || d.Kudos[0].FactorID == 0 {
		t.Errorf("stored kudos %+v", d.Kudos)
	}
	// Clearing the owner of a reviewed debrief puts it back to draft.
	test.Tap(uitest.Button(t, c, "4  Lessons"))
	entry(t, c, "Who makes sure it happens").SetText("")
	flush()
	if got, _ := storetest.Debrief(ctx, db, id); got.Status != model.Draft {
		t.Errorf("a reviewed debrief whose change lost its owner is %s", got.Status)
	}
}

func TestOftenMissedFactorBecomesACard(t *testing.T) {
	s, db, v, flush := openBlank(t, "Late delivery")
	c := s.win.Canvas()
	test.Tap(uitest.Button(t, c, "2  Factors"))
	// Each prompt is a + button beside its text.
	var add *widget.Button
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 2 {
			return true
		}
		body, ok1 := row.Objects[0].(*fyne.Container)
		left, ok2 := row.Objects[1].(*fyne.Container)
		if !ok1 || !ok2 || len(body.Objects) == 0 || len(left.Objects) != 1 {
			return true
		}
		if l, ok := body.Objects[0].(*widget.Label); ok && l.Text == "Fatigue" {
			add, _ = left.Objects[0].(*widget.Button)
		}
		return add == nil
	})
	if add == nil {
		t.Fatal("no + beside “Fatigue”")
	}
	test.Tap(add)
	fs := v.board.Factors()
	if len(fs) != 1 || fs[0].Text != "Fatigue" || fs[0].Category != model.People {
		t.Fatalf("the board has %+v", fs)
	}
	if v.board.Category() != model.Technical {
		t.Errorf("adding a prompt changed the category of new cards to %s", v.board.Category())
	}
	flush()
	if got, _ := storetest.Factors(context.Background(), db, v.sess.ID()); len(got) != 1 || got[0].Text != "Fatigue" {
		t.Errorf("stored %+v", got)
	}
}

func TestSetTheStageRecallsTheLastChange(t *testing.T) {
	s, db := newTestShell(t, true) // the sample chose a change, not checked back yet
	ctx := context.Background()
	sample, err := db.LoadDossier(ctx, s.firstDebrief())
	if err != nil {
		t.Fatal(err)
	}
	last, _ := model.Chosen(sample.Changes)
	d := model.NewDebrief("Next setback")
	if err := storetest.CreateDebrief(ctx, db, &d); err != nil {
		t.Fatal(err)
	}
	s.OpenDebrief(d.ID)
	shown := uitest.Texts(s.win.Canvas())
	if !strings.Contains(shown, "Last time") || !strings.Contains(shown, last.What) || !strings.Contains(shown, "Not checked back yet") {
		t.Fatalf("Set the stage does not recall the last change:\n%s", shown)
	}
	if err := db.RecordOutcome(ctx, last.ID, model.Adjusted, "Only for power-on."); err != nil {
		t.Fatal(err)
	}
	s.OpenDebrief(d.ID)
	if shown := uitest.Texts(s.win.Canvas()); !strings.Contains(shown, "Adjusted. Only for power-on.") {
		t.Errorf("the outcome is not shown:\n%s", shown)
	}
}

func TestCoachHintsWhileTypingAndNeverBlocks(t *testing.T) {
	s, _, v, _ := openBlank(t, "Wiring fire")
	c := s.win.Canvas()
	test.Tap(uitest.Button(t, c, "4  Lessons"))
	e := entry(t, c, "The conditions that made it likely: time, tools, hand-offs, what was hard to see…")
	test.Type(e, "The fault was in the wiring harness. ")
	if strings.Contains(uitest.Texts(c), "try asking") {
		t.Errorf("a neutral technical sentence got a hint:\n%s", uitest.Texts(c))
	}
	test.Type(e, "Who messed up the crimp?")
	if e.Text != "The fault was in the wiring harness. Who messed up the crimp?" {
		t.Errorf("the coach changed what was typed: %q", e.Text)
	}
	if shown := uitest.Texts(c); !strings.Contains(shown, "Instead of “Who messed up”, try asking: What made this easy to miss?") {
		t.Errorf("no hint for blame language:\n%s", shown)
	}
	e.SetText("A blame-free review found the crimp tool was worn.")
	if strings.Contains(uitest.Texts(c), "try asking") {
		t.Error("the hint stayed after the blame language went")
	}

	// On the board: the card being typed, and the quick-add field.
	test.Tap(uitest.Button(t, c, "2  Factors"))
	test.Type(v.quick, "Whose fault was the late order?")
	if v.boardCoach.Hint() == "" || !v.boardCoach.Box.Visible() {
		t.Error("no hint under the quick-add field")
	}
	v.quick.SetText("")
	id := v.board.QuickAdd("Parts arrived late")
	v.board.Edit(id)
	test.Type(c.Focused(), " because Sam was careless")
	if !strings.Contains(v.boardCoach.Hint(), "careless") {
		t.Errorf("no hint while typing a card: %q", v.boardCoach.Hint())
	}
	v.board.CommitEdit()
	if v.boardCoach.Box.Visible() {
		t.Error("the hint stays after the card's edit ended")
	}
	if f, _ := v.board.Factor(id); !strings.HasSuffix(f.Text, "because Sam was careless") {
		t.Errorf("the card holds %q: the coach must never block typing", f.Text)
	}
}

// A long text is checked off the UI goroutine, after a pause; only the
// latest text's hint is shown.
func TestCoachChecksLongTextInTheBackground(t *testing.T) {
	test.NewTempApp(t)
	back := make(chan func(), 4)
	n := ui.NewCoachNote(func(f func()) { back <- f })
	long := strings.Repeat("The harness was crimped from the datasheet. ", 500) // 22,000 characters
	n.Check(long + "Who messed up?")
	n.Check(long + "The fault was in the wiring.") // typed on before the pause ended
	select {
	case f := <-back:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("the long text was never checked")
	}
	if n.Hint() != "" {
		t.Errorf("the hint of text since replaced is shown: %q", n.Hint())
	}
	n.Check(long + "Whose fault was it?")
	(<-back)()
	if !strings.Contains(n.Hint(), "Whose fault") {
		t.Errorf("no hint for the long text: %q", n.Hint())
	}
	if len(back) != 0 {
		t.Error("a stale check came back too")
	}
}

func TestCalendarInviteFromSetTheStage(t *testing.T) {
	s, _, v, _ := openBlank(t, "Bench test")
	c := s.win.Canvas()
	test.Tap(uitest.Button(t, c, "Calendar invite (.ics)…"))
	if !strings.Contains(uitest.Texts(c), "pick the date and time of the reflection first") {
		t.Fatalf("an invite without a date does not say what is missing:\n%s", uitest.Texts(c))
	}
	v.editDebrief(func(d *model.Debrief) { d.ScheduledAt = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC) })
	path := filepath.Join(t.TempDir(), "reflection.ics")
	done := false
	s.ExportTo(v.Current(), export.ICS, path, func(export.Report) { done = true })
	b, err := os.ReadFile(path)
	if err != nil || !done {
		t.Fatalf("no invite written: %v", err)
	}
	for _, want := range []string{"BEGIN:VCALENDAR", "DTSTART:20261127T093000Z", "DTEND:20261127T094000Z", "SUMMARY:Debrief: Bench test"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the invite lacks %q:\n%s", want, b)
		}
	}
}

// The clock counts down without shifting: every time it can show (the
// same number of digits) is as wide as any other, in its own text style.
func TestClockKeepsItsWidth(t *testing.T) {
	_, _, v, _ := openBlank(t, "Trip")
	c := v.timer.clock
	width := func(s string) float32 { return fyne.MeasureText(s, c.TextSize, c.TextStyle).Width }
	want := width("10:00")
	for _, s := range []string{"11:11", "19:59", "10:07", "18:48", "14:41"} {
		if w := width(s); w != want {
			t.Errorf("%q is %.2f wide, 10:00 is %.2f: the clock shifts as it counts", s, w, want)
		}
	}
	want = width("9:59")
	for _, s := range []string{"1:11", "0:00", "7:47", "4:14"} {
		if w := width(s); w != want {
			t.Errorf("%q is %.2f wide, 9:59 is %.2f: the clock shifts as it counts", s, w, want)
		}
	}
}

// The timer keeps its width as it counts down, pauses and shows the phase,
// so the title beside it does not jump (10:00 to 9:59 moved it).
func TestTimerKeepsItsWidth(t *testing.T) {
	_, _, v, _ := openBlank(t, "Trip")
	tv := v.timer
	clock := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	tv.now = func() time.Time { return clock }
	want := tv.MinSize().Width
	tv.toggle() // start
	tv.stopTicking()
	for _, step := range []time.Duration{time.Second, 9 * time.Minute, time.Minute, time.Minute} {
		clock = clock.Add(step)
		tv.update()
		if w := tv.MinSize().Width; w != want {
			t.Fatalf("at %s (%q) the timer is %.1f wide, was %.1f", tv.clock.Text, tv.phase.Text, w, want)
		}
	}
	tv.toggle() // pause
	if w := tv.MinSize().Width; w != want {
		t.Errorf("paused, the timer is %.1f wide, was %.1f", w, want)
	}
}

// The coach's hint floats over the board: it appearing does not move or
// shrink the board (it pushed the board down).
func TestCoachHintDoesNotMoveTheBoard(t *testing.T) {
	s, _, v, _ := openBlank(t, "Trip")
	v.Show(model.FactorsPhase)
	d := fyne.CurrentApp().Driver()
	pos, size := d.AbsolutePositionForObject(v.board), v.board.Size()
	test.Type(v.quick, "Whose fault was the late order?")
	if v.boardCoach.Hint() == "" || !v.boardCoach.Box.Visible() {
		t.Fatal("no hint for blame language")
	}
	s.win.Resize(s.win.Canvas().Size().AddWidthHeight(1, 0)) // lay the screen out again, as the window does
	s.win.Resize(s.win.Canvas().Size().AddWidthHeight(-1, 0))
	if p, sz := d.AbsolutePositionForObject(v.board), v.board.Size(); p != pos || sz != size {
		t.Errorf("the board moved from %v %v to %v %v when the hint appeared", pos, size, p, sz)
	}
}

// A warning sign that a Warning card on the board already says points at
// that card at once: nobody is asked to put it on the board a second time.
func TestWarningSignFindsItsCard(t *testing.T) {
	s, _, v, _ := openBlank(t, "Disk full")
	c := s.win.Canvas()
	card := v.board.AddCard("Disk at 80%  on Wednesday", model.Warning)
	test.Tap(uitest.Button(t, c, "4  Lessons"))
	test.Type(entry(t, c, "A signal we saw but didn't act on"), "disk at 80% on wednesday")
	test.Tap(uitest.Button(t, c, "Add"))
	if strings.Contains(uitest.Texts(c), "Put it on the board?") {
		t.Error("asked to put on the board a sign that is already there")
	}
	if ws := v.dossier().WarningSigns; len(ws) != 1 || ws[0].FactorID != card {
		t.Errorf("warning signs %+v, want one pointing at card %d", ws, card)
	}
}

// TestLastTimeStaysInTheGroup: the robotics club's next debrief recalls the
// club's change, never the family's newer one; a group with no change
// recalls nothing, on the screen and in presentation mode's source.
func TestLastTimeStaysInTheGroup(t *testing.T) {
	s, db := newTestShell(t, false)
	ctx := context.Background()
	group := func(name string, members ...string) int64 {
		g := model.NewGroup(name)
		g.Members = members
		id, err := db.CreateGroup(ctx, &g)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	debrief := func(groupID int64, title, change string) int64 {
		d := &model.Dossier{Debrief: model.NewDebrief(title)}
		d.Debrief.GroupID = groupID
		if change != "" {
			d.Changes = []model.ProcessChange{{What: change, Chosen: true}}
		}
		id, err := db.ImportDossier(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	robots, family, empty := group("Robotics club", "Ana", "Bo"), group("Family"), group("Chess club")
	debrief(robots, "Regional", "A second person signs off the wiring")
	db.SetClock(func() time.Time { return storetest.Clock.Add(time.Hour) })
	debrief(family, "Camping trip", "Pack the tent the night before")
	db.SetClock(func() time.Time { return storetest.Clock.Add(2 * time.Hour) })
	nextRobots := debrief(robots, "State finals", "")
	nextChess := debrief(empty, "Lost on time", "")

	s.OpenDebrief(nextRobots)
	v := s.open
	shown := uitest.Texts(s.win.Canvas())
	if !strings.Contains(shown, "A second person signs off the wiring") || strings.Contains(shown, "Pack the tent") {
		t.Errorf("the club's next debrief recalls the wrong change:\n%s", shown)
	}
	if in := v.LastCheckIn(); in == nil || in.Change.What != "A second person signs off the wiring" {
		t.Errorf("LastCheckIn (what presentation mode shows) = %+v", in)
	}
	if !strings.Contains(shown, "Add from Robotics club") {
		t.Errorf("Who is here does not offer the club's members:\n%s", shown)
	}
	if got := v.names(nil); !slices.Equal(got, []string{"Ana", "Bo"}) {
		t.Errorf("names offered for authors and kudos = %q, want the members", got)
	}
	s.OpenDebrief(nextChess)
	v = s.open
	if shown := uitest.Texts(s.win.Canvas()); strings.Contains(shown, "Last time") || v.LastCheckIn() != nil {
		t.Errorf("a group with no change recalls one:\n%s", shown)
	}
}

// TestSetTheStageSaysAChangeMayNotHaveHeld: the club's change was meant to
// fix a skipped wiring check; a later debrief with the same factor says
// so in Set the stage, and one without it says nothing.
func TestSetTheStageSaysAChangeMayNotHaveHeld(t *testing.T) {
	s, db := newTestShell(t, false)
	ctx := context.Background()
	g := model.NewGroup("Robotics club")
	group, err := db.CreateGroup(ctx, &g)
	if err != nil {
		t.Fatal(err)
	}
	add := func(title string, happened time.Time, factors []string, change string) int64 {
		d := &model.Dossier{Debrief: model.NewDebrief(title)}
		d.Debrief.GroupID, d.Debrief.HappenedAt = group, happened
		for i, f := range factors {
			d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: f, Category: model.Process, X: float64(i) * 300, Y: 40, W: 220, H: 120})
		}
		if change != "" {
			d.Changes = []model.ProcessChange{{What: change, Owner: "Ana", Chosen: true}}
		}
		id, err := db.ImportDossier(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	march := time.Date(2026, 3, 14, 18, 0, 0, 0, time.UTC)
	add("Regional", march, []string{"The wiring check was skipped", "Battery not charged"}, "A second person signs off the wiring check")
	again := add("State finals", march.AddDate(0, 2, 0), []string{"Skipped the wiring check again", "The field was slippery"}, "")
	other := add("Worlds", march.AddDate(0, 4, 0), []string{"The field was slippery"}, "")

	s.OpenDebrief(again)
	shown := uitest.Texts(s.win.Canvas())
	if !strings.Contains(shown, "Did it hold?") || !strings.Contains(shown, "second person signs off the wiring check") {
		t.Errorf("Set the stage does not say the March change may not have held:\n%s", shown)
	}
	s.OpenDebrief(other)
	if shown := uitest.Texts(s.win.Canvas()); strings.Contains(shown, "Did it hold?") {
		t.Errorf("a debrief whose factors did not come back says a change did not hold:\n%s", shown)
	}
}
