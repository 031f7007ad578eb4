package debrief

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// whyOne is what the change panel says about committing to one change.
const whyOne = "Why only one? A change with one owner and a date to check back usually happens. " +
	"A list of ten good ideas is usually forgotten by the next setback. Keep the other candidates here: " +
	"they are a good start for the next debrief."

// lessonsPhase is the lesson editor beside the one process change.
func (v *Screen) lessonsPhase() fyne.CanvasObject {
	l := v.dossier().Lesson
	lesson := func(get func(*model.Lesson) *string) func(string) {
		return func(s string) { v.editParts(false, func(d *model.Dossier) { *get(&d.Lesson) = s }) }
	}
	whatLed := ui.Multiline(l.WhatLed, "The conditions that made it likely: time, tools, hand-offs, what was hard to see…", 4,
		lesson(func(l *model.Lesson) *string { return &l.WhatLed }))
	wentWell := ui.Multiline(l.WentWell, "What helped, who helped, what should we keep doing?", 3,
		lesson(func(l *model.Lesson) *string { return &l.WentWell }))
	lucky := ui.Multiline(l.Lucky, "What could have made it worse, and didn't?", 3,
		lesson(func(l *model.Lesson) *string { return &l.Lucky }))

	wellOffer, updateWell := v.offerCards(model.WentWell, wentWell)
	luckyOffer, updateLucky := v.offerCards(model.Lucky, lucky)

	signs := container.NewVBox()
	v.refreshSigns(signs)
	newSign := ui.Line("", "A signal we saw but didn't act on", nil)
	addSign := func() {
		text := strings.TrimSpace(newSign.Text)
		if text == "" {
			return
		}
		newSign.SetText("")
		v.addWarningSign(text, signs)
	}
	newSign.OnSubmitted = func(string) { addSign() }
	addBtn := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), addSign)

	refl := container.NewVBox()
	answers := v.dossier().Lesson.Reflections.Answers()
	for i, q := range model.ReflectionQuestions {
		i := i
		e := ui.Multiline(answers[i], "Notes", 2, func(s string) {
			v.editParts(false, func(d *model.Dossier) {
				r := &d.Lesson.Reflections
				*[]*string{&r.Nags, &r.BlameOrCauses, &r.Safer, &r.Celebrate}[i] = s
			})
		})
		ql := ui.Para(fmt.Sprintf("%d. %s", i+1, q))
		ql.TextStyle = fyne.TextStyle{Italic: true}
		refl.Add(container.NewVBox(ql, v.coached(e)))
	}

	left := container.NewVBox(
		ui.Heading("What we learned"),
		ui.Labelled("What led to the problem", v.coached(whatLed)),
		ui.Labelled("Warning signs we missed", signs, container.NewBorder(nil, nil, nil, addBtn, ui.WithNote(newSign))),
		container.NewGridWithColumns(2, ui.Labelled("What went well", v.coached(wentWell), wellOffer),
			ui.Labelled("Where we got lucky", v.coached(lucky), luckyOffer)),
		widget.NewSeparator(),
		ui.Heading("The four questions"),
		refl,
	)
	change := container.NewVBox()
	v.refreshChange(change)
	v.refresh[model.LessonsPhase] = func() { v.refreshSigns(signs); v.refreshChange(change); updateWell(); updateLucky() }
	right := container.NewVBox(ui.Heading("The one change"), change)
	return container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, left, right)))
}

// ---- warning signs ----

// refreshSigns rebuilds the list of warning signs; each may point at a
// Warning-sign card on the board.
func (v *Screen) refreshSigns(box *fyne.Container) {
	box.Objects = nil
	cards := v.board.Factors()
	var options []string
	var optionIDs []int64
	options, optionIDs = append(options, "No card"), append(optionIDs, 0)
	for _, f := range cards {
		if f.Category == model.Warning {
			options = append(options, cardOption(f))
			optionIDs = append(optionIDs, f.ID)
		}
	}
	for _, w := range v.dossier().WarningSigns {
		id := w.ID
		text := ui.Line(w.Text, "A missed signal", nil)
		textField := ui.Checked(text, func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("say what the signal was, or remove it")
			}
			return nil
		}, func(s string) {
			v.editParts(false, func(d *model.Dossier) {
				if i := signIndex(d, id); i >= 0 {
					d.WarningSigns[i].Text = s
				}
			})
		})
		card := widget.NewSelect(options, nil)
		if i := slices.Index(optionIDs, w.FactorID); i >= 0 {
			card.SetSelectedIndex(i)
		} else {
			card.SetSelectedIndex(0)
		}
		card.OnChanged = func(string) {
			v.editParts(true, func(d *model.Dossier) {
				if i := signIndex(d, id); i >= 0 {
					d.WarningSigns[i].FactorID = optionIDs[card.SelectedIndex()]
				}
			})
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			v.editParts(true, func(d *model.Dossier) {
				if i := signIndex(d, id); i >= 0 {
					d.WarningSigns = slices.Delete(d.WarningSigns, i, i+1)
				}
			})
			v.refreshSigns(box)
		})
		remove.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(ui.Sized(card, 200), remove), textField))
	}
	if len(v.dossier().WarningSigns) == 0 {
		box.Add(ui.Caption("None yet. Which signals were there, looking back? An alert, a remark, a gut feeling?"))
	}
	box.Refresh()
}

func cardOption(f model.Factor) string { return "Card: " + model.Shorten(f.Text, 40) }

func signIndex(d *model.Dossier, id int64) int {
	return slices.IndexFunc(d.WarningSigns, func(w model.WarningSign) bool { return w.ID == id })
}

// addWarningSign adds a missed signal and offers to put it on the board as
// a Warning-sign card, linked to it.
func (v *Screen) addWarningSign(text string, box *fyne.Container) {
	id := v.sess.NewSignID()
	match := v.cardSaying(text, model.Warning) // already on the board: point at it, do not ask
	v.editParts(true, func(d *model.Dossier) {
		d.WarningSigns = append(d.WarningSigns, model.WarningSign{ID: id, DebriefID: d.Debrief.ID, Text: text, FactorID: match})
	})
	v.refreshSigns(box)
	if match != 0 {
		return
	}
	ask := dialog.NewConfirm("Put it on the board?",
		fmt.Sprintf("Add “%s” to the board as a Warning-sign card too?", model.Shorten(text, 60)),
		func(ok bool) {
			if !ok {
				return
			}
			card := v.board.AddCard(text, model.Warning)
			if card == 0 {
				return
			}
			v.editParts(true, func(d *model.Dossier) {
				if i := signIndex(d, id); i >= 0 {
					d.WarningSigns[i].FactorID = card
				}
			})
			v.refreshSigns(box)
		}, v.host.Win)
	ask.SetConfirmText("Add the card")
	ask.SetDismissText("Not now")
	ask.Show()
}

// ---- the one change ----

// refreshChange rebuilds the process change panel: why one, the
// candidates with their votes, and the chosen one's details.
func (v *Screen) refreshChange(box *fyne.Container) {
	box.Objects = nil
	box.Add(ui.Panel(theme.Color(theme.ColorNamePrimary), ui.Para(whyOne)))

	chosen, hasChosen := model.Chosen(v.dossier().Changes)
	if hasChosen {
		box.Add(v.chosenForm(chosen.ID, box))
	}

	box.Add(widget.NewLabelWithStyle("Candidates", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(v.dossier().Changes) == 0 {
		box.Add(ui.Caption("Propose a change below. Anyone can; vote, then choose one together."))
	}
	for _, c := range v.dossier().Changes {
		box.Add(v.candidateRow(c, box))
	}
	propose := ui.Line("", "A concrete change, e.g. “Sign-offs for each major step”", nil)
	add := func() {
		what := strings.TrimSpace(propose.Text)
		if what == "" {
			return
		}
		id := v.sess.NewChangeID()
		v.editParts(true, func(d *model.Dossier) {
			d.Changes = append(d.Changes, model.ProcessChange{ID: id, DebriefID: d.Debrief.ID, What: what, CreatedAt: time.Now()})
		})
		v.refreshChange(box)
	}
	propose.OnSubmitted = func(string) { add() }
	btn := widget.NewButtonWithIcon("Propose", theme.ContentAddIcon(), add)
	box.Add(container.NewBorder(nil, nil, nil, btn, v.coached(propose)))
	box.Refresh()
}

func changeIndex(d *model.Dossier, id int64) int {
	return slices.IndexFunc(d.Changes, func(c model.ProcessChange) bool { return c.ID == id })
}

// editChange edits one change by ID.
func (v *Screen) editChange(id int64, now bool, edit func(c *model.ProcessChange)) {
	v.editParts(now, func(d *model.Dossier) {
		if i := changeIndex(d, id); i >= 0 {
			edit(&d.Changes[i])
		}
	})
}

// Choose makes change id the one chosen change (0: none).
func (v *Screen) Choose(id int64) {
	v.editParts(true, func(d *model.Dossier) {
		for i := range d.Changes {
			d.Changes[i].Chosen = d.Changes[i].ID == id
		}
	})
}

func (v *Screen) candidateRow(c model.ProcessChange, box *fyne.Container) fyne.CanvasObject {
	id := c.ID
	text := widget.NewLabel(c.What)
	text.Wrapping = fyne.TextWrapWord
	if c.Chosen {
		text.TextStyle = fyne.TextStyle{Bold: true}
	}
	votes := widget.NewLabel(strconv.Itoa(c.Votes))
	vote := func(delta int) func() {
		return func() {
			v.editChange(id, true, func(c *model.ProcessChange) { c.Votes = max(0, c.Votes+delta) })
			v.refreshChange(box)
		}
	}
	minus := widget.NewButton("−", vote(-1))
	plus := widget.NewButton("+", vote(1))
	minus.Importance, plus.Importance = widget.LowImportance, widget.LowImportance
	if c.Votes == 0 {
		minus.Disable()
	}
	var choose *widget.Button
	if c.Chosen {
		choose = widget.NewButtonWithIcon("Chosen", theme.ConfirmIcon(), func() { v.Choose(0); v.refreshChange(box) })
		choose.Importance = widget.SuccessImportance
	} else {
		choose = widget.NewButton("Choose this one", func() { v.Choose(id); v.refreshChange(box) })
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		v.editParts(true, func(d *model.Dossier) {
			if i := changeIndex(d, id); i >= 0 {
				d.Changes = slices.Delete(d.Changes, i, i+1)
			}
		})
		v.refreshChange(box)
	})
	remove.Importance = widget.LowImportance
	right := container.NewHBox(minus, container.NewCenter(votes), plus, container.NewCenter(choose), remove)
	return container.NewBorder(nil, nil, nil, right, text)
}

// chosenForm is what the chosen change needs: what, owner, check-back
// date, and how we'll know it worked.
func (v *Screen) chosenForm(id int64, box *fyne.Container) fyne.CanvasObject {
	d := v.dossier()
	c := d.Changes[changeIndex(d, id)]
	missing := ui.Caption("")
	missing.Importance = widget.WarningImportance
	showMissing := func() {
		if err := model.ReadyForReview(v.dossier()); err != nil {
			missing.SetText("Still needed: " + strings.TrimPrefix(err.Error(), "to mark it reviewed, "))
			missing.Show()
		} else {
			missing.Hide()
		}
	}
	what := ui.Multiline(c.What, "What will change", 2, func(s string) {
		if strings.TrimSpace(s) != "" {
			v.editChange(id, false, func(c *model.ProcessChange) { c.What = s })
		}
	})
	owner := ui.Line(c.Owner, "Who makes sure it happens", func(s string) {
		v.editChange(id, false, func(c *model.ProcessChange) { c.Owner = strings.TrimSpace(s) })
		showMissing()
	})
	owner.SetLimit(model.MaxName)
	check := ui.NewDateField(v.host.Win, c.CheckBack, false, func(t time.Time) {
		v.editChange(id, false, func(c *model.ProcessChange) { c.CheckBack = t })
		showMissing()
	})
	measure := ui.Multiline(c.Measure, "What we'll see when it works", 2, func(s string) {
		v.editChange(id, false, func(c *model.ProcessChange) { c.Measure = s })
	})
	showMissing()
	form := container.NewVBox(
		widget.NewLabelWithStyle("★ We commit to", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.coached(what),
		container.NewGridWithColumns(2, ui.Labelled("Owner", ui.WithNote(owner)), ui.Labelled("Check back on", check.Content)),
		ui.Labelled("How we'll know it worked", ui.WithNote(measure)),
		missing,
	)
	return ui.Panel(theme.Color(theme.ColorNameSuccess), form)
}

// cardSaying is the card of category c whose text is text (letter case
// and spaces aside), 0 when there is none.
func (v *Screen) cardSaying(text string, c model.Category) int64 {
	want := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	for _, f := range v.board.Factors() {
		if f.Category == c && strings.Join(strings.Fields(strings.ToLower(f.Text)), " ") == want {
			return f.ID
		}
	}
	return 0
}

// offerCards is a button under a lesson field that adds the board's cards
// of category c the field does not say yet (the Went well and Lucky cards
// the group already wrote: nobody should be asked twice), one per line;
// update follows the board.
func (v *Screen) offerCards(c model.Category, field *ui.TextField) (fyne.CanvasObject, func()) {
	btn := widget.NewButtonWithIcon("", theme.ContentAddIcon(), nil)
	btn.Importance = widget.LowImportance
	missing := func() []string {
		var out []string
		for _, f := range v.board.Factors() {
			if t := strings.TrimSpace(model.OneLine(f.Text)); f.Category == c && t != "" && !strings.Contains(field.Text, t) {
				out = append(out, t)
			}
		}
		return out
	}
	update := func() {
		n := len(missing())
		if n == 0 {
			btn.Hide()
			return
		}
		name := strings.ToLower(c.Label())
		if n == 1 {
			btn.SetText("Add the board's " + name + " card")
		} else {
			btn.SetText(fmt.Sprintf("Add the board's %d %s cards", n, name))
		}
		btn.Show()
	}
	btn.OnTapped = func() {
		text := field.Text
		for _, t := range missing() {
			if text != "" && !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
			text += "• " + t
		}
		field.SetText(text)
		update()
	}
	update()
	return btn, update
}
