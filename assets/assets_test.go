package assets

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSample(t *testing.T) {
	s := Sample()
	if len(s) == 0 {
		t.Fatal("Sample() is empty")
	}
	if !json.Valid(s) {
		t.Fatal("Sample() is not valid JSON")
	}
	s[0] = 'X'
	if bytes.Equal(Sample(), s) {
		t.Error("changing the slice Sample returned changed the next Sample()")
	}
}

// builtIn is every template Debrief ships, in the order it offers them.
var builtIn = []struct{ id, name string }{
	{"blank", "Blank"},
	{"work-incident", "Work incident"},
	{"late-delivery", "Project delivered late"},
	{"failed-test", "Failed test / hardware"},
	{"robotics", "Robotics competition"},
	{"family-trip", "Family trip"},
}

// TestTemplates checks every built-in template's block and header. Their
// cards, categories and summaries are checked through the reader in
// export's TestTemplates, since assets knows no model.
func TestTemplates(t *testing.T) {
	if _, err := loadTemplates(files); err != nil {
		t.Fatalf("a template file is broken: %v", err)
	}
	ts := Templates()
	// The built-in six come in this order; a template added later may sit
	// anywhere among them, so adding one needs no change here.
	next := 0
	seen := map[string]bool{}
	for _, tm := range ts {
		if seen[tm.ID] {
			t.Errorf("the ID %q appears twice", tm.ID)
		}
		seen[tm.ID] = true
		if next < len(builtIn) && tm.ID == builtIn[next].id {
			if tm.Name != builtIn[next].name {
				t.Errorf("%s is named %q, want %q", tm.ID, tm.Name, builtIn[next].name)
			}
			next++
		}
	}
	if next != len(builtIn) {
		t.Errorf("the built-in templates are missing or out of order from %s; want %v", builtIn[next].id, builtIn)
	}
	for _, tm := range ts {
		t.Run(tm.ID, func(t *testing.T) {
			if TemplateName(tm.ID) != tm.Name {
				t.Errorf("TemplateName(%q) = %q, want %q", tm.ID, TemplateName(tm.ID), tm.Name)
			}
			if d := tm.Description; d == "" || !strings.HasSuffix(d, ".") || strings.Count(d, ". ") > 0 {
				t.Errorf("description %q should be one sentence", d)
			}
			if len(tm.Categories) == 0 {
				t.Error("the template names no categories")
			}
			if n := len(tm.Prompts); tm.ID != "blank" && (n < 3 || n > 6) {
				t.Errorf("%d commonly missed factor prompts, want 3 to 6", n)
			}
			var doc struct {
				Format   string         `json:"format"`
				Version  int            `json:"version"`
				Template map[string]any `json:"template"`
				Debrief  struct {
					Title    string `json:"title"`
					Status   string `json:"status"`
					Template string `json:"template"`
				} `json:"debrief"`
			}
			if err := json.Unmarshal(tm.Data, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Format != "debrief" || doc.Version != 1 {
				t.Errorf("format %q version %d, want debrief 1", doc.Format, doc.Version)
			}
			if doc.Template == nil {
				t.Error("a built-in template should have a \"template\" block")
			}
			if doc.Debrief.Title == "" {
				t.Error("the template has no title")
			}
			if doc.Debrief.Status != "draft" {
				t.Errorf("status %q, want draft", doc.Debrief.Status)
			}
			// A blank debrief records no template; the others record their ID.
			wantTemplate := tm.ID
			if tm.ID == "blank" {
				wantTemplate = ""
			}
			if doc.Debrief.Template != wantTemplate {
				t.Errorf("template field %q, want %q", doc.Debrief.Template, wantTemplate)
			}
		})
	}
	for _, id := range []string{"", "sample", "nope", "Blank"} {
		if n := TemplateName(id); n != "" {
			t.Errorf("TemplateName(%q) = %q, want \"\"", id, n)
		}
	}
}

func TestTemplatesReturnsCopies(t *testing.T) {
	a := Templates()
	i := len(a) - 1
	a[i].Data[0] = 'X'
	a[i].Categories[0] = "changed"
	a[i].Prompts[0] = "changed"
	b := Templates()
	if b[i].Data[0] == 'X' || b[i].Categories[0] == "changed" || b[i].Prompts[0] == "changed" {
		t.Error("changing what Templates returned changed the next Templates()")
	}
}

// withFiles is the embedded files plus extra ones.
func withFiles(t *testing.T, extra map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range extra {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// TestAddingAFileAddsATemplate: a template is a file, nothing else.
func TestAddingAFileAddsATemplate(t *testing.T) {
	fsys := withFiles(t, map[string]string{
		"templates/school-play.json": `{"format": "debrief", "version": 1,
			"template": {"name": "School play", "description": "For a show that went wrong.", "order": 3.5,
				"categories": ["people", "context"], "prompts": ["Did the cast rehearse on the real stage?"]},
			"debrief": {"title": "School play", "template": "school-play"}}`,
		"templates/zz-no-block.json": `{"format": "debrief", "version": 1, "debrief": {"title": "Bare"}}`,
		"templates/notes.txt":        `not a template`,
	})
	ts, err := loadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tm := range ts {
		ids = append(ids, tm.ID)
	}
	want := "blank work-incident late-delivery school-play failed-test robotics family-trip zz-no-block"
	if got := strings.Join(ids, " "); got != want {
		t.Fatalf("templates = %s\nwant        %s", got, want)
	}
	play := ts[3]
	if play.Name != "School play" || play.Description != "For a show that went wrong." ||
		strings.Join(play.Categories, ",") != "people,context" || len(play.Prompts) != 1 ||
		!bytes.Contains(play.Data, []byte(`"title": "School play"`)) {
		t.Errorf("the new template read as %+v", play)
	}
	if bare := ts[len(ts)-1]; bare.Name != "Zz no block" || bare.Description != "" || bare.Categories != nil {
		t.Errorf("a file without a block read as %+v, want its name from the file name", bare)
	}
}

func TestTemplatesSortByOrderThenName(t *testing.T) {
	block := func(name, order string) string {
		return `{"format": "debrief", "version": 1, "template": {"name": "` + name + `"` + order + `}, "debrief": {"title": "T"}}`
	}
	fsys := fstest.MapFS{
		"templates/a.json": {Data: []byte(block("Zebra", `, "order": 1`))},
		"templates/b.json": {Data: []byte(block("Apple", `, "order": 1`))},
		"templates/c.json": {Data: []byte(block("Mango", `, "order": -2`))},
		"templates/d.json": {Data: []byte(block("Aardvark", ""))}, // no order: last
		"templates/e.json": {Data: []byte(block("Kiwi", `, "order": 1e3`))},
	}
	ts, err := loadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tm := range ts {
		names = append(names, tm.Name)
	}
	if got, want := strings.Join(names, " "), "Mango Apple Zebra Kiwi Aardvark"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
}

// TestBrokenTemplateBlock: a template file whose block is wrong makes the
// loader fail, naming the file, so the tests above catch it at build time.
func TestBrokenTemplateBlock(t *testing.T) {
	cases := map[string]string{
		"not JSON":              `{"format": "debrief",`,
		"block not an object":   `{"template": ["Blank"]}`,
		"no name":               `{"template": {"order": 1}}`,
		"null name":             `{"template": {"name": null}}`,
		"blank name":            `{"template": {"name": "  "}}`,
		"name not a string":     `{"template": {"name": 7}}`,
		"order not a number":    `{"template": {"name": "N", "order": "2"}}`,
		"unknown field":         `{"template": {"name": "N", "colour": "red"}}`,
		"categories not array":  `{"template": {"name": "N", "categories": "people"}}`,
		"category not a string": `{"template": {"name": "N", "categories": [1]}}`,
		"repeated category":     `{"template": {"name": "N", "categories": ["people", "people"]}}`,
		"prompt not a string":   `{"template": {"name": "N", "prompts": [true]}}`,
		"empty prompt":          `{"template": {"name": "N", "prompts": ["Fine?", " "]}}`,
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := loadTemplates(withFiles(t, map[string]string{"templates/broken.json": data}))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "templates/broken.json") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// TestTemplatesDoc: docs/templates.md describes the built-in templates.
func TestTemplatesDoc(t *testing.T) {
	doc, err := os.ReadFile("../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range builtIn {
		if !bytes.Contains(doc, []byte("| "+tm.name+" | `"+tm.id+".json` |")) {
			t.Errorf("docs/templates.md has no row for %s (%s.json)", tm.name, tm.id)
		}
	}
}
