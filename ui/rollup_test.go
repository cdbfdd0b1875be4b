package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/home"
	"nianbao/ui/styles"
)

const fixtures = "../importer/testdata/fixtures"

func (x *harness) importFixture(file string) int64 {
	x.t.Helper()
	res, err := app.ReadImportFile(context.Background(), filepath.Join(fixtures, file), app.ImportOptions{})
	if err != nil {
		x.t.Fatal(err)
	}
	id, err := x.m.c.App.StoreImport(res)
	if err != nil {
		x.t.Fatal(err)
	}
	return id
}

func (x *harness) findings() []model.Finding { return x.m.editor.Doc().Findings }

func count(fs []model.Finding, rule string, l model.Level) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule && f.Level == l && !f.Dismissed {
			n++
		}
	}
	return n
}

// The 汇总 page: members with their counts; Enter opens one, a figure
// typed there shows as R13 on the roll-up when Esc comes back, F3 sums
// again (one Ctrl+Z undoes it); the cell under the cursor names the
// members' figures.
func TestRollupPage(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {80, 24}} {
		x := newHarness(t, styles.Default, size[0], size[1])
		a := x.importFixture("pingtan-2022.txt")
		x.importFixture("pingtan-junshan-pianqu-2022.txt")
		res, err := x.m.c.App.Rollup(app.RollupOptions{Org: "平潭全区汇总", Year: 2022, Names: []string{"平潭综合实验区", "平潭综合实验区君山片区管理局", "平潭县财政局"}})
		if err != nil {
			t.Fatal(err)
		}
		x.send(home.ReloadMsg{})
		x.send(home.OpenMsg{ID: res.ID})
		s := x.screen()
		checkSize(t, s, size[0], size[1])
		for _, want := range []string{"汇总：3 个成员", "汇总 3 个成员（1 个缺少）；各格等于成员之和", "平潭综合实验区君", "平潭县财政局", "缺少：没有 2022 年度报告"} {
			if !strings.Contains(s, want) {
				t.Fatalf("%v: %q missing:\n%s", size, want, s)
			}
		}
		x.key("enter") // into the page: the first member
		if st := x.screen(); !strings.Contains(st, "平潭综合实验区（编号 2）：错误 0、警告 3") {
			t.Errorf("status line:\n%s", st)
		}
		x.key("enter")
		if x.m.editor == nil || x.m.editor.ID() != a {
			t.Fatal("Enter opens the member")
		}
		// 表三 of the member: 本年新收 自然人 71 → 80.
		x.m.editor.Update(nil)
		for x.m.editor.Selected() != "s3" {
			x.key("down")
		}
		x.key("enter")
		x.typeText("80")
		x.key("enter")
		if v, _ := x.stored(a).Cell("s3.xinshou.ziranren"); v != model.Int(80) {
			t.Fatalf("member saved %+v", v)
		}
		x.key("esc", "esc")
		if x.m.editor == nil || x.m.editor.ID() != res.ID {
			t.Fatal("Esc comes back to the roll-up")
		}
		if n := count(x.findings(), "R13", model.Error); n != 1 {
			t.Fatalf("R13 after the member changed: %d", n)
		}
		s = x.screen()
		if !strings.Contains(s, "1 格与成员之和不符") {
			t.Errorf("page:\n%s", s)
		}
		x.key("enter", "f3")
		if n := count(x.findings(), "R13", model.Error); n != 0 || !strings.Contains(x.screen(), "1 格有变化") {
			t.Fatalf("after F3: %d\n%s", n, x.screen())
		}
		if v, _ := x.stored(res.ID).Cell("s3.xinshou.ziranren"); v != model.Int(80) { // 80 + 君山 0
			t.Errorf("stored after F3: %+v", v)
		}
		x.key("esc", "ctrl+z")
		if n := count(x.findings(), "R13", model.Error); n != 1 {
			t.Errorf("undo: %d", n)
		}
		x.key("ctrl+y")
		// 表三 of the roll-up: the status line names the members' figures.
		for x.m.editor.Selected() != "s3" {
			x.key("down")
		}
		x.key("enter")
		if st := x.statusText(); !strings.Contains(st, "= 各成员之和 80：平潭综合实验区 80；其余 2 个成员未填或为 0") {
			t.Errorf("contributions:\n%s", st)
		}
		checkSize(t, x.screen(), size[0], size[1])
	}
}

// 检查结果: F4 on a warning asks the reason; the warning then is greyed,
// not counted, kept in the database; F4 again counts it again. An 错误
// cannot be.
func TestDismissInChecks(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.m.c.App.SetUser("王科员")
	id := x.importFixture("pingtan-2022.txt")
	x.send(home.ReloadMsg{})
	x.send(home.OpenMsg{ID: id})
	x.key("f7")
	warnings := func() int {
		return count(x.findings(), "R9", model.Warning) + count(x.findings(), "R14", model.Warning)
	}
	before := warnings()
	if !strings.Contains(x.screen(), "错误 0 · 警告 3") {
		t.Fatalf("header:\n%s", x.screen())
	}
	for !strings.HasPrefix(x.selectedFinding().Rule, "R9") {
		x.key("down")
	}
	x.key("f4")
	if !strings.Contains(x.screen(), "标记为已核实") {
		t.Fatalf("dialog:\n%s", x.screen())
	}
	x.key("enter", "enter") // no reason: refused
	if !strings.Contains(x.screen(), "请写明理由") {
		t.Errorf("empty reason:\n%s", x.screen())
	}
	x.typeText("正文口径含上年结转")
	x.key("enter", "enter")
	s := x.screen()
	if warnings() != before-1 || !strings.Contains(s, "错误 0 · 警告 2") || !strings.Contains(s, "已核实（1）") ||
		!strings.Contains(s, "理由：正文口径含上年结转") {
		t.Fatalf("dismissed:\n%s", s)
	}
	_, fs, _ := x.m.c.App.Check(id)
	found := false
	for _, f := range fs {
		found = found || f.Dismissed && f.By == "王科员" && f.Reason == "正文口径含上年结转"
	}
	if !found {
		t.Error("not stored")
	}
	for !x.selectedFinding().Dismissed {
		x.key("down")
	}
	x.key("f4")
	if warnings() != before || !strings.Contains(x.screen(), "错误 0 · 警告 3") {
		t.Errorf("counted again:\n%s", x.screen())
	}
	// An 错误 cannot be.
	js := x.importFixture("pingtan-junshan-pianqu-2022.txt")
	x.key("esc", "esc")
	x.send(home.OpenMsg{ID: js})
	x.key("f7", "f4")
	if f := x.selectedFinding(); f.Level != model.Error || !strings.Contains(x.screen(), "这是错误，必须改正") {
		t.Errorf("an error:\n%s", x.screen())
	}
}

func (x *harness) selectedFinding() model.Finding {
	f, _ := x.m.editor.CheckSelected()
	return f
}

// F4 on a folder, 全部导入: the table of files, the reports listed.
func TestImportFolderInTheDialog(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"pingtan-2022.txt", "pingtan-junshan-pianqu-2022.txt"} {
		b, _ := os.ReadFile(filepath.Join(fixtures, f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "空.txt"), nil, 0o644)
	for _, size := range [][2]int{{100, 30}, {80, 24}} {
		x := newHarness(t, styles.Default, size[0], size[1])
		x.key("f4")
		x.typeText(dir)
		x.key("enter")
		if !strings.Contains(x.screen(), "全部导入") {
			t.Fatalf("folder:\n%s", x.screen())
		}
		x.key("tab", "enter")
		s := x.screen()
		checkSize(t, s, size[0], size[1])
		for _, want := range []string{"新建 2", "新建 3", "未导入：文件是空的", "共 3 个文件：新建 2 份报告"} {
			if !strings.Contains(s, want) {
				t.Errorf("%v: %q missing:\n%s", size, want, s)
			}
		}
		x.key("enter")
		if s := x.screen(); !strings.Contains(s, "平潭综合实验区君山") || strings.Contains(s, "导入已发布的报告") {
			t.Errorf("list:\n%s", s)
		}
	}
}

// statusText is the two status lines joined (a message wraps at any
// character).
func (x *harness) statusText() string {
	lines := strings.Split(x.screen(), "\n")
	n := len(lines)
	return strings.TrimSpace(lines[n-3]) + strings.TrimSpace(lines[n-2])
}
