package model

import (
	"fmt"
	"image/color"
)

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
	label, short string
	colour       color.NRGBA
}{
	// Colours are the Okabe–Ito palette, which stays distinct for the
	// common forms of colour blindness. Category never depends on colour
	// alone: every card also shows its Short label.
	Technical: {"Technical", "TECH", rgb(0x0072B2)},                // blue
	People:    {"People & communication", "PEOPLE", rgb(0xE69F00)}, // orange
	Process:   {"Process", "PROCESS", rgb(0x009E73)},               // bluish green
	Context:   {"Context & pressure", "CONTEXT", rgb(0xCC79A7)},    // reddish purple
	Warning:   {"Warning sign", "WARNING", rgb(0xD55E00)},          // vermillion
	WentWell:  {"Went well", "WENT WELL", rgb(0x56B4E9)},           // sky blue
	Lucky:     {"Lucky", "LUCKY", rgb(0xF0E442)},                   // yellow
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
	v := c.RGB()
	return fmt.Sprintf("#%02X%02X%02X", v.R, v.G, v.B)
}

// RGB is the category's Okabe–Ito colour; an unknown category is mid grey.
func (c Category) RGB() color.NRGBA {
	if i, ok := categoryInfo[c]; ok {
		return i.colour
	}
	return rgb(0x999999)
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
