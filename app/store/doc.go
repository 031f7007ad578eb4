// Package store keeps debriefs in an SQLite database (modernc.org/sqlite,
// pure Go). It owns the schema and its migrations, refuses files that are
// not Debrief databases without touching them, and offers typed reads and
// writes for every model type. Every write is a transaction.
package store
