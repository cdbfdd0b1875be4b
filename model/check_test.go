package model

import (
	"strconv"
	"strings"
	"testing"
)

func find(fs []Finding, rule, key string) *Finding {
	for i := range fs {
		if fs[i].Rule == rule && fs[i].Key == key {
			return &fs[i]
		}
	}
	return nil
}

func TestSeedReportHoldsR1ToR4(t *testing.T) {
	fs := Check(Demo(), nil)
	for _, rule := range []string{"R1", "R2", "R3", "R4", "R5", "R9", "R10", "R14"} {
		if got := rules(fs, rule); len(got) != 0 {
			t.Errorf("%s on the seed: %v", rule, got)
		}
	}
	if e, _ := Tally(fs); e != 0 {
		t.Errorf("seed has %d errors", e)
	}
	// The seed's prose quotes table figures that agree with its tables.
	r := Demo()
	var claims []Claim
	claims = append(claims, ProseClaims(r, r.Parts[0].Text)...)
	claims = append(claims, ProseClaims(r, r.Parts[1].Text)...)
	if len(claims) != 2 {
		t.Fatalf("claims: %+v", claims)
	}
	if claims[0].Key != "s2.a20_1.guifanxing.xin_zhizuo" || claims[0].Said != 3 || !claims[0].OK() {
		t.Errorf("制定行政规范性文件 3 件: %+v", claims[0])
	}
	if claims[1].Key != "s3.xinshou.zongji" || claims[1].Said != 0 || !claims[1].OK() {
		t.Errorf("未收到…申请: %+v", claims[1])
	}
}

func TestR1ImbalanceNamesColumnAndNumbers(t *testing.T) {
	r := New(Format2021, "测试县某局", 2025)
	r.SetAll([][2]string{{"s3.xinshou.ziranren", "5"}, {"s3.shangnian_jiezhuan.ziranren", "0"},
		{"s3.r1.ziranren", "3"}, {"s3.jiezhuan_xianian.ziranren", "1"}})
	fs := Check(r, nil)
	f := find(fs, "R1", "s3.r7.ziranren")
	if f == nil || f.Level != Error {
		t.Fatalf("no R1 error on 自然人: %v", rules(fs, "R1"))
	}
	want := "表三「自然人」列：本年新收 5 + 上年结转 0 = 5，办理结果总计 3 + 结转下年度 1 = 4，相差 1"
	if f.Message != want {
		t.Errorf("message:\n got %s\nwant %s", f.Message, want)
	}
	if len(rules(fs, "R1")) != 1 {
		t.Errorf("the 总计 column repeats the 自然人 error: %v", rules(fs, "R1"))
	}
	if fs[0].Level != Error {
		t.Error("errors come first")
	}
	r.Set("s3.r2.ziranren", "1")
	if got := rules(Check(r, nil), "R1"); len(got) != 0 {
		t.Errorf("balanced report still has R1: %v", got)
	}
}

func TestFullReportsHaveNoFalseFindings(t *testing.T) {
	r21, r22 := pingtan2021(t), pingtan2022(t)
	fs := Check(r21, nil)
	for _, f := range fs {
		if f.Level != Info {
			t.Errorf("平潭 2021: unexpected %s %s %s", f.Rule, f.Key, f.Message)
		}
	}
	// 2022 against 2021: carry-over (R6) and 现行有效 (R7: 665 + 88 − 55 = 698) hold.
	fs = Check(r22, r21)
	for _, rule := range []string{"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R10"} {
		if got := rules(fs, rule); len(got) != 0 {
			t.Errorf("平潭 2022 %s: %v", rule, got)
		}
	}
	// Its prose counts 新收 + 上年结转 as "收到" (75 = 74 + 1; 自然人 72 = 71 + 1).
	r9 := rules(fs, "R9")
	if len(r9) != 2 {
		t.Fatalf("R9: %v", r9)
	}
	if f := find(r9, "R9", "s3.xinshou.zongji"); f == nil || !strings.Contains(f.Message, "75 是本年新收 74 件与上年结转 1 件之和") {
		t.Errorf("R9 新收: %+v", r9)
	}
	if f := find(r9, "R9", "s3.xinshou.ziranren"); f == nil || !strings.Contains(f.Message, "写 72 件") || !strings.Contains(f.Message, "为 71 件") {
		t.Errorf("R9 自然人: %+v", r9)
	}
	// The same figures when they agree: 行政诉讼 1, 行政复议 2, 698 and 88 规范性文件.
	claims := ProseClaims(r22, r22.Parts[0].Text+r22.Parts[1].Text)
	ok := map[string]int64{}
	for _, c := range claims {
		if c.OK() {
			ok[c.Key] = c.Said
		}
	}
	for k, v := range map[string]int64{"s4.fuyi.zongji": 2, "s4.susong_zhijie.zongji": 1, "s3.xinshou.shangye_qiye": 3,
		"s2.a20_1.guifanxing.youxiao": 698, "s2.a20_1.guifanxing.zhifa": 88} {
		if ok[k] != v {
			t.Errorf("claim %s = %d, want %d (claims %+v)", k, ok[k], v, claims)
		}
	}
}

func TestR9ReadsTheUsualSentences(t *testing.T) {
	r := pingtan2021(t)
	text := "本年度共收到申请71件，办结69件，其中予以公开30件，部分公开5件，不予公开8件，无法提供25件，不予处理0件，1件结转下年度继续办理。被申请行政复议4件，行政诉讼12件。"
	r.Set("s1.lead", text)
	fs := rules(Check(r, nil), "R9")
	got := map[string]string{}
	for _, f := range fs {
		got[f.Key] = f.Message
	}
	if len(fs) != 2 || !strings.Contains(got["s3.xinshou.zongji"], "写 71 件，表三“一、本年新收”总计为 70 件") ||
		!strings.Contains(got["s4.fuyi.zongji"], "写 4 件，表四“行政复议”总计为 3 件") {
		t.Errorf("R9: %v", fs)
	}
	// Documents counted in 条 and a 清理 exercise are not table figures.
	r.Set("s1.lead", "主动公开政府信息2645条，对56件拟保留、65件拟废止的行政规范性文件集中清理，今年共制发公文59件，依申请公开14件。")
	if fs := rules(Check(r, nil), "R9"); len(fs) != 0 {
		t.Errorf("false R9: %v", fs)
	}
}

func TestPublishedTotalsShowThePublishersErrors(t *testing.T) {
	// 君山片区 2022: 本机关不掌握 自然人 3、其他 2、总计 5, but （七）总计 printed 0.
	r := New(Format2021, "平潭综合实验区君山片区管理局", 2022)
	for _, row := range s3Rows2021 {
		for _, col := range s3ColKeys {
			k := "s3." + row + "." + col
			if !r.IsComputedKey(k) {
				r.SetCell(k, Int(0))
			}
		}
	}
	r.SetCell("s3.r4_1.ziranren", Int(3))
	r.SetCell("s3.r4_1.qita", Int(2))
	r.Published = map[string]Value{}
	for _, row := range s3Rows2021 {
		r.Published["s3."+row+".zongji"] = Int(0)
	}
	r.Published["s3.r4_1.zongji"] = Int(5)
	for _, col := range s3ColKeys {
		r.Published["s3.r7."+col] = Int(0)
	}
	// 表四: a 总计 left at 0 while its parts are 10 and 1.
	r.SetCell("s4.fuyi.weichi", Int(10))
	r.SetCell("s4.fuyi.jiuzheng", Int(1))
	r.Published["s4.fuyi.zongji"] = Int(0)
	fs := Check(r, nil)
	if f := find(fs, "R2", "s3.r7.ziranren"); f == nil || !strings.Contains(f.Message, "印刷的（七）总计为 0，但（一）至（六）各项办理结果相加为 3") {
		t.Errorf("R2 自然人: %v", rules(fs, "R2"))
	}
	if f := find(fs, "R2", "s3.r7.zongji"); f == nil || !strings.Contains(f.Message, "相加为 5") {
		t.Errorf("R2 总计: %v", rules(fs, "R2"))
	}
	if f := find(fs, "R1", "s3.r7.ziranren"); f == nil || !strings.Contains(f.Message, "办理结果总计 3") {
		t.Errorf("R1 with computed totals: %v", rules(fs, "R1"))
	}
	if len(rules(fs, "R3")) != 0 {
		t.Errorf("R3 holds row by row: %v", rules(fs, "R3"))
	}
	if f := find(fs, "R4", "s4.fuyi.zongji"); f == nil || !strings.Contains(f.Message, "总计印为 0，但结果维持、结果纠正、其他结果、尚未审结相加为 10 + 1 + 0 + 0 = 11") {
		t.Errorf("R4: %v", rules(fs, "R4"))
	}
}

func TestBlanksFeeAndSection5(t *testing.T) {
	r := New(Format2021, "某局", 2025)
	fs := Check(r, nil)
	// 10 + 175 + 15 cells minus 31 computed in 表三 and 3 in 表四 = 166 typed cells, plus the fee.
	if n := len(rules(fs, "R5")); n != 167 {
		t.Errorf("R5 on an empty report: %d", n)
	}
	if find(fs, "R11", "s5") == nil || find(fs, "R10", "s6.text") == nil {
		t.Error("empty 五 and missing fee statement must be flagged")
	}
	if e, _ := Tally(fs); e != 0 {
		t.Error("an unfinished report has no errors")
	}
	r.Set("s6.fee_yuan", "1,234.5")
	r.Set("s6.text", "本年度收取信息处理费。")
	if f := find(Check(r, nil), "R10", "s6.text"); f == nil || !strings.Contains(f.Message, "1234.5 元") {
		t.Error("a fee not stated in 元 must be flagged")
	}
	r.Set("s6.text", "本年度收取信息处理费1,234.5元。")
	if f := find(Check(r, nil), "R10", "s6.text"); f != nil {
		t.Errorf("fee stated: %v", f)
	}
	r.Set("s6.text", "本年度未收取信息处理费。")
	if f := find(Check(r, nil), "R10", "s6.text"); f == nil {
		t.Error("text says none, amount says 1234.5")
	}
	// A 2019-format table used for a 2021 report is an error (R14).
	old := New(Format2019, "某局", 2021)
	if f := find(Check(old, nil), "R14", "meta.format"); f == nil || f.Level != Error {
		t.Error("2019 format for 2021 must be an R14 error")
	}
}

func TestCrossYearRules(t *testing.T) {
	r21 := pingtan2021(t)
	r22 := pingtan2022(t)
	r22.Set("s3.shangnian_jiezhuan.ziranren", "0")
	r22.Set("s2.a20_1.guifanxing.youxiao", "700")
	fs := Check(r22, r21)
	if f := find(fs, "R6", "s3.shangnian_jiezhuan.ziranren"); f == nil || f.Level != Warning || !strings.Contains(f.Message, "2021 年报告“四、结转下年度继续办理”为 1") {
		t.Errorf("R6: %v", rules(fs, "R6"))
	}
	if f := find(fs, "R7", "s2.a20_1.guifanxing.youxiao"); f == nil || !strings.Contains(f.Message, "上年 665 ＋ 本年制发 88 − 本年废止 55 = 698，相差 2") {
		t.Errorf("R7: %v", rules(fs, "R7"))
	}
	// R8 (2019 → 2020): 上一年项目数量 = last year's + 本年增/减.
	a := New(Format2019, "某局", 2019)
	a.Set("s2.a20_5.xuke.shangnian_shuliang", "3")
	a.Set("s2.a20_5.xuke.zengjian", "-1")
	b := New(Format2019, "某局", 2020)
	b.Set("s2.a20_5.xuke.shangnian_shuliang", "3")
	if f := find(Check(b, a), "R8", "s2.a20_5.xuke.shangnian_shuliang"); f == nil || !strings.Contains(f.Message, "3 ＋ 本年增/减 -1 = 2") {
		t.Errorf("R8: %v", rules(Check(b, a), "R8"))
	}
	// Prose copied unchanged from last year.
	r22.Set("s5.wenti", r21.S5.Wenti+"政务公开渠道有限，在利用政务新媒体开展宣传方面还难以满足群众需要。")
	r21.Set("s5.wenti", r22.S5.Wenti)
	if find(Check(r22, r21), "R15", "s5.wenti") == nil {
		t.Error("identical prose must be flagged")
	}
}

func TestCarryForward(t *testing.T) {
	r21 := pingtan2021(t)
	r21.Set("meta.preamble", "统计期限为2021年1月1日至2021年12月31日。")
	n, notes, err := CarryForward(r21, Format2021, 2022)
	if err != nil || len(notes) != 0 {
		t.Fatal(err, notes)
	}
	for k, want := range map[string]int64{"s3.shangnian_jiezhuan.ziranren": 1, "s3.shangnian_jiezhuan.qita": 0,
		"s3.shangnian_jiezhuan.zongji": 1, "s2.a20_1.guifanxing.youxiao": 665} {
		if v, _ := n.Cell(k); !v.Set || v.N != want {
			t.Errorf("%s = %+v, want %d", k, v, want)
		}
	}
	if v, _ := n.Cell("s3.xinshou.ziranren"); v.Set {
		t.Error("this year's counts stay blank")
	}
	if v, _ := n.Cell("s2.a20_1.guifanxing.zhifa"); v.Set {
		t.Error("this year's 制发 stays blank")
	}
	if n.FeeYuan.Set {
		t.Error("fee stays blank")
	}
	if n.Meta.Title != "平潭综合实验区2022年政府信息公开工作年度报告" || n.Meta.Period != "2022年1月1日至2022年12月31日" ||
		n.Meta.Preamble != "统计期限为2022年1月1日至2022年12月31日。" || n.Parts[1].Text != r21.Parts[1].Text {
		t.Errorf("settings and prose: %q %q %q", n.Meta.Title, n.Meta.Period, n.Meta.Preamble)
	}

	// 2019 → 2020: 上一年项目数量 = 上一年项目数量 + 本年增/减.
	d := Demo()
	d19 := New(Format2019, "平罗县司法局", 2019)
	d19.Set("s2.a20_5.xuke.shangnian_shuliang", "1")
	d19.Set("s2.a20_5.xuke.zengjian", "+1")
	n20, _, _ := CarryForward(d19, Format2019, 2020)
	if v, _ := n20.Cell("s2.a20_5.xuke.shangnian_shuliang"); v.N != 2 {
		t.Errorf("R8 roll-forward: %+v", v)
	}

	// 2020 → 2021 across the format change.
	d.Set("s3.jiezhuan_xianian.ziranren", "2")
	n21, notes, err := CarryForward(d, Format2021, 2021)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := n21.Cell("s3.shangnian_jiezhuan.ziranren"); v.N != 2 {
		t.Error("上年结转 carries across the format change")
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"对外公开总数量", "其他对外管理服务事项", "政府集中采购", "信息处理费", "（六）其他处理"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes do not mention %s:\n%s", want, joined)
		}
	}
	if _, _, err := CarryForward(r21, Format2021, 2021); err == nil {
		t.Error("carry into the same year must be refused")
	}
}

func BenchmarkCheckReport(b *testing.B) {
	t := &testing.T{}
	r := pingtan2022(t)
	prev := pingtan2021(t)
	// A realistic amount of prose: 一 of about 6,000 characters.
	r.Set("s1.lead", strings.Repeat(Demo().Lead, 6))
	r.Set("s1.parts.pingtai.text", strings.Repeat(Demo().Parts[4].Text, 3))
	b.ReportAllocs()
	for b.Loop() {
		Check(r, prev)
	}
}

// BenchmarkCheckReportProseChanged is a check after a keystroke in prose:
// the edited text must be read again.
func BenchmarkCheckReportProseChanged(b *testing.B) {
	t := &testing.T{}
	r := pingtan2022(t)
	prev := pingtan2021(t)
	lead := strings.Repeat(Demo().Lead, 6)
	r.Set("s1.parts.pingtai.text", strings.Repeat(Demo().Parts[4].Text, 3))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		r.Lead = lead + strconv.Itoa(i)
		Check(r, prev)
	}
}

// Sentences written from the tables must read back as agreeing with them
// (R9), and disagree once a table changes.
func TestGeneratedSentencesAgreeWithTables(t *testing.T) {
	r := pingtan2021(t)
	text := ApplicationSentence(r) + ReviewSentence(r) + RegulationSentence(r)
	want := "本年度共收到政府信息公开申请70件，上年结转0件；办结69件，其中予以公开30件，部分公开5件，不予公开8件，无法提供25件，其他处理1件；结转下年度继续办理1件。"
	if ApplicationSentence(r) != want {
		t.Errorf("sentence:\n%s", ApplicationSentence(r))
	}
	claims := ProseClaims(r, text)
	keys := map[string]bool{}
	for _, c := range claims {
		keys[c.Key] = true
		if !c.OK() {
			t.Errorf("generated sentence disagrees: %s", c.Message())
		}
	}
	for _, k := range []string{"s3.xinshou.zongji", "s3.shangnian_jiezhuan.zongji", "s3.r7.zongji", "s3.r1.zongji", "s3.r2.zongji",
		"s3.r3_1.zongji", "s3.r4_1.zongji", "s3.jiezhuan_xianian.zongji", "s4.fuyi.zongji", "s4.susong_zhijie.zongji", "s2.a20_1.guifanxing.zhifa"} {
		if !keys[k] {
			t.Errorf("R9 does not read %s back from the generated text", k)
		}
	}
	r.Set("s3.xinshou.ziranren", "65")
	r.Set("s1.parts.yishenqing.text", text)
	if f := find(Check(r, nil), "R9", "s3.xinshou.zongji"); f == nil {
		t.Error("a stale generated sentence must be flagged")
	}
	r.Set("s6.fee_yuan", "120.5")
	r.Set("s6.text", FeeSentence(r))
	if f := find(Check(r, nil), "R10", "s6.text"); f != nil {
		t.Errorf("fee sentence: %v", f)
	}
}
