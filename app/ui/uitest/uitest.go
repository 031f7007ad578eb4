// Package uitest finds what is on a test window's screen, as a person
// would read it: every visible object, the texts, a button by its words.
// Only tests import it.
package uitest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/ui"
)

// Walk visits every visible object on c, overlays first (top-most first),
// until visit returns false.
func Walk(c fyne.Canvas, visit func(fyne.CanvasObject) bool) {
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		if !WalkObject(overlays[i], visit) {
			return
		}
	}
	WalkObject(c.Content(), visit)
}

// WalkObject visits o and every visible object inside it until visit
// returns false; it reports whether the walk went to the end.
func WalkObject(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return true
	}
	if !visit(o) {
		return false
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, child := range v.Objects {
			if !WalkObject(child, visit) {
				return false
			}
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(v).Objects() {
			if !WalkObject(child, visit) {
				return false
			}
		}
	}
	return true
}

// Texts is every text on screen, a line each, overlays first.
func Texts(c fyne.Canvas) string {
	var b strings.Builder
	Walk(c, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		case *ui.TextField:
			b.WriteString(v.Text + "\n")
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		}
		return true
	})
	return b.String()
}

// Button finds a visible button by its text, in the top-most overlay first.
func Button(t testing.TB, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	Walk(c, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no button %q on screen", text)
	}
	return found
}
