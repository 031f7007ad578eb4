package coach

import (
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/assets"
)

// phrase is one sentence and the hint it must raise: match is the text the
// hint covers, "" for a neutral sentence that must raise none.
type phrase struct {
	text, match, reframe string
}

// The reframes, as the tests expect them.
const (
	easyToMiss     = "What made this easy to miss?"
	letHappen      = "What conditions let this happen?"
	possible       = "What conditions made this possible?"
	easyToGetWrong = "What made this easy to get wrong?"
	theirChoice    = "What made their choice make sense at the time?"
	theChoice      = "What made the choice make sense at the time?"
	forAnyone      = "What in the system makes this possible for anyone?"
	carefulHarder  = "What made the careful way harder?"
	skippable      = "What made this step feel skippable?"
	knowAndSee     = "What did they know and see at that moment?"
	hardToDo       = "What made that hard to do at the time?"
	hardToSee      = "What made it hard to see at the time?"
	pathTaken      = "What made the path taken look right at the time?"
	errorEasy      = "What made the error easy to make?"
	handoff        = "Where did the handoff leave a gap?"
	mistakeEasy    = "What made the mistake easy to make?"
	remember       = "What could remember this, so people don't have to?"
	attention      = "What was competing for attention at the time?"
	carefulEasy    = "What would make the careful way the easy way?"
	lessLikely     = "What would make this less likely for anyone?"
	safeToSay      = "What would make it safe to say what happened?"
)

var blamePhrases = []phrase{
	// Asking who.
	{"Who messed up?", "Who messed up", easyToMiss},
	{"Who screwed up the deploy?", "Who screwed up", easyToMiss},
	{"Who dropped the ball on the renewal?", "Who dropped the ball", easyToMiss},
	{"Who caused the outage?", "Who caused", letHappen},
	{"Who broke the build?", "Who broke", letHappen},
	{"Who let this happen?", "Who let this happen", letHappen},
	{"We need to find out who is to blame.", "who is to blame", possible},
	{"Who’s to blame?", "Who’s to blame", possible},
	{"Who is responsible for this?", "Who is responsible for this", possible},
	{"Whose fault was it?", "Whose fault", possible},
	// Fault and blame aimed at a person.
	{"It was Dave's fault.", "Dave's fault", easyToGetWrong},
	{"It was Zoë’s mistake.", "Zoë’s mistake", easyToGetWrong},
	{"It was his mistake.", "his mistake", easyToGetWrong},
	{"It's my fault.", "my fault", easyToGetWrong},
	{"That was the contractor's fault.", "the contractor's fault", easyToGetWrong},
	{"The operator was at fault.", "The operator was at fault", possible},
	{"Find the person at fault.", "the person at fault", possible},
	{"Management will blame the on-call engineer.", "blame the on-call engineer", theirChoice},
	{"The delay was blamed on the new intern.", "blamed on the new intern", theirChoice},
	{"I blame Kevin.", "I blame", theirChoice},
	{"We put the blame on the vendor.", "put the blame", theChoice},
	{"The blame lies with the night shift.", "The blame lies with", theChoice},
	{"Everyone was pointing fingers at ops.", "pointing fingers", "What made their choice make sense at the time?"},
	{"That's on him.", "That's on him", possible},
	{"A few bad apples.", "bad apples", forAnyone},
	// Labels for people.
	{"That was careless.", "careless", carefulHarder},
	{"Sloppy work on the migration.", "Sloppy", carefulHarder},
	{"It was negligent to skip the review.", "negligent", carefulHarder},
	{"Lack of attention to detail.", "Lack of attention to detail", carefulHarder},
	{"He was lazy about the checklist.", "lazy", skippable},
	{"What a stupid mistake.", "stupid", knowAndSee},
	{"The contractor was incompetent.", "incompetent", knowAndSee},
	{"Some idiot unplugged the server.", "idiot", knowAndSee},
	{"Classic PEBKAC.", "PEBKAC", knowAndSee},
	{"Rookie mistake.", "Rookie mistake", easyToGetWrong},
	// Hindsight and counterfactuals.
	{"He should've checked the logs.", "He should've", hardToDo},
	{"We really should have tested it on a real field.", "We really should have tested", hardToDo},
	{"She should have known better.", "She should have known", hardToDo},
	{"Honestly, anyone should have noticed the smell.", "should have noticed", hardToSee},
	{"If only Sam had tested it.", "If only Sam had", pathTaken},
	{"Why didn't you check the logs?", "Why didn't you", hardToDo},
	// Verdicts on what someone did.
	{"Root cause: human error.", "human error", errorEasy},
	{"Operator error caused the spill.", "Operator error", errorEasy},
	{"Bob messed up the config.", "Bob messed up", easyToGetWrong},
	{"I screwed up the rollout.", "I screwed up", easyToGetWrong},
	{"The team dropped the ball.", "The team dropped the ball", handoff},
	{"The intern made a mistake in the config.", "The intern made a mistake", mistakeEasy},
	{"Someone forgot to renew the certificate.", "Someone forgot", remember},
	{"Mum forgot the passports.", "Mum forgot", remember},
	{"They didn't bother to read the runbook.", "didn't bother to", skippable},
	{"Dad couldn't be bothered to check the tyres.", "couldn't be bothered", skippable},
	{"He failed to follow the checklist.", "He failed to", hardToDo},
	{"We failed to notice the alert.", "We failed to", hardToDo},
	{"The pilot failed to realise the flaps were up.", "The pilot failed to", hardToDo},
	{"Failed to follow the runbook, again.", "Failed to follow the runbook", hardToDo},
	{"He wasn't paying attention.", "wasn't paying attention", attention},
	{"We just need to be more careful.", "be more careful", carefulEasy},
	// Punishment and safety.
	{"Someone needs to be held accountable.", "Someone needs to be held accountable", lessLikely},
	{"Heads will roll.", "Heads will roll", lessLikely},
	{"She threw him under the bus.", "threw him under the bus", safeToSay},
	{"Shame on whoever wrote this.", "Shame on", safeToSay},
}

// neutralPhrases must raise no hint: technical uses of fault, failure and
// error, blameless practice, and everyday sentences near blame words.
var neutralPhrases = []string{
	"The fault was in the wiring harness.",
	"We run a blameless review after every incident.",
	"Blamelessness is a practice, not a slogan.",
	"This is a blame-free review.",
	"We put blame-free reviews on the calendar.",
	"There is no blame here; we look at the system.",
	"We looked at the failure mode of the valve.",
	"The cluster is fault-tolerant across three zones.",
	"Fault tolerance saved us.",
	"The operator's fault tolerance was tested.",
	"The root cause was an expired certificate.",
	"We burned half of the error budget.",
	"The build failed on the ARM runner.",
	"The pump failed to start after the power cut.",
	"The alert failed to fire.",
	"The service failed to notify on-call.",
	"The health check failed to detect the hung process.",
	"The parser failed to follow the redirect.",
	"The script failed to update the record.",
	"Who is on call this week?",
	"Who deployed the fix?",
	"Who is responsible for updating the runbook?",
	"The driver was not at fault.",
	"Nobody was at fault.",
	"It was nobody's fault.",
	"Not anyone's fault, really.",
	"The sensor was at fault.",
	"The component at fault was the relay.",
	"The heat was to blame for the warped part.",
	"That was at fault, not the people.",
	"What was at fault, the relay or the firmware?",
	"What made the error easy to make?",
	"A ground fault tripped the breaker.",
	"No fault found on the returned unit.",
	"We use a no-fault review format.",
	"Alice's fault injection test found the bug.",
	"The fault-tree analysis pointed to the relay.",
	"Its fault handler retried three times.",
	"It's fault handler is broken.",
	"There was a fault in the relay, not a human error.",
	"Human error is a symptom, not a cause.",
	"Human error rates in data entry are around 1%.",
	"The failure rate of the disks went up.",
	"Don't blame the operator; look at the interface.",
	"We don't blame people here.",
	"We wrote the lesson together without assigning blame.",
	"Nobody is to blame; the checklist was missing a step.",
	"Let's avoid finger-pointing.",
	"Stop pointing fingers.",
	"Run git blame on the file to see when the line changed.",
	"Run git blame on the team's config repo.",
	"The outage was blamed on a faulty sensor.",
	"We use lazy loading for images.",
	"A lazy Sunday afternoon.",
	"The quick brown fox jumps over the lazy dog.",
	"Dumb luck kept the backup running.",
	"The kids had sloppy joes for dinner.",
	"We want an idiot-proof connector.",
	"It didn't bother me that the train was late.",
	"Don't bother restarting the router.",
	"The test should have returned 404.",
	"The user should have been redirected to the login page.",
	"Everyone should have received the email.",
	"We should have a rollback plan.",
	"The checklist should have had a second sign-off.",
	"The robot dropped the ball during autonomous.",
	"The robot failed to pick up the cone.",
	"The server wasn't listening on port 443.",
	"The customer's server returned an error.",
	"We forgot the sunscreen.",
	"I made a mistake in the estimate.",
	"They fixed a mistake in the config.",
	"We told her mistakes happen.",
	"That's on Tuesday.",
	"It's on them to decide.",
	"Fire the rocket motor at T-0.",
	"A fault-free run at last.",
}

func TestCheckPhrases(t *testing.T) {
	if len(blamePhrases)+len(neutralPhrases) < 40 || len(neutralPhrases) < len(blamePhrases) {
		t.Fatalf("%d blame and %d neutral phrases: want at least 40, at least half neutral", len(blamePhrases), len(neutralPhrases))
	}
	for _, p := range blamePhrases {
		hints := Check(p.text)
		if len(hints) != 1 {
			t.Errorf("Check(%q) = %v, want one hint on %q", p.text, hints, p.match)
			continue
		}
		if h := hints[0]; h.Match != p.match || h.Reframe != p.reframe {
			t.Errorf("Check(%q) = %q → %q, want %q → %q", p.text, h.Match, h.Reframe, p.match, p.reframe)
		}
	}
	for _, text := range neutralPhrases {
		if hints := Check(text); len(hints) != 0 {
			t.Errorf("Check(%q) = %v, want no hint", text, hints)
		}
	}
}

// The app's own words (ground rules, reflection questions, templates, the
// sample) talk about blame and mistakes on purpose and must pass quietly.
func TestAppWordsAreNotFlagged(t *testing.T) {
	texts := append(slices.Clone(model.GroundRules), model.ReflectionQuestions[:]...)
	texts = append(texts, jsonStrings(t, assets.Sample())...)
	for _, tpl := range assets.Templates() {
		texts = append(texts, tpl.Description)
		texts = append(texts, tpl.Prompts...)
		texts = append(texts, jsonStrings(t, tpl.Data)...)
	}
	for _, text := range texts {
		if hints := Check(text); len(hints) != 0 {
			t.Errorf("Check(%q) = %v, want no hint", text, hints)
		}
	}
}

func jsonStrings(t *testing.T, data []byte) []string {
	t.Helper()
	if !json.Valid(data) {
		t.Fatalf("not JSON: %.40q", data)
	}
	return jsonStringsOf(data)
}

// jsonStringsOf returns every string in a JSON document.
func jsonStringsOf(data []byte) []string {
	var doc any
	_ = json.Unmarshal(data, &doc)
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(doc)
	return out
}

// Every blame rule raises a hint for at least one test phrase, and every
// neutral rule is needed: without it, a neutral phrase would be flagged.
func TestEveryRuleIsExercised(t *testing.T) {
	used := make([]bool, len(table()))
	for _, p := range blamePhrases {
		for _, r := range std().check(p.text, true).rulesHit {
			used[r] = true
		}
	}
	for i, r := range table() {
		if r.Reframe != "" && !used[i] {
			t.Errorf("rules.tsv line %d (%q) raises no hint for any test phrase", r.line, r.Reframe)
		}
		if r.Reframe != "" {
			continue
		}
		without := newMatcher(slices.Delete(slices.Clone(table()), i, i+1))
		if !slices.ContainsFunc(neutralPhrases, func(text string) bool { return len(without.check(text, true).hints) > 0 }) {
			t.Errorf("rules.tsv line %d (neutral: %s) changes nothing for the neutral test phrases", r.line, r.Why)
		}
	}
}

func TestRulesCompile(t *testing.T) {
	rules := Rules()
	if len(rules) != len(table()) {
		t.Fatalf("Rules() has %d rules, the table %d", len(rules), len(table()))
	}
	for i, r := range rules {
		if _, err := regexp.Compile("(?i)" + r.Pattern); err != nil {
			t.Errorf("rule %d: %v", i, err)
		}
		if strings.Contains(r.Pattern, "{") && fragmentRef.MatchString(r.Pattern) {
			t.Errorf("rule %d still refers to a fragment: %s", i, r.Pattern)
		}
	}
	rules[0].Reframe = "changed"
	if Rules()[0].Reframe == "changed" {
		t.Error("Rules() returns the table itself, not a copy")
	}
}

// Reframes are read off a projected screen: short, kind questions that do
// not trip the coach themselves.
func TestReframesAreShortQuestions(t *testing.T) {
	for _, r := range Rules() {
		if n := utf8.RuneCountInString(r.Why); n > 100 || !strings.HasSuffix(r.Why, ".") {
			t.Errorf("why %q: want one sentence of at most 100 characters (%d)", r.Why, n)
		}
		if r.Reframe == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(r.Reframe)
		if n := utf8.RuneCountInString(r.Reframe); n > 60 || !strings.HasSuffix(r.Reframe, "?") || !unicode.IsUpper(first) {
			t.Errorf("reframe %q: want a question of at most 60 characters (%d)", r.Reframe, n)
		}
		if hints := Check(r.Reframe); len(hints) != 0 {
			t.Errorf("the reframe %q trips the coach: %v", r.Reframe, hints)
		}
	}
}

// Every blame rule has triggers, so the prefilter can skip sentences.
func TestEveryBlameRuleHasTriggers(t *testing.T) {
	for _, r := range table() {
		if r.Reframe != "" && r.triggers == nil {
			t.Errorf("rules.tsv line %d has no literal text of %d+ bytes that every match contains: %s", r.line, minTrigger, r.Pattern)
		}
	}
	if std().everySentence {
		t.Error("the prefilter checks every sentence")
	}
}

// allPhrases joins every test phrase into one text.
func allPhrases() string {
	var b strings.Builder
	for i, p := range blamePhrases {
		b.WriteString(p.text + " ")
		if i < len(neutralPhrases) {
			b.WriteString(neutralPhrases[i] + "\n")
		}
	}
	return b.String()
}

// checkHints checks what every result must satisfy, and that the
// prefilter loses nothing against running every rule on every sentence.
func checkHints(t *testing.T, text string, hints []Hint) {
	t.Helper()
	end := 0
	for _, h := range hints {
		if h.Start < end || h.End <= h.Start || h.End > len(text) {
			t.Fatalf("hint %+v: out of order, overlapping, empty or outside the text (previous end %d, length %d)", h, end, len(text))
		}
		if text[h.Start:h.End] != h.Match {
			t.Fatalf("text[%d:%d] = %q, Match %q", h.Start, h.End, text[h.Start:h.End], h.Match)
		}
		if h.Reframe == "" || h.Why == "" {
			t.Fatalf("hint %+v has no reframe or why", h)
		}
		end = h.End
	}
	if want := std().check(text, false).hints; !slices.Equal(hints, want) {
		t.Fatalf("with the prefilter: %v\nevery rule on every sentence: %v", hints, want)
	}
}

func TestOffsetsOrderAndPrefilter(t *testing.T) {
	text := allPhrases()
	hints := Check(text)
	checkHints(t, text, hints)
	if len(hints) != len(blamePhrases) {
		t.Errorf("%d hints in the joined phrases, want %d", len(hints), len(blamePhrases))
	}
	// Offsets count bytes: put multi-byte text in front.
	prefix := "Zoë Łukasiewicz-Ødegård 🙂 שלום. "
	shifted := Check(prefix + text)
	checkHints(t, prefix+text, shifted)
	for i := range min(len(hints), len(shifted)) {
		if shifted[i].Start != hints[i].Start+len(prefix) {
			t.Fatalf("hint %d starts at %d after a %d-byte prefix, %d without", i, shifted[i].Start, len(prefix), hints[i].Start)
		}
	}
}

func TestHostileInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 200_000)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	words := strings.Fields(allPhrases())
	var wordSoup strings.Builder
	for wordSoup.Len() < 200_000 {
		wordSoup.WriteString(words[rng.IntN(len(words))])
		wordSoup.WriteByte(" \x00\n\t.,"[rng.IntN(6)])
	}
	cases := map[string]string{
		"empty":                                  "",
		"NUL bytes":                              "Who\x00messed up?\x00\x00It was Dave's\x00fault.",
		"invalid UTF-8":                          "Who messed up? \xff\xfe\xc3 It was Dave's fault \x80.",
		"a cut rune before a match":              "\xe2\x80Who messed up?",
		"200,000 random bytes":                   string(random),
		"200,000 characters of phrases":          strings.Repeat(allPhrases(), 200_000/len(allPhrases())+1)[:200_000],
		"word soup":                              wordSoup.String(),
		"one sentence, 200,000 bytes":            strings.Repeat("blame him ", 20_000),
		"no spaces, 200,000 bytes":               strings.Repeat("blame", 40_000),
		"one word, 200,000 bytes":                strings.Repeat("a", 200_000),
		"whitespace":                             strings.Repeat(" \t\n", 1000),
		"Kelvin sign and long s":                 "Who me\u017fsed up? It was Dave's fault, \u212aevin.",
		"200,000 bytes, one sentence of matches": strings.Repeat("idiot-proof,idiot,", 11_112)[:200_000],
		"surrogate bytes":                        "Who m\xed\xa0\x80ssed up? Who messed up?",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			checkHints(t, text, Check(text))
		})
	}
}

func FuzzCheck(f *testing.F) {
	for _, p := range blamePhrases {
		f.Add(p.text)
	}
	for _, text := range neutralPhrases {
		f.Add(text)
	}
	f.Add("Who\x00messed up?\xff")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			t.Skip("TestHostileInput checks long text; the every-rule reference is slow on it")
		}
		checkHints(t, text, Check(text))
	})
}

// How matches that overlap are settled, on a small table of its own.
func TestOverlaps(t *testing.T) {
	rules, err := parseRules(strings.Join([]string{
		"\\bef\\b\t-\tNeutral.",
		"\\bab\\s+cd\\s+ef\\b\tLong?\tWhy.",
		"\\bcd\\b\tShort?\tWhy.",
		"\\bcd\\s+gh\\b\tLater?\tWhy.",
		"\\bgh\\s+ij\\b\tFirst?\tWhy.",
		"\\bgh\\b\tSecond?\tWhy.",
	}, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := newMatcher(rules)
	cases := map[string][]string{
		"ab cd ef": {"cd"},          // the long match touches the neutral "ef"; "cd" alone does not
		"xy cd gh": {"cd", "gh"},    // "cd" and "cd gh" start at the same place: the rule written first wins
		"gh ij":    {"gh ij"},       // at the same place, the rule written first wins, even when longer
		"cd. gh":   {"cd", "gh"},    // a sentence end splits matches
		"ef gh ij": {"gh ij"},       // a neutral match hides only what it overlaps
		"gh ef":    {"gh"},          // neither overlaps the other
		"cd\ngh":   {"cd", "gh"},    // a line break ends a sentence
		"CD GH IJ": {"CD", "GH IJ"}, // case does not matter
	}
	for text, want := range cases {
		var got []string
		for _, h := range m.check(text, true).hints {
			got = append(got, h.Match)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: hints on %q, want %q", text, got, want)
		}
	}
}

func TestParseRulesErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"", "no rules"},
		{"# only a comment\n", "no rules"},
		{"\\bfoo\tWhat?\n", "line 1: a rule needs 3"},
		{"\n\\bfoo(\tWhat?\tWhy.\n", "line 2: error parsing regexp"},
		{"\\bfoo|\tWhat?\tWhy.\n", "line 1: the pattern matches empty text"},
		{"\\b{nope}\tWhat?\tWhy.\n", "line 1: unknown fragment {nope}"},
		{"{a}\tx\n{a}\ty\n", "line 2: fragment {a} is defined twice"},
		{"{a}\tx\ty\n", "line 1: a fragment needs 2"},
		{"{a}\t(x\n", "line 1: fragment {a}: error parsing regexp"},
		{"\\bfoo\tWhat?\t-\n", "line 1: the why column is empty"},
	}
	for _, c := range cases {
		_, err := parseRules(c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseRules(%q) = %v, want an error containing %q", c.src, err, c.want)
		}
	}
	rules, err := parseRules("{who}\t(?:who|whom)\r\n# comment\n\n\\b{who}\\s+did\t\tWhat happened?\t\t Why. \n\\bfine\t-\tNeutral.\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Rule{{`\b(?:who|whom)\s+did`, "What happened?", "Why."}, {`\bfine`, "", "Neutral."}}
	if len(rules) != 2 || rules[0].Rule != want[0] || rules[1].Rule != want[1] {
		t.Errorf("parseRules = %+v, want %+v", rules, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("mustParse did not panic on a bad table")
		}
	}()
	mustParse("(\tWhat?\tWhy.")
}

// Triggers are shown with \b for a word boundary and \s+ for spaces.
func TestTriggers(t *testing.T) {
	cases := map[string][]string{
		`\bwho['’]s\s+(?:at|to)\s+`: {`\bwho's\s+at\s+`, `\bwho's\s+to\s+`, `\bwho’s\s+at\s+`, `\bwho’s\s+to\s+`},
		`\bblame(?:[- ]free)?`:      {`\bblame`}, // "blame-free" contains "blame"
		`\b(?:careless|lazy)\b`:     {`\bcareless\b`, `\blazy\b`},
		`\bshould\s+(?:a|b)`:        {`\bshould\s+a`, `\bshould\s+b`},
		`\s+\bfoo\s*\w+`:            {`\bfoo`},
		`\b(?:is|as)\s+\w+`:         nil, // too short to filter anything
		`\bthis\s+\w+`:              nil, // too common
		`x*`:                        nil,
	}
	show := strings.NewReplacer(string(markBoundary), `\b`, string(markSpace), `\s+`)
	for pattern, want := range cases {
		re, err := syntax.Parse("(?i)"+pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range triggers(re) {
			got = append(got, show.Replace(s))
		}
		if !slices.Equal(got, want) {
			t.Errorf("triggers(%s) = %q, want %q", pattern, got, want)
		}
	}
}

func TestMatchTrigger(t *testing.T) {
	cases := []struct {
		text, trigger string
		want          bool
	}{
		{"who caused", "\x00who\x01caused", true},
		{"who  \t caused", "\x00who\x01caused", true},
		{"whocaused", "\x00who\x01caused", false},
		{"somewho caused", "\x00who\x01caused", false},
		{"who caused", "\x00who\x01caused\x00", true},
		{"who causedx", "\x00who\x01caused\x00", false},
		{"who ", "\x00who\x01", true},
		{"who", "\x00who\x01", false},
		{"who   ", "\x00who\x01\x01", true},
	}
	for _, c := range cases {
		if got := matchTrigger([]byte(c.text), 0, c.trigger); got != c.want {
			t.Errorf("matchTrigger(%q, %q) = %v", c.text, c.trigger, got)
		}
	}
	if !matchTrigger([]byte("x who"), 2, "\x00who") || matchTrigger([]byte("xwho"), 1, "\x00who") {
		t.Error("matchTrigger checks the word boundary before i wrongly")
	}
}

// Warm and Check from several goroutines at once, as at start-up (the app
// warms the coach on a goroutine of its own while the window may already
// check a text): every Check gives the same hints. Run with -race too.
func TestWarmWhileChecking(t *testing.T) {
	const text = "You should have caught it. Why didn't you test it?"
	results := make([][]Hint, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				Warm()
			}
			results[i] = Check(text)
		}()
	}
	wg.Wait()
	if len(results[0]) == 0 {
		t.Fatalf("no hint in %q", text)
	}
	for i, r := range results[1:] {
		if !slices.Equal(r, results[0]) {
			t.Errorf("goroutine %d: %v, goroutine 0: %v", i+1, r, results[0])
		}
	}
}
