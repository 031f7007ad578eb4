package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/model"
)

// Cards written in the room that are face down or hidden are in no
// export, nor are votes not yet shown; everything else is.
func TestExportsLeaveOutFaceDownAndHiddenCards(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Room export")}
	card := func(id int64, text string, face model.Face) model.Factor {
		return model.Factor{ID: id, Text: text, Category: model.Process, W: 220, H: 120, Face: face, Votes: 2, Pending: 5}
	}
	d.Factors = []model.Factor{
		card(1, "Shown to everyone", model.FaceUp),
		card(2, "Still face down", model.FaceDown),
		card(3, "Hidden as abuse", model.FaceHidden),
	}
	d.Links = []model.Link{{ID: 1, FromID: 3, ToID: 1}}
	d.Kudos = []model.Kudos{{ID: 1, Who: "Ana", For: "found it", FactorID: 3}}
	texts := map[Format]string{}
	for _, f := range []Format{JSON, Markdown} {
		var buf bytes.Buffer
		if _, err := Write(&buf, d, f, Options{}); err != nil {
			t.Fatal(f, err)
		}
		texts[f] = buf.String()
	}
	texts[PDF] = pdfMake(t, "room", d, Options{}).text(t, false, 0, 0)
	for f, s := range texts {
		if !strings.Contains(s, "Shown to everyone") {
			t.Errorf("%s: the card shown is missing", f)
		}
		if strings.Contains(s, "face down") || strings.Contains(s, "abuse") {
			t.Errorf("%s export has a card that is face down or hidden:\n%s", f, s)
		}
	}
	back, err := ReadJSON(strings.NewReader(texts[JSON]))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Factors) != 1 || back.Factors[0].Votes != 2 || back.Factors[0].Pending != 0 || len(back.Links) != 0 || back.Kudos[0].FactorID != 0 {
		t.Errorf("read back: %+v, links %v, kudos %+v", back.Factors, back.Links, back.Kudos)
	}
}
