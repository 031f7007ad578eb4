package export

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	ical "github.com/emersion/go-ical"
)

// The invite is read back with github.com/emersion/go-ical, a parser
// written by someone else, so the tests check the file against another
// reading of RFC 5545 rather than against this package's own idea of it.

// parseICS checks the physical form of an invite (CRLF line endings, no
// line over 75 octets, no line that splits a UTF-8 sequence, no control
// characters) and returns its one event, parsed by go-ical.
func parseICS(t *testing.T, data []byte) (*ical.Calendar, ical.Event) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("the invite does not end in CRLF: ...%q", data[max(0, len(data)-20):])
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, more than 75: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d is not valid UTF-8 on its own (a fold split a character): %q", i+1, l)
		}
		for _, c := range l {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				t.Errorf("line %d holds the control byte %#x: %q", i+1, c, l)
				break
			}
		}
		if len(l) == 0 {
			t.Errorf("line %d is empty", i+1)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the invite: %v\n%s", err, data)
	}
	// go-ical's encoder checks the RFC's cardinality rules (exactly one
	// PRODID, VERSION, UID, DTSTAMP; at most one DTSTART, DTEND, SUMMARY…).
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Errorf("go-ical finds the invite malformed: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 || len(cal.Children) != 1 {
		t.Fatalf("the calendar holds %d events and %d components, want exactly one VEVENT", len(events), len(cal.Children))
	}
	return cal, events[0]
}

func propText(t *testing.T, props ical.Props, name string) string {
	t.Helper()
	if n := len(props.Values(name)); n != 1 {
		t.Fatalf("%s appears %d times, want once", name, n)
	}
	s, err := props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func propTime(t *testing.T, props ical.Props, name string) time.Time {
	t.Helper()
	p := props.Get(name)
	if p == nil {
		t.Fatalf("%s is missing", name)
	}
	if !strings.HasSuffix(p.Value, "Z") || len(p.Params) != 0 {
		t.Errorf("%s = %q with params %v, want the UTC form ending in Z", name, p.Value, p.Params)
	}
	v, err := p.DateTime(time.UTC)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func scheduledDebrief() model.Debrief {
	d := model.NewDebrief("Rover bench test")
	d.ID = 7
	d.CreatedAt = time.Date(2026, 11, 18, 23, 55, 12, 0, time.UTC)
	// 10:30 in Paris is 09:30 UTC.
	d.ScheduledAt = time.Date(2026, 11, 19, 10, 30, 0, 0, time.FixedZone("CET", 3600))
	d.TimeboxMinutes = 25
	d.Summary = "The rover's motor controller burned out on the bench, at 23:40; nobody was hurt.\nWe had skipped step 4 (check the wiring), and the fix was rushed."
	return d
}

func TestWriteICS(t *testing.T) {
	d := scheduledDebrief()
	now := time.Date(2026, 11, 19, 8, 0, 5, 123, time.FixedZone("EST", -5*3600))
	var buf bytes.Buffer
	if err := WriteICS(&buf, d, now); err != nil {
		t.Fatal(err)
	}
	cal, ev := parseICS(t, buf.Bytes())

	for name, want := range map[string]string{"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH"} {
		if got := propText(t, cal.Props, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if p := propText(t, cal.Props, "PRODID"); !strings.Contains(p, "Debrief") {
		t.Errorf("PRODID = %q, want it to name Debrief", p)
	}

	if uid := propText(t, ev.Props, "UID"); uid != fmt.Sprintf("debrief-7-%d@debrief.app", d.CreatedAt.Unix()) {
		t.Errorf("UID = %q", uid)
	}
	if got, want := propTime(t, ev.Props, "DTSTAMP"), time.Date(2026, 11, 19, 13, 0, 5, 0, time.UTC); !got.Equal(want) {
		t.Errorf("DTSTAMP = %v, want %v", got, want)
	}
	start := propTime(t, ev.Props, "DTSTART")
	if want := time.Date(2026, 11, 19, 9, 30, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("DTSTART = %v, want %v", start, want)
	}
	end := propTime(t, ev.Props, "DTEND")
	if want := start.Add(25 * time.Minute); !end.Equal(want) {
		t.Errorf("DTEND = %v, want start + 25 minutes = %v", end, want)
	}
	if got := propText(t, ev.Props, "SUMMARY"); got != "Debrief: Rover bench test" {
		t.Errorf("SUMMARY = %q", got)
	}

	desc := propText(t, ev.Props, "DESCRIPTION")
	wants := []string{d.Summary, "25 minutes"}
	wants = append(wants, model.GroundRules...)
	wants = append(wants, model.ReflectionQuestions[:]...)
	for _, w := range wants {
		if !strings.Contains(desc, w) {
			t.Errorf("DESCRIPTION lacks %q:\n%s", w, desc)
		}
	}

	// A later export of the same debrief is the same event.
	var again bytes.Buffer
	if err := WriteICS(&again, d, now.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	_, ev2 := parseICS(t, again.Bytes())
	if a, b := propText(t, ev.Props, "UID"), propText(t, ev2.Props, "UID"); a != b {
		t.Errorf("the UID changed between exports: %q, then %q", a, b)
	}
}

func TestWriteICSWithoutSummary(t *testing.T) {
	d := scheduledDebrief()
	d.Summary = "  \n "
	d.TimeboxMinutes = 1
	var buf bytes.Buffer
	if err := WriteICS(&buf, d, time.Now()); err != nil {
		t.Fatal(err)
	}
	_, ev := parseICS(t, buf.Bytes())
	desc := propText(t, ev.Props, "DESCRIPTION")
	if strings.Contains(desc, "What happened") {
		t.Errorf("a blank summary still gave a What happened section:\n%s", desc)
	}
	if !strings.Contains(desc, "1 minute:") {
		t.Errorf("DESCRIPTION does not give the length as 1 minute:\n%s", desc)
	}
	if end := propTime(t, ev.Props, "DTEND"); !end.Equal(d.ScheduledAt.Add(time.Minute)) {
		t.Errorf("DTEND = %v", end)
	}
}

// TestWriteICSTextRoundTrips writes text that needs escaping, folding or
// both, and reads it back through go-ical.
func TestWriteICSTextRoundTrips(t *testing.T) {
	cases := []struct{ name, text string }{
		{"long ascii", strings.Repeat("The checklist was skipped at 23:40 because the timeline was too tight. ", 30)},
		{"escapes", `a\b;c,d \\;; ,, \n (a backslash and an n, not a newline)` + strings.Repeat(`\;,`, 60)},
		{"accents", strings.Repeat("Zoë Łukasiewicz-Ødegård, ça a été éprouvant; ", 12)},
		{"combining accents", strings.Repeat("e\u0301e\u0300o\u0308 ", 40)},
		{"emoji", strings.Repeat("🚀🔥👩🏽‍🔧🇫🇷", 30)},
		{"right to left", strings.Repeat("שלום עולם، مرحبا بالعالم ", 15)},
		{"mixed", strings.Repeat("x", 73) + "é" + strings.Repeat("y", 72) + "🚀" + strings.Repeat("z", 71) + `\,` + "日本語"},
		{"tabs", "one\ttwo\t\tthree"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Every offset, so folds fall before, inside and after every
			// multi-byte character and escape.
			for shift := range 8 {
				d := scheduledDebrief()
				d.Title = strings.Repeat("ab", shift) + strings.TrimSpace(strings.ReplaceAll(c.text, "\t", " "))
				d.Summary = strings.Repeat("a", shift) + c.text
				var buf bytes.Buffer
				if err := WriteICS(&buf, d, time.Now()); err != nil {
					t.Fatal(err)
				}
				_, ev := parseICS(t, buf.Bytes())
				wantTitle := "Debrief: " + strings.Join(strings.Fields(d.Title), " ")
				if got := propText(t, ev.Props, "SUMMARY"); got != wantTitle {
					t.Errorf("shift %d: SUMMARY = %q, want %q", shift, got, wantTitle)
				}
				desc := propText(t, ev.Props, "DESCRIPTION")
				if !strings.Contains(desc, "What happened:\n"+strings.TrimSpace(d.Summary)+"\n\n") {
					t.Errorf("shift %d: DESCRIPTION does not hold the summary as written:\n%s", shift, desc)
				}
			}
		})
	}
}

func TestWriteICSControlCharacters(t *testing.T) {
	d := scheduledDebrief()
	d.Title = "Bad\x00 title\nwith\x1b[31m escapes\r"
	d.Summary = "null\x00 bell\x07 esc\x1b[2J del\x7f nel\u0085 cr\rlf\ncrlf\r\nls\u2028ps\u2029end\xff\xfe"
	var buf bytes.Buffer
	if err := WriteICS(&buf, d, time.Now()); err != nil {
		t.Fatal(err)
	}
	_, ev := parseICS(t, buf.Bytes()) // checks that no line holds a control byte
	title := propText(t, ev.Props, "SUMMARY")
	if want := "Debrief: Bad title with [31m escapes"; title != want {
		t.Errorf("SUMMARY = %q, want %q", title, want)
	}
	desc := propText(t, ev.Props, "DESCRIPTION")
	for _, r := range desc {
		if r != '\n' && unicode.IsControl(r) {
			t.Errorf("DESCRIPTION holds the control character %U", r)
		}
	}
	want := "null  bell  esc [2J del  nel  cr\nlf\ncrlf\nls\nps\nend\uFFFD"
	if !strings.Contains(desc, want) {
		t.Errorf("DESCRIPTION does not hold %q:\n%q", want, desc)
	}
}

func TestWriteICSNotScheduled(t *testing.T) {
	d := scheduledDebrief()
	d.ScheduledAt = time.Time{}
	var buf bytes.Buffer
	err := WriteICS(&buf, d, time.Now())
	if !errors.Is(err, ErrNotScheduled) {
		t.Fatalf("err = %v, want ErrNotScheduled", err)
	}
	if !strings.Contains(err.Error(), "Rover bench test") || !strings.Contains(err.Error(), "scheduled time") {
		t.Errorf("the message %q should name the debrief and what is missing", err)
	}
	if buf.Len() != 0 {
		t.Errorf("an unscheduled debrief wrote %d bytes", buf.Len())
	}
	if _, err := Write(&buf, &model.Dossier{Debrief: d}, ICS, Options{}); !errors.Is(err, ErrNotScheduled) || buf.Len() != 0 {
		t.Errorf("Write(ICS) = %v with %d bytes written, want ErrNotScheduled and nothing", err, buf.Len())
	}
}

func TestWriteICSOutOfRange(t *testing.T) {
	d := scheduledDebrief()
	d.ScheduledAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := WriteICS(&buf, d, time.Now()); err == nil || buf.Len() != 0 {
		t.Errorf("the year 10000: err = %v, %d bytes written; want an error and nothing", err, buf.Len())
	}
}

func TestICSUID(t *testing.T) {
	a := scheduledDebrief()
	b := a
	b.ID = 8
	c := a
	c.CreatedAt = a.CreatedAt.Add(time.Second)
	unsaved := a
	unsaved.ID = 0
	other := unsaved
	other.Title = "Another debrief"
	uids := map[string]string{}
	for name, d := range map[string]model.Debrief{"a": a, "other id": b, "other created": c, "unsaved": unsaved, "unsaved other": other} {
		u := icsUID(d)
		if !strings.HasPrefix(u, "debrief-") || !strings.HasSuffix(u, "@debrief.app") {
			t.Errorf("%s: UID %q", name, u)
		}
		if prev, dup := uids[u]; dup {
			t.Errorf("%s and %s share the UID %q", name, prev, u)
		}
		uids[u] = name
	}
	again := unsaved // a copy: the UID depends on the fields, not on the value's identity
	if icsUID(unsaved) != icsUID(again) {
		t.Error("the UID of an unsaved debrief is not stable")
	}
}

// FuzzWriteICS feeds arbitrary text to the invite; whatever it is, the file
// must parse, keep the title on one line and keep every line within 75 octets.
func FuzzWriteICS(f *testing.F) {
	for _, s := range []string{"", "a,b;c\\d", "🚀\r\n\x00é", strings.Repeat("日本語", 40), "\xff\xfe", "\\"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, summary string) {
		d := scheduledDebrief()
		d.Title, d.Summary = title, summary
		var buf bytes.Buffer
		if err := WriteICS(&buf, d, time.Now()); err != nil {
			t.Fatal(err)
		}
		_, ev := parseICS(t, buf.Bytes())
		if s := propText(t, ev.Props, "SUMMARY"); strings.ContainsAny(s, "\r\n") || !strings.HasPrefix(s, "Debrief") {
			t.Errorf("SUMMARY = %q", s)
		}
	})
}
