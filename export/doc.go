// Package export writes a debrief out of Debrief (PDF, Markdown, JSON) and
// reads the JSON interchange format back in. Every call into gofpdf lives
// here, so the PDF writer reads as the project's own. It needs no window.
package export
