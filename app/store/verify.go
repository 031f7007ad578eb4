package store

// The schema check: a database file is opened or restored only when its
// schema is exactly the one Debrief's own migrations make. A file could
// otherwise bring SQL of its author's: a trigger that deletes every other
// debrief at the next import, a view that never ends where a table should
// be, a column whose type the app cannot read back.
//
// The schema expected of a file at version N is not written down here: it
// is made at run time by applying migrations 1..N to an in-memory database
// (the same code that migrates a real file) and reading it back, so a new
// migration is accepted as soon as it is embedded.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// ErrSchema says that a file's tables, columns, indexes, triggers or views
// are not those Debrief makes.
var ErrSchema = errors.New("its schema was changed outside Debrief")

// column is one row of PRAGMA table_xinfo.
type column struct {
	name, typ string
	notNull   bool
	dflt      sql.NullString
	pk        int
	hidden    int // 0 ordinary, 1 of a virtual table, 2 or 3 generated
}

// index is one row of PRAGMA index_list with its PRAGMA index_xinfo rows.
type index struct {
	table   string
	unique  bool
	origin  string // c (CREATE INDEX), u (UNIQUE), pk
	partial bool
	columns []string // "cid name desc coll key" per key column
}

// schemaObject is one row of sqlite_schema.
type schemaObject struct {
	kind, name, table string
	sql               string // normalised by normSQL; "" for automatic indexes
}

// schemaShape is what the check compares: every object, and for each
// table its columns, foreign keys and indexes.
type schemaShape struct {
	objects map[string]schemaObject
	columns map[string][]column
	fks     map[string][]string
	indexes map[string]index
}

// querier is what the schema is read through.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// sqliteOwn are the tables SQLite itself makes when someone runs ANALYZE
// on the file (the sqlite3 shell, say): statistics for the query planner,
// nothing that runs. They may be there, with exactly SQLite's definition.
var sqliteOwn = map[string]string{
	"sqlite_stat1": normSQL("CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
	"sqlite_stat4": normSQL("CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
}

// readObjects reads sqlite_schema. Reading it runs nothing the file holds.
func readObjects(ctx context.Context, q querier) (map[string]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	objects := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		o.sql = normSQL(o.sql)
		objects[strings.ToLower(o.name)] = o
	}
	return objects, rows.Err()
}

// readDetails reads the columns, foreign keys and indexes of the tables.
// It is called only once the file is known to hold no view, trigger or
// virtual table, so the pragmas it runs read the schema and nothing else.
func readDetails(ctx context.Context, q querier, s *schemaShape) error {
	s.columns, s.fks, s.indexes = map[string][]column{}, map[string][]string{}, map[string]index{}
	for key, o := range s.objects {
		if o.kind != "table" || sqliteOwn[key] != "" {
			continue
		}
		cols, err := queryRows(ctx, q, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`,
			func(r *sql.Rows) (column, error) {
				var c column
				err := r.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk, &c.hidden)
				return c, err
			}, o.name)
		if err != nil {
			return err
		}
		s.columns[key] = cols
		fks, err := queryRows(ctx, q, `SELECT id, seq, "table", "from", coalesce("to", ''), on_update, on_delete, "match"
			FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
			func(r *sql.Rows) (string, error) {
				var id, seq int
				var table, from, to, onUpdate, onDelete, match string
				err := r.Scan(&id, &seq, &table, &from, &to, &onUpdate, &onDelete, &match)
				return strings.ToLower(fmt.Sprintf("%d.%d %s(%s) -> %s(%s) on update %s on delete %s match %s",
					id, seq, o.name, from, table, to, onUpdate, onDelete, match)), err
			}, o.name)
		if err != nil {
			return err
		}
		s.fks[key] = fks
		idxs, err := queryRows(ctx, q, `SELECT name, "unique", origin, partial FROM pragma_index_list(?)`,
			func(r *sql.Rows) (index, error) {
				var name string
				ix := index{table: key}
				err := r.Scan(&name, &ix.unique, &ix.origin, &ix.partial)
				ix.columns = []string{name} // the name, until its columns are read
				return ix, err
			}, o.name)
		if err != nil {
			return err
		}
		for _, ix := range idxs {
			name := ix.columns[0]
			cols, err := queryRows(ctx, q, `SELECT cid, coalesce(name, ''), "desc", coalesce(coll, ''), key
				FROM pragma_index_xinfo(?) ORDER BY seqno`,
				func(r *sql.Rows) (string, error) {
					var cid, desc, key int
					var name, coll string
					err := r.Scan(&cid, &name, &desc, &coll, &key)
					return strings.ToLower(fmt.Sprintf("%d %s desc=%d %s key=%d", cid, name, desc, coll, key)), err
				}, name)
			if err != nil {
				return err
			}
			ix.columns = cols
			s.indexes[strings.ToLower(name)] = ix
		}
	}
	return nil
}

// queryRows runs query and scans each row with scan.
func queryRows[T any](ctx context.Context, q querier, query string, scan func(*sql.Rows) (T, error), args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// expected holds the schema each version's migrations make, made once.
var expected struct {
	sync.Mutex
	byVersion map[int]*schemaShape
}

// expectedSchema is the schema that migrations 1..version make: applied to
// an empty in-memory database by the code that migrates files, then read.
func expectedSchema(ctx context.Context, version int) (*schemaShape, error) {
	expected.Lock()
	defer expected.Unlock()
	if s := expected.byVersion[version]; s != nil {
		return s, nil
	}
	mem, err := sql.Open("sqlite", "file:debrief-expected?mode=memory&_defensive=1&_pragma=trusted_schema(0)&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1) // one in-memory database: one connection
	mem.SetMaxIdleConns(1)
	db := &DB{Queries: Queries{q: mem, now: time.Now}, sql: mem}
	if err := db.migrateTo(ctx, version); err != nil {
		return nil, fmt.Errorf("make the schema of version %d: %w", version, err)
	}
	s := &schemaShape{}
	if s.objects, err = readObjects(ctx, mem); err != nil {
		return nil, err
	}
	if err := readDetails(ctx, mem, s); err != nil {
		return nil, err
	}
	if expected.byVersion == nil {
		expected.byVersion = map[int]*schemaShape{}
	}
	expected.byVersion[version] = s
	return s, nil
}

// verifySchema compares the schema of the database behind q, which says it
// is at version, with the one Debrief's migrations make for that version.
// The first difference is returned as ErrSchema with a word on what it is.
func verifySchema(ctx context.Context, q querier, version int) error {
	want, err := expectedSchema(ctx, version)
	if err != nil {
		return err
	}
	got := &schemaShape{}
	if got.objects, err = readObjects(ctx, q); err != nil {
		return err
	}
	differs := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrSchema, fmt.Sprintf(format, a...))
	}

	// What is there that Debrief did not make, what is missing, what is of
	// another kind: from sqlite_schema alone, before anything is asked of
	// the tables (a view is never run).
	for _, key := range sortedKeys(got.objects) {
		o := got.objects[key]
		w, ok := want.objects[key]
		switch {
		case !ok && sqliteOwn[key] != "" && o.kind == "table" && o.sql == sqliteOwn[key]:
			continue
		case !ok:
			return differs("it has %s %s %q that Debrief did not make", article(o.kind), o.kind, o.name)
		case o.kind != w.kind:
			return differs("%q is %s %s, where Debrief makes %s %s", o.name, article(o.kind), o.kind, article(w.kind), w.kind)
		case o.kind == "table" && strings.HasPrefix(o.sql, "create virtual table"):
			return differs("the table %q is a virtual table", o.name)
		case !strings.EqualFold(o.table, w.table):
			return differs("the %s %q belongs to the table %q, not %q", o.kind, o.name, o.table, w.table)
		}
	}
	for _, key := range sortedKeys(want.objects) {
		if _, ok := got.objects[key]; !ok {
			w := want.objects[key]
			return differs("the %s %q is missing", w.kind, w.name)
		}
	}

	// Every object is a table or an index Debrief makes: their columns.
	if err := readDetails(ctx, q, got); err != nil {
		return err
	}
	for _, key := range sortedKeys(want.columns) {
		name := want.objects[key].name
		if err := sameColumns(name, got.columns[key], want.columns[key]); err != nil {
			return differs("%s", err)
		}
		if strings.Join(got.fks[key], "\n") != strings.Join(want.fks[key], "\n") {
			return differs("the foreign keys of the table %q are not Debrief's", name)
		}
	}
	for _, key := range sortedKeys(want.indexes) {
		w, g := want.indexes[key], got.indexes[key]
		name := want.objects[key].name
		switch {
		case g.table != w.table:
			return differs("the index %q is missing", name)
		case g.unique != w.unique || g.origin != w.origin || g.partial != w.partial:
			return differs("the index %q is not made as Debrief makes it (unique, partial or origin)", name)
		case strings.Join(g.columns, "\n") != strings.Join(w.columns, "\n"):
			return differs("the index %q is not on the columns Debrief makes it on", name)
		}
	}
	// Last, the definitions as written, without comments and spacing:
	// checks, collations, conflict clauses and partial indexes' WHERE.
	for _, key := range sortedKeys(want.objects) {
		w, g := want.objects[key], got.objects[key]
		if g.sql != w.sql {
			return differs("the definition of the %s %q is not Debrief's (a constraint differs)", w.kind, w.name)
		}
	}
	return nil
}

// sameColumns compares a table's columns with Debrief's.
func sameColumns(table string, got, want []column) error {
	byName := map[string]column{}
	for _, c := range got {
		byName[strings.ToLower(c.name)] = c
	}
	for _, w := range want {
		if _, ok := byName[strings.ToLower(w.name)]; !ok {
			return fmt.Errorf("the table %q has no column %q", table, w.name)
		}
	}
	if len(got) != len(want) {
		known := map[string]bool{}
		for _, w := range want {
			known[strings.ToLower(w.name)] = true
		}
		for _, c := range got {
			if !known[strings.ToLower(c.name)] {
				return fmt.Errorf("the table %q has a column %q that Debrief did not make", table, c.name)
			}
		}
	}
	for i, w := range want {
		g := got[i]
		col := table + "." + w.name
		switch {
		case !strings.EqualFold(g.name, w.name):
			return fmt.Errorf("the columns of the table %q are not in Debrief's order", table)
		case !strings.EqualFold(g.typ, w.typ):
			return fmt.Errorf("the column %s is of type %s, not %s", col, orNone(g.typ), orNone(w.typ))
		case g.notNull != w.notNull:
			if w.notNull {
				return fmt.Errorf("the column %s may be NULL, which Debrief does not allow", col)
			}
			return fmt.Errorf("the column %s is NOT NULL, which Debrief does not make it", col)
		case g.dflt != w.dflt:
			return fmt.Errorf("the column %s has the default %s, not %s", col, dflt(g.dflt), dflt(w.dflt))
		case g.pk != w.pk:
			return fmt.Errorf("the primary key of the table %q is not Debrief's", table)
		case g.hidden != w.hidden:
			return fmt.Errorf("the column %s is generated or hidden, which Debrief does not make it", col)
		}
	}
	return nil
}

// article is "a" or "an" for a kind of schema object.
func article(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an"
	}
	return "a"
}

func orNone(typ string) string {
	if typ == "" {
		return "none"
	}
	return typ
}

func dflt(v sql.NullString) string {
	if !v.Valid {
		return "none"
	}
	return v.String
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// normSQL puts a CREATE statement in a form that compares what it means
// rather than how it was typed: comments dropped, whitespace only where it
// separates two words, and everything but string literals in lower case
// (SQL keywords and identifiers are case-insensitive).
func normSQL(s string) string {
	var b strings.Builder
	pending := false // whitespace or a comment since the last byte written
	word := func(c byte) bool {
		return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 ||
			c == '\'' || c == '"' || c == '`' || c == '[' || c == ']'
	}
	emit := func(tok string) {
		if pending && b.Len() > 0 {
			last := b.String()[b.Len()-1]
			if word(last) && word(tok[0]) {
				b.WriteByte(' ')
			}
		}
		pending = false
		b.WriteString(tok)
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			pending = true
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(s)
			}
			pending = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			pending = true
		case c == '\'' || c == '"' || c == '`' || c == '[':
			end := c
			if c == '[' {
				end = ']'
			}
			j := i + 1
			for j < len(s) {
				if s[j] == end {
					if end != ']' && j+1 < len(s) && s[j+1] == end {
						j += 2 // a doubled quote inside
						continue
					}
					break
				}
				j++
			}
			tok := s[i:min(j+1, len(s))]
			if c != '\'' {
				tok = strings.ToLower(tok) // a quoted identifier
			}
			emit(tok)
			i = j + 1
		default:
			if c >= 'A' && c <= 'Z' {
				emit(string(c + 'a' - 'A'))
			} else {
				emit(s[i : i+1])
			}
			i++
		}
	}
	return b.String()
}
