// Command benchreport writes docs/benchmarks.md from the output of the Go
// benchmarks (go test -bench -count N) and of the frame benchmark
// (.ci/bench-frames). make bench runs it:
//
//	go run ./.ci/benchreport -go GO.txt -frames frames.tsv -started UNIX -out docs/benchmarks.md
//
// Every figure gets a median and a 95th percentile (nearest rank) over its
// samples, and each benchmark is set against its baseline from the same
// run: names with Naive, Brute, Raw or Markdown in them, or ending in 100,
// are the baselines of their sibling (BruteQuery of IndexQuery,
// PersistMoveRawUpdate of PersistMove, LoadDossier100 of LoadDossier10k).
// The room's load benchmarks (app/room's Room50 and its baseline Room1, one
// long run each) get a section of their own, "The room under load", with
// the frame benchmark's room scenes (r1, 50 participants writing while the
// window is panned, and its baseline r0): their cards, memory and CPU.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
)

func main() {
	goOut := flag.String("go", "", "output of go test -bench (text)")
	framesOut := flag.String("frames", "", "frames.tsv written by .ci/bench-frames")
	out := flag.String("out", "docs/benchmarks.md", "the Markdown file to write")
	started := flag.Int64("started", 0, "when make bench started (Unix seconds), to say how long it took")
	flag.Parse()

	r := &report{info: map[string]string{}}
	if *goOut != "" {
		if err := r.readGo(*goOut); err != nil {
			fatal(err)
		}
	}
	if *framesOut != "" {
		if err := r.readFrames(*framesOut); err != nil {
			fatal(err)
		}
	}
	if *started > 0 {
		r.took = time.Since(time.Unix(*started, 0)).Round(time.Second)
	}
	var b strings.Builder
	r.write(&b)
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		fatal(err)
	}
	fmt.Fprintf(os.Stderr, "benchreport: wrote %s\n", *out)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchreport:", err)
	os.Exit(1)
}

// ---- statistics ----

// percentile is the nearest-rank percentile p (0–100) of v.
func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	k := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(k, 1), len(s))-1]
}

func median(v []float64) float64 { return percentile(v, 50) }

// ---- the report ----

type report struct {
	benches      []*goBench
	goCPU        string
	goFailures   []string
	haveFrames   bool
	info         map[string]string
	scenes       []*scene
	startups     map[string]*startup
	startupOrder []string
	took         time.Duration
}

var sceneTitles = map[string]string{
	"s0": "0. the renderer's floor: 1 card, 3840×2160 (4K), fitted",
	"s1": "1. 300 cards, 3840×2160 (4K projector), fitted",
	"s2": "2. 10,000 cards, 1280×800, 100 %",
	"s3": "3. 10,000 cards, 1280×800, fitted (overview image)",
	"s4": "4. naive baseline: 5,000 cards, 1280×800, 100 %, every card in Fyne's tree",
	"s5": "5. 5,000 cards, 1280×800, 100 % (scene 4's board, culled)",
	"r0": "r0. the room open, nobody in it: 300 cards, 1920×1080, fitted",
	"r1": "r1. r0 while 50 participants write 500 cards (`.ci/roomload`)",
}

func sceneTitle(name string) string {
	if t, ok := sceneTitles[name]; ok {
		return t
	}
	return name
}
