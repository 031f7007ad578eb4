package model

// MaxHistory is how many steps Undo can go back.
const MaxHistory = 500

// Step is one undoable edit: the change as made, and the change that
// undoes it.
type Step struct {
	Label         string
	Before, After Change
}

// History is the undo and redo stacks of an open debrief. The zero value
// is empty and ready to use.
type History struct {
	done, undone []Step
}

// Push records a step and forgets what could be redone. A step whose
// Merge key is the last step's (and not empty) joins it: one undo takes
// back a whole run of typing or nudges.
func (h *History) Push(s Step) {
	h.undone = nil
	if n := len(h.done); n > 0 && s.After.Merge != "" && h.done[n-1].After.Merge == s.After.Merge {
		last := &h.done[n-1]
		last.After = last.After.Then(s.After)
		last.Before = s.Before.Then(last.Before) // what the run changed first is put back as it was first
		return
	}
	h.done = append(h.done, s)
	if len(h.done) > MaxHistory {
		h.done = h.done[len(h.done)-MaxHistory:]
	}
}

// Seal ends the current run: the next step does not merge with the last
// one even if their Merge keys match.
func (h *History) Seal() {
	if n := len(h.done); n > 0 {
		h.done[n-1].After.Merge = ""
	}
}

// CanUndo and CanRedo report whether there is a step to undo or redo.
func (h *History) CanUndo() bool { return len(h.done) > 0 }
func (h *History) CanRedo() bool { return len(h.undone) > 0 }

// Undo takes the last step off the done stack onto the redo stack.
func (h *History) Undo() (Step, bool) {
	if len(h.done) == 0 {
		return Step{}, false
	}
	s := h.done[len(h.done)-1]
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, s)
	return s, true
}

// Redo takes the last undone step back onto the done stack.
func (h *History) Redo() (Step, bool) {
	if len(h.undone) == 0 {
		return Step{}, false
	}
	s := h.undone[len(h.undone)-1]
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, s)
	return s, true
}

// Drop forgets a step that could not be applied (its rows were changed by
// someone else meanwhile), from whichever stack holds it last.
func (h *History) Drop(undone bool) {
	if undone && len(h.undone) > 0 {
		h.undone = h.undone[:len(h.undone)-1]
	} else if !undone && len(h.done) > 0 {
		h.done = h.done[:len(h.done)-1]
	}
}
