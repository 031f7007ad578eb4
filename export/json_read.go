package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// Reading the JSON interchange format: the size limit, syntax errors
// with their line and column, the parsed tree (which tells a key left out
// from one set to its zero value) and the header.

// ReadJSON reads a debrief in the JSON interchange format. It reads at most
// MaxJSONSize bytes (none of a file whose size is known to be larger), refuses anything that is not a Debrief file or is of a
// newer format version, and checks every field: an error names the place in
// the file (such as debrief.factors[2].x) and what is wrong there. A dossier
// is returned only when the whole file is valid; its factors have the IDs
// 1, 2, … in file order. The top-level "template" block of a template file
// is checked (its shape and its category keys) and otherwise ignored.
func ReadJSON(r io.Reader) (*model.Dossier, error) {
	tooLarge := fmt.Errorf("the file is larger than %d MB, the most Debrief reads", MaxJSONSize>>20)
	// A file that says it is too large is refused before a byte is read.
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxJSONSize {
			return nil, tooLarge
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxJSONSize+1))
	if err != nil {
		return nil, fmt.Errorf("could not read the file: %v", err)
	}
	if len(data) > MaxJSONSize {
		return nil, tooLarge
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte order mark some editors add

	if err := checkSyntax(data); err != nil {
		return nil, err
	}
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(root); err != nil {
		return nil, err
	}
	if err := checkShape("", root, docSchema); err != nil {
		return nil, err
	}
	if err := checkTemplateBlock(root.(*object)); err != nil {
		return nil, err
	}
	var doc fileDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		// The shape was checked above, so this should not happen.
		return nil, fmt.Errorf("could not read the debrief: %v", err)
	}
	return fromFile(root.(*object), doc.Debrief)
}

// checkSyntax reports the first syntax error with its line and column.
func checkSyntax(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the file is empty")
	}
	// JSON must be UTF-8; Go's decoder would quietly turn other bytes
	// into U+FFFD, changing the text.
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return fmt.Errorf("%s: byte 0x%02X is not UTF-8 text; save the file as UTF-8 and import it again", position(data, off), data[off])
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("%s: %s; this is not valid JSON", position(data, int(se.Offset)-1), se.Error())
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%s: the file ends in the middle of the document; it may have been cut short", position(data, len(data)))
		default:
			return fmt.Errorf("this is not valid JSON: %v", err)
		}
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return fmt.Errorf("%s: there is more after the end of the document; a Debrief file holds one JSON object", position(data, len(data)-len(rest)))
	}
	return nil
}

// position turns a byte offset into "line L, column C", both counted from 1;
// columns count characters, not bytes.
func position(data []byte, off int) string {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	col := 1 + utf8.RuneCount(before[start:])
	return fmt.Sprintf("line %d, column %d", line, col)
}

// object is a JSON object that remembers the order of its keys, so errors
// are reported in file order.
type object struct {
	keys []string
	vals map[string]any
}

// parseTree reads syntactically valid JSON into objects, []any, string,
// json.Number, bool and nil, refusing a key that appears twice in an object.
func parseTree(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return parseValue(dec, "")
}

func parseValue(dec *json.Decoder, path string) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("this is not valid JSON: %v", err)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	switch d {
	case '{':
		o := &object{vals: map[string]any{}}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("this is not valid JSON: %v", err)
			}
			k, _ := tok.(string)
			p := joinKey(path, k)
			if _, dup := o.vals[k]; dup {
				return nil, fmt.Errorf("%s: the field appears twice", p)
			}
			v, err := parseValue(dec, p)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, k)
			o.vals[k] = v
		}
		_, err = dec.Token() // '}'
		return o, err
	case '[':
		a := []any{}
		for dec.More() {
			v, err := parseValue(dec, joinIndex(path, len(a)))
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err = dec.Token() // ']'
		return a, err
	}
	return nil, fmt.Errorf("this is not valid JSON: unexpected %v", d)
}

// joinKey is the path of a field of the object at path: debrief.title. A
// key that is not a plain name is quoted, debrief["a b"], so that a path
// always shows where it is, even for an empty key or one with a newline.
func joinKey(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
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

// checkHeader makes sure this is a Debrief file of a version we read, before
// anything else is looked at: a newer file may well have fields we don't know.
func checkHeader(root any) error {
	o, ok := root.(*object)
	if !ok {
		return fmt.Errorf("this is not a Debrief file: it holds a JSON %s, not an object", describe(root))
	}
	format, ok := o.vals["format"]
	switch {
	case !ok || format == nil:
		return fmt.Errorf("this is not a Debrief file: it has no \"format\": %q field", FormatName)
	case format != FormatName:
		if s, isString := format.(string); isString {
			return fmt.Errorf("this is not a Debrief file: its format is %q, not %q", s, FormatName)
		}
		return fmt.Errorf("this is not a Debrief file: its \"format\" is a %s, not the string %q", describe(format), FormatName)
	}
	v, ok := o.vals["version"]
	if !ok || v == nil {
		return errors.New("version: missing; a Debrief file says which format version it is written in")
	}
	n, isNumber := v.(json.Number)
	if !isNumber {
		return fmt.Errorf("version: want a whole number, got %s", describe(v))
	}
	ver, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(string(n), 64); ferr == nil && f > FormatVersion {
			return fmt.Errorf("this file is format version %s; this Debrief reads up to version %d — update Debrief to open it", n, FormatVersion)
		}
		return fmt.Errorf("version: want a whole number, got %s", n)
	}
	if ver > FormatVersion {
		return fmt.Errorf("this file is format version %d; this Debrief reads up to version %d — update Debrief to open it", ver, FormatVersion)
	}
	if ver < 1 {
		return fmt.Errorf("version: %d is not a format version; versions start at 1", ver)
	}
	d, ok := o.vals["debrief"]
	if !ok || d == nil {
		return errors.New("debrief: missing; the file has no debrief in it")
	}
	return nil
}

// checkTemplateBlock checks what checkShape cannot in the top-level
// "template" block of a template file: that its categories are category
// keys. The block's shape has been checked; a missing block is fine.
func checkTemplateBlock(root *object) error {
	tb, ok := root.vals["template"].(*object)
	if !ok {
		return nil
	}
	cats, _ := tb.vals["categories"].([]any)
	for i, c := range cats {
		if _, err := model.ParseCategory(c.(string)); err != nil {
			return fmt.Errorf("%s: %w", joinIndex("template.categories", i), err)
		}
	}
	return nil
}
