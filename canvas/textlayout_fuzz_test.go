package canvas

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model/modeltest"
)

// fakeMeasure gives every character a width of its own (1 to 8 units at
// size 10), so a fuzz run needs no fonts and is the same everywhere.
func fakeMeasure(s string, size float32) float32 {
	w := float32(0)
	for _, r := range s {
		w += float32(1+int(r)%8) * size / 10
	}
	return w
}

// FuzzLayoutText lays out any text in any card box. ReadJSON is the only
// reader of untrusted bytes, but what it lets through — anything that is a
// JSON string — ends up here, where text is cut into lines by byte
// offsets. Whatever the text and the box, layoutText must not panic or
// hang; no drawn line may hold a control character or bytes that are not
// UTF-8; every line fits the width (unless it is one character too wide
// alone) and the lines fit the height (unless there is only one); text that
// is not cut keeps every printable character in order, and text that is
// cut ends in "…" at the smallest size. To fuzz:
//
//	go test ./canvas -run '^$' -fuzz '^FuzzLayoutText$' -fuzztime 2m
func FuzzLayoutText(f *testing.F) {
	for _, x := range modeltest.Short() {
		f.Add(x.S, float32(200), float32(80))
	}
	f.Add(strings.Repeat("word ", 400), float32(200), float32(80))
	f.Add(strings.Repeat("x", 3000), float32(30), float32(500))
	f.Add("a\n\n\n\nb", float32(-5), float32(0))
	f.Add("\xff\xfe\x00 bad", float32(1e7), float32(1e7))
	f.Fuzz(func(t *testing.T, text string, width, height float32) {
		if width != width || height != height || width > 1e7 || height > 1e7 || width < -1e7 || height < -1e7 {
			return // a card's body is never NaN or off the board
		}
		if len(text) > 20_000 {
			text = text[:20_000]
		}
		tl := layoutText(text, width, height, fakeMeasure)
		if len(tl.lines) == 0 && strings.TrimSpace(printable(text)) != "" {
			t.Fatalf("no lines for %q", text)
		}
		for _, line := range tl.lines {
			if !utf8.ValidString(line) || strings.ContainsFunc(line, unicode.IsControl) {
				t.Errorf("the line %+q has a control character or is not UTF-8", line)
			}
			if w := fakeMeasure(line, tl.size); w > width && utf8.RuneCountInString(strings.TrimSuffix(line, "…")) > 1 {
				t.Errorf("the line %q is %v wide in %v", line, w, width)
			}
		}
		if h := float32(len(tl.lines)) * tl.size * lineSpacing; len(tl.lines) > 1 && h > height {
			t.Errorf("%d lines at size %v are %v high in %v", len(tl.lines), tl.size, h, height)
		}
		if tl.truncated {
			if tl.size != minCardTextSize || !strings.HasSuffix(tl.lines[len(tl.lines)-1], "…") {
				t.Errorf("cut text at size %v ends %q", tl.size, tl.lines[len(tl.lines)-1])
			}
			return
		}
		visible := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if got, want := visible(strings.Join(tl.lines, "")), visible(printable(text)); got != want {
			t.Errorf("the lines lost text: %q, want %q", got, want)
		}
	})
}
