//go:build unix

package store

import "syscall"

// folderWritable reports whether this process may create files in dir.
func folderWritable(dir string) bool {
	const wOK = 2 // W_OK
	return syscall.Access(dir, wOK) == nil
}
