package exportpane

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

var (
	down     = tea.KeyPressMsg{Code: tea.KeyDown}
	tab      = tea.KeyPressMsg{Code: tea.KeyTab}
	shiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	space    = tea.KeyPressMsg{Code: ' ', Text: " "}
	enter    = tea.KeyPressMsg{Code: tea.KeyEnter}
	ctrlU    = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
)

func typeText(p *Pane, s string) { p.Update(tea.KeyPressMsg{Text: s, Code: []rune(s)[0]}) }

func newCommon() *common.Common {
	return &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default(),
		Now: func() time.Time { return time.Date(2027, 1, 20, 9, 0, 0, 0, time.Local) }}
}

func dated() *model.Report {
	r := model.Demo()
	r.Set("meta.sign_date", "2026年1月15日")
	return r
}

func TestChooseFormatsFolderAndName(t *testing.T) {
	c := newCommon()
	p := New(c, common.NewDoc(7, dated(), nil), "/home/user/文档/旧文件夹")
	p.SetSize(60, 24)
	p.Update(down) // pdf
	p.Update(down) // xlsx
	p.Update(space)
	// The folder is one Tab away from the formats, and Ctrl+U clears it.
	p.Update(tab)
	if p.sel != rowFolder || !p.folder.Focused() {
		t.Fatalf("one Tab from the formats is row %d, not the folder", p.sel)
	}
	p.Update(ctrlU)
	if p.folder.Value() != "" {
		t.Fatalf("Ctrl+U left %q", p.folder.Value())
	}
	typeText(p, "/tmp/报告")
	p.Update(tab)
	if p.sel != rowName {
		t.Fatalf("the next Tab is row %d, not the name", p.sel)
	}
	p.Update(ctrlU)
	typeText(p, "2025年报（送审稿）")
	if c := p.Cursor(); c == nil || c.Y != 1+len(p.formats)+1 {
		t.Errorf("the name field shows the real cursor on its line: %+v", c)
	}
	cmd := p.Update(enter)
	run, ok := cmd().(Run)
	if !ok || run.ID != 7 {
		t.Fatalf("enter runs the export: %#v", run)
	}
	o := run.Options
	if strings.Join(o.Formats, ",") != "docx,xlsx" || o.Name != "2025年报（送审稿）" || o.Target != "/tmp/报告"+string(filepath.Separator) || o.SignDate != "" {
		t.Errorf("options: %+v", o)
	}
	// Shift+Tab goes back through the fields to the format row left last,
	// and from the formats out of the page.
	p.Update(shiftTab)
	p.Update(shiftTab)
	if p.sel != 2 {
		t.Errorf("Shift+Tab from the folder returns to row %d, not xlsx", p.sel)
	}
	if leave, ok := p.Update(shiftTab)().(common.Leave); !ok || leave.Forward {
		t.Errorf("Shift+Tab from the formats leaves the page backwards: %#v", leave)
	}
	for _, l := range strings.Split(p.View(), "\n") {
		if ansi.StringWidth(l) != 60 {
			t.Errorf("line width %d: %q", ansi.StringWidth(l), ansi.Strip(l))
		}
	}
	// An empty folder is refused, with the caret put there.
	p.setSel(rowFolder)
	p.Update(ctrlU)
	if cmd := p.Update(enter); cmd != nil || p.err == "" || p.sel != rowFolder {
		t.Errorf("an empty folder must be refused: %q", p.err)
	}
}

// The report has no 成文日期: the page asks, today by default, and the
// confirmed date goes into the report (the editor saves it) and the export.
func TestAsksForTheSignDate(t *testing.T) {
	c := newCommon()
	r := model.Demo()
	r.Set("meta.sign_date", "")
	doc := common.NewDoc(3, r, nil)
	p := New(c, doc, "/tmp")
	p.SetSize(80, 24)
	if !strings.Contains(ansi.Strip(p.View()), "成文日期：2027年1月20日") {
		t.Fatalf("the page does not ask for the date:\n%s", ansi.Strip(p.View()))
	}
	// A date that is not one is refused with the caret on it.
	p.setSel(rowDate)
	p.Update(ctrlU)
	typeText(p, "2027年13月1日")
	if cmd := p.Update(enter); cmd != nil || !strings.Contains(p.err, "日期") || p.sel != rowDate {
		t.Fatalf("a bad date: %q", p.err)
	}
	p.Update(ctrlU)
	typeText(p, "2027-1-20")
	run := p.Update(enter)().(Run)
	if run.Options.SignDate != "2027年1月20日" || r.Meta.SignDate != "2027年1月20日" || !p.Committed() || !p.Edited() {
		t.Errorf("the date: options %q, report %q", run.Options.SignDate, r.Meta.SignDate)
	}
	if p.Committed() {
		t.Error("committed once")
	}
	if strings.Contains(ansi.Strip(p.View()), "成文日期") {
		t.Error("the date is asked once")
	}
	// Only the formats that print the closing need it.
	r.Set("meta.sign_date", "")
	p = New(c, common.NewDoc(3, r, nil), "/tmp")
	p.chosen = map[string]bool{"xlsx": true}
	if p.needDate() {
		t.Error("a workbook has no closing")
	}
}

// The written paths at 80 columns keep the file name and extension.
func TestWrittenPathKeepsTheFileName(t *testing.T) {
	c := newCommon()
	p := New(c, common.NewDoc(7, dated(), nil), "/tmp")
	p.SetSize(80, 30)
	long := "/home/zhangsan/文档/政府信息公开/年度报告/2026年/平罗县司法局2020年政府信息公开工作年度报告.docx"
	p.Update(Done{ID: 7, Result: &app.ExportResult{Paths: []string{long}, Warnings: []string{"注意：本机没有安装公文字体 仿宋_GB2312"}}})
	view := ansi.Strip(p.View())
	if !strings.Contains(view, "平罗县司法局2020年政府信息公开工作年度报告.docx") || !strings.Contains(view, "/home/") {
		t.Errorf("at 80 columns:\n%s", view)
	}
	if !strings.Contains(view, "仿宋_GB2312") {
		t.Error("the export's warnings are shown")
	}
	for _, c := range []struct {
		path string
		w    int
		want string
	}{
		{"/a/b/c.docx", 20, "/a/b/c.docx"},
		{"/home/user/文档/很长的文件夹名字/报告.docx", 24, "/home/u…夹名字/报告.docx"},
		{"/x/这是一个非常非常长的文件名字.docx", 16, "…的文件名字.docx"},
	} {
		got := ElidePath(c.path, c.w, "…")
		if got != c.want || common.Width(got) > c.w {
			t.Errorf("ElidePath(%q, %d) = %q (%d), want %q", c.path, c.w, got, common.Width(got), c.want)
		}
	}
}

// The page remembers folder, formats and fonts in the database it works on.
func TestRemembersChoicesPerDatabase(t *testing.T) {
	dir := t.TempDir()
	open := func(name string) *app.Service {
		a, err := app.Open(filepath.Join(dir, name), app.Options{Mode: app.Write})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		return a
	}
	a, b := open("a.db"), open("b.db")
	c := newCommon()
	c.App = a
	p := New(c, common.NewDoc(1, dated(), nil), "/srv/报告")
	p.chosen = map[string]bool{"pdf": true, "html": true}
	p.fonts = "windows"
	cmd := p.Update(Done{ID: 1, Result: &app.ExportResult{Paths: []string{"/srv/报告/x.pdf"}}})
	if cmd == nil {
		t.Fatal("a good export saves the choices")
	}
	if m, ok := cmd().(saved); !ok || m.err != nil {
		t.Fatalf("saved: %#v", m)
	}
	got := LoadPrefs(a)
	if got.Folder != "/srv/报告" || strings.Join(got.Formats, ",") != "pdf,html" || got.Fonts != "windows" {
		t.Errorf("remembered %+v", got)
	}
	if other := LoadPrefs(b); other.Folder != "" || len(other.Formats) != 0 {
		t.Errorf("another database remembers %+v", other)
	}
	// The next page opens with them.
	c2 := newCommon()
	c2.ExportFolder, c2.ExportFormats, c2.ExportFonts = got.Folder, got.Formats, got.Fonts
	q := New(c2, common.NewDoc(1, dated(), nil), c2.ExportFolder)
	if q.folder.Value() != "/srv/报告" || !q.chosen["pdf"] || !q.chosen["html"] || q.chosen["docx"] || q.fonts != "windows" {
		t.Errorf("reopened: folder %q chosen %v fonts %s", q.folder.Value(), q.chosen, q.fonts)
	}
	// A failed export remembers nothing.
	if cmd := p.Update(Done{ID: 1, Err: errFake}); cmd != nil {
		t.Error("a failed export must not be remembered")
	}
	// A file in the way: the page stops waiting and says nothing was
	// replaced (the app asks whether to overwrite).
	p.running = true
	p.Update(Done{ID: 1, Err: &app.ExistsError{Path: "/srv/报告/x.pdf"}})
	if msg, ok := p.Problem(); p.running || !ok || !strings.Contains(msg, "没有覆盖") {
		t.Errorf("exists: running %v, %q", p.running, msg)
	}
}

type fakeErr struct{}

func (fakeErr) Error() string { return "写入失败" }

var errFake = fakeErr{}
