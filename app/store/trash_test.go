package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

const day = 24 * time.Hour

// dumpTables is every row of every table of the database at path, as
// text, table by table in the order of their rows: what "exactly as it
// was" means.
func dumpTables(t *testing.T, path string) map[string][]string {
	t.Helper()
	raw := rawOpen(t, path)
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	dump := map[string][]string{}
	for _, table := range tables {
		rows, err := raw.Query(`SELECT * FROM ` + table + ` ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, c := range cols {
				fmt.Fprintf(&b, "|%s=%v", c, vals[i])
			}
			dump[table] = append(dump[table], b.String())
		}
		rows.Close()
	}
	return dump
}

// dueDossier is a debrief with a card and a chosen change due for a
// check-in on 20 November 2026.
func dueDossier(title, card string) *model.Dossier {
	return &model.Dossier{
		Debrief: model.NewDebrief(title),
		Factors: []model.Factor{{ID: 1, Text: card, Category: model.Technical, W: 220, H: 120}},
		Changes: []model.ProcessChange{{What: "Sign off each step of " + title, Owner: "Ana", Chosen: true,
			CheckBack: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}},
	}
}

func TestTrashAndUndeleteAreExact(t *testing.T) {
	db := storetest.New(t)
	other := mustImport(t, db, "Other", "stays")
	before := richDossier(t, db)
	id := before.Debrief.ID
	clock, err := db.GetSession(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	clock = clock.Start(storetest.Clock).Enter(model.ConnectPhase, storetest.Clock.Add(time.Minute))
	if err := db.SaveSession(ctx, clock); err != nil {
		t.Fatal(err)
	}
	rows := dumpTables(t, db.Path())
	at(db, time.Hour)

	trashed, err := db.TrashDebrief(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if trashed.ID != id || trashed.Title != before.Debrief.Title || trashed.Factors != len(before.Factors) ||
		!trashed.DeletedAt.Equal(storetest.Clock.Add(time.Hour)) {
		t.Errorf("TrashDebrief returned %+v", trashed)
	}
	if _, err := db.LoadDossier(ctx, id); !errors.Is(err, store.ErrInTrash) {
		t.Errorf("a debrief in the Trash opened: %v, want ErrInTrash", err)
	}
	if _, err := db.TrashDebrief(ctx, id); !errors.Is(err, store.ErrInTrash) {
		t.Errorf("trashing it twice: %v, want ErrInTrash", err)
	}
	if _, err := db.UndeleteDebrief(ctx, other); !errors.Is(err, store.ErrNotInTrash) {
		t.Errorf("undeleting a debrief in the library: %v, want ErrNotInTrash", err)
	}
	for _, f := range []func() error{
		func() error { _, err := db.TrashDebrief(ctx, 999); return err },
		func() error { _, err := db.UndeleteDebrief(ctx, 999); return err },
		func() error { return db.DeleteForever(ctx, 999) },
	} {
		if err := f(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a missing debrief: %v, want ErrNotFound", err)
		}
	}

	back, err := db.UndeleteDebrief(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if back.ID != id || back.Title != before.Debrief.Title {
		t.Errorf("UndeleteDebrief returned %+v", back)
	}
	after, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("brought back\n%+v\nwant it as it was\n%+v", after, before)
	}
	if got, _ := db.GetSession(ctx, id); !reflect.DeepEqual(got, clock) {
		t.Errorf("the clock came back as %+v, want %+v", got, clock)
	}
	if got := dumpTables(t, db.Path()); !reflect.DeepEqual(got, rows) {
		t.Errorf("the database after delete and undelete differs from before, row by row:\n%v\nwant\n%v", got, rows)
	}
	if _, err := db.UndeleteDebrief(ctx, id); !errors.Is(err, store.ErrNotInTrash) {
		t.Errorf("undeleting it twice: %v, want ErrNotInTrash", err)
	}
}

// TestATrashedDebriefIsInNoList: every read that lists, searches or
// counts debriefs, or finds one to recall, leaves the Trash out.
func TestATrashedDebriefIsInNoList(t *testing.T) {
	db := storetest.New(t)
	live, err := db.ImportDossier(ctx, dueDossier("Live bench test", "the wiring harness"))
	if err != nil {
		t.Fatal(err)
	}
	at(db, time.Hour) // started after the live one: the last check-in, were it listed
	gone, err := db.ImportDossier(ctx, dueDossier("Gone bench test", "the wiring harness"))
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)

	type read struct {
		name string
		ids  func() ([]int64, error)
	}
	summaries := func(list []store.DebriefSummary, err error) ([]int64, error) {
		var ids []int64
		for _, d := range list {
			ids = append(ids, d.ID)
		}
		return ids, err
	}
	reads := []read{
		{"ListDebriefs", func() ([]int64, error) { return summaries(db.ListDebriefs(ctx, store.AllGroups)) }},
		{"SearchDebriefs for a card", func() ([]int64, error) {
			return summaries(db.SearchDebriefs(ctx, "WIRING", store.NewestFirst, store.AllGroups))
		}},
		{"SearchDebriefs for the title", func() ([]int64, error) {
			return summaries(db.SearchDebriefs(ctx, "gone", store.NewestFirst, store.AllGroups))
		}},
		{"CheckInsDue", func() ([]int64, error) {
			due, err := db.CheckInsDue(ctx, today, store.AllGroups)
			var ids []int64
			for _, ci := range due {
				ids = append(ids, ci.DebriefID)
			}
			return ids, err
		}},
		{"LastCheckIn", func() ([]int64, error) {
			ci, ok, err := db.LastCheckIn(ctx, 0)
			if !ok {
				return nil, err
			}
			return []int64{ci.DebriefID}, err
		}},
		{"LastCheckIn but the live one's", func() ([]int64, error) {
			ci, ok, err := db.LastCheckIn(ctx, live)
			if !ok {
				return nil, err
			}
			return []int64{ci.DebriefID}, err
		}},
	}
	for _, s := range store.LibrarySorts {
		reads = append(reads, read{"SearchDebriefs " + s.Label(), func() ([]int64, error) { return summaries(db.SearchDebriefs(ctx, "", s, store.AllGroups)) }})
	}
	// Before the delete each read finds it: the test can tell.
	for _, r := range reads {
		ids, err := r.ids()
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		if !slices.Contains(ids, gone) {
			t.Fatalf("%s does not find debrief %d even before it is deleted: %v", r.name, gone, ids)
		}
	}
	if n, _ := db.CountDebriefs(ctx, store.AllGroups); n != 2 {
		t.Fatalf("CountDebriefs = %d before the delete, want 2", n)
	}

	if _, err := db.TrashDebrief(ctx, gone); err != nil {
		t.Fatal(err)
	}
	for _, r := range reads {
		ids, err := r.ids()
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		if slices.Contains(ids, gone) {
			t.Errorf("%s lists debrief %d from the Trash: %v", r.name, gone, ids)
		}
	}
	if n, _ := db.CountDebriefs(ctx, store.AllGroups); n != 1 {
		t.Errorf("CountDebriefs = %d, want 1: the Trash is not counted", n)
	}
	if _, err := db.LoadDossier(ctx, gone); !errors.Is(err, store.ErrInTrash) {
		t.Errorf("LoadDossier of a trashed debrief: %v, want ErrInTrash", err)
	}
	if _, err := db.DuplicateDebrief(ctx, gone); !errors.Is(err, store.ErrInTrash) {
		t.Errorf("DuplicateDebrief of a trashed debrief: %v, want ErrInTrash", err)
	}
	if err := db.SetStatus(ctx, gone, model.Closed); !errors.Is(err, store.ErrInTrash) {
		t.Errorf("SetStatus of a trashed debrief: %v, want ErrInTrash", err)
	}
	trash, err := db.ListTrash(ctx)
	if err != nil || len(trash) != 1 || trash[0].ID != gone || trash[0].Title != "Gone bench test" || trash[0].Factors != 1 {
		t.Errorf("ListTrash = %+v (%v), want the gone one", trash, err)
	}
	if n, _ := db.CountTrash(ctx); n != 1 {
		t.Errorf("CountTrash = %d, want 1", n)
	}
}

// TestEveryReadOfTheDebriefTableKnowsTheTrash reads the store's source:
// every SQL text that reads the debrief table (FROM or JOIN debrief) says
// what it does with deleted_at, so a query added later cannot list the
// Trash by forgetting it.
func TestEveryReadOfTheDebriefTableKnowsTheTrash(t *testing.T) {
	readsDebrief := regexp.MustCompile(`(?i)\b(from|join)\s+debrief\b`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			text, err := strconv.Unquote(lit.Value)
			if err != nil || !readsDebrief.MatchString(text) {
				return true
			}
			found++
			if !strings.Contains(text, "deleted_at") {
				t.Errorf("%s: %s reads the debrief table without a word about deleted_at (the Trash)", fset.Position(lit.Pos()), strings.Join(strings.Fields(text), " "))
			}
			return true
		})
	}
	if found < 8 {
		t.Errorf("found %d reads of the debrief table; the scan is broken", found)
	}
}

func TestDaysLeftInTheTrash(t *testing.T) {
	deleted := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	d := store.TrashedDebrief{DeletedAt: deleted}
	for _, tt := range []struct {
		after time.Duration
		want  int
	}{{0, 30}, {time.Second, 30}, {day, 29}, {day + time.Second, 29}, {29 * day, 1}, {30*day - time.Second, 1}, {30 * day, 0}, {40 * day, 0}} {
		if got := d.DaysLeft(deleted.Add(tt.after)); got != tt.want {
			t.Errorf("%v after the delete: %d days left, want %d", tt.after, got, tt.want)
		}
	}
	if !d.PurgeAt().Equal(deleted.Add(30 * day)) {
		t.Errorf("PurgeAt = %v", d.PurgeAt())
	}
}

// rowsOf counts the rows of debrief id in every table that holds a part of it.
func rowsOf(t *testing.T, db *store.DB, id int64) int {
	t.Helper()
	raw := rawOpen(t, db.Path())
	defer raw.Close()
	var n int
	err := raw.QueryRow(`SELECT (SELECT count(*) FROM debrief WHERE id = ?1) + (SELECT count(*) FROM participant WHERE debrief_id = ?1)
		+ (SELECT count(*) FROM factor WHERE debrief_id = ?1) + (SELECT count(*) FROM link WHERE debrief_id = ?1)
		+ (SELECT count(*) FROM lesson WHERE debrief_id = ?1) + (SELECT count(*) FROM warning_sign WHERE debrief_id = ?1)
		+ (SELECT count(*) FROM process_change WHERE debrief_id = ?1) + (SELECT count(*) FROM kudos WHERE debrief_id = ?1)
		+ (SELECT count(*) FROM session WHERE debrief_id = ?1)`, id).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPurgeTrashAfterThirtyDays(t *testing.T) {
	db := storetest.New(t)
	old := richDossier(t, db).Debrief.ID
	if err := db.SaveSession(ctx, model.NewSession(model.Debrief{ID: old, TimeboxMinutes: 10})); err != nil {
		t.Fatal(err)
	}
	recent := mustImport(t, db, "Deleted ten days later", "a card")
	kept := mustImport(t, db, "In the library", "a card")
	if _, err := db.TrashDebrief(ctx, old); err != nil {
		t.Fatal(err)
	}
	at(db, 10*day)
	if _, err := db.TrashDebrief(ctx, recent); err != nil {
		t.Fatal(err)
	}
	if rowsOf(t, db, old) < 10 {
		t.Fatal("the rich debrief has too few rows to tell a cascade")
	}

	at(db, 30*day-time.Second)
	if n, err := db.PurgeTrash(ctx); err != nil || n != 0 {
		t.Fatalf("a second before 30 days PurgeTrash deleted %d (%v)", n, err)
	}
	trash, _ := db.ListTrash(ctx)
	if len(trash) != 2 || trash[0].ID != recent || trash[1].ID != old {
		t.Fatalf("ListTrash = %+v, want the last deleted first", trash)
	}
	if left := trash[1].DaysLeft(storetest.Clock.Add(30*day - time.Second)); left != 1 {
		t.Errorf("%d days left a second before its time, want 1", left)
	}

	at(db, 30*day)
	if n, err := db.PurgeTrash(ctx); err != nil || n != 1 {
		t.Fatalf("after 30 days PurgeTrash deleted %d (%v), want 1", n, err)
	}
	if n := rowsOf(t, db, old); n != 0 {
		t.Errorf("%d rows of the purged debrief are left", n)
	}
	if _, err := db.UndeleteDebrief(ctx, old); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("undeleting a purged debrief: %v, want ErrNotFound", err)
	}
	trash, _ = db.ListTrash(ctx)
	if len(trash) != 1 || trash[0].ID != recent || trash[0].DaysLeft(storetest.Clock.Add(30*day)) != 10 {
		t.Errorf("after the purge the Trash holds %+v, want the one deleted later, 10 days left", trash)
	}
	if list, _ := db.ListDebriefs(ctx, store.AllGroups); len(list) != 1 || list[0].ID != kept {
		t.Errorf("the purge touched the library: %+v", list)
	}
	if n, err := db.PurgeTrash(ctx); err != nil || n != 0 {
		t.Errorf("purging again deleted %d (%v)", n, err)
	}
}

func TestDeleteForeverOnlyFromTheTrash(t *testing.T) {
	db := storetest.New(t)
	id := richDossier(t, db).Debrief.ID
	if err := db.DeleteForever(ctx, id); !errors.Is(err, store.ErrNotInTrash) {
		t.Fatalf("DeleteForever of a debrief in the library: %v, want ErrNotInTrash", err)
	}
	if _, err := db.LoadDossier(ctx, id); err != nil {
		t.Fatalf("a refused DeleteForever deleted it: %v", err)
	}
	if _, err := db.TrashDebrief(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteForever(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n := rowsOf(t, db, id); n != 0 {
		t.Errorf("%d rows left after DeleteForever", n)
	}
	if err := db.DeleteForever(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting it forever twice: %v, want ErrNotFound", err)
	}
}

// TestTrashMigrationKeepsEveryRow upgrades a copy of a database made with
// the schema before the Trash (version 2, by the same migrations): a
// backup is taken first, every row is kept as it was, and every debrief
// is in the library, none in the Trash.
func TestTrashMigrationKeepsEveryRow(t *testing.T) {
	dir := t.TempDir()
	made := filepath.Join(dir, "made", "debrief.db")
	old, err := store.CreateAtVersion(made, 2)
	if err != nil {
		t.Fatal(err)
	}
	old.SetClock(func() time.Time { return storetest.Clock })
	rich, err := old.ImportDossier(ctx, richInput())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.ImportDossier(ctx, dueDossier("Launch slipped", "Scope grew")); err != nil {
		t.Fatal(err)
	}
	s := model.NewSession(model.Debrief{ID: rich, TimeboxMinutes: 15}).Start(storetest.Clock)
	if err := old.SaveSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	original, err := os.ReadFile(made)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "copy", "debrief.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, original, 0o600); err != nil {
		t.Fatal(err)
	}
	before := dumpTables(t, path)
	if len(before["factor"]) == 0 || len(before["session"]) != 1 || len(before["kudos"]) == 0 {
		t.Fatalf("the version 2 database holds too little to tell: %v", before)
	}

	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(ctx); v != store.LatestVersion() {
		t.Errorf("schema version %d after the upgrade, want %d", v, store.LatestVersion())
	}
	list, _ := db.ListDebriefs(ctx, store.AllGroups)
	if len(list) != 2 {
		t.Errorf("after the upgrade the library lists %+v, want both debriefs", list)
	}
	if n, _ := db.CountTrash(ctx); n != 0 {
		t.Errorf("%d debriefs in the Trash after the upgrade, want none", n)
	}
	d, err := db.LoadDossier(ctx, rich)
	if err != nil {
		t.Fatal(err)
	}
	got, want := content(d), content(richInput())
	want.Debrief.GroupID, want.Debrief.Group = 1, model.DefaultGroupName
	for _, c := range []*model.Dossier{&got, &want} { // stamped when imported
		for i := range c.Factors {
			c.Factors[i].CreatedAt = time.Time{}
		}
		for i := range c.Changes {
			c.Changes[i].CreatedAt = time.Time{}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the upgrade the debrief reads\n%+v\nwant\n%+v", got, want)
	}
	if _, err := db.TrashDebrief(ctx, rich); err != nil {
		t.Errorf("the upgraded database has no working Trash: %v", err)
	}
	if _, err := db.UndeleteDebrief(ctx, rich); err != nil {
		t.Error(err)
	}
	db.Close()

	after := dumpTables(t, path)
	for table, rows := range before {
		got := after[table]
		switch table {
		case "debrief":
			got = slices.Clone(got)
			for i, r := range got {
				// deleted_at (migration 3) empty, group_id (migration 5) the default group.
				trimmed, ok := strings.CutSuffix(r, "|deleted_at=<nil>|group_id=1")
				if !ok {
					t.Errorf("debrief row %s has no empty deleted_at or is not in group 1", r)
				}
				got[i] = trimmed
			}
		case "factor": // the room's columns (migration 4), as every old card has them
			got = slices.Clone(got)
			for i, r := range got {
				trimmed, ok := strings.CutSuffix(r, "|face=0|pending_votes=0")
				if !ok {
					t.Errorf("card row %s is not face up with no pending votes", r)
				}
				got[i] = trimmed
			}
		case "schema_migration":
			if len(got) != store.MigrationCount() || !strings.Contains(got[2], "|version=3|name=0003_trash.sql|") {
				t.Errorf("schema_migration after the upgrade: %q", got)
			}
			got = got[:len(rows)]
		}
		if !slices.Equal(got, rows) {
			t.Errorf("table %s after the upgrade:\n%q\nwant\n%q", table, got, rows)
		}
	}

	backups, err := store.ListBackups(path)
	if err != nil || len(backups) != 1 || backups[0].Kind != store.BackupBeforeMigration ||
		!strings.HasSuffix(backups[0].Path, "-before-v3.db") {
		t.Fatalf("backups after the upgrade: %+v (%v), want one taken before v3", backups, err)
	}
	raw := rawReadOnly(t, backups[0].Path)
	var version, hasColumn int
	raw.QueryRow(`PRAGMA user_version`).Scan(&version)
	raw.QueryRow(`SELECT count(*) FROM pragma_table_info('debrief') WHERE name = 'deleted_at'`).Scan(&hasColumn)
	raw.Close()
	if version != 2 || hasColumn != 0 {
		t.Errorf("the backup has schema %d with %d deleted_at columns, want the database as it was: 2, none", version, hasColumn)
	}
	if got, _ := os.ReadFile(made); !bytes.Equal(got, original) {
		t.Error("upgrading the copy changed the original")
	}
}

// TestBackupAndRestoreKeepTheTrash: a backup copies the Trash with the
// rest, and restoring it puts a deleted debrief back in the Trash, not in
// the library.
func TestBackupAndRestoreKeepTheTrash(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	c := &clock{time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	db := openAt(t, path, c)
	mustImport(t, db, "In the library", "a card")
	gone := mustImport(t, db, "Deleted before the backup", "first card", "second card")
	if _, err := db.TrashDebrief(ctx, gone); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Hour)
	b, err := db.Backup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// After the backup it is brought back and another one is started: the
	// restore must put back what the backup holds.
	if _, err := db.UndeleteDebrief(ctx, gone); err != nil {
		t.Fatal(err)
	}
	mustImport(t, db, "Started after the backup")
	db.Close()

	if _, err := store.Restore(path, b.Path); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, path, c)
	list, _ := db.SearchDebriefs(ctx, "", store.NewestFirst, store.AllGroups)
	if got := titles(list); !slices.Equal(got, []string{"In the library"}) {
		t.Errorf("after the restore the library lists %q, want only the debrief that was in it at the backup", got)
	}
	trash, err := db.ListTrash(ctx)
	if err != nil || len(trash) != 1 || trash[0].ID != gone || trash[0].Factors != 2 ||
		!trash[0].DeletedAt.Equal(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("after the restore the Trash holds %+v (%v), want the debrief deleted before the backup, as deleted", trash, err)
	}
	if _, err := db.UndeleteDebrief(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if d, err := db.LoadDossier(ctx, gone); err != nil || len(d.Factors) != 2 {
		t.Errorf("undeleted after the restore: %v, %v", d, err)
	}
}
