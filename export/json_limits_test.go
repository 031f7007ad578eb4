package export

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// The limits of ReadJSON: memory in proportion to the file, the number of
// parts, the nesting depth, lone surrogates, cut quotes in messages, and
// the header read first. Issue 19, points 1, 2, 3 and 13.

// allocBytesPerInputByte is the most ReadJSON may allocate (in total, by
// runtime.MemStats.TotalAlloc) per byte of the file it reads, whatever the
// file. docs/reliability.md states it.
const allocBytesPerInputByte = 20

// allocated is the bytes ReadJSON allocates reading data, and its error.
func allocated(data []byte) (uint64, error) {
	r := bytes.NewReader(data)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadJSON(r)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// bomb is a file made to blow up a JSON reader, made at any size.
type bomb struct {
	name string
	make func(size int) []byte
	// want is in the error; "" means the file is valid.
	want string
}

// nested is n levels of arrays.
func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// repeatTo repeats unit, joined by commas, to about size bytes.
func repeatTo(unit string, size int) string {
	n := max(1, size/(len(unit)+1))
	return strings.TrimSuffix(strings.Repeat(unit+",", n), ",")
}

var bombs = []bomb{
	// Issue 19 point 1: a long key over deep nesting. The old reader built
	// a path that repeats the key at every level, before it looked at the
	// header: 1 MB took 9.9 GB. Here with the key before the header, after
	// it, and inside the debrief.
	{"long key over deep nesting, before the header", func(size int) []byte {
		return []byte(`{"` + strings.Repeat("k", size/2) + ` ":` + nested(size/4) + `, "format": "debrief", "version": 1}`)
	}, "depth passes 32"},
	{"long key over deep nesting, after the header", func(size int) []byte {
		return []byte(`{"format": "debrief", "version": 1, "` + strings.Repeat("k", size/2) + ` ":` + nested(size/4) + `}`)
	}, "unknown top-level field"},
	{"long key over deep nesting, in the debrief", func(size int) []byte {
		return []byte(head + `{"title": "T", "` + strings.Repeat("k", size/2) + ` ":` + nested(size/4) + `}}`)
	}, "depth passes 32"},
	// Point 2: many small objects in an unknown field (63 MB took 4.7 GB),
	// before the header and inside the debrief.
	{"small objects in an unknown top-level field", func(size int) []byte {
		return []byte(`{"junk": [` + repeatTo(`{"a":0}`, size) + `], "format": "debrief", "version": 1, "debrief": {"title": "T"}}`)
	}, `unknown top-level field "junk"`},
	{"small objects in an unknown field of the debrief", func(size int) []byte {
		return []byte(head + `{"title": "T", "junk": [` + repeatTo(`{"a":0}`, size) + `]}}`)
	}, `debrief: unknown field "junk"`},
	// Point 2: deep arrays (60 MB of 9,000-deep arrays ran out of memory),
	// as deep as the reader allows and deeper.
	{"arrays 30 deep, over and over", func(size int) []byte {
		return []byte(`{"junk": [` + repeatTo(nested(29), size) + `], "format": "debrief", "version": 1, "debrief": {"title": "T"}}`)
	}, `unknown top-level field "junk"`},
	{"arrays 9,000 deep, over and over", func(size int) []byte {
		return []byte(head + `{"title": "T", "participants": [` + repeatTo(nested(9000), size) + `]}}`)
	}, "depth passes 32"},
	// A valid debrief of many cards (20,971 at 4 MB), with links.
	{"a valid debrief", func(size int) []byte {
		n := max(7, size/200)
		var buf bytes.Buffer
		if err := WriteJSON(&buf, Synthetic(n, n/3, 1)); err != nil {
			panic(err)
		}
		return buf.Bytes()
	}, ""},
}

// TestReadMemoryIsBoundedByInput: for every bomb, at sizes from 64 KB to
// 4 MB, ReadJSON allocates at most allocBytesPerInputByte per byte. The
// old reader took hundreds to thousands of times the file.
func TestReadMemoryIsBoundedByInput(t *testing.T) {
	for _, b := range bombs {
		t.Run(b.name, func(t *testing.T) {
			for _, size := range []int{64 << 10, 512 << 10, 4 << 20} {
				data := b.make(size)
				got, err := allocated(data)
				switch {
				case b.want == "" && err != nil:
					t.Fatalf("%d bytes: %v", len(data), err)
				case b.want != "" && (err == nil || !strings.Contains(err.Error(), b.want)):
					t.Fatalf("%d bytes: got %v, want an error with %q", len(data), err, b.want)
				}
				if err != nil && len(err.Error()) > 300 {
					t.Errorf("%d bytes: the message is %d bytes long: %.300s…", len(data), len(err.Error()), err)
				}
				per := float64(got) / float64(len(data))
				t.Logf("%8d bytes: %9d allocated, %5.2f per byte of input", len(data), got, per)
				if per > allocBytesPerInputByte {
					t.Errorf("%d bytes took %d bytes of memory, %.1f per byte; the bound is %d", len(data), got, per, allocBytesPerInputByte)
				}
			}
		})
	}
}

// TestReadPartLimits: one more card (link, warning sign, …) than the limit
// is refused in a sentence that names the limit, without reading the rest
// of the file; exactly the limit is read.
func TestReadPartLimits(t *testing.T) {
	cases := []struct {
		field string // the array, within the debrief object
		max   int
		elem  string
		what  string
	}{
		{"factors", model.MaxFactors, `{}`, "debrief.factors: more than 100,000 cards, the most Debrief imports"},
		{"links", model.MaxLinks, `{}`, "debrief.links: more than 200,000 links"},
		{"participants", model.MaxParticipants, `"A"`, "debrief.participants: more than 10,000 participants"},
		{"changes", model.MaxChanges, `{}`, "debrief.changes: more than 10,000 process changes"},
		{"kudos", model.MaxKudos, `{}`, "debrief.kudos: more than 10,000 kudos"},
		{"timeline", model.MaxTimeline, `{}`, "debrief.timeline: more than 10,000 timeline events"},
		{"lesson.warning_signs", model.MaxWarningSigns, `{}`, "debrief.lesson.warning_signs: more than 10,000 warning signs"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			doc := func(n int, rest string) string {
				open, close := `"`+c.field+`": [`, `]`
				if outer, inner, ok := strings.Cut(c.field, "."); ok {
					open, close = `"`+outer+`": {"`+inner+`": [`, `]}`
				}
				return head + `{"title": "T", ` + open + strings.TrimSuffix(strings.Repeat(c.elem+",", n), ",") + rest + close + `}}`
			}
			// One too many, then 4 MB more of them: reading stops near the
			// one too many, one buffer on at most.
			over := doc(c.max+1, strings.Repeat(","+c.elem, (4<<20)/(len(c.elem)+1)))
			at := len(doc(c.max+1, ""))
			r := &countingReader{r: strings.NewReader(over)}
			_, err := ReadJSON(r)
			if err == nil || !strings.Contains(err.Error(), c.what) {
				t.Fatalf("got %v, want an error with %q", err, c.what)
			}
			if r.n > int64(at+2*scanBufSize) {
				t.Errorf("%d bytes of %d were read; the reader should stop near byte %d", r.n, len(over), at)
			}
			// Exactly the limit is no problem of its own. (Warning signs and
			// changes need text, kudos a name, links their factors: their
			// errors name an element, not the count.)
			_, err = ReadJSON(strings.NewReader(doc(c.max, "")))
			if err != nil && strings.Contains(err.Error(), "more than") {
				t.Errorf("exactly %d: %v", c.max, err)
			}
			if c.field == "factors" || c.field == "participants" {
				if err != nil {
					t.Errorf("exactly %d: %v", c.max, err)
				}
			}
		})
	}
}

// TestReadDepthLimit: nesting deeper than the format needs is refused
// with the path and the place, wherever it is.
func TestReadDepthLimit(t *testing.T) {
	deep := nested(40)
	cases := []struct{ in, path string }{
		{head + `{"title": "T", "factors": [{"x": ` + deep + `}]}}`, "debrief.factors[0].x[0][0]"},
		{`{"a": {"b": ` + deep + `}, "format": "debrief", "version": 1}`, "a.b[0][0]"},
		{head + `{"title": "T", "lesson": {"x y": ` + deep + `}}}`, `debrief.lesson["x y"][0]`},
	}
	for _, c := range cases {
		_, err := ReadJSON(strings.NewReader(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.path) || !strings.Contains(err.Error(), "nesting depth passes 32 levels at line 1, column ") {
			t.Errorf("got %v, want an error at %s about the depth", err, c.path)
		}
		if !fieldPathRE.MatchString(err.Error()) {
			t.Errorf("%q does not start with a path", err)
		}
	}
	// 32 levels in a field the reader skips are fine (for the syntax).
	ok := `{"format": "debrief", "version": 1, "debrief": {"title": "T"}}`
	if _, err := ReadJSON(strings.NewReader(ok)); err != nil {
		t.Fatal(err)
	}
}

// TestReadLoneSurrogates: a \u escape of half a surrogate pair is no
// character; it is refused with the field's path, not made U+FFFD.
func TestReadLoneSurrogates(t *testing.T) {
	bad := []struct{ in, want string }{
		{head + `{"title": "T", "summary": "lone \ud800 surrogate"}}`, `debrief.summary: the text has \ud800`},
		{head + `{"title": "T", "factors": [{"text": "a"}, {"text": "\udc00"}]}}`, `debrief.factors[1].text: the text has \udc00`},
		{head + `{"title": "T", "participants": ["\ud83d\u0041"]}}`, `debrief.participants[0]: the text has \ud83d`},
		{head + `{"title": "\ud83d"}}`, `debrief.title: the text has \ud83d`},
		{`{"format": "debrief", "version": 1, "template": {"prompts": ["\udfff"]}, "debrief": {"title": "T"}}`, `template.prompts[0]: the text has \udfff`},
	}
	for _, c := range bad {
		_, err := ReadJSON(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.in, err, c.want)
		}
	}
	// A pair is one character; an escaped backslash before a u is text.
	d, err := ReadJSON(strings.NewReader(head + `{"title": "rocket \ud83d\ude80, \\ud800"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `rocket 🚀, \ud800`; d.Debrief.Title != want {
		t.Errorf("title %q, want %q", d.Debrief.Title, want)
	}
}

// TestReadQuotesAreCut: a message quotes at most the start of a value,
// with "…" and its length: a 5 MB category is not a 5 MB line.
func TestReadQuotesAreCut(t *testing.T) {
	long := strings.Repeat("é", 1_000_000)
	cases := []struct{ in, want string }{
		{head + `{"title": "T", "factors": [{"category": "` + strings.Repeat("é", 5_000_000) + `"}]}}`, `debrief.factors[0].category: unknown category "éééééééééééééééééééééééééééééééé…" (5,000,000 characters)`},
		{head + `{"title": "T", "status": "` + long + `"}}`, `debrief.status: unknown status "ééé`},
		{head + `{"title": "T", "happened_at": "` + long + `"}}`, `debrief.happened_at: "ééé`},
		{head + `{"title": "T", "factors": [{"key": "a"}], "links": [{"from": "a", "to": "` + long + `"}]}}`, `debrief.links[0].to: no factor has key "ééé`},
		{`{"format": "` + long + `", "version": 1}`, `this is not a Debrief file: its format is "ééé`},
		{`{"format": "debrief", "version": 1` + strings.Repeat("0", 1_000_000) + `}`, `this file is format version 10000000000000000000000000000000… (1,000,001 characters)`},
		{`{"format": "debrief", "version": 1, "` + long + `": 1}`, `unknown top-level field "ééé`},
		{head + `{"title": "T", "` + long + `": 1}}`, `debrief: unknown field "ééé`},
		{head + `{"title": "T", "factors": [{"x": 1` + strings.Repeat("0", 1000) + `}]}}`, `debrief.factors[0].x: 10000000000000000000000000000000… (1,001 characters) is too large`},
		{head + `{"title": "T", "` + long + `": 1, "` + long + `": 2}}`, `debrief["éééééééééééééééééééééééé…"]: the field appears twice`},
	}
	for _, c := range cases {
		_, err := ReadJSON(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %.300v, want %q", err, c.want)
			continue
		}
		if n := utf8.RuneCountInString(err.Error()); n > 200 {
			t.Errorf("the message is %d characters: %.300s", n, err)
		}
	}
}

// TestReadHeaderFirst: the header is checked as soon as it is read, and
// before anything found ahead of it; an unknown field after it stops the
// reading at once.
func TestReadHeaderFirst(t *testing.T) {
	cases := []struct{ in, want string }{
		// Whatever follows a newer version, the message is the version.
		{`{"format": "debrief", "version": 2, "debrief": {"title": 7, "mood": [}`, "this file is format version 2"},
		{`{"debrief": {"title": 7, "mood": 1}, "new": {}, "format": "debrief", "version": 2}`, "this file is format version 2"},
		{`{"debrief": {"title": "T", "mood": 1}, "format": "tasks", "version": 1}`, `its format is "tasks"`},
		// A version 1 file: the first problem, even ahead of the header.
		{`{"debrief": {"title": "T", "mood": 1}, "format": "debrief", "version": 1}`, `debrief: unknown field "mood"`},
		{`{"debrief": {"title": "T", "factors": [{"x": "1"}]}, "version": 1, "format": "debrief"}`, "debrief.factors[0].x: want a number, got string"},
		// Syntax errors are where they are.
		{`{"debrief": {"title": "T", "mood": 1}, "format": "debrief" "version": 1}`, "line 1, column 60"},
	}
	for _, c := range cases {
		_, err := ReadJSON(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.in, err, c.want)
		}
	}
	// After the header, an unknown top-level field is refused at once: of
	// 10 MB only the first buffer is read.
	in := &countingReader{r: io.MultiReader(strings.NewReader(`{"format": "debrief", "version": 1, "extra": [`),
		strings.NewReader(repeatTo(`{"a":0}`, 10<<20)), strings.NewReader(`]}`))}
	_, err := ReadJSON(in)
	if err == nil || err.Error() != `unknown top-level field "extra"` {
		t.Fatalf("got %v", err)
	}
	if in.n > 2*scanBufSize {
		t.Errorf("%d bytes were read; the field is refused after the first %d", in.n, scanBufSize)
	}
}

// TestReadMemoryPerPart: a file of the smallest parts there are (cards
// with a key, links, participants, …) costs more than 20 bytes per byte:
// each part is a struct in the file and one in the dossier. It stays
// under partBytes per part more.
func TestReadMemoryPerPart(t *testing.T) {
	n := 50_000
	list := func(f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(f(i))
		}
		return b.String()
	}
	keys := list(func(i int) string { return fmt.Sprintf(`{"key":"%d"}`, i) })
	cases := []struct{ name, doc string }{
		{"cards", head + `{"title": "T", "factors": [` + list(func(int) string { return `{}` }) + `]}}`},
		{"cards with keys", head + `{"title": "T", "factors": [` + keys + `]}}`},
		{"links", head + `{"title": "T", "factors": [` + keys + `], "links": [` +
			list(func(i int) string { return fmt.Sprintf(`{"from":"%d","to":"%d"}`, i, (i+1)%n) }) + `]}}`},
		{"participants", head + `{"title": "T", "participants": [` + list(func(int) string { return `"A"` })[:4*model.MaxParticipants-1] + `]}}`},
		{"kudos", head + `{"title": "T", "kudos": [` + list(func(int) string { return `{"who":"A"}` })[:12*model.MaxKudos-1] + `]}}`},
		{"timeline", head + `{"title": "T", "timeline": [` + list(func(int) string { return `{"at":"9:05","text":"A"}` })[:25*model.MaxTimeline-1] + `]}}`},
	}
	for _, c := range cases {
		data := []byte(c.doc)
		p, err := readFile(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := allocated(data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		limit := allocBytesPerInputByte*len(data) + partBytes*p.parts
		t.Logf("%-16s %8d bytes, %6d parts: %9d allocated, %4.0f per part", c.name, len(data), p.parts, got, float64(got)/float64(p.parts))
		if got > uint64(limit) {
			t.Errorf("%s: %d bytes and %d parts took %d bytes of memory; the bound is %d", c.name, len(data), p.parts, got, limit)
		}
	}
}
