package main

import (
	"math"
	"os"
	"strconv"
	"strings"
)

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
	room                  *roomRun // r0, r1: the room open during the gestures
}

// roomRun is a "room" line of frames.tsv: the participants .ci/roomload
// played while the scene's gestures ran, and what the app did meanwhile.
type roomRun struct {
	participants, joined, sent, answered, errors, stored int
	p50, p95, max                                        float64 // ms from a card sent to its 201
	rssBeforeKB, rssAfterKB                              float64 // the app's VmRSS before the participants joined and after the last answer
	cpu, wall                                            float64 // the app's CPU time (user + system) over those wall seconds
	sending, loadCPU                                     float64 // seconds the cards took to send; roomload's own CPU time
	covered                                              bool    // cards still arrived when the drag was released
	behindMs                                             float64 // the board's last frame after the last card's answer; NaN unless covered
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
		case f[0] == "room" && len(f) >= 19:
			if s := r.scene(f[1]); s != nil {
				s.room = parseRoom(f[2:])
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

// parseRoom reads the fields after "room\tSCENE", in .ci/bench-frames'
// order.
func parseRoom(f []string) *roomRun {
	i := func(k int) int { n, _ := strconv.Atoi(f[k]); return n }
	x := func(k int) float64 {
		v, err := strconv.ParseFloat(f[k], 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	return &roomRun{participants: i(0), joined: i(1), sent: i(2), answered: i(3), errors: i(4),
		p50: x(5), p95: x(6), max: x(7), stored: i(8), rssBeforeKB: x(9), rssAfterKB: x(10),
		cpu: x(11), wall: x(12), sending: x(13), loadCPU: x(14), covered: f[15] == "1", behindMs: x(16)}
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
