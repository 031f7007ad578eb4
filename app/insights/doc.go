// Package insights reads a group's debriefs together: setbacks and
// reflections over time, what became of the changes the group committed
// to, the factors that keep coming back (themes found by offline text
// similarity), whether a change held, the warning signs missed more than
// once, the times luck helped, and a pre-mortem checklist for the next
// project.
//
// It is pure computation over []*model.Dossier: no Fyne, no store. Every
// figure carries the IDs of the debriefs behind it so a view can click
// through. The Report is JSON-serialisable with stable snake_case names;
// docs/insights.md describes every field, the method and the thresholds.
//
// The functions keep no state between calls and are safe to call from
// several goroutines at once. Each reads the whole group (about 0.2 s for
// 200 debriefs of 25 cards on a small machine): call them off the UI
// goroutine.
package insights
