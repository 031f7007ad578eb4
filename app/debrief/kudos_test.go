package debrief

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// Kudos offers the names from "Who is here"; a kudos arriving from a
// device does not reset the card the facilitator picked.
func TestKudosOffersWhoIsHere(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	v.editDebrief(func(d *model.Debrief) { d.Participants = []string{"Ana", "Sam"} })
	settle(s)
	v.Show(model.KudosPhase)
	var here, card *widget.Select
	var who *ui.TextField
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Select:
			if w.PlaceHolder == "Pick from who is here" {
				here = w
			} else if len(w.Options) > 0 && w.Options[0] == "No card" {
				card = w
			}
		case *ui.TextField:
			if who == nil && !w.MultiLine {
				who = w
			}
		}
		return true
	})
	if here == nil || card == nil || who == nil {
		t.Fatalf("the form lacks its pickers: names %v, cards %v, who %v", here != nil, card != nil, who != nil)
	}
	if len(here.Options) != 2 || here.Options[1] != "Sam" {
		t.Fatalf("names offered: %v; want who is here", here.Options)
	}
	here.SetSelected("Sam")
	if who.Text != "Sam" {
		t.Errorf("picking Sam put %q in Who", who.Text)
	}
	card.SetSelectedIndex(2)
	picked := card.Selected
	id := v.sess.NewKudosID()
	if _, err := v.sess.Do(context.Background(), "device", func(d *model.Document) (model.Change, error) {
		p := d.Parts()
		p.Kudos = append(p.Kudos, model.Kudos{ID: id, Who: "Priya", For: "from a phone"})
		return model.Change{Parts: &p}, nil
	}); err != nil {
		t.Fatal(err)
	}
	settle(s)
	if card.Selected != picked || who.Text != "Sam" {
		t.Errorf("after a device's kudos the form reads %q about %q; want Sam about %q", who.Text, card.Selected, picked)
	}
}

// Lessons offers the board's Went well and Lucky cards instead of asking
// for them again.
func TestLessonsOfferWentWellAndLuckyCards(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	var well model.Factor
	for _, f := range v.Board().Factors() {
		if f.Category == model.WentWell {
			well = f
		}
	}
	if well.ID == 0 {
		t.Fatal("the sample has no Went well card")
	}
	v.editParts(true, func(d *model.Dossier) { d.Lesson.WentWell = "Calm hands." })
	settle(s)
	v.Show(model.LessonsPhase)
	btn := uitest.Button(t, s.win.Canvas(), "Add the board's went well card")
	btn.OnTapped()
	settle(s)
	if got := v.sess.Parts().Lesson.WentWell; !strings.HasPrefix(got, "Calm hands.\n• ") || !strings.Contains(got, model.OneLine(well.Text)) {
		t.Errorf("What went well reads %q; want the card's text added", got)
	}
	if btn.Visible() {
		t.Error("the offer stays once every card is in the field")
	}
}
