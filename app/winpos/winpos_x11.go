//go:build (linux || freebsd || openbsd || netbsd) && !android && cgo

package winpos

/*
#cgo LDFLAGS: -lX11 -lXrandr
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/extensions/Xrandr.h>

// frameExtents reads the window manager's _NET_FRAME_EXTENTS of w: the
// border it draws around the window (left, right, top, bottom), or zeros.
static void frameExtents(Display *d, Window w, long ext[4]) {
	ext[0] = ext[1] = ext[2] = ext[3] = 0;
	Atom prop = XInternAtom(d, "_NET_FRAME_EXTENTS", True);
	if (prop == None) return;
	Atom type; int format; unsigned long n, after; unsigned char *data = NULL;
	if (XGetWindowProperty(d, w, prop, 0, 4, False, XA_CARDINAL, &type, &format, &n, &after, &data) == Success) {
		if (data && type == XA_CARDINAL && format == 32 && n == 4) {
			long *v = (long *)data;
			for (int i = 0; i < 4; i++) ext[i] = v[i];
		}
	}
	if (data) XFree(data);
}

// debriefGetPos puts the top-left corner of w's frame in *x, *y.
static int debriefGetPos(unsigned long w, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, (Window)w, DefaultRootWindow(d), 0, 0, x, y, &child);
	long ext[4];
	frameExtents(d, (Window)w, ext);
	*x -= ext[0];
	*y -= ext[2];
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

// debriefSetPos moves w's frame to x, y when that is on a monitor.
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
