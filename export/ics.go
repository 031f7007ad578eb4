package export

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// ErrNotScheduled means a calendar invite was asked for a debrief whose
// reflection has no scheduled time.
var ErrNotScheduled = errors.New("the reflection has no scheduled time")

// icsLineOctets is the longest content line RFC 5545 allows, in octets,
// not counting the CRLF that ends it (section 3.1).
const icsLineOctets = 75

// icsTime is the UTC "Z" form of DATE-TIME (RFC 5545 section 3.3.5).
const icsTime = "20060102T150405Z"

// WriteICS writes a calendar invite for the debrief's reflection: an
// RFC 5545 VCALENDAR (METHOD:PUBLISH) holding one VEVENT that starts at
// d.ScheduledAt and lasts d.TimeboxMinutes. Its description carries what
// happened, the ground rules and the four reflection questions, so the
// invite itself prepares people for the session. now is the DTSTAMP.
//
// The UID depends only on the debrief's ID and creation time, so a second
// export of the same debrief updates the event instead of adding another.
// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
// sequence; text is escaped, and control characters from user text become
// spaces. A debrief without a scheduled time gives an error that wraps
// ErrNotScheduled, and nothing is written.
func WriteICS(w io.Writer, d model.Debrief, now time.Time) error {
	return writeICS(w, d, nil, now)
}

// WriteDossierICS is WriteICS for a whole debrief: its description also
// carries the timeline, after what happened, so people come with the
// same story of what happened when.
func WriteDossierICS(w io.Writer, d *model.Dossier, now time.Time) error {
	return writeICS(w, d.Debrief, d.Timeline, now)
}

func writeICS(w io.Writer, d model.Debrief, timeline []model.TimelineEvent, now time.Time) error {
	if d.ScheduledAt.IsZero() {
		return fmt.Errorf("cannot write a calendar invite for %q: %w; set when the reflection is held first", model.OneLine(d.Title), ErrNotScheduled)
	}
	start := d.ScheduledAt.UTC().Truncate(time.Second)
	minutes := d.TimeboxMinutes
	if minutes < 1 {
		minutes = model.DefaultTimebox
	}
	end := start.Add(time.Duration(minutes) * time.Minute)
	now = now.UTC().Truncate(time.Second)
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"the scheduled time", start}, {"the end of the reflection", end}, {"the export time", now}} {
		if y := t.at.Year(); y < 1 || y > 9999 {
			return fmt.Errorf("cannot write a calendar invite: %s is in the year %d, which a calendar cannot hold", t.name, y)
		}
	}

	var b strings.Builder
	line := func(name, value string) { foldLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("PRODID", "-//Debrief//Debrief//EN")
	line("VERSION", "2.0")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", icsUID(d))
	line("DTSTAMP", now.Format(icsTime))
	line("DTSTART", start.Format(icsTime))
	line("DTEND", end.Format(icsTime))
	line("SUMMARY", escapeText(icsSummary(d.Title)))
	line("DESCRIPTION", escapeText(icsDescription(d, timeline, minutes)))
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

// icsUID names the event for good: "debrief-<id>-<created unix>@debrief.app".
// A debrief that was never stored (ID 0) has no identity of its own, so its
// UID comes from its title and scheduled time instead.
func icsUID(d model.Debrief) string {
	if d.ID == 0 {
		sum := sha256.Sum256([]byte(d.Title + "\x00" + d.ScheduledAt.UTC().Format(time.RFC3339Nano)))
		return "debrief-" + hex.EncodeToString(sum[:8]) + "@debrief.app"
	}
	created := int64(0)
	if !d.CreatedAt.IsZero() {
		created = d.CreatedAt.Unix()
	}
	return "debrief-" + strconv.FormatInt(d.ID, 10) + "-" + strconv.FormatInt(created, 10) + "@debrief.app"
}

// icsSummary is the event's title on one line: "Debrief: <title>".
func icsSummary(title string) string {
	t := strings.Join(strings.Fields(model.OneLine(title)), " ")
	if t == "" {
		return "Debrief"
	}
	return "Debrief: " + t
}

// icsDescription is the event's body: what happened, the timeline, the ground rules, the
// reflection questions and how long it takes.
func icsDescription(d model.Debrief, timeline []model.TimelineEvent, minutes int) string {
	var b strings.Builder
	if s := strings.TrimSpace(d.Summary); s != "" {
		b.WriteString("What happened:\n")
		b.WriteString(s)
		b.WriteString("\n\n")
	}
	if len(timeline) > 0 {
		b.WriteString("Timeline:\n")
		for _, e := range model.SortTimeline(timeline, d.HappenedAt) {
			b.WriteString("- " + model.OneLine(model.ClockText(e.At, d.HappenedAt)))
			if e.Kind != model.NoKind {
				b.WriteString(" (" + strings.ToLower(e.Kind.Label()) + ")")
			}
			b.WriteString(": " + strings.TrimSpace(model.OneLine(e.Text)) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("Ground rules:\n")
	for _, r := range model.GroundRules {
		b.WriteString("- " + r + "\n")
	}
	b.WriteString("\nReflection questions to think about beforehand:\n")
	for i, q := range model.ReflectionQuestions {
		fmt.Fprintf(&b, "%d. %s\n", i+1, q)
	}
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	fmt.Fprintf(&b, "\nTime-boxed to %d %s: short and focused on purpose, and we end on time.", minutes, unit)
	return b.String()
}

// escapeText writes s as an RFC 5545 TEXT value (section 3.3.11):
// backslash, semicolon and comma get a backslash, every line break
// (CRLF, CR, LF, U+2028, U+2029) becomes \n, other control characters but
// the tab become spaces, and invalid UTF-8 becomes U+FFFD.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldLine writes one content line ending in CRLF, folded so that no line
// is longer than 75 octets: a continuation starts with a space, which
// counts. A cut never falls inside a UTF-8 sequence, nor between a
// backslash and the character it escapes (the value must already be
// escaped, so every backslash starts a pair).
func foldLine(b *strings.Builder, line string) {
	n := 0
	for i := 0; i < len(line); {
		size := 1
		if line[i] == '\\' && i+1 < len(line) {
			_, rs := utf8.DecodeRuneInString(line[i+1:])
			size = 1 + rs
		} else {
			_, size = utf8.DecodeRuneInString(line[i:])
		}
		if n+size > icsLineOctets {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(line[i : i+size])
		n += size
		i += size
	}
	b.WriteString("\r\n")
}
