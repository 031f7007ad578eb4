package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ---- formatting ----

func ms(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	default:
		return fmt.Sprintf("%.1f ms", v)
	}
}

// duration formats nanoseconds.
func duration(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "–"
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.1f ns", ns)
	}
}

func number(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return commas(int64(v))
	case math.Abs(v) >= 100:
		return commas(int64(math.Round(v)))
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func formatUnit(unit string, v float64) string {
	switch unit {
	case "ns/op":
		return duration(v)
	case "B/op":
		return bytesStr(v)
	case "bytes":
		return bytesStr(v)
	}
	return number(v)
}

func bytesStr(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v >= 1e6:
		return fmt.Sprintf("%.1f MB", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f KB", v/1e3)
	default:
		return fmt.Sprintf("%.0f B", v)
	}
}

// ratio says how a time compares with its baseline's.
func ratio(v, base float64) string {
	if math.IsNaN(v) || math.IsNaN(base) || v <= 0 || base <= 0 {
		return "–"
	}
	if base >= v {
		return fmt.Sprintf("**%s× faster**", short(base/v))
	}
	return fmt.Sprintf("%s× slower", short(v/base))
}

func short(x float64) string {
	if x >= 100 {
		return commas(int64(math.Round(x)))
	}
	if x >= 10 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.1f", x)
}
