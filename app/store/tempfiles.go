package store

import (
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// staleTemp is how long a temporary file of Debrief's must have been left
// alone before it counts as left behind. A backup, a restore or an export
// in progress writes its temporary file as it goes, so its modification
// time stays fresh; a process killed with kill -9 leaves one that ages.
const staleTemp = 10 * time.Minute

// tempPattern matches the temporary files Debrief makes for the database
// whose backups are named after base: "."+base+"-*.tmp" with os.CreateTemp's
// digits (newTemp, copyToTemp), and the -journal, -wal or -shm SQLite may
// make beside one while VACUUM INTO fills it. Nothing else matches.
func tempPattern(base string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `-[0-9]+\.tmp(-journal|-wal|-shm)?$`)
}

// cleanStaleTemps removes what a killed backup or restore of the database
// at dbPath left behind: temporary files of Debrief's own naming, beside
// the database and in its backups folder, untouched for staleTemp. Only
// regular files are removed (never a link, a folder or what it points to).
// Failures are ignored: the files are only clutter.
func cleanStaleTemps(dbPath string) {
	pattern := tempPattern(backupBase(dbPath))
	now := time.Now()
	removeStaleTemps(filepath.Dir(dbPath), pattern, now)
	removeStaleTemps(BackupsDir(dbPath), pattern, now)
}

// removeStaleTemps removes the regular files in dir whose names match
// pattern and that were last modified staleTemp or more before now.
func removeStaleTemps(dir string, pattern *regexp.Regexp, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !pattern.MatchString(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleTemp {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
