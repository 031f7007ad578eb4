//go:build unix

package store_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/store"
)

// within runs fn and fails the test if it has not returned in time (an
// open of a named pipe waits for a writer for ever).
func within(t *testing.T, d time.Duration, fn func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		t.Fatalf("still waiting after %v", d)
		return nil
	}
}

// TestRestoreAndOpenRefuseANamedPipe: restore --from a named pipe, or a
// database path that is one, is refused at once with a sentence, instead
// of waiting for ever for something to write into it.
func TestRestoreAndOpenRefuseANamedPipe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "debrief.db")
	fill(t, path, "current", 2)
	pipe := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	before := treeState(t, dir)
	err := within(t, 10*time.Second, func() error { _, err := store.Restore(path, pipe); return err })
	if err == nil || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("Restore from a named pipe = %v, want it refused as a named pipe", err)
	}
	diffTrees(t, before, treeState(t, dir))

	err = within(t, 10*time.Second, func() error {
		db, err := store.Open(pipe)
		if err == nil {
			db.Close()
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "it is a named pipe (FIFO), not a file") || !strings.Contains(err.Error(), pipe) {
		t.Errorf("Open of a named pipe = %v, want it refused as a named pipe", err)
	}
	diffTrees(t, before, treeState(t, dir))
}
