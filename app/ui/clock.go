package ui

import (
	"fmt"
	"image/color"
	"time"
)

// TimerAmber and TimerRed colour a countdown in its last minute and once
// it has run out; KudosGold is the kudos wall's.
var (
	TimerAmber = color.NRGBA{0xE6, 0x9F, 0x00, 0xff}
	TimerRed   = color.NRGBA{0xD5, 0x5E, 0x00, 0xff}
	KudosGold  = TimerAmber
)

// ClockText formats a countdown as m:ss, with a minus sign in overtime.
func ClockText(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "−", -d
	} else {
		d += time.Second - 1 // 9:59.4 left reads 10:00 until a whole second has passed
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%s%d:%02d", sign, s/60, s%60)
}

// ClockColours is how a clock with left to go is drawn: in the theme's
// ink normally, black on amber in its last running minute, white on red
// once time is up; fg is the ink of the theme it is drawn in. The header, presentation and audience clocks share it.
func ClockColours(left time.Duration, running bool, fg color.Color) (ink, fill color.Color) {
	switch {
	case left <= 0:
		return color.White, TimerRed
	case left <= time.Minute && running:
		return color.Black, TimerAmber
	}
	return fg, color.Transparent
}
