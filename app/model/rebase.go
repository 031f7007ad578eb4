package model

// Rebase is the change that takes the document from what an undo step's
// `from` side left to its `to` side, keeping what others changed since:
// for a card, only the fields that differ between from and to are set (so
// undoing a move does not take back votes cast in the room since); for the
// lists of parts, only the items the step added, removed or edited. A
// card or item someone else deleted since is not brought back by an edit
// of it. Links, the debrief's fields and the clock are taken whole.
func (d *Document) Rebase(from, to Change) Change {
	out := to
	out.Factors = nil
	fromCards := make(map[int64]Factor, len(from.Factors))
	for _, f := range from.Factors {
		fromCards[f.ID] = f
	}
	for _, t := range to.Factors {
		cur, now := d.factors[t.ID]
		f, edited := fromCards[t.ID]
		switch {
		case !now && edited:
			continue // deleted by someone else since the step
		case now && edited:
			out.Factors = append(out.Factors, mergeFactor(*cur, f, t))
		default: // brought back, or made, by the step
			out.Factors = append(out.Factors, t)
		}
	}
	if to.Parts != nil && from.Parts != nil {
		p := RebaseParts(d.parts, *from.Parts, *to.Parts)
		out.Parts = &p
	}
	return out.Clone()
}

// mergeFactor is cur with the fields that differ between from and to set
// as in to.
func mergeFactor(cur, from, to Factor) Factor {
	set := func(c *string, f, t string) {
		if f != t {
			*c = t
		}
	}
	setF := func(c *float64, f, t float64) {
		if f != t {
			*c = t
		}
	}
	setI := func(c *int, f, t int) {
		if f != t {
			*c = t
		}
	}
	set(&cur.Text, from.Text, to.Text)
	set(&cur.Author, from.Author, to.Author)
	if from.Category != to.Category {
		cur.Category = to.Category
	}
	setF(&cur.X, from.X, to.X)
	setF(&cur.Y, from.Y, to.Y)
	setF(&cur.W, from.W, to.W)
	setF(&cur.H, from.H, to.H)
	setI(&cur.Z, from.Z, to.Z)
	setI(&cur.Votes, from.Votes, to.Votes)
	setI(&cur.Pending, from.Pending, to.Pending)
	if from.Face != to.Face {
		cur.Face = to.Face
	}
	return cur
}

// RebaseParts is cur with what differs between from and to set as in to:
// each field of the lesson, and each item of the lists by ID.
func RebaseParts(cur, from, to Parts) Parts {
	out := cur.Clone()
	l, f, t := &out.Lesson, from.Lesson, to.Lesson
	for _, p := range []struct {
		c    *string
		f, t string
	}{
		{&l.WhatLed, f.WhatLed, t.WhatLed}, {&l.WentWell, f.WentWell, t.WentWell}, {&l.Lucky, f.Lucky, t.Lucky},
		{&l.Reflections.Nags, f.Reflections.Nags, t.Reflections.Nags},
		{&l.Reflections.BlameOrCauses, f.Reflections.BlameOrCauses, t.Reflections.BlameOrCauses},
		{&l.Reflections.Safer, f.Reflections.Safer, t.Reflections.Safer},
		{&l.Reflections.Celebrate, f.Reflections.Celebrate, t.Reflections.Celebrate},
	} {
		if p.f != p.t {
			*p.c = p.t
		}
	}
	out.WarningSigns = rebaseList(cur.WarningSigns, from.WarningSigns, to.WarningSigns, func(w WarningSign) int64 { return w.ID })
	out.Changes = rebaseList(cur.Changes, from.Changes, to.Changes, func(c ProcessChange) int64 { return c.ID })
	out.Kudos = rebaseList(cur.Kudos, from.Kudos, to.Kudos, func(k Kudos) int64 { return k.ID })
	out.Timeline = rebaseList(cur.Timeline, from.Timeline, to.Timeline, func(e TimelineEvent) int64 { return e.ID })
	return out
}

func rebaseList[T comparable](cur, from, to []T, id func(T) int64) []T {
	fromM := make(map[int64]T, len(from))
	for _, x := range from {
		fromM[id(x)] = x
	}
	toM := make(map[int64]T, len(to))
	for _, x := range to {
		toM[id(x)] = x
	}
	out := make([]T, 0, len(cur)+len(to))
	seen := make(map[int64]bool, len(cur))
	for _, x := range cur {
		i := id(x)
		seen[i] = true
		f, inFrom := fromM[i]
		t, inTo := toM[i]
		switch {
		case inFrom && !inTo:
			continue // the step takes it away
		case inTo && (!inFrom || f != t):
			x = t
		}
		out = append(out, x)
	}
	for _, t := range to {
		if _, inFrom := fromM[id(t)]; !inFrom && !seen[id(t)] {
			out = append(out, t) // the step brings it back
		}
	}
	return out
}
