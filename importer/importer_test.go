package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"nianbao/export"
	"nianbao/internal/sample"
	"nianbao/model"
)

// Copies of shared/fixtures, so the tests run on a clean checkout.
const fixtures = "testdata/fixtures"

func readFixture(t *testing.T, name string) *Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	res, err := Read(name, b, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// sameCells compares every cell (blank read as blank) with a report whose
// values were typed by hand from the fixture.
func sameCells(t *testing.T, got, want *model.Report) {
	t.Helper()
	if got.Format != want.Format {
		t.Fatalf("format %s, want %s", got.Format.ID, want.Format.ID)
	}
	for _, k := range want.Format.CellKeys() {
		a, _ := got.Cell(k)
		w, _ := want.Cell(k)
		if a != w {
			t.Errorf("%s = %+v, want %+v", k, a, w)
		}
	}
}

func rulesOf(fs []model.Finding, rule string) []model.Finding {
	var out []model.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestSeedFixture(t *testing.T) {
	res := readFixture(t, "pingluo-sifaju-2020.txt")
	r := res.Report
	if r.Meta.Agency != "平罗县司法局" || r.Year != 2020 || r.Format.ID != "2019" {
		t.Fatalf("%s %d %s", r.Meta.Agency, r.Year, r.Format.ID)
	}
	// FORMAT.md §11: 表二 as printed (+1 项 read as +1), every 表三 and 表四
	// number 0; 138 blank cells in 表三 and 13 in 表四 (151 in all), of
	// which 7 are totals printed blank.
	want := model.Demo()
	for _, k := range r.Format.CellKeys() {
		a, _ := r.Cell(k)
		w, _ := want.Cell(k)
		if a.N != w.N || a.D != w.D {
			t.Errorf("%s = %+v, want %+v", k, a, w)
		}
	}
	if v, _ := r.Cell("s2.a20_5.xuke.zengjian"); v.N != 1 || !v.Set {
		t.Errorf("+1 项: %+v", v)
	}
	if res.CellsRead != 47 || len(res.Blanks) != 144 || len(res.Uncertain) != 0 {
		t.Errorf("read %d, blanks %d, uncertain %d", res.CellsRead, len(res.Blanks), len(res.Uncertain))
	}
	blankTotals := 0
	for _, v := range r.Published {
		if !v.Set {
			blankTotals++
		}
	}
	if len(r.Published) != 23+6+3 || blankTotals != 7 { // 总计 column, （七）总计 row, 表四 总计
		t.Errorf("published totals %d, printed blank %d", len(r.Published), blankTotals)
	}
	fs := model.Check(r, nil)
	if n := len(rulesOf(fs, "R5")); n != 151 {
		t.Errorf("R5: %d, want 151", n)
	}
	for _, rule := range []string{"R1", "R2", "R3", "R4", "R9", "R10"} {
		if got := rulesOf(fs, rule); len(got) > 0 {
			t.Errorf("%s on the seed: %v", rule, got)
		}
	}
	devs := map[string]string{}
	for _, f := range rulesOf(fs, "R14") {
		devs[f.Key] = f.Message
	}
	if !strings.Contains(devs["s3.xinshou.shehui_gongyi"], "社会组织") || !strings.Contains(devs["meta.title"], "平罗县司法局 2020 年政府信息公开 年度报告") {
		t.Errorf("R14: %v", devs)
	}
	// Preamble, prose and 五 as FORMAT.md §11.1 reads them.
	m := r.Meta
	if m.Period != "2020年1月1日至2020年12月31日" || m.URL != "http://www.pingluo.gov.cn" || m.Contact.Postcode != "753400" ||
		m.Contact.Phone != "0952—6093700" || m.Contact.Fax != "0952—6093700" || m.Contact.Email != "plxsfjbg2010@163.com" ||
		m.Contact.Office != "平罗县司法局办公室" || m.Contact.Address != "平罗县怀远大街与宝丰路交叉口100米处（政务服务中心九楼）" {
		t.Errorf("meta: %+v", m)
	}
	var heads []string
	for _, p := range r.Parts {
		heads = append(heads, p.Key+":"+p.Heading)
	}
	if strings.Join(heads, " ") != "zhudong:主动公开 yishenqing:依申请公开 extra_1:人大代表建议和政协委员提案办理情况 xinxi_guanli:政府信息管理 pingtai:平台建设 jiandu:监督保障" {
		t.Errorf("parts: %v", heads)
	}
	if !strings.Contains(r.Parts[0].Text, "落实信息发布主体责任") || strings.Contains(r.Parts[0].Text, "**") || !strings.Contains(r.Parts[5].Text, "宣泄对立情绪") {
		t.Error("cut paragraphs must be joined and bold markers dropped")
	}
	if !strings.HasPrefix(r.S5.Wenti, "一是网站信息发布审核有待加强") || !strings.HasPrefix(r.S5.Gaijin, "一是严格政府信息公开审核把关") || r.S5.ShangnianZhenggai != "" {
		t.Errorf("五: %q / %q", r.S5.Wenti, r.S5.Gaijin)
	}
	if r.S6Text != "无其他需报告的事项。" {
		t.Errorf("六: %q", r.S6Text)
	}
}

func TestPingtan2021Fixture(t *testing.T) {
	res := readFixture(t, "pingtan-2021.txt")
	sameCells(t, res.Report, sample.Pingtan2021())
	fs := model.Check(res.Report, nil)
	for _, f := range fs {
		if f.Level != model.Info {
			t.Errorf("平潭 2021 deserves no finding: %s %s %s", f.Rule, f.Key, f.Message)
		}
	}
	r := res.Report
	if !r.FeeYuan.Set || r.FeeYuan.D != "0" || r.Meta.Period != "2021年1月1日至2021年12月31日" || r.Meta.Contact.Phone != "0591-23165370" {
		t.Errorf("fee %+v period %q phone %q", r.FeeYuan, r.Meta.Period, r.Meta.Contact.Phone)
	}
	if r.Parts[3].Heading != "平台载体建设" || r.Parts[3].Key != "pingtai" || !strings.HasPrefix(r.Parts[0].Text, "按照“公开为常态") {
		t.Errorf("inline part headings: %+v", r.Parts[3])
	}
	if !strings.HasPrefix(r.S5.Wenti, "政策解读形式不够丰富") || !strings.HasPrefix(r.S5.Gaijin, "一是丰富政策解读形式") {
		t.Errorf("五: %q | %q", r.S5.Wenti, r.S5.Gaijin)
	}
}

func TestPingtan2022Fixture(t *testing.T) {
	res := readFixture(t, "pingtan-2022.txt")
	sameCells(t, res.Report, sample.Pingtan2022())
	fs := model.Check(res.Report, nil)
	// Its 四 heading has a stray 法, and its prose counts 上年结转 into 收到.
	r14 := rulesOf(fs, "R14")
	if len(r14) != 1 || r14[0].Key != "s4" || !strings.Contains(r14[0].Message, "行政法复议") {
		t.Errorf("R14: %v", r14)
	}
	r9 := rulesOf(fs, "R9")
	if len(r9) != 2 {
		t.Errorf("R9: %v", r9)
	}
	for _, rule := range []string{"R1", "R2", "R3", "R4", "R5", "R10", "R11"} {
		for _, f := range rulesOf(fs, rule) {
			if f.Level != model.Info {
				t.Errorf("unexpected %s: %s", rule, f.Message)
			}
		}
	}
	// Without sub-headings, 五 is sorted into problems and measures by words.
	if !strings.Contains(res.Report.S5.Wenti, "还存在一些问题和不足") || !strings.HasPrefix(res.Report.S5.Gaijin, "2023年，我区将采取以下措施加以改进") {
		t.Errorf("五: %q | %q", res.Report.S5.Wenti, res.Report.S5.Gaijin)
	}
}

func TestJunshanFixtureShowsThePublishedErrors(t *testing.T) {
	res := readFixture(t, "pingtan-junshan-pianqu-2022.txt")
	r := res.Report
	if r.Meta.Agency != "平潭综合实验区君山片区管理局" || r.Year != 2022 {
		t.Fatalf("%s %d", r.Meta.Agency, r.Year)
	}
	want := model.New(model.Format2021, "x", 2022)
	for _, k := range want.Format.CellKeys() {
		if !want.IsComputedKey(k) {
			want.SetCell(k, model.Int(0))
		}
	}
	want.SetCell("s2.a20_1.guifanxing.youxiao", model.Int(11))
	want.SetCell("s2.a20_8.shoufei.jine_wanyuan", model.Dec("0"))
	want.SetCell("s3.r4_1.ziranren", model.Int(3))
	want.SetCell("s3.r4_1.qita", model.Int(2))
	sameCells(t, r, want)
	// (七)总计 printed 0 while its rows add up to 5: R2, and R1 on the
	// computed totals; R3 and R4 hold.
	fs := model.Check(r, nil)
	keys := map[string]bool{}
	for _, f := range fs {
		if f.Level == model.Error {
			keys[f.Rule+" "+f.Key] = true
		}
	}
	for _, k := range []string{"R2 s3.r7.ziranren", "R2 s3.r7.qita", "R2 s3.r7.zongji", "R1 s3.r7.ziranren", "R1 s3.r7.qita"} {
		if !keys[k] {
			t.Errorf("missing %s (errors: %v)", k, keys)
		}
	}
	if len(keys) != 5 {
		t.Errorf("errors: %v", keys)
	}
	if r.Meta.SignAgency != "平潭综合实验区君山片区管理局" || r.Meta.SignDate != "2023年1月9日" || strings.Contains(r.S6Text, "抄送") {
		t.Errorf("signature: %q %q, 六 %q", r.Meta.SignAgency, r.Meta.SignDate, r.S6Text)
	}
	if !r.FeeYuan.Set || r.FeeYuan.D != "0" {
		t.Errorf("没有产生信息公开处理费 → fee 0: %+v", r.FeeYuan)
	}
}

// A user's first use: import last year's published report and make this
// year's from it; 上年结转 is last year's 结转下年度.
func TestImportThenNextYear(t *testing.T) {
	res := readFixture(t, "pingtan-2021.txt")
	next, notes, err := model.CarryForward(res.Report, model.Format2021, 2022)
	if err != nil || len(notes) != 0 {
		t.Fatal(err, notes)
	}
	real := readFixture(t, "pingtan-2022.txt").Report
	for _, col := range []string{"ziranren", "shangye_qiye", "keyan_jigou", "shehui_gongyi", "falv_fuwu", "qita", "zongji"} {
		a, _ := next.Cell("s3.shangnian_jiezhuan." + col)
		b, _ := real.Cell("s3.shangnian_jiezhuan." + col)
		c, _ := res.Report.Cell("s3.jiezhuan_xianian." + col)
		if a.N != b.N || a.N != c.N {
			t.Errorf("%s: carried %d, imported 结转 %d, published 2022 上年结转 %d", col, a.N, c.N, b.N)
		}
	}
	if v, _ := next.Cell("s2.a20_1.guifanxing.youxiao"); v.N != 665 {
		t.Errorf("现行有效 carried: %d", v.N)
	}
}

// Reports exported by the program read back with identical values.
func TestRoundTripsThroughOurExports(t *testing.T) {
	for _, r := range []*model.Report{sample.Pingtan2021(), sample.Pingtan2022()} {
		for _, f := range []struct{ format, name string }{
			{"docx", "r.docx"}, {"html", "r.html"}, {"html-fragment", "r.html"}, {"md", "r.md"}, {"txt", "r.txt"}, {"json", "r.json"},
		} {
			var b bytes.Buffer
			if err := export.Render(&b, f.format, r, export.Options{}); err != nil {
				t.Fatal(err)
			}
			res, err := Read(f.name, b.Bytes(), Options{})
			if err != nil {
				t.Fatalf("%s: %v", f.format, err)
			}
			sameCells(t, res.Report, r)
			if len(res.Uncertain) > 0 || res.Report.Meta.Agency != r.Meta.Agency || res.Report.Year != r.Year {
				t.Errorf("%s: uncertain %v, %s %d", f.format, res.Uncertain, res.Report.Meta.Agency, res.Report.Year)
			}
			if got, want := res.Report.Parts[1].Text, r.Parts[1].Text; got != want {
				t.Errorf("%s: 一（二） %q, want %q", f.format, got, want)
			}
		}
	}
}

// pdftotext -layout of the 平潭 2021 report as printed by LibreOffice:
// cells aligned by spaces, labels wrapped over lines, page footers.
func TestPDFText(t *testing.T) {
	b, err := os.ReadFile("testdata/pingtan-2021-pdftotext.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read("report.txt", b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "pdf-text" || len(res.Uncertain) != 0 {
		t.Errorf("kind %s uncertain %v", res.Kind, res.Uncertain)
	}
	sameCells(t, res.Report, sample.Pingtan2021())
	// PDF extraction's spaces between characters are gone from the prose.
	if res.Report.Meta.Agency != "平潭综合实验区" || !strings.Contains(res.Report.Parts[1].Text, "办结69件") ||
		!strings.Contains(res.Report.Meta.Preamble, "本报告电子版可在www.pingtan.gov.cn查阅") {
		t.Errorf("agency %q, 一（二） %q, preamble %q", res.Report.Meta.Agency, res.Report.Parts[1].Text, res.Report.Meta.Preamble)
	}
	// Blank cells in PDF text leave only spaces: the numbers that are
	// there stand under their columns, which the full rows place.
	row := "   3.其他             1   0    0   0   0    0     1"
	blanks := strings.Replace(string(b), row, "   3.其他             1                          1", 1)
	res, err = Read("report.txt", []byte(blanks), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Uncertain) != 0 {
		t.Errorf("uncertain: %v", res.Uncertain)
	}
	for col, want := range map[string]model.Value{"ziranren": model.Int(1), "shangye_qiye": {}, "qita": {}} {
		if v, _ := res.Report.Cell("s3.r6_3." + col); v != want {
			t.Errorf("s3.r6_3.%s = %+v, want %+v", col, v, want)
		}
	}
	if v := res.Report.Published["s3.r6_3.zongji"]; v != model.Int(1) {
		t.Errorf("printed total %+v", v)
	}
	// Numbers that stand between columns cannot be placed: uncertain, not
	// stored, and the check says so.
	short := strings.Replace(string(b), row, "   3.其他             1      1", 1)
	res, err = Read("report.txt", []byte(short), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Uncertain) != 1 || res.Uncertain[0].Count != 2 || res.Uncertain[0].Key != "s3.r6_3" {
		t.Errorf("a row with misaligned numbers must be listed as uncertain: %+v", res.Uncertain)
	}
	if v, _ := res.Report.Cell("s3.r6_3.ziranren"); v.Set {
		t.Error("an uncertain number must not be stored")
	}
	found := false
	for _, f := range model.Check(res.Report, nil) {
		if f.Rule == "R2" && f.Key == "s3.r7.ziranren" {
			found = strings.Contains(f.Message, "可能因导入时 2 个未能确定位置的数字未填入")
		}
	}
	if !found {
		t.Error("R2 must say that unplaced numbers may explain the difference")
	}
}

// A page saved from a CMS that got its table from Word: font tags, nbsp,
// Office markup, upper-case tags.
func TestWordPastedHTML(t *testing.T) {
	var b bytes.Buffer
	r := sample.Pingtan2022()
	export.Render(&b, "html-fragment", r, export.Options{})
	html := b.String()
	html = regexp.MustCompile(`>([^<>]+)<`).ReplaceAllString(html, `><span style="font-family:仿宋_GB2312"><font face="仿宋">$1</font></span><o:p></o:p><`)
	html = strings.ReplaceAll(html, "<td", `<TD valign="center" width="88"`)
	html = strings.ReplaceAll(html, "</td>", "&nbsp;</TD>")
	page := `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><title>年报</title><script>var x="<p>一、总体情况</p>";</script></head><body><div class="article">` +
		html + `</div></body></html>`
	res, err := Read("page.htm", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameCells(t, res.Report, r)
	if len(res.Uncertain) != 0 || res.Kind != "html" {
		t.Errorf("%s %v", res.Kind, res.Uncertain)
	}
}

func TestOverridesAndRefusals(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "pingtan-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read("x.txt", b, Options{Org: "某县某局", Year: 2021})
	if err != nil || res.Report.Meta.Agency != "某县某局" {
		t.Errorf("--org: %v %v", res, err)
	}
	for name, data := range map[string][]byte{
		"old.doc":   append([]byte{0xD0, 0xCF, 0x11, 0xE0}, bytes.Repeat([]byte{1}, 100)...),
		"a.pdf":     []byte("%PDF-1.7 ..."),
		"notes.txt": []byte("这是一份会议记录。\n与年度报告无关。"),
		"empty.txt": []byte("   "),
		"bad.docx":  []byte("PK\x03\x04garbage"),
		"bin.txt":   {0, 1, 2, 3, 0xff, 0xfe},
		"bad.json":  []byte(`{"meta":`),
	} {
		res, err := Read(name, data, Options{})
		if err == nil {
			t.Errorf("%s: read as %+v", name, res)
			continue
		}
		if !regexp.MustCompile(`\p{Han}`).MatchString(err.Error()) {
			t.Errorf("%s: message not in Chinese: %v", name, err)
		}
	}
	_, err = Read("old.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0}, 1), Options{})
	if !strings.Contains(err.Error(), "另存为") {
		t.Errorf(".doc: %v", err)
	}
}
