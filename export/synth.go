package export

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// Where Synthetic puts its cards: one per cell of a grid whose cells are
// synthStepX by synthStepY board units, starting at synthOrigin.
const (
	synthStepX  = 260
	synthStepY  = 170
	synthOrigin = 40
)

// Synthetic makes a reproducible debrief of n cards and about links arrows,
// for benchmarks and screenshots: card texts of varied length (a few words
// to about sixty) from the vocabulary of post-mortems, every category once
// there are seven cards or more, about a third of the cards anonymous and
// the rest by named people (some names with accents), 0–5 votes. Cards sit
// on a roughly square grid, one every 260×170 board units with a little
// jitter, sized 220×120 to 260×170, stacked in order. Links join distinct
// cards, mostly near each other, never the same two cards twice. The title
// says how many factors there are; the status is draft.
//
// The same n, links and seed give the same dossier. Factor IDs are 1…n and
// Z is the card's position, as ReadJSON produces, so WriteJSON followed by
// ReadJSON gives the dossier back unchanged.
func Synthetic(n, links int, seed int64) *model.Dossier {
	n = max(n, 0)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed_debf))
	d := &model.Dossier{Debrief: model.NewDebrief(synthTitle(n))}
	d.Debrief.Summary = "A generated board for trying Debrief with many cards: the texts, names, votes and arrows are made up."
	d.Debrief.HappenedAt = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)

	cols := synthColumns(n)
	cats := synthCategories(rng, n)
	used := map[string]bool{}
	if n > 0 {
		d.Factors = make([]model.Factor, n) // nil when empty, as ReadJSON gives
	}
	for i := range d.Factors {
		text, words := synthText(rng, cats[i])
		w := 220 + 10*float64([]int{0, 0, 0, 0, 0, 1, 1, 2, 3, 4}[rng.IntN(10)]) // 220…260, mostly narrow
		h := min(170, 120+10*float64(words/12+rng.IntN(2)))                      // longer texts get taller cards
		col, row := i%cols, i/cols
		f := model.Factor{
			ID:       int64(i + 1),
			Text:     text,
			Category: cats[i],
			X:        float64(synthOrigin+col*synthStepX) + float64(rng.IntN(int(synthStepX-w)+1)),
			Y:        float64(synthOrigin+row*synthStepY) + float64(rng.IntN(int(synthStepY-h)+1)),
			W:        w,
			H:        h,
			Z:        i,
			Votes:    synthVotes(rng),
		}
		if rng.IntN(3) != 0 {
			f.Author = synthNames[rng.IntN(len(synthNames))]
			used[f.Author] = true
		}
		d.Factors[i] = f
	}
	if n > 0 {
		for _, k := range synthKudos {
			used[k[0]] = true
		}
	}
	for _, name := range synthNames {
		if used[name] {
			d.Debrief.Participants = append(d.Debrief.Participants, name)
		}
	}
	d.Links = synthLinks(rng, n, cols, links)
	if n > 0 {
		for _, k := range synthKudos {
			d.Kudos = append(d.Kudos, model.Kudos{Who: k[0], For: k[1], FactorID: int64(1 + rng.IntN(n))})
		}
	}
	return d
}

// synthColumns is how many columns make n cards a roughly square board.
func synthColumns(n int) int {
	return max(1, int(math.Ceil(math.Sqrt(float64(n)*synthStepY/synthStepX))))
}

// synthTitle is "Synthetic board — 10,000 factors".
func synthTitle(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	noun := " factors"
	if n == 1 {
		noun = " factor"
	}
	return "Synthetic board — " + s + noun
}

// synthCategories picks every card's category, the common kinds more
// often, and makes sure each category appears once there are 7 cards.
func synthCategories(rng *rand.Rand, n int) []model.Category {
	weighted := []model.Category{
		model.Technical, model.Technical, model.Technical,
		model.People, model.People, model.People,
		model.Process, model.Process, model.Process,
		model.Context, model.Context,
		model.Warning, model.Warning,
		model.WentWell,
		model.Lucky,
	}
	cats := make([]model.Category, n)
	for i := range cats {
		cats[i] = weighted[rng.IntN(len(weighted))]
	}
	if all := model.Categories(); n >= len(all) {
		for i, at := range rng.Perm(n)[:len(all)] {
			cats[at] = all[i]
		}
	}
	return cats
}

// synthVotes is 0–5, mostly few.
func synthVotes(rng *rand.Rand) int {
	return []int{0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5}[rng.IntN(12)]
}

// synthText is a card's text for category c and its number of words: a
// short phrase, a sentence, or several sentences, at most 64 words.
func synthText(rng *rand.Rand, c model.Category) (string, int) {
	v := synthWords[c]
	switch p := rng.IntN(10); {
	case p < 3:
		s := v.short[rng.IntN(len(v.short))]
		return s, len(strings.Fields(s))
	case p < 7:
		s := v.sentences[rng.IntN(len(v.sentences))]
		return s, len(strings.Fields(s))
	}
	pool := slices.Clone(v.sentences)
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	if c != model.Context {
		more := slices.Clone(synthWords[model.Context].sentences)
		rng.Shuffle(len(more), func(i, j int) { more[i], more[j] = more[j], more[i] })
		pool = append(pool, more...)
	}
	var b strings.Builder
	words := 0
	for i, want := 0, 25+rng.IntN(36); words < want && i < len(pool); i++ {
		k := len(strings.Fields(pool[i]))
		if words > 0 {
			if words+k > 64 {
				break
			}
			b.WriteByte(' ')
		}
		b.WriteString(pool[i])
		words += k
	}
	return b.String(), words
}

// synthLinks makes up to want links between n cards laid out in cols
// columns: most to a card at most three cells away, some anywhere. No two
// links join the same cards, in either direction.
func synthLinks(rng *rand.Rand, n, cols, want int) []model.Link {
	maxLinks := n * (n - 1) / 2
	want = max(0, min(want, maxLinks))
	if want == 0 {
		return nil
	}
	ls := make([]model.Link, 0, want)
	seen := make(map[[2]int]bool, want)
	add := func(a, b int) {
		if a == b || seen[[2]int{a, b}] || seen[[2]int{b, a}] {
			return
		}
		seen[[2]int{a, b}] = true
		l := model.Link{FromID: int64(a + 1), ToID: int64(b + 1)}
		if rng.IntN(20) == 0 {
			l.Label = synthLabels[rng.IntN(len(synthLabels))]
		}
		ls = append(ls, l)
	}
	for tries := 0; len(ls) < want && tries < 20*want+1000; tries++ {
		a := rng.IntN(n)
		var b int
		if rng.IntN(10) == 0 {
			b = rng.IntN(n)
		} else {
			col := a%cols + rng.IntN(7) - 3
			row := a/cols + rng.IntN(7) - 3
			if col < 0 || col >= cols || row < 0 {
				continue
			}
			b = row*cols + col
			if b >= n {
				continue
			}
		}
		add(a, b)
	}
	// A small board asked for nearly every pair: take what is left in turn.
	for _, a := range rng.Perm(n) {
		for b := 0; b < n && len(ls) < want; b++ {
			add(a, b)
		}
	}
	return ls
}

// synthNames are the named authors; a third of the cards have none.
var synthNames = []string{
	"Zoë Ødegård", "Łukasz Wiśniewski", "Amélie Dubois", "Jörg Müller",
	"Siobhán O'Neill", "Ana García", "Chidi Okafor", "Priya Raman",
	"Mei Lin", "Sam Taylor", "Ben Carter", "Noa Levi", "Kenji Sato",
	"Björn Sørensen", "Iñaki Etxeberria", "Dana Kowalski", "Émile Roux",
	"Fatima Haddad", "Tomás Ó Briain", "Ingrid Nyström",
}

var synthKudos = [][2]string{
	{"Priya Raman", "Said out loud that the checklist had been skipped."},
	{"Zoë Ødegård", "Spotted the firmware mismatch before the second run."},
}

var synthLabels = []string{"made worse", "hid", "led to", "delayed", "triggered"}

// synthWords is what cards of each category say: short phrases and
// sentences. Long cards add sentences of the same category, then context.
var synthWords = map[model.Category]struct{ short, sentences []string }{
	model.Technical: {
		[]string{"Firmware mismatch", "Untested rollback", "Alert muted", "Wrong connector", "Config typo", "Stale cache"},
		[]string{
			"Firmware on the bench unit was two versions behind production.",
			"Rollback had never been tried on real data.",
			"Monitoring covered the service but not the queue in front of it.",
			"The connector swap changed the pin order and nobody retested the harness.",
			"Two dashboards disagreed and we trusted the greener one.",
			"The supplier changed the part number without telling us.",
			"A config typo sent the test traffic to the production database.",
		},
	},
	model.People: {
		[]string{"Fatigue", "Late hand-off", "Unclear owner", "Nobody asked", "On-call alone", "Night shift"},
		[]string{
			"The on-call engineer had been awake for nineteen hours.",
			"Nobody owned the hand-off between the day and night shifts.",
			"Three people each thought someone else had checked the torque settings.",
			"A new hire noticed the odd reading but did not feel it was their place to say so.",
			"Fatigue after three late nights made the review a formality.",
			"Nobody wanted to be the one to stop the line.",
			"The harness quirk lived only in one person's head.",
		},
	},
	model.Process: {
		[]string{"No checklist", "Skipped the sign-off", "Stale runbook", "No second pair of eyes", "Wrong spreadsheet"},
		[]string{
			"Skipped the wiring checklist because the demo was two days away.",
			"The runbook still described last year's deployment.",
			"The checklist was in a folder nobody could find.",
			"The quick fix from March was never written down.",
			"The spreadsheet with the limits had been copied and edited twice.",
			"A second pair of eyes on the config would have caught the typo.",
			"The on-call rota had a gap over the holiday that nobody noticed.",
		},
	},
	model.Context: {
		[]string{"Deadline moved up", "Parts arrived late", "Demo in two days", "Two teams, one plan", "Budget freeze"},
		[]string{
			"The deadline was set before the parts had even been ordered.",
			"Management asked for a date and we gave one without asking the team.",
			"The change window was moved to Friday evening to fit the release train.",
			"Pressure to ship made the open questions feel like nitpicking.",
			"The test rig was shared, so nobody felt responsible for its calibration.",
			"Everyone was on a call about something else when the pager fired.",
		},
	},
	model.Warning: {
		[]string{"Blinking light ignored", "Odd reading", "Flaky test", "Hot connector", "Near miss last month"},
		[]string{
			"A warning light had been blinking for a week and everyone had stopped noticing it.",
			"The alert went to a channel nobody read on weekends.",
			"The same test had failed twice before and was marked as flaky.",
			"The connector was warm to the touch during the dry run.",
			"A near miss last month was talked about but never written up.",
		},
	},
	model.WentWell: {
		[]string{"Good handover notes", "Backup worked", "Quick rollback", "Pairing on the fix"},
		[]string{
			"Good handover notes from the day shift saved at least an hour.",
			"Pairing on the fix meant two people understood it afterwards.",
			"Someone said out loud that the checklist had been skipped, and nobody was blamed.",
			"The incident channel stayed calm and focused.",
		},
	},
	model.Lucky: {
		[]string{"Caught it by chance", "Spare part in the drawer", "Quiet weekend"},
		[]string{
			"The backup battery kept the controller alive long enough to log the fault.",
			"We were lucky the rain held off until the tent was up.",
			"A spare controller happened to be in the drawer.",
			"The failure happened on a quiet Sunday, not during the demo.",
		},
	},
}
