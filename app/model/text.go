package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

// Cut is the first n characters of s (all of it when shorter).
func Cut(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// Thousands writes n with a comma every three digits: 200,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ErrNotUTF8 is what every error about text that is not UTF-8 is
// (errors.Is). Such text cannot be exported without changing it (JSON and
// Markdown are UTF-8), so it is refused rather than stored.
var ErrNotUTF8 = errors.New("is not valid UTF-8 text")

// notUTF8 says which byte of s stops it being UTF-8 text; nil when it is.
// what names the field, as in "the card text".
func notUTF8(what, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	return fmt.Errorf("%s %w: byte %d (0x%02X) is not part of a character; was it written in another encoding?", what, ErrNotUTF8, i+1, s[i])
}
