package store

import (
	"errors"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// identityLocks: on Linux the instance lock also locks the database file
// itself, with an open file description lock (F_OFD_SETLK), so that the
// same file reached under another name (a hard link, a file bind-mounted
// elsewhere) is refused too. Such a lock belongs to the open file, not to
// the process: SQLite's own POSIX locks on the file, at other bytes, are
// not affected, and closing another descriptor of the file does not
// release it.
const identityLocks = true

// identityOffset is the first byte of the identity lock: far from the
// bytes SQLite locks (from 0x40000000, 512 of them), and past the largest
// file SQLite can make (2^32 pages of 64 KiB), so no read or write of the
// database ever touches it even where locks are mandatory (a CIFS mount).
const identityOffset = 1 << 48

// lockIdentity puts the identity lock on f without waiting. The lock
// covers 1+PID bytes, so that a refused process learns the holder's id
// from F_OFD_GETLK (the holder of an open file description lock has no
// process id of its own). held is false, with the holder's id when it can
// be told (else 0), when another open file has the lock; err says the file
// system does not take such locks.
func lockIdentity(f *os.File) (held bool, holder int, err error) {
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: io.SeekStart, Start: identityOffset, Len: 1 + int64(os.Getpid())}
	for {
		err = unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	switch {
	case err == nil:
		return true, 0, nil
	case errors.Is(err, unix.EAGAIN), errors.Is(err, unix.EACCES):
		q := unix.Flock_t{Type: unix.F_WRLCK, Whence: io.SeekStart, Start: identityOffset, Len: 1}
		if unix.FcntlFlock(f.Fd(), unix.F_OFD_GETLK, &q) == nil && q.Type != unix.F_UNLCK && q.Start == identityOffset && q.Len > 1 {
			holder = int(q.Len - 1)
		}
		return false, holder, nil
	}
	return false, 0, err
}

// unlockIdentity lets go of f's identity lock, keeping f open.
func unlockIdentity(f *os.File) error {
	lk := unix.Flock_t{Type: unix.F_UNLCK, Whence: io.SeekStart, Start: identityOffset, Len: 0}
	return unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk)
}
