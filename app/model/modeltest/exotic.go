// Package modeltest holds test data that the tests of several packages
// share: the exotic strings every layer must store byte for byte, draw
// without crashing or hanging, and export without loss.
package modeltest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text is one exotic string and a name for it in test output.
type Text struct {
	Name string
	S    string
}

// LongLen is how many characters Long has.
const LongLen = 100_000

// Exotic returns the exotic strings, the 100,000-character Long last. All
// are valid UTF-8 and none is blank, so each can be any text field of a
// debrief; Short lists those that also fit a name or a title.
func Exotic() []Text {
	return append(Short(), Text{"long", Long()})
}

// Short returns the exotic strings of at most 200 characters (model.MaxName),
// which fit every field: a title, an author, a participant.
func Short() []Text {
	return []Text{
		{"emoji", "emoji 🔥🧯 ZWJ 👩🏽‍🔧 👨‍👩‍👧‍👦 🏳️‍🌈 flags 🇳🇴🇯🇵🇧🇷 keycap 1️⃣ skin 👍🏿"},
		{"rtl", "العربية من اليمين إلى اليسار — עברית: הבדיקה נכשלה"},
		//lint:ignore ST1018 the string is meant to carry direction marks as they are typed
		{"bidi", "ltr then עברית rtl then العربية 123, back to ltr (build ‏42‎)"},
		{"combining", "decomposed e\u0301 a\u0308 n\u0303 o\u0302\u0323 and precomposed é ä ñ ộ"},
		{"zalgo", zalgo("Zalgo comes", 12)},
		{"controls", "tab\there cr\rhere lf\nhere crlf\r\nhere " + c0() + " DEL\x7f NEL\u0085 LS\u2028 PS\u2029 RLO\u202Ereversed\u202C end"},
		{"nul", "before\x00after, two\x00\x00NULs, and a NUL at the end\x00"},
		{"name", "Zoë Łukasiewicz-Ødegård"},
		{"markup", `"quotes" \backslash\ </script> <b>&amp;</b> *star* _under_ # hash [link](x) | pipe ` + "`tick`"},
		{"spaces", "  leading, trailing  \u00a0nbsp\u2003em\u3000ideographic  "},
		{"cjk", "故障 報告 日本語のテキスト 한국어 ภาษาไทย हिन्दी"},
		{"astral", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 rare 𠀀𪜀 and a music 𝄞"},
		{"invisible", "\ufeffBOM, zero\u200bwidth, joiner\u200d, non\u200cjoiner, soft\u00adhyphen, smile ☺\ufe0f, nonchars \ufffe\uffff, replacement \ufffd"},
	}
}

// Invalid returns strings that are not valid UTF-8: the model refuses them.
func Invalid() []Text {
	return []Text{
		{"stray byte", "bad \xff here"},
		{"cut rune", "cut \xe2\x82"},
		{"surrogate", "surrogate \xed\xa0\x80 half"},
		{"overlong", "overlong \xc0\xaf slash"},
	}
}

// c0 is every C0 control character but NUL, tab, LF and CR, which the
// other strings have.
func c0() string {
	var b strings.Builder
	for c := byte(1); c < 0x20; c++ {
		if c != '\t' && c != '\n' && c != '\r' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// zalgo puts n combining marks on every letter of s.
func zalgo(s string, n int) string {
	var b strings.Builder
	k := 0
	for _, r := range s {
		b.WriteRune(r)
		if r == ' ' {
			continue
		}
		for i := 0; i < n; i++ {
			b.WriteRune(rune(0x300 + (k*7+i*5)%0x70))
		}
		k++
	}
	return b.String()
}

// longWords are the words Long is made of: several scripts, emoji with
// joiners and flags, combining accents, and right-to-left text.
var longWords = []string{
	"incident", "Zoë", "Łukasiewicz-Ødegård", "故障", "报告", "日本語", "한국어", "ภาษาไทย", "हिन्दी",
	"Καλημέρα", "Съешь", "العربية", "עברית", "e\u0301te\u0301", "👩🏽‍🔧", "🇳🇴", "🔥", "𝔘𝔫𝔦", "naïve", "—",
}

// Long is a card of exactly LongLen characters: words of many scripts,
// with a line break now and then and a paragraph break now and again.
func Long() string {
	var b strings.Builder
	n := 0
	for i := 0; n < LongLen; i++ {
		w := longWords[(i*7+i/len(longWords))%len(longWords)]
		sep := " "
		switch {
		case i%97 == 96:
			sep = "\n\n"
		case i%13 == 12:
			sep = "\n"
		}
		for _, part := range []string{w, sep} {
			for _, r := range part {
				if n == LongLen {
					break
				}
				b.WriteRune(r)
				n++
			}
		}
	}
	s := b.String()
	if utf8.RuneCountInString(s) != LongLen {
		panic("modeltest: Long has the wrong length")
	}
	return s
}

// FirstDifference describes where got first differs from want, byte by
// byte, for a test's failure message ("" when they are equal).
func FirstDifference(got, want string) string {
	if got == want {
		return ""
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	at := func(s string) string {
		if i >= len(s) {
			return "the end"
		}
		return fmt.Sprintf("%+q", s[i:min(len(s), i+12)])
	}
	return fmt.Sprintf("first difference at byte %d: got %s, want %s (got %d bytes, want %d)", i, at(got), at(want), len(got), len(want))
}
