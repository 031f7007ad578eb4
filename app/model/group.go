package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Group limits and the group every database starts with.
const (
	DefaultGroupName = "My debriefs"
	MaxGroupName     = 100
	MaxMembers       = 500
	DefaultDots      = 3
	MaxDots          = 10
)

// Group is who debriefs together: a family, a club, a team. Each debrief
// belongs to exactly one; "Last time", the check-ins and insights are read
// per group, so one group's debriefs never show up in another's meeting.
type Group struct {
	ID      int64
	Name    string
	Members []string // names offered in "Who is here", as card authors and kudos recipients
	// Defaults for a new debrief of the group.
	Template       string // a template ID; "" for blank
	TimeboxMinutes int
	Dots           int // votes per person in the room
	CreatedAt      time.Time
	DeletedAt      time.Time // zero unless the group is in the Trash
}

// NewGroup returns a group named name with the app's defaults.
func NewGroup(name string) Group {
	return Group{Name: strings.TrimSpace(name), TimeboxMinutes: DefaultTimebox, Dots: DefaultDots}
}

// Validate checks the rules every stored group obeys.
func (g Group) Validate() error {
	var errs []error
	switch name := strings.TrimSpace(g.Name); {
	case name == "":
		errs = append(errs, errors.New("the group has no name"))
	case runeLen(g.Name) > MaxGroupName:
		errs = append(errs, fmt.Errorf("the group's name is longer than %d characters", MaxGroupName))
	case strings.ContainsFunc(g.Name, isControl):
		errs = append(errs, errors.New("the group's name has a control character (a line break or a tab?)"))
	}
	if err := notUTF8("the group's name", g.Name); err != nil {
		errs = append(errs, err)
	}
	if err := notUTF8("the group's template", g.Template); err != nil {
		errs = append(errs, err)
	}
	if g.TimeboxMinutes < 1 || g.TimeboxMinutes > MaxTimebox {
		errs = append(errs, fmt.Errorf("the group's timebox is %d minutes; it must be 1 to %d", g.TimeboxMinutes, MaxTimebox))
	}
	if g.Dots < 1 || g.Dots > MaxDots {
		errs = append(errs, fmt.Errorf("the group's votes per person are %d; they must be 1 to %d", g.Dots, MaxDots))
	}
	if len(g.Members) > MaxMembers {
		errs = append(errs, fmt.Errorf("the group has %d members; at most %d", len(g.Members), MaxMembers))
	}
	for i, m := range g.Members {
		if strings.TrimSpace(m) == "" {
			errs = append(errs, fmt.Errorf("member %d has no name", i+1))
		} else if runeLen(m) > MaxName {
			errs = append(errs, fmt.Errorf("member %d has a name longer than %d characters", i+1, MaxName))
		}
		if err := notUTF8(fmt.Sprintf("the name of member %d", i+1), m); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// GroupKey is what two group names must share to be the same group: the
// same words, whatever the case and the spaces around them.
func GroupKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
