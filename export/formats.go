package export

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// Format is a file format Debrief writes a debrief in.
type Format string

// The export formats.
const (
	JSON     Format = "json"
	PDF      Format = "pdf"
	Markdown Format = "md"
	ICS      Format = "ics" // a calendar invite for the reflection
)

// ParseFormat reads a format name as typed on the command line.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case JSON, PDF, Markdown, ICS:
		return f, nil
	case "markdown":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown export format %q; Debrief writes pdf, md, json or ics", s)
}

// Ext is the file name extension for the format, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// Options are the settings of an export; each format uses those it has.
type Options struct {
	Paper Paper // PDF only; "" means DefaultPaper()
	// Created is the export's date: the PDF's creation date, in its
	// metadata and footer (times in the PDF are shown in Created's time
	// zone); the Markdown's "Exported from Debrief on" line; the invite's
	// DTSTAMP for ics. Zero means time.Now().
	Created time.Time
	Creator string // PDF only, e.g. "Debrief 0.1.0"; "" means "Debrief"
}

// Report says what an export could not do perfectly.
type Report struct {
	Pages   int    // PDF only
	Missing []rune // characters no font could draw (PDF only)
	Note    string // e.g. the board was too dense to draw on one page
}

// Write writes d in format f. For ICS it writes the reflection's calendar
// invite (WriteICS), which needs d.Debrief.ScheduledAt.
func Write(w io.Writer, d *model.Dossier, f Format, opt Options) (Report, error) {
	switch f {
	case JSON:
		return Report{}, WriteJSON(w, d)
	case Markdown:
		return Report{}, WriteMarkdown(w, d, MarkdownOptions{Created: opt.Created})
	case PDF:
		r, err := WritePDF(w, d, opt)
		return Report{Pages: r.Pages, Missing: r.Missing, Note: r.Note}, err
	case ICS:
		if d == nil {
			return Report{}, errors.New("there is no debrief to export")
		}
		now := opt.Created
		if now.IsZero() {
			now = time.Now()
		}
		return Report{}, WriteDossierICS(w, d, now)
	}
	return Report{}, fmt.Errorf("unknown export format %q", f)
}

var unsafeName = regexp.MustCompile(`[/\\:*?"<>|\x00-\x1f\x7f]+`)

// FileName is the name an export is offered under: "2026-11-18 Rover bench
// test.pdf", dated when the setback happened (or on, if unknown), with
// characters that file systems refuse replaced and the title kept short.
func FileName(d model.Debrief, f Format, on time.Time) string {
	when := d.HappenedAt
	if when.IsZero() {
		when = on
	}
	title := strings.Join(strings.Fields(unsafeName.ReplaceAllString(d.Title, " ")), " ")
	title = strings.Trim(title, ". ")
	if r := []rune(title); len(r) > 80 {
		title = strings.TrimSpace(string(r[:80]))
	}
	if title == "" {
		title = "Debrief"
	}
	return when.Format("2006-01-02") + " " + title + f.Ext()
}
