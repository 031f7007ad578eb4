package room

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/coach"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/session"
)

// How long a write waits for the disk before the device is told to try
// again (it is still stored, once, when the disk lets it); Config.StoreWait
// changes it for tests.
const storeWait = 10 * time.Second

func (r *Room) join(w http.ResponseWriter, req *http.Request) {
	var in struct {
		Code string `json:"code"`
	}
	if !readJSON(w, req, &in) {
		return
	}
	now := r.cfg.Now()
	r.mu.Lock()
	if wait := r.wrongCodes.wait(now, WrongCodes); wait > 0 {
		r.mu.Unlock()
		tooMany(w, wait, "Too many wrong codes were tried.")
		return
	}
	code := strings.ToUpper(strings.Join(strings.Fields(in.Code), ""))
	if code != r.code {
		r.wrongCodes.add(now, WrongCodes+1)
		r.mu.Unlock()
		fail(w, http.StatusForbidden, "That code doesn't match. Check the code on the screen.")
		return
	}
	r.mu.Unlock()
	reply(w, http.StatusOK, map[string]string{"token": r.token})
}

func (r *Room) newDevice(w http.ResponseWriter, req *http.Request) {
	var in struct{}
	if !readJSON(w, req, &in) {
		return
	}
	r.mu.Lock()
	if len(r.devices) >= MaxDevices {
		r.mu.Unlock()
		fail(w, http.StatusServiceUnavailable, "The room is full.")
		return
	}
	id := newToken()
	r.devices[id] = &device{cards: map[int64]bool{}, keys: map[string]int64{}, acked: map[string]bool{}, votes: map[int64]int{}}
	r.mu.Unlock()
	reply(w, http.StatusOK, map[string]string{"device": id})
}

// ---- cards ----

type cardIn struct {
	Key      string `json:"key"`
	Text     string `json:"text"`
	Category string `json:"category"`
	Author   string `json:"author"`
}

// check trims the card and says what is wrong with it, "" when nothing.
func (c *cardIn) check() string {
	c.Text = strings.TrimSpace(c.Text)
	c.Author = strings.TrimSpace(c.Author)
	switch {
	case c.Text == "":
		return "A card needs some text."
	case utf8.RuneCountInString(c.Text) > MaxCardText:
		return "A card can hold 2,000 characters at most."
	case utf8.RuneCountInString(c.Author) > model.MaxName:
		return "That name is too long."
	case len(c.Key) > MaxKey:
		return "The request could not be read."
	}
	if c.Category == "" {
		c.Category = string(model.Technical)
	}
	if !model.Category(c.Category).Valid() {
		return "Pick one of the categories."
	}
	return ""
}

func (r *Room) addCard(w http.ResponseWriter, req *http.Request, d *device) {
	var in cardIn
	if !readJSON(w, req, &in) {
		return
	}
	if msg := in.check(); msg != "" {
		fail(w, http.StatusBadRequest, msg)
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	now := r.cfg.Now()
	d.st.Lock()
	id, again := d.keys[in.Key]
	again = again && in.Key != ""
	allowed := again || d.cardWin.add(now, CardsPerMin)
	wait := d.cardWin.wait(now, CardsPerMin)
	d.st.Unlock()
	if again {
		r.sent(w, req, d, in.Key, id) // sent again after a dropped answer: written once
		return
	}
	if !allowed {
		tooMany(w, wait, "That is a lot of cards in a minute.")
		return
	}
	id = r.s.NewFactorID()
	f := model.Factor{ID: id, Text: in.Text, Category: model.Category(in.Category), Author: in.Author,
		W: model.DefaultCardWidth, H: model.DefaultCardHeight, Face: model.FaceDown, CreatedAt: r.opened}
	err := r.do(req, d, func(doc *model.Document) (model.Change, error) {
		if n, _ := doc.Len(); n >= model.MaxFactors {
			return model.Change{}, errFull
		}
		return model.Change{Factors: []model.Factor{f}}, nil
	})
	if err != nil && !stored(err) {
		r.refused(w, err)
		return
	}
	d.st.Lock()
	d.cards[id] = true
	if in.Key != "" {
		d.keys[in.Key] = id
	}
	d.writing = time.Time{}
	d.st.Unlock()
	r.written.Add(1)
	if err != nil {
		r.notStoredYet(w)
		return
	}
	d.stored(in.Key)
	reply(w, http.StatusCreated, map[string]int64{"id": id})
}

var errFull = errors.New("the board is full")

// stored reports whether err leaves the change applied and queued (only
// the wait for the disk ended): a retry with the same key finds it.
func stored(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// sent answers a write sent again: once it is stored.
func (r *Room) sent(w http.ResponseWriter, req *http.Request, d *device, key string, id int64) {
	ctx, cancel := context.WithTimeout(req.Context(), r.cfg.StoreWait)
	defer cancel()
	if err := r.s.WaitStored(ctx); err != nil {
		r.notStoredYet(w)
		return
	}
	d.stored(key)
	reply(w, http.StatusOK, map[string]int64{"id": id})
	r.changed()
}

// stored notes that the item sent with key is in the database: the
// device's state lists it, so a page whose answer was lost stops sending it.
func (d *device) stored(key string) {
	if key == "" {
		return
	}
	d.st.Lock()
	d.acked[key] = true
	d.st.Unlock()
}

func (r *Room) notStoredYet(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "5")
	fail(w, http.StatusServiceUnavailable, "The facilitator's computer has not saved it yet. It will be sent again.")
}

// do applies a device's change and waits until it is stored, or until
// storeWait or the request ends.
func (r *Room) do(req *http.Request, d *device, fn func(*model.Document) (model.Change, error)) error {
	ctx, cancel := context.WithTimeout(req.Context(), r.cfg.StoreWait)
	defer cancel()
	_, err := r.s.Do(ctx, d, fn)
	return err
}

// refused answers a change the session did not take.
func (r *Room) refused(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, session.ErrClosed):
		fail(w, http.StatusGone, "This room is closed.")
	case errors.Is(err, errFull):
		fail(w, http.StatusConflict, "The board is full.")
	case errors.As(err, new(notNow)):
		fail(w, http.StatusConflict, err.Error())
	default:
		fail(w, http.StatusBadRequest, "That could not be saved: "+err.Error())
	}
}

// notNow is a refusal (409) whose text the participant reads.
type notNow string

func (e notNow) Error() string { return string(e) }

// ownCard finds the device's own card from the path, still face down.
func (r *Room) ownCard(w http.ResponseWriter, req *http.Request, d *device) (int64, bool) {
	id, err := strconv.ParseInt(req.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, http.StatusNotFound, "There is no such card.")
		return 0, false
	}
	d.st.Lock()
	mine := d.cards[id]
	d.st.Unlock()
	if !mine {
		fail(w, http.StatusForbidden, "You can only change your own cards.")
		return 0, false
	}
	return id, true
}

func (r *Room) editCard(w http.ResponseWriter, req *http.Request, d *device) {
	var in cardIn
	if !readJSON(w, req, &in) {
		return
	}
	if msg := in.check(); msg != "" {
		fail(w, http.StatusBadRequest, msg)
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	id, ok := r.ownCard(w, req, d)
	if !ok {
		return
	}
	if wait, ok := d.hit(r.cfg.Now()); !ok {
		tooMany(w, wait, "Too many changes in a minute.")
		return
	}
	err := r.do(req, d, func(doc *model.Document) (model.Change, error) {
		f, ok := doc.Factor(id)
		if !ok {
			return model.Change{}, notNow("That card was deleted.")
		}
		if f.Face != model.FaceDown {
			return model.Change{}, notNow("That card is revealed already; ask the facilitator to change it.")
		}
		f.Text, f.Category, f.Author = in.Text, model.Category(in.Category), in.Author
		return model.Change{Factors: []model.Factor{f}}, nil
	})
	r.answer(w, err, http.StatusOK)
}

func (r *Room) deleteCard(w http.ResponseWriter, req *http.Request, d *device) {
	d.mu.Lock()
	defer d.mu.Unlock()
	id, ok := r.ownCard(w, req, d)
	if !ok {
		return
	}
	err := r.do(req, d, func(doc *model.Document) (model.Change, error) {
		f, ok := doc.Factor(id)
		if !ok {
			return model.Change{}, nil // gone already: deleting twice is fine
		}
		if f.Face != model.FaceDown {
			return model.Change{}, notNow("That card is revealed already; ask the facilitator to take it off.")
		}
		return model.Change{DeleteFactors: []int64{id}}, nil
	})
	if err == nil {
		d.st.Lock()
		delete(d.cards, id)
		d.st.Unlock()
		r.written.Add(-1)
	}
	r.answer(w, err, http.StatusNoContent)
}

// answer answers a write that needs no body.
func (r *Room) answer(w http.ResponseWriter, err error, status int) {
	switch {
	case err == nil:
		reply(w, status, nil)
		r.changed()
	case stored(err):
		r.notStoredYet(w)
	default:
		r.refused(w, err)
	}
}

// ---- votes ----

func (r *Room) vote(w http.ResponseWriter, req *http.Request, d *device) {
	var in struct {
		Card int64 `json:"card"`
	}
	if !readJSON(w, req, &in) {
		return
	}
	r.changeVote(w, req, d, in.Card, +1)
}

func (r *Room) unvote(w http.ResponseWriter, req *http.Request, d *device) {
	id, err := strconv.ParseInt(req.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, http.StatusNotFound, "There is no such card.")
		return
	}
	r.changeVote(w, req, d, id, -1)
}

func (r *Room) changeVote(w http.ResponseWriter, req *http.Request, d *device, card int64, delta int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if wait, ok := d.hit(r.cfg.Now()); !ok {
		tooMany(w, wait, "Too many votes in a minute.")
		return
	}
	d.st.Lock()
	used, here := 0, d.votes[card]
	for _, n := range d.votes {
		used += n
	}
	d.st.Unlock()
	switch {
	case delta > 0 && used >= int(r.dots.Load()):
		fail(w, http.StatusConflict, "You have used all your dots. Take one back to move it.")
		return
	case delta > 0 && here >= int(r.perCard.Load()):
		fail(w, http.StatusConflict, "That card has the most dots one person can give it.")
		return
	case delta < 0 && here == 0:
		fail(w, http.StatusConflict, "You have no dot on that card.")
		return
	}
	err := r.do(req, d, func(doc *model.Document) (model.Change, error) {
		if r.votesShown.Load() {
			return model.Change{}, notNow("Votes are shown; voting is over.")
		}
		f, ok := doc.Factor(card)
		if !ok || f.Face != model.FaceUp {
			return model.Change{}, notNow("That card is not on the board.")
		}
		f.Pending = max(0, f.Pending+delta)
		return model.Change{Factors: []model.Factor{f}}, nil
	})
	if err != nil && !stored(err) {
		r.refused(w, err)
		return
	}
	d.st.Lock()
	d.votes[card] += delta
	if d.votes[card] == 0 {
		delete(d.votes, card)
	}
	d.st.Unlock()
	// A vote the disk has not taken yet is applied and queued, and stored
	// once it can be: answered as done, since a vote has no key and sent
	// again it would count twice.
	reply(w, http.StatusOK, map[string]int{"left": int(r.dots.Load()) - used - delta})
	r.changed()
}

// ---- proposals and kudos ----

func (r *Room) propose(w http.ResponseWriter, req *http.Request, d *device) {
	var in struct {
		Key  string `json:"key"`
		What string `json:"what"`
	}
	if !readJSON(w, req, &in) {
		return
	}
	in.What = strings.TrimSpace(in.What)
	switch {
	case in.What == "":
		fail(w, http.StatusBadRequest, "Write the change you propose.")
		return
	case utf8.RuneCountInString(in.What) > MaxCardText || len(in.Key) > MaxKey:
		fail(w, http.StatusBadRequest, "A proposal can hold 2,000 characters at most.")
		return
	}
	r.addPart(w, req, d, in.Key, func(p *model.Parts, id int64) error {
		if len(p.Changes) >= model.MaxChanges {
			return notNow("The list of changes is full.")
		}
		p.Changes = append(p.Changes, model.ProcessChange{ID: id, What: in.What, CreatedAt: r.opened})
		return nil
	}, r.s.NewChangeID)
}

func (r *Room) thank(w http.ResponseWriter, req *http.Request, d *device) {
	var in struct {
		Key string `json:"key"`
		Who string `json:"who"`
		For string `json:"for"`
	}
	if !readJSON(w, req, &in) {
		return
	}
	in.Who, in.For = strings.TrimSpace(in.Who), strings.TrimSpace(in.For)
	switch {
	case in.Who == "":
		fail(w, http.StatusBadRequest, "Say who you thank.")
		return
	case utf8.RuneCountInString(in.Who) > model.MaxName:
		fail(w, http.StatusBadRequest, "That name is too long.")
		return
	case utf8.RuneCountInString(in.For) > MaxCardText || len(in.Key) > MaxKey:
		fail(w, http.StatusBadRequest, "Kudos can hold 2,000 characters at most.")
		return
	}
	r.addPart(w, req, d, in.Key, func(p *model.Parts, id int64) error {
		if len(p.Kudos) >= model.MaxKudos {
			return notNow("The list of kudos is full.")
		}
		p.Kudos = append(p.Kudos, model.Kudos{ID: id, Who: in.Who, For: in.For})
		return nil
	}, r.s.NewKudosID)
}

// addPart adds one item to the debrief's parts, once per key.
func (r *Room) addPart(w http.ResponseWriter, req *http.Request, d *device, key string,
	add func(*model.Parts, int64) error, newID func() int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.st.Lock()
	id, again := d.keys[key]
	d.st.Unlock()
	if again && key != "" {
		r.sent(w, req, d, key, id)
		return
	}
	if wait, ok := d.hit(r.cfg.Now()); !ok {
		tooMany(w, wait, "Too many in a minute.")
		return
	}
	id = newID()
	err := r.do(req, d, func(doc *model.Document) (model.Change, error) {
		p := doc.Parts()
		if err := add(&p, id); err != nil {
			return model.Change{}, err
		}
		return model.Change{Parts: &p}, nil
	})
	if err != nil && !stored(err) {
		r.refused(w, err)
		return
	}
	if key != "" {
		d.st.Lock()
		d.keys[key] = id
		d.st.Unlock()
	}
	if err != nil {
		r.notStoredYet(w)
		return
	}
	d.stored(key)
	reply(w, http.StatusCreated, map[string]int64{"id": id})
}

// ---- writing, coach ----

func (r *Room) setWriting(w http.ResponseWriter, req *http.Request, d *device) {
	var in struct {
		Writing bool `json:"writing"`
	}
	if !readJSON(w, req, &in) {
		return
	}
	if wait, ok := d.hit(r.cfg.Now()); !ok {
		tooMany(w, wait, "Too many requests in a minute.")
		return
	}
	d.st.Lock()
	if in.Writing {
		d.writing = r.cfg.Now().Add(WritingFor)
	} else {
		d.writing = time.Time{}
	}
	d.st.Unlock()
	reply(w, http.StatusNoContent, nil)
	r.changed()
}

func (r *Room) advise(w http.ResponseWriter, req *http.Request, d *device) {
	var in struct {
		Text string `json:"text"`
	}
	if !readJSON(w, req, &in) {
		return
	}
	d.st.Lock()
	ok := d.coachWin.add(r.cfg.Now(), CoachPerMin)
	d.st.Unlock()
	if !ok {
		tooMany(w, time.Second, "Too many requests in a minute.")
		return
	}
	reply(w, http.StatusOK, map[string]string{"hint": coach.Advice(in.Text)})
}

// hit counts a write of the device against its limit a minute; when over
// it, it says how long to wait.
func (d *device) hit(now time.Time) (time.Duration, bool) {
	d.st.Lock()
	defer d.st.Unlock()
	if d.hits.add(now, WritesPerMin) {
		return 0, true
	}
	return d.hits.wait(now, WritesPerMin), false
}
