package main

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

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
	r.writeRoom(w)

	p("## How to run\n\n")
	p("```sh\nmake bench            # everything, about 9 minutes on 2 cores; writes this file\n")
	p("make build && .ci/bench-frames build/debrief build/bench   # the frame benchmark only\n")
	p("BENCH_ONLY='s2 s4' .ci/bench-frames build/debrief build/bench   # some scenes (startup s0 … s5 r0 r1)\n")
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
	p("show a board change (a hover, a label) are not noted. In the room's scenes (r0, r1) a gesture's frames are ")
	p("those until the pointer is released: cards arriving paint frames of their own, so the app is never still ")
	p("long enough to tell a gesture's last frames from theirs (the other scenes wait for the app to be still). ")
	p("The room's figures are in *The room under load*.\n\n")

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
	cmp("r1", "r0")
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
	var benches []*goBench // the room's load benchmarks have a section of their own
	for _, g := range r.benches {
		if !isRoomLoad(g) {
			benches = append(benches, g)
		}
	}
	if len(benches) == 0 {
		p("Not measured in this run.\n\n")
		return
	}
	n := 0
	for _, g := range benches {
		n = max(n, len(g.samples["ns/op"]))
	}
	p("`go test -p 1 -run '^$' -bench . -benchtime 500ms -benchmem -count %d`: the median and the 95th percentile (nearest rank; with %d runs, ", n, n)
	p("the slowest) of the runs, one package at a time (`-p 1`); a benchmark of many seconds an operation runs once (`-benchtime 1x`, ")
	p("Runs 1). These time the code alone, without painting.\n")
	for _, f := range r.goFailures {
		p("> %s\n", f)
	}
	pkg := ""
	for _, g := range benches {
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

	ps := pairs(benches)
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
