package store_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// timeline is written out of order on purpose: the store keeps the order
// written, and only views sort.
func timeline() []model.TimelineEvent {
	return []model.TimelineEvent{
		{At: "23:55", Text: "Rover browned out on power-on", Kind: model.KindStarted},
		{At: "2026-11-18 23:40", Text: "Swapped the harness at the last minute"},
		{At: "2026-11-19T00:05:00+01:00", Text: "Ben smelled hot plastic", Kind: model.KindNoticed},
		{At: "00:20", Text: "Tried the backup battery — «ça marche» 🔋", Kind: model.KindTried},
		{At: "00:45", Text: "Rewired to the checklist", Kind: model.KindFixed},
	}
}

// The timeline is stored through Apply (as the session stores every
// edit), reads back exactly, survives the Trash, is copied by Duplicate,
// and goes with its debrief when the debrief is deleted for good.
func TestTimelineStoredAndReloaded(t *testing.T) {
	db := storetest.New(t)
	orig := richDossier(t, db)
	id := orig.Debrief.ID
	first, err := db.NextTimelineID(ctx)
	if err != nil || first < 1 {
		t.Fatalf("next timeline ID %d, %v", first, err)
	}
	p := store.Parts{Lesson: orig.Lesson, WarningSigns: orig.WarningSigns, Changes: orig.Changes, Kudos: orig.Kudos}
	for i, e := range timeline() {
		e.ID = first + int64(i)
		p.Timeline = append(p.Timeline, e)
	}
	if err := db.Apply(ctx, id, model.Change{Parts: &p}); err != nil {
		t.Fatal(err)
	}
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := p.Timeline
	for i := range want {
		want[i].DebriefID = id
	}
	if !reflect.DeepEqual(d.Timeline, want) {
		t.Fatalf("timeline read back\n%+v\nwant\n%+v", d.Timeline, want)
	}
	if next, _ := db.NextTimelineID(ctx); next != first+int64(len(want)) {
		t.Errorf("next timeline ID %d after storing %d, want %d", next, len(want), first+int64(len(want)))
	}

	// Deleting one and editing another replaces the list in one go.
	p.Timeline = []model.TimelineEvent{want[4], want[0]}
	p.Timeline[1].Text = "Browned out"
	if err := db.Apply(ctx, id, model.Change{Parts: &p}); err != nil {
		t.Fatal(err)
	}
	if d, _ = db.LoadDossier(ctx, id); len(d.Timeline) != 2 || d.Timeline[0].ID != want[4].ID || d.Timeline[1].Text != "Browned out" {
		t.Fatalf("after an edit the timeline reads %+v", d.Timeline)
	}

	// Something the model refuses changes nothing.
	bad := p
	bad.Timeline = append(bad.Timeline[:2:2], model.TimelineEvent{ID: first + 99, At: "half past two", Text: "x"})
	if err := db.Apply(ctx, id, model.Change{Parts: &bad}); err == nil || !strings.Contains(err.Error(), "14:30") {
		t.Errorf("a time that is no time: %v, want a refusal that shows the form", err)
	}
	if again, _ := db.LoadDossier(ctx, id); !reflect.DeepEqual(again.Timeline, d.Timeline) {
		t.Errorf("a refused change left %+v", again.Timeline)
	}

	// The Trash keeps it, Restore brings it back as it was.
	if _, err := db.TrashDebrief(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UndeleteDebrief(ctx, id); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.LoadDossier(ctx, id); !reflect.DeepEqual(again.Timeline, d.Timeline) {
		t.Errorf("after the Trash and back the timeline reads %+v, want %+v", again.Timeline, d.Timeline)
	}

	// A copy has its own rows, saying the same.
	cp, err := db.DuplicateDebrief(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.LoadDossier(ctx, cp)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := content(c).Timeline, content(d).Timeline; !reflect.DeepEqual(got, want) {
		t.Errorf("the copy's timeline reads %+v, want %+v", got, want)
	}
	for _, e := range c.Timeline {
		if e.DebriefID != cp || e.ID == d.Timeline[0].ID || e.ID == d.Timeline[1].ID {
			t.Errorf("the copy shares a row with the original: %+v", e)
		}
	}

	// Deleted for good, its rows go too.
	if _, err := db.TrashDebrief(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteForever(ctx, id); err != nil {
		t.Fatal(err)
	}
	raw := rawOpen(t, db.Path())
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM timeline_event WHERE debrief_id = ?`, id).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d timeline rows (%v) left of a debrief deleted for good", n, err)
	}
}

// An import brings its timeline; the order written is kept.
func TestTimelineImported(t *testing.T) {
	db := storetest.New(t)
	in := &model.Dossier{Debrief: model.NewDebrief("Outage"), Timeline: timeline()}
	id, err := db.ImportDossier(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := content(d).Timeline; !reflect.DeepEqual(got, timeline()) {
		t.Errorf("imported timeline reads\n%+v\nwant\n%+v", got, timeline())
	}
}

// TestTimelineMigration upgrades a database made at version 4 (before
// the timeline) to the newest: a backup is taken first, every debrief
// reads as it was with an empty timeline, and the new table takes one.
func TestTimelineMigration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	old, err := store.CreateAtVersion(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	rich, err := old.ImportDossier(ctx, richInput())
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	before := dumpTables(t, path)
	if _, ok := before["timeline_event"]; ok {
		t.Fatal("version 5 already has the timeline table")
	}

	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(ctx); v != store.LatestVersion() || v < 6 {
		t.Errorf("schema version %d after the upgrade, want %d", v, store.LatestVersion())
	}
	d, err := db.LoadDossier(ctx, rich)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Timeline) != 0 {
		t.Errorf("an upgraded debrief has a timeline: %+v", d.Timeline)
	}
	after := dumpTables(t, path)
	for table, rows := range before {
		if table == "schema_migration" {
			continue
		}
		if !reflect.DeepEqual(after[table], rows) {
			t.Errorf("table %s changed in the upgrade:\n%q\nwant\n%q", table, after[table], rows)
		}
	}
	if got := after["schema_migration"]; len(got) != store.MigrationCount() || !strings.Contains(got[len(got)-1], "name=0006_timeline.sql") && store.LatestVersion() == 6 {
		t.Errorf("schema_migration after the upgrade: %q", got)
	}
	backups, err := store.ListBackups(path)
	if err != nil || len(backups) != 1 || backups[0].Kind != store.BackupBeforeMigration {
		t.Fatalf("backups after the upgrade: %+v (%v), want one taken before it", backups, err)
	}
	if _, err := os.Stat(backups[0].Path); err != nil {
		t.Fatal(err)
	}

	next, err := db.NextTimelineID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := store.Parts{Lesson: d.Lesson, WarningSigns: d.WarningSigns, Changes: d.Changes, Kudos: d.Kudos,
		Timeline: []model.TimelineEvent{{ID: next, At: "09:00", Text: "Noticed", Kind: model.KindNoticed}}}
	if err := db.SaveParts(ctx, rich, p); err != nil {
		t.Fatalf("the upgraded database does not take a timeline: %v", err)
	}
	if d, _ := db.LoadDossier(ctx, rich); len(d.Timeline) != 1 || d.Timeline[0].Text != "Noticed" {
		t.Errorf("timeline after the upgrade: %+v", d.Timeline)
	}
	// Opened again, the file passes the schema check of its version.
	db.Close()
	again, err := store.Open(path)
	if err != nil {
		t.Fatalf("the upgraded file does not open again: %v", err)
	}
	again.Close()
}
