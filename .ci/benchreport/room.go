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
	if len(benches) == 0 && !r.haveRoomScenes() {
		p("Not measured in this run.\n\n")
		return
	}
	if len(benches) > 0 {
		r.writeRoomBench(w, benches)
	}
	r.writeRoomWindow(w)
}

func (r *report) writeRoomBench(w io.Writer, benches []*goBench) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
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

func (r *report) haveRoomScenes() bool {
	for _, s := range r.scenes {
		if s.room != nil {
			return true
		}
	}
	return false
}

// writeRoomWindow reports the frame benchmark's room scenes (r0, r1): the
// real app, its window panned and a card dragged while participants write.
func (r *report) writeRoomWindow(w io.Writer) {
	if !r.haveRoomScenes() {
		return
	}
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("### In the real window\n\n")
	p("Scenes r0 and r1 of `.ci/bench-frames` (their frames are in *Frames: the real window* above): the app opens ")
	p("300 cards at 1920×1080, Ctrl+R opens the room, and the URL is read back from the QR code on screen ")
	p("(zbarimg). In r1, `.ci/roomload` plays 50 participants on the same machine: each joins, holds its ")
	p("event stream open and reads it, and sends its cards (random keys, texts and categories) at a steady pace, ")
	p("the participants one after another so that the cards arrive evenly, from 1 s before the pan until after ")
	p("the drag; r0 is the same with nobody in the room. *Stored* is the cards face down in the scene's database once the last was answered. *App RSS* is ")
	p("VmRSS before the participants join and after the last answer; *App CPU* the app's user and system time ")
	p("over the same span (the gestures' painting included, in r0 too). *Screen behind* is the board's last ")
	p("frame after the last card's answer: how long the board took to show every card the database had ")
	p("(only when cards were still arriving at the drag's release). The participants' own CPU time is ")
	p("roomload's: on a machine of 2 cores it competes with the app.\n\n")
	p("| Scene | Participants | Cards sent, over | Answered 201 | Stored face down | Errors | Answered p50 / p95 / max | App RSS before → after | App CPU | Screen behind | Participants' CPU |\n")
	p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	mb := func(kb float64) string {
		if math.IsNaN(kb) || kb <= 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f MB", kb*1024/1e6)
	}
	secs := func(v float64) string {
		if math.IsNaN(v) {
			return "–"
		}
		return fmt.Sprintf("%.2f s", v)
	}
	for _, s := range r.scenes {
		rr := s.room
		if rr == nil {
			continue
		}
		lat, behind := "–", "–"
		if rr.answered > 0 {
			lat = ms(rr.p50) + " / " + ms(rr.p95) + " / " + ms(rr.max)
		}
		switch {
		case rr.behindMs >= 1000:
			behind = secs(rr.behindMs / 1000)
		case !math.IsNaN(rr.behindMs):
			behind = ms(max(rr.behindMs, 0))
		case rr.participants > 0 && !rr.covered:
			behind = "– (the cards ended before the drag)"
		}
		cpu := secs(rr.cpu)
		if !math.IsNaN(rr.cpu) && rr.wall > 0 {
			cpu += fmt.Sprintf(" in %.1f s", rr.wall)
		}
		sent := number(float64(rr.sent))
		if rr.sent > 0 && !math.IsNaN(rr.sending) {
			sent += fmt.Sprintf(" in %.1f s", rr.sending)
		}
		stored := number(float64(rr.stored))
		if rr.stored != rr.answered {
			stored = "**" + stored + "**" // a card answered but not stored is lost; one stored but not answered is sent again
		}
		p("| %s | %d | %s | %s | %s | %s | %s | %s → %s | %s | %s | %s |\n", sceneTitle(s.name), rr.participants,
			sent, number(float64(rr.answered)), stored, number(float64(rr.errors)), lat,
			mb(rr.rssBeforeKB), mb(rr.rssAfterKB), cpu, behind, secs(rr.loadCPU))
	}
	p("\n```sh\nmake build && BENCH_ONLY='r0 r1' .ci/bench-frames build/debrief build/bench\n```\n\n")
}
