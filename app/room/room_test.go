package room

import (
	"bufio"
	"bytes"

	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

var ctx = context.Background()

// fixture is a room on loopback for a new debrief of a real database.
type fixture struct {
	t   *testing.T
	db  *store.DB
	s   *session.Session
	r   *Room
	now *clock
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newFixture(t *testing.T, cfg Config) *fixture {
	t.Helper()
	db := storetest.New(t)
	d := model.NewDebrief("Checkout outage")
	if err := storetest.CreateDebrief(ctx, db, &d); err != nil {
		t.Fatal(err)
	}
	s := session.Open(db, &model.Dossier{Debrief: d}, model.NewSession(d), session.IDs{Factor: 1, Link: 1, Sign: 1, Change: 1, Kudos: 1}, session.Options{})
	t.Cleanup(func() { s.Close() })
	c := &clock{t: time.Date(2026, 12, 5, 10, 7, 31, 0, time.UTC)}
	cfg.IP = "127.0.0.1"
	cfg.Now = c.Now
	r, err := Open(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return &fixture{t: t, db: db, s: s, r: r, now: c}
}

func (f *fixture) base() string { return strings.TrimSuffix(f.r.JoinURL(), "/") }

// setPhase moves the facilitator's screen.
func (f *fixture) setPhase(p model.Phase) {
	c := f.s.Clock()
	c.Phase = p
	if err := f.s.SetClock("test", c); err != nil {
		f.t.Fatal(err)
	}
}

// stored is the debrief as the database has it.
func (f *fixture) stored() *model.Dossier {
	f.t.Helper()
	d, err := f.db.LoadDossier(ctx, f.s.ID())
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

// participant is a device in the room, as the page is.
type participant struct {
	f             *fixture
	token, device string
}

func (f *fixture) join() *participant {
	f.t.Helper()
	p := &participant{f: f, token: f.r.token}
	code, body := p.send("POST", "/api/devices", `{}`)
	if code != 200 {
		f.t.Fatalf("devices: %d %s", code, body)
	}
	var out struct{ Device string }
	json.Unmarshal([]byte(body), &out)
	p.device = out.Device
	return p
}

// send makes a request as the page does, and returns the status and body.
func (p *participant) send(method, path, body string) (int, string) {
	return p.sendWith(method, path, body, func(*http.Request) {})
}

func (p *participant) sendWith(method, path, body string, edit func(*http.Request)) (int, string) {
	p.f.t.Helper()
	req, _ := http.NewRequest(method, p.f.base()+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Room-Token", p.token)
	req.Header.Set("X-Room-Device", p.device)
	edit(req)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		p.f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (p *participant) card(key, text string) (int, string) {
	b, _ := json.Marshal(map[string]string{"key": key, "text": text, "category": "process"})
	return p.send("POST", "/api/cards", string(b))
}

// events is a device's live stream: every event as it comes.
type events struct {
	ch   chan [2]string // event, data
	stop func()
}

func (p *participant) listen() *events {
	p.f.t.Helper()
	c, cancel := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(c, "GET", p.f.base()+"/api/events?t="+p.token+"&d="+p.device, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		p.f.t.Fatalf("events: %v %v", err, res)
	}
	e := &events{ch: make(chan [2]string, 100), stop: cancel}
	go func() {
		defer close(e.ch)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		var ev, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev = line[7:]
			case strings.HasPrefix(line, "data: "):
				data = line[6:]
			case line == "" && ev != "":
				e.ch <- [2]string{ev, data}
				ev, data = "", ""
			}
		}
	}()
	p.f.t.Cleanup(cancel)
	return e
}

// until waits for a state that ok accepts, and returns it and every raw
// event heard until then.
func (e *events) until(t *testing.T, ok func(state) bool) (state, string) {
	t.Helper()
	var raw strings.Builder
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, open := <-e.ch:
			if !open {
				t.Fatal("the stream ended")
			}
			raw.WriteString(ev[0] + " " + ev[1] + "\n")
			if ev[0] != "state" {
				continue
			}
			var s state
			if err := json.Unmarshal([]byte(ev[1]), &s); err != nil {
				t.Fatal(err)
			}
			if ok(s) {
				return s, raw.String()
			}
		case <-timeout:
			t.Fatalf("no such state in 10 s; heard:\n%s", raw.String())
		}
	}
}

func TestJoinByCode(t *testing.T) {
	f := newFixture(t, Config{})
	try := func(code string) (int, *http.Response) {
		res, err := http.Post(f.base()+"/api/join", "application/json", strings.NewReader(`{"code":"`+code+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode, res
	}
	if code, _ := try(strings.ToLower(f.r.Code()[:3]) + " " + f.r.Code()[3:]); code != 200 {
		t.Errorf("the right code, typed in lower case with a space: %d, want 200", code)
	}
	for i := range WrongCodes {
		if code, _ := try("ZZZZZZ"[:5] + string(rune('A'+i))); code != 403 {
			t.Errorf("wrong code %d: %d, want 403", i, code)
		}
	}
	code, res := try(f.r.Code())
	if code != 429 || res.Header.Get("Retry-After") == "" {
		t.Errorf("after %d wrong codes the right one got %d (Retry-After %q); want 429: tries wait", WrongCodes, code, res.Header.Get("Retry-After"))
	}
	f.now.advance(61 * time.Second)
	if code, _ := try(f.r.Code()); code != 200 {
		t.Errorf("a minute later the right code got %d, want 200", code)
	}
}

// 1,000 wrong codes: the first 10 are checked, the rest wait, none joins.
func TestThousandWrongCodes(t *testing.T) {
	f := newFixture(t, Config{})
	counts := map[int]int{}
	for i := range 1000 {
		code := fmt.Sprintf("%06d", i)
		res, err := http.Post(f.base()+"/api/join", "application/json", strings.NewReader(`{"code":"`+code+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(b), f.r.token) {
			t.Fatal("a wrong code got the token")
		}
		counts[res.StatusCode]++
	}
	if counts[403] != WrongCodes || counts[429] != 1000-WrongCodes {
		t.Errorf("answers to 1,000 wrong codes: %v; want %d refused and the rest told to wait", counts, WrongCodes)
	}
}

func TestCardIsStoredFaceDownBeforeItIsAnswered(t *testing.T) {
	f := newFixture(t, Config{})
	p := f.join()
	code, body := p.card("k1", "Deploy ran during the migration")
	if code != 201 {
		t.Fatalf("card: %d %s", code, body)
	}
	d := f.stored()
	if len(d.Factors) != 1 {
		t.Fatalf("the database has %d cards when the device is told it was sent; want 1", len(d.Factors))
	}
	c := d.Factors[0]
	if c.Face != model.FaceDown || c.Text != "Deploy ran during the migration" || c.Author != "" || c.Category != model.Process {
		t.Errorf("stored %+v; want it face down, anonymous, as written", c)
	}
	if want := time.Date(2026, 12, 5, 10, 7, 0, 0, time.UTC); !c.CreatedAt.Equal(want) {
		t.Errorf("stamped %v; want the room's opening minute %v, nothing finer", c.CreatedAt, want)
	}
	// The same key again (a dropped answer): the same card, written once.
	code, again := p.card("k1", "Deploy ran during the migration")
	if code != 200 || !strings.Contains(again, fmt.Sprint(c.ID)) || len(f.stored().Factors) != 1 {
		t.Errorf("sent again: %d %s and %d cards; want 200, the same id, one card", code, again, len(f.stored().Factors))
	}
	if f.s.CanUndo() {
		t.Error("a participant's card is on the facilitator's undo history")
	}
	// Its key is listed as stored to its device only: a page whose answer
	// was lost stops resending it.
	mine, _ := p.listen().until(t, func(s state) bool { return true })
	other, _ := f.join().listen().until(t, func(s state) bool { return true })
	if !slices.Contains(mine.Stored, "k1") || len(other.Stored) != 0 {
		t.Errorf("stored keys: %v to the writer, %v to another device; want k1 to the writer only", mine.Stored, other.Stored)
	}
	// Nothing on disk says which device wrote it, or from where.
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(f.db.Path() + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, secret := range []string{p.device, "127.0.0.1", f.r.token} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("the database file%s holds %q", suffix, secret)
			}
		}
		if suffix == "" && !bytes.Contains(b, []byte("Deploy ran during the migration")) {
			// The WAL may still hold the page; the check above looked in both.
			b2, _ := os.ReadFile(f.db.Path() + "-wal")
			if !bytes.Contains(b2, []byte("Deploy ran during the migration")) {
				t.Error("the card's text is in neither the database nor its WAL: the search above proves nothing")
			}
		}
	}
}

// Before reveal a card's text reaches its writer's device only; nothing
// sent says who wrote what.
func TestFaceDownTextReachesOnlyItsWriter(t *testing.T) {
	f := newFixture(t, Config{})
	f.setPhase(model.FactorsPhase)
	a, b := f.join(), f.join()
	ea, eb := a.listen(), b.listen()
	secret := "Nobody reviewed the alert rules"
	if code, body := a.card("a1", secret); code != 201 {
		t.Fatal(code, body)
	}
	sa, _ := ea.until(t, func(s state) bool { return len(s.Mine) == 1 })
	if sa.Mine[0].Text != secret || sa.Mine[0].Revealed {
		t.Errorf("the writer sees %+v", sa.Mine)
	}
	sb, rawB := eb.until(t, func(s state) bool { return s.Written == 1 })
	if strings.Contains(rawB, "alert rules") || len(sb.Cards) != 0 || len(sb.Mine) != 0 {
		t.Errorf("another device heard the face-down card's text:\n%s", rawB)
	}
	if strings.Contains(rawB, a.device) || strings.Contains(rawB, a.token) {
		t.Error("a device's id or the token was sent in a state")
	}
	// Revealed (the board does it): now everyone reads it, without its writer.
	d := f.s.Dossier()
	c := d.Factors[0]
	c.Face = model.FaceUp
	if err := f.s.Edit("board", model.Change{Factors: []model.Factor{c}}); err != nil {
		t.Fatal(err)
	}
	sb, _ = eb.until(t, func(s state) bool { return len(s.Cards) == 1 })
	if sb.Cards[0].Text != secret || sb.Cards[0].Votes != nil {
		t.Errorf("after reveal the other device sees %+v; want the text and no votes yet", sb.Cards[0])
	}
	// Hidden as abuse: gone from every device, the writer's too.
	c.Face = model.FaceHidden
	f.s.Edit("board", model.Change{Factors: []model.Factor{c}})
	eb.until(t, func(s state) bool { return len(s.Cards) == 0 })
	ea.until(t, func(s state) bool { return len(s.Mine) == 0 && len(s.Cards) == 0 })
}

func TestPrivateVotes(t *testing.T) {
	f := newFixture(t, Config{Dots: 3, PerCard: 2})
	f.setPhase(model.ConnectPhase)
	ids := []int64{}
	for i := range 2 {
		id := f.s.NewFactorID()
		ids = append(ids, id)
		f.s.Edit("board", model.Change{Factors: []model.Factor{{ID: id, Text: fmt.Sprint("card ", i), Category: model.Technical, W: 220, H: 120}}})
	}
	p, q := f.join(), f.join()
	vote := func(p *participant, id int64) int {
		code, _ := p.send("POST", "/api/votes", fmt.Sprintf(`{"card":%d}`, id))
		return code
	}
	for range 2 {
		if vote(p, ids[0]) != 200 {
			t.Fatal("two dots on one card were refused")
		}
	}
	if code := vote(p, ids[0]); code != 409 {
		t.Errorf("a third dot on one card: %d, want 409 (at most 2)", code)
	}
	if vote(p, ids[1]) != 200 {
		t.Fatal("the third dot was refused")
	}
	if code := vote(p, ids[1]); code != 409 {
		t.Errorf("a fourth dot: %d, want 409 (3 each)", code)
	}
	if code, body := p.send("DELETE", fmt.Sprintf("/api/votes/%d", ids[1]), ""); code != 200 || !strings.Contains(body, `"left":1`) {
		t.Errorf("taking a dot back: %d %s", code, body)
	}
	vote(q, ids[1])
	// Counted on the cards, shown nowhere.
	d := f.stored()
	if c, _ := d.Factor(ids[0]); c.Pending != 2 || c.Votes != 0 {
		t.Errorf("card 1 stored %+v; want 2 pending votes, none shown", c)
	}
	eq := q.listen()
	s, _ := eq.until(t, func(s state) bool { return len(s.Cards) == 2 })
	if s.Cards[0].Votes != nil || s.Cards[1].MyVotes != 1 || s.Votes.Left != 2 {
		t.Errorf("before Show votes a device sees %+v, votes %+v", s.Cards, s.Votes)
	}
	if err := f.r.ShowVotes("panel"); err != nil {
		t.Fatal(err)
	}
	s, _ = eq.until(t, func(s state) bool { return s.Votes.Shown })
	if *s.Cards[0].Votes != 2 || *s.Cards[1].Votes != 1 {
		t.Errorf("shown votes: %d and %d, want 2 and 1", *s.Cards[0].Votes, *s.Cards[1].Votes)
	}
	if code := vote(q, ids[0]); code != 409 {
		t.Errorf("a vote after Show votes: %d, want 409", code)
	}
	if c, _ := f.stored().Factor(ids[0]); c.Votes != 2 || c.Pending != 0 {
		t.Errorf("after Show votes card 1 is stored as %+v", c)
	}
}

func TestProposalsAndKudosJoinTheLists(t *testing.T) {
	f := newFixture(t, Config{})
	p := f.join()
	if code, body := p.send("POST", "/api/changes", `{"key":"c1","what":"Freeze deploys during migrations"}`); code != 201 {
		t.Fatal(code, body)
	}
	p.send("POST", "/api/changes", `{"key":"c1","what":"Freeze deploys during migrations"}`)
	if code, body := p.send("POST", "/api/kudos", `{"key":"k1","who":"Ana","for":"spotted the lock"}`); code != 201 {
		t.Fatal(code, body)
	}
	d := f.stored()
	if len(d.Changes) != 1 || d.Changes[0].What != "Freeze deploys during migrations" || d.Changes[0].Chosen {
		t.Errorf("changes: %+v; want one candidate, once", d.Changes)
	}
	if len(d.Kudos) != 1 || d.Kudos[0].Who != "Ana" {
		t.Errorf("kudos: %+v", d.Kudos)
	}
}

// Every bad request is refused with its status, and writes nothing.
func TestBadRequestsAreRefused(t *testing.T) {
	f := newFixture(t, Config{})
	p := f.join()
	big := `{"key":"x","text":"` + strings.Repeat("a", MaxBody) + `"}`
	long := `{"key":"x","text":"` + strings.Repeat("é", MaxCardText+1) + `"}`
	cases := []struct {
		name, method, path, body string
		edit                     func(*http.Request)
		want                     int
	}{
		{"malformed JSON", "POST", "/api/cards", `{"text": "a`, nil, 400},
		{"two objects", "POST", "/api/cards", `{"text":"a"}{"text":"b"}`, nil, 400},
		{"not JSON", "POST", "/api/cards", `text=a`, func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") }, 415},
		{"oversize body", "POST", "/api/cards", big, nil, 413},
		{"text over 2,000", "POST", "/api/cards", long, nil, 400},
		{"empty text", "POST", "/api/cards", `{"text":"   "}`, nil, 400},
		{"unknown category", "POST", "/api/cards", `{"text":"a","category":"blame"}`, nil, 400},
		{"no token", "POST", "/api/cards", `{"text":"a"}`, func(r *http.Request) { r.Header.Del("X-Room-Token") }, 401},
		{"wrong token", "POST", "/api/cards", `{"text":"a"}`, func(r *http.Request) { r.Header.Set("X-Room-Token", strings.Repeat("0", 32)) }, 401},
		{"token in a cookie only", "POST", "/api/cards", `{"text":"a"}`, func(r *http.Request) {
			r.Header.Del("X-Room-Token")
			r.AddCookie(&http.Cookie{Name: "token", Value: f.r.token})
		}, 401},
		{"no device", "POST", "/api/cards", `{"text":"a"}`, func(r *http.Request) { r.Header.Del("X-Room-Device") }, 401},
		{"wrong Host", "POST", "/api/cards", `{"text":"a"}`, func(r *http.Request) { r.Host = "evil.example:80" }, 421},
		{"rebinding Host with the port", "GET", "/", "", func(r *http.Request) { r.Host = "attacker.example:" + strings.Split(f.r.host, ":")[1] }, 421},
		{"someone else's card", "PUT", "/api/cards/1", `{"text":"mine now"}`, nil, 403},
		{"no such vote", "DELETE", "/api/votes/99", ``, nil, 409},
		{"vote for no card", "POST", "/api/votes", `{"card":12345}`, nil, 409},
		{"path outside", "GET", "/static/../../go.mod", "", nil, 404},
		{"a file", "GET", "/web/index.html", "", nil, 404},
		{"a directory", "GET", "/static/", "", nil, 404},
		{"another debrief", "GET", "/api/debriefs", "", nil, 404},
	}
	for _, c := range cases {
		edit := c.edit
		if edit == nil {
			edit = func(*http.Request) {}
		}
		code, body := p.sendWith(c.method, c.path, c.body, edit)
		if code != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, code, body, c.want)
		}
		if code >= 400 && code != 404 && !strings.Contains(body, `"error"`) {
			t.Errorf("%s: no sentence for the page in %q", c.name, body)
		}
	}
	if d := f.stored(); len(d.Factors) != 0 || len(d.Changes) != 0 {
		t.Errorf("bad requests wrote %d cards and %d changes", len(d.Factors), len(d.Changes))
	}
}

func TestCardsPerMinute(t *testing.T) {
	f := newFixture(t, Config{})
	p := f.join()
	for i := range CardsPerMin {
		if code, body := p.card(fmt.Sprint(i), "card"); code != 201 {
			t.Fatal(i, code, body)
		}
	}
	code, body := p.card("one more", "card")
	if code != 429 || !strings.Contains(body, "Try again") {
		t.Errorf("card %d in a minute: %d %s, want 429", CardsPerMin+1, code, body)
	}
	f.now.advance(time.Minute)
	if code, _ := p.card("later", "card"); code != 201 {
		t.Errorf("a minute later: %d", code)
	}
	if n := len(f.stored().Factors); n != CardsPerMin+1 {
		t.Errorf("%d cards stored, want %d", n, CardsPerMin+1)
	}
}

func TestEditAndDeleteOwnCardUntilRevealed(t *testing.T) {
	f := newFixture(t, Config{})
	p, q := f.join(), f.join()
	_, body := p.card("k", "Typo in teh config")
	var out struct{ ID int64 }
	json.Unmarshal([]byte(body), &out)
	path := fmt.Sprintf("/api/cards/%d", out.ID)
	if code, _ := q.send("PUT", path, `{"text":"hijacked"}`); code != 403 {
		t.Errorf("another device edited the card: %d", code)
	}
	if code, _ := p.send("PUT", path, `{"text":"Typo in the config","category":"technical"}`); code != 200 {
		t.Errorf("editing my card: %d", code)
	}
	if c, _ := f.stored().Factor(out.ID); c.Text != "Typo in the config" || c.Category != model.Technical {
		t.Errorf("stored %+v", c)
	}
	c, _ := f.s.Factor(out.ID)
	c.Face = model.FaceUp
	f.s.Edit("board", model.Change{Factors: []model.Factor{c}})
	if code, _ := p.send("DELETE", path, ""); code != 409 {
		t.Errorf("deleting a revealed card: %d, want 409", code)
	}
	c.Face = model.FaceDown
	f.s.Edit("board", model.Change{Factors: []model.Factor{c}})
	if code, _ := p.send("DELETE", path, ""); code != 204 {
		t.Errorf("deleting my face-down card: %d, want 204", code)
	}
	if n := len(f.stored().Factors); n != 0 {
		t.Errorf("%d cards after delete", n)
	}
}

func TestHeadersAndPage(t *testing.T) {
	f := newFixture(t, Config{})
	for _, path := range []string{"/", "/j/" + f.r.token, "/static/room.js", "/static/room.css"} {
		res, err := http.Get(f.base() + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if res.StatusCode != 200 || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
			strings.Contains(h.Get("Content-Security-Policy"), "unsafe-inline") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Access-Control-Allow-Origin") != "" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: %d %v", path, res.StatusCode, h)
		}
	}
}

func TestClosedRoom(t *testing.T) {
	f := newFixture(t, Config{})
	p := f.join()
	e := p.listen()
	e.until(t, func(s state) bool { return s.Open })
	f.r.Close()
	got := ""
	for ev := range e.ch {
		got += ev[0] + " " + ev[1] + "\n"
	}
	if !strings.Contains(got, "closed") || !strings.Contains(got, "This room is closed") {
		t.Errorf("the stream ended with %q; want a closed event", got)
	}
	if _, err := http.Get(f.base() + "/"); err == nil {
		t.Error("the closed room still answers")
	}
	if f.r.Status().Open {
		t.Error("the status says open")
	}
}

func TestIdleRoomClosesItself(t *testing.T) {
	f := newFixture(t, Config{Idle: 200 * time.Millisecond})
	select {
	case <-f.r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("an idle room stayed open")
	}
	if st := f.r.Status(); st.Open || st.Why == "" {
		t.Errorf("status after idling: %+v", st)
	}
}

// The panel's counts: joined devices, cards written, people writing.
func TestStatusCounts(t *testing.T) {
	f := newFixture(t, Config{})
	var mu sync.Mutex
	var heard []Status
	f.r.Watch(func(s Status) { mu.Lock(); heard = append(heard, s); mu.Unlock() })
	a, b := f.join(), f.join()
	a.listen()
	b.listen()
	a.send("POST", "/api/writing", `{"writing":true}`)
	b.card("x", "one")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		st := f.r.Status()
		if st.Joined == 2 && st.Writing == 1 && st.Written == 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	st := f.r.Status()
	if st.Joined != 2 || st.Writing != 1 || st.Written != 1 {
		t.Errorf("status %+v; want 2 joined, 1 writing, 1 written", st)
	}
	f.now.advance(WritingFor + time.Second)
	if st := f.r.Status(); st.Writing != 0 {
		t.Errorf("still %d writing after %v", st.Writing, WritingFor)
	}
	time.Sleep(2 * stateDelay)
	mu.Lock()
	n := len(heard)
	mu.Unlock()
	if n == 0 {
		t.Error("the panel heard no status")
	}
}

func TestSetDots(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.s.NewFactorID()
	f.s.Edit("board", model.Change{Factors: []model.Factor{{ID: id, Text: "c", Category: model.Technical, W: 220, H: 120}}})
	f.r.SetDots(1, 5)
	p := f.join()
	if code, _ := p.send("POST", "/api/votes", fmt.Sprintf(`{"card":%d}`, id)); code != 200 {
		t.Fatalf("the one dot: %d", code)
	}
	if code, _ := p.send("POST", "/api/votes", fmt.Sprintf(`{"card":%d}`, id)); code != 409 {
		t.Errorf("a second dot with one each: %d, want 409", code)
	}
	s, _ := p.listen().until(t, func(s state) bool { return true })
	if s.Votes.Budget != 1 || s.Votes.PerCard != 1 || s.Votes.Left != 0 || f.r.Status().Dots != 1 {
		t.Errorf("votes %+v, status dots %d; want 1 each, at most 1 on a card, none left", s.Votes, f.r.Status().Dots)
	}
}
