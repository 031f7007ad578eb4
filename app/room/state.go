package room

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// A device follows the room through one Server-Sent Events stream: a
// `state` event whenever what it shows changes, a `closed` event when the
// room closes. States are coalesced: a stream that is slow gets the latest.

// Coalescing: a burst of changes is sent as one state this long after its first.
const stateDelay = 150 * time.Millisecond

type stream struct {
	d       *device
	ch      chan []byte // the latest state not sent yet
	last    []byte      // the state last offered: the same again is not sent
	closing chan struct{}
	once    sync.Once
}

func (s *stream) close() { s.once.Do(func() { close(s.closing) }) }

// offer replaces what the stream has not sent yet with b, unless b is
// what it was offered last. Only broadcast calls it, one at a time.
func (s *stream) offer(b []byte) {
	if bytes.Equal(b, s.last) {
		return
	}
	s.last = b
	select {
	case <-s.ch:
	default:
	}
	select {
	case s.ch <- b:
	default:
	}
}

func (r *Room) events(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	if !r.tokenOK(q.Get("t")) {
		fail(w, http.StatusUnauthorized, "This link is old or the room was closed. Ask for the room code on the screen.")
		return
	}
	r.mu.Lock()
	d := r.devices[q.Get("d")]
	full := len(r.streams) >= MaxStreams
	st := &stream{d: d, ch: make(chan []byte, 1), closing: make(chan struct{})}
	if d != nil && !full {
		r.streams[st] = true
	}
	r.mu.Unlock()
	switch {
	case d == nil:
		fail(w, http.StatusUnauthorized, "This device is not in the room any more. Reload the page to join again.")
		return
	case full:
		w.Header().Set("Retry-After", "10")
		fail(w, http.StatusServiceUnavailable, "The room has too many connections.")
		return
	}
	d.st.Lock()
	d.streams++
	d.st.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.streams, st)
		r.mu.Unlock()
		d.st.Lock()
		d.streams--
		d.st.Unlock()
		r.changed()
	}()

	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{}) // the server's read timeout would end the stream
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n\n")
	send := func(event string, data []byte) bool {
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("state", r.stateFor(d, r.common())) {
		return
	}
	r.changed() // one more here
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case b := <-st.ch:
			if !send("state", b) {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-st.closing:
			send("closed", []byte(`{"error":"This room is closed."}`))
			return
		case <-req.Context().Done():
			return
		}
	}
}

// changed schedules a state for every device and a status for the panel.
func (r *Room) changed() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || r.dirty != nil {
		return
	}
	r.dirty = time.AfterFunc(stateDelay, r.broadcast)
}

func (r *Room) broadcast() {
	r.bcast.Lock() // one broadcast at a time, so states reach each device in order
	defer r.bcast.Unlock()
	r.mu.Lock()
	r.dirty = nil
	if r.closed {
		r.mu.Unlock()
		return
	}
	streams := make([]*stream, 0, len(r.streams))
	for s := range r.streams {
		streams = append(streams, s)
	}
	st := r.statusLocked()
	var fns []func(Status)
	if st != r.last {
		r.last = st
		fns = r.watchFns()
	}
	r.mu.Unlock()
	if len(streams) > 0 {
		c := r.common()
		for _, s := range streams {
			s.offer(r.stateFor(s.d, c))
		}
	}
	for _, fn := range fns {
		fn(st)
	}
}

// ---- the state event ----

type state struct {
	Open       bool       `json:"open"`
	Title      string     `json:"title"`
	Phase      string     `json:"phase"`
	PhaseLabel string     `json:"phaseLabel"`
	Categories []category `json:"categories"`
	Joined     int        `json:"joined"`
	Writing    int        `json:"writing"`
	Written    int        `json:"written"`
	Mine       []myCard   `json:"mine"`
	Cards      []card     `json:"cards"`
	Votes      votes      `json:"votes"`
	Changes    []change   `json:"changes"`
	Kudos      []kudos    `json:"kudos"`
	Stored     []string   `json:"stored"` // this device's keys whose items are stored
}

type category struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Short  string `json:"short"`
	Colour string `json:"colour"`
}

type myCard struct {
	ID       int64  `json:"id"`
	Text     string `json:"text"`
	Category string `json:"category"`
	Author   string `json:"author"`
	Revealed bool   `json:"revealed"`
}

type card struct {
	ID       int64  `json:"id"`
	Text     string `json:"text"`
	Category string `json:"category"`
	Author   string `json:"author"`
	Votes    *int   `json:"votes"` // null until votes are shown
	MyVotes  int    `json:"myVotes"`
}

type votes struct {
	Budget  int  `json:"budget"`
	PerCard int  `json:"perCard"`
	Left    int  `json:"left"`
	Shown   bool `json:"shown"`
}

type change struct {
	ID   int64  `json:"id"`
	What string `json:"what"`
}

type kudos struct {
	ID  int64  `json:"id"`
	Who string `json:"who"`
	For string `json:"for"`
}

// shared is what every device is sent alike, and the cards' text, which
// each device's own cards are picked from.
type shared struct {
	state
	all map[int64]model.Factor
}

// common reads the debrief once for a broadcast.
func (r *Room) common() *shared {
	d := r.s.Dossier()
	clock := r.s.Clock()
	st := r.Status()
	c := &shared{all: make(map[int64]model.Factor, len(d.Factors))}
	c.state = state{Open: st.Open, Title: d.Debrief.Title, Phase: clock.Phase.Key(), PhaseLabel: clock.Phase.Label(),
		Joined: st.Joined, Writing: st.Writing, Written: st.Written,
		Votes: votes{Budget: int(r.dots.Load()), PerCard: int(r.perCard.Load()), Shown: st.VotesShown},
		Cards: []card{}, Changes: []change{}, Kudos: []kudos{}}
	for _, k := range model.Categories() {
		c.Categories = append(c.Categories, category{Key: string(k), Label: k.Label(), Short: k.Short(), Colour: k.Colour()})
	}
	for _, f := range d.Factors {
		c.all[f.ID] = f
		if !f.Shown() {
			continue // face down or hidden: no device but its writer's sees it
		}
		cd := card{ID: f.ID, Text: f.Text, Category: string(f.Category), Author: f.Author}
		if st.VotesShown {
			v := f.Votes
			cd.Votes = &v
		}
		c.Cards = append(c.Cards, cd)
	}
	for _, x := range d.Changes {
		c.Changes = append(c.Changes, change{ID: x.ID, What: x.What})
	}
	for _, k := range d.Kudos {
		c.Kudos = append(c.Kudos, kudos{ID: k.ID, Who: k.Who, For: k.For})
	}
	return c
}

// stateFor is the state one device is sent: the common one with its own
// cards and dots.
func (r *Room) stateFor(d *device, c *shared) []byte {
	s := c.state
	d.st.Lock()
	mine := make([]int64, 0, len(d.cards))
	for id := range d.cards {
		mine = append(mine, id)
	}
	s.Stored = make([]string, 0, len(d.acked))
	for k := range d.acked {
		s.Stored = append(s.Stored, k)
	}
	used := 0
	my := make(map[int64]int, len(d.votes))
	for id, n := range d.votes {
		used += n
		my[id] = n
	}
	d.st.Unlock()
	s.Mine = []myCard{}
	for _, id := range sortedIDs(mine) {
		if f, ok := c.all[id]; ok && f.Face != model.FaceHidden {
			s.Mine = append(s.Mine, myCard{ID: id, Text: f.Text, Category: string(f.Category), Author: f.Author, Revealed: f.Shown()})
		}
	}
	if len(my) > 0 {
		s.Cards = make([]card, len(c.Cards))
		copy(s.Cards, c.Cards)
		for i := range s.Cards {
			s.Cards[i].MyVotes = my[s.Cards[i].ID]
		}
	}
	slices.Sort(s.Stored)
	s.Votes.Left = max(0, int(r.dots.Load())-used)
	b, _ := json.Marshal(s)
	return b
}

func sortedIDs(ids []int64) []int64 { slices.Sort(ids); return ids }
