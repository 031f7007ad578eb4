package session

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/debrief-app/debrief/app/model"
)

// How long the writer waits before retrying a change it could not store:
// first, then twice as long each time, up to the longest.
const (
	RetryFirst   = time.Second
	RetryLongest = 30 * time.Second
)

// Writer stores an open debrief's changes in order, one transaction each,
// on one background goroutine, so no view ever waits for the disk.
//
// A change that cannot be stored is never dropped: it stays at the head of
// the queue, the changes after it wait behind it (so order is kept), and it
// is retried after a backoff (RetryFirst, doubling up to
// RetryLongest). onError hears about the first failure of each streak
// of failures, not about every retry; onSaved hears when a retry succeeds
// and whenever the queue drains.
type Writer struct {
	apply   func(context.Context, model.Change) error
	onError func(error)
	onSaved func()
	first   time.Duration // first wait before a retry
	longest time.Duration // longest wait before a retry

	wake chan struct{} // capacity 1: the worker should look at the state again
	done chan struct{} // closed when the worker has exited

	mu        sync.Mutex
	attempted *sync.Cond     // broadcast when an attempt ends or the worker exits
	queue     []model.Change // not stored yet; queue[0] is tried first
	queued    uint64         // changes ever queued
	stored    uint64         // changes ever stored and reported: always the first ones queued
	attempts  uint64         // store attempts started; an attempt's number is this count when it started
	failed    uint64         // number of the latest failed attempt, once reported; 0 if none
	failing   bool           // the latest attempt failed
	hurry     uint64         // retry at once while failed <= hurry: a Flush is waiting for a fresh attempt
	closed    bool           // Close was called: no more Saves; stop when done
	closedAt  uint64         // attempts started when Close was called
	exited    bool           // the worker has exited
}

// NewWriter starts a writer. apply stores one change in one transaction
// (the store's Apply, for one debrief). onError hears, on the writer's
// goroutine, a user-facing error when a change cannot be stored; onSaved,
// which may be nil, hears when the queue has drained or a retry has
// succeeded. They must not call Flush or Close, and must hand anything for
// widgets to the UI goroutine themselves.
func NewWriter(apply func(context.Context, model.Change) error, onError func(error), onSaved func()) *Writer {
	return NewWriterRetrying(apply, onError, onSaved, RetryFirst, RetryLongest)
}

// NewWriterRetrying is NewWriter with the first and longest wait before a
// retry given, so tests need not wait seconds.
func NewWriterRetrying(apply func(context.Context, model.Change) error, onError func(error), onSaved func(),
	first, longest time.Duration) *Writer {
	s := &Writer{
		apply: apply, onError: onError, onSaved: onSaved, first: first, longest: longest,
		wake: make(chan struct{}, 1), done: make(chan struct{}),
	}
	s.attempted = sync.NewCond(&s.mu)
	go s.run()
	return s
}

// Save queues c to be stored after every change saved before it. It never
// waits for the disk. Empty changes, and changes saved after Close, are
// ignored. c is copied, so the caller may reuse its slices.
func (s *Writer) Save(c model.Change) {
	if c.Empty() {
		return
	}
	c = c.Clone()
	c.View = nil // view state is never stored, and may belong to another goroutine
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.queue = append(s.queue, c)
	s.queued++
	s.poke()
}

// Flush blocks until every change saved before the call is stored, or
// until a store attempt that started after the call has failed, whichever
// comes first. (A change waiting out its backoff is retried at once.) So
// Flush returns after at most one attempt per queued change, even while
// the disk keeps failing; what it could not store stays queued, is still
// retried, and is counted by Pending. After Close, Flush returns at once.
// The onError and onSaved calls for the attempts Flush waited for have
// returned when it does.
func (s *Writer) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	target, start := s.queued, s.attempts
	s.hurry = max(s.hurry, start)
	s.poke()
	for s.stored < target && s.failed <= start && !s.exited {
		s.attempted.Wait()
	}
}

// Queued is the number of changes ever saved; WaitStored(ctx, Queued())
// waits for every one saved so far.
func (s *Writer) Queued() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queued
}

// WaitStored blocks until the first n changes ever saved are stored, ctx
// ends (its error is returned) or the writer has stopped with them
// unstored (ErrClosed). Unlike Flush it does not hurry a retry: a change
// that cannot be stored yet stays queued and is retried as usual.
func (s *Writer) WaitStored(ctx context.Context, n uint64) error {
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		s.attempted.Broadcast()
		s.mu.Unlock()
	})
	defer stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.stored < n {
		if s.exited {
			return ErrClosed
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		s.attempted.Wait()
	}
	return nil
}

// Retry asks for a fresh attempt now instead of after the backoff. It
// never waits.
func (s *Writer) Retry() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hurry = max(s.hurry, s.attempts)
	s.poke()
}

// Failing reports whether the latest attempt to store a change failed and
// that change is still waiting.
func (s *Writer) Failing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failing && len(s.queue) > 0
}

// Pending is the number of changes not stored yet, counting the one being
// stored. After Close it is the number that were never stored.
func (s *Writer) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Close stops taking changes, stores what is queued as Flush does, and
// stops the worker, returning once it has exited. Changes it could not
// store are lost; Pending counts them, so the caller can warn. Calling
// Close again does nothing.
func (s *Writer) Close() {
	s.mu.Lock()
	if !s.closed {
		s.closed, s.closedAt = true, s.attempts
		s.poke()
	}
	s.mu.Unlock()
	<-s.done
}

// poke wakes the worker if it is idle or waiting to retry.
func (s *Writer) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run is the worker: it stores the head of the queue until the queue is
// empty and Close was called, or until an attempt started after Close fails.
func (s *Writer) run() {
	defer func() {
		s.mu.Lock()
		s.exited = true
		s.attempted.Broadcast()
		s.mu.Unlock()
		close(s.done)
	}()
	wait := s.first
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			closed := s.closed
			s.mu.Unlock()
			if closed {
				return
			}
			<-s.wake
			continue
		}
		c := s.queue[0]
		s.attempts++
		attempt := s.attempts
		s.mu.Unlock()

		err := s.apply(context.Background(), c)

		// The queue is updated first, so the callbacks see it as it is now;
		// the counters Flush waits on only once the callbacks have
		// returned. They are called without the lock: they may call Pending.
		s.mu.Lock()
		if err == nil {
			s.queue[0] = model.Change{} // let the rows be collected
			s.queue = s.queue[1:]
			notify := s.failing || len(s.queue) == 0
			s.failing = false
			s.mu.Unlock()
			if notify && s.onSaved != nil {
				s.onSaved()
			}
			s.mu.Lock()
			s.stored++
			s.attempted.Broadcast()
			s.mu.Unlock()
			wait = s.first
			continue
		}
		firstOfStreak := !s.failing
		s.failing = true
		giveUp := s.closed && attempt > s.closedAt
		s.mu.Unlock()
		if firstOfStreak && s.onError != nil {
			userErr := fmt.Errorf("could not save; your change is kept and Debrief keeps trying: %w", err)
			s.onError(userErr)
		}
		s.mu.Lock()
		s.failed = attempt
		s.attempted.Broadcast()
		s.mu.Unlock()
		if giveUp {
			return
		}
		s.sleep(wait)
		wait = min(2*wait, s.longest)
	}
}

// sleep waits d before a retry, or less when a Flush or Close wants a
// fresh attempt now.
func (s *Writer) sleep(d time.Duration) {
	if s.urgent() {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			return
		case <-s.wake:
			if s.urgent() {
				return
			}
		}
	}
}

// urgent reports whether a Flush or Close waits for an attempt that has not
// been made yet.
func (s *Writer) urgent() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed || s.failed <= s.hurry
}
