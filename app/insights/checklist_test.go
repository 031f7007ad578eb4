package insights

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestBeforeYouStart(t *testing.T) {
	c := BeforeYouStart(build(corpus), "robotics")
	for _, it := range c.Items {
		t.Logf("%-10s %q %v", it.Kind, it.Text, it.Debriefs)
	}
	if len(c.Items) == 0 || len(c.Items) > MaxChecklistItems {
		t.Fatalf("%d items, want 1 to %d", len(c.Items), MaxChecklistItems)
	}
	if !slices.Equal(c.SameTemplate, []int64{1, 2, 3, 4, 6, 7}) || len(c.From) != 7 {
		t.Errorf("same template %v from %v", c.SameTemplate, c.From)
	}
	has := func(kind ChecklistKind, text string, ids []int64) {
		t.Helper()
		for _, it := range c.Items {
			if it.Kind == kind && (text == "" || it.Text == text) && (ids == nil || slices.Equal(sorted(it.Debriefs), ids)) {
				return
			}
		}
		t.Errorf("no %s item %q from %v", kind, text, ids)
	}
	has(KeepDoing, "A second person signs off each checklist step", []int64{1})
	has(KeepDoing, "Book the venue two weeks earlier", []int64{2})
	has(WatchFor, "", []int64{1, 3, 4, 6, 7})    // the checklist
	has(WatchFor, "", []int64{1, 2, 4, 5, 6, 7}) // fatigue
	has(WatchFor, "", []int64{2, 4})             // the warning light
	has(Remember, "The arm was never load-tested", []int64{4})
	seen := map[string]bool{}
	for i, it := range c.Items {
		if seen[it.Text] {
			t.Errorf("%q twice", it.Text)
		}
		seen[it.Text] = true
		if i > 0 && kindOrder(it.Kind) < kindOrder(c.Items[i-1].Kind) {
			t.Errorf("item %d (%s) after a %s", i, it.Kind, c.Items[i-1].Kind)
		}
	}
	if _, err := json.Marshal(c); err != nil {
		t.Fatal(err)
	}
}

// TestBeforeYouStartPrefersTemplate: for a family trip, the wiring quirk
// (in 3 debriefs, one of them the family trip D5) comes before the
// skipped checklist (in 5, none a trip), and the trip's lesson is
// remembered first.
func TestBeforeYouStartPrefersTemplate(t *testing.T) {
	c := BeforeYouStart(build(corpus), "family-trip")
	for _, it := range c.Items {
		t.Logf("%-10s %q %v", it.Kind, it.Text, it.Debriefs)
	}
	at := func(ids ...int64) int {
		return slices.IndexFunc(c.Items, func(it ChecklistItem) bool { return slices.Equal(sorted(it.Debriefs), ids) })
	}
	wiring, checklist := at(1, 3, 5), at(1, 3, 4, 6, 7)
	if wiring < 0 || checklist < 0 || wiring > checklist {
		t.Errorf("the wiring quirk is item %d, the checklist %d: want the trip's first", wiring, checklist)
	}
	first := slices.IndexFunc(c.Items, func(it ChecklistItem) bool { return it.Kind == Remember })
	if first < 0 || c.Items[first].Text != "Nobody looked at the forecast before we left." {
		t.Errorf("first lesson to remember: %d, want the trip's", first)
	}
}

func TestBeforeYouStartEmpty(t *testing.T) {
	c := BeforeYouStart(nil, "robotics")
	if len(c.Items) != 0 || c.Items == nil {
		t.Errorf("%+v: want an empty (not nil) list", c)
	}
}

func sorted(ids []int64) []int64 {
	s := slices.Clone(ids)
	slices.Sort(s)
	return s
}

func kindOrder(k ChecklistKind) int {
	return slices.Index([]ChecklistKind{KeepDoing, WatchFor, Remember}, k)
}
