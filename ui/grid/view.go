package grid

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/styles"
)

// View draws exactly h lines of exactly w columns.
func (g *Grid) View() string {
	st, gl := g.c.Styles, g.c.Styles.G
	start, end := g.visible()
	var b strings.Builder
	b.Grow(g.h * (g.w + 16*(end-start+2)))
	line := func(s string) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(common.Fit(s, g.w, gl.Ellipsis))
	}

	title := st.P.Title.Render(g.sh.Title)
	if start > 0 || end < len(g.sh.Cols) {
		title += st.P.Dim.Render("  ←→ 左右滚动（第 " + strconv.Itoa(start+1) + "–" + strconv.Itoa(end) + " 列，共 " + strconv.Itoa(len(g.sh.Cols)) + " 列）")
	}
	line(title)

	// Header rows: spanning groups, then column labels (up to 3 lines).
	nLabel := g.sh.headerLines() - len(g.sh.Groups)
	for hi := 0; hi < g.sh.headerLines(); hi++ {
		var cells []string
		if hi < len(g.sh.Groups) {
			leaf := 0
			for _, sp := range g.sh.Groups[hi] {
				a, z := max(leaf, start), min(leaf+sp.N, end)
				leaf += sp.N
				if a >= z {
					continue
				}
				w := -1
				for j := a; j < z; j++ {
					w += g.sh.Cols[j].Width + 1
				}
				cells = append(cells, st.P.Bold.Render(ruled(sp.Text, w, gl.Rule)))
			}
		} else {
			li := hi - len(g.sh.Groups)
			for j := start; j < end; j++ {
				c := g.sh.Cols[j]
				// Labels sit on the bottom lines, as in the printed table.
				k := li - (nLabel - len(c.lines))
				text := ""
				if k >= 0 && k < len(c.lines) {
					text = c.lines[k]
				}
				cells = append(cells, st.P.Bold.Render(center(text, c.Width)))
			}
		}
		corner := ""
		if hi == g.sh.headerLines()-1 {
			corner = g.sh.Corner
		}
		line(st.P.Dim.Render(common.Fit(corner, g.labelW, gl.Ellipsis)) + " " + strings.Join(cells, " "))
	}

	n := strings.Count(b.String(), "\n") + 1
	for i := g.top; i < len(g.sh.Rows) && i < g.top+g.bodyHeight(); i++ {
		if w := g.rowWidth(start, end); !g.sh.Rows[i].Heading && w <= g.w {
			// A data row's width is known: pad it without measuring.
			b.WriteByte('\n')
			g.writeRow(&b, i, start, end)
			b.WriteString(strings.Repeat(" ", g.w-w))
		} else {
			line(g.rowView(i, start, end))
		}
		n++
	}
	// Every line is already exactly g.w wide: only pad the missing ones.
	for ; n < g.h; n++ {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", g.w))
	}
	return b.String()
}

func (g *Grid) rowView(i, start, end int) string {
	st, gl := g.c.Styles, g.c.Styles.G
	row := g.sh.Rows[i]
	label := strings.Repeat(" ", 2*row.Indent) + row.Label
	if row.Heading {
		return st.P.Heading.Render(common.Cut(label, g.labelW, gl.Ellipsis))
	}
	var b strings.Builder
	g.writeRow(&b, i, start, end)
	return b.String()
}

// rowWidth is the width of a data row showing columns [start, end).
func (g *Grid) rowWidth(start, end int) int {
	w := g.labelW
	for j := start; j < end; j++ {
		w += 1 + g.sh.Cols[j].Width
	}
	return w
}

// writeRow writes a data row and returns its width.
func (g *Grid) writeRow(b *strings.Builder, i, start, end int) int {
	st, gl := g.c.Styles, g.c.Styles.G
	row := g.sh.Rows[i]
	lstyle := st.P.Label
	if i == g.row {
		lstyle = st.P.Bold
	}
	label := row.Label
	if row.Indent > 0 {
		label = strings.Repeat(" ", 2*row.Indent) + label
	}
	b.WriteString(lstyle.Render(common.Fit(label, g.labelW, gl.Ellipsis)))
	w := g.labelW
	for j := start; j < end; j++ {
		b.WriteByte(' ')
		b.WriteString(g.cellView(i, j))
		w += 1 + g.sh.Cols[j].Width
	}
	return w
}

func (g *Grid) cellView(i, j int) string {
	st := g.c.Styles
	c := g.sh.Rows[i].Cells[j]
	w := g.sh.Cols[j].Width
	selected := i == g.row && j == g.col
	if selected && g.editing {
		style := st.P.Editing
		if g.bad != "" {
			style = st.P.Bad
		}
		return style.Render(common.Fit(string(g.buf), w, ""))
	}
	v := g.doc.R.Value(c)
	text := v.Format(c.Kind())
	var style styles.Paint
	switch {
	case !v.Set:
		text, style = st.G.Blank, st.P.Blank
	case c.Computed():
		style = st.P.Computed
	default:
		style = st.P.Cell
	}
	if f, ok := g.doc.Worst(g.sh.Rows[i].Keys[j]); ok && f.Level == model.Error {
		style = st.P.CellError
	}
	text = common.PadLeft(common.Cut(text, w, ""), w)
	if selected {
		style = style.Reverse()
	}
	return style.Render(text)
}

// Cursor points at the selected cell: after the typed text while editing,
// so that an IME's candidate box appears there.
func (g *Grid) Cursor() *tea.Cursor {
	if g.row < g.top || g.row >= g.top+g.bodyHeight() {
		return nil
	}
	start, end := g.visible()
	if g.col < start || g.col >= end {
		return nil
	}
	x := g.labelW + 1
	for j := start; j < g.col; j++ {
		x += g.sh.Cols[j].Width + 1
	}
	if g.editing {
		x += min(common.Width(string(g.buf)), g.sh.Cols[g.col].Width-1)
	} else {
		x += g.sh.Cols[g.col].Width - 1
	}
	y := 1 + g.sh.headerLines() + g.row - g.top
	return tea.NewCursor(x, y)
}

// ruled centres text in w columns between rule characters: ── 法人或其他组织 ──.
func ruled(text string, w int, rule string) string {
	if text == "" {
		return strings.Repeat(" ", max(0, w))
	}
	tw := common.Width(text) + 2
	if tw > w {
		return common.Fit(text, w, "")
	}
	left := (w - tw) / 2
	return strings.Repeat(rule, left) + " " + text + " " + strings.Repeat(rule, w-tw-left)
}

func center(s string, w int) string {
	sw := common.Width(s)
	if sw >= w {
		return common.Fit(s, w, "")
	}
	left := (w - sw) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-sw-left)
}
