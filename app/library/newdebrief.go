package library

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// ---- new debrief ----

// NewDebrief asks what went wrong and which template to start from, then
// creates the debrief and opens it.
func (h *Home) NewDebrief() {
	templates := assets.Templates()
	title := ui.NewTextField()
	title.SetPlaceHolder("e.g. Bench test browned out before the demo")
	title.Validator = func(t string) error {
		switch {
		case strings.TrimSpace(t) == "":
			return errors.New("give it a short title")
		case utf8.RuneCountInString(t) > model.MaxTitle:
			return fmt.Errorf("keep the title under %d characters", model.MaxTitle)
		}
		return nil
	}
	create := widget.NewButtonWithIcon("Create", theme.ConfirmIcon(), nil)
	create.Importance = widget.HighImportance
	create.Disable()
	title.OnChanged = func(t string) {
		if title.Validator(t) == nil {
			create.Enable()
		} else {
			create.Disable()
		}
	}
	columns := 3
	if h.host.Win.Canvas().Size().Width < 900 {
		columns = 2
	}
	group := h.current()
	picker := newTemplatePicker(templates, columns)
	for i, t := range templates { // the group's usual template
		if t.ID == group.Template && group.Template != "" {
			picker.choose(i)
		}
	}

	intro := widget.NewLabelWithStyle("What went wrong?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var where fyne.CanvasObject = layout.NewSpacer()
	if len(h.groups) > 1 {
		where = ui.Caption("In the group " + quoted(group.Name, 60) + ".")
	}
	content := container.NewVBox(
		container.NewBorder(nil, nil, intro, where),
		title,
		ui.Gap(theme.Padding()),
		widget.NewLabelWithStyle("Start from", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		picker.content,
		ui.Gap(theme.Padding()*2))
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	dlg := dialog.NewCustomWithoutButtons("New debrief", content, h.host.Win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, create})
	cancel.OnTapped = dlg.Hide
	submit := func() {
		if title.Validate() != nil {
			return
		}
		dlg.Hide()
		h.createFromTemplate(picker.selected(), strings.TrimSpace(title.Text), group.Group)
	}
	create.OnTapped = submit
	title.OnSubmitted = func(string) { submit() }
	width := float32(columns)*(templateTileWidth+theme.Padding()) + 8*theme.Padding()
	dlg.Resize(fyne.NewSize(width, dlg.MinSize().Height))
	dlg.Show()
	h.host.Win.Canvas().Focus(title)
}

// createFromTemplate stores a new draft debrief titled title, with the
// template's cards and prompts, in group g (with its timebox), and opens it.
func (h *Home) createFromTemplate(t assets.Template, title string, g model.Group) {
	ui.Background(h.host, "Could not create the debrief", func(ctx context.Context) (int64, error) {
		d, err := export.ReadJSON(bytes.NewReader(t.Data))
		if err != nil {
			return 0, fmt.Errorf("read the template %q: %w", t.Name, err)
		}
		d.Debrief.Title = title // the template's title is a placeholder
		d.Debrief.Summary = ""  // and so is its summary: Set the stage shows it as the field's prompt
		d.Debrief.Status = model.Draft
		d.Debrief.Template = t.ID
		d.Debrief.GroupID, d.Debrief.Group = g.ID, ""
		if g.TimeboxMinutes > 0 {
			d.Debrief.TimeboxMinutes = g.TimeboxMinutes
		}
		if t.ID == "blank" {
			d.Debrief.Template = ""
		}
		for i := range d.Factors { // the template's cards are questions until answered
			d.Factors[i].Face = model.FacePrompt
		}
		return h.db.ImportDossier(ctx, d)
	}, h.open)
}

// templateName is a template's human name; "" for none or blank.
func templateName(id string) string {
	if id == "blank" {
		return ""
	}
	return assets.TemplateName(id)
}

// ---- the template picker ----

// templatePicker offers one tile per template; exactly one is selected.
type templatePicker struct {
	templates []assets.Template
	tiles     []*templateTile
	current   int
	content   fyne.CanvasObject
}

func newTemplatePicker(templates []assets.Template, columns int) *templatePicker {
	p := &templatePicker{templates: templates}
	objs := make([]fyne.CanvasObject, len(templates))
	for i, t := range templates {
		tile := newTemplateTile(t, func() { p.choose(i) })
		p.tiles = append(p.tiles, tile)
		objs[i] = tile
	}
	p.content = container.NewGridWithColumns(columns, objs...)
	p.choose(0) // Blank comes first
	return p
}

func (p *templatePicker) choose(i int) {
	p.current = i
	for j, t := range p.tiles {
		t.setSelected(j == i)
	}
}

func (p *templatePicker) selected() assets.Template { return p.templates[p.current] }
