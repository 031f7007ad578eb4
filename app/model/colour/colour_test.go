package colour_test

import (
	"image/color"
	"math"
	"testing"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/model/colour"
)

func hex(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// TestLuminance: known relative luminances, including the greys either
// side of the sRGB threshold (10/255 and 11/255).
func TestLuminance(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    color.Color
		want float64
	}{
		{"black", colour.Black, 0},
		{"white", colour.White, 1},
		{"color.White", color.White, 1},
		{"pure red", hex(0xff0000), 0.2126},
		{"pure green", hex(0x00ff00), 0.7152},
		{"pure blue", hex(0x0000ff), 0.0722},
		{"grey 10/255, linear part", hex(0x0a0a0a), 10.0 / 255 / 12.92},
		{"grey 11/255, power part", hex(0x0b0b0b), math.Pow((11.0/255+0.055)/1.055, 2.4)},
		{"mid grey #777777", hex(0x777777), 0.1845},
	} {
		if got := colour.Luminance(tc.c); math.Abs(got-tc.want) > 5e-5 {
			t.Errorf("%s: colour.Luminance = %.5f, want %.5f", tc.name, got, tc.want)
		}
	}
}

// TestContrast: ratios as WCAG tools give them, to two decimals, both
// ways round.
func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b color.Color
		want float64
	}{
		{"black on white", colour.Black, colour.White, 21},
		{"stdlib black on white", color.Black, color.White, 21},
		{"same colour", hex(0x0072b2), hex(0x0072b2), 1},
		{"white on white", colour.White, colour.White, 1},
		{"#777777 on white (just under AA)", hex(0x777777), colour.White, 4.48},
		{"#767676 on white (just AA)", hex(0x767676), colour.White, 4.54},
		{"Technical blue on white", model.Technical.RGB(), colour.White, 5.19},
		{"Technical blue on black", model.Technical.RGB(), colour.Black, 4.05},
		{"People orange on black", model.People.RGB(), colour.Black, 9.32},
		{"Process green on black", model.Process.RGB(), colour.Black, 6.14},
		{"Context purple on black", model.Context.RGB(), colour.Black, 6.86},
		{"Warning vermillion on black", model.Warning.RGB(), colour.Black, 5.43},
		{"Warning vermillion on white", model.Warning.RGB(), colour.White, 3.87},
		{"Went well sky blue on black", model.WentWell.RGB(), colour.Black, 9.10},
		{"Lucky yellow on black", model.Lucky.RGB(), colour.Black, 15.88},
		{"Lucky yellow on white", model.Lucky.RGB(), colour.White, 1.32},
	} {
		for _, pair := range [][2]color.Color{{tc.a, tc.b}, {tc.b, tc.a}} {
			if got := colour.Contrast(pair[0], pair[1]); math.Abs(got-tc.want) > 0.005 {
				t.Errorf("%s: colour.Contrast(%v, %v) = %.3f, want %.2f", tc.name, pair[0], pair[1], got, tc.want)
			}
		}
	}
}

// TestTextOn: the ink on each Okabe–Ito category colour is the one that
// reads better, and reads at least at WCAG's 4.5:1 (AA).
func TestTextOn(t *testing.T) {
	want := map[model.Category]color.NRGBA{
		model.Technical: colour.White,
		model.People:    colour.Black,
		model.Process:   colour.Black,
		model.Context:   colour.Black,
		model.Warning:   colour.Black,
		model.WentWell:  colour.Black,
		model.Lucky:     colour.Black,
	}
	if len(want) != len(model.Categories()) {
		t.Fatalf("the table has %d categories, the model %d", len(want), len(model.Categories()))
	}
	for _, c := range model.Categories() {
		got := colour.TextOn(c.RGB())
		if got != want[c] {
			t.Errorf("%s: colour.TextOn = %v, want %v", c, got, want[c])
		}
		if r := colour.Contrast(got, c.RGB()); r < 4.5 {
			t.Errorf("%s: %v on it is %.2f:1, want at least 4.5:1", c, got, r)
		}
	}
	for _, tc := range []struct {
		fill color.Color
		want color.NRGBA
	}{
		{colour.Black, colour.White}, {colour.White, colour.Black}, {color.Black, colour.White}, {hex(0x777777), colour.Black}, {hex(0x555555), colour.White},
	} {
		if got := colour.TextOn(tc.fill); got != tc.want {
			t.Errorf("colour.TextOn(%v) = %v, want %v", tc.fill, got, tc.want)
		}
	}
}

// TestBestContrast: the first ink wins a tie, and a dark grey ink can
// lose where black would win (#777777: black 4.69, white 4.48, #1a1a1a 3.89).
func TestBestContrast(t *testing.T) {
	ink := hex(0x1a1a1a)
	for _, tc := range []struct {
		fill color.Color
		inks []color.NRGBA
		want color.NRGBA
	}{
		{hex(0x777777), []color.NRGBA{colour.White, colour.Black}, colour.Black},
		{hex(0x777777), []color.NRGBA{colour.White, ink}, colour.White},
		{model.Lucky.RGB(), []color.NRGBA{colour.White, ink}, ink},
		{hex(0x808080), []color.NRGBA{hex(0x808080), hex(0x808080)}, hex(0x808080)},
		{colour.White, []color.NRGBA{colour.Black, colour.Black}, colour.Black},
		{colour.White, []color.NRGBA{colour.White}, colour.White},
	} {
		if got := colour.BestContrast(tc.fill, tc.inks...); got != tc.want {
			t.Errorf("colour.BestContrast(%v, %v) = %v, want %v", tc.fill, tc.inks, got, tc.want)
		}
	}
	// A tie goes to the first: two inks of the same luminance (alpha is
	// ignored, and transparent black is black).
	none := color.NRGBA{}
	if got := colour.BestContrast(colour.White, none, colour.Black); got != none {
		t.Errorf("a tie went to %v, want the first, %v", got, none)
	}
	if got := colour.BestContrast(colour.White, colour.Black, none); got != colour.Black {
		t.Errorf("a tie went to %v, want the first, %v", got, colour.Black)
	}
}

func TestOver(t *testing.T) {
	for _, tc := range []struct {
		name        string
		top, bottom color.Color
		want        color.NRGBA
	}{
		{"opaque top hides the bottom", hex(0x0072b2), colour.White, hex(0x0072b2)},
		{"transparent top shows the bottom", color.NRGBA{R: 0xff, A: 0}, hex(0x123456), hex(0x123456)},
		{"half white over black", color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x80}, colour.Black, hex(0x808080)},
		{"nearly opaque white over yellow", color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xf0}, model.Lucky.RGB(), hex(0xfefdf4)}, // 240/255 white
		{"premultiplied input", color.RGBA{R: 0x40, A: 0x80}, colour.Black, hex(0x400000)},
	} {
		if got := colour.Over(tc.top, tc.bottom); got != tc.want {
			t.Errorf("%s: colour.Over = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestShade(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    color.NRGBA
		f    float64
		want color.NRGBA
	}{
		{"1 keeps the colour", model.Process.RGB(), 1, model.Process.RGB()},
		{"0 is black", model.Process.RGB(), 0, colour.Black},
		{"0.7, rounded", model.Technical.RGB(), 0.7, hex(0x00507d)}, // 114*0.7 = 79.8, 178*0.7 = 124.6
		{"0.8", hex(0x0072b2), 0.8, hex(0x005b8e)},
		{"lightening stops at 255", hex(0xd55e00), 2, hex(0xffbc00)},
		{"alpha kept", color.NRGBA{R: 100, G: 100, B: 100, A: 0x80}, 0.5, color.NRGBA{R: 50, G: 50, B: 50, A: 0x80}},
	} {
		if got := colour.Shade(tc.c, tc.f); got != tc.want {
			t.Errorf("%s: colour.Shade(%v, %v) = %v, want %v", tc.name, tc.c, tc.f, got, tc.want)
		}
	}
}

func TestTint(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    color.NRGBA
		f    float64
		want color.NRGBA
	}{
		{"1 keeps the colour", model.Warning.RGB(), 1, model.Warning.RGB()},
		{"0 is white", model.Warning.RGB(), 0, colour.White},
		{"0.14, rounded", model.Technical.RGB(), 0.14, hex(0xdbebf4)}, // 255-255*.14 = 219.3, 255-141*.14 = 235.26, 255-77*.14 = 244.22
		{"0.5 of black is mid grey", colour.Black, 0.5, hex(0x808080)},
		{"alpha kept", color.NRGBA{A: 0x80}, 1, color.NRGBA{A: 0x80}},
	} {
		if got := colour.Tint(tc.c, tc.f); got != tc.want {
			t.Errorf("%s: colour.Tint(%v, %v) = %v, want %v", tc.name, tc.c, tc.f, got, tc.want)
		}
	}
}

// TestShadeAndTintRound: every channel value, for the factors the board and
// the PDF use, is rounded to the nearest (as the PDF always did).
func TestShadeAndTintRound(t *testing.T) {
	for _, f := range []float64{0.55, 0.7, 0.8, 0.85, 0.88} {
		for v := 0; v < 256; v++ {
			g := uint8(v)
			want := uint8(math.Floor(float64(v)*f + 0.5))
			if got := colour.Shade(color.NRGBA{R: g, G: g, B: g, A: 0xff}, f); got.R != want {
				t.Errorf("colour.Shade(%d, %v) = %d, want %d", v, f, got.R, want)
			}
		}
	}
	for _, f := range []float64{0.08, 0.14, 0.6} {
		for v := 0; v < 256; v++ {
			g := uint8(v)
			want := uint8(math.Floor(255 - (255-float64(v))*f + 0.5))
			if got := colour.Tint(color.NRGBA{R: g, G: g, B: g, A: 0xff}, f); got.R != want {
				t.Errorf("colour.Tint(%d, %v) = %d, want %d", v, f, got.R, want)
			}
		}
	}
}
