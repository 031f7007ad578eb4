package cli_test

import (
	"bytes"
	"database/sql"
	"errors"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"

	_ "modernc.org/sqlite" // the "sqlite" driver, for a foreign database
)

// harness runs cli.Main with a default database in a temporary folder and a
// window stub that records how it was called.
type harness struct {
	t         *testing.T
	dir       string
	defaultDB string
	dbErr     error // returned by DefaultDB when set
	noGUI     bool  // leave RunGUI nil
	guiErr    error // returned by the RunGUI stub
	gui       []guiCall
	// problems records the windows that would say why a database cannot
	// be opened (only when showProblems is set).
	showProblems bool
	problems     []error
	guiLock      []error          // for each RunGUI call, what is wrong with the instance lock it was given
	now          func() time.Time // Env.Now
}

type guiCall struct {
	path   string
	openID int64
}

type result struct {
	code           int
	stdout, stderr string
}

func newHarness(t *testing.T) *harness {
	dir := t.TempDir()
	return &harness{t: t, dir: dir, defaultDB: filepath.Join(dir, "data", "debrief.db")}
}

func (h *harness) path(name string) string { return filepath.Join(h.dir, name) }

func (h *harness) runIn(stdin string, args ...string) result {
	h.t.Helper()
	var out, errOut bytes.Buffer
	env := cli.Env{
		Now:     h.now,
		Version: "test",
		Stdin:   strings.NewReader(stdin),
		Stdout:  &out,
		Stderr:  &errOut,
		DefaultDB: func() (string, error) {
			if h.dbErr != nil {
				return "", h.dbErr
			}
			return h.defaultDB, nil
		},
	}
	if !h.noGUI {
		env.RunGUI = func(db *store.DB, openID int64, lock *store.InstanceLock) error {
			h.gui = append(h.gui, guiCall{db.Path(), openID})
			h.guiLock = append(h.guiLock, checkHeld(db.Path(), lock))
			return h.guiErr
		}
	}
	if h.showProblems {
		env.OpenFailed = func(path string, openErr error, openID int64, lock *store.InstanceLock) error {
			h.problems = append(h.problems, openErr)
			return openErr
		}
	}
	code := cli.Main(args, env)
	return result{code, out.String(), errOut.String()}
}

// checkHeld says what is wrong with the instance lock the window got: nil
// when it is there and held.
func checkHeld(path string, lock *store.InstanceLock) error {
	if lock == nil {
		return errors.New("RunGUI got no instance lock")
	}
	other, err := store.LockInstance(path)
	if err == nil {
		other.Release()
		return errors.New("the instance lock was not held while the window ran")
	}
	if !errors.Is(err, store.ErrInUse) {
		return err
	}
	return nil
}

func (h *harness) run(args ...string) result {
	h.t.Helper()
	return h.runIn("", args...)
}

// ok runs a command that must succeed and returns its standard output.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	if r.code != cli.ExitOK || r.stderr != "" {
		h.t.Fatalf("debrief %s: exit %d, stderr %q; want 0 and no stderr", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// importFile imports name into db and returns the printed id.
func (h *harness) importFile(db, name string) int64 {
	h.t.Helper()
	out := h.ok("--db", db, "import", name)
	id, err := strconv.ParseInt(strings.TrimSuffix(out, "\n"), 10, 64)
	if err != nil || id <= 0 || !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 {
		h.t.Fatalf("import printed %q, want an id on a line of its own", out)
	}
	return id
}

// listLines runs list and returns its lines.
func (h *harness) listLines(args ...string) []string {
	h.t.Helper()
	out := h.ok(append(args, "list")...)
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		h.t.Fatalf("list output %q does not end in a newline", out)
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// checkError checks the stderr of a failed command: for exit 1 exactly one
// line; for exit 2 that line and the hint to run help. The line starts with
// "debrief: ", ends with "." and contains every piece of want.
func checkError(t *testing.T, r result, code int, want ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d (stderr %q)", r.code, code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("stderr %q does not end in a newline", r.stderr)
	}
	wantLines := 1
	if code == cli.ExitUsage {
		wantLines = 2
		if len(lines) == 2 && lines[1] != "Run 'debrief help' for usage." {
			t.Errorf("second line of stderr = %q, want the hint to run help", lines[1])
		}
	}
	if len(lines) != wantLines {
		t.Errorf("stderr has %d lines, want %d:\n%s", len(lines), wantLines, r.stderr)
	}
	msg := lines[0]
	if !strings.HasPrefix(msg, "debrief: ") || !strings.HasSuffix(msg, ".") {
		t.Errorf("message %q should start with \"debrief: \" and end with \".\"", msg)
	}
	if strings.Contains(msg, "..") {
		t.Errorf("message %q has a doubled full stop", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q does not contain %q", msg, w)
		}
	}
}

func readSample(t *testing.T) *model.Dossier {
	t.Helper()
	d, err := export.ReadJSON(bytes.NewReader(assets.Sample()))
	if err != nil {
		t.Fatalf("read the sample: %v", err)
	}
	return d
}

func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tmpLeftovers lists the .debrief-*.tmp files in dir.
func tmpLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".debrief-*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestExitCodes(t *testing.T) {
	if cli.ExitOK != 0 || cli.ExitError != 1 || cli.ExitUsage != 2 {
		t.Errorf("exit codes = %d, %d, %d; want 0, 1, 2", cli.ExitOK, cli.ExitError, cli.ExitUsage)
	}
}

var listLine = regexp.MustCompile(`^([0-9]+)\t([0-9]{4}-[0-9]{2}-[0-9]{2})\t([a-z]+) *\t([0-9]+) factors\t(.*)$`)

func TestListSeedsTheSampleOnANewFile(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	sample := readSample(t)
	db := h.path("new.db")

	lines := h.listLines("--db", db)
	if len(lines) != 1 {
		t.Fatalf("list printed %d lines, want the one sample:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	m := listLine.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("list line %q is not id, date, status, factors, title separated by tabs", lines[0])
	}
	if id, _ := strconv.ParseInt(m[1], 10, 64); id <= 0 {
		t.Errorf("id = %s, want a positive number", m[1])
	}
	if m[2] != "2026-11-18" {
		t.Errorf("date = %s, want the sample's 2026-11-18", m[2])
	}
	if m[3] != "reviewed" {
		t.Errorf("status = %s, want reviewed", m[3])
	}
	if n, _ := strconv.Atoi(m[4]); n != len(sample.Factors) || n == 0 {
		t.Errorf("list says %s factors; the sample has %d", m[4], len(sample.Factors))
	}
	if m[5] != model.OneLine(sample.Debrief.Title) {
		t.Errorf("title = %q, want %q", m[5], sample.Debrief.Title)
	}

	// The sample is added once, when the file is created.
	if again := h.listLines("--db", db); !reflect.DeepEqual(again, lines) {
		t.Errorf("a second list printed %q, want the same %q", again, lines)
	}
	if len(h.gui) != 0 {
		t.Error("list started the window")
	}
}

func TestNoSample(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("empty.db")
	if out := h.ok("--no-sample", "--db", db, "list"); out != "" {
		t.Errorf("list of a new database with --no-sample printed %q", out)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("the database was not created: %v", err)
	}
	if out := h.ok("--db", db, "list"); out != "" {
		t.Errorf("list of an existing database seeded it: %q", out)
	}
}

func TestRefusesFilesThatAreNotDebriefDatabases(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	random := filepath.Join(dir, "random.db")
	noise := make([]byte, 4096)
	rand.New(rand.NewSource(42)).Read(noise)
	mustWrite(t, random, noise)

	foreign := filepath.Join(dir, "recipes.db")
	raw, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE recipe (name TEXT NOT NULL); INSERT INTO recipe VALUES ('soup'), ('bread')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	short := filepath.Join(dir, "short.db")
	mustWrite(t, short, []byte("SQLite format"))

	// A real database with 300 cards, closed, then cut to half its size.
	cut := filepath.Join(dir, "cut.db")
	makeCut(t, cut)

	cases := []struct {
		name, path, says string
		args             []string
	}{
		{"random bytes, list", random, "not a database file", []string{"list"}},
		{"random bytes, import", random, "not a database file", []string{"import", "-"}},
		{"random bytes, export", random, "not a database file", []string{"export", "--id", "1", "--out", "-"}},
		{"random bytes, window", random, "not a database file", nil},
		{"foreign SQLite, list", foreign, "not one of Debrief's", []string{"list"}},
		{"foreign SQLite, import", foreign, "not one of Debrief's", []string{"import", "-"}},
		{"too short, list", short, "not a database file", []string{"list"}},
		{"truncated, list", cut, "damaged or unreadable (it was cut short", []string{"list"}},
		{"truncated, export", cut, "damaged or unreadable (it was cut short", []string{"export", "--id", "1", "--out", "-"}},
		{"truncated, backup", cut, "damaged or unreadable (it was cut short", []string{"backup"}},
		{"truncated, window", cut, "damaged or unreadable (it was cut short", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			before := mustRead(t, c.path)
			stBefore, _ := os.Stat(c.path)
			r := h.runIn(string(assets.Sample()), append([]string{"--db", c.path}, c.args...)...)
			checkError(t, r, cli.ExitError, c.path, c.says)
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if len(h.gui) != 0 {
				t.Error("the window was started on a refused file")
			}
			if after := mustRead(t, c.path); !bytes.Equal(before, after) {
				t.Error("the refused file was modified")
			}
			if st, _ := os.Stat(c.path); st.Mode() != stBefore.Mode() {
				t.Errorf("the refused file's mode changed from %v to %v", stBefore.Mode(), st.Mode())
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(c.path + suffix); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s appeared beside the refused file (%v)", suffix, err)
				}
			}
		})
	}
}

// TestRefusedRelativePathIsNamedAbsolutely runs in a folder of its own, so
// it cannot run in parallel.
func TestRefusedRelativePathIsNamedAbsolutely(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	noise := make([]byte, 4096)
	rand.New(rand.NewSource(7)).Read(noise)
	mustWrite(t, "junk.db", noise)
	abs, err := filepath.Abs("junk.db")
	if err != nil {
		t.Fatal(err)
	}

	h := newHarness(t)
	r := h.run("--db", "junk.db", "list")
	checkError(t, r, cli.ExitError, "Cannot open "+abs+": ")
	if !bytes.Equal(mustRead(t, abs), noise) {
		t.Error("the refused file was modified")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(abs + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s appeared beside the refused file", suffix)
		}
	}
}

// assetsToRoundTrip is the sample and every template.
func assetsToRoundTrip() []assets.Template {
	all := []assets.Template{{ID: "sample", Name: "Sample", Data: assets.Sample()}}
	return append(all, assets.Templates()...)
}

func TestRoundTripThroughTheStore(t *testing.T) {
	t.Parallel()
	list := assetsToRoundTrip()
	if len(list) < 7 {
		t.Fatalf("only %d assets; want the sample and six templates", len(list))
	}
	for _, a := range list {
		t.Run(a.ID, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			db := h.path("round.db")
			src := h.path(a.ID + ".json")
			mustWrite(t, src, a.Data)

			id := h.importFile(db, src)
			fileA, fileB := h.path("A.json"), h.path("B.json")
			if out := h.ok("--db", db, "export", "--id", strconv.FormatInt(id, 10), "--format", "json", "--out", fileA); out != "" {
				t.Errorf("export to a file printed %q", out)
			}
			id2 := h.importFile(db, fileA)
			if id2 == id {
				t.Fatalf("the second import got the same id %d", id)
			}
			h.ok("--db", db, "export", "--id", strconv.FormatInt(id2, 10), "--format", "json", "--out", fileB)

			a1, b1 := mustRead(t, fileA), mustRead(t, fileB)
			if len(a1) == 0 || !bytes.Equal(a1, b1) {
				t.Errorf("exporting what was imported changed the bytes:\nA:\n%s\nB:\n%s", a1, b1)
			}
			stdout := h.ok("--db", db, "export", "--id", strconv.FormatInt(id, 10), "--out", "-")
			if stdout != string(a1) {
				t.Errorf("--out - wrote different bytes than --out FILE:\n%s", stdout)
			}
			if st, err := os.Stat(fileA); err != nil || st.Mode().Perm() != 0o644 {
				t.Errorf("exported file mode = %v (%v), want 0644", st.Mode().Perm(), err)
			}
			if left := tmpLeftovers(t, h.dir); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}

			fromAsset, err := export.ReadJSON(bytes.NewReader(a.Data))
			if err != nil {
				t.Fatal(err)
			}
			fromExport, err := export.ReadJSON(bytes.NewReader(a1))
			if err != nil {
				t.Fatalf("the export cannot be read back: %v", err)
			}
			// The export names the group it came from; the asset has none.
			if fromExport.Debrief.Group != model.DefaultGroupName {
				t.Errorf("the export's group = %q, want %q", fromExport.Debrief.Group, model.DefaultGroupName)
			}
			fromAsset.Debrief.Group = model.DefaultGroupName
			if !reflect.DeepEqual(fromAsset, fromExport) {
				t.Errorf("the asset and its export read as different dossiers:\nasset:  %+v\nexport: %+v", fromAsset, fromExport)
			}

			// Both imports, plus the sample seeded into the new file.
			want := 3
			if lines := h.listLines("--db", db); len(lines) != want {
				t.Errorf("list has %d debriefs, want %d", len(lines), want)
			}
		})
	}
}

// TestRelativeFileNamesStayAsTyped makes sure an error message does not
// change the file name it quotes (say, by capitalising it).
func TestRelativeFileNamesStayAsTyped(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	mustWrite(t, "bad.json", []byte(`{"format":"debrief","version":1,"debrief":{"title":"T","mood":"grim"}}`))
	h := newHarness(t)
	r := h.run("--db", "x.db", "import", "bad.json")
	checkError(t, r, cli.ExitError, `debrief: Nothing was imported from bad.json: debrief: unknown field "mood".`)
	if strings.Contains(r.stderr, "Bad.json") {
		t.Errorf("the file name was changed in %q", r.stderr)
	}
	r = h.run("--db", "x.db", "import", "missing.json")
	checkError(t, r, cli.ExitError, "missing.json")
	r = h.run("--db", "x.db", "export", "--id", "1", "--out", "no/such/dir/out.json")
	checkError(t, r, cli.ExitError, "no/such/dir/out.json")
}

func TestImportRefusesBadFiles(t *testing.T) {
	t.Parallel()
	// The sample with one thing wrong: each edit replaces one string.
	sample := string(assets.Sample())
	edit := func(t *testing.T, old, new string) string {
		if strings.Count(sample, old) != 1 {
			t.Fatalf("the sample has %d copies of %q; the test needs exactly one", strings.Count(sample, old), old)
		}
		return strings.Replace(sample, old, new, 1)
	}
	cases := []struct {
		name string
		doc  func(t *testing.T) string
		says []string
	}{
		{"unknown field", func(t *testing.T) string {
			return edit(t, `"timebox_minutes": 10,`, `"timebox_minutes": 10, "mood": "grim",`)
		}, []string{`debrief: unknown field "mood"`}},
		{"unknown field in a factor", func(t *testing.T) string {
			return edit(t, `"key": "f2",`, `"key": "f2", "colour": "red",`)
		}, []string{`debrief.factors[1]: unknown field "colour"`}},
		{"dangling link key", func(t *testing.T) string {
			return `{"format":"debrief","version":1,"debrief":{"title":"T","factors":[{"key":"a","category":"people"},{"key":"b","category":"process"}],
				"links":[{"from":"a","to":"b"},{"from":"a","to":"zz"}]}}`
		}, []string{"debrief.links[1].to", `no factor has key "zz"`}},
		{"version 2", func(t *testing.T) string { return edit(t, `"version": 1,`, `"version": 2,`) },
			[]string{"format version 2", "reads up to version 1"}},
		{"not JSON", func(t *testing.T) string { return "<debrief/>\n" }, []string{"line 1, column 1", "not valid JSON"}},
		{"not JSON on line 3", func(t *testing.T) string { return "{\n  \"format\": \"debrief\",\n  oops\n}" }, []string{"line 3, column 3", "not valid JSON"}},
		{"empty", func(t *testing.T) string { return "" }, []string{"the file is empty"}},
		{"two chosen changes", func(t *testing.T) string {
			return `{"format":"debrief","version":1,"debrief":{"title":"T","changes":[{"what":"a","chosen":true},{"what":"b","chosen":true}]}}`
		}, []string{"debrief.changes[1].chosen", "only one process change can be chosen"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			db := h.path("bad.db")
			before := h.listLines("--db", db) // creates the file with the sample
			bad := h.path("bad.json")
			mustWrite(t, bad, []byte(c.doc(t)))

			r := h.run("--db", db, "import", bad)
			checkError(t, r, cli.ExitError, append([]string{"debrief: Nothing was imported from " + bad + ": "}, c.says...)...)
			if r.stdout != "" {
				t.Errorf("a refused import printed %q", r.stdout)
			}
			if after := h.listLines("--db", db); !reflect.DeepEqual(after, before) {
				t.Errorf("a refused import changed the list from %q to %q", before, after)
			}

			// The same through standard input.
			r = h.runIn(c.doc(t), "--db", db, "import", "-")
			checkError(t, r, cli.ExitError, append([]string{"debrief: Nothing was imported from standard input: "}, c.says...)...)
			if after := h.listLines("--db", db); len(after) != len(before) {
				t.Errorf("a refused import from standard input changed the count from %d to %d", len(before), len(after))
			}
		})
	}
}

func TestImport(t *testing.T) {
	t.Parallel()
	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		db := h.path("d.db")
		missing := h.path("nope.json")
		r := h.run("--no-sample", "--db", db, "import", missing)
		checkError(t, r, cli.ExitError, "debrief: Cannot read "+missing+": ")
		if strings.Count(r.stderr, missing) != 1 {
			t.Errorf("message %q should name the file once", r.stderr)
		}
		if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a failed import created or touched %s (stat: %v); it should not open the database at all", db, err)
		}
	})
	t.Run("a folder", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		r := h.run("--db", h.path("d.db"), "import", h.dir)
		checkError(t, r, cli.ExitError, h.dir)
	})
	t.Run("stdin", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		db := h.path("d.db")
		r := h.runIn(string(assets.Sample()), "--no-sample", "--db", db, "import", "-")
		if r.code != cli.ExitOK || r.stderr != "" {
			t.Fatalf("import - : exit %d, stderr %q", r.code, r.stderr)
		}
		id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
		if err != nil || id <= 0 {
			t.Fatalf("import - printed %q, want an id", r.stdout)
		}
		lines := h.listLines("--db", db)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], strconv.FormatInt(id, 10)+"\t") {
			t.Errorf("list = %q, want the imported debrief with id %d", lines, id)
		}
		if !strings.HasSuffix(lines[0], "\t"+model.OneLine(readSample(t).Debrief.Title)) {
			t.Errorf("list line %q does not show the sample's title", lines[0])
		}
	})
	t.Run("new ids each time", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		db := h.path("d.db")
		src := h.path("s.json")
		mustWrite(t, src, assets.Sample())
		seen := map[int64]bool{}
		for range 3 {
			id := h.importFile(db, src)
			if seen[id] {
				t.Errorf("id %d given twice", id)
			}
			seen[id] = true
		}
		if lines := h.listLines("--db", db); len(lines) != 4 {
			t.Errorf("list has %d lines, want the seeded sample and 3 imports", len(lines))
		}
	})
	t.Run("usage", func(t *testing.T) {
		t.Parallel()
		for _, args := range [][]string{{"import"}, {"import", "--group", " ", "a.json"}, {"import", "--bogus", "a.json"}} {
			h := newHarness(t)
			r := h.run(append([]string{"--db", h.path("d.db")}, args...)...)
			checkError(t, r, cli.ExitUsage)
			if r.stdout != "" {
				t.Errorf("debrief %q wrote %q to stdout", args, r.stdout)
			}
		}
	})
}

func TestListLine(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	// A title with control characters, no date and a draft status.
	doc := `{"format":"debrief","version":1,"debrief":{"title":"Two\nlines\tand \u001b[31mred","factors":[{"category":"lucky"}]}}`
	r := h.runIn(doc, "--no-sample", "--db", db, "import", "-")
	id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	if r.code != cli.ExitOK || err != nil {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	lines := h.listLines("--db", db)
	if len(lines) != 1 {
		t.Fatalf("list = %q", lines)
	}
	m := listLine.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("list line %q is not in the expected form", lines[0])
	}
	if m[1] != strconv.FormatInt(id, 10) || m[3] != "draft" || m[4] != "1" || m[5] != "Two lines and  [31mred" {
		t.Errorf("list line = %q", lines[0])
	}
	r = h.run("--db", db, "list", "extra")
	checkError(t, r, cli.ExitUsage, `debrief: List takes no arguments, got "extra".`)
}

func TestExportUsage(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	h.listLines("--db", db) // the sample is debrief 1
	out := h.path("out.json")
	cases := []struct {
		name string
		args []string
		says []string
	}{
		{"missing --id", []string{"--out", out}, []string{"--id"}},
		{"--id 0", []string{"--id", "0", "--out", out}, []string{"--id"}},
		{"negative --id", []string{"--id", "-3", "--out", out}, []string{"--id"}},
		{"--id not a number", []string{"--id", "one", "--out", out}, []string{"-id"}},
		{"missing --out", []string{"--id", "1"}, []string{"--out"}},
		{"--format docx", []string{"--id", "1", "--format", "docx", "--out", out}, []string{`"docx"`, "pdf, md, json or ics"}},
		{"--paper a5", []string{"--id", "1", "--format", "pdf", "--paper", "a5", "--out", out}, []string{"a5"}},
		{"--paper for markdown", []string{"--id", "1", "--format", "md", "--paper", "a4", "--out", out}, []string{"--paper is for PDF"}},
		{"--paper for ics", []string{"--id", "1", "--paper", "a4", "--out", h.path("out.ics")}, []string{"--paper is for PDF"}},
		{"extra positional", []string{"--id", "1", "--out", out, "extra"}, []string{`"extra"`}},
		{"unknown flag", []string{"--id", "1", "--out", out, "--zip"}, []string{"-zip"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := h.run(append([]string{"--db", db, "export"}, c.args...)...)
			checkError(t, r, cli.ExitUsage, c.says...)
			if r.stdout != "" {
				t.Errorf("a usage error wrote %q to stdout", r.stdout)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a usage error wrote %s", out)
			}
		})
	}
}

func TestExportErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	h.listLines("--db", db) // the sample is debrief 1

	t.Run("missing id", func(t *testing.T) {
		out := h.path("missing.json")
		r := h.run("--db", db, "export", "--id", "999", "--out", out)
		checkError(t, r, cli.ExitError, "There is no debrief with id 999", "debrief list")
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Error("exporting a missing debrief wrote a file")
		}
	})

	file := h.path("file.txt")
	mustWrite(t, file, []byte("a file, not a folder"))
	folder := h.path("folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, out string
		checkDirs []string // folders that must hold no temporary file afterwards
	}{
		{"folder does not exist", filepath.Join(h.dir, "nowhere", "out.json"), []string{h.dir}},
		{"parent is a file", filepath.Join(file, "out.json"), []string{h.dir}},
		{"out is a folder", folder, []string{h.dir, folder}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := h.run("--db", db, "export", "--id", "1", "--out", c.out)
			checkError(t, r, cli.ExitError, "debrief: Cannot write "+c.out+": ")
			if strings.Count(r.stderr, c.out) != 1 {
				t.Errorf("message %q should name the path once", r.stderr)
			}
			for _, d := range c.checkDirs {
				if left := tmpLeftovers(t, d); len(left) > 0 {
					t.Errorf("temporary files left behind: %v", left)
				}
			}
		})
	}
	if got := mustRead(t, file); string(got) != "a file, not a folder" {
		t.Errorf("the file in the way was changed to %q", got)
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 0 {
		t.Errorf("the folder in the way now holds %d entries", len(entries))
	}

	// An export into a read-only folder: TestExportIntoReadOnlyFolder (unix).

	t.Run("overwrites an existing file", func(t *testing.T) {
		out := h.path("existing.json")
		mustWrite(t, out, []byte("old"))
		h.ok("--db", db, "export", "--id", "1", "--out", out)
		if _, err := export.ReadJSON(bytes.NewReader(mustRead(t, out))); err != nil {
			t.Errorf("the overwritten file is not a debrief: %v", err)
		}
		if left := tmpLeftovers(t, h.dir); len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
	})
}

func TestCommands(t *testing.T) {
	t.Parallel()
	t.Run("help", func(t *testing.T) {
		h := newHarness(t)
		r := h.run("help")
		if r.code != cli.ExitOK || r.stderr != "" {
			t.Fatalf("help: exit %d, stderr %q", r.code, r.stderr)
		}
		for _, w := range []string{"list", "import", "export", "ics", "delete --id ID", "trash", "undelete --id ID", "synth", "backup", "backups", "restore --from FILE", "version", "--db", "--no-sample", "--open"} {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("help does not mention %q", w)
			}
		}
		if _, err := os.Stat(h.defaultDB); !errors.Is(err, os.ErrNotExist) {
			t.Error("help created a database")
		}
	})
	t.Run("version", func(t *testing.T) {
		h := newHarness(t)
		r := h.run("version")
		if r.code != cli.ExitOK || r.stdout != "Debrief test\n" || r.stderr != "" {
			t.Errorf("version: exit %d, stdout %q, stderr %q; want \"Debrief test\"", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("unknown command", func(t *testing.T) {
		h := newHarness(t)
		r := h.run("frobnicate")
		checkError(t, r, cli.ExitUsage, `debrief: Unknown command "frobnicate".`)
		if r.stdout != "" {
			t.Errorf("stdout = %q", r.stdout)
		}
		if len(h.gui) != 0 {
			t.Error("an unknown command started the window")
		}
	})
	for _, flag := range []string{"--nope", "--open=abc", "--db"} {
		t.Run("bad global flag "+flag, func(t *testing.T) {
			h := newHarness(t)
			args := []string{flag, "list"}
			if flag == "--db" {
				args = []string{flag} // --db list would name the file "list"
			}
			r := h.run(args...)
			checkError(t, r, cli.ExitUsage)
			if r.stdout != "" {
				t.Errorf("a usage error wrote %q to stdout", r.stdout)
			}
			if len(h.gui) != 0 {
				t.Error("a usage error started the window")
			}
		})
	}
	for _, cmd := range []string{"list", "import", "export", "delete", "trash", "undelete", "synth", "backup", "backups", "restore"} {
		for _, help := range []string{"-h", "--help"} {
			t.Run(cmd+" "+help, func(t *testing.T) {
				h := newHarness(t)
				r := h.run("--db", h.path("d.db"), cmd, help)
				if r.code != cli.ExitOK || r.stderr != "" {
					t.Errorf("exit %d, stderr %q; want 0 and nothing", r.code, r.stderr)
				}
				if !strings.Contains(r.stdout, "Usage: debrief") || !strings.Contains(r.stdout, cmd) {
					t.Errorf("stdout %q does not show the usage of %s", r.stdout, cmd)
				}
				if cmd == "synth" && !strings.Contains(r.stdout, "-cards") {
					t.Errorf("synth -h does not list its flags: %q", r.stdout)
				}
				if cmd == "export" && !strings.Contains(r.stdout, "-format") {
					t.Errorf("export -h does not list its flags: %q", r.stdout)
				}
				if cmd == "restore" && !strings.Contains(r.stdout, "-from") {
					t.Errorf("restore -h does not list its flags: %q", r.stdout)
				}
				if (cmd == "delete" || cmd == "undelete") && !strings.Contains(r.stdout, "-id") {
					t.Errorf("%s -h does not list its flags: %q", cmd, r.stdout)
				}
				if _, err := os.Stat(h.path("d.db")); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s %s created the database", cmd, help)
				}
			})
		}
	}
	t.Run("-h before the command", func(t *testing.T) {
		h := newHarness(t)
		r := h.run("-h")
		if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Usage:") || len(h.gui) != 0 {
			t.Errorf("-h: exit %d, stdout %q, window started %d times", r.code, r.stdout, len(h.gui))
		}
	})
}

func TestSynth(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("never.db")
	// noDatabase checks that neither the default database nor --db's was made.
	noDatabase := func(t *testing.T) {
		t.Helper()
		for _, p := range []string{h.defaultDB, db, filepath.Dir(h.defaultDB)} {
			if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("synth created %s", p)
			}
		}
	}
	readBack := func(t *testing.T, path string) *model.Dossier {
		t.Helper()
		d, err := export.ReadJSON(bytes.NewReader(mustRead(t, path)))
		if err != nil {
			t.Fatalf("the file synth wrote does not read back: %v", err)
		}
		return d
	}

	t.Run("writes N cards", func(t *testing.T) {
		out := h.path("big.json")
		if got := h.ok("--db", db, "synth", "--cards", "500", "--out", out); got != "" {
			t.Errorf("synth printed %q, want nothing", got)
		}
		d := readBack(t, out)
		if len(d.Factors) != 500 || len(d.Links) != 500/3 {
			t.Errorf("read back %d cards and %d links, want 500 and %d", len(d.Factors), len(d.Links), 500/3)
		}
		if want := export.Synthetic(500, 500/3, 1); !reflect.DeepEqual(d, want) {
			t.Error("the file is not export.Synthetic(500, 166, 1)")
		}
		if left := tmpLeftovers(t, h.dir); len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
		noDatabase(t)
	})
	t.Run("links, seed and zero cards", func(t *testing.T) {
		a, b, c, z := h.path("a.json"), h.path("b.json"), h.path("c.json"), h.path("zero.json")
		h.ok("synth", "--cards", "100", "--links", "7", "--seed", "42", "--out", a)
		h.ok("synth", "--seed=42", "--links=7", "--cards=100", "--out="+b)
		h.ok("synth", "--cards", "100", "--links", "7", "--seed", "43", "--out", c)
		h.ok("synth", "--cards", "0", "--out", z)
		if !bytes.Equal(mustRead(t, a), mustRead(t, b)) {
			t.Error("the same seed wrote two different files")
		}
		if bytes.Equal(mustRead(t, a), mustRead(t, c)) {
			t.Error("seeds 42 and 43 wrote the same file")
		}
		if d := readBack(t, a); len(d.Factors) != 100 || len(d.Links) != 7 {
			t.Errorf("--cards 100 --links 7 read back as %d cards and %d links", len(d.Factors), len(d.Links))
		}
		if d := readBack(t, z); len(d.Factors) != 0 {
			t.Errorf("--cards 0 read back as %d cards", len(d.Factors))
		}
		noDatabase(t)
	})
	t.Run("to standard output", func(t *testing.T) {
		out := h.ok("synth", "--cards", "3", "--out", "-")
		d, err := export.ReadJSON(strings.NewReader(out))
		if err != nil || len(d.Factors) != 3 {
			t.Errorf("synth --out - wrote something that reads back as %v cards (%v)", d, err)
		}
		noDatabase(t)
	})
	t.Run("imports", func(t *testing.T) {
		out := h.path("import.json")
		h.ok("synth", "--cards", "50", "--out", out)
		other := h.path("other.db")
		id := h.importFile(other, out)
		lines := h.listLines("--db", other)
		if len(lines) != 2 || !strings.Contains(lines[1], "50 factors") || !strings.HasPrefix(lines[1], strconv.FormatInt(id, 10)+"\t") {
			t.Errorf("list after importing = %q, want the sample and 50 factors", lines)
		}
	})

	out := h.path("refused.json")
	for _, c := range []struct {
		name string
		args []string
		code int
		says []string
	}{
		{"too many cards", []string{"--cards", "100001", "--out", out}, cli.ExitError, []string{"--cards must be a number of cards from 0 to 100000, not 100001"}},
		{"negative cards", []string{"--cards", "-1", "--out", out}, cli.ExitError, []string{"0 to 100000", "not -1"}},
		{"negative links", []string{"--cards", "10", "--links", "-2", "--out", out}, cli.ExitError, []string{"--links", "not -2"}},
		{"cards not a number", []string{"--cards", "lots", "--out", out}, cli.ExitUsage, []string{"-cards"}},
		{"no --cards", []string{"--out", out}, cli.ExitUsage, []string{"--cards N"}},
		{"no --out", []string{"--cards", "10"}, cli.ExitUsage, []string{"--out"}},
		{"extra argument", []string{"--cards", "10", "--out", out, "more"}, cli.ExitUsage, []string{`"more"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := h.run(append([]string{"--db", db, "synth"}, c.args...)...)
			checkError(t, r, c.code, c.says...)
			if r.stdout != "" {
				t.Errorf("a refused synth wrote %q to stdout", r.stdout)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused synth wrote %s", out)
			}
			noDatabase(t)
		})
	}
	t.Run("cannot write", func(t *testing.T) {
		bad := filepath.Join(h.dir, "nowhere", "out.json")
		r := h.run("synth", "--cards", "5", "--out", bad)
		checkError(t, r, cli.ExitError, "debrief: Cannot write "+bad+": ")
		noDatabase(t)
	})
}

func TestWindow(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
		open int64
	}{
		{"no command", nil, 0},
		{"--open 7", []string{"--open", "7"}, 7},
		{"--open=12 and --no-sample", []string{"--no-sample", "--open=12"}, 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			r := h.run(c.args...)
			if r.code != cli.ExitOK || r.stdout != "" || r.stderr != "" {
				t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			if len(h.gui) != 1 || h.gui[0] != (guiCall{h.defaultDB, c.open}) {
				t.Errorf("RunGUI calls = %+v, want one with (%s, %d)", h.gui, h.defaultDB, c.open)
			}
			for _, err := range h.guiLock {
				if err != nil {
					t.Error(err)
				}
			}
			// The lock is let go when the window closes.
			lock, err := store.LockInstance(h.defaultDB)
			if err != nil {
				t.Fatalf("the instance lock is still held after the window closed: %v", err)
			}
			lock.Release()
		})
	}
	t.Run("--db is passed on", func(t *testing.T) {
		h := newHarness(t)
		db := h.path("other.db")
		h.ok("--db", db, "--open", "3")
		if len(h.gui) != 1 || h.gui[0] != (guiCall{db, 3}) {
			t.Errorf("RunGUI calls = %+v, want one with (%s, 3)", h.gui, db)
		}
	})
	t.Run("no window in this build", func(t *testing.T) {
		h := newHarness(t)
		h.noGUI = true
		r := h.run()
		checkError(t, r, cli.ExitError, "no window")
		if _, err := os.Stat(h.defaultDB); !errors.Is(err, os.ErrNotExist) {
			t.Error("a database was created for a window that cannot open")
		}
	})
	t.Run("the window fails", func(t *testing.T) {
		h := newHarness(t)
		h.guiErr = errors.New("no display found")
		r := h.run("--open", "2")
		checkError(t, r, cli.ExitError, "No display found")
		if len(h.gui) != 1 {
			t.Errorf("RunGUI called %d times, want 1", len(h.gui))
		}
	})
}

func TestDefaultDB(t *testing.T) {
	t.Parallel()
	t.Run("used without --db", func(t *testing.T) {
		h := newHarness(t)
		lines := h.listLines()
		if len(lines) != 1 {
			t.Errorf("list of the default database = %q, want the sample", lines)
		}
		st, err := os.Stat(h.defaultDB)
		if err != nil {
			t.Fatalf("the default database was not created: %v", err)
		}
		if st.Mode().Perm() != 0o600 || !st.Mode().IsRegular() {
			t.Errorf("default database mode = %v, want a file with mode 0600", st.Mode())
		}
		if dst, err := os.Stat(filepath.Dir(h.defaultDB)); err != nil || dst.Mode().Perm() != 0o700 {
			t.Errorf("data folder mode = %v (%v), want 0700", dst.Mode().Perm(), err)
		}
	})
	t.Run("not used with --db", func(t *testing.T) {
		h := newHarness(t)
		h.listLines("--db", h.path("mine.db"))
		if _, err := os.Stat(h.defaultDB); !errors.Is(err, os.ErrNotExist) {
			t.Error("the default database was created although --db was given")
		}
	})
	t.Run("cannot be found", func(t *testing.T) {
		h := newHarness(t)
		h.dbErr = errors.New("$HOME is not defined")
		r := h.run("list")
		checkError(t, r, cli.ExitError, "debrief: Find Debrief's data folder: $HOME is not defined.")
	})
}

// TestWindowShowsWhyTheDatabaseCannotOpen: started for the window on a
// file it refuses, Debrief shows the problem in a window (OpenFailed), and
// when that window is closed without a restore it exits 1 with the same
// sentence on stderr. The file is untouched.
func TestWindowShowsWhyTheDatabaseCannotOpen(t *testing.T) {
	h := newHarness(t)
	h.showProblems = true
	random := h.path("random.db")
	noise := make([]byte, 4096)
	rand.New(rand.NewSource(3)).Read(noise)
	mustWrite(t, random, noise)
	r := h.run("--db", random)
	checkError(t, r, cli.ExitError, random, "not a database file")
	if len(h.problems) != 1 || !errors.Is(h.problems[0], store.ErrNotSQLite) {
		t.Fatalf("problem windows: %v, want one for a file that is not a database", h.problems)
	}
	if len(h.gui) != 0 {
		t.Error("the main window opened")
	}
	if !bytes.Equal(mustRead(t, random), noise) {
		t.Error("the refused file changed")
	}
	// Commands other than the window only print.
	checkError(t, h.run("--db", random, "list"), cli.ExitError, random)
	if len(h.problems) != 1 {
		t.Error("list opened a problem window")
	}
}
