// Package winpos reads and sets where a window sits on the desktop, which
// Fyne does not offer: through Xlib on X11 and user32 on Windows, given
// the context Fyne's driver.NativeWindow.RunNative hands over. Wayland
// lets no program place its own windows, and macOS is not done yet: there
// Get and Set report false and the system places the window.
package winpos

// Position is the top-left corner of a window's frame (its title bar and
// border included), in screen pixels.
type Position struct{ X, Y int }
