package grid

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

func newGrid(r *model.Report, table string, w, h int) *Grid {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	c.Clip.NoNative = true
	g := New(c, common.NewDoc(1, r, nil), r.Format.Table(table))
	g.SetSize(w, h)
	return g
}

func press(g *Grid, k string) tea.Cmd {
	named := map[string]tea.KeyPressMsg{"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "down": {Code: tea.KeyDown}, "up": {Code: tea.KeyUp},
		"right": {Code: tea.KeyRight}, "delete": {Code: tea.KeyDelete}, "f2": {Code: tea.KeyF2}, "backspace": {Code: tea.KeyBackspace}}
	msg, ok := named[k]
	if !ok {
		msg = tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	}
	return g.Update(msg)
}

// committedBy tells whether a command reports a committed edit.
func committedBy(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch m := cmd().(type) {
	case common.Edited:
		return m.Commit
	case tea.BatchMsg:
		for _, c := range m {
			if committedBy(c) {
				return true
			}
		}
	}
	return false
}

func TestSheetsFollowTheOfficialTables(t *testing.T) {
	for _, f := range []*model.Format{model.Format2019, model.Format2021} {
		sh := SheetFor(f.Table("s3"))
		data, headings := 0, 0
		var heads []string
		for _, r := range sh.Rows {
			if r.Heading {
				headings++
				heads = append(heads, r.Label)
			} else {
				data++
			}
		}
		want := map[string]int{"2019": 23, "2021": 25}[f.ID]
		if data != want {
			t.Errorf("%s 表三: %d data rows, want %d", f.ID, data, want)
		}
		wantHeads := "三、本年度办理结果 （三）不予公开 （四）无法提供 （五）不予处理"
		if f.ID == "2021" {
			wantHeads += " （六）其他处理"
		}
		if strings.Join(heads, " ") != wantHeads {
			t.Errorf("%s headings: %s", f.ID, strings.Join(heads, " "))
		}
		if len(sh.Groups) != 1 || sh.Groups[0][1].Text != "法人或其他组织" || sh.Groups[0][1].N != 5 {
			t.Errorf("%s 表三 group header: %+v", f.ID, sh.Groups)
		}
		s4 := SheetFor(f.Table("s4"))
		if len(s4.Cols) != 15 || len(s4.Rows) != 1 || len(s4.Groups) != 2 ||
			s4.Groups[0][0].Text != "行政复议" || s4.Groups[0][1].N != 10 || s4.Groups[1][2].Text != "复议后起诉" {
			t.Errorf("%s 表四: %d cols %+v", f.ID, len(s4.Cols), s4.Groups)
		}
	}
}

func TestViewFitsAndScrolls(t *testing.T) {
	r := model.Demo()
	for _, size := range [][2]int{{80, 20}, {57, 20}, {120, 36}} {
		for _, tb := range []string{"s3", "s4", "s2.a20_1", "s2.a20_9"} {
			g := newGrid(r, tb, size[0], size[1])
			lines := strings.Split(g.View(), "\n")
			if len(lines) != size[1] {
				t.Errorf("%s at %v: %d lines", tb, size, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w != size[0] {
					t.Errorf("%s at %v: line %d wide: %q", tb, size, w, ansi.Strip(l))
				}
			}
		}
	}
	// 表四 at 80 columns scrolls: the last column comes into view.
	g := newGrid(r, "s4", 80, 20)
	if strings.Contains(ansi.Strip(g.View()), "复议后起诉") {
		t.Error("复议后起诉 should be off screen at first")
	}
	for i := 0; i < 14; i++ {
		press(g, "right")
	}
	if v := ansi.Strip(g.View()); !strings.Contains(v, "复议后起诉") || !strings.Contains(v, "左右滚动") {
		t.Errorf("scrolled view:\n%s", v)
	}
}

func TestQuickEditTabAndLeave(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	g := newGrid(r, "s2.a20_1", 80, 10)
	press(g, "３") // a full-width digit starts editing
	press(g, "4")
	if v, _ := r.Cell("s2.a20_1.guizhang.zhifa"); v.N != 34 {
		t.Errorf("typed value: %+v", v)
	}
	cmd := press(g, "tab") // commits, next cell
	if c, _, _ := g.Selected(); c.Key() != "s2.a20_1.guizhang.feizhi" || g.Editing() || !committedBy(cmd) {
		t.Errorf("after tab: %s editing=%v", c.Key(), g.Editing())
	}
	press(g, "1")
	press(g, "esc") // cancels: blank again
	if v, _ := r.Cell("s2.a20_1.guizhang.feizhi"); v.Set {
		t.Error("Esc must restore the blank")
	}
	press(g, "f2")
	if !g.Editing() {
		t.Error("F2 edits")
	}
	press(g, "esc")
	g.Select("s2.a20_1.guifanxing.youxiao", -1, 0)
	if cmd := press(g, "tab"); cmd == nil {
		t.Fatal("tab past the last cell must leave the grid")
	} else if l, ok := cmd().(common.Leave); !ok || !l.Forward {
		t.Errorf("leave: %#v", l)
	}
	g.Select("s2.a20_1.guizhang.zhifa", -1, 0)
	press(g, "delete")
	if v, _ := r.Cell("s2.a20_1.guizhang.zhifa"); v.Set {
		t.Error("Delete clears to blank")
	}
}

func TestComputedCellsAreReadOnly(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	g := newGrid(r, "s3", 100, 30)
	g.Select("s3.xinshou.shangye_qiye", -1, 0)
	g.col = len(g.sh.Cols) - 1 // the 总计 column
	press(g, "5")
	if g.Editing() {
		t.Error("a computed cell cannot be edited")
	}
	if msg, _ := g.Problem(); !strings.Contains(msg, "自动计算") {
		t.Errorf("message: %q", msg)
	}
	// Tab skips computed cells.
	g.Select("s3.xinshou.qita", -1, 0)
	press(g, "tab")
	if c, _, _ := g.Selected(); c.Key() != "s3.shangnian_jiezhuan.ziranren" {
		t.Errorf("tab over 总计: %s", c.Key())
	}
}

func TestPasteIsAllOrNothing(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	g := newGrid(r, "s3", 100, 30)
	g.Update(tea.PasteMsg{Content: "1 | 2 | 3"})
	if v, _ := r.Cell("s3.xinshou.keyan_jigou"); v.N != 3 {
		t.Errorf("| separated: %+v", v)
	}
	g.Update(tea.PasteMsg{Content: "7\t8\t-1"})
	if v, _ := r.Cell("s3.xinshou.ziranren"); v.N != 1 {
		t.Error("a paste with a bad value must store nothing")
	}
	if msg, _ := g.Problem(); !strings.Contains(msg, "不能填负数") {
		t.Errorf("message: %q", msg)
	}
	g.Update(tea.PasteMsg{Content: "1\t1\t1\t1\t1\t1\t9"})
	if msg, _ := g.Problem(); !strings.Contains(msg, "粘贴的合计 9 与计算结果 6 不一致") {
		t.Errorf("pasted total: %q", msg)
	}
}

func TestReadOnlyGridChangesNothing(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	g := newGrid(r, "s3", 100, 30)
	g.doc.ReadOnly = true
	press(g, "5")
	g.Update(tea.PasteMsg{Content: "1\t2"})
	press(g, "delete")
	if v, _ := r.Cell("s3.xinshou.ziranren"); v.Set || g.Editing() {
		t.Error("a read-only view must not change the report")
	}
	if msg, _ := g.Problem(); !strings.Contains(msg, "只读") {
		t.Errorf("message: %q", msg)
	}
}
