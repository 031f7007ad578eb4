// Package export writes a debrief out of Debrief (JSON, and later PDF,
// Markdown, .ics) and reads the JSON interchange format back in. It needs no
// window.
//
// The JSON format is described field by field in docs/format.md.
package export
