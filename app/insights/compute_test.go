package insights

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

func TestChangesOutcomes(t *testing.T) {
	c := Compute(build(corpus), corpusToday).Changes
	for _, tc := range []struct {
		name string
		got  Tally
		want []int64
	}{
		{"committed", c.Committed, []int64{1, 2, 3, 4, 5, 6}},
		{"checked back", c.CheckedBack, []int64{1, 2, 3, 4}},
		{"kept", c.Kept, []int64{1, 2}},
		{"adjusted", c.Adjusted, []int64{3}},
		{"dropped", c.Dropped, []int64{4}},
		{"overdue", c.Overdue, []int64{5}},
		{"one owned change", c.OneOwnedChange, []int64{1, 2, 4, 5, 6}},
	} {
		if tc.got.N != len(tc.want) || !slices.Equal(tc.got.Debriefs, tc.want) {
			t.Errorf("%s: %d %v, want %v", tc.name, tc.got.N, tc.got.Debriefs, tc.want)
		}
	}
	if c.OneOwnedShare != 5.0/7 {
		t.Errorf("one-owned share %v, want 5/7", c.OneOwnedShare)
	}
	if len(c.List) != 6 || !c.List[4].Overdue || c.List[5].Overdue {
		t.Errorf("list %+v: want 6 changes, the fifth overdue, the sixth not", c.List)
	}
}

// TestOverdueIsBeforeToday: a check-back due today is due, not overdue.
func TestOverdueIsBeforeToday(t *testing.T) {
	ch := model.ProcessChange{What: "x", Chosen: true, CheckBack: time.Date(2026, 7, 20, 0, 0, 0, 0, time.UTC)}
	if overdue(ch, model.Today(corpusToday)) {
		t.Error("due today counted as overdue")
	}
	if !overdue(ch, model.Today(corpusToday.AddDate(0, 0, 1))) {
		t.Error("due yesterday not overdue")
	}
}

func TestTimeToReflection(t *testing.T) {
	r := Compute(build(corpus), corpusToday).Reflection
	// D3's setback date is unknown; the others' lags are set by the corpus.
	wantIDs := []int64{1, 2, 4, 5, 6, 7}
	wantHours := []float64{24, 48, 12, 72, 6, 30}
	var ids []int64
	var hours []float64
	for _, l := range r.Lags {
		ids = append(ids, l.Debrief)
		hours = append(hours, l.Hours)
	}
	if !slices.Equal(ids, wantIDs) || !slices.Equal(hours, wantHours) {
		t.Fatalf("lags %v %v, want %v %v", ids, hours, wantIDs, wantHours)
	}
	if r.MedianHours != 27 {
		t.Errorf("median %v h, want 27 (24 and 30 in the middle)", r.MedianHours)
	}
	tr := r.Trend
	if tr.FirstHalfMedianHours != 24 || tr.LastHalfMedianHours != 30 ||
		!slices.Equal(tr.FirstHalf.Debriefs, []int64{1, 2, 4}) || !slices.Equal(tr.LastHalf.Debriefs, []int64{5, 6, 7}) {
		t.Errorf("halves %+v", tr)
	}
	// The slope, worked out here on its own: hours against months since
	// the first setback.
	var x []float64
	for _, l := range r.Lags {
		x = append(x, l.SetbackAt.Sub(r.Lags[0].SetbackAt).Hours()/hoursPerMonth)
	}
	var mx, my float64
	for i := range x {
		mx += x[i] / float64(len(x))
		my += wantHours[i] / float64(len(x))
	}
	var num, den float64
	for i := range x {
		num += (x[i] - mx) * (wantHours[i] - my)
		den += (x[i] - mx) * (x[i] - mx)
	}
	if want := num / den; math.Abs(tr.SlopeHoursPerMonth-want) > 1e-9 {
		t.Errorf("slope %v h/month, want %v", tr.SlopeHoursPerMonth, want)
	}
	t.Logf("median %.1f h; halves %.1f → %.1f h; slope %.2f h/month", r.MedianHours, tr.FirstHalfMedianHours, tr.LastHalfMedianHours, tr.SlopeHoursPerMonth)
}

func TestMonths(t *testing.T) {
	r := Compute(build(corpus), corpusToday)
	var keys []string
	for _, m := range r.Months {
		keys = append(keys, m.Month)
	}
	if want := []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"}; !slices.Equal(keys, want) {
		t.Fatalf("months %v, want %v", keys, want)
	}
	jan := r.Months[0]
	if !slices.Equal(jan.Setbacks.Debriefs, []int64{1}) || !slices.Equal(jan.Held.Debriefs, []int64{1}) || jan.MedianHours != 24 {
		t.Errorf("January: %+v", jan)
	}
	count := map[model.Category]int{}
	for _, c := range jan.Categories {
		count[c.Category] = c.Factors
	}
	want := map[model.Category]int{model.Technical: 2, model.People: 1, model.Process: 1, model.Context: 1, model.Warning: 0, model.WentWell: 1, model.Lucky: 1}
	for c, n := range want {
		if count[c] != n {
			t.Errorf("January %s: %d factors, want %d", c, count[c], n)
		}
	}
	// D7's hidden card is not counted.
	jul := r.Months[6]
	for _, c := range jul.Categories {
		if c.Category == model.Process && c.Factors != 2 {
			t.Errorf("July process factors: %d, want 2 (the hidden card left out)", c.Factors)
		}
	}
}

func TestDidTheChangeHold(t *testing.T) {
	r := Compute(build(corpus), corpusToday)
	later := map[int64][]int64{}
	by := map[int64]string{}
	for _, h := range r.Held {
		later[h.Change.Debrief] = append(later[h.Change.Debrief], h.Later)
		by[h.Change.Debrief] = h.TargetBy
		t.Logf("D%d %q (target %q by %s) → D%d %q [%s]", h.Change.Debrief, h.Change.What, h.Target.Text, h.TargetBy, h.Later, h.CameBack.Text, h.ThemeLabel)
	}
	// D1's change was about the skipped checklist, which came back in D3,
	// D4, D6 and D7 (twice in D7: one recurrence).
	if got := later[1]; !slices.Equal(got, []int64{3, 4, 6, 7}) || by[1] != "text" {
		t.Errorf("D1's change: later %v by %s, want [3 4 6 7] by text", got, by[1])
	}
	// D3's was about the wiring quirk, back in D5.
	if got := later[3]; !slices.Equal(got, []int64{5}) {
		t.Errorf("D3's change: later %v, want [5]", got)
	}
	// D2's (the venue) and D4's (the power supply) themes never came back.
	for _, id := range []int64{2, 4, 5} {
		if len(later[id]) > 0 {
			t.Errorf("D%d's change flagged in %v; its theme did not recur", id, later[id])
		}
	}
	// D6's change matches none of its factors by text: its target is the
	// most-voted one, fatigue, back in D7.
	if got := later[6]; !slices.Equal(got, []int64{7}) || by[6] != "votes" {
		t.Errorf("D6's change: later %v by %q, want D7 by votes", got, by[6])
	}
	for _, h := range r.Held {
		if h.Theme < 0 || h.Theme >= len(r.Themes) || !slices.Contains(r.Themes[h.Theme].Debriefs, h.Later) {
			t.Errorf("recurrence %+v names theme %d, which does not hold its debrief", h, h.Theme)
		}
	}
}

func TestRecurrencesForSetTheStage(t *testing.T) {
	ds := build(corpus)
	cur := ds[6] // D7
	got := Recurrences(ds, cur)
	var sentences []string
	for _, r := range got {
		if r.Later != 7 {
			t.Errorf("recurrence for D%d, want only D7's", r.Later)
		}
		sentences = append(sentences, r.Sentence)
		t.Log(r.Sentence)
	}
	want := "The January change — a second person signs off each checklist step — may not have held: “checklists skipped” came back."
	if !slices.Contains(sentences, want) {
		t.Errorf("sentences %q lack %q", sentences, want)
	}
	// An unsaved new debrief (ID 0), not in ds: the same answer.
	fresh := *cur
	fresh.Debrief.ID = 0
	if n := len(Recurrences(ds[:6], &fresh)); n != len(got) {
		t.Errorf("for an unsaved copy of D7: %d recurrences, want %d", n, len(got))
	}
	// D2 comes before every change but D1's, whose theme it lacks.
	if rs := Recurrences(ds, ds[1]); len(rs) != 0 {
		t.Errorf("D2: %+v, want none", rs)
	}
}

func TestLedgers(t *testing.T) {
	r := Compute(build(corpus), corpusToday)
	if len(r.Warnings) != 1 || !slices.Equal(r.Warnings[0].Debriefs, []int64{2, 4}) {
		t.Fatalf("warning ledger %+v, want the blinking light in D2 and D4", r.Warnings)
	}
	if w := r.Warnings[0]; w.Items[1].Source != FromWarningSign || w.Theme < 0 {
		t.Errorf("warning entry %+v", w)
	}
	if !slices.Equal(r.Luck.Debriefs.Debriefs, []int64{1, 5, 6}) {
		t.Errorf("luck in %v, want [1 5 6]", r.Luck.Debriefs.Debriefs)
	}
	if len(r.Luck.Themes) != 2 || !slices.Equal(r.Luck.Themes[0].Debriefs, []int64{1, 5}) {
		t.Errorf("luck themes %+v, want the spare battery (D1, D5) first, then the rain", r.Luck.Themes)
	}
}

// TestReportJSON: every key is snake_case, and the top-level keys are the
// ones docs/insights.md describes.
func TestReportJSON(t *testing.T) {
	b, err := json.Marshal(Compute(build(corpus), corpusToday))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !snake.MatchString(k) {
					t.Errorf("key %q is not snake_case", k)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	var top []string
	for k := range v.(map[string]any) {
		top = append(top, k)
	}
	slices.Sort(top)
	if want := "categories changes debriefs did_the_change_hold luck months themes time_to_reflection today version warning_signs_missed_again"; strings.Join(top, " ") != want {
		t.Errorf("top-level keys %v, want %s", top, want)
	}
}

func TestEmpty(t *testing.T) {
	r := Compute(nil, corpusToday)
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
	if len(r.Themes) != 0 || r.Reflection.MedianHours != 0 || r.Changes.OneOwnedShare != 0 {
		t.Errorf("empty report %+v", r)
	}
	if Recurrences(nil, nil) != nil {
		t.Error("Recurrences of nothing")
	}
}

// TestConcurrent: Compute, Recurrences and BeforeYouStart from several
// goroutines at once give the same answers (run with -race).
func TestConcurrent(t *testing.T) {
	want, _ := json.Marshal(Compute(build(corpus), corpusToday))
	done := make(chan []byte)
	for range 4 {
		go func() {
			ds := build(corpus)
			Recurrences(ds, ds[6])
			BeforeYouStart(ds, "robotics")
			b, _ := json.Marshal(Compute(ds, corpusToday))
			done <- b
		}()
	}
	for range 4 {
		if got := <-done; string(got) != string(want) {
			t.Error("a concurrent Compute gave another report")
		}
	}
}
