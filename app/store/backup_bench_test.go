package store_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// BenchmarkQuickCheck10k is what Open's check of an existing database
// costs on a 10,000-card debrief: PRAGMA quick_check on a fresh read-only
// connection, as inspect runs it.
func BenchmarkQuickCheck10k(b *testing.B) {
	db, _ := importSynthetic(b, 10000)
	path := db.Path()
	db.Close()
	for b.Loop() {
		ro, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
		if err != nil {
			b.Fatal(err)
		}
		var ok string
		if err := ro.QueryRow(`PRAGMA quick_check`).Scan(&ok); err != nil || ok != "ok" {
			b.Fatalf("quick_check = %q, %v", ok, err)
		}
		ro.Close()
	}
}

// BenchmarkOpen10k opens (and closes) an existing database holding a
// 10,000-card debrief: the header check, quick_check, and the rest of Open.
func BenchmarkOpen10k(b *testing.B) {
	db, _ := importSynthetic(b, 10000)
	path := db.Path()
	db.Close()
	for b.Loop() {
		db, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkBackup10k takes a backup of a database holding a 10,000-card
// debrief (VACUUM INTO, sync, rename; pruning keeps seven).
func BenchmarkBackup10k(b *testing.B) {
	db, _ := importSynthetic(b, 10000)
	ctx := context.Background()
	// A second apart, as backups are, so no name needs a counter.
	when := storetest.Clock
	db.SetClock(func() time.Time { return when })
	for b.Loop() {
		when = when.Add(time.Second)
		if _, err := db.Backup(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
