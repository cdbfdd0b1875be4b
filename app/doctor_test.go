package app

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/platform"
)

// healthyEnv is a PC where everything is in order; tests spoil one thing.
func healthyEnv(t *testing.T, db string) DoctorEnv {
	return DoctorEnv{
		Version:      "nianbao 1.0.0（提交 0123456789ab，构建于 2027-01-05，go1.26.8 windows/amd64）",
		DBPath:       db,
		ExportFolder: t.TempDir(),
		GOOS:         "linux",
		TermSize:     func() (int, int, bool) { return 120, 40, true },
		Colors:       "TrueColor",
		FindOffice:   func() (string, error) { return "/usr/bin/soffice", nil },
		Fonts: func() []platform.FontReport {
			var out []platform.FontReport
			for _, f := range platform.OfficialFonts {
				out = append(out, platform.FontReport{Font: f, Installed: true})
			}
			return out
		},
		FreeBytes: func(string) (uint64, error) { return 50 << 30, nil },
	}
}

// demoDB is a database with the demo report, closed.
func demoDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nianbao.db")
	a, err := Open(path, Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Demo(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func byName(cs []DoctorCheck) map[string]DoctorCheck {
	m := map[string]DoctorCheck{}
	for _, c := range cs {
		m[c.Check] = c
	}
	return m
}

// want asserts one line: its verdict, words in its detail and in its fix.
func want(t *testing.T, cs []DoctorCheck, name string, ok bool, detail, fix string) {
	t.Helper()
	c, found := byName(cs)[name]
	if !found {
		t.Fatalf("no check %q in %+v", name, cs)
	}
	if c.OK != ok || !strings.Contains(c.Detail, detail) || !strings.Contains(c.Fix, fix) {
		t.Errorf("%s: ok=%v detail=%q fix=%q; want ok=%v, detail ∋ %q, fix ∋ %q", name, c.OK, c.Detail, c.Fix, ok, detail, fix)
	}
	if !c.OK && c.Fix == "" {
		t.Errorf("%s fails without a fix", name)
	}
}

func TestDoctorHealthy(t *testing.T) {
	db := demoDB(t)
	before, _ := os.ReadFile(db)
	cs := Doctor(context.Background(), healthyEnv(t, db))
	if !DoctorOK(cs) {
		t.Fatalf("not all ok: %+v", cs)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Check)
	}
	got := strings.Join(names, "|")
	wantNames := "程序版本|数据库位置|数据库大小|数据库结构版本|数据库完整性|磁盘剩余空间|窗口大小|颜色|LibreOffice（导出 PDF 用）|字体 仿宋_GB2312|字体 楷体_GB2312|字体 黑体|字体 方正小标宋简体|字体 宋体|导出文件夹"
	if got != wantNames {
		t.Fatalf("checks\n%s\nwant\n%s", got, wantNames)
	}
	want(t, cs, "数据库结构版本", true, "本程序支持到", "")
	want(t, cs, "数据库完整性", true, "integrity_check: ok", "")
	want(t, cs, "磁盘剩余空间", true, "50.0 GB 可用", "")
	want(t, cs, "窗口大小", true, "120 列 × 40 行", "")
	// Doctor only reads: the database file is unchanged.
	after, _ := os.ReadFile(db)
	if string(before) != string(after) {
		t.Fatal("doctor changed the database")
	}
	// The export folder probe leaves nothing behind.
	e := healthyEnv(t, db)
	Doctor(context.Background(), e)
	if left, _ := os.ReadDir(e.ExportFolder); len(left) != 0 {
		t.Fatalf("left %v in the export folder", left)
	}
}

func TestDoctorNoDatabaseYet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new", "nianbao.db")
	cs := Doctor(context.Background(), healthyEnv(t, db))
	want(t, cs, "数据库位置", true, "尚未创建", "")
	want(t, cs, "磁盘剩余空间", true, "可用", "")
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("doctor created the database")
	}
	if !DoctorOK(cs) {
		t.Fatalf("%+v", cs)
	}
}

// A database whose pages were damaged (a disk fault, a copy cut short):
// the integrity line fails and says not to touch it.
func TestDoctorCorruptDatabase(t *testing.T) {
	db := demoDB(t)
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 4*4096 {
		t.Fatalf("database only %d bytes", len(b))
	}
	// Garble the b-tree pages after the schema page.
	for i := 4096 + 8; i < len(b); i += 97 {
		b[i] ^= 0x5a
	}
	os.WriteFile(db, b, 0o600)
	cs := Doctor(context.Background(), healthyEnv(t, db))
	c := byName(cs)["数据库完整性"]
	if c.OK || !strings.Contains(c.Fix, "备份") || !strings.Contains(c.Detail, "有损坏") {
		t.Fatalf("%+v", c)
	}
	if DoctorOK(cs) {
		t.Fatal("a damaged database passes")
	}
}

func TestDoctorNewerSchema(t *testing.T) {
	db := demoDB(t)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	cs := Doctor(context.Background(), healthyEnv(t, db))
	want(t, cs, "数据库结构版本", false, "更新版本", "新版本")
}

func TestDoctorForeignFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(db, []byte("这不是数据库，是一份笔记。\n"), 0o600)
	cs := Doctor(context.Background(), healthyEnv(t, db))
	want(t, cs, "数据库结构版本", false, "不是 nianbao 数据库", "--db")
	if b, _ := os.ReadFile(db); string(b) != "这不是数据库，是一份笔记。\n" {
		t.Fatal("foreign file changed")
	}
}

// An older database (schema 1, from the first release) is reported as
// upgraded on next start, not as a fault.
func TestDoctorOlderSchema(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "store", "testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "v1.db")
	os.WriteFile(db, src, 0o600)
	cs := Doctor(context.Background(), healthyEnv(t, db))
	want(t, cs, "数据库结构版本", true, "下次打开编写界面时会自动升级", "")
	if b, _ := os.ReadFile(db); string(b) != string(src) {
		t.Fatal("doctor upgraded the database")
	}
}

func TestDoctorProblems(t *testing.T) {
	db := demoDB(t)
	e := healthyEnv(t, db)
	e.TermSize = func() (int, int, bool) { return 80, 20, true }
	e.FindOffice = func() (string, error) { return "", errors.New("no") }
	e.FreeBytes = func(string) (uint64, error) { return 50 << 20, nil }
	notDir := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(notDir, nil, 0o600)
	e.ExportFolder = notDir
	e.Fonts = func() []platform.FontReport {
		return []platform.FontReport{
			{Font: platform.OfficialFonts[3], Substitute: "Noto Serif CJK SC"},
			{Font: platform.OfficialFonts[0], Err: platform.ErrNoFontconfig},
		}
	}
	cs := Doctor(context.Background(), e)
	want(t, cs, "窗口大小", false, "80 列 × 20 行，编写界面至少需要 80 × 24", "拖动窗口边缘")
	want(t, cs, "LibreOffice（导出 PDF 用）", false, "不能直接导出 PDF", "应用商店")
	want(t, cs, "磁盘剩余空间", false, "50.0 MB 可用", "磁盘快满了")
	want(t, cs, "导出文件夹", false, "不能写入", "换一个可以写入的文件夹")
	want(t, cs, "字体 方正小标宋简体", false, "会用“Noto Serif CJK SC”代替", "fc-cache")
	// Unknown is not a fault the clerk can fix.
	want(t, cs, "字体 仿宋_GB2312", true, "无法检查", "")
	if DoctorOK(cs) {
		t.Fatal("problems pass")
	}
}

// On Windows: the code page line, the path rules and the Windows advice.
func TestDoctorWindows(t *testing.T) {
	e := healthyEnv(t, `C:\Users\张三\AppData\Roaming\nianbao\CON\nianbao.db`)
	e.GOOS = "windows"
	e.Console = platform.ConsoleState{Console: true, Original: 936, Switched: true}
	e.TermSize = func() (int, int, bool) { return 80, 20, true }
	e.Fonts = func() []platform.FontReport {
		return []platform.FontReport{{Font: platform.OfficialFonts[0], Substitute: "仿宋"}}
	}
	cs := Doctor(context.Background(), e)
	want(t, cs, "控制台代码页", true, "936（简体中文 GBK）；本程序运行期间切换为 65001（UTF-8），退出时恢复", "")
	want(t, cs, "数据库位置", false, "“CON”是 Windows 保留的设备名", "--db")
	want(t, cs, "窗口大小", false, "80 列 × 20 行", "右键单击窗口标题栏 → 属性 → 布局")
	want(t, cs, "字体 仿宋_GB2312", false, "会用“仿宋”代替", "Windows 自带字体")

	e.Console = platform.ConsoleState{Console: true, Original: 936, Err: errors.New("拒绝访问")}
	want(t, Doctor(context.Background(), e), "控制台代码页", false, "切换为 UTF-8 失败", "Windows Terminal")

	// Not on Windows: no code page line.
	e.GOOS = "linux"
	if _, ok := byName(Doctor(context.Background(), e))["控制台代码页"]; ok {
		t.Fatal("code page line on Linux")
	}
}
