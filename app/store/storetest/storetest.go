// Package storetest gives tests a fresh Debrief database of their own.
package storetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// Clock is the fixed time New's database stamps on what it creates.
var Clock = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// New opens an empty database in a temporary folder that is removed when
// the test ends, with its clock fixed at Clock.
func New(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "debrief.db"))
	if err != nil {
		t.Fatalf("open temp database: %v", err)
	}
	db.SetClock(func() time.Time { return Clock })
	t.Cleanup(func() { db.Close() })
	return db
}

// AddDebrief stores a debrief titled title with one card per text.
func AddDebrief(t testing.TB, db *store.DB, title string, cards ...string) int64 {
	t.Helper()
	d := &model.Dossier{Debrief: model.NewDebrief(title)}
	for i, text := range cards {
		d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: text, Category: model.People, W: 220, H: 120})
	}
	id, err := db.ImportDossier(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
