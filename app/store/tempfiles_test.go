package store_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
)

// TestStaleTempFilesAreCleaned: what a backup or a restore killed with
// kill -9 leaves (hidden .debrief-NNNN.tmp files beside the database and
// in backups/) is removed at the next open and the next backup, once it
// has not been touched for minutes. A temporary file in use (fresh), and
// anything not named as Debrief names its own, are left alone.
func TestStaleTempFilesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	fill(t, path, "kept", 2)
	backups := store.BackupsDir(path)
	os.MkdirAll(backups, 0o700)
	outside := filepath.Join(t.TempDir(), "elsewhere.txt")
	os.WriteFile(outside, []byte("not Debrief's"), 0o600)

	old := time.Now().Add(-time.Hour)
	file := func(p string, age time.Time) string {
		t.Helper()
		if err := os.WriteFile(p, []byte("left behind"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, age, age); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := []string{
		file(filepath.Join(dir, ".debrief-1234567.tmp"), old),             // a killed restore
		file(filepath.Join(backups, ".debrief-2345678.tmp"), old),         // a killed backup
		file(filepath.Join(backups, ".debrief-3456789.tmp-journal"), old), // its journal
	}
	kept := []string{
		file(filepath.Join(backups, ".debrief-4567890.tmp"), time.Now()), // a backup in progress
		file(filepath.Join(dir, ".debrief-abc.tmp"), old),
		file(filepath.Join(dir, "debrief-1234.tmp"), old),
		file(filepath.Join(dir, ".debrief-1234.tmp.keep"), old),
		file(filepath.Join(dir, ".debriefing-1234.tmp"), old),
		file(filepath.Join(dir, ".other-1234.tmp"), old),
		file(filepath.Join(backups, ".notes-1234.tmp"), old),
		file(filepath.Join(backups, "debrief-20260101T000000Z.db"), old),
	}
	link := filepath.Join(dir, ".debrief-5678.tmp") // a link of that name: not a file of Debrief's
	if err := os.Symlink(outside, link); err == nil {
		kept = append(kept, link, outside)
	}
	folder := filepath.Join(dir, ".debrief-6789.tmp")
	os.Mkdir(folder, 0o700)
	kept = append(kept, folder)

	check := func(when string) {
		t.Helper()
		for _, p := range stale {
			if _, err := os.Lstat(p); err == nil {
				t.Errorf("%s: %s is still there", when, p)
			}
		}
		for _, p := range kept {
			if _, err := os.Lstat(p); err != nil {
				t.Errorf("%s: %s was removed", when, p)
			}
		}
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check("after the open")

	stale = append(stale, file(filepath.Join(backups, ".debrief-7890123.tmp"), old))
	if _, err := db.Backup(ctx); err != nil {
		t.Fatal(err)
	}
	check("after a backup")
}
