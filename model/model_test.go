package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// s3Rows2021 lists 表三's 2021 rows in order, to type a table as published.
var s3Rows2021 = []string{"xinshou", "shangnian_jiezhuan", "r1", "r2",
	"r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8",
	"r4_1", "r4_2", "r4_3", "r5_1", "r5_2", "r5_3", "r5_4", "r5_5",
	"r6_1", "r6_2", "r6_3", "r7", "jiezhuan_xianian"}

var s3ColKeys = []string{"ziranren", "shangye_qiye", "keyan_jigou", "shehui_gongyi", "falv_fuwu", "qita", "zongji"}

// fill types a table's rows (as published, totals included) into a report;
// printed totals must equal the computed ones.
func fill(t *testing.T, r *Report, table string, rows []string, cols []string, data [][]int64) {
	t.Helper()
	for i, row := range rows {
		for j, col := range cols {
			key := table + "." + row + "." + col
			if r.IsComputedKey(key) {
				continue
			}
			if err := r.SetCell(key, Int(data[i][j])); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, row := range rows {
		for j, col := range cols {
			key := table + "." + row + "." + col
			if v, _ := r.Cell(key); v.N != data[i][j] {
				t.Errorf("%s: computed %d, published %d", key, v.N, data[i][j])
			}
		}
	}
}

// pingtan2021 is 平潭综合实验区 2021 (fixtures/pingtan-2021.txt), typed by hand.
func pingtan2021(t *testing.T) *Report {
	r := New(Format2021, "平潭综合实验区", 2021)
	for k, v := range map[string]string{
		"s2.a20_1.guizhang.zhifa": "0", "s2.a20_1.guizhang.feizhi": "0", "s2.a20_1.guizhang.youxiao": "0",
		"s2.a20_1.guifanxing.zhifa": "69", "s2.a20_1.guifanxing.feizhi": "3", "s2.a20_1.guifanxing.youxiao": "665",
		"s2.a20_5.xuke.jueding": "2293", "s2.a20_6.chufa.jueding": "1282", "s2.a20_6.qiangzhi.jueding": "42",
		"s2.a20_8.shoufei.jine_wanyuan": "24252.311082", "s6.fee_yuan": "0",
		"s6.text":                  "2021年，无收取信息处理费情况。",
		"s1.parts.yishenqing.text": "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
		"s5.wenti":                 "政策解读形式不够丰富。", "s5.gaijin": "一是丰富政策解读形式。", "s5.shangnian_zhenggai": "已整改。",
	} {
		if err := r.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	z := []int64{0, 0, 0, 0, 0, 0, 0}
	fill(t, r, "s3", s3Rows2021, s3ColKeys, [][]int64{
		{64, 0, 0, 2, 0, 4, 70}, z, {27, 0, 0, 2, 0, 1, 30}, {5, 0, 0, 0, 0, 0, 5},
		z, z, z, z, {1, 0, 0, 0, 0, 0, 1}, z, {6, 0, 0, 0, 0, 0, 6}, {1, 0, 0, 0, 0, 0, 1},
		{22, 0, 0, 0, 0, 3, 25}, z, z, z, z, z, z, z, z, z, {1, 0, 0, 0, 0, 0, 1},
		{63, 0, 0, 2, 0, 4, 69}, {1, 0, 0, 0, 0, 0, 1},
	})
	fill(t, r, "s4", []string{"fuyi", "susong_zhijie", "susong_fuyihou"}, []string{"weichi", "jiuzheng", "qita", "weijie", "zongji"},
		[][]int64{{1, 0, 2, 0, 3}, {12, 0, 0, 0, 12}, {0, 0, 0, 0, 0}})
	return r
}

// pingtan2022 is 平潭综合实验区 2022 (fixtures/pingtan-2022.txt), typed by hand.
func pingtan2022(t *testing.T) *Report {
	r := New(Format2021, "平潭综合实验区", 2022)
	for k, v := range map[string]string{
		"s2.a20_1.guizhang.zhifa": "0", "s2.a20_1.guizhang.feizhi": "0", "s2.a20_1.guizhang.youxiao": "0",
		"s2.a20_1.guifanxing.zhifa": "88", "s2.a20_1.guifanxing.feizhi": "55", "s2.a20_1.guifanxing.youxiao": "698",
		"s2.a20_5.xuke.jueding": "10690", "s2.a20_6.chufa.jueding": "2113", "s2.a20_6.qiangzhi.jueding": "0",
		"s2.a20_8.shoufei.jine_wanyuan": "9116.36", "s6.fee_yuan": "0",
		"s6.text":               "2022年，无收取信息处理费情况。",
		"s1.parts.zhudong.text": "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。",
		"s1.parts.yishenqing.text": "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。" +
			"2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。",
		"s5.wenti": "一是重大行政决策预公开程度需进一步加强。", "s5.gaijin": "一是丰富意见征集形式。",
	} {
		if err := r.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	z := []int64{0, 0, 0, 0, 0, 0, 0}
	fill(t, r, "s3", s3Rows2021, s3ColKeys, [][]int64{
		{71, 3, 0, 0, 0, 0, 74}, {1, 0, 0, 0, 0, 0, 1}, {21, 0, 0, 0, 0, 0, 21}, {8, 1, 0, 0, 0, 0, 9},
		z, z, z, z, {1, 0, 0, 0, 0, 0, 1}, {2, 0, 0, 0, 0, 0, 2}, {1, 0, 0, 0, 0, 0, 1}, z,
		{37, 0, 0, 0, 0, 0, 37}, z, z, z, z, z, z, z, {2, 0, 0, 0, 0, 0, 2}, z, {0, 2, 0, 0, 0, 0, 2},
		{72, 3, 0, 0, 0, 0, 75}, z,
	})
	fill(t, r, "s4", []string{"fuyi", "susong_zhijie", "susong_fuyihou"}, []string{"weichi", "jiuzheng", "qita", "weijie", "zongji"},
		[][]int64{{0, 1, 1, 0, 2}, {1, 0, 0, 0, 1}, {0, 0, 0, 0, 0}})
	return r
}

func rules(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestFormatsAsData(t *testing.T) {
	cases := []struct {
		f                *Format
		s2, s3rows, cell int
	}{
		{Format2019, 22, 23, 22 + 161 + 15},
		{Format2021, 10, 25, 10 + 175 + 15},
	}
	for _, c := range cases {
		n2 := 0
		for _, tb := range c.f.TablesOf(2) {
			n2 += len(tb.Rows) * len(tb.Cols)
		}
		if n2 != c.s2 {
			t.Errorf("%s: 表二 has %d cells, want %d", c.f.ID, n2, c.s2)
		}
		s3 := c.f.Table("s3")
		if len(s3.Rows) != c.s3rows || len(s3.Cols) != 7 {
			t.Errorf("%s: 表三 %d×%d", c.f.ID, len(s3.Rows), len(s3.Cols))
		}
		if c.f.NumCells() != c.cell {
			t.Errorf("%s: %d cells, want %d", c.f.ID, c.f.NumCells(), c.cell)
		}
		if len(c.f.Table("s4").Cols)*len(c.f.Table("s4").Rows) != 15 {
			t.Errorf("%s: 表四 not 15 cells", c.f.ID)
		}
		for i, want := range []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
			"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"} {
			if c.f.Sections[i].Heading != want {
				t.Errorf("%s: section %d = %q", c.f.ID, i, c.f.Sections[i].Heading)
			}
		}
	}
	// Rows under 三 (20 / 22 in the official count include （七）).
	count := func(f *Format) int {
		n := 0
		for _, r := range f.Table("s3").Rows {
			if r.Head == S3Results {
				n++
			}
		}
		return n
	}
	if count(Format2019) != 20 || count(Format2021) != 22 {
		t.Errorf("rows under 三: %d / %d, want 20 / 22", count(Format2019), count(Format2021))
	}
	for key, want := range map[string]string{
		"s2.a20_1.guifanxing.xin_zhizuo": "表二第二十条第（一）项「规范性文件」行「本年新制作数量」列",
		"s3.r3_3.ziranren":               "表三「（三）不予公开3.危及“三安全一稳定”」行「自然人」列",
		"s3.xinshou.shehui_gongyi":       "表三「一、本年新收政府信息公开申请数量」行「社会公益组织」列",
	} {
		f := Format2019
		c, ok := f.Cell(key)
		if !ok || c.Label() != want {
			t.Errorf("%s: %q", key, c.Label())
		}
	}
	c, _ := Format2021.Cell("s2.a20_1.guifanxing.youxiao")
	if c.Label() != "表二第二十条第（一）项「行政规范性文件」行「现行有效件数」列" {
		t.Errorf("2021 label: %s", c.Label())
	}
	if _, ok := Format2021.Cell("s2.a20_9.caigou.zong_jine"); ok {
		t.Error("2021 format has no 第二十条第（九）项")
	}
	if Format2021.Table("s3").Corner != "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" {
		t.Error("corner note")
	}
	for y, want := range map[int]string{2019: "2019", 2020: "2019", 2021: "2021", 2026: "2021"} {
		if f := FormatForYear(y); f == nil || f.ID != want {
			t.Errorf("year %d → %v", y, f)
		}
	}
	if FormatForYear(2018) != nil {
		t.Error("2018 has no format")
	}
}

func TestComputedTotalsCannotBeTyped(t *testing.T) {
	r := New(Format2021, "某局", 2025)
	for _, k := range []string{"s3.xinshou.zongji", "s3.r7.ziranren", "s3.r7.zongji", "s4.fuyi.zongji"} {
		err := r.Set(k, "3")
		if err == nil || !strings.Contains(err.Error(), "自动计算") {
			t.Errorf("%s: %v", k, err)
		}
	}
	r.Set("s3.xinshou.ziranren", "5")
	r.Set("s3.xinshou.qita", "1,234")
	r.Set("s3.r1.ziranren", "3")
	r.Set("s3.r6_3.qita", "2")
	for k, want := range map[string]int64{"s3.xinshou.zongji": 1239, "s3.r7.ziranren": 3, "s3.r7.qita": 2, "s3.r7.zongji": 5} {
		if v, _ := r.Cell(k); v.N != want || !v.Set {
			t.Errorf("%s = %d, want %d", k, v.N, want)
		}
	}
	// A blank cell stays blank, distinct from 0.
	if v, _ := r.Cell("s3.xinshou.keyan_jigou"); v.Set {
		t.Error("untyped cell should be blank")
	}
	r.Set("s3.xinshou.keyan_jigou", "0")
	if v, _ := r.Cell("s3.xinshou.keyan_jigou"); !v.Set || v.N != 0 {
		t.Error("0 should be set")
	}
	r.Set("s3.xinshou.keyan_jigou", "")
	if v, _ := r.Cell("s3.xinshou.keyan_jigou"); v.Set {
		t.Error("empty input clears the cell")
	}
}

func TestSetRefusesOtherFormatAndUnknownKeys(t *testing.T) {
	r := New(Format2021, "某局", 2025)
	for key, want := range map[string]string{
		"s2.a20_9.caigou.zong_jine":      "不属于本报告的格式",
		"s2.a20_1.guifanxing.xin_zhizuo": "不属于本报告的格式",
		"s3.r6.ziranren":                 "不属于本报告的格式",
		"s3.nosuch.ziranren":             "没有这一项",
		"s1.parts.foo.text":              "没有这一部分",
		"meta.format":                    "格式不能修改",
	} {
		if err := r.Set(key, "1"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", key, err)
		}
	}
	r19 := New(Format2019, "某局", 2020)
	if err := r19.Set("s6.fee_yuan", "0"); err == nil {
		t.Error("2019 format has no fee amount")
	}
	if err := r19.Set("s2.a20_5.xuke.zengjian", "+1 项"); err != nil {
		t.Error(err)
	}
	if v, _ := r19.Cell("s2.a20_5.xuke.zengjian"); v.N != 1 || v.Format(Signed) != "+1" {
		t.Errorf("zengjian %v", v)
	}
	if err := r19.Set("s2.a20_9.caigou.zong_jine", "7730.28万元"); err != nil {
		t.Fatal(err)
	}
	if v, _ := r19.Cell("s2.a20_9.caigou.zong_jine"); v.D != "7730.28" || v.Unit != "万元" {
		t.Errorf("amount %+v", v)
	}
	r19.Set("s2.a20_9.caigou.zong_jine", "8000")
	if v, _ := r19.Cell("s2.a20_9.caigou.zong_jine"); v.D != "8000" || v.Unit != "万元" {
		t.Errorf("unit should be kept: %+v", v)
	}
}

func TestSetAllIsAllOrNothing(t *testing.T) {
	r := New(Format2021, "某局", 2025)
	err := r.SetAll([][2]string{{"s3.xinshou.ziranren", "5"}, {"s3.xinshou.qita", "abc"}})
	if err == nil || !strings.Contains(err.Error(), "表三「一、本年新收政府信息公开申请数量」行「其他」列") {
		t.Fatalf("error should name the cell: %v", err)
	}
	if v, _ := r.Cell("s3.xinshou.ziranren"); v.Set {
		t.Error("nothing of a refused call may be stored")
	}
}

func TestPartsOrderAndExtras(t *testing.T) {
	r := New(Format2021, "某局", 2025)
	if err := r.Set("s1.parts.extra_1.heading", "（三）人大代表建议和政协委员提案办理情况"); err != nil {
		t.Fatal(err)
	}
	if err := r.Set("s1.parts.extra_1.order", "3"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, p := range r.Parts {
		got = append(got, PartNumber(i)+p.Heading)
	}
	want := "（一）主动公开 （二）依申请公开 （三）人大代表建议和政协委员提案办理情况 （四）政府信息管理 （五）政府信息公开平台建设 （六）监督保障"
	if strings.Join(got, " ") != want {
		t.Errorf("parts: %s", strings.Join(got, " "))
	}
	back, problems := FromEntries(Format2021, 2025, r.Entries())
	if len(problems) > 0 || len(back.Parts) != 6 || back.Parts[2].Key != "extra_1" {
		t.Errorf("entries round trip: %v %v", problems, back.Parts)
	}
}

func TestEntriesRoundTrip(t *testing.T) {
	r := pingtan2021(t)
	r.Published = map[string]Value{"s3.r7.zongji": Int(69), "s4.fuyi.zongji": {}}
	r.Deviations = []Deviation{{Key: "s3.xinshou.shehui_gongyi", Found: "社会组织", Canonical: "社会公益组织"}}
	back, problems := FromEntries(Format2021, 2021, r.Entries())
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	if d := Diff(r.Entries(), back.Entries()); len(d) != 0 {
		t.Errorf("round trip differs: %v", d)
	}
	if v := back.Published["s4.fuyi.zongji"]; v.Set {
		t.Error("printed blank total must stay blank")
	}
}

func TestJSONRoundTripIsLossless(t *testing.T) {
	for _, r := range []*Report{pingtan2021(t), Demo()} {
		r.Published = map[string]Value{"s3.r7.zongji": Int(1)}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalReport(b)
		if err != nil {
			t.Fatal(err)
		}
		if d := Diff(r.Entries(), back.Entries()); len(d) != 0 || back.Year != r.Year || back.Format != r.Format {
			t.Errorf("JSON round trip differs: %v", d)
		}
	}
	var m map[string]any
	b, _ := json.Marshal(pingtan2021(t))
	json.Unmarshal(b, &m)
	fee := m["s2"].(map[string]any)["a20_8"].(map[string]any)["shoufei"].(map[string]any)["jine_wanyuan"]
	if fee != "24252.311082" {
		t.Errorf("decimals travel as strings: %#v", fee)
	}
	if _, err := UnmarshalReport([]byte(`{"meta":{}}`)); err == nil {
		t.Error("a foreign JSON file must be refused")
	}
	bad := strings.Replace(string(b), `"ziranren":64`, `"ziranren":-64`, 1)
	if _, err := UnmarshalReport([]byte(bad)); err == nil || !strings.Contains(err.Error(), "负数") {
		t.Errorf("a negative count in JSON must be refused: %v", err)
	}
}

func TestDemoIsTheSeedReport(t *testing.T) {
	r := Demo()
	if r.Meta.Agency != "平罗县司法局" || r.Year != 2020 || r.Format.ID != "2019" {
		t.Fatalf("demo: %s %d %s", r.Meta.Agency, r.Year, r.Format.ID)
	}
	for k, want := range map[string]string{
		"s2.a20_1.guifanxing.xin_zhizuo": "3", "s2.a20_1.guifanxing.gongkai_zongshu": "3",
		"s2.a20_5.xuke.shangnian_shuliang": "1", "s2.a20_5.xuke.zengjian": "+1",
		"s2.a20_5.qita_fuwu.shangnian_shuliang": "16", "s2.a20_6.chufa.shangnian_shuliang": "4",
		"s2.a20_9.caigou.zong_jine": "0", "s3.r7.zongji": "0", "s4.fuyi.zongji": "0",
	} {
		c, _ := r.Format.Cell(k)
		if got := r.Value(c).Format(c.Kind()); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if len(r.Blanks()) != 0 {
		t.Errorf("demo has %d blank cells", len(r.Blanks()))
	}
	if len(r.Parts) != 6 || r.Parts[2].Heading != "人大代表建议和政协委员提案办理情况" || r.Parts[4].Key != "pingtai" {
		t.Errorf("parts: %+v", r.Parts)
	}
	if !strings.Contains(r.Parts[0].Text, "落实信息发布主体责任") || strings.Contains(r.Parts[0].Text, "**") {
		t.Error("the paragraph cut by a page break must be joined and bold markers removed")
	}
}
