package insights

import (
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// ReportVersion is the version of the Report's JSON; it changes only when
// a field is renamed or removed or changes meaning.
const ReportVersion = 1

// Report is what a group's debriefs say together. Every figure names the
// debriefs behind it (their IDs) so a view can click through; Debriefs
// has each one's title and dates. Its JSON is `debrief insights --format
// json`, described field by field in docs/insights.md.
type Report struct {
	Version  int          `json:"version"`
	Today    time.Time    `json:"today"` // the day overdue check-ins are counted against
	Debriefs []DebriefRef `json:"debriefs"`
	// Months runs from the first month with a setback or a reflection to
	// the last, with no gaps, for charts.
	Months     []Month         `json:"months"`
	Reflection Reflection      `json:"time_to_reflection"`
	Changes    Changes         `json:"changes"`
	Categories []CategoryCount `json:"categories"` // over all debriefs
	Themes     []Theme         `json:"themes"`     // recurring ones only: each in 2 debriefs or more
	Held       []Recurrence    `json:"did_the_change_hold"`
	Warnings   []LedgerEntry   `json:"warning_signs_missed_again"`
	Luck       Luck            `json:"luck"`
}

// DebriefRef is one debrief read: what a view shows for an ID.
type DebriefRef struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Template string `json:"template,omitempty"`
	// SetbackAt is when it happened (HappenedAt), or when the debrief was
	// made when that is not known (SetbackKnown false).
	SetbackAt    time.Time `json:"setback_at"`
	SetbackKnown bool      `json:"setback_known"`
	// ReflectedAt is when the reflection was held: ScheduledAt if set,
	// else when the debrief was made.
	ReflectedAt time.Time `json:"reflected_at"`
}

// Tally is a count and the debriefs it counts (each ID once, in setback
// order).
type Tally struct {
	N        int     `json:"n"`
	Debriefs []int64 `json:"debriefs"`
}

// Month is one calendar month of the group's history.
type Month struct {
	Month    string `json:"month"`         // "2026-03"
	Setbacks Tally  `json:"setbacks"`      // debriefs whose setback was this month
	Held     Tally  `json:"debriefs_held"` // debriefs whose reflection was this month
	// MedianHours is the median time from setback to reflection of this
	// month's setbacks (those with a known setback date); 0 when Lags.N is 0.
	MedianHours float64         `json:"median_hours_to_reflection"`
	Lags        Tally           `json:"reflections_timed"`
	Categories  []CategoryCount `json:"categories"` // factors of this month's setbacks
}

// CategoryCount is how many shown factors of one category the debriefs
// have.
type CategoryCount struct {
	Category model.Category `json:"category"`
	Factors  int            `json:"factors"`
	Debriefs []int64        `json:"debriefs"`
}

// Reflection is how long the group took from setback to reflection.
type Reflection struct {
	Lags []Lag `json:"lags"` // one per debrief with a known setback date, in setback order
	// MedianHours is the median of Lags' hours (the mean of the middle two
	// when even); 0 when there are none.
	MedianHours float64 `json:"median_hours"`
	Trend       Trend   `json:"trend"`
}

// Lag is one debrief's time from setback to reflection.
type Lag struct {
	Debrief     int64     `json:"debrief"`
	SetbackAt   time.Time `json:"setback_at"`
	ReflectedAt time.Time `json:"reflected_at"`
	Hours       float64   `json:"hours"`
}

// Trend says whether the group reflects sooner than it used to. Both
// measures are given: the least-squares slope is sensitive to one slow
// debrief, the halves' medians are not. Negative slope, or a last half
// lower than the first: sooner.
type Trend struct {
	// SlopeHoursPerMonth is the least-squares slope of the lag in hours
	// against the setback date in months (30.44 days); 0 with fewer
	// than 2 lags.
	SlopeHoursPerMonth float64 `json:"slope_hours_per_month"`
	// The lags in setback order split in two (the middle one, when odd,
	// in neither), and the median of each half.
	FirstHalf            Tally   `json:"first_half"`
	FirstHalfMedianHours float64 `json:"first_half_median_hours"`
	LastHalf             Tally   `json:"last_half"`
	LastHalfMedianHours  float64 `json:"last_half_median_hours"`
}

// Changes is what became of the changes the group committed to: the
// chosen change of each debrief.
type Changes struct {
	Committed   Tally `json:"committed"`    // debriefs with a chosen change
	CheckedBack Tally `json:"checked_back"` // of those, an outcome recorded
	Kept        Tally `json:"kept"`
	Adjusted    Tally `json:"adjusted"`
	Dropped     Tally `json:"dropped"`
	// Overdue: chosen, no outcome, and the check-back date is before
	// today.
	Overdue Tally `json:"overdue"`
	// OneOwnedChange: debriefs that ended with exactly one chosen change
	// with an owner, and their share of all debriefs (0…1; 0 when there
	// are no debriefs).
	OneOwnedChange Tally    `json:"one_owned_change"`
	OneOwnedShare  float64  `json:"one_owned_share"`
	List           []Change `json:"list"` // every chosen change, in setback order
}

// Change is a chosen process change as Insights refers to it.
type Change struct {
	Debrief   int64         `json:"debrief"`
	ID        int64         `json:"id"`
	What      string        `json:"what"`
	Owner     string        `json:"owner,omitempty"`
	CheckBack time.Time     `json:"check_back,omitzero"`
	Outcome   model.Outcome `json:"outcome,omitempty"`
	Overdue   bool          `json:"overdue,omitempty"`
}

// Source says where an Item's text comes from.
type Source string

// The sources of an item.
const (
	FromFactor      Source = "factor"       // a card on the board
	FromWarningSign Source = "warning_sign" // a line of the Lessons' warning signs that points at no shown card
	FromLessonLucky Source = "lesson_lucky" // a line of the Lessons' "where we got lucky"
)

// Item is one text Insights groups: a factor, a warning sign or a line of
// a lesson, with the debrief it is from.
type Item struct {
	Debrief     int64          `json:"debrief"`
	Source      Source         `json:"source"`
	Factor      int64          `json:"factor,omitempty"`       // the factor's ID, when Source is factor
	WarningSign int64          `json:"warning_sign,omitempty"` // the warning sign's ID, when Source is warning_sign
	Category    model.Category `json:"category,omitempty"`     // the factor's category
	Votes       int            `json:"votes,omitempty"`
	Text        string         `json:"text"`
}

// Theme is factors from different debriefs that say the same thing.
type Theme struct {
	ID int `json:"id"` // its index in Report.Themes
	// Label is the theme's most representative words ("checklist,
	// omitted"): the terms most of its items share, a synonym's concept
	// name or the commonest spelling of a word.
	Label string `json:"label"`
	// Example is the item most like the others: a sentence to show.
	Example  string  `json:"example"`
	Items    []Item  `json:"items"`
	Debriefs []int64 `json:"debriefs"` // distinct, in setback order
}

// Recurrence says an earlier change may not have held: a later debrief has
// a factor in the same theme as the factor the change was meant to
// address.
type Recurrence struct {
	Change Change `json:"change"`
	// Target is the factor of the change's debrief it was meant to
	// address; TargetBy says how it was found: "text" (the factor most
	// like the change's text) or "votes" (none was alike enough: the
	// most-voted factor that did not go well or by luck).
	Target   Item   `json:"target"`
	TargetBy string `json:"target_by"`
	Later    int64  `json:"later_debrief"`
	CameBack Item   `json:"came_back"`
	// Theme is the index of the theme in Report.Themes (-1 in what
	// Recurrences returns), ThemeLabel its label.
	Theme      int    `json:"theme"`
	ThemeLabel string `json:"theme_label"`
	// ChangeMadeAt is when the change was made (its debrief's
	// reflection), for "the March change".
	ChangeMadeAt time.Time `json:"change_made_at"`
	// Sentence says it in words, as Set the stage shows it.
	Sentence string `json:"sentence"`
}

// LedgerEntry is one theme of the warning-sign or luck ledger: the items
// of the theme that are warning signs (or luck), and their debriefs.
type LedgerEntry struct {
	Theme    int     `json:"theme"` // index in Report.Themes, or -1 when the theme is not recurring
	Label    string  `json:"label"`
	Example  string  `json:"example"`
	Items    []Item  `json:"items"`
	Debriefs []int64 `json:"debriefs"`
}

// Luck is the times the group got lucky: lucky factors and the Lessons'
// "where we got lucky", grouped by theme (most debriefs first).
type Luck struct {
	Debriefs Tally         `json:"debriefs"` // debriefs that name any luck
	Themes   []LedgerEntry `json:"themes"`   // Theme is always -1: luck has its own themes
}
