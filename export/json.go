package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// FormatName is the value of the top-level "format" field of a Debrief file.
const FormatName = "debrief"

// FormatVersion is the newest version of the JSON format this Debrief reads,
// and the version it writes.
const FormatVersion = 1

// MaxJSONSize is the largest JSON file ReadJSON accepts.
const MaxJSONSize = 64 << 20 // bytes

// Where a card without x or y in the file is put: a grid of gridColumns
// columns, starting at gridOrigin, one card every gridStepX by gridStepY.
const (
	gridColumns = 5
	gridOrigin  = 40
	gridStepX   = model.DefaultCardWidth + 40
	gridStepY   = model.DefaultCardHeight + 40
)

// The document as it is written. Field order is the order keys are written
// in; pointers mark the fields whose absence means "use the default".
type fileDoc struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Debrief *fileDebrief `json:"debrief"`
}

type fileDebrief struct {
	Title          string       `json:"title"`
	Summary        string       `json:"summary,omitempty"`
	HappenedAt     string       `json:"happened_at,omitempty"`
	ScheduledAt    string       `json:"scheduled_at,omitempty"`
	TimeboxMinutes *int         `json:"timebox_minutes"`
	Status         string       `json:"status"`
	Template       string       `json:"template,omitempty"`
	Participants   []string     `json:"participants,omitempty"`
	Factors        []fileFactor `json:"factors,omitempty"`
	Links          []fileLink   `json:"links,omitempty"`
	Lesson         *fileLesson  `json:"lesson,omitempty"`
	Changes        []fileChange `json:"changes,omitempty"`
	Kudos          []fileKudos  `json:"kudos,omitempty"`
}

type fileFactor struct {
	Key      string   `json:"key,omitempty"`
	Text     string   `json:"text,omitempty"`
	Category string   `json:"category"`
	X        *float64 `json:"x"`
	Y        *float64 `json:"y"`
	W        *float64 `json:"w"`
	H        *float64 `json:"h"`
	Author   string   `json:"author,omitempty"`
	Votes    int      `json:"votes,omitempty"`
}

type fileLink struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
}

type fileLesson struct {
	WhatLed      string            `json:"what_led,omitempty"`
	WentWell     string            `json:"went_well,omitempty"`
	Lucky        string            `json:"lucky,omitempty"`
	WarningSigns []fileWarningSign `json:"warning_signs,omitempty"`
	Reflections  *fileReflections  `json:"reflections,omitempty"`
}

type fileWarningSign struct {
	Text   string `json:"text"`
	Factor string `json:"factor,omitempty"`
}

type fileReflections struct {
	Nags          string `json:"nags,omitempty"`
	BlameOrCauses string `json:"blame_or_causes,omitempty"`
	Safer         string `json:"safer,omitempty"`
	Celebrate     string `json:"celebrate,omitempty"`
}

type fileChange struct {
	What        string `json:"what"`
	Owner       string `json:"owner,omitempty"`
	CheckBack   string `json:"check_back,omitempty"`
	Measure     string `json:"measure,omitempty"`
	Votes       int    `json:"votes,omitempty"`
	Chosen      bool   `json:"chosen,omitempty"`
	Outcome     string `json:"outcome,omitempty"`
	OutcomeNote string `json:"outcome_note,omitempty"`
}

type fileKudos struct {
	Who    string `json:"who"`
	For    string `json:"for,omitempty"`
	Factor string `json:"factor,omitempty"`
}

// ---------------------------------------------------------------------------
// Writing

// WriteJSON writes d in the JSON interchange format, version FormatVersion:
// two-space indented, keys in a fixed order, empty optional fields left out,
// and a trailing newline. Factors get the keys "f1", "f2", … by their
// position in d.Factors, and links, warning signs and kudos refer to them by
// those keys. The output depends only on d, so exporting what was imported
// gives the same bytes again. Nothing is written if d cannot be expressed.
func WriteJSON(w io.Writer, d *model.Dossier) error {
	if d == nil {
		return errors.New("there is no debrief to export")
	}
	doc, err := toFile(d)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("could not write the debrief as JSON: %v", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func toFile(d *model.Dossier) (*fileDoc, error) {
	db := d.Debrief
	timebox := db.TimeboxMinutes
	fd := &fileDebrief{
		Title:          db.Title,
		Summary:        db.Summary,
		TimeboxMinutes: &timebox,
		Status:         string(db.Status),
		Template:       db.Template,
		Participants:   db.Participants,
	}
	var err error
	if fd.HappenedAt, err = formatTime("happened_at", db.HappenedAt); err != nil {
		return nil, err
	}
	if fd.ScheduledAt, err = formatTime("scheduled_at", db.ScheduledAt); err != nil {
		return nil, err
	}

	keys := make(map[int64]string, len(d.Factors))
	for i, f := range d.Factors {
		if _, dup := keys[f.ID]; dup {
			return nil, fmt.Errorf("factor %d has id %d, which an earlier factor has too", i+1, f.ID)
		}
		key := "f" + strconv.Itoa(i+1)
		keys[f.ID] = key
		for _, c := range []struct {
			name string
			v    float64
		}{{"x", f.X}, {"y", f.Y}, {"w", f.W}, {"h", f.H}} {
			if math.IsNaN(c.v) || math.IsInf(c.v, 0) {
				return nil, fmt.Errorf("factor %d: %s is %v, which JSON cannot hold", i+1, c.name, c.v)
			}
		}
		x, y, w, h := f.X, f.Y, f.W, f.H
		fd.Factors = append(fd.Factors, fileFactor{
			Key: key, Text: f.Text, Category: string(f.Category),
			X: &x, Y: &y, W: &w, H: &h,
			Author: f.Author, Votes: f.Votes,
		})
	}
	// ref turns a factor ID into its key; 0 is "no factor" when optional.
	ref := func(where string, id int64, optional bool) (string, error) {
		if id == 0 && optional {
			return "", nil
		}
		if k, ok := keys[id]; ok {
			return k, nil
		}
		return "", fmt.Errorf("%s refers to factor %d, which is not in this debrief", where, id)
	}

	for i, l := range d.Links {
		where := fmt.Sprintf("link %d", i+1)
		from, err := ref(where, l.FromID, false)
		if err != nil {
			return nil, err
		}
		to, err := ref(where, l.ToID, false)
		if err != nil {
			return nil, err
		}
		fd.Links = append(fd.Links, fileLink{From: from, To: to, Label: l.Label})
	}

	if !d.Lesson.Empty() || len(d.WarningSigns) > 0 {
		ls := d.Lesson
		fl := &fileLesson{WhatLed: ls.WhatLed, WentWell: ls.WentWell, Lucky: ls.Lucky}
		for i, ws := range d.WarningSigns {
			k, err := ref(fmt.Sprintf("warning sign %d", i+1), ws.FactorID, true)
			if err != nil {
				return nil, err
			}
			fl.WarningSigns = append(fl.WarningSigns, fileWarningSign{Text: ws.Text, Factor: k})
		}
		if r := ls.Reflections; r != (model.Reflections{}) {
			fl.Reflections = &fileReflections{Nags: r.Nags, BlameOrCauses: r.BlameOrCauses, Safer: r.Safer, Celebrate: r.Celebrate}
		}
		fd.Lesson = fl
	}

	for i, c := range d.Changes {
		fc := fileChange{
			What: c.What, Owner: c.Owner, Measure: c.Measure, Votes: c.Votes,
			Chosen: c.Chosen, Outcome: string(c.Outcome), OutcomeNote: c.OutcomeNote,
		}
		if !c.CheckBack.IsZero() {
			t := c.CheckBack.UTC()
			if t.Year() < 1 || t.Year() > 9999 {
				return nil, fmt.Errorf("process change %d: the check-back year %d cannot be written", i+1, t.Year())
			}
			fc.CheckBack = t.Format(model.DateLayout)
		}
		fd.Changes = append(fd.Changes, fc)
	}

	for i, k := range d.Kudos {
		key, err := ref(fmt.Sprintf("kudos %d", i+1), k.FactorID, true)
		if err != nil {
			return nil, err
		}
		fd.Kudos = append(fd.Kudos, fileKudos{Who: k.Who, For: k.For, Factor: key})
	}

	return &fileDoc{Format: FormatName, Version: FormatVersion, Debrief: fd}, nil
}

// formatTime writes t as RFC 3339 in UTC, with fractional seconds only when
// there are any; the zero time is "" (left out).
func formatTime(field string, t time.Time) (string, error) {
	if t.IsZero() {
		return "", nil
	}
	t = t.UTC()
	if t.Year() < 1 || t.Year() > 9999 {
		return "", fmt.Errorf("%s: the year %d cannot be written", field, t.Year())
	}
	return t.Format(time.RFC3339Nano), nil
}

// ---------------------------------------------------------------------------
// Reading

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

// kind is what a field's value must be.
type kind uint8

const (
	kString kind = iota
	kInt
	kNumber
	kBool
	kObject
	kArray
)

// schema says what may appear at one place in the document.
type schema struct {
	kind   kind
	fields map[string]*schema // kObject: the allowed keys
	elem   *schema            // kArray: every element
}

var (
	sString = &schema{kind: kString}
	sInt    = &schema{kind: kInt}
	sNumber = &schema{kind: kNumber}
	sBool   = &schema{kind: kBool}
)

func sObject(fields map[string]*schema) *schema { return &schema{kind: kObject, fields: fields} }
func sArray(elem *schema) *schema               { return &schema{kind: kArray, elem: elem} }

// docSchema is version 1 of the format. Keep it in step with the file
// structs above and with docs/format.md.
var docSchema = sObject(map[string]*schema{
	"format":  sString,
	"version": sInt,
	// The block that describes a built-in template (assets/templates/*.json).
	// It is read for its shape and its categories, then ignored: it is not
	// part of the debrief, and WriteJSON never writes it.
	"template": sObject(map[string]*schema{
		"name": sString, "description": sString, "order": sNumber,
		"categories": sArray(sString), "prompts": sArray(sString),
	}),
	"debrief": sObject(map[string]*schema{
		"title":           sString,
		"summary":         sString,
		"happened_at":     sString,
		"scheduled_at":    sString,
		"timebox_minutes": sInt,
		"status":          sString,
		"template":        sString,
		"participants":    sArray(sString),
		"factors": sArray(sObject(map[string]*schema{
			"key": sString, "text": sString, "category": sString,
			"x": sNumber, "y": sNumber, "w": sNumber, "h": sNumber,
			"author": sString, "votes": sInt,
		})),
		"links": sArray(sObject(map[string]*schema{
			"from": sString, "to": sString, "label": sString,
		})),
		"lesson": sObject(map[string]*schema{
			"what_led": sString, "went_well": sString, "lucky": sString,
			"warning_signs": sArray(sObject(map[string]*schema{
				"text": sString, "factor": sString,
			})),
			"reflections": sObject(map[string]*schema{
				"nags": sString, "blame_or_causes": sString, "safer": sString, "celebrate": sString,
			}),
		}),
		"changes": sArray(sObject(map[string]*schema{
			"what": sString, "owner": sString, "check_back": sString, "measure": sString,
			"votes": sInt, "chosen": sBool, "outcome": sString, "outcome_note": sString,
		})),
		"kudos": sArray(sObject(map[string]*schema{
			"who": sString, "for": sString, "factor": sString,
		})),
	}),
})

// checkShape walks v against s and reports the first unknown field or value
// of the wrong type, naming its path. A null field counts as left out.
func checkShape(path string, v any, s *schema) error {
	where := path
	if where == "" {
		where = "the top level"
	}
	switch s.kind {
	case kString:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %s", where, describe(v))
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: want true or false, got %s", where, describe(v))
		}
	case kInt:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want a whole number, got %s", where, describe(v))
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
			return fmt.Errorf("%s: want a number, got %s", where, describe(v))
		}
		if _, err := strconv.ParseFloat(string(n), 64); err != nil {
			return fmt.Errorf("%s: %s is too large", where, n)
		}
	case kArray:
		a, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", where, describe(v))
		}
		for i, e := range a {
			p := joinIndex(path, i)
			if e == nil {
				return fmt.Errorf("%s: want %s, got null", p, want(s.elem))
			}
			if err := checkShape(p, e, s.elem); err != nil {
				return err
			}
		}
	case kObject:
		o, ok := v.(*object)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", where, describe(v))
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
				if err := checkShape(joinKey(path, k), fv, fs); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func want(s *schema) string {
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
func describe(v any) string {
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
	case *object:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// fromFile builds the dossier from a file whose shape has been checked.
// root is the parsed tree, used to tell a field left out from one set to 0.
func fromFile(root *object, fd *fileDebrief) (*model.Dossier, error) {
	d := &model.Dossier{}
	db := &d.Debrief

	// Debrief.
	if title, ok := root.vals["debrief"].(*object).vals["title"]; !ok || title == nil {
		return nil, errors.New("debrief.title: missing; every debrief needs a title")
	}
	if strings.TrimSpace(fd.Title) == "" {
		return nil, errors.New("debrief.title: the title is empty")
	}
	db.Title = fd.Title
	db.Summary = fd.Summary
	var err error
	if db.HappenedAt, err = parseTime("debrief.happened_at", fd.HappenedAt); err != nil {
		return nil, err
	}
	if db.ScheduledAt, err = parseTime("debrief.scheduled_at", fd.ScheduledAt); err != nil {
		return nil, err
	}
	db.TimeboxMinutes = model.DefaultTimebox
	if fd.TimeboxMinutes != nil {
		db.TimeboxMinutes = *fd.TimeboxMinutes
	}
	db.Status = model.Draft
	if fd.Status != "" {
		db.Status = model.Status(fd.Status)
		if !db.Status.Valid() {
			return nil, fmt.Errorf("debrief.status: unknown status %q (want draft, reviewed or closed)", fd.Status)
		}
	}
	if db.TimeboxMinutes < 1 || db.TimeboxMinutes > model.MaxTimebox {
		return nil, fmt.Errorf("debrief.timebox_minutes: %d minutes; the timebox must be 1 to %d", db.TimeboxMinutes, model.MaxTimebox)
	}
	db.Template = fd.Template
	for i, p := range fd.Participants {
		if strings.TrimSpace(p) == "" {
			return nil, fmt.Errorf("%s: the name is empty", joinIndex("debrief.participants", i))
		}
	}
	if len(fd.Participants) > 0 {
		db.Participants = fd.Participants
	}
	if err := db.Validate(); err != nil {
		return nil, fmt.Errorf("debrief: %w", err)
	}

	// Factors, and the keys that refer to them.
	ids := map[string]int64{}
	keyAt := map[string]int{}
	for i, ff := range fd.Factors {
		path := joinIndex("debrief.factors", i)
		f := model.Factor{
			ID:     int64(i + 1),
			Text:   ff.Text,
			X:      float64(gridOrigin + (i%gridColumns)*gridStepX),
			Y:      float64(gridOrigin + (i/gridColumns)*gridStepY),
			W:      model.DefaultCardWidth,
			H:      model.DefaultCardHeight,
			Z:      i,
			Author: ff.Author,
			Votes:  ff.Votes,
		}
		for _, c := range []struct {
			from *float64
			to   *float64
		}{{ff.X, &f.X}, {ff.Y, &f.Y}, {ff.W, &f.W}, {ff.H, &f.H}} {
			if c.from != nil {
				*c.to = *c.from
			}
		}
		f.Category = model.Technical
		if ff.Category != "" {
			c, err := model.ParseCategory(ff.Category)
			if err != nil {
				return nil, fmt.Errorf("%s.category: %w", path, err)
			}
			f.Category = c
		}
		if f.Votes < 0 {
			return nil, fmt.Errorf("%s.votes: %d votes; votes cannot be negative", path, f.Votes)
		}
		if err := f.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if ff.Key != "" {
			if j, dup := keyAt[ff.Key]; dup {
				return nil, fmt.Errorf("%s.key: the key %q is already used by debrief.factors[%d]; keys must be unique", path, ff.Key, j)
			}
			keyAt[ff.Key] = i
			ids[ff.Key] = f.ID
		}
		d.Factors = append(d.Factors, f)
	}
	// ref resolves a factor key; "" is no factor unless required.
	ref := func(path, key string, required bool) (int64, error) {
		if key == "" {
			if required {
				return 0, fmt.Errorf("%s: missing; it needs the key of a factor", path)
			}
			return 0, nil
		}
		id, ok := ids[key]
		if !ok {
			return 0, fmt.Errorf("%s: no factor has key %q", path, key)
		}
		return id, nil
	}

	// Links.
	linked := map[[2]int64]int{}
	for i, fl := range fd.Links {
		path := joinIndex("debrief.links", i)
		from, err := ref(path+".from", fl.From, true)
		if err != nil {
			return nil, err
		}
		to, err := ref(path+".to", fl.To, true)
		if err != nil {
			return nil, err
		}
		if from == to {
			return nil, fmt.Errorf("%s: links %q to itself; a factor cannot contribute to itself", path, fl.From)
		}
		if j, dup := linked[[2]int64{from, to}]; dup {
			return nil, fmt.Errorf("%s: links %q to %q again; debrief.links[%d] already does", path, fl.From, fl.To, j)
		}
		linked[[2]int64{from, to}] = i
		l := model.Link{FromID: from, ToID: to, Label: fl.Label}
		if err := l.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		d.Links = append(d.Links, l)
	}

	// Lesson and warning signs.
	if fl := fd.Lesson; fl != nil {
		d.Lesson = model.Lesson{WhatLed: fl.WhatLed, WentWell: fl.WentWell, Lucky: fl.Lucky}
		if r := fl.Reflections; r != nil {
			d.Lesson.Reflections = model.Reflections{Nags: r.Nags, BlameOrCauses: r.BlameOrCauses, Safer: r.Safer, Celebrate: r.Celebrate}
		}
		if err := d.Lesson.Validate(); err != nil {
			return nil, fmt.Errorf("debrief.lesson: %w", err)
		}
		for i, fw := range fl.WarningSigns {
			path := joinIndex("debrief.lesson.warning_signs", i)
			id, err := ref(path+".factor", fw.Factor, false)
			if err != nil {
				return nil, err
			}
			ws := model.WarningSign{Text: fw.Text, FactorID: id, Position: i}
			if err := ws.Validate(); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			d.WarningSigns = append(d.WarningSigns, ws)
		}
	}

	// Process changes.
	chosenAt := -1
	for i, fc := range fd.Changes {
		path := joinIndex("debrief.changes", i)
		c := model.ProcessChange{
			What: fc.What, Owner: fc.Owner, Measure: fc.Measure, Votes: fc.Votes,
			Chosen: fc.Chosen, Outcome: model.Outcome(fc.Outcome), OutcomeNote: fc.OutcomeNote,
		}
		if fc.CheckBack != "" {
			t, err := model.ParseDate(fc.CheckBack)
			if err != nil {
				return nil, fmt.Errorf("%s.check_back: %w", path, err)
			}
			c.CheckBack = t
		}
		if c.Votes < 0 {
			return nil, fmt.Errorf("%s.votes: %d votes; votes cannot be negative", path, c.Votes)
		}
		if !c.Outcome.Valid() {
			return nil, fmt.Errorf("%s.outcome: unknown outcome %q (want kept, adjusted or dropped)", path, fc.Outcome)
		}
		if c.Chosen {
			if chosenAt >= 0 {
				return nil, fmt.Errorf("%s.chosen: debrief.changes[%d] is already chosen; only one process change can be chosen", path, chosenAt)
			}
			chosenAt = i
		}
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		d.Changes = append(d.Changes, c)
	}

	// Kudos.
	for i, fk := range fd.Kudos {
		path := joinIndex("debrief.kudos", i)
		id, err := ref(path+".factor", fk.Factor, false)
		if err != nil {
			return nil, err
		}
		k := model.Kudos{Who: fk.Who, For: fk.For, FactorID: id}
		if err := k.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		d.Kudos = append(d.Kudos, k)
	}

	// The checks above name the place in the file; this one is the model's
	// own word on the whole, in case it knows a rule they don't.
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("the debrief in this file is not valid: %w", err)
	}
	return d, nil
}

// parseTime reads an RFC 3339 time as UTC; "" is no time.
func parseTime(path, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not a time like 2026-11-20T14:00:00Z", path, s)
	}
	return t.UTC(), nil
}
