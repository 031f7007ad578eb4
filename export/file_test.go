package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".debrief-*.tmp"))
	return m
}

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	for _, data := range []string{"first, longer", "second"} {
		err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, data); return err })
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != data {
			t.Errorf("file holds %q, want %q", got, data)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	os.WriteFile(path, []byte("old"), 0o644)
	boom := errors.New("disk full")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return boom
	})
	if !errors.Is(err, boom) || strings.Count(err.Error(), path) != 1 {
		t.Errorf("err = %v, want boom naming %s once", err, path)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("a failed write changed the old file to %q", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
	// A folder that does not exist, and a "folder" that is a file.
	for _, bad := range []string{filepath.Join(dir, "missing", "x.pdf"), filepath.Join(path, "x.pdf")} {
		err := WriteFile(bad, func(w io.Writer) error { return nil })
		if err == nil || strings.Count(err.Error(), bad) != 1 {
			t.Errorf("WriteFile(%s) = %v, want an error naming it once", bad, err)
		}
	}
}
