package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcut is one row of the shortcuts overlay: the keys and what they do.
type shortcut struct{ keys, does string }

// shortcutGroup is a heading of the overlay and its rows.
type shortcutGroup struct {
	title string
	rows  []shortcut
}

// shortcutTable is every key Debrief understands. The overlay (F1 or ?)
// shows it, and docs/shortcuts.md carries the same table (a test keeps
// them equal: go test ./app -run TestShortcutsDoc -update rewrites it).
var shortcutTable = []shortcutGroup{
	{"Anywhere", []shortcut{
		{"Ctrl+N", "New debrief"},
		{"Ctrl+I", "Insights: what the group's debriefs say together, and whether its changes held"},
		{"Ctrl+Shift+N", "New group: a family, a club, a team, with its own library and \"Last time\""},
		{"Ctrl+L", "The library"},
		{"Ctrl+F", "Find in the library: titles and every card's text"},
		{"Ctrl+E", "Export the open debrief as a PDF"},
		{"Ctrl+Q", "Quit (everything is already saved)"},
		{"F1 or ?", "These shortcuts (F1 also while typing)"},
		{"F5", "Presentation mode, for the room (and back), also while typing"},
		{"Ctrl+Shift+P", "The audience window: the board, read-only and large, for a second screen"},
		{"F11", "Full screen, and back"},
		{"Ctrl+Z", "Undo: in the library the last delete (again: the one before), in a text field its typing, on the board the last board change"},
		{"Ctrl+Shift+Z or Ctrl+Y", "Redo"},
		{"Ctrl+X, Ctrl+C, Ctrl+V", "Cut, copy, paste"},
		{"Ctrl+A", "Select all: the field's text, or every card on the board"},
		{"Tab, Shift+Tab", "The next, previous field or button"},
		{"Ctrl+Home and Ctrl+End", "In a text field: the start, the end of the whole text"},
		{"Esc", "Close a dialog or a menu"},
	}},
	{"A debrief", []shortcut{
		{"Alt+1 … Alt+6", "Set the stage, Factors, Connect, Lessons, Kudos, Share"},
		{"Ctrl+Page Down", "The next phase"},
		{"Ctrl+Page Up", "The previous phase"},
		{"Ctrl+T", "Start or pause the timer"},
		{"Ctrl+R", "Open or close the room: everyone writes from their phone"},
		{"Ctrl+Shift+R", "Reveal every card written in the room"},
		{"Enter in Type a factor…", "Add the card"},
		{"Enter in the timeline", "Set the stage: add the event; the keyboard stays for the next one"},
	}},
	{"The board, when it has the keyboard", []shortcut{
		{"Tab, Shift+Tab", "Select the next, previous card (top to bottom, left to right)"},
		{"Enter", "Edit the selected card"},
		{"← → ↑ ↓", "Nudge the selected cards (with Shift, five times as far)"},
		{"1 … 7", "Category of the selected cards, or of new cards"},
		{"+ and −", "A dot vote more, less"},
		{"Delete or Backspace", "Delete the selected cards or arrow"},
		{"Esc", "Clear the selection; cancel a drag or a Connect to…"},
		{"Ctrl+= and Ctrl+-", "Zoom in, out"},
		{"Ctrl+0", "Zoom to fit every card"},
		{"Ctrl+1", "Zoom to 100 %"},
		{"Space + drag", "Pan"},
	}},
	{"Presenting (F5)", []shortcut{
		{"→, ↓, Page Down or Space", "The next phase"},
		{"←, ↑ or Page Up", "The previous phase"},
		{"Shift+← → ↑ ↓", "Pan the board a third of the screen; scroll a long page"},
		{"+ and −", "Zoom the board in, out (as laid out)"},
		{"W", "The board whole and readable (its cards re-flowed by category, or by bone, for the screen; nothing moves on the board), or as laid out"},
		{"0", "Fit the board as laid out again (as large as reads from the back of the room)"},
		{"F1", "These shortcuts"},
		{"Esc or F5", "Leave presentation mode"},
	}},
	{"In the audience window", []shortcut{
		{"F11 or F", "Full screen, and back (Esc leaves it)"},
		{"W", "The whole board, readable (re-flowed by category or bone), or as laid out"},
		{"V", "Follow the main window's view (W or Stop following goes back)"},
	}},
	{"Editing a card", []shortcut{
		{"Enter", "Keep the text"},
		{"Shift+Enter", "A new line"},
		{"Ctrl+Up / Ctrl+Down", "The previous or next category"},
		{"Esc", "Drop the change (a new card is removed)"},
	}},
}

// ShowShortcuts shows every key in an overlay; Esc or Close closes it.
func (s *Shell) ShowShortcuts() {
	if s.shortcuts != nil {
		return // already showing
	}
	cols := container.NewGridWithColumns(2, shortcutColumn(shortcutTable[:1]), shortcutColumn(shortcutTable[1:]))
	note := widget.NewLabel("On macOS, Cmd replaces Ctrl. Mouse gestures are in docs/shortcuts.md.")
	note.SizeName = theme.SizeNameCaptionText
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewBorder(nil, note, nil, nil, container.NewVScroll(cols)), s.win)
	d.SetOnClosed(func() { s.shortcuts = nil })
	size := s.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(1100, size.Width-40), min(760, size.Height-40)))
	s.shortcuts = d
	d.Show()
}

func shortcutColumn(groups []shortcutGroup) fyne.CanvasObject {
	box := container.NewVBox()
	for _, g := range groups {
		h := widget.NewLabelWithStyle(g.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.SizeName = theme.SizeNameSubHeadingText
		box.Add(h)
		grid := container.New(layout.NewFormLayout())
		for _, r := range g.rows {
			k := widget.NewLabelWithStyle(r.keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			d := widget.NewLabel(r.does)
			d.Wrapping = fyne.TextWrapWord
			grid.Add(k)
			grid.Add(d)
		}
		box.Add(grid)
	}
	return box
}

// shortcutsMarkdown is the table as docs/shortcuts.md shows it.
func shortcutsMarkdown() string {
	var b strings.Builder
	for i, g := range shortcutTable {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("### " + g.title + "\n\n| Keys | Do |\n|---|---|\n")
		for _, r := range g.rows {
			b.WriteString("| " + mdKeys(r.keys) + " | " + r.does + " |\n")
		}
	}
	return b.String()
}

// mdKeys puts each key of "Ctrl+Shift+Z or Ctrl+Y" in bold.
func mdKeys(keys string) string {
	var parts []string
	for _, alt := range strings.Split(keys, " or ") {
		var ands []string
		for _, k := range strings.Split(alt, ", ") {
			ands = append(ands, "**"+strings.ReplaceAll(k, " and ", "** and **")+"**")
		}
		parts = append(parts, strings.Join(ands, ", "))
	}
	return strings.Join(parts, " or ")
}
