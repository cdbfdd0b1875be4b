// Package members is the 汇总 page of a roll-up report: its members in the
// order of the member list, each with its 错误, 警告 and cells not yet
// entered and when it last changed, the members named in the list that
// are not in the database with why; Enter opens a member, F3 sets the
// roll-up's tables to the members' sums again.
package members

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
)

// Requests to the app.
type (
	// OpenMember opens a member's report (Esc there comes back).
	OpenMember struct {
		Rollup, ID int64
	}
	// Refresh asks for the members' figures now, to sum them again.
	Refresh struct{ ID int64 }
)

// Page is the 汇总 page.
type Page struct {
	c    *common.Common
	doc  *common.Doc
	sel  int
	top  int
	w, h int
}

// New makes the page of the roll-up in doc.
func New(c *common.Common, doc *common.Doc) *Page { return &Page{c: c, doc: doc} }

func (p *Page) n() int { return len(p.doc.Members) }

// SetSize sets the page's box.
func (p *Page) SetSize(w, h int) { p.w, p.h = w, h; p.scroll() }

// Help lists the keys.
func (p *Page) Help() []key.Binding {
	k := p.c.Keys
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "打开成员")), k.Refresh, k.Up, k.Down, k.Back, k.Checks, k.Export, k.Help, k.Quit}
}

// Update moves, opens a member, asks for a refresh.
func (p *Page) Update(msg tea.Msg) tea.Cmd {
	k := p.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.sel = max(0, p.sel-1)
		case key.Matches(msg, k.Down):
			p.sel = min(p.n()-1, p.sel+1)
		case key.Matches(msg, k.PgUp):
			p.sel = max(0, p.sel-p.rows())
		case key.Matches(msg, k.PgDn):
			p.sel = min(p.n()-1, p.sel+p.rows())
		case key.Matches(msg, k.Home):
			p.sel = 0
		case key.Matches(msg, k.End):
			p.sel = p.n() - 1
		case key.Matches(msg, k.Enter):
			return p.open()
		case key.Matches(msg, k.Refresh):
			if p.doc.ReadOnly {
				return common.NoticeCmd(common.ReadOnlyNotice, true)
			}
			id := p.doc.ID
			return func() tea.Msg { return Refresh{ID: id} }
		case key.Matches(msg, k.Prev):
			return func() tea.Msg { return common.Leave{Forward: false} }
		case key.Matches(msg, k.Next):
			return func() tea.Msg { return common.Leave{Forward: true} }
		}
	case tea.MouseClickMsg:
		if i := p.top + msg.Y - 2; i >= 0 && i < p.n() {
			if i == p.sel {
				return p.open()
			}
			p.sel = i
		}
	}
	p.scroll()
	return nil
}

func (p *Page) open() tea.Cmd {
	if p.sel < 0 || p.sel >= p.n() {
		return nil
	}
	m := p.doc.Members[p.sel]
	if m.Missing() {
		return common.NoticeCmd(p.missing(p.sel), true)
	}
	r, id := p.doc.ID, m.ID
	return func() tea.Msg { return OpenMember{Rollup: r, ID: id} }
}

func (p *Page) rows() int { return max(1, p.h-3) }

func (p *Page) scroll() {
	p.sel = max(0, min(p.sel, p.n()-1))
	if p.sel < p.top {
		p.top = p.sel
	}
	if p.sel >= p.top+p.rows() {
		p.top = p.sel - p.rows() + 1
	}
}

// missing says why member i has no report.
func (p *Page) missing(i int) string {
	m := p.doc.Members[i]
	why := m.Why
	if why == "" {
		why = fmt.Sprintf("数据库中没有它的 %d 年度报告", p.doc.R.Year)
	}
	return "缺少“" + m.Name + "”：" + why + "（导入它的报告后按 F3 重新汇总）"
}

// mismatched counts the roll-up's cells that differ from the members' sums.
func (p *Page) mismatched() int {
	n := 0
	for _, f := range p.doc.Findings {
		if f.Rule == "R13" && f.Level == model.Error {
			n++
		}
	}
	return n
}

// View draws the members.
func (p *Page) View() string {
	st, gl := p.c.Styles, p.c.Styles.G
	missing := 0
	for _, m := range p.doc.Members {
		if m.Missing() {
			missing++
		}
	}
	head := fmt.Sprintf("汇总 %d 个成员", p.n())
	if missing > 0 {
		head += fmt.Sprintf("（%d 个缺少）", missing)
	}
	if n := p.mismatched(); n > 0 {
		head += fmt.Sprintf("；%d 格与成员之和不符，按 F3 重新汇总", n)
	} else {
		head += "；各格等于成员之和"
	}
	out := []string{st.Title.Render(common.Fit(head, p.w, gl.Ellipsis))}
	cols := []int{5, 0, 5, 5, 5, 11}
	cols[1] = max(8, p.w-2-5-5-5-5-11-6)
	row := func(cells ...string) string {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range cells {
			if i == 0 || i >= 2 && i <= 4 {
				b.WriteString(common.PadLeft(common.Cut(c, cols[i], gl.Ellipsis), cols[i]))
			} else {
				b.WriteString(common.Fit(c, cols[i], gl.Ellipsis))
			}
			b.WriteString(" ")
		}
		return b.String()
	}
	out = append(out, st.Bold.Render(row("编号", "单位", "错误", "警告", "未填", "最后修改")))
	status := map[int64]int{}
	for i, s := range p.doc.Status {
		if s.ID != 0 {
			status[s.ID] = i + 1
		}
	}
	for i := p.top; i < p.n() && len(out) < p.h; i++ {
		m := p.doc.Members[i]
		var text string
		style := st.Item
		switch j := status[m.ID]; {
		case m.Missing():
			why := m.Why
			if why == "" {
				why = fmt.Sprintf("没有 %d 年度报告", p.doc.R.Year)
			}
			text = "  " + common.PadLeft("—", cols[0]) + " " + common.Fit(m.Name, cols[1], gl.Ellipsis) + " 缺少：" + why
			style = st.Warning
		case j == 0:
			text = row(strconv.FormatInt(m.ID, 10), m.Name, "…", "…", "…", "")
		default:
			s := p.doc.Status[j-1]
			e, w, b := strconv.Itoa(s.Errors), strconv.Itoa(s.Warnings), strconv.Itoa(s.Blanks)
			if s.Problem != "" {
				e, w, b = "读不出", "—", "—"
			}
			text = row(strconv.FormatInt(m.ID, 10), m.Name, e, w, b, s.Updated.Local().Format("01-02 15:04"))
			if s.Errors > 0 || s.Problem != "" {
				style = st.Error
			}
		}
		text = common.Fit(text, p.w, gl.Ellipsis)
		if i == p.sel {
			text = st.ItemFocused.Render(text)
		} else {
			text = style.Render(text)
		}
		out = append(out, text)
	}
	if p.doc.Status == nil && p.n() > 0 {
		out = append(out, st.Dim.Render("  正在检查各成员的报告……"))
	}
	return common.Lines(strings.Join(out, "\n"), p.w, p.h, gl.Ellipsis)
}

// Problem is the status line: the selected member.
func (p *Page) Problem() (string, bool) {
	if p.sel < 0 || p.sel >= p.n() {
		return "", false
	}
	m := p.doc.Members[p.sel]
	if m.Missing() {
		return p.missing(p.sel), true
	}
	for _, s := range p.doc.Status {
		if s.ID == m.ID {
			if s.Problem != "" {
				return m.Name + "：" + s.Problem, true
			}
			return fmt.Sprintf("%s（编号 %d）：错误 %d、警告 %d、未填 %d 格；按 Enter 打开它的报告，Esc 从那里回到这里", m.Name, m.ID, s.Errors, s.Warnings, s.Blanks), s.Errors > 0
		}
	}
	return fmt.Sprintf("%s（编号 %d）：按 Enter 打开", m.Name, m.ID), false
}

// Cursor: none.
func (p *Page) Cursor() *tea.Cursor { return nil }

// The page shows, it does not edit.
func (p *Page) Focus(bool)                   {}
func (p *Page) Blur()                        {}
func (p *Page) Commit()                      {}
func (p *Page) Editing() bool                { return false }
func (p *Page) Select(string, int, int) bool { return false }
func (p *Page) NeedWidth() int               { return 0 }
func (p *Page) SelectedText() string         { return "" }
func (p *Page) Refresh()                     { p.scroll() }
func (p *Page) Reload()                      { p.scroll() }
