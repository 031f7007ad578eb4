// Package assets holds Debrief's embedded resources: the sample debrief, the
// templates and the icon.
package assets

import (
	"embed"
)

//go:embed sample.json templates/*.json
var files embed.FS

// templateNames lists the templates in the order they are offered, with the
// title a person reads. The ID is the file name in templates/ without .json.
var templateNames = []struct{ id, name string }{
	{"blank", "Blank"},
	{"work-incident", "Work incident"},
	{"late-delivery", "Project delivered late"},
	{"failed-test", "Failed test / hardware"},
	{"robotics", "Robotics competition"},
	{"family-trip", "Family trip"},
}

// Template is a starting point for a new debrief, in the JSON interchange
// format (see docs/format.md).
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
}

// Sample returns the sample debrief in the JSON interchange format. Each call
// returns a fresh copy.
func Sample() []byte { return mustRead("sample.json") }

// Templates returns every template in the order they are offered: blank,
// work-incident, late-delivery, failed-test, robotics, family-trip. Each call
// returns fresh copies of the data.
func Templates() []Template {
	ts := make([]Template, 0, len(templateNames))
	for _, t := range templateNames {
		ts = append(ts, Template{ID: t.id, Name: t.name, Data: mustRead("templates/" + t.id + ".json")})
	}
	return ts
}

// TemplateName is the human title of the template with the given ID, or ""
// when there is no such template.
func TemplateName(id string) string {
	for _, t := range templateNames {
		if t.id == id {
			return t.name
		}
	}
	return ""
}

// mustRead reads an embedded file; a missing one is a build mistake.
func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return b
}
