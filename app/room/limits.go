package room

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Limits on what a participant may send; docs/room.md lists them.
const (
	MaxCardText    = 2000     // characters in a card, a proposal, a kudos' reason
	MaxBody        = 16 << 10 // bytes in a request body
	MaxKey         = 64       // bytes in an idempotency key
	CardsPerMin    = 30       // cards a device may send a minute
	WritesPerMin   = 120      // other writes a device may send a minute
	CoachPerMin    = 300      // texts a device may ask the coach about a minute
	MaxStreams     = 200      // live event streams, all devices together
	MaxDevices     = 500      // devices that may join one room
	WrongCodes     = 10       // wrong codes a minute, from anyone, before tries wait
	WritingFor     = 20 * time.Second
	IdleClose      = 3 * time.Hour
	DefaultDots    = 3
	DefaultPerCard = 2
)

// codeAlphabet has no 0/O, 1/I/L or U/V look-alikes: 29 symbols, read
// aloud or from the back of a room without doubt.
const codeAlphabet = "ABCDEFGHJKMNPQRSTWXYZ23456789"

// newToken is 128 random bits, hex.
func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// newCode is six symbols of codeAlphabet, each equally likely.
func newCode() string {
	out := make([]byte, 0, 6)
	b := make([]byte, 1)
	limit := byte(256 / len(codeAlphabet) * len(codeAlphabet))
	for len(out) < 6 {
		rand.Read(b)
		if b[0] < limit { // no modulo bias
			out = append(out, codeAlphabet[int(b[0])%len(codeAlphabet)])
		}
	}
	return string(out)
}

// window counts events in the last minute.
type window []time.Time

// add records an event at now if fewer than limit happened in the minute
// before; it reports whether it did.
func (w *window) add(now time.Time, limit int) bool {
	w.trim(now)
	if len(*w) >= limit {
		return false
	}
	*w = append(*w, now)
	return true
}

func (w *window) trim(now time.Time) {
	i := 0
	for i < len(*w) && now.Sub((*w)[i]) >= time.Minute {
		i++
	}
	*w = (*w)[i:]
}

// wait is how long until the window has room again.
func (w *window) wait(now time.Time, limit int) time.Duration {
	w.trim(now)
	if len(*w) < limit {
		return 0
	}
	return time.Minute - now.Sub((*w)[0])
}
