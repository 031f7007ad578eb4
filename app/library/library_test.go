package library

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// sampleTitle is the title of the sample debrief (assets/sample.json).
const sampleTitle = "Rover bench test — motor controller burned out two days before the demo"

// libraryOf is a shell on the sample and three more debriefs, started an
// hour apart after it.
func libraryOf(t *testing.T) (*testShell, *store.DB) {
	t.Helper()
	s, db := newTestShell(t, true)
	for i, d := range []struct {
		title string
		cards []string
	}{
		{"Überschwemmung im Keller", []string{"Die Pumpe fiel aus", "Niemand prüfte den Schwimmer"}},
		{"Camping trip without tent poles", []string{"Packed in the dark", "ÉQUIPE list was never read out"}},
		{"Launch slipped a week", []string{"Scope grew after the freeze"}},
	} {
		db.SetClock(func() time.Time { return storetest.Clock.Add(time.Duration(i+1) * time.Hour) })
		storetest.AddDebrief(t, db, d.title, d.cards...)
	}
	s.ShowHome()
	return s, db
}

func itemTitles(h *Home) []string {
	var ts []string
	for _, d := range h.Items() {
		ts = append(ts, d.Title)
	}
	return ts
}

// rowOf finds the library row showing debrief id.
func rowOf(t *testing.T, c fyne.Canvas, id int64) *libraryRow {
	t.Helper()
	var found *libraryRow
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*libraryRow); ok && r.item.ID == id {
			found = r
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no library row shows debrief %d", id)
	}
	return found
}

func TestLibrarySearchesTitlesAndCards(t *testing.T) {
	s, _ := libraryOf(t)
	h, c := s.home, s.win.Canvas()
	if got := h.count.Text; got != "4 debriefs" {
		t.Errorf("count = %q, want 4 debriefs", got)
	}
	tests := []struct {
		query string
		want  []string
		count string
	}{
		{"launch", []string{"Launch slipped a week"}, "1 of 4 debriefs"},
		{"ÜBERSCHWEMMUNG", []string{"Überschwemmung im Keller"}, "1 of 4 debriefs"}, // Ü in a title
		{"pumpe", []string{"Überschwemmung im Keller"}, "1 of 4 debriefs"},          // a card
		{"prüfte", []string{"Überschwemmung im Keller"}, "1 of 4 debriefs"},         // ü on a card
		{"équipe", []string{"Camping trip without tent poles"}, "1 of 4 debriefs"},  // É on a card
		{"checklist", []string{sampleTitle}, "1 of 4 debriefs"},                     // the sample's cards
		{"the", []string{"Launch slipped a week", "Camping trip without tent poles", sampleTitle}, "3 of 4 debriefs"},
	}
	for _, tt := range tests {
		h.search.SetText("")
		test.Type(h.search, tt.query) // a search per keystroke, as a person types
		got := itemTitles(h)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q shows %q, want %q", tt.query, got, tt.want)
		}
		if h.count.Text != tt.count {
			t.Errorf("search %q counts %q, want %q", tt.query, h.count.Text, tt.count)
		}
	}
	// Found by a card's words: the row says which card.
	h.search.SetText("pumpe")
	if shown := uitest.Texts(c); !strings.Contains(shown, "Card: “") {
		t.Errorf("a debrief found by a card does not say which:\n%s", shown)
	}
	h.search.SetText("xyz")
	shown := uitest.Texts(c)
	if !strings.Contains(shown, "No debrief mentions “xyz”.") || h.count.Text != "0 of 4 debriefs" {
		t.Errorf("an empty search shows:\n%s", shown)
	}
	test.Tap(uitest.Button(t, c, "Clear the search"))
	if len(h.Items()) != 4 || h.count.Text != "4 debriefs" || h.search.Text != "" {
		t.Errorf("clearing the search shows %q, %q", itemTitles(h), h.count.Text)
	}
}

func TestLibrarySorts(t *testing.T) {
	s, db := libraryOf(t)
	h := s.home
	sample := h.Items()[3]
	if err := db.UpdateDebrief(context.Background(), &model.Debrief{ID: sample.ID, Title: sample.Title, TimeboxMinutes: 10, Status: model.Closed}); err != nil {
		t.Fatal(err)
	}
	h.Reload()
	newest := []string{"Launch slipped a week", "Camping trip without tent poles", "Überschwemmung im Keller", sample.Title}
	if got := itemTitles(h); !slices.Equal(got, newest) {
		t.Fatalf("newest first: %q, want %q", got, newest)
	}
	for _, tt := range []struct {
		label string
		want  []string
	}{
		{"Oldest first", []string{sample.Title, "Überschwemmung im Keller", "Camping trip without tent poles", "Launch slipped a week"}},
		{"Title", []string{"Camping trip without tent poles", "Launch slipped a week", sample.Title, "Überschwemmung im Keller"}},
		{"Status", []string{"Launch slipped a week", "Camping trip without tent poles", "Überschwemmung im Keller", sample.Title}},
		{"Newest first", newest},
	} {
		h.sortBy.SetSelected(tt.label)
		if got := itemTitles(h); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.label, got, tt.want)
		}
	}
	h.sortBy.SetSelected("Title")
	h.search.SetText("e") // a search keeps the order
	if got := itemTitles(h); len(got) != 4 || got[0] != "Camping trip without tent poles" {
		t.Errorf("searching by title: %q", got)
	}
	if got := s.app.Preferences().Int(prefLibrarySort); got != int(store.ByTitle) {
		t.Errorf("the order chosen was not remembered: %d", got)
	}
	again := New(s.host, s.db, s.app.Preferences(), s.open)
	if again.sort != store.ByTitle || again.sortBy.Selected != "Title" {
		t.Errorf("a new library starts in %v (%q), want the remembered order", again.sort, again.sortBy.Selected)
	}
}

func TestStaleSearchNeverOverwritesANewerOne(t *testing.T) {
	a := test.NewTempApp(t)
	db := storetest.New(t)
	storetest.AddDebrief(t, db, "Rover bench test")
	storetest.AddDebrief(t, db, "Camping trip")
	var jobs []func()
	s := newShell(a, db, func(f func()) { jobs = append(jobs, f) })
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	run := func(i int) { f := jobs[i]; jobs[i] = func() {}; f() }
	for i := 0; i < len(jobs); i++ {
		run(i) // the first load: the groups, then the list they start
	}
	h := s.home
	if len(h.Items()) != 2 {
		t.Fatalf("first load: %q", itemTitles(h))
	}

	// "r" is still being read when "ro" starts; "ro" answers first, "r" last.
	jobs = nil
	h.search.SetText("r")
	h.search.SetText("ro")
	if len(jobs) != 2 {
		t.Fatalf("%d searches started, want 2", len(jobs))
	}
	run(1)
	if got := itemTitles(h); !slices.Equal(got, []string{"Rover bench test"}) {
		t.Fatalf("after the newer search: %q", got)
	}
	run(0)
	if got := itemTitles(h); !slices.Equal(got, []string{"Rover bench test"}) || h.count.Text != "1 of 2 debriefs" {
		t.Errorf("the stale search overwrote the newer one: %q, %q", got, h.count.Text)
	}

	// In order, too: the older one's results give way to the newer one's.
	jobs = nil
	h.search.SetText("camp")
	h.search.SetText("")
	run(0)
	run(1)
	if len(h.Items()) != 2 || h.count.Text != "2 debriefs" {
		t.Errorf("after clearing: %q, %q", itemTitles(h), h.count.Text)
	}
	if h.shown != "" {
		t.Errorf("shows the results of %q", h.shown)
	}
}

func TestDeleteMovesToTheTrashThenUndo(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	id := h.Items()[0].ID
	before, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var timers []func()
	h.after = func(_ time.Duration, f func()) { timers = append(timers, f) }
	if h.trashBtn.Visible() {
		t.Error("the Trash button shows while the Trash is empty")
	}

	test.Tap(rowOf(t, c, id).remove)
	if n, _ := db.CountDebriefs(ctx, store.AllGroups); n != 0 {
		t.Fatalf("Delete kept the debrief in the library (%d left)", n)
	}
	if trash, _ := db.ListTrash(ctx); len(trash) != 1 || trash[0].ID != id {
		t.Fatalf("the Trash holds %+v, want the deleted debrief", trash)
	}
	shown := uitest.Texts(c)
	if strings.Contains(shown, "cannot be") {
		t.Error("delete asked for confirmation though it can be undone")
	}
	if !strings.Contains(shown, "Moved “"+before.Debrief.Title+"” to the Trash.") || !strings.Contains(shown, "No debriefs yet") {
		t.Errorf("after delete the library shows:\n%s", shown)
	}
	if !h.trashBtn.Visible() || h.trashBtn.Text != "Trash (1)" {
		t.Errorf("the Trash button is %q, visible %v; want Trash (1)", h.trashBtn.Text, h.trashBtn.Visible())
	}
	drv := fyne.CurrentApp().Driver()
	searchEnd := drv.AbsolutePositionForObject(h.search).X + h.search.Size().Width
	trashAt, sortAt := drv.AbsolutePositionForObject(h.trashBtn).X, drv.AbsolutePositionForObject(h.sortBy).X
	if trashAt < searchEnd || trashAt+h.trashBtn.Size().Width > sortAt || h.trashBtn.Size().Width < h.trashBtn.MinSize().Width {
		t.Errorf("the Trash button (x %v, width %v of %v) is not between the search field (ending at %v) and the sort order (at %v)",
			trashAt, h.trashBtn.Size().Width, h.trashBtn.MinSize().Width, searchEnd, sortAt)
	}
	if len(timers) != 1 {
		t.Fatalf("%d banner timers, want 1", len(timers))
	}

	test.Tap(uitest.Button(t, c, "Undo"))
	after, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatalf("Undo did not bring the debrief back: %v", err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("Undo restored\n%+v\nwant\n%+v", after, before)
	}
	if len(h.Items()) != 1 || h.undoBar.Visible() || h.trashBtn.Visible() || h.CanUndo() {
		t.Errorf("after Undo: items %q, banner visible %v, Trash button visible %v, more to undo %v",
			itemTitles(h), h.undoBar.Visible(), h.trashBtn.Visible(), h.CanUndo())
	}
	timers[0]() // the banner's time runs out after it is gone: harmless
	if h.undoBar.Visible() {
		t.Error("the timer brought the banner back")
	}
}

// TestTwoDeletesAreBothRestorable: the banner shows the last delete, but
// neither is lost: Undo brings back the last, then the one before, each
// exactly as it was, also after the banner's time is up.
func TestTwoDeletesAreBothRestorable(t *testing.T) {
	s, db := libraryOf(t)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	var timers []func()
	h.after = func(_ time.Duration, f func()) { timers = append(timers, f) }
	first, second := h.Items()[0], h.Items()[1]
	var before []*model.Dossier
	for _, d := range []store.DebriefSummary{first, second} {
		dossier, err := db.LoadDossier(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		before = append(before, dossier)
	}

	test.Tap(rowOf(t, c, first.ID).remove)
	test.Tap(rowOf(t, c, second.ID).remove)
	if got := h.undoText.Text; got != "Moved “"+second.Title+"” to the Trash." {
		t.Errorf("banner says %q after the second delete", got)
	}
	if h.trashBtn.Text != "Trash (2)" {
		t.Errorf("the Trash button says %q, want Trash (2)", h.trashBtn.Text)
	}
	timers[0]() // the first delete's time is up: the second's banner stays
	if !h.undoBar.Visible() {
		t.Fatal("the first delete's timer hid the second's banner")
	}
	timers[1]()
	if h.undoBar.Visible() {
		t.Fatal("the banner outlived its time")
	}

	for i, d := range []store.DebriefSummary{second, first} { // Undo, as Ctrl+Z does: the last first
		if !h.Undo() {
			t.Fatalf("undo %d: nothing to undo", i+1)
		}
		got, err := db.LoadDossier(ctx, d.ID)
		if err != nil {
			t.Fatalf("undo %d did not bring back %q: %v", i+1, d.Title, err)
		}
		if !reflect.DeepEqual(got, before[1-i]) {
			t.Errorf("undo %d restored\n%+v\nwant\n%+v", i+1, got, before[1-i])
		}
	}
	if h.Undo() || len(h.Items()) != 4 || h.trashBtn.Visible() {
		t.Errorf("after two undos: items %q, Trash button visible %v", itemTitles(h), h.trashBtn.Visible())
	}
}

func TestADeleteThatFailsDeletesNothing(t *testing.T) {
	s, db := newTestShell(t, true)
	h, c := s.home, s.win.Canvas()
	row := rowOf(t, c, h.Items()[0].ID)
	db.Close() // the disk went away
	test.Tap(row.remove)
	if !strings.Contains(uitest.Texts(c), "Could not move the debrief to the Trash") {
		t.Errorf("a failed delete said nothing:\n%s", uitest.Texts(c))
	}
	if h.undoBar.Visible() || h.CanUndo() || len(h.Items()) != 1 {
		t.Error("a failed delete offered an undo or left the list")
	}
}

// cardsOf is a dossier's content without IDs: references to cards become
// the card's place in the list.
func cardsOf(d *model.Dossier) model.Dossier {
	c := model.Dossier{Lesson: d.Lesson}
	c.Lesson.DebriefID = 0
	place := map[int64]int64{}
	for i, f := range d.Factors {
		place[f.ID] = int64(i + 1)
		f.ID, f.DebriefID, f.CreatedAt = 0, 0, time.Time{}
		c.Factors = append(c.Factors, f)
	}
	for _, l := range d.Links {
		l.ID, l.DebriefID, l.FromID, l.ToID = 0, 0, place[l.FromID], place[l.ToID]
		c.Links = append(c.Links, l)
	}
	for _, w := range d.WarningSigns {
		w.ID, w.DebriefID, w.FactorID = 0, 0, place[w.FactorID]
		c.WarningSigns = append(c.WarningSigns, w)
	}
	for _, ch := range d.Changes {
		ch.ID, ch.DebriefID, ch.CreatedAt = 0, 0, time.Time{}
		c.Changes = append(c.Changes, ch)
	}
	for _, k := range d.Kudos {
		k.ID, k.DebriefID, k.FactorID = 0, 0, place[k.FactorID]
		c.Kudos = append(c.Kudos, k)
	}
	return c
}

func TestDuplicateFromTheLibrary(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	orig, err := db.LoadDossier(ctx, h.Items()[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(rowOf(t, c, orig.Debrief.ID).duplicate)
	if len(h.Items()) != 2 {
		t.Fatalf("after Duplicate the library shows %q", itemTitles(h))
	}
	var copyID int64
	for _, d := range h.Items() {
		if d.ID != orig.Debrief.ID {
			copyID = d.ID
		}
	}
	cp, err := db.LoadDossier(ctx, copyID)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Debrief.Title != orig.Debrief.Title+" (copy)" || cp.Debrief.Status != model.Draft || cp.Debrief.Summary != orig.Debrief.Summary {
		t.Errorf("the copy is %+v", cp.Debrief)
	}
	want := cardsOf(orig)
	for i := range want.Changes {
		want.Changes[i].Outcome, want.Changes[i].OutcomeNote = model.NoOutcome, ""
	}
	if got := cardsOf(cp); !reflect.DeepEqual(got, want) {
		t.Errorf("the copy's content\n%+v\nwant\n%+v", got, want)
	}
	mine := map[int64]bool{}
	for _, f := range cp.Factors {
		mine[f.ID] = true
	}
	for _, l := range cp.Links {
		if !mine[l.FromID] || !mine[l.ToID] {
			t.Errorf("link %+v points at the original's cards", l)
		}
	}
	for _, k := range cp.Kudos {
		if k.FactorID != 0 && !mine[k.FactorID] {
			t.Errorf("kudos %+v points at the original's card", k)
		}
	}
	if !strings.Contains(uitest.Texts(c), orig.Debrief.Title+" (copy)") {
		t.Error("the copy is not on screen")
	}
}

// dueChange stores a debrief whose chosen change was to be checked back on
// checkBack.
func dueChange(t *testing.T, db *store.DB, title, what, owner, checkBack string) model.ProcessChange {
	t.Helper()
	id := storetest.AddDebrief(t, db, title, "a factor")
	back, err := model.ParseDate(checkBack)
	if err != nil {
		t.Fatal(err)
	}
	c := model.ProcessChange{DebriefID: id, What: what, Owner: owner, CheckBack: back, Chosen: true}
	if err := storetest.CreateChange(context.Background(), db, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheckInsDueAndRecorded(t *testing.T) {
	s, db := newTestShell(t, false)
	ctx := context.Background()
	h, c := s.home, s.win.Canvas()
	h.now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local) }
	h.Reload()
	if strings.Contains(uitest.Texts(c), "Check-ins due") || h.checkIns.Visible() {
		t.Fatal("the check-ins section shows with nothing due")
	}
	change := dueChange(t, db, "Bench test browned out", "Sign off each step", "Ana", "2026-12-01")
	dueChange(t, db, "Camping trip", "Pack the night before", "", "2026-12-02")        // today: due
	dueChange(t, db, "Launch slipped", "Freeze scope a week out", "Ben", "2026-12-03") // tomorrow: not yet
	h.Reload()
	shown := uitest.Texts(c)
	for _, want := range []string{
		"Check-ins due",
		"Last time you committed to “Sign off each step” (Ana, check back Tue 1 Dec 2026) — did it stick?",
		"Last time you committed to “Pack the night before” (check back Wed 2 Dec 2026) — did it stick?",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the library does not show %q; it shows:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Freeze scope") {
		t.Error("a check-in due tomorrow is shown today")
	}
	if len(h.due) != 2 || h.due[0].Change.ID != change.ID {
		t.Fatalf("due = %+v", h.due)
	}

	test.Tap(uitest.Button(t, c, "Record…")) // the oldest first
	save := uitest.Button(t, c, "Save")
	if !save.Disabled() {
		t.Error("Save is enabled before an outcome is chosen")
	}
	var radio *widget.RadioGroup
	var note *ui.TextField
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.RadioGroup:
			radio = v
		case *ui.TextField:
			if v.MultiLine {
				note = v
			}
		}
		return radio == nil || note == nil
	})
	if radio == nil || note == nil {
		t.Fatal("the check-in dialog has no outcome choice or no note")
	}
	if !slices.Equal(radio.Options, []string{"Kept", "Adjusted", "Dropped"}) {
		t.Errorf("outcomes offered: %q", radio.Options)
	}
	radio.SetSelected("Adjusted")
	test.Type(note, "Only for the big steps")
	test.Tap(save)

	list, err := storetest.Changes(ctx, db, change.DebriefID)
	if err != nil {
		t.Fatal(err)
	}
	if list[0].Outcome != model.Adjusted || list[0].OutcomeNote != "Only for the big steps" {
		t.Errorf("stored %+v", list[0])
	}
	shown = uitest.Texts(c)
	if strings.Contains(shown, "Sign off each step") || !strings.Contains(shown, "Pack the night before") || len(h.due) != 1 {
		t.Errorf("after recording, the check-ins show:\n%s", shown)
	}
}

func TestCheckInTitleOpensItsDebrief(t *testing.T) {
	s, db := newTestShell(t, false)
	h, c := s.home, s.win.Canvas()
	h.now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local) }
	dueChange(t, db, "Bench test browned out", "Sign off each step", "Ana", "2026-12-01")
	h.Reload()
	var link *widget.Hyperlink
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		link, _ = o.(*widget.Hyperlink)
		return link == nil
	})
	if link == nil || link.Text != "Bench test browned out" {
		t.Fatalf("no link to the debrief (%v)", link)
	}
	test.TapAt(link, fyne.NewPos(link.MinSize().Width/2, link.Size().Height/2)) // on the text
	if !strings.HasPrefix(s.win.Title(), "Bench test browned out") {
		t.Errorf("the link opened %q", s.win.Title())
	}
}

// tile finds the picker's tile for template id.
func tile(t *testing.T, c fyne.Canvas, id string) *templateTile {
	t.Helper()
	var found *templateTile
	uitest.Walk(c, func(o fyne.CanvasObject) bool {
		if tt, ok := o.(*templateTile); ok && tt.template.ID == id {
			found = tt
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no tile for template %q", id)
	}
	return found
}

func TestNewDebriefFromATemplate(t *testing.T) {
	s, db := newTestShell(t, false)
	ctx := context.Background()
	c := s.win.Canvas()
	s.NewDebrief()
	entry, ok := c.Focused().(*ui.TextField)
	if !ok {
		t.Fatalf("the dialog did not open with the title focused (focused: %T)", c.Focused())
	}
	var names []string
	for _, tmpl := range assets.Templates() {
		tt := tile(t, c, tmpl.ID)
		names = append(names, tmpl.Name)
		if tt.selected != (tmpl.ID == "blank") {
			t.Errorf("tile %q selected = %v; Blank should be preselected", tmpl.ID, tt.selected)
		}
	}
	shown := uitest.Texts(c)
	for _, n := range names {
		if !strings.Contains(shown, n) {
			t.Errorf("the picker does not show %q", n)
		}
	}
	test.Tap(tile(t, c, "work-incident"))
	if !tile(t, c, "work-incident").selected || tile(t, c, "blank").selected {
		t.Fatal("tapping a tile did not select it alone")
	}
	test.Type(entry, "Checkout down for an hour")
	test.Tap(uitest.Button(t, c, "Create"))

	list, _ := db.ListDebriefs(ctx, store.AllGroups)
	if len(list) != 1 {
		t.Fatalf("created %d debriefs", len(list))
	}
	got, err := db.LoadDossier(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Debrief.Title != "Checkout down for an hour" || got.Debrief.Template != "work-incident" || got.Debrief.Status != model.Draft {
		t.Errorf("created %+v", got.Debrief)
	}
	var tmpl assets.Template
	for _, tt := range assets.Templates() {
		if tt.ID == "work-incident" {
			tmpl = tt
		}
	}
	want, err := export.ReadJSON(bytes.NewReader(tmpl.Data))
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Factors) == 0 {
		t.Fatal("the work-incident template has no cards to compare")
	}
	for i := range want.Factors { // the template's cards, as questions
		want.Factors[i].Face = model.FacePrompt
	}
	if g, w := cardsOf(got), cardsOf(want); !reflect.DeepEqual(g, w) {
		t.Errorf("the new debrief's cards\n%+v\nwant the template's\n%+v", g, w)
	}
	// The template's cards are questions, not factors: on the board, but
	// not counted or exported until someone writes their own text.
	for _, f := range got.Factors {
		if f.Face != model.FacePrompt {
			t.Errorf("template card %q is stored as face %d, want a question (%d)", f.Text, f.Face, model.FacePrompt)
		}
	}
	if list[0].Factors != 0 || len(got.Shown().Factors) != 0 {
		t.Errorf("the library counts %d factors and the export has %d; want the questions in neither", list[0].Factors, len(got.Shown().Factors))
	}
	if !strings.HasPrefix(s.win.Title(), "Checkout down for an hour") {
		t.Errorf("the new debrief was not opened; title %q", s.win.Title())
	}
}

func TestNewBlankDebriefHasNoTemplate(t *testing.T) {
	s, db := newTestShell(t, false)
	c := s.win.Canvas()
	s.NewDebrief()
	test.Type(c.Focused().(*ui.TextField), "  Launch slipped  ")
	test.Tap(uitest.Button(t, c, "Create"))
	list, _ := db.ListDebriefs(context.Background(), store.AllGroups)
	if len(list) != 1 || list[0].Title != "Launch slipped" || list[0].Template != "" || list[0].Factors != 0 {
		t.Fatalf("created %+v", list)
	}
}

func TestTemplateTileShowsItsDescription(t *testing.T) {
	test.NewTempApp(t)
	with := newTemplateTile(assets.Template{ID: "x", Name: "Robotics", Description: "For a match that went wrong."}, func() {})
	without := newTemplateTile(assets.Template{ID: "y", Name: "Blank"}, func() {})
	w := test.NewTempWindow(t, container.NewGridWithColumns(2, with, without))
	w.Resize(fyne.NewSize(600, 300))
	var desc []string
	uitest.Walk(w.Canvas(), func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			desc = append(desc, l.Text)
		}
		return true
	})
	if !slices.Contains(desc, "For a match that went wrong.") {
		t.Errorf("the description is not shown: %q", desc)
	}
	if with.MinSize().Height <= without.MinSize().Height {
		t.Error("a tile with a description leaves it no room")
	}
	var tapped int
	kb := newTemplateTile(assets.Template{Name: "Keys"}, func() { tapped++ })
	kb.TypedRune(' ')
	kb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	kb.TypedRune('x')
	if tapped != 2 {
		t.Errorf("Space and Return chose the tile %d times, want 2", tapped)
	}
}

func TestAnUndoThatFailsIsOfferedAgain(t *testing.T) {
	s, db := newTestShell(t, true)
	h, c := s.home, s.win.Canvas()
	h.after = func(time.Duration, func()) {}
	id := h.Items()[0].ID
	test.Tap(rowOf(t, c, id).remove)
	if !h.CanUndo() {
		t.Fatal("nothing to undo")
	}
	db.Close() // the disk went away
	test.Tap(uitest.Button(t, c, "Undo"))
	shown := uitest.Texts(c)
	if !strings.Contains(shown, "Could not bring the debrief back") {
		t.Errorf("a failed undo said nothing:\n%s", shown)
	}
	if !h.undoBar.Visible() || !h.CanUndo() || h.deleted[len(h.deleted)-1].ID != id {
		t.Error("a failed undo forgot the debrief instead of offering Undo again")
	}
}

// TestHomeScreenshots renders the library at 1280×800 to PNG files in
// $DEBRIEF_SHOTS, for a person to look at. It is skipped without it.
func TestHomeScreenshots(t *testing.T) {
	dir := os.Getenv("DEBRIEF_SHOTS")
	if dir == "" {
		t.Skip("set DEBRIEF_SHOTS to a folder to render the library screenshots")
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		t.Run(name, func(t *testing.T) { homeScreenshots(t, dir, v, name) })
	}
}

func homeScreenshots(t *testing.T, dir string, v fyne.ThemeVariant, suffix string) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(variantTheme{v})
	db := storetest.New(t)
	if _, err := cli.ImportSample(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	s := newShell(a, db, func(f func()) { f() })
	s.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(s.win.Close)
	ctx := context.Background()
	for i, d := range []struct {
		title, template string
		status          model.Status
		cards           []string
		change          string
		owner, back     string
	}{
		{"Family camping trip: tent poles left in the garage", "family-trip", model.Closed, []string{"Packed in the dark", "No list"}, "Pack the night before, from a shared list", "Zoë Łukasiewicz-Ødegård", "2026-11-20"},
		{"Robotics regional: disqualified at inspection", "robotics", model.Reviewed, []string{"Bumper height not measured", "Rules update missed", "Inspector was right"}, "", "", ""},
		{"Checkout outage on Black Friday", "work-incident", model.Draft, []string{"Config pushed at 17:55", "Alert went to an old channel"}, "Two-person review for config pushes after 17:00", "Sam", "2026-11-25"},
		{"Quarterly report shipped two weeks late", "late-delivery", model.Reviewed, []string{"Scope grew after the freeze"}, "Freeze scope a week out", "Ben", "2027-01-15"},
	} {
		db.SetClock(func() time.Time { return storetest.Clock.Add(time.Duration(i+1) * time.Hour) })
		id := storetest.AddDebrief(t, db, d.title, d.cards...)
		deb, _ := storetest.Debrief(ctx, db, id)
		deb.Template, deb.Status = d.template, d.status
		if err := db.UpdateDebrief(ctx, &deb); err != nil {
			t.Fatal(err)
		}
		if d.change != "" {
			back, _ := model.ParseDate(d.back)
			c := model.ProcessChange{DebriefID: id, What: d.change, Owner: d.owner, CheckBack: back, Chosen: true}
			if err := storetest.CreateChange(ctx, db, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
	h, c := s.home, s.win.Canvas()
	h.now = func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local) }
	shoot := func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, c.Capture()); err != nil {
			t.Fatal(err)
		}
	}
	{
		h.Reload()
		shoot("home-" + suffix + ".png")
		if v == theme.VariantDark {
			return
		}
		// Groups: the family's and the club's debriefs in groups of their own.
		for _, g := range []struct{ name, title string }{{"Family", "Family camping"}, {"Robotics club — the Gearheads", "Robotics regional"}} {
			grp := model.NewGroup(g.name)
			grp.Members = []string{"Ana", "Ben", "Zoë"}
			gid, err := db.CreateGroup(ctx, &grp)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range h.Items() {
				if strings.HasPrefix(d.Title, g.title) {
					db.MoveDebrief(ctx, d.ID, gid)
				}
			}
		}
		h.Reload()
		h.groupPick.SetSelected(allGroupsLabel)
		shoot("home-groups-all-" + suffix + ".png")
		h.groupPick.SetSelected("Robotics club — the Gearheads")
		shoot("home-groups-one-" + suffix + ".png")
		h.editGroup(h.current().Group)
		shoot("home-groups-settings-" + suffix + ".png")
		for _, o := range c.Overlays().List() {
			c.Overlays().Remove(o)
		}
		h.groupPick.SetSelected(model.DefaultGroupName)
		// Tiles with descriptions, as the templates will have them.
		described := assets.Templates()
		for i := range described {
			described[i].Description = []string{"Start from nothing: your own words only.",
				"An outage, a bad deploy or a data mix-up at work: systems, hand-overs and alerts.",
				"A project that slipped: estimates, scope changes and who could say no.",
				"A bench test or prototype that failed.",
				"A match or inspection that went wrong, in the pit and on the field, with the whole team and its mentors around the robot.",
				"A trip that went sideways."}[i%6]
		}
		w := test.NewTempWindow(t, container.NewPadded(newTemplatePicker(described, 3).content))
		w.Resize(fyne.NewSize(760, 280))
		f, err := os.Create(filepath.Join(dir, "home-tiles-described.png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		f.Close()
		h.search.SetText("outage")
		shoot("home-search.png")
		h.search.SetText("quokka")
		shoot("home-nomatch.png")
		h.search.SetText("")
		h.after = func(time.Duration, func()) {}
		test.Tap(rowOf(t, c, h.Items()[1].ID).remove)
		shoot("home-undo.png")
		test.Tap(uitest.Button(t, c, "Undo"))
		test.Tap(uitest.Button(t, c, "Record…"))
		shoot("home-record.png")
		test.Tap(uitest.Button(t, c, "Cancel"))
		s.NewDebrief()
		test.Type(c.Focused().(*ui.TextField), "Bench test browned out")
		shoot("home-new.png")
		test.Tap(uitest.Button(t, c, "Cancel"))
		// Two deletes: the Trash button, and the Trash.
		db.SetClock(h.now)
		test.Tap(rowOf(t, c, h.Items()[2].ID).remove)
		test.Tap(rowOf(t, c, h.Items()[0].ID).remove)
		shoot("home-trash-button.png")
		test.Tap(h.trashBtn)
		shoot("home-trash.png")
		test.Tap(trashRowOf(t, c, h.trash.items[0].ID).forever)
		shoot("home-trash-forever.png")
		test.Tap(uitest.Button(t, c, "Cancel"))
		test.Tap(uitest.Button(t, c, "Close"))
		h.Undo()
		h.Undo()
		s.win.Resize(fyne.NewSize(640, 480))
		shoot("home-small.png")
		test.Tap(rowOf(t, c, h.Items()[0].ID).remove)
		shoot("home-small-trash.png")
		h.Undo()
		s.NewDebrief()
		shoot("home-new-small.png")
		test.Tap(uitest.Button(t, c, "Cancel"))
	}
}

// variantTheme is Fyne's default theme in one variant, as a person sees it.
type variantTheme struct{ v fyne.ThemeVariant }

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.v)
}
func (variantTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (variantTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (variantTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }
