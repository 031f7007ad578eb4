package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/assets"
)

// Home is the library: every debrief, newest first, and a way to start one.
type Home struct {
	shell   *Shell
	content fyne.CanvasObject
	list    *widget.List
	body    *fyne.Container // the list, or the empty state
	empty   fyne.CanvasObject
	count   *widget.Label
	items   []store.DebriefSummary
}

func newHome(s *Shell) *Home {
	h := &Home{shell: s}

	logo := canvas.NewImageFromResource(Icon())
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(56, 56))
	title := canvas.NewText("Debrief", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.4
	title.TextStyle = fyne.TextStyle{Bold: true}
	tagline := widget.NewLabel("Map every factor behind a setback, commit to one change, thank the detectives.")
	tagline.Truncation = fyne.TextTruncateEllipsis
	newBtn := widget.NewButtonWithIcon("New debrief", theme.ContentAddIcon(), s.NewDebrief)
	newBtn.Importance = widget.HighImportance
	header := container.NewBorder(nil, nil,
		container.NewHBox(logo, container.NewVBox(layout.NewSpacer(), title, layout.NewSpacer())),
		container.NewVBox(layout.NewSpacer(), newBtn, layout.NewSpacer()),
		container.NewVBox(layout.NewSpacer(), tagline, layout.NewSpacer()))

	h.list = widget.NewList(
		func() int { return len(h.items) },
		h.newRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*libraryRow).show(h.items[id]) },
	)
	h.list.OnSelected = func(id widget.ListItemID) {
		h.list.UnselectAll()
		if id >= 0 && id < len(h.items) {
			s.OpenDebrief(h.items[id].ID)
		}
	}

	emptyBtn := widget.NewButtonWithIcon("Start a debrief", theme.ContentAddIcon(), s.NewDebrief)
	emptyBtn.Importance = widget.HighImportance
	emptyText := widget.NewLabelWithStyle("No debriefs yet.\nRight after your next setback, take ten minutes together: list every factor, pick one change.",
		fyne.TextAlignCenter, fyne.TextStyle{})
	emptyText.Wrapping = fyne.TextWrapWord
	h.empty = container.NewCenter(container.NewVBox(emptyText, container.NewCenter(emptyBtn)))

	h.count = widget.NewLabel("")
	h.count.SizeName = theme.SizeNameCaptionText
	where := widget.NewLabel("Saved automatically in " + s.db.Path())
	where.SizeName = theme.SizeNameCaptionText
	where.Truncation = fyne.TextTruncateEllipsis
	footer := container.NewBorder(nil, nil, h.count, nil, where)

	h.body = container.NewStack(h.list)
	h.content = container.NewBorder(
		container.NewVBox(container.NewPadded(header), widget.NewSeparator(), heading("Your debriefs")),
		footer, nil, nil, h.body)
	return h
}

// Reload reads the library from the database.
func (h *Home) Reload() {
	background(h.shell, "Could not read the library", func(ctx context.Context) ([]store.DebriefSummary, error) {
		return h.shell.db.ListDebriefs(ctx)
	}, h.show)
}

func (h *Home) show(items []store.DebriefSummary) {
	h.items = items
	h.count.SetText(plural(len(items), "debrief", "debriefs"))
	if len(items) == 0 {
		h.body.Objects = []fyne.CanvasObject{h.empty}
	} else {
		h.body.Objects = []fyne.CanvasObject{h.list}
	}
	h.body.Refresh()
	h.list.Refresh()
}

// Items is what the library shows now.
func (h *Home) Items() []store.DebriefSummary { return h.items }

// libraryRow is one debrief in the library.
type libraryRow struct {
	widget.BaseWidget
	home    *Home
	item    store.DebriefSummary
	status  *pill
	title   *widget.Label
	detail  *widget.Label
	open    *widget.Button
	remove  *widget.Button
	content fyne.CanvasObject
}

func (h *Home) newRow() fyne.CanvasObject {
	r := &libraryRow{home: h}
	r.status = newPill("Reviewed", statusColour(model.Reviewed))
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.SizeName = theme.SizeNameSubHeadingText
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabel("")
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.open = widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), func() { h.shell.OpenDebrief(r.item.ID) })
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { h.confirmDelete(r.item) })
	r.remove.Importance = widget.LowImportance
	r.content = container.New(layout.NewCustomPaddedLayout(0, 0, theme.Padding()*2, theme.Padding()), container.NewBorder(nil, nil,
		container.NewCenter(r.status),
		container.NewHBox(container.NewCenter(r.open), container.NewCenter(r.remove)),
		container.NewVBox(r.title, r.detail)))
	r.ExtendBaseWidget(r)
	return r
}

func (r *libraryRow) show(d store.DebriefSummary) {
	r.item = d
	r.status.set(d.Status.Label(), statusColour(d.Status))
	r.title.SetText(model.OneLine(d.Title))
	parts := []string{}
	if !d.HappenedAt.IsZero() {
		parts = append(parts, "Happened "+day(d.HappenedAt))
	} else {
		parts = append(parts, "Started "+day(d.CreatedAt))
	}
	parts = append(parts, plural(d.Factors, "factor", "factors"))
	if name := templateName(d.Template); name != "" {
		parts = append(parts, name)
	}
	r.detail.SetText(strings.Join(parts, "  ·  "))
}

func (r *libraryRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

func (h *Home) confirmDelete(d store.DebriefSummary) {
	msg := fmt.Sprintf("Delete “%s”?\n\nIts %s, lessons, change and kudos will be removed. This cannot be undone.",
		model.OneLine(d.Title), plural(d.Factors, "factor", "factors"))
	dlg := dialog.NewConfirm("Delete debrief", msg, func(ok bool) {
		if !ok {
			return
		}
		background(h.shell, "Could not delete the debrief", func(ctx context.Context) (struct{}, error) {
			err := h.shell.db.DeleteDebrief(ctx, d.ID)
			if errors.Is(err, store.ErrNotFound) {
				err = nil // already gone: the list was stale
			}
			return struct{}{}, err
		}, func(struct{}) { h.Reload() })
	}, h.shell.win)
	dlg.SetConfirmText("Delete")
	dlg.SetDismissText("Cancel")
	dlg.SetConfirmImportance(widget.DangerImportance)
	dlg.Show()
}

// NewDebrief asks for a title and opens a new blank debrief.
func (s *Shell) NewDebrief() {
	title := widget.NewEntry()
	title.SetPlaceHolder("e.g. Bench test browned out before the demo")
	title.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New("give it a short title")
		}
		return nil
	}
	form := dialog.NewForm("New debrief", "Create", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("What went wrong?", title)},
		func(ok bool) {
			if !ok {
				return
			}
			s.createDebrief(strings.TrimSpace(title.Text))
		}, s.win)
	form.Resize(fyne.NewSize(560, 200))
	form.Show()
	s.win.Canvas().Focus(title)
}

func (s *Shell) createDebrief(title string) {
	background(s, "Could not create the debrief", func(ctx context.Context) (model.Debrief, error) {
		d := model.NewDebrief(title)
		err := s.db.CreateDebrief(ctx, &d)
		return d, err
	}, func(d model.Debrief) { s.OpenDebrief(d.ID) })
}

// templateName is a template's human name; "" for none or blank.
func templateName(id string) string {
	if id == "blank" {
		return ""
	}
	return assets.TemplateName(id)
}
