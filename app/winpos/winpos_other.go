//go:build !((linux || freebsd || openbsd || netbsd) && !android && cgo) && !windows

package winpos

// Get reports false: this system's window position is not read.
func Get(any) (Position, bool) { return Position{}, false }

// Set reports false: the system places the window.
func Set(any, Position) bool { return false }
