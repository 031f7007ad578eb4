package insights

import (
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// The test corpus: seven debriefs of one robotics club, January to July
// 2026, with known answers. Every problem factor is tagged with the theme
// a person would put it in ("" for a factor that is its own theme).
//
// Themes: fatigue (D1, D2, D4, D5, D6, D7), skipped checklist (D1, D3,
// D4, D6, D7), rushed (D2, D3, D4, D5, D6, D7), undocumented wiring quirk
// (D1, D3, D5 only: the theme in 3 of the first 5), venue booked late (D2
// only, the target of a change that held), warning light ignored (a
// warning sign in D2 and D4). The unrelated factors include some that
// share a word with a theme (tyre pressure, missed the ferry, the parts
// list, the wiring diagram, the test field) and must stay out of it.

// tagged is a factor's text, category and the theme it belongs to.
type tagged struct {
	theme, text string
	cat         model.Category
	votes       int
}

const (
	thFatigue   = "fatigue"
	thChecklist = "checklist"
	thRushed    = "rushed"
	thWiring    = "wiring"
	thVenue     = "venue"
	thLight     = "light"
)

// corpusDebrief is one debrief of the corpus.
type corpusDebrief struct {
	id          int64
	title       string
	happened    time.Time // zero: unknown
	lagHours    int       // reflection = happened + lag (ScheduledAt), unless noSchedule
	noSchedule  bool      // reflection is CreatedAt
	created     time.Time // when happened is zero
	factors     []tagged
	warnings    []string
	lucky       string
	whatLed     string
	change      model.ProcessChange
	template    string
	hiddenTexts []string
}

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, time.UTC) }

var corpus = []corpusDebrief{
	{
		id: 1, title: "Robot stalled at the regional", happened: day(time.January, 10), lagHours: 24, template: "robotics",
		factors: []tagged{
			{thFatigue, "Tired after three late nights", model.People, 3},
			{thChecklist, "Skipped the checklist", model.Process, 4},
			{thWiring, "Wiring quirk was not documented", model.Technical, 2},
			{"", "Supplier changed the part number", model.Context, 0},
			{"", "Firmware two versions behind", model.Technical, 1},
			{"", "Spare battery in the drawer", model.Lucky, 0},
			{"", "Good handover notes", model.WentWell, 2},
		},
		whatLed: "We went into the match tired and without the checklist.\nNobody knew about the wiring quirk.",
		change:  model.ProcessChange{ID: 11, What: "A second person signs off each checklist step", Owner: "Ana", CheckBack: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), Chosen: true, Outcome: model.Kept},
	},
	{
		id: 2, title: "Demo day overran", happened: day(time.February, 3), lagHours: 48, template: "robotics",
		factors: []tagged{
			{thFatigue, "Fatigue: the team had been awake for nineteen hours", model.People, 2},
			{thRushed, "Rushed to meet the deadline", model.Context, 3},
			{thVenue, "Venue booked too late", model.Process, 5},
			{thLight, "Warning light blinking, ignored", model.Warning, 1},
			{"", "Config typo sent traffic to production", model.Technical, 1},
			{"", "Dashboard showed green", model.Technical, 0},
			{thFatigue, "Exhausted crew", model.People, 1},
		},
		change: model.ProcessChange{ID: 21, What: "Book the venue two weeks earlier", Owner: "Ben", CheckBack: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Chosen: true, Outcome: model.Kept},
	},
	{
		id: 3, title: "Practice session lost", created: day(time.March, 2), template: "robotics",
		factors: []tagged{
			{thChecklist, "Checklist step missed", model.Process, 2},
			{thRushed, "Deadline too tight", model.Context, 2},
			{thWiring, "Undocumented wiring quirks", model.Technical, 3},
			{"", "Wrong connector ordered", model.Technical, 1},
			{"", "Budget freeze in March", model.Context, 0},
			{"", "The parts list was out of date", model.Process, 1},
			{"", "Test field was wet", model.Context, 0},
		},
		change: model.ProcessChange{ID: 31, What: "Write the wiring quirks in the team wiki", CheckBack: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Chosen: true, Outcome: model.Adjusted},
	},
	{
		id: 4, title: "Arm broke in qualifying", happened: day(time.April, 12), lagHours: 12, template: "robotics",
		factors: []tagged{
			{thChecklist, "Missed a step on the checklist", model.Process, 3},
			{thFatigue, "Everyone was exhausted", model.People, 2},
			{"", "Power supply overheated", model.Technical, 2},
			{"", "New intern on the team", model.People, 0},
			{thRushed, "Tight timeline", model.Context, 1},
			{"", "Battery voltage was checked only once", model.Technical, 1},
		},
		warnings: []string{"The warning light had been blinking for days"},
		whatLed:  "- The arm was never load-tested\n- The gearbox ratio was changed the evening before",
		change:   model.ProcessChange{ID: 41, What: "Swap the power supply for a bigger one", Owner: "Ben", CheckBack: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Chosen: true, Outcome: model.Dropped},
	},
	{
		id: 5, title: "Camping trip rained out", happened: day(time.May, 20), lagHours: 72, template: "family-trip",
		factors: []tagged{
			{thWiring, "The harness quirk was never written down", model.Technical, 1},
			{thRushed, "We were in a hurry to leave", model.Context, 2},
			{"", "The forecast said rain", model.Context, 3},
			{"", "Tent poles left at home", model.Process, 2},
			{thFatigue, "Worn out after the long drive", model.People, 1},
			{"", "Tyre pressure too low", model.Technical, 1},
			{"", "Missed the ferry", model.Context, 0},
		},
		lucky:   "A spare battery happened to be in the van",
		whatLed: "Nobody looked at the forecast before we left.",
		change:  model.ProcessChange{ID: 51, What: "Pack the tent the night before", Owner: "Dana", CheckBack: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), Chosen: true},
	},
	{
		id: 6, title: "Missed the qualifier slot", happened: day(time.June, 14), lagHours: 6, template: "robotics",
		factors: []tagged{
			{thFatigue, "Late night session, nobody had slept", model.People, 2},
			{thRushed, "Time pressure from the organisers", model.Context, 1},
			{"", "Gearbox stripped under load", model.Technical, 2},
			{thChecklist, "Skipped checklist", model.Process, 1},
			{"", "Wiring diagram had the wrong colours", model.Technical, 1},
			{"", "The rain held off", model.Lucky, 0},
			{"", "Checklist was followed for the power-on", model.WentWell, 1},
		},
		change: model.ProcessChange{ID: 61, What: "Leave for the venue an hour earlier", Owner: "Priya", CheckBack: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Chosen: true},
	},
	{
		id: 7, title: "Final: robot tipped over", happened: day(time.July, 5), lagHours: 30, noSchedule: true, template: "robotics",
		factors: []tagged{
			{thFatigue, "Lack of sleep", model.People, 2},
			{thFatigue, "We were tired", model.People, 1},
			{thChecklist, "Checklists skipped", model.Process, 3},
			{thRushed, "Hurried because the demo was the next day", model.Context, 2},
			{"", "Centre of mass too high", model.Technical, 4},
			{thChecklist, "We forgot to use the check list", model.Process, 1},
			{thRushed, "A hurry to finish", model.Context, 0},
			{thFatigue, "Tiredness", model.People, 0},
		},
		hiddenTexts: []string{"Skipped the venue booking checklist"},
		change:      model.ProcessChange{ID: 71, What: "Lower the battery mount"},
	},
}

// build turns the corpus into dossiers: factor IDs are debrief*100+n.
func build(c []corpusDebrief) []*model.Dossier {
	var out []*model.Dossier
	for _, cd := range c {
		d := &model.Dossier{Debrief: model.NewDebrief(cd.title)}
		d.Debrief.ID = cd.id
		d.Debrief.Template = cd.template
		d.Debrief.GroupID = 1
		d.Debrief.HappenedAt = cd.happened
		d.Debrief.CreatedAt = cd.created
		if !cd.happened.IsZero() {
			refl := cd.happened.Add(time.Duration(cd.lagHours) * time.Hour)
			if cd.noSchedule {
				d.Debrief.CreatedAt = refl
			} else {
				d.Debrief.ScheduledAt = refl
				d.Debrief.CreatedAt = cd.happened.Add(time.Hour)
			}
		}
		for i, f := range cd.factors {
			d.Factors = append(d.Factors, model.Factor{ID: cd.id*100 + int64(i+1), DebriefID: cd.id, Text: f.text, Category: f.cat, Votes: f.votes, W: 220, H: 120})
		}
		for i, h := range cd.hiddenTexts {
			d.Factors = append(d.Factors, model.Factor{ID: cd.id*100 + 50 + int64(i), DebriefID: cd.id, Text: h, Category: model.Process, Votes: 9, W: 220, H: 120, Face: model.FaceHidden})
		}
		for i, w := range cd.warnings {
			d.WarningSigns = append(d.WarningSigns, model.WarningSign{ID: cd.id*10 + int64(i+1), DebriefID: cd.id, Text: w})
		}
		d.Lesson = model.Lesson{DebriefID: cd.id, Lucky: cd.lucky, WhatLed: cd.whatLed}
		if cd.change.What != "" {
			ch := cd.change
			ch.DebriefID = cd.id
			d.Changes = append(d.Changes, ch)
		}
		out = append(out, d)
	}
	return out
}

// corpusToday is the day the corpus is read: D5's check-back (June 1) is
// overdue, D6's (December 1) is not.
var corpusToday = time.Date(2026, 7, 20, 12, 0, 0, 0, time.UTC)
