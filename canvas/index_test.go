package canvas

import (
	"cmp"
	"math/rand"
	"slices"
	"testing"
)

type testCard struct {
	id int64
	r  Rect
	z  int
}

func indexOf(cards ...testCard) *Index {
	ix := NewIndex(0)
	for _, c := range cards {
		ix.Put(c.id, c.r, c.z)
	}
	return ix
}

func TestIndexPutQueryRemove(t *testing.T) {
	ix := indexOf(
		testCard{1, Rect{X: 0, Y: 0, W: 220, H: 120}, 0},
		testCard{2, Rect{X: 1000, Y: 1000, W: 220, H: 120}, 0},
		testCard{3, Rect{X: 5000, Y: -3000, W: 220, H: 120}, 0},
	)
	if ix.Len() != 3 {
		t.Fatalf("Len = %d, want 3", ix.Len())
	}
	tests := []struct {
		name string
		q    Rect
		want []int64
	}{
		{"around the first", Rect{X: -10, Y: -10, W: 50, H: 50}, []int64{1}},
		{"between cards", Rect{X: 300, Y: 300, W: 500, H: 500}, nil},
		{"two cards", Rect{X: 100, Y: 100, W: 1000, H: 1000}, []int64{1, 2}},
		{"far card", Rect{X: 5100, Y: -2950, W: 1, H: 1}, []int64{3}},
		{"everything", Rect{X: -1e6, Y: -1e6, W: 2e6, H: 2e6}, []int64{1, 2, 3}},
		{"zero-size inside", Rect{X: 10, Y: 10, W: 0, H: 0}, []int64{1}},
		{"negative size", Rect{X: 1300, Y: 1300, W: -200, H: -200}, []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Query(tt.q, nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Query(%v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}

	if r, ok := ix.Rect(2); !ok || r != (Rect{X: 1000, Y: 1000, W: 220, H: 120}) {
		t.Errorf("Rect(2) = %v, %v", r, ok)
	}
	ix.Remove(2)
	ix.Remove(2)  // already gone
	ix.Remove(99) // never there
	if ix.Len() != 2 {
		t.Errorf("Len after remove = %d, want 2", ix.Len())
	}
	if _, ok := ix.Rect(2); ok {
		t.Error("Rect(2) still found after Remove")
	}
	if got := ix.Query(Rect{X: 100, Y: 100, W: 1000, H: 1000}, nil); !slices.Equal(got, []int64{1}) {
		t.Errorf("Query after remove = %v, want [1]", got)
	}
	if _, ok := ix.Hit(Point{X: 1100, Y: 1050}); ok {
		t.Error("Hit found the removed card")
	}
	ix.Remove(1)
	ix.Remove(3)
	if ix.Len() != 0 || ix.cellCount() != 0 {
		t.Errorf("empty index has Len %d and %d cells", ix.Len(), ix.cellCount())
	}
	if got := ix.Query(Rect{X: -1e6, Y: -1e6, W: 2e6, H: 2e6}, nil); len(got) != 0 {
		t.Errorf("Query on empty index = %v", got)
	}
}

func TestIndexUpdateMovesBetweenCells(t *testing.T) {
	ix := NewIndex(100)
	ix.Put(7, Rect{X: 10, Y: 10, W: 50, H: 50}, 0)
	ix.Put(8, Rect{X: 20, Y: 20, W: 10, H: 10}, 0)
	ix.Put(7, Rect{X: 1010, Y: 2010, W: 50, H: 50}, 3) // far away, new cells
	if ix.Len() != 2 {
		t.Fatalf("Len = %d, want 2 (update must not add)", ix.Len())
	}
	if got := ix.Query(Rect{X: 0, Y: 0, W: 100, H: 100}, nil); !slices.Equal(got, []int64{8}) {
		t.Errorf("old place holds %v, want [8]", got)
	}
	if got := ix.Query(Rect{X: 1000, Y: 2000, W: 100, H: 100}, nil); !slices.Equal(got, []int64{7}) {
		t.Errorf("new place holds %v, want [7]", got)
	}
	if id, ok := ix.Hit(Point{X: 1030, Y: 2030}); !ok || id != 7 {
		t.Errorf("Hit at new place = %d, %v", id, ok)
	}
	if _, ok := ix.Hit(Point{X: 50, Y: 50}); ok {
		t.Error("Hit still finds the card at its old place")
	}
	// Small moves inside the same cells keep working too.
	ix.Put(7, Rect{X: 1011, Y: 2011, W: 50, H: 50}, 3)
	if r, _ := ix.Rect(7); r.X != 1011 {
		t.Errorf("small move not stored: %v", r)
	}
	if got := ix.Query(Rect{X: 1061, Y: 2061, W: 0, H: 0}, nil); !slices.Equal(got, []int64{7}) {
		t.Errorf("corner query after small move = %v", got)
	}
	// Cells left behind are dropped.
	ix.Remove(8)
	if n := ix.cellCount(); n != 1 {
		t.Errorf("%d cells in use, want 1", n)
	}
}

func TestIndexQueryDedup(t *testing.T) {
	ix := NewIndex(100)
	ix.Put(1, Rect{X: -250, Y: -250, W: 1000, H: 700}, 0) // spans 10×7 cells
	ix.Put(2, Rect{X: 0, Y: 0, W: 10, H: 10}, 0)
	if n := ix.cellCount(); n != 11*8 {
		t.Errorf("big card filed in %d cells, want %d", n, 11*8)
	}
	buf := make([]int64, 0, 8)
	for range 3 { // repeated queries reuse the stamps
		got := ix.Query(Rect{X: -500, Y: -500, W: 2000, H: 2000}, buf)
		if !slices.Equal(got, []int64{1, 2}) {
			t.Fatalf("Query = %v, want [1 2]", got)
		}
	}
	// A generation wrap must not hide cards.
	ix.gen = ^uint32(0)
	if got := ix.Query(Rect{X: -500, Y: -500, W: 2000, H: 2000}, buf); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("Query across generation wrap = %v", got)
	}
	if got := ix.Query(Rect{X: -500, Y: -500, W: 2000, H: 2000}, buf); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("Query after generation wrap = %v", got)
	}
}

func TestIndexDrawingOrder(t *testing.T) {
	ix := indexOf(
		testCard{5, Rect{X: 0, Y: 0, W: 100, H: 100}, 2},
		testCard{3, Rect{X: 10, Y: 10, W: 100, H: 100}, 2},
		testCard{9, Rect{X: 20, Y: 20, W: 100, H: 100}, -1},
		testCard{1, Rect{X: 30, Y: 30, W: 100, H: 100}, 7},
		testCard{4, Rect{X: 2000, Y: 2000, W: 100, H: 100}, 0}, // other cells
		testCard{2, Rect{X: -1e7, Y: 50, W: 2e7, H: 10}, 2},    // oversize
	)
	got := ix.Query(Rect{X: 0, Y: 0, W: 3000, H: 3000}, nil)
	want := []int64{9, 4, 2, 3, 5, 1}
	if !slices.Equal(got, want) {
		t.Errorf("Query = %v, want %v (z, then id)", got, want)
	}
	// dst is reused from its start.
	got = ix.Query(Rect{X: 2050, Y: 2050, W: 1, H: 1}, got)
	if !slices.Equal(got, []int64{4}) {
		t.Errorf("Query into used dst = %v, want [4]", got)
	}
}

func TestIndexEdgesTouch(t *testing.T) {
	ix := indexOf(testCard{1, Rect{X: 0, Y: 0, W: 512, H: 512}, 0}) // right edge on a cell boundary
	tests := []struct {
		q    Rect
		want bool
	}{
		{Rect{X: 512, Y: 0, W: 100, H: 100}, true},     // shares the right edge
		{Rect{X: -100, Y: -100, W: 100, H: 100}, true}, // shares the top-left corner
		{Rect{X: 512, Y: 512, W: 0, H: 0}, true},       // the bottom-right corner
		{Rect{X: 512.001, Y: 0, W: 100, H: 100}, false},
		{Rect{X: 0, Y: -100.5, W: 10, H: 100}, false},
	}
	for _, tt := range tests {
		if got := len(ix.Query(tt.q, nil)) == 1; got != tt.want {
			t.Errorf("Query(%v) found = %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, ok := ix.Hit(Point{X: 512, Y: 512}); !ok {
		t.Error("Hit on the bottom-right corner missed")
	}
}

func TestIndexHit(t *testing.T) {
	ix := indexOf(
		testCard{1, Rect{X: 0, Y: 0, W: 200, H: 200}, 1},
		testCard{2, Rect{X: 100, Y: 100, W: 200, H: 200}, 5},
		testCard{3, Rect{X: 150, Y: 150, W: 10, H: 10}, 5},  // same z as 2, higher id
		testCard{4, Rect{X: 120, Y: 120, W: 10, H: 10}, 0},  // under 1 and 2
		testCard{5, Rect{X: -5e6, Y: 900, W: 1e7, H: 5}, 9}, // oversize
	)
	tests := []struct {
		p      Point
		want   int64
		wantOK bool
	}{
		{Point{X: 50, Y: 50}, 1, true},
		{Point{X: 250, Y: 250}, 2, true},
		{Point{X: 155, Y: 155}, 3, true},
		{Point{X: 125, Y: 125}, 2, true},
		{Point{X: 0, Y: 0}, 1, true},
		{Point{X: 1000, Y: 902}, 5, true},
		{Point{X: -4e6, Y: 900}, 5, true},
		{Point{X: 500, Y: 500}, 0, false},
		{Point{X: -1, Y: 50}, 0, false},
	}
	for _, tt := range tests {
		got, ok := ix.Hit(tt.p)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Hit(%v) = %d, %v; want %d, %v", tt.p, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestIndexNegativeCoordinates(t *testing.T) {
	ix := indexOf(
		testCard{1, Rect{X: -600, Y: -600, W: 220, H: 120}, 0}, // entirely in negative cells
		testCard{2, Rect{X: -100, Y: -50, W: 220, H: 120}, 0},  // straddles the origin
		testCard{3, Rect{X: -9.9e6, Y: -9.9e6, W: 220, H: 120}, 0},
	)
	if got := ix.Query(Rect{X: -700, Y: -700, W: 200, H: 200}, nil); !slices.Equal(got, []int64{1}) {
		t.Errorf("Query near (-600,-600) = %v", got)
	}
	if got := ix.Query(Rect{X: -1, Y: -1, W: 2, H: 2}, nil); !slices.Equal(got, []int64{2}) {
		t.Errorf("Query at origin = %v", got)
	}
	if id, ok := ix.Hit(Point{X: -9.9e6 + 1, Y: -9.9e6 + 1}); !ok || id != 3 {
		t.Errorf("Hit far negative = %d, %v", id, ok)
	}
	if _, ok := ix.Hit(Point{X: -1, Y: -51}); ok {
		t.Error("Hit just above card 2 found something")
	}
	b, ok := ix.Bounds()
	if want := (Rect{X: -9.9e6, Y: -9.9e6, W: 9.9e6 + 120, H: 9.9e6 + 70}); !ok || b != want {
		t.Errorf("Bounds = %v, %v; want %v", b, ok, want)
	}
}

func TestIndexOversize(t *testing.T) {
	ix := NewIndex(0)
	ix.Put(1, Rect{X: -5e6, Y: -5e6, W: 1e7, H: 1e7}, 0) // 19,532² cells if filed normally
	ix.Put(2, Rect{X: -5e6, Y: 0, W: 1e7, H: 120}, 0)    // one row of 19,532 cells
	ix.Put(3, Rect{X: 0, Y: 0, W: 220, H: 120}, 0)
	if n := ix.cellCount(); n > 10 {
		t.Fatalf("%d cells allocated; oversize cards must not be filed per cell", n)
	}
	if got := ix.Query(Rect{X: 4e6, Y: 4e6, W: 1280, H: 800}, nil); !slices.Equal(got, []int64{1}) {
		t.Errorf("Query inside the huge card = %v, want [1]", got)
	}
	if got := ix.Query(Rect{X: -4.9e6, Y: 50, W: 10, H: 10}, nil); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("Query on the long strip = %v, want [1 2]", got)
	}
	if got := ix.Query(Rect{X: 6e6, Y: 6e6, W: 10, H: 10}, nil); len(got) != 0 {
		t.Errorf("Query outside everything = %v", got)
	}
	// Shrinking a card moves it from the oversize list into the grid and back.
	ix.Put(1, Rect{X: 100, Y: 100, W: 50, H: 50}, 0)
	if len(ix.big) != 1 {
		t.Errorf("oversize list has %d entries, want 1", len(ix.big))
	}
	if got := ix.Query(Rect{X: 4e6, Y: 4e6, W: 1280, H: 800}, nil); len(got) != 0 {
		t.Errorf("shrunk card still found far away: %v", got)
	}
	ix.Put(1, Rect{X: -5e6, Y: -5e6, W: 1e7, H: 1e7}, 0)
	ix.Remove(2)
	if len(ix.big) != 1 || ix.cellCount() > 10 {
		t.Errorf("after re-growing: %d oversize, %d cells", len(ix.big), ix.cellCount())
	}
	if id, ok := ix.Hit(Point{X: 4e6, Y: -4e6}); !ok || id != 1 {
		t.Errorf("Hit in huge card = %d, %v", id, ok)
	}
}

func TestIndexBounds(t *testing.T) {
	ix := NewIndex(0)
	if _, ok := ix.Bounds(); ok {
		t.Error("empty index reports bounds")
	}
	steps := []struct {
		name string
		do   func()
		want Rect
	}{
		{"first card", func() { ix.Put(1, Rect{X: 0, Y: 0, W: 10, H: 10}, 0) }, Rect{X: 0, Y: 0, W: 10, H: 10}},
		{"grow", func() { ix.Put(2, Rect{X: 100, Y: 50, W: 10, H: 10}, 0) }, Rect{X: 0, Y: 0, W: 110, H: 60}},
		{"inner card", func() { ix.Put(3, Rect{X: 40, Y: 20, W: 10, H: 10}, 0) }, Rect{X: 0, Y: 0, W: 110, H: 60}},
		{"move inner out", func() { ix.Put(3, Rect{X: -40, Y: 20, W: 10, H: 10}, 0) }, Rect{X: -40, Y: 0, W: 150, H: 60}},
		{"move edge card in", func() { ix.Put(3, Rect{X: 40, Y: 20, W: 10, H: 10}, 0) }, Rect{X: 0, Y: 0, W: 110, H: 60}},
		{"remove edge card", func() { ix.Remove(2) }, Rect{X: 0, Y: 0, W: 50, H: 30}},
		{"remove inner", func() { ix.Put(4, Rect{X: 5, Y: 5, W: 1, H: 1}, 0); ix.Remove(4) }, Rect{X: 0, Y: 0, W: 50, H: 30}},
	}
	for _, s := range steps {
		s.do()
		b, ok := ix.Bounds()
		if !ok || b != s.want {
			t.Errorf("%s: Bounds = %v, %v; want %v", s.name, b, ok, s.want)
		}
	}
}

// bruteIndex is the obvious linear scan that Index must agree with.
type bruteIndex []testCard

func (b bruteIndex) query(r Rect, dst []int64) []int64 {
	r = positiveSize(r)
	var found []testCard
	for _, c := range b {
		if touchesIncl(c.r, r) {
			found = append(found, c)
		}
	}
	slices.SortFunc(found, func(a, b testCard) int {
		if c := cmp.Compare(a.z, b.z); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	dst = dst[:0]
	for _, c := range found {
		dst = append(dst, c.id)
	}
	return dst
}

func (b bruteIndex) hit(p Point) (int64, bool) {
	best := -1
	for i, c := range b {
		if c.r.Contains(p) && (best < 0 || c.z > b[best].z || (c.z == b[best].z && c.id > b[best].id)) {
			best = i
		}
	}
	if best < 0 {
		return 0, false
	}
	return b[best].id, true
}

func randomCard(rng *rand.Rand, id int64) testCard {
	r := Rect{X: rng.Float64()*40000 - 20000, Y: rng.Float64()*40000 - 20000, W: 220, H: 120}
	switch rng.Intn(10) {
	case 0: // a big card across many cells
		r.W, r.H = rng.Float64()*5000, rng.Float64()*5000
	case 1: // an oversize one
		r.X, r.W = -1e7, 2e7
	case 2, 3: // snapped to the grid, to test shared extent
		r.X, r.Y = float64(rng.Intn(80)-40)*256, float64(rng.Intn(80)-40)*256
		r.W, r.H = 256, 256
	default:
		r.W, r.H = 100+rng.Float64()*300, 60+rng.Float64()*200
	}
	return testCard{id, r, rng.Intn(5)}
}

func TestIndexMatchesBruteForce(t *testing.T) {
	t.Run("cards", func(t *testing.T) { testIndexMatchesBruteForce(t, NewIndex(0)) })
	// The links' index keeps anything over 16 cells in its oversize list.
	t.Run("links", func(t *testing.T) { testIndexMatchesBruteForce(t, newLinkIndex()) })
}

func testIndexMatchesBruteForce(t *testing.T, ix *Index) {
	rng := rand.New(rand.NewSource(42))
	brute := bruteIndex{}
	for i := range 2000 {
		c := randomCard(rng, int64(i*7+1)) // ids not in insertion order of z
		ix.Put(c.id, c.r, c.z)
		brute = append(brute, c)
	}
	compare := func(stage string) {
		t.Helper()
		var got, want []int64
		for q := range 200 {
			r := Rect{X: rng.Float64()*44000 - 22000, Y: rng.Float64()*44000 - 22000, W: rng.Float64() * 3000, H: rng.Float64() * 3000}
			switch q % 10 {
			case 0:
				r.W, r.H = 0, 0
			case 1: // a zoomed-out viewport, taking the linear path
				r = Rect{X: -30000, Y: -30000, W: 60000, H: 60000}
			case 2: // extent on the grid
				r = Rect{X: float64(rng.Intn(80)-40) * 256, Y: float64(rng.Intn(80)-40) * 256, W: 256, H: 256}
			}
			got = ix.Query(r, got)
			want = brute.query(r, want)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: Query(%v) = %d ids, brute force %d\n got %v\nwant %v", stage, r, len(got), len(want), got, want)
			}
			p := Point{X: rng.Float64()*44000 - 22000, Y: rng.Float64()*44000 - 22000}
			if q%3 == 0 { // on a card's corner
				c := brute[rng.Intn(len(brute))]
				p = Point{X: c.r.Right(), Y: c.r.Bottom()}
			}
			gid, gok := ix.Hit(p)
			wid, wok := brute.hit(p)
			if gid != wid || gok != wok {
				t.Fatalf("%s: Hit(%v) = %d, %v; brute force %d, %v", stage, p, gid, gok, wid, wok)
			}
		}
		b, ok := ix.Bounds()
		var we extent
		for i, c := range brute {
			if i == 0 {
				we = extentOf(c.r)
			} else {
				we = we.grow(c.r)
			}
		}
		wb := we.rect()
		if ok != (len(brute) > 0) || (ok && b != wb) {
			t.Fatalf("%s: Bounds = %v, %v; want %v", stage, b, ok, wb)
		}
	}
	compare("after insert")

	for range 1000 { // moves, small and large, and restacking
		i := rng.Intn(len(brute))
		c := &brute[i]
		if rng.Intn(2) == 0 {
			c.r.X += rng.Float64()*20 - 10
			c.r.Y += rng.Float64()*20 - 10
		} else {
			*c = randomCard(rng, c.id)
		}
		ix.Put(c.id, c.r, c.z)
	}
	compare("after moves")

	for range 700 {
		i := rng.Intn(len(brute))
		ix.Remove(brute[i].id)
		brute = slices.Delete(brute, i, i+1)
	}
	for i := range 300 { // reuse free slots
		c := randomCard(rng, int64(100000+i))
		ix.Put(c.id, c.r, c.z)
		brute = append(brute, c)
	}
	if ix.Len() != len(brute) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(brute))
	}
	compare("after removes and inserts")
}

func TestIndexQueryDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	ix := benchIndex(rng)
	dst := make([]int64, 0, 1024)
	views := benchViews(rng)
	ix.Query(Rect{X: -30000, Y: -30000, W: 60000, H: 60000}, dst) // grow the scratch
	i := 0
	allocs := testing.AllocsPerRun(200, func() {
		dst = ix.Query(views[i%len(views)], dst)
		ix.Hit(Point{X: views[i%len(views)].X, Y: views[i%len(views)].Y})
		i++
	})
	if allocs != 0 {
		t.Errorf("Query+Hit allocate %v times per run", allocs)
	}
}

const benchCards = 10000

func benchIndex(rng *rand.Rand) *Index {
	ix := NewIndex(0)
	for _, c := range benchBoard(rng) {
		ix.Put(c.id, c.r, c.z)
	}
	return ix
}

// benchBoard is 10,000 cards spread over a 40,000×40,000 board.
func benchBoard(rng *rand.Rand) bruteIndex {
	cards := make(bruteIndex, benchCards)
	for i := range cards {
		cards[i] = testCard{int64(i + 1), Rect{X: rng.Float64() * 40000, Y: rng.Float64() * 40000, W: 220, H: 120}, rng.Intn(benchCards)}
	}
	return cards
}

// benchViews are 1280×800 viewports at random places on the board.
func benchViews(rng *rand.Rand) []Rect {
	views := make([]Rect, 1024)
	for i := range views {
		views[i] = Rect{X: rng.Float64() * 38720, Y: rng.Float64() * 39200, W: 1280, H: 800}
	}
	return views
}

func BenchmarkIndexQuery(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	ix, views := benchIndex(rng), benchViews(rng)
	dst := make([]int64, 0, 256)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		dst = ix.Query(views[i%len(views)], dst)
	}
}

func BenchmarkBruteQuery(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	cards, views := benchBoard(rng), benchViews(rng)
	dst := make([]int64, 0, 256)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		dst = cards.query(views[i%len(views)], dst)
	}
}

func BenchmarkIndexHit(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	ix, views := benchIndex(rng), benchViews(rng)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v := views[i%len(views)]
		ix.Hit(Point{X: v.X, Y: v.Y})
	}
}

func BenchmarkBruteHit(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	cards, views := benchBoard(rng), benchViews(rng)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v := views[i%len(views)]
		cards.hit(Point{X: v.X, Y: v.Y})
	}
}

// BenchmarkIndexMove drags one card a few units at a time, as the Board
// does on every pointer event, crossing a cell boundary now and then.
func BenchmarkIndexMove(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	ix := benchIndex(rng)
	r, _ := ix.Rect(1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		step := float64(i%2000) * 3 // back and forth over 6,000 units
		if (i/2000)%2 == 1 {
			step = 6000 - step
		}
		ix.Put(1, Rect{X: r.X + step, Y: r.Y + step/2, W: r.W, H: r.H}, 1)
	}
}
