package app

import (
	"context"
	"flag"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/app/ui/uitest"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated key tables in docs/shortcuts.md")

const (
	docsBegin = "<!-- keys: generated from app/shortcuts.go; go test ./app -run TestShortcutsDoc -update -->\n"
	docsEnd   = "<!-- keys: end -->\n"
)

// TestShortcutsDocMatchesTheOverlay: docs/shortcuts.md carries the
// overlay's table, word for word.
func TestShortcutsDocMatchesTheOverlay(t *testing.T) {
	const path = "../docs/shortcuts.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, docsBegin), strings.Index(text, docsEnd)
	if i < 0 || j < i {
		t.Fatalf("docs/shortcuts.md has no generated key tables between %q and %q", docsBegin, docsEnd)
	}
	want := text[:i+len(docsBegin)] + "\n" + shortcutsMarkdown() + "\n" + text[j:]
	if *updateDocs {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if text != want {
		t.Error("docs/shortcuts.md differs from the shortcuts overlay; run go test ./app -run TestShortcutsDoc -update")
	}
}

// shortcutText is how the table writes a menu item's key.
func shortcutText(sc fyne.Shortcut) string {
	var k fyne.KeyName
	var mod fyne.KeyModifier
	switch s := sc.(type) {
	case *desktop.CustomShortcut:
		k, mod = s.KeyName, s.Modifier
	case fyne.KeyboardShortcut:
		k, mod = s.Key(), s.Mod()
	default:
		return sc.ShortcutName()
	}
	names := map[fyne.KeyName]string{fyne.KeyPageDown: "Page Down", fyne.KeyPageUp: "Page Up", fyne.KeyEqual: "="}
	name := string(k)
	if n, ok := names[k]; ok {
		name = n
	}
	var b strings.Builder
	if mod&fyne.KeyModifierShortcutDefault != 0 {
		b.WriteString("Ctrl+")
	}
	if mod&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if mod&fyne.KeyModifierShift != 0 {
		b.WriteString("Shift+")
	}
	return b.String() + name
}

// TestMenusShowTheirKeysAndTheOverlayListsThem: the menus are File, Edit,
// View, Debrief and Help; every key a menu item shows is in the overlay.
func TestMenusShowTheirKeysAndTheOverlayListsThem(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	menu := s.mainMenu()
	var names []string
	for _, m := range menu.Items {
		names = append(names, m.Label)
	}
	if strings.Join(names, " ") != "File Edit View Debrief Help" {
		t.Fatalf("menus %q, want File Edit View Debrief Help", names)
	}
	table := shortcutsMarkdown()
	withKeys := 0
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.Shortcut == nil {
				continue
			}
			withKeys++
			key := shortcutText(it.Shortcut)
			if strings.HasPrefix(key, "Alt+") && key >= "Alt+1" && key <= "Alt+6" {
				key = "Alt+1" // the table says Alt+1 … Alt+6
			}
			if !strings.Contains(table, "**"+key+"**") && !strings.Contains(table, "**"+key+" ") {
				t.Errorf("%s ▸ %s shows %s, which the shortcuts overlay does not list", m.Label, it.Label, key)
			}
			if it.Disabled {
				t.Errorf("%s ▸ %s is disabled with a debrief open", m.Label, it.Label)
			}
		}
	}
	if withKeys < 20 {
		t.Errorf("only %d menu items have keys", withKeys)
	}
}

// TestShortcutsOverlayFromF1AndQuestionMark: F1 with nothing focused, and ?
// or F1 while the board has the keyboard, show the overlay; Close hides it.
func TestShortcutsOverlayFromF1AndQuestionMark(t *testing.T) {
	s, _ := newTestShell(t, true)
	c := s.win.Canvas()
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	screen := uitest.Texts(c)
	for _, want := range []string{"Keyboard shortcuts", "Ctrl+N", "New debrief", "Alt+1 … Alt+6", "Nudge the selected cards"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the overlay does not show %q", want)
		}
	}
	tapButton(t, s, "Close")
	if s.shortcuts != nil || strings.Contains(uitest.Texts(c), "Nudge the selected cards") {
		t.Fatal("Close left the overlay up")
	}

	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	v.Show(1) // Factors: the board has the keyboard
	if c.Focused() != v.Board() {
		t.Fatalf("the board does not have the keyboard on Factors (%T has)", c.Focused())
	}
	test.TypeOnCanvas(c, "?")
	if s.shortcuts == nil {
		t.Fatal("? on the board did not show the overlay")
	}
	tapButton(t, s, "Close")
	v.Board().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if s.shortcuts == nil {
		t.Fatal("F1 on the board did not show the overlay")
	}
}

// TestKeyboardOnlyBoardWork walks the board without the mouse: Tab selects
// the first card in reading order, Enter edits it, typing and Enter keep
// the text, an arrow nudges it; Edit ▸ Undo (Ctrl+Z) takes the nudge back.
// Each step reaches the database.
func TestKeyboardOnlyBoardWork(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	flush := func() { settle(s) }
	v.Show(1)
	c := s.win.Canvas()
	b := v.Board()
	b.Select()

	fs := b.Factors()
	first := fs[0]
	for _, f := range fs { // reading order: top to bottom, then left to right
		if f.Y < first.Y || (f.Y == first.Y && f.X < first.X) {
			first = f
		}
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if sel := b.Selection(); len(sel) != 1 || sel[0] != first.ID {
		t.Fatalf("Tab selected %v, want the top-left card %d", sel, first.ID)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b.Editing() != first.ID {
		t.Fatal("Enter did not open the card's editor")
	}
	ed := c.Focused()
	for _, r := range " (checked twice)" {
		ed.TypedRune(r)
	}
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	flush()
	got, _ := storetest.Factor(ctx, db, first.ID)
	if !strings.HasSuffix(got.Text, " (checked twice)") {
		t.Fatalf("typed text not stored: %q", got.Text)
	}
	if c.Focused() != b {
		t.Fatalf("after Enter the keyboard is on %T, want the board", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	flush()
	if got, _ := storetest.Factor(ctx, db, first.ID); got.X != first.X+10 {
		t.Fatalf("→ stored x %v, want %v", got.X, first.X+10)
	}
	// Edit ▸ Undo, as Ctrl+Z reaches it through the main menu.
	menuItem(t, s, "Edit", "Undo").Action()
	flush()
	if got, _ := storetest.Factor(ctx, db, first.ID); got.X != first.X {
		t.Fatalf("Undo stored x %v, want %v", got.X, first.X)
	}
}

// menuItem finds a main-menu item by menu and label.
func menuItem(t *testing.T, s *Shell, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range s.mainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s ▸ %s", menu, label)
	return nil
}

// TestPresentationMode: F5 shows the open debrief full screen, in high
// contrast and larger, without the menus and editing chrome, with card
// text at least 1/40 of the screen's height; the arrows step through the
// phases; Esc brings the window back as it was.
func TestPresentationMode(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	v.Show(1) // Factors
	before := s.app.Settings().Theme()
	c := s.win.Canvas()
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5}) // the board has the keyboard
	if s.presenting == nil {
		t.Fatal("F5 on the board did not start presentation mode")
	}
	if !s.win.FullScreen() || s.win.MainMenu() != nil {
		t.Errorf("presenting: full screen %v, menu %v", s.win.FullScreen(), s.win.MainMenu())
	}
	pt, ok := s.app.Settings().Theme().(presentTheme)
	if !ok || dcanvas.PaletteOf(pt) != dcanvas.PaletteHighContrast || pt.Size(theme.SizeNameText) <= before.Size(theme.SizeNameText) {
		t.Errorf("presenting in theme %T: want high contrast and larger text", s.app.Settings().Theme())
	}
	if strings.Contains(uitest.Texts(c), "Type a factor") || strings.Contains(uitest.Texts(c), "Often missed") {
		t.Error("the editing chrome is still on screen")
	}
	h := c.Size().Height
	// A board of up to ~30 cards starts whole and readable; W shows it as
	// laid out, also readable, from its top-left card.
	p := s.presenting
	if !p.wholeOn || !shownIn(c, p.whole) {
		t.Fatal("the sample's 11 cards are not shown whole")
	}
	if l := p.whole.Layout(); len(l.Cards) != len(v.Board().Factors()) || l.TextSize < float64(h)/40 {
		t.Errorf("the whole board shows %d cards at %.1f units on a %.0f-unit screen, want %d at least 1/40 (%.1f)",
			len(l.Cards), l.TextSize, h, len(v.Board().Factors()), h/40)
	}
	places := v.Board().Factors()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyW})
	if p.wholeOn || !shownIn(c, v.Board()) {
		t.Fatal("W did not show the board as laid out")
	}
	if got := float32(v.Board().Viewport().Zoom) * dcanvas.CardTextSize; got < h/40 {
		t.Errorf("card text is %.1f units on a %.0f-unit screen, want at least 1/40 (%.1f)", got, h, h/40)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyW})
	if !p.wholeOn || !slices.Equal(v.Board().Factors(), places) {
		t.Error("W did not go back to the whole board, or toggling moved cards")
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	if v.Clock().Phase != 2 {
		t.Fatalf("→ went to phase %d, want Connect", v.Clock().Phase)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyLeft})
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if v.Clock().Phase != 0 || !strings.Contains(uitest.Texts(c), "What happened") {
		t.Fatalf("← ← went to phase %d", v.Clock().Phase)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.presenting != nil || s.win.FullScreen() || s.win.MainMenu() == nil || s.app.Settings().Theme() != before {
		t.Fatal("Esc did not bring the window back as it was")
	}
	if !strings.Contains(uitest.Texts(c), "Library") {
		t.Error("the debrief's header is not back")
	}
}

// TestThemeSettingIsAppliedAndRemembered: View ▸ Theme ▸ High contrast
// draws the board's cards in the high-contrast palette and is remembered
// for the next start; Follow the system goes back.
func TestThemeSettingIsAppliedAndRemembered(t *testing.T) {
	s, _ := newTestShell(t, true)
	themeItem := menuItem(t, s, "View", "Theme")
	var labels []string
	for _, it := range themeItem.ChildMenu.Items {
		labels = append(labels, it.Label)
		if it.Label == "High contrast" {
			it.Action()
		}
	}
	if strings.Join(labels, "|") != "Follow the system|Light|Dark|High contrast" {
		t.Fatalf("themes offered: %q", labels)
	}
	if dcanvas.PaletteOf(s.app.Settings().Theme()) != dcanvas.PaletteHighContrast {
		t.Fatal("High contrast did not change the cards' palette")
	}
	if SavedTheme(s.app.Preferences()) != ThemeHighContrast {
		t.Fatal("the choice is not remembered")
	}
	for _, it := range menuItem(t, s, "View", "Theme").ChildMenu.Items {
		if it.Checked != (it.Label == "High contrast") {
			t.Errorf("%s checked %v", it.Label, it.Checked)
		}
	}
	// The next start applies the saved theme.
	s2 := newShell(s.app, s.db, func(f func()) { f() })
	t.Cleanup(s2.win.Close)
	if dcanvas.PaletteOf(s.app.Settings().Theme()) != dcanvas.PaletteHighContrast {
		t.Error("a new window did not start in the saved theme")
	}
	s.SetTheme(ThemeSystem)
	if dcanvas.PaletteOf(s.app.Settings().Theme()) != dcanvas.PaletteNormal {
		t.Error("Follow the system did not go back to the normal cards")
	}
}

// TestFunctionKeysWorkWhileTyping: F1, F5 and F11 reach the window while
// a text field or a card's editor has the keyboard (a plain Fyne entry
// keeps keys pressed alone for itself), and type nothing there.
func TestFunctionKeysWorkWhileTyping(t *testing.T) {
	s, _ := newTestShell(t, true)
	c := s.win.Canvas()
	s.home.FocusSearch()
	search := c.Focused().(*ui.TextField)
	test.Type(search, "wiring")
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if s.shortcuts == nil {
		t.Fatal("F1 in the library's search field did not show the shortcuts")
	}
	if search.Text != "wiring" {
		t.Errorf("F1 changed the field's text to %q", search.Text)
	}
	tapButton(t, s, "Close")

	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	v.Show(1) // Factors
	c.Focus(quickAdd(t, c))
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF11})
	if !s.win.FullScreen() {
		t.Fatal("F11 in Type a factor… did not go full screen")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyF11})
	if s.win.FullScreen() {
		t.Fatal("a second F11 in Type a factor… did not leave full screen")
	}

	id := v.Board().Factors()[0].ID
	v.Board().Edit(id)
	ed := c.Focused()
	if v.Board().Editing() != id || ed == nil {
		t.Fatal("the card's editor did not take the keyboard")
	}
	ed.TypedRune('!')
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	if s.presenting == nil {
		t.Fatal("F5 in a card's editor did not start presentation mode")
	}
	if v.Board().Editing() != 0 {
		t.Error("presenting left the card's editor open")
	}
	if f, _ := v.Board().Factor(id); !strings.HasSuffix(f.Text, "!") {
		t.Errorf("what was typed before F5 was lost: %q", f.Text)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if s.presenting != nil {
		t.Fatal("F5 did not leave presentation mode")
	}
}

// TestPresentationShowsEachPhaseReadOnly: while presenting, the phases
// that are not the board show what the group said, large, with no field
// or button to edit it; Shift and an arrow pan the board or scroll the
// page, + and − zoom the board, 0 fits it again.
func TestPresentationShowsEachPhaseReadOnly(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.win.Resize(fyne.NewSize(1920, 1080)) // a projector: the 1/40 rule asks more than 1.5× text
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	v.Show(model.SetTheStage)
	s.TogglePresentation()
	p := s.presenting
	shift := false
	p.shift = func() bool { return shift }
	c := s.win.Canvas()
	key := func(k fyne.KeyName) { c.OnTypedKey()(&fyne.KeyEvent{Name: k}) }

	want := map[model.Phase][]string{
		model.SetTheStage:  {"What happened", "the rover prototype", "Ground rules"},
		model.LessonsPhase: {"What led to the problem", "Warning signs we missed", "The one change", "Sign-offs for each major step"},
		model.KudosPhase:   {"Kudos for detective work", "Jonas", "Tom", "warm 5 V regulator"},
		model.SharePhase:   {"The one change", "Thank you", "Jonas", "in one PDF"},
	}
	for _, ph := range []model.Phase{model.SetTheStage, model.LessonsPhase, model.KudosPhase, model.SharePhase} {
		v.Session().SetClock(nil, v.Clock().Enter(ph, time.Now()))
		p.show(ph)
		screen := uitest.Texts(c)
		for _, w := range want[ph] {
			if !strings.Contains(screen, w) {
				t.Errorf("%s while presenting does not show %q", ph.Label(), w)
			}
		}
		// Body text is as large as the cards': 1/40 of the screen's height.
		h := c.Size().Height
		uitest.WalkObject(p.body, func(o fyne.CanvasObject) bool {
			if txt, ok := o.(*canvas.Text); ok && len(txt.Text) > 30 && txt.TextSize < h/40 {
				t.Errorf("%s while presenting draws %q at %.1f units on a %.0f-unit screen, want at least %.1f",
					ph.Label(), txt.Text, txt.TextSize, h, h/40)
				return false
			}
			return true
		})
		uitest.WalkObject(p.body, func(o fyne.CanvasObject) bool {
			switch o.(type) {
			case *ui.TextField, *widget.Button, *widget.Select, *widget.Check:
				t.Errorf("%s while presenting shows a %T to edit", ph.Label(), o)
				return false
			}
			return true
		})
	}

	// The last page scrolls with Shift+↓ when it is longer than the screen.
	p.show(model.LessonsPhase)
	v.Session().SetClock(nil, v.Clock().Enter(model.LessonsPhase, time.Now()))
	s.win.Resize(fyne.NewSize(1280, 500))
	if p.room.Content.MinSize().Height <= p.room.Size().Height {
		t.Fatalf("Lessons fits on a 500-unit screen (%v); the scroll test needs it longer", p.room.Content.MinSize())
	}
	shift = true
	key(fyne.KeyDown)
	if p.room.Offset.Y <= 0 || v.Clock().Phase != model.LessonsPhase {
		t.Errorf("Shift+↓ scrolled to %v and went to phase %d; want a scroll on Lessons", p.room.Offset.Y, v.Clock().Phase)
	}
	key(fyne.KeyUp)
	if p.room.Offset.Y != 0 {
		t.Errorf("Shift+↑ left the page at %v", p.room.Offset.Y)
	}
	s.win.Resize(fyne.NewSize(1280, 800))

	// The board: Shift+→ pans, + and − zoom, 0 fits again.
	shift = false
	v.Session().SetClock(nil, v.Clock().Enter(model.FactorsPhase, time.Now()))
	p.show(model.FactorsPhase)
	p.setWhole(false) // the board as laid out: the keys pan and zoom it
	fitted := v.Board().Viewport()
	shift = true
	key(fyne.KeyRight)
	shift = false
	if vp := v.Board().Viewport(); vp.X <= fitted.X || vp.Zoom != fitted.Zoom || v.Clock().Phase != model.FactorsPhase {
		t.Errorf("Shift+→ gave %+v from %+v on phase %d; want a pan right", vp, fitted, v.Clock().Phase)
	}
	key(fyne.KeyEqual)
	if z := v.Board().Viewport().Zoom; z <= fitted.Zoom {
		t.Errorf("+ zoomed to %v from %v", z, fitted.Zoom)
	}
	key(fyne.KeyMinus)
	key(fyne.KeyMinus)
	if z := v.Board().Viewport().Zoom; z >= fitted.Zoom {
		t.Errorf("− − zoomed to %v from %v", z, fitted.Zoom)
	}
	key(fyne.Key0)
	if vp := v.Board().Viewport(); vp != fitted {
		t.Errorf("0 gave %+v, want the fitted %+v", vp, fitted)
	}
	key(fyne.KeyRight)
	if v.Clock().Phase != model.ConnectPhase {
		t.Errorf("→ without Shift went to phase %d, want Connect", v.Clock().Phase)
	}
}

// TestCtrlHomeAndEndInAField: in a field of several lines, Ctrl+End puts
// the caret at the end of the whole text (typing then appends), Ctrl+Home
// at its start.
func TestCtrlHomeAndEndInAField(t *testing.T) {
	test.NewTempApp(t)
	e := ui.NewMultiLineField()
	e.Wrapping = fyne.TextWrapWord
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(300, 300))
	e.SetText("First line of the lesson.\nA second line that is long enough to wrap in a narrow field.\nLast line")
	w.Canvas().Focus(e)
	e.CursorRow, e.CursorColumn = 0, 3
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	e.TypedShortcut(ctrl(fyne.KeyEnd))
	test.Type(e, " (end)")
	if !strings.HasSuffix(e.Text, "Last line (end)") {
		t.Errorf("Ctrl+End then typing gave %q", e.Text)
	}
	e.TypedShortcut(ctrl(fyne.KeyHome))
	test.Type(e, "> ")
	if !strings.HasPrefix(e.Text, "> First line") {
		t.Errorf("Ctrl+Home then typing gave %q", e.Text)
	}
}

// The presentation's header on a 1280×720 projector and on a 1920×1080
// one: the presenter's key hint never lies over the step bar (at 720 lines
// it goes under it, at 1080 beside it), and a long title ends in "…"
// rather than running under the clock.
func TestPresentationHeaderFits(t *testing.T) {
	for _, tc := range []struct {
		w, h   float32
		beside bool
	}{{1280, 720, false}, {1920, 1080, true}} {
		s, _ := newTestShell(t, true)
		s.win.Resize(fyne.NewSize(tc.w, tc.h))
		s.OpenDebrief(s.home.Items()[0].ID)
		v := s.open
		retitle(t, v, strings.Repeat("A very long title about what went wrong ", 6))
		v.Show(1)
		s.TogglePresentation()
		p := s.presenting
		if p == nil {
			t.Fatal("no presentation")
		}
		d := fyne.CurrentApp().Driver()
		var hint fyne.CanvasObject
		uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
			if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Arrows: phases") {
				hint = l
			}
			return hint == nil
		})
		if hint == nil {
			t.Fatal("no key hint on the header")
		}
		hp, sp := d.AbsolutePositionForObject(hint), d.AbsolutePositionForObject(p.steps)
		hs, ss := hint.Size(), p.steps.Size()
		overlap := hp.X < sp.X+ss.Width && sp.X < hp.X+hs.Width && hp.Y < sp.Y+ss.Height && sp.Y < hp.Y+hs.Height
		if overlap {
			t.Errorf("%.0f×%.0f: the hint at %v (%v) lies over the steps at %v (%v)", tc.w, tc.h, hp, hs, sp, ss)
		}
		if beside := hp.Y < sp.Y+ss.Height; beside != tc.beside {
			t.Errorf("%.0f×%.0f: hint beside the steps %v, want %v", tc.w, tc.h, beside, tc.beside)
		}
		shown := p.title.Shown()
		if !strings.HasSuffix(shown, "…") {
			t.Errorf("%.0f×%.0f: the long title is shown whole: %q", tc.w, tc.h, shown)
		}
		tp, cp := d.AbsolutePositionForObject(p.title), d.AbsolutePositionForObject(p.clock)
		if w := p.title.ShownWidth(); tp.X+w > cp.X {
			t.Errorf("%.0f×%.0f: the title runs to %.0f, under the clock at %.0f", tc.w, tc.h, tp.X+w, cp.X)
		}
		s.TogglePresentation()
	}
}

// menuAction is what choosing a menu item (or pressing its key) does.
func menuAction(t *testing.T, s *Shell, label string) func() {
	t.Helper()
	for _, m := range s.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// Shortcuts wait while a dialog is open over the window: Alt+2 and Ctrl+T
// behind the Exported dialog changed the phase and started the timer
// unseen. Once it is closed they work again.
func TestShortcutsWaitBehindADialog(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	v.Show(model.SetTheStage)
	d := dialog.NewInformation("Exported", "The PDF is in your Documents folder.", s.win)
	d.Show()
	menuAction(t, s, model.ConnectPhase.Label())()
	menuAction(t, s, "Start or pause the timer")()
	s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	if v.Clock().Phase != model.SetTheStage || v.Clock().Timer.Running() || s.presenting != nil {
		t.Fatalf("behind a dialog: phase %v, timer running %v, presenting %v", v.Clock().Phase, v.Clock().Timer.Running(), s.presenting != nil)
	}
	d.Hide()
	menuAction(t, s, model.ConnectPhase.Label())()
	if v.Clock().Phase != model.ConnectPhase {
		t.Errorf("with the dialog closed Alt+3 went to %v", v.Clock().Phase)
	}
	menuAction(t, s, "Start or pause the timer")()
	if !v.Clock().Timer.Running() {
		t.Error("with the dialog closed Ctrl+T did not start the timer")
	}
	menuAction(t, s, "Start or pause the timer")()
}

// After Esc the window looks exactly as it did before F5: the same
// picture, pixel for pixel (it kept the presentation's larger text and
// cyan accents, the board at the presentation's zoom, and View ▸ Full
// screen ticked).
func TestLeavingPresentationRestoresTheWindow(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	for _, ph := range []model.Phase{model.FactorsPhase, model.SetTheStage} {
		v.Show(ph)
		settle(s) // "All changes saved", before and after
		c := s.win.Canvas()
		relayout(s)
		before := c.Capture()
		view := v.Board().Viewport()
		s.TogglePresentation()
		if s.presenting == nil {
			t.Fatal("no presentation")
		}
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if s.presenting != nil {
			t.Fatal("Esc did not leave presentation mode")
		}
		if got := v.Board().Viewport(); got != view {
			t.Errorf("%v: the board came back at %+v, was %+v", ph, got, view)
		}
		// Fyne's test app applies a theme on its own goroutine: wait for
		// the window to settle (a deadlock guard, not a speed limit: under
		// -race on a loaded machine, 10 s was not always enough).
		diff := -1
		for deadline := time.Now().Add(60 * time.Second); diff != 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			settle(s)
			relayout(s)
			after := c.Capture()
			if !reflect.DeepEqual(before.Bounds(), after.Bounds()) {
				t.Fatalf("%v: the window is %v, was %v", ph, after.Bounds(), before.Bounds())
			}
			diff = pixelsDiffer(before, after)
		}
		if diff > 0 {
			t.Errorf("%v: %d pixels differ after presenting", ph, diff)
			if dir := os.Getenv("DEBRIEF_SHOTS"); dir != "" {
				writePNG(t, filepath.Join(dir, "before.png"), before)
				writePNG(t, filepath.Join(dir, "after.png"), c.Capture())
			}
		}
		for _, m := range s.win.MainMenu().Items {
			for _, it := range m.Items {
				if it.Label == "Full screen" && it.Checked {
					t.Errorf("%v: View ▸ Full screen is still ticked", ph)
				}
			}
		}
	}
}

// relayout lays the whole window out again, as a real window does on its
// next frame (the test canvas lays out only what it is told to).
func relayout(s *Shell) {
	size := s.win.Canvas().Size()
	s.win.Resize(size.AddWidthHeight(1, 1))
	s.win.Resize(size)
}

// pixelsDiffer counts the pixels that differ between two pictures of the
// same size.
func pixelsDiffer(a, b image.Image) int {
	rgba := func(img image.Image) *image.RGBA {
		if r, ok := img.(*image.RGBA); ok {
			return r
		}
		r := image.NewRGBA(img.Bounds())
		draw.Draw(r, r.Bounds(), img, img.Bounds().Min, draw.Src)
		return r
	}
	pa, pb := rgba(a).Pix, rgba(b).Pix
	n := 0
	for i := 0; i+3 < len(pa) && i+3 < len(pb); i += 4 {
		if pa[i] != pb[i] || pa[i+1] != pb[i+1] || pa[i+2] != pb[i+2] || pa[i+3] != pb[i+3] {
			n++
		}
	}
	return n
}

func writePNG(t *testing.T, path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, img)
}

// shownIn reports whether o is in c's tree, shown.
func shownIn(c fyne.Canvas, o fyne.CanvasObject) bool {
	found := false
	var walk func(fyne.CanvasObject)
	walk = func(x fyne.CanvasObject) {
		if found || x == nil || !x.Visible() {
			return
		}
		if x == o {
			found = true
			return
		}
		switch x := x.(type) {
		case *fyne.Container:
			for _, ch := range x.Objects {
				walk(ch)
			}
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(x).Objects() {
				walk(ch)
			}
		}
	}
	walk(c.Content())
	return found
}

// On a 4K screen the presentation's header is drawn for it (three times
// a 720-line one's size) when the board is shown whole, as when it is
// shown as laid out: only fitting the board used to scale it.
func TestPresentationScalesTheHeaderWithTheWholeBoard(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.home.Items()[0].ID)
	s.open.Show(model.FactorsPhase)
	s.TogglePresentation()
	t.Cleanup(func() {
		if s.presenting != nil {
			s.leavePresentation()
		}
	})
	if !s.presenting.wholeOn {
		t.Fatal("the sample is not shown whole")
	}
	s.win.Resize(fyne.NewSize(3840, 2160))
	pt, ok := s.app.Settings().Theme().(presentTheme)
	if !ok || pt.scale != 3 {
		t.Errorf("presenting whole on a 2160-line screen at scale %v, want 3", pt.scale)
	}
}
