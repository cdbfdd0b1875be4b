package store

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/errs"
	"nianbao/model"
)

// Issue 12 §1: every way of naming a database meets the one lock.
func TestLockFollowsTheResolvedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nb.db")
	openT(t, path) // the writer, as a TUI would be
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	linkedDir := filepath.Join(t.TempDir(), "d")
	os.Symlink(dir, linkedDir)
	t.Chdir(dir)
	for _, name := range []string{link, filepath.Join(dir, "sub", "..", "nb.db"), "nb.db", "./sub/../link.db", filepath.Join(linkedDir, "nb.db")} {
		_, err := Open(name, Options{Mode: Write})
		if !errors.Is(err, ErrLocked) {
			t.Errorf("%s: a second writer got in: %v", name, err)
		}
		s, err := Open(name, Options{Mode: Auto})
		if err != nil {
			t.Fatal(err)
		}
		if !s.ReadOnly() {
			t.Errorf("%s: opened for writing while another writes", name)
		}
		s.Close()
	}
}

func hashFiles(t *testing.T, paths ...string) string {
	t.Helper()
	h := sha256.New()
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// walCopy makes a copy of a database whose last transaction is still in
// its -wal (as after a kill): db and -wal are copied while the writer is
// open, with automatic checkpoints off.
func walCopy(t *testing.T, dst string, stmts ...string) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src.db")
	db, err := sql.Open("sqlite", "file:"+src+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(src + suffix)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(dst+suffix, b, 0o644)
	}
	db.Close()
}

// Issue 12 §2: another program's WAL database with a pending -wal is
// refused without SQLite touching it: both files stay byte for byte.
func TestForeignWALDatabaseStaysByteForByte(t *testing.T) {
	path := filepath.Join(t.TempDir(), "foreign.db")
	walCopy(t, path, `CREATE TABLE notes(x)`, `INSERT INTO notes VALUES ('其他程序的数据')`)
	before := hashFiles(t, path, path+"-wal")
	for _, m := range []Mode{Write, Auto, Read} {
		_, err := Open(path, Options{Mode: m})
		if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "未做任何改动") {
			t.Errorf("mode %d: %v", m, err)
		}
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatal("the -wal was folded in and deleted")
	}
	if hashFiles(t, path, path+"-wal") != before {
		t.Error("the foreign database changed")
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		t.Error("a -shm was created next to the foreign database")
	}
}

// Issue 12 §2: an empty SQLite file another program marked (user_version
// 2) is not ours: refused in Chinese, header unchanged.
func TestMarkedEmptySQLiteIsForeign(t *testing.T) {
	path := filepath.Join(t.TempDir(), "uv2.db")
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec(`PRAGMA user_version = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := hashFiles(t, path)
	_, err := Open(path, Options{Mode: Write})
	if !errors.Is(err, ErrForeign) || strings.Contains(err.Error(), "SQL logic") || strings.Contains(err.Error(), "no such table") || !strings.Contains(err.Error(), "不是 nianbao 数据库") {
		t.Errorf("user_version 2: %v", err)
	}
	if hashFiles(t, path) != before {
		t.Error("the header was changed")
	}
}

// The bytes are read as SQLite recovers them: a nianbao database whose
// first session was killed has everything, even its application id, only
// in the -wal; it must open with its report.
func TestKilledFirstSessionOpensFromItsWAL(t *testing.T) {
	src := filepath.Join(t.TempDir(), "first.db")
	s := openT(t, src)
	s.db.Exec(`PRAGMA wal_autocheckpoint = 0`)
	id, err := s.Create(model.Demo(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	for _, suffix := range []string{"", "-wal"} {
		b, _ := os.ReadFile(src + suffix)
		os.WriteFile(dst+suffix, b, 0o644)
	}
	head, _ := readHeader(dst)
	if head != nil && string(head[68:72]) == "NBAO" {
		t.Log("the main file already carries the id; the test still checks the open")
	}
	c := openT(t, dst)
	if r, _, err := c.Load(id); err != nil || r.Meta.Agency != "平罗县司法局" {
		t.Fatalf("killed first session: %v", err)
	}
}

// corruptTable overwrites the root page of a table with garbage.
func corruptTable(t *testing.T, path, table string) {
	t.Helper()
	db, _ := sql.Open("sqlite", path)
	var root, size int
	db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = ?`, table).Scan(&root)
	db.QueryRow(`PRAGMA page_size`).Scan(&size)
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil || root < 2 {
		t.Fatalf("page of %s: %d %v", table, root, err)
	}
	junk := make([]byte, size)
	for i := range junk {
		junk[i] = byte(i*7 + 3)
	}
	f.WriteAt(junk, int64(root-1)*int64(size))
	f.Close()
}

// Issue 12 §3: a damaged database is explained in Chinese with what to do.
func TestCorruptDatabaseIsExplained(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	s := openT(t, path)
	id, _ := s.Create(model.Demo(), "demo")
	s.Close()
	corruptTable(t, path, "entry")
	s = openT(t, path)
	_, _, err := s.Load(id)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "已损坏") || !strings.Contains(err.Error(), "备份") || strings.Contains(err.Error(), "malformed") {
		t.Fatalf("corrupt entry table: %v", err)
	}
	// What can still be saved is saved: the backup copies pages as they are.
	dst := filepath.Join(t.TempDir(), "rescue.db")
	if _, err := s.Backup(dst); err != nil {
		t.Fatalf("backup of a damaged database: %v", err)
	}
}

// Issue 12 §3: before a migration the file is copied next to itself.
func TestBackupBeforeMigration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v1.db")
	b, _ := os.ReadFile(v1Path)
	os.WriteFile(path, b, 0o644)
	openT(t, path).Close()
	found, _ := filepath.Glob(filepath.Join(dir, "v1-升级前备份-v1-*.db"))
	if len(found) != 1 {
		t.Fatalf("no backup before the upgrade: %v", found)
	}
	db, _ := sql.Open("sqlite", found[0]+"?mode=ro")
	defer db.Close()
	var v int
	var agency string
	db.QueryRow(`PRAGMA user_version`).Scan(&v)
	db.QueryRow(`SELECT agency FROM report WHERE id = 1`).Scan(&agency)
	if v != 1 || agency != "旧库某局" {
		t.Errorf("backup: version %d, agency %q", v, agency)
	}
	// An up-to-date database is not copied again.
	openT(t, path).Close()
	if again, _ := filepath.Glob(filepath.Join(dir, "*备份*.db")); len(again) != 1 {
		t.Errorf("backups: %v", again)
	}
}

// A backup is a sound database with everything, next to the original by
// default, never over an existing file.
func TestBackup(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, filepath.Join(dir, "nb.db"))
	id, _ := s.Create(model.Demo(), "demo")
	p, err := s.Backup(s.DefaultBackupPath())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p) != s.Path()[:len(s.Path())-len("/nb.db")] || !strings.HasPrefix(filepath.Base(p), "nb-备份-") {
		t.Errorf("backup path %s", p)
	}
	c := openT(t, p)
	if r, _, err := c.Load(id); err != nil || r.Meta.Agency != "平罗县司法局" {
		t.Fatalf("backup content: %v", err)
	}
	if res, err := c.Check(t.Context()); err != nil || res != "ok" {
		t.Errorf("backup integrity: %s %v", res, err)
	}
	if _, err := s.Backup(p); !errs.Is(err, errs.Exists) {
		t.Errorf("backup over an existing file: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".nianbao-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func dbSize(path string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(path + suffix); err == nil {
			n += st.Size()
		}
	}
	return n
}

// Issue 12 §8: 30 exports of an unchanged 1 MB report add less than 1 MB
// (they added a full copy each), and add no revision.
func TestUnchangedExportsDoNotBloatHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	s := openT(t, path)
	r := model.Demo()
	id, _ := s.Create(r, "demo")
	r = edit(t, s, id, r, "s1.lead", strings.Repeat("政府信息公开工作稳步推进。", 28000))
	s.Close()
	s = openT(t, path)
	if err := s.Snapshot(id, "导出"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := dbSize(path)
	s = openT(t, path)
	revs, _ := s.Revisions(id)
	for i := 0; i < 30; i++ {
		if err := s.Snapshot(id, "导出"); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	grown := dbSize(path) - before
	size := 0
	for _, v := range r.Entries() {
		size += len(v)
	}
	t.Logf("30 unchanged exports of a report with %d bytes of text: database grew %d bytes", size, grown)
	if grown >= 1<<20 {
		t.Errorf("30 unchanged exports grew the database by %d bytes", grown)
	}
	s = openT(t, path)
	if again, _ := s.Revisions(id); len(again) != len(revs) || !strings.Contains(again[0].Reason, "导出") {
		t.Errorf("revisions %d → %d: %+v", len(revs), len(again), again[0])
	}
}

// Issue 12 §8: a revision is stored compressed, once per distinct state.
func TestRevisionsAreStoredCompactly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	s := openT(t, path)
	r := model.Demo()
	id, _ := s.Create(r, "demo")
	r = edit(t, s, id, r, "s1.lead", strings.Repeat("依申请公开工作规范有序。", 20000))
	s.Snapshot(id, "导出")
	r = edit(t, s, id, r, "s6.text", "改一个字")
	s.Snapshot(id, "导出")
	var raw, stored int
	s.db.QueryRow(`SELECT sum(length(data)) FROM snapshot`).Scan(&stored)
	for _, e := range []map[string]string{r.Entries()} {
		for _, v := range e {
			raw += len(v)
		}
	}
	if stored*10 > raw {
		t.Errorf("history holds %d bytes for a %d-byte report", stored, raw)
	}
	// Restoring an earlier state stores no new copy.
	revs, _ := s.Revisions(id)
	var n1, n2 int
	s.db.QueryRow(`SELECT count(*) FROM snapshot`).Scan(&n1)
	if err := s.Restore(id, revs[len(revs)-1].ID); err != nil {
		t.Fatal(err)
	}
	s.db.QueryRow(`SELECT count(*) FROM snapshot`).Scan(&n2)
	if n2 != n1 { // the state before the restore is the last export's
		t.Errorf("snapshots %d → %d after a restore", n1, n2)
	}
}

// Issue 12 §9: undelete of a live report, delete of a deleted one.
func TestTrashMessages(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "nb.db"))
	id, _ := s.Create(model.Demo(), "demo")
	if err := s.Undelete(id); err == nil || strings.Contains(err.Error(), "没有编号") || !strings.Contains(err.Error(), "没有被删除") {
		t.Errorf("undelete of a live report: %v", err)
	}
	s.Delete(id)
	if err := s.Delete(id); err == nil || !strings.Contains(err.Error(), "已经在回收站") {
		t.Errorf("delete twice: %v", err)
	}
	if err := s.Undelete(999); !errors.Is(err, ErrNotFound) {
		t.Errorf("undelete of nothing: %v", err)
	}
}

// Issue 12 §9: a refused save does not say "保存失败" itself (the editor
// puts it before the message: it read "保存失败：保存失败：…").
func TestSaveMessageLeavesTheOperationToTheCaller(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	w := openT(t, path)
	id, _ := w.Create(model.Demo(), "demo")
	ro, err := Open(path, Options{Mode: Auto})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	r, _, _ := ro.Load(id)
	after := r.Clone()
	after.Set("s6.text", "改")
	err = ro.Save(id, r, after)
	if err == nil || strings.HasPrefix(err.Error(), "保存失败") || !strings.Contains(err.Error(), "只能查看") {
		t.Errorf("read-only save: %v", err)
	}
}

// Issue 12 §14: a failed end-of-session revision is reported by Close.
func TestCloseReportsAFailedSnapshot(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "nb.db"), Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	r := model.Demo()
	id, _ := s.Create(r, "demo")
	edit(t, s, id, r, "s6.text", "改")
	s.db.Exec(`DROP TABLE revision`)
	if err := s.Close(); err == nil {
		t.Error("Close dropped the failure of the session's last revision")
	}
}

// Issue 12 §14: entries that cannot be understood are reported, not lost.
func TestUnknownEntriesAreReported(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "nb.db"))
	r := model.Demo()
	id, _ := s.Create(r, "demo")
	s.db.Exec(`INSERT INTO entry VALUES (?, 's9.future.key', '1'), (?, 'published.s3.nonsense', 'x')`, id, id)
	got, problems, err := s.Load(id)
	if err != nil || got == nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "s9.future.key") || !strings.Contains(problems[0], "published.s3.nonsense") {
		t.Errorf("problems: %v", problems)
	}
	// An edit keeps them.
	edit(t, s, id, got, "s6.text", "改")
	var n int
	s.db.QueryRow(`SELECT count(*) FROM entry WHERE report_id = ? AND key = 's9.future.key'`, id).Scan(&n)
	if n != 1 {
		t.Error("an unknown entry was lost by an edit")
	}
}

// Migration 5 keeps every revision of a version-4 database, compressed.
func TestUpgradeKeepsHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	b, _ := os.ReadFile(v1Path)
	os.WriteFile(path, b, 0o644)
	s := openT(t, path)
	r, _, _ := s.Load(1)
	edit(t, s, 1, r, "s3.xinshou.ziranren", "6")
	var codecs string
	s.db.QueryRow(`SELECT group_concat(DISTINCT codec) FROM snapshot`).Scan(&codecs)
	if codecs != "deflate" {
		t.Errorf("codecs: %s", codecs)
	}
	revs, _ := s.Revisions(1)
	old, _, err := s.RevisionReport(1, revs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := old.Cell("s3.xinshou.ziranren"); v.N != 5 {
		t.Errorf("the pre-edit revision holds %d", v.N)
	}
}

// A missing database is not created by a reader.
func TestMustExistCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	_, err := Open(filepath.Join(dir, "x.db"), Options{Mode: Auto, MustExist: true})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("missing database: %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("a folder was created")
	}
}
