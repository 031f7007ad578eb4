package export

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/model"
)

func TestSyntheticRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 200, 5000} {
		d := Synthetic(n, n/3, 1)
		if err := d.Validate(); err != nil {
			t.Fatalf("Synthetic(%d): Validate: %v", n, err)
		}
		if len(d.Factors) != n {
			t.Errorf("Synthetic(%d) has %d factors", n, len(d.Factors))
		}
		if len(d.Links) != n/3 {
			t.Errorf("Synthetic(%d, %d) has %d links", n, n/3, len(d.Links))
		}
		data := write(t, d)
		back := read(t, data)
		if !reflect.DeepEqual(back, d) {
			t.Errorf("Synthetic(%d) changed on its way through WriteJSON and ReadJSON", n)
		}
		if again := write(t, back); !bytes.Equal(again, data) {
			t.Errorf("Synthetic(%d): writing what was read gives other bytes", n)
		}
	}
}

func TestSyntheticIsReproducible(t *testing.T) {
	a, b := Synthetic(300, 100, 7), Synthetic(300, 100, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two different dossiers")
	}
	if c := Synthetic(300, 100, 8); reflect.DeepEqual(a, c) {
		t.Error("seeds 7 and 8 gave the same dossier")
	}
	if c := Synthetic(300, 100, 8); reflect.DeepEqual(a.Factors[0], c.Factors[0]) && reflect.DeepEqual(a.Links, c.Links) {
		t.Error("seeds 7 and 8 gave the same first card and links")
	}
}

func TestSyntheticContent(t *testing.T) {
	for _, c := range []struct {
		n, links int
		seed     int64
	}{{50, 16, 1}, {50, 16, 2}, {51, 0, 3}, {200, 66, 1}, {2000, 666, 42}, {10000, 3333, 1}} {
		d := Synthetic(c.n, c.links, c.seed)
		cats := map[model.Category]int{}
		anon, named, accented := 0, 0, 0
		minWords, maxWords := math.MaxInt, 0
		cols := synthColumns(c.n)
		for i, f := range d.Factors {
			cats[f.Category]++
			if f.Anonymous() {
				anon++
			} else {
				named++
				if strings.ContainsAny(f.Author, "ëØłéöáíñóÉ") {
					accented++
				}
			}
			words := len(strings.Fields(f.Text))
			minWords, maxWords = min(minWords, words), max(maxWords, words)
			if f.ID != int64(i+1) || f.Z != i {
				t.Fatalf("n=%d: factor %d has ID %d and Z %d, want %d and %d", c.n, i, f.ID, f.Z, i+1, i)
			}
			if f.W < 220 || f.W > 260 || f.H < 120 || f.H > 170 {
				t.Errorf("n=%d: card %d is %gx%g, want 220x120 to 260x170", c.n, f.ID, f.W, f.H)
			}
			if f.Votes < 0 || f.Votes > 5 {
				t.Errorf("n=%d: card %d has %d votes", c.n, f.ID, f.Votes)
			}
			// Each card stays in its own grid cell, so none overlap.
			cx, cy := float64(synthOrigin+(i%cols)*synthStepX), float64(synthOrigin+(i/cols)*synthStepY)
			if f.X < cx || f.X+f.W > cx+synthStepX || f.Y < cy || f.Y+f.H > cy+synthStepY {
				t.Errorf("n=%d: card %d at (%g,%g) %gx%g leaves its cell at (%g,%g)", c.n, f.ID, f.X, f.Y, f.W, f.H, cx, cy)
			}
		}
		for _, cat := range model.Categories() {
			if cats[cat] == 0 {
				t.Errorf("n=%d seed %d: no %s card", c.n, c.seed, cat)
			}
		}
		if anon < c.n/5 || anon > c.n/2 {
			t.Errorf("n=%d seed %d: %d anonymous cards, want about a third", c.n, c.seed, anon)
		}
		if named == 0 || accented == 0 {
			t.Errorf("n=%d seed %d: %d named cards, %d with accents", c.n, c.seed, named, accented)
		}
		if minWords > 3 || maxWords < 30 || maxWords > 64 {
			t.Errorf("n=%d seed %d: texts have %d to %d words, want a few to about 60", c.n, c.seed, minWords, maxWords)
		}
		if len(d.Links) != c.links {
			t.Errorf("n=%d: %d links, want %d", c.n, len(d.Links), c.links)
		}
		near := 0
		pairs := map[[2]int64]bool{}
		for _, l := range d.Links {
			a, b := l.FromID-1, l.ToID-1
			if pairs[[2]int64{l.ToID, l.FromID}] {
				t.Errorf("n=%d: cards %d and %d are linked both ways", c.n, l.FromID, l.ToID)
			}
			pairs[[2]int64{l.FromID, l.ToID}] = true
			dc, dr := int(a)%cols-int(b)%cols, int(a)/cols-int(b)/cols
			if max(dc, -dc) <= 3 && max(dr, -dr) <= 3 {
				near++
			}
		}
		if len(d.Links) > 0 && near*10 < len(d.Links)*7 {
			t.Errorf("n=%d: only %d of %d links join nearby cards", c.n, near, len(d.Links))
		}
		if err := d.Validate(); err != nil {
			t.Errorf("n=%d: %v", c.n, err)
		}
	}
}

func TestSyntheticSquareAndTitled(t *testing.T) {
	d := Synthetic(10000, 0, 1)
	if got, want := d.Debrief.Title, "Synthetic board — 10,000 factors"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if d.Debrief.Status != model.Draft {
		t.Errorf("status %q, want draft", d.Debrief.Status)
	}
	var right, bottom float64
	for _, f := range d.Factors {
		right, bottom = max(right, f.X+f.W), max(bottom, f.Y+f.H)
	}
	if r := right / bottom; r < 0.9 || r > 1.1 {
		t.Errorf("the board is %.0f×%.0f, not roughly square", right, bottom)
	}
	for n, want := range map[int]string{0: "0 factors", 1: "1 factor", 999: "999 factors", 1000: "1,000 factors", 100000: "100,000 factors"} {
		if got := synthTitle(n); got != "Synthetic board — "+want {
			t.Errorf("synthTitle(%d) = %q", n, got)
		}
	}
}

func TestSyntheticSmallBoardsAndOddArguments(t *testing.T) {
	for _, c := range []struct{ n, links, want int }{
		{0, 10, 0}, {1, 10, 0}, {2, 10, 1}, {5, 100, 10}, {5, -3, 0}, {-4, 2, 0},
	} {
		d := Synthetic(c.n, c.links, 1)
		if len(d.Links) != c.want {
			t.Errorf("Synthetic(%d, %d): %d links, want %d", c.n, c.links, len(d.Links), c.want)
		}
		if err := d.Validate(); err != nil {
			t.Errorf("Synthetic(%d, %d): %v", c.n, c.links, err)
		}
	}
}
