package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/internal/sample"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/grid"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

func pingtan2021(t testing.TB) *model.Report { return sample.Long(sample.Pingtan2021(), 3000) }

func newEditor(t testing.TB, r *model.Report, w, h int) *Editor {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	c.Clip.NoNative = true
	e := New(c, common.NewDoc(1, r, nil))
	e.SetSize(w, h)
	return e
}

func press(e *Editor, k string) {
	named := map[string]tea.KeyPressMsg{"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "down": {Code: tea.KeyDown},
		"backspace": {Code: tea.KeyBackspace}, "tab": {Code: tea.KeyTab}, "right": {Code: tea.KeyRight}}
	msg, ok := named[k]
	if !ok {
		msg = tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	}
	send(e, msg)
}

// send delivers a message and the messages its command produces for the
// editor (edits, undo, jumps); saves and timers are not run.
func send(e *Editor, msg tea.Msg) {
	pump(e, e.Update(msg))
}

func pump(e *Editor, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch m := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			pump(e, c)
		}
	case common.Edited, common.Undo, common.Leave, common.Jump, common.Notice, tea.PasteMsg:
		e.Update(m)
	}
}

func goTo(t testing.TB, e *Editor, id string) {
	for i := 0; i < 60 && e.Selected() != id; i++ {
		press(e, "down")
	}
	if e.Selected() != id {
		t.Fatalf("cannot reach %s", id)
	}
}

// Typing in 表三 updates the totals and the findings on every keystroke.
func TestGridTypingUpdatesTotalsAndFindings(t *testing.T) {
	r := pingtan2021(t)
	e := newEditor(t, r, 100, 30)
	goTo(t, e, "s3")
	press(e, "enter")
	g := e.pane.(*grid.Grid)
	if c, _, _ := g.Selected(); c.Key() != "s3.xinshou.ziranren" {
		t.Fatalf("first cell: %s", c.Key())
	}
	press(e, "6")
	press(e, "5") // 65 instead of 64: one more new application than handled
	if v, _ := r.Cell("s3.xinshou.zongji"); v.N != 71 {
		t.Errorf("total while typing: %d", v.N)
	}
	screen := ansi.Strip(e.View())
	if !strings.Contains(screen, "错误 1") || !strings.Contains(screen, "71") {
		t.Errorf("header and total must follow the keystroke:\n%s", screen)
	}
	press(e, "enter")
	if !e.dirty() {
		t.Error("the committed cell must be waiting to be saved")
	}
	// Enter on the R1 finding (on the computed （七）总计) lands on a cell
	// of that column one can type in, with the message on screen.
	var r1 model.Finding
	for _, f := range e.doc.Findings {
		if f.Rule == "R1" && f.Key == "s3.r7.ziranren" {
			r1 = f
		}
	}
	send(e, common.Jump{Key: r1.Key, Offset: -1, Note: r1.Message})
	g = e.pane.(*grid.Grid)
	if c, _, _ := g.Selected(); c.Key() != "s3.xinshou.ziranren" || c.Computed() {
		t.Errorf("the jump lands on %s", c.Key())
	}
	screen = ansi.Strip(e.View())
	if !strings.Contains(screen, "本年新收 65 + 上年结转 0 = 65，办理结果总计 63") {
		t.Errorf("R1 message not on screen:\n%s", screen)
	}
	// Moving onto the total shows its finding too.
	for i := 0; i < 40; i++ {
		if c, _, _ := g.Selected(); c.Key() == "s3.r7.ziranren" {
			break
		}
		press(e, "down")
	}
	if msg, _ := e.message(); !strings.Contains(msg, "办理结果总计 63") {
		t.Errorf("on the total: %q", msg)
	}
	// Text that is not a number is refused with the cell's name, and not stored.
	g.Select("s3.xinshou.qita", -1, 0)
	press(e, "x")
	screen = ansi.Strip(e.View())
	if !strings.Contains(screen, "不是数字") {
		t.Errorf("no error shown:\n%s", screen)
	}
	if v, _ := r.Cell("s3.xinshou.qita"); v.N != 4 {
		t.Error("a refused value must not be stored")
	}
	press(e, "esc")
	if v, _ := r.Cell("s3.xinshou.qita"); v.N != 4 || g.Editing() {
		t.Error("Esc cancels")
	}
}

// Pasting a row of numbers from Excel fills the cells to the right.
func TestGridPasteRow(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	e := newEditor(t, r, 120, 40)
	goTo(t, e, "s3")
	press(e, "enter")
	send(e, tea.PasteMsg{Content: "５\t1\t0\t0\t0\t2\t8\r\n3 0 0 0 0 0"})
	for k, want := range map[string]int64{"s3.xinshou.ziranren": 5, "s3.xinshou.shangye_qiye": 1, "s3.xinshou.qita": 2,
		"s3.xinshou.zongji": 8, "s3.shangnian_jiezhuan.ziranren": 3} {
		if v, _ := r.Cell(k); v.N != want || !v.Set {
			t.Errorf("%s = %+v, want %d", k, v, want)
		}
	}
	if msg, _ := e.message(); !strings.Contains(msg, "已粘贴 12 格") {
		t.Errorf("paste notice: %s", msg)
	}
	send(e, tea.PasteMsg{Content: "1\tabc"})
	if msg, _ := e.message(); !strings.Contains(msg, "没有粘贴") {
		t.Errorf("bad paste: %s", msg)
	}
}

// BenchmarkGridKeystroke is one keystroke typed in 表三 (a digit, then a
// backspace, alternately) with all checks recomputed and the screen drawn.
func BenchmarkGridKeystroke(b *testing.B) {
	r := pingtan2021(b)
	e := newEditor(b, r, 100, 30)
	goTo(b, e, "s3")
	press(e, "enter")
	press(e, "6")
	e.View()
	keys := []string{"4", "backspace"}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		press(e, keys[i%2])
		_ = e.View()
		i++
	}
}

// BenchmarkEditorProseKeystroke is one character typed in the 10,000
// characters of 一's lead through the whole editor: the text stored, R9 marks, every rule, the
// screen drawn.
func BenchmarkEditorProseKeystroke(b *testing.B) {
	r := sample.Long(sample.Pingtan2021(), 10000)
	e := newEditor(b, r, 100, 30)
	goTo(b, e, "s1.lead") // 10,000 characters
	press(e, "enter")
	e.View()
	b.ReportAllocs()
	for b.Loop() {
		press(e, "政")
		_ = e.View()
	}
}

// A committed cell is one undo step; Ctrl+Z in the grid restores it, and
// Ctrl+Y puts it back.
func TestGridUndo(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	e := newEditor(t, r, 100, 30)
	goTo(t, e, "s3")
	press(e, "enter")
	press(e, "7")
	press(e, "enter")
	press(e, "8")
	press(e, "enter")
	if v, _ := r.Cell("s3.shangnian_jiezhuan.ziranren"); v.N != 8 {
		t.Fatalf("typed: %+v", v)
	}
	send(e, tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl})
	if v, _ := r.Cell("s3.shangnian_jiezhuan.ziranren"); v.Set {
		t.Errorf("undo the last cell: %+v", v)
	}
	if v, _ := r.Cell("s3.xinshou.ziranren"); v.N != 7 {
		t.Errorf("the cell before stays: %+v", v)
	}
	send(e, tea.KeyPressMsg{Code: 'y', Mod: tea.ModCtrl})
	if v, _ := r.Cell("s3.shangnian_jiezhuan.ziranren"); v.N != 8 {
		t.Errorf("redo: %+v", v)
	}
}
