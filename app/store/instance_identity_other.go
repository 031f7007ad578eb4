//go:build !linux

package store

import (
	"errors"
	"os"
)

// identityLocks: only Linux has locks that belong to an open file (OFD
// locks) and so can lock the database file itself beside SQLite. On other
// systems the instance lock is the lock file named after the database's
// real path alone: a symbolic link leads to the same lock, but a hard link
// does not. (On Windows an open handle would also stop a restore from
// replacing the file.)
const identityLocks = false

func lockIdentity(*os.File) (held bool, holder int, err error) {
	return false, 0, errors.ErrUnsupported
}

func unlockIdentity(*os.File) error { return nil }
