package debrief

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/assets"
)

// sideWidth is the width of the panel beside the board.
const sideWidth = 260

// boardArea is the board under its toolbar; Factors and Connect share it.
// The coach's hint floats over the board's top edge: it coming and going
// does not move the board.
func (v *Screen) boardArea() fyne.CanvasObject {
	hint := container.NewVBox(container.NewPadded(v.boardCoach.Box))
	if v.fdBar == nil {
		v.fdRow = container.NewHBox()
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
		bg.CornerRadius = 8
		bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
		bg.StrokeWidth = 1
		v.fdBar = container.NewStack(bg, container.NewPadded(v.fdRow))
		v.refreshFaceDown()
	}
	// Top right: the legend is at the bottom left, the coach's hint comes
	// and goes at the top.
	down := container.NewBorder(container.NewHBox(layout.NewSpacer(), container.NewPadded(v.fdBar)), nil, nil, nil)
	area := container.NewBorder(v.tools, nil, nil, nil, container.NewStack(v.board, hint, down))
	v.boardAreas = append(v.boardAreas, area)
	if len(v.boardAreas) > 2 { // Factors' and Connect's; older ones are gone from the screen
		v.boardAreas = v.boardAreas[len(v.boardAreas)-2:]
	}
	return area
}

// refreshFaceDown shows how many cards are face down, per category, over
// the board: the backs of the cards, never their text.
func (v *Screen) refreshFaceDown() {
	if v.fdBar == nil {
		return
	}
	fd := v.board.FaceDown()
	n := v.board.FaceDownCount()
	v.fdRow.Objects = nil
	v.fdBar.Hidden = n == 0
	if n > 0 {
		v.fdRow.Add(widget.NewLabelWithStyle(ui.Plural(n, "card", "cards")+" face down", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, c := range model.Categories() {
			if fd[c] > 0 {
				v.fdRow.Add(container.NewCenter(ui.NewPill(fmt.Sprintf("%s  %d", c.Short(), fd[c]), c.RGB())))
			}
		}
	}
	v.fdBar.Refresh()
}

// factorsPhase is the board with a list of commonly missed factors: a
// click puts one on the board as a card.
func (v *Screen) factorsPhase() fyne.CanvasObject {
	list := container.NewVBox()
	v.missed = nil
	add := func(text string, c model.Category, hint string) {
		// A button's label does not wrap: a long prompt would widen the
		// panel. So the text is a wrapping label beside a + button.
		b := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { v.addMissed(text, c) })
		b.Importance = widget.LowImportance
		label := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		label.Wrapping = fyne.TextWrapWord
		v.missed = append(v.missed, missedItem{text: text, category: c, add: b, label: label})
		body := container.NewVBox(label)
		if hint != "" {
			body.Add(ui.Caption(hint))
		}
		list.Add(container.NewBorder(nil, nil, container.NewVBox(b), nil, body))
	}
	for _, m := range model.CommonlyMissed {
		add(m.Text, m.Category, m.Hint)
	}
	if prompts := templatePrompts(v.dossier().Debrief.Template); len(prompts) > 0 {
		list.Add(widget.NewSeparator())
		list.Add(widget.NewLabelWithStyle("For this kind of setback", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, p := range prompts {
			add(p, model.Context, "")
		}
	}
	v.markMissed()
	intro := ui.Caption("Every detail is welcome. Click one to put it on the board, then double-click the card to say more.")
	side := container.NewBorder(container.NewVBox(ui.Heading("Often missed"), intro), nil, nil, nil, container.NewVScroll(list))
	return container.NewBorder(nil, nil, nil, sidePanel(side), v.boardArea())
}

// missedItem is one "Often missed" suggestion beside the board.
type missedItem struct {
	text     string
	category model.Category
	add      *widget.Button
	label    *widget.Label
}

// markMissed ticks the suggestions that are on the board already, so
// nobody adds one twice, and offers them again once their card is gone.
func (v *Screen) markMissed() {
	for _, m := range v.missed {
		used := v.cardSaying(m.text, m.category) != 0
		if used == m.add.Disabled() {
			continue
		}
		if used {
			m.add.SetIcon(theme.ConfirmIcon())
			m.add.Disable()
			m.label.Importance = widget.LowImportance
		} else {
			m.add.SetIcon(theme.ContentAddIcon())
			m.add.Enable()
			m.label.Importance = widget.MediumImportance
		}
		m.label.Refresh()
	}
}

// addMissed puts a commonly missed factor on the board as a card.
func (v *Screen) addMissed(text string, c model.Category) {
	v.board.AddCard(text, c)
	v.host.Win.Canvas().Focus(v.board)
}

// templatePrompts are the template's own commonly missed factors.
func templatePrompts(id string) []string {
	t, _ := templateByID(id)
	return t.Prompts
}

// templateByID is the template a debrief was made from; false for none.
func templateByID(id string) (assets.Template, bool) {
	for _, t := range assets.Templates() {
		if id != "" && t.ID == id {
			return t, true
		}
	}
	return assets.Template{}, false
}

// connectPhase is the board with dot votes on, and the cards with the
// most votes beside it: the strongest candidates for the one change.
func (v *Screen) connectPhase() fyne.CanvasObject {
	top := container.NewVBox()
	refresh := func() {
		top.Objects = nil
		for _, f := range v.board.MostVoted(6) {
			t := ui.Para(fmt.Sprintf("%s  %s", dots(f.Votes), model.OneLine(f.Text)))
			top.Add(container.NewBorder(nil, nil, ui.ColourBar(f.Category.RGB(), 6), nil, t))
		}
		if len(top.Objects) == 0 {
			top.Add(ui.Caption("No votes yet."))
		}
		top.Refresh()
	}
	refresh()
	v.refresh[model.ConnectPhase] = refresh
	how := container.NewVBox(
		ui.Para("Drag from the round handle on a card's edge to the card it contributed to."),
		ui.Para("Everyone gets three dots: click + on the cards that matter most (or select a card and press + or −)."),
	)
	side := container.NewBorder(container.NewVBox(ui.Heading("Connect and vote"), how, widget.NewSeparator(), ui.Heading("Most votes")),
		nil, nil, nil, container.NewVScroll(top))
	return container.NewBorder(nil, nil, nil, sidePanel(side), v.boardArea())
}

func dots(n int) string {
	s := ""
	for i := 0; i < min(n, 5); i++ {
		s += "●"
	}
	if n > 5 {
		s += fmt.Sprintf("+%d", n-5)
	}
	return s
}

// sidePanel gives a panel beside the board its width and a divider.
func sidePanel(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewSeparator(), nil,
		container.New(fixedWidth(sideWidth), container.NewPadded(content)))
}

// fixedWidth lays its objects over each other at a fixed width and the
// full height. The width is at the theme's usual text size and grows with
// it (View ▸ Interface size), or the panel's text would wrap in a sliver.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w)*theme.TextSize()/14, h) // 14: Fyne's usual text size
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
