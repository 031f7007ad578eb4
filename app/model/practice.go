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
