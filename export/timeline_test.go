package export

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// timelineDossier has a timeline written out of order, with every form
// of time and text a person or a log gives.
func timelineDossier() *model.Dossier {
	return &model.Dossier{
		Debrief: model.Debrief{Title: "Rover bench test", Summary: "Browned out on power-on.", TimeboxMinutes: 10, Status: model.Draft,
			HappenedAt:  time.Date(2026, 11, 18, 23, 40, 0, 0, time.UTC),
			ScheduledAt: time.Date(2026, 11, 19, 9, 30, 0, 0, time.UTC)},
		Timeline: []model.TimelineEvent{
			{At: "2026-11-19 00:45", Text: "Rewired to the checklist", Kind: model.KindFixed},
			{At: "23:40", Text: "Rover browned out on power-on", Kind: model.KindStarted},
			{At: "23:41:30", Text: "Zoë Łukasiewicz-Ødegård smelled *hot* plastic\nand said so", Kind: model.KindNoticed},
			{At: "2026-11-19T00:05:00+01:00", Text: "Tried the backup battery 🔋", Kind: model.KindTried},
			{At: "23:30", Text: "Swapped the harness at the last minute"},
		},
	}
}

// The timeline goes out and comes back exactly: the same events in the
// same order, each at as it was typed; and the bytes of a second export
// are those of the first.
func TestTimelineJSONRoundTrip(t *testing.T) {
	in := timelineDossier()
	a := write(t, in)
	if !bytes.Contains(a, []byte(`"timeline": [`)) || !bytes.Contains(a, []byte(`"at": "2026-11-19T00:05:00+01:00"`)) {
		t.Fatalf("the export has no timeline as typed:\n%s", a)
	}
	out := read(t, a)
	if !reflect.DeepEqual(out.Timeline, in.Timeline) {
		t.Errorf("timeline read back\n%+v\nwant\n%+v", out.Timeline, in.Timeline)
	}
	if b := write(t, out); !bytes.Equal(a, b) {
		t.Errorf("export → import → export changed the file:\n%s\n---\n%s", a, b)
	}
	// Without a timeline, no key: the file opens in a Debrief older than it.
	in.Timeline = nil
	if a := write(t, in); bytes.Contains(a, []byte("timeline")) {
		t.Errorf("an empty timeline is written:\n%s", a)
	}
	if d := read(t, []byte(head+`{"title": "Old file"}}`)); d.Timeline != nil {
		t.Errorf("a file without a timeline reads as %+v", d.Timeline)
	}
}

func TestTimelineMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, timelineDossier(), MarkdownOptions{Created: pdfCreated}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	want := strings.Join([]string{
		"## Timeline",
		"",
		"- **23:30** — Swapped the harness at the last minute",
		"- **23:40** *Started* — Rover browned out on power-on",
		"- **23:41:30** *Noticed* — Zoë Łukasiewicz-Ødegård smelled \\*hot\\* plastic\\",
		"  and said so",
		"- **2026-11-19 00:05** *Tried* — Tried the backup battery 🔋",
		"- **2026-11-19 00:45** *Fixed* — Rewired to the checklist",
	}, "\n")
	if !strings.Contains(md, want) {
		t.Errorf("the Markdown has no timeline like\n%s\nin\n%s", want, md)
	}
	if strings.Index(md, "## What happened") > strings.Index(md, "## Timeline") {
		t.Error("the timeline comes before what happened")
	}
}

func TestTimelineICS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDossierICS(&buf, timelineDossier(), pdfCreated); err != nil {
		t.Fatal(err)
	}
	// Unfold the lines and unescape, as a calendar does.
	desc := strings.ReplaceAll(buf.String(), "\r\n ", "")
	desc = strings.NewReplacer(`\n`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(desc)
	for _, w := range []string{
		"What happened:\nBrowned out on power-on.\n\nTimeline:\n- 23:30: Swapped the harness at the last minute\n- 23:40 (started): Rover browned out",
		"- 23:41:30 (noticed): Zoë Łukasiewicz-Ødegård smelled *hot* plastic and said so\n",
		"- 2026-11-19 00:45 (fixed): Rewired to the checklist\n\nGround rules:",
	} {
		if !strings.Contains(desc, w) {
			t.Errorf("the invite's description lacks %q:\n%s", w, desc)
		}
	}
	// Through Write, as the app exports it.
	var viaWrite bytes.Buffer
	if _, err := Write(&viaWrite, timelineDossier(), ICS, Options{Created: pdfCreated}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(viaWrite.Bytes(), buf.Bytes()) {
		t.Error("the app's .ics export has no timeline")
	}
}

// The PDF shows the timeline after what happened and before the one
// change, sorted, each time beside its text.
func TestTimelinePDF(t *testing.T) {
	p := pdfMake(t, "timeline", timelineDossier(), Options{Paper: A4})
	text := p.text(t, true, 1, 1)
	at := 0
	for _, w := range []string{"What happened", "Timeline", "23:30", "Swapped the harness", "23:40", "STARTED", "Rover browned out",
		"23:41:30", "NOTICED", "smelled *hot* plastic", "2026-11-19 00:05", "TRIED", "backup battery", "2026-11-19 00:45", "FIXED", "Rewired", "THE ONE CHANGE"} {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("page 1 lacks %q after byte %d, or has it out of order:\n%s", w, at, text)
			break
		}
		at += i + len(w)
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "Rover browned out") && !strings.Contains(l, "23:40") {
			t.Errorf("the time is not beside its event: %q", l)
		}
	}
}
