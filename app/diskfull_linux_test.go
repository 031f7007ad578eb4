package app

import (
	"context"
	"strings"
	"syscall"
	"testing"

	"github.com/debrief-app/debrief/app/store/storetest"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// limitFileSize makes every write to a regular file past its first byte fail
// with EFBIG, as a full disk would, for this whole process, until the
// returned func is called. (The kernel sends SIGXFSZ, which Go ignores.)
func limitFileSize(t *testing.T) (lift func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 1, Max: old.Max}); err != nil {
		t.Fatal(err)
	}
	lifted := false
	lift = func() {
		if !lifted {
			lifted = true
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Cleanup(lift)
	return lift
}

// TestFullDiskKeepsEditsShowsBannerAndRetries makes the disk refuse every
// write (a real EFBIG from the kernel, not a fake store) while a card is
// added: the card stays on the board, a "Not saved" banner stays up,
// leaving the debrief asks first, and once the disk takes writes again
// "Try now" stores the card and the banner goes.
func TestFullDiskKeepsEditsShowsBannerAndRetries(t *testing.T) {
	s, db := newTestShell(t, true)
	ctx := context.Background()
	id := s.home.Items()[0].ID
	s.OpenDebrief(id)
	v := s.open
	flush := func() { settle(s) }
	const text = "The disk filled up during the debrief"

	lift := limitFileSize(t)
	cardID := v.Board().AddCard(text, v.Board().Category())
	flush()
	if !v.Session().SaveState().Failing {
		lift()
		t.Fatal("the write went through despite the file-size limit")
	}
	if !strings.Contains(uitest.Texts(s.win.Canvas()), "Not saved: ") {
		t.Fatalf("no Not saved banner; the screen says %q", uitest.Texts(s.win.Canvas()))
	}
	if !onScreen(s.win.Canvas(), "Not saved") {
		t.Errorf("the header does not say Not saved:\n%s", uitest.Texts(s.win.Canvas()))
	}
	if _, ok := v.Board().Factor(cardID); !ok {
		t.Error("the card left the board when it could not be saved")
	}

	// Leaving now would drop the card: the app asks instead, and stays.
	s.ShowHome()
	if s.open != v {
		t.Fatal("left the debrief while its changes were not saved")
	}
	if !strings.Contains(uitest.Texts(s.win.Canvas()), "could not be saved yet") {
		t.Error("no question before leaving unsaved changes")
	}
	tapButton(t, s, "Stay")
	s.Quit() // so does quitting
	if s.open != v {
		t.Fatal("quit while changes were not saved")
	}
	tapButton(t, s, "Stay")

	// Still failing: a retry fails again and the banner stays.
	tapButton(t, s, "Try now")
	flush()
	if !strings.Contains(uitest.Texts(s.win.Canvas()), "Not saved: ") {
		t.Error("the banner went while the disk still refuses")
	}

	lift()
	if _, err := storetest.Factor(ctx, db, cardID); err == nil {
		t.Fatal("the card is in the database although every write failed")
	}
	tapButton(t, s, "Try now")
	flush()
	if v.Session().SaveState().Failing || strings.Contains(uitest.Texts(s.win.Canvas()), "Not saved: ") {
		t.Fatal("the banner stayed after the card was saved")
	}
	if got, err := storetest.Factor(ctx, db, cardID); err != nil || got.Text != text {
		t.Fatalf("after the retry the store has %+v, %v", got, err)
	}
	if !onScreen(s.win.Canvas(), "All changes saved") {
		t.Errorf("the header does not say All changes saved:\n%s", uitest.Texts(s.win.Canvas()))
	}
	s.ShowHome()
	if s.open != nil {
		t.Error("could not leave once everything was saved")
	}
}
