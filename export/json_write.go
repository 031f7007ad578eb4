package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// Writing the JSON interchange format.

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
	d = d.Shown() // never a face-down or hidden card of the room
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
		Group:          db.Group,
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

	// In the order of the list, not sorted: what was imported is written
	// back byte for byte.
	for _, e := range d.Timeline {
		fd.Timeline = append(fd.Timeline, fileEvent{At: e.At, Text: e.Text, Kind: string(e.Kind)})
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
