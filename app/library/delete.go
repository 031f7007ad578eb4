package library

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// ---- delete and undo ----

// delete moves a debrief to the Trash at once (nothing is destroyed) and
// offers to undo it. If it cannot be moved, nothing changes and an error
// says why.
func (h *Home) delete(d store.DebriefSummary) {
	db := h.db
	ui.Background(h.host, "Could not move the debrief to the Trash", func(ctx context.Context) (bool, error) {
		_, err := db.TrashDebrief(ctx, d.ID)
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInTrash) {
			return false, nil // the list was stale: it is gone, or in the Trash already
		}
		return err == nil, err
	}, func(moved bool) {
		if moved {
			h.offerUndo(d)
		}
		h.Reload()
	})
}

// offerUndo remembers d as the last delete, for Undo, and shows the banner
// that brings it back, for undoFor or until the next delete.
func (h *Home) offerUndo(d store.DebriefSummary) {
	h.deleted = append(h.deleted, d)
	h.bannerFor = d.ID
	h.deletes++
	n := h.deletes
	h.undoText.SetText(fmt.Sprintf("Moved %s to the Trash.", quoted(d.Title, 80)))
	h.undoBar.Show()
	h.relayout()
	h.after(undoFor, func() {
		h.host.Later(func() {
			if h.deletes == n {
				h.hideUndo()
			}
		})
	})
}

// hideUndo hides the banner; Undo still brings back the last delete.
func (h *Home) hideUndo() {
	h.undoBar.Hide()
	h.relayout()
}

// forget drops debrief id from what Undo brings back: it was restored or
// deleted for good from the Trash.
func (h *Home) forget(id int64) {
	h.deleted = slices.DeleteFunc(h.deleted, func(d store.DebriefSummary) bool { return d.ID == id })
	if id == h.bannerFor {
		h.hideUndo() // it would name a debrief that is no longer in the Trash
	}
}

// CanUndo reports whether Undo has a delete to take back.
func (h *Home) CanUndo() bool { return len(h.deleted) > 0 }

// undone is what an Undo did.
type undone struct {
	skipped bool  // the debrief had left the Trash meanwhile
	failed  error // it could not be brought back; it is still in the Trash
}

// Undo brings the last debrief deleted in this library back from the
// Trash, as it was (the banner's Undo, Edit ▸ Undo, Ctrl+Z); again, the
// one deleted before it. It reports whether there was one to bring back.
func (h *Home) Undo() bool {
	if len(h.deleted) == 0 {
		return false
	}
	d := h.deleted[len(h.deleted)-1]
	h.deleted = h.deleted[:len(h.deleted)-1]
	h.hideUndo()
	db := h.db
	ui.Background(h.host, "Could not bring the debrief back", func(ctx context.Context) (undone, error) {
		_, err := db.UndeleteDebrief(ctx, d.ID)
		switch {
		case errors.Is(err, store.ErrNotInTrash), errors.Is(err, store.ErrNotFound):
			return undone{skipped: true}, nil // restored, or deleted for good, meanwhile
		case err != nil:
			return undone{failed: err}, nil
		}
		return undone{}, nil
	}, func(r undone) {
		switch {
		case r.failed != nil:
			h.host.ShowError("Could not bring the debrief back", r.failed)
			h.offerUndo(d) // it is still in the Trash: Undo may be tried again
		case r.skipped:
			if !h.Undo() { // the delete before it, if any
				h.Reload()
			}
		default:
			h.scrollTo = d.ID
			h.Reload()
		}
	})
	return true
}

// duplicate copies a debrief and brings the copy into view.
func (h *Home) duplicate(d store.DebriefSummary) {
	ui.Background(h.host, "Could not duplicate the debrief", func(ctx context.Context) (int64, error) {
		return h.db.DuplicateDebrief(ctx, d.ID)
	}, func(id int64) {
		h.scrollTo = id
		h.Reload()
	})
}
