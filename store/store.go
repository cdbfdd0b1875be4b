// Package store keeps reports in a local SQLite file (modernc.org/sqlite, no
// cgo): WAL, synchronous=FULL so that an acknowledged edit survives a killed
// process and a power cut, foreign keys, embedded forward-only migrations,
// and one writer per database guarded by a lock file next to it.
package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"nianbao/model"
)

// appID marks a nianbao database in the SQLite header ("NBAO").
const appID = 0x4E42414F

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations in order; schema version N is the first N applied.
var migrations = func() []string {
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, _ := migrationFS.ReadFile(n)
		out[i] = string(b)
	}
	return out
}()

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int { return len(migrations) }

// Mode says how a database is opened.
type Mode int

const (
	// Auto writes if no other process is writing, else opens read-only.
	Auto Mode = iota
	// Write must be the writer; fails with ErrLocked otherwise.
	Write
	// Read never writes.
	Read
)

// Options for Open.
type Options struct {
	Mode Mode
	// Wait is how long to wait for another writer to finish.
	Wait time.Duration
	// Synchronous is the SQLite synchronous setting; "" means FULL.
	Synchronous string
}

// Error is a store failure with a message for the clerk.
type Error struct {
	Kind string // "locked", "foreign", "newer", "notfound", "io"
	Msg  string
	Err  error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is match by kind against the sentinel errors.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Msg == "" && t.Kind == e.Kind
}

// Sentinels for errors.Is.
var (
	ErrLocked   = &Error{Kind: "locked"}
	ErrForeign  = &Error{Kind: "foreign"}
	ErrNewer    = &Error{Kind: "newer"}
	ErrNotFound = &Error{Kind: "notfound"}
)

// Store is an open database.
type Store struct {
	db       *sql.DB
	path     string
	lock     *flock.Flock
	readOnly bool

	mu      sync.Mutex
	session map[int64]bool // reports whose pre-edit state is in the history
	now     func() time.Time
}

// DefaultPath is where the database lives when neither --db nor NIANBAO_DB
// says otherwise: the user's config folder (on Windows %AppData%).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", &Error{Kind: "io", Msg: "找不到用户配置文件夹，请用 --db 指定数据库文件", Err: err}
	}
	return filepath.Join(dir, "nianbao", "nianbao.db"), nil
}

// Open opens (and if needed creates and upgrades) the database at path. A
// file that is not a nianbao database, or one of a newer schema, is refused
// and left untouched.
func Open(path string, o Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Kind: "io", Msg: "数据库路径无效：" + path, Err: err}
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	s := &Store{path: abs, session: map[int64]bool{}, now: time.Now}
	if o.Mode != Read {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, &Error{Kind: "io", Msg: "无法创建数据库所在的文件夹：" + filepath.Dir(abs), Err: err}
		}
		locked, err := s.acquire(o.Wait)
		if err != nil {
			return nil, err
		}
		if !locked {
			if o.Mode == Write {
				return nil, &Error{Kind: "locked", Msg: "数据库正被另一个 nianbao 程序使用（可能是另一个窗口中打开的编辑界面），请先关闭它再试。数据库：" + abs}
			}
			s.readOnly = true
		}
	} else {
		s.readOnly = true
	}
	if s.readOnly {
		if _, err := os.Stat(abs); err != nil {
			return nil, &Error{Kind: "notfound", Msg: "数据库文件不存在：" + abs, Err: err}
		}
	}
	if err := s.open(o); err != nil {
		s.release()
		return nil, err
	}
	return s, nil
}

// checkFile refuses anything that is not empty and not SQLite, before
// SQLite touches it.
func checkFile(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{Kind: "io", Msg: "无法读取数据库文件：" + path, Err: err}
	}
	if st.IsDir() {
		return &Error{Kind: "foreign", Msg: "这是一个文件夹，不是 nianbao 数据库：" + path}
	}
	if st.Size() == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{Kind: "io", Msg: "无法读取数据库文件：" + path, Err: err}
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return &Error{Kind: "foreign", Msg: "这个文件不是 nianbao 数据库，未做任何改动：" + path}
	}
	return nil
}

func (s *Store) acquire(wait time.Duration) (bool, error) {
	s.lock = flock.New(s.path + ".lock")
	deadline := time.Now().Add(wait)
	for {
		ok, err := s.lock.TryLock()
		if err != nil {
			return false, &Error{Kind: "io", Msg: "无法创建锁文件：" + s.path + ".lock", Err: err}
		}
		if ok || time.Now().After(deadline) {
			return ok, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Store) release() {
	if s.lock != nil {
		s.lock.Unlock()
	}
}

func dsn(path string, pragmas ...string) string {
	u := "file:" + filepath.ToSlash(path)
	if !strings.HasPrefix(u, "file:/") {
		u = "file:/" + strings.TrimPrefix(u, "file:") // Windows drive letters
	}
	q := []string{"_pragma=busy_timeout(10000)"}
	q = append(q, pragmas...)
	return u + "?" + strings.Join(q, "&")
}

func (s *Store) open(o Options) error {
	// Look before writing anything: application id, schema version, tables.
	probe, err := sql.Open("sqlite", dsn(s.path, readOnlyParam(s.readOnly)...))
	if err != nil {
		return &Error{Kind: "io", Msg: "无法打开数据库：" + s.path, Err: err}
	}
	var app, version, tables int
	err = probe.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)`).Scan(&app, &version, &tables)
	probe.Close()
	if err != nil {
		if isNotADB(err) {
			return &Error{Kind: "foreign", Msg: "这个文件不是 nianbao 数据库（或已损坏），未做任何改动：" + s.path, Err: err}
		}
		return &Error{Kind: "io", Msg: "无法读取数据库：" + s.path, Err: err}
	}
	if app != appID && !(app == 0 && tables == 0) {
		return &Error{Kind: "foreign", Msg: "这个文件是别的程序的数据库，不是 nianbao 数据库，未做任何改动：" + s.path}
	}
	if version > SchemaVersion() {
		return &Error{Kind: "newer", Msg: fmt.Sprintf("这个数据库由更新版本的 nianbao 创建（结构版本 %d，本程序支持到 %d），请升级程序；数据库未做任何改动：%s", version, SchemaVersion(), s.path)}
	}
	if s.readOnly && version < SchemaVersion() {
		return &Error{Kind: "locked", Msg: "数据库需要升级，但另一个 nianbao 程序正在使用它；请先关闭那个程序"}
	}
	syncMode := o.Synchronous
	if syncMode == "" {
		syncMode = "FULL"
	}
	pragmas := []string{"_pragma=foreign_keys(1)"}
	if s.readOnly {
		pragmas = append(pragmas, readOnlyParam(true)...)
	} else {
		pragmas = append(pragmas, "_pragma=journal_mode(WAL)", "_pragma=synchronous("+syncMode+")", "_txlock=immediate")
	}
	db, err := sql.Open("sqlite", dsn(s.path, pragmas...))
	if err != nil {
		return &Error{Kind: "io", Msg: "无法打开数据库：" + s.path, Err: err}
	}
	// One connection: one writer, and edits are applied in the order made.
	db.SetMaxOpenConns(1)
	s.db = db
	if err := db.Ping(); err != nil {
		db.Close()
		return &Error{Kind: "io", Msg: "无法打开数据库：" + s.path, Err: err}
	}
	if !s.readOnly {
		if err := s.migrate(version); err != nil {
			db.Close()
			return err
		}
	}
	return nil
}

func readOnlyParam(ro bool) []string {
	if ro {
		return []string{"mode=ro"}
	}
	return nil
}

func isNotADB(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqlite3.SQLITE_NOTADB || se.Code()&0xff == sqlite3.SQLITE_CORRUPT
	}
	return false
}

func (s *Store) migrate(from int) error {
	for v := from; v < len(migrations); v++ {
		tx, err := s.db.Begin()
		if err != nil {
			return s.ioErr("升级数据库", err)
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return s.ioErr(fmt.Sprintf("升级数据库到结构版本 %d", v+1), err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return s.ioErr("升级数据库", err)
		}
		if err := tx.Commit(); err != nil {
			return s.ioErr("升级数据库", err)
		}
	}
	return nil
}

func (s *Store) ioErr(what string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &Error{Kind: "locked", Msg: what + "失败：数据库正忙（另一个程序正在写入），请稍后再试", Err: err}
		case sqlite3.SQLITE_FULL:
			return &Error{Kind: "io", Msg: what + "失败：磁盘已满，请腾出空间后再试；已保存的内容不会丢失", Err: err}
		case sqlite3.SQLITE_READONLY:
			return &Error{Kind: "io", Msg: what + "失败：数据库是只读的（另一个 nianbao 程序正在编辑，或文件没有写权限）", Err: err}
		}
	}
	return &Error{Kind: "io", Msg: what + "失败：" + err.Error(), Err: err}
}

// Path of the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether another process is the writer.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close ends the session: reports edited in it get a revision of their
// final state, then the database and its lock are released.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	if !s.readOnly {
		s.mu.Lock()
		ids := make([]int64, 0, len(s.session))
		for id := range s.session {
			ids = append(ids, id)
		}
		s.mu.Unlock()
		for _, id := range ids {
			s.Snapshot(id, "编辑")
		}
	}
	err := s.db.Close()
	s.db = nil
	s.release()
	return err
}

func (s *Store) writable(what string) error {
	if s.readOnly {
		return &Error{Kind: "locked", Msg: what + "失败：另一个 nianbao 程序正在编辑这个数据库，这里只能查看"}
	}
	return nil
}

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339) }

// Summary is one line of the report list.
type Summary struct {
	ID      int64
	Agency  string
	Year    int
	Format  string
	Origin  string
	Created time.Time
	Updated time.Time
	Deleted time.Time // zero unless in the trash
}

// List returns the reports, newest year first; deleted ones only if asked.
func (s *Store) List(deleted bool) ([]Summary, error) {
	q := `SELECT id, agency, year, format, origin, created, updated, coalesce(deleted, '') FROM report WHERE (deleted IS NOT NULL) = ? ORDER BY year DESC, updated DESC, id DESC`
	rows, err := s.db.Query(q, deleted)
	if err != nil {
		return nil, s.ioErr("读取报告列表", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var x Summary
		var c, u, d string
		if err := rows.Scan(&x.ID, &x.Agency, &x.Year, &x.Format, &x.Origin, &c, &u, &d); err != nil {
			return nil, s.ioErr("读取报告列表", err)
		}
		x.Created, x.Updated, x.Deleted = parseTime(c), parseTime(u), parseTime(d)
		out = append(out, x)
	}
	return out, s.wrap("读取报告列表", rows.Err())
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return s.ioErr(what, err)
}

// Create stores a new report and returns its id. origin says how it was
// made ("new", "from:7", "demo", "import:文件名").
func (s *Store) Create(r *model.Report, origin string) (int64, error) {
	if err := s.writable("新建报告"); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.Begin()
	if err != nil {
		return 0, s.ioErr("新建报告", err)
	}
	defer tx.Rollback()
	now := s.stamp()
	res, err := tx.Exec(`INSERT INTO report(format, year, agency, created, updated, origin) VALUES (?, ?, ?, ?, ?, ?)`,
		r.Format.ID, r.Year, r.Meta.Agency, now, now, origin)
	if err != nil {
		return 0, s.ioErr("新建报告", err)
	}
	id, _ := res.LastInsertId()
	entries := r.Entries()
	if err := writeChanges(tx, id, model.Diff(nil, entries)); err != nil {
		return 0, s.ioErr("新建报告", err)
	}
	if err := s.snapshotTx(tx, id, r.Format.ID, r.Year, entries, "新建"); err != nil {
		return 0, s.ioErr("新建报告", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, s.ioErr("新建报告", err)
	}
	return id, nil
}

func writeChanges(tx *sql.Tx, id int64, changes []model.Change) error {
	for _, c := range changes {
		var err error
		if c.Delete {
			_, err = tx.Exec(`DELETE FROM entry WHERE report_id = ? AND key = ?`, id, c.Key)
		} else {
			_, err = tx.Exec(`INSERT INTO entry(report_id, key, value) VALUES (?, ?, ?) ON CONFLICT(report_id, key) DO UPDATE SET value = excluded.value`, id, c.Key, c.Value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Load reads a report. Entries that no longer parse are reported in the
// error-free problems list rather than failing the whole report.
func (s *Store) Load(id int64) (*model.Report, error) {
	r, _, err := s.load(s.db, id, false)
	return r, err
}

type querier interface {
	QueryRow(string, ...any) *sql.Row
	Query(string, ...any) (*sql.Rows, error)
}

func (s *Store) load(q querier, id int64, withDeleted bool) (*model.Report, map[string]string, error) {
	var fid string
	var year int
	var deleted sql.NullString
	err := q.QueryRow(`SELECT format, year, deleted FROM report WHERE id = ?`, id).Scan(&fid, &year, &deleted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && deleted.Valid && !withDeleted) {
		return nil, nil, &Error{Kind: "notfound", Msg: fmt.Sprintf("没有编号为 %d 的报告（可用 nianbao list 查看）", id)}
	}
	if err != nil {
		return nil, nil, s.ioErr("读取报告", err)
	}
	f, ok := model.FormatByID(fid)
	if !ok {
		return nil, nil, &Error{Kind: "newer", Msg: fmt.Sprintf("报告 %d 使用本程序不认识的格式“%s”，请升级程序", id, fid)}
	}
	rows, err := q.Query(`SELECT key, value FROM entry WHERE report_id = ?`, id)
	if err != nil {
		return nil, nil, s.ioErr("读取报告", err)
	}
	defer rows.Close()
	entries := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, nil, s.ioErr("读取报告", err)
		}
		entries[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, nil, s.ioErr("读取报告", err)
	}
	r, _ := model.FromEntries(f, year, entries)
	return r, entries, nil
}

// Save stores what changed between before and after (the report as last
// saved and as it is now). It returns once the change is durable. The first
// save of a report in a session first records the state before editing in
// the history.
func (s *Store) Save(id int64, before, after *model.Report) error {
	if err := s.writable("保存"); err != nil {
		return err
	}
	changes := model.Diff(before.Entries(), after.Entries())
	if len(changes) == 0 && before.Year == after.Year {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.Begin()
	if err != nil {
		return s.ioErr("保存", err)
	}
	defer tx.Rollback()
	if !s.session[id] {
		cur, entries, err := s.load(tx, id, false)
		if err != nil {
			return err
		}
		if err := s.snapshotTx(tx, id, cur.Format.ID, cur.Year, entries, "编辑前"); err != nil {
			return s.ioErr("保存", err)
		}
	}
	if err := writeChanges(tx, id, changes); err != nil {
		return s.ioErr("保存", err)
	}
	res, err := tx.Exec(`UPDATE report SET agency = ?, year = ?, updated = ? WHERE id = ? AND deleted IS NULL`, after.Meta.Agency, after.Year, s.stamp(), id)
	if err != nil {
		return s.ioErr("保存", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &Error{Kind: "notfound", Msg: fmt.Sprintf("没有编号为 %d 的报告（可能已被删除）", id)}
	}
	if err := tx.Commit(); err != nil {
		return s.ioErr("保存", err)
	}
	s.session[id] = true
	return nil
}

// Previous finds the report of the same agency for the year before (the
// most recently changed one if there are several), or nil.
func (s *Store) Previous(id int64, r *model.Report) (*model.Report, error) {
	var pid int64
	err := s.db.QueryRow(`SELECT id FROM report WHERE agency = ? AND year = ? AND id <> ? AND deleted IS NULL ORDER BY updated DESC, id DESC LIMIT 1`,
		r.Meta.Agency, r.Year-1, id).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.ioErr("读取上一年度报告", err)
	}
	return s.Load(pid)
}

// Delete moves a report to the trash; Undelete brings it back.
func (s *Store) Delete(id int64) error { return s.setDeleted(id, true) }

// Undelete restores a report from the trash.
func (s *Store) Undelete(id int64) error { return s.setDeleted(id, false) }

func (s *Store) setDeleted(id int64, del bool) error {
	what := map[bool]string{true: "删除报告", false: "恢复报告"}[del]
	if err := s.writable(what); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var res sql.Result
	var err error
	if del {
		res, err = s.db.Exec(`UPDATE report SET deleted = ? WHERE id = ? AND deleted IS NULL`, s.stamp(), id)
	} else {
		res, err = s.db.Exec(`UPDATE report SET deleted = NULL WHERE id = ? AND deleted IS NOT NULL`, id)
	}
	if err != nil {
		return s.ioErr(what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &Error{Kind: "notfound", Msg: fmt.Sprintf("%s失败：没有编号为 %d 的报告", what, id)}
	}
	return nil
}

// Revision is one dated state of a report.
type Revision struct {
	ID     int64
	At     time.Time
	Reason string
}

type snapshot struct {
	Format  string            `json:"format"`
	Year    int               `json:"year"`
	Entries map[string]string `json:"entries"`
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12])
}

// snapshotTx records a revision unless it equals the latest one.
func (s *Store) snapshotTx(tx *sql.Tx, id int64, format string, year int, entries map[string]string, reason string) error {
	b, err := json.Marshal(snapshot{format, year, entries}) // map keys are sorted: stable hash
	if err != nil {
		return err
	}
	h := hashOf(b)
	var last string
	err = tx.QueryRow(`SELECT hash FROM revision WHERE report_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if last == h && reason != "导出" {
		return nil
	}
	_, err = tx.Exec(`INSERT INTO revision(report_id, at, reason, hash, snapshot) VALUES (?, ?, ?, ?, ?)`, id, s.stamp(), reason, h, string(b))
	return err
}

// Snapshot records the current state of a report in its history (after an
// export, at the end of an editing session), unless nothing changed since
// the last revision; an export is always recorded.
func (s *Store) Snapshot(id int64, reason string) error {
	if err := s.writable("记录历史版本"); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.Begin()
	if err != nil {
		return s.ioErr("记录历史版本", err)
	}
	defer tx.Rollback()
	r, entries, err := s.load(tx, id, false)
	if err != nil {
		return err
	}
	if err := s.snapshotTx(tx, id, r.Format.ID, r.Year, entries, reason); err != nil {
		return s.ioErr("记录历史版本", err)
	}
	return s.wrap("记录历史版本", tx.Commit())
}

// Revisions lists a report's history, newest first.
func (s *Store) Revisions(id int64) ([]Revision, error) {
	rows, err := s.db.Query(`SELECT id, at, reason FROM revision WHERE report_id = ? ORDER BY id DESC`, id)
	if err != nil {
		return nil, s.ioErr("读取历史版本", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var at string
		if err := rows.Scan(&r.ID, &at, &r.Reason); err != nil {
			return nil, s.ioErr("读取历史版本", err)
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, s.wrap("读取历史版本", rows.Err())
}

// RevisionReport returns the report as it was at a revision.
func (s *Store) RevisionReport(id, rev int64) (*model.Report, error) {
	var b string
	err := s.db.QueryRow(`SELECT snapshot FROM revision WHERE id = ? AND report_id = ?`, rev, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Kind: "notfound", Msg: fmt.Sprintf("报告 %d 没有编号为 %d 的历史版本", id, rev)}
	}
	if err != nil {
		return nil, s.ioErr("读取历史版本", err)
	}
	var sn snapshot
	if err := json.Unmarshal([]byte(b), &sn); err != nil {
		return nil, &Error{Kind: "io", Msg: fmt.Sprintf("历史版本 %d 已损坏", rev), Err: err}
	}
	f, ok := model.FormatByID(sn.Format)
	if !ok {
		return nil, &Error{Kind: "newer", Msg: "历史版本使用本程序不认识的格式"}
	}
	r, _ := model.FromEntries(f, sn.Year, sn.Entries)
	return r, nil
}

// Restore brings a report back to a revision. The state it replaces is
// recorded first, so a restore can itself be undone.
func (s *Store) Restore(id, rev int64) error {
	if err := s.writable("恢复历史版本"); err != nil {
		return err
	}
	old, err := s.RevisionReport(id, rev)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.Begin()
	if err != nil {
		return s.ioErr("恢复历史版本", err)
	}
	defer tx.Rollback()
	cur, entries, err := s.load(tx, id, false)
	if err != nil {
		return err
	}
	if err := s.snapshotTx(tx, id, cur.Format.ID, cur.Year, entries, "恢复前"); err != nil {
		return s.ioErr("恢复历史版本", err)
	}
	if err := writeChanges(tx, id, model.Diff(entries, old.Entries())); err != nil {
		return s.ioErr("恢复历史版本", err)
	}
	if _, err := tx.Exec(`UPDATE report SET agency = ?, year = ?, format = ?, updated = ? WHERE id = ?`, old.Meta.Agency, old.Year, old.Format.ID, s.stamp(), id); err != nil {
		return s.ioErr("恢复历史版本", err)
	}
	if err := s.snapshotTx(tx, id, old.Format.ID, old.Year, old.Entries(), fmt.Sprintf("恢复到版本 %d", rev)); err != nil {
		return s.ioErr("恢复历史版本", err)
	}
	return s.wrap("恢复历史版本", tx.Commit())
}

// Check runs SQLite's integrity check; "ok" means the file is sound.
func (s *Store) Check(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// Setting returns a stored setting, or "" if unset.
func (s *Store) Setting(key string) string {
	var v string
	s.db.QueryRow(`SELECT value FROM setting WHERE key = ?`, key).Scan(&v)
	return v
}

// SetSetting stores a setting.
func (s *Store) SetSetting(key, value string) error {
	if err := s.writable("保存设置"); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Exec(`INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return s.wrap("保存设置", err)
}

// SetClock replaces the clock that dates changes and revisions (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }
