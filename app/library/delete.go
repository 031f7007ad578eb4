package library

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/ui"
)

// ---- delete and undo ----

// deleted is what a delete did: took the debrief (to undo with), found it
// gone already, or could not keep it.
type deleted struct {
	dossier *model.Dossier
	gone    bool
	failed  error
}

// delete removes a debrief at once and offers to undo it. If it cannot be
// kept for the undo, nothing is deleted and a confirmation asks instead.
func (h *Home) delete(d store.DebriefSummary) {
	take := h.take
	ui.Background(h.host, "Could not delete the debrief", func(ctx context.Context) (deleted, error) {
		dossier, err := take(ctx, d.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return deleted{gone: true}, nil // already gone: the list was stale
		case err != nil:
			return deleted{failed: err}, nil
		}
		return deleted{dossier: dossier}, nil
	}, func(r deleted) {
		switch {
		case r.failed != nil:
			fyne.LogError("keep a debrief to undo its delete", r.failed)
			h.confirmDelete(d)
			return
		case r.dossier != nil:
			h.offerUndo(r.dossier)
		}
		h.Reload()
	})
}

// offerUndo shows the banner that brings d back, for undoFor or until the
// next delete.
func (h *Home) offerUndo(d *model.Dossier) {
	h.deletes++
	n := h.deletes
	h.undone = d
	h.undoText.SetText("Deleted “" + model.OneLine(d.Debrief.Title) + "”.")
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

func (h *Home) hideUndo() {
	h.undone = nil
	h.undoBar.Hide()
	h.relayout()
}

// undoDelete stores the deleted debrief again as it was.
func (h *Home) undoDelete() {
	d := h.undone
	if d == nil {
		return
	}
	h.hideUndo()
	type restored struct {
		id  int64
		err error
	}
	ui.Background(h.host, "Could not bring the debrief back", func(ctx context.Context) (restored, error) {
		id, err := h.db.RestoreDossier(ctx, d)
		return restored{id, err}, nil
	}, func(r restored) {
		if r.err != nil {
			h.host.ShowError("Could not bring the debrief back", r.err)
			h.offerUndo(d) // it is still kept: Undo may be tried again
			return
		}
		h.scrollTo = r.id
		h.Reload()
	})
}

// confirmDelete asks before deleting for good: what happens when the
// debrief could not be kept for an undo.
func (h *Home) confirmDelete(d store.DebriefSummary) {
	msg := fmt.Sprintf("Delete %s?\n\nIts %s, lessons, change and kudos will be removed. "+
		"Debrief could not keep a copy to undo with, so this cannot be undone.",
		quoted(d.Title, 60), ui.Plural(d.Factors, "factor", "factors"))
	dlg := dialog.NewConfirm("Delete debrief", msg, func(ok bool) {
		if !ok {
			return
		}
		ui.Background(h.host, "Could not delete the debrief", func(ctx context.Context) (struct{}, error) {
			err := h.db.DeleteDebrief(ctx, d.ID)
			if errors.Is(err, store.ErrNotFound) {
				err = nil // already gone
			}
			return struct{}{}, err
		}, func(struct{}) { h.Reload() })
	}, h.host.Win)
	dlg.SetConfirmText("Delete")
	dlg.SetDismissText("Cancel")
	dlg.SetConfirmImportance(widget.DangerImportance)
	dlg.Show()
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
