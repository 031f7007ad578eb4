package insights

import (
	"slices"
	"testing"

	"github.com/debrief-app/debrief/app/model"
)

// truth maps a factor's ID to its theme in the corpus ("" for none).
func truth(c []corpusDebrief) map[int64]string {
	m := map[int64]string{}
	for _, cd := range c {
		for i, f := range cd.factors {
			m[cd.id*100+int64(i+1)] = f.theme
		}
	}
	return m
}

// TestThemesPairwise measures every pair of problem factors of the corpus:
// does Insights put them in one theme exactly when a person would?
func TestThemesPairwise(t *testing.T) {
	a := analyse(build(corpus))
	want := truth(corpus)
	var fs []int
	for i, e := range a.entries {
		if e.pool == poolProblem && e.Source == FromFactor {
			fs = append(fs, i)
		}
	}
	var tp, fp, fn, tn int
	for x := range fs {
		for y := x + 1; y < len(fs); y++ {
			ex, ey := &a.entries[fs[x]], &a.entries[fs[y]]
			same := want[ex.Factor] != "" && want[ex.Factor] == want[ey.Factor]
			got := ex.group == ey.group
			switch {
			case same && got:
				tp++
			case !same && got:
				fp++
				t.Logf("joined, should not be: %q + %q (%.2f)", ex.Text, ey.Text, cosine(ex.vec, ey.vec))
			case same && !got:
				fn++
				t.Logf("apart, should be one:  %q + %q (%.2f)", ex.Text, ey.Text, cosine(ex.vec, ey.vec))
			default:
				tn++
			}
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("pairs: %d same-theme, %d different; precision %.3f (%d/%d), recall %.3f (%d/%d)", tp+fn, fp+tn, precision, tp, tp+fp, recall, tp, tp+fn)
	if precision < 0.9 || recall < 0.8 {
		t.Errorf("precision %.3f (want ≥ 0.9), recall %.3f (want ≥ 0.8)", precision, recall)
	}
}

// TestThemeInThreeOfFive: of the first five debriefs, the wiring quirk is
// in exactly D1, D3 and D5; Insights finds it with those three.
func TestThemeInThreeOfFive(t *testing.T) {
	r := Compute(build(corpus[:5]), corpusToday)
	var found *Theme
	for i, th := range r.Themes {
		for _, it := range th.Items {
			if it.Text == "Undocumented wiring quirks" {
				found = &r.Themes[i]
			}
		}
	}
	if found == nil {
		t.Fatalf("no recurring theme holds the wiring quirk; themes: %+v", r.Themes)
	}
	if !slices.Equal(found.Debriefs, []int64{1, 3, 5}) {
		t.Errorf("the wiring theme is in debriefs %v, want [1 3 5]; items %+v", found.Debriefs, found.Items)
	}
	t.Logf("label %q, example %q", found.Label, found.Example)
}

// TestThemesOfCorpus: each theme of the corpus is one recurring theme in
// the debriefs the corpus says, and hidden and went-well cards stay out.
func TestThemesOfCorpus(t *testing.T) {
	r := Compute(build(corpus), corpusToday)
	want := map[string][]int64{
		thFatigue:   {1, 2, 4, 5, 6, 7},
		thChecklist: {1, 3, 4, 6, 7},
		thRushed:    {2, 3, 4, 5, 6, 7},
		thWiring:    {1, 3, 5},
	}
	tags := truth(corpus)
	for _, th := range r.Themes {
		t.Logf("theme %d %q (%q): debriefs %v, %d items", th.ID, th.Label, th.Example, th.Debriefs, len(th.Items))
	}
	for name, ids := range want {
		var hit []int
		for k, th := range r.Themes {
			for _, it := range th.Items {
				if tags[it.Factor] == name {
					hit = append(hit, k)
					break
				}
			}
		}
		if len(hit) != 1 {
			t.Errorf("theme %s is spread over %d recurring themes, want 1", name, len(hit))
			continue
		}
		if got := r.Themes[hit[0]].Debriefs; !slices.Equal(got, ids) {
			t.Errorf("theme %s: debriefs %v, want %v", name, got, ids)
		}
	}
	for _, th := range r.Themes {
		for _, it := range th.Items {
			if it.Category == model.WentWell || it.Factor%100 >= 50 {
				t.Errorf("theme %q has %q, which is went-well or hidden", th.Label, it.Text)
			}
		}
	}
}
