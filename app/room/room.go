package room

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
)

// Config says where a room listens and how votes work.
type Config struct {
	// IP is the address to listen on; "" is DefaultAddress.
	IP string
	// Port is tried first (so that a room opened again has the same
	// address); when taken, any free port is used. 0 is any.
	Port int
	// Dots each device may give, and at most on one card.
	Dots, PerCard int
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
	// Idle closes the room after this long without a request; 0 is IdleClose.
	Idle time.Duration
	// StoreWait is how long a write waits for the disk before the device
	// hears "not saved yet"; 0 is 10 s.
	StoreWait time.Duration
}

// PreferredPort is where a room listens when it can.
const PreferredPort = 8737

// Status is what the facilitator's panel shows.
type Status struct {
	Open       bool
	URL        string // the QR code's URL, with the token
	JoinURL    string // the URL to type, which asks for the code
	Code       string
	Joined     int // devices with a live connection
	Writing    int // devices typing a card right now
	Written    int // cards written in this room
	Votes      int // dots given, not shown yet
	VotesShown bool
	Dots       int
	Why        string // when closed by itself: why
}

// Room is an open room for one debrief's session.
type Room struct {
	s   *session.Session
	cfg Config
	ln  net.Listener
	srv *http.Server

	token, code string
	host        string    // ip:port, what the Host header must say
	opened      time.Time // stamped on every card written here

	bcast      sync.Mutex // held by a broadcast
	mu         sync.Mutex
	closed     bool
	why        string
	devices    map[string]*device
	streams    map[*stream]bool
	wrongCodes window
	written    atomic.Int64
	dots       atomic.Int64 // each device's dots
	perCard    atomic.Int64 // the most one device may put on one card
	votesShown atomic.Bool
	watchers   map[int]func(Status)
	nextWatch  int
	last       Status
	dirty      *time.Timer // a state broadcast is scheduled
	idle       *time.Timer
	tick       *time.Ticker
	stopObs    func()
	done       chan struct{}
}

// device is what the room knows of one participant's device, in memory
// only: never stored, gone when the room closes.
type device struct {
	mu       sync.Mutex // one write of a device at a time, held while it is stored
	st       sync.Mutex // the fields below; never held while waiting
	cards    map[int64]bool
	keys     map[string]int64
	acked    map[string]bool // keys of items stored: the page may forget them
	votes    map[int64]int
	writing  time.Time // typing until then
	cardWin  window
	hits     window
	coachWin window
	streams  int
}

// ErrClosed says the room is closed.
var ErrClosed = errors.New("this room is closed")

// Open starts a room for s: it listens on cfg.IP and serves participants
// until Close, s closing, or cfg.Idle without a request.
func Open(s *session.Session, cfg Config) (*Room, error) {
	if cfg.IP == "" {
		cfg.IP = DefaultAddress()
	}
	if cfg.Dots <= 0 {
		cfg.Dots = DefaultDots
	}
	if cfg.PerCard <= 0 {
		cfg.PerCard = min(DefaultPerCard, cfg.Dots)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Idle <= 0 {
		cfg.Idle = IdleClose
	}
	if cfg.StoreWait <= 0 {
		cfg.StoreWait = storeWait
	}
	var ln net.Listener
	var err error
	if cfg.Port != 0 {
		ln, err = net.Listen("tcp4", net.JoinHostPort(cfg.IP, strconv.Itoa(cfg.Port)))
	}
	if ln == nil {
		ln, err = net.Listen("tcp4", net.JoinHostPort(cfg.IP, "0"))
	}
	if err != nil {
		return nil, fmt.Errorf("open the room on %s: %w", cfg.IP, err)
	}
	r := &Room{
		s: s, cfg: cfg, ln: ln,
		token: newToken(), code: newCode(),
		host:    ln.Addr().String(),
		opened:  cfg.Now().UTC().Truncate(time.Minute),
		devices: map[string]*device{}, streams: map[*stream]bool{},
		watchers: map[int]func(Status){}, done: make(chan struct{}),
	}
	r.dots.Store(int64(cfg.Dots))
	r.perCard.Store(int64(cfg.PerCard))
	r.srv = &http.Server{
		Handler:           r.handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    8 << 10,
	}
	_, r.stopObs = s.Observe(func(ev model.Event) { r.changed() })
	r.idle = time.AfterFunc(cfg.Idle, func() { r.closeWhy("nobody used it for three hours") })
	r.tick = time.NewTicker(5 * time.Second)
	go r.ticking()
	go r.srv.Serve(ln)
	r.last = r.Status()
	return r, nil
}

// SetDots sets how many dots each device has, and how many it may put on
// one card (at most dots). Dots already given stay given.
func (r *Room) SetDots(dots, perCard int) {
	dots = max(1, dots)
	r.dots.Store(int64(dots))
	r.perCard.Store(int64(min(max(1, perCard), dots)))
	r.changed()
}

// URL is the QR code's address: it carries the room's secret.
func (r *Room) URL() string { return "http://" + r.host + "/j/" + r.token }

// JoinURL is the address to type; the page then asks for the code.
func (r *Room) JoinURL() string { return "http://" + r.host + "/" }

// Code is the six-character room code.
func (r *Room) Code() string { return r.code }

// Done is closed when the room has closed.
func (r *Room) Done() <-chan struct{} { return r.done }

// Status is the room as the panel shows it.
func (r *Room) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.statusLocked()
}

func (r *Room) statusLocked() Status {
	st := Status{Open: !r.closed, URL: r.URL(), JoinURL: r.JoinURL(), Code: r.code,
		Written: int(r.written.Load()), VotesShown: r.votesShown.Load(), Dots: int(r.dots.Load()), Why: r.why}
	now := r.cfg.Now()
	for _, d := range r.devices {
		d.st.Lock()
		if d.streams > 0 {
			st.Joined++
		}
		if now.Before(d.writing) {
			st.Writing++
		}
		if !st.VotesShown {
			for _, n := range d.votes {
				st.Votes += n
			}
		}
		d.st.Unlock()
	}
	return st
}

// Watch calls fn, on a goroutine of the room's, whenever the status
// changes (and once when the room closes); stop ends it.
func (r *Room) Watch(fn func(Status)) (stop func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := r.nextWatch
	r.nextWatch++
	r.watchers[id] = fn
	return func() {
		r.mu.Lock()
		delete(r.watchers, id)
		r.mu.Unlock()
	}
}

// Close stops the server: every device is told the room is closed, and
// the token and the code stop working. Calling it again does nothing.
func (r *Room) Close() { r.closeWhy("") }

func (r *Room) closeWhy(why string) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed, r.why = true, why
	r.idle.Stop()
	r.tick.Stop()
	if r.dirty != nil {
		r.dirty.Stop()
	}
	for st := range r.streams {
		st.close()
	}
	r.devices = map[string]*device{}
	st := r.statusLocked()
	fns := r.watchFns()
	r.mu.Unlock()
	r.stopObs()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if r.srv.Shutdown(ctx) != nil {
		r.srv.Close()
	}
	close(r.done)
	for _, fn := range fns {
		fn(st)
	}
}

func (r *Room) watchFns() []func(Status) {
	fns := make([]func(Status), 0, len(r.watchers))
	for _, fn := range r.watchers {
		fns = append(fns, fn)
	}
	return fns
}

// ticking tells the watchers when the status changes by itself (a device
// stopped typing) and refreshes the devices' counts.
func (r *Room) ticking() {
	for {
		select {
		case <-r.done:
			return
		case <-r.tick.C:
			r.mu.Lock()
			changed := !r.closed && r.statusLocked() != r.last
			r.mu.Unlock()
			if changed {
				r.changed()
			}
		}
	}
}

// touched notes a request: the room is not idle.
func (r *Room) touched() { r.idle.Reset(r.cfg.Idle) }

// ShowVotes adds every vote given in the room to its card's total, in one
// step the facilitator can undo, and ends voting: from now on each card
// shows its total on every device.
func (r *Room) ShowVotes(origin any) error {
	r.votesShown.Store(true) // before: a vote applied after the step is refused, one before is in it
	err := ShowVotes(r.s, origin)
	r.changed()
	return err
}

// ShowVotes moves the votes cast in the room and not shown yet onto the
// cards' totals, as one undoable step of origin. With no room open it
// still works: the votes of a room that closed are not lost.
func ShowVotes(s *session.Session, origin any) error {
	return s.EditFunc(origin, func(d *model.Document) (model.Change, error) {
		c := model.Change{Label: "Show votes"}
		for _, f := range d.Dossier().Factors {
			if f.Pending > 0 {
				f.Votes += f.Pending
				f.Pending = 0
				c.Factors = append(c.Factors, f)
			}
		}
		return c, nil
	})
}
