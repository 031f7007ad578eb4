package app

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/debrief-app/debrief/app/ui/uitest"
)

// fakeClock counts 16 ms per reading, so the notes are predictable.
func fakeClock() func() time.Duration {
	var t time.Duration
	return func() time.Duration { t += 16 * time.Millisecond; return t }
}

func readFrameLog(t *testing.T, path string) (header map[string]string, frames []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header = map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		switch k, v, ok := strings.Cut(line, " "); {
		case strings.HasPrefix(line, "#"):
		case ok:
			header[k] = v
		default:
			frames = append(frames, line)
		}
	}
	return header, frames
}

func TestFrameLogNotesEveryPaint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frames.log")
	start := time.Unix(1700000000, 5)
	l := newFrameLog(path, start, fakeClock())
	if err := l.Flush(); err != nil {
		t.Fatal(err)
	}
	h, frames := readFrameLog(t, path)
	if h["frames"] != "0" || len(frames) != 0 || h["first_frame_ns"] != "" {
		t.Errorf("before any paint: header %v, frames %v", h, frames)
	}
	if h["start_unix_ns"] != "1700000000000000005" || h["naive"] != "0" {
		t.Errorf("header %v", h)
	}

	for range 3 {
		img := l.paint(1, 1)
		if b := img.Bounds(); b.Dx() != 1 || b.Dy() != 1 {
			t.Fatalf("the probe paints %v, want 1×1", b)
		}
	}
	if err := l.Flush(); err != nil {
		t.Fatal(err)
	}
	h, frames = readFrameLog(t, path)
	if want := []string{"16000000", "32000000", "48000000"}; strings.Join(frames, ",") != strings.Join(want, ",") {
		t.Errorf("frames %v, want %v", frames, want)
	}
	if h["frames"] != "3" || h["first_frame_ns"] != "16000000" {
		t.Errorf("header %v", h)
	}

	// Nothing new: the file is not written again.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := l.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a flush without new frames wrote the file (%v)", err)
	}

	// A new frame is written; no temporary file is left behind.
	l.paint(1, 1)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil { // twice is harmless
		t.Fatal(err)
	}
	h, frames = readFrameLog(t, path)
	if h["frames"] != "4" || len(frames) != 4 || frames[3] != "64000000" {
		t.Errorf("after Close: header %v, frames %v", h, frames)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the log's folder holds %d files, want only the log", len(entries))
	}
}

func TestFrameLogFromEnv(t *testing.T) {
	t.Setenv(envFrameLog, "")
	if frameLogFromEnv() != nil {
		t.Error("a probe without DEBRIEF_FRAMELOG")
	}
	path := filepath.Join(t.TempDir(), "frames.log")
	t.Setenv(envFrameLog, path)
	t.Setenv(envNaive, "1")
	l := frameLogFromEnv()
	if l == nil || !l.naive {
		t.Fatalf("probe %+v, want one in naive mode", l)
	}
	l.paint(1, 1)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if h, frames := readFrameLog(t, path); h["naive"] != "1" || len(frames) != 1 {
		t.Errorf("header %v, frames %v", h, frames)
	}
}

// TestFrameLogFollowsTheBoard checks the wiring: the probe is on the
// debrief screen, a board change asks for it to be painted again, a paint
// is noted, and quitting writes the file.
func TestFrameLogFollowsTheBoard(t *testing.T) {
	s, _ := newTestShell(t, true)
	path := filepath.Join(t.TempDir(), "frames.log")
	s.probe = newFrameLog(path, time.Now(), fakeClock())
	s.probe.naive = true
	s.OpenDebrief(s.home.Items()[0].ID)
	v := s.open
	if v == nil {
		t.Fatal("no debrief view")
	}
	found := false
	uitest.Walk(s.win.Canvas(), func(o fyne.CanvasObject) bool {
		found = found || o == s.probe.raster
		return !found
	})
	if !found {
		t.Fatal("the probe's raster is not on the debrief screen")
	}
	if v.Board().OnRedraw == nil {
		t.Fatal("the board does not tell the probe it redrew")
	}

	counts := func() (frames, redraws int) {
		s.probe.mu.Lock()
		defer s.probe.mu.Unlock()
		return len(s.probe.frames), s.probe.redraws
	}
	_, r0 := counts()
	if r0 == 0 {
		t.Error("showing the board did not ask for the probe to be painted")
	}
	v.Board().ZoomIn()
	if _, r := counts(); r <= r0 {
		t.Error("a zoom did not ask for the probe to be painted")
	}
	// The board builds its cards' objects as it lays out; on a loaded
	// machine under -race that can come after the first captures (a
	// deadlock guard, not a speed limit).
	for deadline := time.Now().Add(60 * time.Second); len(v.Board().VisibleCards()) < len(v.Board().Factors()) && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		s.win.Canvas().Capture()
	}
	// The test driver paints every object on each capture (the GL driver
	// only what was refreshed): each capture is one paint of the probe.
	f0, _ := counts()
	s.win.Canvas().Capture()
	f1, _ := counts()
	if f1 != f0+1 {
		t.Errorf("one frame noted %d paints, want 1", f1-f0)
	}
	if len(v.Board().VisibleCards()) != len(v.Board().Factors()) {
		t.Errorf("the naive board has %d of %d cards in the object tree", len(v.Board().VisibleCards()), len(v.Board().Factors()))
	}

	s.Quit()
	_, redraws := counts()
	if h, frames := readFrameLog(t, path); len(frames) != f1 || h["redraws"] != strconv.Itoa(redraws) {
		t.Errorf("after Quit the log has %d frames (header %v), want %d frames and %d redraws", len(frames), h, f1, redraws)
	}
}
