package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
)

// WriteInsightsMarkdown writes the group report of group as Markdown: the
// same sections as WriteInsightsPDF, with tables where the PDF has charts.
// Text people typed is escaped as WriteMarkdown escapes it, so it can
// never change the document's structure (nor a table's columns).
func WriteInsightsMarkdown(w io.Writer, group string, r insights.Report) error {
	var m mdDoc
	refs := debriefIndex(r.Debriefs)
	m.line("# " + mdHeading(insightsTitle(group)))
	m.gap()
	facts := countOf(len(r.Debriefs), "debrief", "debriefs")
	if p := insightsPeriod(r); p != "" {
		facts = p + " · " + facts
	}
	if !r.Today.IsZero() {
		facts += " · as of " + mdDate(r.Today)
	}
	m.line(facts)
	if len(r.Debriefs) == 0 {
		m.gap()
		m.line("_" + nothingDebriefs + "_")
		_, err := io.WriteString(w, m.String())
		return err
	}
	section := func(title string, has bool, nothing string, body func()) {
		m.heading(2, title)
		if !has {
			m.line("_" + nothing + "_")
			return
		}
		body()
	}
	list := func(ids []int64) string {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = mdInline(refs.title(id))
			if day := refs.day(id); day != "" {
				parts[i] += " (" + day + ")"
			}
		}
		return strings.Join(parts, " · ")
	}
	text := func(s string) string { return mdInline(mdOneLine(s)) }

	section("Setbacks and debriefs per month", len(r.Months) > 0, nothingOverTime, func() {
		m.line("| Month | Setbacks | Debriefs held | Median time to reflection |")
		m.line("|---|---:|---:|---:|")
		for _, mo := range r.Months {
			med := "–"
			if mo.Lags.N > 0 {
				med = hoursText(mo.MedianHours)
			}
			m.line(fmt.Sprintf("| %s | %d | %d | %s |", monthLabel(mo.Month), mo.Setbacks.N, mo.Held.N, med))
		}
	})

	ref := r.Reflection
	section("Time from setback to reflection", len(ref.Lags) > 0, nothingLags, func() {
		m.line(fmt.Sprintf("Median: **%s**, over %s.", hoursText(ref.MedianHours), countOf(len(ref.Lags), "debrief", "debriefs")))
		if t := trendText(ref.Trend); t != "" {
			m.gap()
			m.line("**" + t + "** " + slopeText(ref.Trend))
		}
		m.gap()
		m.line("| Setback | Debrief | Reflection after |")
		m.line("|---|---|---:|")
		for _, l := range ref.Lags {
			m.line(fmt.Sprintf("| %s | %s | %s |", mdDate(l.SetbackAt), text(refs.title(l.Debrief)), hoursText(l.Hours)))
		}
	})

	section("Changes and their outcomes", r.Changes.Committed.N > 0, nothingChanges, func() {
		for _, s := range changesText(r) {
			m.line(s)
			m.gap()
		}
		m.line("| Outcome | Debriefs |")
		m.line("|---|---:|")
		for _, s := range changeSegments(r) {
			m.line(fmt.Sprintf("| %s | %d |", s.label, s.n))
		}
		if over := overdueChanges(r); len(over) > 0 {
			m.heading(3, "Overdue check-ins")
			for _, ch := range over {
				owner := "no owner"
				if o := mdOneLine(ch.Owner); o != "" {
					owner = "owner " + mdInline(o)
				}
				m.line(fmt.Sprintf("- **%s** — %s, due %s — from %s", text(ch.What), owner, mdDate(ch.CheckBack), list([]int64{ch.Debrief})))
			}
		}
	})

	section("Recurring themes", len(r.Themes) > 0, nothingThemes, func() {
		m.line("| Theme | Example | Debriefs |")
		m.line("|---|---|---|")
		for _, t := range r.Themes {
			m.line(fmt.Sprintf("| **%s** | “%s” | %s |", text(t.Label), text(quote(t.Example)), list(t.Debriefs)))
		}
	})

	section("Did the change hold?", len(r.Held) > 0, nothingHeld, func() {
		for _, g := range heldByChange(r.Held) {
			m.gap()
			head := "**" + text(g.change.What) + "** — from " + list([]int64{g.change.Debrief})
			if o := mdOneLine(g.change.Owner); o != "" {
				head += " · owner " + mdInline(o)
			}
			m.line(head)
			m.gap()
			for k, rec := range g.recs {
				if k == insightsHeldMax {
					var rest []int64
					for _, more := range g.recs[k:] {
						rest = append(rest, more.Later)
					}
					m.line("- " + andMore(rest, list))
					break
				}
				m.line("- " + text(sentence(rec.Sentence)) + " — _in " + list([]int64{rec.Later}) + "_")
			}
		}
	})

	section("Warning signs missed more than once", len(r.Warnings) > 0, nothingWarnings, func() {
		for _, e := range r.Warnings {
			m.gap()
			m.line("**" + text(e.Label) + "** — in " + countOf(len(e.Debriefs), "debrief", "debriefs"))
			m.gap()
			for _, it := range e.Items {
				m.line("- “" + text(quote(it.Text)) + "” — " + list([]int64{it.Debrief}))
			}
		}
	})

	section("Luck", r.Luck.Debriefs.N > 0, nothingLuck, func() {
		m.line(fmt.Sprintf("%d of %s %s a lucky break.", r.Luck.Debriefs.N, countOf(len(r.Debriefs), "debrief", "debriefs"), names(r.Luck.Debriefs.N)))
		m.gap()
		m.line("| Luck | Example | Debriefs |")
		m.line("|---|---|---|")
		for _, e := range r.Luck.Themes {
			m.line(fmt.Sprintf("| **%s** | “%s” | %s |", text(e.Label), text(quote(e.Example)), list(e.Debriefs)))
		}
	})

	section("Category mix over time", hasFactors(r) && len(r.Months) > 0, nothingMix, func() {
		cats := model.Categories()
		head, rule := "| Month |", "|---|"
		for _, c := range cats {
			head += " " + c.Label() + " |"
			rule += "---:|"
		}
		m.line(head)
		m.line(rule)
		for _, mo := range r.Months {
			row := "| " + monthLabel(mo.Month) + " |"
			for _, c := range cats {
				n := 0
				for _, cc := range mo.Categories {
					if cc.Category == c {
						n = cc.Factors
					}
				}
				row += " " + strconv.Itoa(n) + " |"
			}
			m.line(row)
		}
	})
	_, err := io.WriteString(w, m.String())
	return err
}

// WriteChecklistMarkdown writes the pre-mortem checklist of group as
// Markdown: a task list by kind (keep doing, watch for, remember), each
// item with the debriefs it comes from.
func WriteChecklistMarkdown(w io.Writer, group string, c insights.Checklist) error {
	var m mdDoc
	refs := debriefIndex(c.Debriefs)
	m.line("# " + mdHeading(checklistTitle(group)))
	m.gap()
	m.line(checklistIntro(c))
	if len(c.Items) == 0 {
		m.gap()
		m.line("_" + nothingChecked + "_")
	}
	for _, k := range checklistKinds {
		var items []insights.ChecklistItem
		for _, it := range c.Items {
			if it.Kind == k.kind {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			continue
		}
		m.heading(2, k.title)
		for _, it := range items {
			from := make([]string, len(it.Debriefs))
			for i, id := range it.Debriefs {
				from[i] = mdInline(refs.title(id))
			}
			line := "- [ ] " + mdInline(sentence(it.Text))
			if len(from) > 0 {
				line += " — _from " + strings.Join(from, " · ") + "_"
			}
			m.line(line)
		}
	}
	_, err := io.WriteString(w, m.String())
	return err
}
