// Package home is the report list (首页): every report with its agency,
// year, format, progress, counts of 错误/警告 and last change, and the
// actions on it. The trash (deleted reports) is a second view of the list.
package home

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/ui/common"
)

// Requests to the app.
type (
	// ListMsg carries the reports.
	ListMsg struct {
		Lines   []app.Line
		Trash   bool
		Welcome bool // the database was empty: the demo was created
		Err     error
	}
	OpenMsg    struct{ ID int64 }
	NewMsg     struct{ From *app.Line }
	DeleteMsg  struct{ Line app.Line }
	RestoreMsg struct{ ID int64 }
	HistoryMsg struct{ Line app.Line }
	ImportMsg  struct{}
	ExportMsg  struct{ ID int64 }
	ReloadMsg  struct{ Trash bool }
)

// Home is the screen.
type Home struct {
	c       *common.Common
	lines   []app.Line
	trash   bool
	welcome bool
	sel     int
	top     int
	w, h    int
	err     string
	loaded  bool
	notice  string
	ro      bool
}

// New makes the screen.
func New(c *common.Common) *Home {
	return &Home{c: c}
}

// SetReadOnly marks the database as being edited by another program.
func (h *Home) SetReadOnly(ro bool) { h.ro = ro }

// SetSize sets the screen size.
func (h *Home) SetSize(w, hh int) { h.w, h.h = w, hh }

// Selected returns the selected report.
func (h *Home) Selected() (app.Line, bool) {
	if h.sel >= 0 && h.sel < len(h.lines) {
		return h.lines[h.sel], true
	}
	return app.Line{}, false
}

// SelectID selects a report by id.
func (h *Home) SelectID(id int64) {
	for i, l := range h.lines {
		if l.ID == id {
			h.sel = i
		}
	}
}

// Help lists the keys.
func (h *Home) Help() []key.Binding {
	k := h.c.Keys
	open := key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "打开"))
	if h.trash {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "恢复")), k.Back, k.Help, k.Quit}
	}
	return []key.Binding{open, k.NewFrom, k.New, k.Import, k.Export, k.Help, k.Quit, k.History, k.Delete, k.Trash}
}

// Update handles the list and the keys.
func (h *Home) Update(msg tea.Msg) tea.Cmd {
	k := h.c.Keys
	switch msg := msg.(type) {
	case ListMsg:
		h.loaded = true
		h.err = ""
		if msg.Err != nil {
			h.err = msg.Err.Error()
			return nil
		}
		h.lines, h.trash = msg.Lines, msg.Trash
		h.welcome = h.welcome || msg.Welcome
		h.sel = max(0, min(h.sel, len(h.lines)-1))
		return nil
	case common.Notice:
		h.notice = msg.Text
		return nil
	case tea.MouseClickMsg:
		i := h.top + msg.Y - h.listTop()
		if i >= 0 && i < len(h.lines) {
			if i == h.sel {
				return h.open()
			}
			h.sel = i
		}
		return nil
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelDown {
			h.sel = min(len(h.lines)-1, h.sel+1)
		} else if msg.Button == tea.MouseWheelUp {
			h.sel = max(0, h.sel-1)
		}
		return nil
	case tea.KeyPressMsg:
		h.notice = ""
		line, ok := h.Selected()
		switch {
		case key.Matches(msg, k.Up):
			h.sel = max(0, h.sel-1)
		case key.Matches(msg, k.Down):
			h.sel = min(len(h.lines)-1, h.sel+1)
		case key.Matches(msg, k.Home):
			h.sel = 0
		case key.Matches(msg, k.End):
			h.sel = len(h.lines) - 1
		case key.Matches(msg, k.Enter):
			return h.open()
		case key.Matches(msg, k.Copy):
			h.notice = common.QuitHint
		case h.trash && key.Matches(msg, k.Back):
			return func() tea.Msg { return ReloadMsg{Trash: false} }
		case h.trash:
			return nil
		case key.Matches(msg, k.Trash):
			return func() tea.Msg { return ReloadMsg{Trash: true} }
		case key.Matches(msg, k.New):
			return func() tea.Msg { return NewMsg{} }
		case key.Matches(msg, k.NewFrom) && ok:
			return func() tea.Msg { return NewMsg{From: &line} }
		case key.Matches(msg, k.Import):
			return func() tea.Msg { return ImportMsg{} }
		case key.Matches(msg, k.Export) && ok:
			return func() tea.Msg { return ExportMsg{ID: line.ID} }
		case key.Matches(msg, k.History) && ok:
			return func() tea.Msg { return HistoryMsg{Line: line} }
		case key.Matches(msg, k.Delete) && ok:
			return func() tea.Msg { return DeleteMsg{Line: line} }
		}
	}
	return nil
}

func (h *Home) open() tea.Cmd {
	line, ok := h.Selected()
	if !ok {
		return nil
	}
	if h.trash {
		return func() tea.Msg { return RestoreMsg{ID: line.ID} }
	}
	return func() tea.Msg { return OpenMsg{ID: line.ID} }
}

// welcomeLines greet a clerk on the very first start.
func (h *Home) welcomeLines() []string {
	if !h.welcome || h.trash {
		return nil
	}
	return []string{
		"欢迎使用！列表中是一份示例报告（平罗县司法局 2020 年度），可以打开看看。",
		"开始写自己的报告：按 F2 新建；有去年的报告时，选中它按 F3 生成今年的报告。",
		"去年的报告只有网页或 Word 文件？按 F4 导入。所有修改随时自动保存。",
	}
}

func (h *Home) listTop() int { return 2 + len(h.welcomeLines()) + h.welcomeGap() + 1 }

func (h *Home) welcomeGap() int {
	if len(h.welcomeLines()) > 0 {
		return 1
	}
	return 0
}

// View draws the screen.
func (h *Home) View() string {
	st, gl := h.c.Styles, h.c.Styles.G
	title := " nianbao · 政府信息公开工作年度报告"
	if h.trash {
		title += " · 回收站"
	}
	right := deadline(h.c.Now()) + " "
	out := []string{st.Header.Render(common.Fit(title, h.w-common.Width(right), gl.Ellipsis)) + st.HeaderDim.Render(right), ""}
	for _, l := range h.welcomeLines() {
		out = append(out, st.Info.Render(" "+l))
	}
	if h.welcomeGap() > 0 {
		out = append(out, "")
	}
	cols := []int{6, 0, 6, 8, 6, 6, 6, 12} // 单位 takes the rest
	fixed := 0
	for _, c := range cols {
		fixed += c + 1
	}
	cols[1] = max(10, h.w-fixed-2)
	row := func(cells ...string) string {
		var b strings.Builder
		b.WriteString(" ")
		for i, c := range cells {
			if i == 0 || i >= 2 && i <= 6 {
				b.WriteString(common.PadLeft(common.Cut(c, cols[i], gl.Ellipsis), cols[i]))
			} else {
				b.WriteString(common.Fit(c, cols[i], gl.Ellipsis))
			}
			b.WriteString(" ")
		}
		return b.String()
	}
	out = append(out, st.Bold.Render(row("编号", "单位", "年度", "格式", "进度", "错误", "警告", "最后修改")))
	listH := h.h - len(out) - 3
	if h.sel < h.top {
		h.top = h.sel
	}
	if h.sel >= h.top+listH {
		h.top = h.sel - listH + 1
	}
	for i := h.top; i < len(h.lines) && i < h.top+listH; i++ {
		l := h.lines[i]
		when := l.Updated
		if h.trash {
			when = l.Deleted
		}
		pct, errs, warns := strconv.Itoa(l.Percent)+"%", strconv.Itoa(l.Errors), strconv.Itoa(l.Warnings)
		if l.Problem != "" { // unreadable: never shown as clean
			pct, errs, warns = "—", "读不出", "—"
		}
		agency := l.Agency
		if l.Rollup {
			agency += "（汇总）"
		}
		text := row(strconv.FormatInt(l.ID, 10), agency, strconv.Itoa(l.Year), l.Format+"版",
			pct, errs, warns, when.Local().Format("01-02 15:04"))
		switch {
		case i == h.sel:
			text = st.ItemFocused.Render(common.Fit(text, h.w, gl.Ellipsis))
		case l.Errors > 0 || l.Problem != "":
			text = st.Error.Render(text)
		}
		out = append(out, text)
	}
	if h.loaded && len(h.lines) == 0 {
		if h.trash {
			out = append(out, st.Dim.Render(" 回收站是空的。按 Esc 返回。"))
		} else {
			out = append(out, st.Dim.Render(" 还没有报告。按 F2 新建，或按 F4 导入去年的报告。"))
		}
	}
	body := common.Lines(strings.Join(out, "\n"), h.w, h.h-2, gl.Ellipsis)
	status := h.notice
	if h.err != "" {
		status = st.Error.Render(h.err)
	} else if h.ro {
		status = st.Warning.Render(common.ReadOnlyNotice+"。") + status
	}
	return body + "\n" + common.Fit(status, h.w, gl.Ellipsis) + "\n" + common.HelpBar(h.c.Styles, h.Help(), h.w)
}

// deadline reminds of the statutory dates (第四十九条): departments submit
// last year's report by 31 January, governments publish by 31 March. It
// names the report year and the date with its year.
func deadline(now time.Time) string {
	y := now.Year()
	year := y - 1 // the report being written in January–March
	due := time.Date(y, 1, 31, 23, 59, 0, 0, now.Location())
	if now.After(time.Date(y, 3, 31, 23, 59, 0, 0, now.Location())) {
		year = y
		due = time.Date(y+1, 1, 31, 23, 59, 0, 0, now.Location())
	}
	if now.After(due) {
		return fmt.Sprintf("%d 年度报告：政府须于 %d年3月31日前公布", year, y)
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	days := int(time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, now.Location()).Sub(today).Hours()/24 + 0.5)
	return fmt.Sprintf("%d 年度报告应于 %d年1月31日前报送（还有 %d 天）", year, due.Year(), days)
}

// Cursor: none.
func (h *Home) Cursor() *tea.Cursor { return nil }
