package model

import (
	"strings"
	"unicode"
)

// OneLine keeps text on one line, for a title in a list or a terminal:
// control characters (newlines, tabs, escape sequences) become spaces.
func OneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
