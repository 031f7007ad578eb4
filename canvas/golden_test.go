package canvas

import (
	"image/color"

	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/debrief-app/debrief/app/model"
)

// smallBoard has one card of each kind worth seeing: anonymous and named,
// votes, kudos, a link, a selection.
func smallBoard() *model.Dossier {
	d := &model.Dossier{Debrief: model.Debrief{ID: 1, Title: "Bench test burned a motor"}}
	add := func(id int64, c model.Category, x, y float64, text, author string, votes int) {
		d.Factors = append(d.Factors, model.Factor{ID: id, DebriefID: 1, Category: c, X: x, Y: y,
			W: model.DefaultCardWidth, H: model.DefaultCardHeight, Z: int(id), Text: text, Author: author, Votes: votes})
	}
	add(1, model.Process, 0, 0, "Skipped the pre-power-on wiring check", "Jordan Lee", 3)
	add(2, model.Technical, 320, 0, "Connector crimped from the datasheet, never re-tested", "", 1)
	add(3, model.Warning, 0, 180, "Regulator ran warm during the dry run", "Zoë Łukasiewicz-Ødegård", 0)
	add(4, model.Lucky, 320, 180, "A spare controller was on the shelf", "", 0)
	d.Links = []model.Link{{ID: 1, DebriefID: 1, FromID: 1, ToID: 2}, {ID: 2, DebriefID: 1, FromID: 3, ToID: 2}}
	d.Kudos = []model.Kudos{{ID: 1, DebriefID: 1, Who: "Jordan Lee", For: "admitted the skipped step", FactorID: 1}}
	return d
}

func TestBoardGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(tc.name, func(t *testing.T) {
			tb := newTestBoard(t, smallBoard(), 760, 480)
			test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), tc.variant})
			tb.Select(1)
			tb.ZoomToFit()
			test.AssertImageMatches(t, "board_"+tc.name+".png", tb.win.Canvas().Capture())
		})
	}
}

// variantTheme is the default theme forced to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}
