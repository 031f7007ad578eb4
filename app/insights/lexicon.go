package insights

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed synonyms.tsv
var synonymsTSV string

// Languages whose stop words, stems and synonyms the analysis knows.
var languages = []string{"en", "fr", "de", "es"}

// stopWords are the words that say nothing about what a factor is about;
// the negations are here too (no, not, never): "no checklist" and
// "checklist skipped" are one theme, whatever the grammar.
var stopWords = map[string]string{
	"en": `a about above after again against all also am an and any are as at be been before being below between both but by can
		could did didnt do does doesnt doing done down during each even every few for from further get gets got had hadnt has
		have having he her here hers him his how i if in into is isnt it its itself just let lot me more most much must my
		never no nobody none nor not nothing now of off on once one only or other our ours out over own same she should so
		some someone something still such than that the their them then there these they this those through to too two under
		until up us very was wasnt we were werent what when where which while who whom why will with would yet you your
		again because being got made make many really thing things went wont cant couldnt wouldnt shouldnt day days week`,
	"fr": `a au aux avec avons ce ces cette dans de des du elle en est et etait ete il ils je la le les leur mais ne nous on ou
		par pas plus pour qu que qui sa se ses son sont sur un une y trop tres`,
	"de": `am an auch auf aus bei bis das dass dem den der des die doch du ein eine einem einen einer es fur hat haben hatte ich
		im in ist ja kein keine man mit nach nicht noch nur oder sehr sich sie so um und uns von vor war waren wie wir wird
		wurde zu zum zur`,
	"es": `a al algo como con de del el en era es esta estaba este fue ha habia hay la las le lo los mas muy nada ni no nos o
		para pero por que se sin su sus tambien un una uno y ya`,
}

// lexicon is what one language needs to turn text into terms.
type lexicon struct {
	lang    string
	stop    map[string]bool   // the language's small words and English's
	own     map[string]bool   // the language's own small words only
	phrases map[string]string // stemmed words joined by spaces → concept
	starts  map[string]int    // first stem of a phrase → its most words
}

var (
	lexOnce  sync.Once
	lexicons map[string]*lexicon
)

// lexiconFor returns the lexicon of lang, English for a language it does
// not know.
func lexiconFor(lang string) *lexicon {
	lexOnce.Do(func() {
		var err error
		lexicons, err = loadLexicons(synonymsTSV)
		if err != nil {
			panic(err) // the embedded table is checked by TestSynonymTable
		}
	})
	if l, ok := lexicons[lang]; ok {
		return l
	}
	return lexicons["en"]
}

// loadLexicons reads the synonym table. Each language's lexicon has the
// English phrases too (stemmed as that language stems), under its own:
// technical English turns up in every language's debriefs.
func loadLexicons(tsv string) (map[string]*lexicon, error) {
	type entry struct{ lang, concept, phrase string }
	var entries []entry
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var cols []string
		for _, c := range strings.Split(line, "\t") {
			if c != "" {
				cols = append(cols, c)
			}
		}
		if len(cols) != 3 {
			return nil, fmt.Errorf("synonyms.tsv line %d: want language, concept and phrases separated by tabs", n+1)
		}
		if _, ok := stopWords[cols[0]]; !ok {
			return nil, fmt.Errorf("synonyms.tsv line %d: unknown language %q", n+1, cols[0])
		}
		for _, p := range strings.Split(cols[2], ",") {
			if p = strings.TrimSpace(p); p != "" {
				entries = append(entries, entry{cols[0], cols[1], p})
			}
		}
	}
	out := map[string]*lexicon{}
	for _, lang := range languages {
		l := &lexicon{lang: lang, stop: map[string]bool{}, own: map[string]bool{}, phrases: map[string]string{}, starts: map[string]int{}}
		for _, w := range strings.Fields(stopWords[lang]) {
			l.stop[w] = true
			l.own[w] = true
		}
		if lang != "en" {
			for _, w := range strings.Fields(stopWords["en"]) {
				l.stop[w] = true // English words in a French card are still small words
			}
		}
		// English first, so the language's own phrases win a clash.
		passes := []string{"en"}
		if lang != "en" {
			passes = append(passes, lang)
		}
		for _, pass := range passes {
			mine := map[string]string{}
			for _, e := range entries {
				if e.lang != pass {
					continue
				}
				ws := words(e.phrase)
				if len(ws) == 0 {
					return nil, fmt.Errorf("synonyms.tsv: %s phrase %q has no words", e.lang, e.phrase)
				}
				for i := range ws {
					ws[i] = stem(ws[i], lang)
				}
				key := strings.Join(ws, " ")
				if old, ok := mine[key]; ok && old != e.concept {
					return nil, fmt.Errorf("synonyms.tsv: %s %q is both %s and %s", e.lang, e.phrase, old, e.concept)
				}
				mine[key] = e.concept
				l.phrases[key] = e.concept
				l.starts[ws[0]] = max(l.starts[ws[0]], len(ws))
			}
		}
		out[lang] = l
	}
	return out, nil
}

// languageSample is how many words language reads: plenty to tell four
// languages apart by their small words.
const languageSample = 400

// language guesses which language a debrief is written in from how many of
// each language's small words its text has (in its first languageSample
// words); English unless another has more.
func language(texts ...string) string {
	counts := map[string]int{}
	n := 0
	for _, t := range texts {
		if n >= languageSample {
			break
		}
		for _, w := range words(t) {
			n++
			for _, lang := range languages {
				if lexiconFor(lang).own[w] {
					counts[lang]++
				}
			}
		}
	}
	best := "en"
	for _, lang := range languages[1:] {
		if counts[lang] > counts[best] && counts[lang] >= 2 {
			best = lang
		}
	}
	return best
}
