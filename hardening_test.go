package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"nianbao/app"
)

// TestMain lets the test binary act as nianbao for tests that need another
// process (NIANBAO_TEST_ARGS holds the arguments as a JSON array).
func TestMain(m *testing.M) {
	if a := os.Getenv("NIANBAO_TEST_ARGS"); a != "" {
		var args []string
		json.Unmarshal([]byte(a), &args)
		os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// hold opens the database as its writer, as a running TUI does.
func hold(t *testing.T, db string) {
	t.Helper()
	a, err := app.Open(db, app.Options{Mode: app.Write})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
}

// Issue 12 §1: a symlink to a database a TUI is editing does not make a
// second writer.
func TestSecondWriterThroughASymlinkIsRefused(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(n.db, link); err != nil {
		t.Skip(err)
	}
	hold(t, n.db)
	var out, errb bytes.Buffer
	code := run([]string{"--db", link, "set", id, "s6.text=第二个写入者"}, nil, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "另一个 nianbao") {
		t.Errorf("set through a symlink while edited: exit %d %s", code, errb.String())
	}
}

// Issue 12 §9: commands that read do not wait for the writer (they waited
// 3 s each). This is a waiting property, not a speed target: the margin
// is wide.
func TestReadersDoNotWaitForTheWriter(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	hold(t, n.db)
	dir := t.TempDir()
	for _, args := range [][]string{{"list"}, {"get", id, "meta.agency"}, {"check", id}, {"history", id},
		{"export", id, "--format", "json", "-o", dir}} {
		start := time.Now()
		_, errs, code := n.run(args...)
		if took := time.Since(start); took > 1500*time.Millisecond {
			t.Errorf("%s waited %v for the writer", args[0], took)
		}
		if code > 1 {
			t.Errorf("%s while another writes: exit %d %s", args[0], code, errs)
		}
	}
}

// Issue 12 §2: an empty SQLite file marked by another program is refused
// in Chinese and left as it was.
func TestMarkedSQLiteFileIsRefusedInChinese(t *testing.T) {
	path := filepath.Join(t.TempDir(), "uv2.db")
	db, _ := sql.Open("sqlite", path)
	db.Exec(`PRAGMA user_version = 2`)
	db.Close()
	before, _ := os.ReadFile(path)
	var out, errb bytes.Buffer
	code := run([]string{"--db", path, "list"}, nil, &out, &errb)
	if code != 2 || strings.Contains(errb.String(), "SQL logic") || strings.Contains(errb.String(), "no such table") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

// corrupt overwrites the root page of the entry table.
func corrupt(t *testing.T, path string) {
	t.Helper()
	db, _ := sql.Open("sqlite", path)
	var root, size int
	db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'entry'`).Scan(&root)
	db.QueryRow(`PRAGMA page_size`).Scan(&size)
	db.Close()
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	defer f.Close()
	f.WriteAt(bytes.Repeat([]byte{0x5a, 0x13}, size/2), int64(root-1)*int64(size))
}

// Issue 12 §3: a damaged database is explained, and list never shows an
// unreadable report as clean.
func TestCorruptDatabaseIsNeverShownClean(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	corrupt(t, n.db)
	out, errs, code := n.run("list")
	if code != 0 || !strings.Contains(out, "无法读取") || !strings.Contains(errs, "已损坏") {
		t.Errorf("list of a damaged database: exit %d\n%s\n%s", code, out, errs)
	}
	js, _, _ := n.run("list", "--json")
	var lines []map[string]any
	json.Unmarshal([]byte(js), &lines)
	if len(lines) != 1 || lines[0]["unreadable"] != true || lines[0]["errors"] != nil {
		t.Errorf("list --json: %s", js)
	}
	_, errs, code = n.run("get", id)
	if code != 2 || !strings.Contains(errs, "已损坏") || !strings.Contains(errs, "备份") || strings.Contains(errs, "malformed") {
		t.Errorf("get: exit %d %s", code, errs)
	}
}

// Issue 12 §3: nianbao backup writes a dated copy next to the database.
func TestBackupCommand(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	p := n.ok("backup")
	if filepath.Dir(p) != filepath.Dir(n.db) || !strings.Contains(filepath.Base(p), "备份-"+time.Now().Format("2006")) {
		t.Errorf("backup at %s", p)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--db", p, "get", id, "meta.agency"}, nil, &out, &errb); code != 0 || strings.TrimSpace(out.String()) != "平罗县司法局" {
		t.Errorf("the backup: %d %s %s", code, out.String(), errb.String())
	}
	if _, errs, code := n.run("backup", p); code != 2 || !strings.Contains(errs, "已存在") {
		t.Errorf("backup over a file: %d %s", code, errs)
	}
}

// Issue 12 §5: KEY=@FILE reads UTF-16 with a BOM and GB18030; binary and
// invalid text are refused.
func TestValueFileEncodings(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte("记事本保存的文字\r\n第二行"))
	be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte("大端文字"))
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("旧编辑器的文字"))
	for _, c := range []struct{ file, want string }{{write("le.txt", le), "记事本保存的文字\n第二行"}, {write("be.txt", be), "大端文字"},
		{write("gbk.txt", gbk), "旧编辑器的文字"}} {
		n.ok("set", id, "s6.text=@"+c.file)
		if got := n.values(id)["s6.text"]; got != c.want {
			t.Errorf("%s: %q", filepath.Base(c.file), got)
		}
	}
	bin := make([]byte, 3000)
	for i := range bin {
		bin[i] = byte(i*131 + i/7)
	}
	for _, file := range []string{write("bin.dat", bin), write("zip.txt", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00文字")), write("bad.txt", []byte{0xff, 0xff, 0xff, 'a'})} {
		if _, errs, code := n.run("set", id, "s6.text=@"+file); code != 2 || !strings.Contains(errs, "不是文本文件") {
			t.Errorf("%s: exit %d %s", filepath.Base(file), code, errs)
		}
	}
	if got := n.values(id)["s6.text"]; got != "旧编辑器的文字" {
		t.Errorf("a refused file changed the value: %q", got)
	}
}

// Issue 12 §5: years no format covers, an empty agency and an endless text
// are refused; everything exported can be imported again.
func TestBadValuesAreRefused(t *testing.T) {
	n := newNB(t)
	id := n.ok("new", "--org", "测试局", "--year", "2024")
	next := strconv.Itoa(time.Now().Year() + 2)
	for _, kv := range []string{"meta.year=20245", "meta.year=9223372036854775807", "meta.year=" + next, "meta.year=2018",
		"meta.agency=", "meta.agency=  ", "s6.text=" + strings.Repeat("字", app.MaxFieldChars+1)} {
		if _, errs, code := n.run("set", id, kv); code != 2 || errs == "" {
			t.Errorf("%.40s accepted: exit %d", kv, code)
		}
	}
	v := n.values(id)
	if v["meta.year"] != float64(2024) || v["meta.agency"] != "测试局" || v["s6.text"] != "" {
		t.Errorf("a refused value was stored: %v %v", v["meta.year"], v["meta.agency"])
	}
	n.ok("set", id, "s6.text=@"+writeBig(t))
	file := filepath.Join(t.TempDir(), "r.json")
	n.ok("export", id, "--format", "json", "-o", file)
	n.ok("import", file)
}

func writeBig(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "big.txt")
	os.WriteFile(p, []byte(strings.Repeat("政府信息公开工作稳步推进。", 28000)), 0o644)
	return p
}

// Issue 12 §6: control characters in names (an escape sequence that sets
// the window title and clears the screen) are removed on input and never
// printed from data.
func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	n := newNB(t)
	evil := "\x1b]0;PWNED\a\x1b[2J红字局\u009b31m"
	id := n.ok("new", "--org", evil, "--year", "2024")
	n.ok("set", id, "s1.parts.zhudong.heading=标题\x1b[5m闪", "s6.text=第一行\n第二行\x07")
	out, errs, _ := n.run("list")
	out2, errs2, _ := n.run("get", id)
	out3, _, _ := n.run("check", id)
	for _, s := range []string{out, errs, out2, errs2, out3} {
		if strings.ContainsAny(s, "\x1b\a\u009b") {
			t.Errorf("control characters printed: %q", s)
		}
	}
	v := n.values(id)
	if v["meta.agency"] != "]0;PWNED[2J红字局31m" || v["s6.text"] != "第一行\n第二行" {
		t.Errorf("stored: %q %q", v["meta.agency"], v["s6.text"])
	}
	// A message echoing input carries no escape either.
	if _, errs, _ := n.run("set", id, "s3.xinshou.ziranren=\x1b[2J"); strings.Contains(errs, "\x1b") {
		t.Errorf("message: %q", errs)
	}
	// Imported titles are cleaned too.
	file := filepath.Join(t.TempDir(), "r.json")
	n.ok("export", id, "--format", "json", "-o", file)
	b, _ := os.ReadFile(file)
	b = bytes.Replace(b, []byte(`"agency": "`), []byte(`"agency": "\u001b[2J`), 1)
	os.WriteFile(file, b, 0o644)
	n.ok("import", file)
	if out, _, _ := n.run("list"); strings.Contains(out, "\x1b") {
		t.Errorf("imported agency printed raw: %q", out)
	}
}

// Issue 12 §7: --db "" is refused; commands that only read say that a
// database is missing and create nothing.
func TestMissingOrEmptyDatabasePath(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--db", "", "list"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--db") {
		t.Errorf(`--db "": %d %s`, code, errb.String())
	}
	dir := filepath.Join(t.TempDir(), "nope")
	db := filepath.Join(dir, "x.db")
	for _, args := range [][]string{{"list"}, {"get", "1"}, {"check", "1"}, {"history", "1"}, {"export", "1", "--format", "json"}, {"backup"}} {
		errb.Reset()
		code := run(append([]string{"--db", db}, args...), nil, &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), "不存在") {
			t.Errorf("%s on a missing database: %d %s", args[0], code, errb.String())
		}
		if _, err := os.Stat(dir); err == nil {
			t.Fatalf("%s created %s", args[0], dir)
		}
	}
}

// Issue 12 §7: export names and targets.
func TestExportPaths(t *testing.T) {
	n := newNB(t)
	long := strings.Repeat("某某市某某区人民政府办公室", 10)
	id := n.ok("new", "--org", long, "--year", "2024")
	dir := t.TempDir()
	_, errs, code := n.run("export", id, "--format", "docx", "--format", "json", "-o", dir)
	if code != 0 {
		t.Fatalf("a long agency name: exit %d %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		base := filepath.Base(f)
		if len(base) > 255 || !strings.HasPrefix(base, "某某市某某区") || !strings.Contains(base, "2024年") {
			t.Errorf("name %q (%d bytes)", base, len(base))
		}
	}
	if len(files) != 2 {
		t.Errorf("files: %v", files)
	}
	if _, errs, code := n.run("export", id, "--format", "docx", "-o", filepath.Join(dir, "x.txt")); code != 2 || !strings.Contains(errs, "扩展名") {
		t.Errorf("-o x.txt --format docx: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.txt")); err == nil {
		t.Error("x.txt written")
	}
	// A killed export's temporary file is cleaned on the next run; one of a
	// running process is not.
	dead := filepath.Join(dir, ".nianbao-999999999-123")
	live := filepath.Join(dir, ".nianbao-"+strconv.Itoa(os.Getppid())+"-456")
	os.WriteFile(dead, make([]byte, 1000), 0o600)
	os.WriteFile(live, nil, 0o600)
	n.ok("export", id, "--format", "json", "-o", filepath.Join(dir, "y.json"))
	if _, err := os.Stat(dead); err == nil {
		t.Error("a killed export's temporary file is still there")
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("a running process's temporary file was removed")
	}
}

// Issue 12 §8: 30 exports of an unchanged report with 1 MB of prose add
// less than 1 MB to the database (each added a full copy: 32 MB).
func TestUnchangedExportsAddLittle(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	n.ok("set", id, "s1.lead=@"+writeBig(t))
	file := filepath.Join(t.TempDir(), "e.json")
	n.ok("export", id, "--format", "json", "-o", file, "--force")
	size := func() int64 {
		var s int64
		for _, x := range []string{"", "-wal"} {
			if st, err := os.Stat(n.db + x); err == nil {
				s += st.Size()
			}
		}
		return s
	}
	before := size()
	for i := 0; i < 30; i++ {
		n.ok("export", id, "--format", "json", "-o", file, "--force")
	}
	grown := size() - before
	t.Logf("30 unchanged exports: +%d bytes", grown)
	if grown >= 1<<20 {
		t.Errorf("30 unchanged exports added %d bytes", grown)
	}
}

// Issue 12 §9: a panic is an internal error: exit 3, a Chinese message,
// the stack in a log file next to the database.
func TestPanicExitsThreeWithALog(t *testing.T) {
	n := newNB(t)
	n.ok("demo")
	commands["boom"] = command{usage: "boom", run: func(*cli) int { panic("测试用的意外") }}
	defer delete(commands, "boom")
	_, errs, code := n.run("boom")
	if code != 3 || !strings.Contains(errs, "内部出错") {
		t.Fatalf("panic: exit %d %s", code, errs)
	}
	logs, _ := filepath.Glob(filepath.Join(filepath.Dir(n.db), "nianbao-内部错误-*.log"))
	if len(logs) != 1 || !strings.Contains(errs, logs[0]) {
		t.Fatalf("log: %v %s", logs, errs)
	}
	b, _ := os.ReadFile(logs[0])
	if !strings.Contains(string(b), "测试用的意外") || !strings.Contains(string(b), "goroutine") {
		t.Errorf("log content: %s", b)
	}
}

// Issue 12 §9: undelete says what is true.
func TestUndeleteMessages(t *testing.T) {
	n := newNB(t)
	id := n.ok("demo")
	if _, errs, code := n.run("undelete", id); code != 2 || strings.Contains(errs, "没有编号") || !strings.Contains(errs, "没有被删除") {
		t.Errorf("undelete of a live report: %d %s", code, errs)
	}
	n.ok("delete", id)
	if _, errs, code := n.run("undelete", id); code != 0 || !strings.Contains(errs, "已从回收站恢复") {
		t.Errorf("undelete: %d %s", code, errs)
	}
}

// Issue 12 §17: nianbao keys lists every canonical key with its label.
func TestKeysCommand(t *testing.T) {
	n := newNB(t)
	for format, want := range map[string]string{"2021": "s6.fee_yuan\t", "2019": "s3.r6.ziranren\t"} {
		out := n.ok("keys", "--format", format)
		lines := strings.Split(out, "\n")
		if len(lines) < 200 || !strings.Contains(out, "s3.xinshou.ziranren\t表三") || !strings.Contains(out, want) {
			t.Errorf("keys --format %s: %d lines", format, len(lines))
		}
		if !strings.Contains(out, "s3.r7.ziranren\t") || !strings.Contains(out, "（自动计算）") {
			t.Errorf("computed keys not marked (%s)", format)
		}
	}
	var keys []map[string]any
	json.Unmarshal([]byte(n.ok("keys", "--json")), &keys)
	if len(keys) < 200 || keys[0]["key"] != "meta.format" {
		t.Errorf("keys --json: %v", keys[:1])
	}
	if _, _, code := n.run("keys", "--format", "2018"); code != 2 {
		t.Error("an unknown format")
	}
	if _, err := os.Stat(n.db); err == nil {
		t.Error("keys created a database")
	}
}

// docs/keys.md is what the format definitions say (regenerate it with
// NIANBAO_UPDATE_DOCS=1 when a definition changes).
func TestDocsKeysAreCurrent(t *testing.T) {
	want := keysMarkdown()
	if os.Getenv("NIANBAO_UPDATE_DOCS") == "1" {
		if err := os.WriteFile("docs/keys.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("docs/keys.md")
	if err != nil || string(got) != want {
		t.Errorf("docs/keys.md is out of date: NIANBAO_UPDATE_DOCS=1 go test -run TestDocsKeys . (%v)", err)
	}
}

// What the TUI's framework prints on a panic (on os.Stderr, while the
// screen is taken) is caught for the log.
func TestCatchStderr(t *testing.T) {
	saved := os.Stderr
	restore := catchStderr()
	os.Stderr.WriteString("Caught panic:\r\n\r\ngoroutine 1 [running]:\r\n")
	got := restore()
	if os.Stderr != saved || !strings.Contains(string(got), "goroutine 1 [running]") {
		t.Errorf("caught %q", got)
	}
}
