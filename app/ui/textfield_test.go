package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/debrief-app/debrief/app/model"
)

// clip is a clipboard holding text.
type clip struct{ text string }

func (c *clip) Content() string     { return c.text }
func (c *clip) SetContent(s string) { c.text = s }

// A field with a limit takes no more: typing stops there, a paste is cut
// and says what was left out, SetText cuts, and a counter shows from 90 %.
func TestTextFieldLimit(t *testing.T) {
	test.NewTempApp(t)
	e := NewMultiLineField()
	e.SetLimit(20)
	w := test.NewTempWindow(t, WithNote(e))
	w.Resize(fyne.NewSize(400, 200))
	w.Canvas().Focus(e)

	test.Type(e, "0123456789012345")
	if e.Note().Visible() {
		t.Errorf("the counter shows at 16 of 20: %q", e.Note().Text)
	}
	test.Type(e, "67")
	if !e.Note().Visible() || e.Note().Text != "18 of 20 characters" {
		t.Errorf("at 18 of 20 the counter says %q (shown %v)", e.Note().Text, e.Note().Visible())
	}
	test.Type(e, "89XYZ")
	if e.Text != "01234567890123456789" {
		t.Errorf("typing past the limit gave %q", e.Text)
	}
	if !strings.Contains(e.Note().Text, "The limit is 20 characters") {
		t.Errorf("typing past the limit says %q", e.Note().Text)
	}

	e.SetText("0123456789")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &clip{strings.Repeat("é", 25)}})
	if n := utf8.RuneCountInString(e.Text); n != 20 || !strings.HasSuffix(e.Text, "éé") {
		t.Errorf("a paste past the limit gave %d characters: %q", n, e.Text)
	}
	if !strings.Contains(e.Note().Text, "15 characters of it were left out") {
		t.Errorf("a cut paste says %q", e.Note().Text)
	}

	e.SetText(strings.Repeat("x", 30))
	if utf8.RuneCountInString(e.Text) != 20 {
		t.Errorf("SetText kept %d characters", utf8.RuneCountInString(e.Text))
	}
	e.SetText("short")
	if e.Note().Visible() {
		t.Errorf("the counter stays under short text: %q", e.Note().Text)
	}
}

// Tab leaves a multi-line field (the window moves the focus) instead of
// typing a tab.
func TestTabLeavesMultiLineFields(t *testing.T) {
	test.NewTempApp(t)
	e := NewMultiLineField()
	if e.AcceptsTab() {
		t.Error("a multi-line field keeps Tab for itself")
	}
	var _ fyne.Tabbable = e
}

// A lesson field takes model.MaxTyped characters, typed or pasted, and
// says so; one that already holds more (imported) keeps it whole and says
// typing in it is slow.
func TestMultilineTakesAtMostMaxTyped(t *testing.T) {
	test.NewTempApp(t)
	var saved []string
	e := Multiline("", "", 3, func(s string) { saved = append(saved, s) })
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &clip{strings.Repeat("a", 100_000)}})
	if n := utf8.RuneCountInString(e.Text); n != model.MaxTyped {
		t.Errorf("a 100,000-character paste left %d characters; want %d", n, model.MaxTyped)
	}
	if !e.Note().Visible() || !strings.Contains(e.Note().Text, "left out") {
		t.Errorf("the field says %q", e.Note().Text)
	}
	long := strings.Repeat("b", model.MaxTyped*3)
	saved = nil
	f := Multiline(long, "", 3, func(s string) { saved = append(saved, s) })
	if !f.Disabled() || utf8.RuneCountInString(f.Text) > 3000 || !strings.HasPrefix(long, strings.TrimSuffix(f.Text, "…")) {
		t.Errorf("a 30,000-character stored text: disabled %v, %d characters shown; want its start, read-only", f.Disabled(), utf8.RuneCountInString(f.Text))
	}
	f.TypedRune('x')
	f.SetText("")
	if len(saved) != 0 {
		t.Fatalf("the long text's field saved %d times; it must never shorten it", len(saved))
	}
	if !f.Note().Visible() || !strings.Contains(f.Note().Text, "kept whole") {
		t.Errorf("the long field says %q; want why it is read-only", f.Note().Text)
	}
}
