package export

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Reading JSON a byte at a time from a stream: the syntax, UTF-8, the
// position of each byte (line and column) and the decoding of strings.
// Nothing here keeps more than one buffer of the input and the one string
// or number being read, so what the reader holds does not grow with the
// file; json_read.go decides what to keep.

// scanBufSize is the most of the input held at once.
const scanBufSize = 64 << 10

// readError is an error of the reader: its message, and the offset in the
// input (after a byte order mark) where the reader was when it found it.
// The offset is for tests: everything before it was read and found to be
// JSON.
type readError struct {
	msg string
	off int64
	// limit marks a refusal by one of the limits a generic JSON reader
	// does not have (nesting depth, number of parts, lone surrogates).
	limit bool
}

func (e *readError) Error() string { return e.msg }

// scanner reads JSON text from r.
type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // the next byte is buf[pos]
	end  int   // buf[:end] holds input
	base int64 // the offset of buf[0] in the input, after a byte order mark
	read int64 // bytes read from r, a byte order mark included
	eof  bool
	err  error // what ended the input, if not its end: a read error or the size limit

	// The position of the next byte: its line, counted from 1, where that
	// line starts, and how many UTF-8 continuation bytes the line has before
	// it, so that columns count characters.
	line      int
	lineStart int64
	cont      int64

	// val holds the string or number just read, when it was asked to keep it.
	val []byte
}

var errTooLarge = errors.New("too large")

func newScanner(r io.Reader, size int) *scanner {
	n := scanBufSize
	if size >= 0 && size+16 < n {
		n = size + 16
	}
	return &scanner{r: io.LimitReader(r, MaxJSONSize+1), buf: make([]byte, n), line: 1}
}

// offset is where the next byte is in the input.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// position is the next byte's place as "line L, column C".
func (s *scanner) position() string {
	return fmt.Sprintf("line %d, column %d", s.line, s.offset()-s.lineStart-s.cont+1)
}

// fill reads more input, keeping buf[pos:end]. It reports whether there is
// a byte more than before; when not, s.err or s.eof says why.
func (s *scanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for tries := 0; s.end < len(s.buf); tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read += int64(n)
		if s.read > MaxJSONSize {
			s.err = errTooLarge
			return false
		}
		if err == io.EOF {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.err = err
			return false
		}
		if n > 0 {
			return true
		}
		if tries == 100 {
			s.err = io.ErrNoProgress
			return false
		}
	}
	return true
}

// need makes buf[pos:end] hold n bytes if the input has them.
func (s *scanner) need(n int) {
	for s.end-s.pos < n && s.fill() {
	}
}

// skipBOM drops a byte order mark some editors put at the start.
func (s *scanner) skipBOM() {
	s.need(3)
	if s.end-s.pos >= 3 && s.buf[0] == 0xEF && s.buf[1] == 0xBB && s.buf[2] == 0xBF {
		s.pos = 3
		s.base = -3
	}
}

// errorf is an error at the next byte that names its line and column.
func (s *scanner) errorf(format string, args ...any) *readError {
	return &readError{msg: s.position() + ": " + fmt.Sprintf(format, args...), off: s.offset()}
}

// stopped is the error for input that ended in the middle of the document:
// a read error, the size limit, or the end of the file.
func (s *scanner) stopped() *readError {
	switch {
	case s.err == errTooLarge:
		return &readError{msg: fmt.Sprintf("the file is larger than %d MB, the most Debrief reads", MaxJSONSize>>20), off: s.offset()}
	case s.err != nil:
		return &readError{msg: fmt.Sprintf("could not read the file: %v", s.err), off: s.offset()}
	}
	return s.errorf("the file ends in the middle of the document; it may have been cut short")
}

// space skips white space and returns the next byte. At the end of the
// input it returns ok false; s.err says whether that is the end of the file.
func (s *scanner) space() (c byte, ok bool) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\r':
				s.pos++
			case '\n':
				s.pos++
				s.line++
				s.lineStart = s.offset()
				s.cont = 0
			default:
				return c, true
			}
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// next is space for a place where the document must go on.
func (s *scanner) next() (byte, error) {
	c, ok := s.space()
	if !ok {
		return 0, s.stopped()
	}
	return c, nil
}

// onlySpace reads the rest of the input and reports whether it is all
// white space to Unicode (which JSON's white space is a part of).
func (s *scanner) onlySpace() bool {
	for {
		if s.end-s.pos < utf8.UTFMax {
			s.need(utf8.UTFMax)
		}
		if s.pos >= s.end {
			return s.err == nil
		}
		r, n := utf8.DecodeRune(s.buf[s.pos:s.end])
		if !unicode.IsSpace(r) {
			return false
		}
		s.pos += n
	}
}

// unexpected is the error for the next byte, which cannot come here.
func (s *scanner) unexpected(context string) *readError {
	c := s.buf[s.pos]
	r := rune(c)
	if c >= utf8.RuneSelf {
		s.need(utf8.UTFMax)
		var n int
		r, n = utf8.DecodeRune(s.buf[s.pos:s.end])
		if r == utf8.RuneError && n <= 1 {
			return s.notUTF8()
		}
	}
	return s.errorf("invalid character %s %s; this is not valid JSON", strconv.QuoteRune(r), context)
}

// notUTF8 is the error for the next byte, which is not UTF-8.
func (s *scanner) notUTF8() *readError {
	return s.errorf("byte 0x%02X is not UTF-8 text; save the file as UTF-8 and import it again", s.buf[s.pos])
}

// expect consumes the byte want, which must come next after white space.
func (s *scanner) expect(want byte, context string) error {
	c, err := s.next()
	if err != nil {
		return err
	}
	if c != want {
		return s.unexpected(context)
	}
	s.pos++
	return nil
}

// strInfo tells about a string just read.
type strInfo struct {
	runes int  // its characters
	cut   bool // val holds only the start of it
	// lone is the first lone surrogate in it (\ud800 to \udfff without its
	// other half), which is no character: encoding/json would quietly make
	// it U+FFFD. loneAt is the character it would have been.
	lone   rune
	loneAt int
}

// str reads the string that starts at the next byte, a quote. It keeps at
// most keep bytes of it in s.val, whole characters only (keep < 0: all of
// it); a lone surrogate is kept as U+FFFD.
func (s *scanner) str(keep int) (strInfo, error) {
	var in strInfo
	s.val = s.val[:0]
	add := func(p []byte) {
		if in.cut {
			return
		}
		if keep < 0 || len(s.val)+len(p) <= keep {
			s.val = append(s.val, p...)
		} else {
			in.cut = true
		}
	}
	s.pos++ // the opening quote
	for {
		if s.pos >= s.end && !s.fill() {
			return in, s.stopped()
		}
		c := s.buf[s.pos]
		switch {
		case c == '"':
			s.pos++
			return in, nil
		case c == '\\':
			r, n, err := s.escape(&in)
			if err != nil {
				return in, err
			}
			var b [utf8.UTFMax]byte
			add(b[:utf8.EncodeRune(b[:], r)])
			in.runes++
			s.pos += n
		case c < 0x20:
			return in, s.errorf("invalid character %s in string literal; this is not valid JSON", strconv.QuoteRune(rune(c)))
		case c < utf8.RuneSelf:
			start := s.pos
			for s.pos < s.end {
				c := s.buf[s.pos]
				if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
					break
				}
				s.pos++
			}
			run := s.buf[start:s.pos]
			in.runes += len(run)
			if in.cut {
				break
			}
			if keep < 0 || len(s.val)+len(run) <= keep {
				s.val = append(s.val, run...)
			} else {
				if room := keep - len(s.val); room > 0 {
					s.val = append(s.val, run[:room]...)
				}
				in.cut = true
			}
		default:
			s.need(utf8.UTFMax)
			r, n := utf8.DecodeRune(s.buf[s.pos:s.end])
			if r == utf8.RuneError && n <= 1 {
				return in, s.notUTF8()
			}
			add(s.buf[s.pos : s.pos+n])
			in.runes++
			s.cont += int64(n - 1)
			s.pos += n
		}
	}
}

// escape decodes the escape at the next byte, a backslash, and returns the
// character and the bytes it takes; it leaves pos at the backslash.
func (s *scanner) escape(in *strInfo) (rune, int, error) {
	s.need(2)
	if s.end-s.pos < 2 {
		s.pos = s.end
		return 0, 0, s.stopped()
	}
	switch e := s.buf[s.pos+1]; e {
	case '"', '\\', '/':
		return rune(e), 2, nil
	case 'b':
		return '\b', 2, nil
	case 'f':
		return '\f', 2, nil
	case 'n':
		return '\n', 2, nil
	case 'r':
		return '\r', 2, nil
	case 't':
		return '\t', 2, nil
	case 'u':
		r, err := s.hex4(2)
		if err != nil {
			return 0, 0, err
		}
		if r < 0xD800 || r > 0xDFFF {
			return r, 6, nil
		}
		if r < 0xDC00 {
			// A high surrogate: a low one must follow, as \uDC00 to \uDFFF.
			s.need(12)
			if s.end-s.pos >= 12 && s.buf[s.pos+6] == '\\' && s.buf[s.pos+7] == 'u' {
				if lo, ok := hexValue(s.buf[s.pos+8 : s.pos+12]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
					return 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00), 12, nil
				}
			}
		}
		if in.lone == 0 {
			in.lone, in.loneAt = r, in.runes+1
		}
		return utf8.RuneError, 6, nil
	default:
		s.pos++
		return 0, 0, s.unexpected("in string escape code")
	}
}

// hex4 reads the four hexadecimal digits rel bytes after the next byte; on
// error pos is at the digit that is wrong.
func (s *scanner) hex4(rel int) (rune, error) {
	s.need(rel + 4)
	i := s.pos + rel
	var r rune
	for j := i; j < i+4; j++ {
		if j >= s.end {
			s.pos = s.end
			return 0, s.stopped()
		}
		d, ok := hexValue(s.buf[j : j+1])
		if !ok {
			s.pos = j
			return 0, s.unexpected(`in \u hexadecimal character escape`)
		}
		r = r<<4 | d
	}
	return r, nil
}

// hexValue is the value of the hexadecimal digits b.
func hexValue(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// number reads the number that starts at the next byte, keeping at most
// keep bytes of it in s.val (keep < 0: all); cut says whether it was cut.
func (s *scanner) number(keep int) (cut bool, err error) {
	s.val = s.val[:0]
	// peek is the next byte of the number, or 0 at the end of the input.
	peek := func() byte {
		if s.pos >= s.end && !s.fill() {
			return 0
		}
		return s.buf[s.pos]
	}
	take := func() {
		if keep < 0 || len(s.val) < keep {
			s.val = append(s.val, s.buf[s.pos])
		} else {
			cut = true
		}
		s.pos++
	}
	digits := func(context string) error {
		c := peek()
		if c < '0' || c > '9' {
			if s.pos >= s.end {
				return s.stopped()
			}
			return s.unexpected(context)
		}
		for c >= '0' && c <= '9' {
			take()
			c = peek()
		}
		return nil
	}
	if peek() == '-' {
		take()
	}
	switch c := peek(); {
	case c == '0':
		take()
	case '1' <= c && c <= '9':
		if err := digits(""); err != nil {
			return cut, err
		}
	case s.pos >= s.end:
		return cut, s.stopped()
	default:
		return cut, s.unexpected("in numeric literal")
	}
	if peek() == '.' {
		take()
		if err := digits("after decimal point in numeric literal"); err != nil {
			return cut, err
		}
	}
	if c := peek(); c == 'e' || c == 'E' {
		take()
		if c := peek(); c == '+' || c == '-' {
			take()
		}
		if err := digits("in exponent of numeric literal"); err != nil {
			return cut, err
		}
	}
	if s.err != nil && s.pos >= s.end {
		return cut, s.stopped()
	}
	return cut, nil
}

// literal reads true, false or null, whichever starts at the next byte.
func (s *scanner) literal() error {
	var word string
	switch s.buf[s.pos] {
	case 't':
		word = "true"
	case 'f':
		word = "false"
	default:
		word = "null"
	}
	for i := 0; i < len(word); i++ {
		if s.pos >= s.end && !s.fill() {
			return s.stopped()
		}
		if s.buf[s.pos] != word[i] {
			return s.unexpected(fmt.Sprintf("in literal %s (expecting %s)", word, strconv.QuoteRune(rune(word[i]))))
		}
		s.pos++
	}
	return nil
}

// kindAt names the JSON type of the value whose first byte is c, or ""
// when no value starts with c.
func kindAt(c byte) string {
	switch {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || '0' <= c && c <= '9':
		return "number"
	}
	return ""
}
