package debrief

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// device joins the open room by its code, as the page does, and returns a
// function that sends a card from it.
func device(t *testing.T, v *Screen) (post func(path, body string) int) {
	t.Helper()
	st := v.Room().Status()
	base := strings.TrimSuffix(st.JoinURL, "/")
	call := func(path, body string, h map[string]string) (int, map[string]string) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range h {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		out := map[string]string{}
		json.Unmarshal(b, &out)
		return res.StatusCode, out
	}
	_, tok := call("/api/join", `{"code":"`+st.Code+`"}`, nil)
	h := map[string]string{"X-Room-Token": tok["token"]}
	_, dev := call("/api/devices", `{}`, h)
	h["X-Room-Device"] = dev["device"]
	return func(path, body string) int {
		code, _ := call(path, body, h)
		return code
	}
}

// waitFor runs the UI queue until ok holds.
func waitFor(t *testing.T, s *testShell, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen in 10 s", what)
		}
		time.Sleep(20 * time.Millisecond)
		s.queue.Run()
	}
}

// The facilitator's side end to end, headless: open the room, a device
// writes, the board counts the card face down, Reveal all puts it on
// the board, votes wait for Show votes, closing the debrief closes the room.
func TestRoomPanel(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	v.Show(model.FactorsPhase)
	before := len(v.Board().Factors())
	v.ToggleRoom()
	if !v.RoomOpen() || v.room.box.Hidden {
		t.Fatal("Ctrl+R did not open the room and its panel")
	}
	st := v.Room().Status()
	if len(st.Code) != 6 || !strings.HasPrefix(st.URL, "http://") || v.room.qr == nil {
		t.Fatalf("the room shows %+v, QR %v", st, v.room.qr != nil)
	}
	if !strings.Contains(uitest.Texts(s.win.Canvas()), spaced(st.Code)) {
		t.Error("the panel does not show the code")
	}
	post := device(t, v)
	for _, text := range []string{"Alert went to an old channel", "<img src=x onerror=alert(1)>"} {
		if code := post("/api/cards", `{"text":`+quote(text)+`,"category":"technical"}`); code != 201 {
			t.Fatalf("card: %d", code)
		}
	}
	waitFor(t, s, "two cards face down", func() bool { return v.Board().FaceDownCount() == 2 })
	if len(v.Board().Factors()) != before {
		t.Error("a face-down card is drawn on the board")
	}
	texts := uitest.Texts(s.win.Canvas())
	if strings.Contains(texts, "old channel") || !strings.Contains(texts, "2 cards face down") || !strings.Contains(texts, "Reveal all (2)") {
		t.Errorf("the screen reads:\n%s", texts)
	}
	v.room.revealAll.OnTapped()
	if v.Board().FaceDownCount() != 0 || len(v.Board().Factors()) != before+2 {
		t.Fatalf("after Reveal all: %d face down, %d cards", v.Board().FaceDownCount(), len(v.Board().Factors()))
	}
	var xss model.Factor
	for _, f := range v.Board().Factors() {
		if strings.HasPrefix(f.Text, "<img") {
			xss = f
		}
	}
	if xss.Text != "<img src=x onerror=alert(1)>" {
		t.Errorf("the XSS card reads %q on the board; want those characters", xss.Text)
	}
	v.Show(model.ConnectPhase)
	if code := post("/api/votes", `{"card":`+itoa(xss.ID)+`}`); code != 200 {
		t.Fatalf("vote: %d", code)
	}
	waitFor(t, s, "the vote counted", func() bool { return !v.room.showVotes.Disabled() })
	if f, _ := v.Board().Factor(xss.ID); f.Votes != 0 {
		t.Error("a vote shows before Show votes")
	}
	v.room.showVotes.OnTapped()
	waitFor(t, s, "votes shown", func() bool { f, _ := v.Board().Factor(xss.ID); return f.Votes == 1 })
	v.FoldRoom(true)
	if !v.room.box.Hidden || v.room.pill.Hidden || !strings.Contains(v.room.pill.Text, spaced(st.Code)) {
		t.Error("folding did not leave the join pill with the code")
	}
	r := v.Room()
	s.ShowHome()
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("leaving the debrief did not close its room")
	}
	if _, err := http.Get(st.JoinURL); err == nil {
		t.Error("the room still answers after its debrief closed")
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// A change proposed from a device while the facilitator types a lesson
// appears in the list, and the keyboard stays in the lesson.
func TestProposalFromADeviceKeepsTheTypist(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	v.Show(model.LessonsPhase)
	var field *ui.TextField
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		if f, ok := o.(*ui.TextField); ok && field == nil && f.MultiLine {
			field = f
		}
		return field == nil
	})
	if field == nil {
		t.Fatal("no lesson field")
	}
	s.win.Canvas().Focus(field)
	field.TypedRune('X')
	id := v.sess.NewChangeID()
	if _, err := v.sess.Do(context.Background(), "device", func(d *model.Document) (model.Change, error) {
		p := d.Parts()
		p.Changes = append(p.Changes, model.ProcessChange{ID: id, What: "Proposed from a phone"})
		return model.Change{Parts: &p}, nil
	}); err != nil {
		t.Fatal(err)
	}
	settle(s)
	still := false
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		still = still || o == field
		return !still
	})
	if s.win.Canvas().Focused() != field || !still {
		t.Error("a proposal from a device took the keyboard from the lesson being typed (the phase was rebuilt under it)")
	}
	if !strings.Contains(uitest.Texts(s.win.Canvas()), "Proposed from a phone") {
		t.Error("the proposal is not in the list")
	}
}

// With the room closed the phase has the whole width: no empty column
// where the panel goes.
func TestClosedRoomTakesNoRoom(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	v.Show(model.LessonsPhase)
	full := v.body.Size().Width
	v.OpenRoom("127.0.0.1")
	if !v.RoomOpen() {
		t.Fatal("the room did not open")
	}
	v.root.Refresh()
	with := v.body.Size().Width
	v.CloseRoom()
	v.root.Refresh()
	if after := v.body.Size().Width; after != full || with >= full-panelWidth+1 || full < 1200 {
		t.Errorf("the phase is %v wide with the room closed, %v with it open, %v after closing; want the window's width (1280 less padding) when closed", full, with, after)
	}
}

// With the room's panel open at 1280x800 the quick-add field keeps its
// width: the tools go on a row of their own under it, above the board.
func TestToolbarWrapsBesideTheRoom(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	v.Show(model.FactorsPhase)
	v.OpenRoom("127.0.0.1")
	for range 3 { // the row's second layout comes through the UI queue
		v.root.Refresh()
		settle(s)
	}
	d := fyne.CurrentApp().Driver()
	quick, tools, board := d.AbsolutePositionForObject(v.quick), d.AbsolutePositionForObject(v.undo), d.AbsolutePositionForObject(v.board)
	if v.quick.Size().Width < quickMinWidth {
		t.Errorf("the quick-add field is %v wide; want at least %v", v.quick.Size().Width, quickMinWidth)
	}
	if tools.Y < quick.Y+v.quick.Size().Height || board.Y < tools.Y+v.undo.Size().Height {
		t.Errorf("field at y=%v (h %v), tools at y=%v, board at y=%v: the tools must sit under the field and above the board",
			quick.Y, v.quick.Size().Height, tools.Y, board.Y)
	}
}

// The Share step's summary (and presentation mode, which reads the same)
// never shows a card still face down or hidden.
func TestSummaryLeavesOutFaceDownAndHidden(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	down, hidden := v.sess.NewFactorID(), v.sess.NewFactorID()
	if _, err := v.sess.Do(context.Background(), "device", func(*model.Document) (model.Change, error) {
		return model.Change{Factors: []model.Factor{
			{ID: down, Text: "Secret face down", Category: model.People, W: 220, H: 120, Face: model.FaceDown},
			{ID: hidden, Text: "Abuse hidden", Category: model.People, W: 220, H: 120, Face: model.FaceHidden},
		}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	settle(s)
	v.Show(model.SharePhase)
	texts := uitest.Texts(s.win.Canvas())
	if strings.Contains(texts, "Secret face down") || strings.Contains(texts, "Abuse hidden") {
		t.Errorf("the summary shows a card that is face down or hidden:\n%s", texts)
	}
	for _, f := range v.Current().Factors {
		if !f.Shown() {
			t.Errorf("Current() has card %d, face %d", f.ID, f.Face)
		}
	}
}

// A debrief of a group opens the room with the group's votes per person,
// shown in its panel.
func TestRoomStartsWithTheGroupsDots(t *testing.T) {
	s, db := newTestShell(t, false)
	ctx := context.Background()
	g := model.NewGroup("Robotics club")
	g.Dots = 5
	gid, err := db.CreateGroup(ctx, &g)
	if err != nil {
		t.Fatal(err)
	}
	d := &model.Dossier{Debrief: model.NewDebrief("State finals")}
	d.Debrief.GroupID = gid
	id, err := db.ImportDossier(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	s.OpenDebrief(id)
	v := s.open
	v.ToggleRoom()
	t.Cleanup(func() { v.CloseRoomAndWait() })
	if st := v.Room().Status(); st.Dots != 5 {
		t.Errorf("the room opened with %d dots each, want the group's 5", st.Dots)
	}
	if v.room.dots.Selected != "5" {
		t.Errorf("the panel's Dots each shows %q, want the group's 5", v.room.dots.Selected)
	}
}
