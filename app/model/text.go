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

// Shorten puts s on one line (OneLine) and cuts it to at most n
// characters, ending with … when cut: a card's text quoted in a list.
func Shorten(s string, n int) string {
	s = OneLine(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
