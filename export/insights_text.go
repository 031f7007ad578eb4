package export

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
)

// What the group report says in words, the same in the PDF and the
// Markdown: figures as sentences, durations for people, the trend.

// insightsHeldMax is how many "may not have held" sentences a change
// shows before "and N more".
const insightsHeldMax = 3

// A report quotes people's texts up to about these many characters:
// examples and warning signs, and the sentences that quote a factor.
const (
	insightsQuoteLen    = 240
	insightsSentenceLen = 400
)

// quote is s on one line, shortened with "…" to about insightsQuoteLen
// characters: a report shows what a theme is, not a whole essay.
func quote(s string) string { return mdShort(s, insightsQuoteLen) }

// sentence is a "may not have held" sentence, shortened the same way.
func sentence(s string) string { return mdShort(s, insightsSentenceLen) }

// insightsTitle is the report's title.
func insightsTitle(group string) string {
	if g := strings.TrimSpace(model.OneLine(group)); g != "" {
		return "Insights — " + g
	}
	return "Insights"
}

// checklistTitle is the checklist's title.
func checklistTitle(group string) string {
	if g := strings.TrimSpace(model.OneLine(group)); g != "" {
		return "Before you start — " + g
	}
	return "Before you start"
}

// countOf is "1 debrief", "7 debriefs".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// names is the verb after "1 of 7 debriefs" or "2 of 7 debriefs".
func names(n int) string {
	if n == 1 {
		return "names"
	}
	return "name"
}

// hoursText is a duration for people: "40 min", "26 h", "3.5 days".
func hoursText(h float64) string {
	switch {
	case h < 1:
		return strconv.Itoa(int(math.Round(h*60))) + " min"
	case h < 48:
		return strconv.FormatFloat(math.Round(h*10)/10, 'f', -1, 64) + " h"
	}
	days := math.Round(h/24*10) / 10
	return strconv.FormatFloat(days, 'f', -1, 64) + " days"
}

// lagUnit picks the y axis's unit for lags up to top: hours, or days for
// anything longer than three days.
func lagUnit(top float64) (hours float64, name string) {
	if top > 72 {
		return 24, "days"
	}
	return 1, "hours"
}

// percent is "71 %" (with a no-break space).
func percent(share float64) string {
	return strconv.Itoa(int(math.Round(share*100))) + "\u00a0%"
}

// insightsPeriod is "Jan 2026 – Jul 2026" over the report's months.
func insightsPeriod(r insights.Report) string {
	if len(r.Months) == 0 {
		return ""
	}
	first, last := monthLabel(r.Months[0].Month), monthLabel(r.Months[len(r.Months)-1].Month)
	if first == last {
		return first
	}
	return first + " – " + last
}

// trendText says in words whether the group reflects sooner than it used
// to, from the halves' medians (robust to one slow debrief); "" with
// fewer than two timed debriefs.
func trendText(t insights.Trend) string {
	if t.FirstHalf.N == 0 || t.LastHalf.N == 0 {
		return ""
	}
	a, b := t.FirstHalfMedianHours, t.LastHalfMedianHours
	halves := fmt.Sprintf("the last %s took a median of %s, the first %s %s",
		countOf(t.LastHalf.N, "debrief", "debriefs"), hoursText(b), countOf(t.FirstHalf.N, "debrief", "debriefs"), hoursText(a))
	// Within a tenth (or an hour): about the same.
	if math.Abs(a-b) <= max(1, 0.1*max(a, b)) {
		return "About as soon as before: " + halves + "."
	}
	if b < a {
		return "Sooner than before: " + halves + "."
	}
	return "Later than before: " + halves + "."
}

// slopeText is the least-squares trend, for those who want it.
func slopeText(t insights.Trend) string {
	if t.FirstHalf.N == 0 {
		return ""
	}
	s := t.SlopeHoursPerMonth
	if math.Abs(s) < 0.5/60 {
		return "Least-squares trend: flat."
	}
	dir := "later"
	if s < 0 {
		dir, s = "sooner", -s
	}
	return fmt.Sprintf("Least-squares trend: %s %s each month (one slow debrief moves it).", hoursText(s), dir)
}

// insightsDebriefs finds a debrief's title and dates by ID.
type insightsDebriefs map[int64]insights.DebriefRef

func debriefIndex(refs []insights.DebriefRef) insightsDebriefs {
	m := make(insightsDebriefs, len(refs))
	for _, d := range refs {
		m[d.ID] = d
	}
	return m
}

// title is the debrief's title on one line, or "Debrief N".
func (m insightsDebriefs) title(id int64) string {
	if t := strings.TrimSpace(model.OneLine(m[id].Title)); t != "" {
		return t
	}
	return "Debrief " + strconv.FormatInt(id, 10)
}

// day is when its setback was: "10 Jan 2026".
func (m insightsDebriefs) day(id int64) string {
	d, ok := m[id]
	if !ok || d.SetbackAt.IsZero() {
		return ""
	}
	return d.SetbackAt.UTC().Format("2 Jan 2006")
}

// lrm is a left-to-right mark: invisible, it keeps a right-to-left
// title from taking the date after it, or the next title, into its run.
const lrm = "\u200E"

// ltrList joins titles with " · ", each isolated by marks, so that a list
// of left-to-right and right-to-left titles reads left to right, and
// each on one line (no-break spaces) unless it is longer than a line: a
// right-to-left title split across lines reads in the wrong order.
func ltrList(parts []string) string {
	for i, p := range parts {
		parts[i] = lrm + strings.ReplaceAll(p, " ", "\u00a0") + lrm
	}
	return strings.Join(parts, " · ")
}

// andMore says how many more later debriefs a change may not have held
// in, naming the first and the latest.
func andMore(rest []int64, list func([]int64) string) string {
	switch len(rest) {
	case 1:
		return "and 1 more: " + list(rest)
	case 2:
		return "and 2 more: " + list(rest)
	}
	return fmt.Sprintf("and %d more, from %s to %s", len(rest), list(rest[:1]), list(rest[len(rest)-1:]))
}

// heldGroup is one change and the later debriefs it may not have held in.
type heldGroup struct {
	change insights.Change
	made   time.Time
	recs   []insights.Recurrence
}

// heldByChange groups the recurrences by change, in the order the
// changes first appear.
func heldByChange(rs []insights.Recurrence) []heldGroup {
	var out []heldGroup
	at := map[[2]int64]int{}
	for _, r := range rs {
		key := [2]int64{r.Change.Debrief, r.Change.ID}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, heldGroup{change: r.Change, made: r.ChangeMadeAt})
		}
		out[i].recs = append(out[i].recs, r)
	}
	return out
}

// changeSegments are the report's debriefs by what became of their change.
func changeSegments(r insights.Report) []segment {
	c := r.Changes
	pending := 0
	for _, ch := range c.List {
		if ch.Outcome == model.NoOutcome && !ch.Overdue {
			pending++
		}
	}
	none := len(r.Debriefs) - c.Committed.N
	return []segment{
		{c.Kept.N, legendEntry{label: "Kept", fill: okaGreen}},
		{c.Adjusted.N, legendEntry{label: "Adjusted", fill: okaSky}},
		{c.Dropped.N, legendEntry{label: "Dropped", fill: okaPurple}},
		{c.Overdue.N, legendEntry{label: "Overdue", fill: okaVermilion}},
		{pending, legendEntry{label: "Not due yet", fill: pdfGrey(0xd4)}},
		{max(0, none), legendEntry{label: "No change chosen", fill: pdfWhite, border: chartAxis}},
	}
}

// changesText is the changes' figures as sentences.
func changesText(r insights.Report) []string {
	c := r.Changes
	n := len(r.Debriefs)
	out := []string{fmt.Sprintf("Committed to a change: %d of %s. Checked back: %d (kept %d, adjusted %d, dropped %d). Overdue: %d.",
		c.Committed.N, countOf(n, "debrief", "debriefs"), c.CheckedBack.N, c.Kept.N, c.Adjusted.N, c.Dropped.N, c.Overdue.N)}
	out = append(out, fmt.Sprintf("Ended with exactly one change that has an owner: %d of %s (%s).",
		c.OneOwnedChange.N, countOf(n, "debrief", "debriefs"), percent(c.OneOwnedShare)))
	return out
}

// overdueChanges are the chosen changes whose check-back has passed.
func overdueChanges(r insights.Report) []insights.Change {
	var out []insights.Change
	for _, ch := range r.Changes.List {
		if ch.Overdue {
			out = append(out, ch)
		}
	}
	return out
}

// categoryTotals is "Technical 12 · People & communication 9 · …" over
// the categories with factors.
func categoryTotals(cs []insights.CategoryCount) string {
	var parts []string
	for _, c := range cs {
		if c.Factors > 0 {
			parts = append(parts, c.Category.Label()+" "+strconv.Itoa(c.Factors))
		}
	}
	return strings.Join(parts, " · ")
}

// hasFactors reports whether any month has a factor.
func hasFactors(r insights.Report) bool {
	for _, c := range r.Categories {
		if c.Factors > 0 {
			return true
		}
	}
	return false
}

// The lines said when a section has nothing yet.
const (
	nothingDebriefs = "There is nothing yet: this group has no debriefs. Insights appear once it has some."
	nothingLags     = "Nothing yet: no debrief has both a known setback date and a reflection after it."
	nothingChanges  = "Nothing yet: no debrief has chosen a process change."
	nothingThemes   = "Nothing yet: no factor has come back in a second debrief."
	nothingHeld     = "Nothing yet: no change’s factor has come back in a later debrief."
	nothingWarnings = "Nothing yet: no warning sign was missed in more than one debrief."
	nothingLuck     = "Nothing yet: no debrief names a lucky break."
	nothingMix      = "Nothing yet: the debriefs have no factors."
	nothingOverTime = "Nothing yet."
	nothingChecked  = "Nothing yet: the group’s debriefs have no kept change, recurring theme or lesson to list."
)
