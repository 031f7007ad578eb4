package insights

import "container/heap"

// Similarity thresholds (cosine, 0…1); docs/insights.md says how they were
// chosen on the test corpus.
const (
	// themeThreshold is the least average similarity between two groups
	// of texts for them to be one theme.
	themeThreshold = 0.55
	// edgeFloor: pairs less similar than this count as 0 in the
	// averages. It keeps the graph sparse (long cards share a word or two
	// with many others); counting such a pair as 0 can only lower an
	// average, so it never joins what would otherwise stay apart.
	edgeFloor = 0.3
)

// clusterVectors groups texts into themes by average linkage: starting
// from one group per distinct vector (weight[i] copies of vs[i]), it
// merges the two groups whose pairs are on average the most similar,
// until no two groups average themeThreshold or more. It returns each
// vector's group number, numbered from 0 in order of first appearance.
//
// Pairs are found through an inverted index (only texts that share a
// term are compared), so the cost grows with how many texts share each
// term, not with the square of the texts.
func clusterVectors(vs []vector, weight []int) []int {
	n := len(vs)
	adj := make([]map[int]float64, n) // group → neighbour → sum of pair similarities × weights
	size := make([]int, n)
	for i := range vs {
		size[i] = weight[i]
	}
	type posting struct {
		j int32
		w float32
	}
	postings := map[uint32][]posting{}
	acc := make([]float32, n)
	var touched []int32
	for i, v := range vs {
		for _, t := range v {
			for _, p := range postings[t.id] {
				if acc[p.j] == 0 {
					touched = append(touched, p.j)
				}
				acc[p.j] += t.w * p.w
			}
		}
		for _, j := range touched {
			if s := float64(acc[j]); s >= edgeFloor {
				link(adj, i, int(j), s*float64(weight[i]*weight[j]))
			}
			acc[j] = 0
		}
		touched = touched[:0]
		for _, t := range v {
			postings[t.id] = append(postings[t.id], posting{int32(i), t.w})
		}
	}

	// Each group keeps its best neighbour (the highest average); the heap
	// holds each group's best, so the top is the most similar pair. After
	// a merge only the merged group and its neighbours need a look.
	parent := make([]int, n)
	version := make([]int, n)
	best := make([]pair, n)
	h := &pairHeap{}
	for i := range parent {
		parent[i] = i
	}
	avg := func(a, b int) float64 { return adj[a][b] / float64(size[a]*size[b]) }
	rescan := func(c int) {
		version[c]++
		best[c] = pair{avg: -1, a: c, b: -1, va: version[c]}
		for x := range adj[c] {
			if v := avg(c, x); v > best[c].avg || v == best[c].avg && x < best[c].b {
				best[c].avg, best[c].b = v, x
			}
		}
		if best[c].b >= 0 && best[c].avg >= themeThreshold {
			heap.Push(h, best[c])
		}
	}
	for c := range parent {
		rescan(c)
	}
	for h.Len() > 0 {
		p := heap.Pop(h).(pair)
		if parent[p.a] != p.a || p.va != version[p.a] {
			continue // measured before p.a or its neighbours changed
		}
		big, small := p.a, p.b
		if len(adj[big]) < len(adj[small]) {
			big, small = small, big
		}
		parent[small] = big
		size[big] += size[small]
		delete(adj[big], small)
		for x, s := range adj[small] {
			if x != big {
				delete(adj[x], small)
				link(adj, big, x, s)
			}
		}
		adj[small] = nil
		version[small]++
		rescan(big)
		for x := range adj[big] {
			if best[x].b == big || best[x].b == small {
				rescan(x)
			} else if v := avg(x, big); v > best[x].avg || v == best[x].avg && big < best[x].b {
				version[x]++
				best[x] = pair{v, x, big, version[x]}
				if v >= themeThreshold {
					heap.Push(h, best[x])
				}
			}
		}
	}

	group := make([]int, n)
	number := map[int]int{}
	for i := range vs {
		r := i
		for parent[r] != r {
			r = parent[r]
		}
		g, ok := number[r]
		if !ok {
			g = len(number)
			number[r] = g
		}
		group[i] = g
	}
	return group
}

func link(adj []map[int]float64, a, b int, s float64) {
	if adj[a] == nil {
		adj[a] = map[int]float64{}
	}
	if adj[b] == nil {
		adj[b] = map[int]float64{}
	}
	adj[a][b] += s
	adj[b][a] += s
}

// pair is group a's best neighbour b and their average similarity, as
// measured at a's version va.
type pair struct {
	avg  float64
	a, b int
	va   int
}

// pairHeap pops the most similar pair first; ties by the lower numbers, so
// the result does not depend on map order.
type pairHeap []pair

func (h pairHeap) Len() int { return len(h) }
func (h pairHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h pairHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pairHeap) Push(x any)   { *h = append(*h, x.(pair)) }
func (h *pairHeap) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}
