//go:build windows

package winpos

import (
	"unsafe"

	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

var (
	user32              = windows.NewLazySystemDLL("user32.dll")
	procGetWindowRect   = user32.NewProc("GetWindowRect")
	procSetWindowPos    = user32.NewProc("SetWindowPos")
	procMonitorFromRect = user32.NewProc("MonitorFromRect")
)

const (
	swpNoSize             = 0x0001
	swpNoZOrder           = 0x0004
	swpNoActivate         = 0x0010
	monitorDefaultToNull  = 0
	grabWidth, grabHeight = 120, 40 // a corner of the title bar
)

type rect struct{ Left, Top, Right, Bottom int32 }

// Get reads where the window of a RunNative context is.
func Get(ctx any) (Position, bool) {
	c, ok := ctx.(driver.WindowsWindowContext)
	if !ok || c.HWND == 0 {
		return Position{}, false
	}
	var r rect
	if ret, _, _ := procGetWindowRect.Call(c.HWND, uintptr(unsafe.Pointer(&r))); ret == 0 {
		return Position{}, false
	}
	return Position{int(r.Left), int(r.Top)}, true
}

// Set moves the window of a RunNative context to p, when a corner of it
// would be on a monitor there. It reports whether the window moved.
func Set(ctx any, p Position) bool {
	c, ok := ctx.(driver.WindowsWindowContext)
	if !ok || c.HWND == 0 {
		return false
	}
	corner := rect{int32(p.X), int32(p.Y), int32(p.X + grabWidth), int32(p.Y + grabHeight)}
	if m, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&corner)), monitorDefaultToNull); m == 0 {
		return false
	}
	ret, _, _ := procSetWindowPos.Call(c.HWND, 0, uintptr(p.X), uintptr(p.Y), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
	return ret != 0
}
