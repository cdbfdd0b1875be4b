package ui

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/styles"
	"nianbao/ui/textwidth"
)

// open2025 makes this year's report from the demo as a clerk does (F3, the
// year, create), answers the notes and returns with the offer to replace
// the old year on screen.
func open2025(t *testing.T, w, h int) *harness {
	t.Helper()
	x := newHarness(t, styles.Default, w, h)
	x.key("f3")
	x.key("backspace", "backspace", "backspace", "backspace")
	x.typeText("2025")
	x.key("tab", "tab", "enter")
	if !strings.Contains(x.screen(), "请注意") {
		t.Fatalf("no notes:\n%s", x.screen())
	}
	x.key("enter")
	return x
}

func (x *harness) report() *model.Report { return x.m.editor.Doc().R }

func (x *harness) stored(id int64) *model.Report {
	x.t.Helper()
	r, err := x.m.c.App.Load(id)
	if err != nil {
		x.t.Fatal(err)
	}
	return r
}

// After F3 the program offers to bring last year's dates up to date: the
// stale places chosen, the quoted document title not; Enter replaces them,
// one Ctrl+Z restores all of them, and a history version was taken.
func TestYearOfferReplaceAndOneUndo(t *testing.T) {
	x := open2025(t, 100, 30)
	s := x.screen()
	for _, want := range []string{"将正文中的“2020年”改为“2025年”（共 4 处）", "[x] 导语", "[ ] 导语", "[x] （二）依申请公开", "替换后："} {
		if !strings.Contains(s, want) {
			t.Errorf("offer: %q missing:\n%s", want, s)
		}
	}
	x.key("enter")
	r := x.report()
	if !strings.HasPrefix(r.Lead, "2025年以来") || !strings.Contains(r.Lead, "平罗县2020年政务公开工作要点") ||
		!strings.HasPrefix(r.Parts[2].Text, "2025年，我局共办理") {
		t.Fatalf("replaced: %q / %q", r.Lead[:40], r.Parts[2].Text[:30])
	}
	if !strings.Contains(x.screen(), "已把 3 处“2020年”改为“2025年”") {
		t.Errorf("notice:\n%s", x.screen())
	}
	for _, f := range model.Check(r, nil) {
		if f.Rule == "R16" {
			t.Errorf("R16 left: %s", f.Message)
		}
	}
	id := x.m.editor.ID()
	if got := x.stored(id); !strings.HasPrefix(got.Lead, "2025年以来") {
		t.Error("the replacement is saved")
	}
	revs, _ := x.m.c.App.Revisions(id)
	found := false
	for _, v := range revs {
		if v.Reason == app.ReasonBeforeReplace || v.Reason == "新建" {
			old, _ := x.m.c.App.RevisionReport(id, v.ID)
			found = found || strings.HasPrefix(old.Lead, "2020年以来")
		}
	}
	if !found {
		t.Errorf("no history version before the replacement: %+v", revs)
	}
	// One Ctrl+Z restores every place.
	x.key("ctrl+z")
	r = x.report()
	if !strings.HasPrefix(r.Lead, "2020年以来") || !strings.HasPrefix(r.Parts[2].Text, "2020年，我局共办理") {
		t.Errorf("one undo restores all: %q / %q", r.Lead[:30], r.Parts[2].Text[:30])
	}
	if got := x.stored(id); !strings.HasPrefix(got.Lead, "2020年以来") {
		t.Error("the undo is saved")
	}
	x.key("ctrl+y")
	if r := x.report(); !strings.HasPrefix(r.Lead, "2025年以来") {
		t.Error("redo")
	}
}

// Ctrl+H: replace across the report, all places or one by one.
func TestReplaceDialog(t *testing.T) {
	x := open2025(t, 100, 30)
	x.key("esc") // no thanks
	x.key("ctrl+h")
	x.typeText("2020年")
	x.key("tab")
	x.typeText("2025年")
	x.key("tab") // the list of places
	s := x.screen()
	if !strings.Contains(s, "共 4 处，已选 4 处") {
		t.Fatalf("places:\n%s", s)
	}
	x.key("down", "space") // skip the quoted title
	if !strings.Contains(x.screen(), "已选 3 处") {
		t.Errorf("skip:\n%s", x.screen())
	}
	x.key("enter")
	if r := x.report(); strings.Count(r.Lead, "2025年") != 1 || !strings.Contains(r.Lead, "平罗县2020年") {
		t.Errorf("lead: %q", r.Lead)
	}
	// Ctrl+F finds and Enter shows the place, selected.
	x.key("ctrl+f")
	x.typeText("政协十一届")
	x.key("enter")
	if x.m.editor.Selected() != "s1.parts.extra_1" || !strings.Contains(x.screen(), "政协十一届") {
		t.Errorf("find jumps to %s", x.m.editor.Selected())
	}
}

// F6 fills the blank cells of the table shown or of the whole report; the
// dialog says how many; Ctrl+Z undoes it.
func TestFillZerosAndUndo(t *testing.T) {
	x := open2025(t, 100, 30)
	x.key("esc")
	if s := x.screen(); !strings.Contains(s, "未填 160 格") || strings.Contains(s, "警告 16") {
		t.Errorf("the header counts blanks once:\n%s", strings.SplitN(s, "\n", 2)[0])
	}
	x.selectItem("s3")
	if s := x.screen(); !strings.Contains(s, "未填138") {
		t.Errorf("outline counts per table:\n%s", s)
	}
	x.key("f6")
	s := x.screen()
	for _, want := range []string{"表三 未填 138 格", "表四 未填 12 格", "表三的 138 格填 0", "全部 161 项填 0"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q missing:\n%s", want, s)
		}
	}
	x.key("enter") // 表三 only
	if n := len(x.report().Blanks()); n != 160-138 {
		t.Errorf("blanks left: %d", n)
	}
	x.key("f6", "enter") // the whole report (表三 has no blank left)
	if n := len(x.report().Blanks()); n != 0 || !x.report().FeeYuan.Set {
		t.Errorf("blanks left: %d", n)
	}
	x.key("ctrl+z")
	if n := len(x.report().Blanks()); n != 22 {
		t.Errorf("undo fills again: %d", n)
	}
}

// Ctrl+C copies and never quits; without a selection it says how to quit.
// Shift+arrows select, Ctrl+X cuts, Ctrl+V pastes elsewhere.
func TestCopyCutPasteAndCtrlC(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.key("ctrl+c")
	if !strings.Contains(x.screen(), "按 Ctrl+Q 退出") {
		t.Errorf("home: %s", x.screen())
	}
	x.key("enter")
	x.selectItem("s1.lead")
	x.key("enter", "ctrl+c")
	if x.m.editor == nil || !strings.Contains(x.screen(), "按 Ctrl+Q 退出") {
		t.Fatalf("Ctrl+C must not quit:\n%s", x.screen())
	}
	x.key("ctrl+home")
	for i := 0; i < 7; i++ {
		x.key("shift+right")
	}
	x.key("ctrl+x")
	r := x.report()
	if !strings.HasPrefix(r.Lead, "，我局深学笃用") {
		t.Fatalf("cut: %q", r.Lead[:30])
	}
	x.key("ctrl+end")
	x.key("ctrl+v")
	if !strings.HasSuffix(r.Lead, "2020年以来") {
		t.Errorf("paste at the end: %q", r.Lead[len(r.Lead)-30:])
	}
	x.key("ctrl+q")
	if got := x.stored(1); !strings.HasSuffix(got.Lead, "2020年以来") {
		t.Error("Ctrl+Q saves before quitting")
	}
}

// Keys on the "window too small" screen do nothing.
func TestTooSmallIgnoresKeys(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	x.key("enter", "f2", "delete")
	if !strings.Contains(x.screen(), "窗口太小") || x.m.editor != nil || x.m.top() != nil {
		t.Error("a key on the small screen must do nothing")
	}
	x.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Contains(x.screen(), "窗口太小") || x.m.editor != nil {
		t.Error("back to the list")
	}
}

// 待保存 never sticks: entering an empty field and leaving it with
// Shift+Tab changes nothing and leaves nothing to save.
func TestPendingNeverSticks(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.key("enter")
	x.selectItem("s5.shangnian_zhenggai")
	x.key("enter", "shift+tab")
	if s := x.screen(); strings.Contains(s, "待保存") {
		t.Errorf("待保存 sticks:\n%s", s)
	}
	// Shift+Tab went to the previous item, its last field.
	if x.m.editor.Selected() != "s4.note" {
		t.Errorf("Shift+Tab: %s", x.m.editor.Selected())
	}
	x.key("shift+tab")
	if x.m.editor.Selected() != "s4" {
		t.Errorf("Shift+Tab to the table: %s", x.m.editor.Selected())
	}
	x.key("esc")
	x.selectItem("s6")
	x.key("enter", "shift+tab") // 六's text → 五's last item
	if x.m.editor.Selected() != "s5.gaijin" {
		t.Errorf("Shift+Tab from 六's first field: %s", x.m.editor.Selected())
	}
	x.key("esc", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up", "up")
	x.selectItem("s1.parts.zhudong")
	x.key("enter", "shift+tab", "shift+tab") // heading → 导语 → (its only field) → back further
	if x.m.editor.Selected() != "meta" || !strings.Contains(x.screen(), "落款日期") {
		t.Errorf("Shift+Tab lands on the previous item's last field: %s", x.m.editor.Selected())
	}
}

// The title (one line) shows whole after Tab, over two rows when long.
func TestOneLineFieldShowsWholeText(t *testing.T) {
	x := newHarness(t, styles.Default, 80, 24)
	x.key("enter", "enter") // meta: 发布机构
	x.key("tab")            // 标题
	x.key("end")
	x.typeText("（修订稿）")
	x.key("tab")
	s := x.screen()
	if !strings.Contains(s, "标题       平罗县司法局2020年政府信息公开工作年度报告（修") || !strings.Contains(s, "           订稿）") {
		t.Errorf("title not shown whole:\n%s", s)
	}
}

// Deleting a part is undoable and leaves a history version before it.
func TestRemovePartUndoAndVersion(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.key("enter")
	x.selectItem("s1.parts.extra_1")
	x.key("delete")
	if !strings.Contains(x.screen(), "可按 Ctrl+Z 撤销") {
		t.Fatalf("confirmation:\n%s", x.screen())
	}
	x.key("left", "enter")
	if x.report().Part("extra_1") >= 0 {
		t.Fatal("not removed")
	}
	if got := x.stored(1); got.Part("extra_1") >= 0 {
		t.Fatal("the removal is saved")
	}
	revs, _ := x.m.c.App.Revisions(1)
	kept := false
	for _, v := range revs {
		if old, _ := x.m.c.App.RevisionReport(1, v.ID); old != nil && old.Part("extra_1") >= 0 {
			kept = true
		}
	}
	if !kept {
		t.Errorf("no history version holds the part: %+v", revs)
	}
	x.key("ctrl+z")
	if i := x.report().Part("extra_1"); i != 2 || !strings.HasPrefix(x.report().Parts[i].Text, "2020年，我局共办理") {
		t.Errorf("undo brings the part back at its place: %d", i)
	}
}

// Editing leaves a history version every 10 minutes, not only at the end.
func TestVersionEveryTenMinutes(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	now := clock
	x.m.c.Now = func() time.Time { return now }
	x.key("enter")
	x.selectItem("s1.lead")
	x.key("enter")
	count := func() int {
		revs, _ := x.m.c.App.Revisions(1)
		n := 0
		for _, v := range revs {
			if v.Reason == app.ReasonWhileEditing {
				n++
			}
		}
		return n
	}
	x.typeText("甲")
	x.key("ctrl+s")
	if count() != 0 {
		t.Fatal("no version yet")
	}
	now = now.Add(11 * time.Minute)
	x.typeText("乙")
	x.key("ctrl+s")
	if count() != 1 {
		t.Errorf("a version after 10 minutes of editing: %d", count())
	}
}

// 检查结果: 错误 before 警告 before 提示, the cursor on the first 错误; the
// blank cells of a table are one line.
func TestChecksOrder(t *testing.T) {
	x := open2025(t, 100, 30)
	x.key("esc")
	x.selectItem("s3")
	x.key("enter")
	x.typeText("5")
	x.key("enter", "f7")
	s := x.screen()
	e, w, i := strings.Index(s, "错误（"), strings.Index(s, "警告（"), strings.Index(s, "提示（")
	if e < 0 || w < e || i < w {
		t.Errorf("order:\n%s", s)
	}
	if !strings.Contains(s, "表三 未填 137 格") || strings.Count(s, "R5 ") > 8 {
		t.Errorf("blanks folded:\n%s", s)
	}
	if f, ok := x.m.editor.Doc().Findings, true; ok && len(f) > 0 {
		if msg, bad := x.m.editor.Doc().Findings[0], true; !bad || msg.Level != model.Error {
			t.Errorf("first finding %+v", msg)
		}
	}
	x.key("enter") // the first 错误: R1 on （七）总计, lands on a cell one can type in
	if !strings.Contains(x.screen(), "R1") && !strings.Contains(x.screen(), "本年新收 5") {
		t.Errorf("message:\n%s", x.screen())
	}
	x.typeText("7")
	if v, _ := x.report().Cell("s3.xinshou.ziranren"); v.N != 7 {
		t.Errorf("the jump lands on a typed cell: %+v", v)
	}
}

// Ctrl+G with blank cells says which instead of writing 收到申请0件.
func TestGenerateWithBlanks(t *testing.T) {
	x := open2025(t, 100, 30)
	x.key("esc")
	x.selectItem("s1.parts.yishenqing")
	x.key("enter", "tab", "ctrl+g")
	s := x.screen()
	if !strings.Contains(s, "表格还有 150 格未填") || strings.Contains(x.report().Parts[1].Text, "申请0件") {
		t.Errorf("Ctrl+G with blanks:\n%s", s)
	}
}

// The ASCII theme draws only ASCII and wide characters; Ctrl+T says what
// it did.
func TestASCIIThemeAndCtrlT(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.key("ctrl+t")
	if !strings.Contains(x.screen(), "已切换为纯 ASCII 界面样式") {
		t.Errorf("Ctrl+T: %s", x.screen())
	}
	for _, step := range [][]string{nil, {"enter"}, {"f1"}, {"esc", "down"}, {"f7"}} {
		x.key(step...)
		for _, r := range x.m.View().Content {
			if r >= utf8.RuneSelf && textwidth.Rune(r) != 2 {
				t.Errorf("after %v: %q is drawn in the ASCII theme", step, r)
				break
			}
		}
	}
}

// The header names the report year and the deadline with its year.
func TestDeadlineHeader(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	x.m.c.Now = func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.Local) }
	if s := x.screen(); !strings.Contains(s, "2026 年度报告应于 2027年1月31日前报送（还有 62 天）") {
		t.Errorf("deadline:\n%s", strings.SplitN(s, "\n", 2)[0])
	}
}

// 全文预览: the whole report, read-only, scrollable.
func TestWholePreview(t *testing.T) {
	x := newHarness(t, styles.Default, 80, 24)
	x.key("enter")
	x.selectItem("preview")
	x.key("enter")
	s := x.screen()
	if !strings.Contains(s, "平罗县司法局2020年政府信息公开工作年度报告") || !strings.Contains(s, "全文预览（只读）") {
		t.Errorf("preview:\n%s", s)
	}
	before := x.report().Lead
	for i := 0; i < 12; i++ {
		x.key("pgdown")
	}
	x.typeText("改")
	s = x.screen()
	if !strings.Contains(s, "表三") && !strings.Contains(s, "（七）总计") && !strings.Contains(s, "结果维持") {
		t.Errorf("tables with their labels:\n%s", s)
	}
	if x.report().Lead != before {
		t.Error("the preview is read-only")
	}
}

// The job of the issue, counted: turn the demo into a 2025 report with
// last year's dates replaced and the blank cells filled with 0. Every key
// is one press; typed text counts one per character.
func TestDemoTo2025KeyCount(t *testing.T) {
	x := newHarness(t, styles.Default, 100, 30)
	presses := 0
	var seq []string
	press := func(keys ...string) {
		for _, k := range keys {
			x.key(k)
			presses++
			seq = append(seq, k)
		}
	}
	typ := func(s string) {
		x.typeText(s)
		presses += utf8.RuneCountInString(s)
		seq = append(seq, "“"+s+"”")
	}
	press("f3")                      // next year's report from the selected demo
	typ("2025")                      // the year (selected: typing replaces it)
	press("enter", "enter", "enter") // year → format → 创建
	press("enter")                   // 请注意: what could not be carried
	press("enter")                   // 将正文中的“2020年”改为“2025年”: the stale places
	press("f6", "enter")             // 全部未填的格填 0
	t.Logf("%d key presses: %s", presses, strings.Join(seq, " "))
	if presses >= 60 {
		t.Errorf("%d key presses, the goal is under 60", presses)
	}
	r := x.report()
	id := x.m.editor.ID()
	if r.Year != 2025 || len(r.Blanks()) != 0 {
		t.Fatalf("year %d, %d blanks", r.Year, len(r.Blanks()))
	}
	stored := x.stored(id)
	for _, f := range model.Check(stored, nil) {
		if f.Rule == "R16" || f.Rule == "R5" {
			t.Errorf("left after the job: %s %s", f.Rule, f.Message)
		}
	}
}
