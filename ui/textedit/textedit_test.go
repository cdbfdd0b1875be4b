package textedit

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func lines(m *Model) []string {
	var out []string
	for _, p := range m.paras {
		for _, l := range m.lines(p) {
			out = append(out, string(p.r[l.start:l.end]))
		}
	}
	return out
}

func newEd(w, h int, text string) *Model {
	m := New()
	m.SetSize(w, h)
	m.SetValue(text)
	m.Focus()
	return m
}

func typeText(m *Model, s string) {
	m.Update(tea.KeyPressMsg{Text: s, Code: []rune(s)[0]})
}

func press(m *Model, k string) (bool, bool) {
	codes := map[string]tea.KeyPressMsg{
		"enter": {Code: tea.KeyEnter}, "backspace": {Code: tea.KeyBackspace}, "delete": {Code: tea.KeyDelete},
		"left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight}, "up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown},
		"home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd}, "ctrl+z": {Code: 'z', Mod: tea.ModCtrl},
		"ctrl+y": {Code: 'y', Mod: tea.ModCtrl}, "ctrl+home": {Code: tea.KeyHome, Mod: tea.ModCtrl},
		"tab": {Code: tea.KeyTab}, "esc": {Code: tea.KeyEscape}, "ctrl+g": {Code: 'g', Mod: tea.ModCtrl},
		"shift+left": {Code: tea.KeyLeft, Mod: tea.ModShift}, "shift+right": {Code: tea.KeyRight, Mod: tea.ModShift},
		"shift+down": {Code: tea.KeyDown, Mod: tea.ModShift}, "shift+up": {Code: tea.KeyUp, Mod: tea.ModShift},
		"shift+home": {Code: tea.KeyHome, Mod: tea.ModShift}, "shift+end": {Code: tea.KeyEnd, Mod: tea.ModShift},
		"ctrl+right": {Code: tea.KeyRight, Mod: tea.ModCtrl}, "ctrl+left": {Code: tea.KeyLeft, Mod: tea.ModCtrl},
		"ctrl+shift+right": {Code: tea.KeyRight, Mod: tea.ModCtrl | tea.ModShift},
		"ctrl+shift+left":  {Code: tea.KeyLeft, Mod: tea.ModCtrl | tea.ModShift},
		"ctrl+a":           {Code: 'a', Mod: tea.ModCtrl}, "ctrl+backspace": {Code: tea.KeyBackspace, Mod: tea.ModCtrl},
		"ctrl+delete": {Code: tea.KeyDelete, Mod: tea.ModCtrl}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+x": {Code: 'x', Mod: tea.ModCtrl}, "ctrl+v": {Code: 'v', Mod: tea.ModCtrl},
	}
	return m.Update(codes[k])
}

func TestWrapChinese(t *testing.T) {
	cases := []struct {
		w    int
		text string
		want []string
	}{
		// Chinese breaks anywhere; a line never exceeds the width.
		{10, "本年度共收到申请七十件", []string{"本年度共收", "到申请七十", "件"}},
		// Exactly filling the width: no phantom empty line.
		{10, "本年度共收", []string{"本年度共收"}},
		// No closing punctuation at a line start: the character before comes along.
		{10, "本年度共收，到申请", []string{"本年度共", "收，到申请"}},
		{10, "一二三四五。", []string{"一二三四", "五。"}},
		// No opening punctuation at a line end.
		{10, "一二三四《条例》", []string{"一二三四", "《条例》"}},
		// URLs and numbers stay whole when they fit.
		{16, "网址www.pingtan.gov.cn查阅", []string{"网址", "www.pingtan.gov.", "cn查阅"}},
		{12, "共收到12345件申请", []string{"共收到12345", "件申请"}},
		{11, "共收到123456件", []string{"共收到", "123456件"}},
	}
	for _, c := range cases {
		m := newEd(c.w, 5, c.text)
		got := lines(m)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("w=%d %q:\n got %q\nwant %q", c.w, c.text, got, c.want)
		}
		for _, l := range got {
			if lipgloss.Width(l) > c.w {
				t.Errorf("line %q wider than %d", l, c.w)
			}
		}
	}
}

func TestViewIsExactlyTheBox(t *testing.T) {
	text := "一、总体情况\n2022年，我局坚持以习近平新时代中国特色社会主义思想为指导，“公开为原则，不公开为例外”，网址www.pingtan.gov.cn。\n\n末段"
	for _, w := range []int{20, 40, 7} {
		m := newEd(w, 6, text)
		v := m.View()
		ls := strings.Split(v, "\n")
		if len(ls) != 6 {
			t.Fatalf("w=%d: %d lines", w, len(ls))
		}
		for _, l := range ls {
			if lipgloss.Width(l) != w {
				t.Errorf("w=%d: line %q is %d wide", w, ansi.Strip(l), lipgloss.Width(l))
			}
		}
	}
	m := newEd(20, 3, "第一段文字第一段文字第一段文字\n第二段")
	m.Update(tea.KeyPressMsg{Code: tea.KeyHome, Mod: tea.ModCtrl})
	want := "第一段文字第一段文字\n第一段文字          \n第二段              "
	if got := ansi.Strip(m.View()); got != want {
		t.Errorf("view:\n%q\nwant\n%q", got, want)
	}
}

func TestTypingAndCursor(t *testing.T) {
	m := newEd(20, 3, "")
	typeText(m, "中文")
	typeText(m, "ab")
	if m.Value() != "中文ab" {
		t.Fatalf("value %q", m.Value())
	}
	if c := m.Cursor(); c == nil || c.X != 6 || c.Y != 0 {
		t.Fatalf("cursor %+v, want (6,0)", c)
	}
	// A line filled exactly: the caret stays inside the box (no phantom
	// row); the next character wraps.
	typeText(m, "一二三四五六七")
	if c := m.Cursor(); c.X != 19 || c.Y != 0 {
		t.Errorf("after a full line: cursor (%d,%d), want (19,0)", c.X, c.Y)
	}
	typeText(m, "八")
	if c := m.Cursor(); c.X != 2 || c.Y != 1 {
		t.Errorf("after wrapping: cursor (%d,%d), want (2,1)", c.X, c.Y)
	}
	m.Blur()
	if m.Cursor() != nil {
		t.Error("no cursor when blurred")
	}
	// An IME burst arrives as one message with several characters.
	m.Focus()
	m.SetValue("")
	m.Update(tea.KeyPressMsg{Text: "政府信息公开", Code: '政'})
	if m.Value() != "政府信息公开" {
		t.Errorf("burst: %q", m.Value())
	}
}

func TestEditingKeys(t *testing.T) {
	m := newEd(10, 5, "第一段\n第二段")
	press(m, "ctrl+home")
	press(m, "end")
	press(m, "delete") // joins the paragraphs
	if m.Value() != "第一段第二段" {
		t.Fatalf("delete at end: %q", m.Value())
	}
	press(m, "enter")
	if m.Value() != "第一段\n第二段" {
		t.Fatalf("enter: %q", m.Value())
	}
	press(m, "backspace") // at the start of 第二段: joins back
	if m.Value() != "第一段第二段" {
		t.Fatalf("backspace: %q", m.Value())
	}
	press(m, "backspace")
	if m.Value() != "第一第二段" {
		t.Fatalf("backspace char: %q", m.Value())
	}
	// Up/down by visual line keep the goal column.
	m.SetValue("一二三四五六七八九十甲乙\nab")
	press(m, "ctrl+home")
	press(m, "right")
	press(m, "right") // x = 4
	press(m, "down")  // second visual line of the same paragraph
	if x, y := m.caretXY(); x != 4 || y != 1 {
		t.Errorf("down: (%d,%d)", x, y)
	}
	press(m, "down") // 甲乙: the caret goes to its end (column 4)
	if m.row != 0 || m.col != 12 {
		t.Errorf("down to a short visual line: row %d col %d", m.row, m.col)
	}
	press(m, "down") // "ab": column 2 is the end of the line
	if m.row != 1 || m.col != 2 {
		t.Errorf("down to a short line: row %d col %d", m.row, m.col)
	}
	press(m, "up")
	press(m, "up")
	if x, _ := m.caretXY(); x != 4 {
		t.Errorf("up keeps the goal column: %d", x)
	}
	press(m, "home")
	if x, _ := m.caretXY(); x != 0 {
		t.Error("home")
	}
	// Keys the parent uses are not handled.
	for _, k := range []string{"tab", "esc", "ctrl+g"} {
		if _, handled := press(m, k); handled {
			t.Errorf("%s must be left to the parent", k)
		}
	}
}

func TestUndoRedoAndPaste(t *testing.T) {
	m := newEd(20, 5, "开头")
	typeText(m, "甲")
	typeText(m, "乙")
	typeText(m, "丙")
	m.Update(tea.PasteMsg{Content: "第一行\r\n第二行\x01\x0b\t尾"})
	if m.Value() != "开头甲乙丙第一行\n第二行    尾" {
		t.Fatalf("paste: %q", m.Value())
	}
	if m.row != 1 {
		t.Error("caret after the pasted text")
	}
	press(m, "ctrl+z") // the paste is one step
	if m.Value() != "开头甲乙丙" {
		t.Fatalf("undo paste: %q", m.Value())
	}
	press(m, "ctrl+z") // consecutive typing is one step
	if m.Value() != "开头" {
		t.Fatalf("undo typing: %q", m.Value())
	}
	if c, _ := press(m, "ctrl+z"); c {
		t.Error("nothing more to undo")
	}
	press(m, "ctrl+y")
	press(m, "ctrl+y")
	if m.Value() != "开头甲乙丙第一行\n第二行    尾" || m.row != 1 {
		t.Fatalf("redo: %q", m.Value())
	}
	press(m, "enter")
	typeText(m, "新")
	press(m, "ctrl+z")
	press(m, "ctrl+z")
	if m.Value() != "开头甲乙丙第一行\n第二行    尾" {
		t.Fatalf("newline is its own step: %q", m.Value())
	}
}

func TestMarksAndOffsets(t *testing.T) {
	text := "本年度共收到申请75件，办结74件。"
	m := newEd(40, 2, text)
	start := strings.Index(text, "75")
	m.SetMarks([]Mark{{start, start + 2}, {len(text) + 5, len(text) + 9}})
	m.SetCaretOffset(start + 1)
	if m.MarkAt() != 0 {
		t.Error("caret on the mark")
	}
	if m.CaretOffset() != start+1 {
		t.Errorf("offset %d", m.CaretOffset())
	}
	m.SetCaretOffset(0)
	if m.MarkAt() != -1 {
		t.Error("caret off the mark")
	}
	m.SetStyles(Styles{Text: lipgloss.NewStyle(), Mark: lipgloss.NewStyle().Underline(true)})
	if v := m.View(); !strings.Contains(v, "4m75\x1b[m件") {
		t.Errorf("mark not underlined: %q", v)
	}
	m.SetValue("短") // marks beyond the text do not crash
	_ = m.View()
}

func TestClickPlacesCaret(t *testing.T) {
	m := newEd(10, 3, "一二三四五六七八\n甲乙")
	m.Update(tea.MouseClickMsg{X: 4, Y: 1})
	if m.row != 0 || m.col != 7 {
		t.Errorf("click: row %d col %d", m.row, m.col)
	}
	m.Update(tea.MouseClickMsg{X: 9, Y: 2})
	if m.row != 1 || m.col != 2 {
		t.Errorf("click past the end: row %d col %d", m.row, m.col)
	}
}

// proseText is a 10,000-character section of realistic report prose in
// paragraphs of about 500 characters.
func proseText(paragraphs int) string {
	sentence := []rune("2022年，我局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实《中华人民共和国政府信息公开条例》，围绕“公开为原则，不公开为例外”总体要求，以社会需求为导向，以规范促落实，以服务求实效。全年主动公开信息156条，其中机关职能类信息12条，财政预决算类信息2条；本年度共收到政府信息公开申请70件，办结69件，1件结转下年度继续办理。")
	var out []rune
	per := 10000 / paragraphs
	for i := 0; len(out) < 10000; i++ {
		if i > 0 && i%per == 0 {
			out = append(out, '\n')
			continue
		}
		out = append(out, sentence[i%len(sentence)])
	}
	return string(out[:10000])
}

func benchEditor(b *testing.B, text string) {
	m := newEd(76, 18, text)
	m.SetCaretOffset(len(text) / 2)
	m.View()
	b.ReportAllocs()
	for b.Loop() {
		m.Update(tea.KeyPressMsg{Text: "政", Code: '政'})
		_ = m.View()
		_ = m.Cursor()
	}
}

func benchTextarea(b *testing.B, text string) {
	ta := textarea.New()
	ta.SetVirtualCursor(false)
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	ta.SetWidth(76)
	ta.SetHeight(18)
	ta.SetValue(text)
	ta.Focus()
	ta.MoveToBegin()
	for i := 0; i < 200; i++ {
		ta.CursorDown()
	}
	ta.View()
	b.ReportAllocs()
	for b.Loop() {
		ta, _ = ta.Update(tea.KeyPressMsg{Text: "政", Code: '政'})
		_ = ta.View()
		_ = ta.Cursor()
	}
}

// BenchmarkProseKeystroke10k: one keystroke in a 10,000-character Chinese
// section (20 paragraphs) through Update and View of our editor.
func BenchmarkProseKeystroke10k(b *testing.B) { benchEditor(b, proseText(20)) }

// BenchmarkTextareaKeystroke10k: the same with the bubbles/v2 textarea.
func BenchmarkTextareaKeystroke10k(b *testing.B) { benchTextarea(b, proseText(20)) }

// The worst case: all 10,000 characters in one paragraph.
func BenchmarkProseKeystroke10kOneParagraph(b *testing.B)    { benchEditor(b, proseText(1)) }
func BenchmarkTextareaKeystroke10kOneParagraph(b *testing.B) { benchTextarea(b, proseText(1)) }

// Selection with Shift and the arrows, Home/End and word moves; typing,
// Delete and Backspace replace it; Ctrl+A selects all.
func TestSelection(t *testing.T) {
	m := newEd(40, 5, "2020年，我局共办理提案3件。其他内容")
	press(m, "ctrl+home")
	for i := 0; i < 5; i++ {
		press(m, "shift+right")
	}
	if got := m.SelectedText(); got != "2020年" {
		t.Fatalf("shift+right: %q", got)
	}
	typeText(m, "2025年")
	if m.Value() != "2025年，我局共办理提案3件。其他内容" || m.HasSelection() {
		t.Fatalf("typing replaces the selection: %q", m.Value())
	}
	press(m, "ctrl+z")
	if m.Value() != "2020年，我局共办理提案3件。其他内容" {
		t.Fatalf("one undo restores the selection's text: %q", m.Value())
	}
	// Ctrl+Shift+→ goes to the next punctuation over a Han run, and over
	// an ASCII number as a word.
	press(m, "ctrl+home")
	press(m, "ctrl+shift+right")
	if got := m.SelectedText(); got != "2020年" {
		t.Errorf("word: %q", got)
	}
	press(m, "ctrl+shift+right")
	press(m, "ctrl+shift+right")
	if got := m.SelectedText(); got != "2020年，我局共办理提案3件" {
		t.Errorf("to the punctuation: %q", got)
	}
	press(m, "ctrl+shift+left")
	if got := m.SelectedText(); got != "2020年，" {
		t.Errorf("back: %q", got)
	}
	press(m, "right") // an arrow collapses the selection to its side
	if m.HasSelection() || m.CaretOffset() != len("2020年，") {
		t.Errorf("collapse: %d", m.CaretOffset())
	}
	press(m, "shift+end")
	press(m, "backspace")
	if m.Value() != "2020年，" {
		t.Errorf("backspace deletes the selection: %q", m.Value())
	}
	m.SetValue("第一段\n第二段")
	press(m, "ctrl+a")
	if m.SelectedText() != "第一段\n第二段" {
		t.Errorf("ctrl+a: %q", m.SelectedText())
	}
	if got := m.Cut(); got != "第一段\n第二段" || m.Value() != "" {
		t.Errorf("cut: %q leaves %q", got, m.Value())
	}
	press(m, "ctrl+z")
	if m.Value() != "第一段\n第二段" {
		t.Errorf("undo cut: %q", m.Value())
	}
	// Selection over paragraphs with Shift+↓.
	press(m, "ctrl+home")
	press(m, "shift+down")
	if m.SelectedText() != "第一段\n" {
		t.Errorf("shift+down: %q", m.SelectedText())
	}
	// The clipboard keys are the parent's.
	for _, k := range []string{"ctrl+c", "ctrl+x", "ctrl+v"} {
		if _, handled := press(m, k); handled {
			t.Errorf("%s must be left to the parent", k)
		}
	}
	// The selection is drawn reversed.
	m.SetStyles(DefaultStyles())
	m.SetValue("甲乙丙")
	press(m, "ctrl+home")
	press(m, "shift+right")
	if v := m.View(); !strings.Contains(v, "7m甲") || strings.Contains(v, "7m乙") {
		t.Errorf("selection not shown: %q", v)
	}
}

// Ctrl+Backspace and Ctrl+Delete delete a word.
func TestDeleteWord(t *testing.T) {
	m := newEd(40, 3, "本年度共收到申请70件，办结69件")
	m.SetValue("本年度共收到申请70件，办结69件 www.gov.cn")
	press(m, "ctrl+backspace")
	if m.Value() != "本年度共收到申请70件，办结69件 " {
		t.Errorf("a URL is one word: %q", m.Value())
	}
	press(m, "backspace")
	press(m, "ctrl+backspace")
	if m.Value() != "本年度共收到申请70件，" {
		t.Errorf("ctrl+backspace: %q", m.Value())
	}
	press(m, "ctrl+home")
	press(m, "ctrl+delete")
	if m.Value() != "，" {
		t.Errorf("ctrl+delete: %q", m.Value())
	}
	press(m, "ctrl+z")
	if m.Value() != "本年度共收到申请70件，" {
		t.Errorf("undo: %q", m.Value())
	}
}

// End on a wrapped line goes after its last character and stays on the
// line; typing there continues the line.
func TestEndOnWrappedLine(t *testing.T) {
	m := newEd(10, 4, "一二三四五六七八九十甲乙")
	press(m, "ctrl+home")
	press(m, "end")
	if x, y := m.caretXY(); y != 0 || x != 10 || m.col != 5 {
		t.Errorf("end: (%d,%d) col %d", x, y, m.col)
	}
	press(m, "end") // again: stays
	if _, y := m.caretXY(); y != 0 {
		t.Errorf("end twice: line %d", y)
	}
	press(m, "down")
	press(m, "end")
	if x, y := m.caretXY(); y != 1 || x != 10 || m.col != 10 {
		t.Errorf("end on the second line: (%d,%d) col %d", x, y, m.col)
	}
	press(m, "home")
	if x, y := m.caretXY(); y != 1 || x != 0 {
		t.Errorf("home: (%d,%d)", x, y)
	}
	press(m, "down")
	press(m, "end") // the last line: after the last character
	if m.col != 12 {
		t.Errorf("end of the paragraph: %d", m.col)
	}
}

// No line starts with a space or closing punctuation (seen: "）。",
// "、结转下年度", " 条，督查检查").
func TestNoLineStartsWithPunctuationOrSpace(t *testing.T) {
	texts := []string{
		"开展政务公开培训共计18 条，督查检查各单位网站共计十二次并通报",
		"（以下简称《条例》）。本报告包括总体情况、主动公开政府信息情况",
		"本年度共收到申请70件，办结69件、结转下年度继续办理1件。",
		"一二三四五六七八九（十）。",
	}
	for _, text := range texts {
		for w := 8; w <= 30; w++ {
			m := newEd(w, 20, text)
			for _, l := range lines(m)[1:] {
				r := []rune(l)
				if len(r) > 0 && (strings.ContainsRune(noStart, r[0]) || r[0] == ' ') {
					t.Errorf("w=%d: line starts with %q: %q", w, r[0], lines(m))
				}
			}
			for _, l := range strings.Split(m.View(), "\n") {
				if lipgloss.Width(l) != w {
					t.Errorf("w=%d: view line %q is %d wide", w, l, lipgloss.Width(l))
				}
			}
		}
	}
}

// Dragging the mouse selects.
func TestMouseDragSelects(t *testing.T) {
	m := newEd(10, 3, "一二三四五六七八\n甲乙")
	m.Update(tea.MouseClickMsg{X: 2, Y: 0, Button: tea.MouseLeft})
	m.Update(tea.MouseMotionMsg{X: 6, Y: 0, Button: tea.MouseLeft})
	m.Update(tea.MouseReleaseMsg{X: 6, Y: 0, Button: tea.MouseLeft})
	if m.SelectedText() != "二三" {
		t.Errorf("drag: %q", m.SelectedText())
	}
	m.Update(tea.MouseMotionMsg{X: 2, Y: 2}) // no button: nothing
	if m.SelectedText() != "二三" {
		t.Errorf("motion after release: %q", m.SelectedText())
	}
	m.Update(tea.MouseClickMsg{X: 0, Y: 0, Button: tea.MouseLeft})
	if m.HasSelection() {
		t.Error("a click clears the selection")
	}
}

// BenchmarkProseKeystroke10kSelection: one keystroke (Shift+→, Shift+←)
// with a selection of several lines active, through Update and View.
func BenchmarkProseKeystroke10kSelection(b *testing.B) {
	text := proseText(20)
	m := newEd(76, 18, text)
	m.SetCaretOffset(len(text) / 2)
	for i := 0; i < 300; i++ {
		m.Update(tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModShift})
	}
	m.View()
	keys := []tea.KeyPressMsg{{Code: tea.KeyRight, Mod: tea.ModShift}, {Code: tea.KeyLeft, Mod: tea.ModShift}}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		_ = m.Cursor()
		i++
	}
}
