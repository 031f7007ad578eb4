package model

import "fmt"

// Category says what kind of contributing factor a card is.
type Category string

// The categories a factor can have, in the order they are shown.
const (
	Technical Category = "technical"
	People    Category = "people"
	Process   Category = "process"
	Context   Category = "context"
	Warning   Category = "warning"
	WentWell  Category = "went-well"
	Lucky     Category = "lucky"
)

var categoryInfo = map[Category]struct {
	label, short, colour string
}{
	// Colours are the Okabe–Ito palette, which stays distinct for the
	// common forms of colour blindness. Category never depends on colour
	// alone: every card also shows its Short label.
	Technical: {"Technical", "TECH", "#0072B2"},                // blue
	People:    {"People & communication", "PEOPLE", "#E69F00"}, // orange
	Process:   {"Process", "PROCESS", "#009E73"},               // bluish green
	Context:   {"Context & pressure", "CONTEXT", "#CC79A7"},    // reddish purple
	Warning:   {"Warning sign", "WARNING", "#D55E00"},          // vermillion
	WentWell:  {"Went well", "WENT WELL", "#56B4E9"},           // sky blue
	Lucky:     {"Lucky", "LUCKY", "#F0E442"},                   // yellow
}

// Categories lists every category in display order.
func Categories() []Category {
	return []Category{Technical, People, Process, Context, Warning, WentWell, Lucky}
}

// ParseCategory turns a stored or imported name into a Category.
func ParseCategory(s string) (Category, error) {
	c := Category(s)
	if !c.Valid() {
		return "", fmt.Errorf("unknown category %q (want one of technical, people, process, context, warning, went-well, lucky)", s)
	}
	return c, nil
}

// Valid reports whether c is one of the known categories.
func (c Category) Valid() bool {
	_, ok := categoryInfo[c]
	return ok
}

// Label is the name a person reads, such as "People & communication".
func (c Category) Label() string {
	if i, ok := categoryInfo[c]; ok {
		return i.label
	}
	return string(c)
}

// Short is the small upper-case tag drawn on a card.
func (c Category) Short() string {
	if i, ok := categoryInfo[c]; ok {
		return i.short
	}
	return string(c)
}

// Colour is the category's Okabe–Ito colour as "#RRGGBB".
func (c Category) Colour() string {
	if i, ok := categoryInfo[c]; ok {
		return i.colour
	}
	return "#999999"
}
