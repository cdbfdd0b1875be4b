// Package findings is the 检查结果 page: every finding of the report, 错误
// first, then 警告, then 提示, each with the part of the report it is in;
// the cursor starts on the first 错误; choosing one jumps to its cell or
// paragraph with its message in the status line. A 警告 or 提示 the clerk
// has looked into is marked 已核实 with a reason (F4): it moves to the
// group 已核实 at the end, greyed, and is not counted.
package findings

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/outline"
)

// Dismiss asks the editor to review (or count again) a finding.
type Dismiss struct{ Finding model.Finding }

type line struct {
	heading string
	f       model.Finding
	count   int // >1: blank cells of one table folded into one line
}

// List is the component.
type List struct {
	c     *common.Common
	doc   *common.Doc
	lines []line
	sel   int
	top   int
	w, h  int
}

// New lists the findings of doc.
func New(c *common.Common, doc *common.Doc) *List {
	l := &List{c: c, doc: doc, sel: -1}
	l.Refresh()
	return l
}

var sectionNames = map[string]string{
	"meta": "标题、前言", "ro": "汇总名单", "s1": "一、总体情况", "s2": "二、主动公开", "s3": "三、依申请公开",
	"s4": "四、复议诉讼", "s5": "五、问题和改进", "s6": "六、其他事项",
}

func section(key string) string {
	if strings.HasPrefix(key, "meta") {
		return "meta"
	}
	if len(key) >= 2 {
		return key[:2]
	}
	return key
}

// Refresh rebuilds the list from the latest check: by level, then in the
// order of the report. Blank cells of one table fold into one line: an
// unfinished report has a hundred of them.
func (l *List) Refresh() {
	blanks := map[string]int{}
	for _, f := range l.doc.Findings {
		if l.doc.IsBlankCell(f) {
			blanks[outline.ItemFor(f.Key)]++
		}
	}
	by := [4][]line{} // the levels, then the reviewed ones
	shown := map[string]bool{}
	for _, f := range l.doc.Findings {
		if f.Dismissed {
			by[3] = append(by[3], line{f: f})
			continue
		}
		if l.doc.IsBlankCell(f) {
			t := outline.ItemFor(f.Key)
			if shown[t] {
				continue
			}
			shown[t] = true
			by[f.Level] = append(by[f.Level], line{f: f, count: blanks[t]})
			continue
		}
		by[f.Level] = append(by[f.Level], line{f: f})
	}
	var sel model.Finding
	hadSel := l.sel >= 0 && l.sel < len(l.lines) && l.lines[l.sel].heading == ""
	if hadSel {
		sel = l.lines[l.sel].f
	}
	l.lines = nil
	for lv, ls := range by {
		if len(ls) == 0 {
			continue
		}
		name := "已核实"
		if lv < 3 {
			name = model.Level(lv).Chinese()
		}
		l.lines = append(l.lines, line{heading: fmt.Sprintf("%s（%d）", name, len(ls))})
		l.lines = append(l.lines, ls...)
	}
	l.sel = -1
	if hadSel {
		for i, ln := range l.lines {
			if ln.heading == "" && (ln.f == sel || ln.f.Rule == sel.Rule && ln.f.Key == sel.Key && ln.f.Message == sel.Message) {
				l.sel = i // the same finding, reviewed or not
			}
		}
	}
	if l.sel < 0 {
		l.sel = l.next(-1, 1) // the first 错误, else the first finding
	}
	l.scroll()
}

func (l *List) next(from, dir int) int {
	for i := from + dir; i >= 0 && i < len(l.lines); i += dir {
		if l.lines[i].heading == "" {
			return i
		}
	}
	if from < 0 {
		return 0
	}
	return from
}

// SetSize sets the page's box.
func (l *List) SetSize(w, h int) { l.w, l.h = w, h; l.scroll() }

// Help lists the keys.
func (l *List) Help() []key.Binding {
	k := l.c.Keys
	dismiss := k.Dismiss
	if f, ok := l.Selected(); ok && f.Dismissed {
		dismiss = key.NewBinding(key.WithKeys(k.Dismiss.Keys()...), key.WithHelp(k.Dismiss.Help().Key, "取消已核实"))
	}
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "转到此处")), dismiss, k.Back, k.Export, k.Help, k.Quit}
}

// Update moves the selection and jumps.
func (l *List) Update(msg tea.Msg) tea.Cmd {
	k := l.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			l.sel = l.next(l.sel, -1)
		case key.Matches(msg, k.Down):
			l.sel = l.next(l.sel, 1)
		case key.Matches(msg, k.PgDn):
			for i := 0; i < l.h-2; i++ {
				l.sel = l.next(l.sel, 1)
			}
		case key.Matches(msg, k.PgUp):
			for i := 0; i < l.h-2; i++ {
				l.sel = l.next(l.sel, -1)
			}
		case key.Matches(msg, k.Enter):
			return l.jump()
		case key.Matches(msg, k.Dismiss):
			if l.sel >= 0 && l.sel < len(l.lines) && l.lines[l.sel].heading == "" {
				f := l.lines[l.sel].f
				if l.lines[l.sel].count > 1 || l.doc.IsBlankCell(f) {
					return common.NoticeCmd("未填的格不能标记为已核实：没有的请填 0（按 F6 可一次填好）", true)
				}
				return func() tea.Msg { return Dismiss{Finding: f} }
			}
		case key.Matches(msg, k.Prev):
			return func() tea.Msg { return common.Leave{Forward: false} }
		}
	case tea.MouseClickMsg:
		i := l.top + msg.Y - 1
		if i >= 0 && i < len(l.lines) && l.lines[i].heading == "" {
			l.sel = i
			return l.jump()
		}
	}
	l.scroll()
	return nil
}

func (l *List) jump() tea.Cmd {
	if l.sel < 0 || l.sel >= len(l.lines) || l.lines[l.sel].heading != "" {
		return nil
	}
	ln := l.lines[l.sel]
	j := common.Jump{Key: ln.f.Key, Offset: -1, Note: l.message(ln)}
	if ln.f.Rule == "R16" {
		// Show the stale year itself, selected.
		for _, s := range model.StaleYears(l.doc.R) {
			if s.Key == ln.f.Key && s.Sentence != "" && strings.Contains(ln.f.Message, s.Sentence) {
				j.Offset, j.Len = s.Offset, s.Len
				break
			}
		}
	}
	return func() tea.Msg { return j }
}

// message is a line's text: blank cells of a table are counted.
func (l *List) message(ln line) string {
	if ln.count > 1 || l.doc.IsBlankCell(ln.f) {
		t := ln.f.Key
		if c, ok := l.doc.R.Format.Cell(ln.f.Key); ok {
			t = c.Table.Name
		}
		return fmt.Sprintf("%s 未填 %d 格；没有的请填 0（按 F6 可一次填好）", t, max(1, ln.count))
	}
	return ln.f.Message
}

func (l *List) scroll() {
	body := l.h - 1
	if body < 1 {
		return
	}
	if l.sel < l.top {
		l.top = max(0, l.sel-1)
	}
	if l.sel >= l.top+body {
		l.top = l.sel - body + 1
	}
}

// View draws the list: one line per finding, wrapped messages cut.
func (l *List) View() string {
	st, gl := l.c.Styles, l.c.Styles.G
	// Counted as in the header: blank cells apart, not one warning each;
	// reviewed findings not at all.
	e, w, i, blank, done := l.doc.Counts()
	head := fmt.Sprintf("共 %d 个错误、%d 个警告、%d 个提示；选中一项按 Enter 转到那里", e, w, i)
	if blank > 0 {
		head = fmt.Sprintf("共 %d 个错误、%d 个警告、%d 个提示，另有 %d 格未填；按 Enter 转到那里", e, w, i, blank)
	}
	if done > 0 {
		head = fmt.Sprintf("共 %d 个错误、%d 个警告、%d 个提示（另 %d 个已核实）；按 Enter 转到那里", e, w, i, done)
	}
	if len(l.doc.Findings) == 0 {
		head = "没有发现问题。"
	}
	out := []string{st.Title.Render(common.Fit(head, l.w, gl.Ellipsis))}
	for i := l.top; i < len(l.lines) && len(out) < l.h; i++ {
		ln := l.lines[i]
		if ln.heading != "" {
			out = append(out, st.Bold.Render(ln.heading))
			continue
		}
		lv := st.Info
		switch {
		case ln.f.Dismissed:
			lv = st.Dim
		case ln.f.Level == model.Error:
			lv = st.Error
		case ln.f.Level == model.Warning:
			lv = st.Warning
		}
		where := common.Fit(sectionNames[section(ln.f.Key)], 14, gl.Ellipsis)
		msg := l.message(ln)
		if ln.f.Dismissed {
			msg = "理由：" + ln.f.Reason + "｜" + msg
		}
		text := common.Fit(" "+ln.f.Rule+" "+where+" "+msg, l.w, gl.Ellipsis)
		if i == l.sel {
			out = append(out, st.ItemFocused.Render(text))
		} else {
			out = append(out, lv.Render(text))
		}
	}
	return common.Lines(strings.Join(out, "\n"), l.w, l.h, gl.Ellipsis)
}

// Cursor: none on this page.
func (l *List) Cursor() *tea.Cursor { return nil }

// Selected returns the selected finding, with the message shown for it.
func (l *List) Selected() (model.Finding, bool) {
	if l.sel >= 0 && l.sel < len(l.lines) && l.lines[l.sel].heading == "" {
		f := l.lines[l.sel].f
		f.Message = l.message(l.lines[l.sel])
		return f, true
	}
	return model.Finding{}, false
}
