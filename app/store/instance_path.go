package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Where a database really is. A database can be reached by more than one
// path: through a symbolic link to the file, or through a link to one of
// its folders. The instance lock, the hand-over request, the -wal and
// -shm files SQLite keeps beside it, the backups and a restore must all
// be about the file itself, whichever path was given; messages still name
// the path as given.

// maxLinks is how many symbolic links realPath follows before it gives up
// (as the system does, with ELOOP).
const maxLinks = 255

var errTooManyLinks = errors.New("too many levels of symbolic links")

// realPath is the absolute path of the file path names once every
// symbolic link along it is followed. What does not exist yet is resolved
// as far as it does: a link that points at nothing yet is followed to
// where it points, and a missing file's folder is resolved, so the path a
// new database will have is its real path too.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return resolve(abs, 0)
}

func resolve(abs string, links int) (string, error) {
	real, err := filepath.EvalSymlinks(abs)
	if err == nil {
		return real, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	dir := filepath.Dir(abs)
	if dir == abs {
		return abs, nil // the root
	}
	rdir, err := resolve(dir, links)
	if err != nil {
		return "", err
	}
	file := filepath.Join(rdir, filepath.Base(abs))
	st, err := os.Lstat(file)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return file, nil // not there yet (or there, but nothing to follow)
	}
	// A link to nothing (yet): follow it.
	if links >= maxLinks {
		return "", &fs.PathError{Op: "resolve", Path: abs, Err: errTooManyLinks}
	}
	target, err := os.Readlink(file)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(rdir, target)
	}
	return resolve(target, links+1)
}

// located is where the database at path is: its absolute path as given
// when the file itself is not a symbolic link (its folder is then the
// same folder whichever way it was reached, and messages keep the user's
// spelling), else the real path of the file the link leads to. When the
// path cannot be resolved (a folder that cannot be searched, say) it is
// the absolute path as given: opening it says what is wrong.
func located(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	real, err := realPath(abs)
	if err != nil {
		return abs
	}
	if dir, err := realPath(filepath.Dir(abs)); err == nil && real == filepath.Join(dir, filepath.Base(abs)) {
		return abs
	}
	return real
}
