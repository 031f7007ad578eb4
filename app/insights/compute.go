package insights

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// hoursPerMonth turns a slope per hour into one per month of 30.44 days.
const hoursPerMonth = 30.44 * 24

// Compute reads the debriefs of one group (nil entries are skipped; only
// what everyone may read counts, as Dossier.Shown gives) and says what they
// show together. today is the day overdue check-ins are counted against
// (its date in the local calendar, as model.CheckInDue reads it).
//
// It does no I/O and keeps nothing: call it off the UI goroutine with the
// group's dossiers and render the Report.
func Compute(ds []*model.Dossier, today time.Time) Report {
	return analyse(ds).report(today)
}

func (a *analysis) report(today time.Time) Report {
	r := Report{Version: ReportVersion, Today: model.Today(today)}
	r.Debriefs = make([]DebriefRef, len(a.debriefs))
	for i, db := range a.debriefs {
		r.Debriefs[i] = db.ref
	}
	r.Reflection = a.reflection()
	r.Months = a.months()
	r.Changes = a.changes(r.Today)
	r.Categories = a.categories(a.debriefs)
	themeOf := a.themes(&r)
	r.Held = a.held(themeOf, nil, r.Today)
	r.Warnings = a.warnings(themeOf)
	r.Luck = a.luck()
	return r
}

// tally counts debriefs (given in setback order).
func tally(dbs []*debrief) Tally {
	t := Tally{N: len(dbs), Debriefs: make([]int64, len(dbs))}
	for i, db := range dbs {
		t.Debriefs[i] = db.ref.ID
	}
	return t
}

func (a *analysis) where(keep func(*debrief) bool) []*debrief {
	var out []*debrief
	for _, db := range a.debriefs {
		if keep(db) {
			out = append(out, db)
		}
	}
	return out
}

// lag is a debrief's hours from setback to reflection; ok is false when
// the setback date is not known or the reflection is before it (a date
// typed wrong: it would pull the median the wrong way).
func lag(db *debrief) (float64, bool) {
	if !db.ref.SetbackKnown || db.ref.ReflectedAt.Before(db.ref.SetbackAt) {
		return 0, false
	}
	return db.ref.ReflectedAt.Sub(db.ref.SetbackAt).Hours(), true
}

func (a *analysis) reflection() Reflection {
	var r Reflection
	var xs, hs []float64
	var timed []*debrief
	for _, db := range a.debriefs {
		h, ok := lag(db)
		if !ok {
			continue
		}
		r.Lags = append(r.Lags, Lag{Debrief: db.ref.ID, SetbackAt: db.ref.SetbackAt, ReflectedAt: db.ref.ReflectedAt, Hours: h})
		xs = append(xs, float64(db.ref.SetbackAt.Unix())/3600)
		hs = append(hs, h)
		timed = append(timed, db)
	}
	r.MedianHours = median(hs)
	r.Trend.SlopeHoursPerMonth = slope(xs, hs) * hoursPerMonth
	half := len(hs) / 2
	r.Trend.FirstHalf = tally(timed[:half])
	r.Trend.FirstHalfMedianHours = median(hs[:half])
	r.Trend.LastHalf = tally(timed[len(hs)-half:])
	r.Trend.LastHalfMedianHours = median(hs[len(hs)-half:])
	return r
}

func (a *analysis) months() []Month {
	if len(a.debriefs) == 0 {
		return nil
	}
	first, last := a.debriefs[0].ref.SetbackAt, a.debriefs[0].ref.SetbackAt
	for _, db := range a.debriefs {
		for _, t := range []time.Time{db.ref.SetbackAt, db.ref.ReflectedAt} {
			first = minTime(first, t)
			last = maxTime(last, t)
		}
	}
	var out []Month
	y, m, _ := first.Date()
	for t := time.Date(y, m, 1, 0, 0, 0, 0, first.Location()); monthOf(t) <= monthOf(last) && len(out) < 1200; t = t.AddDate(0, 1, 0) {
		key := monthOf(t)
		setbacks := a.where(func(db *debrief) bool { return monthOf(db.ref.SetbackAt) == key })
		mo := Month{
			Month:      key,
			Setbacks:   tally(setbacks),
			Held:       tally(a.where(func(db *debrief) bool { return monthOf(db.ref.ReflectedAt) == key })),
			Categories: a.categories(setbacks),
		}
		var hs []float64
		var timed []*debrief
		for _, db := range setbacks {
			if h, ok := lag(db); ok {
				hs = append(hs, h)
				timed = append(timed, db)
			}
		}
		mo.MedianHours = median(hs)
		mo.Lags = tally(timed)
		out = append(out, mo)
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// categories counts the shown factors of dbs by category, every category
// listed (in display order) so charts keep their colours in place.
func (a *analysis) categories(dbs []*debrief) []CategoryCount {
	out := make([]CategoryCount, 0, len(model.Categories()))
	for _, c := range model.Categories() {
		cc := CategoryCount{Category: c, Debriefs: []int64{}}
		for _, db := range dbs {
			n := 0
			for _, f := range db.d.Factors {
				if f.Category == c {
					n++
				}
			}
			if n > 0 {
				cc.Factors += n
				cc.Debriefs = append(cc.Debriefs, db.ref.ID)
			}
		}
		out = append(out, cc)
	}
	return out
}

func chosen(db *debrief) (model.ProcessChange, bool) { return model.Chosen(db.d.Changes) }

func (a *analysis) changes(today time.Time) Changes {
	var c Changes
	has := func(keep func(model.ProcessChange) bool) Tally {
		return tally(a.where(func(db *debrief) bool {
			ch, ok := chosen(db)
			return ok && keep(ch)
		}))
	}
	c.Committed = has(func(model.ProcessChange) bool { return true })
	c.CheckedBack = has(func(ch model.ProcessChange) bool { return ch.Outcome != model.NoOutcome })
	c.Kept = has(func(ch model.ProcessChange) bool { return ch.Outcome == model.Kept })
	c.Adjusted = has(func(ch model.ProcessChange) bool { return ch.Outcome == model.Adjusted })
	c.Dropped = has(func(ch model.ProcessChange) bool { return ch.Outcome == model.Dropped })
	c.Overdue = has(func(ch model.ProcessChange) bool { return overdue(ch, today) })
	c.OneOwnedChange = tally(a.where(func(db *debrief) bool {
		n, owned := 0, false
		for _, ch := range db.d.Changes {
			if ch.Chosen {
				n++
				owned = strings.TrimSpace(ch.Owner) != ""
			}
		}
		return n == 1 && owned
	}))
	if len(a.debriefs) > 0 {
		c.OneOwnedShare = float64(c.OneOwnedChange.N) / float64(len(a.debriefs))
	}
	c.List = []Change{}
	for _, db := range a.debriefs {
		if ch, ok := chosen(db); ok {
			c.List = append(c.List, changeOf(db, ch, today))
		}
	}
	return c
}

// overdue: chosen, no outcome yet, and the check-back day is before today
// (a check-back due today is due, not overdue).
func overdue(ch model.ProcessChange, today time.Time) bool {
	if !ch.Chosen || ch.Outcome != model.NoOutcome || ch.CheckBack.IsZero() {
		return false
	}
	y, m, d := ch.CheckBack.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(today)
}

func changeOf(db *debrief, ch model.ProcessChange, today time.Time) Change {
	return Change{Debrief: db.ref.ID, ID: ch.ID, What: ch.What, Owner: ch.Owner, CheckBack: ch.CheckBack, Outcome: ch.Outcome, Overdue: !today.IsZero() && overdue(ch, today)}
}

// themes fills r.Themes with the problem pool's groups that span two
// debriefs or more, most debriefs first, and returns each group's index
// in r.Themes (-1 for the others).
func (a *analysis) themes(r *Report) []int {
	groups := a.groups[poolProblem]
	themeOf := make([]int, len(groups))
	spread := make([]int, len(groups))
	var recurring []int
	for g, es := range groups {
		themeOf[g] = -1
		if spread[g] = a.spread(es); spread[g] >= 2 {
			recurring = append(recurring, g)
		}
	}
	slices.SortStableFunc(recurring, func(x, y int) int {
		gx, gy := groups[x], groups[y]
		return cmp.Or(-cmp.Compare(spread[x], spread[y]), -cmp.Compare(len(gx), len(gy)), cmp.Compare(gx[0], gy[0]))
	})
	r.Themes = make([]Theme, len(recurring))
	for k, g := range recurring {
		es := groups[g] // in setback order already
		themeOf[g] = k
		r.Themes[k] = Theme{ID: k, Label: a.groupLabel(poolProblem, g), Example: a.example(es), Items: a.items(es), Debriefs: a.debriefsOf(es)}
	}
	return themeOf
}

// warnings is the warning-sign ledger: themes whose warning signs (cards
// in the Warning sign category, and the Lessons' warning signs) come from
// two debriefs or more; only those items are listed.
func (a *analysis) warnings(themeOf []int) []LedgerEntry {
	out := []LedgerEntry{}
	for g, es := range a.groups[poolProblem] {
		var ws []int
		for _, i := range es {
			e := &a.entries[i]
			if e.Source == FromWarningSign || e.Category == model.Warning {
				ws = append(ws, i)
			}
		}
		if a.spread(ws) < 2 {
			continue
		}
		out = append(out, LedgerEntry{Theme: themeOf[g], Label: a.label(ws), Example: a.example(ws), Items: a.items(ws), Debriefs: a.debriefsOf(ws)})
	}
	sortLedger(out)
	return out
}

// luck is the luck ledger: every lucky group, the ones in most debriefs
// first.
func (a *analysis) luck() Luck {
	l := Luck{Themes: []LedgerEntry{}}
	var all []int
	for g, es := range a.groups[poolLucky] {
		all = append(all, es...)
		l.Themes = append(l.Themes, LedgerEntry{Theme: -1, Label: a.groupLabel(poolLucky, g), Example: a.example(es), Items: a.items(es), Debriefs: a.debriefsOf(es)})
	}
	sortLedger(l.Themes)
	ids := a.debriefsOf(all)
	l.Debriefs = Tally{N: len(ids), Debriefs: ids}
	return l
}

// sortLedger puts the entries in most debriefs first, then most items;
// stable, so ties stay in the order of their first item.
func sortLedger(es []LedgerEntry) {
	slices.SortStableFunc(es, func(x, y LedgerEntry) int {
		return cmp.Or(-cmp.Compare(len(x.Debriefs), len(y.Debriefs)), -cmp.Compare(len(x.Items), len(y.Items)))
	})
}
