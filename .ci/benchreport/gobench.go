package main

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

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
