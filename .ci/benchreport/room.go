package main

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ---- the room under load ----

// roomLoadName matches the room's load benchmarks in app/room
// (BenchmarkRoom50, and BenchmarkRoom1 its baseline): one long run each
// (-benchtime 1x -count 3), so they get a table of their own instead of a
// line among the Go benchmarks.
var roomLoadName = regexp.MustCompile(`^Room(\d+)$`)

func isRoomLoad(g *goBench) bool {
	return strings.HasSuffix(g.pkg, "app/room") && roomLoadName.MatchString(g.name)
}

func (r *report) writeRoom(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## The room under load\n\n")
	benches := r.find("app/room", roomLoadName)
	if len(benches) == 0 {
		p("Not measured in this run.\n\n")
		return
	}
	participants := func(g *goBench) int {
		n, _ := strconv.Atoi(roomLoadName.FindStringSubmatch(g.name)[1])
		return n
	}
	slices.SortStableFunc(benches, func(a, b *goBench) int { return participants(b) - participants(a) })

	p("`BenchmarkRoom50` (app/room): 50 simulated participants on loopback, each with connections of its own, ")
	p("against a real room on an SQLite database on disk. Each joins, keeps its event stream open and reads it, ")
	p("and writes 10 cards at random moments over 10 s (six times the pace of a meeting, under the 30 cards a ")
	p("minute a device may send); the facilitator then moves to Connect and reveals every card, and each ")
	p("participant makes 50 vote requests, adding or taking back a dot on one of 4 cards, as fast as the room ")
	p("answers (3 dots, at most 2 on a card: many are refused with 409). `BenchmarkRoom1` is the same with one ")
	p("participant, the baseline of the same run. A run fails when a card answered 201 is not in SQLite with ")
	p("its text, when the votes in SQLite are not those answered 200, or on any 5xx answer, so *Lost* is 0 in ")
	p("every run reported.\n\n")
	p("*Votes*: vote requests answered 200, dots added and taken back. *To the session*: from just before a card is sent to the session's event that applies it. *Answered*: ")
	p("to its 201, which is sent once the card is committed to SQLite. *Cards/s*: cards answered over the ")
	p("writing, which is paced, so it is the load offered unless the room falls behind. *Peak heap* is the ")
	p("largest HeapInuse sampled every 50 ms, *CPU* the process's user and system time from the first join to ")
	p("the last vote: both include the simulated participants, which run in the same process. Medians over ")
	p("the runs (`-benchtime 1x -count 3`).\n\n")

	p("| Participants | Runs | Cards | Votes | Lost | To the session p50 / p95 | Answered p50 / p95 | Votes answered p50 / p95 | Cards/s | Peak heap | CPU |\n")
	p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, g := range benches {
		get := func(unit string) float64 {
			if v, ok := g.med(unit); ok {
				return v
			}
			return math.NaN()
		}
		pair := func(a, b string) string { return ms(get(a)) + " / " + ms(get(b)) }
		heap, cpu := "–", "–"
		switch v := get("peak-heap-MB"); {
		case v >= 10:
			heap = fmt.Sprintf("%.0f MB", v)
		case v >= 0:
			heap = fmt.Sprintf("%.1f MB", v)
		}
		if v := get("cpu-s"); !math.IsNaN(v) {
			cpu = fmt.Sprintf("%.2f s", v)
		}
		p("| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", participants(g), len(g.samples["ns/op"]),
			number(get("cards")), number(get("votes")), number(get("lost")),
			pair("session-p50-ms", "session-p95-ms"), pair("answer-p50-ms", "answer-p95-ms"),
			pair("vote-p50-ms", "vote-p95-ms"), number(get("cards/s")), heap, cpu)
	}
	p("\n```sh\ngo test -tags migrated_fynedo -run '^$' -bench '^BenchmarkRoom' -benchtime 1x -count 3 ./app/room\n```\n\n")
}
