package cli_test

import (
	"bytes"
	"database/sql"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// dbState is what a refused import must leave as it was: the bytes of the
// database and of its -wal and -shm files (nil when absent), what list
// prints, and how many rows every table has.
type dbState struct {
	files map[string][]byte
	list  []string
	rows  map[string]int
}

// stateOf reads the state of the database db, which must exist.
func stateOf(t *testing.T, h *harness, db string) dbState {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
	s := dbState{files: map[string][]byte{}, rows: map[string]int{}}
	// The bytes first: list and the row counts open the file.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(db + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		s.files[suffix] = b
	}
	s.list = h.listLines("--db", db)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if len(tables) < 8 {
		t.Fatalf("the database has the tables %q; want Debrief's", tables)
	}
	for _, table := range tables {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM "` + table + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		s.rows[table] = n
	}
	return s
}

// checkUnchanged fails when a refused import changed anything.
func checkUnchanged(t *testing.T, h *harness, db string, before dbState) {
	t.Helper()
	after := stateOf(t, h, db)
	for suffix, b := range before.files {
		if !bytes.Equal(after.files[suffix], b) {
			t.Errorf("the refused import changed the file %s%s (%d bytes before, %d after)", db, suffix, len(b), len(after.files[suffix]))
		}
	}
	if !reflect.DeepEqual(after.list, before.list) {
		t.Errorf("the refused import changed the list from %q to %q", before.list, after.list)
	}
	if !reflect.DeepEqual(after.rows, before.rows) {
		t.Errorf("the refused import changed the row counts from %v to %v", before.rows, after.rows)
	}
	if left := tmpLeftovers(t, h.dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// runWithStdin is runIn with any reader as standard input.
func (h *harness) runWithStdin(stdin io.Reader, args ...string) result {
	h.t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Main(args, cli.Env{
		Version: "test", Stdin: stdin, Stdout: &out, Stderr: &errOut,
		DefaultDB: func() (string, error) { return h.defaultDB, nil },
	})
	return result{code, out.String(), errOut.String()}
}

// endless is an endless reader of one byte.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

type counting struct {
	r io.Reader
	n int64
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

const bigPrefix = `{"format": "debrief", "version": 1, "debrief": {"title": "Big", "summary": "`

// TestImportRefusesAHundredMegabyteFile: a 100 MB file is refused in one
// sentence that names the limit, and the database is left as it was.
func TestImportRefusesAHundredMegabyteFile(t *testing.T) {
	t.Parallel()
	limit := "larger than 64 MB, the most Debrief reads"
	if export.MaxJSONSize != 64<<20 {
		t.Fatalf("MaxJSONSize is %d; the test expects 64 MB", export.MaxJSONSize)
	}
	t.Run("file", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		db := h.path("d.db")
		h.listLines("--db", db) // creates the file with the sample
		before := stateOf(t, h, db)
		big := h.path("big.json")
		mustWrite(t, big, []byte(bigPrefix))
		if err := os.Truncate(big, 100<<20); err != nil { // sparse: a valid start, then 100 MB on paper
			t.Fatal(err)
		}
		r := h.run("--db", db, "import", big)
		checkError(t, r, cli.ExitError, "debrief: Nothing was imported from "+big+": the file is "+limit+".")
		if r.stdout != "" {
			t.Errorf("a refused import printed %q", r.stdout)
		}
		checkUnchanged(t, h, db, before)
	})
	t.Run("standard input", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		db := h.path("d.db")
		h.listLines("--db", db)
		before := stateOf(t, h, db)
		// A valid start, then 100 MB of 'a' inside the summary string.
		in := &counting{r: io.MultiReader(strings.NewReader(bigPrefix), io.LimitReader(endless('a'), 100<<20), strings.NewReader(`"}}`))}
		r := h.runWithStdin(in, "--db", db, "import", "-")
		checkError(t, r, cli.ExitError, "debrief: Nothing was imported from standard input: the file is "+limit+".")
		if r.stdout != "" {
			t.Errorf("a refused import printed %q", r.stdout)
		}
		// Reading stopped at the limit rather than taking in all 100 MB.
		if in.n > export.MaxJSONSize+1 {
			t.Errorf("%d bytes of standard input were read; reading should stop at %d", in.n, export.MaxJSONSize+1)
		}
		checkUnchanged(t, h, db, before)
	})
}

// TestImportNamesTheFieldOfABadReference: a key that refers to no card, or
// a value of the wrong type, is refused with the path of the field, and
// nothing is written. (TestImportRefusesBadFiles has a dangling link "to"
// and unknown fields.)
func TestImportNamesTheFieldOfABadReference(t *testing.T) {
	t.Parallel()
	sample := string(assets.Sample())
	edit := func(t *testing.T, old, new string) string {
		t.Helper()
		if strings.Count(sample, old) != 1 {
			t.Fatalf("the sample has %d copies of %q; the test needs exactly one", strings.Count(sample, old), old)
		}
		return strings.Replace(sample, old, new, 1)
	}
	cases := []struct {
		name string
		doc  func(t *testing.T) string
		says string
	}{
		{"warning sign to a missing card", func(t *testing.T) string {
			return edit(t, "back-feeding it.\",\n          \"factor\": \"f8\"", "back-feeding it.\",\n          \"factor\": \"f99\"")
		}, `debrief.lesson.warning_signs[0].factor: no factor has key "f99"`},
		{"kudos to a missing card", func(t *testing.T) string { return edit(t, `"factor": "f4"`, `"factor": "F4"`) },
			`debrief.kudos[0].factor: no factor has key "F4"`},
		{"link from a missing card", func(t *testing.T) string {
			return `{"format":"debrief","version":1,"debrief":{"title":"T","factors":[{"key":"a"},{"key":"b"}],
				"links":[{"from":"a","to":"b"},{"from":"b","to":"a"},{"from":"c","to":"a"}]}}`
		}, `debrief.links[2].from: no factor has key "c"`},
		{"votes as a string", func(t *testing.T) string { return edit(t, `"votes": 5`, `"votes": "5"`) },
			`debrief.factors[3].votes: want a whole number, got string`},
		{"chosen as a number", func(t *testing.T) string { return edit(t, `"chosen": true`, `"chosen": 1`) },
			`debrief.changes[0].chosen: want true or false, got number`},
		{"participants as one string", func(t *testing.T) string {
			return `{"format":"debrief","version":1,"debrief":{"title":"T","participants":"Maya, Jonas"}}`
		}, `debrief.participants: want an array, got string`},
		{"a reflection as a number", func(t *testing.T) string {
			return `{"format":"debrief","version":1,"debrief":{"title":"T","lesson":{"reflections":{"nags":"n","safer":42}}}}`
		}, `debrief.lesson.reflections.safer: want a string, got number`},
		// Both at once: every type is checked before any key is followed,
		// so the wrong type is what the message names.
		{"a dangling key and a wrong type", func(t *testing.T) string {
			return `{"format":"debrief","version":1,"debrief":{"title":"T",
				"links":[{"from":"a","to":"nowhere"}],
				"factors":[{"key":"a"},{"key":"b"},{"key":"c","x":"12"}]}}`
		}, `debrief.factors[2].x: want a number, got string`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			db := h.path("d.db")
			h.listLines("--db", db)
			before := stateOf(t, h, db)
			doc := c.doc(t)
			bad := h.path("bad.json")
			mustWrite(t, bad, []byte(doc))

			r := h.run("--db", db, "import", bad)
			checkError(t, r, cli.ExitError, "debrief: Nothing was imported from "+bad+": ", c.says)
			if r.stdout != "" {
				t.Errorf("a refused import printed %q", r.stdout)
			}
			checkUnchanged(t, h, db, before)

			r = h.runIn(doc, "--db", db, "import", "-")
			checkError(t, r, cli.ExitError, "debrief: Nothing was imported from standard input: ", c.says)
			checkUnchanged(t, h, db, before)
		})
	}
}

// TestImportRefusesBombs: files made to exhaust the reader (issue 19) are
// refused in one short line that names the limit or the place, and the
// database is left as it was.
func TestImportRefusesBombs(t *testing.T) {
	t.Parallel()
	const head = `{"format": "debrief", "version": 1, `
	key := strings.Repeat("k", 200_000) + " "
	deep := strings.Repeat("[", 9900) + strings.Repeat("]", 9900)
	cases := []struct {
		name string
		doc  string
		says string
	}{
		{"long key over deep nesting", head + `"` + key + `": ` + deep + `}`,
			`unknown top-level field "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…" (200,001 characters)`},
		{"long key over deep nesting before the header", `{"` + key + `": ` + deep + `, "format": "debrief", "version": 1}`,
			`["kkkkkkkkkkkkkkkkkkkkkkkk…"][0][0]`},
		{"one card too many", head + `"debrief": {"title": "T", "factors": [` + strings.Repeat("{},", 100_000) + `{}]}}`,
			"debrief.factors: more than 100,000 cards, the most Debrief imports"},
		{"a category of 5 MB", head + `"debrief": {"title": "T", "factors": [{"category": "` + strings.Repeat("x", 5<<20) + `"}]}}`,
			`debrief.factors[0].category: unknown category "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (5,242,880 characters)`},
		{"a lone surrogate", head + `"debrief": {"title": "T", "summary": "half \ud800 a pair"}}`,
			`debrief.summary: the text has \ud800`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			db := h.path("d.db")
			h.listLines("--db", db)
			before := stateOf(t, h, db)
			bad := h.path("bad.json")
			mustWrite(t, bad, []byte(c.doc))
			r := h.run("--db", db, "import", bad)
			checkError(t, r, cli.ExitError, "debrief: Nothing was imported from "+bad+": ", c.says)
			if n := len(r.stderr) - len(bad); n > 300 {
				t.Errorf("the message is %d bytes long: %.300s…", n, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("a refused import printed %q", r.stdout)
			}
			checkUnchanged(t, h, db, before)
		})
	}
}
