package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/assets"
)

// ---- groups ----
//
// The library shows one group at a time (remembered), or all of them. A
// library with one group never shows the switcher: "Your debriefs" stays
// the heading, and only the group menu offers to make a second one.

const (
	prefLibraryGroup = "library.group" // the group shown last; 0 for all groups
	allGroupsLabel   = "All groups"
)

// groupsBar makes the heading, the switcher and the group menu.
func (h *Home) groupsBar() fyne.CanvasObject {
	h.group = int64(h.prefs.IntWithFallback(prefLibraryGroup, -1))
	h.picked = h.group >= 0
	h.heading = ui.Heading("Your debriefs")
	h.groupPick = widget.NewSelect(nil, func(label string) {
		if !h.groupsRead {
			return // showGroups setting what is shown, not a pick
		}
		id := store.AllGroups
		if label != allGroupsLabel {
			id = h.groupIDByName(label)
		}
		if id == h.group {
			return
		}
		h.group, h.picked = id, true
		h.prefs.SetInt(prefLibraryGroup, int(id))
		h.refreshGroupMenu()
		h.runSearch()
		h.loadCheckIns()
	})
	h.groupPick.Hide()
	h.pickStrut = canvas.NewRectangle(color.Transparent)
	h.groupBtn = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), h.showGroupMenu)
	h.groupBtn.Importance = widget.LowImportance
	return container.NewHBox(h.heading, container.NewStack(h.pickStrut, h.groupPick), container.NewCenter(h.groupBtn))
}

func (h *Home) groupIDByName(name string) int64 {
	for _, g := range h.groups {
		if g.Name == name {
			return g.ID
		}
	}
	return store.AllGroups
}

// Group is the group the library shows (store.AllGroups for all).
func (h *Home) Group() int64 { return h.group }

// Groups are the groups in the library, as last read.
func (h *Home) Groups() []store.GroupSummary { return h.groups }

// loadGroups reads the groups, then the list and check-ins of the one
// shown, off the UI goroutine.
func (h *Home) loadGroups(then func()) {
	db := h.db
	ui.Background(h.host, "Could not read the groups", func(ctx context.Context) ([]store.GroupSummary, error) {
		return db.Groups(ctx)
	}, func(groups []store.GroupSummary) {
		h.showGroups(groups)
		then()
	})
}

func (h *Home) showGroups(groups []store.GroupSummary) {
	h.groups = groups
	known := h.picked && (h.group == store.AllGroups && len(groups) > 1 ||
		slices.ContainsFunc(groups, func(g store.GroupSummary) bool { return g.ID == h.group }))
	if !known && len(groups) > 0 {
		// First start, or the group was deleted: the group with the most
		// debriefs (an empty "My debriefs" beside a group handed over is
		// not where anyone wants to land), the oldest of equals.
		first := slices.MinFunc(groups, func(a, b store.GroupSummary) int {
			return cmp.Or(b.Debriefs-a.Debriefs, cmp.Compare(a.ID, b.ID))
		})
		// Kept for the session (a move must not switch the view), but
		// only a pick is remembered for the next start.
		h.group, h.picked = first.ID, true
	}
	h.groupsRead = false
	if len(groups) <= 1 {
		h.heading.Show()
		h.groupPick.Hide()
	} else {
		names := make([]string, 0, len(groups)+1)
		for _, g := range groups {
			names = append(names, g.Name)
		}
		h.groupPick.Options = append(names, allGroupsLabel)
		// Wide enough for the longest name (a Select sizes to its
		// placeholder), up to a limit: long names are cut with "…".
		var w float32
		for _, n := range h.groupPick.Options {
			w = max(w, fyne.MeasureText(n, theme.TextSize(), fyne.TextStyle{}).Width)
		}
		h.pickStrut.SetMinSize(fyne.NewSize(min(w+theme.IconInlineSize()+6*theme.Padding(), 360), 0))
		h.groupPick.SetSelected(h.groupLabel())
		h.heading.Hide()
		h.groupPick.Show()
	}
	h.groupsRead = true
	h.showEmptyText()
	h.refreshGroupMenu()
	h.toolbar.Refresh()
}

// groupLabel is the switcher's text for the group shown.
func (h *Home) groupLabel() string {
	if h.group == store.AllGroups {
		return allGroupsLabel
	}
	return h.current().Name
}

// current is the group shown, or (for all groups) the oldest: where a new
// debrief goes.
func (h *Home) current() store.GroupSummary {
	var first store.GroupSummary
	for _, g := range h.groups {
		if g.ID == h.group {
			return g
		}
		if first.ID == 0 || g.ID < first.ID {
			first = g
		}
	}
	return first
}

func (h *Home) refreshGroupMenu() {
	for _, r := range h.rows {
		r.refreshMove()
	}
	h.list.Refresh()
}

// showGroupMenu pops the group menu under its button.
func (h *Home) showGroupMenu() {
	items := []*fyne.MenuItem{fyne.NewMenuItem("New group…", h.NewGroup)}
	if h.group != store.AllGroups {
		g := h.current()
		items = append(items, fyne.NewMenuItem(fmt.Sprintf("Settings of “%s”…", model.OneLine(g.Name)), func() { h.editGroup(g.Group) }))
		if len(h.groups) > 1 {
			items = append(items, fyne.NewMenuItem(fmt.Sprintf("Delete “%s”…", model.OneLine(g.Name)), func() { h.deleteGroup(g) }))
		}
	}
	c := h.host.Win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.groupBtn).Add(fyne.NewPos(0, h.groupBtn.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// NewGroup asks for a group's name, members and defaults, makes it and
// shows it.
func (h *Home) NewGroup() { h.groupDialog(model.NewGroup(""), true) }

func (h *Home) editGroup(g model.Group) { h.groupDialog(g, false) }

// groupDialog edits g (a new group when isNew) and saves it.
func (h *Home) groupDialog(g model.Group, isNew bool) {
	name := ui.NewTextField()
	name.SetPlaceHolder("e.g. Robotics club, Family, Checkout team")
	name.SetText(g.Name)
	name.Validator = func(s string) error {
		t := model.NewGroup(s)
		t.Name = s
		if strings.TrimSpace(s) == "" {
			return errors.New("give the group a name")
		}
		if err := t.Validate(); err != nil {
			return err
		}
		for _, o := range h.groups {
			if o.ID != g.ID && model.GroupKey(o.Name) == model.GroupKey(s) {
				return errors.New("another group has that name")
			}
		}
		return nil
	}
	members := ui.NewTextField()
	members.MultiLine = true
	members.Wrapping = fyne.TextWrapWord
	members.SetMinRowsVisible(3)
	members.SetPlaceHolder("Ana, Ben, Chris (optional)")
	members.SetText(strings.Join(g.Members, ", "))

	templates := assets.Templates()
	labels := make([]string, len(templates))
	pick := 0
	for i, t := range templates {
		labels[i] = t.Name
		if t.ID == g.Template || (g.Template == "" && t.ID == "blank") {
			pick = i
		}
	}
	template := widget.NewSelect(labels, nil)
	template.SetSelectedIndex(pick)
	timebox := ui.NewTextField()
	timebox.SetText(strconv.Itoa(g.TimeboxMinutes))
	timebox.Validator = func(s string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 1 || n > model.MaxTimebox {
			return fmt.Errorf("minutes, 1 to %d", model.MaxTimebox)
		}
		return nil
	}
	dotOpts := make([]string, model.MaxDots)
	for i := range dotOpts {
		dotOpts[i] = strconv.Itoa(i + 1)
	}
	dots := widget.NewSelect(dotOpts, nil)
	dots.SetSelected(strconv.Itoa(g.Dots))

	form := container.NewVBox(
		ui.Labelled("Name", name),
		ui.Labelled("Members", members, ui.Caption("Offered in “Who is here”, as card authors and for kudos. Separate names with commas.")),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("For a new debrief of this group", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(3,
			ui.Labelled("Template", template),
			ui.Labelled("Length (minutes)", timebox),
			ui.Labelled("Votes each in the room", dots)),
	)
	title, confirm := "Group settings", "Save"
	if isNew {
		title, confirm = "New group", "Make the group"
	}
	save := widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), nil)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	dlg := dialog.NewCustomWithoutButtons(title, form, h.host.Win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	cancel.OnTapped = dlg.Hide
	check := func(string) {
		if name.Validate() == nil && timebox.Validate() == nil {
			save.Enable()
		} else {
			save.Disable()
		}
	}
	name.OnChanged, timebox.OnChanged = check, check
	check("")
	submit := func() {
		if name.Validate() != nil || timebox.Validate() != nil {
			return
		}
		g.Name = strings.TrimSpace(name.Text)
		g.Members = splitMembers(members.Text)
		g.Template = templates[template.SelectedIndex()].ID
		if g.Template == "blank" {
			g.Template = ""
		}
		g.TimeboxMinutes, _ = strconv.Atoi(strings.TrimSpace(timebox.Text))
		g.Dots, _ = strconv.Atoi(dots.Selected)
		if err := g.Validate(); err != nil {
			h.host.ShowError("Could not save the group", err)
			return
		}
		dlg.Hide()
		db := h.db
		ui.Background(h.host, "Could not save the group", func(ctx context.Context) (int64, error) {
			if isNew {
				return db.CreateGroup(ctx, &g)
			}
			return g.ID, db.UpdateGroup(ctx, &g)
		}, func(id int64) {
			h.group, h.picked = id, true
			h.prefs.SetInt(prefLibraryGroup, int(id))
			h.Reload()
		})
	}
	save.OnTapped = submit
	name.OnSubmitted = func(string) { submit() }
	size := h.host.Win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(640, size.Width*0.9), dlg.MinSize().Height))
	dlg.Show()
	h.host.Win.Canvas().Focus(name)
}

// splitMembers splits "Ana, Ben\nChris" into names, dropping empty ones
// and repeats (whatever the case).
func splitMembers(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		n = strings.TrimSpace(n)
		if n != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			out = append(out, n)
		}
	}
	return out
}

// deleteGroup asks, then moves g and its debriefs to the Trash.
func (h *Home) deleteGroup(g store.GroupSummary) {
	msg := fmt.Sprintf("Move the group %s to the Trash?\n\nIts %s go with it. For %d days, Restore in the Trash brings the group and all of them back as they were.",
		quoted(g.Name, 60), ui.Plural(g.Debriefs, "debrief", "debriefs"), trashDays)
	confirm := dialog.NewConfirm("Delete group", msg, func(ok bool) {
		if !ok {
			return
		}
		db := h.db
		ui.Background(h.host, "Could not delete the group", func(ctx context.Context) (struct{}, error) {
			_, err := db.TrashGroup(ctx, g.ID)
			return struct{}{}, err
		}, func(struct{}) { h.Reload() })
	}, h.host.Win)
	confirm.SetConfirmText("Move to the Trash")
	confirm.SetDismissText("Cancel")
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Show()
}

// move asks which group d should belong to, and moves it there.
func (h *Home) move(d store.DebriefSummary) {
	var names []string
	for _, g := range h.groups {
		if g.ID != d.GroupID {
			names = append(names, g.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	to := widget.NewSelect(names, nil)
	to.SetSelectedIndex(0)
	content := container.NewVBox(widget.NewLabel(fmt.Sprintf("Move %s to the group:", quoted(d.Title, 60))), to)
	dialog.ShowCustomConfirm("Move to another group", "Move", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		target := h.groupIDByName(to.Selected)
		db := h.db
		ui.Background(h.host, "Could not move the debrief", func(ctx context.Context) (struct{}, error) {
			return struct{}{}, db.MoveDebrief(ctx, d.ID, target)
		}, func(struct{}) { h.Reload() })
	}, h.host.Win)
}

// groupName is the name of group id as last read.
func (h *Home) groupName(id int64) string {
	for _, g := range h.groups {
		if g.ID == id {
			return g.Name
		}
	}
	return ""
}

// showEmptyText says the library is empty, naming the group when there
// are several.
func (h *Home) showEmptyText() {
	text := "No debriefs yet."
	if len(h.groups) > 1 && h.group != store.AllGroups {
		text = "No debriefs in " + quoted(h.current().Name, 60) + " yet."
	}
	h.emptyText.SetText(text + "\nRight after your next setback, take ten minutes together: list every factor, pick one change.")
}

// GroupName is the name of the group shown, or "All groups".
func (h *Home) GroupName() string { return h.groupLabel() }
