package debrief

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// summaryView lays out a whole debrief, read-only: what happened, the
// timeline, the one change, every factor by category, the lessons and the kudos.
func summaryView(d *model.Dossier) fyne.CanvasObject {
	deb := d.Debrief
	body := container.NewVBox()
	add := func(objs ...fyne.CanvasObject) { body.Objects = append(body.Objects, objs...) }

	if meta := metaLine(deb); meta != "" {
		m := ui.Para(meta)
		m.TextStyle = fyne.TextStyle{Italic: true}
		add(m)
	}
	if deb.Summary != "" {
		add(ui.Heading("What happened"), ui.Para(deb.Summary))
	}
	if rows := timelineRows(d, true); len(rows) > 0 {
		add(ui.Heading("Timeline"))
		add(rows...)
	}
	add(ui.Heading("The one change"), changePanel(d))
	add(ui.Heading(fmt.Sprintf("Contributing factors (%d)", len(d.Factors))))
	if len(d.Factors) == 0 {
		add(ui.Para("No factors yet. Every detail is welcome: timelines, hand-offs, fatigue, a skipped step."))
	}
	kudosFor := map[int64]bool{}
	for _, k := range d.Kudos {
		kudosFor[k.FactorID] = true
	}
	for _, c := range model.Categories() {
		var cards []fyne.CanvasObject
		for _, f := range d.Factors {
			if f.Category == c {
				cards = append(cards, factorRow(f, kudosFor[f.ID]))
			}
		}
		if len(cards) == 0 {
			continue
		}
		label := widget.NewLabelWithStyle(fmt.Sprintf("%s (%d)", c.Label(), len(cards)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		add(container.NewBorder(nil, nil, ui.ColourBar(c.RGB(), 14), nil, label))
		add(container.NewPadded(container.NewVBox(cards...)))
	}
	if len(d.Links) > 0 {
		add(ui.Heading("How they connect"))
		byID := d.FactorsByID()
		for _, l := range d.Links {
			from, to := byID[l.FromID], byID[l.ToID]
			label := l.Label
			if label == "" {
				label = model.DefaultLinkLabel
			}
			add(ui.Para(fmt.Sprintf("%s %s %s", short(from.Text), label, short(to.Text))))
		}
	}
	add(lessonSection(d)...)
	if len(d.Kudos) > 0 {
		add(ui.Heading("Kudos for detective work"))
		for _, k := range d.Kudos {
			add(ui.Para(fmt.Sprintf("★  %s — %s", k.Who, k.For)))
		}
	}
	return container.NewVScroll(container.NewPadded(body))
}

func metaLine(d model.Debrief) string {
	var parts []string
	if !d.HappenedAt.IsZero() {
		parts = append(parts, "Happened "+ui.Day(d.HappenedAt))
	}
	if !d.ScheduledAt.IsZero() {
		parts = append(parts, "Reflection "+ui.Day(d.ScheduledAt))
	}
	parts = append(parts, fmt.Sprintf("Timebox %d min", d.TimeboxMinutes))
	if len(d.Participants) > 0 {
		parts = append(parts, "With "+strings.Join(d.Participants, ", "))
	}
	return strings.Join(parts, "  ·  ")
}

func changePanel(d *model.Dossier) fyne.CanvasObject {
	c, ok := model.Chosen(d.Changes)
	if !ok {
		msg := "No change chosen yet. Propose candidates, vote, then commit to exactly one."
		if n := len(d.Changes); n > 0 {
			msg = fmt.Sprintf("%s proposed; none chosen yet. Commit to exactly one.", ui.Plural(n, "candidate", "candidates"))
		}
		return ui.Panel(theme.Color(theme.ColorNameDisabled), ui.Para(msg))
	}
	what := ui.Para(c.What)
	what.TextStyle = fyne.TextStyle{Bold: true}
	lines := []fyne.CanvasObject{what}
	form := widget.NewForm()
	if c.Owner != "" {
		form.Append("Owner", widget.NewLabel(c.Owner))
	}
	if !c.CheckBack.IsZero() {
		form.Append("Check back", widget.NewLabel(ui.Date(c.CheckBack)))
	}
	if c.Measure != "" {
		form.Append("We'll know it worked when", ui.Para(c.Measure))
	}
	if c.Outcome != model.NoOutcome {
		form.Append("Outcome", ui.Para(strings.TrimSpace(string(c.Outcome)+". "+c.OutcomeNote)))
	}
	if len(form.Items) > 0 {
		lines = append(lines, form)
	}
	return ui.Panel(theme.Color(theme.ColorNamePrimary), container.NewVBox(lines...))
}

func factorRow(f model.Factor, kudos bool) fyne.CanvasObject {
	text := ui.Para(f.Text)
	var meta []string
	if f.Author != "" {
		meta = append(meta, f.Author)
	} else {
		meta = append(meta, "anonymous")
	}
	if f.Votes > 0 {
		meta = append(meta, strings.Repeat("●", min(f.Votes, 10))+" "+ui.Plural(f.Votes, "vote", "votes"))
	}
	if kudos {
		meta = append(meta, "★ kudos")
	}
	m := widget.NewLabel(strings.Join(meta, "  ·  "))
	m.TextStyle = fyne.TextStyle{Italic: true}
	return container.NewBorder(nil, nil, ui.ColourBar(f.Category.RGB(), 6), m, text)
}

func lessonSection(d *model.Dossier) []fyne.CanvasObject {
	l := d.Lesson
	var out []fyne.CanvasObject
	section := func(title, text string) {
		if strings.TrimSpace(text) != "" {
			out = append(out, ui.Heading(title), ui.Para(text))
		}
	}
	section("What led to the problem", l.WhatLed)
	if len(d.WarningSigns) > 0 {
		out = append(out, ui.Heading("Warning signs we missed"))
		for _, w := range d.WarningSigns {
			out = append(out, ui.Para("•  "+w.Text))
		}
	}
	section("What went well", l.WentWell)
	section("Where we got lucky", l.Lucky)
	answers := l.Reflections.Answers()
	var refl []fyne.CanvasObject
	for i, q := range model.ReflectionQuestions {
		if strings.TrimSpace(answers[i]) == "" {
			continue
		}
		ql := ui.Para(q)
		ql.TextStyle = fyne.TextStyle{Italic: true}
		refl = append(refl, ql, ui.Para(answers[i]), layout.NewSpacer())
	}
	if len(refl) > 0 {
		out = append(out, ui.Heading("Reflections"))
		out = append(out, refl...)
	}
	return out
}

// short quotes a card's text on one line, for the list of links.
func short(s string) string { return "“" + model.Shorten(s, 60) + "”" }
