package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/export"
)

// Targets (the performance issue): a 10,000-card debrief opens to its
// first frame in 300 ms, of which LoadDossier is a part; one move is
// persisted in 1 ms at the 95th percentile. Each benchmark has a baseline
// run beside it: compare the two, not the absolute figures.

// importSynthetic stores Synthetic(n, n/3, 1) in a fresh database.
func importSynthetic(b *testing.B, n int) (*store.DB, int64) {
	b.Helper()
	db := storetest.New(b)
	id, err := db.ImportDossier(context.Background(), export.Synthetic(n, n/3, 1))
	if err != nil {
		b.Fatal(err)
	}
	return db, id
}

func benchLoad(b *testing.B, n int) {
	db, id := importSynthetic(b, n)
	ctx := context.Background()
	for b.Loop() {
		d, err := db.LoadDossier(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Factors) != n {
			b.Fatalf("loaded %d factors, want %d", len(d.Factors), n)
		}
	}
}

// BenchmarkLoadDossier10k reads a 10,000-card debrief with 3,333 links.
func BenchmarkLoadDossier10k(b *testing.B) { benchLoad(b, 10000) }

// BenchmarkLoadDossier100 is the baseline: the same for 100 cards.
func BenchmarkLoadDossier100(b *testing.B) { benchLoad(b, 100) }

// BenchmarkPersistMove stores one moved card as the board reports it: one
// Apply transaction with the whole card (PutFactor's checks and upsert).
func BenchmarkPersistMove(b *testing.B) {
	db, id := importSynthetic(b, 10000)
	ctx := context.Background()
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	f := d.Factors[len(d.Factors)/2]
	x0 := f.X
	i := 0
	benchLatency(b, func() error {
		i++
		f.X = x0 + float64(i%100)
		return db.Apply(ctx, id, model.Change{Factors: []model.Factor{f}})
	})
}

// BenchmarkPersistMoveRawUpdate is the baseline: the plain
// UPDATE factor SET x = ?, y = ? WHERE id = ? in a transaction of its own,
// through the same database, without Apply's checks.
func BenchmarkPersistMoveRawUpdate(b *testing.B) {
	db, id := importSynthetic(b, 10000)
	ctx := context.Background()
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	f := d.Factors[len(d.Factors)/2]
	i := 0
	benchLatency(b, func() error {
		i++
		return db.MoveFactor(ctx, f.ID, f.X+float64(i%100), f.Y)
	})
}

// benchLatency runs op once per iteration and reports the median and the
// 95th percentile of its durations, in microseconds.
func benchLatency(b *testing.B, op func() error) {
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	at := func(p float64) float64 {
		return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Nanoseconds()) / 1e3
	}
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.95), "p95-µs")
}
