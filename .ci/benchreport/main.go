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
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
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

// ---- Go benchmarks ----

// goBench is one benchmark's samples, one per -count run, by unit.
type goBench struct {
	pkg, name string // name without "Benchmark" and the -GOMAXPROCS suffix
	units     []string
	samples   map[string][]float64
}

func (g *goBench) med(unit string) (float64, bool) {
	v := g.samples[unit]
	return median(v), len(v) > 0
}

var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func (r *report) readGo(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	byKey := map[string]*goBench{}
	pkg := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		if c, ok := strings.CutPrefix(line, "cpu: "); ok && r.goCPU == "" {
			r.goCPU = strings.TrimSpace(c)
			continue
		}
		if strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "FAIL") {
			r.goFailures = append(r.goFailures, line)
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		key := pkg + " " + m[1]
		g := byKey[key]
		if g == nil {
			g = &goBench{pkg: pkg, name: m[1], samples: map[string][]float64{}}
			byKey[key] = g
			r.benches = append(r.benches, g)
		}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			unit := fields[i+1]
			if _, seen := g.samples[unit]; !seen {
				g.units = append(g.units, unit)
			}
			g.samples[unit] = append(g.samples[unit], v)
		}
	}
	return sc.Err()
}

// tokens splits a benchmark name into words and numbers:
// PDFSynthetic5000 → PDF Synthetic 5000, BoardPan10k → Board Pan 10k.
func tokens(name string) []string {
	var out []string
	rs := []rune(name)
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		split := false
		switch {
		case unicode.IsDigit(cur) && !unicode.IsDigit(prev):
			split = true
		case unicode.IsUpper(cur) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			split = true
		case unicode.IsUpper(cur) && unicode.IsUpper(prev) && unicode.IsLower(next):
			split = true // PDFSample: PDF | Sample
		case unicode.IsLetter(cur) && unicode.IsDigit(prev) && !(cur == 'k' || cur == 'K' || cur == 'M'):
			split = true
		}
		if split {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	return append(out, string(rs[start:]))
}

// baselineMarker is the index of the token that makes name a baseline, or -1.
func baselineMarker(toks []string) int {
	for i, t := range toks {
		switch t {
		case "Naive", "Brute", "Raw", "Markdown":
			return i
		}
	}
	if n := len(toks); n > 1 && toks[n-1] == "100" {
		return n - 1
	}
	return -1
}

// pair is a benchmark and its baseline.
type pair struct{ bench, base *goBench }

// pairs finds each baseline's sibling in the same package: the one
// benchmark whose name, or whose name without its first or last word,
// equals the baseline's name before its marker, without the marker, or
// after it.
func pairs(benches []*goBench) []pair {
	var out []pair
	for _, base := range benches {
		bt := tokens(base.name)
		m := baselineMarker(bt)
		if m < 0 {
			continue
		}
		candidates := []string{
			strings.Join(bt[:m], ""),
			strings.Join(slices.Concat(bt[:m], bt[m+1:]), ""),
			strings.Join(bt[m+1:], ""),
		}
		for _, c := range candidates {
			if c == "" {
				continue
			}
			var found []*goBench
			for _, g := range benches {
				gt := tokens(g.name)
				if g.pkg != base.pkg || baselineMarker(gt) >= 0 {
					continue
				}
				keys := []string{strings.Join(gt, "")}
				if len(gt) > 1 {
					keys = append(keys, strings.Join(gt[1:], ""), strings.Join(gt[:len(gt)-1], ""))
				}
				if slices.Contains(keys, c) {
					found = append(found, g)
				}
			}
			if len(found) == 1 {
				out = append(out, pair{found[0], base})
				break
			}
		}
	}
	return out
}

func (r *report) find(pkgSuffix string, name *regexp.Regexp) []*goBench {
	var out []*goBench
	for _, g := range r.benches {
		if strings.HasSuffix(g.pkg, pkgSuffix) && name.MatchString(g.name) {
			out = append(out, g)
		}
	}
	return out
}

// ---- frames ----

type gesture struct {
	scene, name string
	frames      int
	intervals   []float64 // ms
}

type scene struct {
	name, size, zoom, env string
	cards                 int
	firstMs               float64
	rssKB, anonKB, fileKB float64 // VmRSS, RssAnon, RssFile
	gestures              []*gesture
}

func (s *scene) gesture(name string) *gesture {
	for _, g := range s.gestures {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (r *report) readFrames(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	r.haveFrames = true
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "info" && len(f) >= 3:
			r.info[f[1]] = f[2]
		case f[0] == "scene" && len(f) >= 7:
			s := &scene{name: f[1], size: f[3], zoom: f[4], env: f[5]}
			s.cards, _ = strconv.Atoi(f[2])
			s.firstMs, _ = strconv.ParseFloat(f[6], 64)
			r.scenes = append(r.scenes, s)
		case f[0] == "gesture" && len(f) >= 5:
			g := &gesture{scene: f[1], name: f[2]}
			g.frames, _ = strconv.Atoi(f[3])
			for _, v := range strings.Split(f[4], ",") {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					g.intervals = append(g.intervals, x)
				}
			}
			if s := r.scene(f[1]); s != nil {
				s.gestures = append(s.gestures, g)
			}
		case f[0] == "rss" && len(f) >= 3:
			if s := r.scene(f[1]); s != nil {
				s.rssKB, _ = strconv.ParseFloat(f[2], 64)
				if len(f) >= 5 {
					s.anonKB, _ = strconv.ParseFloat(f[3], 64)
					s.fileKB, _ = strconv.ParseFloat(f[4], 64)
				}
			}
		case f[0] == "firstframe" && len(f) >= 4:
			exec, _ := strconv.ParseFloat(f[2], 64)
			fromMain, _ := strconv.ParseFloat(f[3], 64)
			if r.startups == nil {
				r.startups = map[string]*startup{}
			}
			st := r.startups[f[1]]
			if st == nil {
				st = &startup{label: f[1]}
				r.startups[f[1]] = st
				r.startupOrder = append(r.startupOrder, f[1])
			}
			st.exec = append(st.exec, exec)
			st.main = append(st.main, fromMain)
		}
	}
	return nil
}

type startup struct {
	label      string
	exec, main []float64 // ms
}

func (r *report) scene(name string) *scene {
	for _, s := range r.scenes {
		if s.name == name {
			return s
		}
	}
	return nil
}

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
}

func sceneTitle(name string) string {
	if t, ok := sceneTitles[name]; ok {
		return t
	}
	return name
}

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

// target is one line of the targets table.
type target struct {
	what, goal, measured, by string
	met                      bool
	known                    bool // measured at all
}

func (r *report) targets() []target {
	var ts []target
	frame := func(sc, gname string, limit float64, label string) {
		t := target{what: label, goal: fmt.Sprintf("p95 ≤ %s", ms(limit)), by: "frame probe, scene " + strings.TrimPrefix(sc, "s") + " " + gname}
		if s := r.scene(sc); s != nil {
			if g := s.gesture(gname); g != nil && len(g.intervals) > 0 {
				p := percentile(g.intervals, 95)
				t.measured, t.met, t.known = "p95 "+ms(p), p <= limit, true
			}
		}
		ts = append(ts, t)
	}
	frame("s1", "pan", 17.5, "300 cards at 4K: pan")
	frame("s1", "drag", 17.5, "300 cards at 4K: drag a card")
	frame("s2", "pan", 17.5, "10,000 cards at 100 %: pan")
	frame("s2", "drag", 17.5, "10,000 cards at 100 %: drag a card")
	for _, gname := range []string{"pan", "drag"} {
		t := target{what: "10,000 cards vs the naive 5,000: " + gname, goal: "≥ 20× faster (p50)", by: "frame probe, scene 4 p50 ÷ scene 2 p50"}
		if s2, s4 := r.scene("s2"), r.scene("s4"); s2 != nil && s4 != nil {
			if a, b := s2.gesture(gname), s4.gesture(gname); a != nil && b != nil && len(a.intervals) > 0 && len(b.intervals) > 0 {
				x := median(b.intervals) / median(a.intervals)
				t.measured, t.met, t.known = short(x)+"×", x >= 20, true
			}
		}
		ts = append(ts, t)
	}
	frame("s3", "pan", 33, "10,000 cards fitted: pan")
	frame("s3", "drag", 33, "10,000 cards fitted: drag a card")
	startupTarget := func(label, what string) {
		t := target{what: what, goal: "≤ 300 ms", by: "frame probe: exec to the board's first frame, median of runs"}
		if st := r.startups[label]; st != nil && len(st.exec) > 0 {
			m := median(st.exec)
			t.measured, t.met, t.known = fmt.Sprintf("%s (%d runs)", ms(m), len(st.exec)), m <= 300, true
		}
		ts = append(ts, t)
	}
	startupTarget("10000", "Open a 10,000-card debrief to its first frame")
	// Go benchmarks: the median over the -count runs.
	persist := target{what: "Persist one move", goal: "p95 ≤ 1 ms"}
	for _, g := range r.find("app/store", regexp.MustCompile(`^PersistMove$`)) {
		persist.by = "Benchmark" + g.name + ", its p95 per operation (median of runs)"
		if v, ok := g.med("p95-µs"); ok {
			persist.measured, persist.met, persist.known = duration(v*1e3), v <= 1000, true
		} else if v := g.samples["ns/op"]; len(v) > 0 {
			persist.by = "Benchmark" + g.name + ", p95 of the runs' means"
			p := percentile(v, 95)
			persist.measured, persist.met, persist.known = duration(p), p <= 1e6, true
		}
	}
	ts = append(ts, persist)
	pdfTime := target{what: "PDF of the sample", goal: "≤ 100 ms"}
	pdfSize := target{what: "PDF of the sample: size", goal: "≤ 150 KB"}
	for _, g := range r.find("export", regexp.MustCompile(`^PDFSample$`)) {
		pdfTime.by, pdfSize.by = "Benchmark"+g.name+" (median)", "Benchmark"+g.name
		if v, ok := g.med("ns/op"); ok {
			pdfTime.measured, pdfTime.met, pdfTime.known = duration(v), v <= 100e6, true
		}
		if v, ok := g.med("bytes"); ok {
			pdfSize.measured, pdfSize.met, pdfSize.known = bytesStr(v), v <= 150e3, true
		}
	}
	ts = append(ts, pdfTime, pdfSize)
	pdf5000 := r.find("export", regexp.MustCompile(`^PDF.*5000$`))
	if len(pdf5000) == 0 {
		ts = append(ts, target{what: "PDF of 5,000 cards", goal: "≤ 1 s"})
	}
	for _, g := range pdf5000 {
		t := target{what: "PDF of 5,000 cards", goal: "≤ 1 s", by: "Benchmark" + g.name + " (median)"}
		if v, ok := g.med("ns/op"); ok {
			t.measured, t.met, t.known = duration(v), v <= 1e9, true
		}
		ts = append(ts, t)
	}
	startupTarget("sample", "Cold start to first frame (the sample; page cache warm)")
	rss := target{what: "Resident memory, 5,000 cards open, after a pan", goal: "≤ 150 MB", by: "VmRSS, scene 5"}
	if s := r.scene("s5"); s != nil && s.rssKB > 0 {
		mb := s.rssKB * 1024 / 1e6
		rss.measured, rss.met, rss.known = fmt.Sprintf("%.0f MB", mb), mb <= 150, true
	}
	ts = append(ts, rss)
	return ts
}

func (r *report) write(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	date := r.info["date"]
	if date == "" {
		date = time.Now().UTC().Format("2006-01-02 15:04 UTC")
	}
	p("# Benchmarks\n\n")
	p("Written by `make bench` on %s", date)
	if r.took > 0 {
		p(", which took %s", r.took)
	}
	p(". Do not edit: run `make bench` again.\n\n")
	p("**Absolute times on shared machines are indicative only.** This machine is small, has no GPU and is shared; ")
	p("the same run on another computer gives other figures. What carries over is each figure *against its baseline, ")
	p("measured in the same run*: the ratios below. Frames are drawn by Mesa's software renderer (llvmpipe) under Xvfb, ")
	p("which is far slower than any GPU, so frame times here are an upper bound of what people see. ")
	p("What dominates these figures, what was changed and what would close the rest: [performance.md](performance.md).\n\n")

	p("## Machine\n\n| | |\n|---|---|\n")
	cpu := r.info["cpu"]
	if cpu == "" {
		cpu = r.goCPU
	}
	cores := r.info["cores"]
	if cores == "" {
		cores = strconv.Itoa(runtime.NumCPU())
	}
	row := func(k, v string) {
		if v != "" {
			p("| %s | %s |\n", k, v)
		}
	}
	row("CPU", fmt.Sprintf("%s, %s cores", cpu, cores))
	row("Memory", r.info["memory"])
	row("System", r.info["kernel"])
	goVersion := r.info["go"]
	if goVersion == "" {
		goVersion = runtime.Version()
	}
	row("Go", goVersion)
	row("Fyne", r.info["fyne"])
	if rend := r.info["renderer"]; rend != "" {
		row("Renderer (GL_RENDERER)", rend+" under Xvfb, `LIBGL_ALWAYS_SOFTWARE=1`")
	}
	row("OpenGL", r.info["gl"])
	p("\n")

	p("## Targets\n\n")
	p("| Target | Goal | Measured | | Measured by |\n|---|---|---|---|---|\n")
	for _, t := range r.targets() {
		status := "not measured"
		switch {
		case t.known && t.met:
			status = "met"
		case t.known:
			status = "**not met**"
		}
		measured := t.measured
		if measured == "" {
			measured = "–"
		}
		by := t.by
		if by == "" {
			by = "no benchmark found"
		}
		p("| %s | %s | %s | %s | %s |\n", t.what, t.goal, measured, status, by)
	}
	p("\nGo benchmark figures are medians over the `-count` runs (the persist target uses the benchmark's own 95th ")
	p("percentile per operation). KB and MB are 1,000 and 1,000,000 bytes. A frame interval cannot be shorter than ")
	p("Fyne's 60 Hz tick (16.7 ms), so the window's ratio against the naive board is capped at its p50 ÷ 16.7 ms; ")
	p("the board's own work per event, without painting, is compared in *Go benchmarks* below (BoardPan…).\n\n")

	r.writeFrames(w)
	r.writeGo(w)

	p("## How to run\n\n")
	p("```sh\nmake bench            # everything, about 8 minutes on 2 cores; writes this file\n")
	p("make build && .ci/bench-frames build/debrief build/bench   # the frame benchmark only\n")
	p("BENCH_ONLY='s2 s4' .ci/bench-frames build/debrief build/bench   # some scenes (startup s0 … s5)\n")
	p("BENCH_PERF=1 BENCH_ONLY=s1 .ci/bench-frames build/debrief build/bench   # and a CPU profile of each gesture (perf)\n")
	p("go test -tags migrated_fynedo -p 1 -run '^$' -bench . -benchtime 500ms -benchmem -count 5 ./canvas ./app/store ./export   # the Go benchmarks only\n```\n\n")
	p("The app is built with Fyne's `migrated_fynedo` tag, as `make` does (the Makefile's GOFLAGS): without it Fyne ")
	p("checks the calling goroutine on every refresh, which doubled a pan's frame time on the 10,000-card board. ")
	p("The frame benchmark needs Xvfb, xdotool, ImageMagick, sqlite3 and Mesa (`make deps-test`; `glxinfo` from ")
	p("mesa-utils names the renderer). Run it on an otherwise idle machine: other work on the same cores shows up ")
	p("directly in the frame times. Speed is checked here, never by timed assertions in tests.\n")
}

func (r *report) writeFrames(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## Frames: the real window\n\n")
	if !r.haveFrames {
		p("Not measured in this run (`.ci/bench-frames` did not run).\n\n")
		return
	}
	p("`.ci/bench-frames` runs the app in Xvfb at the scene's size with `DEBRIEF_FRAMELOG=FILE`, opens a synthetic ")
	p("debrief (`debrief synth`) with `--open`, then pans (a middle-button drag in a circle for about 3 s, a pointer ")
	p("step every 4 ms) and drags one card the same way, with xdotool. The probe (`app/framelog.go`) is a 1×1 raster ")
	p("that the board refreshes after every change it draws, so Fyne paints it again in the next frame, and its ")
	p("generator notes the time. An interval is the time between two consecutive frames that showed a board change ")
	p("during a gesture: what a person feels. Fyne's GL driver paints at most once per 60 Hz tick (16.7 ms), only when ")
	p("something changed, and Xvfb has no vsync, so 16.7 ms is the floor and a slower frame pushes the next one to a ")
	p("later tick. The note is taken while the frame is painted, before the buffers are swapped; frames that did not ")
	p("show a board change (a hover, a label) are not noted.\n\n")

	p("| Scene | Gesture | Frames | p50 | p95 | max |\n|---|---|---:|---:|---:|---:|\n")
	for _, s := range r.scenes {
		for _, g := range s.gestures {
			p("| %s | %s | %d | %s | %s | %s |\n", sceneTitle(s.name), g.name, g.frames,
				ms(median(g.intervals)), ms(percentile(g.intervals, 95)), ms(percentile(g.intervals, 100)))
		}
	}
	p("\n")

	p("**Ratios** (p50 of the baseline ÷ p50 of the scene, same run):\n\n")
	p("| Scene | Baseline | Pan | Drag |\n|---|---|---:|---:|\n")
	cmp := func(a, b string) {
		sa, sb := r.scene(a), r.scene(b)
		if sa == nil || sb == nil {
			return
		}
		cell := func(name string) string {
			ga, gb := sa.gesture(name), sb.gesture(name)
			if ga == nil || gb == nil {
				return "–"
			}
			return ratio(median(ga.intervals), median(gb.intervals))
		}
		p("| %s | %s | %s | %s |\n", sceneTitle(a), sceneTitle(b), cell("pan"), cell("drag"))
	}
	cmp("s2", "s4")
	cmp("s5", "s4")
	p("\n")

	if len(r.startupOrder) > 0 {
		p("**Start-up to the first frame** of the board (`--open ID`; the binary and the database in the page cache):\n\n")
		p("| Debrief | Runs | Median from exec | p95 | Median from `main` |\n|---|---:|---:|---:|---:|\n")
		for _, label := range r.startupOrder {
			st := r.startups[label]
			name := label
			switch label {
			case "sample":
				name = "the sample (11 cards)"
			case "10000":
				name = "10,000 cards"
			}
			p("| %s | %d | %s | %s | %s |\n", name, len(st.exec), ms(median(st.exec)), ms(percentile(st.exec, 95)), ms(median(st.main)))
		}
		p("\n")
	}

	p("**Resident memory** after the pan, from `/proc/PID/status`: VmRSS is RssAnon (the process's own memory: ")
	p("the Go heap, and Mesa's buffers and textures) plus RssFile (mapped files: the Go binary, and Mesa's ")
	p("libLLVM, which llvmpipe needs to compile shaders and many GPU drivers do not) plus a little shared memory. ")
	p("The first frame of each scene's run is its `--open` to the board's first frame:\n\n")
	p("| Scene | VmRSS | RssAnon | RssFile | First frame from exec |\n|---|---:|---:|---:|---:|\n")
	mb := func(kb float64) string {
		if kb <= 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f MB", kb*1024/1e6)
	}
	for _, s := range r.scenes {
		p("| %s | %s | %s | %s | %s |\n", sceneTitle(s.name), mb(s.rssKB), mb(s.anonKB), mb(s.fileKB), ms(s.firstMs))
	}
	p("\n")
}

func (r *report) writeGo(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## Go benchmarks\n\n")
	if len(r.benches) == 0 {
		p("Not measured in this run.\n\n")
		return
	}
	n := 0
	for _, g := range r.benches {
		n = max(n, len(g.samples["ns/op"]))
	}
	p("`go test -p 1 -run '^$' -bench . -benchtime 500ms -benchmem -count %d`: the median and the 95th percentile (nearest rank; with %d runs, ", n, n)
	p("the slowest) of the runs, one package at a time (`-p 1`); a benchmark of many seconds an operation runs once (`-benchtime 1x`, ")
	p("Runs 1). These time the code alone, without painting.\n")
	for _, f := range r.goFailures {
		p("> %s\n", f)
	}
	pkg := ""
	for _, g := range r.benches {
		if g.pkg != pkg {
			pkg = g.pkg
			p("\n### %s\n\n| Benchmark | Runs | Median | p95 | Memory | Allocs | Other (median) |\n|---|---:|---:|---:|---:|---:|---|\n", strings.TrimPrefix(pkg, "github.com/debrief-app/debrief/"))
		}
		t := g.samples["ns/op"]
		mem, alloc := "–", "–"
		if v, ok := g.med("B/op"); ok {
			mem = bytesStr(v)
		}
		if v, ok := g.med("allocs/op"); ok {
			alloc = number(v)
		}
		var other []string
		for _, u := range g.units {
			switch u {
			case "ns/op", "B/op", "allocs/op":
				continue
			}
			v, _ := g.med(u)
			other = append(other, formatUnit(u, v)+" "+u)
		}
		p("| %s | %d | %s | %s | %s | %s | %s |\n", g.name, len(t), duration(median(t)), duration(percentile(t, 95)), mem, alloc, strings.Join(other, ", "))
	}
	p("\n")

	ps := pairs(r.benches)
	if len(ps) > 0 {
		p("### Against their baselines\n\n")
		p("| Benchmark | Baseline | Median | Baseline median | Ratio |\n|---|---|---:|---:|---|\n")
		for _, pr := range ps {
			a, _ := pr.bench.med("ns/op")
			b, _ := pr.base.med("ns/op")
			p("| %s | %s | %s | %s | %s |\n", pr.bench.name, pr.base.name, duration(a), duration(b), ratio(a, b))
		}
		p("\nA baseline is the simple way (a brute-force scan, every card in the tree, a plain UPDATE, the Markdown ")
		p("export) or the small case (…100). For a small-case baseline the ratio says how the cost grows with size.\n\n")
	}
}
