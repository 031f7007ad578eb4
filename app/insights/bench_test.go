package insights_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/export"
)

// benchGroup is a group of n synthetic debriefs of per factors each, one
// every three days: the cards of export.Synthetic (the vocabulary of
// post-mortems, from short phrases to sixty words), a third of them
// replaced by the corpus's phrasings with a few words around them (so
// themes recur in other words), two warning signs, a line of luck and a
// chosen change, most with an outcome.
func benchGroup(n, per int) []*model.Dossier {
	rng := rand.New(rand.NewPCG(22, 5000))
	phrasings, changes := insights.CorpusPhrasings()
	around := []string{"again", "on Friday", "during the demo", "for the third time", "before the match", "at the venue", "in the lab", ""}
	outcomes := []model.Outcome{model.Kept, model.Adjusted, model.Dropped, model.NoOutcome}
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	var out []*model.Dossier
	for i := range n {
		d := export.Synthetic(per, 0, int64(i))
		d.Kudos = nil
		d.Debrief.ID = int64(i + 1)
		d.Debrief.HappenedAt = start.AddDate(0, 0, 3*i)
		d.Debrief.ScheduledAt = d.Debrief.HappenedAt.Add(time.Duration(2+rng.IntN(96)) * time.Hour)
		d.Debrief.CreatedAt = d.Debrief.HappenedAt.Add(time.Hour)
		for k := range d.Factors {
			d.Factors[k].DebriefID = d.Debrief.ID
			if rng.IntN(3) == 0 {
				p := phrasings[rng.IntN(len(phrasings))]
				d.Factors[k].Text = p.Text + " " + around[rng.IntN(len(around))]
				d.Factors[k].Category = p.Category
			}
		}
		d.WarningSigns = []model.WarningSign{
			{ID: int64(2*i + 1), Text: "The warning light had been blinking for days"},
			{ID: int64(2*i + 2), Text: phrasings[rng.IntN(len(phrasings))].Text},
		}
		d.Lesson.Lucky = "A spare battery happened to be in the van"
		d.Lesson.WhatLed = phrasings[rng.IntN(len(phrasings))].Text + "\n" + phrasings[rng.IntN(len(phrasings))].Text
		d.Changes = []model.ProcessChange{{
			ID: int64(i + 1), What: changes[rng.IntN(len(changes))], Owner: "Ana", Chosen: true,
			CheckBack: d.Debrief.HappenedAt.AddDate(0, 1, 0), Outcome: outcomes[rng.IntN(len(outcomes))],
		}}
		out = append(out, d)
	}
	return out
}

var benchToday = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

// BenchmarkInsights200 is Compute on 200 debriefs of 25 factors: 5,000
// factors, 400 warning signs, 200 changes.
func BenchmarkInsights200(b *testing.B) {
	ds := benchGroup(200, 25)
	b.ReportAllocs()
	var r insights.Report
	for b.Loop() {
		r = insights.Compute(ds, benchToday)
	}
	b.ReportMetric(float64(len(r.Themes)), "themes")
	b.ReportMetric(float64(len(r.Held)), "recurrences")
}

// BenchmarkInsightsBaseline is the floor: the same 200 debriefs walked
// once, every shown factor counted by category and its text's length
// summed, nothing compared.
func BenchmarkInsightsBaseline(b *testing.B) {
	ds := benchGroup(200, 25)
	b.ReportAllocs()
	for b.Loop() {
		counts := map[model.Category]int{}
		n := 0
		for _, d := range ds {
			for _, f := range d.Shown().Factors {
				counts[f.Category]++
				n += len(f.Text)
			}
		}
		if n == 0 {
			b.Fatal("no text")
		}
	}
}

// BenchmarkInsightsRead is the first part of Compute alone: every text
// folded, stemmed and turned into a vector, no clustering.
func BenchmarkInsightsRead(b *testing.B) {
	ds := benchGroup(200, 25)
	b.ReportAllocs()
	for b.Loop() {
		insights.ReadFactors(ds)
	}
}

// BenchmarkRecurrences is Set the stage's question for the newest of the
// 200 debriefs.
func BenchmarkRecurrences(b *testing.B) {
	ds := benchGroup(200, 25)
	b.ReportAllocs()
	for b.Loop() {
		insights.Recurrences(ds, ds[len(ds)-1])
	}
}
