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
	Path string
	PID  int // 0 when the holder has not written it yet
}

func (e *InUseError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("Debrief is already open on %s (process %d)", e.Path, e.PID)
	}
	return fmt.Sprintf("Debrief is already open on %s", e.Path)
}

func (e *InUseError) Unwrap() error { return ErrInUse }

// InstanceLock is the lock one Debrief window holds on its database, so
// that a second one hands over to it instead of opening beside it.
type InstanceLock struct {
	mu       sync.Mutex
	f        *os.File
	db       string
	lockPath string
	showPath string
}

// LockInstance takes the instance lock of the database at dbPath: the file
// "<db>.lock" (mode 0600) beside it, locked with flock (Unix) or
// LockFileEx (Windows) and holding this process's id. When another process
// holds it, the error is an *InUseError with that process's id. The
// system releases the lock when the process ends, however it ends.
func LockInstance(dbPath string) (*InstanceLock, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, err
	}
	l := &InstanceLock{db: abs, lockPath: abs + ".lock", showPath: abs + ".show"}
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
		os.Remove(l.showPath) // a request left for an earlier holder
		return l, nil
	}
	return nil, fmt.Errorf("lock %s: it keeps being replaced", l.lockPath)
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
	return err
}

// AskToShow asks the Debrief that holds the instance lock of dbPath to
// bring its window forward and, when openID is not 0, to open that
// debrief. It writes the request file "<db>.show" (mode 0600, holding
// openID) and waits up to wait for the holder to take it (see Watch). If
// nobody does, it removes the request and says the other Debrief does not
// answer.
func AskToShow(dbPath string, openID int64, wait time.Duration) error {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return err
	}
	showPath := abs + ".show"
	// Written aside and renamed, so the holder never reads half of it.
	f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".show-*.tmp") // mode 0600
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
	holder := &InUseError{Path: abs, PID: readPID(abs + ".lock")}
	return fmt.Errorf("%v but does not answer: it did not come forward within %v", holder, wait)
}

// Watch looks for a request from AskToShow every interval; when there is
// one, it removes it and calls show with the debrief asked for (0 for
// none), on its own goroutine. stop ends the watching and waits for a
// call of show under way; show must not call it.
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
