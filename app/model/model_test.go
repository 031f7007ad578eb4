package model_test

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// wantErr checks err against want: "" means no error, anything else is a
// piece of text the error must contain.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Errorf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("error %q does not contain %q", err, want)
	}
}

func TestNewDebrief(t *testing.T) {
	d := model.NewDebrief("Printer fire")
	if d.Title != "Printer fire" || d.TimeboxMinutes != model.DefaultTimebox || d.Status != model.Draft {
		t.Errorf("NewDebrief = %+v, want title, timebox %d and draft", d, model.DefaultTimebox)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("a new debrief is not valid: %v", err)
	}
}

func TestDebriefValidate(t *testing.T) {
	// "é" is two bytes and "🔥" four, so a byte count would go over the
	// limit long before a rune count does.
	atLimit := strings.Repeat("é", model.MaxTitle)
	overLimit := strings.Repeat("🔥", model.MaxTitle+1)
	if len(atLimit) <= model.MaxTitle {
		t.Fatal("the at-limit title should be longer in bytes than MaxTitle")
	}
	cases := []struct {
		name string
		edit func(d *model.Debrief)
		want string // "" for valid
	}{
		{"ok", func(d *model.Debrief) {}, ""},
		{"ok with participants", func(d *model.Debrief) { d.Participants = []string{"Maya", "Jonas"} }, ""},
		{"empty title", func(d *model.Debrief) { d.Title = "" }, "the title is empty"},
		{"blank title", func(d *model.Debrief) { d.Title = " \t\n " }, "the title is empty"},
		{"title starting with NUL", func(d *model.Debrief) { d.Title = "  \x00Outage" }, "starts with a NUL"},
		{"NUL inside the title", func(d *model.Debrief) { d.Title = "Out\x00age" }, ""},
		{"title of MaxTitle multi-byte runes", func(d *model.Debrief) { d.Title = atLimit }, ""},
		{"title over MaxTitle runes", func(d *model.Debrief) { d.Title = overLimit }, "the title is longer than 500 characters"},
		{"summary at MaxText", func(d *model.Debrief) { d.Summary = strings.Repeat("ü", model.MaxText) }, ""},
		{"summary over MaxText", func(d *model.Debrief) { d.Summary = strings.Repeat("a", model.MaxText+1) }, "the summary is longer"},
		{"timebox 0", func(d *model.Debrief) { d.TimeboxMinutes = 0 }, "the timebox is 0 minutes; it must be 1 to 600"},
		{"timebox negative", func(d *model.Debrief) { d.TimeboxMinutes = -5 }, "the timebox is -5 minutes"},
		{"timebox 1", func(d *model.Debrief) { d.TimeboxMinutes = 1 }, ""},
		{"timebox 10", func(d *model.Debrief) { d.TimeboxMinutes = 10 }, ""},
		{"timebox 600", func(d *model.Debrief) { d.TimeboxMinutes = 600 }, ""},
		{"timebox 601", func(d *model.Debrief) { d.TimeboxMinutes = 601 }, "the timebox is 601 minutes"},
		{"unknown status", func(d *model.Debrief) { d.Status = "done" }, `unknown status "done"`},
		{"empty status", func(d *model.Debrief) { d.Status = "" }, `unknown status ""`},
		{"status in capitals", func(d *model.Debrief) { d.Status = "Draft" }, `unknown status "Draft"`},
		{"reviewed", func(d *model.Debrief) { d.Status = model.Reviewed }, ""},
		{"closed", func(d *model.Debrief) { d.Status = model.Closed }, ""},
		{"empty participant", func(d *model.Debrief) { d.Participants = []string{"Maya", ""} }, "participant 2 has no name"},
		{"blank participant", func(d *model.Debrief) { d.Participants = []string{"  \t"} }, "participant 1 has no name"},
		{"participant name at MaxName", func(d *model.Debrief) { d.Participants = []string{strings.Repeat("ß", model.MaxName)} }, ""},
		{"participant name over MaxName", func(d *model.Debrief) { d.Participants = []string{"A", strings.Repeat("ß", model.MaxName+1)} }, "participant 2 has a name longer than 200"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := model.NewDebrief("Rover bench test")
			c.edit(&d)
			wantErr(t, d.Validate(), c.want)
		})
	}
}

func TestDebriefValidateReportsEveryProblem(t *testing.T) {
	d := model.Debrief{Title: " ", TimeboxMinutes: 0, Status: "x", Participants: []string{""}}
	err := d.Validate()
	for _, want := range []string{"the title is empty", "the timebox is 0", `unknown status "x"`, "participant 1 has no name"} {
		wantErr(t, err, want)
	}
}

func validFactor() model.Factor {
	return model.Factor{ID: 1, Text: "The connector was swapped", Category: model.Technical, X: 40, Y: 40,
		W: model.DefaultCardWidth, H: model.DefaultCardHeight}
}

func TestFactorValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *model.Factor)
		want string
	}{
		{"ok", func(f *model.Factor) {}, ""},
		{"every category", func(f *model.Factor) { f.Category = model.Lucky }, ""},
		{"unknown category", func(f *model.Factor) { f.Category = "blame" }, `unknown category "blame"`},
		{"empty category", func(f *model.Factor) { f.Category = "" }, `unknown category ""`},
		{"empty text is allowed", func(f *model.Factor) { f.Text = "" }, ""},
		{"100,000-character text", func(f *model.Factor) { f.Text = strings.Repeat("x", 100_000) }, ""},
		{"MaxText multi-byte runes", func(f *model.Factor) { f.Text = strings.Repeat("ж", model.MaxText) }, ""},
		{"MaxText+1 characters", func(f *model.Factor) { f.Text = strings.Repeat("x", model.MaxText+1) }, "the card text is longer than 200000 characters"},
		{"x NaN", func(f *model.Factor) { f.X = math.NaN() }, "x is NaN"},
		{"y +Inf", func(f *model.Factor) { f.Y = math.Inf(1) }, "y is +Inf"},
		{"x -Inf", func(f *model.Factor) { f.X = math.Inf(-1) }, "x is -Inf"},
		{"w NaN", func(f *model.Factor) { f.W = math.NaN() }, "w is NaN"},
		{"h +Inf", func(f *model.Factor) { f.H = math.Inf(1) }, "h is +Inf"},
		{"x huge", func(f *model.Factor) { f.X = 1e300 }, "x is 1e+300"},
		{"y just past the limit", func(f *model.Factor) { f.Y = -(model.MaxCoordinate + 1) }, "y is -1.0000001e+07"},
		{"x at the limit", func(f *model.Factor) { f.X = model.MaxCoordinate }, ""},
		{"negative coordinates", func(f *model.Factor) { f.X, f.Y = -500, -model.MaxCoordinate }, ""},
		{"w huge", func(f *model.Factor) { f.W = 2e7 }, "w is 2e+07"},
		{"zero width", func(f *model.Factor) { f.W = 0 }, "the card size 0x120 must be positive"},
		{"zero height", func(f *model.Factor) { f.H = 0 }, "the card size 220x0 must be positive"},
		{"negative width", func(f *model.Factor) { f.W = -10 }, "must be positive"},
		{"negative height", func(f *model.Factor) { f.H = -0.5 }, "must be positive"},
		{"named author", func(f *model.Factor) { f.Author = "Priya" }, ""},
		{"blank but non-empty author", func(f *model.Factor) { f.Author = "  \t" }, "the author is blank"},
		{"author over MaxName", func(f *model.Factor) { f.Author = strings.Repeat("é", model.MaxName+1) }, "the author's name is longer than 200"},
		{"author at MaxName", func(f *model.Factor) { f.Author = strings.Repeat("é", model.MaxName) }, ""},
		{"negative votes", func(f *model.Factor) { f.Votes = -1 }, "votes is -1; it cannot be negative"},
		{"some votes", func(f *model.Factor) { f.Votes = 12 }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := validFactor()
			c.edit(&f)
			wantErr(t, f.Validate(), c.want)
		})
	}
}

func TestFactorAnonymous(t *testing.T) {
	f := validFactor()
	if !f.Anonymous() {
		t.Error("a factor without an author should be anonymous")
	}
	f.Author = "Tom"
	if f.Anonymous() {
		t.Error("a factor with an author should not be anonymous")
	}
}

func TestLinkValidate(t *testing.T) {
	cases := []struct {
		name string
		link model.Link
		want string
	}{
		{"ok", model.Link{FromID: 1, ToID: 2}, ""},
		{"ok with label", model.Link{FromID: 2, ToID: 1, Label: "made worse"}, ""},
		{"self-link", model.Link{FromID: 3, ToID: 3}, "a factor cannot be linked to itself"},
		{"label over MaxName", model.Link{FromID: 1, ToID: 2, Label: strings.Repeat("→", model.MaxName+1)}, "the link label is longer than 200"},
		{"label at MaxName", model.Link{FromID: 1, ToID: 2, Label: strings.Repeat("→", model.MaxName)}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantErr(t, c.link.Validate(), c.want) })
	}
}

func TestValidateChangesAndChosen(t *testing.T) {
	a := model.ProcessChange{ID: 1, What: "Label every connector"}
	b := model.ProcessChange{ID: 2, What: "Stop testing at midnight"}
	c := model.ProcessChange{ID: 3, What: "Check pinouts with a meter"}
	chosen := func(p model.ProcessChange) model.ProcessChange { p.Chosen = true; return p }

	cases := []struct {
		name       string
		changes    []model.ProcessChange
		several    bool
		wantChosen int64 // 0 for none
	}{
		{"none at all", nil, false, 0},
		{"none chosen", []model.ProcessChange{a, b, c}, false, 0},
		{"one chosen", []model.ProcessChange{a, chosen(b), c}, false, 2},
		{"last chosen", []model.ProcessChange{a, b, chosen(c)}, false, 3},
		{"two chosen", []model.ProcessChange{chosen(a), b, chosen(c)}, true, 1},
		{"three chosen", []model.ProcessChange{chosen(a), chosen(b), chosen(c)}, true, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := model.ValidateChanges(tc.changes)
			if tc.several {
				if !errors.Is(err, model.ErrSeveralChosen) {
					t.Errorf("ValidateChanges = %v, want ErrSeveralChosen", err)
				}
			} else if err != nil {
				t.Errorf("ValidateChanges = %v, want nil", err)
			}
			got, ok := model.Chosen(tc.changes)
			if ok != (tc.wantChosen != 0) || got.ID != tc.wantChosen {
				t.Errorf("Chosen = %+v, %v; want id %d", got, ok, tc.wantChosen)
			}
			if ok && (!got.Chosen || got.What == "") {
				t.Errorf("Chosen returned %+v, not the whole chosen change", got)
			}
		})
	}
	err := model.ValidateChanges([]model.ProcessChange{chosen(a), chosen(b)})
	wantErr(t, err, "(2 are)")
}

func TestProcessChangeValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *model.ProcessChange)
		want string
	}{
		{"ok", func(c *model.ProcessChange) {}, ""},
		{"ok with every outcome", func(c *model.ProcessChange) { c.Outcome = model.Adjusted }, ""},
		{"no what", func(c *model.ProcessChange) { c.What = "" }, "needs to say what will change"},
		{"measure too long", func(c *model.ProcessChange) { c.Measure = strings.Repeat("m", model.MaxText+1) }, "longer than 200000"},
		{"owner too long", func(c *model.ProcessChange) { c.Owner = strings.Repeat("o", model.MaxName+1) }, "the owner's name is longer"},
		{"negative votes", func(c *model.ProcessChange) { c.Votes = -2 }, "votes is -2"},
		{"unknown outcome", func(c *model.ProcessChange) { c.Outcome = "abandoned" }, `unknown outcome "abandoned"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := model.ProcessChange{What: "Label connectors", Owner: "Jonas", Outcome: model.Kept}
			tc.edit(&c)
			wantErr(t, c.Validate(), tc.want)
		})
	}
}

func TestOutcomeValid(t *testing.T) {
	for o, want := range map[model.Outcome]bool{
		model.NoOutcome: true, model.Kept: true, model.Adjusted: true, model.Dropped: true,
		"Kept": false, "kept ": false, "maybe": false,
	} {
		if got := o.Valid(); got != want {
			t.Errorf("Outcome(%q).Valid() = %v, want %v", o, got, want)
		}
	}
}

func TestLessonWarningSignKudosValidate(t *testing.T) {
	long := strings.Repeat("л", model.MaxText+1)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"empty lesson", model.Lesson{}.Validate(), ""},
		{"lesson at MaxText", model.Lesson{WhatLed: strings.Repeat("л", model.MaxText)}.Validate(), ""},
		{"lesson what led too long", model.Lesson{WhatLed: long}.Validate(), "what led to the problem is longer"},
		{"lesson reflection 4 too long", model.Lesson{Reflections: model.Reflections{Celebrate: long}}.Validate(), "reflection 4 is longer"},
		{"warning sign ok", model.WarningSign{Text: "It smelled hot"}.Validate(), ""},
		{"warning sign empty", model.WarningSign{}.Validate(), "a warning sign needs some text"},
		{"warning sign too long", model.WarningSign{Text: long}.Validate(), "the warning sign is longer"},
		{"kudos ok", model.Kudos{Who: "Priya", For: "cutting the power"}.Validate(), ""},
		{"kudos without who", model.Kudos{For: "x"}.Validate(), "kudos needs the name"},
		{"kudos who too long", model.Kudos{Who: strings.Repeat("P", model.MaxName+1)}.Validate(), "the name is longer than 200"},
		{"kudos reason too long", model.Kudos{Who: "P", For: long}.Validate(), "the reason is longer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantErr(t, c.err, c.want) })
	}
}

func TestLessonEmptyAndAnswers(t *testing.T) {
	if !(model.Lesson{DebriefID: 7}).Empty() {
		t.Error("a lesson with only a debrief id should be empty")
	}
	if (model.Lesson{Reflections: model.Reflections{Safer: "x"}}).Empty() {
		t.Error("a lesson with a reflection should not be empty")
	}
	if (model.Lesson{Lucky: "x"}).Empty() {
		t.Error("a lesson with lucky text should not be empty")
	}
	r := model.Reflections{Nags: "1", BlameOrCauses: "2", Safer: "3", Celebrate: "4"}
	if got := r.Answers(); got != [4]string{"1", "2", "3", "4"} {
		t.Errorf("Answers = %q, want the fields in question order", got)
	}
	for i, q := range model.ReflectionQuestions {
		if !strings.HasSuffix(q, "?") {
			t.Errorf("reflection question %d %q is not a question", i+1, q)
		}
	}
}

// validDossier has two factors linked 1 → 2, a warning sign on 1, kudos on
// 2 and one chosen change.
func validDossier() *model.Dossier {
	f1, f2 := validFactor(), validFactor()
	f2.ID, f2.Category = 2, model.Process
	return &model.Dossier{
		Debrief:      model.NewDebrief("Rover bench test"),
		Factors:      []model.Factor{f1, f2},
		Links:        []model.Link{{FromID: 1, ToID: 2}},
		Lesson:       model.Lesson{WhatLed: "Tiredness"},
		WarningSigns: []model.WarningSign{{Text: "Hot plastic", FactorID: 1}, {Text: "Nobody looked"}},
		Changes:      []model.ProcessChange{{What: "Label connectors", Chosen: true}, {What: "Sleep"}},
		Kudos:        []model.Kudos{{Who: "Priya", FactorID: 2}, {Who: "Tom"}},
	}
}

func TestDossierValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(d *model.Dossier)
		want []string // every piece the error must contain; nil for valid
	}{
		{"ok", func(d *model.Dossier) {}, nil},
		{"empty dossier with a debrief", func(d *model.Dossier) { *d = model.Dossier{Debrief: d.Debrief} }, nil},
		{"bad debrief", func(d *model.Dossier) { d.Debrief.Title = "" }, []string{"debrief: the title is empty"}},
		{"bad factor", func(d *model.Dossier) { d.Factors[1].Votes = -1 }, []string{"factor 2: votes is -1"}},
		{"duplicate factor id", func(d *model.Dossier) { d.Factors[1].ID = 1 }, []string{"factor 2: id 1 is used twice"}},
		{"link to a missing factor", func(d *model.Dossier) { d.Links[0].ToID = 9 },
			[]string{"link 1: refers to factor 9, which is not in this debrief"}},
		{"second link from a missing factor", func(d *model.Dossier) { d.Links = append(d.Links, model.Link{FromID: 5, ToID: 1}) },
			[]string{"link 2: refers to factor 5"}},
		{"link without an end", func(d *model.Dossier) { d.Links[0].FromID = 0 }, []string{"link 1: needs both ends"}},
		{"self-link", func(d *model.Dossier) { d.Links[0].ToID = 1 }, []string{"link 1: a factor cannot be linked to itself"}},
		{"duplicate link", func(d *model.Dossier) { d.Links = append(d.Links, model.Link{FromID: 1, ToID: 2, Label: "again"}) },
			[]string{"link 2: links the same two factors twice"}},
		{"reverse link is not a duplicate", func(d *model.Dossier) { d.Links = append(d.Links, model.Link{FromID: 2, ToID: 1}) }, nil},
		{"warning sign on a missing factor", func(d *model.Dossier) { d.WarningSigns[1].FactorID = 3 },
			[]string{"warning sign 2: refers to factor 3"}},
		{"warning sign without text", func(d *model.Dossier) { d.WarningSigns[0].Text = "" }, []string{"warning sign 1: a warning sign needs some text"}},
		{"kudos on a missing factor", func(d *model.Dossier) { d.Kudos[0].FactorID = 42 },
			[]string{"kudos 1: refers to factor 42, which is not in this debrief"}},
		{"kudos without who", func(d *model.Dossier) { d.Kudos[1].Who = "" }, []string{"kudos 2: kudos needs the name"}},
		{"lesson too long", func(d *model.Dossier) { d.Lesson.Lucky = strings.Repeat("x", model.MaxText+1) }, []string{"lesson: where we got lucky is longer"}},
		{"bad change", func(d *model.Dossier) { d.Changes[1].What = "" }, []string{"process change 2: a process change needs to say"}},
		{"two chosen", func(d *model.Dossier) { d.Changes[1].Chosen = true }, []string{"process changes: only one process change can be chosen"}},
		{"several problems at once", func(d *model.Dossier) {
			d.Links[0].ToID = 8
			d.Kudos[0].FactorID = 8
			d.WarningSigns[0].FactorID = 8
		}, []string{"link 1: refers to factor 8", "warning sign 1: refers to factor 8", "kudos 1: refers to factor 8"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := validDossier()
			c.edit(d)
			err := d.Validate()
			if c.want == nil {
				if err != nil {
					t.Errorf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want one containing %q", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestDossierValidateKeepsErrSeveralChosen(t *testing.T) {
	d := validDossier()
	d.Changes[1].Chosen = true
	if err := d.Validate(); !errors.Is(err, model.ErrSeveralChosen) {
		t.Errorf("Validate = %v, want it to wrap ErrSeveralChosen", err)
	}
}

func TestDossierFactor(t *testing.T) {
	d := validDossier()
	f, ok := d.Factor(2)
	if !ok || f.ID != 2 || f.Category != model.Process {
		t.Errorf("Factor(2) = %+v, %v; want the process factor", f, ok)
	}
	if f, ok := d.Factor(3); ok || f != (model.Factor{}) {
		t.Errorf("Factor(3) = %+v, %v; want nothing", f, ok)
	}
}

func TestParseCategory(t *testing.T) {
	cases := []struct {
		in   string
		want model.Category
		ok   bool
	}{
		{"technical", model.Technical, true},
		{"people", model.People, true},
		{"process", model.Process, true},
		{"context", model.Context, true},
		{"warning", model.Warning, true},
		{"went-well", model.WentWell, true},
		{"lucky", model.Lucky, true},
		{"", "", false},
		{"Technical", "", false},
		{"TECH", "", false},
		{"went_well", "", false},
		{" people", "", false},
		{"blame", "", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := model.ParseCategory(c.in)
			if got != c.want {
				t.Errorf("ParseCategory(%q) = %q, want %q", c.in, got, c.want)
			}
			if c.ok {
				wantErr(t, err, "")
			} else {
				wantErr(t, err, "unknown category")
				if err != nil && !strings.Contains(err.Error(), "went-well") {
					t.Errorf("error %q should list the categories", err)
				}
			}
		})
	}
}

func TestCategories(t *testing.T) {
	hex := regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	cats := model.Categories()
	if len(cats) != 7 {
		t.Fatalf("Categories() has %d entries, want 7", len(cats))
	}
	if cats[0] != model.Technical || cats[len(cats)-1] != model.Lucky {
		t.Errorf("Categories() = %v, not in display order", cats)
	}
	colours, labels, shorts, names := map[string]model.Category{}, map[string]bool{}, map[string]bool{}, map[model.Category]bool{}
	for _, c := range cats {
		if names[c] {
			t.Errorf("category %q is listed twice", c)
		}
		names[c] = true
		if !c.Valid() {
			t.Errorf("%q is listed but not Valid", c)
		}
		if p, err := model.ParseCategory(string(c)); err != nil || p != c {
			t.Errorf("ParseCategory(%q) = %q, %v", c, p, err)
		}
		col := c.Colour()
		if !hex.MatchString(col) {
			t.Errorf("%q has colour %q, not #RRGGBB", c, col)
		}
		if other, dup := colours[strings.ToUpper(col)]; dup {
			t.Errorf("%q and %q share the colour %s", other, c, col)
		}
		colours[strings.ToUpper(col)] = c
		if c.Label() == string(c) || c.Short() == string(c) {
			t.Errorf("%q falls back to its raw name: label %q, short %q", c, c.Label(), c.Short())
		}
		if strings.TrimSpace(c.Label()) == "" || strings.TrimSpace(c.Short()) == "" {
			t.Errorf("%q has an empty label %q or short %q", c, c.Label(), c.Short())
		}
		if labels[c.Label()] || shorts[c.Short()] {
			t.Errorf("%q repeats a label or short tag (%q, %q)", c, c.Label(), c.Short())
		}
		labels[c.Label()], shorts[c.Short()] = true, true
		if c.Short() != strings.ToUpper(c.Short()) {
			t.Errorf("%q has short tag %q, which is not upper case", c, c.Short())
		}
	}

	unknown := model.Category("blame")
	if unknown.Valid() || unknown.Label() != "blame" || unknown.Short() != "blame" || unknown.Colour() != "#999999" {
		t.Errorf("unknown category: valid %v, label %q, short %q, colour %q", unknown.Valid(), unknown.Label(), unknown.Short(), unknown.Colour())
	}
	if _, taken := colours["#999999"]; taken {
		t.Error("a real category has the fallback grey")
	}
}

func TestParseDate(t *testing.T) {
	good := []struct {
		in   string
		want time.Time
	}{
		{"2026-12-10", time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)},
		{"2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"0001-01-01", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"9999-12-31", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range good {
		got, err := model.ParseDate(c.in)
		if err != nil || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
		if s := got.Format(model.DateLayout); s != c.in {
			t.Errorf("ParseDate(%q) formats back as %q", c.in, s)
		}
	}
	for _, in := range []string{"", "2026-13-01", "2025-02-29", "2026-2-3", "10/12/2026", "2026-12-10T00:00:00Z", " 2026-12-10", "2026-12-10 ", "tomorrow"} {
		got, err := model.ParseDate(in)
		if err == nil || !got.IsZero() {
			t.Errorf("ParseDate(%q) = %v, %v; want an error and the zero time", in, got, err)
			continue
		}
		if !strings.Contains(err.Error(), "is not a date like 2026-12-10") {
			t.Errorf("ParseDate(%q) error %q does not show the expected form", in, err)
		}
	}
}

func TestOneLine(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Rover bench test", "Rover bench test"},
		{"empty", "", ""},
		{"newline", "line one\nline two", "line one line two"},
		{"crlf", "a\r\nb", "a  b"},
		{"tab", "a\tb", "a b"},
		{"escape sequence", "\x1b[31mred\x1b[0m", " [31mred [0m"},
		{"NUL", "a\x00b", "a b"},
		{"DEL and C1 control", "a\x7fb\u0085c", "a b c"},
		{"emoji with ZWJ and skin tone", "🔥 👩🏽‍🚒 fire", "🔥 👩🏽‍🚒 fire"},
		{"flag", "🇳🇱 team", "🇳🇱 team"},
		{"right-to-left", "שלום עולם / مرحبا", "שלום עולם / مرحبا"},
		{"right-to-left mark is not a control", "a\u200fb", "a\u200fb"},
		{"combining accents", "Cafe\u0301 na\u0308ive", "Cafe\u0301 na\u0308ive"},
		{"mixed", "T\u0301itle\n\t🔥\x1b", "T\u0301itle  🔥 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := model.OneLine(c.in)
			if got != c.want {
				t.Errorf("OneLine(%q) = %q, want %q", c.in, got, c.want)
			}
			if utf8.RuneCountInString(got) != utf8.RuneCountInString(c.in) {
				t.Errorf("OneLine(%q) changed the number of characters", c.in)
			}
			if strings.ContainsAny(got, "\n\r\t\x00\x1b") {
				t.Errorf("OneLine(%q) = %q still holds a control character", c.in, got)
			}
		})
	}
}

func TestStatusLabel(t *testing.T) {
	for s, want := range map[model.Status]string{model.Draft: "Draft", model.Reviewed: "Reviewed", model.Closed: "Closed"} {
		if got := s.Label(); got != want {
			t.Errorf("%q.Label() = %q, want %q", s, got, want)
		}
	}
}

func TestFactorsByIDAgreesWithFactor(t *testing.T) {
	d := &model.Dossier{Factors: []model.Factor{{ID: 1, Text: "a"}, {ID: 2, Text: "b"}, {ID: 1, Text: "repeated"}}}
	m := d.FactorsByID()
	if len(m) != 2 {
		t.Fatalf("%d entries, want 2", len(m))
	}
	for _, id := range []int64{1, 2, 3} {
		f, ok := d.Factor(id)
		g, ok2 := m[id]
		if ok != ok2 || f != g {
			t.Errorf("id %d: Factor gives %+v %v, FactorsByID %+v %v", id, f, ok, g, ok2)
		}
	}
}
