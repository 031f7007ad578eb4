package store

import (
	"database/sql/driver"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"modernc.org/sqlite"
)

// matchFunc is the SQL function the library search calls:
// debrief_match(text, needle) is 1 when text contains needle, where needle
// has already been through foldText. Registered once, for every connection
// the driver opens.
const matchFunc = "debrief_match"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(matchFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if containsFolded(textValue(args[0]), textValue(args[1])) {
			return int64(1), nil
		}
		return int64(0), nil
	})
}

func textValue(v driver.Value) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// foldText makes text comparable without regard to case: Unicode full case
// folding on the canonical decomposition, then recomposed (a canonical
// caseless match, as Unicode defines it), so "ÜBER" and "über", "STRASSE"
// and "straße", and an "é" typed as e + accent all compare alike.
func foldText(s string) string {
	if isASCII(s) {
		return asciiLower(s)
	}
	return norm.NFC.String(cases.Fold().String(norm.NFD.String(s)))
}

// containsFolded reports whether text contains needle, a foldText result.
// Text that is all ASCII, the usual case, is searched without folding a copy.
func containsFolded(text, needle string) bool {
	if needle == "" {
		return true
	}
	if isASCII(text) {
		return isASCII(needle) && asciiContainsFold(text, needle)
	}
	return strings.Contains(foldText(text), needle)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// asciiContainsFold reports whether text contains lower, which is
// lower-case ASCII, ignoring the case of text's letters.
func asciiContainsFold(text, lower string) bool {
	n := len(lower)
	first := lower[0]
	for i := 0; i+n <= len(text); i++ {
		if c := text[i]; c != first && c+('a'-'A') != first {
			continue
		}
		j := 0
		for j < n {
			c := text[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[j] {
				break
			}
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

// titleKey orders titles as a reader expects: without regard to case or
// accents ("Ärger" beside "Apfel", not after "Zebra").
func titleKey(s string) string {
	d := norm.NFD.String(cases.Fold().String(strings.TrimSpace(s)))
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, d)
}
