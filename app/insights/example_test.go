package insights_test

import (
	"fmt"
	"time"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
)

// Two debriefs of one group: the March change was about the skipped
// wiring check, and in May the wiring check was missed again.
func ExampleRecurrences() {
	march := &model.Dossier{
		Debrief: model.Debrief{ID: 1, Title: "Bench test fried the controller", HappenedAt: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)},
		Factors: []model.Factor{
			{ID: 1, Text: "Skipped the wiring check", Category: model.Process, Votes: 3},
			{ID: 2, Text: "Late night before the demo", Category: model.People},
		},
		Changes: []model.ProcessChange{{What: "Second sign-off on the wiring check", Owner: "Ana", Chosen: true}},
	}
	march.Debrief.ScheduledAt = march.Debrief.HappenedAt.Add(20 * time.Hour)
	may := &model.Dossier{
		Debrief: model.Debrief{ID: 2, Title: "Arm stalled at the regional", HappenedAt: time.Date(2026, 5, 9, 0, 0, 0, 0, time.UTC)},
		Factors: []model.Factor{
			{ID: 3, Text: "Wiring checks skipped again", Category: model.Process},
			{ID: 4, Text: "Gearbox stripped", Category: model.Technical},
		},
	}
	for _, r := range insights.Recurrences([]*model.Dossier{march}, may) {
		fmt.Println(r.Sentence)
	}
	// Output:
	// The March change — second sign-off on the wiring check — may not have held: “wiring checks skipped again” came back.
}
