package canvas

import "github.com/debrief-app/debrief/app/model"

// Change is one finished board operation (a drag, a text edit, a delete,
// an arrangement, an undo…). The application stores it in one
// transaction, applying the parts in this order: DeleteLinks, Factors,
// Links, DeleteFactors. Factors and Links hold whole rows with their IDs
// set: a row that exists is updated, one that does not is inserted with
// that ID. Deletes of rows already gone are not errors.
type Change struct {
	Factors       []model.Factor
	Links         []model.Link
	DeleteLinks   []int64
	DeleteFactors []int64
}

// Empty reports whether the change does nothing.
func (c Change) Empty() bool {
	return len(c.Factors) == 0 && len(c.Links) == 0 && len(c.DeleteLinks) == 0 && len(c.DeleteFactors) == 0
}
