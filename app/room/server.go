package room

import (
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

//go:embed web/index.html web/room.js web/room.css
var web embed.FS

// csp allows the page's own script and style and nothing else: no inline
// script, no other origin, no frames, no forms posting anywhere.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// handler is everything the room serves; anything else is 404.
func (r *Room) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", r.page)
	mux.HandleFunc("GET /j/{token}", r.page)
	mux.HandleFunc("GET /static/room.js", r.static("web/room.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET /static/room.css", r.static("web/room.css", "text/css; charset=utf-8"))
	mux.HandleFunc("POST /api/join", r.join)
	mux.HandleFunc("POST /api/devices", r.authed(r.newDevice))
	mux.HandleFunc("GET /api/events", r.events)
	mux.HandleFunc("POST /api/cards", r.withDevice(r.addCard))
	mux.HandleFunc("PUT /api/cards/{id}", r.withDevice(r.editCard))
	mux.HandleFunc("DELETE /api/cards/{id}", r.withDevice(r.deleteCard))
	mux.HandleFunc("POST /api/votes", r.withDevice(r.vote))
	mux.HandleFunc("DELETE /api/votes/{id}", r.withDevice(r.unvote))
	mux.HandleFunc("POST /api/changes", r.withDevice(r.propose))
	mux.HandleFunc("POST /api/kudos", r.withDevice(r.thank))
	mux.HandleFunc("POST /api/writing", r.withDevice(r.setWriting))
	mux.HandleFunc("POST /api/coach", r.withDevice(r.advise))
	return r.guard(mux)
}

// guard is what every request passes first: the Host header, the headers
// every answer carries, a closed room, the idle timer.
func (r *Room) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		if !r.hostAllowed(req.Host) {
			fail(w, http.StatusMisdirectedRequest, "This address does not belong to the room. Scan the QR code again.")
			return
		}
		r.mu.Lock()
		closed := r.closed
		r.mu.Unlock()
		if closed {
			fail(w, http.StatusGone, "This room is closed.")
			return
		}
		r.touched()
		next.ServeHTTP(w, req)
	})
}

// hostAllowed is the DNS rebinding check: a page of another site that
// resolves its own name to the room's address still says its own name.
func (r *Room) hostAllowed(host string) bool {
	if host == r.host {
		return true
	}
	ip, port, err := net.SplitHostPort(r.host)
	if err != nil {
		return false
	}
	return strings.HasPrefix(ip, "127.") && host == "localhost:"+port
}

func (r *Room) page(w http.ResponseWriter, req *http.Request) {
	b, _ := web.ReadFile("web/index.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

func (r *Room) static(name, kind string) http.HandlerFunc {
	b, _ := web.ReadFile(name)
	return func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", kind)
		w.Write(b)
	}
}

// ---- answers ----

type errorBody struct {
	Error string `json:"error"`
}

func fail(w http.ResponseWriter, status int, msg string) {
	reply(w, status, errorBody{msg})
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		json.NewEncoder(w).Encode(v)
	}
}

// tooMany refuses with a wait the page counts down.
func tooMany(w http.ResponseWriter, wait time.Duration, msg string) {
	secs := int(wait.Round(time.Second) / time.Second)
	secs = max(secs, 1)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	fail(w, http.StatusTooManyRequests, fmt.Sprintf("%s Try again in %d seconds.", msg, secs))
}

// ---- access ----

func (r *Room) tokenOK(t string) bool {
	return len(t) == len(r.token) && subtle.ConstantTimeCompare([]byte(t), []byte(r.token)) == 1
}

// authed needs the room's token in the X-Room-Token header: a cookie
// would be sent by any site's form; a header only by the page's script.
func (r *Room) authed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if !r.tokenOK(req.Header.Get("X-Room-Token")) {
			fail(w, http.StatusUnauthorized, "This link is old or the room was closed. Ask for the room code on the screen.")
			return
		}
		next(w, req)
	}
}

// withDevice needs the token and a device id the room handed out.
func (r *Room) withDevice(next func(http.ResponseWriter, *http.Request, *device)) http.HandlerFunc {
	return r.authed(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		d := r.devices[req.Header.Get("X-Room-Device")]
		r.mu.Unlock()
		if d == nil {
			fail(w, http.StatusUnauthorized, "This device is not in the room any more. Reload the page to join again.")
			return
		}
		next(w, req, d)
	})
}

// readJSON decodes a JSON body of at most MaxBody bytes into v; it answers
// the request itself and returns false when it cannot.
func readJSON(w http.ResponseWriter, req *http.Request, v any) bool {
	if mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		fail(w, http.StatusUnsupportedMediaType, "The request must be JSON.")
		return false
	}
	body := http.MaxBytesReader(w, req.Body, MaxBody)
	dec := json.NewDecoder(body)
	if err := dec.Decode(v); err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			fail(w, http.StatusRequestEntityTooLarge, "That is too long to send (16 KB at most).")
			return false
		}
		fail(w, http.StatusBadRequest, "The request could not be read.")
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		fail(w, http.StatusBadRequest, "The request could not be read.")
		return false
	}
	return true
}
