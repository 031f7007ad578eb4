package debrief

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/ui"
)

// timerView is the session's countdown, always in the header: the time
// left, start/pause, reset, +1 min, and the phase's own countdown when
// phases are timeboxed. At zero it turns red and a banner says so; it
// never interrupts.
type timerView struct {
	widget.BaseWidget
	v        *Screen
	now      func() time.Time
	bg       *canvas.Rectangle
	clock    *canvas.Text
	phase    *canvas.Text
	play     *widget.Button
	reset    *widget.Button
	plus     *widget.Button
	settings *widget.Button
	content  fyne.CanvasObject
	ticker   *time.Ticker
	stopTick chan struct{}
	shown    string // the text on the clock, to redraw only when it changes
	expired  bool   // the banner for this run-out has been shown
}

func newTimerView(v *Screen) *timerView {
	t := &timerView{v: v, now: time.Now}
	t.bg = canvas.NewRectangle(color.Transparent)
	t.clock = canvas.NewText("10:00", color.Transparent)
	// The theme's digits are all one width, so the clock does not shift as
	// it counts down, without a monospace font to load at start-up.
	t.clock.TextStyle = fyne.TextStyle{Bold: true}
	t.phase = canvas.NewText("", color.Transparent)
	t.play = widget.NewButtonWithIcon("Start", theme.MediaPlayIcon(), t.toggle)
	t.play.Importance = widget.HighImportance
	t.reset = widget.NewButtonWithIcon("", theme.MediaReplayIcon(), t.doReset)
	t.plus = widget.NewButton("+1 min", func() { t.add(time.Minute) })
	t.settings = widget.NewButtonWithIcon("", theme.SettingsIcon(), t.showSettings)
	t.reset.Importance, t.plus.Importance, t.settings.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance
	// Struts keep the clock's column and the Start/Pause button as wide as
	// their widest text, so the title beside them does not jump as the
	// clock counts down or the button changes its word.
	clockStrut, playStrut := canvas.NewRectangle(color.Transparent), canvas.NewRectangle(color.Transparent)
	clock := container.NewStack(clockStrut, container.NewVBox(container.NewCenter(t.clock), container.NewCenter(t.phase)))
	play := container.NewStack(playStrut, t.play)
	t.content = container.NewStack(t.bg, container.NewPadded(container.NewHBox(
		container.NewCenter(clock), container.NewCenter(play), container.NewCenter(t.plus),
		container.NewCenter(t.reset), container.NewCenter(t.settings))))
	t.ExtendBaseWidget(t)
	// Sizes from the theme the timer is drawn in (a ThemeOverride's, too).
	t.bg.CornerRadius = theme.SizeForWidget(theme.SizeNameInputRadius, t) * 2
	t.clock.TextSize = theme.SizeForWidget(theme.SizeNameHeadingText, t) * 1.3
	t.phase.TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, t)
	clockStrut.SetMinSize(fyne.NewSize(t.widestClock(), 0))
	pause := widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), nil)
	pause.Importance = widget.HighImportance
	playStrut.SetMinSize(fyne.NewSize(max(pause.MinSize().Width, t.play.MinSize().Width), 0))
	t.update()
	if v.Clock().Timer.Running() {
		t.startTicking()
	}
	return t
}

// widestClock is the width of the widest clock and phase line the timer
// can show.
func (t *timerView) widestClock() float32 {
	w := fyne.MeasureText("−88:88", t.clock.TextSize, t.clock.TextStyle).Width
	lines := []string{"paused", fmt.Sprintf("%d min timebox", model.MaxTimebox)}
	for _, p := range model.Phases() {
		lines = append(lines, p.Label()+": time to move on", p.Label()+" −88:88")
	}
	for _, l := range lines {
		w = max(w, fyne.MeasureText(l, t.phase.TextSize, t.phase.TextStyle).Width)
	}
	return w
}

func (t *timerView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// Remaining is the session time left now, for tests and the e2e script.
func (t *timerView) Remaining() time.Duration { return t.v.Clock().Timer.Remaining(t.now()) }

func (t *timerView) toggle() {
	s := t.v.Clock()
	if s.Timer.Running() {
		s = s.Pause(t.now())
		t.stopTicking()
	} else {
		s = s.Start(t.now())
		t.startTicking()
	}
	t.v.setClock(s)
	t.update()
}

func (t *timerView) doReset() {
	t.v.setClock(t.v.Clock().Reset())
	t.stopTicking()
	t.expired = false
	t.v.hideBanner()
	t.update()
}

func (t *timerView) add(d time.Duration) {
	s := t.v.Clock()
	s.Timer = s.Timer.Add(d, t.now())
	if s.PhaseTimed {
		s.PhaseTimer = s.PhaseTimer.Add(d, t.now())
	}
	if !s.Timer.Expired(t.now()) {
		t.expired = false
		t.v.hideBanner()
	}
	t.v.setClock(s)
	t.update()
}

func (t *timerView) startTicking() {
	if t.ticker != nil {
		return
	}
	t.ticker = time.NewTicker(250 * time.Millisecond)
	t.stopTick = make(chan struct{})
	tick, stop := t.ticker.C, t.stopTick
	go func() {
		for {
			select {
			case <-tick:
				t.v.host.Later(t.update)
			case <-stop:
				return
			}
		}
	}()
}

func (t *timerView) stopTicking() {
	if t.ticker != nil {
		t.ticker.Stop()
		close(t.stopTick)
		t.ticker = nil
	}
}

// follow ticks while the session's countdown runs, whoever started it.
func (t *timerView) follow(s model.Session) {
	if s.Timer.Running() {
		t.startTicking()
	} else {
		t.stopTicking()
	}
	t.update()
}

// update redraws the countdown; it is cheap when nothing visible changed.
func (t *timerView) update() {
	s := t.v.Clock()
	now := t.now()
	left := s.Timer.Remaining(now)
	text := ui.ClockText(left)
	phaseText := ""
	if s.PhaseTimed && s.PhaseTimer.Total > 0 {
		pl := s.PhaseTimer.Remaining(now)
		phaseText = s.Phase.Label() + " " + ui.ClockText(pl)
		if pl <= 0 {
			phaseText = s.Phase.Label() + ": time to move on"
		}
	} else if !s.Timer.Started() {
		phaseText = fmt.Sprintf("%d min timebox", int(s.Timer.Total/time.Minute))
	} else if !s.Timer.Running() {
		phaseText = "paused"
	}
	ink, fill := ui.ClockColours(left, s.Timer.Running(), theme.ColorForWidget(theme.ColorNameForeground, t))
	if f := t.v.OnClock; f != nil {
		f(text, ink, fill)
	}
	key := text + "|" + phaseText + fmt.Sprint(fill)
	if key != t.shown {
		t.shown = key
		t.clock.Text, t.clock.Color = text, ink
		t.phase.Text, t.phase.Color = phaseText, ink
		t.bg.FillColor = fill
		t.clock.Refresh()
		t.phase.Refresh()
		t.bg.Refresh()
	}
	if running := s.Timer.Running(); running != (t.play.Text == "Pause") { // ticks redraw only the clock
		if running {
			t.play.SetText("Pause")
			t.play.SetIcon(theme.MediaPauseIcon())
		} else {
			t.play.SetText("Start")
			t.play.SetIcon(theme.MediaPlayIcon())
		}
	}
	if left <= 0 && !t.expired {
		t.expired = true
		t.v.showBanner("Time's up. Finish the thought you're on — or give yourselves another minute.",
			widget.NewButton("+1 min", func() { t.add(time.Minute) }))
	}
}

// showSettings edits the session's timebox per phase.
func (t *timerView) showSettings() {
	s := t.v.Clock()
	perPhase := widget.NewCheck("Give each phase its own timebox", nil)
	perPhase.SetChecked(s.PhaseTimed)
	entries := make([]*ui.TextField, len(model.Phases()))
	items := []*widget.FormItem{widget.NewFormItem("", perPhase)}
	for i, p := range model.Phases() {
		e := ui.NewTextField()
		e.SetText(strconv.Itoa(s.PhaseMinutes[i]))
		e.Validator = func(text string) error {
			n, err := strconv.Atoi(strings.TrimSpace(text))
			if err != nil || n < 0 || n > model.MaxTimebox {
				return fmt.Errorf("minutes, 0 to %d", model.MaxTimebox)
			}
			return nil
		}
		entries[i] = e
		items = append(items, widget.NewFormItem(p.Label()+" (min)", e))
	}
	d := dialog.NewForm("Timeboxes", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		ss := t.v.Clock()
		ss.PhaseTimed = perPhase.Checked
		for i, e := range entries {
			ss.PhaseMinutes[i], _ = strconv.Atoi(strings.TrimSpace(e.Text))
		}
		running := ss.Timer.Running()
		ss.PhaseTimer = model.NewTimer(time.Duration(ss.PhaseMinutes[ss.Phase]) * time.Minute)
		if running {
			ss.PhaseTimer = ss.PhaseTimer.Start(t.now())
		}
		t.v.setClock(ss)
		t.update()
	}, t.v.host.Win)
	d.Resize(fyne.NewSize(420, 480))
	d.Show()
}

// retotal follows a new session timebox set in Set the stage.
func (t *timerView) retotal(minutes int) {
	s := t.v.Clock()
	s.Timer = s.Timer.Pause(t.now()).Retotal(time.Duration(minutes) * time.Minute)
	if t.ticker != nil {
		s.Timer = s.Timer.Start(t.now())
	}
	t.v.setClock(s)
	t.update()
}

// ---- the banner ----

// showBanner shows a message under the step bar, with optional actions
// and a close button. It never takes the keyboard.
func (v *Screen) showBanner(msg string, actions ...fyne.CanvasObject) {
	text := widget.NewLabelWithStyle(msg, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), v.hideBanner)
	closeBtn.Importance = widget.LowImportance
	row := container.NewHBox(actions...)
	row.Add(closeBtn)
	v.banner.Objects = []fyne.CanvasObject{ui.Panel(ui.TimerRed, container.NewBorder(nil, nil,
		widget.NewIcon(theme.WarningIcon()), container.NewCenter(row), text))}
	v.banner.Show()
	v.banner.Refresh()
}

func (v *Screen) hideBanner() {
	if v.banner != nil {
		v.banner.Hide()
	}
}
