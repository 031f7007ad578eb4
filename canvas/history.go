package canvas

import "github.com/debrief-app/debrief/app/model"

// snapshot holds some cards and links as they were (or will be). A nil
// entry means the row does not exist.
type snapshot struct {
	factors map[int64]*model.Factor
	links   map[int64]*model.Link
}

func newSnapshot() snapshot {
	return snapshot{factors: map[int64]*model.Factor{}, links: map[int64]*model.Link{}}
}

// step is one undoable board operation: the rows it touched before and
// after, and the fishbone drawing before and after when it changed that.
type step struct {
	name          string
	before, after snapshot
	skelBefore    *Skeleton
	skelAfter     *Skeleton
	merge         string // steps with the same non-empty merge key in a row become one (arrow-key nudges)
}

// history is the undo and redo stacks.
type history struct {
	done, undone []step
}

const maxHistory = 500

func (h *history) push(s step) {
	if s.merge != "" && len(h.done) > 0 && h.done[len(h.done)-1].merge == s.merge {
		last := &h.done[len(h.done)-1]
		for id, f := range s.after.factors {
			last.after.factors[id] = f
		}
		for id, l := range s.after.links {
			last.after.links[id] = l
		}
		h.undone = nil
		return
	}
	h.done = append(h.done, s)
	if len(h.done) > maxHistory {
		h.done = h.done[len(h.done)-maxHistory:]
	}
	h.undone = nil
}

func (h *history) canUndo() bool { return len(h.done) > 0 }
func (h *history) canRedo() bool { return len(h.undone) > 0 }

func (h *history) popUndo() (step, bool) {
	if len(h.done) == 0 {
		return step{}, false
	}
	s := h.done[len(h.done)-1]
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, s)
	return s, true
}

func (h *history) popRedo() (step, bool) {
	if len(h.undone) == 0 {
		return step{}, false
	}
	s := h.undone[len(h.undone)-1]
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, s)
	return s, true
}
