package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// WriteFile writes an export to path, by what is there:
//
//   - nothing: a new file, made as the umask says (0644 under umask 022,
//     0600 under umask 077), like any program's;
//   - a regular file: it is replaced, keeping its permissions (a 0600 file
//     stays 0600);
//   - a symbolic link to a regular file: that file is replaced, as above,
//     and the link stays;
//   - a named pipe (FIFO) or a character device (/dev/null, a terminal,
//     /dev/stdout when it is one), directly or through a link: the export
//     is written into it as a stream; it is never replaced. A stream that
//     fails half-way has had part of the export;
//   - a folder, a link to nothing, a socket or a block device: refused,
//     with a sentence that says what it is.
//
// A file is written safely: write fills a temporary file in its folder,
// which is synced and renamed over it only when everything succeeded. A
// failure leaves no partial file and the old file, if any, as it was.
// Temporary files of this naming left in that folder by an export that was
// killed are removed first (see removeStaleTemps). The error names the
// path and says what went wrong.
func WriteFile(path string, write func(w io.Writer) error) error {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %w", path, pathless(err)) }
	target, keep, stream, err := destination(path)
	if err != nil {
		return fail(err)
	}
	if stream {
		return writeStream(path, write, fail)
	}
	dir := filepath.Dir(target)
	removeStaleTemps(dir, time.Now())
	f, err := createTemp(dir, keep)
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && keep != nil {
		err = os.Chmod(tmp, *keep) // the replaced file's, whatever the umask
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return nil
}

// destination looks at what is at path. It returns the regular file to
// make or replace (path, or the file a link names) and the permissions to
// keep (nil for a new file: the umask decides), or that path is to be
// written as a stream.
func destination(path string) (target string, keep *fs.FileMode, stream bool, err error) {
	perm := func(fi fs.FileInfo) *fs.FileMode { p := fi.Mode().Perm(); return &p }
	lst, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, nil, false, nil
	case err != nil:
		return "", nil, false, err
	case lst.Mode().IsRegular():
		return path, perm(lst), false, nil
	}
	st := lst
	if lst.Mode()&fs.ModeSymlink != 0 {
		// The kernel follows the link (and refuses to where it must, as
		// in a sticky folder such as /tmp).
		if st, err = os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return "", nil, false, errors.New("it is a symbolic link to something that does not exist")
		} else if err != nil {
			return "", nil, false, err
		}
		if st.Mode().IsRegular() {
			resolved, err := filepath.EvalSymlinks(path)
			if err != nil {
				return "", nil, false, err
			}
			if rst, err := os.Stat(resolved); err != nil || !os.SameFile(rst, st) {
				return "", nil, false, errors.New("it is a symbolic link that changed while it was read")
			}
			return resolved, perm(st), false, nil
		}
	}
	m := st.Mode()
	switch {
	case m.IsDir():
		return "", nil, false, errors.New("it is a folder; choose a file name in it")
	case m&fs.ModeNamedPipe != 0, m&fs.ModeCharDevice != 0:
		return path, nil, true, nil
	case m&fs.ModeSocket != 0:
		return "", nil, false, errors.New("it is a socket, not a file")
	case m&fs.ModeDevice != 0:
		return "", nil, false, errors.New("it is a block device (a disk), not a file")
	}
	return "", nil, false, errors.New("it is not a regular file")
}

// writeStream writes into the named pipe or character device at path,
// which is opened, never made, truncated or replaced.
func writeStream(path string, write func(w io.Writer) error, fail func(error) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fail(err)
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// tempPrefix and tempSuffix frame the names of WriteFile's temporary
// files: ".debrief-" digits ".tmp", hidden and never taken for an export.
const tempPrefix, tempSuffix = ".debrief-", ".tmp"

// tempName matches those names and nothing else.
var tempName = regexp.MustCompile(`^\.debrief-[0-9]+\.tmp$`)

// createTemp makes a new temporary file in dir. With keep nil it is made
// with mode 0666 less the umask, as the export will be; else with 0600,
// to be given *keep once written.
func createTemp(dir string, keep *fs.FileMode) (*os.File, error) {
	perm := fs.FileMode(0o666)
	if keep != nil {
		perm = 0o600
	}
	for range 10000 {
		name := filepath.Join(dir, tempPrefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+tempSuffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: dir, Err: fs.ErrExist}
}

// staleTemp is how long a temporary file of WriteFile's must have been
// left alone before it counts as left behind by an export that was killed:
// one in progress is written as it goes, so its time stays fresh.
const staleTemp = 10 * time.Minute

// removeStaleTemps removes the regular files in dir named as WriteFile
// names its temporary files and last modified staleTemp or more before
// now. Nothing else is touched; failures are ignored.
func removeStaleTemps(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !tempName.MatchString(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) >= staleTemp {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// pathless drops an *os.PathError or *os.LinkError wrapper, so the message
// names the path once.
func pathless(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
