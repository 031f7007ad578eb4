package debrief

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// timelineShown is the list as it reads on screen, an event a line:
// "09:05 Started Deploy went out"; a form being edited reads
// "[09:05] [Deploy went out]".
func timelineShown(v *Screen) []string {
	var out []string
	for _, row := range v.timeline.list.Objects {
		var clock, kind, text, fields []string
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			if o == nil || !o.Visible() {
				return
			}
			switch w := o.(type) {
			case *widget.Label:
				if w.Alignment == fyne.TextAlignTrailing {
					clock = append(clock, w.Text)
				} else {
					text = append(text, w.Text)
				}
			case *ui.Pill: // a kind
				for _, c := range test.WidgetRenderer(w).Objects() {
					if t, ok := c.(*canvas.Text); ok {
						kind = append(kind, t.Text)
					}
				}
			case *ui.TextField:
				fields = append(fields, "["+w.Text+"]")
			case *fyne.Container:
				for _, c := range w.Objects {
					walk(c)
				}
			}
		}
		walk(row)
		if len(fields) > 0 {
			out = append(out, strings.Join(fields, " "))
			continue
		}
		out = append(out, strings.Join(slices.Concat(clock, kind, text), " "))
	}
	return out
}

// rowButton is the button with icon res in the list's row that shows text.
func rowButton(t *testing.T, v *Screen, text string, res fyne.Resource) *widget.Button {
	t.Helper()
	for i, line := range timelineShown(v) {
		if !strings.Contains(line, text) {
			continue
		}
		var found *widget.Button
		uitest.WalkObject(v.timeline.list.Objects[i], func(o fyne.CanvasObject) bool {
			if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == res.Name() {
				found = b
			}
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	t.Fatalf("no row %q with a %s button in %q", text, res.Name(), timelineShown(v))
	return nil
}

func typeIn(f *ui.TextField, text string) {
	f.SetText("")
	test.Type(f, text)
}

func pressEnter(f *ui.TextField) { f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func wantTimeline(t *testing.T, v *Screen, want ...string) {
	t.Helper()
	if got := timelineShown(v); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the timeline reads\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// A facilitator types the timeline as people talk: the time is now, Enter
// adds and keeps the keyboard in the text field; events are listed by
// time; one is edited, one deleted; Undo takes both back; everything is
// stored, and editing a lesson afterwards keeps it.
func TestTimelineAddEditSortDeleteUndo(t *testing.T) {
	s, db, v, flush := openBlank(t, "Checkout outage")
	c := s.win.Canvas()
	if v.Phase() != model.SetTheStage || v.timeline == nil {
		t.Fatal("Set the stage has no timeline")
	}
	at, text := entry(t, c, timelineAtHint), entry(t, c, timelineTextHint)
	if !regexp.MustCompile(`^\d\d:\d\d$`).MatchString(at.Text) {
		t.Errorf("the time field starts as %q, want the time now", at.Text)
	}
	v.timeline.now = func() time.Time { return time.Date(2026, 12, 4, 14, 30, 0, 0, time.Local) }
	v.timeline.setNow()
	wantTimeline(t, v, "No events yet. Add the first: when did it start?")

	// Tab goes as the eye does: the time, the kind, the text, Add.
	c.Focus(at)
	c.FocusNext()
	if c.Focused() != v.timeline.kind {
		t.Errorf("Tab from the time goes to %T, want the kind", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != text {
		t.Errorf("Tab from the kind goes to %T, want the text", c.Focused())
	}
	c.FocusNext()
	if b, ok := c.Focused().(*widget.Button); !ok || b.Text != "Add" {
		t.Errorf("Tab from the text goes to %T, want Add", c.Focused())
	}

	// Now, by Enter; the keyboard stays for the next one.
	c.Focus(text)
	test.Type(text, "Pager went off")
	pressEnter(text)
	if c.Focused() != text || text.Text != "" {
		t.Errorf("after Enter the text field has %q and the keyboard is on %T; want it empty and focused", text.Text, c.Focused())
	}
	// Earlier times, typed, with a kind.
	typeIn(at, "9:05")
	v.timeline.kind.SetSelected("Started")
	test.Type(text, "Deploy went out")
	pressEnter(text)
	if at.Text != "9:05" || v.timeline.kind.SelectedIndex() != 0 {
		t.Errorf("after an add the time reads %q (want the typed one kept) and the kind %q (want none)", at.Text, v.timeline.kind.Selected)
	}
	typeIn(at, "10:15")
	v.timeline.kind.SetSelected("Tried")
	test.Type(text, "Restarted the workers")
	test.Tap(uitest.Button(t, c, "Add"))
	wantTimeline(t, v, "09:05 Started Deploy went out", "10:15 Tried Restarted the workers", "14:30 Pager went off")

	// A time that is none is refused, and nothing is added.
	typeIn(at, "25:99")
	test.Type(text, "Nope")
	pressEnter(text)
	if !strings.Contains(uitest.Texts(c), `"25:99" is not a time like 14:30`) || c.Focused() != at {
		t.Errorf("a bad time was not flagged (keyboard on %T): %s", c.Focused(), uitest.Texts(c))
	}
	if n := len(v.sess.Parts().Timeline); n != 3 {
		t.Errorf("%d events after a bad time, want 3", n)
	}

	// Edit in place: the time and the text; the list sorts again.
	test.Tap(rowButton(t, v, "Restarted the workers", theme.DocumentCreateIcon()))
	form := timelineShown(v)
	if form[1] != "[10:15] [Restarted the workers]" && !strings.Contains(form[1], "[Restarted the workers]") {
		t.Fatalf("the edit form reads %q", form)
	}
	var fields []*ui.TextField
	uitest.WalkObject(v.timeline.list.Objects[1], func(o fyne.CanvasObject) bool {
		if f, ok := o.(*ui.TextField); ok {
			fields = append(fields, f)
		}
		return true
	})
	if len(fields) != 2 {
		t.Fatalf("the edit form has %d text fields, want the time and the text", len(fields))
	}
	slices.SortFunc(fields, func(a, b *ui.TextField) int { // the time first
		return strings.Compare(a.PlaceHolder, b.PlaceHolder)
	})
	if fields[0].PlaceHolder != timelineAtHint {
		t.Fatalf("the edit form's fields: %q, %q", fields[0].PlaceHolder, fields[1].PlaceHolder)
	}
	if c.Focused() != fields[1] {
		t.Errorf("the edit form's text does not have the keyboard (%T has)", c.Focused())
	}
	typeIn(fields[0], "08:00")
	typeIn(fields[1], "Rolled back the deploy")
	pressEnter(fields[1])
	wantTimeline(t, v, "08:00 Tried Rolled back the deploy", "09:05 Started Deploy went out", "14:30 Pager went off")

	// Delete, then undo the delete and the edit.
	test.Tap(rowButton(t, v, "Pager went off", theme.DeleteIcon()))
	wantTimeline(t, v, "08:00 Tried Rolled back the deploy", "09:05 Started Deploy went out")
	flush()
	undo := uitest.Button(t, c, "Undo")
	test.Tap(undo)
	flush()
	wantTimeline(t, v, "08:00 Tried Rolled back the deploy", "09:05 Started Deploy went out", "14:30 Pager went off")
	test.Tap(undo)
	flush()
	wantTimeline(t, v, "09:05 Started Deploy went out", "10:15 Tried Restarted the workers", "14:30 Pager went off")

	// Stored (what an undo brings back goes to the end of the list; the
	// screen sorts); a lesson typed later keeps them.
	v.editParts(true, func(d *model.Dossier) { d.Lesson.WhatLed = "A deploy on Friday." })
	flush()
	d, err := db.LoadDossier(context.Background(), v.sess.ID())
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, e := range d.Timeline {
		stored = append(stored, e.At+" "+string(e.Kind)+" "+e.Text)
	}
	if want := "9:05 started Deploy went out|10:15 tried Restarted the workers|14:30  Pager went off"; strings.Join(stored, "|") != want {
		t.Errorf("stored timeline %q, want %q", strings.Join(stored, "|"), want)
	}
	if d.Lesson.WhatLed != "A deploy on Friday." {
		t.Errorf("the lesson was not stored: %q", d.Lesson.WhatLed)
	}

	// Opened again, it shows the same.
	s.OpenDebrief(d.Debrief.ID)
	wantTimeline(t, s.open, "09:05 Started Deploy went out", "10:15 Tried Restarted the workers", "14:30 Pager went off")
}

// TestTimelineScreenshot renders Set the stage with a few events at
// 1280×800, and as presentation mode shows it: the events read in time
// order on both. The PNGs go to DEBRIEF_SHOT (to look at), else to a
// temporary folder.
func TestTimelineScreenshot(t *testing.T) {
	path := os.Getenv("DEBRIEF_SHOT")
	if path == "" {
		path = filepath.Join(t.TempDir(), "stage.png")
	}
	s, _, v, flush := openBlank(t, "Checkout outage")
	v.editDebrief(func(d *model.Debrief) {
		d.Summary = "Checkout returned errors for 40 minutes on Friday afternoon after a deploy."
		d.Participants = []string{"Ana", "Ben", "Chris"}
	})
	for _, e := range []model.TimelineEvent{
		{At: "14:02", Text: "Deploy of the payment service went out", Kind: model.KindStarted},
		{At: "14:10", Text: "Support ticket: customers cannot pay", Kind: model.KindNoticed},
		{At: "14:25", Text: "Restarted the workers; no change", Kind: model.KindTried},
		{At: "14:31", Text: "Ana paged the on-call engineer"},
		{At: "14:42", Text: "Rolled back the deploy; errors stopped", Kind: model.KindFixed},
	} {
		e.ID = v.sess.NewTimelineID()
		v.editTimeline("Add to the timeline", func(list *[]model.TimelineEvent) { *list = append(*list, e) })
	}
	flush()
	s.OpenDebrief(v.sess.ID())
	s.win.Resize(fyne.NewSize(1280, 800))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, s.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	inOrder := func(where, texts string) {
		t.Helper()
		at := -1
		for _, e := range []string{"Deploy of the payment service went out", "Support ticket: customers cannot pay",
			"Restarted the workers; no change", "Ana paged the on-call engineer", "Rolled back the deploy; errors stopped"} {
			i := strings.Index(texts, e)
			if i <= at {
				t.Errorf("%s: %q is missing or out of time order in\n%s", where, e, texts)
			}
			at = i
		}
	}
	inOrder("Set the stage", uitest.Texts(s.win.Canvas()))
	// And as presentation mode shows it, on a 1280×800 projector.
	room := test.NewTempWindow(t, container.NewVScroll(RoomView(model.SetTheStage, s.open.Current(), nil, 1280,
		NewRoomTheme(test.Theme(), 800))))
	room.Resize(fyne.NewSize(1280, 800))
	g, err := os.Create(strings.TrimSuffix(path, ".png") + "-presented.png")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := png.Encode(g, room.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	inOrder("presentation", uitest.Texts(room.Canvas()))
}

// Presentation mode's Set the stage and the Share step's summary show the
// timeline, sorted, read-only.
func TestTimelinePresentedAndSummarised(t *testing.T) {
	test.NewTempApp(t)
	d := &model.Dossier{Debrief: model.NewDebrief("Checkout outage"), Timeline: []model.TimelineEvent{
		{ID: 2, At: "14:42", Text: "Rolled back", Kind: model.KindFixed},
		{ID: 1, At: "14:02", Text: "Deploy went out", Kind: model.KindStarted},
	}}
	for name, o := range map[string]fyne.CanvasObject{
		"presentation": RoomView(model.SetTheStage, d, nil, 1920, NewRoomTheme(theme.DefaultTheme(), 1080)),
		"summary":      summaryView(d),
	} {
		w := test.NewTempWindow(t, o)
		w.Resize(fyne.NewSize(1280, 800))
		texts := uitest.Texts(w.Canvas())
		h, i, j := strings.Index(texts, "Timeline\n"), strings.Index(texts, "Deploy went out"), strings.Index(texts, "Rolled back")
		if h < 0 || i < h || j < i || !strings.Contains(texts, "14:02") || !strings.Contains(texts, "Started") || !strings.Contains(texts, "Fixed") {
			t.Errorf("%s: no sorted timeline in\n%s", name, texts)
		}
		if strings.Contains(texts, "Add") {
			t.Errorf("%s: the timeline can be edited here", name)
		}
	}
}

// At a reflection held on a later day than the setback, "now" carries
// its date, so it sorts after the events of that day.
func TestTimelinePrefillsTheDateOnALaterDay(t *testing.T) {
	_, _, v, _ := openBlank(t, "Checkout outage")
	v.editDebrief(func(d *model.Debrief) { d.HappenedAt = time.Date(2026, 12, 4, 14, 0, 0, 0, time.Local) })
	for now, want := range map[time.Time]string{
		time.Date(2026, 12, 4, 16, 5, 0, 0, time.Local): "16:05",
		time.Date(2026, 12, 5, 9, 30, 0, 0, time.Local): "2026-12-05 09:30",
	} {
		v.timeline.now = func() time.Time { return now }
		v.timeline.setNow()
		if v.timeline.at.Text != want {
			t.Errorf("at %v the time field says %q, want %q", now, v.timeline.at.Text, want)
		}
	}
}
