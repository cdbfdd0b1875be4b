package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// nb runs the command line in-process on a database and returns stdout,
// stderr and the exit code.
type nbT struct {
	t  *testing.T
	db string
}

func newNB(t *testing.T) *nbT {
	return &nbT{t, filepath.Join(t.TempDir(), "nb.db")}
}

func (n *nbT) run(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := run(append([]string{"--db", n.db}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func (n *nbT) ok(args ...string) string {
	n.t.Helper()
	out, errs, code := n.run(args...)
	if code != 0 {
		n.t.Fatalf("nianbao %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return strings.TrimSpace(out)
}

func (n *nbT) values(id string) map[string]any {
	n.t.Helper()
	var g struct {
		Values   map[string]any `json:"values"`
		Computed []string       `json:"computed"`
	}
	if err := json.Unmarshal([]byte(n.ok("get", id, "--json")), &g); err != nil {
		n.t.Fatal(err)
	}
	return g.Values
}

type finding struct{ Rule, Level, Key, Message string }

func (n *nbT) check(id string) ([]finding, int) {
	n.t.Helper()
	out, errs, code := n.run("check", id, "--json")
	var fs []finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		n.t.Fatalf("check --json: %v (%s)", err, errs)
	}
	return fs, code
}

func has(fs []finding, rule, level, key string) bool {
	for _, f := range fs {
		if f.Rule == rule && f.Level == level && f.Key == key {
			return true
		}
	}
	return false
}

// seedSets are the seed report's table numbers (importer/testdata/fixtures/pingluo-sifaju-2020.txt).
var seedSets = func() []string {
	s := []string{
		"s2.a20_1.guizhang.xin_zhizuo=0", "s2.a20_1.guizhang.xin_gongkai=0", "s2.a20_1.guizhang.gongkai_zongshu=0",
		"s2.a20_1.guifanxing.xin_zhizuo=3", "s2.a20_1.guifanxing.xin_gongkai=3", "s2.a20_1.guifanxing.gongkai_zongshu=3",
		"s2.a20_5.xuke.shangnian_shuliang=1", "s2.a20_5.xuke.zengjian=+1 项", "s2.a20_5.xuke.jueding=0",
		"s2.a20_5.qita_fuwu.shangnian_shuliang=16", "s2.a20_5.qita_fuwu.zengjian=0", "s2.a20_5.qita_fuwu.jueding=0",
		"s2.a20_6.chufa.shangnian_shuliang=4", "s2.a20_6.chufa.zengjian=0", "s2.a20_6.chufa.jueding=0",
		"s2.a20_6.qiangzhi.shangnian_shuliang=0", "s2.a20_6.qiangzhi.zengjian=0", "s2.a20_6.qiangzhi.jueding=0",
		"s2.a20_8.shoufei.shangnian_shuliang=0", "s2.a20_8.shoufei.zengjian=0",
		"s2.a20_9.caigou.xiangmu_shuliang=0", "s2.a20_9.caigou.zong_jine=0",
	}
	rows := []string{"xinshou", "shangnian_jiezhuan", "r1", "r2", "r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8",
		"r4_1", "r4_2", "r4_3", "r5_1", "r5_2", "r5_3", "r5_4", "r5_5", "r6", "jiezhuan_xianian"}
	for _, r := range rows {
		for _, c := range []string{"ziranren", "shangye_qiye", "keyan_jigou", "shehui_gongyi", "falv_fuwu", "qita"} {
			s = append(s, "s3."+r+"."+c+"=0")
		}
	}
	for _, g := range []string{"fuyi", "susong_zhijie", "susong_fuyihou"} {
		for _, c := range []string{"weichi", "jiuzheng", "qita", "weijie"} {
			s = append(s, "s4."+g+"."+c+"=0")
		}
	}
	return s
}()

func TestSeedNumbersThroughSet(t *testing.T) {
	n := newNB(t)
	id := n.ok("new", "--org", "平罗县司法局", "--year", "2020")
	if v := n.values(id)["meta.format"]; v != "2019" {
		t.Fatalf("2020 defaults to the 2019 format, got %v", v)
	}
	fs, code := n.check(id)
	if code != 0 || len(fs) < 150 {
		t.Fatalf("an empty report has blanks (R5 warnings) and no errors: exit %d, %d findings", code, len(fs))
	}
	n.ok(append([]string{"set", id}, seedSets...)...)
	v := n.values(id)
	for k, want := range map[string]any{"s2.a20_5.xuke.zengjian": 1.0, "s2.a20_1.guifanxing.xin_gongkai": 3.0,
		"s3.r7.zongji": 0.0, "s3.xinshou.zongji": 0.0, "s4.fuyi.zongji": 0.0, "s2.a20_9.caigou.zong_jine": "0"} {
		if v[k] != want {
			t.Errorf("%s = %v, want %v", k, v[k], want)
		}
	}
	fs, code = n.check(id)
	for _, f := range fs {
		switch f.Rule {
		case "R1", "R2", "R3", "R4", "R5":
			t.Errorf("the seed's tables hold R1–R5 to the number, got %+v", f)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	// Its 五 is still empty here: R11.
	if !has(fs, "R11", "warning", "s5") {
		t.Error("empty 五 must be flagged")
	}
}

func TestR1ErrorExitsOneUntilCorrected(t *testing.T) {
	n := newNB(t)
	id := n.ok("new", "--org", "测试县某局", "--year", "2025")
	n.ok("set", id, "s3.xinshou.ziranren=5", "s3.shangnian_jiezhuan.ziranren=0", "s3.r1.ziranren=3", "s3.jiezhuan_xianian.ziranren=1")
	fs, code := n.check(id)
	if code != 1 || !has(fs, "R1", "error", "s3.r7.ziranren") {
		t.Fatalf("R1: exit %d %+v", code, fs)
	}
	out, _, _ := n.run("check", id)
	if !strings.Contains(out, "本年新收 5 + 上年结转 0 = 5，办理结果总计 3 + 结转下年度 1 = 4，相差 1") {
		t.Errorf("text output: %s", out)
	}
	n.ok("set", id, "s3.r2.ziranren=1")
	if fs, code := n.check(id); code != 0 || has(fs, "R1", "error", "s3.r7.ziranren") {
		t.Errorf("corrected: exit %d", code)
	}
}

func TestSetRefusesBadInputAndStoresNothing(t *testing.T) {
	n := newNB(t)
	id := n.ok("new", "--org", "测试县某局", "--year", "2025")
	for _, bad := range []string{"s3.xinshou.keyan_jigou=abc", "s3.xinshou.falv_fuwu=-3", "s3.xinshou.zongji=99",
		"s2.a20_9.caigou.zong_jine=5", "s3.nosuch.x=1", "s3.xinshou.qita=1.5", "novalue"} {
		_, errs, code := n.run("set", id, "s3.xinshou.ziranren=7", bad)
		if code != 2 || errs == "" {
			t.Errorf("%s: exit %d", bad, code)
		}
		if v := n.values(id)["s3.xinshou.ziranren"]; v != nil {
			t.Fatalf("%s: a refused call stored s3.xinshou.ziranren = %v", bad, v)
		}
	}
	_, errs, _ := n.run("set", id, "s3.xinshou.keyan_jigou=abc")
	if !strings.Contains(errs, "表三「一、本年新收政府信息公开申请数量」行「科研机构」列") || !strings.Contains(errs, "不是数字") {
		t.Errorf("message must name the cell in Chinese: %s", errs)
	}
	if _, _, code := n.run("set", "999", "s3.xinshou.ziranren=1"); code != 2 {
		t.Error("unknown id")
	}
	n.ok("set", id, "s3.xinshou.shangye_qiye=１２", "s3.xinshou.qita=1,234")
	v := n.values(id)
	if v["s3.xinshou.shangye_qiye"] != 12.0 || v["s3.xinshou.zongji"] != 1246.0 {
		t.Errorf("full-width and separators: %v %v", v["s3.xinshou.shangye_qiye"], v["s3.xinshou.zongji"])
	}
	n.ok("set", id, "s3.xinshou.qita=")
	if n.values(id)["s3.xinshou.qita"] != nil {
		t.Error("KEY= clears the cell")
	}
	// KEY=@FILE, in UTF-8 with BOM or in GB18030.
	dir := t.TempDir()
	utf := filepath.Join(dir, "a.txt")
	os.WriteFile(utf, []byte("\ufeff第一段。\r\n第二段。\r\n"), 0o644)
	gb := filepath.Join(dir, "b.txt")
	enc, _ := simplifiedchinese.GB18030.NewEncoder().String("本年度未收取信息处理费。")
	os.WriteFile(gb, []byte(enc), 0o644)
	n.ok("set", id, "s1.lead=@"+utf, "s6.text=@"+gb)
	v = n.values(id)
	if v["s1.lead"] != "第一段。\n第二段。" || v["s6.text"] != "本年度未收取信息处理费。" {
		t.Errorf("@FILE: %q %q", v["s1.lead"], v["s6.text"])
	}
	if out := n.ok("get", id, "s1.lead"); out != "第一段。\n第二段。" {
		t.Errorf("get one key prints the value alone: %q", out)
	}
}

func TestNewFromCarriesForward(t *testing.T) {
	n := newNB(t)
	a := n.ok("new", "--org", "测试县某局", "--year", "2024")
	n.ok("set", a, "s3.jiezhuan_xianian.ziranren=1", "s3.jiezhuan_xianian.qita=2", "s2.a20_1.guifanxing.youxiao=12", "s1.lead=去年的导语")
	b := n.ok("new", "--org", "测试县某局", "--year", "2025", "--from", a)
	v := n.values(b)
	for k, want := range map[string]any{"s3.shangnian_jiezhuan.ziranren": 1.0, "s3.shangnian_jiezhuan.qita": 2.0,
		"s3.shangnian_jiezhuan.zongji": 3.0, "s2.a20_1.guifanxing.youxiao": 12.0, "s1.lead": "去年的导语",
		"s3.xinshou.ziranren": nil, "meta.title": "测试县某局2025年政府信息公开工作年度报告"} {
		if v[k] != want {
			t.Errorf("%s = %v, want %v", k, v[k], want)
		}
	}
	// R6 against last year once the clerk changes 上年结转.
	n.ok("set", b, "s3.shangnian_jiezhuan.ziranren=0")
	if fs, _ := n.check(b); !has(fs, "R6", "warning", "s3.shangnian_jiezhuan.ziranren") {
		t.Error("R6 must compare with the 2024 report")
	}

	// 2020 (2019 format) → 2021: lists what could not be mapped.
	d := n.ok("demo")
	out, errs, code := n.run("new", "--org", "平罗县司法局", "--year", "2021", "--from", d)
	if code != 0 {
		t.Fatal(errs)
	}
	nv := n.values(strings.TrimSpace(out))
	if nv["meta.format"] != "2021" || nv["s3.shangnian_jiezhuan.zongji"] != 0.0 {
		t.Errorf("2021 from 2020: %v %v", nv["meta.format"], nv["s3.shangnian_jiezhuan.zongji"])
	}
	for _, want := range []string{"对外公开总数量", "政府集中采购", "其他对外管理服务事项", "信息处理费"} {
		if !strings.Contains(errs, want) {
			t.Errorf("carry notes do not mention %s:\n%s", want, errs)
		}
	}
	if _, _, code := n.run("new", "--org", "x", "--year", "2025", "--from", b); code != 2 {
		t.Error("from a report of the same year must be refused")
	}
	if _, _, code := n.run("new", "--org", "x", "--year", "2017"); code != 2 {
		t.Error("years before 2019 are refused")
	}
}

func TestJSONRoundTripAndForeignDB(t *testing.T) {
	n := newNB(t)
	d := n.ok("demo")
	file := filepath.Join(t.TempDir(), "r.json")
	n.ok("export", d, "--format", "json", "-o", file)
	if _, errs, code := n.run("export", d, "--format", "json", "-o", file); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("an existing file needs --force: %d %s", code, errs)
	}
	n.ok("export", d, "--format", "json", "-o", file, "--force")
	r := n.ok("import", file)
	a, b := n.values(d), n.values(r)
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s: %v → %v", k, v, b[k])
		}
	}
	hist := n.ok("history", d)
	if !strings.Contains(hist, "导出") {
		t.Errorf("export must be recorded in the history: %s", hist)
	}

	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("not a database"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"list", "--db", bad}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "不是 nianbao 数据库") {
		t.Errorf("foreign file: %d %s", code, errb.String())
	}
	if b, _ := os.ReadFile(bad); string(b) != "not a database" {
		t.Error("foreign file changed")
	}
}

func TestUsage(t *testing.T) {
	n := newNB(t)
	if out := n.ok("help"); !strings.Contains(out, "政府信息公开工作年度报告") || !strings.Contains(out, "new") {
		t.Errorf("help: %s", out)
	}
	if out := n.ok("help", "set"); !strings.Contains(out, "用法：nianbao") {
		t.Errorf("help set: %s", out)
	}
	if _, _, code := n.run("bogus"); code != 2 {
		t.Error("unknown command")
	}
	if _, errs, code := n.run("list", "--bogus"); code != 2 || !strings.Contains(errs, "不认识的选项") {
		t.Error("unknown flag")
	}
	if _, _, code := n.run("new", "--year", "2025"); code != 2 {
		t.Error("new without --org")
	}
	// --db after the subcommand.
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--db", n.db}, nil, &out, &errb); code != 0 {
		t.Error(errb.String())
	}
}

func TestExportSeveralFormats(t *testing.T) {
	n := newNB(t)
	d := n.ok("demo")
	dir := t.TempDir()
	_, errs, code := n.run("export", d, "--format", "docx", "--format", "xlsx", "--format", "txt", "--encoding", "gb18030", "-o", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	for _, ext := range []string{"docx", "xlsx", "txt"} {
		p := filepath.Join(dir, "平罗县司法局2020年政府信息公开工作年度报告."+ext)
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
		if !strings.Contains(errs, p) {
			t.Errorf("written path not reported: %s", errs)
		}
	}
	// A refusal writes nothing: one of the files exists.
	os.Remove(filepath.Join(dir, "平罗县司法局2020年政府信息公开工作年度报告.xlsx"))
	if _, _, code := n.run("export", d, "--format", "xlsx", "--format", "docx", "-o", dir); code != 2 {
		t.Error("existing docx must refuse the whole export")
	}
	if _, err := os.Stat(filepath.Join(dir, "平罗县司法局2020年政府信息公开工作年度报告.xlsx")); err == nil {
		t.Error("nothing may be written when one target is refused")
	}
	if _, errs, code := n.run("export", d, "--format", "docx", "--fonts", "fancy", "-o", dir); code != 2 || !strings.Contains(errs, "--fonts") {
		t.Errorf("bad --fonts: %d %s", code, errs)
	}
	// An export of a report with errors works but says so.
	n.ok("set", d, "s3.xinshou.ziranren=3")
	_, errs, code = n.run("export", d, "--format", "html", "-o", dir)
	if code != 0 || !strings.Contains(errs, "错误") || !strings.Contains(errs, "草稿") {
		t.Errorf("draft export: %d %s", code, errs)
	}
}

func TestImportPublishedReport(t *testing.T) {
	n := newNB(t)
	fixture := filepath.Join("importer", "testdata", "fixtures", "pingtan-2021.txt")
	out, errs, code := n.run("import", fixture)
	id := strings.TrimSpace(out)
	if code != 0 || id == "" || !strings.Contains(errs, "平潭综合实验区 2021 年度报告") {
		t.Fatalf("import: %d %q %s", code, out, errs)
	}
	v := n.values(id)
	if v["s3.xinshou.zongji"] != 70.0 || v["s2.a20_8.shoufei.jine_wanyuan"] != "24252.311082" {
		t.Errorf("imported values: %v %v", v["s3.xinshou.zongji"], v["s2.a20_8.shoufei.jine_wanyuan"])
	}
	// --json: everything on stdout.
	out, _, code = n.run("import", filepath.Join("importer", "testdata", "fixtures", "pingtan-junshan-pianqu-2022.txt"), "--json")
	var res struct {
		ID        string           `json:"id"`
		Kind      string           `json:"kind"`
		CellsRead int              `json:"cells_read"`
		Findings  []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || res.ID == "" || res.CellsRead != 200 {
		t.Fatalf("--json: %v %s", err, out)
	}
	errors := 0
	for _, f := range res.Findings {
		if f["level"] == "error" {
			errors++
		}
	}
	if errors != 5 {
		t.Errorf("the published report's own errors: %d", errors)
	}
	// Next year from the imported report.
	next := n.ok("new", "--org", "平潭综合实验区", "--year", "2022", "--from", id)
	if n.values(next)["s3.shangnian_jiezhuan.ziranren"] != 1.0 {
		t.Error("上年结转 = imported 结转下年度")
	}
	// Nothing readable: exit 2, a Chinese message, nothing created.
	bad := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(bad, []byte("会议纪要\n今天开会。"), 0o644)
	before := n.ok("list", "--json")
	if _, errs, code := n.run("import", bad); code != 2 || !strings.Contains(errs, "年度报告") {
		t.Errorf("garbage: %d %s", code, errs)
	}
	if n.ok("list", "--json") != before {
		t.Error("a refused import must create nothing")
	}
}
