package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/debrief-app/debrief/app/model"
)

// Errors of groups.
var (
	ErrGroupExists = errors.New("another group has that name")
	ErrLastGroup   = errors.New("it is the only group, and the library keeps one")
)

// AllGroups, as a group ID, asks a list, search or count for every group.
const AllGroups int64 = 0

// GroupSummary is a group as the switcher and `debrief groups` list it.
type GroupSummary struct {
	model.Group
	Debriefs int // in the library, not in the Trash
}

// TrashedGroup is a group in the Trash, with the debriefs deleted with it.
type TrashedGroup struct {
	model.Group
	Debriefs int
}

const groupColumns = `id, name, template, timebox_minutes, dots, created_at, deleted_at`

func scanGroup(s scanner, extra ...any) (model.Group, error) {
	var g model.Group
	var created, deleted sql.NullString
	if err := s.Scan(append([]any{&g.ID, &g.Name, &g.Template, &g.TimeboxMinutes, &g.Dots, &created, &deleted}, extra...)...); err != nil {
		return g, err
	}
	var errs [2]error
	g.CreatedAt, errs[0] = parseTime(created)
	g.DeletedAt, errs[1] = parseTime(deleted)
	return g, errors.Join(errs[:]...)
}

func (q *Queries) members(ctx context.Context, groupID int64) ([]string, error) {
	return q.names(ctx, `SELECT name FROM group_member WHERE group_id = ? ORDER BY position`, groupID)
}

// Groups lists the groups in the library (not those in the Trash) with
// their number of debriefs, by name.
func (q *Queries) Groups(ctx context.Context) ([]GroupSummary, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+groupColumns+`,
		(SELECT count(*) FROM debrief d WHERE d.group_id = debrief_group.id AND d.deleted_at IS NULL)
		FROM debrief_group WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("list groups: %w", err)
	}
	var list []GroupSummary
	for rows.Next() {
		var s GroupSummary
		if s.Group, err = scanGroup(rows, &s.Debriefs); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list groups: %w", err)
		}
		list = append(list, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list groups: %w", err)
	}
	for i := range list {
		if list[i].Members, err = q.members(ctx, list[i].ID); err != nil {
			return nil, fmt.Errorf("list groups: %w", err)
		}
	}
	slices.SortFunc(list, func(a, b GroupSummary) int {
		return cmp.Or(strings.Compare(foldText(a.Name), foldText(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return list, nil
}

// Group reads a group, in the library or in the Trash, with its members.
// A missing one is ErrNotFound.
func (q *Queries) Group(ctx context.Context, id int64) (model.Group, error) {
	g, err := scanGroup(q.q.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM debrief_group WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return g, fmt.Errorf("group %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return g, fmt.Errorf("read group %d: %w", id, err)
	}
	if g.Members, err = q.members(ctx, id); err != nil {
		return g, fmt.Errorf("read group %d: %w", id, err)
	}
	return g, nil
}

// GroupNamed finds a group in the library by name, whatever the case and
// spaces (model.GroupKey). None is an error wrapping ErrNotFound that
// names the groups there are.
func (q *Queries) GroupNamed(ctx context.Context, name string) (model.Group, error) {
	id, err := q.groupID(ctx, name, 0)
	if err != nil {
		return model.Group{}, err
	}
	if id == 0 {
		list, err := q.Groups(ctx)
		if err != nil {
			return model.Group{}, err
		}
		names := make([]string, len(list))
		for i, g := range list {
			names[i] = fmt.Sprintf("%q", g.Name)
		}
		return model.Group{}, fmt.Errorf("no group is named %q (there are %s): %w", name, strings.Join(names, ", "), ErrNotFound)
	}
	return q.Group(ctx, id)
}

// groupID is the ID of the live group named name (but except), or 0.
func (q *Queries) groupID(ctx context.Context, name string, except int64) (int64, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, name FROM debrief_group WHERE deleted_at IS NULL AND id <> ? ORDER BY id`, except)
	if err != nil {
		return 0, fmt.Errorf("find group %q: %w", name, err)
	}
	defer rows.Close()
	key := model.GroupKey(name)
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return 0, fmt.Errorf("find group %q: %w", name, err)
		}
		if model.GroupKey(n) == key {
			return id, nil
		}
	}
	return 0, rows.Err()
}

// DefaultGroup is the group a debrief goes into when nothing says which:
// the oldest group in the library ("My debriefs" unless it was deleted).
func (q *Queries) DefaultGroup(ctx context.Context) (model.Group, error) {
	var id int64
	err := q.q.QueryRowContext(ctx, `SELECT id FROM debrief_group WHERE deleted_at IS NULL ORDER BY id LIMIT 1`).Scan(&id)
	if err != nil {
		return model.Group{}, fmt.Errorf("read the default group: %w", err)
	}
	return q.Group(ctx, id)
}

// CreateGroup stores a new group and returns its ID. A name another group
// in the library has (model.GroupKey) is ErrGroupExists.
func (q *Queries) CreateGroup(ctx context.Context, g *model.Group) (int64, error) {
	if err := g.Validate(); err != nil {
		return 0, fmt.Errorf("make the group: %w", err)
	}
	var id int64
	err := q.atomic(ctx, func(tx *Queries) error {
		var err error
		id, err = tx.insertGroup(ctx, g)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("make the group %q: %w", g.Name, err)
	}
	return id, nil
}

func (q *Queries) insertGroup(ctx context.Context, g *model.Group) (int64, error) {
	name := strings.TrimSpace(g.Name)
	if other, err := q.groupID(ctx, name, 0); err != nil {
		return 0, err
	} else if other != 0 {
		return 0, ErrGroupExists
	}
	id, err := q.insert(ctx, "debrief_group", `name, template, timebox_minutes, dots, created_at`,
		name, g.Template, g.TimeboxMinutes, g.Dots, formatTime(q.now()))
	if err != nil {
		return 0, err
	}
	return id, q.setMembers(ctx, id, g.Members)
}

func (q *Queries) setMembers(ctx context.Context, groupID int64, names []string) error {
	if _, err := q.q.ExecContext(ctx, `DELETE FROM group_member WHERE group_id = ?`, groupID); err != nil {
		return err
	}
	for i, n := range names {
		if _, err := q.q.ExecContext(ctx, `INSERT INTO group_member (group_id, position, name) VALUES (?, ?, ?)`, groupID, i, n); err != nil {
			return err
		}
	}
	return nil
}

// UpdateGroup saves a group's name, members and defaults. A group in the
// Trash is not changed (ErrInTrash).
func (q *Queries) UpdateGroup(ctx context.Context, g *model.Group) error {
	if err := g.Validate(); err != nil {
		return fmt.Errorf("save the group: %w", err)
	}
	name := strings.TrimSpace(g.Name)
	err := q.atomic(ctx, func(tx *Queries) error {
		old, err := tx.Group(ctx, g.ID)
		if err != nil {
			return err
		}
		if !old.DeletedAt.IsZero() {
			return ErrInTrash
		}
		if other, err := tx.groupID(ctx, name, g.ID); err != nil {
			return err
		} else if other != 0 {
			return ErrGroupExists
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE debrief_group SET name = ?, template = ?, timebox_minutes = ?, dots = ? WHERE id = ?`,
			name, g.Template, g.TimeboxMinutes, g.Dots, g.ID); err != nil {
			return err
		}
		return tx.setMembers(ctx, g.ID, g.Members)
	})
	if err != nil {
		return fmt.Errorf("save the group %q: %w", g.Name, err)
	}
	return nil
}

// liveGroup checks that group id exists and is not in the Trash.
func (q *Queries) liveGroup(ctx context.Context, id int64) error {
	g, err := q.Group(ctx, id)
	if err != nil {
		return err
	}
	if !g.DeletedAt.IsZero() {
		return fmt.Errorf("group %q: %w", g.Name, ErrInTrash)
	}
	return nil
}

// MoveDebrief puts a debrief (in the library) into another group.
func (q *Queries) MoveDebrief(ctx context.Context, debriefID, groupID int64) error {
	err := q.atomic(ctx, func(tx *Queries) error {
		t, err := tx.anyDebrief(ctx, debriefID)
		if err != nil {
			return err
		}
		if !t.DeletedAt.IsZero() {
			return ErrInTrash
		}
		if err := tx.liveGroup(ctx, groupID); err != nil {
			return err
		}
		_, err = tx.q.ExecContext(ctx, `UPDATE debrief SET group_id = ? WHERE id = ?`, groupID, debriefID)
		return err
	})
	if err != nil {
		return fmt.Errorf("move debrief %d to group %d: %w", debriefID, groupID, err)
	}
	return nil
}

// TrashGroup moves a group and every debrief in it to the Trash, in one
// transaction, all marked with the same moment: RestoreGroup brings back
// exactly those, not a debrief deleted on its own before. The last group
// in the library is not deleted (ErrLastGroup).
func (q *Queries) TrashGroup(ctx context.Context, id int64) (TrashedGroup, error) {
	var t TrashedGroup
	err := q.atomic(ctx, func(tx *Queries) error {
		g, err := tx.Group(ctx, id)
		if err != nil {
			return err
		}
		if !g.DeletedAt.IsZero() {
			return ErrInTrash
		}
		var live int
		if err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM debrief_group WHERE deleted_at IS NULL`).Scan(&live); err != nil {
			return err
		}
		if live <= 1 {
			return ErrLastGroup
		}
		now := tx.now().UTC()
		stamp := formatTime(now)
		if _, err := tx.q.ExecContext(ctx, `UPDATE debrief_group SET deleted_at = ? WHERE id = ?`, stamp, id); err != nil {
			return err
		}
		res, err := tx.q.ExecContext(ctx, `UPDATE debrief SET deleted_at = ? WHERE group_id = ? AND deleted_at IS NULL`, stamp, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		g.DeletedAt = now
		t = TrashedGroup{Group: g, Debriefs: int(n)}
		return err
	})
	if err != nil {
		return TrashedGroup{}, fmt.Errorf("move group %d to the Trash: %w", id, err)
	}
	return t, nil
}

// RestoreGroup brings a group back from the Trash with the debriefs that
// were deleted with it. If another group has taken its name meanwhile, it
// comes back as "<name> (restored)".
func (q *Queries) RestoreGroup(ctx context.Context, id int64) (TrashedGroup, error) {
	var t TrashedGroup
	err := q.atomic(ctx, func(tx *Queries) error {
		g, err := tx.Group(ctx, id)
		if err != nil {
			return err
		}
		if g.DeletedAt.IsZero() {
			return ErrNotInTrash
		}
		res, err := tx.q.ExecContext(ctx, `UPDATE debrief SET deleted_at = NULL WHERE group_id = ? AND deleted_at = ?`,
			id, formatTime(g.DeletedAt))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if g.Name, err = tx.reviveGroup(ctx, g); err != nil {
			return err
		}
		t = TrashedGroup{Group: g, Debriefs: int(n)}
		return nil
	})
	if err != nil {
		return TrashedGroup{}, fmt.Errorf("bring group %d back from the Trash: %w", id, err)
	}
	return t, nil
}

// reviveGroup takes group g out of the Trash (if it is there), renamed if
// its name is taken, and returns its name.
func (q *Queries) reviveGroup(ctx context.Context, g model.Group) (string, error) {
	if g.DeletedAt.IsZero() {
		return g.Name, nil
	}
	name := g.Name
	for n := 1; ; n++ {
		other, err := q.groupID(ctx, name, g.ID)
		if err != nil {
			return "", err
		}
		if other == 0 {
			break
		}
		name = g.Name + " (restored)"
		if n > 1 {
			name = fmt.Sprintf("%s (restored %d)", g.Name, n)
		}
	}
	_, err := q.q.ExecContext(ctx, `UPDATE debrief_group SET deleted_at = NULL, name = ? WHERE id = ?`, name, g.ID)
	return name, err
}

// ListTrashedGroups lists the groups in the Trash, the last deleted
// first, each with the debriefs deleted with it.
func (q *Queries) ListTrashedGroups(ctx context.Context) ([]TrashedGroup, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+groupColumns+`,
		(SELECT count(*) FROM debrief d WHERE d.group_id = debrief_group.id AND d.deleted_at = debrief_group.deleted_at)
		FROM debrief_group WHERE deleted_at IS NOT NULL ORDER BY julianday(deleted_at) DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list the groups in the Trash: %w", err)
	}
	defer rows.Close()
	var list []TrashedGroup
	for rows.Next() {
		var t TrashedGroup
		if t.Group, err = scanGroup(rows, &t.Debriefs); err != nil {
			return nil, fmt.Errorf("list the groups in the Trash: %w", err)
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// DeleteGroupForever deletes a group in the Trash for good, with every
// debrief of it in the Trash. A group in the library is not deleted
// (ErrNotInTrash).
func (q *Queries) DeleteGroupForever(ctx context.Context, id int64) error {
	err := q.atomic(ctx, func(tx *Queries) error {
		g, err := tx.Group(ctx, id)
		if err != nil {
			return err
		}
		if g.DeletedAt.IsZero() {
			return ErrNotInTrash
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM debrief WHERE group_id = ? AND deleted_at IS NOT NULL`, id); err != nil {
			return err
		}
		// A debrief of the group restored on its own brought the group back
		// with it, so none is left in the library here; refuse rather than
		// leave one without a group.
		var left int
		if err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM debrief WHERE group_id = ? AND deleted_at IS NULL`, id).Scan(&left); err != nil {
			return err
		}
		if left > 0 {
			return fmt.Errorf("%d of its debriefs are in the library", left)
		}
		_, err = tx.q.ExecContext(ctx, `DELETE FROM debrief_group WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete group %d for good: %w", id, err)
	}
	return nil
}

// purgeGroups deletes the groups that have been in the Trash for
// TrashKeep and have no debrief left.
func (q *Queries) purgeGroups(ctx context.Context, cutoff string) error {
	_, err := q.q.ExecContext(ctx, `DELETE FROM debrief_group
		WHERE deleted_at IS NOT NULL AND julianday(deleted_at) <= julianday(?)
		AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.group_id = debrief_group.id)`, cutoff)
	return err
}

// importGroup is the group an imported or new debrief goes into: the one
// its GroupID names (which must be in the library), else the one its Group
// names (made when missing), else DefaultGroup. It is 0 at a schema older
// than groups, which only tests make.
func (q *Queries) importGroup(ctx context.Context, deb model.Debrief) (int64, error) {
	var has int
	if err := q.q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'debrief_group'`).Scan(&has); err != nil || has == 0 {
		return 0, err
	}
	switch {
	case deb.GroupID != 0:
		return deb.GroupID, q.liveGroup(ctx, deb.GroupID)
	case strings.TrimSpace(deb.Group) != "":
		id, err := q.groupID(ctx, deb.Group, 0)
		if err != nil || id != 0 {
			return id, err
		}
		g := model.NewGroup(deb.Group)
		if err := g.Validate(); err != nil {
			return 0, err
		}
		return q.insertGroup(ctx, &g)
	}
	g, err := q.DefaultGroup(ctx)
	return g.ID, err
}

// groupName is the name of group id; "" when there is none.
func (q *Queries) groupName(ctx context.Context, id int64) string {
	var name string
	if q.q.QueryRowContext(ctx, `SELECT name FROM debrief_group WHERE id = ?`, id).Scan(&name) != nil {
		return ""
	}
	return name
}

// GroupDossiers reads every debrief of group (AllGroups: of every group)
// in the library, whole, as one consistent view, oldest setback first:
// what insights are computed from.
func (db *DB) GroupDossiers(ctx context.Context, group int64) ([]*model.Dossier, error) {
	var out []*model.Dossier
	err := db.WithTx(ctx, func(tx *Queries) error {
		list, err := tx.ListDebriefs(ctx, group)
		if err != nil {
			return err
		}
		out = make([]*model.Dossier, 0, len(list))
		for i := len(list) - 1; i >= 0; i-- {
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := tx.readDossier(ctx, list[i].ID)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the debriefs of group %d: %w", group, err)
	}
	return out, nil
}
