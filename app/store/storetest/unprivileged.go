//go:build unix

package storetest

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// unprivilegedEnv marks the copy of a test that Unprivileged runs as
// another user.
const unprivilegedEnv = "DEBRIEF_TEST_UNPRIVILEGED"

// nobody is the user a root test runs as (nobody/nogroup on Debian).
const nobody = 65534

// Unprivileged runs fn where file permissions hold: file modes mean
// nothing to root, so a test about a read-only folder would prove nothing
// as root. Run by an ordinary user, fn runs here. Run by root (as in CI),
// the test binary runs this test again as user nobody, with a temporary
// folder and home of its own, and fn runs there; its failures fail this
// test. fn gets a folder it may make read-only; on unix only.
func Unprivileged(t *testing.T, fn func(t *testing.T, dir string)) {
	t.Helper()
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		t.Cleanup(func() {
			filepath.WalkDir(dir, func(p string, _ os.DirEntry, _ error) error { return os.Chmod(p, 0o700) })
		})
		fn(t, dir)
		return
	}
	if os.Getenv(unprivilegedEnv) != "" {
		t.Fatal("still root in the unprivileged copy of the test")
	}
	// A folder nobody owns, holding a copy of the test binary (the build
	// cache is root's alone) and serving as the child's TMPDIR and HOME.
	root, err := os.MkdirTemp("", "debrief-unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	bin := filepath.Join(root, "test.bin")
	copyFile(t, os.Args[0], bin)
	tmp := filepath.Join(root, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{root, bin} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chown(tmp, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+strings.ReplaceAll(t.Name(), "/", "$/^")+"$", "-test.v", "-test.count=1")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), unprivilegedEnv+"=1", "TMPDIR="+tmp, "HOME="+tmp, "XDG_CONFIG_HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as user nobody (uid %d), the test failed (%v):\n%s", nobody, err, out)
	}
	t.Logf("ran as user nobody (uid %d):\n%s", nobody, out)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
