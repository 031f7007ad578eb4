package store_test

import (
	"fmt"
	"testing"

	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/export"
)

// The library must stay quick to search as it grows: 1,000 debriefs of 20
// cards each, a tenth of the cards with accented text (the slow path of
// the case folding). BenchmarkSearchLibraryAll, the unfiltered list, is
// the baseline the searches compare against.

func libraryOf(b *testing.B, debriefs, cards int) *store.DB {
	b.Helper()
	db := storetest.New(b)
	for i := range debriefs {
		d := export.Synthetic(cards, cards/3, int64(i))
		d.Debrief.Title = fmt.Sprintf("Debrief %d: the demo slipped", i)
		for j := range d.Factors {
			if j%10 == 0 {
				d.Factors[j].Text = "Zoë noticed the Überlast warning on the café router: " + d.Factors[j].Text
			}
		}
		if _, err := db.ImportDossier(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

func benchSearch(b *testing.B, query string, sort store.LibrarySort, want func(int) bool) {
	db := libraryOf(b, 1000, 20)
	for b.Loop() {
		list, err := db.SearchDebriefs(ctx, query, sort, store.AllGroups)
		if err != nil {
			b.Fatal(err)
		}
		if !want(len(list)) {
			b.Fatalf("search %q found %d", query, len(list))
		}
	}
}

func all(n int) bool  { return n == 1000 }
func none(n int) bool { return n == 0 }

// BenchmarkSearchLibraryAll is the baseline: every debrief, no search.
func BenchmarkSearchLibraryAll(b *testing.B) { benchSearch(b, "", store.NewestFirst, all) }

// BenchmarkSearchLibraryByTitle sorts everything by title.
func BenchmarkSearchLibraryByTitle(b *testing.B) { benchSearch(b, "", store.ByTitle, all) }

// BenchmarkSearchLibraryTitleHit finds every debrief by its title.
func BenchmarkSearchLibraryTitleHit(b *testing.B) { benchSearch(b, "DEMO", store.NewestFirst, all) }

// BenchmarkSearchLibraryMiss matches nothing, so reads every card: the worst case.
func BenchmarkSearchLibraryMiss(b *testing.B) { benchSearch(b, "quokka", store.NewestFirst, none) }

// BenchmarkSearchLibraryAccentMiss is the worst case with an accented query.
func BenchmarkSearchLibraryAccentMiss(b *testing.B) {
	benchSearch(b, "Überlastung", store.NewestFirst, none)
}

// BenchmarkSearchLibraryAccentHit finds an accented word in card text.
func BenchmarkSearchLibraryAccentHit(b *testing.B) {
	benchSearch(b, "ÜBERLAST", store.NewestFirst, all)
}
