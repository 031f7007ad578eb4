package library

import "time"

// settleTime is how long a row of a list ignores taps after the list moved
// under it: a second click of a quick double click on Delete lands on the
// row that moved up into the deleted one's place, and must not act on it.
const settleTime = 400 * time.Millisecond

// shiftGuard remembers when the rows of a list last moved under the
// pointer (what a row shows changed, as when a row above it was deleted or
// the list scrolled by itself), and from which row down, so a tap on a
// row that moved within settleTime is ignored. Rows above the first that
// moved, and a list shown for the first time, take taps at once.
type shiftGuard struct {
	at   time.Time // when rows last moved
	from int       // the first row that moved since settleTime before at
}

// moved compares what the rows showed (the IDs, in order) with what they
// show now.
func (g *shiftGuard) moved(before, after []int64, now time.Time) {
	for i := range min(len(before), len(after)) {
		if before[i] != after[i] {
			g.mark(i, now)
			return
		}
	}
}

// scrolled says the list scrolled by itself: every row moved.
func (g *shiftGuard) scrolled(now time.Time) { g.mark(0, now) }

func (g *shiftGuard) mark(row int, now time.Time) {
	if now.Sub(g.at) < settleTime { // the rows from g.from down have not settled yet
		row = min(row, g.from)
	}
	g.at, g.from = now, row
}

// settled reports whether a tap on row, now, is meant for what it shows.
func (g *shiftGuard) settled(row int, now time.Time) bool {
	return row < g.from || now.Sub(g.at) >= settleTime
}
