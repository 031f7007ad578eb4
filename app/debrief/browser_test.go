package debrief

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/debrief-app/debrief/app/model"
)

// The room end to end in a real browser: two phones (Chromium, headless,
// each in its own browser context) and the facilitator's screen (headless
// Fyne) on the real room server. One phone joins by the QR code's URL, the
// other by typing the code; cards stay private until revealed and are shown
// as text, never HTML; votes wait for Show votes; a card written offline,
// or whose answer was lost, arrives once; closing the room closes the page.
// DEBRIEF_ROOM_SHOTS=dir saves screenshots of each step (a relative dir is
// under app/debrief, where go test runs).
func TestRoomInABrowser(t *testing.T) {
	s, _ := newTestShell(t, true)
	s.OpenDebrief(s.firstDebrief())
	v := s.open
	v.Show(model.FactorsPhase)
	v.ToggleRoom()
	if !v.RoomOpen() {
		t.Fatal("the room did not open")
	}
	st := v.Room().Status()
	browser := startBrowser(t)
	a, b := newPhone(t, browser, "A"), newPhone(t, browser, "B")
	both := []*phone{a, b}

	// 1. A scans the QR code; B types the address, then the code (in lower
	// case: the field takes it as typed).
	a.do(chromedp.Navigate(v.Room().URL()))
	b.do(chromedp.Navigate(st.JoinURL),
		chromedp.SendKeys(chromedp.ID("code"), strings.ToLower(st.Code)))
	shots(t, "1-join", false, b)
	b.do(chromedp.SendKeys(chromedp.ID("code"), "\n"))
	for _, p := range both {
		p.wait(s, "the Factors form", `!!document.getElementById('card-text')`)
	}
	if path := eval[string](a, "location.pathname"); path != "/" {
		t.Errorf("A's address bar still shows %q: the token should leave it", path)
	}
	devA := eval[string](a, "JSON.parse(localStorage.getItem('debrief-room')).device")
	devB := eval[string](b, "JSON.parse(localStorage.getItem('debrief-room')).device")
	if devA == "" || devA == devB {
		t.Fatalf("the phones share a device (%q, %q): their storage is not separate", devA, devB)
	}
	until(t, s, "two devices joined", func() bool { return v.Room().Status().Joined == 2 })

	// 2. A writes three cards: face down, on A only.
	const xss = "<img src=x onerror=alert(1)>"
	cards := []string{"Alert went to an old channel", "The runbook linked to a deleted page", xss}
	for _, c := range cards {
		a.do(chromedp.SendKeys(chromedp.ID("card-text"), c), enter)
	}
	for _, c := range cards {
		// "Sent" when answered, "Sent · face down" once the room's state has it.
		a.wait(s, "“"+c+"” sent, once", mine(c, "Sent · face down"))
	}
	until(t, s, "three cards face down", func() bool { return v.Board().FaceDownCount() == 3 })
	for _, f := range v.Board().Factors() {
		for _, c := range cards {
			if f.Text == c {
				t.Errorf("the face-down card “%s” is drawn on the board", c)
			}
		}
	}
	// B has heard of the cards (the count), and only of the count.
	b.wait(s, "the count of 3 cards", `document.getElementById('stats').textContent.includes('3 cards')`)
	seen := b.text()
	for _, c := range cards {
		if strings.Contains(seen, c) || b.heardText(c) {
			t.Errorf("B was sent or shows the face-down card “%s”", c)
		}
		if !a.heardText(c) {
			t.Errorf("A was not sent its own card “%s” (so B not hearing it proves nothing)", c)
		}
	}

	// 3. The coach speaks to the writer only.
	b.wait(s, "nobody writing", `document.getElementById('stats').textContent.includes('0 writing')`)
	a.do(chromedp.SendKeys(chromedp.ID("card-text"), "He should have checked the config"))
	a.wait(s, "the coach's hint", `(document.querySelector('.coach-hint')?.textContent || '').includes('try asking')`)
	b.wait(s, "A counted as writing", `document.getElementById('stats').textContent.includes('1 writing')`)
	if strings.Contains(b.text(), "should have") || b.heardText("should have") {
		t.Error("B was sent or shows what A is typing")
	}
	shots(t, "2-factors", true, a, b)

	// 4. Reveal all, then Connect: both phones show the cards, the XSS one
	// as the characters typed.
	v.room.revealAll.OnTapped()
	if n := v.Board().FaceDownCount(); n != 0 {
		t.Fatalf("%d cards still face down after Reveal all", n)
	}
	v.Show(model.ConnectPhase)
	shown := len(v.Board().Factors())
	for _, p := range both {
		p.wait(s, "every revealed card", `document.querySelectorAll('ul.votes li').length === `+itoa(int64(shown)))
		for _, c := range cards[:2] {
			p.waitText(s, c)
		}
		if n := eval[int](p, "document.querySelectorAll('main img').length"); n != 0 {
			t.Errorf("%s: %d <img> elements among the cards: card text was parsed as HTML", p.name, n)
		}
		if !eval[bool](p, `[...document.querySelectorAll('ul.votes .card-text')].some((e) => e.textContent === `+quote(xss)+`)`) {
			t.Errorf("%s does not show the card %s as those characters", p.name, xss)
		}
	}
	if !strings.Contains(b.text(), xss) {
		t.Errorf("B's page does not read %s", xss)
	}
	for _, p := range both {
		p.noDialogs()
	}

	// 5. B gives two dots: counted, not shown until Show votes.
	for _, c := range cards[:2] {
		b.do(chromedp.Tap(chromedp.CSS(voteButton("Vote for " + c + ", you gave 0"))))
		b.wait(s, "B's dot on “"+c+"”", exists(voteButton("Vote for "+c+", you gave 1")))
	}
	b.wait(s, "1 of 3 dots left", `document.querySelector('.dots-left')?.textContent === '1 of 3 dots left'`)
	shots(t, "3-connect", true, a, b)
	for _, p := range both {
		if n := eval[int](p, "document.querySelectorAll('main .total').length"); n != 0 {
			t.Errorf("%s shows %d vote totals before Show votes", p.name, n)
		}
	}
	until(t, s, "two votes pending", func() bool { return v.Board().PendingVotes() == 2 })
	voted := func(n int) bool {
		seen := 0
		for _, f := range v.Board().Factors() {
			if f.Text == cards[0] || f.Text == cards[1] {
				if f.Votes != n {
					return false
				}
				seen++
			}
		}
		return seen == 2
	}
	if !voted(0) {
		t.Error("the board shows votes before Show votes")
	}
	until(t, s, "Show votes enabled", func() bool { return !v.room.showVotes.Disabled() })
	v.room.showVotes.OnTapped()
	for _, c := range cards[:2] {
		b.wait(s, "the total on “"+c+"”", exists(voteButton(c+": 1 vote, you gave 1")))
	}
	until(t, s, "the board's cards have their votes", func() bool { return voted(1) })
	shots(t, "4-votes-shown", false, a, b)

	// 6. A proposes a process change at Lessons.
	const proposal = "Page the on-call rotation, not a channel"
	v.Show(model.LessonsPhase)
	a.wait(s, "the Lessons form", `!!document.getElementById('change-what')`)
	a.do(chromedp.SendKeys(chromedp.ID("change-what"), proposal),
		chromedp.Tap(chromedp.CSS(`form.write button[type=submit]`)))
	until(t, s, "the proposal in the debrief", func() bool {
		for _, c := range v.Session().Parts().Changes {
			if c.What == proposal {
				return true
			}
		}
		return false
	})
	// Once in the room's list, it has no status: it is no longer the page's own.
	a.wait(s, "the proposal listed, once", `(() => {
		const li = [...document.querySelectorAll('ul.notes li')].filter((li) => li.textContent.includes(`+quote(proposal)+`));
		return li.length === 1 && !li[0].querySelector('.status');
	})()`)
	shots(t, "5-lessons", false, a, b)

	// 7. A card written while the Wi-Fi is down waits on the phone, then
	// arrives once.
	const offline = "Typed while the Wi-Fi dropped"
	count := func(text string) int {
		n := 0
		for _, f := range v.Session().Dossier().Factors {
			if f.Text == text {
				n++
			}
		}
		return n
	}
	v.Show(model.FactorsPhase)
	a.wait(s, "the Factors form again", `!!document.getElementById('card-text')`)
	before := v.Board().FaceDownCount()
	a.offline(true)
	a.do(chromedp.SendKeys(chromedp.ID("card-text"), offline), enter)
	a.wait(s, "the card waiting", mine(offline, "Waiting for the connection"))
	outbox := `(JSON.parse(localStorage.getItem('debrief-room-outbox')) || []).map((it) => it.body.text)`
	if !eval[bool](a, outbox+`.includes(`+quote(offline)+`)`) {
		t.Error("the waiting card is not kept in the page's outbox (localStorage)")
	}
	shots(t, "6-offline", false, a)
	s.queue.Run()
	if n := count(offline); n != 0 || v.Board().FaceDownCount() != before {
		t.Fatalf("the card written offline reached the app (%d times)", n)
	}
	a.offline(false)
	until(t, s, "the offline card face down", func() bool { return v.Board().FaceDownCount() == before+1 })
	a.wait(s, "the offline card sent, once", mine(offline, "Sent · face down"))
	if left := eval[[]string](a, outbox); len(left) != 0 {
		t.Errorf("the outbox still holds %q once sent", left)
	}
	// Long enough for the page's retry timer (4 s) to fire again, had the
	// card stayed in its outbox.
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		s.queue.Run()
		if n := v.Board().FaceDownCount(); n != before+1 {
			t.Fatalf("%d cards face down; want %d", n, before+1)
		}
	}
	if n := count(offline); n != 1 {
		t.Errorf("the card written offline is in the debrief %d times; want once", n)
	}

	// 8. A card stored but whose answer is lost: the room's state says its
	// key is stored, so the page lists it once, as sent, and stops sending
	// it (or sends it again with its key, which writes nothing more).
	const lost = "Stored, but the answer got lost"
	tries, stop := a.loseFirstAnswer("*/api/cards")
	a.do(chromedp.SendKeys(chromedp.ID("card-text"), lost), enter)
	until(t, s, "the card stored", func() bool { return count(lost) == 1 })
	a.wait(s, "the card whose answer was lost sent, once", mine(lost, "Sent · face down"))
	stop()
	if tries() < 1 {
		t.Fatal("the answer to lose was never asked for")
	}
	if left := eval[[]string](a, outbox); len(left) != 0 {
		t.Errorf("the outbox still holds %q: the page would send it again", left)
	}
	// Its outbox is empty now (the page shows it once), so nothing more can come.
	until(t, s, "the card face down", func() bool { return v.Board().FaceDownCount() >= before+2 })
	if n, fd := count(lost), v.Board().FaceDownCount(); n != 1 || fd != before+2 {
		t.Errorf("the card sent twice with one key is in the debrief %d times (%d face down); want once (%d)", n, fd, before+2)
	}

	// 9. Closing the room closes the page.
	v.CloseRoom()
	for _, p := range both {
		p.waitText(s, "This room is closed")
		p.noDialogs()
	}
	shots(t, "7-closed", false, a, b)
}
