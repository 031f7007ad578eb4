package library

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// twoGroups is a library with the family's and the robotics club's
// debriefs, and none in the default group.
func twoGroups(t *testing.T) (*testShell, *store.DB, int64, int64) {
	t.Helper()
	s, db := newTestShell(t, false)
	ctx := context.Background()
	mk := func(name string, members []string, titles ...string) int64 {
		g := model.NewGroup(name)
		g.Members, g.TimeboxMinutes, g.Template = members, 20, "robotics"
		id, err := db.CreateGroup(ctx, &g)
		if err != nil {
			t.Fatal(err)
		}
		for _, title := range titles {
			d := &model.Dossier{Debrief: model.NewDebrief(title)}
			d.Debrief.GroupID = id
			if _, err := db.ImportDossier(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	family := mk("Family", nil, "Camping trip", "Missed the ferry")
	robots := mk("Robotics club", []string{"Ana", "Bo"}, "Robot tipped over at the regional")
	s.home.Reload()
	return s, db, family, robots
}

func TestOneGroupShowsNoSwitcher(t *testing.T) {
	s, _ := newTestShell(t, true)
	h := s.home
	if h.groupPick.Visible() || !h.heading.Visible() {
		t.Errorf("with one group: switcher visible %v, heading visible %v; want only the heading", h.groupPick.Visible(), h.heading.Visible())
	}
	for _, r := range h.rows {
		if r.moveTo.Visible() {
			t.Error("a row offers Move with no other group to move to")
		}
	}
}

func TestSwitcherFiltersTheLibraryAndIsRemembered(t *testing.T) {
	s, _, family, robots := twoGroups(t)
	h := s.home
	if !h.groupPick.Visible() || h.heading.Visible() {
		t.Fatalf("with three groups the switcher is hidden")
	}
	if want := []string{"Family", model.DefaultGroupName, "Robotics club", allGroupsLabel}; !slices.Equal(h.groupPick.Options, want) {
		t.Errorf("switcher offers %q, want %q", h.groupPick.Options, want)
	}
	h.groupPick.SetSelected("Robotics club")
	if got := itemTitles(h); !slices.Equal(got, []string{"Robot tipped over at the regional"}) {
		t.Errorf("Robotics club lists %q", got)
	}
	h.search.SetText("camping")
	if len(h.Items()) != 0 {
		t.Errorf("a search in Robotics club found %q from Family", itemTitles(h))
	}
	h.groupPick.SetSelected(allGroupsLabel)
	if got := itemTitles(h); !slices.Equal(got, []string{"Camping trip"}) {
		t.Errorf("the search in all groups found %q", got)
	}
	if c := uitest.Texts(s.win.Canvas()); !strings.Contains(c, "Family  ·  ") {
		t.Errorf("in all groups a row does not say its group:\n%s", c)
	}
	h.search.SetText("")
	h.groupPick.SetSelected("Family")
	if h.Group() != family {
		t.Fatalf("group = %d, want %d", h.Group(), family)
	}
	// A new library (the next start) shows the group shown last.
	again := New(s.host, s.db, s.app.Preferences(), func(int64) {})
	again.Reload()
	if again.Group() != family || again.groupPick.Selected != "Family" || len(again.Items()) != 2 {
		t.Errorf("the next start shows group %d (%q) with %q, want Family", again.Group(), again.groupPick.Selected, itemTitles(again))
	}
	_ = robots
}

func TestNewDebriefGoesIntoTheGroupShown(t *testing.T) {
	s, db, _, robots := twoGroups(t)
	h, c := s.home, s.win.Canvas()
	h.groupPick.SetSelected("Robotics club")
	s.NewDebrief()
	if !tile(t, c, "robotics").selected {
		t.Error("the group's template is not preselected")
	}
	if !strings.Contains(uitest.Texts(c), "In the group “Robotics club”.") {
		t.Errorf("the dialog does not say which group:\n%s", uitest.Texts(c))
	}
	test.Type(c.Focused().(*ui.TextField), "Lost the state final")
	test.Tap(uitest.Button(t, c, "Create"))
	list, _ := db.ListDebriefs(context.Background(), robots)
	if len(list) != 2 || list[0].Title != "Lost the state final" || list[0].TimeboxMinutes != 20 {
		t.Errorf("robotics club has %+v, want the new debrief with the group's 20 minutes", list)
	}
}

func TestMoveADebriefFromTheLibrary(t *testing.T) {
	s, db, family, robots := twoGroups(t)
	h, c := s.home, s.win.Canvas()
	h.groupPick.SetSelected("Family")
	d := h.Items()[0]
	r := rowOf(t, c, d.ID)
	if !r.moveTo.Visible() {
		t.Fatal("Move is hidden with three groups")
	}
	test.Tap(r.moveTo)
	for _, o := range c.Overlays().List() {
		for _, sel := range findSelects(o) {
			sel.SetSelected("Robotics club")
		}
	}
	test.Tap(uitest.Button(t, c, "Move"))
	if n, _ := db.CountDebriefs(context.Background(), robots); n != 2 {
		t.Errorf("robotics club has %d debriefs after the move, want 2", n)
	}
	if n, _ := db.CountDebriefs(context.Background(), family); n != 1 || len(h.Items()) != 1 {
		t.Errorf("family has %d debriefs (%d listed) after the move, want 1", n, len(h.Items()))
	}
}

func TestDeleteAGroupToTheTrashAndRestoreIt(t *testing.T) {
	s, db, _, robots := twoGroups(t)
	h, c := s.home, s.win.Canvas()
	ctx := context.Background()
	h.groupPick.SetSelected("Robotics club")
	h.deleteGroup(h.current())
	if !strings.Contains(uitest.Texts(c), "Its 1 debrief go with it.") && !strings.Contains(uitest.Texts(c), "Its 1 debrief") {
		t.Errorf("the question does not say what goes with the group:\n%s", uitest.Texts(c))
	}
	test.Tap(uitest.Button(t, c, "Move to the Trash"))
	if _, err := db.Group(ctx, robots); err != nil {
		t.Fatal(err)
	}
	if g, _ := db.Group(ctx, robots); g.DeletedAt.IsZero() {
		t.Fatal("the group is not in the Trash")
	}
	if slices.Contains(h.groupPick.Options, "Robotics club") || h.Group() == robots {
		t.Errorf("the switcher still offers the deleted group: %q (shown %d)", h.groupPick.Options, h.Group())
	}
	test.Tap(h.trashBtn)
	if !strings.Contains(uitest.Texts(c), "Group: Robotics club") {
		t.Fatalf("the Trash does not list the group:\n%s", uitest.Texts(c))
	}
	if len(h.trash.restores) != 1 {
		t.Fatalf("the Trash has %d groups", len(h.trash.restores))
	}
	test.Tap(h.trash.restores[0])
	if g, _ := db.Group(ctx, robots); !g.DeletedAt.IsZero() {
		t.Fatal("Restore did not bring the group back")
	}
	if h.Group() != robots || !slices.Equal(itemTitles(h), []string{"Robot tipped over at the regional"}) {
		t.Errorf("after Restore the library shows group %d with %q", h.Group(), itemTitles(h))
	}
	list, _ := db.ListDebriefs(ctx, robots)
	if _, err := db.LoadDossier(ctx, list[0].ID); errors.Is(err, store.ErrInTrash) {
		t.Error("the group's debrief stayed in the Trash")
	}
}

// findSelects finds the selects under o.
func findSelects(o fyne.CanvasObject) []selecter {
	var out []selecter
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if s, ok := o.(selecter); ok {
			out = append(out, s)
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

type selecter interface{ SetSelected(string) }

// TestFirstStartShowsTheBusiestGroup: with nothing remembered, the library
// opens on the group with the most debriefs, not an empty "My debriefs".
func TestFirstStartShowsTheBusiestGroup(t *testing.T) {
	s, db, family, _ := twoGroups(t) // Family 2, Robotics club 1, My debriefs 0
	fresh := test.NewTempApp(t).Preferences()
	first := New(s.host, db, fresh, func(int64) {})
	first.Reload()
	if first.Group() != family {
		t.Errorf("a first start shows group %d, want Family (%d), the one with most debriefs", first.Group(), family)
	}
	if fresh.IntWithFallback(prefLibraryGroup, -1) != -1 {
		t.Error("the group shown without a pick was remembered")
	}
}
