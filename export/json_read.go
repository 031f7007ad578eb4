package export

import (
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// Reading the JSON interchange format in one pass over the stream: the
// size limit, the header, the shape of every field and the limits on how
// deep the file nests and how many parts it has, with errors that say
// where. What the reader keeps is the debrief it will return (the fields
// of the file structs in json.go) and a stack of at most maxDepth levels
// of the place it is at; an unknown field, or anything after a problem,
// is read for its syntax only and not kept. So the memory ReadJSON takes
// is bounded by a small multiple of what it accepts, whatever the file.

// ReadJSON reads a debrief in the JSON interchange format. It reads at most
// MaxJSONSize bytes (none of a file whose size is known to be larger),
// refuses anything that is not a Debrief file or is of a newer format
// version, and checks every field: an error names the place in the file
// (such as debrief.factors[2].x) and what is wrong there. A dossier is
// returned only when the whole file is valid; its factors have the IDs 1,
// 2, … in file order. The top-level "template" block of a template file is
// checked (its shape and its category keys) and otherwise ignored.
//
// The file is read once, from the start. The header ("format" and
// "version") is checked as soon as both have been read; from then on
// ReadJSON stops at the first problem. A problem found before the header
// (a file may put "debrief" first) waits for it: the rest is read only for
// its syntax, and a wrong header is what the error names.
func ReadJSON(r io.Reader) (*model.Dossier, error) {
	p, err := readFile(r)
	if err != nil {
		return nil, err
	}
	return fromFile(&p.fd, p.titleSet)
}

// readFile reads the file into p.fd, checking its syntax, header and shape
// and the limits; fromFile checks the rest. p is never nil: p.parts says
// how many parts it kept, even when it stopped at an error.
func readFile(r io.Reader) (p *parser, err error) {
	size := -1
	if l, ok := r.(interface{ Len() int }); ok {
		size = l.Len()
	}
	// A file that says it is too large is refused before a byte is read.
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if st.Size() > MaxJSONSize {
				return &parser{}, &readError{msg: tooLargeMsg}
			}
			size = int(st.Size())
		}
	}
	p = &parser{s: newScanner(r, size), path: make([]pathElem, 0, maxDepth)}
	p.s.skipBOM()
	return p, p.document()
}

var tooLargeMsg = fmt.Sprintf("the file is larger than %d MB, the most Debrief reads", MaxJSONSize>>20)

// maxDepth is how deeply a file may nest arrays and objects. A Debrief
// file needs 5 levels (debrief.lesson.warning_signs[i].text); deeper is
// refused, whatever field it is in.
const maxDepth = 32

// needDepth is how deeply a Debrief file of this version nests.
const needDepth = 5

// Keys and values in messages are cut to their start: keyShown characters
// of a key in a path, textShown of a value, with "…" and the length.
const (
	keyShown     = 24
	textShown    = 40
	maxPathKey   = 4 * keyShown // bytes of a key a path keeps
	maxHeaderLen = 64           // bytes of "format" and "version" kept
	maxTracked   = 16           // unknown keys of one object kept to find one repeated
)

// pathElem is one level of the place being read: a field of an object or
// an element of an array.
type pathElem struct {
	index int // the element of an array; -1 in an object
	n     int // bytes of the key held in key
	runes int // characters of the whole key
	whole bool
	key   [maxPathKey]byte
}

// setKey keeps the start of the key v, which has in.runes characters.
func (e *pathElem) setKey(v []byte, in strInfo) {
	n := len(v)
	if n > len(e.key) {
		n = len(e.key)
		for n > 0 && !utf8.RuneStart(v[n]) {
			n--
		}
	}
	e.n = copy(e.key[:n], v)
	e.runes = in.runes
	e.whole = !in.cut && n == len(v)
}

// header is what the file says in "format" or "version".
type header struct {
	seen  bool   // the field is there, perhaps null
	kind  string // its JSON type
	text  string // the string or number, cut to maxHeaderLen bytes
	runes int    // characters in the whole string or number
	cut   bool
}

// parser reads a Debrief file from its scanner.
type parser struct {
	s    *scanner
	path []pathElem // where the reader is; at most maxDepth levels

	format, version header
	checked         bool  // the header was read, and is fine
	first           error // the first problem found before it was
	skipping        bool  // the content is read for its syntax only

	fd          fileDebrief
	titleSet    bool
	debriefSeen bool
	parts       int // elements of the debrief's arrays kept
}

// fail reports a problem with the content. Once the header is checked,
// that is the error; before, it is kept until the header is read, and the
// rest is read for its syntax only (fail returns nil).
func (p *parser) fail(err error) error {
	if p.checked {
		return err
	}
	if p.first == nil {
		p.first = err
	}
	p.skipping = true
	return nil
}

// pathOf is the place of the first levels of the path, as in
// debrief.factors[2].x; a key that is not a plain name is quoted,
// debrief["a b"], and a long one cut.
func (p *parser) pathOf(levels int) string {
	var b strings.Builder
	for _, e := range p.path[:levels] {
		if e.index >= 0 {
			b.WriteString("[" + strconv.Itoa(e.index) + "]")
			continue
		}
		key := string(e.key[:e.n])
		cut := !e.whole || e.runes > keyShown
		if cut {
			key = firstRunes(key, keyShown) + "…"
		}
		switch {
		case cut || !plainKey(key):
			b.WriteString("[" + strconv.Quote(key) + "]")
		case b.Len() == 0:
			b.WriteString(key)
		default:
			b.WriteString("." + key)
		}
	}
	return b.String()
}

// errAt is an error at the place of the first levels of the path.
func (p *parser) errAt(levels int, format string, args ...any) *readError {
	return &readError{msg: p.pathOf(levels) + ": " + fmt.Sprintf(format, args...), off: p.s.offset()}
}

// here is an error at the place being read.
func (p *parser) here(format string, args ...any) *readError {
	return p.errAt(len(p.path), format, args...)
}

// open goes into the object or array at the next byte.
func (p *parser) open() error {
	if len(p.path) >= maxDepth {
		e := p.here("the nesting depth passes %d levels at %s; a Debrief file nests %d levels deep", maxDepth, p.s.position(), needDepth)
		e.limit = true
		return e
	}
	p.s.pos++
	p.path = p.path[:len(p.path)+1]
	e := &p.path[len(p.path)-1]
	e.index, e.n, e.runes, e.whole = -1, 0, 0, true
	return nil
}

// close leaves the object or array whose end was just read.
func (p *parser) close() { p.path = p.path[:len(p.path)-1] }

// document reads the whole file: one object, and nothing after it.
func (p *parser) document() error {
	c, ok := p.s.space()
	if !ok {
		if p.s.err != nil {
			return p.s.stopped()
		}
		return &readError{msg: "the file is empty"}
	}
	if c != '{' {
		kind := kindAt(c)
		if kind == "" {
			err := p.s.unexpected("looking for beginning of value")
			if p.s.onlySpace() {
				// Form feeds, no-break spaces: empty to a person.
				return &readError{msg: "the file is empty"}
			}
			return err
		}
		if c != '[' {
			if err := p.skip(); err != nil {
				return err
			}
		}
		return &readError{msg: fmt.Sprintf("this is not a Debrief file: it holds a JSON %s, not an object", kind), off: p.s.offset()}
	}
	if err := p.open(); err != nil {
		return err
	}
	var seen [len(topFields)]bool
	var others []string
	c, err := p.s.next()
	if err != nil {
		return err
	}
	if c == '}' {
		p.s.pos++
	}
	for c != '}' {
		if c != '"' {
			return p.s.unexpected("looking for beginning of object key string")
		}
		key, in, err := p.key()
		if err != nil {
			return err
		}
		i := -1
		if in.lone == 0 {
			i = indexOf(topFields[:], key)
		}
		if p.repeated(key, in, i, seen[:], &others) {
			return p.here("the field appears twice")
		}
		if i < 0 {
			// Before the header, the field may be one of a newer version.
			err := &readError{msg: "unknown top-level field " + quoteStart(key, in), off: p.s.offset()}
			if p.checked {
				return err
			}
			p.fail(err)
		}
		if err := p.s.expect(':', "after object key"); err != nil {
			return err
		}
		if _, err := p.s.next(); err != nil {
			return err
		}
		switch i {
		case 0:
			err = p.headerField(&p.format)
		case 1:
			err = p.headerField(&p.version)
		case 2:
			err = p.debrief()
		case 3:
			err = p.templateBlock()
		default:
			err = p.skip()
		}
		if err != nil {
			return err
		}
		if p.format.seen && p.version.seen && !p.checked {
			if err := p.checkHeader(); err != nil {
				return err
			}
		}
		c, err = p.s.next()
		if err != nil {
			return err
		}
		switch c {
		case ',':
			p.s.pos++
			if c, err = p.s.next(); err != nil {
				return err
			}
			if c == '}' {
				return p.s.unexpected("looking for beginning of object key string")
			}
		case '}':
			p.s.pos++
		default:
			return p.s.unexpected("after object key:value pair")
		}
	}
	p.close()
	if _, ok := p.s.space(); ok {
		return p.s.errorf("there is more after the end of the document; a Debrief file holds one JSON object")
	}
	if p.s.err != nil {
		return p.s.stopped()
	}
	if !p.checked {
		if err := p.checkHeader(); err != nil {
			return err
		}
	}
	if !p.debriefSeen {
		return &readError{msg: "debrief: missing; the file has no debrief in it", off: p.s.offset()}
	}
	return nil
}

var topFields = [...]string{"format", "version", "debrief", "template"}

// key reads the key at the next byte into the top level of the path; the
// key is in p.s.val until the next string or number is read.
func (p *parser) key() ([]byte, strInfo, error) {
	in, err := p.s.str(-1)
	if err != nil {
		return nil, in, err
	}
	p.path[len(p.path)-1].setKey(p.s.val, in)
	return p.s.val, in, nil
}

// repeated reports whether key, the names[i] (i >= 0) of an object or
// another key, came before in the object. seen is the names it has had;
// others keeps the first few other keys.
func (p *parser) repeated(key []byte, in strInfo, i int, seen []bool, others *[]string) bool {
	if i >= 0 {
		if seen[i] {
			return true
		}
		seen[i] = true
		return false
	}
	if in.lone != 0 {
		return false // a lone surrogate reads as U+FFFD: two such keys may differ
	}
	for _, o := range *others {
		if o == string(key) {
			return true
		}
	}
	if len(*others) < maxTracked {
		*others = append(*others, string(key))
	}
	return false
}

func indexOf(names []string, key []byte) int {
	if len(key) > 16 {
		return -1
	}
	for i, n := range names {
		if n == string(key) {
			return i
		}
	}
	return -1
}

// headerField reads "format" or "version", keeping its start.
func (p *parser) headerField(h *header) error {
	h.seen = true
	c := p.s.buf[p.s.pos]
	h.kind = kindAt(c)
	switch h.kind {
	case "string":
		in, err := p.s.str(maxHeaderLen)
		if err != nil {
			return err
		}
		h.text, h.runes, h.cut = string(p.s.val), in.runes, in.cut
		if h != &p.format || h.cut || h.text != FormatName {
			p.skipping = true // not a Debrief file, whatever else it holds
		}
	case "number":
		start := p.s.offset()
		cut, err := p.s.number(maxHeaderLen)
		if err != nil {
			return err
		}
		h.text, h.runes, h.cut = string(p.s.val), int(p.s.offset()-start), cut
		if h != &p.version || h.text != "1" {
			p.skipping = true // not version 1: its content may be anything
		}
	default:
		p.skipping = true
		return p.skip()
	}
	return nil
}

// checkHeader makes sure this is a Debrief file of a version we read: a
// newer file may well have fields we don't know. Then a problem found
// before the header was read is the error.
func (p *parser) checkHeader() error {
	fail := func(format string, args ...any) error {
		return &readError{msg: fmt.Sprintf(format, args...), off: p.s.offset()}
	}
	f, v := &p.format, &p.version
	switch {
	case !f.seen || f.kind == "null":
		return fail("this is not a Debrief file: it has no \"format\": %q field", FormatName)
	case f.kind != "string":
		return fail("this is not a Debrief file: its \"format\" is a %s, not the string %q", f.kind, FormatName)
	case f.cut || f.text != FormatName:
		return fail("this is not a Debrief file: its format is %s, not %q", quoteText(f.text, f.runes, f.cut), FormatName)
	}
	switch {
	case !v.seen || v.kind == "null":
		return fail("version: missing; a Debrief file says which format version it is written in")
	case v.kind != "number":
		return fail("version: want a whole number, got %s", v.kind)
	}
	n := cutNumber(v.text, v.runes, v.cut)
	if v.cut {
		// Too long to be a version this Debrief knows.
		if v.text[0] == '-' || v.text[0] == '0' {
			return fail("version: want a whole number, got %s", n)
		}
		return fail("this file is format version %s; this Debrief reads up to version %d — update Debrief to open it", n, FormatVersion)
	}
	ver, err := strconv.ParseInt(v.text, 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(v.text, 64); ferr == nil && f > FormatVersion {
			return fail("this file is format version %s; this Debrief reads up to version %d — update Debrief to open it", n, FormatVersion)
		}
		return fail("version: want a whole number, got %s", n)
	}
	if ver > FormatVersion {
		return fail("this file is format version %d; this Debrief reads up to version %d — update Debrief to open it", ver, FormatVersion)
	}
	if ver < 1 {
		return fail("version: %d is not a format version; versions start at 1", ver)
	}
	p.checked = true
	return p.first
}
