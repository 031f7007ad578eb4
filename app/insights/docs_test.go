package insights

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the synonym table in docs/insights.md from synonyms.tsv")

const (
	docsPath  = "../../docs/insights.md"
	docsBegin = "<!-- synonyms: written by `go test ./app/insights -run TestDocs -update` from synonyms.tsv; do not edit by hand -->"
	docsEnd   = "<!-- end of synonyms -->"
)

// TestDocsListEverySynonym keeps the synonym table in docs/insights.md the
// same as synonyms.tsv.
func TestDocsListEverySynonym(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok := strings.Cut(string(doc), docsBegin)
	_, after, ok2 := strings.Cut(rest, docsEnd)
	if !ok || !ok2 {
		t.Fatalf("%s has no %q … %q section", docsPath, docsBegin, docsEnd)
	}
	want := before + docsBegin + "\n" + synonymTable() + docsEnd + after
	if want == string(doc) {
		return
	}
	if *update {
		if err := os.WriteFile(docsPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the synonym table in %s is out of date: run go test ./app/insights -run TestDocs -update", docsPath)
}

// synonymTable is synonyms.tsv as a Markdown table.
func synonymTable() string {
	var b strings.Builder
	b.WriteString("\n| Language | Concept | Phrases |\n|---|---|---|\n")
	for _, line := range strings.Split(synonymsTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		concept := cols[1]
		if actionConcepts["="+concept] {
			concept += " (action)"
		}
		b.WriteString("| " + cols[0] + " | " + concept + " | " + strings.TrimLeft(cols[2], "\t") + " |\n")
	}
	b.WriteString("\n")
	return b.String()
}
