package room

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

// gate is a store that waits until it is opened before it writes: a disk
// slower than the room waits for.
type gate struct {
	db   *store.DB
	open chan struct{}
}

func (g *gate) Apply(ctx context.Context, id int64, c model.Change) error {
	<-g.open
	return g.db.Apply(ctx, id, c)
}

// With a disk slower than the room waits, a card is answered "not saved
// yet" and sent again with its key: stored once when the disk lets it. A
// vote is answered at once and counted once.
func TestSlowDiskCardsOnceVotesOnce(t *testing.T) {
	db := storetest.New(t)
	d := model.NewDebrief("Slow disk")
	if err := storetest.CreateDebrief(ctx, db, &d); err != nil {
		t.Fatal(err)
	}
	up := model.Factor{ID: 1, DebriefID: d.ID, Text: "on the board", Category: model.Process, W: 220, H: 120}
	if err := db.Apply(ctx, d.ID, model.Change{Factors: []model.Factor{up}}); err != nil {
		t.Fatal(err)
	}
	g := &gate{db: db, open: make(chan struct{})}
	s := session.Open(g, &model.Dossier{Debrief: d, Factors: []model.Factor{up}}, model.NewSession(d), session.IDs{Factor: 2, Link: 1, Sign: 1, Change: 1, Kudos: 1}, session.Options{})
	r, err := Open(s, Config{IP: "127.0.0.1", StoreWait: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, s: s, r: r}
	defer func() {
		r.Close()
		s.Close()
	}()
	p := f.join()
	if code, body := p.card("k", "written on a slow disk"); code != 503 {
		t.Fatalf("a card the disk has not taken: %d %s, want 503 (not saved yet)", code, body)
	}
	if code, body := p.send("POST", "/api/votes", `{"card":1}`); code != 200 || !containsLeft(body, 2) {
		t.Fatalf("a vote the disk has not taken: %d %s, want 200 with 2 left", code, body)
	}
	close(g.open)
	code, body := p.card("k", "written on a slow disk")
	if code != 200 {
		t.Fatalf("sent again once the disk is back: %d %s, want 200", code, body)
	}
	s.Flush()
	stored, err := db.LoadDossier(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	n, pending := 0, 0
	for _, c := range stored.Factors {
		if c.Text == "written on a slow disk" {
			n++
		}
		pending += c.Pending
	}
	if n != 1 || pending != 1 {
		t.Errorf("stored %d cards and %d votes; want the card once and the vote once", n, pending)
	}
}

func containsLeft(body string, left int) bool {
	var out map[string]int
	return json.Unmarshal([]byte(body), &out) == nil && out["left"] == left
}
