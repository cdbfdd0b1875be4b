package model

import (
	"strings"
	"testing"
)

// R9 reads the outcome words of 表四: "均维持" while the table has cases
// not upheld or still open, "未发生行政复议" while it has some.
func TestR9ReadsReviewOutcomes(t *testing.T) {
	r := pingtan2021(t) // 表四: 复议 1 维持, 2 其他; 直接起诉 12 维持
	r.Set("s4.note", "本年度行政复议、行政诉讼案件均维持原行政行为。")
	f := find(Check(r, nil), "R9", "s4.fuyi.weichi")
	if f == nil || !strings.Contains(f.Message, "其他结果 2 件") {
		t.Errorf("均维持 vs 其他结果: %+v", rules(Check(r, nil), "R9"))
	}
	r.Set("s4.note", "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。")
	f = find(Check(r, nil), "R9", "s4.fuyi.zongji")
	if f == nil || !strings.Contains(f.Message, "行政复议 3 件、行政诉讼 12 件") {
		t.Errorf("未发生 vs cases: %+v", rules(Check(r, nil), "R9"))
	}
	// Said where it is true: nothing.
	r2 := New(Format2021, "某局", 2022)
	r2.Set("s4.note", "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。")
	r2.Set("s4.fuyi.weichi", "0")
	if fs := rules(Check(r2, nil), "R9"); len(fs) != 0 {
		t.Errorf("false R9: %v", fs)
	}
	r2.Set("s4.fuyi.weichi", "2")
	r2.Set("s4.note", "本年度发生行政复议2件，均维持原行政行为。")
	if fs := rules(Check(r2, nil), "R9"); len(fs) != 0 {
		t.Errorf("false R9 when all were upheld: %v", fs)
	}
}

// R11 reads 五 by content: one text holding problems and measures passes;
// a text without measures does not.
func TestR11ReadsSectionFiveByContent(t *testing.T) {
	r := New(Format2021, "某局", 2024)
	r.Set("s5.wenti", "一是政策解读形式不够丰富；二是公开平台建设有待加强。下一步，我局将丰富解读形式，加强平台建设。")
	if f := find(Check(r, nil), "R11", "s5.gaijin"); f != nil {
		t.Errorf("problems and measures in one text: %+v", f)
	}
	r.Set("s5.wenti", "一是政策解读形式不够丰富；二是公开平台建设有待提升。")
	if f := find(Check(r, nil), "R11", "s5.gaijin"); f == nil {
		t.Error("problems without measures must be flagged")
	}
}

// A list in prose whose ordinals skip or repeat gets a hint.
func TestOrdinalsHint(t *testing.T) {
	r := New(Format2021, "某局", 2024)
	r.Set("s5.gaijin", "一是加强培训。二是完善制度。三是强化监督。三是丰富形式。")
	f := find(Check(r, nil), "R14", "s5.gaijin")
	if f == nil || f.Level != Info || !strings.Contains(f.Message, "“三是”重复出现") {
		t.Errorf("repeat: %+v", f)
	}
	r.Set("s5.gaijin", "一是加强培训。三是强化监督。")
	if f := find(Check(r, nil), "R14", "s5.gaijin"); f == nil || !strings.Contains(f.Message, "从“一是”跳到了“三是”") {
		t.Errorf("skip: %+v", f)
	}
	r.Set("s5.gaijin", "二是强化监督。三是丰富形式。")
	if f := find(Check(r, nil), "R14", "s5.gaijin"); f == nil || !strings.Contains(f.Message, "从“二是”开始，没有“一是”") {
		t.Errorf("no 一是: %+v", f)
	}
	// Two lists in one text, and words that end in 是 ("统一是"), pass.
	r.Set("s5.gaijin", "存在问题：一是培训不足，二是制度不全。改进措施：一是加强培训；二是完善制度。统一是关键。")
	if f := find(Check(r, nil), "R14", "s5.gaijin"); f != nil {
		t.Errorf("false hint: %+v", f)
	}
}

// R16 in 五: a plan dated in the report year itself is last year's plan
// left in place; next year's plan is not.
func TestR16PlanForTheReportYear(t *testing.T) {
	r := New(Format2019, "某局", 2020)
	r.Set("s5.wenti", "公开内容还不够丰富。")
	r.Set("s5.gaijin", "2020年我局将进一步严格按照信息上网制度做好发布。")
	f := find(Check(r, nil), "R16", "s5.gaijin")
	if f == nil || !strings.Contains(f.Message, "计划应是下一年（2021 年）的") {
		t.Errorf("plan for 2020 in the 2020 report: %+v", rules(Check(r, nil), "R16"))
	}
	for _, ok := range []string{"2021年，我局将丰富公开内容。", "2020年我局共发布信息90条。", "下一步，我局将丰富公开内容。"} {
		r.Set("s5.gaijin", ok)
		if f := find(Check(r, nil), "R16", "s5.gaijin"); f != nil {
			t.Errorf("%q: %+v", ok, f)
		}
	}
}
