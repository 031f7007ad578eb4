package model

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Default size of a new card on the board, in board units.
const (
	DefaultCardWidth  = 220
	DefaultCardHeight = 120
	MaxCoordinate     = 1e7
)

// Factor is one card on the board: something that contributed to the setback.
type Factor struct {
	ID        int64
	DebriefID int64
	Text      string
	Category  Category
	X, Y      float64 // top-left corner on the board
	W, H      float64
	Z         int    // stacking order: higher is drawn on top
	Author    string // "" means anonymous, and then no author is stored anywhere
	Votes     int
	CreatedAt time.Time

	// Face is whether the card is shown: cards written in the room are
	// face down until the facilitator reveals them, and a card hidden as
	// abuse is kept but never shown, sent, counted or exported.
	Face Face
	// Pending are votes cast in the room that nobody sees yet; showing
	// votes adds them to Votes. They are a count, never per device.
	Pending int
}

// Face is whether a card is shown.
type Face int

const (
	FaceUp     Face = iota // shown: every card not written in the room
	FaceDown               // written in the room, not revealed yet
	FaceHidden             // hidden by the facilitator; never shown
	// FacePrompt is a question a template put on the board ("What changed
	// just before?"): drawn as a question, never counted or exported as a
	// factor, until someone writes the card's own text.
	FacePrompt
)

// Shown reports whether the card is a factor for everyone to read: on the
// board, counted and exported.
func (f Factor) Shown() bool { return f.Face == FaceUp }

// OnBoard reports whether the board draws the card: a factor, or a
// template's question.
func (f Factor) OnBoard() bool { return f.Face == FaceUp || f.Face == FacePrompt }

// Validate checks a factor's own fields.
func (f Factor) Validate() error {
	var errs []error
	if !f.Category.Valid() {
		errs = append(errs, fmt.Errorf("unknown category %q", f.Category))
	}
	if runeLen(f.Text) > MaxText {
		errs = append(errs, fmt.Errorf("the card text is longer than %d characters", MaxText))
	}
	for _, v := range []struct {
		name string
		v    float64
	}{{"x", f.X}, {"y", f.Y}, {"w", f.W}, {"h", f.H}} {
		if math.IsNaN(v.v) || math.IsInf(v.v, 0) || math.Abs(v.v) > MaxCoordinate {
			errs = append(errs, fmt.Errorf("%s is %v; it must be a number within ±%g", v.name, v.v, MaxCoordinate))
		}
	}
	if f.W <= 0 || f.H <= 0 {
		errs = append(errs, fmt.Errorf("the card size %gx%g must be positive", f.W, f.H))
	}
	if f.Author != "" && strings.TrimSpace(f.Author) == "" {
		errs = append(errs, errors.New("the author is blank; leave it empty for an anonymous card"))
	}
	if runeLen(f.Author) > MaxName {
		errs = append(errs, fmt.Errorf("the author's name is longer than %d characters", MaxName))
	}
	if f.Votes < 0 {
		errs = append(errs, fmt.Errorf("votes is %d; it cannot be negative", f.Votes))
	}
	if f.Pending < 0 {
		errs = append(errs, fmt.Errorf("pending votes is %d; it cannot be negative", f.Pending))
	}
	if f.Face < FaceUp || f.Face > FacePrompt {
		errs = append(errs, fmt.Errorf("unknown face %d", f.Face))
	}
	if err := notUTF8("the card text", f.Text); err != nil {
		errs = append(errs, err)
	}
	if err := notUTF8("the author's name", f.Author); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Anonymous reports whether nobody is named as the card's author.
func (f Factor) Anonymous() bool { return f.Author == "" }

// Link says one factor contributed to another.
type Link struct {
	ID        int64
	DebriefID int64
	FromID    int64
	ToID      int64
	Label     string // "" reads as "contributed to"
}

// DefaultLinkLabel is what an unlabelled link means.
const DefaultLinkLabel = "contributed to"

// Validate checks a link's own fields.
func (l Link) Validate() error {
	if l.FromID == l.ToID {
		return errors.New("a factor cannot be linked to itself")
	}
	if runeLen(l.Label) > MaxName {
		return fmt.Errorf("the link label is longer than %d characters", MaxName)
	}
	return notUTF8("the link label", l.Label)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
