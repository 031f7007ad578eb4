//go:build (linux || freebsd || openbsd || netbsd) && !android && cgo

package winpos

/*
#cgo LDFLAGS: -lX11 -lXrandr
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xrandr.h>

// debriefGetPos puts the top-left corner of w's content in *x, *y. (GLFW
// gives its windows StaticGravity, so XMoveWindow places the content, not
// the window manager's frame, and the two round-trip without drift.)
static int debriefGetPos(unsigned long w, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, (Window)w, DefaultRootWindow(d), 0, 0, x, y, &child);
	XCloseDisplay(d);
	return ok;
}

// onScreen reports whether a window at x, y, width by height, would show
// at least a corner of 120 by 40 pixels (its title bar) on a monitor.
static int onScreen(Display *d, int x, int y, int width, int height) {
	int grabW = width < 120 ? width : 120, grabH = height < 40 ? height : 40;
	int n = 0, seen = 0;
	XRRMonitorInfo *m = XRRGetMonitors(d, DefaultRootWindow(d), True, &n);
	for (int i = 0; i < n; i++) {
		if (x >= m[i].x && y >= m[i].y && x + grabW <= m[i].x + m[i].width && y + grabH <= m[i].y + m[i].height) seen = 1;
	}
	if (m) XRRFreeMonitors(m);
	if (n > 0) return seen;
	Screen *s = DefaultScreenOfDisplay(d); // no RandR monitors: the whole root window
	return x >= 0 && y >= 0 && x + grabW <= WidthOfScreen(s) && y + grabH <= HeightOfScreen(s);
}

// debriefSetPos moves w's content to x, y when that is on a monitor.
static int debriefSetPos(unsigned long w, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return 0;
	XWindowAttributes a;
	int ok = XGetWindowAttributes(d, (Window)w, &a) && onScreen(d, x, y, a.width, a.height);
	if (ok) {
		XMoveWindow(d, (Window)w, x, y);
		XSync(d, False);
	}
	XCloseDisplay(d);
	return ok;
}
*/
import "C"

import "fyne.io/fyne/v2/driver"

// Get reads where the window of a RunNative context is.
func Get(ctx any) (Position, bool) {
	c, ok := ctx.(driver.X11WindowContext)
	if !ok || c.WindowHandle == 0 {
		return Position{}, false
	}
	var x, y C.int
	if C.debriefGetPos(C.ulong(c.WindowHandle), &x, &y) == 0 {
		return Position{}, false
	}
	return Position{int(x), int(y)}, true
}

// Set moves the window of a RunNative context to p, when a corner of it
// would be on a monitor there (a projector unplugged since, say, leaves the
// window where the system put it). It reports whether the window moved.
func Set(ctx any, p Position) bool {
	c, ok := ctx.(driver.X11WindowContext)
	if !ok || c.WindowHandle == 0 {
		return false
	}
	return C.debriefSetPos(C.ulong(c.WindowHandle), C.int(p.X), C.int(p.Y)) != 0
}
