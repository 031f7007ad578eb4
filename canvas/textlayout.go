package canvas

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Card text sizes, in board units. Text starts at cardTextSize and shrinks
// down to minCardTextSize before the last line is cut with "…", so text
// never spills outside its card.
const (
	cardTextSize    = 15
	minCardTextSize = 9
	lineSpacing     = 1.3
)

// CardTextSize is the size of a card's text at 100 % (long text may be
// drawn smaller to fit its card).
const CardTextSize = cardTextSize

var textSizes = []float32{cardTextSize, 13, 11, 10, minCardTextSize}

// measureFunc gives the width of s drawn at size, in the same units as size.
type measureFunc func(s string, size float32) float32

// textLayout is a card's text broken into lines that fit its box.
type textLayout struct {
	lines     []string
	size      float32
	truncated bool
}

// layoutText wraps text into a box of width×height board units, shrinking
// the size as needed and cutting the end with "…" at the smallest size.
func layoutText(text string, width, height float32, measure measureFunc) textLayout {
	text = printable(text)
	for i, size := range textSizes {
		maxLines := int(height / (size * lineSpacing))
		if maxLines < 1 {
			maxLines = 1
		}
		lines, overflow := wrap(text, width, size, maxLines, measure)
		if !overflow {
			return textLayout{lines: lines, size: size}
		}
		if i == len(textSizes)-1 {
			lines = lines[:maxLines]
			lines[maxLines-1] = ellipsize(lines[maxLines-1], width, size, measure)
			return textLayout{lines: lines, size: size, truncated: true}
		}
	}
	return textLayout{}
}

// wrap breaks text at spaces (and inside words longer than a line), keeping
// the user's line breaks. It stops as soon as it has more than maxLines,
// so a 100,000-character card costs no more than what fits.
func wrap(text string, width, size float32, maxLines int, measure measureFunc) ([]string, bool) {
	var lines []string
	add := func(s string) bool {
		lines = append(lines, s)
		return len(lines) > maxLines
	}
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			candidate := word
			if line != "" {
				candidate = line + " " + word
			}
			if fits(candidate, width, size, measure) {
				line = candidate
				continue
			}
			if line != "" {
				if add(line) {
					return lines, true
				}
				line = ""
			}
			for !fits(word, width, size, measure) {
				n := fitRunes(word, width, size, measure)
				if add(word[:n]) {
					return lines, true
				}
				word = word[n:]
			}
			line = word
		}
		if add(line) {
			return lines, true
		}
	}
	for len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines, false
}

// maxLineBytes is more than any card line can hold: longer text is known
// not to fit without measuring it (measuring 100,000 characters is slow).
const maxLineBytes = 1024

func fits(s string, width, size float32, measure measureFunc) bool {
	return len(s) <= maxLineBytes && measure(s, size) <= width
}

// fitRunes is the byte length of the longest prefix of word (at least one
// rune) that fits in width.
func fitRunes(word string, width, size float32, measure measureFunc) int {
	n := 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		if n > 0 && measure(word[:next], size) > width {
			break
		}
		n = next
	}
	return n
}

func ellipsize(line string, width, size float32, measure measureFunc) string {
	for line != "" && measure(line+"…", size) > width {
		_, n := utf8.DecodeLastRuneInString(line)
		line = line[:len(line)-n]
	}
	return strings.TrimRightFunc(line, unicode.IsSpace) + "…"
}

// printable replaces control characters (NUL, escapes…) with spaces for
// drawing; the stored text keeps them byte for byte.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) < 0 && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == utf8.RuneError, unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

// initials are what a card shows for its author: "Zoë Łukasiewicz-Ødegård"
// gives "ZŁ".
func initials(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(words[0])
	if len(words) == 1 {
		return string(unicode.ToUpper(first))
	}
	last, _ := utf8.DecodeRuneInString(words[len(words)-1])
	return string(unicode.ToUpper(first)) + string(unicode.ToUpper(last))
}
