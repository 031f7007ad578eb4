package store_test

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/export"
)

// The privacy promise: "" means anonymous, and then no author is stored
// anywhere. A card whose author is removed must leave no trace of the
// name: not in the database file (SQLite keeps deleted bytes in free space
// unless secure_delete is on), not in its -wal, not in a VACUUM INTO copy,
// and not in any export.

// leftovers lists where the closed database at path, a VACUUM INTO copy of
// it, and the JSON, Markdown and PDF exports of debrief id still hold any
// of names.
func leftovers(t *testing.T, path string, id int64, names ...string) []string {
	t.Helper()
	var found []string
	look := func(where string, b []byte) {
		for _, n := range names {
			if bytes.Contains(b, []byte(n)) {
				found = append(found, n+" in "+where)
			}
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		b, err := os.ReadFile(path + suffix)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		look("the database file"+suffix, b)
	}

	// A VACUUM INTO copy, made with the database closed.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	vacuumed := filepath.Join(t.TempDir(), "vacuumed.db")
	if _, err := raw.Exec(`VACUUM INTO ?`, vacuumed); err != nil {
		t.Fatalf("VACUUM INTO: %v", err)
	}
	raw.Close()
	b, err := os.ReadFile(vacuumed)
	if err != nil {
		t.Fatal(err)
	}
	look("a VACUUM INTO copy", b)

	// The exports, from the database as the application reads it.
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.LoadDossier(ctx, id)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	opt := export.Options{Paper: export.A4, Created: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	for _, f := range []export.Format{export.JSON, export.Markdown, export.PDF} {
		var buf bytes.Buffer
		if _, err := export.Write(&buf, d, f, opt); err != nil {
			t.Fatalf("export %s: %v", f, err)
		}
		out := buf.Bytes()
		if f == export.PDF {
			out = pdfText(t, out)
		}
		look("the "+string(f)+" export", out)
	}
	return found
}

// pdfText is what pdftotext reads from a PDF.
func pdfText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed, and the privacy test reads the PDF with it: run `make deps-test`")
	}
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return out
}

// boardWith stores a debrief with the cards in a database of its own and
// returns the open database, its path and the debrief's ID.
func boardWith(t *testing.T, cards ...model.Factor) (*store.DB, string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "debrief.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d := model.NewDebrief("The queue froze during the deploy")
	d.Summary = "Messages piled up for forty minutes after the 14:00 deploy."
	d.Participants = []string{"the platform team"}
	if err := db.CreateDebrief(ctx, &d); err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(ctx, d.ID, model.Change{Factors: cards}); err != nil {
		t.Fatal(err)
	}
	return db, path, d.ID
}

func authoredCard(id int64, text, author string) model.Factor {
	return model.Factor{ID: id, Text: text, Category: model.Technical, X: float64(id) * 260, Y: 40, W: 220, H: 120, Author: author, Votes: 1}
}

// makeAnonymous removes the authors of the cards through the board's own
// path: one Apply with each authored card reworded and with no author.
func makeAnonymous(t *testing.T, db *store.DB, id int64) {
	t.Helper()
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var change model.Change
	for _, f := range d.Factors {
		if f.Author != "" {
			f.Author = ""
			f.Text = "Someone noticed: " + f.Text // reworded as it loses its author
			change.Factors = append(change.Factors, f)
		}
	}
	if err := db.Apply(ctx, id, change); err != nil {
		t.Fatal(err)
	}
}

// TestAnonymousCardLeavesNoTrace: a card Priya Raman wrote is made
// anonymous (or deleted); afterwards her name is nowhere. The card is
// written in one session and changed in the next, so it has been in the
// database file itself, not only in the write-ahead log.
func TestAnonymousCardLeavesNoTrace(t *testing.T) {
	const name = "Priya Raman"
	cases := []struct {
		name   string
		change func(f model.Factor) model.Change
	}{
		{"author removed", func(f model.Factor) model.Change {
			f.Author = ""
			return model.Change{Factors: []model.Factor{f}}
		}},
		// Reworded as it is made anonymous ("I" becomes "the consumer was"):
		// the longer row is written elsewhere in the page, and the old one,
		// name and all, is left in free space unless it is overwritten.
		{"author removed and text reworded", func(f model.Factor) model.Change {
			f.Author = ""
			f.Text = "The consumer was restarted without being drained first, so its in-flight messages were lost."
			return model.Change{Factors: []model.Factor{f}}
		}},
		{"card deleted", func(f model.Factor) model.Change {
			return model.Change{DeleteFactors: []int64{f.ID}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, path, id := boardWith(t,
				authoredCard(1, "I restarted the consumer without draining it first.", name),
				authoredCard(2, "The runbook's drain step was on a page nobody had open.", ""),
				authoredCard(3, "Alerts went to a channel that was muted for the release.", ""))
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db, err := store.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			// Other writes around hers, as a session has: moves.
			for i := range 20 {
				if err := db.MoveFactor(ctx, 2, float64(300+i), 40); err != nil {
					t.Fatal(err)
				}
			}
			f, err := db.GetFactor(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Apply(ctx, id, c.change(f)); err != nil {
				t.Fatal(err)
			}
			d, err := db.LoadDossier(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range d.Factors {
				if f.Author != "" {
					t.Fatalf("card %d still has the author %q", f.ID, f.Author)
				}
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if found := leftovers(t, path, id, name); len(found) > 0 {
				t.Errorf("the name of the author removed is still stored or exported: %s", strings.Join(found, "; "))
			}
		})
	}
}

// TestAllAnonymousDebriefNamesNoAuthor: a debrief whose cards are all
// anonymous — some written so, some made so — stores and exports no
// author at all.
func TestAllAnonymousDebriefNamesNoAuthor(t *testing.T) {
	names := []string{"Priya Raman", "Tom Okafor", "Zoë Łukasiewicz-Ødegård"}
	db, path, id := boardWith(t,
		authoredCard(1, "The deploy ran at the busiest hour.", names[0]),
		authoredCard(2, "Nobody owned the consumer's config.", names[1]),
		authoredCard(3, "The dashboards lagged by five minutes.", names[2]),
		authoredCard(4, "We had no practice run.", ""))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	makeAnonymous(t, db, id)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if found := leftovers(t, path, id, names...); len(found) > 0 {
		t.Errorf("names of authors removed are still stored or exported: %s", strings.Join(found, "; "))
	}

	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM factor WHERE author IS NOT NULL`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d cards have an author stored (%v); want none", n, err)
	}

	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := db.LoadDossier(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var js, md bytes.Buffer
	if err := export.WriteJSON(&js, d); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js.String(), `"author"`) {
		t.Errorf("the JSON of an all-anonymous debrief has an author key:\n%s", js.String())
	}
	if err := export.WriteMarkdown(&md, d, export.MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	// A card's line ends with its byline, "*— Ana · 2 votes*"; anonymous,
	// it is the votes alone.
	bylines := regexp.MustCompile(`\*— [^*\n]*\*`).FindAllString(md.String(), -1)
	if len(bylines) != len(d.Factors) {
		t.Errorf("%d bylines in the Markdown, want one per card (they all have a vote): %q", len(bylines), bylines)
	}
	for _, b := range bylines {
		if !regexp.MustCompile(`^\*— [0-9]+ votes?\*$`).MatchString(b) {
			t.Errorf("the Markdown of an all-anonymous debrief has the byline %q", b)
		}
	}
}
