package export

import (
	"errors"
	"strconv"
	"strings"

	"github.com/debrief-app/debrief/app/model"
)

// The shape of a Debrief file, version 1: which fields each object has,
// of which type, read into the structs of json.go. Keep it in step with
// those structs and with docs/format.md.

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

// kindName is the JSON type of each kind.
var kindName = [...]string{kString: "string", kInt: "number", kNumber: "number", kBool: "boolean", kObject: "object", kArray: "array"}

func want(k kind) string {
	switch k {
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

var (
	debriefFields    = []string{"title", "summary", "happened_at", "scheduled_at", "timebox_minutes", "status", "template", "participants", "factors", "links", "lesson", "changes", "kudos", "timeline", "group"}
	factorFields     = []string{"key", "text", "category", "x", "y", "w", "h", "author", "votes"}
	linkFields       = []string{"from", "to", "label"}
	lessonFields     = []string{"what_led", "went_well", "lucky", "warning_signs", "reflections"}
	warningFields    = []string{"text", "factor"}
	reflectionFields = []string{"nags", "blame_or_causes", "safer", "celebrate"}
	changeFields     = []string{"what", "owner", "check_back", "measure", "votes", "chosen", "outcome", "outcome_note"}
	kudosFields      = []string{"who", "for", "factor"}
	eventFields      = []string{"at", "text", "kind"}
	// The block that describes a built-in template (assets/templates/*.json).
	// It is read for its shape and its categories, then ignored: it is not
	// part of the debrief, and WriteJSON never writes it.
	templateFields = []string{"name", "description", "order", "categories", "prompts"}
)

// made calls f when the value at the next byte is an array: an empty
// array is read as an empty slice, as json.Unmarshal does, and a null as
// none.
func (p *parser) made(f func()) {
	if p.s.buf[p.s.pos] == '[' {
		f()
	}
}

// appendPart appends v to s, doubling its room when it is full: append
// grows a long slice by a quarter at a time, which for a list of 100,000
// cards allocates five times the final list in all.
func appendPart[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		n := make([]T, len(s), 2*cap(s)+4)
		copy(n, s)
		s = n
	}
	return append(s, v)
}

// str is p.text for a field that needs no "was it there".
func (p *parser) str(dst *string) error {
	_, err := p.text(dst)
	return err
}

// debrief reads the top-level "debrief" object.
func (p *parser) debrief() error {
	if p.skipping {
		return p.skip()
	}
	fd := &p.fd
	return p.obj(debriefFields, func() { p.debriefSeen = true }, func(i int) error {
		switch i {
		case 0:
			ok, err := p.text(&fd.Title)
			p.titleSet = p.titleSet || ok
			return err
		case 1:
			return p.str(&fd.Summary)
		case 2:
			return p.str(&fd.HappenedAt)
		case 3:
			return p.str(&fd.ScheduledAt)
		case 4:
			ok, err := p.num(kInt)
			if !ok || err != nil {
				return err
			}
			var n int
			if err := p.parseWhole(&n); err != nil || p.skipping {
				return err
			}
			fd.TimeboxMinutes = &n
			return nil
		case 5:
			return p.str(&fd.Status)
		case 6:
			return p.str(&fd.Template)
		case 7:
			p.made(func() { fd.Participants = []string{} })
			return p.array(kString, model.MaxParticipants, "participants", func(int) error {
				var s string
				if ok, err := p.text(&s); !ok || err != nil {
					return err
				}
				fd.Participants = appendPart(fd.Participants, s)
				return nil
			})
		case 8:
			p.made(func() { fd.Factors = []fileFactor{} })
			return p.array(kObject, model.MaxFactors, "cards", func(int) error {
				var f fileFactor
				if err := p.obj(factorFields, func() {}, func(i int) error {
					switch i {
					case 0:
						return p.str(&f.Key)
					case 1:
						return p.str(&f.Text)
					case 2:
						return p.str(&f.Category)
					case 3:
						return p.float(&f.X)
					case 4:
						return p.float(&f.Y)
					case 5:
						return p.float(&f.W)
					case 6:
						return p.float(&f.H)
					case 7:
						return p.str(&f.Author)
					default:
						return p.whole(&f.Votes)
					}
				}); err != nil || p.skipping {
					return err
				}
				fd.Factors = appendPart(fd.Factors, f)
				return nil
			})
		case 9:
			p.made(func() { fd.Links = []fileLink{} })
			return p.array(kObject, model.MaxLinks, "links", func(int) error {
				var l fileLink
				if err := p.obj(linkFields, func() {}, func(i int) error {
					switch i {
					case 0:
						return p.str(&l.From)
					case 1:
						return p.str(&l.To)
					default:
						return p.str(&l.Label)
					}
				}); err != nil || p.skipping {
					return err
				}
				fd.Links = appendPart(fd.Links, l)
				return nil
			})
		case 10:
			return p.lesson()
		case 11:
			p.made(func() { fd.Changes = []fileChange{} })
			return p.array(kObject, model.MaxChanges, "process changes", func(int) error {
				var c fileChange
				if err := p.obj(changeFields, func() {}, func(i int) error {
					switch i {
					case 0:
						return p.str(&c.What)
					case 1:
						return p.str(&c.Owner)
					case 2:
						return p.str(&c.CheckBack)
					case 3:
						return p.str(&c.Measure)
					case 4:
						return p.whole(&c.Votes)
					case 5:
						return p.boolean(&c.Chosen)
					case 6:
						return p.str(&c.Outcome)
					default:
						return p.str(&c.OutcomeNote)
					}
				}); err != nil || p.skipping {
					return err
				}
				fd.Changes = appendPart(fd.Changes, c)
				return nil
			})
		case 14:
			return p.str(&fd.Group)
		case 12:
			p.made(func() { fd.Kudos = []fileKudos{} })
			return p.array(kObject, model.MaxKudos, "kudos", func(int) error {
				var k fileKudos
				if err := p.obj(kudosFields, func() {}, func(i int) error {
					switch i {
					case 0:
						return p.str(&k.Who)
					case 1:
						return p.str(&k.For)
					default:
						return p.str(&k.Factor)
					}
				}); err != nil || p.skipping {
					return err
				}
				fd.Kudos = appendPart(fd.Kudos, k)
				return nil
			})
		default:
			p.made(func() { fd.Timeline = []fileEvent{} })
			return p.array(kObject, model.MaxTimeline, "timeline events", func(int) error {
				var e fileEvent
				if err := p.obj(eventFields, func() {}, func(i int) error {
					switch i {
					case 0:
						return p.str(&e.At)
					case 1:
						return p.str(&e.Text)
					default:
						return p.str(&e.Kind)
					}
				}); err != nil || p.skipping {
					return err
				}
				fd.Timeline = appendPart(fd.Timeline, e)
				return nil
			})
		}
	})
}

// lesson reads debrief.lesson.
func (p *parser) lesson() error {
	var l *fileLesson
	return p.obj(lessonFields, func() { l = &fileLesson{}; p.fd.Lesson = l }, func(i int) error {
		switch i {
		case 0:
			return p.str(&l.WhatLed)
		case 1:
			return p.str(&l.WentWell)
		case 2:
			return p.str(&l.Lucky)
		case 3:
			p.made(func() { l.WarningSigns = []fileWarningSign{} })
			return p.array(kObject, model.MaxWarningSigns, "warning signs", func(int) error {
				var w fileWarningSign
				if err := p.obj(warningFields, func() {}, func(i int) error {
					if i == 0 {
						return p.str(&w.Text)
					}
					return p.str(&w.Factor)
				}); err != nil || p.skipping {
					return err
				}
				l.WarningSigns = appendPart(l.WarningSigns, w)
				return nil
			})
		default:
			var r *fileReflections
			return p.obj(reflectionFields, func() { r = &fileReflections{}; l.Reflections = r }, func(i int) error {
				switch i {
				case 0:
					return p.str(&r.Nags)
				case 1:
					return p.str(&r.BlameOrCauses)
				case 2:
					return p.str(&r.Safer)
				default:
					return p.str(&r.Celebrate)
				}
			})
		}
	})
}

// templateBlock reads the top-level "template" block for its shape and
// its categories; nothing of it is kept.
func (p *parser) templateBlock() error {
	if p.skipping {
		return p.skip()
	}
	return p.obj(templateFields, func() {}, func(i int) error {
		switch i {
		case 0, 1:
			return p.str(nil)
		case 2:
			return p.float(nil)
		case 3:
			return p.array(kString, int(^uint(0)>>1), "categories", func(int) error {
				var c string
				if ok, err := p.text(&c); !ok || err != nil {
					return err
				}
				if !model.Category(c).Valid() {
					return p.fail(p.here("%s", categoryError(c)))
				}
				return nil
			})
		default:
			return p.array(kString, int(^uint(0)>>1), "prompts", func(int) error { return p.str(nil) })
		}
	})
}

// parseWhole parses the whole number in p.s.val.
func (p *parser) parseWhole(dst *int) error {
	n, err := strconv.ParseInt(string(p.s.val), 10, 64)
	if err != nil {
		v := cutNumber(string(p.s.val), len(p.s.val), false)
		if errors.Is(err, strconv.ErrRange) {
			return p.fail(p.here("%s is too large", v))
		}
		return p.fail(p.here("want a whole number, got %s", v))
	}
	*dst = int(n)
	return nil
}

// categoryError is the error for a category that is not one, cut if long.
func categoryError(c string) string {
	var names []string
	for _, k := range model.Categories() {
		names = append(names, string(k))
	}
	return "unknown category " + quoteCut(c) + " (want one of " + strings.Join(names, ", ") + ")"
}
