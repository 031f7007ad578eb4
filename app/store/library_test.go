package store_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// at sets db's clock to storetest.Clock plus d, for what is created next.
func at(db *store.DB, d time.Duration) {
	db.SetClock(func() time.Time { return storetest.Clock.Add(d) })
}

// mustImport stores a debrief titled title with a card for each text.
func mustImport(t *testing.T, db *store.DB, title string, cards ...string) int64 {
	t.Helper()
	d := &model.Dossier{Debrief: model.NewDebrief(title)}
	for i, text := range cards {
		d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: text, Category: model.Technical, W: 220, H: 120})
	}
	id, err := db.ImportDossier(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func titles(list []store.DebriefSummary) []string {
	var ts []string
	for _, d := range list {
		ts = append(ts, d.Title)
	}
	return ts
}

func TestSearchDebriefs(t *testing.T) {
	db := storetest.New(t)
	mustImport(t, db, "Rover bench test browned out", "Skipped the checklist item", "Late-night fatigue")
	mustImport(t, db, "Überlastung im Lager", "Niemand hat die STRASSE gesperrt")
	mustImport(t, db, "Camping trip", "Tent poles left at home", "Cafe\u0301 closed early") // é typed as e + accent
	mustImport(t, db, "Launch slipped 100%", "ÉQUIPE was short-handed")
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"Launch slipped 100%", "Camping trip", "Überlastung im Lager", "Rover bench test browned out"}},
		{"   ", []string{"Launch slipped 100%", "Camping trip", "Überlastung im Lager", "Rover bench test browned out"}},
		{"rover", []string{"Rover bench test browned out"}},
		{"  BENCH TEST ", []string{"Rover bench test browned out"}},
		{"checklist", []string{"Rover bench test browned out"}}, // a card's text
		{"FATIGUE", []string{"Rover bench test browned out"}},   // a card's text, other case
		{"überlastung", []string{"Überlastung im Lager"}},       // Ü in the title, ü typed
		{"ÜBERLASTUNG", []string{"Überlastung im Lager"}},       // and the other way round
		{"straße", []string{"Überlastung im Lager"}},            // full case folding: ß is ss
		{"café", []string{"Camping trip"}},                      // é typed whole finds e + accent
		{"équipe", []string{"Launch slipped 100%"}},             // É on a card, é typed
		{"100%", []string{"Launch slipped 100%"}},               // no LIKE wildcards
		{"e", []string{"Launch slipped 100%", "Camping trip", "Überlastung im Lager", "Rover bench test browned out"}},
		{"tent poles", []string{"Camping trip"}},
		{"poles tent", nil}, // the query is one phrase
		{"xyz", nil},
		{"%", []string{"Launch slipped 100%"}},
		{"_", nil},
	}
	for _, tt := range tests {
		got, err := db.SearchDebriefs(ctx, tt.query, store.NewestFirst, store.AllGroups)
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		if !slices.Equal(titles(got), tt.want) {
			t.Errorf("search %q = %q, want %q", tt.query, titles(got), tt.want)
		}
	}
	got, _ := db.SearchDebriefs(ctx, "rover", store.NewestFirst, store.AllGroups)
	if len(got) != 1 || got[0].Factors != 2 || got[0].Status != model.Draft || got[0].Match != "" {
		t.Errorf("a found debrief lacks its card count or fields, or names a card when its title matched: %+v", got)
	}
	// Found by a card: the card's words, around the match, say why.
	got, _ = db.SearchDebriefs(ctx, "FATIGUE", store.NewestFirst, store.AllGroups)
	if len(got) != 1 || got[0].Match != "Late-night fatigue" {
		t.Errorf("found by a card, the match reads %+v; want that card's text", got)
	}
	mustImport(t, db, "Long card", strings.Repeat("word ", 40)+"needle in the haystack "+strings.Repeat("more ", 40))
	got, _ = db.SearchDebriefs(ctx, "needle", store.NewestFirst, store.AllGroups)
	if len(got) != 1 || !strings.HasPrefix(got[0].Match, "…") || !strings.Contains(got[0].Match, "needle in the haystack") || !strings.HasSuffix(got[0].Match, "…") {
		t.Errorf("a long card's match reads %q; want the words around it, cut at both ends", got[0].Match)
	}
	if n, err := db.CountDebriefs(ctx, store.AllGroups); err != nil || n != 5 {
		t.Errorf("CountDebriefs = %d, %v; want 5", n, err)
	}
}

func TestSearchDebriefsSorts(t *testing.T) {
	db := storetest.New(t)
	add := func(title string, created time.Duration, happened time.Time, status model.Status) {
		at(db, created)
		d := model.NewDebrief(title)
		d.HappenedAt, d.Status = happened, status
		if err := db.CreateDebrief(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	// Started in this order, an hour apart; "ärger" happened long before it was written up.
	add("banana", 0, time.Time{}, model.Closed)
	add("Apple", time.Hour, time.Time{}, model.Reviewed)
	add("ärger", 2*time.Hour, storetest.Clock.Add(-24*time.Hour), model.Draft)
	add("Zebra", 3*time.Hour, time.Time{}, model.Draft)
	add("apple", 3*time.Hour, time.Time{}, model.Closed) // started at the same moment as Zebra, but later
	add("Clock", 1500*time.Millisecond, time.Time{}, model.Reviewed)
	tests := []struct {
		sort store.LibrarySort
		want []string
	}{
		{store.NewestFirst, []string{"apple", "Zebra", "Apple", "Clock", "banana", "ärger"}},
		{store.OldestFirst, []string{"ärger", "banana", "Clock", "Apple", "Zebra", "apple"}},
		{store.ByTitle, []string{"Apple", "apple", "ärger", "banana", "Clock", "Zebra"}},
		{store.ByStatus, []string{"Zebra", "ärger", "Apple", "Clock", "apple", "banana"}},
		{store.LibrarySort(42), []string{"apple", "Zebra", "Apple", "Clock", "banana", "ärger"}},
	}
	for _, tt := range tests {
		got, err := db.SearchDebriefs(ctx, "", tt.sort, store.AllGroups)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(titles(got), tt.want) {
			t.Errorf("%s: %q, want %q", tt.sort.Label(), titles(got), tt.want)
		}
	}
	for _, s := range store.LibrarySorts {
		if s.Label() == "" {
			t.Errorf("sort %d has no label", s)
		}
	}
}

// richDossier stores a debrief with something in every part (richInput)
// and returns it as loaded.
func richDossier(t *testing.T, db *store.DB) *model.Dossier {
	t.Helper()
	id, err := db.ImportDossier(ctx, richInput())
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// richInput is a debrief with something in every part, to import.
func richInput() *model.Dossier {
	return &model.Dossier{
		Debrief: model.Debrief{
			Title: "Rover bench test", Summary: "Browned out on power-on.", TimeboxMinutes: 15, Template: "failed-test",
			Status: model.Reviewed, Participants: []string{"Zoë Łukasiewicz-Ødegård", "Ben"},
			HappenedAt:  time.Date(2026, 11, 18, 23, 40, 0, 0, time.UTC),
			ScheduledAt: time.Date(2026, 11, 19, 9, 30, 0, 0, time.UTC),
		},
		Factors: []model.Factor{
			{ID: 1, Text: "Skipped the checklist item", Category: model.Process, X: 40, Y: 40, W: 220, H: 120, Votes: 3},
			{ID: 2, Text: "Nobody flagged the wiring quirk", Category: model.Warning, X: 300, Y: 40, W: 240, H: 150, Z: 1, Author: "Ana"},
			{ID: 3, Text: "Backup battery was charged", Category: model.Lucky, X: -80.5, Y: 400.25, W: 220, H: 120, Z: 2},
		},
		Links:        []model.Link{{FromID: 1, ToID: 2, Label: "hid"}, {FromID: 2, ToID: 3}},
		Lesson:       model.Lesson{WhatLed: "Rushing.", WentWell: "We stopped.", Reflections: model.Reflections{Safer: "Say it early."}},
		WarningSigns: []model.WarningSign{{Text: "The smell", FactorID: 2, Position: 0}, {Text: "Flicker", Position: 1}},
		Changes: []model.ProcessChange{
			{What: "Sign off each step", Owner: "Ana", CheckBack: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC), Measure: "No skipped steps", Votes: 4, Chosen: true, Outcome: model.Kept, OutcomeNote: "It stuck."},
			{What: "Buy a second supply", Votes: 1},
		},
		Kudos: []model.Kudos{{Who: "Ben", For: "Admitted the skipped step", FactorID: 1}, {Who: "Ana", For: "Asked"}},
	}
}

// content is a dossier without its IDs: references to cards become the
// card's place in the list, so two dossiers compare by what they say.
func content(d *model.Dossier) model.Dossier {
	c := model.Dossier{Debrief: d.Debrief, Lesson: d.Lesson}
	c.Debrief.ID, c.Debrief.CreatedAt, c.Debrief.UpdatedAt = 0, time.Time{}, time.Time{}
	c.Lesson.DebriefID = 0
	place := map[int64]int64{}
	for i, f := range d.Factors {
		place[f.ID] = int64(i + 1)
		f.ID, f.DebriefID = 0, 0
		c.Factors = append(c.Factors, f)
	}
	for _, l := range d.Links {
		l.ID, l.DebriefID, l.FromID, l.ToID = 0, 0, place[l.FromID], place[l.ToID]
		c.Links = append(c.Links, l)
	}
	for _, w := range d.WarningSigns {
		w.ID, w.DebriefID, w.FactorID = 0, 0, place[w.FactorID]
		c.WarningSigns = append(c.WarningSigns, w)
	}
	for _, ch := range d.Changes {
		ch.ID, ch.DebriefID = 0, 0
		c.Changes = append(c.Changes, ch)
	}
	for _, k := range d.Kudos {
		k.ID, k.DebriefID, k.FactorID = 0, 0, place[k.FactorID]
		c.Kudos = append(c.Kudos, k)
	}
	for _, e := range d.Timeline {
		e.ID, e.DebriefID = 0, 0
		c.Timeline = append(c.Timeline, e)
	}
	return c
}

func TestDuplicateDebrief(t *testing.T) {
	db := storetest.New(t)
	orig := richDossier(t, db)
	at(db, time.Hour)
	id, err := db.DuplicateDebrief(ctx, orig.Debrief.ID)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := content(orig)
	want.Debrief.Title = "Rover bench test (copy)"
	want.Debrief.Status = model.Draft
	for i := range want.Changes {
		want.Changes[i].Outcome, want.Changes[i].OutcomeNote = model.NoOutcome, ""
	}
	if got := content(cp); !reflect.DeepEqual(got, want) {
		t.Errorf("copy\n%+v\nwant\n%+v", got, want)
	}
	if !cp.Debrief.CreatedAt.Equal(storetest.Clock.Add(time.Hour)) {
		t.Errorf("the copy was started %v, want now", cp.Debrief.CreatedAt)
	}
	// Every reference points at the copy's own cards.
	mine := map[int64]bool{}
	for i, f := range cp.Factors {
		if f.ID == orig.Factors[i].ID || f.DebriefID != id {
			t.Errorf("card %d was not copied: %+v", i, f)
		}
		mine[f.ID] = true
	}
	for _, l := range cp.Links {
		if !mine[l.FromID] || !mine[l.ToID] || l.DebriefID != id {
			t.Errorf("link %+v points outside the copy", l)
		}
	}
	if !mine[cp.WarningSigns[0].FactorID] || !mine[cp.Kudos[0].FactorID] || cp.WarningSigns[1].FactorID != 0 || cp.Kudos[1].FactorID != 0 {
		t.Errorf("warning signs %+v / kudos %+v not remapped", cp.WarningSigns, cp.Kudos)
	}
	if again, _ := db.LoadDossier(ctx, orig.Debrief.ID); !reflect.DeepEqual(again, orig) {
		t.Error("duplicating changed the original")
	}

	// A title at the limit is shortened so the copy's fits.
	long := model.NewDebrief(strings.Repeat("é", model.MaxTitle))
	if err := db.CreateDebrief(ctx, &long); err != nil {
		t.Fatal(err)
	}
	id, err = db.DuplicateDebrief(ctx, long.ID)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := db.GetDebrief(ctx, id)
	if n := len([]rune(d.Title)); n != model.MaxTitle || !strings.HasSuffix(d.Title, "é (copy)") {
		t.Errorf("copy of a long title: %d characters, ends %q", n, d.Title[len(d.Title)-12:])
	}

	if _, err := db.DuplicateDebrief(ctx, 424242); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("duplicate missing: %v, want ErrNotFound", err)
	}
	if n, _ := db.CountDebriefs(ctx, store.AllGroups); n != 4 {
		t.Errorf("%d debriefs, want 4", n)
	}
}

// addChange stores a change in a new debrief started at storetest.Clock+start.
func addChange(t *testing.T, db *store.DB, title string, start time.Duration, c model.ProcessChange) model.ProcessChange {
	t.Helper()
	at(db, start)
	d := model.NewDebrief(title)
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	c.DebriefID = d.ID
	if err := db.CreateChange(ctx, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func date(s string) time.Time {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCheckInsDue(t *testing.T) {
	db := storetest.New(t)
	today := time.Date(2026, 12, 10, 18, 0, 0, 0, time.Local)
	addChange(t, db, "Today", 0, model.ProcessChange{What: "due today", Chosen: true, CheckBack: date("2026-12-10"), Owner: "Ana"})
	addChange(t, db, "Tomorrow", time.Hour, model.ProcessChange{What: "due tomorrow", Chosen: true, CheckBack: date("2026-12-11")})
	addChange(t, db, "Long ago", 2*time.Hour, model.ProcessChange{What: "overdue", Chosen: true, CheckBack: date("2026-11-01")})
	addChange(t, db, "No date", 3*time.Hour, model.ProcessChange{What: "no date", Chosen: true})
	addChange(t, db, "Done", 4*time.Hour, model.ProcessChange{What: "recorded", Chosen: true, CheckBack: date("2026-11-02"), Outcome: model.Kept})
	addChange(t, db, "Candidate", 5*time.Hour, model.ProcessChange{What: "not chosen", CheckBack: date("2026-11-03")})
	due, err := db.CheckInsDue(ctx, today, store.AllGroups)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range due {
		got = append(got, c.Change.What)
	}
	if want := []string{"overdue", "due today"}; !slices.Equal(got, want) {
		t.Fatalf("due = %q, want %q", got, want)
	}
	c := due[1]
	if c.DebriefTitle != "Today" || c.DebriefID != c.Change.DebriefID || !c.DebriefCreated.Equal(storetest.Clock) ||
		c.Change.Owner != "Ana" || !c.Change.CheckBack.Equal(date("2026-12-10")) || !c.Change.Chosen {
		t.Errorf("check-in %+v", c)
	}
	if due, _ := db.CheckInsDue(ctx, today.AddDate(0, 0, -100), store.AllGroups); len(due) != 0 {
		t.Errorf("due long before: %+v", due)
	}
}

func TestRecordOutcome(t *testing.T) {
	db := storetest.New(t)
	today := time.Date(2026, 12, 10, 9, 0, 0, 0, time.Local)
	chosen := addChange(t, db, "Bench test", 0, model.ProcessChange{What: "Sign off each step", Chosen: true, CheckBack: date("2026-12-01")})
	candidate := model.ProcessChange{DebriefID: chosen.DebriefID, What: "Buy a spare"}
	if err := db.CreateChange(ctx, &candidate); err != nil {
		t.Fatal(err)
	}
	unchanged := func(what string) {
		t.Helper()
		list, _ := db.ListChanges(ctx, chosen.DebriefID)
		for _, c := range list {
			if c.Outcome != model.NoOutcome || c.OutcomeNote != "" {
				t.Errorf("%s changed %+v", what, c)
			}
		}
	}
	refusals := []struct {
		name string
		id   int64
		o    model.Outcome
		note string
		is   error
	}{
		{"no outcome", chosen.ID, model.NoOutcome, "x", nil},
		{"unknown outcome", chosen.ID, "maybe", "x", nil},
		{"a note too long", chosen.ID, model.Kept, strings.Repeat("n", model.MaxText+1), nil},
		{"a candidate", candidate.ID, model.Kept, "x", store.ErrNotChosen},
		{"a missing change", 98765, model.Kept, "x", store.ErrNotFound},
	}
	for _, r := range refusals {
		err := db.RecordOutcome(ctx, r.id, r.o, r.note)
		if err == nil || (r.is != nil && !errors.Is(err, r.is)) {
			t.Errorf("%s: err = %v, want a refusal (%v)", r.name, err, r.is)
		}
		unchanged(r.name)
	}
	if due, _ := db.CheckInsDue(ctx, today, store.AllGroups); len(due) != 1 {
		t.Fatalf("refusals changed the check-ins due: %+v", due)
	}

	if err := db.RecordOutcome(ctx, chosen.ID, model.Adjusted, "Only for the big steps — “Zoë” agreed"); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListChanges(ctx, chosen.DebriefID)
	if list[0].Outcome != model.Adjusted || list[0].OutcomeNote != "Only for the big steps — “Zoë” agreed" || list[1].Outcome != model.NoOutcome {
		t.Errorf("after recording: %+v", list)
	}
	if due, _ := db.CheckInsDue(ctx, today, store.AllGroups); len(due) != 0 {
		t.Errorf("still due after recording: %+v", due)
	}
	if err := db.RecordOutcome(ctx, chosen.ID, model.Dropped, ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.ListChanges(ctx, chosen.DebriefID); list[0].Outcome != model.Dropped || list[0].OutcomeNote != "" {
		t.Errorf("recording again did not replace the outcome: %+v", list[0])
	}
}

func TestLastCheckIn(t *testing.T) {
	db := storetest.New(t)
	if _, ok, err := db.LastCheckIn(ctx, 0); ok || err != nil {
		t.Fatalf("empty database: ok %v, err %v", ok, err)
	}
	first := addChange(t, db, "First", 0, model.ProcessChange{What: "Pair on deploys", Chosen: true, Outcome: model.Kept, OutcomeNote: "Yes"})
	second := addChange(t, db, "Second", time.Hour+500*time.Millisecond, model.ProcessChange{What: "Checklist", Chosen: true, Owner: "Ben", CheckBack: date("2026-12-24")})
	addChange(t, db, "Third, nothing chosen", 2*time.Hour, model.ProcessChange{What: "A candidate"})
	at(db, 3*time.Hour)
	current := model.NewDebrief("Today's")
	if err := db.CreateDebrief(ctx, &current); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.LastCheckIn(ctx, current.ID)
	if err != nil || !ok {
		t.Fatalf("LastCheckIn: %v, %v", ok, err)
	}
	if got.DebriefID != second.DebriefID || got.DebriefTitle != "Second" || got.Change.ID != second.ID || got.Change.Owner != "Ben" ||
		!got.DebriefCreated.Equal(storetest.Clock.Add(time.Hour+500*time.Millisecond)) {
		t.Errorf("LastCheckIn = %+v, want the second debrief's change", got)
	}
	got, ok, _ = db.LastCheckIn(ctx, second.DebriefID)
	if !ok || got.Change.ID != first.ID || got.Change.Outcome != model.Kept || got.Change.OutcomeNote != "Yes" {
		t.Errorf("LastCheckIn except the second = %+v, want the first with its outcome", got)
	}
}
