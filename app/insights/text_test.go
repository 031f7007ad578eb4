package insights

import (
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Skipped the CHECK-LIST!", []string{"skipped", "the", "check", "list"}},
		{"Didn't sleep; team's fault?", []string{"didnt", "sleep", "teams", "fault"}},
		{"Fatigué, épuisée — Müdigkeit", []string{"fatigue", "epuisee", "mudigkeit"}},
		{"Straße Ødegård Łukasz", []string{"strasse", "odegard", "lukasz"}},
		{"  \t\n ", nil},
	} {
		if got := words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStemsMeet: the variants of one word stem alike, and a few words
// that must stay apart do.
func TestStemsMeet(t *testing.T) {
	for _, group := range [][]string{
		{"skip", "skips", "skipped", "skipping"},
		{"checklist", "checklists"},
		{"night", "nights"},
		{"tired", "tiredness"},
		{"document", "documented", "documents", "documenting"},
		{"rush", "rushed", "rushing", "rushes"},
		{"quirk", "quirks"},
		{"battery", "batteries"},
	} {
		for _, w := range group[1:] {
			if stem(w, "en") != stem(group[0], "en") {
				t.Errorf("%q stems to %q, %q to %q", w, stem(w, "en"), group[0], stem(group[0], "en"))
			}
		}
	}
	for _, pair := range [][2]string{{"miss", "mist"}, {"bus", "but"}, {"checklist", "check"}} {
		if stem(pair[0], "en") == stem(pair[1], "en") {
			t.Errorf("%q and %q stem alike", pair[0], pair[1])
		}
	}
}

// TestSynonymTable: the embedded table loads, and every phrase read alone
// in its language is its concept and nothing else.
func TestSynonymTable(t *testing.T) {
	if _, err := loadLexicons(synonymsTSV); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(synonymsTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		lang, concept, phrases := cols[0], cols[1], strings.TrimLeft(cols[2], "\t")
		for _, p := range strings.Split(phrases, ",") {
			p = strings.TrimSpace(p)
			toks := lexiconFor(lang).tokens(p)
			if len(toks) != 1 || toks[0].key != "="+concept {
				t.Errorf("%s %q reads as %v, want just %s", lang, p, toks, concept)
			}
		}
	}
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"We skipped the checklist and the team was tired", "en"},
		{"On a sauté la liste de contrôle et l'équipe était fatiguée", "fr"},
		{"Wir haben die Checkliste übersprungen, das Team war müde", "de"},
		{"Nos saltamos la lista de verificación y el equipo estaba cansado", "es"},
		{"", "en"},
	} {
		if got := language(tc.text); got != tc.want {
			t.Errorf("language(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}

// TestAcrossLanguages: a French and a German debrief's fatigue meet an
// English one in one theme.
func TestAcrossLanguages(t *testing.T) {
	c := []corpusDebrief{
		{id: 1, title: "Stalled", happened: day(1, 5), lagHours: 5, factors: []tagged{{thFatigue, "The crew was exhausted", "people", 1}, {"", "Gearbox stripped", "technical", 1}}},
		{id: 2, title: "Le robot est tombé", happened: day(2, 5), lagHours: 5, factors: []tagged{{thFatigue, "L'équipe était épuisée après la nuit blanche", "people", 1}, {"", "Le moteur a chauffé", "technical", 1}}},
		{id: 3, title: "Der Arm ist gebrochen", happened: day(3, 5), lagHours: 5, factors: []tagged{{thFatigue, "Das Team war müde und übermüdet", "people", 1}, {"", "Das Getriebe war kaputt", "technical", 1}}},
	}
	r := Compute(build(c), corpusToday)
	if len(r.Themes) != 1 || !slices.Equal(r.Themes[0].Debriefs, []int64{1, 2, 3}) || r.Themes[0].Label != "fatigue" {
		t.Errorf("themes %+v, want fatigue in all three", r.Themes)
	}
}

func TestLines(t *testing.T) {
	got := lines("- Tired\n• Rushed\n\n2. Skipped the checklist\n3) Rain\n2 people were off sick\n  ")
	want := []string{"Tired", "Rushed", "Skipped the checklist", "Rain", "2 people were off sick"}
	if !slices.Equal(got, want) {
		t.Errorf("lines: %q, want %q", got, want)
	}
}
