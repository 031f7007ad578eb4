package app

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/debrief"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// openWithAudience opens the sample on its board in the main window, and
// the audience window beside it at 1600×900.
func openWithAudience(t *testing.T) (*Shell, *debrief.Screen, *audienceWindow) {
	t.Helper()
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	if v == nil {
		t.Fatal("the sample did not open")
	}
	v.Show(model.FactorsPhase)
	s.OpenAudienceWindow()
	t.Cleanup(s.CloseAudienceWindow)
	a := s.audienceWin()
	if a == nil {
		t.Fatal("no audience window")
	}
	a.win.Resize(fyne.NewSize(1600, 900))
	return s, v, a
}

// sameBoard fails unless the audience board holds what the main board holds.
func sameBoard(t *testing.T, what string, main, aud *dcanvas.Board) {
	t.Helper()
	if !slices.Equal(aud.Factors(), main.Factors()) {
		t.Fatalf("after %s the audience shows %d cards, the main board %d (or they differ)", what, len(aud.Factors()), len(main.Factors()))
	}
	if !slices.Equal(aud.Links(), main.Links()) {
		t.Fatalf("after %s the audience's arrows differ", what)
	}
}

// onAudience reports whether every word of text is drawn in the audience
// window (a card's text is drawn a line at a time).
func onAudience(a *audienceWindow, text string) bool {
	shown := uitest.Texts(a.win.Canvas())
	for _, w := range strings.Fields(text) {
		if !strings.Contains(shown, w) {
			return false
		}
	}
	return true
}

// mouseDrag drags on a board as the desktop driver does.
func mouseDrag(b *dcanvas.Board, from fyne.Position, dx, dy float32) {
	b.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	pos := from
	for i := 0; i < 4; i++ {
		d := fyne.NewDelta(dx/4, dy/4)
		pos = pos.Add(d)
		b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
	}
	b.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	b.DragEnd()
}

// centreOf is the middle of a card on a board, in the board's coordinates.
func centreOf(t *testing.T, b *dcanvas.Board, id int64) fyne.Position {
	t.Helper()
	f, ok := b.Factor(id)
	if !ok {
		t.Fatalf("no card %d", id)
	}
	x, y := b.Viewport().ToScreen(dcanvas.Point{X: f.X + f.W/2, Y: f.Y + f.H/2})
	return fyne.NewPos(x, y)
}

// TestAudienceWindowShowsChangesMadeInTheMainWindow is the acceptance
// test: what is done on the main window's board shows in the audience
// window, drawn, at once.
func TestAudienceWindowShowsChangesMadeInTheMainWindow(t *testing.T) {
	s, v, a := openWithAudience(t)
	title := "Rover bench test — motor controller burned out two days before the demo"
	if a.win.Title() != title+" — Debrief (audience)" {
		t.Errorf("audience window title %q", a.win.Title())
	}
	if !strings.HasPrefix(a.title.Shown(), "Rover bench test") || !onAudience(a, "2 · Factors") {
		t.Errorf("the header shows %q and\n%s", a.title.Shown(), uitest.Texts(a.win.Canvas()))
	}
	sameBoard(t, "opening", v.Board(), a.board)
	for _, f := range v.Board().Factors() {
		if !onAudience(a, f.Text) {
			t.Errorf("the audience window does not draw %q", f.Text)
		}
	}

	// Typed into the main window's quick-add field.
	q := quickAdd(t, s.win.Canvas())
	test.Type(q, "Charger unlabelled")
	q.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	sameBoard(t, "a quick add", v.Board(), a.board)
	if !onAudience(a, "Charger unlabelled") {
		t.Errorf("the new card is not drawn in the audience window:\n%s", uitest.Texts(a.win.Canvas()))
	}
	id := v.Board().Selection()[0]

	// Dragged with the mouse, nudged with the keys.
	mouseDrag(v.Board(), centreOf(t, v.Board(), id), 80, 40)
	sameBoard(t, "a drag", v.Board(), a.board)
	v.Board().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	sameBoard(t, "a nudge", v.Board(), a.board)
	if f, _ := a.board.Factor(id); f.Y != func() float64 { g, _ := v.Board().Factor(id); return g.Y }() {
		t.Error("the nudged card is elsewhere on the audience board")
	}

	// Linked, deleted, undone.
	other := v.Board().Factors()[0].ID
	v.Board().Connect(id, other)
	sameBoard(t, "a link", v.Board(), a.board)
	v.Board().Select(id)
	v.Board().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	sameBoard(t, "a delete", v.Board(), a.board)
	if onAudience(a, "Charger unlabelled") {
		t.Error("the deleted card is still drawn in the audience window")
	}
	v.Board().TypedShortcut(&fyne.ShortcutUndo{})
	sameBoard(t, "an undo", v.Board(), a.board)
	if !onAudience(a, "Charger unlabelled") {
		t.Error("the card brought back by undo is not drawn")
	}

	// Arranged as a fishbone; votes in Connect, without vote buttons there.
	v.Board().ArrangeFishbone()
	sameBoard(t, "arranging", v.Board(), a.board)
	if a.board.Skeleton().Empty() {
		t.Error("the fishbone is not drawn in the audience window")
	}
	v.Show(model.ConnectPhase)
	v.Board().Vote([]int64{id}, 3)
	sameBoard(t, "a vote", v.Board(), a.board)
	if a.board.Voting() {
		t.Error("the audience board shows vote buttons")
	}
	a.tick()
	if !onAudience(a, "3 · Connect") {
		t.Errorf("the header does not follow the phase:\n%s", uitest.Texts(a.win.Canvas()))
	}
}

func TestAudienceWindowEditsNothing(t *testing.T) {
	s, v, a := openWithAudience(t)
	a.setWhole(false) // the board as laid out, where a click could land on a card
	ctx := context.Background()
	before := v.Board().Factors()
	stored, err := storetest.Factors(ctx, s.db, v.Session().ID())
	if err != nil {
		t.Fatal(err)
	}
	b := a.board
	if !b.ReadOnly() {
		t.Fatal("the audience board can be edited")
	}
	ids := b.VisibleCards()
	if len(ids) == 0 {
		t.Fatal("no card in view in the audience window")
	}
	card := centreOf(t, b, ids[0])
	b.DoubleTapped(&fyne.PointEvent{Position: card})
	b.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(5, 5)})
	mouseDrag(b, card, 200, 100)
	b.TappedSecondary(&fyne.PointEvent{Position: card})
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a right-click opened %T in the audience window", top)
	}
	for _, k := range []fyne.KeyName{fyne.KeyDelete, fyne.KeyReturn, fyne.KeyLeft, fyne.KeyTab} {
		b.TypedKey(&fyne.KeyEvent{Name: k})
		a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
	}
	for _, r := range "1+-" {
		b.TypedRune(r)
	}
	b.TypedShortcut(&fyne.ShortcutUndo{})
	if b.Editing() != 0 || b.QuickAdd("Not here") != 0 {
		t.Error("the audience board edits")
	}
	if !slices.Equal(v.Board().Factors(), before) || !slices.Equal(b.Factors(), before) {
		t.Error("working the audience window changed the cards")
	}
	v.Session().Flush()
	if now, _ := storetest.Factors(ctx, s.db, v.Session().ID()); !slices.Equal(now, stored) {
		t.Error("working the audience window changed the stored cards")
	}
	if v.Board().CanUndo() {
		t.Error("working the audience window left something to undo in the main one")
	}
}

func TestAudienceWindowFollowsTheFacilitatorsView(t *testing.T) {
	_, v, a := openWithAudience(t)
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyW}) // as laid out
	if a.board.Following() || a.toggle.Text != "Follow my view" {
		t.Fatalf("the audience window should start on the whole board (toggle %q)", a.toggle.Text)
	}
	whole := a.board.Viewport()
	v.Board().ZoomIn()
	v.Board().SetViewport(v.Board().Viewport().PanBy(-150, 40))
	if a.board.Viewport() != whole {
		t.Error("showing the whole board, the audience window followed a zoom in the main one")
	}

	a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyV})
	if !a.board.Following() || a.toggle.Text != "Stop following" || a.wholeBtn.Visible() {
		t.Fatal("V did not follow the facilitator's view")
	}
	same := func(what string) {
		t.Helper()
		mc, ac := v.Board().VisibleArea().Center(), a.board.VisibleArea().Center()
		if math.Abs(mc.X-ac.X) > 1 || math.Abs(mc.Y-ac.Y) > 1 {
			t.Errorf("%s: the audience window is centred on %v, the main board on %v", what, ac, mc)
		}
	}
	same("following")
	z := a.board.Viewport().Zoom
	v.Board().ZoomIn()
	same("a zoom")
	if got := a.board.Viewport().Zoom; math.Abs(got/z-1.25) > 0.01 {
		t.Errorf("the main board zoomed in by 1.25, the audience window by %.3f", got/z)
	}
	v.Board().SetViewport(v.Board().Viewport().PanBy(100, -60))
	same("a pan")

	test.Tap(a.toggle)
	if a.board.Following() || a.board.Viewport() != whole {
		t.Error("the toggle did not go back to the whole board")
	}
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyV})
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyW})
	if a.board.Following() {
		t.Error("W did not go back to the whole board")
	}
}

func TestAudienceWindowFollowsTheOpenDebrief(t *testing.T) {
	s, db := newTestShell(t, true)
	t.Cleanup(s.CloseAudienceWindow)
	sample := s.home.Items()[0].ID
	s.OpenAudienceWindow()
	a := s.audienceWin()
	if a.win.Title() != "Debrief (audience)" || !onAudience(a, "Waiting for a debrief…") {
		t.Errorf("with no debrief open the audience window is %q and shows\n%s", a.win.Title(), uitest.Texts(a.win.Canvas()))
	}
	if a.toggle.Visible() {
		t.Error("waiting, the audience window offers to follow a view")
	}
	s.OpenAudienceWindow() // twice: the same window comes forward
	if s.audienceWin() != a {
		t.Error("opening the audience window twice made a second one")
	}

	s.OpenDebrief(sample)
	sameBoard(t, "opening a debrief", s.open.Board(), a.board)
	if !strings.HasPrefix(a.win.Title(), "Rover bench test") || onAudience(a, "Waiting") || !a.toggle.Visible() {
		t.Errorf("the audience window did not follow the debrief opened: %q", a.win.Title())
	}
	old := s.open.Board()

	s.ShowHome()
	if a.board.Source() != nil || !onAudience(a, "Waiting for a debrief…") || a.win.Title() != "Debrief (audience)" {
		t.Error("back on the library, the audience window should wait for a debrief")
	}
	old.AddCard("Left behind", model.Technical) // the closed debrief's board no longer reaches it
	if onAudience(a, "Left behind") {
		t.Error("the audience window still follows a closed debrief")
	}

	other := storetest.AddDebrief(t, db, "Camping trip without tent poles", "Packed in the dark", "No list")
	s.OpenDebrief(sample)
	s.OpenDebrief(other) // switching straight from one to the other
	sameBoard(t, "switching debriefs", s.open.Board(), a.board)
	if !onAudience(a, "Packed in the dark") || onAudience(a, "Rover") {
		t.Errorf("the audience window shows\n%s", uitest.Texts(a.win.Canvas()))
	}

	// Its own window closed: the shell forgets it and the board goes on alone.
	a.win.Close()
	if s.audienceWin() != nil || a.board.Source() != nil {
		t.Error("closing the audience window left it attached")
	}
	s.open.Board().QuickAdd("After the audience window closed")
	s.OpenAudienceWindow()
	if b := s.audienceWin(); b == nil || b == a || !onAudience(b, "After the audience window closed") {
		t.Error("the audience window did not open again on the debrief")
	}
	s.CloseAudienceWindow()
	s.CloseAudienceWindow() // twice is harmless
	if s.audienceWin() != nil {
		t.Error("CloseAudienceWindow left it open")
	}
}

func TestAudienceWindowShowsTheTimeLeft(t *testing.T) {
	_, v, a := openWithAudience(t)
	clock := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	a.now = func() time.Time { return clock }
	a.tick()
	full := ui.ClockText(v.Clock().Timer.Total)
	if a.clock.Text != full || !onAudience(a, full) {
		t.Errorf("before the start the clock shows %q, want %s", a.clock.Text, full)
	}
	if err := v.Session().SetClock(nil, v.Clock().Start(clock)); err != nil { // started at clock
		t.Fatal(err)
	}
	clock = clock.Add(90 * time.Second)
	a.tick()
	want := ui.ClockText(v.Clock().Timer.Total - 90*time.Second)
	if a.clock.Text != want {
		t.Errorf("after 90 s the clock shows %q, want %s", a.clock.Text, want)
	}
	clock = clock.Add(v.Clock().Timer.Total)
	a.tick()
	if !strings.HasPrefix(a.clock.Text, "−") || a.clockBg.FillColor != ui.TimerRed {
		t.Errorf("in overtime the clock shows %q on %v", a.clock.Text, a.clockBg.FillColor)
	}
	retitle(t, v, "Bench test, renamed")
	a.tick()
	if a.win.Title() != "Bench test, renamed — Debrief (audience)" || a.title.Shown() != "Bench test, renamed" {
		t.Errorf("after a rename: window %q, header %q", a.win.Title(), a.title.Shown())
	}
}

func TestAudienceWindowKeys(t *testing.T) {
	_, _, a := openWithAudience(t)
	key := func(k fyne.KeyName) { a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyF11)
	if !a.win.FullScreen() || a.hint.Visible() {
		t.Error("F11 did not go full screen without the key hint")
	}
	key(fyne.KeyEscape)
	if a.win.FullScreen() || !a.hint.Visible() {
		t.Error("Escape did not leave full screen")
	}
	key(fyne.KeyF)
	key(fyne.KeyF)
	if a.win.FullScreen() {
		t.Error("F twice should leave the window as it was")
	}

	// Tab reaches the toggle but never the board, and the toggle passes the keys on.
	c := a.win.Canvas()
	c.FocusNext()
	c.FocusNext()
	if c.Focused() != a.toggle {
		t.Fatalf("Tab focused %T, want the toggle", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyV})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF11})
	if !a.board.Following() || !a.win.FullScreen() {
		t.Error("with the toggle focused, V and F11 did nothing")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if a.board.Following() {
		t.Error("Space on the toggle did not press it")
	}
}

// Ctrl+Shift+P opens the audience window and closes it again, from the
// main window or from the audience window itself; the View menu's item is
// ticked while it is open.
func TestAudienceWindowToggles(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	ticked := func() bool {
		for _, m := range s.win.MainMenu().Items {
			for _, it := range m.Items {
				if it.Label == "Audience window" {
					return it.Checked
				}
			}
		}
		t.Fatal("no View ▸ Audience window")
		return false
	}
	menuAction(t, s, "Audience window")()
	a := s.audienceWin()
	if a == nil || !ticked() {
		t.Fatalf("Ctrl+Shift+P: window %v, ticked %v", a != nil, ticked())
	}
	menuAction(t, s, "Audience window")()
	if s.audienceWin() != nil || ticked() {
		t.Fatalf("Ctrl+Shift+P again left it open (ticked %v)", ticked())
	}
	menuAction(t, s, "Audience window")()
	a = s.audienceWin()
	typeShortcut(t, a.win.Canvas(), &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if s.audienceWin() != nil || ticked() {
		t.Fatal("Ctrl+Shift+P in the audience window did not close it")
	}
	if !strings.Contains(a.hint.Text, "Ctrl+Shift+P close") {
		t.Errorf("the audience window's hint does not say how to close it: %q", a.hint.Text)
	}
}

// The audience window starts on the whole board, readable: every card of
// the sample re-flowed at text of at least 1/40 of the window; W shows it
// as laid out and back, moving nothing; a card added in the main window
// is re-flowed in.
func TestAudienceWindowShowsTheWholeBoardReadable(t *testing.T) {
	_, v, a := openWithAudience(t)
	h := a.win.Canvas().Size().Height
	if !a.wholeOn || a.body.Objects[0] != a.whole || !a.wholeBtn.Visible() || a.wholeBtn.Text != "As laid out" {
		t.Fatalf("the audience window starts on %T (button %q), want the whole board", a.body.Objects[0], a.wholeBtn.Text)
	}
	l := a.whole.Layout()
	if len(l.Cards) != len(v.Board().Factors()) || l.TextSize < float64(h)/40 || l.ArrowWidth < float64(h)/400 {
		t.Errorf("%d cards at %.1f, arrows %.1f, in a %.0f-high window; want %d at least %.1f and %.1f",
			len(l.Cards), l.TextSize, l.ArrowWidth, h, len(v.Board().Factors()), h/40, h/400)
	}
	places := v.Board().Factors()
	a.typedKey(&fyne.KeyEvent{Name: fyne.KeyW})
	if a.wholeOn || a.body.Objects[0] != a.board || a.wholeBtn.Text != "Whole board" {
		t.Error("W did not show the board as laid out")
	}
	test.Tap(a.wholeBtn)
	if !a.wholeOn || a.body.Objects[0] != a.whole {
		t.Error("the button did not go back to the whole board")
	}
	if !slices.Equal(v.Board().Factors(), places) || !slices.Equal(a.board.Factors(), places) {
		t.Error("toggling the whole board moved cards")
	}
	s := a.s
	q := quickAdd(t, s.win.Canvas())
	test.Type(q, "Charger unlabelled")
	q.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := len(a.whole.Layout().Cards); got != len(places)+1 || !onAudience(a, "Charger unlabelled") {
		t.Errorf("after a card was added the whole board shows %d cards, want %d", got, len(places)+1)
	}
}

// With the room open, its join card stands in the corner of the audience
// window: the whole board's cards keep clear of it, and take the room
// back when it closes.
func TestAudienceWholeBoardKeepsClearOfTheJoinCard(t *testing.T) {
	s, v, a := openWithAudience(t)
	v.OpenRoom("127.0.0.1")
	t.Cleanup(v.CloseRoom)
	settle(s)
	if !v.RoomOpen() || a.join.Size().IsZero() {
		t.Fatal("the room did not open, or its join card is not shown")
	}
	size, keep := a.whole.Size(), a.join.Size()
	corner := dcanvas.Rect{X: float64(size.Width - keep.Width), Y: float64(size.Height - keep.Height), W: float64(keep.Width), H: float64(keep.Height)}
	for _, c := range a.whole.Layout().Cards {
		if c.Rect.Intersects(corner) {
			t.Errorf("card %d at %v is under the join card %v", c.ID, c.Rect, corner)
		}
	}
	v.CloseRoom()
	settle(s)
	if !a.join.Size().IsZero() {
		t.Error("the join card is still there with the room closed")
	}
}
