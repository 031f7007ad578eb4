package debrief

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// kudosPhase celebrates detective work: who spotted the flaw, who said the
// awkward thing. Each kudos is a card on a wall, not a line in a list.
func (v *Screen) kudosPhase() fyne.CanvasObject {
	wall := container.NewGridWrap(fyne.NewSize(330, 220))
	who := ui.Line("", "Who", nil)
	who.SetLimit(model.MaxName)
	what := ui.Multiline("", "What they spotted, or had the courage to say", 2, nil)
	card := widget.NewSelect(nil, nil)
	var cardIDs []int64
	fillCards := func() {
		// Kept across a refresh (a kudos from a device arrives while the
		// facilitator fills this form in).
		was := int64(0)
		if i := card.SelectedIndex(); i > 0 && i < len(cardIDs) {
			was = cardIDs[i]
		}
		opts := []string{"No card"}
		cardIDs = []int64{0}
		pick := 0
		for _, f := range v.board.Factors() {
			if f.ID == was {
				pick = len(cardIDs)
			}
			opts = append(opts, cardOption(f))
			cardIDs = append(cardIDs, f.ID)
		}
		card.Options = opts
		card.SetSelectedIndex(pick)
	}
	// The names from "Who is here" and the group, to pick instead of typing.
	here := widget.NewSelect(nil, func(name string) {
		if name != "" {
			who.SetText(name)
		}
	})
	here.PlaceHolder = "Pick from who is here"
	fillNames := func() {
		here.Options = v.names(v.sess.Debrief().Participants)
		here.ClearSelected()
		if len(here.Options) == 0 {
			here.Hide()
		} else {
			here.Show()
		}
	}
	fillNames()
	fillCards()
	v.refreshKudos(wall)
	give := widget.NewButtonWithIcon("Give kudos", theme.ConfirmIcon(), func() {
		name := strings.TrimSpace(who.Text)
		if name == "" {
			v.host.Win.Canvas().Focus(who)
			return
		}
		v.AddKudos(name, strings.TrimSpace(what.Text), cardIDs[max(0, card.SelectedIndex())])
		who.SetText("")
		what.SetText("")
		card.SetSelectedIndex(0)
		v.refreshKudos(wall)
	})
	give.Importance = widget.HighImportance
	v.refresh[model.KudosPhase] = func() { fillCards(); fillNames(); v.refreshKudos(wall) }

	form := container.NewVBox(
		ui.Heading("Thank a detective"),
		ui.Caption("Who noticed the weak point early? Who admitted the skipped step, or asked the awkward question? Name them, and say what they did."),
		ui.Labelled("Who", ui.WithNote(who), here),
		ui.Labelled("What they spotted or said", ui.WithNote(what)),
		ui.Labelled("About a card (optional)", card, ui.Caption("The card gets a star on the board.")),
		container.NewHBox(layout.NewSpacer(), give),
	)
	star := canvas.NewText("★", ui.KudosGold)
	star.TextSize = theme.TextHeadingSize() * 1.5
	title := canvas.NewText("Kudos for detective work", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.3
	title.TextStyle = fyne.TextStyle{Bold: true}
	intro := ui.Caption("We celebrate finding the weak spots, not hiding them. Saying it out loud is how the next setback gets smaller.")
	left := container.NewBorder(container.NewVBox(container.NewHBox(star, title), intro), nil, nil, nil, container.NewVScroll(wall))
	return container.NewPadded(container.NewBorder(nil, nil, nil, container.New(fixedWidth(360), form), left))
}

// AddKudos thanks who for what, optionally about a card.
func (v *Screen) AddKudos(who, what string, card int64) {
	id := v.sess.NewKudosID()
	v.editParts(true, func(d *model.Dossier) {
		d.Kudos = append(d.Kudos, model.Kudos{ID: id, DebriefID: d.Debrief.ID, Who: who, For: what, FactorID: card})
	})
}

// refreshKudos redraws the wall.
func (v *Screen) refreshKudos(wall *fyne.Container) {
	wall.Objects = nil
	byID := map[int64]model.Factor{}
	for _, f := range v.board.Factors() {
		byID[f.ID] = f
	}
	for _, k := range v.dossier().Kudos {
		id := k.ID
		star := canvas.NewText("★", ui.KudosGold)
		star.TextSize = 34
		name := canvas.NewText(model.OneLine(k.Who), theme.Color(theme.ColorNameForeground))
		name.TextSize = theme.TextHeadingSize()
		name.TextStyle = fyne.TextStyle{Bold: true}
		reason := ui.Para(k.For)
		var about fyne.CanvasObject
		if f, ok := byID[k.FactorID]; ok {
			about = ui.Caption("★ on the card “" + model.Shorten(f.Text, 40) + "”")
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			v.editParts(true, func(d *model.Dossier) {
				if i := slices.IndexFunc(d.Kudos, func(k model.Kudos) bool { return k.ID == id }); i >= 0 {
					d.Kudos = slices.Delete(d.Kudos, i, i+1)
				}
			})
			v.refreshKudos(wall)
		})
		remove.Importance = widget.LowImportance
		head := container.NewBorder(nil, nil, star, container.NewVBox(remove), container.NewCenter(container.NewHBox(name, layout.NewSpacer())))
		wall.Add(ui.Panel(ui.KudosGold, container.NewBorder(head, about, nil, nil, container.NewVScroll(reason))))
	}
	if len(v.dossier().Kudos) == 0 {
		wall.Add(ui.Panel(ui.KudosGold, container.NewCenter(widget.NewLabel("No kudos yet. Who deserves the first?"))))
	}
	wall.Refresh()
}
