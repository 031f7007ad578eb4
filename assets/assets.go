// Package assets holds Debrief's embedded resources: the sample debrief, the
// templates and the icon. Templates are discovered: every file in templates/
// is one, described by its own top-level "template" block (docs/templates.md).
package assets

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed sample.json templates/*.json
var files embed.FS

// templateDir is the folder of files holds the templates.
const templateDir = "templates"

// Template is a starting point for a new debrief, in the JSON interchange
// format (see docs/format.md). Everything but ID and Data comes from the
// file's top-level "template" block.
type Template struct {
	ID   string // the file name without .json, e.g. "work-incident"
	Name string // the human title, e.g. "Work incident"
	// Description says in one sentence what the template is for.
	Description string
	// Categories are the category keys (model.Category) that matter most
	// for this kind of setback, in the order the board offers them.
	Categories []string
	// Prompts are commonly missed factors for this kind of setback, offered
	// beside the board in addition to the general ones.
	Prompts []string
	Data    []byte // the template document
	order   float64
}

// Sample returns the sample debrief in the JSON interchange format. Each call
// returns a fresh copy.
func Sample() []byte { return mustRead("sample.json") }

// embedded is every template built into Debrief, read once.
var embedded = sync.OnceValues(func() ([]Template, error) { return loadTemplates(files) })

// Templates returns every template in templates/, in the order they are
// offered: by their "order", then by name. Each call returns fresh copies.
// A template file that cannot be read is a build mistake (the tests catch
// it) and panics.
func Templates() []Template {
	ts, err := embedded()
	if err != nil {
		panic("assets: " + err.Error())
	}
	out := make([]Template, len(ts))
	for i, t := range ts {
		t.Categories = slices.Clone(t.Categories)
		t.Prompts = slices.Clone(t.Prompts)
		t.Data = slices.Clone(t.Data)
		out[i] = t
	}
	return out
}

// TemplateName is the human title of the template with the given ID, or ""
// when there is no such template.
func TemplateName(id string) string {
	ts, err := embedded()
	if err != nil {
		panic("assets: " + err.Error())
	}
	for _, t := range ts {
		if t.ID == id {
			return t.Name
		}
	}
	return ""
}

// loadTemplates reads every templates/*.json in fsys, sorted by order and
// then by name. A file without a "template" block is still a template:
// its name comes from its file name, and it sorts after those with an order.
func loadTemplates(fsys fs.FS) ([]Template, error) {
	names, err := fs.Glob(fsys, templateDir+"/*.json")
	if err != nil {
		return nil, err
	}
	var ts []Template
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		t, err := parseTemplate(strings.TrimSuffix(path.Base(name), ".json"), data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ts = append(ts, t)
	}
	slices.SortStableFunc(ts, func(a, b Template) int {
		switch {
		case a.order != b.order:
			if a.order < b.order {
				return -1
			}
			return 1
		case a.Name != b.Name:
			return strings.Compare(a.Name, b.Name)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return ts, nil
}

// templateBlock is the top-level "template" object of a template file.
// Keep it in step with the reader's schema in export/json_schema.go and with
// docs/format.md.
type templateBlock struct {
	Name        *string  `json:"name"`
	Description string   `json:"description"`
	Order       *float64 `json:"order"`
	Categories  []string `json:"categories"`
	Prompts     []string `json:"prompts"`
}

// parseTemplate reads one template file's "template" block. It checks the
// block's own shape; whether the categories are known category keys is
// the reader's business (export.ReadJSON), since assets knows no model.
func parseTemplate(id string, data []byte) (Template, error) {
	t := Template{ID: id, Data: data, order: math.Inf(1)}
	if id == "" || strings.ContainsAny(id, " \t") {
		return t, fmt.Errorf("the file name %q cannot be a template ID; use lower-case words joined by hyphens", id+".json")
	}
	var doc struct {
		Template json.RawMessage `json:"template"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return t, fmt.Errorf("not valid JSON: %w", err)
	}
	if len(doc.Template) == 0 || string(doc.Template) == "null" {
		t.Name = nameFromID(id)
		return t, nil
	}
	var b templateBlock
	dec := json.NewDecoder(bytes.NewReader(doc.Template))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return t, fmt.Errorf("the \"template\" block: %w", err)
	}
	if b.Name == nil || strings.TrimSpace(*b.Name) == "" {
		return t, errors.New("the \"template\" block has no name")
	}
	t.Name = strings.TrimSpace(*b.Name)
	t.Description = b.Description
	if b.Order != nil {
		t.order = *b.Order
	}
	seen := map[string]bool{}
	for i, c := range b.Categories {
		if c == "" || seen[c] {
			return t, fmt.Errorf("the \"template\" block: categories[%d] is empty or repeated", i)
		}
		seen[c] = true
	}
	for i, p := range b.Prompts {
		if strings.TrimSpace(p) == "" {
			return t, fmt.Errorf("the \"template\" block: prompts[%d] is empty", i)
		}
	}
	t.Categories = b.Categories
	t.Prompts = b.Prompts
	return t, nil
}

// nameFromID turns "school-play" into "School play".
func nameFromID(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// mustRead reads an embedded file; a missing one is a build mistake.
func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return b
}
