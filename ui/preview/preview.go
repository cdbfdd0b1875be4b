// Package preview is the 全文预览 page: the whole report as it will print
// (title, preamble, the six sections with their prose, the tables with
// their labels and the numbers as printed, 0 for blank, the signature),
// read-only and scrollable.
package preview

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
)

// Preview is the page.
type Preview struct {
	c     *common.Common
	doc   *common.Doc
	lines []string
	top   int
	w, h  int
}

// New makes the preview of the report in doc.
func New(c *common.Common, doc *common.Doc) *Preview { return &Preview{c: c, doc: doc} }

// SetSize lays the text out for the width.
func (p *Preview) SetSize(w, h int) {
	if w != p.w || p.lines == nil {
		p.w = w
		p.build()
	}
	p.h = h
	p.clamp()
}

func (p *Preview) clamp() { p.top = max(0, min(p.top, len(p.lines)-p.h)) }

// Help lists the keys.
func (p *Preview) Help() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Up, k.Down, k.PgUp, k.PgDn, k.Back, k.Export, k.Help, k.Quit}
}

// Update scrolls.
func (p *Preview) Update(msg tea.Msg) tea.Cmd {
	k := p.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			p.top--
		case key.Matches(msg, k.Down), key.Matches(msg, k.Enter):
			p.top++
		case key.Matches(msg, k.PgUp):
			p.top -= max(1, p.h-2)
		case key.Matches(msg, k.PgDn), msg.String() == "space":
			p.top += max(1, p.h-2)
		case key.Matches(msg, k.Home), msg.String() == "ctrl+home":
			p.top = 0
		case key.Matches(msg, k.End), msg.String() == "ctrl+end":
			p.top = len(p.lines)
		case key.Matches(msg, k.Prev):
			return func() tea.Msg { return common.Leave{Forward: false} }
		case key.Matches(msg, k.Next):
			return func() tea.Msg { return common.Leave{Forward: true} }
		case key.Matches(msg, k.Copy):
			return common.NoticeCmd("全文预览只能查看；要复制文字请到相应部分选中后按 Ctrl+C", false)
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelDown {
			p.top += 3
		} else if msg.Button == tea.MouseWheelUp {
			p.top -= 3
		}
	}
	p.clamp()
	return nil
}

// View draws the visible lines.
func (p *Preview) View() string {
	end := min(len(p.lines), p.top+p.h)
	return common.Lines(strings.Join(p.lines[p.top:end], "\n"), p.w, p.h, p.c.Styles.G.Ellipsis)
}

// Cursor: none, the page is read-only.
func (p *Preview) Cursor() *tea.Cursor { return nil }

// Focus, Blur, Commit, Editing, Select, NeedWidth: a read-only page.
func (p *Preview) Focus(bool)                   {}
func (p *Preview) Blur()                        {}
func (p *Preview) Commit()                      {}
func (p *Preview) Editing() bool                { return false }
func (p *Preview) Select(string, int, int) bool { return false }
func (p *Preview) NeedWidth() int               { return 0 }
func (p *Preview) SelectedText() string         { return "" }

// Refresh and Reload lay the text out again.
func (p *Preview) Refresh() { p.build() }

// Reload lays the text out again.
func (p *Preview) Reload() { p.build() }

// Problem says where the reader is.
func (p *Preview) Problem() (string, bool) {
	if len(p.lines) == 0 {
		return "", false
	}
	pct := 100
	if len(p.lines) > p.h {
		pct = (p.top + p.h) * 100 / len(p.lines)
	}
	return "全文预览（只读）：↑↓ PgUp PgDn 翻看，已看到 " + itoa(min(pct, 100)) + "%；要修改请回到左边相应部分", false
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// build writes the report as lines of at most w columns.
func (p *Preview) build() {
	if p.w <= 0 {
		return
	}
	st := p.c.Styles
	r := p.doc.R
	w := p.w - 1
	var out []string
	center := func(s string) string {
		return strings.Repeat(" ", max(0, (w-common.Width(s))/2)) + s
	}
	para := func(text string) {
		for _, l := range strings.Split(model.CleanText(text), "\n") {
			if l = strings.TrimSpace(l); l == "" {
				continue
			}
			out = append(out, common.Wrap("　　"+l, w)...)
		}
	}
	heading := func(s string) { out = append(out, st.Bold.Render(common.Cut(s, w, ""))) }
	title := strings.TrimSpace(r.Meta.Title)
	if title == "" {
		title = model.DefaultTitle(r.Meta.Agency, r.Year)
	}
	for _, l := range common.Wrap(title, w) {
		out = append(out, st.Title.Render(center(l)))
	}
	out = append(out, "")
	para(model.Preamble(r))
	for _, sec := range r.Format.Sections {
		out = append(out, "")
		heading(sec.Heading)
		switch sec.Key {
		case "s1":
			para(r.Lead)
			for i, part := range r.Parts {
				heading(model.PartNumber(i) + part.Heading)
				para(part.Text)
			}
			continue
		}
		for _, t := range r.Format.Tables {
			if "s"+itoa(t.Section) == sec.Key {
				out = append(out, p.table(r, t, w)...)
			}
		}
		n := 0
		texts := 0
		for _, k := range r.TextKeys() {
			if strings.HasPrefix(k, sec.Key+".") && strings.TrimSpace(r.Text(k)) != "" {
				texts++
			}
		}
		for _, k := range r.TextKeys() {
			if !strings.HasPrefix(k, sec.Key+".") || strings.TrimSpace(r.Text(k)) == "" {
				continue
			}
			if texts > 1 && !strings.HasPrefix(k, "s4.") {
				heading(model.PartNumber(n) + r.KeyLabel(k))
				n++
			}
			para(r.Text(k))
		}
	}
	out = append(out, "")
	for _, s := range []string{r.Meta.SignAgency, r.Meta.SignDate} {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, strings.Repeat(" ", max(0, w-common.Width(s)))+s)
		}
	}
	p.lines = out
	p.clamp()
}

// table draws a table with its labels: column headers on top, each row's
// label and its numbers as printed; a label too long for the line gets a
// line of its own above the numbers.
func (p *Preview) table(r *model.Report, t *model.Table, w int) []string {
	st := p.c.Styles
	var out []string
	name := t.Name
	out = append(out, st.Bold.Render(common.Cut(name, w, "")))
	widths := make([]int, len(t.Cols))
	for j, c := range t.Cols {
		widths[j] = max(6, min(common.Width(c.Label), 8))
		for i := range t.Rows {
			ref := model.CellRef{Table: t, Row: i, Col: j}
			widths[j] = max(widths[j], common.Width(r.Value(ref).Print(ref.Kind())))
		}
	}
	numsW := 0
	for _, cw := range widths {
		numsW += cw + 1
	}
	labelW := max(0, w-numsW)
	// Column headers, wrapped into their width, bottom-aligned.
	heads := make([][]string, len(t.Cols))
	hl := 1
	for j, c := range t.Cols {
		heads[j] = common.Wrap(c.Label, widths[j])
		hl = max(hl, len(heads[j]))
	}
	corner := t.Corner
	if common.Width(corner) > labelW {
		corner = ""
	}
	for k := 0; k < hl; k++ {
		var b strings.Builder
		if k == hl-1 {
			b.WriteString(common.Fit(corner, labelW, ""))
		} else {
			b.WriteString(strings.Repeat(" ", labelW))
		}
		for j := range t.Cols {
			line := ""
			if i := k - (hl - len(heads[j])); i >= 0 {
				line = heads[j][i]
			}
			b.WriteString(" " + common.PadLeft(line, widths[j]))
		}
		out = append(out, st.Dim.Render(b.String()))
	}
	head, group := "", ""
	for i, row := range t.Rows {
		if row.Head != "" && row.Head != head {
			out = append(out, common.Cut(row.Head, w, ""))
		}
		if row.Group != "" && row.Group != group {
			out = append(out, common.Cut("  "+row.Group, w, ""))
		}
		head, group = row.Head, row.Group
		indent := ""
		if row.Head != "" {
			indent += "  "
		}
		if row.Group != "" {
			indent += "  "
		}
		var nums strings.Builder
		for j := range t.Cols {
			ref := model.CellRef{Table: t, Row: i, Col: j}
			nums.WriteString(" " + common.PadLeft(r.Value(ref).Print(ref.Kind()), widths[j]))
		}
		label := indent + row.Label
		if common.Width(label) <= labelW {
			out = append(out, common.Fit(label, labelW, "")+nums.String())
			continue
		}
		out = append(out, common.Wrap(label, w)...)
		out = append(out, strings.Repeat(" ", labelW)+nums.String())
	}
	return out
}
