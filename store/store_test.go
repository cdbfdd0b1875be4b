package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"nianbao/internal/errs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/model"
)

var makeV1 = flag.Bool("make-v1", false, "write testdata/v1.db with schema version 1")

func openT(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path, Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func edit(t testing.TB, s *Store, id int64, r *model.Report, pairs ...string) *model.Report {
	t.Helper()
	after := r.Clone()
	for i := 0; i < len(pairs); i += 2 {
		if err := after.Set(pairs[i], pairs[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Save(id, r, after); err != nil {
		t.Fatal(err)
	}
	return after
}

func TestCreateSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "nb.db")
	s := openT(t, path)
	r := model.New(model.Format2021, "测试县某局", 2025)
	id, err := s.Create(r, "new")
	if err != nil {
		t.Fatal(err)
	}
	r = edit(t, s, id, r, "s3.xinshou.ziranren", "5", "s1.lead", "第一段\n第二段", "s6.fee_yuan", "12.50")
	r = edit(t, s, id, r, "s3.xinshou.ziranren", "", "s3.xinshou.qita", "1,234")
	got, _, err := s.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if d := model.Diff(r.Entries(), got.Entries()); len(d) != 0 {
		t.Errorf("loaded report differs: %v", d)
	}
	if v, _ := got.Cell("s3.xinshou.ziranren"); v.Set {
		t.Error("a cleared cell must be blank again")
	}
	if v, _ := got.Cell("s3.xinshou.zongji"); v.N != 1234 {
		t.Errorf("total %d", v.N)
	}
	list, err := s.List(false)
	if err != nil || len(list) != 1 || list[0].Agency != "测试县某局" || list[0].Format != "2021" {
		t.Fatalf("list: %+v %v", list, err)
	}
	if _, _, err := s.Load(999); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "没有编号为 999 的报告") {
		t.Errorf("unknown id: %v", err)
	}
}

func TestDeleteIsRecoverable(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "nb.db"))
	id, _ := s.Create(model.Demo(), "demo")
	if err := s.Delete(id); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.List(false); len(l) != 0 {
		t.Error("deleted report still listed")
	}
	if l, _ := s.List(true); len(l) != 1 || l[0].Deleted.IsZero() {
		t.Error("deleted report not in the trash")
	}
	if err := s.Undelete(id); err != nil {
		t.Fatal(err)
	}
	if r, _, err := s.Load(id); err != nil || r.Meta.Agency != "平罗县司法局" {
		t.Fatal("undeleted report", err)
	}
}

func TestHistoryAndRestore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	s := openT(t, path)
	r := model.New(model.Format2021, "某局", 2025)
	id, _ := s.Create(r, "new")
	r = edit(t, s, id, r, "s3.xinshou.ziranren", "5")
	r = edit(t, s, id, r, "s3.xinshou.ziranren", "6")
	if err := s.Snapshot(id, "导出"); err != nil {
		t.Fatal(err)
	}
	revs, _ := s.Revisions(id)
	var reasons []string
	for _, v := range revs {
		reasons = append(reasons, v.Reason)
	}
	// Newest first: the export, then the creation (the pre-edit state equals it).
	if strings.Join(reasons, ",") != "导出,新建" {
		t.Errorf("revisions: %v", reasons)
	}
	// The end of a session records the final state once.
	edit(t, s, id, r, "s3.xinshou.ziranren", "7")
	s.Close()
	s = openT(t, path)
	revs, _ = s.Revisions(id)
	if revs[0].Reason != "编辑" {
		t.Errorf("no revision for the editing session: %+v", revs)
	}
	old, _, err := s.RevisionReport(id, revs[len(revs)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := old.Cell("s3.xinshou.ziranren"); v.Set {
		t.Error("the first revision is the empty new report")
	}
	if err := s.Restore(id, revs[1].ID); err != nil { // the export: 6
		t.Fatal(err)
	}
	now, _, _ := s.Load(id)
	if v, _ := now.Cell("s3.xinshou.ziranren"); v.N != 6 {
		t.Errorf("restored value %d", v.N)
	}
	// The replaced state (7) stays in the history, so a restore can be undone.
	revs, _ = s.Revisions(id)
	prev, _, _ := s.RevisionReport(id, revs[1].ID)
	if v, _ := prev.Cell("s3.xinshou.ziranren"); !strings.HasPrefix(revs[0].Reason, "恢复到版本") || v.N != 7 {
		t.Errorf("restore must be undoable: %+v", revs[:2])
	}
}

func TestPreviousYear(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "nb.db"))
	a := model.New(model.Format2021, "某局", 2024)
	a.Set("s3.jiezhuan_xianian.ziranren", "2")
	ida, _ := s.Create(a, "new")
	s.Create(model.New(model.Format2021, "别的局", 2024), "new")
	b := model.New(model.Format2021, "某局", 2025)
	idb, _ := s.Create(b, "new")
	p, err := s.Previous(idb, b)
	if err != nil || p == nil || p.Meta.Agency != "某局" || p.Year != 2024 {
		t.Fatalf("previous: %v %v", p, err)
	}
	if p, _ := s.Previous(ida, a); p != nil {
		t.Error("2024 has no previous report")
	}
}

func TestForeignFilesAreLeftUntouched(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("not a database"), 0o644)
	if _, err := Open(text, Options{Mode: Write}); !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "不是 nianbao 数据库") {
		t.Errorf("text file: %v", err)
	}
	if b, _ := os.ReadFile(text); string(b) != "not a database" {
		t.Error("text file changed")
	}

	// Another program's SQLite database.
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec(`CREATE TABLE t(x)`)
	db.Exec(`INSERT INTO t VALUES (1)`)
	db.Close()
	before, _ := os.ReadFile(other)
	if _, err := Open(other, Options{Mode: Write}); !errors.Is(err, ErrForeign) {
		t.Errorf("foreign sqlite: %v", err)
	}
	after, _ := os.ReadFile(other)
	if !bytes.Equal(before, after) {
		t.Error("foreign sqlite file changed")
	}
	if _, err := os.Stat(other + "-wal"); err == nil {
		t.Error("foreign sqlite file switched to WAL")
	}

	// A database of a newer nianbao.
	newer := filepath.Join(dir, "newer.db")
	s := openT(t, newer)
	s.Create(model.Demo(), "demo")
	s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	s.Close()
	before, _ = os.ReadFile(newer)
	if _, err := Open(newer, Options{Mode: Write}); !errors.Is(err, ErrNewer) || !strings.Contains(err.Error(), "更新版本") {
		t.Errorf("newer schema: %v", err)
	}
	if after, _ := os.ReadFile(newer); !bytes.Equal(before, after) {
		t.Error("newer database changed")
	}
}

// v1Path is a database written by schema version 1 (migration 0001 only),
// kept in testdata so that edits to old migrations cannot hide a break.
const v1Path = "testdata/v1.db"

func TestMakeV1(t *testing.T) {
	if !*makeV1 {
		t.Skip("run with -make-v1 to rewrite testdata/v1.db")
	}
	os.Remove(v1Path)
	db, err := sql.Open("sqlite", v1Path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1",
		`INSERT INTO report(id, format, year, agency, created, updated) VALUES (1, '2021', 2024, '旧库某局', '2025-01-10T08:00:00Z', '2025-01-10T08:00:00Z')`,
		`INSERT INTO entry VALUES (1, 's3.xinshou.ziranren', '5'), (1, 's3.jiezhuan_xianian.ziranren', '1'), (1, 's1.parts.zhudong.order', '1'), (1, 's1.parts.zhudong.heading', '主动公开'), (1, 's1.parts.zhudong.text', '旧版本写的文字')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUpgradeFromSchemaVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	b, err := os.ReadFile(v1Path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, b, 0o644)
	s := openT(t, path)
	var v int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("schema version %d after upgrade", v)
	}
	r, _, err := s.Load(1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Agency != "旧库某局" || r.Year != 2024 || r.Parts[0].Text != "旧版本写的文字" {
		t.Errorf("upgraded report: %+v", r.Parts)
	}
	if v, _ := r.Cell("s3.xinshou.ziranren"); v.N != 5 {
		t.Error("cell lost in the upgrade")
	}
	if l, _ := s.List(false); len(l) != 1 || l[0].Agency != "旧库某局" {
		t.Errorf("list after upgrade: %+v", l)
	}
	// History (version 2) works on the upgraded database.
	edit(t, s, 1, r, "s3.xinshou.ziranren", "6")
	if revs, _ := s.Revisions(1); len(revs) != 1 || revs[0].Reason != "编辑前" {
		t.Errorf("history after upgrade: %+v", revs)
	}
}

// The child side of the crash and two-process tests: the test binary run
// again with NIANBAO_STORE_CHILD set.
func TestMain(m *testing.M) {
	switch os.Getenv("NIANBAO_STORE_CHILD") {
	case "edits":
		childEdits(os.Getenv("NIANBAO_DB"))
		os.Exit(0)
	case "hold":
		childHold(os.Getenv("NIANBAO_DB"))
		os.Exit(0)
	case "probe":
		childProbe(os.Getenv("NIANBAO_DB"), os.Getenv("NIANBAO_MODE"))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashKeys are the cells and text the edit stream cycles through.
var crashKeys = func() []string {
	var keys []string
	for _, k := range model.Format2021.CellKeys() {
		if c, _ := model.Format2021.Cell(k); !c.Computed() {
			keys = append(keys, k)
		}
	}
	return append(keys, "s1.lead", "s5.wenti")
}()

func crashValue(i int) string { return strconv.Itoa(i) }

// childEdits applies edits one by one and acknowledges each after Save
// returns, until it is killed.
func childEdits(path string) {
	s, err := Open(path, Options{Mode: Write})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	r := model.New(model.Format2021, "崩溃测试局", 2025)
	id, err := s.Create(r, "new")
	if err != nil {
		fmt.Println("error", err)
		return
	}
	fmt.Println("id", id)
	for i := 0; ; i++ {
		after := r.Clone()
		after.Set(crashKeys[i%len(crashKeys)], crashValue(i))
		if err := s.Save(id, r, after); err != nil {
			fmt.Println("error", err)
			return
		}
		r = after
		fmt.Println("ack", i) // stdout is unbuffered: the parent sees it at once
	}
}

func childHold(path string) {
	s, err := Open(path, Options{Mode: Write})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	r := model.Demo()
	id, _ := s.Create(r, "demo")
	after := r.Clone()
	after.Set("s1.lead", "另一个进程正在编辑")
	s.Save(id, r, after)
	fmt.Println("ready", id)
	bufio.NewReader(os.Stdin).ReadString('\n') // hold the database until told
	s.Close()
}

// childProbe (NIANBAO_STORE_CHILD=probe) opens the database as asked and
// says what it got.
func childProbe(path, mode string) {
	m := map[string]Mode{"auto": Auto, "write": Write}[mode]
	s, err := Open(path, Options{Mode: m})
	if err != nil {
		fmt.Printf("error %s %s\n", errs.KindOf(err), err)
		return
	}
	defer s.Close()
	l, err := s.List(false)
	if err != nil {
		fmt.Printf("error %s %s\n", errs.KindOf(err), err)
		return
	}
	if s.ReadOnly() {
		fmt.Printf("ro %d %s\n", len(l), s.ReadOnlyReason())
		return
	}
	if _, err := s.Create(model.Demo(), "demo"); err != nil {
		fmt.Printf("error %s %s\n", errs.KindOf(err), err)
		return
	}
	fmt.Printf("rw %d\n", len(l))
}

func child(t *testing.T, kind, path string) (*exec.Cmd, *bufio.Scanner, func()) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NIANBAO_STORE_CHILD="+kind, "NIANBAO_DB="+path)
	out, _ := cmd.StdoutPipe()
	in, _ := cmd.StdinPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out), func() { in.Close() }
}

// TestAcknowledgedEditsSurviveSIGKILL kills a process that is saving edits
// at a random point and checks that every acknowledged edit is in the
// database, which is sound.
func TestAcknowledgedEditsSurviveSIGKILL(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	seed := time.Now().UnixNano()
	rnd := rand.New(rand.NewSource(seed))
	for round := 0; round < 3; round++ {
		path := filepath.Join(t.TempDir(), "crash.db")
		killAt := 20 + rnd.Intn(400)
		cmd, out, _ := child(t, "edits", path)
		acked := -1
		var id int64
		for out.Scan() {
			f := strings.Fields(out.Text())
			switch f[0] {
			case "id":
				id, _ = strconv.ParseInt(f[1], 10, 64)
			case "ack":
				acked, _ = strconv.Atoi(f[1])
			default:
				t.Fatalf("child: %s", out.Text())
			}
			if acked >= killAt {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		cmd.Wait()
		s := openT(t, path)
		if res, err := s.Check(context.Background()); err != nil || res != "ok" {
			t.Fatalf("integrity after SIGKILL: %s %v", res, err)
		}
		r, _, err := s.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		// The last acknowledged edit of each key must be there; a later,
		// unacknowledged one may be too.
		last := map[string]int{}
		for i := 0; i <= acked; i++ {
			last[crashKeys[i%len(crashKeys)]] = i
		}
		for k, i := range last {
			got, _ := r.Get(k)
			s := model.FormatValue(got)
			n, _ := strconv.Atoi(s)
			if n != i && !(n > acked && n%len(crashKeys) == i%len(crashKeys)) {
				t.Fatalf("seed %d round %d: killed after ack %d; %s = %q, want %d", seed, round, acked, k, s, i)
			}
		}
		s.Close()
		t.Logf("round %d: killed after %d acknowledged edits, all present", round, acked+1)
	}
}

// TestSecondProcessGetsAClearMessage opens a database another process is
// editing: writing is refused in Chinese, reading works, nothing breaks.
func TestSecondProcessGetsAClearMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	cmd, out, release := child(t, "hold", path)
	if !out.Scan() || !strings.HasPrefix(out.Text(), "ready") {
		t.Fatalf("child: %s", out.Text())
	}
	id, _ := strconv.ParseInt(strings.Fields(out.Text())[1], 10, 64)

	_, err := Open(path, Options{Mode: Write, Wait: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "正被另一个 nianbao 程序使用") {
		t.Fatalf("second writer: %v", err)
	}
	ro, err := Open(path, Options{Mode: Auto})
	if err != nil {
		t.Fatal(err)
	}
	if !ro.ReadOnly() {
		t.Fatal("the second process must get a read-only view")
	}
	r, _, err := ro.Load(id)
	if err != nil || r.Lead != "另一个进程正在编辑" {
		t.Fatalf("read-only view: %v %v", r, err)
	}
	if err := ro.Save(id, r, r.Clone()); err == nil || !strings.Contains(err.Error(), "只能查看") {
		t.Errorf("read-only save: %v", err)
	}
	if _, err := ro.Create(model.Demo(), "demo"); err == nil {
		t.Error("read-only create must fail")
	}
	ro.Close()

	release()
	cmd.Wait()
	s := openT(t, path)
	if res, err := s.Check(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity: %s %v", res, err)
	}
	if s.ReadOnly() {
		t.Error("after the other process quit, writing is possible")
	}
}

func benchmarkSave(b *testing.B, sync string) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{Mode: Write, Synchronous: sync})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := model.New(model.Format2021, "某局", 2025)
	id, _ := s.Create(r, "new")
	i := 0
	for b.Loop() {
		i++
		after := r.Clone()
		after.Set("s3.xinshou.ziranren", strconv.Itoa(i))
		if err := s.Save(id, r, after); err != nil {
			b.Fatal(err)
		}
		r = after
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "edits/s")
}

// BenchmarkSaveCell is one durable cell edit (synchronous=FULL, the
// default, which survives a power cut); NORMAL is measured for comparison.
func BenchmarkSaveCell(b *testing.B)       { benchmarkSave(b, "FULL") }
func BenchmarkSaveCellNormal(b *testing.B) { benchmarkSave(b, "NORMAL") }

func TestSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.db")
	s := openT(t, path)
	if s.Setting("theme") != "" {
		t.Error("unset setting")
	}
	s.SetSetting("theme", "ascii")
	s.Close()
	if s = openT(t, path); s.Setting("theme") != "ascii" {
		t.Error("setting not kept")
	}
}
