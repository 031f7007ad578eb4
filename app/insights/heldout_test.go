package insights

import (
	"testing"

	"github.com/debrief-app/debrief/app/model"
)

// heldOut is a second corpus, written after the synonym table and the
// thresholds were tuned on corpus and never tuned on: its figures are the
// honest ones. Four debriefs of a work team.
var heldOut = []corpusDebrief{
	{id: 1, title: "Release rolled back", happened: day(8, 4), lagHours: 20, factors: []tagged{
		{thFatigue, "On-call engineer had barely slept", model.People, 2},
		{thChecklist, "Release checklist not followed", model.Process, 3},
		{thRushed, "Release squeezed in before the holidays", model.Context, 1},
		{"comms", "Support was not told about the change", model.People, 1},
		{"", "Database migration locked the table", model.Technical, 2},
	}},
	{id: 2, title: "Outage on Monday", happened: day(9, 1), lagHours: 30, factors: []tagged{
		{thFatigue, "Engineers exhausted after the weekend", model.People, 1},
		{thChecklist, "Pre-deploy checklist skipped", model.Process, 2},
		{"comms", "Miscommunication between ops and dev", model.People, 2},
		{"", "Certificate expired", model.Technical, 3},
		{"", "Load balancer health check misconfigured", model.Technical, 1},
	}},
	{id: 3, title: "Data export broke", happened: day(10, 7), lagHours: 50, factors: []tagged{
		{thRushed, "Deadline pressure from sales", model.Context, 2},
		{thFatigue, "Fatigue after a week of late nights", model.People, 1},
		{"comms", "Nobody told the data team", model.People, 2},
		{"", "Schema change not backward compatible", model.Technical, 2},
	}},
	{id: 4, title: "Customer invoices wrong", happened: day(11, 2), lagHours: 10, factors: []tagged{
		{thChecklist, "Forgot the release checklist again", model.Process, 2},
		{thRushed, "Rushed the fix to hit the end of the month", model.Context, 2},
		{"", "Currency rounding bug", model.Technical, 3},
		{"", "Test data did not include euros", model.Technical, 1},
	}},
}

// TestThemesHeldOut reports precision and recall on the held-out corpus.
// It asserts less than TestThemesPairwise: this is the estimate of how
// Insights does on phrasings nobody tuned it for.
func TestThemesHeldOut(t *testing.T) {
	a := analyse(build(heldOut))
	want := truth(heldOut)
	var fs []int
	for i, e := range a.entries {
		if e.pool == poolProblem && e.Source == FromFactor {
			fs = append(fs, i)
		}
	}
	var tp, fp, fn int
	for x := range fs {
		for y := x + 1; y < len(fs); y++ {
			ex, ey := &a.entries[fs[x]], &a.entries[fs[y]]
			same := want[ex.Factor] != "" && want[ex.Factor] == want[ey.Factor]
			got := ex.group == ey.group
			switch {
			case same && got:
				tp++
			case got:
				fp++
				t.Logf("joined, should not be: %q + %q (%.2f)", ex.Text, ey.Text, cosine(ex.vec, ey.vec))
			case same:
				fn++
				t.Logf("apart, should be one:  %q + %q (%.2f)", ex.Text, ey.Text, cosine(ex.vec, ey.vec))
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(tp+fn)
	t.Logf("held out: %d same-theme pairs; precision %.3f (%d/%d), recall %.3f (%d/%d)", tp+fn, precision, tp, tp+fp, recall, tp, tp+fn)
	// A guard against getting worse, set below the figures measured when
	// this corpus was written (precision 1.000, recall 0.583).
	if precision < 0.9 || recall < 0.5 {
		t.Errorf("held out: precision %.3f (want ≥ 0.9), recall %.3f (want ≥ 0.5)", precision, recall)
	}
}
