package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/importer"
	"nianbao/model"
)

func r16(fs []model.Finding) []model.Finding {
	var out []model.Finding
	for _, f := range fs {
		if f.Rule == "R16" {
			out = append(out, f)
		}
	}
	return out
}

func staleSentences(r *model.Report) map[string][]string {
	out := map[string][]string{}
	for _, s := range model.StaleYears(r) {
		out[s.Key] = append(out[s.Key], s.Sentence)
	}
	return out
}

// The demo (平罗县司法局 2020) carried to 2025: the sentences that still say
// 2020 as if it were the report year are found; the document titles and
// numbers quoted in the lead are not.
func TestR16DemoCarriedTo2025(t *testing.T) {
	r, _, err := model.CarryForward(model.Demo(), model.Format2021, 2025)
	if err != nil {
		t.Fatal(err)
	}
	fs := r16(model.Check(r, nil))
	keys := map[string]bool{}
	for _, f := range fs {
		keys[f.Key] = true
		if f.Level != model.Warning {
			t.Errorf("R16 is a warning: %+v", f)
		}
	}
	for _, k := range []string{"s1.lead", "s1.parts.yishenqing.text", "s1.parts.extra_1.text"} {
		if !keys[k] {
			t.Errorf("no R16 on %s; findings: %+v", k, fs)
		}
	}
	all := strings.Join(staleSentences(r)["s1.parts.extra_1.text"], "|")
	if !strings.Contains(all, "2020年，我局共办理") {
		t.Errorf("the stale sentence is quoted: %q", all)
	}
	for _, s := range model.StaleYears(r) {
		text := r.Text(s.Key)
		around := text[max(0, s.Offset-30):s.Offset]
		if strings.Contains(around, "平罗县") && strings.Contains(text[s.Offset:], "政务公开工作要点的通知》") &&
			strings.Count(around, "《") > strings.Count(around, "》") {
			t.Errorf("the quoted title 《平罗县2020年政务公开工作要点》 is flagged: %+v", s)
		}
	}
	// The title, period and preamble follow the new year already.
	for _, k := range []string{"meta.title", "meta.period", "meta.preamble"} {
		if keys[k] {
			t.Errorf("%s is carried to 2025 and must not be flagged", k)
		}
	}
	// After replacing 2020年 by 2025年 where R16 found it stale, no R16 is left.
	hits, stale := model.YearMentions(r, 2020)
	var chosen []model.TextHit
	for i, h := range hits {
		if stale[i] {
			chosen = append(chosen, h)
		}
	}
	if len(chosen) == 0 || len(chosen) == len(hits) {
		t.Fatalf("%d hits, %d stale: the quoted title must be offered but not chosen", len(hits), len(chosen))
	}
	if _, err := model.ReplaceText(r, "2020年", "2025年", chosen); err != nil {
		t.Fatal(err)
	}
	if left := r16(model.Check(r, nil)); len(left) > 0 {
		t.Errorf("R16 left after replacing: %+v", left)
	}
	if !strings.Contains(r.Lead, "平罗县2020年政务公开工作要点") {
		t.Error("the quoted title must stay as it was")
	}
}

// 平潭 2021, imported from its published text and carried to 2022.
func TestR16Pingtan2021To2022(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "importer", "testdata", "fixtures", "pingtan-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Read("pingtan-2021.txt", b, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r16(model.Check(res.Report, nil)); len(got) > 0 {
		t.Errorf("the 2021 report itself has no stale year: %+v", got)
	}
	r, _, err := model.CarryForward(res.Report, model.Format2021, 2022)
	if err != nil {
		t.Fatal(err)
	}
	st := staleSentences(r)
	want := map[string]string{
		"s1.lead": "2021年，我区以习近平新时代中国特色社会主义思想为指导",
		"s6.text": "2021年，无收取信息处理费情况。",
	}
	for k, w := range want {
		if !strings.Contains(strings.Join(st[k], "|"), w) {
			t.Errorf("%s: stale sentences %q, want one with %q", k, st[k], w)
		}
	}
	// The preamble's own period (written by the agency, not the default) is stale.
	if !strings.Contains(strings.Join(st["meta.preamble"], "|"), "2021年1月1日起至2021年12月31日") {
		t.Errorf("preamble: %q", st["meta.preamble"])
	}
	// Not flagged: the quoted notice 《…编制公布2021年政府信息公开工作年度报告…》,
	// the document numbers 〔2021〕, the plan 2021-2035.
	for k, ss := range st {
		for _, s := range ss {
			if strings.Contains(s, "编制公布2021年") && !strings.Contains(s, "统计期限") {
				t.Errorf("%s: quoted title flagged: %q", k, s)
			}
		}
	}
	fs := r16(model.Check(r, nil))
	if len(fs) < 3 {
		t.Errorf("want at least 3 R16 findings, got %+v", fs)
	}
}

// The contexts where an earlier year is meant are not flagged.
func TestR16AllowedContexts(t *testing.T) {
	r := model.New(model.Format2021, "某县某局", 2025)
	ok := []string{
		"主动公开信息1200条，较2024年增长12%。",
		"（一）2024年存在的问题整改情况。针对上年报告指出的问题，我局逐项整改。",
		"2024年度报告指出的问题已全部整改到位。",
		"2018年至2025年，我局持续推进公开平台建设。",
		"根据《某县2024年政务公开工作要点》要求开展工作。",
		"自2019年起，我局每年公开预决算信息。",
		"《条例》于2019年修订施行以来，我局认真贯彻。",
		"与2024年相比，申请数量下降。",
		"2025年，我局共办理申请12件。",
		"依据某发〔2024〕3号文件执行。",
		// Last year's final accounts are published this year (seen in 三明市 2019, 平潭财政金融局 2023).
		"在政府网站公开2025年部门预算及2024年度部门决算、“三公”经费决算。",
		"按时公开2025年政府预算、2024年政府决算。",
	}
	bad := []string{
		"2024年，我局共办理申请12件。",
		"本报告所列数据统计期限为2024年1月1日至2024年12月31日。",
		"现将2024年度政府信息公开工作情况报告如下。",
	}
	for _, s := range ok {
		r.Lead = s
		if got := model.StaleYears(r); len(got) > 0 {
			t.Errorf("flagged but an earlier year is meant: %q → %+v", s, got)
		}
	}
	for _, s := range bad {
		r.Lead = s
		fs := r16(model.Check(r, nil))
		if len(fs) != 1 || fs[0].Key != "s1.lead" {
			t.Errorf("want one R16 on s1.lead for %q, got %+v", s, fs)
		}
	}
}

// Find lists every text; replace changes the chosen places only, all or
// nothing; fill zeros fills blank typed cells and nothing else.
func TestFindReplaceAndZeros(t *testing.T) {
	r := model.New(model.Format2021, "某县某局", 2025)
	r.Lead = "2024年，我局……2024年底"
	r.Parts[1].Text = "2024年，收到申请3件。"
	r.S5.Wenti = "无"
	hits := model.FindText(r, "2024年")
	if len(hits) != 3 || hits[0].Key != "s1.lead" || hits[2].Key != "s1.parts.yishenqing.text" {
		t.Fatalf("hits %+v", hits)
	}
	if hits[1].Context != "2024年，我局……2024年底" {
		t.Errorf("context %q", hits[1].Context)
	}
	// A stale hit (the text changed) refuses the whole replacement.
	stale := hits[0]
	stale.Offset = 3
	if _, err := model.ReplaceText(r, "2024年", "2025年", []model.TextHit{hits[2], stale}); err == nil {
		t.Error("a hit that no longer matches must be refused")
	}
	if r.Parts[1].Text != "2024年，收到申请3件。" {
		t.Error("a refused replacement changes nothing")
	}
	n, err := model.ReplaceText(r, "2024年", "2025年", hits[:2])
	if err != nil || n != 2 || r.Lead != "2025年，我局……2025年底" || r.Parts[1].Text != "2024年，收到申请3件。" {
		t.Errorf("n=%d err=%v lead=%q part=%q", n, err, r.Lead, r.Parts[1].Text)
	}
	if n, _ := model.ReplaceText(r, "不存在", "x", nil); n != 0 {
		t.Errorf("no hit: %d", n)
	}

	blank := len(r.Blanks())
	if _, err := model.FillZeros(r, "s9"); err == nil {
		t.Error("an unknown table is refused")
	}
	n, err = model.FillZeros(r, "s4")
	if err != nil || n != 12 {
		t.Errorf("表四 has 12 typed cells: %d %v", n, err)
	}
	if got := strings.Join(model.BlankSummary(r), "，"); !strings.Contains(got, "表三 未填 144 格") || strings.Contains(got, "表四") {
		t.Errorf("summary %q", got)
	}
	n, _ = model.FillZeros(r)
	if n != blank-12+1 || len(r.Blanks()) != 0 || !r.FeeYuan.Set || r.FeeYuan.D != "0" {
		t.Errorf("filled %d of %d and the fee: %+v", n, blank-12+1, r.FeeYuan)
	}
	for _, f := range model.Check(r, nil) {
		if f.Rule == "R5" {
			t.Errorf("R5 left after filling zeros: %+v", f)
		}
	}
	if v, _ := r.Cell("s2.a20_8.shoufei.jine_wanyuan"); !v.Set || v.D != "0" {
		t.Errorf("a decimal cell gets 0: %+v", v)
	}
	if v, _ := r.Cell("s3.r7.zongji"); v.N != 0 {
		t.Error("totals stay computed")
	}
}
