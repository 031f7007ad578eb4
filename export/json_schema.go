package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// The shape of a Debrief file, checked before anything is read from it so
// that an error names the place in the file.

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
