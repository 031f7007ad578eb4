package cli

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/export"
)

func groupsCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("groups", env)
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] groups\n\n"+
			"Lists the groups, one a line: id, number of debriefs (not counting the Trash), name.\n"+
			"A group is who debriefs together (a family, a club, a team): 'Last time', check-ins and\n"+
			"insights stay within it. Use a name with list --group, import --group and export --group.\n")
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("groups takes no arguments, got %q", fs.Arg(0))
	}
	return func(db *store.DB) error {
		list, err := db.Groups(context.Background())
		if err != nil {
			return err
		}
		for _, g := range list {
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\n", g.ID, plural(g.Debriefs, "debrief", "debriefs"), g.Name)
		}
		return nil
	}, nil
}

// groupNamed is the group --group names. An unknown name is an error that
// lists the groups there are.
func groupNamed(db *store.DB, name string) (model.Group, error) {
	g, err := db.GroupNamed(context.Background(), name)
	if errors.Is(err, store.ErrNotFound) {
		msg := strings.TrimSuffix(err.Error(), ": "+store.ErrNotFound.Error())
		return g, fmt.Errorf("%s; 'debrief groups' lists them, and the window's library makes new ones", msg)
	}
	return g, err
}

// groupFlag checks a --group value before the database is opened.
func groupFlag(name string) error {
	if strings.TrimSpace(name) == "" {
		return usagef("--group needs a group's name (see 'debrief groups')")
	}
	return nil
}

// exportGroup writes every debrief of group name (not the Trash) as JSON:
// one file each into the folder out, or all of them into the .zip file
// out. Nothing is written unless every debrief could be read.
func exportGroup(db *store.DB, name, out string, env Env) error {
	ctx := context.Background()
	g, err := groupNamed(db, name)
	if err != nil {
		return err
	}
	list, err := db.ListDebriefs(ctx, g.ID)
	if err != nil {
		return err
	}
	type file struct {
		name string
		d    *model.Dossier
	}
	files := make([]file, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- { // oldest first: the names sort in the group's order
		d, err := db.LoadDossier(ctx, list[i].ID)
		if err != nil {
			return err
		}
		files = append(files, file{fmt.Sprintf("%03d-%s.json", len(files)+1, slug(d.Debrief.Title)), d})
	}
	if strings.EqualFold(filepath.Ext(out), ".zip") {
		err = export.WriteFile(out, func(w io.Writer) error {
			zw := zip.NewWriter(w)
			for _, f := range files {
				fw, err := zw.Create(f.name)
				if err != nil {
					return err
				}
				if err := export.WriteJSON(fw, f.d); err != nil {
					return err
				}
			}
			return zw.Close()
		})
	} else {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return fmt.Errorf("cannot make the folder %s: %w", out, err)
		}
		for _, f := range files {
			d := f.d
			if err = export.WriteFile(filepath.Join(out, f.name), func(w io.Writer) error { return export.WriteJSON(w, d) }); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Exported %s of the group %q to %s.\n", plural(len(files), "debrief", "debriefs"), g.Name, out)
	return nil
}

// slug is a title as a short, portable file name part.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "debrief"
	}
	return s
}

// Limits on a .zip given to import: it is read whole before anything is
// stored, so a hostile archive must not make it read without end.
const (
	maxZipFiles = 2_000
	maxZipBytes = 512 << 20 // what all its files may hold, unpacked
)

// readImport reads the debriefs of a .json file (or standard input) or of
// every .json file in a .zip (a group export). Each is checked whole; an
// error names the file (and the file inside the .zip) and nothing is
// returned.
func readImport(name string, stdin io.Reader) ([]*model.Dossier, error) {
	if name == "-" {
		d, err := export.ReadJSON(stdin)
		if err != nil {
			return nil, fmt.Errorf("nothing was imported from standard input: %w", err)
		}
		return []*model.Dossier{d}, nil
	}
	if strings.EqualFold(filepath.Ext(name), ".zip") {
		return readZip(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, pathless(err))
	}
	defer f.Close()
	// The name does not start the message: Main capitalises the first letter.
	d, err := export.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("nothing was imported from %s: %w", name, err)
	}
	return []*model.Dossier{d}, nil
}

func readZip(name string) ([]*model.Dossier, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, fmt.Errorf("nothing was imported from %s: it is not a .zip file Debrief can read (%v)", name, pathless(err))
	}
	defer zr.Close()
	var out []*model.Dossier
	var total int64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.EqualFold(filepath.Ext(f.Name), ".json") {
			continue
		}
		if len(out) == maxZipFiles {
			return nil, fmt.Errorf("nothing was imported from %s: it has more than %d debriefs", name, maxZipFiles)
		}
		r, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("nothing was imported from %s: %s: %v", name, f.Name, err)
		}
		// ReadJSON stops at export.MaxJSONSize; the archive's total is
		// counted from what is actually unpacked, not what it claims.
		c := &counter{r: io.LimitReader(r, export.MaxJSONSize+1)}
		d, err := export.ReadJSON(c)
		r.Close()
		total += c.n
		if err != nil {
			return nil, fmt.Errorf("nothing was imported from %s: %s: %w", name, f.Name, err)
		}
		if total > maxZipBytes {
			return nil, fmt.Errorf("nothing was imported from %s: it unpacks to more than %d MB", name, maxZipBytes>>20)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("nothing was imported from %s: it has no .json debrief in it", name)
	}
	return out, nil
}

type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// pathless is err without the path an *os.PathError repeats.
func pathless(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
