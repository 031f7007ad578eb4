package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

func TestFileName(t *testing.T) {
	on := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	happened := time.Date(2026, 11, 18, 23, 40, 0, 0, time.UTC)
	cases := []struct {
		title    string
		happened time.Time
		f        Format
		want     string
	}{
		{"Rover bench test", happened, PDF, "2026-11-18 Rover bench test.pdf"},
		{"Rover bench test", time.Time{}, Markdown, "2026-11-26 Rover bench test.md"},
		{"Rover bench test", happened, ICS, "2026-11-18 Rover bench test.ics"},
		{"a/b\\c: what? <no> | \"yes\"*", happened, PDF, "2026-11-18 a b c what no yes.pdf"},
		{"line\nbreak\ttab", happened, JSON, "2026-11-18 line break tab.json"},
		{"...", happened, PDF, "2026-11-18 Debrief.pdf"},
		{"Zoë Łukasiewicz-Ødegård 🚀", happened, PDF, "2026-11-18 Zoë Łukasiewicz-Ødegård 🚀.pdf"},
		{strings.Repeat("é", 200), happened, PDF, "2026-11-18 " + strings.Repeat("é", 80) + ".pdf"},
	}
	for _, c := range cases {
		d := model.NewDebrief(c.title)
		d.HappenedAt = c.happened
		if got := FileName(d, c.f, on); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"pdf": PDF, "PDF": PDF, "md": Markdown, "markdown": Markdown, "json": JSON, "ics": ICS, "ICS": ICS} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "pdf, md, json or ics") {
		t.Errorf("ParseFormat(docx) = %v", err)
	}
}

func TestWriteDispatches(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Dispatch")}
	d.Debrief.ScheduledAt = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	starts := map[Format]string{PDF: "%PDF-", Markdown: "# Dispatch", JSON: "{", ICS: "BEGIN:VCALENDAR\r\n"}
	for f, prefix := range starts {
		var buf bytes.Buffer
		if _, err := Write(&buf, d, f, Options{Created: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !strings.HasPrefix(buf.String(), prefix) {
			t.Errorf("%s export starts %q, want %q", f, buf.String()[:min(buf.Len(), 20)], prefix)
		}
	}
}

func TestWriteICSStampsNowWhenCreatedIsZero(t *testing.T) {
	d := &model.Dossier{Debrief: model.NewDebrief("Stamp")}
	d.Debrief.ScheduledAt = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	before := time.Now().UTC().Truncate(time.Second)
	if _, err := Write(&buf, d, ICS, Options{}); err != nil {
		t.Fatal(err)
	}
	after := time.Now().UTC()
	_, ev := parseICS(t, buf.Bytes())
	if got := propTime(t, ev.Props, "DTSTAMP"); got.Before(before) || got.After(after) {
		t.Errorf("DTSTAMP = %v, want the time of the export (%v to %v)", got, before, after)
	}

	buf.Reset()
	created := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	if _, err := Write(&buf, d, ICS, Options{Created: created}); err != nil {
		t.Fatal(err)
	}
	_, ev = parseICS(t, buf.Bytes())
	if got := propTime(t, ev.Props, "DTSTAMP"); !got.Equal(created) {
		t.Errorf("DTSTAMP = %v, want Options.Created %v", got, created)
	}
}
