package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"nianbao/internal/tempfile"
)

// lockState is the outcome of trying to become the one writer.
type lockState int

const (
	lockHeld lockState = iota // this process is the writer
	lockBusy                  // another nianbao is the writer
	lockNone                  // no lock file can be used here (read-only place, or another user's)
)

// lockPath is the lock file of a database: next to the resolved file, so
// every path to the same database (a symlink, "..", a relative path, other
// letter case on Windows, where the file system ignores case) meets the
// same lock.
func lockPath(db string) string { return db + ".lock" }

// acquire tries to become the writer, waiting up to wait for another
// writer to finish. Lock files are made readable by all (the lock needs
// only read access), so a lock file another user left behind does not
// block: the lock is taken on it read-only. A leftover that cannot even be
// read (an older version made them private) is replaced when the folder
// allows it.
func (s *Store) acquire(wait time.Duration) lockState {
	path := lockPath(s.path)
	deadline := time.Now().Add(wait)
	replaced := false
	for {
		l := flock.New(path, flock.SetPermissions(0o644))
		ok, err := l.TryLock()
		if err != nil {
			if !replaced && errors.Is(err, fs.ErrPermission) && replaceLock(path) {
				replaced = true
				continue
			}
			return lockNone
		}
		if ok {
			os.Chmod(path, 0o644) // whatever the umask: others must be able to open it
			s.lock = l
			return lockHeld
		}
		if time.Now().After(deadline) {
			return lockBusy
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// replaceLock removes a lock file this user cannot open and reports
// whether it did. Its owner, if still running, keeps its lock on the
// removed file; lock files are never removed otherwise.
func replaceLock(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	return os.Remove(path) == nil
}

func (s *Store) release() {
	if s.lock != nil {
		s.lock.Unlock()
		s.lock = nil
	}
}

// writablePlace reports whether the database can be written where it is:
// its folder takes new files (SQLite needs the -wal and -shm beside it)
// and the file, if there, opens for writing. Opening does not change it.
func writablePlace(path string) bool {
	probe, err := os.CreateTemp(filepath.Dir(path), tempfile.Prefix()+"probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil {
		return false
	}
	f.Close()
	return true
}
