package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

var ctx = context.Background()

func TestMigrateFromEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	path := filepath.Join(dir, "debrief.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !db.Created() {
		t.Error("a new database should report Created")
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("schema version = %d, %v; want ≥ 1", v, err)
	}
	db.Close()

	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode = %v, want 0600", st.Mode().Perm())
	}
	dst, _ := os.Stat(dir)
	if dst.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", dst.Mode().Perm())
	}

	raw := rawOpen(t, path)
	var n, appID int
	if err := raw.QueryRow(`SELECT count(*) FROM schema_migration`).Scan(&n); err != nil || n != store.MigrationCount() || v != store.LatestVersion() {
		t.Errorf("schema_migration rows = %d (%v) at version %d, want %d at %d", n, err, v, store.MigrationCount(), store.LatestVersion())
	}
	raw.QueryRow(`PRAGMA application_id`).Scan(&appID)
	if appID != store.ApplicationID {
		t.Errorf("application_id = %#x, want %#x", appID, store.ApplicationID)
	}
	var mode string
	raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	raw.Close()

	// Opening again applies nothing twice and is not "created".
	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Created() {
		t.Error("reopened database should not report Created")
	}
	if v2, _ := db.SchemaVersion(ctx); v2 != v {
		t.Errorf("version changed on reopen: %d → %d", v, v2)
	}
}

func rawOpen(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestPragmasOnEveryConnection(t *testing.T) {
	db := storetest.New(t)
	// Hold several connections at once so the pool must open more than one.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.WithTx(ctx, func(tx *store.Queries) error {
				d := model.NewDebrief("fk check")
				if err := tx.CreateDebrief(ctx, &d); err != nil {
					return err
				}
				f := model.Factor{DebriefID: 999999, Category: model.Technical, W: 1, H: 1}
				if err := tx.CreateFactor(ctx, &f); err == nil {
					return errors.New("a card in a missing debrief was accepted: foreign keys are off on this connection")
				}
				return nil
			})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestForeignKeysCascade(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "cascade")
	a, b := mustFactor(t, db, d.ID, "a"), mustFactor(t, db, d.ID, "b")
	l := model.Link{DebriefID: d.ID, FromID: a.ID, ToID: b.ID}
	if err := db.CreateLink(ctx, &l); err != nil {
		t.Fatal(err)
	}
	k := model.Kudos{DebriefID: d.ID, Who: "Ana", For: "spotting it", FactorID: b.ID}
	if err := db.CreateKudos(ctx, &k); err != nil {
		t.Fatal(err)
	}
	// Deleting a card drops its links and unhooks its kudos.
	if err := db.DeleteFactor(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if links, _ := db.ListLinks(ctx, d.ID); len(links) != 0 {
		t.Errorf("links after deleting their card = %v", links)
	}
	if ks, _ := db.ListKudos(ctx, d.ID); len(ks) != 1 || ks[0].FactorID != 0 {
		t.Errorf("kudos after deleting its card = %+v, want one pointing at nothing", ks)
	}
	// Deleting the debrief drops everything in it.
	if err := db.DeleteDebrief(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if fs, _ := db.ListFactors(ctx, d.ID); len(fs) != 0 {
		t.Errorf("cards survived their debrief: %v", fs)
	}
	if ks, _ := db.ListKudos(ctx, d.ID); len(ks) != 0 {
		t.Errorf("kudos survived their debrief: %v", ks)
	}
}

func mustDebrief(t *testing.T, db *store.DB, title string) model.Debrief {
	t.Helper()
	d := model.NewDebrief(title)
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func mustFactor(t *testing.T, db *store.DB, debriefID int64, text string) model.Factor {
	t.Helper()
	f := model.Factor{DebriefID: debriefID, Text: text, Category: model.Process, X: 10, Y: 20, W: 220, H: 120}
	if err := db.CreateFactor(ctx, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLinkAcrossDebriefsRefused(t *testing.T) {
	db := storetest.New(t)
	d1, d2 := mustDebrief(t, db, "one"), mustDebrief(t, db, "two")
	a, b := mustFactor(t, db, d1.ID, "a"), mustFactor(t, db, d2.ID, "b")
	l := model.Link{DebriefID: d1.ID, FromID: a.ID, ToID: b.ID}
	if err := db.CreateLink(ctx, &l); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("link across debriefs: err = %v, want ErrNotFound", err)
	}
	self := model.Link{DebriefID: d1.ID, FromID: a.ID, ToID: a.ID}
	if err := db.CreateLink(ctx, &self); err == nil {
		t.Error("a card linked to itself was accepted")
	}
}

func TestWithTxRollsBack(t *testing.T) {
	db := storetest.New(t)
	boom := errors.New("boom")
	err := db.WithTx(ctx, func(tx *store.Queries) error {
		d := model.NewDebrief("never kept")
		if err := tx.CreateDebrief(ctx, &d); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if list, _ := db.ListDebriefs(ctx, store.AllGroups); len(list) != 0 {
		t.Errorf("rolled-back debrief was kept: %v", list)
	}
	func() {
		defer func() { recover() }()
		db.WithTx(ctx, func(tx *store.Queries) error {
			d := model.NewDebrief("never kept either")
			tx.CreateDebrief(ctx, &d)
			panic("mid-transaction")
		})
	}()
	if list, _ := db.ListDebriefs(ctx, store.AllGroups); len(list) != 0 {
		t.Errorf("debrief from a panicking transaction was kept: %v", list)
	}
}

func TestOneChosenChange(t *testing.T) {
	db := storetest.New(t)
	d := mustDebrief(t, db, "changes")
	a := model.ProcessChange{DebriefID: d.ID, What: "sign-offs", Chosen: true}
	if err := db.CreateChange(ctx, &a); err != nil {
		t.Fatal(err)
	}
	b := model.ProcessChange{DebriefID: d.ID, What: "checklist app", Chosen: true}
	if err := db.CreateChange(ctx, &b); !errors.Is(err, model.ErrSeveralChosen) {
		t.Fatalf("second chosen change: err = %v, want ErrSeveralChosen", err)
	}
	b.Chosen = false
	if err := db.CreateChange(ctx, &b); err != nil {
		t.Fatal(err)
	}
	b.Chosen = true
	if err := db.UpdateChange(ctx, &b); !errors.Is(err, model.ErrSeveralChosen) {
		t.Errorf("update to a second chosen: err = %v, want ErrSeveralChosen", err)
	}
	if err := db.ChooseChange(ctx, d.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := db.ListChanges(ctx, d.ID)
	c, ok := model.Chosen(list)
	if !ok || c.ID != b.ID || model.ValidateChanges(list) != nil {
		t.Errorf("after ChooseChange(b): %+v", list)
	}
	if err := db.ChooseChange(ctx, d.ID, 0); err != nil {
		t.Fatal(err)
	}
	list, _ = db.ListChanges(ctx, d.ID)
	if _, ok := model.Chosen(list); ok {
		t.Errorf("ChooseChange(0) left one chosen: %+v", list)
	}
}

func TestTwoHandlesWriteOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	h1, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer h1.Close()
	h2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer h2.Close()
	d := mustDebrief(t, h1, "shared")

	const each = 150
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for _, h := range []*store.DB{h1, h2} {
		wg.Add(1)
		go func(h *store.DB) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				f := model.Factor{DebriefID: d.ID, Text: fmt.Sprint(i), Category: model.Context, W: 1, H: 1}
				if err := h.CreateFactor(ctx, &f); err != nil {
					errs <- err
					return
				}
				if err := h.MoveFactor(ctx, f.ID, float64(i), float64(i)); err != nil {
					errs <- err
					return
				}
			}
		}(h)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	fs, err := h2.ListFactors(ctx, d.ID)
	if err != nil || len(fs) != 2*each {
		t.Fatalf("cards = %d (%v), want %d", len(fs), err, 2*each)
	}
	var ok string
	h1.Close()
	h2.Close()
	raw := rawOpen(t, path)
	defer raw.Close()
	raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity_check = %q", ok)
	}
}

func TestRefusesFilesWithoutTouchingThem(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 8192)
	rand.New(rand.NewSource(1)).Read(random)

	foreign := filepath.Join(dir, "foreign.db")
	raw := rawOpen(t, foreign)
	if _, err := raw.Exec(`CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	newer := filepath.Join(dir, "newer.db")
	db, err := store.Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw = rawOpen(t, newer)
	raw.Exec(`PRAGMA user_version = 999; PRAGMA journal_mode = DELETE`)
	raw.Close()

	short := filepath.Join(dir, "short.db")
	os.WriteFile(short, []byte("SQLite"), 0o600)
	randomPath := filepath.Join(dir, "random.db")
	os.WriteFile(randomPath, random, 0o600)

	// A real database with 300 cards, closed (so its -wal is checkpointed
	// into the file), then cut to half its size, or damaged inside.
	cut := filepath.Join(dir, "cut.db")
	fill(t, cut, "cut", 300)
	truncate(t, cut)
	damaged := filepath.Join(dir, "damaged.db")
	fill(t, damaged, "damaged", 300)
	corrupt(t, damaged)

	cases := []struct {
		name, path string
		want       error
		says       string
	}{
		{"random bytes", randomPath, store.ErrNotSQLite, "not a database file"},
		{"too short", short, store.ErrNotSQLite, "not a database file"},
		{"another app's SQLite", foreign, store.ErrForeign, "not one of Debrief's"},
		{"from a newer Debrief", newer, store.ErrNewerVersion, "update Debrief"},
		{"truncated", cut, store.ErrUnreadable, "damaged or unreadable (it was cut short: "},
		{"damaged inside", damaged, store.ErrUnreadable, "damaged or unreadable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.path)
			_, err := store.Open(c.path)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.path) || !strings.Contains(msg, c.says) {
				t.Errorf("message %q should name the file and say %q", msg, c.says)
			}
			after, _ := os.ReadFile(c.path)
			if !bytes.Equal(before, after) {
				t.Error("the refused file was modified")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(c.path + suffix); err == nil {
					t.Errorf("a %s file was left beside the refused file", suffix)
				}
			}
		})
	}
}

func TestOpensEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(path, nil, 0o600)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.Created() {
		t.Error("an empty file should count as a new database")
	}
}
