// Package model holds Debrief's domain: a debrief and the factors, links,
// lessons, warning signs, process changes and kudos that belong to it, with
// the rules that keep them sensible. It knows nothing of Fyne or SQL.
package model
