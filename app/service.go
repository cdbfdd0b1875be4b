package app

import (
	"os"
	"path/filepath"
	"sync"

	"nianbao/model"
	"nianbao/store"
)

// Service is the one way in: the command line and the TUI perform every
// operation through it, so both do exactly the same thing and neither
// touches the store directly. What it hands out carries no control
// characters; what it stores is validated and cleaned first.
type Service struct {
	st *store.Store

	mu    sync.Mutex
	notes map[int64][]string // problems found when a report was last read
	user  string             // the reviewer's name when not the OS user's
}

// Options for opening the database (mode, wait for the writer's lock).
type Options = store.Options

// Revision is one history version of a report.
type Revision = store.Revision

// Open modes.
const (
	Auto  = store.Auto
	Write = store.Write
	Read  = store.Read
)

// Open opens the database at path.
func Open(path string, o Options) (*Service, error) {
	st, err := store.Open(path, o)
	if err != nil {
		return nil, err
	}
	return NewService(st), nil
}

// NewService wraps an open store (tests).
func NewService(st *store.Store) *Service { return &Service{st: st, notes: map[int64][]string{}} }

// Close releases the database.
func (a *Service) Close() error { return a.st.Close() }

// Path is the database file.
func (a *Service) Path() string { return a.st.Path() }

// ReadOnly reports a view that cannot change the database.
func (a *Service) ReadOnly() bool { return a.st.ReadOnly() }

// ReadOnlyReason says why the view is read-only, for a banner ("" when
// it writes): another nianbao edits, or the place cannot be written.
func (a *Service) ReadOnlyReason() string { return a.st.ReadOnlyReason() }

// Setting reads a persisted preference ("" when unset).
func (a *Service) Setting(key string) string { return a.st.Setting(key) }

// SetSetting persists a preference.
func (a *Service) SetSetting(key, value string) error { return a.st.SetSetting(key, value) }

// Load reads a report.
func (a *Service) Load(id int64) (*model.Report, error) {
	r, err := a.load(id)
	return cleaned(r), err
}

// load reads a report as stored, keeping what could not be understood.
func (a *Service) load(id int64) (*model.Report, error) {
	r, problems, err := a.st.Load(id)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	a.notes[id] = problems
	a.mu.Unlock()
	return r, nil
}

// Notes are the problems found when report id was last read: entries this
// version cannot understand, kept in the database as they are.
func (a *Service) Notes(id int64) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.notes[id]
}

// LoadWithPrevious reads a report and the same agency's report of the
// year before (nil when the database has none), for the cross-year rules.
func (a *Service) LoadWithPrevious(id int64) (r, prev *model.Report, err error) {
	r, err = a.load(id) // the agency as stored finds last year's report
	if err != nil {
		return nil, nil, err
	}
	prev, err = a.st.Previous(id, r)
	return cleaned(r), cleaned(prev), err
}

// Save stores the difference between two states of a report, after
// checking the new state (agency, year, sizes) and removing control
// characters from its texts.
func (a *Service) Save(id int64, before, after *model.Report) error {
	after, err := prepare(before, after)
	if err != nil {
		return err
	}
	return a.st.Save(id, before, after)
}

// create validates, cleans and stores a new report.
func (a *Service) create(r *model.Report, origin string) (int64, error) {
	r, err := prepare(nil, r)
	if err != nil {
		return 0, err
	}
	return a.st.Create(r, origin)
}

// Delete moves a report to the trash.
func (a *Service) Delete(id int64) error { return a.st.Delete(id) }

// Undelete takes a report out of the trash.
func (a *Service) Undelete(id int64) error { return a.st.Undelete(id) }

// Revisions lists a report's history versions, newest first.
func (a *Service) Revisions(id int64) ([]Revision, error) { return a.st.Revisions(id) }

// RevisionReport reads one history version.
func (a *Service) RevisionReport(id, rev int64) (*model.Report, error) {
	r, _, err := a.st.RevisionReport(id, rev)
	return cleaned(r), err
}

// Restore brings a report back to a history version (keeping the current
// state as a version too).
func (a *Service) Restore(id, rev int64) error { return a.st.Restore(id, rev) }

// Backup copies the database into a new file: dst, or a folder (then a
// dated name in it), or "" for a dated file next to the database. It
// returns the file written.
func (a *Service) Backup(dst string) (string, error) {
	if dst == "" {
		return a.st.Backup(a.st.DefaultBackupPath())
	}
	if st, err := os.Stat(dst); err == nil && st.IsDir() {
		dst = filepath.Join(dst, filepath.Base(a.st.DefaultBackupPath()))
	}
	return a.st.Backup(dst)
}

// FirstRun creates the demo report when the database has never held a
// report (the welcome of the first start); it tells whether it did.
func (a *Service) FirstRun() (bool, error) {
	if a.st.ReadOnly() {
		return false, nil
	}
	live, err := a.st.List(false)
	if err != nil {
		return false, err
	}
	gone, err := a.st.List(true)
	if err != nil {
		return false, err
	}
	if len(live) > 0 || len(gone) > 0 || a.st.Setting("demo") != "" {
		return false, nil
	}
	if _, err := a.Demo(); err != nil {
		return false, err
	}
	return true, a.st.SetSetting("demo", "1")
}
