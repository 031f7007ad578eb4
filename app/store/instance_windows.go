//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// removeOnRelease: Windows cannot remove a file another process has open,
// so the lock file stays (empty) when the lock is released.
const removeOnRelease = false

// lockOffset is where the locked byte lies, far past the process id at the
// start of the file: Windows locks are mandatory, and a second Debrief
// must still be able to read the id.
const lockOffset = 1 << 30

// lockFile locks one byte of f with LockFileEx without waiting; held is
// false when another handle has it.
func lockFile(f *os.File) (held bool, err error) {
	ol := &windows.Overlapped{Offset: lockOffset}
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

func unlockFile(f *os.File) error {
	ol := &windows.Overlapped{Offset: lockOffset}
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}
