// Package store keeps reports in a local SQLite file (modernc.org/sqlite, no
// cgo): WAL, synchronous=FULL so that an acknowledged edit survives a killed
// process and a power cut, foreign keys, embedded forward-only migrations
// (each preceded by a backup of the file), and one writer per database
// guarded by a lock file next to it. A file is identified from its bytes
// before SQLite may write to it, so another program's file stays as it was.
//
// Files: open.go (open, lock, migrate, close), identify.go (what a file
// is), reports.go, history.go, settings.go, backup.go, errors.go.
package store

import (
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"nianbao/internal/errs"
	"nianbao/internal/tempfile"
)

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

// afterMigration are steps in Go that finish a migration, inside its
// transaction (by the version it brings the schema to).
var afterMigration = map[int]func(*sql.Tx) error{5: compressSnapshots, 6: backfillFingerprints}

// SchemaVersion is the newest schema this program knows.
func SchemaVersion() int { return len(migrations) }

// Mode says how a database is opened.
type Mode int

const (
	// Auto writes if no other process is writing, else opens read-only.
	Auto Mode = iota
	// Write must be the writer; fails with ErrLocked otherwise.
	Write
	// Read never writes (and needs an existing, up-to-date database).
	Read
)

// Options for Open.
type Options struct {
	Mode Mode
	// Wait is how long to wait for another writer to finish (0: not at all).
	Wait time.Duration
	// MustExist refuses a missing database instead of creating it, and
	// creates nothing (commands that only read).
	MustExist bool
	// Synchronous is the SQLite synchronous setting; "" means FULL.
	Synchronous string
}

// Why a database is open read-only.
const (
	ReasonOtherWriter = "另一个 nianbao 程序正在编辑这个数据库，这里只能查看"
	ReasonPlace       = "数据库在不能写入的位置（如写保护的 U 盘），这里只能查看"
	ReasonAsked       = "以只读方式打开"
)

// Store is an open database.
type Store struct {
	db       *sql.DB
	path     string
	lock     *flock.Flock
	readOnly string // why it is read-only; "" for the writer

	mu      sync.Mutex
	session map[int64]bool // reports whose pre-edit state is in the history
	now     func() time.Time
}

// DefaultPath is where the database lives when neither --db nor NIANBAO_DB
// says otherwise: the user's config folder (on Windows %AppData%).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", errs.Wrap(errs.Refused, err, "找不到用户配置文件夹，请用 --db 指定数据库文件")
	}
	return filepath.Join(dir, "nianbao", "nianbao.db"), nil
}

// Resolve turns a database path into the file it names: absolute, with
// "..", "." and symbolic links resolved (in the file and, for a file still
// to be created, in its folder), so that every way of naming one database
// leads to one lock.
func Resolve(path string) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", errs.New(errs.Refused, "数据库文件名是空的：请用 --db 指定一个文件")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", errs.Wrap(errs.Refused, err, "数据库路径无效：%s", path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	// Not there yet: resolve the nearest folder that is.
	dir, rest := filepath.Dir(abs), filepath.Base(abs)
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		dir, rest = parent, filepath.Join(filepath.Base(dir), rest)
	}
}

// Open opens (and if needed creates and upgrades) the database at path. A
// file that is not a nianbao database, or one of a newer schema, is refused
// and left untouched.
func Open(path string, o Options) (*Store, error) {
	real, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	id, err := identify(real)
	if err != nil {
		return nil, err
	}
	if !id.exists && (o.MustExist || o.Mode == Read) {
		return nil, &errs.Error{Kind: errs.NotFound, Path: real, Msg: "数据库文件不存在：" + real +
			"（请检查 --db 或 NIANBAO_DB 是否写对；新建报告时会自动创建数据库）"}
	}
	s := &Store{path: real, session: map[int64]bool{}, now: time.Now}
	switch {
	case o.Mode == Read:
		s.readOnly = ReasonAsked
		if !writablePlace(real) {
			s.readOnly = ReasonPlace
		}
	case !id.exists && !writableFolder(real):
		return nil, errs.New(errs.ReadOnly, "无法在这里创建数据库：文件夹 %s 不存在或不能写入", filepath.Dir(real))
	default:
		s.readOnly = s.claim(o)
		if s.readOnly != "" && o.Mode == Write {
			return nil, s.refuseWriter()
		}
	}
	if err := s.open(o, id); err != nil {
		s.release()
		return nil, err
	}
	if s.readOnly == "" {
		tempfile.Clean(filepath.Dir(s.path)) // backups and probes of killed runs
	}
	return s, nil
}

// writableFolder makes the database's folder if needed and reports whether
// a new database can be created in it.
func writableFolder(path string) bool {
	return os.MkdirAll(filepath.Dir(path), 0o700) == nil && writablePlace(path)
}

// claim tries to become the writer and returns why not ("" if it is).
func (s *Store) claim(o Options) string {
	switch s.acquire(o.Wait) {
	case lockBusy:
		return ReasonOtherWriter
	case lockNone:
		// No usable lock file. A place that takes writes is still written:
		// refusing would lock everyone out for good.
		if !writablePlace(s.path) {
			return ReasonPlace
		}
		return ""
	}
	if !writablePlace(s.path) {
		s.release()
		return ReasonPlace
	}
	return ""
}

func (s *Store) refuseWriter() error {
	s.release()
	if s.readOnly == ReasonOtherWriter {
		return &errs.Error{Kind: errs.Locked, Path: s.path, Msg: "数据库正被另一个 nianbao 程序使用（可能是另一个窗口中打开的编辑界面），请先关闭它再试。数据库：" + s.path}
	}
	msg := s.readOnly
	if s.readOnly == ReasonPlace {
		msg += "；要编辑，请把数据库复制到可以写入的文件夹"
	}
	return &errs.Error{Kind: errs.ReadOnly, Path: s.path, Msg: msg + "。数据库：" + s.path}
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

func (s *Store) open(o Options, id identity) error {
	if s.readOnly != "" {
		if !id.exists || id.empty {
			return &errs.Error{Kind: errs.NotFound, Path: s.path, Msg: "数据库中还没有任何报告：" + s.path}
		}
		if id.version < SchemaVersion() {
			return &errs.Error{Kind: errs.Outdated, Path: s.path, Msg: "这个数据库由旧版本的 nianbao 创建，需要先升级才能打开，但" + s.readOnly + "。数据库：" + s.path}
		}
	}
	pragmas := []string{"_pragma=foreign_keys(1)"}
	switch {
	case s.readOnly == ReasonPlace && !id.wal:
		// Nothing pending and nowhere to put SQLite's -shm: the file is
		// read as it is, which is all there is.
		pragmas = append(pragmas, "mode=ro", "immutable=1")
	case s.readOnly != "":
		pragmas = append(pragmas, "mode=ro")
	default:
		syncMode := o.Synchronous
		if syncMode == "" {
			syncMode = "FULL"
		}
		pragmas = append(pragmas, "_pragma=journal_mode(WAL)", "_pragma=synchronous("+syncMode+")", "_txlock=immediate")
	}
	db, err := sql.Open("sqlite", dsn(s.path, pragmas...))
	if err != nil {
		return s.sqlErr("打开数据库", err)
	}
	// One connection: one writer, and edits are applied in the order made.
	db.SetMaxOpenConns(1)
	s.db = db
	if err := db.Ping(); err != nil {
		db.Close()
		if s.readOnly == ReasonPlace {
			return errs.Wrap(errs.ReadOnly, err, "数据库上次没有正常关闭，而它所在的位置不能写入，无法打开：%s。请把数据库连同旁边的 -wal 文件复制到可以写入的文件夹再打开", s.path)
		}
		return s.sqlErr("打开数据库", err)
	}
	if s.readOnly == "" {
		if err := s.migrate(id.version); err != nil {
			db.Close()
			return err
		}
	}
	return nil
}

// migrate brings the schema up to date, one transaction per version; an
// existing database is first copied next to itself, so that a failed or
// faulty upgrade can always be undone by hand.
func (s *Store) migrate(from int) error {
	if from > 0 && from < SchemaVersion() {
		if _, err := s.Backup(s.backupPath(fmt.Sprintf("升级前备份-v%d", from))); err != nil {
			return fmt.Errorf("升级数据库前的备份没有成功，数据库未做任何改动：%w", err)
		}
	}
	for v := from; v < len(migrations); v++ {
		err := s.write(fmt.Sprintf("升级数据库到结构版本 %d", v+1), func(tx *sql.Tx) error {
			if _, err := tx.Exec(migrations[v]); err != nil {
				return err
			}
			if f := afterMigration[v+1]; f != nil {
				if err := f(tx); err != nil {
					return err
				}
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// write runs f in one write transaction: the store must be the writer, and
// the change is durable when write returns nil. what names the operation
// for messages ("" when the caller names it).
func (s *Store) write(what string, f func(*sql.Tx) error) error {
	if err := s.writable(what); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.Begin()
	if err != nil {
		return s.sqlErr(what, err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return s.sqlErr(what, err)
	}
	return s.sqlErr(what, tx.Commit())
}

// writable refuses a change in a read-only store.
func (s *Store) writable(what string) error {
	if s.readOnly == "" {
		return nil
	}
	pre := ""
	if what != "" {
		pre = what + "失败："
	}
	return &errs.Error{Kind: errs.ReadOnly, Path: s.path, Msg: pre + s.readOnly}
}

// Path of the database file (resolved).
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether this store only reads.
func (s *Store) ReadOnly() bool { return s.readOnly != "" }

// ReadOnlyReason says, for the clerk, why the store only reads ("" if it
// writes).
func (s *Store) ReadOnlyReason() string { return s.readOnly }

// Close ends the session: reports edited in it get a revision of their
// final state, then the database and its lock are released. The first
// failure is returned; the database is closed in any case.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	var first error
	if s.readOnly == "" {
		s.mu.Lock()
		ids := make([]int64, 0, len(s.session))
		for id := range s.session {
			ids = append(ids, id)
		}
		s.mu.Unlock()
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, id := range ids {
			if err := s.snapshot(id, "编辑", true); err != nil && first == nil {
				first = err
			}
		}
	}
	if err := s.db.Close(); err != nil && first == nil {
		first = s.sqlErr("关闭数据库", err)
	}
	s.db = nil
	s.release()
	return first
}

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// Now is the store's clock (local time).
func (s *Store) Now() time.Time { return s.now() }

// SetClock replaces the clock that dates changes and revisions (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// notFound is the message for a report id the database does not hold.
func notFound(id int64) error {
	return errs.New(errs.NotFound, "没有编号为 %d 的报告（可用 nianbao list 查看）", id)
}
