package insights

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// How much each kind of term weighs in a text's vector. A concept from the
// synonym table is a word somebody chose to mean the thing, so it counts
// for more than a plain stem; a pair of neighbouring terms (in either
// order) rewards two texts that say the same two things together, without
// punishing a different word order much.
const (
	weightConcept = 2.0
	weightStem    = 1.0
	weightPair    = 0.5
	weightAction  = 1.0
)

// actionConcepts say what happened to something (it was skipped, it was
// ignored) rather than what it was: "missed the ferry" and "skipped the
// checklist" share one, and are not one theme. They weigh as a plain word.
var actionConcepts = map[string]bool{"=omitted": true, "=ignored": true}

// token is one term of a text: a concept ("=fatigue") or a stem ("harn"),
// with the word it was read from, for a theme's label.
type token struct {
	key, surface string
}

// tokens reads text as l's language: words folded, phrases of the synonym
// table turned into their concept (longest first), small words dropped,
// the rest stemmed.
func (l *lexicon) tokens(text string) []token {
	ws := words(text)
	st := make([]string, len(ws))
	for i, w := range ws {
		st[i] = stem(w, l.lang)
	}
	var out []token
next:
	for i := 0; i < len(ws); {
		if n := l.starts[st[i]]; n > 0 {
			for k := min(n, len(ws)-i); k >= 1; k-- {
				if c, ok := l.phrases[strings.Join(st[i:i+k], " ")]; ok {
					out = append(out, token{"=" + c, c})
					i += k
					continue next
				}
			}
		}
		if !l.stop[ws[i]] && len(ws[i]) > 1 && !allDigits(ws[i]) {
			out = append(out, token{st[i], ws[i]})
		}
		i++
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// vocab numbers the terms of one computation, so that vectors compare as
// sorted integer lists. A pair of terms is numbered from its two terms'
// numbers, without a string of its own.
type vocab struct {
	ids   map[string]uint32
	pairs map[uint64]uint32
	n     uint32
}

func newVocab() *vocab { return &vocab{ids: map[string]uint32{}, pairs: map[uint64]uint32{}} }

func (v *vocab) id(s string) uint32 {
	if id, ok := v.ids[s]; ok {
		return id
	}
	v.n++
	v.ids[s] = v.n
	return v.n
}

func (v *vocab) pair(a, b uint32) uint32 {
	if a > b {
		a, b = b, a
	}
	k := uint64(a)<<32 | uint64(b)
	if id, ok := v.pairs[k]; ok {
		return id
	}
	v.n++
	v.pairs[k] = v.n
	return v.n
}

// term is one weighted dimension of a vector.
type term struct {
	id uint32
	w  float32
}

// vector is a text as unit-length weights over term IDs, sorted by ID.
type vector []term

// vectorOf turns tokens into a vector: each distinct term once, with its
// weight, and each unordered pair of neighbouring terms.
func (v *vocab) vectorOf(toks []token) vector {
	out := make(vector, 0, 2*len(toks))
	var prev uint32
	for i, t := range toks {
		w := float32(weightStem)
		switch {
		case actionConcepts[t.key]:
			w = weightAction
		case t.key[0] == '=':
			w = weightConcept
		}
		id := v.id(t.key)
		out = append(out, term{id, w})
		if i > 0 && prev != id {
			out = append(out, term{v.pair(prev, id), weightPair})
		}
		prev = id
	}
	// Sort, and keep each term once (with its highest weight).
	slices.SortFunc(out, func(a, b term) int { return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(b.w, a.w)) })
	out = slices.CompactFunc(out, func(a, b term) bool { return a.id == b.id })
	var norm float64
	for _, t := range out {
		norm += float64(t.w) * float64(t.w)
	}
	if norm > 0 {
		n := float32(1 / math.Sqrt(norm))
		for i := range out {
			out[i].w *= n
		}
	}
	return out
}

// cosine is the cosine similarity of two unit vectors: 1 for the same
// terms, 0 for none in common.
func cosine(a, b vector) float64 {
	var s float32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return float64(s)
}

// key is a vector's identity: texts that read the same share one.
func (vec vector) key() string {
	b := make([]byte, 0, 4*len(vec))
	for _, t := range vec {
		b = append(b, byte(t.id>>24), byte(t.id>>16), byte(t.id>>8), byte(t.id))
	}
	return string(b)
}
