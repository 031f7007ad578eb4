package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
)

// trashDays is how long the Trash keeps a debrief, in days.
var trashDays = int(store.TrashKeep / (24 * time.Hour))

// idCmd parses the flags of a command that takes one debrief, --id ID,
// which the command see lists.
func idCmd(name, see, help string, args []string, env Env) (int64, error) {
	fs := newFlagSet(name, env)
	id := fs.Int64("id", 0, fmt.Sprintf("the debrief (see 'debrief %s')", see))
	fs.Usage = func() {
		fmt.Fprintf(env.Stdout, "Usage: debrief [--db PATH] %s --id ID\n\n%s\n\n", name, help)
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return 0, err
	}
	switch {
	case fs.NArg() > 0:
		return 0, usagef("%s takes flags only, got %q", name, fs.Arg(0))
	case *id <= 0:
		return 0, usagef("%s needs --id ID (see 'debrief %s')", name, see)
	}
	return *id, nil
}

func deleteCmd(args []string, env Env) (action, error) {
	id, err := idCmd("delete", "list", fmt.Sprintf(
		"Moves a debrief to the Trash: it leaves the library, and nothing of it is lost. The Trash keeps it\n"+
			"for %d days, then deletes it for good; until then 'debrief undelete --id ID' brings it back as it\n"+
			"was. 'debrief trash' lists the Trash.", trashDays), args, env)
	if err != nil {
		return nil, err
	}
	return func(db *store.DB) error {
		d, err := db.TrashDebrief(context.Background(), id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return fmt.Errorf("there is no debrief with id %d; 'debrief list' shows the ids", id)
		case errors.Is(err, store.ErrInTrash):
			return fmt.Errorf("debrief %d is in the Trash already; 'debrief undelete --id %d' brings it back", id, id)
		case err != nil:
			return err
		}
		fmt.Fprintf(env.Stdout, "Moved debrief %d “%s” to the Trash; it is kept %d days. 'debrief undelete --id %d' brings it back.\n",
			id, model.OneLine(d.Title), trashDays, id)
		return nil
	}, nil
}

func undeleteCmd(args []string, env Env) (action, error) {
	id, err := idCmd("undelete", "trash",
		"Brings a debrief back from the Trash into the library, exactly as it was when it was deleted.", args, env)
	if err != nil {
		return nil, err
	}
	return func(db *store.DB) error {
		d, err := db.UndeleteDebrief(context.Background(), id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return fmt.Errorf("there is no debrief with id %d in the Trash; 'debrief trash' lists it (after %d days a debrief is deleted for good)", id, trashDays)
		case errors.Is(err, store.ErrNotInTrash):
			return fmt.Errorf("debrief %d is not in the Trash: it is in the library ('debrief list')", id)
		case err != nil:
			return err
		}
		fmt.Fprintf(env.Stdout, "Brought debrief %d “%s” back from the Trash.\n", id, model.OneLine(d.Title))
		return nil
	}, nil
}

func trashCmd(args []string, env Env) (action, error) {
	fs := newFlagSet("trash", env)
	fs.Usage = func() {
		fmt.Fprintf(env.Stdout, "Usage: debrief [--db PATH] trash\n\n"+
			"Lists the debriefs in the Trash, the last deleted first, one a line: its id, the day it was\n"+
			"deleted, the days it is still kept and its title. After %d days a debrief is deleted for\n"+
			"good (this command, and the window's library, delete those first).\n"+
			"Bring one back with: debrief [--db PATH] undelete --id ID\n", trashDays)
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("trash takes no arguments, got %q", fs.Arg(0))
	}
	return func(db *store.DB) error {
		ctx := context.Background()
		if _, err := db.PurgeTrash(ctx); err != nil {
			return err
		}
		list, err := db.ListTrash(ctx)
		if err != nil {
			return err
		}
		now := time.Now()
		for _, d := range list {
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", d.ID, d.DeletedAt.Local().Format("2006-01-02"),
				plural(d.DaysLeft(now), "day left", "days left"), model.OneLine(d.Title))
		}
		return nil
	}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
