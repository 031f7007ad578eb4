package library

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
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
	host    *ui.Host
	db      *store.DB
	prefs   fyne.Preferences
	open    func(id int64) // opens a debrief
	content fyne.CanvasObject

	// The library.
	list    *widget.List
	body    *fyne.Container // the list, the empty library or the empty search
	empty   fyne.CanvasObject
	noMatch *widget.Label
	noneFit fyne.CanvasObject
	count   *widget.Label
	toolbar *fyne.Container // the heading, the count, the search, the Trash button and the order
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

	// The groups: the one shown (store.AllGroups for all) and the switcher.
	group      int64
	groups     []store.GroupSummary
	groupsRead bool // the switcher shows the groups read: a change of it is the user's
	picked     bool // the group shown was chosen (now or remembered), not just the busiest
	heading    *widget.Label
	groupPick  *widget.Select
	groupBtn   *widget.Button
	pickStrut  *canvas.Rectangle // the switcher's width
	emptyText  *widget.Label
	rows       []*libraryRow // every row the list made, to show or hide Move

	// The check-ins due.
	checkIns    *fyne.Container // the section; hidden when none is due
	checkInList *fyne.Container
	due         []store.CheckIn
	dueLoads    uint64

	// Rows that just moved under the pointer ignore taps (shiftGuard).
	moved shiftGuard

	// The undo banner after a delete, and the Trash.
	undoBar     *fyne.Container
	undoText    *widget.Label
	deleted     []store.DebriefSummary // moved to the Trash here, oldest first: what Undo brings back
	deletes     uint64                 // deletes offered for undo; a banner's timer only hides its own
	bannerFor   int64                  // the debrief the banner names
	trashBtn    *widget.Button         // "Trash (N)"; hidden while the Trash is empty
	insightsBtn *widget.Button
	trashLoads  uint64
	trash       *trashView // the Trash while it is shown

	// OnInsights shows the Insights of the group shown (the shell's).
	OnInsights func()

	// Seams for tests.
	now   func() time.Time            // today, for the check-ins due and the days left in the Trash
	clock func() time.Time            // when a tap or a change of the list happens: time.Now
	after func(time.Duration, func()) // runs f later on any goroutine: time.AfterFunc
}

// New makes the library of db, in the window host shows. It opens a
// debrief with open, and remembers its order in prefs.
func New(host *ui.Host, db *store.DB, prefs fyne.Preferences, open func(id int64)) *Home {
	h := &Home{host: host, db: db, prefs: prefs, open: open, now: time.Now, clock: time.Now,
		after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	h.sort = store.LibrarySort(prefs.IntWithFallback(prefLibrarySort, int(store.NewestFirst)))

	logo := canvas.NewImageFromResource(ui.Icon())
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(56, 56))
	title := canvas.NewText("Debrief", theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.4
	title.TextStyle = fyne.TextStyle{Bold: true}
	tagline := widget.NewLabel("Map every factor behind a setback, commit to one change, thank the detectives.")
	tagline.Truncation = fyne.TextTruncateEllipsis
	newBtn := widget.NewButtonWithIcon("New debrief", theme.ContentAddIcon(), h.NewDebrief)
	newBtn.Importance = widget.HighImportance
	header := container.NewBorder(nil, nil,
		container.NewHBox(logo, container.NewVBox(layout.NewSpacer(), title, layout.NewSpacer())),
		container.NewVBox(layout.NewSpacer(), newBtn, layout.NewSpacer()),
		container.NewVBox(layout.NewSpacer(), tagline, layout.NewSpacer()))

	h.list = widget.NewList(
		func() int { return len(h.items) },
		h.newRow,
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*libraryRow).show(id, h.items[id]) },
	)
	h.list.OnSelected = func(id widget.ListItemID) {
		h.list.UnselectAll()
		if id >= 0 && id < len(h.items) && h.settled(id) {
			h.open(h.items[id].ID)
		}
	}

	emptyBtn := widget.NewButtonWithIcon("Start a debrief", theme.ContentAddIcon(), h.NewDebrief)
	emptyBtn.Importance = widget.HighImportance
	h.emptyText = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	h.emptyText.Wrapping = fyne.TextWrapWord
	h.showEmptyText()
	// Wide enough to read as two lines, not a column of single words.
	h.empty = container.NewCenter(container.NewVBox(ui.AtLeast(min(560, theme.TextSize()*40), h.emptyText), container.NewCenter(emptyBtn)))

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
		h.host.Win.Canvas().Focus(h.search)
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
				h.prefs.SetInt(prefLibrarySort, int(o))
				h.runSearch()
			}
		}
	}

	h.count = widget.NewLabel("")
	h.count.SizeName = theme.SizeNameCaptionText
	h.trashBtn = widget.NewButtonWithIcon("Trash", theme.DeleteIcon(), h.ShowTrash)
	h.trashBtn.Importance = widget.LowImportance
	h.trashBtn.Hide()
	h.insightsBtn = widget.NewButtonWithIcon("Insights", theme.InfoIcon(), func() {
		if h.OnInsights != nil {
			h.OnInsights()
		}
	})
	h.insightsBtn.Importance = widget.LowImportance
	h.toolbar = container.NewBorder(nil, nil,
		container.NewHBox(h.groupsBar(), container.NewCenter(h.count)),
		container.NewHBox(container.NewCenter(h.insightsBtn), container.NewCenter(h.trashBtn), container.NewCenter(h.sortBy)),
		container.New(ui.TrailingUpTo{W: 360}, h.search))

	h.checkInList = container.NewVBox()
	h.checkIns = container.NewVBox(ui.Heading("Check-ins due"), h.checkInList)
	h.checkIns.Hide()

	h.undoText = widget.NewLabel("")
	h.undoText.Truncation = fyne.TextTruncateEllipsis
	undoBtn := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), func() { h.Undo() })
	undoBtn.Importance = widget.HighImportance
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), h.hideUndo)
	dismiss.Importance = widget.LowImportance
	h.undoBar = container.NewPadded(ui.Panel(theme.Color(theme.ColorNameForeground), container.NewBorder(nil, nil,
		container.NewCenter(widget.NewIcon(theme.DeleteIcon())),
		container.NewHBox(container.NewCenter(undoBtn), container.NewCenter(dismiss)),
		h.undoText)))
	h.undoBar.Hide()

	where := widget.NewLabel("Saved automatically in " + h.db.Path())
	where.SizeName = theme.SizeNameCaptionText
	where.Truncation = fyne.TextTruncateEllipsis

	h.body = container.NewStack(h.list)
	checkIns := container.NewVScroll(container.NewPadded(h.checkIns))
	h.content = container.New(homeLayout{checkIns, h.oneCheckInHeight},
		container.NewVBox(container.NewPadded(header), widget.NewSeparator()),
		checkIns,
		container.NewPadded(h.toolbar),
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

// Reload reads the library, the check-ins due and the Trash from the
// database; what has been in the Trash for 30 days is deleted for good
// first.
func (h *Home) Reload() {
	h.loadGroups(func() {
		h.runSearch()
		h.loadCheckIns()
	})
	h.loadTrash()
}

// shownGroup is the group to list: the one picked, or all groups before
// the groups are read.
func (h *Home) shownGroup() int64 { return max(h.group, store.AllGroups) }

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
	query, order, group := strings.TrimSpace(h.search.Text), h.sort, h.shownGroup()
	h.showSearchAction(query != "")
	db := h.db
	ui.Background(h.host, "Could not read the library", func(context.Context) (libraryPage, error) {
		p := libraryPage{search: n, query: query}
		var err error
		p.items, err = db.SearchDebriefs(ctx, query, order, group)
		if err == nil {
			p.total = len(p.items)
			if query != "" {
				p.total, err = db.CountDebriefs(ctx, group)
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
	h.moved.moved(ids(h.items), ids(p.items), h.clock())
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
				h.moved.scrolled(h.clock())
			}
		}
		h.scrollTo = 0
	}
}

// ids are the IDs of list, in order.
func ids(list []store.DebriefSummary) []int64 {
	out := make([]int64, len(list))
	for i, d := range list {
		out[i] = d.ID
	}
	return out
}

// settled reports whether row has stayed put long enough to take a tap
// (shiftGuard): a tap on a row that has just moved under the pointer is
// ignored.
func (h *Home) settled(row int) bool { return h.moved.settled(row, h.clock()) }

// Items is what the library shows now.
func (h *Home) Items() []store.DebriefSummary { return h.items }

// Content is the library's screen.
func (h *Home) Content() fyne.CanvasObject { return h.content }

// FocusSearch puts the keyboard in the search field.
func (h *Home) FocusSearch() { h.host.Win.Canvas().Focus(h.search) }

// libraryRow is one debrief in the library.
type libraryRow struct {
	widget.BaseWidget
	home      *Home
	index     int // its place in the list
	item      store.DebriefSummary
	status    *ui.Pill
	title     *widget.Label
	detail    *widget.Label
	open      *widget.Button
	duplicate *widget.Button
	remove    *widget.Button
	moveTo    *widget.Button
	actions   *fyne.Container // the buttons
	border    *fyne.Container // the row's parts, laid out again when Move comes or goes
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
	// A tap on a row that has just moved under the pointer is ignored.
	settled := func(f func(store.DebriefSummary)) func() {
		return func() {
			if h.settled(r.index) {
				f(r.item)
			}
		}
	}
	r.open = widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), settled(func(d store.DebriefSummary) { h.open(d.ID) }))
	r.duplicate = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), settled(h.duplicate))
	r.duplicate.Importance = widget.LowImportance
	r.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), settled(h.delete))
	r.remove.Importance = widget.LowImportance
	r.moveTo = widget.NewButtonWithIcon("Move", theme.MailForwardIcon(), settled(h.move))
	r.moveTo.Importance = widget.LowImportance
	h.rows = append(h.rows, r)
	r.actions = container.NewHBox(container.NewCenter(r.open), container.NewCenter(r.duplicate), container.NewCenter(r.moveTo), container.NewCenter(r.remove))
	r.border = container.NewBorder(nil, nil,
		ui.AtLeast(96, container.NewCenter(r.status)),
		r.actions,
		container.NewVBox(r.title, r.detail))
	r.content = container.New(layout.NewCustomPaddedLayout(0, 0, theme.Padding()*2, theme.Padding()), r.border)
	r.refreshMove()
	r.ExtendBaseWidget(r)
	return r
}

func (r *libraryRow) show(index int, d store.DebriefSummary) {
	r.index, r.item = index, d
	r.status.Set(d.Status.Label(), ui.StatusColour(d.Status))
	r.title.SetText(model.OneLine(d.Title))
	parts := []string{}
	if r.home.group == store.AllGroups && len(r.home.groups) > 1 {
		parts = append(parts, r.home.groupName(d.GroupID))
	}
	if !d.HappenedAt.IsZero() {
		parts = append(parts, "Happened "+ui.Day(d.HappenedAt))
	} else {
		parts = append(parts, "Started "+ui.Day(d.CreatedAt))
	}
	parts = append(parts, ui.Plural(d.Factors, "factor", "factors"))
	if name := templateName(d.Template); name != "" {
		parts = append(parts, name)
	}
	if d.Match != "" { // found by a card's words, not the title's: say which card
		parts = append(parts, "Card: “"+d.Match+"”")
	}
	r.detail.SetText(strings.Join(parts, "  ·  "))
}

func (r *libraryRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// refreshMove shows Move only when there is another group to move to.
func (r *libraryRow) refreshMove() {
	if (len(r.home.groups) > 1) == r.moveTo.Visible() {
		return
	}
	if len(r.home.groups) > 1 {
		r.moveTo.Show()
	} else {
		r.moveTo.Hide()
	}
	r.actions.Refresh()
	r.border.Refresh()
}
