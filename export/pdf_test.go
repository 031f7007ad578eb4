package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
	"github.com/debrief-app/debrief/assets"
)

var pdfCreated = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// pdfTool finds a command the tests need; without it they fail, since a
// PDF nobody checked is not a tested PDF.
func pdfTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed, and the PDF tests need it: run `make deps-test` (qpdf and poppler-utils)", name)
	}
	return p
}

func pdfSample(t testing.TB) *model.Dossier {
	t.Helper()
	d, err := ReadJSON(bytes.NewReader(assets.Sample()))
	if err != nil {
		t.Fatalf("ReadJSON(sample): %v", err)
	}
	return d
}

// pdfFile is an exported PDF, saved for the command-line tools.
type pdfFile struct {
	data  []byte
	path  string
	res   PDFResult
	title string // the header's text
}

// pdfMake exports d and checks the result with qpdf --check. When
// DEBRIEF_PDF_OUT names a folder, the PDF is also saved there as name.pdf,
// to look at.
func pdfMake(t testing.TB, name string, d *model.Dossier, opt Options) pdfFile {
	t.Helper()
	if opt.Created.IsZero() {
		opt.Created = pdfCreated
	}
	var buf bytes.Buffer
	res, err := WritePDF(&buf, d, opt)
	if err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	if res.Pages < 1 {
		t.Errorf("PDFResult.Pages = %d", res.Pages)
	}
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("DEBRIEF_PDF_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(pdfTool(t, "qpdf"), "--check", path).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", name, err, out)
	}
	return pdfFile{data: buf.Bytes(), path: path, res: res, title: model.OneLine(d.Debrief.Title)}
}

// text is what pdftotext reads from the PDF (of pages first to last; 0 for all).
func (p pdfFile) text(t testing.TB, layout bool, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command(pdfTool(t, "pdftotext"), append(args, p.path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// body is the PDF's text without the header and footer of each page, so
// that text running onto the next page reads on.
func (p pdfFile) body(t testing.TB) string {
	t.Helper()
	pages := strings.Split(p.text(t, false, 0, 0), "\f")
	for i, pg := range pages {
		pg = pdfPageNoRE.ReplaceAllString(pg, "")
		pg = pdfExportedRE.ReplaceAllString(pg, "")
		if i > 0 {
			// The header, the debrief's title on one line or more, comes
			// first.
			pg = strings.TrimLeft(pg, "\n")
			head := ""
			for head != squash(p.title) {
				j := strings.IndexByte(pg, '\n')
				if j < 0 || !strings.HasPrefix(squash(p.title), head+squash(pg[:j])) {
					break
				}
				head += squash(pg[:j])
				pg = pg[j+1:]
			}
		}
		pages[i] = pg
	}
	return strings.Join(pages, "\n")
}

var (
	pdfPageNoRE   = regexp.MustCompile(`(?m)page \d+ of \d+[ \t]*$`)
	pdfExportedRE = regexp.MustCompile(`(?m)^.* · exported \w{3} \d{1,2} \w{3} \d{4}[ \t]*$`)
)

// info is what pdfinfo says of every page.
func (p pdfFile) info(t testing.TB) string {
	t.Helper()
	out, err := exec.Command(pdfTool(t, "pdfinfo"), "-f", "1", "-l", "9999", p.path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

// squash drops all white space, so text wrapped onto lines compares equal.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

// wantText checks that every piece of want is in the PDF's text.
func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	sq := squash(text)
	for _, w := range want {
		if !strings.Contains(sq, squash(w)) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
}

var pageSizeRE = regexp.MustCompile(`(?m)^Page +(\d+) size: +([\d.]+) x ([\d.]+) pts`)

// pageSizes are the pages' sizes in points, rounded.
func pageSizes(t *testing.T, info string) [][2]string {
	t.Helper()
	var sizes [][2]string
	for _, m := range pageSizeRE.FindAllStringSubmatch(info, -1) {
		r := func(s string) string {
			f, _ := strconv.ParseFloat(s, 64)
			return strconv.FormatFloat(f, 'f', 2, 64)
		}
		sizes = append(sizes, [2]string{r(m[2]), r(m[3])})
	}
	if len(sizes) == 0 {
		t.Fatalf("pdfinfo gave no page sizes:\n%s", info)
	}
	return sizes
}

func infoField(info, name string) string {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `: +(.*)$`).FindStringSubmatch(info)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func TestPaperForLocale(t *testing.T) {
	cases := []struct {
		name               string
		lcAll, paper, lang string
		want               Paper
	}{
		{"US English", "", "", "en_US.UTF-8", Letter},
		{"Canadian French", "", "", "fr_CA", Letter},
		{"Canadian English with modifier", "", "", "en_CA.UTF-8@euro", Letter},
		{"British English", "", "", "en_GB.UTF-8", A4},
		{"German", "", "", "de_DE", A4},
		{"C", "", "", "C", A4},
		{"POSIX", "", "", "POSIX", A4},
		{"C.UTF-8", "", "", "C.UTF-8", A4},
		{"nothing set", "", "", "", A4},
		{"language only", "", "", "en", A4},
		{"lower-case territory", "", "", "en_us", Letter},
		{"LC_PAPER overrides LANG to Letter", "", "en_US.UTF-8", "de_DE.UTF-8", Letter},
		{"LC_PAPER overrides LANG to A4", "", "de_DE.UTF-8", "en_US.UTF-8", A4},
		{"LC_ALL overrides both to A4", "nl_NL.UTF-8", "en_US.UTF-8", "fr_CA.UTF-8", A4},
		{"LC_ALL overrides both to Letter", "en_CA.UTF-8", "de_DE", "en_GB", Letter},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := map[string]string{"LC_ALL": c.lcAll, "LC_PAPER": c.paper, "LANG": c.lang}
			if got := paperForLocale(func(k string) string { return env[k] }); got != c.want {
				t.Errorf("paperForLocale(LC_ALL=%q LC_PAPER=%q LANG=%q) = %q, want %q", c.lcAll, c.paper, c.lang, got, c.want)
			}
		})
	}
	t.Run("DefaultPaper reads the environment", func(t *testing.T) {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_PAPER", "fr_CA.UTF-8")
		t.Setenv("LANG", "de_DE.UTF-8")
		if got := DefaultPaper(); got != Letter {
			t.Errorf("DefaultPaper() = %q with LC_PAPER=fr_CA, want letter", got)
		}
		t.Setenv("LC_PAPER", "")
		if got := DefaultPaper(); got != A4 {
			t.Errorf("DefaultPaper() = %q with LANG=de_DE, want a4", got)
		}
	})
}

func TestParsePaper(t *testing.T) {
	for in, want := range map[string]Paper{"a4": A4, "A4": A4, " letter ": Letter, "Letter": Letter, "LETTER": Letter} {
		if got, err := ParsePaper(in); err != nil || got != want {
			t.Errorf("ParsePaper(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "a3", "legal", "us-letter", "a4 letter"} {
		got, err := ParsePaper(in)
		if err == nil || got != "" {
			t.Errorf("ParsePaper(%q) = %q, %v; want an error", in, got, err)
		} else if !strings.Contains(err.Error(), "a4 or letter") {
			t.Errorf("ParsePaper(%q) error %q does not say what is accepted", in, err)
		}
	}
}

// TestPDFSample checks the sample's PDF on both papers: its size, its
// pages, its metadata and that every piece of the debrief is in its text.
func TestPDFSample(t *testing.T) {
	d := pdfSample(t)
	for _, c := range []struct {
		paper               Paper
		portrait, landscape [2]string
	}{
		{A4, [2]string{"595.28", "841.89"}, [2]string{"841.89", "595.28"}},
		{Letter, [2]string{"612.00", "792.00"}, [2]string{"792.00", "612.00"}},
	} {
		t.Run(string(c.paper), func(t *testing.T) {
			p := pdfMake(t, "sample-"+string(c.paper), d, Options{Paper: c.paper, Creator: "Debrief 0.1.0"})
			if n := len(p.data); n > 150_000 {
				t.Errorf("the sample's PDF is %d bytes, more than 150 KB", n)
			}
			res := p.res
			if len(res.Missing) > 0 || len(res.Fallbacks) > 0 || res.Note != "" {
				t.Errorf("PDFResult = %+v; the sample needs no fallback font and draws its map", res)
			}
			info := p.info(t)
			sizes := pageSizes(t, info)
			if len(sizes) != res.Pages {
				t.Errorf("pdfinfo lists %d pages, PDFResult.Pages is %d", len(sizes), res.Pages)
			}
			if res.Pages < 3 {
				t.Errorf("%d pages; want a summary, the map and the details", res.Pages)
			}
			for i, s := range sizes {
				want := c.portrait
				if i == 1 {
					want = c.landscape // the factor map
				}
				if s != want {
					t.Errorf("page %d is %s x %s pts, want %s x %s", i+1, s[0], s[1], want[0], want[1])
				}
			}
			for field, want := range map[string]string{
				"Title":    d.Debrief.Title,
				"Subject":  "Blameless post-mortem",
				"Creator":  "Debrief 0.1.0",
				"Keywords": pdfKeywords,
			} {
				if got := infoField(info, field); got != want {
					t.Errorf("pdfinfo %s = %q, want %q", field, got, want)
				}
			}
			if a := infoField(info, "Author"); a != "" {
				t.Errorf("the metadata names an author, %q; it must name nobody", a)
			}
			if got := infoField(info, "CreationDate"); !strings.Contains(got, "2026") || !strings.Contains(got, "Nov 26") {
				t.Errorf("pdfinfo CreationDate = %q, want 26 Nov 2026", got)
			}
			people := append([]string{}, d.Debrief.Participants...)
			for _, f := range d.Factors {
				if f.Author != "" {
					people = append(people, f.Author)
				}
			}
			for _, field := range []string{"Title", "Subject", "Keywords", "Author", "Creator", "Producer"} {
				for _, who := range people {
					if strings.Contains(infoField(info, field), who) {
						t.Errorf("the metadata's %s names %q", field, who)
					}
				}
			}

			text, body := p.text(t, false, 0, 0), p.body(t)
			chosen, _ := model.Chosen(d.Changes)
			want := []string{d.Debrief.Title, d.Debrief.Summary, "Maya, Jonas, Priya, Tom",
				"Wed 18 Nov 2026, 23:40 UTC", "Thu 19 Nov 2026, 09:30 UTC",
				chosen.What, chosen.Owner, chosen.Measure, "Thu 10 Dec 2026",
				d.Lesson.WhatLed, d.Lesson.WentWell, d.Lesson.Lucky}
			for _, k := range d.Kudos {
				want = append(want, k.Who, k.For)
			}
			for _, w := range d.WarningSigns {
				want = append(want, w.Text)
			}
			for _, f := range d.Factors {
				want = append(want, f.Text)
			}
			for i, a := range d.Lesson.Reflections.Answers() {
				want = append(want, model.ReflectionQuestions[i], a)
			}
			for _, c := range d.Changes {
				want = append(want, c.What)
			}
			for _, c := range model.Categories() {
				want = append(want, c.Label())
			}
			wantText(t, body, want...)
			for i := 1; i <= res.Pages; i++ {
				wantText(t, text, fmt.Sprintf("page %d of %d", i, res.Pages))
			}
			// Page 1 holds the summary; the title heads every later page.
			page1 := squash(p.text(t, false, 1, 1))
			for _, w := range []string{chosen.What, "THE ONE CHANGE WE COMMIT TO", d.Kudos[0].Who, d.WarningSigns[0].Text} {
				if !strings.Contains(page1, squash(w)) {
					t.Errorf("page 1 lacks %q", w)
				}
			}
			for i := 2; i <= res.Pages; i++ {
				if !strings.Contains(squash(p.text(t, false, i, i)), squash(d.Debrief.Title)) {
					t.Errorf("page %d has no header with the title", i)
				}
			}
			// The map page shows every category's tag.
			page2 := p.text(t, false, 2, 2)
			wantText(t, page2, "Factor map", "TECH", "PEOPLE", "PROCESS", "CONTEXT", "WARNING", "WENT WELL", "LUCKY", "showed up as")
			// Every card of the sample fits whole.
			if strings.Contains(page2, "…") {
				t.Error("a card of the sample is cut short on the map")
			}
			for _, f := range d.Factors {
				wantText(t, page2, f.Text)
			}
		})
	}
}

// TestPDFOutline checks the bookmarks with qpdf's JSON.
func TestPDFOutline(t *testing.T) {
	p := pdfMake(t, "outline", pdfSample(t), Options{Paper: A4})
	out, err := exec.Command(pdfTool(t, "qpdf"), "--json", "--json-key=outlines", p.path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	type outline struct {
		Title string    `json:"title"`
		Page  int       `json:"destpageposfrom1"`
		Kids  []outline `json:"kids"`
	}
	var doc struct{ Outlines []outline }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var got []string
	var walk func(os []outline, depth int)
	walk = func(os []outline, depth int) {
		for _, o := range os {
			got = append(got, strings.Repeat("  ", depth)+o.Title)
			if o.Page < 1 || o.Page > p.res.Pages {
				t.Errorf("bookmark %q points at page %d", o.Title, o.Page)
			}
			walk(o.Kids, depth+1)
		}
	}
	walk(doc.Outlines, 0)
	if len(doc.Outlines) > 1 && doc.Outlines[1].Page != 2 {
		t.Errorf("the factor map's bookmark points at page %d, want 2", doc.Outlines[1].Page)
	}
	want := []string{"Summary", "Factor map", "Factors by category", "  Technical", "  People & communication", "  Process",
		"  Context & pressure", "  Warning sign", "  Went well", "  Lucky", "  Links", "Lessons", "Reflections", "Other candidate changes"}
	if !slices.Equal(got, want) {
		t.Errorf("outline = %q, want %q", got, want)
	}
}

// TestPDFGolden compares the layout text of the sample's PDF with
// testdata/sample.pdf.txt; -update rewrites it. It also checks that two
// exports are byte for byte the same.
func TestPDFGolden(t *testing.T) {
	d := pdfSample(t)
	opt := Options{Paper: A4, Creator: "Debrief 0.1.0"}
	p := pdfMake(t, "golden", d, opt)
	again := pdfMake(t, "golden-again", pdfSample(t), opt)
	if !bytes.Equal(p.data, again.data) {
		t.Errorf("two exports of the sample differ (%d and %d bytes)", len(p.data), len(again.data))
	}
	var lines []string
	for _, l := range strings.Split(p.text(t, true, 0, 0), "\n") {
		lines = append(lines, strings.TrimRight(l, " \t"))
	}
	got := strings.Join(lines, "\n")
	checkGolden(t, filepath.Join("testdata", "sample.pdf.txt"), got)
}

// TestPDFDeterministic exports documents that use fallback fonts and many
// characters several times: the bytes must not change.
func TestPDFDeterministic(t *testing.T) {
	for name, d := range map[string]*model.Dossier{"exotic": pdfExotic(), "dense": pdfBoard(120, 20, true)} {
		first := pdfMake(t, name, d, Options{Paper: Letter})
		for i := 0; i < 3; i++ {
			var buf bytes.Buffer
			if _, err := WritePDF(&buf, d, Options{Paper: Letter, Created: pdfCreated}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), first.data) {
				t.Fatalf("%s: export %d differs from the first", name, i+2)
			}
		}
	}
}

// TestPDFConcurrent exports at the same time from several goroutines, which
// share the font caches: each PDF must be what it is alone.
func TestPDFConcurrent(t *testing.T) {
	docs := []*model.Dossier{pdfSample(t), pdfExotic(), pdfBoard(30, 6, true)}
	want := make([][]byte, len(docs))
	for i, d := range docs {
		want[i] = pdfMake(t, fmt.Sprintf("concurrent-%d", i), d, Options{Paper: A4}).data
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(docs))
	for range 4 {
		for i, d := range docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				if _, err := WritePDF(&buf, d, Options{Paper: A4, Created: pdfCreated}); err != nil {
					errs <- err
				} else if !bytes.Equal(buf.Bytes(), want[i]) {
					errs <- fmt.Errorf("document %d differs when exported concurrently", i)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestPDFAnonymous checks that an anonymous card names nobody: the only
// author in the fixture, Ana, appears once, by her card.
func TestPDFAnonymous(t *testing.T) {
	d := &model.Dossier{
		Debrief: model.NewDebrief("Missed the train"),
		Factors: []model.Factor{
			{ID: 1, Text: "Nobody checked the timetable for the Sunday service.", Category: model.Process, X: 0, Y: 0, W: 220, H: 120, Votes: 2},
			{ID: 2, Text: "The alarm was set for the wrong day.", Category: model.Technical, X: 260, Y: 0, W: 220, H: 120, Author: "Ana", Votes: 1},
			{ID: 3, Text: "We were all tired after the wedding.", Category: model.Context, X: 520, Y: 0, W: 220, H: 120},
		},
	}
	p := pdfMake(t, "anonymous", d, Options{Paper: A4})
	text := p.text(t, false, 0, 0)
	if n := strings.Count(text, "Ana"); n != 1 {
		t.Errorf("%q appears %d times, want once (in the list, by her card)", "Ana", n)
	}
	list := squash(text[strings.Index(text, "Factors by category"):])
	if !strings.Contains(list, squash("The alarm was set for the wrong day. 2 Ana · 1 vote")) &&
		!strings.Contains(list, squash("The alarm was set for the wrong day. Ana · 1 vote")) {
		t.Errorf("Ana is not named beside her card:\n%s", list)
	}
	for _, bad := range []string{"Author", "author", "by:", "By:", "anonymous card"} {
		if strings.Contains(text, bad) {
			t.Errorf("the text contains %q", bad)
		}
	}
	wantText(t, text, "anonymous", "2 votes") // the participants; the first card's votes
}

// pdfExotic has names and text in several scripts, an emoji, Chinese,
// control characters and a 5,000-character lesson of distinct words.
func pdfExotic() *model.Dossier {
	var words []string
	n := 0
	for i := 1; n < 5000; i++ {
		w := fmt.Sprintf("word%04d", i)
		words = append(words, w)
		n += len(w) + 1
	}
	lesson := strings.Join(words, " ")
	d := &model.Dossier{
		Debrief: model.Debrief{
			Title:          "Zoë Łukasiewicz-Ødegård’s launch 🚀 故障",
			Summary:        "Καλημέρα κόσμε. Съешь же ещё этих мягких французских булок. 故障 at launch 🚀.\nSecond line\twith a tab and a bell\a here.",
			HappenedAt:     time.Date(2026, 3, 1, 14, 5, 0, 0, time.UTC),
			TimeboxMinutes: 10,
			Status:         model.Draft,
			Participants:   []string{"Zoë Łukasiewicz-Ødegård", "Σωκράτης", "Юлия"},
		},
		Factors: []model.Factor{
			{ID: 1, Text: "Καλημέρα κόσμε — the Greek team was never told.", Category: model.People, X: 0, Y: 0, W: 220, H: 120, Author: "Σωκράτης"},
			{ID: 2, Text: "Съешь же ещё этих мягких французских булок.", Category: model.Technical, X: 260, Y: 0, W: 220, H: 120, Author: "Юлия", Votes: 7},
			{ID: 3, Text: "故障 reports were filed in Chinese and nobody read them 🚀.", Category: model.Warning, X: 0, Y: 160, W: 220, H: 120},
		},
		Links:  []model.Link{{FromID: 1, ToID: 2, Label: "führte zu"}, {FromID: 3, ToID: 2}},
		Lesson: model.Lesson{WhatLed: lesson, WentWell: "Zoë Łukasiewicz-Ødegård stayed calm.", Reflections: model.Reflections{Safer: "Ask «what was hard?» — not ‘who’."}},
		Changes: []model.ProcessChange{{What: "Translate every 故障 report within a day", Owner: "Zoë Łukasiewicz-Ødegård", Chosen: true,
			CheckBack: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}},
		Kudos:        []model.Kudos{{Who: "Юлия", For: "Καλημέρα — spotting the 🚀 typo"}},
		WarningSigns: []model.WarningSign{{Text: "Съешь же ещё этих мягких французских булок"}},
	}
	return d
}

// TestPDFExotic checks that every character of every field either is in
// the PDF's text or is reported missing, and every lesson word is there.
func TestPDFExotic(t *testing.T) {
	d := pdfExotic()
	p := pdfMake(t, "exotic", d, Options{Paper: A4})
	text := p.body(t)
	sq := squash(text)
	missing := map[rune]bool{}
	for _, r := range p.res.Missing {
		missing[r] = true
	}
	if !slices.IsSorted(p.res.Missing) || len(missing) != len(p.res.Missing) {
		t.Errorf("Missing = %q is not sorted and unique", p.res.Missing)
	}
	if !missing['🚀'] {
		t.Errorf("Missing = %q lacks 🚀, which gofpdf cannot draw on any machine", p.res.Missing)
	}
	fields := []string{d.Debrief.Title, d.Debrief.Summary, d.Lesson.WentWell, d.Lesson.Reflections.Safer, d.Changes[0].What, d.Changes[0].Owner,
		d.Kudos[0].Who, d.Kudos[0].For, d.WarningSigns[0].Text, "führte zu"}
	fields = append(fields, d.Debrief.Participants...)
	for _, f := range d.Factors {
		fields = append(fields, f.Text, f.Author)
	}
	for _, f := range fields {
		for _, r := range f {
			switch {
			case unicode.IsSpace(r) || unicode.IsControl(r):
			case missing[r]:
				if strings.ContainsRune(text, r) {
					t.Errorf("%q is reported missing but is in the text", r)
				}
			case !strings.ContainsRune(text, r):
				t.Errorf("%q (%U) of %q is neither in the text nor reported missing", r, r, f)
			}
		}
		// Each field reads whole, with the missing characters replaced.
		want := strings.Map(func(r rune) rune {
			if missing[r] || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
				return '\uFFFD'
			}
			return r
		}, f)
		if !strings.Contains(sq, squash(want)) {
			t.Errorf("the text lacks %q", want)
		}
	}
	for _, w := range strings.Fields(d.Lesson.WhatLed) {
		if !strings.Contains(text, w) {
			t.Errorf("the lesson's word %q is not in the text", w)
		}
	}
	if strings.Contains(text, "\a") {
		t.Error("a control character reached the PDF")
	}
	if missing['\a'] {
		t.Error("a control character is reported missing")
	}
	if missing['故'] != (len(p.res.Fallbacks) == 0) {
		t.Errorf("故 missing: %v, but fallback fonts %q", missing['故'], p.res.Fallbacks)
	}
	t.Logf("Missing: %q; fallbacks: %q", p.res.Missing, p.res.Fallbacks)
}

// TestPDFExoticCards exports a card of every exotic string — the
// 100,000-character one among them — with exotic authors and participants:
// the export succeeds and passes qpdf --check, every character is in the
// PDF's text or reported missing, and the text reads whole (every word,
// right-to-left ones too, in logical order).
func TestPDFExoticCards(t *testing.T) {
	short := modeltest.Short()
	d := &model.Dossier{Debrief: model.NewDebrief("Zoë Łukasiewicz-Ødegård — 🔥 עברית")}
	for i, x := range modeltest.Exotic() {
		d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: x.S, Category: model.Categories()[i%7],
			X: float64(i%5) * 260, Y: float64(i/5) * 160, W: 220, H: 120, Author: short[i%len(short)].S, Votes: i % 3})
		d.Debrief.Participants = append(d.Debrief.Participants, short[i%len(short)].S)
	}
	p := pdfMake(t, "exotic-cards", d, Options{Paper: A4})
	text := p.body(t)
	missing := map[rune]bool{}
	for _, r := range p.res.Missing {
		missing[r] = true
	}
	words := map[string]bool{}
	for _, w := range pdfWords(text, nil) {
		words[w] = true
	}
	for _, x := range modeltest.Exotic() {
		for _, r := range x.S {
			switch {
			case unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u00AD':
			case missing[r]:
				if strings.ContainsRune(text, r) {
					t.Errorf("%s: %q is reported missing but is in the text", x.Name, r)
				}
			case !strings.ContainsRune(text, r):
				t.Errorf("%s: %q (%U) is neither in the text nor reported missing", x.Name, r, r)
			}
		}
		for _, w := range pdfWords(x.S, missing) {
			if !words[w] {
				t.Errorf("%s: the word %q is not in the PDF's text", x.Name, w)
			}
		}
		if !strings.ContainsFunc(x.S, rtl) && !strings.Contains(pdfComparable(text, nil), pdfComparable(x.S, missing)) {
			t.Errorf("%s: the text does not read whole", x.Name)
		}
	}

	// The 100,000-character card on its own: how long and how big.
	long := &model.Dossier{Debrief: model.NewDebrief("A long card"), Factors: []model.Factor{
		{ID: 1, Text: modeltest.Long(), Category: model.People, W: 220, H: 120, Author: "Zoë Łukasiewicz-Ødegård"}}}
	start := time.Now()
	lp := pdfMake(t, "long-card", long, Options{Paper: A4})
	t.Logf("the 100,000-character card: %d pages, %d bytes, written and checked in %v", lp.res.Pages, len(lp.data), time.Since(start).Round(time.Millisecond))
	if len(lp.data) > 2<<20 || lp.res.Pages > 100 {
		t.Errorf("the 100,000-character card makes a PDF of %d pages and %d bytes; want under 100 pages and 2 MB", lp.res.Pages, len(lp.data))
	}
}

// rtl reports whether r is written right to left.
func rtl(r rune) bool { return unicode.In(r, unicode.Hebrew, unicode.Arabic) }

// pdfComparable is s as a PDF's text can be compared with it: without
// white space, control and format characters (such as the bidi marks
// pdftotext adds), soft hyphens and U+FFFD, and without the characters
// reported missing (drawn as U+FFFD).
func pdfComparable(s string, missing map[rune]bool) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u00AD' || r == utf8.RuneError || missing[r] {
			return -1
		}
		return r
	}, s)
}

// pdfWords are the runs of letters, marks and digits in s; a missing
// character ends a run, and so does a format character such as the bidi
// marks pdftotext puts around right-to-left text. A soft hyphen is not
// drawn and does not end a run.
func pdfWords(s string, missing map[rune]bool) []string {
	s = strings.ReplaceAll(s, "\u00AD", "")
	return strings.FieldsFunc(s, func(r rune) bool {
		return missing[r] || !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
	})
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// TestPDFWithoutSystemFonts: with no fallback font, Chinese is missing and
// drawn as U+FFFD, and the export still succeeds.
func TestPDFWithoutSystemFonts(t *testing.T) {
	old := findSystemFont
	findSystemFont = func(rune) *fontFile { return nil }
	defer func() { findSystemFont = old }()
	p := pdfMake(t, "no-fallback", pdfExotic(), Options{Paper: A4})
	if !slices.Equal(p.res.Missing, []rune{'故', '障', '🚀'}) {
		t.Errorf("Missing = %q, want 故, 障 and 🚀", p.res.Missing)
	}
	if len(p.res.Fallbacks) != 0 {
		t.Errorf("Fallbacks = %q, want none", p.res.Fallbacks)
	}
	text := p.body(t)
	wantText(t, text, "\uFFFD\uFFFD reports were filed in Chinese", "Καλημέρα κόσμε", "→") // → is in Fyne's symbol font
	if strings.ContainsAny(text, "故障🚀") {
		t.Error("a missing character is in the text")
	}
}

// pdfBoard is a board of n cards on a grid of cols columns, with links if
// asked.
func pdfBoard(n, cols int, links bool) *model.Dossier {
	d := &model.Dossier{Debrief: model.NewDebrief(fmt.Sprintf("A board of %d cards", n))}
	cats := model.Categories()
	for i := 0; i < n; i++ {
		f := model.Factor{ID: int64(i + 1), Category: cats[i%len(cats)],
			Text: fmt.Sprintf("Card number %d says something about cause%d and effect%d.", i+1, i+1, i+1),
			X:    float64(i%cols) * 260, Y: float64(i/cols) * 160, W: 220, H: 120, Votes: i % 4}
		if i%3 == 0 {
			f.Author = "Author" + strconv.Itoa(i)
		}
		d.Factors = append(d.Factors, f)
		if links && i > 0 {
			d.Links = append(d.Links, model.Link{FromID: int64(i), ToID: int64(i + 1)})
		}
	}
	return d
}

func TestPDFDenseBoard(t *testing.T) {
	d := pdfBoard(500, 25, true)
	p := pdfMake(t, "dense", d, Options{Paper: A4})
	if p.res.Note == "" || !strings.Contains(p.res.Note, "500") {
		t.Errorf("Note = %q, want it to say the board of 500 is too dense", p.res.Note)
	}
	page2 := p.text(t, false, 2, 2)
	wantText(t, page2, "Factor map", "This board has 500 factors: too many to draw legibly on one page. They are listed by category on the following pages.")
	if strings.Contains(page2, "Card number") {
		t.Error("the dense map draws card text")
	}
	text := p.body(t)
	for _, f := range d.Factors {
		wantText(t, text, f.Text)
	}
}

// TestPDFWideBoard: a few cards far apart, too small to read where they
// sat, are re-flowed and read.
func TestPDFWideBoard(t *testing.T) {
	d := pdfBoard(3, 3, false)
	for i := range d.Factors {
		d.Factors[i].X = float64(i) * 40000
	}
	p := pdfMake(t, "wide", d, Options{Paper: A4})
	if p.res.Note != "" {
		t.Errorf("Note = %q, want none: the cards are drawn", p.res.Note)
	}
	page2 := p.text(t, false, 2, 2)
	wantText(t, page2, "packed in the groups they formed on the board")
	for _, f := range d.Factors {
		wantText(t, page2, f.Text)
	}
}

// TestPDFLongContent: long fields flow onto further pages, nothing lost.
func TestPDFLongContent(t *testing.T) {
	long := func(prefix string, n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "%s%04d ", prefix, i)
			if i%97 == 96 {
				b.WriteString("\n\n")
			}
		}
		return strings.TrimSpace(b.String())
	}
	d := pdfBoard(40, 8, true)
	d.Debrief.Title = long("title", 480)
	d.Debrief.Summary = long("summary", 5000)
	d.Changes = []model.ProcessChange{{What: long("change", 5000), Owner: "Priya", Measure: long("measure", 3000), Chosen: true}}
	d.Kudos = []model.Kudos{{Who: "Tom", For: long("kudos", 3000)}}
	d.Factors[0].Text = long("card", 5000)
	p := pdfMake(t, "long", d, Options{Paper: Letter})
	if p.res.Note != "" {
		t.Errorf("Note = %q; 40 cards should be drawn", p.res.Note)
	}
	text := p.body(t)
	for _, s := range []string{d.Debrief.Title, d.Debrief.Summary, d.Changes[0].What, d.Changes[0].Measure, d.Kudos[0].For} {
		for _, w := range strings.Fields(s) {
			if !strings.Contains(text, w) {
				t.Fatalf("%q is not in the text", w)
			}
		}
	}
	for _, f := range d.Factors {
		wantText(t, text, f.Text)
	}
	// The card with 5,000 characters is cut short on the map with "…".
	mapPage := -1
	for i, s := range pageSizes(t, p.info(t)) {
		if s[0] > s[1] {
			mapPage = i + 1
		}
	}
	if mapPage < 0 {
		t.Fatal("no landscape page for the map")
	}
	if !strings.Contains(p.text(t, false, mapPage, mapPage), "…") {
		t.Error("the long card on the map does not end with …")
	}
}

// TestPDFEmpty: a debrief with only a title is one page, says that no
// change was chosen and draws no map.
func TestPDFEmpty(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Nothing yet {nb}")}
	p := pdfMake(t, "empty", d, Options{Paper: A4})
	if p.res.Pages != 1 {
		t.Errorf("%d pages, want 1", p.res.Pages)
	}
	text := p.text(t, false, 0, 0)
	wantText(t, text, "Nothing yet {nb}", "No process change has been chosen yet.", "anonymous", "page 1 of 1")
	for _, no := range []string{"Factor map", "Kudos", "Lessons", "Reflections"} {
		if strings.Contains(text, no) {
			t.Errorf("an empty debrief has a %q section", no)
		}
	}
}

// TestPDFOddInput: a dossier that was never validated (impossible
// coordinates, unknown category, links to missing cards) still exports.
func TestPDFOddInput(t *testing.T) {
	d := &model.Dossier{
		Debrief: model.Debrief{Title: "  "},
		Factors: []model.Factor{
			{ID: 1, Text: "NaN card", Category: model.Technical, X: nanValue(), Y: 0, W: 220, H: 120},
			{ID: 2, Text: "Zero-size card", Category: "blame", X: 0, Y: 0, W: 0, H: 0},
			{ID: 3, Text: "Far card", Category: model.Lucky, X: 1e7, Y: -1e7, W: 220, H: 120},
			{ID: 4, Text: "Overlapping card", Category: model.Lucky, X: 1e7, Y: -1e7, W: 220, H: 120},
			{ID: 5, Text: "שלום עולם / مرحبا, Cafe\u0301, 👩🏽‍🚒 🇳🇱 ❤\uFE0F so\u00ADft", Category: model.People, X: 1e7, Y: 1e7, W: 1, H: 1e7},
		},
		Links:   []model.Link{{FromID: 1, ToID: 9}, {FromID: 3, ToID: 4}, {FromID: 3, ToID: 3}},
		Changes: []model.ProcessChange{{What: "One", Chosen: true}, {What: "Two", Chosen: true}},
	}
	p := pdfMake(t, "odd", d, Options{Paper: A4})
	wantText(t, p.body(t), "Untitled debrief", "NaN card", "Zero-size card", "Far card", "blame", "One", "Two", "Cafe\u0301", "soft")
	if !slices.Equal(p.res.Missing, []rune{'🇱', '🇳', '🏽', '👩', '🚒'}) {
		t.Errorf("Missing = %q, want the emoji and the flag's letters", p.res.Missing)
	}

}

func nanValue() float64 { z := 0.0; return z / z }

type pdfFailWriter struct{}

func (pdfFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPDFErrors(t *testing.T) {
	if _, err := WritePDF(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("WritePDF(nil) succeeded")
	}
	var buf bytes.Buffer
	if _, err := WritePDF(&buf, pdfSample(t), Options{Paper: "a3"}); err == nil || buf.Len() > 0 {
		t.Errorf("WritePDF on paper a3 = %v, wrote %d bytes; want an error and nothing", err, buf.Len())
	}
	_, err := WritePDF(pdfFailWriter{}, pdfSample(t), Options{Paper: A4})
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "PDF") {
		t.Errorf("WritePDF to a failing writer = %v, want a wrapped disk-full error", err)
	}
}

// TestPDFDefaults: no paper, date or creator given.
func TestPDFDefaults(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8")
	before := time.Now().Add(-time.Minute)
	var buf bytes.Buffer
	if _, err := WritePDF(&buf, pdfSample(t), Options{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "defaults.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p := pdfFile{data: buf.Bytes(), path: path}
	info := p.info(t)
	if s := pageSizes(t, info)[0]; s != [2]string{"612.00", "792.00"} {
		t.Errorf("page 1 is %v pts with LC_ALL=en_US, want Letter", s)
	}
	if c := infoField(info, "Creator"); c != "Debrief" {
		t.Errorf("Creator = %q, want Debrief", c)
	}
	if !strings.Contains(p.text(t, false, 1, 1), "exported "+before.Format("Mon 2 Jan 2006")) &&
		!strings.Contains(p.text(t, false, 1, 1), "exported "+time.Now().Format("Mon 2 Jan 2006")) {
		t.Error("the footer does not show today's date")
	}
}

// TestLayoutLines checks the line breaker on its own.
func TestLayoutLines(t *testing.T) {
	pdf := &pdfDoc{}
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf.fonts = fs
	st := pdfStyle{font: fontRegular, size: 10, color: pdfInk}
	join := func(ls []pdfLine) string {
		var b strings.Builder
		for i, l := range ls {
			if i > 0 {
				b.WriteByte('|')
			}
			for _, c := range l.cells {
				b.WriteRune(c.r)
			}
		}
		return b.String()
	}
	for _, c := range []struct {
		name, in string
		width    float64
		check    func(ls []pdfLine) string
	}{
		{"fits", "short text", 100, func(ls []pdfLine) string {
			return map[bool]string{true: "", false: "want one line"}[len(ls) == 1]
		}},
		{"wraps at spaces", "alpha beta gamma delta epsilon zeta eta theta", 30, func(ls []pdfLine) string {
			if len(ls) < 2 {
				return "want several lines"
			}
			for _, l := range ls {
				if l.w > 30 {
					return fmt.Sprintf("line %q is %.1f mm wide", join([]pdfLine{l}), l.w)
				}
				if len(l.cells) > 0 && l.cells[0].r == ' ' {
					return "a line starts with a space"
				}
			}
			return ""
		}},
		{"breaks a long word", strings.Repeat("x", 200), 30, func(ls []pdfLine) string {
			n := 0
			for _, l := range ls {
				n += len(l.cells)
				if l.w > 30 {
					return "a line is too wide"
				}
			}
			return map[bool]string{true: "", false: "characters were lost"}[n == 200 && len(ls) > 1]
		}},
		{"keeps newlines and blank lines", "one\n\nthree\r\nfour\rfive", 100, func(ls []pdfLine) string {
			return map[bool]string{true: "", false: "got " + join(ls)}[join(ls) == "one||three|four|five"]
		}},
		{"breaks Chinese anywhere", strings.Repeat("故障", 40), 30, func(ls []pdfLine) string {
			return map[bool]string{true: "", false: "want several lines"}[len(ls) > 1]
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ls := layoutLines(fs.cells([]pdfSpan{{c.in, st}}), c.width, 10)
			if msg := c.check(ls); msg != "" {
				t.Errorf("%s: %s (lines %q)", c.name, msg, join(ls))
			}
		})
	}
}

func BenchmarkPDFSample(b *testing.B) { benchPDF(b, pdfSample(b)) }

func BenchmarkPDF5000(b *testing.B) { benchPDF(b, pdfBoard(5000, 100, true)) }

// benchPDF times WritePDF on d and reports the PDF's size.
func benchPDF(b *testing.B, d *model.Dossier) {
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := WritePDF(&buf, d, Options{Paper: A4, Created: pdfCreated}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes")
}
