package model

// GroundRules are read out at the start of every debrief (Set the stage)
// and travel in its calendar invite.
var GroundRules = []string{
	"We look at systems and conditions, not at who to blame.",
	"Every detail is welcome: no factor is too small or too embarrassing.",
	"Assume everyone did the best they could with what they knew at the time.",
	"Cards may be anonymous; what is said here is used to improve, never against anyone.",
	"We leave with exactly one change that someone owns.",
}

// Phase is a step of a debrief, in the order a group walks them. Phases
// are guidance, not locks: any phase can be opened at any time.
type Phase int

// The phases of a debrief.
const (
	SetTheStage Phase = iota
	FactorsPhase
	ConnectPhase
	LessonsPhase
	KudosPhase
	SharePhase
)

// Phases lists every phase in order.
func Phases() []Phase {
	return []Phase{SetTheStage, FactorsPhase, ConnectPhase, LessonsPhase, KudosPhase, SharePhase}
}

// Label is the phase's name on the step bar.
func (p Phase) Label() string {
	switch p {
	case SetTheStage:
		return "Set the stage"
	case FactorsPhase:
		return "Factors"
	case ConnectPhase:
		return "Connect"
	case LessonsPhase:
		return "Lessons"
	case KudosPhase:
		return "Kudos"
	case SharePhase:
		return "Share"
	}
	return "?"
}

// Key is the phase's stable name in the database: "stage", "factors"…
func (p Phase) Key() string {
	return [...]string{"stage", "factors", "connect", "lessons", "kudos", "share"}[p.clamp()]
}

// PhaseFromKey reads a Key; an unknown key is SetTheStage.
func PhaseFromKey(k string) Phase {
	for _, p := range Phases() {
		if p.Key() == k {
			return p
		}
	}
	return SetTheStage
}

func (p Phase) clamp() Phase {
	if p < SetTheStage || p > SharePhase {
		return SetTheStage
	}
	return p
}

// Missed is a factor groups often overlook, offered beside the board.
type Missed struct {
	Text     string
	Category Category
	Hint     string // the question behind it
}

// CommonlyMissed are the factors a group tends not to name: the human and
// the situational as much as the technical.
var CommonlyMissed = []Missed{
	{"Tight timeline", Context, "Was there enough time to do it the careful way?"},
	{"Communication gap", People, "Did everyone who needed to know, know?"},
	{"Last-minute change", Context, "What changed late, and who knew about it?"},
	{"Fatigue", People, "Was anyone tired, rushed or covering for someone?"},
	{"Skipped checklist step", Process, "Which step was skipped, and what made skipping it reasonable?"},
	{"Undocumented quirk", Technical, "What only one person knew?"},
	{"Unclear ownership", Process, "Who thought someone else had it?"},
	{"Tooling", Technical, "Did a tool make the wrong thing easy or the right thing hard?"},
}
