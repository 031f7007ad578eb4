package export

import (
	"strconv"
	"unicode/utf8"
)

// skip reads the value at the next byte for its syntax only.
func (p *parser) skip() error {
	switch c := p.s.buf[p.s.pos]; {
	case c == '{':
		if err := p.open(); err != nil {
			return err
		}
		c, empty, err := p.opening('}')
		if empty || err != nil {
			return err
		}
		for {
			if c != '"' {
				return p.s.unexpected("looking for beginning of object key string")
			}
			in, err := p.s.str(maxPathKey)
			if err != nil {
				return err
			}
			p.path[len(p.path)-1].setKey(p.s.val, in)
			if err := p.s.expect(':', "after object key"); err != nil {
				return err
			}
			if _, err := p.s.next(); err != nil {
				return err
			}
			if err := p.skip(); err != nil {
				return err
			}
			var more bool
			if c, more, err = p.then('}', "after object key:value pair"); !more || err != nil {
				return err
			}
		}
	case c == '[':
		if err := p.open(); err != nil {
			return err
		}
		if _, empty, err := p.opening(']'); empty || err != nil {
			return err
		}
		for i := 0; ; i++ {
			p.path[len(p.path)-1].index = i
			if err := p.skip(); err != nil {
				return err
			}
			if _, more, err := p.then(']', "after array element"); !more || err != nil {
				return err
			}
		}
	case c == '"':
		_, err := p.s.str(0)
		return err
	case c == 't' || c == 'f' || c == 'n':
		return p.s.literal()
	case c == '-' || '0' <= c && c <= '9':
		_, err := p.s.number(0)
		return err
	}
	return p.s.unexpected("looking for beginning of value")
}

// is checks that the value at the next byte is of kind k. A null is read
// and counts as left out; a value of another kind is read and refused.
func (p *parser) is(k kind) (bool, error) {
	c := p.s.buf[p.s.pos]
	got := kindAt(c)
	switch {
	case got == "null":
		return false, p.s.literal()
	case got == kindName[k]:
		return true, nil
	}
	if err := p.skip(); err != nil {
		return false, err
	}
	return false, p.fail(p.here("want %s, got %s", want(k), got))
}

// object reads the object at the next byte, calling field(i) for each of
// its fields that is names[i] with the next byte at the value. A field not
// in names is refused when the object ends (after a field that appears
// twice, which is refused at once); the fields after it are not read.
func (p *parser) object(names []string, field func(i int) error) error {
	if err := p.open(); err != nil {
		return err
	}
	var seenArr [16]bool
	seen := seenArr[:len(names)]
	var others []string
	var unknown error
	c, empty, err := p.opening('}')
	if empty || err != nil {
		return err
	}
	for {
		if c != '"' {
			return p.s.unexpected("looking for beginning of object key string")
		}
		key, in, err := p.key()
		if err != nil {
			return err
		}
		i := -1
		if in.lone == 0 {
			i = indexOf(names, key)
		}
		if p.repeated(key, in, i, seen, &others) {
			return p.here("the field appears twice")
		}
		if i < 0 && unknown == nil {
			unknown = p.errAt(len(p.path)-1, "unknown field %s", quoteStart(key, in))
		}
		if err := p.s.expect(':', "after object key"); err != nil {
			return err
		}
		if _, err := p.s.next(); err != nil {
			return err
		}
		if i >= 0 && unknown == nil && !p.skipping {
			err = field(i)
		} else {
			err = p.skip()
		}
		if err != nil {
			return err
		}
		var more bool
		if c, more, err = p.then('}', "after object key:value pair"); err != nil {
			return err
		}
		if !more {
			if unknown != nil {
				return p.fail(unknown)
			}
			return nil
		}
	}
}

// array reads the array at the next byte (or a null: left out), calling
// elem(i) for each element with the next byte at it. An element must be
// of kind k, and there may be at most max of them: more is refused at once,
// naming what: "cards".
func (p *parser) array(k kind, max int, what string, elem func(i int) error) error {
	if ok, err := p.is(kArray); !ok || err != nil {
		return err
	}
	if err := p.open(); err != nil {
		return err
	}
	top := len(p.path) - 1
	c, empty, err := p.opening(']')
	if empty || err != nil {
		return err
	}
	for i := 0; ; i++ {
		p.path[top].index = i
		if i == max && !p.skipping {
			e := p.errAt(top, "more than %s %s, the most Debrief imports", commas(max), what)
			e.limit = true
			if err := p.fail(e); err != nil {
				return err
			}
		}
		switch {
		case p.skipping:
			err = p.skip()
		case c == 'n':
			if err = p.s.literal(); err == nil {
				err = p.fail(p.here("want %s, got null", want(k)))
			}
		default:
			if err = elem(i); err == nil && !p.skipping {
				p.parts++
			}
		}
		if err != nil {
			return err
		}
		var more bool
		if c, more, err = p.then(']', "after array element"); !more || err != nil {
			return err
		}
	}
}

// opening reads the first byte inside an object or array just opened: when
// it is the closing byte end, the container is closed and empty.
func (p *parser) opening(end byte) (c byte, empty bool, err error) {
	if c, err = p.s.next(); err != nil || c != end {
		return c, false, err
	}
	p.s.pos++
	p.close()
	return c, true, nil
}

// then reads what follows an element of an object or array: a comma
// (more, with the byte after it) or the closing byte end (the container
// is closed). what names the place for the error otherwise.
func (p *parser) then(end byte, what string) (c byte, more bool, err error) {
	if c, err = p.s.next(); err != nil {
		return c, false, err
	}
	switch c {
	case ',':
		p.s.pos++
		c, err = p.s.next()
		return c, err == nil, err
	case end:
		p.s.pos++
		p.close()
		return c, false, nil
	}
	return c, false, p.s.unexpected(what)
}

// text reads a string field into dst; ok is false when it was left out or
// refused.
func (p *parser) text(dst *string) (ok bool, err error) {
	if ok, err := p.is(kString); !ok || err != nil {
		return false, err
	}
	in, err := p.s.str(-1)
	if err != nil {
		return false, err
	}
	if in.lone != 0 {
		e := p.here("the text has \\u%x, half of a UTF-16 surrogate pair without its other half, at character %d; that is no character", in.lone, in.loneAt)
		e.limit = true
		return false, p.fail(e)
	}
	if dst != nil {
		*dst = string(p.s.val)
	}
	return true, nil
}

// num reads a number field of kind kInt or kNumber; its text is in p.s.val.
func (p *parser) num(k kind) (ok bool, err error) {
	if ok, err := p.is(k); !ok || err != nil {
		return false, err
	}
	if _, err := p.s.number(-1); err != nil {
		return false, err
	}
	return true, nil
}

// float reads a number field.
func (p *parser) float(dst **float64) error {
	ok, err := p.num(kNumber)
	if !ok || err != nil {
		return err
	}
	f, err := strconv.ParseFloat(string(p.s.val), 64)
	if err != nil {
		return p.fail(p.here("%s is too large", cutNumber(string(p.s.val), len(p.s.val), false)))
	}
	if dst != nil {
		*dst = &f
	}
	return nil
}

// whole reads a whole-number field.
func (p *parser) whole(dst *int) error {
	ok, err := p.num(kInt)
	if !ok || err != nil {
		return err
	}
	return p.parseWhole(dst)
}

// boolean reads a true-or-false field.
func (p *parser) boolean(dst *bool) error {
	if ok, err := p.is(kBool); !ok || err != nil {
		return err
	}
	*dst = p.s.buf[p.s.pos] == 't'
	return p.s.literal()
}

// obj reads an object field (null: left out); made is called when it is
// an object, before its fields are read.
func (p *parser) obj(names []string, made func(), field func(i int) error) error {
	if ok, err := p.is(kObject); !ok || err != nil {
		return err
	}
	made()
	return p.object(names, field)
}

// firstRunes is the first n characters of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// quoteText quotes the text s for a message. A text of more than textShown
// characters (runes) is cut to its start, with "…" and its length; cut
// says s itself is only the start of it.
func quoteText(s string, runes int, cut bool) string {
	if !cut && runes <= textShown {
		return strconv.Quote(s)
	}
	return strconv.Quote(firstRunes(s, textShown-8)+"…") + " (" + commas(runes) + " characters)"
}

// quoteCut quotes a text for a message, cut if it is long.
func quoteCut(s string) string { return quoteText(s, utf8.RuneCountInString(s), false) }

// quoteStart quotes the key just read, cut if it is long.
func quoteStart(key []byte, in strInfo) string {
	return quoteText(firstRunes(string(key[:min(len(key), 4*textShown)]), textShown), in.runes, in.cut)
}

// cutNumber is the number n of length characters for a message, cut if
// it is long.
func cutNumber(n string, length int, cut bool) string {
	if !cut && length <= textShown {
		return n
	}
	return n[:min(len(n), textShown-8)] + "… (" + commas(length) + " characters)"
}

// commas writes n with thousands separated: 100,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// plainKey reports whether key is a name of ASCII letters, digits and
// underscores, as every field of the format is.
func plainKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func joinIndex(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
