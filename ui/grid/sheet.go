// Package grid is the table editor: a frozen label column, multi-level
// column headers, horizontal scroll where the terminal is narrow, quick
// editing by typing a digit, computed totals drawn read-only and updated on
// every keystroke, and pasting a row of numbers from Excel or a web page.
package grid

import (
	"strings"

	"nianbao/model"
	"nianbao/ui/common"
)

// Sheet is a table as the grid draws it.
type Sheet struct {
	Key    string
	Title  string
	Corner string   // above the label column
	Groups [][]Span // header rows above the column labels
	Cols   []Leaf
	Rows   []Row
}

// Span is a header cell over N leaf columns.
type Span struct {
	Text string
	N    int
}

// Leaf is a data column.
type Leaf struct {
	Label string
	Width int
	lines []string
}

// Row is a data row, or a heading row without cells.
type Row struct {
	Label   string // as printed in the official table
	Indent  int
	Heading bool
	Cells   []model.CellRef
	Keys    []string // the cells' keys, kept to look findings up per frame
}

// SheetFor builds the sheet of a model table. 表四 is drawn as the official
// table draws it: one row of 15 numbers under three header levels.
func SheetFor(t *model.Table) *Sheet {
	if t.Key == "s4" {
		return sheetS4(t)
	}
	sh := &Sheet{Key: t.Key, Title: t.Name, Corner: t.Corner}
	if t.Key == "s3" {
		sh.Corner = "申请人情况 →"
	}
	// Spanning group headers (表三: 法人或其他组织).
	var spans []Span
	hasGroup := false
	for _, c := range t.Cols {
		if n := len(spans); n > 0 && spans[n-1].Text == c.Group {
			spans[n-1].N++
			continue
		}
		spans = append(spans, Span{Text: c.Group, N: 1})
		hasGroup = hasGroup || c.Group != ""
	}
	if hasGroup {
		sh.Groups = [][]Span{spans}
	}
	for _, c := range t.Cols {
		sh.Cols = append(sh.Cols, Leaf{Label: c.Label})
	}
	head, group := "", ""
	for i, r := range t.Rows {
		if r.Head != head && r.Head != "" {
			sh.Rows = append(sh.Rows, Row{Label: r.Head, Heading: true})
		}
		if r.Group != group && r.Group != "" {
			sh.Rows = append(sh.Rows, Row{Label: r.Group, Indent: 1, Heading: true})
		}
		head, group = r.Head, r.Group
		indent := 0
		if r.Head != "" {
			indent++
		}
		if r.Group != "" {
			indent++
		}
		row := Row{Label: r.Label, Indent: indent}
		for j := range t.Cols {
			row.Cells = append(row.Cells, model.CellRef{Table: t, Row: i, Col: j})
			row.Keys = append(row.Keys, t.CellKey(i, j))
		}
		sh.Rows = append(sh.Rows, row)
	}
	return sh
}

func sheetS4(t *model.Table) *Sheet {
	sh := &Sheet{Key: t.Key, Title: t.Name, Corner: "案件数"}
	n := len(t.Cols)
	sh.Groups = [][]Span{
		{{Text: model.S4Fuyi, N: n}, {Text: model.S4Susong, N: n * (len(t.Rows) - 1)}},
		{{N: n}},
	}
	row := Row{Label: "件数"}
	for i, r := range t.Rows {
		if i > 0 {
			sh.Groups[1] = append(sh.Groups[1], Span{Text: r.Label, N: n})
		}
		for j, c := range t.Cols {
			sh.Cols = append(sh.Cols, Leaf{Label: c.Label})
			row.Cells = append(row.Cells, model.CellRef{Table: t, Row: i, Col: j})
			row.Keys = append(row.Keys, t.CellKey(i, j))
		}
	}
	sh.Rows = []Row{row}
	return sh
}

// cellText is the text being typed into a cell, which its column must
// show whole too.
type cellText struct {
	row, col int
	buf      []rune
}

// layout decides the width of every column and splits its label into at
// most three lines. A column is as wide as its widest value (totals
// included), however many digits: a cell never cuts its number. It
// reports whether any width changed.
func (sh *Sheet) layout(r *model.Report, typing *cellText) bool {
	changed := false
	for j := range sh.Cols {
		c := &sh.Cols[j]
		lw := common.Width(c.Label)
		w := max(6, (lw+1)/2) // two header lines
		if lw > 6 {
			w = max(w, 8) // four Han per line reads better than three
		}
		w += w % 2 // Han are two columns wide
		w = min(w, 16)
		for i, row := range sh.Rows {
			if j < len(row.Cells) {
				w = max(w, len(r.Value(row.Cells[j]).Format(row.Cells[j].Kind())))
				if typing != nil && typing.row == i && typing.col == j {
					w = max(w, common.Width(string(typing.buf))+1)
				}
			}
		}
		if c.Width != w {
			c.Width = w
			c.lines = splitLabel(c.Label, c.Width)
			changed = true
		}
	}
	return changed
}

// splitLabel breaks a header into lines of at most w columns.
func splitLabel(s string, w int) []string {
	if common.Width(s) <= w {
		return []string{s}
	}
	return common.Wrap(s, w)
}

func (sh *Sheet) headerLines() int {
	n := 1
	for _, c := range sh.Cols {
		n = max(n, len(c.lines))
	}
	return len(sh.Groups) + n
}

func (sh *Sheet) labelWidth() int {
	w := common.Width(sh.Corner)
	for _, r := range sh.Rows {
		w = max(w, 2*r.Indent+common.Width(r.Label))
	}
	return w
}

func (sh *Sheet) colsWidth() int {
	w := 0
	for _, c := range sh.Cols {
		w += c.Width + 1
	}
	return w
}

// FullLabel is the row's label with its groups, for the status line.
func (row Row) FullLabel(sh *Sheet, i int) string {
	parts := []string{row.Label}
	indent := row.Indent
	for k := i - 1; k >= 0 && indent > 0; k-- {
		if sh.Rows[k].Heading && sh.Rows[k].Indent < indent {
			parts = append([]string{sh.Rows[k].Label}, parts...)
			indent = sh.Rows[k].Indent
		}
	}
	return strings.Join(parts, " ")
}
