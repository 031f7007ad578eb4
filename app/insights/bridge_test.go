package insights

import "github.com/debrief-app/debrief/app/model"

// What the benchmarks (package insights_test) need from inside: they
// build their group with export.Synthetic, and export imports insights,
// so they cannot be in this package.

// CorpusPhrasings are the test corpus's factors and changes.
func CorpusPhrasings() (factors []model.Factor, changes []string) {
	for _, cd := range corpus {
		for _, f := range cd.factors {
			factors = append(factors, model.Factor{Text: f.text, Category: f.cat})
		}
		changes = append(changes, cd.change.What)
	}
	return factors, changes
}

// ReadFactors folds, stems and vectorises every factor of ds, in English,
// and clusters nothing: the first part of Compute alone.
func ReadFactors(ds []*model.Dossier) {
	v := newVocab()
	for _, d := range ds {
		lex := lexiconFor("en")
		for _, f := range d.Factors {
			v.vectorOf(lex.tokens(f.Text))
		}
	}
}
