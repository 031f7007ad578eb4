package insights

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// words splits s into lower-case words without accents: "Fatigué, the
// on-call's check-list" gives fatigue, the, on, calls, check, list.
// Apostrophes join ("didn't" is one word, didnt); every other character
// that is not a letter or a digit separates.
func words(s string) []string {
	if isASCII(s) {
		return wordsASCII(s)
	}
	s = foldAccents(s)
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			b.WriteRune(r)
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r == '\'' || r == '’':
			// joins: didn't, team's
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// wordsASCII is words for ASCII text, the usual case: each word is a
// slice of one lower-cased copy, not a string of its own.
func wordsASCII(s string) []string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	low := string(b)
	var out []string
	start := -1
	apostrophe := false
	flush := func(end int) {
		if start >= 0 {
			w := low[start:end]
			if apostrophe {
				w = strings.ReplaceAll(w, "'", "")
			}
			if w != "" {
				out = append(out, w)
			}
		}
		start, apostrophe = -1, false
	}
	for i := 0; i < len(low); i++ {
		c := low[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			if start < 0 {
				start = i
			}
		case c == '\'':
			apostrophe = true
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(low))
	return out
}

// foldAccents drops combining marks after canonical decomposition (é → e,
// ü → u) and spells out the letters that do not decompose (ß, æ, ø, œ, ł).
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'đ', 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stem strips the common inflections of lang from w, lightly: plurals,
// -ing, -ed, -ly, -ness and a final e in English (skipped, skipping, skips
// → skip; tired, tiredness → tir), and a few endings of French, German and
// Spanish. It only has to make variants of one word meet; the result need
// not be a word. Short words are left alone, so "is" and "bus" keep their s.
func stem(w string, lang string) string {
	if len(w) <= 3 {
		return w
	}
	switch lang {
	case "fr":
		w = cutSuffix(w, 4, "ements", "ement", "ees", "ee", "es", "s", "e")
	case "de":
		w = cutSuffix(w, 4, "ungen", "ung", "en", "er", "es", "e", "n", "s")
	case "es":
		w = cutSuffix(w, 4, "amiento", "aciones", "acion", "ados", "adas", "ado", "ada", "es", "os", "as", "s", "o", "a")
	default:
		w = stemEnglish(w)
	}
	return w
}

// stemEnglish is a light suffix stripper in the spirit of Porter's first
// step: enough for plural/singular and tense variants of one word.
func stemEnglish(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s") && len(w) > 3:
		w = w[:len(w)-1]
	}
	w = cutSuffix(w, 3, "ness", "ful", "ly")
	for _, suf := range []string{"ing", "ed"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 && hasVowel(w[:len(w)-len(suf)]) {
			w = w[:len(w)-len(suf)]
			// skipp → skip, forgott → forgot; but keep ll, ss (call, miss)
			if n := len(w); n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) && !isVowel(w[n-1]) {
				w = w[:n-1]
			}
			break
		}
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	if strings.HasSuffix(w, "y") && len(w) > 3 {
		w = w[:len(w)-1] + "i" // sleepy, sleepi(es) → sleepi
	}
	return w
}

// cutSuffix removes the first of sufs that ends w, if at least keep
// characters remain.
func cutSuffix(w string, keep int, sufs ...string) string {
	for _, s := range sufs {
		if strings.HasSuffix(w, s) && len(w)-len(s) >= keep {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }
