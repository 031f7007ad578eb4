package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// The reader of the JSON interchange format as it was at commit 8e05096,
// kept as the reference FuzzReadJSON compares the streaming reader with.
// Only its names changed (a ref prefix); its size check is left out.

// refReadFile is ReadJSON as it was before it read the stream in one pass
// (commit 8e05096): it reads the whole file, checks its syntax with
// encoding/json, parses it into a tree, checks the header and the shape,
// and decodes it with json.Unmarshal. FuzzReadJSON holds the new reader to
// it: both accept the same files, bar the new limits, and read them into
// the same structs. It keeps the old memory bomb, so only small inputs.
func refReadFile(data []byte) (*fileDebrief, bool, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := refCheckSyntax(data); err != nil {
		return nil, false, err
	}
	root, err := refParseTree(data)
	if err != nil {
		return nil, false, err
	}
	if err := refCheckHeader(root); err != nil {
		return nil, false, err
	}
	if err := refCheckShape("", root, refDocSchema); err != nil {
		return nil, false, err
	}
	if err := refCheckTemplateBlock(root.(*refObject)); err != nil {
		return nil, false, err
	}
	var doc fileDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, false, fmt.Errorf("could not read the debrief: %v", err)
	}
	title, ok := root.(*refObject).vals["debrief"].(*refObject).vals["title"]
	return doc.Debrief, ok && title != nil, nil
}

// refCheckSyntax reports the first syntax error with its line and column.
func refCheckSyntax(data []byte) error {
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
		return fmt.Errorf("%s: byte 0x%02X is not UTF-8 text; save the file as UTF-8 and import it again", refPosition(data, off), data[off])
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("%s: %s; this is not valid JSON", refPosition(data, int(se.Offset)-1), se.Error())
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%s: the file ends in the middle of the document; it may have been cut short", refPosition(data, len(data)))
		default:
			return fmt.Errorf("this is not valid JSON: %v", err)
		}
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return fmt.Errorf("%s: there is more after the end of the document; a Debrief file holds one JSON object", refPosition(data, len(data)-len(rest)))
	}
	return nil
}

// position turns a byte offset into "line L, column C", both counted from 1;
// columns count characters, not bytes.
func refPosition(data []byte, off int) string {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	col := 1 + utf8.RuneCount(before[start:])
	return fmt.Sprintf("line %d, column %d", line, col)
}

// object is a JSON object that remembers the order of its keys, so errors
// are reported in file order.
type refObject struct {
	keys []string
	vals map[string]any
}

// refParseTree reads syntactically valid JSON into objects, []any, string,
// json.Number, bool and nil, refusing a key that appears twice in an object.
func refParseTree(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return refParseValue(dec, "")
}

func refParseValue(dec *json.Decoder, path string) (any, error) {
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
		o := &refObject{vals: map[string]any{}}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("this is not valid JSON: %v", err)
			}
			k, _ := tok.(string)
			p := refJoinKey(path, k)
			if _, dup := o.vals[k]; dup {
				return nil, fmt.Errorf("%s: the field appears twice", p)
			}
			v, err := refParseValue(dec, p)
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
			v, err := refParseValue(dec, joinIndex(path, len(a)))
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

// refJoinKey is the path of a field of the object at path: debrief.title. A
// key that is not a plain name is quoted, debrief["a b"], so that a path
// always shows where it is, even for an empty key or one with a newline.
func refJoinKey(path, key string) string {
	if !refPlainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// plainKey reports whether key is a name of ASCII letters, digits and
// underscores, as every field of the format is.
func refPlainKey(key string) bool {
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

// refCheckHeader makes sure this is a Debrief file of a version we read, before
// anything else is looked at: a newer file may well have fields we don't know.
func refCheckHeader(root any) error {
	o, ok := root.(*refObject)
	if !ok {
		return fmt.Errorf("this is not a Debrief file: it holds a JSON %s, not an object", refDescribe(root))
	}
	format, ok := o.vals["format"]
	switch {
	case !ok || format == nil:
		return fmt.Errorf("this is not a Debrief file: it has no \"format\": %q field", FormatName)
	case format != FormatName:
		if s, irefSString := format.(string); irefSString {
			return fmt.Errorf("this is not a Debrief file: its format is %q, not %q", s, FormatName)
		}
		return fmt.Errorf("this is not a Debrief file: its \"format\" is a %s, not the string %q", refDescribe(format), FormatName)
	}
	v, ok := o.vals["version"]
	if !ok || v == nil {
		return errors.New("version: missing; a Debrief file says which format version it is written in")
	}
	n, irefSNumber := v.(json.Number)
	if !irefSNumber {
		return fmt.Errorf("version: want a whole number, got %s", refDescribe(v))
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

// refCheckTemplateBlock checks what refCheckShape cannot in the top-level
// "template" block of a template file: that its categories are category
// keys. The block's shape has been checked; a missing block is fine.
func refCheckTemplateBlock(root *refObject) error {
	tb, ok := root.vals["template"].(*refObject)
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

// The shape of a Debrief file, checked before anything is read from it so
// that an error names the place in the file.

// schema says what may appear at one place in the document.
type refSchema struct {
	kind   kind
	fields map[string]*refSchema // kObject: the allowed keys
	elem   *refSchema            // kArray: every element
}

var (
	refSString = &refSchema{kind: kString}
	refSInt    = &refSchema{kind: kInt}
	refSNumber = &refSchema{kind: kNumber}
	refSBool   = &refSchema{kind: kBool}
)

func refSObject(fields map[string]*refSchema) *refSchema {
	return &refSchema{kind: kObject, fields: fields}
}
func refSArray(elem *refSchema) *refSchema { return &refSchema{kind: kArray, elem: elem} }

// refDocSchema is version 1 of the format. Keep it in step with the file
// structs above and with docs/format.md.
var refDocSchema = refSObject(map[string]*refSchema{
	"format":  refSString,
	"version": refSInt,
	// The block that describes a built-in template (assets/templates/*.json).
	// It is read for its shape and its categories, then ignored: it is not
	// part of the debrief, and WriteJSON never writes it.
	"template": refSObject(map[string]*refSchema{
		"name": refSString, "description": refSString, "order": refSNumber,
		"categories": refSArray(refSString), "prompts": refSArray(refSString),
	}),
	"debrief": refSObject(map[string]*refSchema{
		"title":           refSString,
		"summary":         refSString,
		"happened_at":     refSString,
		"scheduled_at":    refSString,
		"timebox_minutes": refSInt,
		"status":          refSString,
		"template":        refSString,
		"participants":    refSArray(refSString),
		"factors": refSArray(refSObject(map[string]*refSchema{
			"key": refSString, "text": refSString, "category": refSString,
			"x": refSNumber, "y": refSNumber, "w": refSNumber, "h": refSNumber,
			"author": refSString, "votes": refSInt,
		})),
		"links": refSArray(refSObject(map[string]*refSchema{
			"from": refSString, "to": refSString, "label": refSString,
		})),
		"lesson": refSObject(map[string]*refSchema{
			"what_led": refSString, "went_well": refSString, "lucky": refSString,
			"warning_signs": refSArray(refSObject(map[string]*refSchema{
				"text": refSString, "factor": refSString,
			})),
			"reflections": refSObject(map[string]*refSchema{
				"nags": refSString, "blame_or_causes": refSString, "safer": refSString, "celebrate": refSString,
			}),
		}),
		"changes": refSArray(refSObject(map[string]*refSchema{
			"what": refSString, "owner": refSString, "check_back": refSString, "measure": refSString,
			"votes": refSInt, "chosen": refSBool, "outcome": refSString, "outcome_note": refSString,
		})),
		"kudos": refSArray(refSObject(map[string]*refSchema{
			"who": refSString, "for": refSString, "factor": refSString,
		})),
		// Added to version 1 after 8e05096, with the timeline.
		"timeline": refSArray(refSObject(map[string]*refSchema{
			"at": refSString, "text": refSString, "kind": refSString,
		})),
	}),
})

// refCheckShape walks v against s and reports the first unknown field or value
// of the wrong type, naming its path. A null field counts as left out.
func refCheckShape(path string, v any, s *refSchema) error {
	where := path
	if where == "" {
		where = "the top level"
	}
	switch s.kind {
	case kString:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %s", where, refDescribe(v))
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: want true or false, got %s", where, refDescribe(v))
		}
	case kInt:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a whole number, got %s", where, refDescribe(v))
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return fmt.Errorf("%s: %s is too large", where, n)
			}
			return fmt.Errorf("%s: want a whole number, got %s", where, n)
		}
	case kNumber:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a number, got %s", where, refDescribe(v))
		}
		if _, err := strconv.ParseFloat(string(n), 64); err != nil {
			return fmt.Errorf("%s: %s is too large", where, n)
		}
	case kArray:
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", where, refDescribe(v))
		}
		for i, e := range a {
			p := joinIndex(path, i)
			if e == nil {
				return fmt.Errorf("%s: want %s, got null", p, refWant(s.elem))
			}
			if err := refCheckShape(p, e, s.elem); err != nil {
				return err
			}
		}
	case kObject:
		o, ok := v.(*refObject)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", where, refDescribe(v))
		}
		for _, k := range o.keys {
			fs, known := s.fields[k]
			if !known {
				if path == "" {
					return fmt.Errorf("unknown top-level field %q", k)
				}
				return fmt.Errorf("%s: unknown field %q", path, k)
			}
			if fv := o.vals[k]; fv != nil {
				if err := refCheckShape(refJoinKey(path, k), fv, fs); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func refWant(s *refSchema) string {
	switch s.kind {
	case kString:
		return "a string"
	case kInt:
		return "a whole number"
	case kNumber:
		return "a number"
	case kBool:
		return "true or false"
	case kArray:
		return "an array"
	default:
		return "an object"
	}
}

// describe names the JSON type of a parsed value.
func refDescribe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case *refObject:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
