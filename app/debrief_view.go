package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
)

// summaryView lays out a whole debrief, read-only: what happened, the
// one change, every factor by category, the lessons and the kudos.
func summaryView(d *model.Dossier) fyne.CanvasObject {
	deb := d.Debrief
	body := container.NewVBox()
	add := func(objs ...fyne.CanvasObject) { body.Objects = append(body.Objects, objs...) }

	if meta := metaLine(deb); meta != "" {
		m := para(meta)
		m.TextStyle = fyne.TextStyle{Italic: true}
		add(m)
	}
	if deb.Summary != "" {
		add(heading("What happened"), para(deb.Summary))
	}
	add(heading("The one change"), changePanel(d))
	add(heading(fmt.Sprintf("Contributing factors (%d)", len(d.Factors))))
	if len(d.Factors) == 0 {
		add(para("No factors yet. Every detail is welcome: timelines, hand-offs, fatigue, a skipped step."))
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
		add(container.NewBorder(nil, nil, colourBar(c.RGB(), 14), nil, label))
		add(container.NewPadded(container.NewVBox(cards...)))
	}
	if len(d.Links) > 0 {
		add(heading("How they connect"))
		byID := d.FactorsByID()
		for _, l := range d.Links {
			from, to := byID[l.FromID], byID[l.ToID]
			label := l.Label
			if label == "" {
				label = model.DefaultLinkLabel
			}
			add(para(fmt.Sprintf("%s %s %s", short(from.Text), label, short(to.Text))))
		}
	}
	add(lessonSection(d)...)
	if len(d.Kudos) > 0 {
		add(heading("Kudos for detective work"))
		for _, k := range d.Kudos {
			add(para(fmt.Sprintf("★  %s — %s", k.Who, k.For)))
		}
	}
	return container.NewVScroll(container.NewPadded(body))
}

func metaLine(d model.Debrief) string {
	var parts []string
	if !d.HappenedAt.IsZero() {
		parts = append(parts, "Happened "+day(d.HappenedAt))
	}
	if !d.ScheduledAt.IsZero() {
		parts = append(parts, "Reflection "+day(d.ScheduledAt))
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
			msg = fmt.Sprintf("%s proposed; none chosen yet. Commit to exactly one.", plural(n, "candidate", "candidates"))
		}
		return panel(theme.Color(theme.ColorNameDisabled), para(msg))
	}
	what := para(c.What)
	what.TextStyle = fyne.TextStyle{Bold: true}
	lines := []fyne.CanvasObject{what}
	form := widget.NewForm()
	if c.Owner != "" {
		form.Append("Owner", widget.NewLabel(c.Owner))
	}
	if !c.CheckBack.IsZero() {
		form.Append("Check back", widget.NewLabel(date(c.CheckBack)))
	}
	if c.Measure != "" {
		form.Append("We'll know it worked when", para(c.Measure))
	}
	if c.Outcome != model.NoOutcome {
		form.Append("Outcome", para(strings.TrimSpace(string(c.Outcome)+". "+c.OutcomeNote)))
	}
	if len(form.Items) > 0 {
		lines = append(lines, form)
	}
	return panel(theme.Color(theme.ColorNamePrimary), container.NewVBox(lines...))
}

func factorRow(f model.Factor, kudos bool) fyne.CanvasObject {
	text := para(f.Text)
	var meta []string
	if f.Author != "" {
		meta = append(meta, f.Author)
	} else {
		meta = append(meta, "anonymous")
	}
	if f.Votes > 0 {
		meta = append(meta, strings.Repeat("●", min(f.Votes, 10))+" "+plural(f.Votes, "vote", "votes"))
	}
	if kudos {
		meta = append(meta, "★ kudos")
	}
	m := widget.NewLabel(strings.Join(meta, "  ·  "))
	m.TextStyle = fyne.TextStyle{Italic: true}
	return container.NewBorder(nil, nil, colourBar(f.Category.RGB(), 6), m, text)
}

func lessonSection(d *model.Dossier) []fyne.CanvasObject {
	l := d.Lesson
	var out []fyne.CanvasObject
	section := func(title, text string) {
		if strings.TrimSpace(text) != "" {
			out = append(out, heading(title), para(text))
		}
	}
	section("What led to the problem", l.WhatLed)
	if len(d.WarningSigns) > 0 {
		out = append(out, heading("Warning signs we missed"))
		for _, w := range d.WarningSigns {
			out = append(out, para("•  "+w.Text))
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
		ql := para(q)
		ql.TextStyle = fyne.TextStyle{Italic: true}
		refl = append(refl, ql, para(answers[i]), layout.NewSpacer())
	}
	if len(refl) > 0 {
		out = append(out, heading("Reflections"))
		out = append(out, refl...)
	}
	return out
}

// short quotes a card's text on one line, for the list of links.
func short(s string) string { return "“" + model.Shorten(s, 60) + "”" }
