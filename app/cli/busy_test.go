package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/assets"
)

// syncBuffer is a bytes.Buffer for a command running on another goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// holdWriteLock has another connection write the database at path, as
// sqlite3 running "BEGIN IMMEDIATE;" would, until release is called.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	ctx := context.Background()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
				t.Error(err)
			}
			conn.Close()
			raw.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// runAsync runs cli.Main on a goroutine of its own.
func runAsync(args []string, stdin string) (stdout, stderr *syncBuffer, done chan int) {
	stdout, stderr, done = &syncBuffer{}, &syncBuffer{}, make(chan int, 1)
	env := cli.Env{Version: "test", Stdin: strings.NewReader(stdin), Stdout: stdout, Stderr: stderr,
		DefaultDB: func() (string, error) { return "", nil }}
	go func() { done <- cli.Main(args, env) }()
	return stdout, stderr, done
}

// TestListWhileAnotherProgramWrites: list reads a database another
// program is writing, at once: it needs no write lock, and nothing is said
// of damage or backups.
func TestListWhileAnotherProgramWrites(t *testing.T) {
	h := newHarness(t)
	db := h.path("d.db")
	makeDB(t, db, 2, "being written")
	holdWriteLock(t, db)
	start := time.Now()
	r := h.run("--db", db, "list")
	if r.code != cli.ExitOK || r.stderr != "" || !strings.Contains(r.stdout, "being written") {
		t.Fatalf("list while another program writes: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("list took %v: it waited for the write lock", d)
	}
}

// TestImportWaitsForABusyDatabase: import into a database another program
// is writing says it waits, waits, and imports once the other is done.
func TestImportWaitsForABusyDatabase(t *testing.T) {
	h := newHarness(t)
	db := h.path("d.db")
	makeDB(t, db, 2, "first")
	release := holdWriteLock(t, db)
	stdout, stderr, done := runAsync([]string{"--db", db, "import", "-"}, string(assets.Sample()))
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), "busy (another program is writing it); waiting") {
		select {
		case code := <-done:
			t.Fatalf("import ended (exit %d) without waiting: stderr %q", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("import did not say it waits; stderr %q", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	release()
	select {
	case code := <-done:
		if code != cli.ExitOK {
			t.Fatalf("import after the wait: exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("import did not end after the other program finished")
	}
	if got := stderr.String(); got != "debrief: the database is busy (another program is writing it); waiting…\n" {
		t.Errorf("stderr = %q, want the one line saying it waits", got)
	}
	if out := stdout.String(); strings.TrimSpace(out) == "" {
		t.Error("no id printed")
	}
	if lines := h.listLines("--db", db); len(lines) != 2 {
		t.Errorf("after the import list shows %q", lines)
	}
}
