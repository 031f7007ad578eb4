//go:build unix

package export

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func modeOf(t *testing.T, path string) fs.FileMode {
	t.Helper()
	st, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()
}

// TestWriteFileRespectsTheUmask: a new export is made as the umask says
// (0600 under umask 077, never world-readable then), and replacing a file
// keeps its permissions, whatever the umask.
func TestWriteFileRespectsTheUmask(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)

	private := filepath.Join(dir, "private.pdf")
	if err := WriteFile(private, writeString("secret")); err != nil {
		t.Fatal(err)
	}
	if m := modeOf(t, private).Perm(); m != 0o600 {
		t.Errorf("new export under umask 077: mode %v, want 0600", m)
	}

	syscall.Umask(0o022)
	shared := filepath.Join(dir, "shared.pdf")
	if err := WriteFile(shared, writeString("open")); err != nil {
		t.Fatal(err)
	}
	if m := modeOf(t, shared).Perm(); m != 0o644 {
		t.Errorf("new export under umask 022: mode %v, want 0644", m)
	}
	// Replacing keeps the file's own mode, narrower or wider than the umask's.
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o664} {
		p := filepath.Join(dir, "existing-"+mode.String()+".json")
		os.WriteFile(p, []byte("old"), 0o600)
		os.Chmod(p, mode)
		if err := WriteFile(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, p).Perm(); m != mode {
			t.Errorf("replacing a %v file made it %v", mode, m)
		}
		if b, _ := os.ReadFile(p); string(b) != "new" {
			t.Errorf("the %v file holds %q", mode, b)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteFileToAFolderSaysSo: --out naming a folder is refused with
// "is a folder", and nothing is made in it.
func TestWriteFileToAFolderSaysSo(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "reports")
	os.Mkdir(folder, 0o700)
	err := WriteFile(folder, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), folder+": it is a folder") || strings.Contains(err.Error(), "file exists") {
		t.Errorf("err = %v, want it to say %s is a folder", err, folder)
	}
	if entries, _ := os.ReadDir(folder); len(entries) > 0 {
		t.Errorf("the folder has %d entries", len(entries))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteFileIntoANamedPipe: an export to a named pipe is written into
// it (someone reads the other end); the pipe is not replaced by a file.
func TestWriteFileIntoANamedPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(pipe) // waits for the writer
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	done := make(chan error, 1)
	go func() { done <- WriteFile(pipe, writeString("through the pipe")) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("WriteFile into a named pipe with a reader did not end")
	}
	select {
	case b := <-got:
		if string(b) != "through the pipe" {
			t.Errorf("the reader got %q", b)
		}
	case <-time.After(5 * time.Second):
		t.Error("nothing came through the pipe: it was replaced")
	}
	if m := modeOf(t, pipe); m&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe is now %v", m)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteFileIntoACharacterDevice: an export to /dev/null through a link
// (as /dev/stdout is one), or to a character device itself (made with
// mknod when the test runs as root, as in CI), is written into it: the
// device and the link stay what they were.
func TestWriteFileIntoACharacterDevice(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "null-link")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, writeString("into the void")); err != nil {
		t.Fatal(err)
	}
	if m := modeOf(t, link); m&fs.ModeSymlink == 0 {
		t.Errorf("the link to /dev/null is now %v", m)
	}
	if m := modeOf(t, "/dev/null"); m&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v", m)
	}
	if os.Geteuid() == 0 {
		// A null device of our own: only root may make one.
		dev := filepath.Join(dir, "null")
		if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
			t.Fatal(err)
		}
		usable := true
		if f, err := os.OpenFile(dev, os.O_WRONLY, 0); err != nil {
			usable = false // a folder mounted nodev: it cannot be opened, but must not be replaced
			t.Logf("the device cannot be opened here (%v)", err)
		} else {
			f.Close()
		}
		err := WriteFile(dev, writeString("into our void"))
		if usable && err != nil {
			t.Errorf("WriteFile into a character device: %v", err)
		}
		if m := modeOf(t, dev); m&fs.ModeCharDevice == 0 {
			t.Errorf("the character device is now %v", m)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteFileThroughALink: an export to a link to a file replaces the
// file (keeping its mode), and the link stays a link; a link to nothing is
// refused with a sentence and nothing is made.
func TestWriteFileThroughALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.md")
	os.WriteFile(target, []byte("old"), 0o600)
	os.Chmod(target, 0o640)
	link := filepath.Join(dir, "link.md")
	os.Symlink("real.md", link)
	if err := WriteFile(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if m := modeOf(t, link); m&fs.ModeSymlink == 0 {
		t.Errorf("the link is now %v", m)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("the file the link names holds %q", b)
	}
	if m := modeOf(t, target).Perm(); m != 0o640 {
		t.Errorf("the file the link names is now %v, want 0640", m)
	}

	dangling := filepath.Join(dir, "dangling.md")
	os.Symlink("nowhere.md", dangling)
	err := WriteFile(dangling, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "symbolic link to something that does not exist") {
		t.Errorf("err = %v, want a link to nothing refused", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere.md")); err == nil {
		t.Error("a file was made where the link points")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestWriteFileCleansStaleTemps: a temporary file an export killed with
// kill -9 left beside its target is removed by the next export into that
// folder, once untouched for minutes; a fresh one (an export in progress)
// and files of other names are left alone.
func TestWriteFileCleansStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	file := func(name string, at time.Time) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("left"), 0o600)
		os.Chtimes(p, at, at)
		return p
	}
	stale := file(".debrief-1234567.tmp", old)
	kept := []string{
		file(".debrief-7654321.tmp", time.Now()),
		file(".debrief-abc.tmp", old),
		file("debrief-1234.tmp", old),
		file(".debrief-1234.tmp.bak", old),
		file(".debriefs-1234.tmp", old),
		file("notes.txt", old),
	}
	if err := WriteFile(filepath.Join(dir, "out.json"), writeString("{}")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(stale); err == nil {
		t.Errorf("%s is still there", stale)
	}
	for _, p := range kept {
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(b, []byte("left")) {
			t.Errorf("%s was touched (%v)", p, err)
		}
	}
}
