package debrief

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// PresentTextShare: while presenting, card text is at least this share of
// the screen's height (1/40: 27 px on a 1080-line projector).
const PresentTextShare = 1.0 / 40

// RoomView is phase ph of d as the room sees it while presenting: what the
// group has said so far, large and read-only, without the forms that
// collect it. (Factors and Connect show the board instead.) last is the
// change the previous debrief committed to, if any. It is drawn in th,
// width units wide.
func RoomView(ph model.Phase, d *model.Dossier, last *store.CheckIn, width float32, th RoomTheme) fyne.CanvasObject {
	var body fyne.CanvasObject
	switch ph {
	case model.SetTheStage:
		body = roomStage(d, last)
	case model.LessonsPhase:
		body = roomLessons(d)
	case model.KudosPhase:
		body = roomKudos(d, width, th)
	case model.SharePhase:
		body = roomShare(d)
	default:
		body = ui.Para(ph.Label())
	}
	return container.NewThemeOverride(body, th)
}

// RoomTheme is the presentation's theme with text k times larger, so body
// text is as large as the cards' (PresentTextShare of the screen).
type RoomTheme struct {
	fyne.Theme
	k float32
}

// NewRoomTheme scales base's text for a screen h units high.
func NewRoomTheme(base fyne.Theme, h float32) RoomTheme {
	return RoomTheme{Theme: base, k: max(1, h*PresentTextShare/base.Size(theme.SizeNameText))}
}

// Size scales the text sizes; padding and the rest stay base's. Captions
// are as large as body text: the back of the room reads them too.
func (t RoomTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameCaptionText:
		return t.Theme.Size(theme.SizeNameText) * t.k
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText:
		return t.Theme.Size(n) * t.k
	}
	return t.Theme.Size(n)
}

// roomColumns puts left and right side by side, each in its own column,
// with room between them.
func roomColumns(left, right fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWithColumns(2, container.NewPadded(left), container.NewPadded(right))
}

// roomEmpty is what a section says before anyone has written in it.
func roomEmpty(text string) fyne.CanvasObject {
	l := ui.Para(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	l.Importance = widget.LowImportance
	return l
}

func roomStage(d *model.Dossier, last *store.CheckIn) fyne.CanvasObject {
	left := container.NewVBox(ui.Heading("What happened"))
	if strings.TrimSpace(d.Debrief.Summary) == "" {
		left.Add(roomEmpty("Not written yet: say it in a few sentences, as plainly as you can."))
	} else {
		left.Add(ui.Para(d.Debrief.Summary))
	}
	if meta := metaLine(d.Debrief); meta != "" {
		m := ui.Para(meta)
		m.TextStyle = fyne.TextStyle{Italic: true}
		left.Add(m)
	}
	if rows := timelineRows(d, false); len(rows) > 0 {
		left.Add(ui.Heading("Timeline"))
		left.Objects = append(left.Objects, rows...)
	}
	if last != nil {
		left.Add(ui.Heading("Last time"))
		left.Add(ui.Panel(theme.Color(theme.ColorNameSuccess), lastChangeText(last.DebriefTitle, last.Change)))
	}
	rules := container.NewVBox()
	for i, r := range model.GroundRules {
		rules.Add(ui.Para(fmt.Sprintf("%d.  %s", i+1, r)))
	}
	right := container.NewVBox(ui.Heading("Ground rules"), ui.Panel(theme.Color(theme.ColorNamePrimary), rules))
	return roomColumns(left, right)
}

func roomLessons(d *model.Dossier) fyne.CanvasObject {
	left := container.NewVBox(lessonSection(d)...)
	if len(left.Objects) == 0 {
		left.Add(ui.Heading("Lessons"))
		left.Add(roomEmpty("Nothing written yet. What led to the problem? Which warning signs did we miss?"))
	}
	right := container.NewVBox(ui.Heading("The one change"), changePanel(d))
	if _, chosen := model.Chosen(d.Changes); !chosen && len(d.Changes) > 0 {
		right.Add(ui.Heading("Candidates"))
		for _, c := range d.Changes {
			right.Add(container.NewBorder(nil, nil, roomVotes(c.Votes), nil, ui.Para(c.What)))
		}
	}
	return roomColumns(left, right)
}

// roomVotes is a change's dot votes as the room reads them.
func roomVotes(n int) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(ui.Plural(n, "vote", "votes"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	return l
}

// roomKudos is the kudos wall: as many columns (up to three) as fit at
// about 45 letters each (a letter is about half the text size wide).
func roomKudos(d *model.Dossier, width float32, th RoomTheme) fyne.CanvasObject {
	headingSize := th.Size(theme.SizeNameHeadingText)
	star := canvas.NewText("★", ui.KudosGold)
	star.TextSize = headingSize * 1.5
	title := canvas.NewText("Kudos for detective work", theme.Color(theme.ColorNameForeground))
	title.TextSize = headingSize * 1.3
	title.TextStyle = fyne.TextStyle{Bold: true}
	head := container.NewHBox(star, title)
	if len(d.Kudos) == 0 {
		return container.NewVBox(head, roomEmpty("No kudos yet. Who spotted the weak point early, or said the awkward thing?"))
	}
	byID := d.FactorsByID()
	cols := max(1, min(3, int(width/(22*th.Size(theme.SizeNameText)))))
	wall := container.NewGridWithColumns(min(cols, len(d.Kudos)))
	for _, k := range d.Kudos {
		s := canvas.NewText("★", ui.KudosGold)
		s.TextSize = headingSize * 1.3
		name := widget.NewLabelWithStyle(model.OneLine(k.Who), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.SizeName = theme.SizeNameHeadingText
		name.Truncation = fyne.TextTruncateEllipsis
		lines := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewCenter(s), nil, name)}
		if strings.TrimSpace(k.For) != "" {
			lines = append(lines, ui.Para(k.For))
		}
		if f, ok := byID[k.FactorID]; ok {
			lines = append(lines, ui.Caption("★ on the card “"+model.Shorten(f.Text, 60)+"”"))
		}
		wall.Add(ui.Panel(ui.KudosGold, container.NewVBox(lines...)))
	}
	return container.NewVBox(head, wall)
}

func roomShare(d *model.Dossier) fyne.CanvasObject {
	left := container.NewVBox(ui.Heading("The one change"), changePanel(d))
	if strings.TrimSpace(d.Lesson.WhatLed) != "" {
		left.Add(ui.Heading("What led to the problem"))
		left.Add(ui.Para(d.Lesson.WhatLed))
	}
	right := container.NewVBox(ui.Heading("Thank you"))
	if len(d.Kudos) == 0 {
		right.Add(roomEmpty("No kudos yet."))
	}
	for _, k := range d.Kudos {
		right.Add(ui.Para(fmt.Sprintf("★  %s — %s", model.OneLine(k.Who), k.For)))
	}
	right.Add(ui.Heading("What we share"))
	right.Add(ui.Para(fmt.Sprintf("%s, %s and the lessons, in one PDF for everyone's inbox.",
		ui.Plural(len(d.Factors), "contributing factor", "contributing factors"), ui.Plural(len(d.Kudos), "kudos", "kudos"))))
	return roomColumns(left, right)
}
