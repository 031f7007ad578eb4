package debrief

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/room"
	"github.com/debrief-app/debrief/app/ui"
)

// The room (app/room) is opened, shown and closed here: a panel at the
// right of the screen with the QR code, the code and the counts, and the
// facilitator's buttons (reveal, show votes, close). Folded, it leaves a
// "join" pill in the header so latecomers still find the code.

// RoomState is the room as the views around the screen show it
// (presentation mode, the audience window): nil Status when closed.
type RoomState struct {
	Status *room.Status
	Folded bool
	QR     image.Image
}

type roomPanel struct {
	v      *Screen
	r      *room.Room
	stop   func()
	folded bool
	status room.Status
	qr     image.Image

	box        *fyne.Container // the panel
	pill       *widget.Button  // in the header once folded
	qrImg      *canvas.Image
	code       *canvas.Text
	url        *widget.Label
	counts     *widget.Label
	faceDown   *widget.Label
	votes      *widget.Label
	revealAll  *widget.Button
	revealNext *widget.Button
	showVotes  *widget.Button
	dots       *widget.Select
	addr       *widget.Select
	watchers   map[int]func(RoomState)
	nextWatch  int
}

// RoomOpen reports whether the room is open.
func (v *Screen) RoomOpen() bool { return v.room != nil && v.room.r != nil }

// Room is the open room, nil when closed.
func (v *Screen) Room() *room.Room {
	if !v.RoomOpen() {
		return nil
	}
	return v.room.r
}

// ToggleRoom opens the room, or closes it when open (Ctrl+R).
func (v *Screen) ToggleRoom() {
	if v.RoomOpen() {
		v.CloseRoom()
	} else {
		v.OpenRoom("")
	}
}

// OpenRoom starts the room on ip ("" for the local network's address)
// and shows its panel.
func (v *Screen) OpenRoom(ip string) {
	if v.closed || v.RoomOpen() {
		return
	}
	r, err := room.Open(v.sess, room.Config{IP: ip, Port: room.PreferredPort, Dots: v.group.Dots})
	if err != nil {
		dialog.ShowError(err, v.host.Win)
		return
	}
	p := v.roomPanel()
	p.r, p.folded = r, false
	p.status = r.Status()
	if q, err := qrcode.New(r.URL(), qrcode.Medium); err == nil {
		q.DisableBorder = false
		p.qr = q.Image(512)
	}
	p.stop = r.Watch(func(st room.Status) {
		v.host.Later(func() {
			if p.r == r {
				p.status = st
				if !st.Open {
					v.roomClosed(st.Why)
					return
				}
				p.refresh()
			}
		})
	})
	p.refresh()
}

// CloseRoom stops the room's server; the cards it brought stay.
func (v *Screen) CloseRoom() { v.closeRoom(false) }

// CloseRoomAndWait is CloseRoom that returns once no device can write
// any more (up to 2 s): before quitting, so that the last store finds
// every write a device was answered for.
func (v *Screen) CloseRoomAndWait() { v.closeRoom(true) }

func (v *Screen) closeRoom(wait bool) {
	if !v.RoomOpen() {
		return
	}
	p := v.room
	r := p.r
	p.stop()
	p.r = nil
	if wait {
		r.Close()
	} else {
		go r.Close() // it waits up to 2 s for the devices' connections to end
	}
	p.refresh()
}

// roomClosed follows a room that closed by itself (idle for hours).
func (v *Screen) roomClosed(why string) {
	p := v.room
	p.stop()
	p.r = nil
	p.refresh()
	if why != "" {
		v.showBanner("The room was closed: " + why + ".")
	}
}

// ShowVotes puts the votes given in the room on the cards, all at once
// (one undoable step); with the room open, voting ends.
func (v *Screen) ShowVotes() {
	var err error
	if v.RoomOpen() {
		err = v.room.r.ShowVotes(v)
	} else {
		err = room.ShowVotes(v.sess, v)
	}
	if err != nil {
		dialog.ShowError(err, v.host.Win)
	}
}

// FoldRoom folds the panel into the header's join pill, or unfolds it.
func (v *Screen) FoldRoom(folded bool) {
	if !v.RoomOpen() {
		return
	}
	v.room.folded = folded
	v.room.refresh()
}

// WatchRoom calls fn on the UI goroutine with the room's state now and
// whenever it changes; stop ends it.
func (v *Screen) WatchRoom(fn func(RoomState)) (stop func()) {
	p := v.roomPanel()
	id := p.nextWatch
	p.nextWatch++
	p.watchers[id] = fn
	fn(p.state())
	return func() { delete(p.watchers, id) }
}

func (p *roomPanel) state() RoomState {
	if p.r == nil {
		return RoomState{}
	}
	st := p.status
	return RoomState{Status: &st, Folded: p.folded, QR: p.qr}
}

func (v *Screen) roomPanel() *roomPanel {
	if v.room != nil {
		return v.room
	}
	p := &roomPanel{v: v, watchers: map[int]func(RoomState){}}
	v.room = p
	p.qrImg = canvas.NewImageFromImage(nil)
	p.qrImg.FillMode = canvas.ImageFillContain
	p.qrImg.ScaleMode = canvas.ImageScalePixels
	p.qrImg.SetMinSize(fyne.NewSize(232, 232))
	p.code = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.code.TextSize = 40
	p.code.TextStyle = fyne.TextStyle{Bold: true} // (Bold with Monospace has no font in Fyne's test theme)
	p.code.Alignment = fyne.TextAlignCenter
	p.url = widget.NewLabel("")
	p.url.Wrapping = fyne.TextWrapBreak
	p.url.Alignment = fyne.TextAlignCenter
	p.counts = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.faceDown = widget.NewLabel("")
	p.faceDown.Wrapping = fyne.TextWrapWord
	p.votes = widget.NewLabel("")
	p.votes.Wrapping = fyne.TextWrapWord
	b := v.board
	p.revealAll = widget.NewButtonWithIcon("Reveal all", theme.VisibilityIcon(), func() { b.RevealAll() })
	p.revealAll.Importance = widget.HighImportance
	p.revealNext = widget.NewButton("Reveal next", func() { b.RevealNext() })
	p.showVotes = widget.NewButton("Show votes", v.ShowVotes)
	p.dots = widget.NewSelect([]string{"1", "2", "3", "4", "5", "6", "8", "10"}, func(s string) {
		n := 0
		fmt.Sscan(s, &n)
		if p.r != nil && n > 0 && n != p.status.Dots {
			p.r.SetDots(n, max(1, (n+1)/2)) // at most about half on one card, as 2 of 3
		}
	})
	fold := widget.NewButtonWithIcon("", theme.MenuDropUpIcon(), func() { v.FoldRoom(true) })
	fold.Importance = widget.LowImportance
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), v.CloseRoom)
	closeBtn.Importance = widget.LowImportance
	var ips []string
	for _, a := range room.Addresses() {
		label := a.IP
		if a.Interface != "" {
			label += "  (" + a.Interface + ")"
		} else {
			label += "  (this computer only)"
		}
		ips = append(ips, label)
	}
	p.addr = widget.NewSelect(ips, func(label string) {
		ip, _, _ := strings.Cut(label, " ")
		if p.r != nil && !strings.HasPrefix(p.status.JoinURL, "http://"+ip+":") {
			v.CloseRoom()
			v.OpenRoom(ip)
		}
	})
	title := widget.NewLabelWithStyle("The room", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	scan := ui.Caption("Scan to write from your phone, or open the address and type the code.")
	scan.Wrapping = fyne.TextWrapWord
	scan.Alignment = fyne.TextAlignCenter
	qrBack := canvas.NewRectangle(color.White) // a QR code needs its light border in dark themes too
	qrBack.CornerRadius = 6
	content := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(closeBtn, fold), title),
		container.NewCenter(container.NewStack(qrBack, container.NewPadded(p.qrImg))),
		p.code, p.url, scan,
		widget.NewSeparator(),
		p.counts,
		p.faceDown,
		container.NewGridWithColumns(2, p.revealAll, p.revealNext),
		p.votes,
		container.NewBorder(nil, nil, widget.NewLabel("Dots each"), nil, p.dots),
		p.showVotes,
		widget.NewSeparator(),
		ui.Caption("Listening on"), p.addr,
	)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	p.box = container.NewStack(bg, container.NewPadded(container.NewVScroll(content)))
	p.box.Hide()
	p.pill = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() { v.FoldRoom(false) })
	p.pill.Importance = widget.HighImportance
	p.pill.Hide()
	if v.root != nil {
		v.placeRoom()
	}
	return p
}

// placeRoom puts the panel and its pill in the screen's slots.
func (v *Screen) placeRoom() {
	v.roomSlot.Objects = []fyne.CanvasObject{v.room.box}
	v.roomPill.Objects = []fyne.CanvasObject{v.roomBtn, v.room.pill}
}

// panelWidth keeps the QR code large enough to scan from a few metres.
const panelWidth = 300

// refresh shows the room as it is: the panel or the pill, the counts,
// what can be revealed and shown.
func (p *roomPanel) refresh() {
	v := p.v
	open := p.r != nil
	p.box.Hidden = !open || p.folded
	p.pill.Hidden = !open || !p.folded
	if open {
		st := p.status
		k := theme.TextSize() / 14 // View ▸ Interface size: the code and QR grow with the text
		p.qrImg.SetMinSize(fyne.NewSize(232*k, 232*k))
		p.code.TextSize = 40 * k
		p.qrImg.Image = p.qr
		p.qrImg.Refresh()
		p.code.Text = spaced(st.Code)
		p.code.Color = theme.Color(theme.ColorNameForeground)
		p.code.Refresh()
		p.url.SetText(strings.TrimSuffix(strings.TrimPrefix(st.JoinURL, "http://"), "/"))
		p.counts.SetText(roomCounts(st))
		n := v.board.FaceDownCount()
		p.faceDown.SetText(faceDownText(v.board.FaceDown(), n))
		p.revealAll.SetText(fmt.Sprintf("Reveal all (%d)", n))
		setEnabled(p.revealAll, n > 0)
		setEnabled(p.revealNext, n > 0)
		pending := v.board.PendingVotes() // the board's cards: no copy of the debrief per refresh
		switch {
		case st.VotesShown && pending == 0:
			p.votes.SetText("Votes are shown.")
		case pending > 0:
			p.votes.SetText(ui.Plural(pending, "dot", "dots") + " given in the room, hidden until you show them.")
		default:
			p.votes.SetText("On Connect, everyone has " + ui.Plural(st.Dots, "dot", "dots") + " to give from their device.")
		}
		setEnabled(p.showVotes, pending > 0)
		if d := fmt.Sprint(st.Dots); p.dots.Selected != d {
			p.dots.SetSelected(d)
		}
		p.pill.SetText("Join: " + spaced(st.Code) + "  ·  " + fmt.Sprintf("%d here", st.Joined))
		for i, label := range p.addr.Options {
			ip, _, _ := strings.Cut(label, " ")
			if strings.HasPrefix(st.JoinURL, "http://"+ip+":") && p.addr.SelectedIndex() != i {
				p.addr.SetSelectedIndex(i)
			}
		}
		p.box.Refresh()
	}
	if v.roomSlot != nil {
		v.roomSlot.Hidden = p.box.Hidden
		v.roomSlot.Refresh()
		v.roomBtn.Hidden = open
		v.roomPill.Refresh()
	}
	v.refreshFaceDown()
	for _, fn := range p.watchers {
		fn(p.state())
	}
}

// spaced is the code in two groups of three, easier to read aloud.
func spaced(code string) string {
	if len(code) != 6 {
		return code
	}
	return code[:3] + " " + code[3:]
}

func roomCounts(st room.Status) string {
	s := fmt.Sprintf("%d here · %s", st.Joined, ui.Plural(st.Written, "card", "cards"))
	if st.Writing > 0 {
		s += fmt.Sprintf(" · %d writing", st.Writing)
	}
	return s
}

// faceDownText is the count per category, in the categories' order.
func faceDownText(fd map[model.Category]int, n int) string {
	if n == 0 {
		return "No cards face down."
	}
	var parts []string
	for _, c := range model.Categories() {
		if fd[c] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", fd[c], c.Label()))
		}
	}
	return ui.Plural(n, "card", "cards") + " face down: " + strings.Join(parts, ", ") + "."
}
