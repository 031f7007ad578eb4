package export

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
	"github.com/debrief-app/debrief/assets"
)

var mdCreated = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func mdSample(t *testing.T) *model.Dossier {
	t.Helper()
	d, err := ReadJSON(bytes.NewReader(assets.Sample()))
	if err != nil {
		t.Fatalf("ReadJSON(sample): %v", err)
	}
	return d
}

// mdWrite writes d as Markdown and checks what every summary must be.
func mdWrite(t *testing.T, d *model.Dossier) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, d, MarkdownOptions{Created: mdCreated}); err != nil {
		t.Fatalf("WriteMarkdown: %v", err)
	}
	out := buf.String()
	mdCheckWellFormed(t, out)
	var again bytes.Buffer
	if err := WriteMarkdown(&again, d, MarkdownOptions{Created: mdCreated}); err != nil || again.String() != out {
		t.Errorf("a second WriteMarkdown gave different bytes (err %v)", err)
	}
	return out
}

func mdCheckWellFormed(t *testing.T, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Error("the output is not valid UTF-8")
	}
	if !strings.HasPrefix(out, "# ") {
		t.Errorf("the output does not start with the title heading: %.40q", out)
	}
	if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("the output should end in exactly one newline: %q", out[max(0, len(out)-40):])
	}
	if strings.Contains(out, "\n\n\n") {
		t.Error("the output has two blank lines in a row")
	}
	if i := strings.IndexFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }); i >= 0 {
		t.Errorf("the output holds control character %q at byte %d", out[i], i)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, l := range lines {
		if strings.TrimRight(l, " \t") != l {
			t.Errorf("line %d has trailing spaces: %q", i+1, l)
		}
		// Every heading has something under it before the next heading of
		// the same or a higher level.
		if lv := mdLevel(l); lv > 0 {
			empty := true
			for _, next := range lines[i+1:] {
				if nl := mdLevel(next); nl > 0 {
					if nl > lv {
						empty = false
					}
					break
				}
				if strings.TrimSpace(next) != "" {
					empty = false
					break
				}
			}
			if empty {
				t.Errorf("heading %q has nothing under it", l)
			}
		}
	}
	if last := lines[len(lines)-1]; !regexp.MustCompile(`^_Exported from Debrief on \d{1,2} [A-Z][a-z]{2} \d{4}\._$`).MatchString(last) {
		t.Errorf("the last line is %q, want the export footer", last)
	}
}

// mdLevel is the level of an ATX heading line, or 0.
func mdLevel(l string) int {
	n := len(l) - len(strings.TrimLeft(l, "#"))
	if n == 0 || n > 6 || (len(l) > n && l[n] != ' ') {
		return 0
	}
	return n
}

// mdUnescape removes the backslash of every backslash escape, hard breaks
// included.
func mdUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '\n' || strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdSections splits the output at its headings: heading line → the lines up
// to the next heading of any level.
func mdSections(out string) map[string][]string {
	secs := map[string][]string{}
	cur := ""
	for _, l := range strings.Split(out, "\n") {
		if mdLevel(l) > 0 {
			cur = l
			continue
		}
		secs[cur] = append(secs[cur], l)
	}
	return secs
}

func TestMarkdownGolden(t *testing.T) {
	checkGolden(t, filepath.Join("testdata", "sample.md"), mdWrite(t, mdSample(t)))
}

func TestMarkdownStructure(t *testing.T) {
	d := mdSample(t)
	out := mdWrite(t, d)

	// Headings in order.
	want := []string{"# " + d.Debrief.Title, "## What happened", "## The one change", "## Kudos", "## Warning signs we missed", "## Factors"}
	count := map[model.Category]int{}
	for _, f := range d.Factors {
		count[f.Category]++
	}
	for _, c := range model.Categories() {
		if count[c] > 0 {
			want = append(want, "### "+c.Label()+" ("+strconv.Itoa(count[c])+")")
		}
	}
	want = append(want, "### How they connect", "## What led to the problem", "## What went well", "## Where we got lucky", "## Reflections", "## Other candidate changes")
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "#") {
			got = append(got, l)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	secs := mdSections(out)

	// The one change.
	if n := strings.Count(out, "\n## The one change\n"); n != 1 {
		t.Errorf("%d one-change headings, want 1", n)
	}
	chosen, _ := model.Chosen(d.Changes)
	one := strings.Join(secs["## The one change"], "\n")
	for _, s := range []string{"**" + chosen.What + "**", "**Owner:** " + chosen.Owner, "**Check back:** Thu 10 Dec 2026", chosen.Measure} {
		if !strings.Contains(one, s) {
			t.Errorf("the one change section does not hold %q:\n%s", s, one)
		}
	}
	for _, c := range d.Changes {
		if !c.Chosen && strings.Contains(one, c.What) {
			t.Errorf("the one change section holds the candidate %q", c.What)
		}
		if !c.Chosen && !strings.Contains(strings.Join(secs["## Other candidate changes"], "\n"), c.What) {
			t.Errorf("the candidate %q is not among the other candidates", c.What)
		}
	}
	if !strings.Contains(out, "- **When it happened:** Wed 18 Nov 2026, 23:40 UTC\n") ||
		!strings.Contains(out, "- **Discussed:** Thu 19 Nov 2026, 09:30 UTC\n") ||
		!strings.Contains(out, "- **Participants:** Maya, Jonas, Priya, Tom\n") ||
		!strings.Contains(out, "- **Status:** Reviewed\n") || !strings.Contains(out, "- **Timebox:** 10 min\n") {
		t.Error("the facts list is not as expected")
	}

	// Every factor once, under its own category, with its author unless
	// anonymous, and a star when it earned kudos.
	kudos := map[int64]bool{}
	for _, k := range d.Kudos {
		kudos[k.FactorID] = true
	}
	authors := map[string]bool{}
	for _, f := range d.Factors {
		if f.Author != "" {
			authors[f.Author] = true
		}
	}
	meta := regexp.MustCompile(` \*— (.*)\*( ★)?$`)
	var allFactors []string
	for _, c := range model.Categories() {
		if count[c] > 0 {
			allFactors = append(allFactors, secs["### "+c.Label()+" ("+strconv.Itoa(count[c])+")"]...)
		}
	}
	for i, f := range d.Factors {
		sec := secs["### "+f.Category.Label()+" ("+strconv.Itoa(count[f.Category])+")"]
		if n := strings.Count(strings.Join(sec, "\n"), f.Text); n != 1 {
			t.Errorf("factor %d appears %d times under %s, want once", i+1, n, f.Category.Label())
		}
		if n := strings.Count(strings.Join(allFactors, "\n"), f.Text); n != 1 {
			t.Errorf("factor %d appears %d times among the factors, want once", i+1, n)
		}
		var line string
		for _, l := range sec {
			if strings.HasPrefix(l, "- "+f.Text) {
				line = l
			}
		}
		if line == "" {
			t.Errorf("factor %d is not a bullet of its own", i+1)
			continue
		}
		if strings.HasSuffix(line, " ★") != kudos[f.ID] {
			t.Errorf("factor %d: star is %v, want %v: %q", i+1, strings.HasSuffix(line, " ★"), kudos[f.ID], line)
		}
		mm := meta.FindStringSubmatch(line)
		if f.Anonymous() && f.Votes == 0 {
			if mm != nil || strings.Contains(line, "*—") {
				t.Errorf("anonymous factor %d without votes shows %q", i+1, line)
			}
			continue
		}
		if mm == nil {
			t.Errorf("factor %d has no author or votes in italics: %q", i+1, line)
			continue
		}
		if f.Anonymous() {
			if !regexp.MustCompile(`^\d+ votes?$`).MatchString(mm[1]) {
				t.Errorf("anonymous factor %d shows %q, want only its votes", i+1, mm[1])
			}
			for a := range authors {
				if strings.Contains(mm[1], a) {
					t.Errorf("anonymous factor %d names %s", i+1, a)
				}
			}
		} else if !strings.HasPrefix(mm[1], f.Author+" · ") && mm[1] != f.Author {
			t.Errorf("factor %d by %s shows %q", i+1, f.Author, mm[1])
		}
	}

	// Every link on a line with an arrow.
	conn := secs["### How they connect"]
	var arrows []string
	for _, l := range conn {
		if strings.Contains(l, "→") {
			arrows = append(arrows, l)
		}
	}
	if len(arrows) != len(d.Links) {
		t.Fatalf("%d lines with →, want one for each of %d links", len(arrows), len(d.Links))
	}
	for i, l := range d.Links {
		from, _ := d.Factor(l.FromID)
		to, _ := d.Factor(l.ToID)
		a := arrows[i]
		if !strings.HasPrefix(a, "- “") {
			t.Errorf("link %d: %q is not a bullet with a quote", i+1, a)
		}
		fi, ti := strings.Index(a, from.Text[:30]), strings.Index(a, to.Text[:30])
		if fi < 0 || ti < 0 || fi > strings.Index(a, "→") || ti < strings.Index(a, "→") {
			t.Errorf("link %d: %q does not quote %q → %q", i+1, a, from.Text[:30], to.Text[:30])
		}
		if utf8.RuneCountInString(a) > 2*mdQuoteLen+40 {
			t.Errorf("link %d: %q quotes too much", i+1, a)
		}
		if hasLabel := strings.HasSuffix(a, " ("+l.Label+")"); hasLabel != (l.Label != model.DefaultLinkLabel) {
			t.Errorf("link %d with label %q: %q", i+1, l.Label, a)
		}
	}

	// Kudos, warning signs and reflections.
	for _, k := range d.Kudos {
		if !strings.Contains(out, "- ★ **"+k.Who+"** — "+k.For+"\n") {
			t.Errorf("no kudos line for %s", k.Who)
		}
	}
	for _, w := range d.WarningSigns {
		if !strings.Contains(strings.Join(secs["## Warning signs we missed"], "\n"), "- "+w.Text) {
			t.Errorf("warning sign %q is missing", w.Text)
		}
	}
	refl := strings.Join(secs["## Reflections"], "\n")
	for i, a := range d.Lesson.Reflections.Answers() {
		q := "**" + model.ReflectionQuestions[i] + "**"
		if !strings.Contains(refl, q+"\n\n"+a+"\n") {
			t.Errorf("reflection %d is not its question in bold followed by the note", i+1)
		}
	}
}

// mdTricky is a card that tries every way to break out of its bullet.
const mdTricky = "# not a heading\n- not a list\n1. not a list\n> not a quote\n*not emphasis* [not](a link) <b>html</b> | pipe `code`"

func TestMarkdownEscaping(t *testing.T) {
	db := model.NewDebrief("Escaping # test *x*")
	d := &model.Dossier{
		Debrief:      db,
		Factors:      []model.Factor{{ID: 1, Text: mdTricky, Category: model.Technical, W: 220, H: 120, Author: "Ana"}},
		Lesson:       model.Lesson{WhatLed: mdTricky + "\n\n  ---\n===\n    indented code?\n~~~\n2) two\n+ plus\n&amp; &#35; Q&A\n\n\n\nC:\\temp\\"},
		WarningSigns: []model.WarningSign{{Text: mdTricky}},
		Changes:      []model.ProcessChange{{What: "Check *this* [x]", Owner: "Bo", Measure: mdTricky, Chosen: true}},
		Kudos:        []model.Kudos{{Who: "Ana", For: mdTricky}},
	}
	d.Debrief.Summary = mdTricky
	out := mdWrite(t, d)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")

	headings := []string{
		`# Escaping \# test \*x\*`, "## What happened", "## The one change", "## Kudos",
		"## Warning signs we missed", "## Factors", "### Technical (1)", "## What led to the problem",
	}
	var got []string
	marker := regexp.MustCompile("^(#{1,6}([ \t]|$)|[-+*]([ \t]|$)|[0-9]{1,9}[.)]([ \t]|$)|>|-{2,}$|={1,}$|```|~~~|<|\\|)")
	items := 0
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "#"):
			got = append(got, l)
			continue
		case strings.HasPrefix(l, "- "):
			items++ // the facts and one bullet each for kudos, warning sign and factor
			continue
		case strings.HasPrefix(l, "> - **"): // the details of the one change
			continue
		case strings.HasPrefix(l, ">"):
			if !strings.HasPrefix(lines[i-1], ">") && lines[i-1] != "## The one change" && lines[i-2] != "## The one change" {
				t.Errorf("line %d starts a quote outside the one change: %q", i+1, l)
			}
			l = strings.TrimPrefix(l, ">")
		}
		if s := strings.TrimLeft(l, " "); marker.MatchString(s) {
			t.Errorf("line %d starts a block: %q", i+1, lines[i])
		}
	}
	if strings.Join(got, "\n") != strings.Join(headings, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(headings, "\n"))
	}
	if items != 3+3 {
		t.Errorf("%d list items at the left margin, want 6", items)
	}

	// The factor is one bullet of five lines: continuation lines indented,
	// each line but the last ending in a hard break, and the text reads back
	// exactly once the escapes are removed.
	sec := mdSections(out)["### Technical (1)"]
	var bullet []string
	for _, l := range sec {
		if strings.HasPrefix(l, "- ") || (len(bullet) > 0 && strings.HasPrefix(l, "  ")) {
			bullet = append(bullet, l)
		}
	}
	if len(bullet) != 5 {
		t.Fatalf("the factor is %d lines, want 5:\n%s", len(bullet), strings.Join(sec, "\n"))
	}
	for i, l := range bullet[:4] {
		if !strings.HasSuffix(l, `\`) || (i > 0 && !strings.HasPrefix(l, "  ")) {
			t.Errorf("bullet line %d: %q", i+1, l)
		}
	}
	if !strings.HasSuffix(bullet[4], " *— Ana*") {
		t.Errorf("the last line of the factor lacks its author: %q", bullet[4])
	}
	src := strings.TrimPrefix(strings.TrimSuffix(strings.Join(bullet, "\n"), " *— Ana*"), "- ")
	src = strings.ReplaceAll(src, "\n  ", "\n")
	if back := mdUnescape(src); back != mdTricky {
		t.Errorf("the factor reads back as\n%q\nwant\n%q", back, mdTricky)
	}

	// Everywhere the text went, its characters are all there, in order.
	for _, name := range []string{"## What happened", "## Kudos", "## Warning signs we missed", "## The one change", "## What led to the problem"} {
		body := mdUnescape(strings.Join(mdSections(out)[name], "\n"))
		rest := body
		for _, r := range mdTricky {
			if r == '\n' || r == ' ' {
				continue
			}
			i := strings.IndexRune(rest, r)
			if i < 0 {
				t.Errorf("%s: %q is missing or out of order in\n%s", name, r, body)
				break
			}
			rest = rest[i+utf8.RuneLen(r):]
		}
	}
	led := strings.Join(mdSections(out)["## What led to the problem"], "\n")
	for _, s := range []string{"\n\n\\---\\\n\\===\\\n", "\nindented code?\\\n", "\n\\~\\~\\~\\\n", "\n2\\) two\\\n", "\n\\+ plus\\\n", `\&amp; \&#35; Q&A`, "\n\nC:\\\\temp\\\\\n"} {
		if !strings.Contains(led, s) {
			t.Errorf("what led does not hold %q:\n%s", s, led)
		}
	}
}

func TestMarkdownLineStart(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"# heading", `\# heading`},
		{"###### six", `\###### six`},
		{"#hashtag and #123", "#hashtag and #123"},
		{"#", `\#`},
		{"- item", `\- item`},
		{"-5 degrees", "-5 degrees"},
		{"--", `\--`},
		{"+ item", `\+ item`},
		{"+1", "+1"},
		{"* item", `\* item`},
		{"=", `\=`},
		{"= x", "= x"},
		{"3. item", `3\. item`},
		{"10) item", `10\) item`},
		{"3.5 V", "3.5 V"},
		{"2026", "2026"},
		{"> quote", `\> quote`},
		{"<div>", `\<div\>`},
		{"```go", "\\`\\`\\`go"},
		{"| a | b |", `\| a \| b \|`},
		{"a_b*c", `a\_b\*c`},
		{"&copy; &#169; &#xA9; R&D &; & x", `\&copy; \&#169; \&#xA9; R&D &; & x`},
		{"$5 ~x~ [y]", `\$5 \~x\~ \[y\]`},
		{`back\slash`, `back\\slash`},
	}
	for _, c := range cases {
		if got := mdLineStart(mdInline(c.in)); got != c.want {
			t.Errorf("escape(%q) = %q, want %q", c.in, got, c.want)
		}
		if back := mdUnescape(mdLineStart(mdInline(c.in))); back != c.in {
			t.Errorf("escape(%q) reads back as %q", c.in, back)
		}
	}
}

func TestMarkdownExoticText(t *testing.T) {
	name := "Zoë Łukasiewicz-Ødegård"
	visible := []string{
		name,
		"🔥 👩🏽‍🚒 🇳🇴 fire",
		"مرحبا بالعالم \u200fשלום",
		"Cafe\u0301 na\u0308ive",
	}
	db := model.NewDebrief(name + " 🔥 Cafe\u0301")
	db.Participants = []string{name, "محمد"}
	db.Summary = strings.Join(visible, "\n")
	d := &model.Dossier{
		Debrief: db,
		Factors: []model.Factor{
			{ID: 1, Text: strings.Join(visible, "\n") + "\nNUL:\x00 ESC:\x1b[31m red\r\nCRLF\rCR bad:\xff", Category: model.People, W: 220, H: 120, Author: name, Votes: 1},
			{ID: 2, Text: strings.Repeat("e\u0301", 100), Category: model.People, W: 220, H: 120},
		},
		Links: []model.Link{{FromID: 1, ToID: 2, Label: "מוביל ל"}},
		Kudos: []model.Kudos{{Who: name, For: "🧯 " + visible[2]}},
	}
	out := mdWrite(t, d)
	for _, s := range append(visible, "# "+name+" 🔥 Cafe\u0301\n", "**Participants:** "+name+", محمد", "*— "+name+" · 1 vote*", "- ★ **"+name+"** — 🧯 "+visible[2], " (מוביל ל)") {
		if !strings.Contains(out, s) {
			t.Errorf("the output does not hold %q byte for byte", s)
		}
	}
	for _, s := range []string{"NUL:\uFFFD ESC:\uFFFD\\[31m red\\\n  CRLF\\\n  CR bad:\uFFFD *—"} {
		if !strings.Contains(out, s) {
			t.Errorf("the output does not hold %q", s)
		}
	}
	if strings.ContainsAny(out, "\x00\x1b\r") {
		t.Error("a control character got through")
	}
	// The quote of the long card is cut between characters, not between a
	// letter and its accent.
	if !strings.Contains(out, "→ “"+strings.Repeat("e\u0301", 40)+"…”") {
		t.Errorf("the quote of the accented card is not cut cleanly:\n%s", out)
	}

	// Every exotic string as a card, its author, a lesson and a kudos: all
	// of its printable text is in the output, in order, once Markdown's
	// escapes are undone; control characters become U+FFFD.
	short := modeltest.Short()
	d = &model.Dossier{Debrief: model.NewDebrief(short[0].S)}
	for i, x := range modeltest.Exotic() {
		d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: x.S, Category: model.Categories()[i%7],
			W: 220, H: 120, Author: short[i%len(short)].S})
		d.Kudos = append(d.Kudos, model.Kudos{Who: short[i%len(short)].S, For: x.S})
		d.Debrief.Participants = append(d.Debrief.Participants, short[i%len(short)].S)
	}
	d.Lesson.WhatLed = modeltest.Long()
	out = mdWrite(t, d)
	if strings.ContainsFunc(out, mdBadControl) || strings.Contains(out, "\r") {
		t.Error("a control character got through")
	}
	text := mdPrintable(mdUnescape(out))
	for _, x := range modeltest.Exotic() {
		if !strings.Contains(text, mdPrintable(x.S)) {
			t.Errorf("the output does not hold the printable text of %s", x.Name)
		}
	}
}

// mdPrintable is s without white space, control characters and U+FFFD
// (which stands for a control character): what must survive an export.
func mdPrintable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
}

func TestMarkdownShort(t *testing.T) {
	cases := []struct{ in, want string }{
		{"short", "short"},
		{"  line one\n\tline two  ", "line one line two"},
		{strings.Repeat("a", 80), strings.Repeat("a", 80)},
		{strings.Repeat("a", 81), strings.Repeat("a", 80) + "…"},
		{strings.Repeat("word ", 30), strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{strings.Repeat("x", 70) + ", " + strings.Repeat("y", 20), strings.Repeat("x", 70) + "…"},
		{strings.Repeat("a", 79) + "👩🏽‍🚒 and more", strings.Repeat("a", 79) + "…"},
		{strings.Repeat("a", 79) + "🇳🇴🇳🇴", strings.Repeat("a", 79) + "…"},
		{strings.Repeat("a", 78) + "🇳🇴🇳🇴", strings.Repeat("a", 78) + "🇳🇴…"},
	}
	for _, c := range cases {
		if got := mdShort(c.in, 80); got != c.want {
			t.Errorf("mdShort(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMarkdownEmptyDossier(t *testing.T) {
	out := mdWrite(t, &model.Dossier{Debrief: model.NewDebrief("Just a title")})
	want := "# Just a title\n\n" +
		"- **Participants:** anonymous\n- **Status:** Draft\n- **Timebox:** 10 min\n\n" +
		"## The one change\n\nNo change chosen yet.\n\n" +
		"_Exported from Debrief on 26 Nov 2026._\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}

	// Nothing set at all, and parts with nothing in them, still make a
	// sensible document with no empty sections.
	d := &model.Dossier{
		Factors:      []model.Factor{{ID: 1, Category: "blame", W: 1, H: 1}},
		Links:        []model.Link{{FromID: 1, ToID: 9}},
		WarningSigns: []model.WarningSign{{Text: " \n "}},
		Lesson:       model.Lesson{WentWell: "\n\n", Reflections: model.Reflections{Safer: " "}},
		Changes:      []model.ProcessChange{{Chosen: true}, {}},
		Kudos:        []model.Kudos{{}},
	}
	out = mdWrite(t, d)
	for _, s := range []string{"# Untitled debrief\n", "> *(not described)*\n", "### blame (1)\n", "- *(no text)*\n", "(a card that is not in this debrief)", "- ★\n", "- *(not described)*\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("the output does not hold %q:\n%s", s, out)
		}
	}
	for _, s := range []string{"## Warning signs", "## What went well", "## Reflections"} {
		if strings.Contains(out, s) {
			t.Errorf("the output has %q with nothing in it:\n%s", s, out)
		}
	}
}

type mdFailWriter struct{}

func (mdFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestMarkdownDefaults(t *testing.T) {
	if err := WriteMarkdown(&bytes.Buffer{}, nil, MarkdownOptions{}); err == nil {
		t.Error("WriteMarkdown(nil) gave no error")
	}
	if err := WriteMarkdown(mdFailWriter{}, mdSample(t), MarkdownOptions{Created: mdCreated}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing writer gave %v", err)
	}
	before := time.Now()
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, &model.Dossier{Debrief: model.NewDebrief("Today")}, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	after := time.Now()
	if !strings.HasSuffix(buf.String(), "_Exported from Debrief on "+before.Format("2 Jan 2006")+"._\n") &&
		!strings.HasSuffix(buf.String(), "_Exported from Debrief on "+after.Format("2 Jan 2006")+"._\n") {
		t.Errorf("a zero Created did not give today's date: %q", buf.String())
	}
}
