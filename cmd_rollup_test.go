package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtureDir = "importer/testdata/fixtures"

func copyFixture(t *testing.T, name, to string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// import DIR: good files, the same report twice, an old .doc, an empty
// file and garbage. One new id a line, the table of every file, nothing
// duplicated (also when the folder is imported again), exit 0.
func TestImportFolder(t *testing.T) {
	n := newNB(t)
	dir := t.TempDir()
	copyFixture(t, "pingtan-2022.txt", filepath.Join(dir, "平潭2022.txt"))
	copyFixture(t, "pingtan-2022.txt", filepath.Join(dir, "平潭2022（副本）.txt"))
	copyFixture(t, "pingtan-junshan-pianqu-2022.txt", filepath.Join(dir, "君山.txt"))
	copyFixture(t, "pingluo-sifaju-2020.txt", filepath.Join(dir, "平罗.md"))
	os.WriteFile(filepath.Join(dir, "旧版.doc"), append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 600)...), 0o644)
	os.WriteFile(filepath.Join(dir, "空.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "乱码.txt"), []byte{0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0x00}, 0o644)
	os.WriteFile(filepath.Join(dir, "~$锁.docx"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "子文件夹"), 0o755)

	out, errs, code := n.run("import", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ids := strings.Fields(out)
	if len(ids) != 3 {
		t.Fatalf("ids %q\n%s", out, errs)
	}
	for _, want := range []string{"文件", "单位", "读到", "错误/警告", "平潭综合实验区君山片区管理局", "2021版",
		"已有（编号 ", "这是旧版 Word（.doc）", "文件是空的", "乱码.txt", "新建 3 份报告，1 份已在数据库中（跳过），3 个文件没有导入"} {
		if !strings.Contains(errs, want) {
			t.Errorf("table lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "~$锁") || strings.Contains(errs, "子文件夹") {
		t.Errorf("lock files and folders are left out:\n%s", errs)
	}
	// 君山 2022: 0 new, published (七)总计 0 but rows 5 → its 错误 are shown.
	for _, l := range strings.Split(errs, "\n") {
		if strings.HasPrefix(l, "君山.txt") && !strings.Contains(l, "5/0") {
			t.Errorf("君山 line: %s", l)
		}
	}
	// Again: nothing new, exit 2.
	out, errs, code = n.run("import", dir)
	if code != 2 || strings.TrimSpace(out) != "" || !strings.Contains(errs, "新建 0 份报告，4 份已在数据库中") {
		t.Errorf("second import: exit %d %q %s", code, out, errs)
	}
	var list []map[string]any
	json.Unmarshal([]byte(n.ok("list", "--json")), &list)
	if len(list) != 3 {
		t.Errorf("%d reports listed", len(list))
	}
	if _, _, code := n.run("import", dir, "--org", "某局"); code != 2 {
		t.Error("--org with a folder")
	}
}

// rollup on the command line: the id alone on stdout, R13 after a member
// changes, --refresh, a member of another year refused with exit 2;
// dismiss and undismiss with check --json's id.
func TestRollupAndDismissCommands(t *testing.T) {
	n := newNB(t)
	dir := t.TempDir()
	copyFixture(t, "pingtan-2022.txt", filepath.Join(dir, "a.txt"))
	copyFixture(t, "pingtan-junshan-pianqu-2022.txt", filepath.Join(dir, "b.txt"))
	ids := strings.Fields(n.ok("import", dir))
	p21 := n.ok("import", filepath.Join(fixtureDir, "pingtan-2021.txt"))
	r := n.ok("rollup", "--org", "平潭全区", "--year", "2022", ids[0], ids[1])
	if v := n.values(r)["s3.xinshou.zongji"]; v != 74.0 {
		t.Errorf("roll-up 新收 %v", v)
	}
	n.ok("set", ids[1], "s3.xinshou.ziranren=3")
	fs, code := n.check(r)
	if code != 1 || !has(fs, "R13", "error", "s3.xinshou.ziranren") {
		t.Errorf("R13: exit %d %v", code, fs)
	}
	_, errs, code := n.run("rollup", "--refresh", r)
	if code != 0 || !strings.Contains(errs, "1 格有变化") {
		t.Errorf("refresh: %d %s", code, errs)
	}
	if fs, _ := n.check(r); has(fs, "R13", "error", "s3.xinshou.ziranren") {
		t.Error("R13 after refresh")
	}
	_, errs, code = n.run("rollup", "--org", "混合", "--year", "2022", ids[0], p21)
	if code != 2 || !strings.Contains(errs, "2021 年度") {
		t.Errorf("another year: %d %s", code, errs)
	}
	for _, args := range [][]string{{"rollup", "--org", "x", "--year", "2022"}, {"rollup", "--refresh", ids[0]},
		{"rollup", "--org", "x", "--year", "2022", "--all", ids[0]}, {"rollup", "--org", "x", "--year", "2022", "999"}} {
		if _, _, code := n.run(args...); code != 2 {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	all := n.ok("rollup", "--org", "全部", "--year", "2022", "--all")
	if v := n.values(all)["s3.xinshou.zongji"]; v != 77.0 { // 71 + 3 (changed above) + 3
		t.Errorf("--all leaves out roll-ups: %v", v)
	}
	list := filepath.Join(t.TempDir(), "名单.txt")
	os.WriteFile(list, []byte("平潭综合实验区\n还没有导入的局\n"), 0o644)
	_, errs, code = n.run("rollup", "--org", "名单", "--year", "2022", "--members", list)
	if code != 0 || !strings.Contains(errs, "还没有导入的局") {
		t.Errorf("--members: %d %s", code, errs)
	}

	// Review: check --json's id, dismiss, the fields, the count, undismiss.
	out, _, _ := n.run("check", ids[0], "--json")
	var got []map[string]any
	json.Unmarshal([]byte(out), &got)
	fid := ""
	for _, f := range got {
		if f["level"] == "warning" && f["kind"] == nil {
			fid, _ = f["id"].(string)
			break
		}
	}
	if fid == "" {
		t.Fatalf("no warning with an id: %s", out)
	}
	if _, _, code := n.run("dismiss", ids[0], fid); code != 2 {
		t.Error("dismiss without a reason")
	}
	n.ok("dismiss", ids[0], fid, "--reason", "正文口径为全区，已核实")
	out, _, _ = n.run("check", ids[0], "--json")
	got = nil
	json.Unmarshal([]byte(out), &got)
	found := false
	for _, f := range got {
		if f["id"] == fid {
			found = true
			if f["dismissed"] != true || f["reason"] != "正文口径为全区，已核实" || f["by"] == "" || f["at"] == "" {
				t.Errorf("dismissed finding: %v", f)
			}
		}
	}
	if !found {
		t.Error("a dismissed finding stays listed")
	}
	text := n.ok("check", ids[0])
	if !strings.Contains(text, "已核实") || !strings.Contains(text, "正文口径为全区") {
		t.Errorf("check shows the review:\n%s", text)
	}
	n.ok("undismiss", ids[0], fid)
	if _, _, code := n.run("undismiss", ids[0], fid); code != 2 {
		t.Error("undismiss twice")
	}
}
