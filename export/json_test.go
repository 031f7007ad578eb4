package export

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/modeltest"
	"github.com/debrief-app/debrief/assets"
)

func read(t *testing.T, data []byte) *model.Dossier {
	t.Helper()
	d, err := ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	return d
}

func write(t *testing.T, d *model.Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return buf.Bytes()
}

// TestRoundTripAssets reads, writes, reads and writes the sample and every
// template: both writes must be identical, and so must both reads.
func TestRoundTripAssets(t *testing.T) {
	files := map[string][]byte{"sample": assets.Sample()}
	names := []string{"sample"}
	for _, tm := range assets.Templates() {
		files[tm.ID] = tm.Data
		names = append(names, tm.ID)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			d0 := read(t, files[name])
			a := write(t, d0)
			d1 := read(t, a)
			b := write(t, d1)
			if !bytes.Equal(a, b) {
				t.Errorf("export → import → export changed the document:\nfirst:\n%s\nsecond:\n%s", a, b)
			}
			if !reflect.DeepEqual(d0, d1) {
				t.Errorf("the dossier read from the export differs from the one read from the asset:\nasset:  %+v\nexport: %+v", d0, d1)
			}
			if !bytes.HasSuffix(a, []byte("}\n")) {
				t.Error("the export does not end in a newline")
			}
		})
	}
}

// TestTemplates reads every built-in template through ReadJSON and checks
// what a group meets when it starts from one: question cards in tidy,
// separate columns, a summary prompt, and a block that names real categories.
func TestTemplates(t *testing.T) {
	// The built-in six, in the order they are offered; a template added
	// later may come anywhere among them.
	wantNames := []string{"Blank", "Work incident", "Project delivered late", "Failed test / hardware", "Robotics competition", "Family trip"}
	ts := assets.Templates()
	var names []string
	for _, tm := range ts {
		if slices.Contains(wantNames, tm.Name) {
			names = append(names, tm.Name)
		}
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("the built-in templates are offered as %q, want %q", names, wantNames)
	}
	for _, tm := range ts {
		t.Run(tm.ID, func(t *testing.T) {
			d := read(t, tm.Data)
			if err := d.Validate(); err != nil {
				t.Errorf("the model refuses the template: %v", err)
			}
			db := d.Debrief
			if db.Status != model.Draft {
				t.Errorf("status %q, want draft", db.Status)
			}
			if !db.HappenedAt.IsZero() || !db.ScheduledAt.IsZero() {
				t.Error("a template should have no dates")
			}
			if len(d.Links) != 0 || len(d.Changes) != 0 || len(d.Kudos) != 0 || len(d.WarningSigns) != 0 || !d.Lesson.Empty() {
				t.Error("a template should have no links, lesson, changes or kudos")
			}
			wantTemplate := tm.ID
			if tm.ID == "blank" {
				wantTemplate = ""
			}
			if db.Template != wantTemplate {
				t.Errorf("debrief.template = %q, want %q", db.Template, wantTemplate)
			}
			if s := strings.TrimSpace(db.Summary); s == "" || !strings.Contains(s, "?") {
				t.Errorf("summary prompt %q should ask what happened", db.Summary)
			}

			cats := map[model.Category]bool{}
			for _, c := range tm.Categories {
				mc, err := model.ParseCategory(c)
				if err != nil {
					t.Errorf("the template block: %v", err)
				}
				cats[mc] = true
			}
			if len(cats) == 0 {
				t.Error("the template block names no categories")
			}

			if tm.ID == "blank" {
				if len(d.Factors) != 0 {
					t.Errorf("the blank template has %d cards, want none", len(d.Factors))
				}
				return
			}
			if n := len(d.Factors); n < 4 || n > 10 {
				t.Errorf("%d starter cards, want 4 to 10", n)
			}
			if n := len(tm.Prompts); n < 3 || n > 6 {
				t.Errorf("%d commonly missed factor prompts, want 3 to 6", n)
			}
			columnOf := map[model.Category]float64{}
			for i, f := range d.Factors {
				if !strings.HasSuffix(f.Text, "?") {
					t.Errorf("card %d is not a question: %q", i+1, f.Text)
				}
				if n := utf8.RuneCountInString(f.Text); n > 80 {
					t.Errorf("card %d has %d characters; keep starter cards under 80 to read from the back of a room", i+1, n)
				}
				if f.Author != "" || f.Votes != 0 {
					t.Errorf("card %d has author %q and %d votes; starter cards are anonymous with no votes", i+1, f.Author, f.Votes)
				}
				if f.W != model.DefaultCardWidth || f.H != model.DefaultCardHeight {
					t.Errorf("card %d is %vx%v, want the default size", i+1, f.W, f.H)
				}
				if !cats[f.Category] {
					t.Errorf("card %d is %s, a category the template block does not name", i+1, f.Category)
				}
				if x, seen := columnOf[f.Category]; seen && x != f.X {
					t.Errorf("card %d (%s) is at x=%v, not in its category's column at x=%v", i+1, f.Category, f.X, x)
				}
				columnOf[f.Category] = f.X
			}
			xs := map[float64]model.Category{}
			for c, x := range columnOf {
				if other, shared := xs[x]; shared {
					t.Errorf("%s and %s share the column at x=%v", c, other, x)
				}
				xs[x] = c
			}
			checkNoOverlap(t, d.Factors)
		})
	}
}

// checkNoOverlap fails when two cards overlap or stand closer than 40px.
func checkNoOverlap(t *testing.T, fs []model.Factor) {
	t.Helper()
	const gap = 40
	for i, a := range fs {
		for j, b := range fs[i+1:] {
			if a.X < b.X+b.W+gap && b.X < a.X+a.W+gap && a.Y < b.Y+b.H+gap && b.Y < a.Y+a.H+gap {
				t.Errorf("cards %d and %d overlap or are closer than %dpx", i+1, i+j+2, gap)
			}
		}
	}
}

// TestTemplateBlock: the top-level "template" block of a template file is
// read and checked, and has no effect on the debrief; WriteJSON never
// writes it.
func TestTemplateBlock(t *testing.T) {
	body := `"debrief": {"title": "T", "factors": [{"text": "Why?", "category": "people"}]}}`
	plain := read(t, []byte(`{"format": "debrief", "version": 1, `+body))
	withBlock := read(t, []byte(`{"format": "debrief", "version": 1,
		"template": {"name": "N", "description": "D.", "order": 2.5, "categories": ["people", "went-well"], "prompts": ["P?"]}, `+body))
	if !reflect.DeepEqual(plain, withBlock) {
		t.Errorf("the block changed the dossier:\nwithout: %+v\nwith:    %+v", plain, withBlock)
	}
	for _, tm := range assets.Templates() {
		out := write(t, read(t, tm.Data))
		var top map[string]json.RawMessage
		if err := json.Unmarshal(out, &top); err != nil {
			t.Fatal(err)
		}
		if _, ok := top["template"]; ok {
			t.Errorf("%s: WriteJSON wrote the template block", tm.ID)
		}
	}
	// The example in docs/format.md reads.
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(doc), "### `template` (top level)")
	_, rest, ok := strings.Cut(rest, "```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/format.md has no ```json example of the template block")
	}
	read(t, []byte(example))
}

func TestSample(t *testing.T) {
	d := read(t, assets.Sample())
	n := 0
	for _, c := range d.Changes {
		if c.Chosen {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the sample has %d chosen changes, want 1", n)
	}
	c, _ := model.Chosen(d.Changes)
	if c.Owner != "Priya" {
		t.Errorf("the chosen change's owner is %q, want Priya", c.Owner)
	}
	if c.CheckBack.Format(model.DateLayout) != "2026-12-10" {
		t.Errorf("check back %v, want 2026-12-10", c.CheckBack)
	}
	if len(d.Factors) < 5 {
		t.Errorf("the sample has %d factors, want at least 5", len(d.Factors))
	}
	if d.Debrief.Status != model.Reviewed || d.Debrief.Template != "failed-test" {
		t.Errorf("status %q template %q, want reviewed failed-test", d.Debrief.Status, d.Debrief.Template)
	}
	checkNoOverlap(t, d.Factors)

	// Anonymous cards carry no author key at all in the export.
	out := write(t, d)
	var doc struct {
		Debrief struct {
			Factors []map[string]any `json:"factors"`
		} `json:"debrief"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	anonymous, named := 0, 0
	for i, f := range d.Factors {
		_, has := doc.Debrief.Factors[i]["author"]
		if f.Anonymous() {
			anonymous++
			if has {
				t.Errorf("anonymous card %d has an author key", i+1)
			}
		} else {
			named++
			if !has {
				t.Errorf("card %d by %s has no author key", i+1, f.Author)
			}
		}
	}
	if anonymous == 0 || named == 0 {
		t.Errorf("the sample has %d anonymous and %d named cards; want some of each", anonymous, named)
	}
	if got := strings.Count(string(out), `"author":`); got != named {
		t.Errorf("the export has %d author keys, want %d", got, named)
	}
}

// TestGolden checks key order, indentation and what is left out against a
// document that uses every field.
func TestGolden(t *testing.T) {
	want, err := os.ReadFile("testdata/full.json")
	if err != nil {
		t.Fatal(err)
	}
	got := write(t, read(t, want))
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from testdata/full.json:\n%s", got)
	}
}

func TestDefaults(t *testing.T) {
	d := read(t, []byte(`{"format": "debrief", "version": 1, "debrief": {
		"title": "Minimal",
		"participants": [],
		"factors": [{}, {}, {}, {}, {}, {}, {"x": 7}, {"text": "sized", "w": 300, "h": 90, "author": ""}],
		"lesson": {"warning_signs": [{"text": "one"}, {"text": "two"}]}}}`))
	if d.Debrief.Status != model.Draft {
		t.Errorf("status %q, want draft", d.Debrief.Status)
	}
	if d.Debrief.TimeboxMinutes != model.DefaultTimebox {
		t.Errorf("timebox %d, want %d", d.Debrief.TimeboxMinutes, model.DefaultTimebox)
	}
	if d.Debrief.Participants != nil {
		t.Errorf("participants %#v, want nil", d.Debrief.Participants)
	}
	for i, f := range d.Factors {
		if f.ID != int64(i+1) || f.Z != i {
			t.Errorf("factor %d has ID %d and Z %d, want %d and %d", i+1, f.ID, f.Z, i+1, i)
		}
		if f.Category != model.Technical {
			t.Errorf("factor %d has category %q, want technical", i+1, f.Category)
		}
		if !f.Anonymous() {
			t.Errorf("factor %d has author %q, want anonymous", i+1, f.Author)
		}
	}
	if f := d.Factors[0]; f.W != model.DefaultCardWidth || f.H != model.DefaultCardHeight {
		t.Errorf("default size %gx%g, want %dx%d", f.W, f.H, model.DefaultCardWidth, model.DefaultCardHeight)
	}
	if f := d.Factors[7]; f.W != 300 || f.H != 90 {
		t.Errorf("given size %gx%g, want 300x90", f.W, f.H)
	}
	if f := d.Factors[6]; f.X != 7 || f.Y == 0 {
		t.Errorf("factor 7 at %g,%g; want the given x 7 and a grid y", f.X, f.Y)
	}
	checkNoOverlap(t, append(d.Factors[:6:6], d.Factors[7]))
	for i, w := range d.WarningSigns {
		if w.Position != i || w.FactorID != 0 {
			t.Errorf("warning sign %d has position %d and factor %d", i+1, w.Position, w.FactorID)
		}
	}
}

func TestTimesToUTC(t *testing.T) {
	d := read(t, []byte(`{"format": "debrief", "version": 1, "debrief": {"title": "T",
		"happened_at": "2026-11-20T15:00:00.25+01:00", "changes": [{"what": "w", "check_back": "2026-12-10"}]}}`))
	want := time.Date(2026, 11, 20, 14, 0, 0, 250_000_000, time.UTC)
	if !d.Debrief.HappenedAt.Equal(want) || d.Debrief.HappenedAt.Location() != time.UTC {
		t.Errorf("happened_at %v, want %v", d.Debrief.HappenedAt, want)
	}
	out := string(write(t, d))
	for _, s := range []string{`"happened_at": "2026-11-20T14:00:00.25Z"`, `"check_back": "2026-12-10"`} {
		if !strings.Contains(out, s) {
			t.Errorf("export lacks %s:\n%s", s, out)
		}
	}
}

const head = `{"format": "debrief", "version": 1, "debrief": `

// readErrorCases are malformed files and what ReadJSON must say of them.
// They also seed FuzzReadJSON's corpus (fuzz_test.go).
var readErrorCases = []struct {
	name string
	in   string
	want []string // every one must appear in the error
}{
	{"empty", "  \n", []string{"empty"}},
	{"unknown top-level field", `{"format": "debrief", "version": 1, "author": "x", "debrief": {"title": "T"}}`,
		[]string{`unknown top-level field "author"`}},
	{"unknown field in debrief", head + `{"title": "T", "mood": "sad"}}`,
		[]string{`debrief: unknown field "mood"`}},
	{"unknown field in factor", head + `{"title": "T", "factors": [{}, {}, {"colour": "red"}]}}`,
		[]string{`debrief.factors[2]: unknown field "colour"`}},
	{"unknown field in reflections", head + `{"title": "T", "lesson": {"reflections": {"nags": "n", "regrets": "r"}}}}`,
		[]string{`debrief.lesson.reflections: unknown field "regrets"`}},
	{"field twice", head + `{"title": "T", "title": "U"}}`,
		[]string{"debrief.title", "twice"}},
	{"empty key twice", `{"": "", "": {}}`, []string{`[""]: the field appears twice`}},
	{"odd key twice", head + `{"title": "T", "a\nb": 1, "a\nb": 2}}`, []string{`debrief["a\nb"]: the field appears twice`}},
	{"newer version", `{"format": "debrief", "version": 2, "debrief": {"title": "T", "new": 1}}`,
		[]string{"version 2", "up to version 1", "update Debrief"}},
	{"version 0", `{"format": "debrief", "version": 0, "debrief": {"title": "T"}}`,
		[]string{"version", "0"}},
	{"fractional version", `{"format": "debrief", "version": 0.5, "debrief": {"title": "T"}}`,
		[]string{"version", "whole number"}},
	{"missing version", `{"format": "debrief", "debrief": {"title": "T"}}`,
		[]string{"version", "missing"}},
	{"other format", `{"format": "trello", "version": 1, "debrief": {"title": "T"}}`,
		[]string{"not a Debrief file", `"trello"`}},
	{"no format", `{"version": 1, "debrief": {"title": "T"}}`,
		[]string{"not a Debrief file", "format"}},
	{"array at top", `[1, 2]`, []string{"not a Debrief file", "array"}},
	{"no debrief", `{"format": "debrief", "version": 1}`, []string{"debrief", "missing"}},
	{"syntax error", "{\n  \"format\": \"debrief\",\n  \"version\": }",
		[]string{"line 3, column 14", "invalid character '}'"}},
	{"Latin-1 text", "{\n  \"format\": \"debrief\", \"version\": 1,\n  \"debrief\": {\"title\": \"Caf\xe9 outage\"}}",
		[]string{"line 3, column 28", "0xE9", "not UTF-8", "save the file as UTF-8"}},
	{"syntax error after UTF-8", "{\"format\": \"débrief—\" x}",
		[]string{"line 1, column 23"}},
	{"cut short", "{\n  \"format\": \"debrief\",\n  \"version\": 1,\n",
		[]string{"line 4, column 1", "ends"}},
	{"trailing data", head + `{"title": "T"}}` + "\n{}", []string{"line 2, column 1", "more after the end"}},
	{"x as string", head + `{"title": "T", "factors": [{"x": "12"}]}}`,
		[]string{"debrief.factors[0].x: want a number, got string"}},
	{"votes as float", head + `{"title": "T", "factors": [{"votes": 1.5}]}}`,
		[]string{"debrief.factors[0].votes: want a whole number"}},
	{"chosen as string", head + `{"title": "T", "changes": [{"what": "w", "chosen": "yes"}]}}`,
		[]string{"debrief.changes[0].chosen", "got string"}},
	{"null in array", head + `{"title": "T", "participants": ["A", null]}}`,
		[]string{"debrief.participants[1]", "null"}},
	{"huge number", head + `{"title": "T", "factors": [{"x": 1e999}]}}`,
		[]string{"debrief.factors[0].x", "too large"}},
	{"off-board coordinate", head + `{"title": "T", "factors": [{"x": 1e9}]}}`,
		[]string{"debrief.factors[0]", "x is"}},
	{"zero width", head + `{"title": "T", "factors": [{"w": 0}]}}`,
		[]string{"debrief.factors[0]", "size"}},
	{"unknown category", head + `{"title": "T", "factors": [{"category": "blame"}]}}`,
		[]string{"debrief.factors[0].category", `"blame"`, "went-well"}},
	{"unknown status", head + `{"title": "T", "status": "done"}}`,
		[]string{"debrief.status", `"done"`, "draft, reviewed or closed"}},
	{"unknown outcome", head + `{"title": "T", "changes": [{"what": "w", "outcome": "great"}]}}`,
		[]string{"debrief.changes[0].outcome", `"great"`, "kept, adjusted or dropped"}},
	{"dangling link", head + `{"title": "T", "factors": [{"key": "f1"}], "links": [{"from": "f1", "to": "f9"}]}}`,
		[]string{`debrief.links[0].to: no factor has key "f9"`}},
	{"link without to", head + `{"title": "T", "factors": [{"key": "f1"}], "links": [{"from": "f1"}]}}`,
		[]string{"debrief.links[0].to", "missing"}},
	{"self link", head + `{"title": "T", "factors": [{"key": "f1"}], "links": [{"from": "f1", "to": "f1"}]}}`,
		[]string{"debrief.links[0]", "itself"}},
	{"same link twice", head + `{"title": "T", "factors": [{"key": "a"}, {"key": "b"}], "links": [{"from": "a", "to": "b"}, {"from": "a", "to": "b", "label": "again"}]}}`,
		[]string{"debrief.links[1]", "debrief.links[0]"}},
	{"dangling warning sign", head + `{"title": "T", "lesson": {"warning_signs": [{"text": "w", "factor": "nope"}]}}}`,
		[]string{`debrief.lesson.warning_signs[0].factor: no factor has key "nope"`}},
	{"empty warning sign", head + `{"title": "T", "lesson": {"warning_signs": [{"text": ""}]}}}`,
		[]string{"debrief.lesson.warning_signs[0]", "text"}},
	{"dangling kudos", head + `{"title": "T", "kudos": [{"who": "Ana", "factor": "f2"}]}}`,
		[]string{`debrief.kudos[0].factor: no factor has key "f2"`}},
	{"kudos without who", head + `{"title": "T", "kudos": [{"for": "x"}]}}`,
		[]string{"debrief.kudos[0]", "name"}},
	{"duplicate key", head + `{"title": "T", "factors": [{"key": "a"}, {"key": "b"}, {"key": "a"}]}}`,
		[]string{"debrief.factors[2].key", `"a"`, "debrief.factors[0]"}},
	{"two chosen", head + `{"title": "T", "changes": [{"what": "a", "chosen": true}, {"what": "b"}, {"what": "c", "chosen": true}]}}`,
		[]string{"debrief.changes[2].chosen", "debrief.changes[0]", "only one"}},
	{"change without what", head + `{"title": "T", "changes": [{"owner": "Ana"}]}}`,
		[]string{"debrief.changes[0]", "what will change"}},
	{"bad date", head + `{"title": "T", "changes": [{"what": "a", "check_back": "10/12/2026"}]}}`,
		[]string{"debrief.changes[0].check_back", `"10/12/2026"`}},
	{"impossible date", head + `{"title": "T", "changes": [{"what": "a", "check_back": "2026-02-30"}]}}`,
		[]string{"debrief.changes[0].check_back", `"2026-02-30"`}},
	{"bad time", head + `{"title": "T", "happened_at": "yesterday at noon"}}`,
		[]string{"debrief.happened_at", `"yesterday at noon"`}},
	{"time without zone", head + `{"title": "T", "scheduled_at": "2026-11-20T14:00:00"}}`,
		[]string{"debrief.scheduled_at"}},
	{"negative factor votes", head + `{"title": "T", "factors": [{"votes": -1}]}}`,
		[]string{"debrief.factors[0].votes", "negative"}},
	{"negative change votes", head + `{"title": "T", "changes": [{"what": "a", "votes": -3}]}}`,
		[]string{"debrief.changes[0].votes", "negative"}},
	{"empty title", head + `{"title": "   "}}`, []string{"debrief.title", "empty"}},
	{"missing title", head + `{"summary": "s"}}`, []string{"debrief.title", "missing"}},
	{"long title", head + `{"title": "` + strings.Repeat("é", model.MaxTitle+1) + `"}}`,
		[]string{"debrief", "title is longer"}},
	{"zero timebox", head + `{"title": "T", "timebox_minutes": 0}}`,
		[]string{"debrief.timebox_minutes", "1 to 600"}},
	{"blank participant", head + `{"title": "T", "participants": ["Ana", " "]}}`,
		[]string{"debrief.participants[1]", "empty"}},
	{"blank author", head + `{"title": "T", "factors": [{"author": "  "}]}}`,
		[]string{"debrief.factors[0]", "author"}},
	{"deep nesting", head + `{"title": "T", "participants": ` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}}`,
		[]string{"line 1", "depth"}},
	{"debrief not an object", `{"format": "debrief", "version": 1, "debrief": "T"}`,
		[]string{"debrief: want an object, got string"}},
	{"template block not an object", `{"format": "debrief", "version": 1, "template": "Blank", "debrief": {"title": "T"}}`,
		[]string{"template: want an object, got string"}},
	{"unknown field in template block", `{"format": "debrief", "version": 1, "template": {"name": "N", "colour": "red"}, "debrief": {"title": "T"}}`,
		[]string{`template: unknown field "colour"`}},
	{"template name not a string", `{"format": "debrief", "version": 1, "template": {"name": 7}, "debrief": {"title": "T"}}`,
		[]string{"template.name: want a string, got number"}},
	{"template description not a string", `{"format": "debrief", "version": 1, "template": {"description": ["D"]}, "debrief": {"title": "T"}}`,
		[]string{"template.description: want a string, got array"}},
	{"template order not a number", `{"format": "debrief", "version": 1, "template": {"order": "2"}, "debrief": {"title": "T"}}`,
		[]string{"template.order: want a number, got string"}},
	{"template categories not an array", `{"format": "debrief", "version": 1, "template": {"categories": "people"}, "debrief": {"title": "T"}}`,
		[]string{"template.categories: want an array, got string"}},
	{"unknown template category", `{"format": "debrief", "version": 1, "template": {"categories": ["people", "mood"]}, "debrief": {"title": "T"}}`,
		[]string{"template.categories[1]", `unknown category "mood"`, "went-well"}},
	{"timeline not an array", head + `{"title": "T", "timeline": {"at": "14:30"}}}`,
		[]string{"debrief.timeline: want an array, got object"}},
	{"timeline event unknown field", head + `{"title": "T", "timeline": [{"at": "14:30", "text": "x", "when": "now"}]}}`,
		[]string{"debrief.timeline[0]", `unknown field "when"`}},
	{"timeline at not a time", head + `{"title": "T", "timeline": [{"at": "14:30", "text": "x"}, {"at": "half past two", "text": "y"}]}}`,
		[]string{"debrief.timeline[1].at", `"half past two"`, "14:30"}},
	{"timeline at missing", head + `{"title": "T", "timeline": [{"text": "y"}]}}`,
		[]string{"debrief.timeline[0].at"}},
	{"timeline text empty", head + `{"title": "T", "timeline": [{"at": "9:00", "text": " "}]}}`,
		[]string{"debrief.timeline[0]", "say what happened"}},
	{"timeline unknown kind", head + `{"title": "T", "timeline": [{"at": "9:00", "text": "x", "kind": "blamed"}]}}`,
		[]string{"debrief.timeline[0].kind", `"blamed"`, "started, noticed, tried or fixed"}},
	{"template prompt not a string", `{"format": "debrief", "version": 1, "template": {"prompts": ["P?", 3]}, "debrief": {"title": "T"}}`,
		[]string{"template.prompts[1]: want a string, got number"}},
}

func TestReadErrors(t *testing.T) {
	for _, tt := range readErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadJSON(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error; read %+v", d)
			}
			if d != nil {
				t.Error("a dossier was returned along with the error")
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "json: ") {
				t.Errorf("error %q has encoding/json jargon in it", err)
			}
		})
	}
}

// repeat is an endless reader of one byte.
type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestReadTooLarge(t *testing.T) {
	prefix := head + `{"title": "T", "summary": "`
	r := &countingReader{r: io.MultiReader(strings.NewReader(prefix), io.LimitReader(repeat('a'), 100<<20))}
	_, err := ReadJSON(r)
	if err == nil || !strings.Contains(err.Error(), "larger than 64 MB") {
		t.Fatalf("got %v, want an error saying the file is larger than 64 MB", err)
	}
	// Reading stops at the limit: the rest of the 100 MB stays unread.
	if r.n > MaxJSONSize+1 {
		t.Errorf("%d bytes were read; ReadJSON should stop after %d", r.n, MaxJSONSize+1)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// countingFile is a file that counts the bytes read from it.
type countingFile struct {
	*os.File
	n int64
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n += int64(n)
	return n, err
}

// TestReadTooLargeFileIsNotRead: a file whose size is over the limit is
// refused without reading it.
func TestReadTooLargeFileIsNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, []byte(head+`{"title": "T", "summary": "`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 100<<20); err != nil { // sparse: takes no room on disk
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cf := &countingFile{File: f}
	_, err = ReadJSON(cf)
	if err == nil || !strings.Contains(err.Error(), "larger than 64 MB") {
		t.Fatalf("got %v, want an error saying the file is larger than 64 MB", err)
	}
	if cf.n != 0 {
		t.Errorf("%d bytes were read from a file whose size says it is too large", cf.n)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestReadFailure(t *testing.T) {
	_, err := ReadJSON(failingReader{})
	if err == nil || !strings.Contains(err.Error(), "could not read") {
		t.Fatalf("got %v, want a read error", err)
	}
}

// TestExoticText checks that every string survives export and import byte
// for byte.
func TestExoticText(t *testing.T) {
	texts := []string{
		"emoji 🔥🧯👩🏽‍🔧 and flags 🇳🇴",
		"العربية من اليمين إلى اليسار",
		"עברית: הבדיקה נכשלה",
		"mixed ltr עברית rtl العربية 123",
		"combining: e\u0301 a\u0308 n\u0303 — and precomposed é ä ñ",
		"Zoë Łukasiewicz-Ødegård",
		"control \x01\x02\x1f\t\r\n and NUL \x00 and DEL \x7f",
		"json-ish \"quotes\" \\backslash\\ </script> <b>&amp;</b> \u2028\u2029",
		"  leading and trailing spaces  ",
		strings.Repeat("long card ✓ ", 100_000/12+1),
	}
	// The exotic strings every layer is tested with; the last is the
	// 100,000-character card of many scripts.
	for _, x := range modeltest.Exotic() {
		texts = append(texts, x.S)
	}
	long := texts[len(texts)-1]
	if n := len([]rune(long)); n < 100_000 {
		t.Fatalf("the long text has %d characters, want at least 100000", n)
	}
	d := &model.Dossier{
		Debrief: model.Debrief{
			Title: "Zoë Łukasiewicz-Ødegård — 🔥 עברית", Summary: strings.Join(texts[:len(texts)-1], "\n"),
			HappenedAt:     time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC),
			TimeboxMinutes: 25, Status: model.Closed, Template: "robotics",
			Participants: []string{"Zoë Łukasiewicz-Ødegård", "محمد", "שירה", "e\u0301milie"},
		},
		Lesson: model.Lesson{WhatLed: texts[0], WentWell: texts[1], Lucky: texts[6],
			Reflections: model.Reflections{Nags: texts[4], BlameOrCauses: texts[7], Safer: texts[8], Celebrate: long}},
	}
	for i, s := range texts {
		d.Factors = append(d.Factors, model.Factor{
			ID: int64(i + 1), Text: s, Category: model.Categories()[i%7],
			X: float64(i) * 10.5, Y: -3.25, W: 220, H: 120, Z: i, Author: texts[(i+5)%6], Votes: i,
		})
	}
	d.Links = []model.Link{{FromID: 1, ToID: 10, Label: texts[3]}}
	d.WarningSigns = []model.WarningSign{{Text: texts[6], FactorID: 7, Position: 0}, {Text: long, Position: 1}}
	d.Changes = []model.ProcessChange{{What: texts[2], Owner: "Zoë", Measure: texts[6], OutcomeNote: texts[0],
		Outcome: model.Adjusted, Chosen: true, CheckBack: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}}
	d.Kudos = []model.Kudos{{Who: "שירה", For: texts[7], FactorID: 10}}
	if err := d.Validate(); err != nil {
		t.Fatalf("the test dossier is not valid: %v", err)
	}

	out := write(t, d)
	got := read(t, out)
	if !reflect.DeepEqual(got, d) {
		for i := range d.Factors {
			if got.Factors[i].Text != d.Factors[i].Text {
				t.Errorf("factor %d text changed:\nwant %q\ngot  %q", i+1, d.Factors[i].Text, got.Factors[i].Text)
			}
		}
		t.Fatalf("the dossier changed in the round trip:\nwant %+v\ngot  %+v", d, got)
	}
	if again := write(t, got); !bytes.Equal(again, out) {
		t.Error("exporting the imported dossier gave different bytes")
	}
	if !strings.Contains(string(out), "</script>") || !strings.Contains(string(out), "Zoë") {
		t.Error("HTML characters or non-ASCII text were escaped; the export should stay readable")
	}
	// Control characters are escaped, so the file is text: the only one
	// left is the line feed between lines of the document.
	for i, c := range out {
		if c < 0x20 && c != '\n' {
			t.Fatalf("byte %d of the export is the control character %#x; JSON must escape it", i, c)
		}
	}
	for _, esc := range []string{`\u0000`, `\t`, `\r`, `\n`, `\u0001`, `\u001f`, `\u2028`} {
		if !strings.Contains(string(out), esc) {
			t.Errorf("the export has no %s", esc)
		}
	}

	// Every short exotic string as the title, a participant and an author.
	for _, x := range modeltest.Short() {
		d := &model.Dossier{
			Debrief: model.Debrief{Title: x.S, Summary: x.S, TimeboxMinutes: 10, Status: model.Draft, Participants: []string{x.S}},
			Factors: []model.Factor{{ID: 1, Text: x.S, Category: model.People, W: 220, H: 120, Author: x.S}},
			Kudos:   []model.Kudos{{Who: x.S, For: x.S, FactorID: 1}},
		}
		out := write(t, d)
		got := read(t, out)
		if !reflect.DeepEqual(got, d) {
			t.Errorf("%s: the dossier changed in the round trip: title %s, author %s", x.Name,
				modeltest.FirstDifference(got.Debrief.Title, x.S), modeltest.FirstDifference(got.Factors[0].Author, x.S))
		}
		if again := write(t, got); !bytes.Equal(again, out) {
			t.Errorf("%s: exporting the imported dossier gave different bytes", x.Name)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	base := func() *model.Dossier {
		return &model.Dossier{
			Debrief: model.NewDebrief("T"),
			Factors: []model.Factor{
				{ID: 10, Category: model.People, W: 1, H: 1},
				{ID: 20, Category: model.Process, W: 1, H: 1},
			},
		}
	}
	tests := []struct {
		name   string
		change func(d *model.Dossier)
		want   string
	}{
		{"link to a missing factor", func(d *model.Dossier) { d.Links = []model.Link{{FromID: 10, ToID: 30}} }, "link 1 refers to factor 30"},
		{"link without an end", func(d *model.Dossier) { d.Links = []model.Link{{FromID: 10}} }, "link 1 refers to factor 0"},
		{"warning sign to a missing factor", func(d *model.Dossier) { d.WarningSigns = []model.WarningSign{{Text: "w", FactorID: 5}} }, "warning sign 1 refers to factor 5"},
		{"kudos to a missing factor", func(d *model.Dossier) { d.Kudos = []model.Kudos{{Who: "A", FactorID: 7}} }, "kudos 1 refers to factor 7"},
		{"two factors with one ID", func(d *model.Dossier) { d.Factors[1].ID = 10 }, "factor 2 has id 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			tt.change(d)
			var buf bytes.Buffer
			err := WriteJSON(&buf, d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes were written despite the error", buf.Len())
			}
		})
	}
	if err := WriteJSON(io.Discard, nil); err == nil {
		t.Error("WriteJSON(nil) gave no error")
	}

	// References are written as the keys of the factors' positions.
	d := base()
	d.Links = []model.Link{{FromID: 20, ToID: 10}}
	d.Kudos = []model.Kudos{{Who: "A", FactorID: 20}}
	out := string(write(t, d))
	for _, s := range []string{`"from": "f2"`, `"to": "f1"`, `"factor": "f2"`} {
		if !strings.Contains(out, s) {
			t.Errorf("export lacks %s:\n%s", s, out)
		}
	}
}

// TestDocExample reads the example document in docs/format.md, so the
// documentation cannot drift from what Debrief accepts.
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/format.md has no ```json example")
	}
	d := read(t, []byte(example))
	if len(d.Factors) == 0 || len(d.Links) == 0 || len(d.Changes) == 0 || len(d.Kudos) == 0 || len(d.WarningSigns) == 0 || len(d.Timeline) == 0 {
		t.Errorf("the example should show every kind of part; read %+v", d)
	}
}

// TestJSONGroup: the group's name is written, read back trimmed, checked,
// and optional (a file without one reads with none).
func TestJSONGroup(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Regional")}
	d.Debrief.Group = "Robotics club"
	var b bytes.Buffer
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"group": "Robotics club"`) {
		t.Errorf("the file does not name the group:\n%s", b.String())
	}
	back, err := ReadJSON(&b)
	if err != nil || back.Debrief.Group != "Robotics club" {
		t.Fatalf("read back %q, %v", back.Debrief.Group, err)
	}
	for in, want := range map[string]string{
		`"group": "  Family  "`: "Family",
		`"title": "x"`:          "",
	} {
		doc := `{"format": "debrief", "version": 1, "debrief": {"title": "x", "status": "draft", "timebox_minutes": 10, ` + in + `}}`
		got, err := ReadJSON(strings.NewReader(doc))
		if in == `"title": "x"` { // a repeated key is refused: use the file without a group instead
			got, err = ReadJSON(strings.NewReader(`{"format": "debrief", "version": 1, "debrief": {"title": "x", "status": "draft", "timebox_minutes": 10}}`))
		}
		if err != nil || got.Debrief.Group != want {
			t.Errorf("%s: group %q, %v; want %q", in, got.Debrief.Group, err, want)
		}
	}
	for _, bad := range []string{`"a\nb"`, `"   "`, `"` + strings.Repeat("x", model.MaxGroupName+1) + `"`, `3`} {
		doc := `{"format": "debrief", "version": 1, "debrief": {"title": "x", "status": "draft", "timebox_minutes": 10, "group": ` + bad + `}}`
		if _, err := ReadJSON(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), "group") {
			t.Errorf("group %s: %v, want an error naming the group", bad, err)
		}
	}
}
