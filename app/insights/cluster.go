package insights

import "container/heap"

// Similarity thresholds (cosine, 0…1); docs/insights.md says how they were
// chosen on the test corpus.
const (
	// themeThreshold is the least average similarity between two groups
	// of texts for them to be one theme.
	themeThreshold = 0.55
	// edgeFloor: pairs less similar than this count as 0 in the
	// averages. It keeps the graph sparse; such pairs would only pull an
	// average down, so dropping them can merge a little more eagerly,
	// never join texts with nothing in common.
	edgeFloor = 0.1
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
	postings := map[uint32][]int32{}
	acc := make([]float32, n)
	var touched []int32
	for i, v := range vs {
		for _, t := range v {
			for _, j := range postings[t.id] {
				if acc[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += t.w * wOf(vs[j], t.id)
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
			postings[t.id] = append(postings[t.id], int32(i))
		}
	}

	parent := make([]int, n)
	version := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	h := &pairHeap{}
	for a := range adj {
		for b, s := range adj[a] {
			if a < b {
				heap.Push(h, pair{s / float64(size[a]*size[b]), a, b, 0, 0})
			}
		}
	}
	for h.Len() > 0 {
		p := heap.Pop(h).(pair)
		if p.va != version[p.a] || p.vb != version[p.b] || parent[p.a] != p.a || parent[p.b] != p.b {
			continue // one of the groups changed since this pair was measured
		}
		if p.avg < themeThreshold {
			break
		}
		big, small := p.a, p.b
		if len(adj[big]) < len(adj[small]) {
			big, small = small, big
		}
		parent[small] = big
		size[big] += size[small]
		version[big]++
		delete(adj[big], small)
		for x, s := range adj[small] {
			if x == big {
				continue
			}
			delete(adj[x], small)
			link(adj, big, x, s)
		}
		adj[small] = nil
		for x, s := range adj[big] {
			a, b := big, x
			if a > b {
				a, b = b, a
			}
			heap.Push(h, pair{s / float64(size[big]*size[x]), a, b, version[a], version[b]})
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

// wOf is the weight of term id in v (0 if absent); vectors are short and
// sorted, so a binary search is cheap.
func wOf(v vector, id uint32) float32 {
	lo, hi := 0, len(v)
	for lo < hi {
		m := (lo + hi) / 2
		if v[m].id < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(v) && v[lo].id == id {
		return v[lo].w
	}
	return 0
}

// pair is two groups and their average similarity when measured, with the
// groups' versions then.
type pair struct {
	avg    float64
	a, b   int
	va, vb int
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
