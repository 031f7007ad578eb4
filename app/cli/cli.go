// Package cli is Debrief's command line: the global flags, the list,
// import, export, delete, trash, undelete, synth, backup, backups,
// restore, insights, checklist, version and help commands, and the
// hand-off to the GUI.
// It needs no window, so every command is testable headless.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-app/debrief/app/store"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Env is what the command line needs from the program around it.
type Env struct {
	Version   string
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
	DefaultDB func() (string, error) // where the database lives when --db is not given
	// RunGUI starts the window; nil in tests that never need it. lock is
	// the instance lock of the database, held until RunGUI returns: the
	// window watches it (lock.Watch) for a second Debrief asking it to
	// come forward.
	RunGUI func(db *store.DB, openID int64, lock *store.InstanceLock) error
	// OpenFailed shows, in a window, why the database at path could not be
	// opened (openErr, an *store.OpenError) and offers its backups; if one
	// is restored the app goes on. It returns nil then, else openErr. Nil:
	// the error is only printed.
	OpenFailed func(path string, openErr error, openID int64, lock *store.InstanceLock) error
	// Now is the clock insights counts overdue check-ins against; nil:
	// time.Now. Tests fix it.
	Now func() time.Time
}

const usage = `Debrief: blameless post-mortems on one screen.

Usage:
  debrief [--db PATH] [--no-sample] [--open ID]     open the window
  debrief [--db PATH] [--no-sample] list [--group NAME]
                                                    list debriefs: id, date, status, cards, title
  debrief [--db PATH] groups                        list groups: id, debriefs, name
  debrief [--db PATH] [--no-sample] import [--group NAME] FILE...
                                                    import .json debriefs or a group's .zip (FILE may
                                                    be -), print the new ids
  debrief [--db PATH] [--no-sample] export --id ID --format pdf|md|json|ics --out PATH
                                                    export a debrief (--out - writes to stdout);
                                                    ics is a calendar invite for the reflection
  debrief [--db PATH] export --group NAME --out FOLDER|FILE.zip
                                                    export a group's debriefs as JSON, to hand over
  debrief [--db PATH] insights [--group NAME | --all] [--format md|json|pdf] --out PATH
                                                    what a group's debriefs say together: the group
                                                    report (pdf, md) or every figure as json
  debrief [--db PATH] checklist [--group NAME] [--template ID] [--format md|pdf] --out PATH
                                                    a pre-mortem checklist from a group's past debriefs
  debrief [--db PATH] delete --id ID                move a debrief to the Trash (kept 30 days, then
                                                    deleted for good)
  debrief [--db PATH] trash                         list the Trash: id, date deleted, days left, title
  debrief [--db PATH] undelete --id ID              bring a debrief back from the Trash, as it was
  debrief [--db PATH] backup                        back up the database now, print the backup's path
  debrief [--db PATH] backups                       list the backups: time, kind, size, path
  debrief [--db PATH] restore --from FILE           replace the database with a backup (the window
                                                    must be closed); the replaced one is kept
  debrief synth --cards N [--links M] [--seed S] --out FILE
                                                    write a made-up debrief of N cards as .json
                                                    (for benchmarks and trying big boards; no database)
  debrief version                                   print the version
  debrief help                                      show this help

Global flags (before the command):
  --db PATH     the database file (default: debrief.db in Debrief's data folder)
  --no-sample   do not add the sample debrief to a database created now
  --open ID     open this debrief straight away (window only)

Exit status: 0 ok, 1 error, 2 wrong usage. Run 'debrief COMMAND -h' for a command's flags.
`

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errHelp means -h was asked for and help was printed: exit status 0.
var errHelp = errors.New("help shown")

// Main runs the command line with args (without the program name) and
// returns the exit status.
func Main(args []string, env Env) int {
	err := run(args, env)
	var ue usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "debrief: %s\nRun 'debrief help' for usage.\n", sentence(err.Error()))
		return ExitUsage
	default:
		fmt.Fprintf(env.Stderr, "debrief: %s\n", sentence(err.Error()))
		return ExitError
	}
}

// sentence makes an error read as one sentence on one line.
func sentence(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
	if s != "" && !strings.HasSuffix(s, ".") {
		s += "."
	}
	if r, n := utf8.DecodeRuneInString(s); n > 0 {
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

type globals struct {
	db       string
	noSample bool
	open     int64
}

func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // Main reports flag errors itself, once
	return fs
}

// parse parses fs and turns flag's own errors into usage errors. The usage
// is shown only for -h: flag would also show it after every error.
func parse(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}

func run(args []string, env Env) error {
	var g globals
	fs := newFlagSet("debrief", env)
	fs.StringVar(&g.db, "db", "", "the database file")
	fs.BoolVar(&g.noSample, "no-sample", false, "do not add the sample debrief to a new database")
	fs.Int64Var(&g.open, "open", 0, "open this debrief straight away")
	fs.Usage = func() { fmt.Fprint(env.Stdout, usage) }
	if err := parse(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return runGUI(g, env)
	}
	cmd, cmdArgs := rest[0], rest[1:]
	switch cmd {
	case "help":
		fmt.Fprint(env.Stdout, usage)
		return nil
	case "version":
		fmt.Fprintf(env.Stdout, "Debrief %s\n", env.Version)
		return nil
	case "synth":
		return synthCmd(cmdArgs, env) // needs no database: none is opened or created
	}
	// These work on the database file without opening it: restore must
	// work when the database is too damaged to open.
	pathCommands := map[string]func([]string, Env) (pathAction, error){"backups": backupsCmd, "restore": restoreCmd}
	if parseCmd, ok := pathCommands[cmd]; ok {
		act, err := parseCmd(cmdArgs, env)
		if err != nil {
			return err
		}
		path, err := dbPath(g, env)
		if err != nil {
			return err
		}
		return act(path)
	}
	commands := map[string]func([]string, Env) (action, error){"list": listCmd, "import": importCmd, "export": exportCmd, "backup": backupCmd,
		"delete": deleteCmd, "trash": trashCmd, "undelete": undeleteCmd, "groups": groupsCmd,
		"insights": insightsCmd, "checklist": checklistCmd}
	parseCmd, ok := commands[cmd]
	if !ok {
		return usagef("unknown command %q", cmd)
	}
	act, err := parseCmd(cmdArgs, env)
	if err != nil {
		return err
	}
	return withStore(g, env, true, act)
}

// handOverWait is how long a second window waits for the first to come
// forward.
const handOverWait = 3 * time.Second

// runGUI takes the database's instance lock and opens the window. When
// another Debrief has the database open, it asks that one to come forward
// (and open --open's debrief) instead. Backups are the window's business.
func runGUI(g globals, env Env) error {
	if env.RunGUI == nil {
		return errors.New("this build has no window")
	}
	path, err := dbPath(g, env)
	if err != nil {
		return err
	}
	lock, err := store.LockInstance(path)
	var inUse *store.InUseError
	if errors.As(err, &inUse) && inUse.OtherName {
		// Open under another name (a hard link): its request file is
		// beside that name, which this Debrief cannot know.
		return fmt.Errorf("%w; switch to its window, or close it and start Debrief again", err)
	}
	if errors.As(err, &inUse) {
		if err := store.AskToShow(path, g.open, handOverWait); err != nil {
			return fmt.Errorf("%w; switch to its window, or close it and start Debrief again", err)
		}
		fmt.Fprintf(env.Stdout, "Debrief is already open on %s; brought its window forward.\n", inUse.Path)
		return nil
	}
	if err != nil {
		// No lock file can be made beside the database (a read-only
		// folder, say): Open says what is wrong with the database itself
		// better; if it finds nothing, the lock's error stands.
		if errors.Is(err, fs.ErrPermission) {
			err = store.ErrReadOnly
		}
		abs, _ := filepath.Abs(path)
		lockErr := &store.OpenError{Path: abs, Err: err}
		err = withStore(g, env, false, func(*store.DB) error { return lockErr })
	} else {
		defer lock.Release()
		err = withStore(g, env, false, func(db *store.DB) error { return env.RunGUI(db, g.open, lock) })
	}
	var openErr *store.OpenError
	if errors.As(err, &openErr) && env.OpenFailed != nil {
		return env.OpenFailed(openErr.Path, err, g.open, lock)
	}
	return err
}

// dbPath is the database file: --db's, else the default one.
func dbPath(g globals, env Env) (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	path, err := env.DefaultDB()
	if err != nil {
		return "", fmt.Errorf("find Debrief's data folder: %w", err)
	}
	return path, nil
}

// withStore opens the database (seeding a new one with the sample unless
// --no-sample), runs fn and closes it. With wait, a database that another
// program is writing is waited for (see waitBusy); the window does not
// wait here: it says so in its own way.
func withStore(g globals, env Env, wait bool, fn func(db *store.DB) error) error {
	path, err := dbPath(g, env)
	if err != nil {
		return err
	}
	w := &busyWaiter{env: env, on: wait, until: time.Now().Add(busyWait)}
	var db *store.DB
	if err := w.do(func() (err error) { db, err = store.Open(path); return err }); err != nil {
		return err
	}
	defer db.Close()
	if db.Created() && !g.noSample {
		if err := w.do(func() error { _, err := ImportSample(context.Background(), db); return err }); err != nil {
			return err
		}
	}
	return w.do(func() error { return fn(db) })
}

// busyWait is how long a command waits for a database that another
// program is writing, and busyPoll how long between two tries (each try
// itself waits up to SQLite's busy timeout, 5 s).
var (
	busyWait = 2 * time.Minute
	busyPoll = 500 * time.Millisecond
)

// busyMessage is said once on stderr when a command starts waiting.
const busyMessage = "debrief: the database is busy (another program is writing it); waiting…"

// busyWaiter runs the steps of one command, again while the database is
// busy. Each step is a transaction (or reads only), so a step that found
// the database busy did nothing, and running it again is safe.
type busyWaiter struct {
	env   Env
	on    bool
	until time.Time
	told  bool
}

func (w *busyWaiter) do(step func() error) error {
	for {
		err := step()
		if err == nil || !w.on || !store.IsBusy(err) {
			return err
		}
		if !time.Now().Before(w.until) {
			if errors.Is(err, store.ErrBusy) {
				return err // an *store.OpenError that says so
			}
			return fmt.Errorf("%w, and still was after %s: %v", store.ErrBusy, busyWait, err)
		}
		if !w.told {
			fmt.Fprintln(w.env.Stderr, busyMessage)
			w.told = true
		}
		time.Sleep(busyPoll)
	}
}
