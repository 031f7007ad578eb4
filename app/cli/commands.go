package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// ImportSample stores the embedded sample debrief and returns its id.
func ImportSample(ctx context.Context, db *store.DB) (int64, error) {
	d, err := export.ReadJSON(bytes.NewReader(assets.Sample()))
	if err != nil {
		return 0, fmt.Errorf("read the sample debrief: %w", err)
	}
	id, err := db.ImportDossier(ctx, d)
	if err != nil {
		return 0, fmt.Errorf("store the sample debrief: %w", err)
	}
	return id, nil
}

// action is a command whose arguments are parsed and checked; it runs
// once the database is open, so -h and usage errors never touch a file.
type action func(db *store.DB) error

func listCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("list", env)
	group := fs.String("group", "", "list only this group's debriefs (see 'debrief groups')")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] list [--group NAME]\n\n"+
			"Lists the debriefs (of every group, or of one), newest first, one a line:\n"+
			"id, date, status, number of cards, title.\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("list takes no arguments, got %q", fs.Arg(0))
	}
	if flagSet(fs, "group") {
		if err := groupFlag(*group); err != nil {
			return nil, err
		}
	}
	return func(db *store.DB) error {
		id := store.AllGroups
		if *group != "" {
			g, err := groupNamed(db, *group)
			if err != nil {
				return err
			}
			id = g.ID
		}
		return list(db, id, env)
	}, nil
}

func list(db *store.DB, group int64, env Env) error {
	ds, err := db.ListDebriefs(context.Background(), group)
	if err != nil {
		return err
	}
	for _, d := range ds {
		when := d.HappenedAt
		if when.IsZero() {
			when = d.CreatedAt
		}
		fmt.Fprintf(env.Stdout, "%d\t%s\t%-8s\t%d factors\t%s\n", d.ID, when.Format("2006-01-02"), d.Status, d.Factors, model.OneLine(d.Title))
	}
	return nil
}

func importCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("import", env)
	group := fs.String("group", "", "put the debriefs into this group (see 'debrief groups'); default: the group each file names\n(made if missing), else the first group")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] import [--group NAME] FILE...\n\n"+
			"Imports debriefs in the JSON interchange format (docs/format.md): .json files, or .zip files\n"+
			"of them (what 'debrief export --group' writes); FILE - reads standard input.\n"+
			"Prints each new debrief's id. All files are checked first: if one is bad, nothing is written.\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() == 0 {
		return nil, usagef("import needs a FILE")
	}
	if flagSet(fs, "group") {
		if err := groupFlag(*group); err != nil {
			return nil, err
		}
	}
	var ds []*model.Dossier
	for _, name := range fs.Args() {
		read, err := readImport(name, env.Stdin)
		if err != nil {
			return nil, err
		}
		ds = append(ds, read...)
	}
	what := fs.Arg(0)
	if fs.NArg() > 1 {
		what = fmt.Sprintf("%d files", fs.NArg())
	}
	return func(db *store.DB) error {
		if *group != "" {
			g, err := groupNamed(db, *group)
			if err != nil {
				return fmt.Errorf("nothing was imported: %w", err)
			}
			for _, d := range ds {
				d.Debrief.GroupID = g.ID
			}
		}
		ids, err := db.ImportDossiers(context.Background(), ds)
		if err != nil {
			return fmt.Errorf("nothing was imported from %s: %w", what, err)
		}
		for _, id := range ids {
			fmt.Fprintln(env.Stdout, id)
		}
		return nil
	}, nil
}

func exportCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("export", env)
	id := fs.Int64("id", 0, "the debrief to export (see 'debrief list')")
	group := fs.String("group", "", "export every debrief of this group as JSON instead: --out is a folder (a file each) or a .zip")
	format := fs.String("format", "", "pdf, md (Markdown), json or ics (calendar invite) (default: from the --out file's extension, else json)")
	out := fs.String("out", "", "the file to write; - for standard output")
	paper := fs.String("paper", "", "PDF paper size: a4 or letter (default: from your locale, Letter in the US and Canada)")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] export --id ID --format pdf|md|json|ics --out PATH [--paper a4|letter]\n"+
			"       debrief [--db PATH] export --group NAME [--format json] --out FOLDER|FILE.zip\n\n"+
			"--group hands a group's history to someone else: 'debrief import FILE.zip' (or the folder's\n"+
			"files) brings it into their Debrief, in a group of the same name.\n"+
			"--format ics writes a calendar invite for the reflection: it starts at the debrief's\n"+
			"scheduled time and lasts its timebox, and needs a scheduled time.\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	f, ferr := export.ParseFormat(*format)
	if *format == "" {
		f, ferr = formatFromName(*out), nil
	}
	var p export.Paper
	var perr error
	if *paper != "" {
		p, perr = export.ParsePaper(*paper)
	}
	if flagSet(fs, "group") {
		switch {
		case fs.NArg() > 0:
			return nil, usagef("export takes flags only, got %q", fs.Arg(0))
		case flagSet(fs, "id"):
			return nil, usagef("export takes --id or --group, not both")
		case *out == "" || *out == "-":
			return nil, usagef("export --group needs --out FOLDER or --out FILE.zip")
		case *format != "" && (ferr != nil || f != export.JSON):
			return nil, usagef("export --group writes JSON only, not %q", *format)
		case *paper != "":
			return nil, usagef("--paper is for PDF exports only")
		}
		if err := groupFlag(*group); err != nil {
			return nil, err
		}
		return func(db *store.DB) error { return exportGroup(db, *group, *out, env) }, nil
	}
	switch {
	case fs.NArg() > 0:
		return nil, usagef("export takes flags only, got %q", fs.Arg(0))
	case *id <= 0:
		return nil, usagef("export needs --id ID (see 'debrief list')")
	case *out == "":
		return nil, usagef("export needs --out PATH (or --out - for standard output)")
	case ferr != nil:
		return nil, usageError{ferr.Error()}
	case perr != nil:
		return nil, usageError{perr.Error()}
	case *paper != "" && f != export.PDF:
		return nil, usagef("--paper is for PDF exports only")
	}
	opt := export.Options{Paper: p, Creator: "Debrief " + env.Version}
	return func(db *store.DB) error { return exportTo(db, *id, f, *out, opt, env) }, nil
}

// formatFromName picks the format a file name asks for: .pdf, .md,
// .markdown or .ics, else json (also for standard output).
func formatFromName(name string) export.Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return export.PDF
	case ".md", ".markdown":
		return export.Markdown
	case ".ics":
		return export.ICS
	}
	return export.JSON
}

func exportTo(db *store.DB, id int64, f export.Format, out string, opt export.Options, env Env) error {
	d, err := db.LoadDossier(context.Background(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("there is no debrief with id %d; 'debrief list' shows the ids", id)
	}
	if errors.Is(err, store.ErrInTrash) {
		return fmt.Errorf("debrief %d is in the Trash; 'debrief undelete --id %d' brings it back first", id, id)
	}
	if err != nil {
		return err
	}
	if f == export.ICS && d.Debrief.ScheduledAt.IsZero() {
		// Checked before anything is opened, so no file is written.
		return fmt.Errorf(`debrief %d has no scheduled time: set "When is the reflection" in Set the stage, or scheduled_at in the JSON`, id)
	}
	var rep export.Report
	write := func(w io.Writer) error {
		rep, err = export.Write(w, d, f, opt)
		return err
	}
	if out == "-" {
		err = write(env.Stdout)
	} else {
		err = export.WriteFile(out, write)
	}
	if err != nil {
		return err
	}
	if rep.Note != "" {
		fmt.Fprintf(env.Stderr, "debrief: note: %s\n", rep.Note)
	}
	if len(rep.Missing) > 0 {
		fmt.Fprintf(env.Stderr, "debrief: warning: %d characters could not be drawn with the fonts on this computer and show as \uFFFD: %s\n",
			len(rep.Missing), string(rep.Missing))
	}
	return nil
}

// maxSynthCards is the most cards synth makes: a board far beyond any
// real debrief, whose file (about 33 MB) still imports.
const maxSynthCards = 100_000

// synthCmd writes a synthetic debrief (export.Synthetic) as JSON, for
// benchmarks and for trying big boards. It opens no database.
func synthCmd(args []string, env Env) error {
	fs := newFlagSet("synth", env)
	cards := fs.Int("cards", 0, fmt.Sprintf("how many cards, 0 to %d (required)", maxSynthCards))
	links := fs.Int("links", 0, "how many arrows (default: a third of the cards)")
	seed := fs.Int64("seed", 1, "the random seed: the same seed gives the same file")
	out := fs.String("out", "", "the .json file to write; - for standard output")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief synth --cards N [--links M] [--seed S] --out FILE\n\n"+
			"Writes a made-up debrief of N cards in the JSON interchange format, for benchmarks and\n"+
			"for trying big boards: debrief synth --cards 10000 --out big.json && debrief import big.json\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("synth takes flags only, got %q", fs.Arg(0))
	case *out == "":
		return usagef("synth needs --out FILE (or --out - for standard output)")
	case !flagSet(fs, "cards"):
		return usagef("synth needs --cards N, the number of cards (0 to %d)", maxSynthCards)
	case *cards < 0 || *cards > maxSynthCards:
		return fmt.Errorf("--cards must be a number of cards from 0 to %d, not %d", maxSynthCards, *cards)
	case *links < 0:
		return fmt.Errorf("--links must be a number of arrows from 0 up, not %d", *links)
	}
	if !flagSet(fs, "links") {
		*links = *cards / 3
	}
	d := export.Synthetic(*cards, *links, *seed)
	write := func(w io.Writer) error { return export.WriteJSON(w, d) }
	if *out == "-" {
		return write(env.Stdout)
	}
	return export.WriteFile(*out, write)
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// pathAction is a command whose arguments are parsed and checked; it runs
// with the database's path and opens the database itself, if at all.
type pathAction func(path string) error

func backupCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("backup", env)
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] backup\n\n"+
			"Backs up the database now into the backups folder beside it and prints the backup's path.\n"+
			"The window also backs up once a day; the newest seven daily backups are kept.\n")
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("backup takes no arguments, got %q", fs.Arg(0))
	}
	return func(db *store.DB) error {
		b, err := db.Backup(context.Background())
		if b.Path != "" {
			fmt.Fprintln(env.Stdout, b.Path)
		}
		return err
	}, nil
}

func backupsCmd(args []string, env Env) (pathAction, error) {
	fs := newFlagSet("backups", env)
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] backups\n\n"+
			"Lists the database's backups, newest first, one a line: the time taken (local), why it was\n"+
			"taken (daily, before an upgrade, replaced by a restore), its size and its path.\n"+
			"Put one back with: debrief [--db PATH] restore --from FILE\n")
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("backups takes no arguments, got %q", fs.Arg(0))
	}
	return func(path string) error {
		list, err := store.ListBackups(path)
		if err != nil {
			return fmt.Errorf("cannot list the backups in %s: %w", store.BackupsDir(path), err)
		}
		for _, b := range list {
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", b.Taken.Local().Format("2006-01-02 15:04:05"), b.Kind, byteSize(b.Size), b.Path)
		}
		return nil
	}, nil
}

// byteSize writes a file size for people: 812 B, 48.2 KB, 3.1 MB.
func byteSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	v, unit := float64(n)/1024, "KB"
	for _, u := range []string{"MB", "GB", "TB"} {
		if v < 1024 {
			break
		}
		v, unit = v/1024, u
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}

func restoreCmd(args []string, env Env) (pathAction, error) {
	fs := newFlagSet("restore", env)
	from := fs.String("from", "", "the backup (or other Debrief database) to put in the database's place")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] restore --from FILE\n\n"+
			"Replaces the database with FILE, a backup ('debrief backups' lists them) or another Debrief\n"+
			"database. FILE is checked first; if it is not a whole Debrief database nothing changes.\n"+
			"The database it replaces is kept in the backups folder. Works when the database itself is\n"+
			"too damaged to open; the window must be closed (in the window: File > Restore from backup…).\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, usagef("restore takes flags only, got %q", fs.Arg(0))
	case *from == "":
		return nil, usagef("restore needs --from FILE (see 'debrief backups')")
	}
	return func(path string) error { return restore(path, *from, env) }, nil
}

// restore takes the instance lock, so no window has the database open
// while it is replaced, and replaces it without opening it first.
func restore(path, from string, env Env) error {
	lock, err := store.LockInstance(path)
	var inUse *store.InUseError
	if errors.As(err, &inUse) {
		open := inUse.Path
		if inUse.OtherName {
			open += " under another name"
		}
		if inUse.PID > 0 {
			open = fmt.Sprintf("%s (process %d)", open, inUse.PID)
		}
		//lint:ignore ST1005 Debrief is a name, and the message is a sentence
		return fmt.Errorf("Debrief is open on %s; close it first, or use File > Restore from backup… in its window", open)
	}
	if err != nil {
		return fmt.Errorf("cannot restore into %s: %w", path, err)
	}
	defer lock.Release()
	kept, err := store.Restore(path, from)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if kept == "" {
		fmt.Fprintf(env.Stdout, "Restored %s into %s.\n", from, abs)
	} else {
		fmt.Fprintf(env.Stdout, "Restored %s into %s. The database it replaced is kept at %s.\n", from, abs, kept)
	}
	return nil
}
