package cli_test

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/model"
	ical "github.com/emersion/go-ical"
)

// readInvite parses a calendar invite with go-ical, an independent
// iCalendar parser, and returns its one event.
func readInvite(t *testing.T, data []byte) ical.Event {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("BEGIN:VCALENDAR\r\n")) {
		t.Fatalf("the invite starts %q", data[:min(len(data), 30)])
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the invite: %v", err)
	}
	ev := cal.Events()
	if len(ev) != 1 {
		t.Fatalf("the invite holds %d events, want 1", len(ev))
	}
	return ev[0]
}

func TestExportICS(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	h.listLines("--db", db) // the sample is debrief 1
	sample := readSample(t).Debrief
	if sample.ScheduledAt.IsZero() {
		t.Fatal("the sample has no scheduled_at; this test needs one")
	}

	var uid string
	for _, c := range []struct {
		name string
		args []string
		file string
	}{
		{"by extension", nil, "rover.ics"},
		{"by flag", []string{"--format", "ics"}, "rover-invite.txt"},
		{"by flag, upper case", []string{"--format", "ICS"}, "rover-invite2.out"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := h.path(c.file)
			h.ok(append([]string{"--db", db, "export", "--id", "1", "--out", out}, c.args...)...)
			ev := readInvite(t, mustRead(t, out))
			start, err := ev.DateTimeStart(time.UTC)
			if err != nil || !start.Equal(sample.ScheduledAt) {
				t.Errorf("DTSTART = %v (%v), want the sample's scheduled_at %v", start, err, sample.ScheduledAt)
			}
			end, err := ev.DateTimeEnd(time.UTC)
			if want := sample.ScheduledAt.Add(time.Duration(sample.TimeboxMinutes) * time.Minute); err != nil || !end.Equal(want) {
				t.Errorf("DTEND = %v (%v), want %v", end, err, want)
			}
			if s, _ := ev.Props.Text("SUMMARY"); s != "Debrief: "+sample.Title {
				t.Errorf("SUMMARY = %q", s)
			}
			desc, _ := ev.Props.Text("DESCRIPTION")
			for _, w := range append([]string{sample.Summary, model.GroundRules[0]}, model.ReflectionQuestions[:]...) {
				if !strings.Contains(desc, w) {
					t.Errorf("DESCRIPTION lacks %q", w)
				}
			}
			u, _ := ev.Props.Text("UID")
			if !strings.HasPrefix(u, "debrief-1-") || !strings.HasSuffix(u, "@debrief.app") {
				t.Errorf("UID = %q, want debrief-1-<created>@debrief.app", u)
			}
			if uid == "" {
				uid = u
			} else if u != uid {
				t.Errorf("UID %q differs from the first export's %q", u, uid)
			}
		})
	}

	t.Run("to stdout", func(t *testing.T) {
		out := h.ok("--db", db, "export", "--id", "1", "--format", "ics", "--out", "-")
		readInvite(t, []byte(out))
	})
}

func TestExportICSWithoutSchedule(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	db := h.path("d.db")
	doc := h.path("unscheduled.json")
	mustWrite(t, doc, []byte(`{"format":"debrief","version":1,"debrief":{"title":"No date yet","timebox_minutes":15}}`))
	id := h.importFile(db, doc)

	for _, c := range []struct {
		name string
		args []string
		out  string
	}{
		{"by extension", nil, h.path("invite.ics")},
		{"by flag", []string{"--format", "ics"}, h.path("invite.txt")},
		{"to stdout", []string{"--format", "ics"}, "-"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := h.run(append([]string{"--db", db, "export", "--id", strconv.FormatInt(id, 10), "--out", c.out}, c.args...)...)
			checkError(t, r, cli.ExitError,
				"debrief: Debrief "+strconv.FormatInt(id, 10)+" has no scheduled time: ",
				`"When is the reflection"`, "scheduled_at")
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if c.out != "-" {
				if _, err := os.Stat(c.out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s was written (%v)", c.out, err)
				}
			}
			if left := tmpLeftovers(t, h.dir); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
	// The same debrief still exports in the other formats.
	h.ok("--db", db, "export", "--id", strconv.FormatInt(id, 10), "--out", h.path("fine.json"))
}
