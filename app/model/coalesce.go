package model

import "sync"

// Coalesce returns an observer that hands the events it hears to apply in
// batches, through later (a view's path to its UI goroutine): at most one
// later call waits at a time, and it takes every event heard since, in
// order. A burst of changes (a room full of devices writing) then costs a
// view one call on its UI goroutine, not one per change: Fyne runs about
// one queued call per frame when frames are slow, and fell seconds behind.
func Coalesce(later func(func()), apply func([]Event)) func(Event) {
	var mu sync.Mutex
	var pending []Event
	scheduled := false
	flush := func() {
		mu.Lock()
		evs := pending
		pending, scheduled = nil, false
		mu.Unlock()
		if len(evs) > 0 {
			apply(evs)
		}
	}
	return func(ev Event) {
		mu.Lock()
		pending = append(pending, ev)
		schedule := !scheduled
		scheduled = true
		mu.Unlock()
		if schedule {
			later(flush)
		}
	}
}
