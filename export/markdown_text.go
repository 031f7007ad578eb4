package export

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text made safe for Markdown: cleaned of control characters, escaped so
// that it cannot change the document's structure, put on one line or
// shortened without splitting a character.

// mdClean makes CR LF and CR into LF and replaces the other C0 controls
// except tab, and bytes that are not UTF-8, with U+FFFD.
func mdClean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if utf8.ValidString(s) && !strings.ContainsFunc(s, mdBadControl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte comes out as utf8.RuneError
		if mdBadControl(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

func mdBadControl(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }

// mdOneLine cleans s and puts it on one line: line breaks and tabs become
// spaces, runs of spaces one space, and spaces at either end go.
func mdOneLine(s string) string {
	s = mdClean(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == '\n' || r == '\t' || r == ' ' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// mdShort is the start of s on one line, about n characters long, cut at a
// space when there is one in the last half and ending in "…" when cut. It
// never splits a character from its combining marks or an emoji sequence.
func mdShort(s string, n int) string {
	s = mdOneLine(s)
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := -1
	for i := n; i > n/2; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	if cut < 0 {
		cut = n
		for cut > 1 && mdJoins(rs, cut) {
			cut--
		}
	}
	head := strings.TrimRight(string(rs[:cut]), " ,;:.—–-")
	if head == "" {
		head = string(rs[:cut])
	}
	return head + "…"
}

// mdJoins reports whether rs[i] belongs to the same character as rs[i-1].
func mdJoins(rs []rune, i int) bool {
	r, prev := rs[i], rs[i-1]
	switch {
	case unicode.Is(unicode.M, r), r == '\u200D', prev == '\u200D',
		r >= 0x1F3FB && r <= 0x1F3FF, // skin tones
		r >= 0xE0020 && r <= 0xE007F: // tag sequences
		return true
	case mdRegional(r):
		n := 0 // a flag is a pair of regional indicators
		for j := i - 1; j >= 0 && mdRegional(rs[j]); j-- {
			n++
		}
		return n%2 == 1
	}
	return false
}

func mdRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// mdEntity is what CommonMark would read as an entity or character reference.
var mdEntity = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// mdInline escapes the characters that mean something inside a line.
func mdInline(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ { // all the specials are ASCII
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '$':
			b.WriteByte('\\')
		case '&':
			if mdEntity.MatchString(s[i:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdLineStart escapes what would start a block at the beginning of a line.
// s is already escaped by mdInline, and has no space at either end.
func mdLineStart(s string) string {
	if s == "" {
		return s
	}
	blankAfter := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' }
	switch c := s[0]; {
	case c == '#':
		i := strings.IndexFunc(s, func(r rune) bool { return r != '#' })
		if i < 0 || blankAfter(i) {
			return `\` + s
		}
	case c == '-':
		if blankAfter(1) || s[1] == '-' {
			return `\` + s
		}
	case c == '+':
		if blankAfter(1) {
			return `\` + s
		}
	case c == '=':
		if strings.Trim(s, "=") == "" {
			return `\` + s
		}
	case c >= '0' && c <= '9':
		i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if i > 0 && (s[i] == '.' || s[i] == ')') && blankAfter(i+1) {
			return s[:i] + `\` + s[i:]
		}
	}
	return s
}

// mdHeading escapes text for a heading: inline, and every # so that none
// is taken for a closing sequence.
func mdHeading(s string) string {
	return strings.ReplaceAll(mdInline(s), "#", `\#`)
}

// mdBlock turns text into the lines of a paragraph or list item: each line
// trimmed and escaped, a hard break (a backslash) at the end of a line that
// the next one follows, and one "" between paragraphs. Empty text gives no
// lines.
func mdBlock(s string) []string {
	var out []string
	blank := false
	for _, l := range strings.Split(mdClean(s), "\n") {
		l = strings.Trim(l, " \t")
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if len(out) > 0 {
			if blank {
				out = append(out, "")
			} else {
				out[len(out)-1] += `\`
			}
		}
		blank = false
		out = append(out, mdLineStart(mdInline(l)))
	}
	return out
}
