// Package findings is the 检查结果 page: every finding of the report,
// grouped by section; choosing one jumps to its cell or paragraph.
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
	l := &List{c: c, doc: doc}
	l.Refresh()
	return l
}

var sectionNames = map[string]string{
	"meta": "标题、前言", "s1": "一、总体情况", "s2": "二、主动公开政府信息情况", "s3": "三、收到和处理政府信息公开申请情况",
	"s4": "四、政府信息公开行政复议、行政诉讼情况", "s5": "五、存在的主要问题及改进情况", "s6": "六、其他需要报告的事项",
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

// Refresh rebuilds the list from the latest check. Blank cells of one
// table fold into one line: an unfinished report has a hundred of them.
func (l *List) Refresh() {
	blanks := map[string]int{}
	for _, f := range l.doc.Findings {
		if common.IsBlankReminder(f) {
			blanks[outline.ItemFor(f.Key)]++
		}
	}
	by := map[string][]line{}
	shown := map[string]bool{}
	for _, f := range l.doc.Findings {
		s := section(f.Key)
		if common.IsBlankReminder(f) {
			t := outline.ItemFor(f.Key)
			if shown[t] {
				continue
			}
			shown[t] = true
			by[s] = append(by[s], line{f: f, count: blanks[t]})
			continue
		}
		by[s] = append(by[s], line{f: f})
	}
	l.lines = nil
	for _, s := range []string{"meta", "s1", "s2", "s3", "s4", "s5", "s6"} {
		if len(by[s]) == 0 {
			continue
		}
		l.lines = append(l.lines, line{heading: sectionNames[s]})
		l.lines = append(l.lines, by[s]...)
	}
	if l.sel >= len(l.lines) || (l.sel < len(l.lines) && l.lines[l.sel].heading != "") {
		l.sel = l.next(-1, 1)
	}
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
func (l *List) SetSize(w, h int) { l.w, l.h = w, h }

// Help lists the keys.
func (l *List) Help() []key.Binding {
	k := l.c.Keys
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "转到此处")), k.Back, k.Export, k.Help, k.Quit}
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
	key := l.lines[l.sel].f.Key
	return func() tea.Msg { return common.Jump{Key: key, Offset: -1} }
}

func (l *List) scroll() {
	body := l.h - 1
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
	e, w := model.Tally(l.doc.Findings)
	head := fmt.Sprintf("共 %d 个错误、%d 个警告、%d 个提示；选中一项按 Enter 转到那里", e, w, len(l.doc.Findings)-e-w)
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
		switch ln.f.Level {
		case model.Error:
			lv = st.Error
		case model.Warning:
			lv = st.Warning
		}
		msg := ln.f.Message
		if ln.count > 1 {
			t := ln.f.Key
			if c, ok := l.doc.R.Format.Cell(ln.f.Key); ok {
				t = c.Table.Name
			}
			msg = fmt.Sprintf("%s还有 %d 格没有填写；没有的请填 0", t, ln.count)
		}
		text := common.Fit(" "+ln.f.Level.Chinese()+" "+ln.f.Rule+" "+msg, l.w, gl.Ellipsis)
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

// Selected returns the full message of the selected finding.
func (l *List) Selected() (model.Finding, bool) {
	if l.sel >= 0 && l.sel < len(l.lines) && l.lines[l.sel].heading == "" {
		return l.lines[l.sel].f, true
	}
	return model.Finding{}, false
}
