package assets

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestSample(t *testing.T) {
	s := Sample()
	if len(s) == 0 {
		t.Fatal("Sample() is empty")
	}
	if !json.Valid(s) {
		t.Fatal("Sample() is not valid JSON")
	}
	s[0] = 'X'
	if bytes.Equal(Sample(), s) {
		t.Error("changing the slice Sample returned changed the next Sample()")
	}
}

func TestTemplates(t *testing.T) {
	want := []string{"blank", "work-incident", "late-delivery", "failed-test", "robotics", "family-trip"}
	ts := Templates()
	if len(ts) != len(want) {
		t.Fatalf("Templates() returned %d templates, want %d", len(ts), len(want))
	}
	seen := map[string]bool{}
	for i, tm := range ts {
		t.Run(tm.ID, func(t *testing.T) {
			if tm.ID != want[i] {
				t.Errorf("template %d has ID %q, want %q", i, tm.ID, want[i])
			}
			if seen[tm.ID] {
				t.Errorf("ID %q appears twice", tm.ID)
			}
			seen[tm.ID] = true
			if tm.Name == "" {
				t.Error("the template has no name")
			}
			if !json.Valid(tm.Data) {
				t.Fatal("the template is not valid JSON")
			}
			var doc struct {
				Format  string `json:"format"`
				Version int    `json:"version"`
				Debrief struct {
					Title    string `json:"title"`
					Status   string `json:"status"`
					Template string `json:"template"`
				} `json:"debrief"`
			}
			if err := json.Unmarshal(tm.Data, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Format != "debrief" || doc.Version != 1 {
				t.Errorf("format %q version %d, want debrief 1", doc.Format, doc.Version)
			}
			if doc.Debrief.Title == "" {
				t.Error("the template has no title")
			}
			if doc.Debrief.Status != "draft" {
				t.Errorf("status %q, want draft", doc.Debrief.Status)
			}
			// A blank debrief records no template; the others record their ID.
			wantTemplate := tm.ID
			if tm.ID == "blank" {
				wantTemplate = ""
			}
			if doc.Debrief.Template != wantTemplate {
				t.Errorf("template field %q, want %q", doc.Debrief.Template, wantTemplate)
			}
		})
	}
}
