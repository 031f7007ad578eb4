package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// Library settings and limits.
const (
	prefLibrarySort = "library.sort" // the order the library was last shown in
	undoFor         = 10 * time.Second
	checkInsShown   = 3 // check-ins listed at once; the rest wait their turn
)

// Home is the library: the check-ins that are due, every debrief (searched
// and sorted), and a way to start one.
type Home struct {
	shell   *Shell
	content fyne.CanvasObject

	// The library.
	list    *widget.List
	body    *fyne.Container // the list, the empty library or the empty search
	empty   fyne.CanvasObject
	noMatch *widget.Label
	noneFit fyne.CanvasObject
	count   *widget.Label
	search  *ui.TextField
	clear   *widget.Button // the search field's action: a magnifier, or × to clear
	sortBy  *widget.Select
	sort    store.LibrarySort
	items   []store.DebriefSummary
	total   int    // debriefs in all, searched or not
	shown   string // the query whose results are shown
	// searches counts the searches started; only the latest one's results
	// are shown, and starting one cancels the one before.
	searches     uint64
	cancelSearch context.CancelFunc
	scrollTo     int64 // a debrief to bring into view once it is listed (a new copy)

	// The check-ins due.
	checkIns    *fyne.Container // the section; hidden when none is due
	checkInList *fyne.Container
	due         []store.CheckIn
	dueLoads    uint64

	// The undo banner after a delete.
	undoBar  *fyne.Container
	undoText *widget.Label
	undone   *model.Dossier // what Undo restores; nil when there is nothing to undo
	deletes  uint64         // deletes offered for undo; a banner's timer only hides its own

	// Seams for tests.
	now   func() time.Time                                            // today, for the check-ins due
	after func(time.Duration, func())                                 // runs f later on any goroutine: time.AfterFunc
	take  func(ctx context.Context, id int64) (*model.Dossier, error) // deletes a debrief, keeping it for undo
}

func newHome(s *Shell) *Home {
	h := &Home{shell: s, now: time.Now, take: s.db.TakeDebrief,
		after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	h.sort = store.LibrarySort(s.app.Preferences().IntWithFallback(prefLibrarySort, int(store.NewestFirst)))

	logo := canvas.NewImageFromResource(Icon())
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(56, 56))
	title := canvas.NewText("Debrief", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.4
	title.TextStyle = fyne.TextStyle{Bold: true}
	tagline := widget.NewLabel("Map every factor behind a setback, commit to one change, thank the detectives.")
	tagline.Truncation = fyne.TextTruncateEllipsis
	newBtn := widget.NewButtonWithIcon("New debrief", theme.ContentAddIcon(), s.NewDebrief)
	newBtn.Importance = widget.HighImportance
	header := container.NewBorder(nil, nil,
		container.NewHBox(logo, container.NewVBox(layout.NewSpacer(), title, layout.NewSpacer())),
		container.NewVBox(layout.NewSpacer(), newBtn, layout.NewSpacer()),
		container.NewVBox(layout.NewSpacer(), tagline, layout.NewSpacer()))

	h.list = widget.NewList(
		func() int { return len(h.items) },
		h.newRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*libraryRow).show(h.items[id]) },
	)
	h.list.OnSelected = func(id widget.ListItemID) {
		h.list.UnselectAll()
		if id >= 0 && id < len(h.items) {
			s.OpenDebrief(h.items[id].ID)
		}
	}

	emptyBtn := widget.NewButtonWithIcon("Start a debrief", theme.ContentAddIcon(), s.NewDebrief)
	emptyBtn.Importance = widget.HighImportance
	emptyText := widget.NewLabelWithStyle("No debriefs yet.\nRight after your next setback, take ten minutes together: list every factor, pick one change.",
		fyne.TextAlignCenter, fyne.TextStyle{})
	emptyText.Wrapping = fyne.TextWrapWord
	h.empty = container.NewCenter(container.NewVBox(emptyText, container.NewCenter(emptyBtn)))

	h.noMatch = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	h.noMatch.Wrapping = fyne.TextWrapWord
	clearBtn := widget.NewButtonWithIcon("Clear the search", theme.ContentClearIcon(), func() { h.search.SetText("") })
	hint := widget.NewLabelWithStyle("The search looks in titles and in the text of every card.", fyne.TextAlignCenter, fyne.TextStyle{})
	hint.SizeName = theme.SizeNameCaptionText
	h.noneFit = container.NewCenter(container.NewVBox(h.noMatch, hint, container.NewCenter(clearBtn)))

	h.search = ui.NewTextField()
	h.search.SetPlaceHolder("Search titles and cards")
	h.clear = widget.NewButtonWithIcon("", theme.SearchIcon(), func() {
		if h.search.Text != "" {
			h.search.SetText("")
		}
		s.win.Canvas().Focus(h.search)
	})
	h.clear.Importance = widget.LowImportance
	h.search.ActionItem = h.clear
	h.search.OnChanged = func(string) { h.runSearch() }

	labels := make([]string, len(store.LibrarySorts))
	for i, o := range store.LibrarySorts {
		labels[i] = o.Label()
	}
	if !slices.Contains(store.LibrarySorts, h.sort) {
		h.sort = store.NewestFirst // saved by a newer version, or damaged
	}
	h.sortBy = widget.NewSelect(labels, nil)
	h.sortBy.SetSelected(h.sort.Label())
	h.sortBy.OnChanged = func(label string) {
		for _, o := range store.LibrarySorts {
			if o.Label() == label && o != h.sort {
				h.sort = o
				s.app.Preferences().SetInt(prefLibrarySort, int(o))
				h.runSearch()
			}
		}
	}

	h.count = widget.NewLabel("")
	h.count.SizeName = theme.SizeNameCaptionText
	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(ui.Heading("Your debriefs"), container.NewCenter(h.count)),
		container.NewCenter(h.sortBy),
		container.New(ui.TrailingUpTo{W: 360}, h.search))

	h.checkInList = container.NewVBox()
	h.checkIns = container.NewVBox(ui.Heading("Check-ins due"), h.checkInList)
	h.checkIns.Hide()

	h.undoText = widget.NewLabel("")
	h.undoText.Truncation = fyne.TextTruncateEllipsis
	undoBtn := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), h.undoDelete)
	undoBtn.Importance = widget.HighImportance
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), h.hideUndo)
	dismiss.Importance = widget.LowImportance
	h.undoBar = container.NewPadded(ui.Panel(theme.Color(theme.ColorNameForeground), container.NewBorder(nil, nil,
		container.NewCenter(widget.NewIcon(theme.DeleteIcon())),
		container.NewHBox(container.NewCenter(undoBtn), container.NewCenter(dismiss)),
		h.undoText)))
	h.undoBar.Hide()

	where := widget.NewLabel("Saved automatically in " + s.db.Path())
	where.SizeName = theme.SizeNameCaptionText
	where.Truncation = fyne.TextTruncateEllipsis

	h.body = container.NewStack(h.list)
	checkIns := container.NewVScroll(container.NewPadded(h.checkIns))
	h.content = container.New(homeLayout{checkIns, h.oneCheckInHeight},
		container.NewVBox(container.NewPadded(header), widget.NewSeparator()),
		checkIns,
		container.NewPadded(toolbar),
		h.body,
		container.NewVBox(h.undoBar, where))
	return h
}

// homeLayout stacks the library's parts: the header, the check-ins due,
// the toolbar, the list (which takes what is left) and the footer. The
// check-ins get their full height while that leaves the list at least
// listShare of the window, and scroll otherwise (showing one at least), so
// a small window or many check-ins never squeeze the library out of sight.
type homeLayout struct {
	checkIns *container.Scroll
	atLeast  func() float32 // the height that shows the first check-in whole
}

const listShare = 0.4

func (l homeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	header, checks, toolbar, body, footer := objs[0], objs[1], objs[2], objs[3], objs[4]
	fixed := header.MinSize().Height + toolbar.MinSize().Height + footer.MinSize().Height
	checksH := float32(0)
	if l.checkIns.Content.Visible() {
		natural := l.checkIns.Content.MinSize().Height
		room := size.Height - fixed - size.Height*listShare
		checksH = max(min(natural, room), min(natural, l.atLeast()))
	}
	y := float32(0)
	place := func(o fyne.CanvasObject, h float32) {
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
	place(header, header.MinSize().Height)
	place(checks, checksH)
	place(toolbar, toolbar.MinSize().Height)
	fh := footer.MinSize().Height
	place(body, max(0, size.Height-y-fh))
	place(footer, fh)
}

func (l homeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		switch i {
		case 1: // the check-ins scroll
			if l.checkIns.Content.Visible() {
				h += min(l.checkIns.Content.MinSize().Height, l.atLeast())
			}
		case 3: // the list scrolls
			h += 2 * theme.Padding()
		default:
			h += m.Height
		}
	}
	return fyne.NewSize(w, h)
}

// Reload reads the library and the check-ins due from the database.
func (h *Home) Reload() {
	h.runSearch()
	h.loadCheckIns()
}

// libraryPage is what one search read.
type libraryPage struct {
	search uint64 // which search it answers
	query  string
	items  []store.DebriefSummary
	total  int
	stale  bool // cancelled: a newer search has started
}

// runSearch reads the library for what the search field says, off the UI
// goroutine. It cancels the search before it, and a search that is not the
// latest never shows its results, however late they come.
func (h *Home) runSearch() {
	h.searches++
	n := h.searches
	if h.cancelSearch != nil {
		h.cancelSearch()
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancelSearch = cancel
	query, order := strings.TrimSpace(h.search.Text), h.sort
	h.showSearchAction(query != "")
	db := h.shell.db
	background(h.shell, "Could not read the library", func(context.Context) (libraryPage, error) {
		p := libraryPage{search: n, query: query}
		var err error
		p.items, err = db.SearchDebriefs(ctx, query, order)
		if err == nil {
			p.total = len(p.items)
			if query != "" {
				p.total, err = db.CountDebriefs(ctx)
			}
		}
		if ctx.Err() != nil {
			return libraryPage{stale: true}, nil
		}
		return p, err
	}, func(p libraryPage) {
		if p.stale || p.search != h.searches {
			return
		}
		cancel()
		h.show(p)
	})
}

func (h *Home) showSearchAction(searching bool) {
	if searching {
		h.clear.SetIcon(theme.ContentClearIcon())
	} else {
		h.clear.SetIcon(theme.SearchIcon())
	}
}

func (h *Home) show(p libraryPage) {
	h.items, h.total, h.shown = p.items, p.total, p.query
	switch {
	case p.query != "" && p.total > 0:
		h.count.SetText(fmt.Sprintf("%d of %s", len(p.items), ui.Plural(p.total, "debrief", "debriefs")))
	default:
		h.count.SetText(ui.Plural(p.total, "debrief", "debriefs"))
	}
	switch {
	case p.total == 0:
		h.body.Objects = []fyne.CanvasObject{h.empty}
	case len(p.items) == 0:
		h.noMatch.SetText("No debrief mentions " + quoted(p.query, 80) + ".")
		h.body.Objects = []fyne.CanvasObject{h.noneFit}
	default:
		h.body.Objects = []fyne.CanvasObject{h.list}
	}
	h.body.Refresh()
	h.list.Refresh()
	if h.scrollTo != 0 {
		for i, d := range h.items {
			if d.ID == h.scrollTo {
				h.list.ScrollTo(i)
			}
		}
		h.scrollTo = 0
	}
}

// Items is what the library shows now.
func (h *Home) Items() []store.DebriefSummary { return h.items }

// libraryRow is one debrief in the library.
type libraryRow struct {
	widget.BaseWidget
	home      *Home
	item      store.DebriefSummary
	status    *ui.Pill
	title     *widget.Label
	detail    *widget.Label
	open      *widget.Button
	duplicate *widget.Button
	remove    *widget.Button
	content   fyne.CanvasObject
}

var _ fyne.Widget = (*libraryRow)(nil)

func (h *Home) newRow() fyne.CanvasObject {
	r := &libraryRow{home: h}
	r.status = ui.NewPill("Reviewed", ui.StatusColour(model.Reviewed))
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.SizeName = theme.SizeNameSubHeadingText
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabel("")
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.open = widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), func() { h.shell.OpenDebrief(r.item.ID) })
	r.duplicate = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), func() { h.duplicate(r.item) })
	r.duplicate.Importance = widget.LowImportance
	r.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { h.delete(r.item) })
	r.remove.Importance = widget.LowImportance
	r.content = container.New(layout.NewCustomPaddedLayout(0, 0, theme.Padding()*2, theme.Padding()), container.NewBorder(nil, nil,
		ui.AtLeast(96, container.NewCenter(r.status)),
		container.NewHBox(container.NewCenter(r.open), container.NewCenter(r.duplicate), container.NewCenter(r.remove)),
		container.NewVBox(r.title, r.detail)))
	r.ExtendBaseWidget(r)
	return r
}

func (r *libraryRow) show(d store.DebriefSummary) {
	r.item = d
	r.status.Set(d.Status.Label(), ui.StatusColour(d.Status))
	r.title.SetText(model.OneLine(d.Title))
	parts := []string{}
	if !d.HappenedAt.IsZero() {
		parts = append(parts, "Happened "+ui.Day(d.HappenedAt))
	} else {
		parts = append(parts, "Started "+ui.Day(d.CreatedAt))
	}
	parts = append(parts, ui.Plural(d.Factors, "factor", "factors"))
	if name := templateName(d.Template); name != "" {
		parts = append(parts, name)
	}
	r.detail.SetText(strings.Join(parts, "  ·  "))
}

func (r *libraryRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// ---- delete and undo ----

// deleted is what a delete did: took the debrief (to undo with), found it
// gone already, or could not keep it.
type deleted struct {
	dossier *model.Dossier
	gone    bool
	failed  error
}

// delete removes a debrief at once and offers to undo it. If it cannot be
// kept for the undo, nothing is deleted and a confirmation asks instead.
func (h *Home) delete(d store.DebriefSummary) {
	take := h.take
	background(h.shell, "Could not delete the debrief", func(ctx context.Context) (deleted, error) {
		dossier, err := take(ctx, d.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return deleted{gone: true}, nil // already gone: the list was stale
		case err != nil:
			return deleted{failed: err}, nil
		}
		return deleted{dossier: dossier}, nil
	}, func(r deleted) {
		switch {
		case r.failed != nil:
			fyne.LogError("keep a debrief to undo its delete", r.failed)
			h.confirmDelete(d)
			return
		case r.dossier != nil:
			h.offerUndo(r.dossier)
		}
		h.Reload()
	})
}

// offerUndo shows the banner that brings d back, for undoFor or until the
// next delete.
func (h *Home) offerUndo(d *model.Dossier) {
	h.deletes++
	n := h.deletes
	h.undone = d
	h.undoText.SetText("Deleted “" + model.OneLine(d.Debrief.Title) + "”.")
	h.undoBar.Show()
	h.relayout()
	h.after(undoFor, func() {
		fyne.Do(func() {
			if h.deletes == n {
				h.hideUndo()
			}
		})
	})
}

func (h *Home) hideUndo() {
	h.undone = nil
	h.undoBar.Hide()
	h.relayout()
}

// undoDelete stores the deleted debrief again as it was.
func (h *Home) undoDelete() {
	d := h.undone
	if d == nil {
		return
	}
	h.hideUndo()
	type restored struct {
		id  int64
		err error
	}
	background(h.shell, "Could not bring the debrief back", func(ctx context.Context) (restored, error) {
		id, err := h.shell.db.RestoreDossier(ctx, d)
		return restored{id, err}, nil
	}, func(r restored) {
		if r.err != nil {
			h.shell.showError("Could not bring the debrief back", r.err)
			h.offerUndo(d) // it is still kept: Undo may be tried again
			return
		}
		h.scrollTo = r.id
		h.Reload()
	})
}

// confirmDelete asks before deleting for good: what happens when the
// debrief could not be kept for an undo.
func (h *Home) confirmDelete(d store.DebriefSummary) {
	msg := fmt.Sprintf("Delete %s?\n\nIts %s, lessons, change and kudos will be removed. "+
		"Debrief could not keep a copy to undo with, so this cannot be undone.",
		short(d.Title), ui.Plural(d.Factors, "factor", "factors"))
	dlg := dialog.NewConfirm("Delete debrief", msg, func(ok bool) {
		if !ok {
			return
		}
		background(h.shell, "Could not delete the debrief", func(ctx context.Context) (struct{}, error) {
			err := h.shell.db.DeleteDebrief(ctx, d.ID)
			if errors.Is(err, store.ErrNotFound) {
				err = nil // already gone
			}
			return struct{}{}, err
		}, func(struct{}) { h.Reload() })
	}, h.shell.win)
	dlg.SetConfirmText("Delete")
	dlg.SetDismissText("Cancel")
	dlg.SetConfirmImportance(widget.DangerImportance)
	dlg.Show()
}

// duplicate copies a debrief and brings the copy into view.
func (h *Home) duplicate(d store.DebriefSummary) {
	background(h.shell, "Could not duplicate the debrief", func(ctx context.Context) (int64, error) {
		return h.shell.db.DuplicateDebrief(ctx, d.ID)
	}, func(id int64) {
		h.scrollTo = id
		h.Reload()
	})
}

// ---- check-ins ----

// loadCheckIns reads the check-ins due today, off the UI goroutine.
func (h *Home) loadCheckIns() {
	h.dueLoads++
	n := h.dueLoads
	today := h.now()
	db := h.shell.db
	background(h.shell, "Could not read the check-ins", func(ctx context.Context) ([]store.CheckIn, error) {
		return db.CheckInsDue(ctx, today)
	}, func(due []store.CheckIn) {
		if n == h.dueLoads {
			h.showCheckIns(due)
		}
	})
}

func (h *Home) showCheckIns(due []store.CheckIn) {
	h.due = due
	h.checkInList.Objects = nil
	for i, ci := range due {
		if i == checkInsShown {
			more := widget.NewLabel(fmt.Sprintf("%s more after these.", ui.Plural(len(due)-checkInsShown, "check-in", "check-ins")))
			more.SizeName = theme.SizeNameCaptionText
			h.checkInList.Add(more)
			break
		}
		h.checkInList.Add(h.checkInEntry(ci))
	}
	if len(due) == 0 {
		h.checkIns.Hide()
	} else {
		h.checkIns.Show()
	}
	h.relayout()
}

// relayout fits the screen again around a section that appeared, went or
// changed height: the check-ins or the undo banner.
func (h *Home) relayout() {
	if c, ok := h.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// oneCheckInHeight is the height of the check-ins section with only its
// first entry: the least it is given while any is due.
func (h *Home) oneCheckInHeight() float32 {
	hgt := 2 * theme.Padding() // the section's padding
	for i, o := range h.checkIns.Objects {
		if i > 0 {
			hgt += theme.Padding()
		}
		if o == h.checkInList {
			if len(h.checkInList.Objects) > 0 {
				hgt += h.checkInList.Objects[0].MinSize().Height
			}
			continue
		}
		hgt += o.MinSize().Height
	}
	return hgt
}

// checkInQuestion asks whether a commitment stuck, in the words of the practice.
func checkInQuestion(ci store.CheckIn) string {
	when := "check back " + ui.Date(ci.Change.CheckBack)
	if owner := strings.TrimSpace(model.OneLine(ci.Change.Owner)); owner != "" {
		when = owner + ", " + when
	}
	return fmt.Sprintf("Last time you committed to %s (%s) — did it stick?", quoted(ci.Change.What, 160), when)
}

func (h *Home) checkInEntry(ci store.CheckIn) fyne.CanvasObject {
	link := widget.NewHyperlink(model.OneLine(ci.DebriefTitle), nil)
	link.TextStyle = fyne.TextStyle{Bold: true}
	link.Truncation = fyne.TextTruncateEllipsis
	link.OnTapped = func() { h.shell.OpenDebrief(ci.DebriefID) }
	question := widget.NewLabel(checkInQuestion(ci))
	question.Wrapping = fyne.TextWrapWord
	record := widget.NewButtonWithIcon("Record…", theme.DocumentCreateIcon(), func() { h.recordOutcome(ci) })
	record.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.HistoryIcon())
	return ui.Panel(model.Process.RGB(), container.NewBorder(nil, nil,
		container.NewCenter(icon), container.NewCenter(record),
		container.NewVBox(link, question)))
}

// recordOutcome asks what became of a checked-in change and stores it.
func (h *Home) recordOutcome(ci store.CheckIn) {
	labels := make([]string, len(model.Outcomes))
	for i, o := range model.Outcomes {
		labels[i] = o.Label()
	}
	save := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), nil)
	save.Importance = widget.HighImportance
	save.Disable()
	outcome := widget.NewRadioGroup(labels, func(s string) {
		if s == "" {
			save.Disable()
		} else {
			save.Enable()
		}
	})
	outcome.Horizontal = true
	note := ui.NewMultiLineField()
	note.Wrapping = fyne.TextWrapWord
	note.SetMinRowsVisible(3)
	note.SetPlaceHolder("What happened with it? What would you change?")
	explain := widget.NewLabel("Kept: it stuck as agreed  ·  Adjusted: we kept it, but changed it  ·  Dropped: we stopped doing it")
	explain.SizeName = theme.SizeNameCaptionText
	explain.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		ui.Para(fmt.Sprintf("In %s you committed to %s. Did it stick?", quoted(ci.DebriefTitle, 100), quoted(ci.Change.What, 300))),
		outcome, explain, widget.NewLabelWithStyle("Note", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), note,
		ui.Gap(theme.Padding()*2))
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	dlg := dialog.NewCustomWithoutButtons("Check in", content, h.shell.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	cancel.OnTapped = dlg.Hide
	save.OnTapped = func() {
		o, ok := model.ParseOutcome(outcome.Selected)
		if !ok {
			return
		}
		text := strings.TrimSpace(note.Text)
		dlg.Hide()
		background(h.shell, "Could not record the check-in", func(ctx context.Context) (struct{}, error) {
			return struct{}{}, h.shell.db.RecordOutcome(ctx, ci.Change.ID, o, text)
		}, func(struct{}) { h.Reload() })
	}
	dlg.Resize(fyne.NewSize(560, dlg.MinSize().Height))
	dlg.Show()
}

// quoted puts s on one line in curly quotes, cut to at most n characters.
func quoted(s string, n int) string {
	r := []rune(strings.TrimSpace(model.OneLine(s)))
	if len(r) > n {
		return "“" + strings.TrimSpace(string(r[:n-1])) + "…”"
	}
	return "“" + string(r) + "”"
}

// ---- new debrief ----

// NewDebrief asks what went wrong and which template to start from, then
// creates the debrief and opens it.
func (s *Shell) NewDebrief() {
	templates := assets.Templates()
	title := ui.NewTextField()
	title.SetPlaceHolder("e.g. Bench test browned out before the demo")
	title.Validator = func(t string) error {
		switch {
		case strings.TrimSpace(t) == "":
			return errors.New("give it a short title")
		case utf8.RuneCountInString(t) > model.MaxTitle:
			return fmt.Errorf("keep the title under %d characters", model.MaxTitle)
		}
		return nil
	}
	create := widget.NewButtonWithIcon("Create", theme.ConfirmIcon(), nil)
	create.Importance = widget.HighImportance
	create.Disable()
	title.OnChanged = func(t string) {
		if title.Validator(t) == nil {
			create.Enable()
		} else {
			create.Disable()
		}
	}
	columns := 3
	if s.win.Canvas().Size().Width < 900 {
		columns = 2
	}
	picker := newTemplatePicker(templates, columns)

	content := container.NewVBox(
		widget.NewLabelWithStyle("What went wrong?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		title,
		ui.Gap(theme.Padding()),
		widget.NewLabelWithStyle("Start from", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		picker.content,
		ui.Gap(theme.Padding()*2))
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	dlg := dialog.NewCustomWithoutButtons("New debrief", content, s.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, create})
	cancel.OnTapped = dlg.Hide
	submit := func() {
		if title.Validate() != nil {
			return
		}
		dlg.Hide()
		s.createFromTemplate(picker.selected(), strings.TrimSpace(title.Text))
	}
	create.OnTapped = submit
	title.OnSubmitted = func(string) { submit() }
	width := float32(columns)*(templateTileWidth+theme.Padding()) + 8*theme.Padding()
	dlg.Resize(fyne.NewSize(width, dlg.MinSize().Height))
	dlg.Show()
	s.win.Canvas().Focus(title)
}

// createFromTemplate stores a new draft debrief titled title, with the
// template's cards and prompts, and opens it.
func (s *Shell) createFromTemplate(t assets.Template, title string) {
	background(s, "Could not create the debrief", func(ctx context.Context) (int64, error) {
		d, err := export.ReadJSON(bytes.NewReader(t.Data))
		if err != nil {
			return 0, fmt.Errorf("read the template %q: %w", t.Name, err)
		}
		d.Debrief.Title = title // the template's title is a placeholder
		d.Debrief.Summary = ""  // and so is its summary: Set the stage shows it as the field's prompt
		d.Debrief.Status = model.Draft
		d.Debrief.Template = t.ID
		if t.ID == "blank" {
			d.Debrief.Template = ""
		}
		return s.db.ImportDossier(ctx, d)
	}, s.OpenDebrief)
}

// templateName is a template's human name; "" for none or blank.
func templateName(id string) string {
	if id == "blank" {
		return ""
	}
	return assets.TemplateName(id)
}

// ---- the template picker ----

// templatePicker offers one tile per template; exactly one is selected.
type templatePicker struct {
	templates []assets.Template
	tiles     []*templateTile
	current   int
	content   fyne.CanvasObject
}

func newTemplatePicker(templates []assets.Template, columns int) *templatePicker {
	p := &templatePicker{templates: templates}
	objs := make([]fyne.CanvasObject, len(templates))
	for i, t := range templates {
		tile := newTemplateTile(t, func() { p.choose(i) })
		p.tiles = append(p.tiles, tile)
		objs[i] = tile
	}
	p.content = container.NewGridWithColumns(columns, objs...)
	p.choose(0) // Blank comes first
	return p
}

func (p *templatePicker) choose(i int) {
	p.current = i
	for j, t := range p.tiles {
		t.setSelected(j == i)
	}
}

func (p *templatePicker) selected() assets.Template { return p.templates[p.current] }

// templateTileWidth is the narrowest a template tile gets.
const templateTileWidth = 220

// templateTile is one template in the picker: its name, what it is for
// and how many prompt cards it starts with. Tap it, or focus it and press
// Space or Return, to choose it.
type templateTile struct {
	widget.BaseWidget
	template assets.Template
	cards    string
	onTapped func()
	selected bool
	hovered  bool
	focused  bool
}

var (
	_ fyne.Widget       = (*templateTile)(nil)
	_ fyne.Tappable     = (*templateTile)(nil)
	_ fyne.Focusable    = (*templateTile)(nil)
	_ desktop.Hoverable = (*templateTile)(nil)
)

func newTemplateTile(t assets.Template, tapped func()) *templateTile {
	tile := &templateTile{template: t, onTapped: tapped, cards: "An empty board"}
	if d, err := export.ReadJSON(bytes.NewReader(t.Data)); err == nil && len(d.Factors) > 0 {
		tile.cards = ui.Plural(len(d.Factors), "prompt card", "prompt cards") + " to start from"
	}
	tile.ExtendBaseWidget(tile)
	return tile
}

func (t *templateTile) setSelected(on bool) {
	if t.selected != on {
		t.selected = on
		t.Refresh()
	}
}

// Tapped chooses the template.
func (t *templateTile) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
	t.onTapped()
}

// MouseIn highlights the tile.
func (t *templateTile) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

// MouseMoved does nothing.
func (t *templateTile) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (t *templateTile) MouseOut() { t.hovered = false; t.Refresh() }

// FocusGained draws the focus ring.
func (t *templateTile) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost removes the focus ring.
func (t *templateTile) FocusLost() { t.focused = false; t.Refresh() }

// TypedRune chooses the template on Space.
func (t *templateTile) TypedRune(r rune) {
	if r == ' ' {
		t.onTapped()
	}
}

// TypedKey chooses the template on Return.
func (t *templateTile) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		t.onTapped()
	}
}

func (t *templateTile) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = theme.InputRadiusSize() * 2
	bg.StrokeWidth = 2
	name := widget.NewLabelWithStyle(t.template.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	desc := widget.NewLabel(t.template.Description)
	desc.Wrapping = fyne.TextWrapWord
	desc.Truncation = fyne.TextTruncateEllipsis
	desc.SizeName = theme.SizeNameCaptionText
	cards := widget.NewLabel(t.cards)
	cards.SizeName = theme.SizeNameCaptionText
	cards.Truncation = fyne.TextTruncateEllipsis
	check := widget.NewIcon(theme.ConfirmIcon())
	r := &templateTileRenderer{t: t, bg: bg, name: name, desc: desc, cards: cards, check: check}
	r.Refresh()
	return r
}

type templateTileRenderer struct {
	t                 *templateTile
	bg                *canvas.Rectangle
	name, desc, cards *widget.Label
	check             *widget.Icon
}

func (r *templateTileRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	pad := theme.Padding()
	icon := theme.IconInlineSize()
	nh := r.name.MinSize().Height
	r.name.Move(fyne.NewPos(pad, pad))
	r.name.Resize(fyne.NewSize(size.Width-2*pad-icon-pad, nh))
	r.check.Move(fyne.NewPos(size.Width-pad*2-icon, pad+(nh-icon)/2))
	r.check.Resize(fyne.NewSize(icon, icon))
	ch := r.cards.MinSize().Height
	r.cards.Move(fyne.NewPos(pad, size.Height-pad-ch))
	r.cards.Resize(fyne.NewSize(size.Width-2*pad, ch))
	top := pad + nh - 2*pad // the labels' own padding already spaces them
	r.desc.Move(fyne.NewPos(pad, top))
	r.desc.Resize(fyne.NewSize(size.Width-2*pad, max(0, size.Height-pad-ch-top+pad)))
}

// MinSize leaves room for the name, three lines of description and the
// card count, whatever the description says, so every tile has one size.
func (r *templateTileRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	line := fyne.MeasureText("Mg", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	h := pad + r.name.MinSize().Height + 3*line + r.cards.MinSize().Height
	if r.t.template.Description == "" {
		h = pad + r.name.MinSize().Height + r.cards.MinSize().Height + pad
	}
	return fyne.NewSize(templateTileWidth, h)
}

func (r *templateTileRenderer) Refresh() {
	t := r.t
	primary := theme.Color(theme.ColorNamePrimary)
	switch {
	case t.selected:
		r.bg.FillColor = ui.WithAlpha(primary, 0x2a)
		r.bg.StrokeColor = primary
	case t.hovered:
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
		r.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	default:
		r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		r.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	}
	if t.focused {
		r.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.bg.StrokeWidth = 3
	} else {
		r.bg.StrokeWidth = 2
	}
	if t.selected {
		r.check.Show()
	} else {
		r.check.Hide()
	}
	if t.template.Description == "" {
		r.desc.Hide()
	} else {
		r.desc.Show()
	}
	r.bg.Refresh()
	r.check.Refresh()
}

func (r *templateTileRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.name, r.desc, r.cards, r.check}
}

func (r *templateTileRenderer) Destroy() {}
