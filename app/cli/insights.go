package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/debrief-app/debrief/app/insights"
	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/assets"
	"github.com/debrief-app/debrief/export"
)

// allGroupsName is what the report of --all is titled.
const allGroupsName = "All groups"

// groupChoice is the group a command reads: --group's, --all, or the
// default group.
type groupChoice struct {
	name string
	all  bool
}

// resolve finds the group: its ID (store.AllGroups for --all) and name.
func (c groupChoice) resolve(db *store.DB) (int64, string, error) {
	switch {
	case c.all:
		return store.AllGroups, allGroupsName, nil
	case c.name != "":
		g, err := groupNamed(db, c.name)
		return g.ID, g.Name, err
	}
	g, err := db.DefaultGroup(context.Background())
	return g.ID, g.Name, err
}

// dossiers reads the chosen group's debriefs, with the group's name.
func (c groupChoice) dossiers(db *store.DB) (string, []*model.Dossier, error) {
	id, name, err := c.resolve(db)
	if err != nil {
		return "", nil, err
	}
	ds, err := db.GroupDossiers(context.Background(), id)
	return name, ds, err
}

// output checks --format, --out and --paper of cmd, which writes one of
// allowed, and gives the format and the PDF's options.
func output(cmd, format, out, paper string, env Env, allowed ...export.Format) (export.Format, export.Options, error) {
	f, err := readFormat(format, out, allowed...)
	if err != nil {
		return "", export.Options{}, err
	}
	opt, err := outArgs(cmd, out, f, paper)
	opt.Creator = "Debrief " + env.Version
	return f, opt, err
}

// readFormat is --format, or the format the --out file's extension asks
// for (json when it asks for none, and for standard output), among those
// a command writes.
func readFormat(given, out string, allowed ...export.Format) (export.Format, error) {
	var f export.Format
	if given != "" {
		f = export.Format(strings.ToLower(given))
		if f == "markdown" {
			f = export.Markdown
		}
	} else {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".pdf":
			f = export.PDF
		case ".md", ".markdown":
			f = export.Markdown
		default:
			f = allowed[0]
		}
	}
	if !slices.Contains(allowed, f) {
		names := make([]string, len(allowed))
		for i, a := range allowed {
			names[i] = string(a)
		}
		return "", usagef("unknown format %q; this command writes %s", given, strings.Join(names, ", "))
	}
	return f, nil
}

// now is the Env's clock, or the real one.
func (env Env) now() time.Time {
	if env.Now != nil {
		return env.Now()
	}
	return time.Now()
}

func insightsCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("insights", env)
	group := fs.String("group", "", "the group to report on (see 'debrief groups'); default: the first group")
	all := fs.Bool("all", false, "report on every group's debriefs together")
	format := fs.String("format", "", "json, md (Markdown) or pdf (default: from the --out file's extension, else json)")
	out := fs.String("out", "", "the file to write; - for standard output (json and md only)")
	paper := fs.String("paper", "", "PDF paper size: a4 or letter (default: from your locale)")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] insights [--group NAME | --all] [--format json|md|pdf] --out PATH\n\n"+
			"Writes what a group's debriefs say together: setbacks and debriefs per month, time from setback\n"+
			"to reflection, what became of the changes, recurring themes, whether the changes held, warning\n"+
			"signs missed more than once, luck and the category mix. pdf and md are the group report (for\n"+
			"the monthly email); json is every figure with the debriefs behind it (docs/insights.md).\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	choice, err := groupArgs(fs.NArg(), fs.Arg(0), "insights", *group, *all, flagSet(fs, "group"))
	if err != nil {
		return nil, err
	}
	f, opt, err := output("insights", *format, *out, *paper, env, export.JSON, export.Markdown, export.PDF)
	if err != nil {
		return nil, err
	}
	return func(db *store.DB) error {
		name, ds, err := choice.dossiers(db)
		if err != nil {
			return err
		}
		r := insights.Compute(ds, env.now())
		return writeOut(*out, env, func(w io.Writer) error {
			switch f {
			case export.PDF:
				return export.WriteInsightsPDF(w, name, r, opt)
			case export.Markdown:
				return export.WriteInsightsMarkdown(w, name, r)
			}
			return writeJSON(w, r)
		})
	}, nil
}

func checklistCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("checklist", env)
	group := fs.String("group", "", "the group whose debriefs to learn from (see 'debrief groups'); default: the first group")
	template := fs.String("template", "", "the kind of the next debrief, whose past items come first: "+strings.Join(templateIDs(), ", "))
	format := fs.String("format", "", "md (Markdown) or pdf (default: from the --out file's extension, else md)")
	out := fs.String("out", "", "the file to write; - for standard output (md only)")
	paper := fs.String("paper", "", "PDF paper size: a4 or letter (default: from your locale)")
	fs.Usage = func() {
		fmt.Fprint(env.Stdout, "Usage: debrief [--db PATH] checklist [--group NAME] [--template ID] [--format md|pdf] --out PATH\n\n"+
			"Writes a pre-mortem checklist from a group's past debriefs, to go through before the next\n"+
			"project, trip or competition: the changes it kept, what keeps coming back, and what led to\n"+
			"past problems, each with the debriefs it comes from. Print the PDF and tick the boxes.\n\n")
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	choice, err := groupArgs(fs.NArg(), fs.Arg(0), "checklist", *group, false, flagSet(fs, "group"))
	if err != nil {
		return nil, err
	}
	if *template != "" && assets.TemplateName(*template) == "" {
		return nil, usagef("there is no template %q; the templates are %s", *template, strings.Join(templateIDs(), ", "))
	}
	f, opt, err := output("checklist", *format, *out, *paper, env, export.Markdown, export.PDF)
	if err != nil {
		return nil, err
	}
	return func(db *store.DB) error {
		name, ds, err := choice.dossiers(db)
		if err != nil {
			return err
		}
		c := insights.BeforeYouStart(ds, *template)
		return writeOut(*out, env, func(w io.Writer) error {
			if f == export.PDF {
				return export.WriteChecklistPDF(w, name, c, opt)
			}
			return export.WriteChecklistMarkdown(w, name, c)
		})
	}, nil
}

// groupArgs checks the arguments insights and checklist share: no
// positional ones, --group or --all but not both.
func groupArgs(nargs int, arg0, cmd, group string, all, groupGiven bool) (groupChoice, error) {
	switch {
	case nargs > 0:
		return groupChoice{}, usagef("%s takes flags only, got %q", cmd, arg0)
	case all && groupGiven:
		return groupChoice{}, usagef("%s takes --group or --all, not both", cmd)
	}
	if groupGiven {
		if err := groupFlag(group); err != nil {
			return groupChoice{}, err
		}
	}
	return groupChoice{name: group, all: all}, nil
}

// outArgs checks --out and --paper for format f.
func outArgs(cmd, out string, f export.Format, paper string) (export.Options, error) {
	var opt export.Options
	switch {
	case out == "":
		return opt, usagef("%s needs --out PATH (or --out - for standard output)", cmd)
	case out == "-" && f == export.PDF:
		return opt, usagef("a PDF is not written to standard output; give --out FILE.pdf")
	case paper != "" && f != export.PDF:
		return opt, usagef("--paper is for PDF only")
	}
	if paper != "" {
		p, err := export.ParsePaper(paper)
		if err != nil {
			return opt, usageError{err.Error()}
		}
		opt.Paper = p
	}
	return opt, nil
}

// writeOut writes to standard output for "-", else to the file out, whole
// or not at all.
func writeOut(out string, env Env, write func(io.Writer) error) error {
	if out == "-" {
		return write(env.Stdout)
	}
	return export.WriteFile(out, write)
}

// writeJSON writes v as indented JSON, ending in a newline.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// templateIDs are the IDs --template takes.
func templateIDs() []string {
	var ids []string
	for _, t := range assets.Templates() {
		ids = append(ids, t.ID)
	}
	return ids
}
