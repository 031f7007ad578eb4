package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/debrief-app/debrief/app/model"
	"github.com/debrief-app/debrief/app/store"
	"github.com/debrief-app/debrief/app/store/storetest"
)

func mustGroup(t *testing.T, db *store.DB, name string, members ...string) int64 {
	t.Helper()
	g := model.NewGroup(name)
	g.Members = members
	id, err := db.CreateGroup(ctx, &g)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// inGroup stores a debrief titled title in group, started start after
// the test clock, with a chosen change what (none if "").
func inGroup(t *testing.T, db *store.DB, group int64, title string, start time.Duration, what string) int64 {
	t.Helper()
	at(db, start)
	d := &model.Dossier{Debrief: model.NewDebrief(title)}
	d.Debrief.GroupID = group
	if what != "" {
		d.Changes = []model.ProcessChange{{What: what, Chosen: true, CheckBack: date("2026-12-01")}}
	}
	id, err := db.ImportDossier(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func groupTitles(list []store.DebriefSummary) []string {
	var out []string
	for _, d := range list {
		out = append(out, d.Title)
	}
	slices.Sort(out)
	return out
}

func TestLastTimeAndCheckInsStayInTheirGroup(t *testing.T) {
	db := storetest.New(t)
	family := mustGroup(t, db, "Family")
	robots := mustGroup(t, db, "Robotics club")
	inGroup(t, db, family, "Camping trip", 1*time.Hour, "pack the tent the night before")
	inGroup(t, db, robots, "Regional", 2*time.Hour, "second sign-off on wiring")
	nextFamily := inGroup(t, db, family, "Ski trip", 3*time.Hour, "")
	nextRobots := inGroup(t, db, robots, "State finals", 4*time.Hour, "")

	for _, tc := range []struct {
		id   int64
		want string
	}{{nextFamily, "pack the tent the night before"}, {nextRobots, "second sign-off on wiring"}} {
		in, ok, err := db.LastCheckIn(ctx, tc.id)
		if err != nil || !ok {
			t.Fatalf("LastCheckIn(%d) = %v, %v", tc.id, ok, err)
		}
		if in.Change.What != tc.want {
			t.Errorf("LastCheckIn(%d) = %q, want %q (the newest change of another group is %q)", tc.id, in.Change.What, tc.want, "second sign-off on wiring")
		}
	}
	// The default group has no change at all: nothing from the others.
	alone := inGroup(t, db, 0, "Someone else's", 5*time.Hour, "")
	if in, ok, _ := db.LastCheckIn(ctx, alone); ok {
		t.Errorf("a debrief of the default group recalls %q from another group", in.Change.What)
	}

	today := time.Date(2026, 12, 10, 12, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		group int64
		want  []string
	}{{family, []string{"pack the tent the night before"}}, {robots, []string{"second sign-off on wiring"}},
		{store.AllGroups, []string{"pack the tent the night before", "second sign-off on wiring"}}} {
		due, err := db.CheckInsDue(ctx, today, tc.group)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range due {
			got = append(got, c.Change.What)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("check-ins due of group %d = %q, want %q", tc.group, got, tc.want)
		}
	}
}

func TestLibraryByGroup(t *testing.T) {
	db := storetest.New(t)
	family := mustGroup(t, db, "Family")
	robots := mustGroup(t, db, "Robotics club")
	inGroup(t, db, family, "Tent left at home", 0, "")
	inGroup(t, db, robots, "Tent-shaped robot tipped over", time.Hour, "")
	inGroup(t, db, robots, "Battery flat", 2*time.Hour, "")

	search := func(query string, group int64) []string {
		t.Helper()
		list, err := db.SearchDebriefs(ctx, query, store.NewestFirst, group)
		if err != nil {
			t.Fatal(err)
		}
		return groupTitles(list)
	}
	if got, want := search("", robots), []string{"Battery flat", "Tent-shaped robot tipped over"}; !slices.Equal(got, want) {
		t.Errorf("robotics club lists %q, want %q", got, want)
	}
	if got, want := search("tent", family), []string{"Tent left at home"}; !slices.Equal(got, want) {
		t.Errorf("search in Family = %q, want %q", got, want)
	}
	if got, want := search("tent", store.AllGroups), []string{"Tent left at home", "Tent-shaped robot tipped over"}; !slices.Equal(got, want) {
		t.Errorf("search in all groups = %q, want %q", got, want)
	}
	for group, want := range map[int64]int{family: 1, robots: 2, store.AllGroups: 3} {
		if n, err := db.CountDebriefs(ctx, group); err != nil || n != want {
			t.Errorf("CountDebriefs(%d) = %d, %v; want %d", group, n, err, want)
		}
	}
	groups, err := db.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, g.Name+":"+string(rune('0'+g.Debriefs)))
	}
	if want := []string{"Family:1", model.DefaultGroupName + ":0", "Robotics club:2"}; !slices.Equal(got, want) {
		t.Errorf("groups = %q, want %q (by name, with counts)", got, want)
	}
}

func TestGroupNamesAreUniqueAndChecked(t *testing.T) {
	db := storetest.New(t)
	mustGroup(t, db, "Robotics club")
	for _, name := range []string{"robotics  CLUB", " Robotics club "} {
		g := model.NewGroup(name)
		if _, err := db.CreateGroup(ctx, &g); !errors.Is(err, store.ErrGroupExists) {
			t.Errorf("CreateGroup(%q) = %v, want ErrGroupExists", name, err)
		}
	}
	for _, name := range []string{"", "   ", "a\nb", string(make([]rune, model.MaxGroupName+1))} {
		g := model.NewGroup(name)
		if _, err := db.CreateGroup(ctx, &g); err == nil {
			t.Errorf("CreateGroup(%q) made a group", name)
		}
	}
	if _, err := db.GroupNamed(ctx, "Chess club"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GroupNamed(unknown) = %v, want ErrNotFound", err)
	}
	g, err := db.GroupNamed(ctx, "ROBOTICS CLUB")
	if err != nil || g.Name != "Robotics club" {
		t.Errorf("GroupNamed ignoring case = %+v, %v", g, err)
	}
	g.Members = []string{"Ana", "Bo"}
	g.Dots, g.TimeboxMinutes, g.Template = 5, 15, "robotics"
	if err := db.UpdateGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	back, _ := db.Group(ctx, g.ID)
	if !slices.Equal(back.Members, []string{"Ana", "Bo"}) || back.Dots != 5 || back.TimeboxMinutes != 15 || back.Template != "robotics" {
		t.Errorf("group read back as %+v", back)
	}
}

func TestMoveDebriefToAnotherGroup(t *testing.T) {
	db := storetest.New(t)
	family := mustGroup(t, db, "Family")
	robots := mustGroup(t, db, "Robotics club")
	id := inGroup(t, db, family, "Filed in the wrong group", 0, "a change")
	if err := db.MoveDebrief(ctx, id, robots); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountDebriefs(ctx, family); n != 0 {
		t.Errorf("family still has %d debriefs", n)
	}
	d, err := db.LoadDossier(ctx, id)
	if err != nil || d.Debrief.GroupID != robots || d.Debrief.Group != "Robotics club" || len(d.Changes) != 1 {
		t.Errorf("moved debrief = %+v, %v", d, err)
	}
	if err := db.MoveDebrief(ctx, id, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("move to a missing group = %v, want ErrNotFound", err)
	}
	// A duplicate keeps its group.
	cp, err := db.DuplicateDebrief(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := db.LoadDossier(ctx, cp); d.Debrief.GroupID != robots {
		t.Errorf("the copy is in group %d, want %d", d.Debrief.GroupID, robots)
	}
}

func TestDeleteGroupToTheTrashAndRestore(t *testing.T) {
	db := storetest.New(t)
	robots := mustGroup(t, db, "Robotics club", "Ana")
	gone := inGroup(t, db, robots, "Deleted on its own first", 0, "")
	a := inGroup(t, db, robots, "Regional", time.Hour, "sign-off")
	b := inGroup(t, db, robots, "State finals", 2*time.Hour, "")
	at(db, 3*time.Hour)
	if _, err := db.TrashDebrief(ctx, gone); err != nil {
		t.Fatal(err)
	}
	before := dumpTables(t, db.Path())

	at(db, 4*time.Hour)
	tg, err := db.TrashGroup(ctx, robots)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Debriefs != 2 {
		t.Errorf("TrashGroup took %d debriefs, want 2", tg.Debriefs)
	}
	for _, id := range []int64{a, b} {
		if _, err := db.LoadDossier(ctx, id); !errors.Is(err, store.ErrInTrash) {
			t.Errorf("debrief %d of the deleted group: %v, want ErrInTrash", id, err)
		}
	}
	groups, _ := db.Groups(ctx)
	if len(groups) != 1 || groups[0].Name != model.DefaultGroupName {
		t.Errorf("groups after the delete = %+v", groups)
	}
	trashed, err := db.ListTrashedGroups(ctx)
	if err != nil || len(trashed) != 1 || trashed[0].Name != "Robotics club" || trashed[0].Debriefs != 2 {
		t.Errorf("groups in the Trash = %+v, %v", trashed, err)
	}
	// Its name is free again while it is in the Trash.
	again := mustGroup(t, db, "Robotics club")

	restored, err := db.RestoreGroup(ctx, robots)
	if err != nil {
		t.Fatal(err)
	}
	if restored.Name != "Robotics club (restored)" || restored.Debriefs != 2 {
		t.Errorf("restored %+v, want the two debriefs under a free name", restored)
	}
	// Exactly as before but for the name it had to change: the debrief
	// deleted on its own stays in the Trash.
	if _, err := db.TrashGroup(ctx, again); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteGroupForever(ctx, again); err != nil {
		t.Fatal(err)
	}
	raw := rawOpen(t, db.Path())
	raw.Exec(`UPDATE debrief_group SET name = 'Robotics club' WHERE id = ?`, robots)
	raw.Close()
	after := dumpTables(t, db.Path())
	for table, rows := range before {
		if !slices.Equal(rows, after[table]) {
			t.Errorf("table %s after delete and restore:\n%q\nwant\n%q", table, after[table], rows)
		}
	}

	// The last group in the library stays.
	only, _ := db.Groups(ctx)
	for i, g := range only {
		_, err := db.TrashGroup(ctx, g.ID)
		if i < len(only)-1 && err != nil {
			t.Fatal(err)
		}
		if i == len(only)-1 && !errors.Is(err, store.ErrLastGroup) {
			t.Errorf("deleting the last group: %v, want ErrLastGroup", err)
		}
	}
}

func TestRestoringADebriefBringsBackItsGroup(t *testing.T) {
	db := storetest.New(t)
	robots := mustGroup(t, db, "Robotics club")
	a := inGroup(t, db, robots, "Regional", 0, "")
	inGroup(t, db, robots, "State finals", time.Hour, "")
	if _, err := db.TrashGroup(ctx, robots); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UndeleteDebrief(ctx, a); err != nil {
		t.Fatal(err)
	}
	g, err := db.Group(ctx, robots)
	if err != nil || !g.DeletedAt.IsZero() {
		t.Errorf("the group of a restored debrief: %+v, %v; want it back in the library", g, err)
	}
	if n, _ := db.CountDebriefs(ctx, robots); n != 1 {
		t.Errorf("the group has %d debriefs, want only the restored one", n)
	}
	// After 30 days the rest goes; the group, which has a debrief, stays.
	at(db, store.TrashKeep+time.Hour)
	if _, err := db.PurgeTrash(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Group(ctx, robots); err != nil {
		t.Errorf("purge deleted a group with a debrief: %v", err)
	}
}

func TestPurgeDeletesAnEmptyGroupAfter30Days(t *testing.T) {
	db := storetest.New(t)
	robots := mustGroup(t, db, "Robotics club")
	inGroup(t, db, robots, "Regional", 0, "")
	if _, err := db.TrashGroup(ctx, robots); err != nil {
		t.Fatal(err)
	}
	at(db, store.TrashKeep-time.Hour)
	db.PurgeTrash(ctx)
	if _, err := db.Group(ctx, robots); err != nil {
		t.Fatalf("purged before its time: %v", err)
	}
	at(db, store.TrashKeep+time.Hour)
	if _, err := db.PurgeTrash(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Group(ctx, robots); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the group after 30 days in the Trash: %v, want gone", err)
	}
}

func TestImportPutsADebriefInTheGroupItNames(t *testing.T) {
	db := storetest.New(t)
	robots := mustGroup(t, db, "Robotics club")
	d := &model.Dossier{Debrief: model.NewDebrief("From a club member")}
	d.Debrief.Group = "robotics CLUB"
	id, err := db.ImportDossier(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	back, _ := db.LoadDossier(ctx, id)
	if back.Debrief.GroupID != robots {
		t.Errorf("imported into group %d, want the existing %d", back.Debrief.GroupID, robots)
	}
	d.Debrief.Group = "Chess club"
	id, err = db.ImportDossier(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	back, _ = db.LoadDossier(ctx, id)
	if back.Debrief.Group != "Chess club" || back.Debrief.GroupID == robots {
		t.Errorf("a file naming a new group went into %q (%d)", back.Debrief.Group, back.Debrief.GroupID)
	}
	// Several at once are all or nothing.
	bad := &model.Dossier{Debrief: model.NewDebrief("bad")}
	bad.Debrief.GroupID = 999
	n, _ := db.CountDebriefs(ctx, store.AllGroups)
	if _, err := db.ImportDossiers(ctx, []*model.Dossier{d, bad}); err == nil {
		t.Error("ImportDossiers with a missing group succeeded")
	}
	if m, _ := db.CountDebriefs(ctx, store.AllGroups); m != n {
		t.Errorf("a refused import stored %d debriefs", m-n)
	}
}

// TestMigrationFromRelease4 opens a copy of a database made by the release
// before groups (schema 4: three debriefs, one in the Trash, a face-down
// card): everything lands in "My debriefs", the Trash is kept, a backup
// is taken first, and "Last time" works as before.
func TestMigrationFromRelease4(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "v4-release.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "debrief.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != store.LatestVersion() {
		t.Errorf("schema %d after opening, want %d", v, store.LatestVersion())
	}
	groups, err := db.Groups(ctx)
	if err != nil || len(groups) != 1 || groups[0].Name != model.DefaultGroupName || groups[0].Debriefs != 2 {
		t.Fatalf("groups after the upgrade = %+v, %v; want %q with the 2 debriefs in the library", groups, err, model.DefaultGroupName)
	}
	trash, _ := db.ListTrash(ctx)
	if len(trash) != 1 || trash[0].Title != "Deploy broke checkout" || trash[0].GroupID != groups[0].ID {
		t.Errorf("Trash after the upgrade = %+v", trash)
	}
	list, _ := db.ListDebriefs(ctx, groups[0].ID)
	if got := groupTitles(list); !slices.Equal(got, []string{"Camping trip: the tent stayed home", "Robot browned out at the regional"}) {
		t.Errorf("the default group lists %q", got)
	}
	if in, ok, err := db.LastCheckIn(ctx, list[0].ID); err != nil || !ok || in.DebriefID != list[1].ID {
		t.Errorf("LastCheckIn after the upgrade = %+v, %v, %v", in, ok, err)
	}
	backups, err := store.ListBackups(path)
	if err != nil || len(backups) != 1 || backups[0].Kind != store.BackupBeforeMigration {
		t.Errorf("backups = %+v, %v; want one taken before the upgrade", backups, err)
	}
	// The backup is the release's file, at its schema.
	var v int
	if err := rawReadOnly(t, backups[0].Path).QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != 4 {
		t.Errorf("the backup's schema = %d, %v; want 4", v, err)
	}
}

func TestGroupDossiersReadsOneGroupOldestFirst(t *testing.T) {
	db := storetest.New(t)
	robots := mustGroup(t, db, "Robotics club")
	inGroup(t, db, robots, "Regional", 0, "sign-off")
	inGroup(t, db, 0, "Elsewhere", time.Hour, "")
	inGroup(t, db, robots, "State finals", 2*time.Hour, "")
	ds, err := db.GroupDossiers(ctx, robots)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Debrief.Title)
	}
	if !slices.Equal(got, []string{"Regional", "State finals"}) || len(ds[0].Changes) != 1 {
		t.Errorf("GroupDossiers = %q, want the club's two, oldest first, whole", got)
	}
	all, _ := db.GroupDossiers(ctx, store.AllGroups)
	if len(all) != 3 {
		t.Errorf("all groups: %d dossiers, want 3", len(all))
	}
}
