package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/grid"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

// pingtan2021 is 平潭综合实验区 2021 (fixtures/pingtan-2021.txt) with its
// prose of 一 repeated to a realistic length.
func pingtan2021(t testing.TB) *model.Report {
	r := model.New(model.Format2021, "平潭综合实验区", 2021)
	set := func(k, v string) {
		if err := r.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	rows := []string{"xinshou", "shangnian_jiezhuan", "r1", "r2", "r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8",
		"r4_1", "r4_2", "r4_3", "r5_1", "r5_2", "r5_3", "r5_4", "r5_5", "r6_1", "r6_2", "r6_3", "jiezhuan_xianian"}
	cols := []string{"ziranren", "shangye_qiye", "keyan_jigou", "shehui_gongyi", "falv_fuwu", "qita"}
	for _, row := range rows {
		for _, col := range cols {
			set("s3."+row+"."+col, "0")
		}
	}
	for k, v := range map[string]string{"s3.xinshou.ziranren": "64", "s3.xinshou.shehui_gongyi": "2", "s3.xinshou.qita": "4",
		"s3.r1.ziranren": "27", "s3.r1.shehui_gongyi": "2", "s3.r1.qita": "1", "s3.r2.ziranren": "5", "s3.r3_5.ziranren": "1",
		"s3.r3_7.ziranren": "6", "s3.r3_8.ziranren": "1", "s3.r4_1.ziranren": "22", "s3.r4_1.qita": "3", "s3.r6_3.ziranren": "1",
		"s3.jiezhuan_xianian.ziranren": "1", "s4.fuyi.weichi": "1", "s4.fuyi.jiuzheng": "0", "s4.fuyi.qita": "2", "s4.fuyi.weijie": "0",
		"s4.susong_zhijie.weichi": "12", "s4.susong_zhijie.jiuzheng": "0", "s4.susong_zhijie.qita": "0", "s4.susong_zhijie.weijie": "0",
		"s4.susong_fuyihou.weichi": "0", "s4.susong_fuyihou.jiuzheng": "0", "s4.susong_fuyihou.qita": "0", "s4.susong_fuyihou.weijie": "0",
		"s2.a20_1.guizhang.zhifa": "0", "s2.a20_1.guizhang.feizhi": "0", "s2.a20_1.guizhang.youxiao": "0",
		"s2.a20_1.guifanxing.zhifa": "69", "s2.a20_1.guifanxing.feizhi": "3", "s2.a20_1.guifanxing.youxiao": "665",
		"s2.a20_5.xuke.jueding": "2293", "s2.a20_6.chufa.jueding": "1282", "s2.a20_6.qiangzhi.jueding": "42",
		"s2.a20_8.shoufei.jine_wanyuan": "24252.311082", "s6.fee_yuan": "0", "s6.text": "2021年，无收取信息处理费情况。",
		"s1.parts.yishenqing.text": "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
		"s5.wenti":                 "政策解读形式不够丰富。", "s5.gaijin": "丰富政策解读形式。", "s5.shangnian_zhenggai": "已整改。",
	} {
		set(k, v)
	}
	set("s1.lead", strings.Repeat(model.Demo().Lead, 6))
	return r
}

func newEditor(t testing.TB, r *model.Report, w, h int) *Editor {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
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
	e.Update(msg)
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
	// The R1 message is on screen when the (七)总计 cell is selected.
	g.Select("s3.r7.ziranren")
	screen = ansi.Strip(e.View())
	if !strings.Contains(screen, "本年新收 65 + 上年结转 0 = 65，办理结果总计 63") {
		t.Errorf("R1 message not on screen:\n%s", screen)
	}
	// Text that is not a number is refused with the cell's name, and not stored.
	g.Select("s3.xinshou.qita")
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
	e.Update(tea.PasteMsg{Content: "５\t1\t0\t0\t0\t2\t8\r\n3 0 0 0 0 0"})
	for k, want := range map[string]int64{"s3.xinshou.ziranren": 5, "s3.xinshou.shangye_qiye": 1, "s3.xinshou.qita": 2,
		"s3.xinshou.zongji": 8, "s3.shangnian_jiezhuan.ziranren": 3} {
		if v, _ := r.Cell(k); v.N != want || !v.Set {
			t.Errorf("%s = %+v, want %d", k, v, want)
		}
	}
	if msg, _ := e.message(); !strings.Contains(msg, "已粘贴 12 格") {
		t.Errorf("paste notice: %s", msg)
	}
	e.Update(tea.PasteMsg{Content: "1\tabc"})
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
