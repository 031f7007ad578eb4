package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// debriefView is one open debrief: its board, and its summary to read.
type debriefView struct {
	s     *Shell
	d     *model.Dossier // as loaded; Current adds the board's cards and links
	board *dcanvas.Board
	saver *boardSaver
	quick *widget.Entry
	cat   *widget.Select
	undo  *widget.Button
	redo  *widget.Button
	zoom  *widget.Label
	saved *widget.Label
	tabs  *container.AppTabs
}

// boardLoad is what opening a debrief reads from the disk.
type boardLoad struct {
	d                *model.Dossier
	nextID, nextLink int64
}

// OpenDebrief shows one debrief on its board. Until it is read, the screen
// says so.
func (s *Shell) OpenDebrief(id int64) {
	s.closeDebrief()
	back := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), s.ShowHome)
	s.win.SetContent(container.NewBorder(container.NewHBox(back), nil, nil, nil,
		container.NewCenter(widget.NewLabel("Opening…"))))
	background(s, "Could not open the debrief", func(ctx context.Context) (boardLoad, error) {
		d, err := s.db.LoadDossier(ctx, id)
		if err != nil {
			return boardLoad{}, err
		}
		f, l, err := s.db.NextIDs(ctx)
		return boardLoad{d, f, l}, err
	}, func(l boardLoad) {
		v := s.newDebriefView(l)
		s.open = v
		s.win.SetTitle(model.OneLine(l.d.Debrief.Title) + " — Debrief")
		s.win.SetContent(v.content())
		s.win.Canvas().Focus(v.board)
	})
}

// closeDebrief lets the open debrief's saver finish storing what is
// queued, in the background, and stop.
func (s *Shell) closeDebrief() {
	v := s.open
	s.open = nil
	if v != nil {
		s.closing.Add(1)
		s.async(func() {
			defer s.closing.Done()
			v.saver.Close()
		})
	}
}

func (s *Shell) newDebriefView(l boardLoad) *debriefView {
	v := &debriefView{s: s, d: l.d, board: dcanvas.NewBoard()}
	debriefID := l.d.Debrief.ID
	v.saver = newBoardSaver(func(ctx context.Context, c dcanvas.Change) error {
		return s.db.ApplyBoard(ctx, debriefID, toStore(c))
	}, v.saveFailed, v.allSaved)
	v.board.Load(l.d, l.nextID, l.nextLink)
	v.board.OnChange = func(c dcanvas.Change) {
		v.saver.Save(c)
		v.saved.SetText("Saving…")
	}
	v.board.OnStateChanged = v.refreshTools
	v.board.OnRefused = func(err error) { dialog.ShowError(err, s.win) }
	if s.probe != nil { // the frame benchmark
		v.board.OnRedraw = s.probe.Redraw
		v.board.SetNaive(s.probe.naive)
	}
	return v
}

func (v *debriefView) saveFailed(err error) {
	v.saved.SetText("Not saved yet — retrying")
	dialog.ShowError(err, v.s.win)
}

func (v *debriefView) allSaved() {
	if v.saver.Pending() == 0 {
		v.saved.SetText("All changes saved")
	}
}

// Current is the debrief as it is now: what was loaded, with the board's
// cards and links.
func (v *debriefView) Current() *model.Dossier {
	d := *v.d
	d.Factors = v.board.Factors()
	d.Links = v.board.Links()
	return &d
}

func (v *debriefView) content() fyne.CanvasObject {
	deb := v.d.Debrief
	back := widget.NewButtonWithIcon("Library", theme.NavigateBackIcon(), v.s.ShowHome)
	title := widget.NewLabelWithStyle(model.OneLine(deb.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, container.NewCenter(back),
		container.NewHBox(container.NewCenter(newPill(deb.Status.Label(), statusColour(deb.Status))), v.s.shareBar(v.Current)), title)

	boardTab := container.NewTabItemWithIcon("Board", theme.GridIcon(), container.NewBorder(v.toolbar(), nil, nil, nil, v.board))
	summaryTab := container.NewTabItemWithIcon("Summary", theme.DocumentIcon(), widget.NewLabel(""))
	v.tabs = container.NewAppTabs(boardTab, summaryTab)
	v.tabs.OnSelected = func(t *container.TabItem) {
		if t == summaryTab {
			summaryTab.Content = summaryView(v.Current())
			v.tabs.Refresh()
		} else {
			v.s.win.Canvas().Focus(v.board)
		}
	}
	c := container.NewBorder(container.NewVBox(container.NewPadded(top), widget.NewSeparator()), nil, nil, nil, v.tabs)
	if v.s.probe != nil {
		return v.s.probe.Over(c)
	}
	return c
}

// toolbar is the row above the board: quick add, category, undo and redo,
// arrange, zoom, and whether everything is saved.
func (v *debriefView) toolbar() fyne.CanvasObject {
	b := v.board
	v.quick = widget.NewEntry()
	v.quick.SetPlaceHolder("Type a factor, press Enter to add it")
	v.quick.OnSubmitted = func(text string) {
		if b.QuickAdd(text) != 0 {
			v.quick.SetText("")
		}
	}
	labels := make([]string, 0, 7)
	for i, c := range model.Categories() {
		labels = append(labels, fmt.Sprintf("%d  %s", i+1, c.Label()))
	}
	v.cat = widget.NewSelect(labels, func(label string) {
		for i, l := range labels {
			if l == label {
				b.SetCategory(model.Categories()[i])
			}
		}
	})
	v.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), b.Undo)
	v.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), b.Redo)
	var arrange *widget.Button
	arrange = widget.NewButtonWithIcon("Arrange", theme.ViewRestoreIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem("By category, in columns", b.ArrangeByCategory),
			fyne.NewMenuItem("As a fishbone (Ishikawa)", b.ArrangeFishbone))
		c := v.s.win.Canvas()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(arrange).Add(fyne.NewPos(0, arrange.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu, c, pos)
	})
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), b.ZoomOut)
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), b.ZoomIn)
	fit := widget.NewButtonWithIcon("Fit", theme.ZoomFitIcon(), b.ZoomToFit)
	v.zoom = widget.NewLabel("100 %")
	v.saved = widget.NewLabel("All changes saved")
	v.refreshTools()
	tools := container.NewHBox(v.cat, widget.NewSeparator(), v.undo, v.redo, arrange,
		widget.NewSeparator(), out, v.zoom, in, fit, widget.NewSeparator(), v.saved)
	return container.NewPadded(container.NewBorder(nil, nil, nil, tools, v.quick))
}

// refreshTools follows the board: category, undo and redo, zoom.
func (v *debriefView) refreshTools() {
	if v.cat == nil {
		return
	}
	b := v.board
	for i, c := range model.Categories() {
		if c == b.Category() && v.cat.SelectedIndex() != i {
			v.cat.SetSelectedIndex(i)
		}
	}
	setEnabled(v.undo, b.CanUndo())
	setEnabled(v.redo, b.CanRedo())
	v.zoom.SetText(fmt.Sprintf("%.0f %%", b.Viewport().Zoom*100))
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
