package store_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
)

// TestInstanceLockAcrossProcesses: a child process holds the lock and
// watches; this process is refused with the child's id, asks it to come
// forward, and gets the lock once the child is killed outright.
func TestInstanceLockAcrossProcesses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := filepath.Join(dir, "debrief.db")
	c := startChild(t, "lock", "DEBRIEF_TEST_DB="+db)
	if got, want := c.line(), fmt.Sprintf("locked %d", c.cmd.Process.Pid); got != want {
		t.Fatalf("child said %q, want %q", got, want)
	}
	if st, err := os.Stat(db + ".lock"); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v (%v), want mode 0600", st, err)
	}

	_, err := store.LockInstance(db)
	var inUse *store.InUseError
	if !errors.As(err, &inUse) || !errors.Is(err, store.ErrInUse) {
		t.Fatalf("LockInstance while the child holds it: %v, want an *InUseError", err)
	}
	if inUse.PID != c.cmd.Process.Pid || inUse.Path != db {
		t.Errorf("InUseError = %+v, want the child's id %d and %s", inUse, c.cmd.Process.Pid, db)
	}
	if msg := err.Error(); !strings.Contains(msg, db) || !strings.Contains(msg, fmt.Sprint(c.cmd.Process.Pid)) {
		t.Errorf("message %q should name the file and the process", msg)
	}

	for _, id := range []int64{42, 0} {
		if err := store.AskToShow(db, id, time.Minute); err != nil {
			t.Fatalf("AskToShow(%d): %v", id, err)
		}
		if got, want := c.line(), fmt.Sprintf("shown %d", id); got != want {
			t.Errorf("child said %q, want %q", got, want)
		}
		if _, err := os.Stat(db + ".show"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the request file is still there (%v)", err)
		}
	}

	// Killed outright (SIGKILL on Unix), the child cannot let go itself:
	// the system does.
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatalf("LockInstance after the holder was killed: %v", err)
	}
	if err := lock.Release(); err != nil {
		t.Error(err)
	}
}

func TestInstanceLockInOneProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "debrief.db")
	a, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.LockInstance(db)
	var inUse *store.InUseError
	if !errors.As(err, &inUse) || inUse.PID != os.Getpid() {
		t.Fatalf("second LockInstance: %v, want an *InUseError with this process's id", err)
	}
	if err := a.Release(); err != nil {
		t.Fatal(err)
	}
	if err := a.Release(); err != nil {
		t.Errorf("releasing twice: %v", err)
	}
	b, err := store.LockInstance(db)
	if err != nil {
		t.Fatalf("LockInstance after Release: %v", err)
	}
	b.Release()
}

func TestAskToShowWithNobodyWatching(t *testing.T) {
	db := filepath.Join(t.TempDir(), "debrief.db")
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	err = store.AskToShow(db, 7, 200*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), db) || !strings.Contains(err.Error(), "does not answer") {
		t.Errorf("AskToShow with nobody watching: %v, want an error naming the file that says it does not answer", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(db))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".show") {
			t.Errorf("%s was left behind", e.Name())
		}
	}
}

func TestWatchTakesOneRequestAtATime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "debrief.db")
	lock, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	// A request left from before the lock was taken is not for this holder.
	os.WriteFile(db+".show", []byte("99\n"), 0o600)
	lock.Release()
	lock, err = store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if _, err := os.Stat(db + ".show"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a stale request survived taking the lock (%v)", err)
	}

	shown := make(chan int64, 4)
	stop := lock.Watch(5*time.Millisecond, func(id int64) { shown <- id })
	for _, id := range []int64{3, 5} {
		if err := store.AskToShow(db, id, time.Minute); err != nil {
			t.Fatal(err)
		}
		if got := <-shown; got != id {
			t.Errorf("shown %d, want %d", got, id)
		}
	}
	stop()
	stop() // twice is harmless
	if err := store.AskToShow(db, 8, 100*time.Millisecond); err == nil {
		t.Error("a request was taken after stop")
	}
	select {
	case id := <-shown:
		t.Errorf("show(%d) called after stop", id)
	default:
	}
}

// TestTwoProcessesWriteOneFile: two processes write 300 transactions each
// into one database at once; every row is kept and the file is sound.
func TestTwoProcessesWriteOneFile(t *testing.T) {
	const each = 300
	db := filepath.Join(t.TempDir(), "shared.db")
	h, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	h.Close()

	who := []string{"A", "B"}
	var children []*child
	for _, w := range who {
		children = append(children, startChild(t, "write", "DEBRIEF_TEST_DB="+db, "DEBRIEF_TEST_WHO="+w, fmt.Sprintf("DEBRIEF_TEST_N=%d", each)))
	}
	for _, c := range children {
		if got := c.line(); got != "ready" {
			t.Fatalf("child said %q, want ready", got)
		}
	}
	start := time.Now()
	for _, c := range children {
		fmt.Fprintln(c.stdin, "go")
	}
	for _, c := range children {
		if got := c.line(); got != "done" {
			t.Fatalf("child said %q, want done", got)
		}
		c.wait()
	}
	t.Logf("two processes wrote %d transactions each in %v", each, time.Since(start))

	raw := rawOpen(t, db)
	defer raw.Close()
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q (%v)", ok, err)
	}
	for _, w := range who {
		for i := 0; i < each; i++ {
			var n int
			err := raw.QueryRow(`SELECT count(*) FROM debrief d JOIN factor f ON f.debrief_id = d.id
				WHERE d.title = ? AND f.text = ?`, fmt.Sprintf("%s %d", w, i), fmt.Sprintf("card of %s %d", w, i)).Scan(&n)
			if err != nil || n != 1 {
				t.Fatalf("debrief %q with its card: %d rows (%v), want 1", fmt.Sprintf("%s %d", w, i), n, err)
			}
		}
	}
	// How often the writer changes along the ids: a measure of how much
	// the two processes overlapped (logged, not checked: it depends on
	// the scheduler).
	rows, err := raw.Query(`SELECT substr(title, 1, 1) FROM debrief ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	switches, last := 0, ""
	for rows.Next() {
		var w string
		rows.Scan(&w)
		if last != "" && w != last {
			switches++
		}
		last = w
	}
	rows.Close()
	t.Logf("the writer changes %d times along the %d debriefs", switches, 2*each)
	var debriefs, factors int
	raw.QueryRow(`SELECT (SELECT count(*) FROM debrief), (SELECT count(*) FROM factor)`).Scan(&debriefs, &factors)
	if debriefs != 2*each || factors != 2*each {
		t.Errorf("%d debriefs and %d cards, want %d of each", debriefs, factors, 2*each)
	}
}
