package export

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// A checked file turned into the model: where cards without a position
// go, defaults for what was left out, and the model's rules, with errors
// naming the place in the file.

// Where a card without x or y in the file is put: a grid of gridColumns
// columns, starting at gridOrigin, one card every gridStepX by gridStepY.
const (
	gridColumns = 5
	gridOrigin  = 40
	gridStepX   = model.DefaultCardWidth + 40
	gridStepY   = model.DefaultCardHeight + 40
)

// fromFile builds the dossier from a file whose shape has been checked.
// titleSet tells a title left out from an empty one. Every value an error
// quotes is cut to its start when it is long (quoteCut).
func fromFile(fd *fileDebrief, titleSet bool) (*model.Dossier, error) {
	d := &model.Dossier{}
	db := &d.Debrief

	// Debrief.
	if !titleSet {
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
			return nil, fmt.Errorf("debrief.status: unknown status %s (want draft, reviewed or closed)", quoteCut(fd.Status))
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
	if fd.Group != "" {
		g := model.NewGroup(fd.Group)
		g.Name = fd.Group
		if err := g.Validate(); err != nil {
			return nil, fmt.Errorf("debrief.group: %w", err)
		}
		db.Group = strings.TrimSpace(fd.Group)
	}
	if err := db.Validate(); err != nil {
		return nil, fmt.Errorf("debrief: %w", err)
	}

	// The parts, each list made at its size: nil when there are none.
	if n := len(fd.Factors); n > 0 {
		d.Factors = make([]model.Factor, 0, n)
	}
	if n := len(fd.Links); n > 0 {
		d.Links = make([]model.Link, 0, n)
	}
	if n := len(fd.Changes); n > 0 {
		d.Changes = make([]model.ProcessChange, 0, n)
	}
	if n := len(fd.Kudos); n > 0 {
		d.Kudos = make([]model.Kudos, 0, n)
	}
	if n := len(fd.Timeline); n > 0 {
		d.Timeline = make([]model.TimelineEvent, 0, n)
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
			f.Category = model.Category(ff.Category)
			if !f.Category.Valid() {
				return nil, fmt.Errorf("%s.category: %s", path, categoryError(ff.Category))
			}
		}
		if f.Votes < 0 {
			return nil, fmt.Errorf("%s.votes: %d votes; votes cannot be negative", path, f.Votes)
		}
		if err := f.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if ff.Key != "" {
			if j, dup := keyAt[ff.Key]; dup {
				return nil, fmt.Errorf("%s.key: the key %s is already used by debrief.factors[%d]; keys must be unique", path, quoteCut(ff.Key), j)
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
			return 0, fmt.Errorf("%s: no factor has key %s", path, quoteCut(key))
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
			return nil, fmt.Errorf("%s: links %s to itself; a factor cannot contribute to itself", path, quoteCut(fl.From))
		}
		if j, dup := linked[[2]int64{from, to}]; dup {
			return nil, fmt.Errorf("%s: links %s to %s again; debrief.links[%d] already does", path, quoteCut(fl.From), quoteCut(fl.To), j)
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
				return nil, fmt.Errorf("%s.check_back: %s is not a date like 2026-12-10", path, quoteCut(fc.CheckBack))
			}
			c.CheckBack = t
		}
		if c.Votes < 0 {
			return nil, fmt.Errorf("%s.votes: %d votes; votes cannot be negative", path, c.Votes)
		}
		if !c.Outcome.Valid() {
			return nil, fmt.Errorf("%s.outcome: unknown outcome %s (want kept, adjusted or dropped)", path, quoteCut(fc.Outcome))
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

	// Timeline: the at kept as written, once it reads as a time.
	for i, fe := range fd.Timeline {
		path := joinIndex("debrief.timeline", i)
		e := model.TimelineEvent{At: fe.At, Text: fe.Text, Kind: model.TimelineKind(fe.Kind)}
		if _, err := model.ParseAt(fe.At); err != nil {
			return nil, fmt.Errorf("%s.at: %s is not a time like 14:30, 2026-12-04 14:30 or 2026-12-04T14:30:00Z", path, quoteCut(fe.At))
		}
		if !e.Kind.Valid() {
			return nil, fmt.Errorf("%s.kind: unknown kind %s (want started, noticed, tried or fixed)", path, quoteCut(fe.Kind))
		}
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		d.Timeline = append(d.Timeline, e)
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
		return time.Time{}, fmt.Errorf("%s: %s is not a time like 2026-11-20T14:00:00Z", path, quoteCut(s))
	}
	return t.UTC(), nil
}
