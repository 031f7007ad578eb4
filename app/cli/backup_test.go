package cli_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// makeDB makes a Debrief database at path with one debrief per title, each
// with cards cards, and closes it (so its -wal is checkpointed).
func makeDB(t *testing.T, path string, cards int, titles ...string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range titles {
		d := &model.Dossier{Debrief: model.NewDebrief(title)}
		for i := 0; i < cards; i++ {
			d.Factors = append(d.Factors, model.Factor{ID: int64(i + 1), Text: fmt.Sprintf("card %d", i), Category: model.Process, W: 1, H: 1})
		}
		if _, err := db.ImportDossier(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// makeCut makes a real database of 300 cards at path and cuts it to half
// its size.
func makeCut(t *testing.T, path string) {
	t.Helper()
	makeDB(t, path, 300, "cut short")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// titlesIn lists the titles 'debrief list' shows, in its order.
func (h *harness) titlesIn(db string) []string {
	h.t.Helper()
	var out []string
	for _, l := range h.listLines("--no-sample", "--db", db) {
		m := listLine.FindStringSubmatch(l)
		if m == nil {
			h.t.Fatalf("list line %q", l)
		}
		out = append(out, m[5])
	}
	return out
}

func TestBackupCommands(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("data/debrief.db")
	if out := h.ok("--db", db, "backups"); out != "" {
		t.Errorf("backups with none printed %q, want nothing", out)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Error("backups created the database")
	}

	makeDB(t, db, 2, "first")
	out := h.ok("--db", db, "backup")
	path := strings.TrimSuffix(out, "\n")
	if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 || filepath.Dir(path) != store.BackupsDir(db) {
		t.Fatalf("backup printed %q, want the backup's path in %s on a line of its own", out, store.BackupsDir(db))
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the backup: %v (%v), want a file with mode 0600", st, err)
	}

	list, err := store.ListBackups(db)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListBackups = %v, %v", list, err)
	}
	b := list[0]
	want := fmt.Sprintf("%s\tdaily\t%s\t%s\n", b.Taken.Local().Format("2006-01-02 15:04:05"), sizeText(b.Size), path)
	if got := h.ok("--db", db, "backups"); got != want {
		t.Errorf("backups printed %q, want %q", got, want)
	}

	// Other kinds say why they were taken.
	os.WriteFile(filepath.Join(store.BackupsDir(db), "debrief-20200101T000000Z-before-v2.db"), make([]byte, 3*1024*1024/2), 0o600)
	os.WriteFile(filepath.Join(store.BackupsDir(db), "debrief-20190101T000000Z-replaced.db"), make([]byte, 700), 0o600)
	lines := strings.Split(strings.TrimSuffix(h.ok("--db", db, "backups"), "\n"), "\n")
	row := regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\t([a-z ]+)\t([0-9.]+ [KMG]?B)\t(.+)$`)
	wantKinds := []string{"daily", "before an upgrade", "replaced by a restore"}
	wantSizes := []string{sizeText(b.Size), "1.5 MB", "700 B"}
	if len(lines) != 3 {
		t.Fatalf("backups printed %q, want three lines", lines)
	}
	for i, l := range lines {
		m := row.FindStringSubmatch(l)
		if m == nil || m[1] != wantKinds[i] || m[2] != wantSizes[i] {
			t.Errorf("line %d = %q, want time, %q, %q, path", i, l, wantKinds[i], wantSizes[i])
		}
	}

	for _, cmd := range []string{"backup", "backups"} {
		r := h.run("--db", db, cmd, "extra")
		checkError(t, r, cli.ExitUsage, `takes no arguments, got "extra"`)
	}
}

// sizeText is how backups writes a size in KB (backups of small test
// databases are a few KB).
func sizeText(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

func TestRestoreCommand(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("data/debrief.db")
	makeDB(t, db, 3, "in the backup")
	backup := strings.TrimSuffix(h.ok("--db", db, "backup"), "\n")
	makeDB(t, db, 3, "after the backup")
	if got := h.titlesIn(db); len(got) != 2 {
		t.Fatalf("before the restore: %q", got)
	}

	out := h.ok("--db", db, "restore", "--from", backup)
	m := regexp.MustCompile(`^Restored (.+) into (.+)\. The database it replaced is kept at (.+)\.\n$`).FindStringSubmatch(out)
	if m == nil || m[1] != backup || m[2] != db {
		t.Fatalf("restore printed %q, want \"Restored %s into %s. The database it replaced is kept at ….\"", out, backup, db)
	}
	kept := m[3]
	if got := h.titlesIn(db); len(got) != 1 || got[0] != "in the backup" {
		t.Errorf("after the restore: %q, want the backup's one debrief", got)
	}
	if got := h.titlesIn(kept); len(got) != 2 {
		t.Errorf("the kept copy holds %q, want both debriefs", got)
	}
	if _, err := os.Stat(db + ".lock"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the lock file was left (%v)", err)
	}

	t.Run("into a database that is not there", func(t *testing.T) {
		fresh := h.path("fresh/debrief.db")
		if out := h.ok("--db", fresh, "restore", "--from", backup); out != "Restored "+backup+" into "+fresh+".\n" {
			t.Errorf("restore printed %q", out)
		}
		if got := h.titlesIn(fresh); len(got) != 1 {
			t.Errorf("restored database holds %q", got)
		}
	})
	t.Run("the default database", func(t *testing.T) {
		if out := h.ok("restore", "--from", backup); !strings.HasPrefix(out, "Restored "+backup+" into "+h.defaultDB+".") {
			t.Errorf("restore printed %q", out)
		}
	})
}

// TestRestoreOverADatabaseThatCannotOpen: the point of restoring.
func TestRestoreOverADatabaseThatCannotOpen(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("debrief.db")
	makeDB(t, db, 300, "good")
	backup := strings.TrimSuffix(h.ok("--db", db, "backup"), "\n")
	st, _ := os.Stat(db)
	os.Truncate(db, st.Size()/2)
	cut := mustRead(t, db)

	r := h.run("--db", db, "list")
	checkError(t, r, cli.ExitError, db, "cut short", "debrief --db "+db+" restore --from FILE", "backups are in "+store.BackupsDir(db))

	out := h.ok("--db", db, "restore", "--from", backup)
	kept := regexp.MustCompile(`kept at (.+)\.\n$`).FindStringSubmatch(out)
	if kept == nil {
		t.Fatalf("restore printed %q", out)
	}
	if got := h.titlesIn(db); len(got) != 1 || got[0] != "good" {
		t.Errorf("after the restore: %q", got)
	}
	if string(mustRead(t, kept[1])) != string(cut) {
		t.Error("the kept copy is not the cut file")
	}
}

func TestRestoreRefusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("data/debrief.db")
	makeDB(t, db, 3, "current")
	noise := h.path("noise.db")
	mustWrite(t, noise, []byte(strings.Repeat("not a database ", 500)))
	cut := h.path("cut.db")
	makeCut(t, cut)

	cases := []struct {
		name string
		args []string
		code int
		says []string
	}{
		{"no --from", []string{"restore"}, cli.ExitUsage, []string{"Restore needs --from FILE"}},
		{"an argument", []string{"restore", "--from", noise, "more"}, cli.ExitUsage, []string{`"more"`}},
		{"random bytes", []string{"restore", "--from", noise}, cli.ExitError, []string{"Cannot restore from " + noise + ": it is not a database file; nothing was changed."}},
		{"cut short", []string{"restore", "--from", cut}, cli.ExitError, []string{"Cannot restore from " + cut + ": ", "cut short", "nothing was changed"}},
		{"missing", []string{"restore", "--from", h.path("missing.db")}, cli.ExitError, []string{h.path("missing.db"), "nothing was changed"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := treeOf(t, h.dir)
			r := h.run(append([]string{"--db", db}, c.args...)...)
			checkError(t, r, c.code, c.says...)
			if r.stdout != "" {
				t.Errorf("stdout = %q", r.stdout)
			}
			if after := treeOf(t, h.dir); after != before {
				t.Errorf("a refused restore changed files:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}

	t.Run("the window is open", func(t *testing.T) {
		backup := strings.TrimSuffix(h.ok("--db", db, "backup"), "\n")
		lock, err := store.LockInstance(db)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		before := treeOf(t, h.dir)
		r := h.run("--db", db, "restore", "--from", backup)
		checkError(t, r, cli.ExitError, fmt.Sprintf("debrief: Debrief is open on %s (process %d); close it first, or use File > Restore from backup… in its window.", db, os.Getpid()))
		if after := treeOf(t, h.dir); after != before {
			t.Errorf("a refused restore changed files:\nbefore:\n%s\nafter:\n%s", before, after)
		}
	})
}

// treeOf describes every file under dir: path, mode and contents.
func treeOf(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %v", path, info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %d bytes, hash %x", len(data), hash(data))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// hash is FNV-1a of data: enough to tell a changed file.
func hash(data []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range data {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func TestWindowHandsOverToTheOpenOne(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("debrief.db")
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	shown := make(chan int64, 1)
	stop := lock.Watch(5*time.Millisecond, func(id int64) { shown <- id })
	defer stop()

	out := h.ok("--db", db, "--open", "5")
	if want := "Debrief is already open on " + db + "; brought its window forward.\n"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	if id := <-shown; id != 5 {
		t.Errorf("the open window was asked to show %d, want 5", id)
	}
	if len(h.gui) != 0 {
		t.Error("a second window was started")
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the second Debrief opened the database")
	}
}

func TestWindowWhenTheOpenOneDoesNotAnswer(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("debrief.db")
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release() // held, but nobody watches

	r := h.run("--db", db)
	checkError(t, r, cli.ExitError, fmt.Sprintf("debrief: Debrief is already open on %s (process %d) but does not answer", db, os.Getpid()), "switch to its window")
	if r.stdout != "" {
		t.Errorf("stdout = %q", r.stdout)
	}
	if len(h.gui) != 0 {
		t.Error("a second window was started")
	}
	if _, err := os.Stat(db + ".show"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the request was left (%v)", err)
	}
}
