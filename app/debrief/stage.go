package debrief

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/export"
)

// stagePhase is Set the stage: what happened, when, who is here, the
// timeline of what happened when, when the reflection is and how long,
// the ground rules, and what became of the last change the group
// committed to.
func (v *Screen) stagePhase() fyne.CanvasObject {
	d := v.dossier().Debrief
	win := v.host.Win

	title := ui.Line(d.Title, "A short title", nil)
	title.SetLimit(model.MaxTitle)
	titleField := ui.Checked(title, func(s string) error {
		switch {
		case strings.TrimSpace(s) == "":
			return fmt.Errorf("give it a short title")
		case len([]rune(s)) > model.MaxTitle:
			return fmt.Errorf("keep the title under %d characters", model.MaxTitle)
		}
		return nil
	}, func(s string) {
		v.editDebrief(func(d *model.Debrief) { d.Title = s })
		v.titleLbl.SetText(model.OneLine(s))
		win.SetTitle(model.OneLine(s) + " — Debrief")
	})
	summary := ui.Multiline(d.Summary, summaryPrompt(d.Template), 4,
		func(s string) { v.editDebrief(func(d *model.Debrief) { d.Summary = s }) })
	happened := ui.NewDateField(win, d.HappenedAt, true, func(t time.Time) {
		v.editDebrief(func(d *model.Debrief) { d.HappenedAt = t })
	})
	people := ui.Line(strings.Join(d.Participants, ", "), "Ana, Ben, Chris (optional)", nil)
	peopleField := ui.Checked(people, func(s string) error {
		for _, n := range splitNames(s) {
			if len([]rune(n)) > model.MaxName {
				return fmt.Errorf("a name is longer than %d characters", model.MaxName)
			}
		}
		return nil
	}, func(s string) { v.editDebrief(func(d *model.Debrief) { d.Participants = splitNames(s) }) })

	scheduled := ui.NewDateField(win, d.ScheduledAt, true, func(t time.Time) {
		v.editDebrief(func(d *model.Debrief) { d.ScheduledAt = t })
	})
	length := ui.Line(strconv.Itoa(d.TimeboxMinutes), "10", nil)
	lengthField := ui.Checked(length, func(s string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 1 || n > model.MaxTimebox {
			return fmt.Errorf("minutes, 1 to %d", model.MaxTimebox)
		}
		return nil
	}, func(s string) {
		n, _ := strconv.Atoi(strings.TrimSpace(s))
		v.editDebrief(func(d *model.Debrief) { d.TimeboxMinutes = n })
		v.timer.retotal(n)
	})
	invite := widget.NewButtonWithIcon("Calendar invite (.ics)…", theme.MailComposeIcon(), func() {
		v.sess.Commit()
		cur := v.Current()
		if cur.Debrief.ScheduledAt.IsZero() {
			v.host.ShowError("No calendar invite yet", fmt.Errorf("pick the date and time of the reflection first"))
			return
		}
		v.shell.ExportDialog(cur, export.ICS)
	})

	left := container.NewVBox(
		ui.Heading("What happened"),
		ui.Labelled("Title", titleField),
		ui.Labelled("In a few sentences", v.coached(summary)),
		container.NewGridWithColumns(2,
			ui.Labelled("When it happened", happened.Content),
			ui.Labelled("Who is here", v.withMembers(people, peopleField), ui.Caption("Names are optional. Cards can always be anonymous."))),
		widget.NewSeparator(),
		v.timelineSection(), // timeline.go
		widget.NewSeparator(),
		ui.Heading("The reflection"),
		container.NewGridWithColumns(2,
			ui.Labelled("When is the reflection", scheduled.Content, ui.Caption("Right after the setback is best: even 10 minutes helps.")),
			ui.Labelled("Length (minutes)", lengthField, ui.Caption("The timer at the top counts it down. It is 10 minutes unless you change it."))),
		container.NewHBox(invite),
	)

	rules := container.NewVBox()
	for i, r := range model.GroundRules {
		rules.Add(ui.Para(fmt.Sprintf("%d.  %s", i+1, r)))
	}
	right := container.NewVBox(ui.Heading("Ground rules"), ui.Panel(theme.Color(theme.ColorNamePrimary), rules))
	if c := v.lastIn; c != nil {
		right.Add(ui.Heading("Last time"))
		right.Add(ui.Panel(theme.Color(theme.ColorNameSuccess), lastChangeText(c.DebriefTitle, c.Change)))
	}
	if len(v.held) > 0 {
		right.Add(ui.Heading("Did it hold?"))
		right.Add(ui.Panel(theme.Color(theme.ColorNameWarning), heldText(v.held)))
	}
	right.Add(ui.Heading("Then"))
	right.Add(ui.Para("Start the timer, then go to Factors: put every contributing factor on the board, the technical and the human. No detail is too small."))
	next := widget.NewButtonWithIcon("Go to Factors", theme.NavigateNextIcon(), func() { v.Show(model.FactorsPhase) })
	next.Importance = widget.HighImportance
	right.Add(container.NewHBox(next))

	return container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, left, right)))
}

// lastChangeText says what the group committed to last time and how it went.
func lastChangeText(title string, c model.ProcessChange) fyne.CanvasObject {
	what := ui.Para("“" + model.OneLine(c.What) + "”")
	what.TextStyle = fyne.TextStyle{Bold: true}
	var meta []string
	meta = append(meta, "From “"+model.OneLine(title)+"”")
	if c.Owner != "" {
		meta = append(meta, "owned by "+c.Owner)
	}
	if !c.CheckBack.IsZero() {
		meta = append(meta, "check back "+ui.Date(c.CheckBack))
	}
	outcome := "Not checked back yet: did it stick?"
	switch c.Outcome {
	case model.Kept:
		outcome = "Kept."
	case model.Adjusted:
		outcome = "Adjusted."
	case model.Dropped:
		outcome = "Dropped."
	}
	if c.OutcomeNote != "" {
		outcome += " " + c.OutcomeNote
	}
	o := ui.Para(outcome)
	o.TextStyle = fyne.TextStyle{Italic: true}
	return container.NewVBox(what, ui.Caption(strings.Join(meta, ", ")), o)
}

// summaryPrompt is the question the summary field asks: the template's
// own, when the debrief was made from one.
func summaryPrompt(template string) string {
	const general = "What happened, in two or three sentences? When did you notice?"
	if t, ok := templateByID(template); ok {
		if d, err := export.ReadJSON(bytes.NewReader(t.Data)); err == nil && d.Debrief.Summary != "" {
			return d.Debrief.Summary
		}
	}
	return general
}

// splitNames reads "Ana, Ben ,, Chris" as [Ana Ben Chris].
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// withMembers puts, beside the "Who is here" field, a pick of the group's
// members not named yet (and all of them at once), when it has members.
func (v *Screen) withMembers(people *ui.TextField, field fyne.CanvasObject) fyne.CanvasObject {
	members := v.group.Members
	if len(members) == 0 {
		return field
	}
	const everyone = "Everyone"
	pick := widget.NewSelect(nil, nil)
	pick.PlaceHolder = "Add from " + model.OneLine(v.group.Name)
	fill := func() {
		present := splitNames(people.Text)
		var missing []string
		for _, m := range members {
			if !slices.ContainsFunc(present, func(n string) bool { return strings.EqualFold(n, m) }) {
				missing = append(missing, m)
			}
		}
		if len(missing) > 1 {
			missing = append([]string{everyone}, missing...)
		}
		pick.Options = missing
		pick.ClearSelected()
		if len(missing) == 0 {
			pick.Disable()
		} else {
			pick.Enable()
		}
	}
	pick.OnChanged = func(name string) {
		if name == "" {
			return
		}
		names := splitNames(people.Text)
		for _, m := range members {
			if (name == everyone || name == m) && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, m) }) {
				names = append(names, m)
			}
		}
		people.SetText(strings.Join(names, ", "))
		fill()
	}
	fill()
	people.OnChanged = chain(people.OnChanged, func(string) { fill() })
	return container.NewBorder(nil, nil, nil, pick, field)
}

// chain is f then g.
func chain(f, g func(string)) func(string) {
	return func(s string) {
		if f != nil {
			f(s)
		}
		g(s)
	}
}

// heldText lists the group's earlier changes that may not have held, at
// most one sentence per change and three in all.
func heldText(held []insights.Recurrence) fyne.CanvasObject {
	box := container.NewVBox()
	seen := map[int64]bool{}
	for _, h := range held {
		if seen[h.Change.ID] || len(seen) == 3 {
			continue
		}
		seen[h.Change.ID] = true
		box.Add(ui.Para(h.Sentence))
	}
	box.Add(ui.Caption("Insights (Ctrl+I, from the library) shows every change and what came back."))
	return box
}
