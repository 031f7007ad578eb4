package coach

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the rule tables in docs/coach.md from rules.tsv")

const (
	docsPath   = "../../docs/coach.md"
	docsBegin  = "<!-- rules: written by `go test ./app/coach -run TestDocs -update` from rules.tsv; do not edit by hand -->"
	docsEnd    = "<!-- end of rules -->"
	docsMarker = "**"
)

// TestDocsListEveryRule keeps the rule tables in docs/coach.md the same as
// rules.tsv, with an example for each rule from the test phrases.
func TestDocsListEveryRule(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok := strings.Cut(string(doc), docsBegin)
	_, after, ok2 := strings.Cut(rest, docsEnd)
	if !ok || !ok2 {
		t.Fatalf("%s has no %q … %q section", docsPath, docsBegin, docsEnd)
	}
	want := before + docsBegin + "\n" + ruleTables(t) + docsEnd + after
	if want == string(doc) {
		return
	}
	if *update {
		if err := os.WriteFile(docsPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the rule tables in %s are out of date: run go test ./app/coach -run TestDocs -update", docsPath)
}

// ruleTables writes the blame rules and the neutral rules as Markdown
// tables, each with an example.
func ruleTables(t *testing.T) string {
	var b strings.Builder
	b.WriteString("\n### Flagged\n\n| Line | Example | Reframe | Why |\n|---:|---|---|---|\n")
	for i, r := range table() {
		if r.Reframe == "" {
			continue
		}
		example := ""
		for _, p := range blamePhrases {
			s := std().check(p.text, true)
			if k := slices.Index(s.rulesHit, i); k >= 0 {
				h := s.hints[k]
				example = p.text[:h.Start] + docsMarker + h.Match + docsMarker + p.text[h.End:]
				break
			}
		}
		if example == "" {
			t.Errorf("rules.tsv line %d has no example among the test phrases", r.line)
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", r.line, cell(example), cell(r.Reframe), cell(r.Why))
	}
	b.WriteString("\n### Never flagged\n\nA neutral rule hides any blame match it overlaps. Each example would be flagged without its rule.\n\n| Line | Example | Why |\n|---:|---|---|\n")
	for i, r := range table() {
		if r.Reframe != "" {
			continue
		}
		without := newMatcher(slices.Delete(slices.Clone(table()), i, i+1))
		example := ""
		for _, text := range neutralPhrases {
			if len(without.check(text, true).hints) > 0 {
				example = text
				break
			}
		}
		fmt.Fprintf(&b, "| %d | %s | %s |\n", r.line, cell(example), cell(r.Why))
	}
	b.WriteString("\n")
	return b.String()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
