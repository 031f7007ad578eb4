package library

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// ---- the Trash ----

// trashDays is how long the Trash keeps a debrief, in days, as people read it.
var trashDays = int(store.TrashKeep / (24 * time.Hour))

// loadTrash deletes for good what has been in the Trash for trashDays,
// then counts what is left for the Trash button, off the UI goroutine.
func (h *Home) loadTrash() {
	h.trashLoads++
	n := h.trashLoads
	db := h.db
	ui.Background(h.host, "Could not read the Trash", func(ctx context.Context) (int, error) {
		if _, err := db.PurgeTrash(ctx); err != nil {
			fyne.LogError("empty the Trash of old debriefs", err) // they are kept; the next load tries again
		}
		n, err := db.CountTrash(ctx)
		if err != nil {
			return 0, err
		}
		groups, err := db.ListTrashedGroups(ctx) // an empty group counts too
		for _, g := range groups {
			if g.Debriefs == 0 {
				n++
			}
		}
		return n, err
	}, func(count int) {
		if n != h.trashLoads {
			return
		}
		h.trashBtn.SetText(fmt.Sprintf("Trash (%d)", count))
		if count == 0 {
			h.trashBtn.Hide()
		} else {
			h.trashBtn.Show()
		}
		h.toolbar.Refresh() // the button came, went or changed width: the search field makes room
		if h.trash != nil {
			h.trash.load()
		}
	})
}

// trashView is the Trash: each deleted debrief with when it was deleted,
// how long it is kept, Restore and Delete forever.
type trashView struct {
	home  *Home
	dlg   dialog.Dialog
	items []store.TrashedDebrief
	// Groups in the Trash, above the debriefs: each restores with the
	// debriefs deleted with it.
	groups   []store.TrashedGroup
	groupBox *fyne.Container
	restores []*widget.Button // each group's Restore
	list     *widget.List
	body     *fyne.Container // the list, or "The Trash is empty."
	empty    fyne.CanvasObject
	moved    shiftGuard
	loads    uint64
}

// ShowTrash shows the Trash over the library.
func (h *Home) ShowTrash() {
	if h.trash != nil {
		return
	}
	t := &trashView{home: h}
	h.trash = t
	intro := widget.NewLabel(fmt.Sprintf("Deleted debriefs stay here for %d days, then they are deleted for good. "+
		"Restore puts one back in the library exactly as it was.", trashDays))
	intro.Wrapping = fyne.TextWrapWord
	t.list = widget.NewList(func() int { return len(t.items) }, t.newRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*trashRow).show(id, t.items[id]) })
	t.list.OnSelected = func(widget.ListItemID) { t.list.UnselectAll() }
	t.empty = container.NewCenter(widget.NewLabel("The Trash is empty."))
	t.body = container.NewStack(t.list)
	t.groupBox = container.NewVBox()
	content := container.NewBorder(container.NewVBox(intro, widget.NewSeparator(), t.groupBox), nil, nil, nil, t.body)
	t.dlg = dialog.NewCustom("Trash", "Close", content, h.host.Win)
	t.dlg.SetOnClosed(func() { h.trash = nil })
	size := h.host.Win.Canvas().Size()
	t.dlg.Resize(fyne.NewSize(min(820, size.Width*0.9), min(560, size.Height*0.85)))
	t.load()
	t.dlg.Show()
}

// load reads the Trash, off the UI goroutine.
func (t *trashView) load() {
	t.loads++
	n := t.loads
	db := t.home.db
	type trash struct {
		items  []store.TrashedDebrief
		groups []store.TrashedGroup
	}
	ui.Background(t.home.host, "Could not read the Trash", func(ctx context.Context) (trash, error) {
		var tr trash
		var err error
		if tr.items, err = db.ListTrash(ctx); err == nil {
			tr.groups, err = db.ListTrashedGroups(ctx)
		}
		return tr, err
	}, func(tr trash) {
		if n != t.loads {
			return
		}
		items := tr.items
		t.showGroups(tr.groups)
		before := make([]int64, len(t.items))
		for i, d := range t.items {
			before[i] = d.ID
		}
		after := make([]int64, len(items))
		for i, d := range items {
			after[i] = d.ID
		}
		t.moved.moved(before, after, t.home.clock())
		t.items = items
		if len(items) == 0 && len(tr.groups) == 0 {
			t.body.Objects = []fyne.CanvasObject{t.empty}
		} else {
			t.body.Objects = []fyne.CanvasObject{t.list}
		}
		t.body.Refresh()
		t.list.Refresh()
	})
}

// restore brings d back into the library.
func (t *trashView) restore(d store.TrashedDebrief) {
	h := t.home
	db := h.db
	ui.Background(h.host, "Could not restore the debrief", func(ctx context.Context) (struct{}, error) {
		_, err := db.UndeleteDebrief(ctx, d.ID)
		if errors.Is(err, store.ErrNotInTrash) {
			err = nil // restored meanwhile
		}
		return struct{}{}, err
	}, func(struct{}) {
		h.forget(d.ID)
		h.scrollTo = d.ID
		h.Reload()
	})
}

// deleteForever asks, then deletes d for good.
func (t *trashView) deleteForever(d store.TrashedDebrief) {
	h := t.home
	msg := fmt.Sprintf("Delete %s for good?\n\nIts %s, lessons, change and kudos will be gone, and it cannot be brought back.",
		quoted(d.Title, 60), ui.Plural(d.Factors, "factor", "factors"))
	t.askForever(msg, func() {
		db := h.db
		ui.Background(h.host, "Could not delete the debrief", func(ctx context.Context) (struct{}, error) {
			err := db.DeleteForever(ctx, d.ID)
			if errors.Is(err, store.ErrNotFound) {
				err = nil // gone already
			}
			return struct{}{}, err
		}, func(struct{}) {
			h.forget(d.ID)
			h.Reload()
		})
	})
}

// askForever asks before deleting for good, then does it.
func (t *trashView) askForever(msg string, do func()) {
	confirm := dialog.NewConfirm("Delete forever", msg, func(ok bool) {
		if ok {
			do()
		}
	}, t.home.host.Win)
	confirm.SetConfirmText("Delete forever")
	confirm.SetDismissText("Cancel")
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Show()
}

// trashRow is one debrief in the Trash.
type trashRow struct {
	widget.BaseWidget
	view    *trashView
	index   int
	item    store.TrashedDebrief
	title   *widget.Label
	detail  *widget.Label
	restore *widget.Button
	forever *widget.Button
	content fyne.CanvasObject
}

func (t *trashView) newRow() fyne.CanvasObject {
	r := &trashRow{view: t}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabel("")
	r.detail.Truncation = fyne.TextTruncateEllipsis
	settled := func(f func(store.TrashedDebrief)) func() {
		return func() {
			if t.moved.settled(r.index, t.home.clock()) {
				f(r.item)
			}
		}
	}
	r.restore = widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), settled(t.restore))
	r.forever = widget.NewButtonWithIcon("Delete forever", theme.DeleteIcon(), settled(t.deleteForever))
	r.forever.Importance = widget.LowImportance
	r.content = container.New(layout.NewCustomPaddedLayout(0, 0, theme.Padding(), theme.Padding()), container.NewBorder(nil, nil, nil,
		container.NewHBox(container.NewCenter(r.restore), container.NewCenter(r.forever)),
		container.NewVBox(r.title, r.detail)))
	r.ExtendBaseWidget(r)
	return r
}

func (r *trashRow) show(index int, d store.TrashedDebrief) {
	r.index, r.item = index, d
	r.title.SetText(model.OneLine(d.Title))
	r.detail.SetText(strings.Join([]string{
		"Deleted " + ui.Day(d.DeletedAt),
		ui.Plural(d.Factors, "factor", "factors"),
		daysLeft(d.DaysLeft(r.view.home.now())),
	}, "  ·  "))
}

// daysLeft says how long a debrief stays in the Trash.
func daysLeft(n int) string {
	if n <= 0 {
		return "to be deleted for good"
	}
	return ui.Plural(n, "day", "days") + " left"
}

func (r *trashRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// showGroups lists the groups in the Trash, each with Restore and Delete
// forever.
func (t *trashView) showGroups(groups []store.TrashedGroup) {
	t.groups = groups
	t.groupBox.Objects, t.restores = nil, nil
	for _, g := range groups {
		title := widget.NewLabelWithStyle("Group: "+model.OneLine(g.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		left := g.DeletedAt.Add(store.TrashKeep).Sub(t.home.now())
		days := int((left + 24*time.Hour - 1) / (24 * time.Hour))
		detail := widget.NewLabel(strings.Join([]string{"Deleted " + ui.Day(g.DeletedAt),
			ui.Plural(g.Debriefs, "debrief", "debriefs") + " with it", daysLeft(days)}, "  ·  "))
		detail.Truncation = fyne.TextTruncateEllipsis
		restore := widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), func() { t.restoreGroup(g) })
		forever := widget.NewButtonWithIcon("Delete forever", theme.DeleteIcon(), func() { t.deleteGroupForever(g) })
		forever.Importance = widget.LowImportance
		t.restores = append(t.restores, restore)
		t.groupBox.Add(container.NewBorder(nil, nil, nil,
			container.NewHBox(container.NewCenter(restore), container.NewCenter(forever)),
			container.NewVBox(title, detail)))
	}
	if len(groups) > 0 {
		t.groupBox.Add(widget.NewSeparator())
	}
	t.groupBox.Refresh()
}

func (t *trashView) restoreGroup(g store.TrashedGroup) {
	h := t.home
	db := h.db
	ui.Background(h.host, "Could not restore the group", func(ctx context.Context) (store.TrashedGroup, error) {
		r, err := db.RestoreGroup(ctx, g.ID)
		if errors.Is(err, store.ErrNotInTrash) {
			err = nil
		}
		return r, err
	}, func(r store.TrashedGroup) {
		if r.ID != 0 {
			h.group, h.picked = r.ID, true // show what came back
			h.prefs.SetInt(prefLibraryGroup, int(r.ID))
		}
		h.Reload()
	})
}

func (t *trashView) deleteGroupForever(g store.TrashedGroup) {
	h := t.home
	msg := fmt.Sprintf("Delete the group %s for good, with the %s deleted with it?\n\nThey cannot be brought back.",
		quoted(g.Name, 60), ui.Plural(g.Debriefs, "debrief", "debriefs"))
	t.askForever(msg, func() {
		db := h.db
		ui.Background(h.host, "Could not delete the group", func(ctx context.Context) (struct{}, error) {
			err := db.DeleteGroupForever(ctx, g.ID)
			if errors.Is(err, store.ErrNotFound) {
				err = nil
			}
			return struct{}{}, err
		}, func(struct{}) { h.Reload() })
	})
}
