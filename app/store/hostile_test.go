package store_test

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// tamper runs SQL on the database at path as another program would, with
// no defences, and closes it (so its -wal is checkpointed and removed).
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw := rawOpen(t, path)
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// rewriteTable changes the CREATE TABLE text of table as stored in the
// file (writable_schema), as a hand-made file could have it.
func rewriteTable(t *testing.T, path, table string, re *regexp.Regexp, repl string) {
	t.Helper()
	raw := rawOpen(t, path)
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	var def string
	if err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = ?`, table).Scan(&def); err != nil {
		t.Fatal(err)
	}
	changed := re.ReplaceAllString(def, repl)
	if changed == def {
		t.Fatalf("%s did not change the table %s:\n%s", re, table, def)
	}
	for _, s := range []string{`PRAGMA writable_schema = ON`, `UPDATE sqlite_schema SET sql = ? WHERE name = ?`, `PRAGMA writable_schema = OFF`} {
		var err error
		if strings.Contains(s, "?") {
			_, err = raw.Exec(s, changed, table)
		} else {
			_, err = raw.Exec(s)
		}
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// hostileFiles makes, in dir, Debrief databases of the current version
// whose schema someone changed, each named for what was done to it, and
// what the refusal must say.
func hostileFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	add := func(name, says string, change func(path string)) {
		path := filepath.Join(dir, name+".db")
		fill(t, path, name, 3)
		change(path)
		files[path] = says
	}
	add("trigger", `a trigger "wipe" that Debrief did not make`, func(p string) {
		tamper(t, p, `CREATE TRIGGER wipe AFTER INSERT ON debrief BEGIN DELETE FROM debrief WHERE id <> new.id; END`)
	})
	add("endless-view", `"debrief" is a view, where Debrief makes a table`, func(p string) {
		tamper(t, p, `DROP TABLE debrief`,
			`CREATE VIEW debrief AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
			 SELECT i AS id, 'x' AS title, '' AS summary, NULL AS happened_at, NULL AS scheduled_at, 10 AS timebox_minutes,
			 '' AS template, 'draft' AS status, '' AS created_at, '' AS updated_at FROM n`)
	})
	add("other-view", `a view "everything" that Debrief did not make`, func(p string) {
		tamper(t, p, `CREATE VIEW everything AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n`)
	})
	add("wrong-type", "the column factor.x is of type TEXT, not REAL", func(p string) {
		rewriteTable(t, p, "factor", regexp.MustCompile(`\bx\s+REAL`), "x TEXT")
		tamper(t, p, `UPDATE factor SET x = 'left of centre'`)
	})
	add("extra-table", `a table "notes" that Debrief did not make`, func(p string) {
		tamper(t, p, `CREATE TABLE notes (text TEXT)`)
	})
	add("extra-column", `the table "debrief" has a column "evil" that Debrief did not make`, func(p string) {
		tamper(t, p, `ALTER TABLE debrief ADD COLUMN evil TEXT`)
	})
	add("missing-index", `the index "factor_by_debrief" is missing`, func(p string) {
		tamper(t, p, `DROP INDEX factor_by_debrief`)
	})
	add("extra-index", `an index "factor_by_text" that Debrief did not make`, func(p string) {
		tamper(t, p, `CREATE INDEX factor_by_text ON factor (text)`)
	})
	add("missing-table", `the table "kudos" is missing`, func(p string) {
		tamper(t, p, `DROP TABLE kudos`)
	})
	add("changed-check", `the definition of the table "factor" is not Debrief's`, func(p string) {
		rewriteTable(t, p, "factor", regexp.MustCompile(`CHECK \(votes >= 0\)`), "CHECK (votes >= -1)")
	})
	add("changed-default", "the column debrief.timebox_minutes has the default 600, not 10", func(p string) {
		rewriteTable(t, p, "debrief", regexp.MustCompile(`DEFAULT 10\b`), "DEFAULT 600")
	})
	// A file of an older version is compared with that version's schema.
	v1 := filepath.Join(dir, "version-1-trigger.db")
	makeVersion1(t, v1, "old")
	tamper(t, v1, `CREATE TRIGGER wipe AFTER INSERT ON debrief BEGIN DELETE FROM debrief WHERE id <> new.id; END`)
	files[v1] = `a trigger "wipe" that Debrief did not make`
	return files
}

// TestOpenRefusesAHostileSchema: a database whose schema is not the one
// Debrief's migrations make (a trigger, a view where a table should be, a
// column of another type, a table or index more or less, a changed
// constraint) is refused with one sentence naming the file and what is
// wrong, and left as it was: same bytes, no -wal or -shm.
func TestOpenRefusesAHostileSchema(t *testing.T) {
	for path, says := range hostileFiles(t, t.TempDir()) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			before, _ := os.ReadFile(path)
			db, err := store.Open(path)
			if err == nil {
				// Not listed: on the endless view that never ends.
				db.Close()
				t.Fatal("the file was opened")
			}
			if !errors.Is(err, store.ErrSchema) {
				t.Fatalf("err = %v, want ErrSchema", err)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, path) || !strings.Contains(msg, says) || strings.Count(msg, "\n") > 0 {
				t.Errorf("message %q should name the file and say %q, on one line", msg, says)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the refused file was modified")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("a %s file was left beside the refused file", suffix)
				}
			}
		})
	}
}

// TestRestoreRefusesAHostileSchema: the same files are refused by restore
// and the database and its folder are unchanged; in particular a trigger
// that empties the library at the next import never gets in.
func TestRestoreRefusesAHostileSchema(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	fill(t, path, "current", 2)
	files := hostileFiles(t, filepath.Join(dir, "sources"))
	for from, says := range files {
		t.Run(filepath.Base(from), func(t *testing.T) {
			before := treeState(t, dir)
			kept, err := store.Restore(path, from)
			if !errors.Is(err, store.ErrSchema) || kept != "" {
				t.Fatalf("Restore = %q, %v; want ErrSchema", kept, err)
			}
			if msg := err.Error(); !strings.Contains(msg, from) || !strings.Contains(msg, says) || !strings.Contains(msg, "nothing was changed") {
				t.Errorf("message %q should name %s, say %q and that nothing was changed", msg, from, says)
			}
			diffTrees(t, before, treeState(t, dir))
		})
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < 2; i++ {
		if _, err := db.ImportDossier(ctx, &model.Dossier{Debrief: model.NewDebrief("imported")}); err != nil {
			t.Fatal(err)
		}
	}
	if ds, _ := db.ListDebriefs(ctx, store.AllGroups); len(ds) != 3 {
		t.Errorf("after two imports the library has %d debriefs, want 3", len(ds))
	}
}

// TestSchemaCheckAcceptsWhatIsTheSame: what differs only in how it is
// written (a comment, the case of a keyword), a file of an older version,
// and the statistics of SQLite's ANALYZE open.
func TestSchemaCheckAcceptsWhatIsTheSame(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	fill(t, at("comment.db"), "comment", 2)
	rewriteTable(t, at("comment.db"), "factor", regexp.MustCompile(`-- NULL: anonymous`), "/* anonymous when NULL */")
	fill(t, at("case.db"), "case", 2)
	rewriteTable(t, at("case.db"), "factor", regexp.MustCompile(`\bx\s+REAL\s+NOT NULL`), "x real not null")
	fill(t, at("analyzed.db"), "analyzed", 20)
	tamper(t, at("analyzed.db"), `ANALYZE`)
	makeVersion1(t, at("version-1.db"), "old")
	for _, name := range []string{"comment.db", "case.db", "analyzed.db", "version-1.db"} {
		t.Run(name, func(t *testing.T) {
			db, err := store.Open(at(name))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if ds, err := db.ListDebriefs(ctx, store.AllGroups); err != nil || len(ds) != 1 {
				t.Errorf("list = %d debriefs, %v", len(ds), err)
			}
		})
	}
}

// TestConnectionsAreHardened: every connection, the app's and the checks'
// read-only one, runs with trusted_schema off and in defensive mode (where
// writable_schema cannot be turned on).
func TestConnectionsAreHardened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	fill(t, path, "hardened", 1)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < 3; i++ { // several at once: each pooled connection
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var trusted, writable int
		c.ExecContext(ctx, `PRAGMA writable_schema = ON`)
		if err := c.QueryRowContext(ctx, `PRAGMA trusted_schema`).Scan(&trusted); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA writable_schema`).Scan(&writable); err != nil {
			t.Fatal(err)
		}
		if trusted != 0 || writable != 0 {
			t.Errorf("connection %d: trusted_schema = %d, writable_schema = %d after turning it on; want 0, 0", i, trusted, writable)
		}
	}
	ro, err := sql.Open("sqlite", store.ReadOnlyDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var trusted int
	if err := ro.QueryRow(`PRAGMA trusted_schema`).Scan(&trusted); err != nil || trusted != 0 {
		t.Errorf("read-only connection: trusted_schema = %d (%v), want 0", trusted, err)
	}
}
