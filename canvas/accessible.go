package canvas

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/debrief-app/debrief/app/model"
)

var (
	_ fyne.Accessible = (*Board)(nil)
	_ fyne.Accessible = (*legend)(nil)
)

// AccessibilityLabel says what the board holds and what is selected, in
// words: "Factor board: 11 cards, 3 arrows. Selected: TECH, A cracked
// connector…".
func (b *Board) AccessibilityLabel() string {
	var sb strings.Builder
	kind := "Factor board"
	if b.readOnly {
		kind = "Factor board, read-only"
	}
	fmt.Fprintf(&sb, "%s: %d cards, %d arrows", kind, len(b.factors), len(b.links))
	sel := b.Selection()
	switch {
	case len(sel) == 1:
		if f := b.factors[sel[0]]; f != nil {
			fmt.Fprintf(&sb, ". Selected: %s card, %q", f.Category.Label(), model.Shorten(model.OneLine(f.Text), 80))
			if f.Votes > 0 {
				fmt.Fprintf(&sb, ", %d votes", f.Votes)
			}
		}
	case len(sel) > 1:
		fmt.Fprintf(&sb, ". %d cards selected", len(sel))
	}
	return sb.String()
}

// AccessibilityRole of the board is a container (of cards).
func (b *Board) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleContainer }

// AccessibilityLabel says which category new cards get.
func (l *legend) AccessibilityLabel() string {
	return "Categories; new cards go in " + l.b.Category().Label()
}

// AccessibilityRole of the legend is a container of category buttons.
func (l *legend) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleContainer }
