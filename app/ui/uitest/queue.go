package uitest

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
)

// Queue is a test's path to the UI goroutine (ui.Host.Later): what the
// test's own goroutine hands over runs at once, as the UI goroutine's own
// changes do in the app; what other goroutines hand over (the writer's
// report, a timer tick) waits until Run, on the test's goroutine. Fyne's
// test driver would run it on that other goroutine, racing the test.
type Queue struct {
	main   uint64 // the goroutine that made the queue
	mu     sync.Mutex
	queued []func()
}

// NewQueue is a queue for the calling goroutine.
func NewQueue() *Queue { return &Queue{main: goroutineID()} }

// Later runs f now on the queue's goroutine, else queues it for Run.
func (q *Queue) Later(f func()) {
	if goroutineID() == q.main {
		f()
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.queued = append(q.queued, f)
}

// Run runs what was queued, and what that queues, until nothing is.
func (q *Queue) Run() {
	for {
		q.mu.Lock()
		run := q.queued
		q.queued = nil
		q.mu.Unlock()
		if len(run) == 0 {
			return
		}
		for _, f := range run {
			f()
		}
	}
}

// goroutineID is the number the runtime prints for the calling goroutine.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	n, _ := strconv.ParseUint(string(b[:bytes.IndexByte(b, ' ')]), 10, 64)
	return n
}
