package export

// The JSON interchange format: its name, version and size limit, and the
// document types that encoding/json writes and reads.

// FormatName is the value of the top-level "format" field of a Debrief file.
const FormatName = "debrief"

// FormatVersion is the newest version of the JSON format this Debrief reads,
// and the version it writes.
const FormatVersion = 1

// MaxJSONSize is the largest JSON file ReadJSON accepts.
const MaxJSONSize = 64 << 20 // bytes

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
	Group          string       `json:"group,omitempty"` // the group's name (additive: older files have none)
	Participants   []string     `json:"participants,omitempty"`
	Factors        []fileFactor `json:"factors,omitempty"`
	Links          []fileLink   `json:"links,omitempty"`
	Lesson         *fileLesson  `json:"lesson,omitempty"`
	Changes        []fileChange `json:"changes,omitempty"`
	Kudos          []fileKudos  `json:"kudos,omitempty"`
	// Timeline joined version 1 later; it is left out when empty, so such
	// a file still opens in a Debrief older than it.
	Timeline []fileEvent `json:"timeline,omitempty"`
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

type fileEvent struct {
	At   string `json:"at"`
	Text string `json:"text"`
	Kind string `json:"kind,omitempty"`
}
