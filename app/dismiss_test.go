package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"nianbao/internal/errs"
	"nianbao/model"
)

// A dismissed R7 is not counted (check, list), survives a restart, and
// comes back when the 现行有效 figure changes.
func TestDismissR7(t *testing.T) {
	a, path := openService(t)
	a.SetUser("王科员")
	y24, _, _ := a.NewReport(NewOptions{Agency: "某县司法局", Year: 2024})
	y25, _, _ := a.NewReport(NewOptions{Agency: "某县司法局", Year: 2025})
	if err := a.Set(y24, [][2]string{{"s2.a20_1.guifanxing.youxiao", "10"}}); err != nil {
		t.Fatal(err)
	}
	set := func(v string) {
		t.Helper()
		if err := a.Set(y25, [][2]string{{"s2.a20_1.guifanxing.zhifa", "2"}, {"s2.a20_1.guifanxing.feizhi", "1"}, {"s2.a20_1.guifanxing.youxiao", v}}); err != nil {
			t.Fatal(err)
		}
	}
	set("12") // 10 + 2 − 1 = 11: R7
	r7 := func(a *Service) (model.Finding, int) {
		t.Helper()
		_, fs, err := a.Check(y25)
		if err != nil {
			t.Fatal(err)
		}
		_, w := model.Tally(fs)
		for _, f := range fs {
			if f.Rule == "R7" {
				return f, w
			}
		}
		t.Fatal("no R7")
		return model.Finding{}, 0
	}
	f, warnings := r7(a)
	if !strings.HasPrefix(f.ID, "R7:s2.a20_1.guifanxing.youxiao:") || f.Dismissed {
		t.Fatalf("R7: %+v", f)
	}
	if _, err := a.Dismiss(y25, f.ID, "  "); !errs.Is(err, errs.Refused) {
		t.Errorf("no reason: %v", err)
	}
	if _, err := a.Dismiss(y25, "R7:nope:00000000", "理由"); !errs.Is(err, errs.Refused) {
		t.Errorf("unknown id: %v", err)
	}
	listed := func(a *Service) int {
		lines, err := a.List(false)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if l.ID == y25 {
				return l.Warnings
			}
		}
		return -1
	}
	before := listed(a)
	if _, err := a.Dismiss(y25, f.ID, "本年清理文件 3 件，正文已说明"); err != nil {
		t.Fatal(err)
	}
	check := func(a *Service, wantWarnings int) {
		t.Helper()
		g, w := r7(a)
		if !g.Dismissed || g.Reason != "本年清理文件 3 件，正文已说明" || g.By != "王科员" || w != wantWarnings {
			t.Errorf("dismissed R7: %+v, %d warnings", g, w)
		}
		if _, err := time.Parse(time.RFC3339, g.At); err != nil {
			t.Errorf("at %q", g.At)
		}
		if n := listed(a); n != before-1 {
			t.Errorf("list counts %d warnings, want %d", n, before-1)
		}
	}
	check(a, warnings-1)

	// A restart.
	a.Close()
	b, err := Open(path, Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	check(b, warnings-1)

	// The figure changes: a new finding, counted again.
	a = b
	set("13")
	g, w := r7(b)
	if g.Dismissed || g.ID == f.ID || w != warnings {
		t.Errorf("after the change: %+v, %d warnings", g, w)
	}
	// Back to 12: the review applies again; undismiss counts it.
	set("12")
	if g, _ := r7(b); !g.Dismissed {
		t.Error("the same figures: still reviewed")
	}
	if err := b.Undismiss(y25, f.ID); err != nil {
		t.Fatal(err)
	}
	if g, w := r7(b); g.Dismissed || w != warnings {
		t.Errorf("undismissed: %+v %d", g, w)
	}
	if err := b.Undismiss(y25, f.ID); !errs.Is(err, errs.Refused) {
		t.Errorf("twice: %v", err)
	}
}

// An 错误 and a blank cell cannot be dismissed.
func TestDismissRefusesErrorsAndBlanks(t *testing.T) {
	a, _ := openService(t)
	id, _, _ := a.NewReport(NewOptions{Agency: "某局", Year: 2025})
	a.Set(id, [][2]string{{"s3.xinshou.ziranren", "3"}})
	_, fs, _ := a.Check(id)
	var e, blank model.Finding
	for _, f := range fs {
		if f.Level == model.Error && e.ID == "" {
			e = f
		}
		if f.IsBlank() && blank.ID == "" {
			blank = f
		}
	}
	if e.ID == "" || blank.ID == "" {
		t.Fatal("fixture: need an error and a blank")
	}
	if _, err := a.Dismiss(id, e.ID, "理由"); !errs.Is(err, errs.Refused) || !strings.Contains(err.Error(), "错误") {
		t.Errorf("error: %v", err)
	}
	if _, err := a.Dismiss(id, blank.ID, "理由"); !errs.Is(err, errs.Refused) || !strings.Contains(err.Error(), "填") {
		t.Errorf("blank: %v", err)
	}
}

// The quality table of a roll-up: one row per member (the missing one
// said), each with its findings, reviews included; exported from the
// roll-up's id or from ids.
func TestQualityOfARollup(t *testing.T) {
	a, _ := openService(t)
	a.SetUser("李科员")
	pt := importAs(t, a, "pingtan-2022.txt", "")
	res, err := a.Rollup(RollupOptions{Org: "平潭县", Year: 2022, Names: []string{"平潭综合实验区", "平潭县财政局"}})
	if err != nil {
		t.Fatal(err)
	}
	_, fs, _ := a.Check(pt)
	var r9 model.Finding
	for _, f := range fs {
		if f.Rule == "R9" {
			r9 = f
		}
	}
	if _, err := a.Dismiss(pt, r9.ID, "正文口径不同"); err != nil {
		t.Fatal(err)
	}
	q, err := a.Quality([]int64{res.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Rows) != 2 || q.Rows[0].ID != pt || q.Rows[1].ID != 0 || !strings.Contains(q.Rows[1].Missing, "没有它的 2022 年度报告") ||
		!strings.Contains(q.Title, "平潭县 2022 年度") {
		t.Fatalf("%+v", q)
	}
	found := false
	for _, f := range q.Rows[0].Findings {
		if f.ID == r9.ID {
			found = f.Dismissed && f.Reason == "正文口径不同" && f.Where != ""
		}
	}
	if !found {
		t.Error("the review is in the table")
	}
	dir := t.TempDir()
	out, err := a.Export(context.Background(), res.ID, ExportOptions{Formats: []string{"quality-xlsx", "quality-html"}, Target: dir})
	if err != nil || len(out.Paths) != 2 || out.Errors != 0 || !strings.HasSuffix(out.Paths[0], "平潭县2022年政府信息公开工作年度报告质量检查表.xlsx") {
		t.Fatalf("%+v %v", out, err)
	}
	out, err = a.ExportQuality(context.Background(), []int64{pt, res.ID}, ExportOptions{Formats: []string{"quality-html"}, Target: dir})
	if err != nil || len(out.Paths) != 1 {
		t.Fatalf("%+v %v", out, err)
	}
	if _, err := a.ExportQuality(context.Background(), []int64{pt, res.ID}, ExportOptions{Formats: []string{"docx"}, Target: dir}); !errs.Is(err, errs.Refused) {
		t.Errorf("docx of two reports: %v", err)
	}
}
