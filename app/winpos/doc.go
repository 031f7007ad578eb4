// Package winpos reads and sets where a window sits on the desktop, which
// Fyne does not offer: through Xlib on X11 and user32 on Windows, given
// the context Fyne's driver.NativeWindow.RunNative hands over. Wayland
// lets no program place its own windows, and macOS is not done yet: there
// Get and Set report false and the system places the window.
package winpos

// Position is where a window is, in screen pixels: on X11 the top-left
// corner of its content (GLFW's windows have StaticGravity, so that is what
// XMoveWindow places), on Windows that of its frame (what GetWindowRect
// reads and SetWindowPos sets).
type Position struct{ X, Y int }
