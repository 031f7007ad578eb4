// Command debrief is Debrief, a desktop app for blameless post-mortems.
// Run it without a command for the window; see 'debrief help' for the rest.
package main

import (
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	debriefapp "github.com/debrief-app/debrief/app"
	"github.com/debrief-app/debrief/app/cli"
	"github.com/debrief-app/debrief/app/store"
)

func main() {
	debriefapp.ProcessStart = time.Now() // the frame benchmark measures start-up from here
	// The Fyne app is made only when needed: for the window, or to find the
	// data folder when --db is not given.
	fyneApp := sync.OnceValue(func() fyne.App { return debriefapp.NewFyneApp() })
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Version:   debriefapp.Version,
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		DefaultDB: func() (string, error) { return debriefapp.DefaultDatabasePath(fyneApp()), nil },
		RunGUI: func(db *store.DB, openID int64, lock *store.InstanceLock) error {
			return debriefapp.Run(fyneApp(), db, openID, lock)
		},
		OpenFailed: func(path string, openErr error, openID int64, lock *store.InstanceLock) error {
			return debriefapp.RunOpenProblem(fyneApp(), path, openErr, openID, lock)
		},
	}))
}
