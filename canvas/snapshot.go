package canvas

import "github.com/debrief-app/debrief/app/model"

// snapshot holds some cards and links as they were (or will be), for an
// operation to hand its owner and to put back when refused. A nil entry
// means the row does not exist.
type snapshot struct {
	factors map[int64]*model.Factor
	links   map[int64]*model.Link
}

func newSnapshot() snapshot {
	return snapshot{factors: map[int64]*model.Factor{}, links: map[int64]*model.Link{}}
}
