package ui

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// MonthFirst says whether a date written with slashes puts the month
// first (12/11/2026 is 11 December), as in the United States; elsewhere
// the day comes first. It reads the locale; tests set it.
var MonthFirst = func() bool {
	for _, v := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		if l := os.Getenv(v); l != "" {
			l = strings.SplitN(l, ".", 2)[0]
			return strings.HasSuffix(l, "_US") || strings.HasSuffix(l, "_PH") || strings.HasSuffix(l, "_FM")
		}
	}
	return false
}

var (
	slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	dotDate   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	isoSlash  = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
)

// ParseDateInput reads a date as people type one: 2026-12-11 (and
// 2026/12/11), 11.12.2026 (day first, as where dots are used), and
// 12/11/2026 (month first where the locale says so, else day first). It
// is midnight UTC of that day.
func ParseDateInput(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := model.ParseDate(s); err == nil {
		return t, nil
	}
	var y, m, d string
	switch {
	case isoSlash.MatchString(s):
		p := isoSlash.FindStringSubmatch(s)
		y, m, d = p[1], p[2], p[3]
	case dotDate.MatchString(s):
		p := dotDate.FindStringSubmatch(s)
		d, m, y = p[1], p[2], p[3]
	case slashDate.MatchString(s):
		p := slashDate.FindStringSubmatch(s)
		d, m, y = p[1], p[2], p[3]
		if MonthFirst() {
			d, m = m, d
		}
	default:
		return time.Time{}, fmt.Errorf("%q is not a date like %s", s, dateExample())
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if mi < 1 || mi > 12 || t.Day() != di {
		return time.Time{}, fmt.Errorf("%q is not a date in the calendar", s)
	}
	return t, nil
}

// dateExample is a date written the ways this field reads.
func dateExample() string {
	if MonthFirst() {
		return "2026-12-11 or 12/11/2026"
	}
	return "2026-12-11 or 11.12.2026"
}

// DateEcho writes a date so that nobody can misread it: Friday 11 December 2026.
func DateEcho(t time.Time) string { return t.Format("Monday 2 January 2006") }
