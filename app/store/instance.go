package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrInUse means another Debrief holds the instance lock of the database.
var ErrInUse = errors.New("Debrief is already open on this database") //lint:ignore ST1005 Debrief is a name

// InUseError says which database another Debrief has open, and which
// process that is.
type InUseError struct {
	Path string // as asked for (absolute)
	PID  int    // 0 when the holder has not written it yet, or cannot be told
	// OtherName is set when the holder has the same file open under
	// another name (a hard link, or the file bind-mounted elsewhere):
	// AskToShow cannot reach it.
	OtherName bool
}

func (e *InUseError) Error() string {
	msg := "Debrief is already open on " + e.Path
	if e.OtherName {
		msg += " under another name"
	}
	if e.PID > 0 {
		msg += fmt.Sprintf(" (process %d)", e.PID)
	}
	return msg
}

func (e *InUseError) Unwrap() error { return ErrInUse }

// InstanceLock is the lock one Debrief window holds on its database, so
// that a second one hands over to it instead of opening beside it.
type InstanceLock struct {
	mu       sync.Mutex
	f        *os.File
	file     string // where the database is (see located)
	lockPath string
	showPath string
	// The identity lock (Linux): ids are the database files opened for
	// it, kept open until Release, since closing a descriptor of a file
	// drops every POSIX lock this process has on it, SQLite's included.
	// id is the one locked (nil for none), next the file at the path when
	// that is another, not locked yet.
	ids      []*os.File
	id, next *os.File
}

// LockInstance takes the instance lock of the database at dbPath: the file
// "<db>.lock" (mode 0600) beside the database, locked with flock (Unix) or
// LockFileEx (Windows) and holding this process's id. When another process
// holds it, the error is an *InUseError with that process's id. The
// system releases the lock when the process ends, however it ends.
//
// The database is the file dbPath leads to: through a symbolic link (to
// the file or to a folder on the way), the lock file is the one beside
// the file the link leads to, so two paths to one file are one lock. On
// Linux the database file itself is locked too (see lockIdentity), so the
// same file under another name (a hard link, a bind mount of the file) is
// refused, with OtherName set.
func LockInstance(dbPath string) (*InstanceLock, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	file := located(abs)
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return nil, err
	}
	l := &InstanceLock{file: file, lockPath: file + ".lock", showPath: file + ".show"}
	for attempt := 0; attempt < 100; attempt++ {
		f, err := os.OpenFile(l.lockPath, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		held, err := lockFile(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", l.lockPath, err)
		}
		if !held {
			f.Close()
			return nil, &InUseError{Path: abs, PID: readPID(l.lockPath)}
		}
		// A holder removes the file as it lets go: if this is a file it
		// removed, locking it says nothing. Try the new one.
		if !stillThere(f, l.lockPath) {
			unlockFile(f)
			f.Close()
			continue
		}
		pid := []byte(strconv.Itoa(os.Getpid()) + "\n")
		err = f.Truncate(0)
		if err == nil {
			_, err = f.WriteAt(pid, 0)
		}
		if err != nil {
			unlockFile(f)
			f.Close()
			return nil, fmt.Errorf("write %s: %w", l.lockPath, err)
		}
		l.f = f
		if holder, other := l.lockIdentity(); other {
			l.Release()
			return nil, &InUseError{Path: abs, PID: holder, OtherName: true}
		}
		os.Remove(l.showPath) // a request left for an earlier holder
		return l, nil
	}
	return nil, fmt.Errorf("lock %s: it keeps being replaced", l.lockPath)
}

// lockIdentity puts the identity lock on the database file now at the
// lock's path. There is no file when the database is yet to be made; a
// restore puts a new one in place: Watch calls it again, and the lock
// moves to the new file. other reports that another open file has the
// lock: the database is open under another name, by the process holder (0
// when it cannot be told). A file that cannot be opened for writing is
// left to Open, which says what is wrong; a file system without such locks
// has the lock file alone.
func (l *InstanceLock) lockIdentity() (holder int, other bool) {
	if !identityLocks {
		return 0, false
	}
	st, err := os.Stat(l.file)
	if err != nil || !st.Mode().IsRegular() || isFile(l.id, st) {
		return 0, false
	}
	if !isFile(l.next, st) {
		f, err := os.OpenFile(l.file, os.O_RDWR, 0)
		if err != nil {
			return 0, false
		}
		l.ids = append(l.ids, f)
		l.next = f
	}
	held, holder, err := lockIdentity(l.next)
	if !held {
		return holder, err == nil // tried again at Watch's next look
	}
	if l.id != nil {
		unlockIdentity(l.id) // the file a restore replaced
	}
	l.id, l.next = l.next, nil
	return 0, false
}

// isFile reports whether the open file f is the file st describes.
func isFile(f *os.File, st os.FileInfo) bool {
	if f == nil {
		return false
	}
	fst, err := f.Stat()
	return err == nil && os.SameFile(fst, st)
}

// stillThere reports whether the open file f is still the file at path.
func stillThere(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// readPID reads the holder's process id from the lock file, waiting a
// little for a holder that has the lock but has not written it yet.
func readPID(path string) int {
	for i := 0; i < 20; i++ {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0
		}
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
			return pid
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0
}

// Release lets go of the lock. Releasing twice does nothing.
func (l *InstanceLock) Release() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	if removeOnRelease {
		os.Remove(l.lockPath) // while still locked: see LockInstance
	} else {
		l.f.Truncate(0)
	}
	uerr := unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	if err == nil {
		err = uerr
	}
	// The database's own descriptors go last. Closed, they drop this
	// process's POSIX locks on the file: the database must be closed
	// first (as it is: the window closes it before it lets go).
	for _, f := range l.ids {
		f.Close()
	}
	l.ids, l.id, l.next = nil, nil, nil
	return err
}

// AskToShow asks the Debrief that holds the instance lock of dbPath to
// bring its window forward and, when openID is not 0, to open that
// debrief. It writes the request file "<db>.show" (mode 0600, holding
// openID) beside the database (the file a symbolic link leads to, as
// LockInstance) and waits up to wait for the holder to take it (see
// Watch). If nobody does, it removes the request and says the other
// Debrief does not answer.
func AskToShow(dbPath string, openID int64, wait time.Duration) error {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return err
	}
	file := located(abs)
	showPath := file + ".show"
	// Written aside and renamed, so the holder never reads half of it.
	f, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".show-*.tmp") // mode 0600
	if err != nil {
		return err
	}
	_, err = f.WriteString(strconv.FormatInt(openID, 10) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), showPath)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("ask the Debrief open on %s to come forward: %w", abs, err)
	}
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		time.Sleep(min(25*time.Millisecond, wait))
		if _, err := os.Lstat(showPath); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	if err := os.Remove(showPath); errors.Is(err, fs.ErrNotExist) {
		return nil // taken at the last moment
	}
	holder := &InUseError{Path: abs, PID: readPID(file + ".lock")}
	return fmt.Errorf("%v but does not answer: it did not come forward within %v", holder, wait)
}

// Watch looks for a request from AskToShow every interval; when there is
// one, it removes it and calls show with the debrief asked for (0 for
// none), on its own goroutine. stop ends the watching and waits for a
// call of show under way; show must not call it. At each look it also
// moves the identity lock to the database file when there is a new one (a
// database made after the lock was taken, or put in place by a restore).
func (l *InstanceLock) Watch(every time.Duration, show func(openID int64)) (stop func()) {
	if every <= 0 {
		every = 250 * time.Millisecond
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			l.mu.Lock()
			if l.f != nil {
				l.lockIdentity()
			}
			l.mu.Unlock()
			b, err := os.ReadFile(l.showPath)
			if err != nil {
				continue
			}
			if err := os.Remove(l.showPath); err != nil {
				continue // withdrawn meanwhile
			}
			id, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
			show(id)
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done) })
		<-finished
	}
}
