package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

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

func noArgs(name string, args []string, env Env) error {
	fs := newFlagSet(name, env)
	fs.Usage = func() { fmt.Fprintf(env.Stdout, "Usage: debrief [--db PATH] %s\n", name) }
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("%s takes no arguments, got %q", name, fs.Arg(0))
	}
	return nil
}

// action is a command whose arguments are parsed and checked; it runs
// once the database is open, so -h and usage errors never touch a file.
type action func(db *store.DB) error

func listCmd(args []string, env Env) (action, error) {
	if err := noArgs("list", args, env); err != nil {
		return nil, err
	}
	return func(db *store.DB) error { return list(db, env) }, nil
}

func list(db *store.DB, env Env) error {
	ds, err := db.ListDebriefs(context.Background())
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
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] import FILE\n\nImports a debrief in the JSON interchange format (docs/format.md); FILE - reads standard input.\nPrints the new debrief's id. A bad file writes nothing.\n")
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() != 1 {
		return nil, usagef("import takes one FILE")
	}
	name := fs.Arg(0)
	var r io.Reader = env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the message names the file once
			}
			return nil, fmt.Errorf("cannot read %s: %w", name, err)
		}
		defer f.Close()
		r = f
	} else {
		name = "standard input"
	}
	// The name does not start the message: Main capitalises the first letter.
	d, err := export.ReadJSON(r)
	if err != nil {
		return nil, fmt.Errorf("nothing was imported from %s: %w", name, err)
	}
	return func(db *store.DB) error {
		id, err := db.ImportDossier(context.Background(), d)
		if err != nil {
			return fmt.Errorf("nothing was imported from %s: %w", name, err)
		}
		fmt.Fprintln(env.Stdout, id)
		return nil
	}, nil
}

func exportCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("export", env)
	id := fs.Int64("id", 0, "the debrief to export (see 'debrief list')")
	format := fs.String("format", "json", "json")
	out := fs.String("out", "", "the file to write; - for standard output")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] export --id ID --format json --out PATH\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, usagef("export takes flags only, got %q", fs.Arg(0))
	case *id <= 0:
		return nil, usagef("export needs --id ID (see 'debrief list')")
	case *out == "":
		return nil, usagef("export needs --out PATH (or --out - for standard output)")
	case *format != "json":
		return nil, usagef("unknown export format %q; this version writes json", *format)
	}
	return func(db *store.DB) error { return exportJSON(db, *id, *out, env) }, nil
}

func exportJSON(db *store.DB, id int64, out string, env Env) error {
	d, err := db.LoadDossier(context.Background(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("there is no debrief with id %d; 'debrief list' shows the ids", id)
	}
	if err != nil {
		return err
	}
	if out == "-" {
		return export.WriteJSON(env.Stdout, d)
	}
	return export.WriteFile(out, func(w io.Writer) error { return export.WriteJSON(w, d) })
}
