package app

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	dcanvas "github.com/debrief-app/debrief/canvas"
)

// ProcessStart is when the process started: main sets it first thing. The
// frame log measures its times from it.
var ProcessStart time.Time

// Environment variables of the frame benchmark (.ci/bench-frames). Both are
// off unless set; people never need them.
const (
	envFrameLog = "DEBRIEF_FRAMELOG" // FILE: record when frames are painted, write them to FILE
	envNaive    = "DEBRIEF_NAIVE"    // 1 (with DEBRIEF_FRAMELOG): every card in Fyne's object tree, the baseline
)

// frameLog is the frame benchmark's probe: a 1×1 raster in a corner of the
// debrief screen that the board refreshes after each change it draws, so
// the next frame paints it again and the raster's generator notes when.
// Consecutive notes during a gesture are the frame intervals a person
// feels. The notes go to a file every second and on quit.
type frameLog struct {
	path   string
	since  func() time.Duration // time since the process started (tests replace it)
	start  time.Time            // ProcessStart, for the file's header
	raster *canvas.Raster
	layer  *fyne.Container // the raster, at the top-left corner of whatever it is stacked on
	naive  bool            // DEBRIEF_NAIVE=1: boards keep every card in the object tree

	mu      sync.Mutex
	frames  []time.Duration // every paint of the raster, since the process started
	redraws int             // how many times the board asked for one (several may share a frame)
	written int             // len(frames) at the last write; -1 before the first
	stop    chan struct{}
	stopped sync.Once
	done    sync.WaitGroup
}

// frameLogFromEnv is the probe when DEBRIEF_FRAMELOG names a file, nil
// otherwise. It writes the file every second until closed.
func frameLogFromEnv() *frameLog {
	path := os.Getenv(envFrameLog)
	if path == "" {
		return nil
	}
	start := ProcessStart
	if start.IsZero() {
		start = time.Now()
	}
	l := newFrameLog(path, start, func() time.Duration { return time.Since(start) })
	l.naive = os.Getenv(envNaive) == "1"
	l.done.Add(1)
	go l.writeEverySecond()
	return l
}

func newFrameLog(path string, start time.Time, since func() time.Duration) *frameLog {
	l := &frameLog{path: path, start: start, since: since, written: -1, stop: make(chan struct{})}
	l.raster = canvas.NewRaster(l.paint)
	l.raster.Resize(fyne.NewSize(1, 1))
	l.layer = container.NewWithoutLayout(l.raster)
	return l
}

// paint is the raster's generator: Fyne calls it when it paints the
// raster after a refresh, on the UI goroutine.
func (l *frameLog) paint(w, h int) image.Image {
	t := l.since()
	l.mu.Lock()
	l.frames = append(l.frames, t)
	l.mu.Unlock()
	return image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1))) // transparent; RGBA is uploaded as it is
}

// Redraw asks for the raster to be painted again with the next frame. The
// board calls it (OnRedraw) after each change it draws.
func (l *frameLog) Redraw() {
	l.mu.Lock()
	l.redraws++
	l.mu.Unlock()
	canvas.Refresh(l.raster)
}

// Over stacks the probe on content, at its top-left corner.
// Attach makes the probe count the board's redraws (and show it naive
// when the benchmark's baseline asks) and returns content under the
// probe's frame counter.
func (l *frameLog) Attach(b *dcanvas.Board, content fyne.CanvasObject) fyne.CanvasObject {
	b.OnRedraw = l.Redraw
	b.SetNaive(l.naive)
	return l.Over(content)
}

func (l *frameLog) Over(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(content, l.layer)
}

// snapshot copies the notes, and reports whether there are new ones since
// the last write.
func (l *frameLog) snapshot() (frames []time.Duration, redraws int, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.frames) == l.written {
		return nil, 0, false
	}
	l.written = len(l.frames)
	return append([]time.Duration(nil), l.frames...), l.redraws, true
}

// format is the file: a header of "key value" lines, then one line per
// painted frame, in nanoseconds since the process started.
func (l *frameLog) format(frames []time.Duration, redraws int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# debrief frame log: each line after the header is one painted frame, in ns since the process started\n")
	fmt.Fprintf(&b, "start_unix_ns %d\n", l.start.UnixNano())
	naive := 0
	if l.naive {
		naive = 1
	}
	fmt.Fprintf(&b, "naive %d\n", naive)
	if len(frames) > 0 {
		fmt.Fprintf(&b, "first_frame_ns %d\n", frames[0].Nanoseconds())
	}
	fmt.Fprintf(&b, "redraws %d\n", redraws)
	fmt.Fprintf(&b, "frames %d\n", len(frames))
	for _, f := range frames {
		b.WriteString(strconv.FormatInt(f.Nanoseconds(), 10))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Flush writes the file when there are new notes: to a temporary file,
// renamed over FILE, so a reader never sees half a file.
func (l *frameLog) Flush() error {
	frames, redraws, ok := l.snapshot()
	if !ok {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(l.path), ".framelog-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(l.format(frames, redraws)); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), l.path)
}

func (l *frameLog) writeEverySecond() {
	defer l.done.Done()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-tick.C:
			if err := l.Flush(); err != nil {
				fyne.LogError("frame log", err)
			}
		}
	}
}

// Close stops the writer and writes what is left. Calling it twice is harmless.
func (l *frameLog) Close() error {
	l.stopped.Do(func() { close(l.stop) })
	l.done.Wait()
	return l.Flush()
}
