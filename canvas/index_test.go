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
		testCard{1, Rect{0, 0, 220, 120}, 0},
		testCard{2, Rect{1000, 1000, 220, 120}, 0},
		testCard{3, Rect{5000, -3000, 220, 120}, 0},
	)
	if ix.Len() != 3 {
		t.Fatalf("Len = %d, want 3", ix.Len())
	}
	tests := []struct {
		name string
		q    Rect
		want []int64
	}{
		{"around the first", Rect{-10, -10, 50, 50}, []int64{1}},
		{"between cards", Rect{300, 300, 500, 500}, nil},
		{"two cards", Rect{100, 100, 1000, 1000}, []int64{1, 2}},
		{"far card", Rect{5100, -2950, 1, 1}, []int64{3}},
		{"everything", Rect{-1e6, -1e6, 2e6, 2e6}, []int64{1, 2, 3}},
		{"zero-size inside", Rect{10, 10, 0, 0}, []int64{1}},
		{"negative size", Rect{1300, 1300, -200, -200}, []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Query(tt.q, nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Query(%v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}

	if r, ok := ix.Rect(2); !ok || r != (Rect{1000, 1000, 220, 120}) {
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
	if got := ix.Query(Rect{100, 100, 1000, 1000}, nil); !slices.Equal(got, []int64{1}) {
		t.Errorf("Query after remove = %v, want [1]", got)
	}
	if _, ok := ix.Hit(Point{1100, 1050}); ok {
		t.Error("Hit found the removed card")
	}
	ix.Remove(1)
	ix.Remove(3)
	if ix.Len() != 0 || ix.cellCount() != 0 {
		t.Errorf("empty index has Len %d and %d cells", ix.Len(), ix.cellCount())
	}
	if got := ix.Query(Rect{-1e6, -1e6, 2e6, 2e6}, nil); len(got) != 0 {
		t.Errorf("Query on empty index = %v", got)
	}
}

func TestIndexUpdateMovesBetweenCells(t *testing.T) {
	ix := NewIndex(100)
	ix.Put(7, Rect{10, 10, 50, 50}, 0)
	ix.Put(8, Rect{20, 20, 10, 10}, 0)
	ix.Put(7, Rect{1010, 2010, 50, 50}, 3) // far away, new cells
	if ix.Len() != 2 {
		t.Fatalf("Len = %d, want 2 (update must not add)", ix.Len())
	}
	if got := ix.Query(Rect{0, 0, 100, 100}, nil); !slices.Equal(got, []int64{8}) {
		t.Errorf("old place holds %v, want [8]", got)
	}
	if got := ix.Query(Rect{1000, 2000, 100, 100}, nil); !slices.Equal(got, []int64{7}) {
		t.Errorf("new place holds %v, want [7]", got)
	}
	if id, ok := ix.Hit(Point{1030, 2030}); !ok || id != 7 {
		t.Errorf("Hit at new place = %d, %v", id, ok)
	}
	if _, ok := ix.Hit(Point{50, 50}); ok {
		t.Error("Hit still finds the card at its old place")
	}
	// Small moves inside the same cells keep working too.
	ix.Put(7, Rect{1011, 2011, 50, 50}, 3)
	if r, _ := ix.Rect(7); r.X != 1011 {
		t.Errorf("small move not stored: %v", r)
	}
	if got := ix.Query(Rect{1061, 2061, 0, 0}, nil); !slices.Equal(got, []int64{7}) {
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
	ix.Put(1, Rect{-250, -250, 1000, 700}, 0) // spans 10×7 cells
	ix.Put(2, Rect{0, 0, 10, 10}, 0)
	if n := ix.cellCount(); n != 11*8 {
		t.Errorf("big card filed in %d cells, want %d", n, 11*8)
	}
	buf := make([]int64, 0, 8)
	for range 3 { // repeated queries reuse the stamps
		got := ix.Query(Rect{-500, -500, 2000, 2000}, buf)
		if !slices.Equal(got, []int64{1, 2}) {
			t.Fatalf("Query = %v, want [1 2]", got)
		}
	}
	// A generation wrap must not hide cards.
	ix.gen = ^uint32(0)
	if got := ix.Query(Rect{-500, -500, 2000, 2000}, buf); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("Query across generation wrap = %v", got)
	}
	if got := ix.Query(Rect{-500, -500, 2000, 2000}, buf); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("Query after generation wrap = %v", got)
	}
}

func TestIndexDrawingOrder(t *testing.T) {
	ix := indexOf(
		testCard{5, Rect{0, 0, 100, 100}, 2},
		testCard{3, Rect{10, 10, 100, 100}, 2},
		testCard{9, Rect{20, 20, 100, 100}, -1},
		testCard{1, Rect{30, 30, 100, 100}, 7},
		testCard{4, Rect{2000, 2000, 100, 100}, 0}, // other cells
		testCard{2, Rect{-1e7, 50, 2e7, 10}, 2},    // oversize
	)
	got := ix.Query(Rect{0, 0, 3000, 3000}, nil)
	want := []int64{9, 4, 2, 3, 5, 1}
	if !slices.Equal(got, want) {
		t.Errorf("Query = %v, want %v (z, then id)", got, want)
	}
	// dst is reused from its start.
	got = ix.Query(Rect{2050, 2050, 1, 1}, got)
	if !slices.Equal(got, []int64{4}) {
		t.Errorf("Query into used dst = %v, want [4]", got)
	}
}

func TestIndexEdgesTouch(t *testing.T) {
	ix := indexOf(testCard{1, Rect{0, 0, 512, 512}, 0}) // right edge on a cell boundary
	tests := []struct {
		q    Rect
		want bool
	}{
		{Rect{512, 0, 100, 100}, true},     // shares the right edge
		{Rect{-100, -100, 100, 100}, true}, // shares the top-left corner
		{Rect{512, 512, 0, 0}, true},       // the bottom-right corner
		{Rect{512.001, 0, 100, 100}, false},
		{Rect{0, -100.5, 10, 100}, false},
	}
	for _, tt := range tests {
		if got := len(ix.Query(tt.q, nil)) == 1; got != tt.want {
			t.Errorf("Query(%v) found = %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, ok := ix.Hit(Point{512, 512}); !ok {
		t.Error("Hit on the bottom-right corner missed")
	}
}

func TestIndexHit(t *testing.T) {
	ix := indexOf(
		testCard{1, Rect{0, 0, 200, 200}, 1},
		testCard{2, Rect{100, 100, 200, 200}, 5},
		testCard{3, Rect{150, 150, 10, 10}, 5},  // same z as 2, higher id
		testCard{4, Rect{120, 120, 10, 10}, 0},  // under 1 and 2
		testCard{5, Rect{-5e6, 900, 1e7, 5}, 9}, // oversize
	)
	tests := []struct {
		p      Point
		want   int64
		wantOK bool
	}{
		{Point{50, 50}, 1, true},
		{Point{250, 250}, 2, true},
		{Point{155, 155}, 3, true},
		{Point{125, 125}, 2, true},
		{Point{0, 0}, 1, true},
		{Point{1000, 902}, 5, true},
		{Point{-4e6, 900}, 5, true},
		{Point{500, 500}, 0, false},
		{Point{-1, 50}, 0, false},
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
		testCard{1, Rect{-600, -600, 220, 120}, 0}, // entirely in negative cells
		testCard{2, Rect{-100, -50, 220, 120}, 0},  // straddles the origin
		testCard{3, Rect{-9.9e6, -9.9e6, 220, 120}, 0},
	)
	if got := ix.Query(Rect{-700, -700, 200, 200}, nil); !slices.Equal(got, []int64{1}) {
		t.Errorf("Query near (-600,-600) = %v", got)
	}
	if got := ix.Query(Rect{-1, -1, 2, 2}, nil); !slices.Equal(got, []int64{2}) {
		t.Errorf("Query at origin = %v", got)
	}
	if id, ok := ix.Hit(Point{-9.9e6 + 1, -9.9e6 + 1}); !ok || id != 3 {
		t.Errorf("Hit far negative = %d, %v", id, ok)
	}
	if _, ok := ix.Hit(Point{-1, -51}); ok {
		t.Error("Hit just above card 2 found something")
	}
	b, ok := ix.Bounds()
	if want := (Rect{-9.9e6, -9.9e6, 9.9e6 + 120, 9.9e6 + 70}); !ok || b != want {
		t.Errorf("Bounds = %v, %v; want %v", b, ok, want)
	}
}

func TestIndexOversize(t *testing.T) {
	ix := NewIndex(0)
	ix.Put(1, Rect{-5e6, -5e6, 1e7, 1e7}, 0) // 19,532² cells if filed normally
	ix.Put(2, Rect{-5e6, 0, 1e7, 120}, 0)    // one row of 19,532 cells
	ix.Put(3, Rect{0, 0, 220, 120}, 0)
	if n := ix.cellCount(); n > 10 {
		t.Fatalf("%d cells allocated; oversize cards must not be filed per cell", n)
	}
	if got := ix.Query(Rect{4e6, 4e6, 1280, 800}, nil); !slices.Equal(got, []int64{1}) {
		t.Errorf("Query inside the huge card = %v, want [1]", got)
	}
	if got := ix.Query(Rect{-4.9e6, 50, 10, 10}, nil); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("Query on the long strip = %v, want [1 2]", got)
	}
	if got := ix.Query(Rect{6e6, 6e6, 10, 10}, nil); len(got) != 0 {
		t.Errorf("Query outside everything = %v", got)
	}
	// Shrinking a card moves it from the oversize list into the grid and back.
	ix.Put(1, Rect{100, 100, 50, 50}, 0)
	if len(ix.big) != 1 {
		t.Errorf("oversize list has %d entries, want 1", len(ix.big))
	}
	if got := ix.Query(Rect{4e6, 4e6, 1280, 800}, nil); len(got) != 0 {
		t.Errorf("shrunk card still found far away: %v", got)
	}
	ix.Put(1, Rect{-5e6, -5e6, 1e7, 1e7}, 0)
	ix.Remove(2)
	if len(ix.big) != 1 || ix.cellCount() > 10 {
		t.Errorf("after re-growing: %d oversize, %d cells", len(ix.big), ix.cellCount())
	}
	if id, ok := ix.Hit(Point{4e6, -4e6}); !ok || id != 1 {
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
		{"first card", func() { ix.Put(1, Rect{0, 0, 10, 10}, 0) }, Rect{0, 0, 10, 10}},
		{"grow", func() { ix.Put(2, Rect{100, 50, 10, 10}, 0) }, Rect{0, 0, 110, 60}},
		{"inner card", func() { ix.Put(3, Rect{40, 20, 10, 10}, 0) }, Rect{0, 0, 110, 60}},
		{"move inner out", func() { ix.Put(3, Rect{-40, 20, 10, 10}, 0) }, Rect{-40, 0, 150, 60}},
		{"move edge card in", func() { ix.Put(3, Rect{40, 20, 10, 10}, 0) }, Rect{0, 0, 110, 60}},
		{"remove edge card", func() { ix.Remove(2) }, Rect{0, 0, 50, 30}},
		{"remove inner", func() { ix.Put(4, Rect{5, 5, 1, 1}, 0); ix.Remove(4) }, Rect{0, 0, 50, 30}},
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
	r := Rect{rng.Float64()*40000 - 20000, rng.Float64()*40000 - 20000, 220, 120}
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
			r := Rect{rng.Float64()*44000 - 22000, rng.Float64()*44000 - 22000, rng.Float64() * 3000, rng.Float64() * 3000}
			switch q % 10 {
			case 0:
				r.W, r.H = 0, 0
			case 1: // a zoomed-out viewport, taking the linear path
				r = Rect{-30000, -30000, 60000, 60000}
			case 2: // extent on the grid
				r = Rect{float64(rng.Intn(80)-40) * 256, float64(rng.Intn(80)-40) * 256, 256, 256}
			}
			got = ix.Query(r, got)
			want = brute.query(r, want)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: Query(%v) = %d ids, brute force %d\n got %v\nwant %v", stage, r, len(got), len(want), got, want)
			}
			p := Point{rng.Float64()*44000 - 22000, rng.Float64()*44000 - 22000}
			if q%3 == 0 { // on a card's corner
				c := brute[rng.Intn(len(brute))]
				p = Point{c.r.Right(), c.r.Bottom()}
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
	ix.Query(Rect{-30000, -30000, 60000, 60000}, dst) // grow the scratch
	i := 0
	allocs := testing.AllocsPerRun(200, func() {
		dst = ix.Query(views[i%len(views)], dst)
		ix.Hit(Point{views[i%len(views)].X, views[i%len(views)].Y})
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
		cards[i] = testCard{int64(i + 1), Rect{rng.Float64() * 40000, rng.Float64() * 40000, 220, 120}, rng.Intn(benchCards)}
	}
	return cards
}

// benchViews are 1280×800 viewports at random places on the board.
func benchViews(rng *rand.Rand) []Rect {
	views := make([]Rect, 1024)
	for i := range views {
		views[i] = Rect{rng.Float64() * 38720, rng.Float64() * 39200, 1280, 800}
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
		ix.Hit(Point{v.X, v.Y})
	}
}

func BenchmarkBruteHit(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	cards, views := benchBoard(rng), benchViews(rng)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v := views[i%len(views)]
		cards.hit(Point{v.X, v.Y})
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
		ix.Put(1, Rect{r.X + step, r.Y + step/2, r.W, r.H}, 1)
	}
}
