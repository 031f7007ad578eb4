package coach

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/assets"
)

// A typical card, about 200 characters, with one piece of blame language.
const card = "Three nights in a row we tested past 1 a.m. and the wiring check got " +
	"ticked as done earlier. Honestly, someone forgot to re-test the new connector " +
	"before power-on, and the controller burned out."

// The same card, told without blame.
const neutralCard = "Three nights in a row we tested past 1 a.m. and the wiring check got " +
	"ticked as done earlier. Nobody re-tested the new connector before power-on, " +
	"and the controller burned out: a fault in the harness."

// prose returns n bytes of card-like sentences: every test phrase, one in
// about three of them blame, shuffled.
func prose(n int) string {
	rng := rand.New(rand.NewPCG(3, 4))
	var sentences []string
	for _, p := range blamePhrases {
		sentences = append(sentences, p.text)
	}
	sentences = append(sentences, neutralPhrases...)
	sentences = append(sentences, neutralCard, neutralCard, neutralCard)
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(sentences[rng.IntN(len(sentences))])
		b.WriteString(" \n"[rng.IntN(2):][:1])
	}
	return b.String()[:n]
}

func benchmarkCheck(b *testing.B, text string, prefilter bool) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		std().check(text, prefilter)
	}
}

func BenchmarkCheckCard(b *testing.B)        { benchmarkCheck(b, card, true) }
func BenchmarkCheckCardNeutral(b *testing.B) { benchmarkCheck(b, neutralCard, true) }

// The baseline for the card: every rule on every sentence, no prefilter.
func BenchmarkCheckCardEveryRule(b *testing.B) { benchmarkCheck(b, card, false) }

// 200,000 characters at three sizes: time per byte stays flat if Check is
// linear.
func BenchmarkCheckProse(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"50K", 50_000}, {"100K", 100_000}, {"200K", 200_000}} {
		b.Run(size.name, func(b *testing.B) { benchmarkCheck(b, prose(size.n), true) })
	}
}

// The baseline for 200,000 characters: every rule on every sentence.
func BenchmarkCheckProse200KEveryRule(b *testing.B) { benchmarkCheck(b, prose(200_000), false) }

// debriefProse returns n bytes of a debrief as people write one: the
// sample debrief's own sentences, with a blame phrase in about one
// sentence in twenty.
func debriefProse(b *testing.B, n int) string {
	var doc struct{ Debrief json.RawMessage }
	if err := json.Unmarshal(assets.Sample(), &doc); err != nil {
		b.Fatal(err)
	}
	var sentences []string
	for _, s := range jsonStringsOf(doc.Debrief) {
		sentences = append(sentences, strings.SplitAfter(s, ". ")...)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	var out strings.Builder
	for out.Len() < n {
		if rng.IntN(20) == 0 {
			out.WriteString(blamePhrases[rng.IntN(len(blamePhrases))].text + " ")
		}
		out.WriteString(strings.TrimSpace(sentences[rng.IntN(len(sentences))]) + "\n"[:rng.IntN(2)] + " ")
	}
	return out.String()[:n]
}

// 200,000 characters of debrief prose, and its every-rule baseline.
func BenchmarkCheckDebrief200K(b *testing.B) { benchmarkCheck(b, debriefProse(b, 200_000), true) }
func BenchmarkCheckDebrief200KEveryRule(b *testing.B) {
	benchmarkCheck(b, debriefProse(b, 200_000), false)
}

// Hostile text of 200,000 bytes: no sentence ends, no spaces, random bytes.
func BenchmarkCheckHostile200K(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	random := make([]byte, 200_000)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	for _, c := range []struct{ name, text string }{
		{"one sentence", strings.Repeat("blame him ", 20_000)},
		{"no spaces", strings.Repeat("blame", 40_000)},
		{"one letter", strings.Repeat("a", 200_000)},
		{"random bytes", string(random)},
	} {
		b.Run(c.name, func(b *testing.B) { benchmarkCheck(b, c.text, true) })
	}
}
