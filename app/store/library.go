package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/model"
)

// LibrarySort is an order the library can be listed in.
type LibrarySort int

// The orders of the library. NewestFirst is the default.
const (
	NewestFirst LibrarySort = iota // by when it happened (else when it was started), newest first
	OldestFirst                    // the same, oldest first
	ByTitle                        // by title, ignoring case and accents
	ByStatus                       // drafts, then reviewed, then closed; newest first within each
)

// LibrarySorts are the orders in the order they are offered.
var LibrarySorts = []LibrarySort{NewestFirst, OldestFirst, ByTitle, ByStatus}

// Label is the order as a person reads it: "Newest first", "Title"…
func (s LibrarySort) Label() string {
	switch s {
	case OldestFirst:
		return "Oldest first"
	case ByTitle:
		return "Title"
	case ByStatus:
		return "Status"
	}
	return "Newest first"
}

// SearchDebriefs lists the debriefs of group (AllGroups: of every group;
// not those in the Trash) whose title or any card's text contains
// query, ignoring case (in any script: "über" finds "ÜBER", "straße" finds
// "STRASSE") and surrounding spaces; an empty query lists them all. Each
// comes with its number of cards, in the order sort asks for; an unknown
// sort is NewestFirst.
func (q *Queries) SearchDebriefs(ctx context.Context, query string, sort LibrarySort, group int64) ([]DebriefSummary, error) {
	needle := foldText(strings.TrimSpace(query))
	const count = `(SELECT count(*) FROM factor f WHERE f.debrief_id = debrief.id AND f.face = 0)`
	match := `NULL`
	if needle != "" {
		match = `(CASE WHEN ` + matchFunc + `(title, ?1) THEN NULL ELSE
			(SELECT f.text FROM factor f WHERE f.debrief_id = debrief.id AND f.face = 0 AND ` + matchFunc + `(f.text, ?1) ORDER BY f.id LIMIT 1) END)`
	}
	sqlText := `SELECT ` + debriefColumns + `, ` + count + `, ` + match + ` FROM debrief WHERE deleted_at IS NULL AND (?2 = 0 OR group_id = ?2)`
	args := []any{needle, group}
	if needle != "" {
		sqlText += ` AND (` + matchFunc + `(title, ?1)
			OR EXISTS (SELECT 1 FROM factor f WHERE f.debrief_id = debrief.id AND f.face = 0 AND ` + matchFunc + `(f.text, ?1)))`
	}
	rows, err := q.q.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("search debriefs for %q: %w", query, err)
	}
	defer rows.Close()
	var list []DebriefSummary
	for rows.Next() {
		var s DebriefSummary
		var m sql.NullString
		if s.Debrief, err = scanDebrief(rows, &s.Factors, &m); err != nil {
			return nil, fmt.Errorf("search debriefs for %q: %w", query, err)
		}
		s.Match = snippet(m.String, strings.TrimSpace(query))
		list = append(list, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search debriefs for %q: %w", query, err)
	}
	sortLibrary(list, sort)
	return list, nil
}

// sortLibrary puts list in the order s asks for. Ties fall back on newest
// first, then on the ID, so the order is always the same.
func sortLibrary(list []DebriefSummary, s LibrarySort) {
	newest := func(a, b DebriefSummary) int {
		if c := libraryDate(b).Compare(libraryDate(a)); c != 0 {
			return c
		}
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	}
	switch s {
	case OldestFirst:
		slices.SortFunc(list, func(a, b DebriefSummary) int { return newest(b, a) })
	case ByTitle:
		keys := make(map[int64][2]string, len(list))
		for _, d := range list {
			keys[d.ID] = [2]string{titleKey(d.Title), foldText(d.Title)}
		}
		slices.SortFunc(list, func(a, b DebriefSummary) int {
			ka, kb := keys[a.ID], keys[b.ID]
			return cmp.Or(strings.Compare(ka[0], kb[0]), strings.Compare(ka[1], kb[1]), strings.Compare(a.Title, b.Title), newest(a, b))
		})
	case ByStatus:
		slices.SortFunc(list, func(a, b DebriefSummary) int {
			return cmp.Or(cmp.Compare(statusRank(a.Status), statusRank(b.Status)), newest(a, b))
		})
	default:
		slices.SortFunc(list, newest)
	}
}

// libraryDate is the date the library shows for a debrief: when it
// happened, else when it was started.
func libraryDate(d DebriefSummary) time.Time {
	if !d.HappenedAt.IsZero() {
		return d.HappenedAt
	}
	return d.CreatedAt
}

func statusRank(s model.Status) int {
	switch s {
	case model.Draft:
		return 0
	case model.Reviewed:
		return 1
	case model.Closed:
		return 2
	}
	return 3
}

// CountDebriefs is how many debriefs group (AllGroups: every group) has in
// the library, leaving out those in the Trash.
func (q *Queries) CountDebriefs(ctx context.Context, group int64) (int, error) {
	var n int
	if err := q.q.QueryRowContext(ctx, `SELECT count(*) FROM debrief WHERE deleted_at IS NULL AND (?1 = 0 OR group_id = ?1)`, group).Scan(&n); err != nil {
		return 0, fmt.Errorf("count debriefs: %w", err)
	}
	return n, nil
}

// snippet is a card's text around query, on one line and short: "…the
// words before it QUERY and after…". Where the case-insensitive match is
// not found as typed (folding made it: ß for ss), the card's start.
func snippet(text, query string) string {
	if text == "" {
		return ""
	}
	line := []rune(model.OneLine(text))
	const before, width = 30, 90
	start := 0
	if i := strings.Index(strings.ToLower(string(line)), strings.ToLower(query)); i >= 0 {
		start = max(0, utf8.RuneCountInString(strings.ToLower(string(line))[:i])-before)
	}
	start = min(start, len(line)) // lower case may have more runes than the text (İ)
	end := min(len(line), start+width)
	out := strings.TrimSpace(string(line[start:end]))
	if start > 0 {
		out = "…" + out
	}
	if end < len(line) {
		out += "…"
	}
	return out
}
