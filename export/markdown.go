package export

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// MarkdownOptions adjusts WriteMarkdown.
type MarkdownOptions struct {
	// Created is the date on the "Exported from Debrief on …" line, written
	// in Created's own location. The zero time means time.Now().
	Created time.Time
}

// mdQuoteLen is about how many characters of a card the "How they connect"
// list quotes.
const mdQuoteLen = 80

// WriteMarkdown writes the shared summary as Markdown (CommonMark + GitHub tables-free), ready to paste into a wiki or an issue tracker.
//
// The summary holds the same parts as the PDF, in this order: the title and
// a short list of facts, what happened, the timeline, the one change, kudos, the warning
// signs that were missed, the factors by category and how they connect,
// what led to the problem, what went well, where we got lucky, the
// reflections, the other candidate changes, and an "Exported from Debrief"
// line. Parts with nothing in them are left out, except the one change,
// which says when none has been chosen yet. Times are written in UTC and
// say so ("Wed 18 Nov 2026, 23:40 UTC"); dates are "Thu 10 Dec 2026".
//
// Whatever people typed can never change the document's structure, and it
// reads the same once rendered:
//
//   - The characters \ ` * _ [ ] < > | ~ $ are escaped with a backslash
//     everywhere, and so is an & that would start an entity like &amp;.
//   - At the start of a line, whatever would begin a heading, list item,
//     thematic break or setext underline is escaped too: "# ", "- ", "+ ",
//     "1. ", "1) ", "---", "===".
//   - Spaces and tabs at the start and end of each line are dropped, so a
//     line is never taken for indented code and never ends in spaces.
//   - In a paragraph or a list item, a line break becomes a hard line break
//     (a backslash at the end of the line) and a blank line starts a new
//     paragraph; continuation lines are indented to stay in their list item
//     or quote. Titles, names, the chosen change and quoted cards are put on
//     one line.
//
// No text is dropped silently: CR LF and a lone CR are line breaks, every
// other C0 control character except tab (NUL, ESC, …) becomes U+FFFD "�",
// and so do bytes that are not UTF-8. Everything else — emoji, right-to-left
// text, combining accents — is written as it is.
//
// The output depends only on d and opt: it ends in one newline, has no
// trailing spaces and never two blank lines in a row. Nothing is written to
// w unless the whole summary could be made.
func WriteMarkdown(w io.Writer, d *model.Dossier, opt MarkdownOptions) error {
	if d == nil {
		return errors.New("there is no debrief to export")
	}
	d = d.Shown() // never a face-down or hidden card of the room
	created := opt.Created
	if created.IsZero() {
		created = time.Now()
	}
	var m mdDoc
	m.write(d, created)
	_, err := io.WriteString(w, m.String())
	return err
}

// mdDoc collects the summary line by line.
type mdDoc struct {
	lines []string
}

func (m *mdDoc) line(s string) { m.lines = append(m.lines, s) }

// gap ends a block: one blank line, never two, never at the top.
func (m *mdDoc) gap() {
	if n := len(m.lines); n > 0 && m.lines[n-1] != "" {
		m.lines = append(m.lines, "")
	}
}

func (m *mdDoc) heading(level int, text string) {
	m.gap()
	m.line(strings.Repeat("#", level) + " " + text)
	m.gap()
}

// item writes lines (from mdBlock) after first; the lines after the first
// get cont, which is the indentation of a list item or the "> " of a quote.
func (m *mdDoc) item(first, cont string, lines []string) {
	if len(lines) == 0 {
		m.line(strings.TrimRight(first, " "))
		return
	}
	m.line(first + lines[0])
	for _, l := range lines[1:] {
		if l == "" {
			m.line(strings.TrimRight(cont, " "))
		} else {
			m.line(cont + l)
		}
	}
}

// paragraphs writes text as top-level paragraphs.
func (m *mdDoc) paragraphs(text string) {
	m.gap()
	for _, l := range mdBlock(text) {
		m.line(l)
	}
	m.gap()
}

func (m *mdDoc) String() string {
	ls := m.lines
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return strings.Join(ls, "\n") + "\n"
}

func (m *mdDoc) write(d *model.Dossier, created time.Time) {
	db := d.Debrief

	title := mdOneLine(db.Title)
	if title == "" {
		title = "Untitled debrief"
	}
	m.line("# " + mdHeading(title))
	m.gap()

	// The facts.
	fact := func(label, value string) { m.line("- **" + label + ":** " + value) }
	if !db.HappenedAt.IsZero() {
		fact("When it happened", mdWhen(db.HappenedAt))
	}
	if !db.ScheduledAt.IsZero() {
		fact("Discussed", mdWhen(db.ScheduledAt))
	}
	var names []string
	for _, p := range db.Participants {
		if p = mdOneLine(p); p != "" {
			names = append(names, mdInline(p))
		}
	}
	if len(names) == 0 {
		names = []string{"anonymous"}
	}
	fact("Participants", strings.Join(names, ", "))
	fact("Status", db.Status.Label())
	if db.TimeboxMinutes > 0 {
		fact("Timebox", strconv.Itoa(db.TimeboxMinutes)+" min")
	}

	if s := mdBlock(db.Summary); len(s) > 0 {
		m.heading(2, "What happened")
		m.paragraphs(db.Summary)
	}

	m.writeTimeline(d)

	m.writeChosen(d.Changes)

	if len(d.Kudos) > 0 {
		m.heading(2, "Kudos")
		for _, k := range d.Kudos {
			first := "- ★ "
			if who := mdOneLine(k.Who); who != "" {
				first += "**" + mdInline(who) + "** "
			}
			lines := mdBlock(k.For)
			if len(lines) > 0 && first != "- ★ " {
				first += "— "
			}
			m.item(first, "  ", lines)
		}
	}

	var signs [][]string
	for _, ws := range d.WarningSigns {
		if l := mdBlock(ws.Text); len(l) > 0 {
			signs = append(signs, l)
		}
	}
	if len(signs) > 0 {
		m.heading(2, "Warning signs we missed")
		for _, l := range signs {
			m.item("- ", "  ", l)
		}
	}

	m.writeFactors(d)

	ls := d.Lesson
	for _, s := range []struct{ heading, text string }{
		{"What led to the problem", ls.WhatLed},
		{"What went well", ls.WentWell},
		{"Where we got lucky", ls.Lucky},
	} {
		if len(mdBlock(s.text)) > 0 {
			m.heading(2, s.heading)
			m.paragraphs(s.text)
		}
	}

	answers := ls.Reflections.Answers()
	started := false
	for i, a := range answers {
		if len(mdBlock(a)) == 0 {
			continue
		}
		if !started {
			m.heading(2, "Reflections")
			started = true
		}
		m.gap()
		m.line("**" + mdInline(model.ReflectionQuestions[i]) + "**")
		m.paragraphs(a)
	}

	var others []model.ProcessChange
	for _, c := range d.Changes {
		if !c.Chosen {
			others = append(others, c)
		}
	}
	if len(others) > 0 {
		m.heading(2, "Other candidate changes")
		for _, c := range others {
			lines := mdBlock(c.What)
			if len(lines) == 0 {
				lines = []string{"*(not described)*"}
			}
			var meta []string
			if o := mdOneLine(c.Owner); o != "" {
				meta = append(meta, "owner "+mdInline(o))
			}
			if c.Votes > 0 {
				meta = append(meta, mdVotes(c.Votes))
			}
			if len(meta) > 0 {
				lines[len(lines)-1] += " *— " + strings.Join(meta, " · ") + "*"
			}
			m.item("- ", "  ", lines)
		}
	}

	m.gap()
	m.line("_Exported from Debrief on " + created.Format("2 Jan 2006") + "._")
}

// writeChosen writes the one change as a quote, so it stands out.
func (m *mdDoc) writeChosen(changes []model.ProcessChange) {
	m.heading(2, "The one change")
	c, ok := model.Chosen(changes)
	if !ok {
		m.line("No change chosen yet.")
		m.gap()
		return
	}
	what := mdOneLine(c.What)
	if what == "" {
		m.line("> *(not described)*")
	} else {
		m.line("> **" + mdInline(what) + "**")
	}
	type detail struct {
		label string
		lines []string
	}
	var details []detail
	if o := mdOneLine(c.Owner); o != "" {
		details = append(details, detail{"Owner", []string{mdInline(o)}})
	}
	if !c.CheckBack.IsZero() {
		details = append(details, detail{"Check back", []string{mdDate(c.CheckBack)}})
	}
	if l := mdBlock(c.Measure); len(l) > 0 {
		details = append(details, detail{"How we'll know it worked", l})
	}
	out := mdBlock(c.OutcomeNote)
	if label := mdOutcome(c.Outcome); label != "" {
		if len(out) > 0 {
			out[0] = label + " — " + out[0]
		} else {
			out = []string{label}
		}
	}
	if len(out) > 0 {
		details = append(details, detail{"Outcome", out})
	}
	if len(details) > 0 {
		m.line(">")
		for _, dt := range details {
			m.item("> - **"+dt.label+":** ", ">   ", dt.lines)
		}
	}
	m.gap()
}

// writeFactors writes the factors grouped by category, then the links.
func (m *mdDoc) writeFactors(d *model.Dossier) {
	if len(d.Factors) == 0 && len(d.Links) == 0 {
		return
	}
	m.heading(2, "Factors")

	kudos := map[int64]bool{}
	for _, k := range d.Kudos {
		if k.FactorID != 0 {
			kudos[k.FactorID] = true
		}
	}
	order := model.Categories()
	groups := map[model.Category][]model.Factor{}
	starred := false
	for _, f := range d.Factors {
		if _, seen := groups[f.Category]; !seen && !f.Category.Valid() {
			order = append(order, f.Category) // unknown categories come last
		}
		groups[f.Category] = append(groups[f.Category], f)
		if kudos[f.ID] {
			starred = true
		}
	}
	if starred {
		m.line("★ marks a factor that earned kudos.")
		m.gap()
	}
	for _, c := range order {
		fs := groups[c]
		if len(fs) == 0 {
			continue
		}
		label := mdOneLine(c.Label())
		if label == "" {
			label = "Other"
		}
		m.heading(3, fmt.Sprintf("%s (%d)", mdHeading(label), len(fs)))
		for _, f := range fs {
			lines := mdBlock(f.Text)
			if len(lines) == 0 {
				lines = []string{"*(no text)*"}
			}
			var meta []string
			if a := mdOneLine(f.Author); a != "" {
				meta = append(meta, mdInline(a))
			}
			if f.Votes > 0 {
				meta = append(meta, mdVotes(f.Votes))
			}
			if len(meta) > 0 {
				lines[len(lines)-1] += " *— " + strings.Join(meta, " · ") + "*"
			}
			if kudos[f.ID] {
				lines[len(lines)-1] += " ★"
			}
			m.item("- ", "  ", lines)
		}
	}

	if len(d.Links) > 0 {
		m.heading(3, "How they connect")
		byID := d.FactorsByID()
		quote := func(id int64) string {
			f, ok := byID[id]
			if !ok {
				return "*(a card that is not in this debrief)*"
			}
			s := mdShort(f.Text, mdQuoteLen)
			if s == "" {
				return "*(a card with no text)*"
			}
			return "“" + mdInline(s) + "”"
		}
		for _, l := range d.Links {
			s := "- " + quote(l.FromID) + " → " + quote(l.ToID)
			if lbl := mdOneLine(l.Label); lbl != "" && lbl != model.DefaultLinkLabel {
				s += " (" + mdInline(lbl) + ")"
			}
			m.line(s)
		}
	}
}

// ---------------------------------------------------------------------------
// Words

func mdWhen(t time.Time) string { return t.UTC().Format("Mon 2 Jan 2006, 15:04") + " UTC" }

func mdDate(t time.Time) string { return t.UTC().Format("Mon 2 Jan 2006") }

func mdVotes(n int) string {
	if n == 1 {
		return "1 vote"
	}
	return strconv.Itoa(n) + " votes"
}

func mdOutcome(o model.Outcome) string {
	switch o {
	case model.NoOutcome:
		return ""
	case model.Kept:
		return "Kept"
	case model.Adjusted:
		return "Adjusted"
	case model.Dropped:
		return "Dropped"
	}
	return mdInline(mdOneLine(string(o)))
}

// writeTimeline lists what happened when, earliest first: the time in
// bold (without the date when it is the day it happened), the kind in
// italics, then the text.
func (m *mdDoc) writeTimeline(d *model.Dossier) {
	if len(d.Timeline) == 0 {
		return
	}
	m.heading(2, "Timeline")
	for _, e := range model.SortTimeline(d.Timeline, d.Debrief.HappenedAt) {
		first := "- **" + mdInline(mdOneLine(model.ClockText(e.At, d.Debrief.HappenedAt))) + "**"
		if e.Kind != model.NoKind {
			first += " *" + e.Kind.Label() + "*"
		}
		m.item(first+" — ", "  ", mdBlock(e.Text))
	}
}
