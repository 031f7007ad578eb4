package export

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/model"
)

// Layout hygiene of the PDF: headings keep with what follows them, no
// text is cut short, a number keeps its unit, page numbers fit the page.

// pdfWord is a word as pdftotext -bbox places it, in points.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// pdfPage is a page as pdftotext -bbox gives it.
type pdfPage struct {
	w, h  float64
	words []pdfWord
}

var (
	bboxPageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// bbox is every page's words with their boxes.
func (p pdfFile) bbox(t testing.TB) []pdfPage {
	t.Helper()
	out, err := exec.Command(pdfTool(t, "pdftotext"), "-bbox", "-enc", "UTF-8", p.path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var pages []pdfPage
	for _, line := range strings.Split(string(out), "\n") {
		if m := bboxPageRE.FindStringSubmatch(line); m != nil {
			pages = append(pages, pdfPage{w: atof(m[1]), h: atof(m[2])})
			continue
		}
		if m := bboxWordRE.FindStringSubmatch(line); m != nil && len(pages) > 0 {
			pg := &pages[len(pages)-1]
			text := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(m[5])
			pg.words = append(pg.words, pdfWord{text, atof(m[1]), atof(m[2]), atof(m[3]), atof(m[4])})
		}
	}
	if len(pages) == 0 {
		t.Fatalf("pdftotext -bbox found no pages")
	}
	return pages
}

func atof(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// pdfPageLines are the lines of each page (pdftotext -layout), without the
// header (pages after the first) and the footer, and without blank lines.
func (p pdfFile) pageLines(t testing.TB) [][]string {
	t.Helper()
	var pages [][]string
	for i, pg := range strings.Split(p.text(t, true, 0, 0), "\f") {
		var lines []string
		for _, l := range strings.Split(pg, "\n") {
			if l = strings.TrimSpace(l); l != "" && !pdfPageNoRE.MatchString(l) && !strings.Contains(l, " · exported ") {
				lines = append(lines, l)
			}
		}
		if i > 0 && len(lines) > 0 {
			lines = lines[1:] // the header: the title, on one line in these tests
		}
		if len(lines) > 0 || i < p.res.Pages {
			pages = append(pages, lines)
		}
	}
	return pages
}

// TestPDFHeadingKeepsWithNext moves the "Links" heading (and the others)
// down the page a line at a time, by lengthening the first card: no
// heading may end a page, or be followed on its page by fewer than two
// lines of what it heads. The last card grows, so that the first links
// stay short.
func TestPDFHeadingKeepsWithNext(t *testing.T) {
	headings := []string{"Factors by category", "Links", "Lessons", "What led to the problem", "What went well",
		"Reflections", "Other candidate changes"}
	for _, c := range model.Categories() {
		headings = append(headings, c.Label())
	}
	sawLinksLow := false
	for extra := 0; extra < 60; extra += 2 {
		d := pdfBoard(7, 7, true)
		d.Debrief.Title = "Heading test"
		d.Factors[6].Text += strings.Repeat(" filler", extra*11)
		d.Lesson = model.Lesson{WhatLed: "Nobody had the checklist.", WentWell: "The backup worked."}
		d.Changes = []model.ProcessChange{{What: "Sign-offs", Chosen: true}, {What: "A second idea", Votes: 2}, {What: "A third idea"}, {What: "A fourth idea"}}
		p := pdfMake(t, fmt.Sprintf("keep-%d", extra), d, Options{Paper: A4})
		pages := p.pageLines(t)
		for pi, lines := range pages {
			for li, l := range lines {
				for _, h := range headings {
					if !isHeading(l, []string{h}) {
						continue
					}
					if h == "Links" && li > len(lines)-8 {
						sawLinksLow = true
					}
					// Fewer than two lines is right when that is all the
					// section has: the next page starts elsewhere.
					continues := pi+1 < len(pages) && len(pages[pi+1]) > 0 && !isHeading(pages[pi+1][0], headings)
					if after := len(lines) - li - 1; after < 2 && continues {
						t.Errorf("filler %d, page %d: the heading %q is followed by %d lines on its page:\n%s",
							extra, pi+1, h, after, strings.Join(lines[max(0, li-3):], "\n"))
					}
					// Under "Links", a note and then the list: two lines of
					// it, with an arrow.
					if h == "Links" && (li+3 >= len(lines) || !strings.Contains(strings.Join(lines[li+2:], " "), "→")) {
						t.Errorf("filler %d, page %d: no link under the Links heading on its page:\n%s",
							extra, pi+1, strings.Join(lines[li:], "\n"))
					}
				}
			}
		}
	}
	if !sawLinksLow {
		t.Error("the Links heading never came near the bottom of a page: the test does not test")
	}
}

// isHeading reports whether the line l is one of headings (a category's
// heading ends with its count).
func isHeading(l string, headings []string) bool {
	for _, h := range headings {
		if strings.HasPrefix(l, h) && strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(l, h), " 0123456789")) == "" {
			return true
		}
	}
	return false
}

// TestPDFNoEllipsis: a title as long as a title may be and links between
// long cards are written whole: nothing on the pages but the factor map
// (where a card is as large as the card on the board) is cut with "…".
func TestPDFNoEllipsis(t *testing.T) {
	var title []string
	for i := 0; len(strings.Join(title, " ")) < model.MaxTitle-12; i++ {
		title = append(title, fmt.Sprintf("title%03d", i))
	}
	d := pdfBoard(4, 4, true)
	d.Debrief.Title = strings.Join(title, " ")
	for i := range d.Factors {
		var w []string
		for j := 0; j < 40; j++ {
			w = append(w, fmt.Sprintf("card%dword%02d", i+1, j))
		}
		d.Factors[i].Text = strings.Join(w, " ")
	}
	d.Links[0].Label = strings.Repeat("a long label ", 12) + "labelend"
	p := pdfMake(t, "no-ellipsis", d, Options{Paper: A4, Creator: "Debrief 0.1.0 " + strings.Repeat("creator ", 20) + "creatorend"})
	sizes := pageSizes(t, p.info(t))
	for i, s := range sizes {
		if s[0] > s[1] {
			continue // the factor map's page
		}
		text := p.text(t, false, i+1, i+1)
		if strings.Contains(text, "…") {
			t.Errorf("page %d has text cut with …:\n%s", i+1, text)
		}
		if i > 0 && !strings.Contains(text, title[len(title)-1]) {
			t.Errorf("page %d's header lacks the end of the title, %q", i+1, title[len(title)-1])
		}
		if !strings.Contains(text, "creatorend") {
			t.Errorf("page %d's footer lacks the end of the creator", i+1)
		}
	}
	body := p.body(t)
	// Every card is listed once, and its text is in each link it is in.
	for i := range d.Factors {
		uses := 1
		for _, l := range d.Links {
			if l.FromID == d.Factors[i].ID || l.ToID == d.Factors[i].ID {
				uses++
			}
		}
		end := fmt.Sprintf("card%dword39", i+1)
		if n := strings.Count(body, end) - strings.Count(p.text(t, false, 2, 2), end); n != uses {
			t.Errorf("the end of card %d, %q, is in the text %d times outside the map, want %d", i+1, end, n, uses)
		}
	}
	wantText(t, body, d.Links[0].Label)
}

// TestPDFVotesNotSplit lists candidate changes of every length: "2 votes"
// must never break across lines.
func TestPDFVotesNotSplit(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Votes")}
	d.Changes = []model.ProcessChange{{What: "The chosen one", Chosen: true}}
	for n := 1; n <= 60; n++ {
		d.Changes = append(d.Changes, model.ProcessChange{What: strings.TrimSpace(strings.Repeat("idea ", n)) + fmt.Sprintf(" n%d", n), Votes: 2})
	}
	p := pdfMake(t, "votes", d, Options{Paper: A4})
	text := p.text(t, true, 0, 0)
	if m := regexp.MustCompile(`\d[ \t]*\n[ \t]*votes?\b`).FindString(text); m != "" {
		t.Errorf("a vote count is split from its unit: %q", m)
	}
	if n := strings.Count(squash(text), "2votes"); n != 60 {
		t.Errorf("\"2 votes\" appears %d times, want 60", n)
	}
}

// TestPDFPageNumbersFit: in a document of more than nine pages, "page 3
// of 12" ends where "page 12 of 12" does, within the right margin.
func TestPDFPageNumbersFit(t *testing.T) {
	d := pdfBoard(12, 4, false)
	var lesson []string
	for i := 0; i < 2600; i++ {
		lesson = append(lesson, fmt.Sprintf("lesson%04d", i))
	}
	d.Lesson.WhatLed = strings.Join(lesson, " ")
	p := pdfMake(t, "page-numbers", d, Options{Paper: A4})
	if p.res.Pages < 10 {
		t.Fatalf("%d pages; the test needs at least 10", p.res.Pages)
	}
	for i, pg := range p.bbox(t) {
		// The footer's last words: "page", n, "of", total.
		var foot []pdfWord
		for _, w := range pg.words {
			if w.yMin > pg.h-pdfMargin*72/25.4 {
				foot = append(foot, w)
			}
		}
		k := len(foot)
		if k < 4 || foot[k-4].text != "page" || foot[k-3].text != strconv.Itoa(i+1) || foot[k-1].text != strconv.Itoa(p.res.Pages) {
			t.Errorf("page %d: the footer's words are %v", i+1, foot)
			continue
		}
		right := pg.w - pdfMargin*72/25.4
		if x := foot[k-1].xMax; x > right+0.3 {
			t.Errorf("page %d: the page number ends at %.1f pt, %.1f pt beyond the right margin", i+1, x, x-right)
		} else if x < right-0.6 {
			t.Errorf("page %d: the page number ends at %.1f pt, %.1f pt short of the right margin", i+1, x, right-x)
		}
	}
}
