package export

import (
	"nianbao/model"
)

// Cell is one cell of a printed table, placed on a grid; spans merge cells
// as the official format draws them.
type Cell struct {
	Row, Col         int
	RowSpan, ColSpan int
	Text             string
	Header           bool // header cell: centred, bold
	Label            bool // row label: left aligned
	Caption          bool // 表二 caption row 第二十条第（X）项
	Ref              *model.CellRef
	Computed         bool
}

// Table is a printed table: the span model every format renders.
type Table struct {
	Name       string
	Cols       int
	Rows       int
	Widths     []int // column widths in tenths of a millimetre of the Word page (156 mm = 1560)
	HeaderRows int   // rows repeated on each page
	Cells      []Cell
	owner      [][]int // index into Cells for each grid position
	docxFont   int     // Word font size in half-points; 0 = the table style's (tests enlarge it)
}

func (t *Table) add(c Cell) {
	if c.RowSpan == 0 {
		c.RowSpan = 1
	}
	if c.ColSpan == 0 {
		c.ColSpan = 1
	}
	t.Cells = append(t.Cells, c)
	if end := c.Row + c.RowSpan; end > t.Rows {
		t.Rows = end
	}
}

// index builds the grid-position → cell map.
func (t *Table) index() *Table {
	t.owner = make([][]int, t.Rows)
	for r := range t.owner {
		t.owner[r] = make([]int, t.Cols)
		for c := range t.owner[r] {
			t.owner[r][c] = -1
		}
	}
	for i, c := range t.Cells {
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			for k := c.Col; k < c.Col+c.ColSpan; k++ {
				t.owner[r][k] = i
			}
		}
	}
	return t
}

// Owner returns the cell covering a grid position (nil for none).
func (t *Table) Owner(r, c int) *Cell {
	if i := t.owner[r][c]; i >= 0 {
		return &t.Cells[i]
	}
	return nil
}

// value prints a cell for documents: 0 for blank, never empty.
func value(r *model.Report, ref model.CellRef) string {
	return r.Value(ref).Print(ref.Kind())
}

func numCell(r *model.Report, row, col int, ref model.CellRef, colSpan int) Cell {
	return Cell{Row: row, Col: col, ColSpan: colSpan, Text: value(r, ref), Ref: &ref, Computed: ref.Computed()}
}

// Table2 is 表二: every 第二十条 sub-table in one table on a four-column
// grid, as the 2021 template draws it: a caption row, a header row starting
// with 信息内容, and the data rows; one value column spans all three.
func Table2(r *model.Report) *Table {
	t := &Table{Name: "表二", Cols: 4, Widths: []int{459, 367, 367, 367}}
	row := 0
	for _, st := range r.Format.TablesOf(2) {
		t.add(Cell{Row: row, ColSpan: 4, Text: st.Caption, Header: true, Caption: true})
		row++
		spans := valueSpans(len(st.Cols))
		t.add(Cell{Row: row, Text: st.Corner, Header: true})
		col := 1
		for j, c := range st.Cols {
			t.add(Cell{Row: row, Col: col, ColSpan: spans[j], Text: c.Label, Header: true})
			col += spans[j]
		}
		row++
		for i, rw := range st.Rows {
			t.add(Cell{Row: row, Text: rw.Label, Label: true})
			col := 1
			for j := range st.Cols {
				t.add(numCell(r, row, col, model.CellRef{Table: st, Row: i, Col: j}, spans[j]))
				col += spans[j]
			}
			row++
		}
	}
	return t.index()
}

// valueSpans spreads n value columns over the three value grid columns.
func valueSpans(n int) []int {
	switch n {
	case 1:
		return []int{3}
	case 2:
		return []int{1, 2}
	}
	return []int{1, 1, 1}
}

// Table3 is 表三: 3 label columns and 7 data columns under three header
// rows, with the merged label cells of the official format.
func Table3(r *model.Report) *Table {
	st := r.Format.Table("s3")
	// Column widths (mm): the label columns are as wide as their words need at
	// 10 pt — 三、/本年度/办理/结果 three characters, （三）/不予公开 four,
	// 1.本机关不掌握相关政府信息 on one line — and the number columns as wide
	// as their headers' words (自然人 three characters, 社会/公益/组织 two) and
	// five digits; 总计 a little wider for the larger sums.
	t := &Table{Name: "表三", Cols: 10, Widths: []int{135, 165, 480, 135, 105, 105, 105, 105, 105, 120}, HeaderRows: 3}
	t.add(Cell{Row: 0, Col: 0, RowSpan: 3, ColSpan: 3, Text: st.Corner, Header: true})
	t.add(Cell{Row: 0, Col: 3, ColSpan: 7, Text: model.S3Applicant, Header: true})
	for j, c := range st.Cols {
		switch {
		case c.Group == "":
			t.add(Cell{Row: 1, Col: 3 + j, RowSpan: 2, Text: c.Label, Header: true})
		default:
			if j == 0 || st.Cols[j-1].Group != c.Group {
				n := count(len(st.Cols), func(k int) bool { return st.Cols[k].Group == c.Group })
				t.add(Cell{Row: 1, Col: 3 + j, ColSpan: n, Text: c.Group, Header: true})
			}
			t.add(Cell{Row: 2, Col: 3 + j, Text: c.Label, Header: true})
		}
	}
	row := 3
	for i, rw := range st.Rows {
		switch {
		case rw.Head == "":
			t.add(Cell{Row: row, ColSpan: 3, Text: rw.Label, Label: true})
		default:
			if i == 0 || st.Rows[i-1].Head != rw.Head {
				n := count(len(st.Rows), func(k int) bool { return st.Rows[k].Head == rw.Head })
				t.add(Cell{Row: row, RowSpan: n, Text: rw.Head, Label: true})
			}
			if rw.Group == "" {
				t.add(Cell{Row: row, Col: 1, ColSpan: 2, Text: rw.Label, Label: true})
			} else {
				if st.Rows[i-1].Group != rw.Group {
					n := count(len(st.Rows), func(k int) bool { return st.Rows[k].Group == rw.Group })
					t.add(Cell{Row: row, Col: 1, RowSpan: n, Text: rw.Group, Label: true})
				}
				t.add(Cell{Row: row, Col: 2, Text: rw.Label, Label: true})
			}
		}
		for j := range st.Cols {
			t.add(numCell(r, row, 3+j, model.CellRef{Table: st, Row: i, Col: j}, 1))
		}
		row++
	}
	return t.index()
}

// Table4 is 表四: 15 columns under three header levels and one data row.
func Table4(r *model.Report) *Table {
	st := r.Format.Table("s4")
	n := len(st.Cols)
	t := &Table{Name: "表四", Cols: n * len(st.Rows), HeaderRows: 3}
	for range t.Cols {
		t.Widths = append(t.Widths, 1560/t.Cols)
	}
	t.add(Cell{Row: 0, Col: 0, ColSpan: n, Text: model.S4Fuyi, Header: true})
	t.add(Cell{Row: 0, Col: n, ColSpan: n * (len(st.Rows) - 1), Text: model.S4Susong, Header: true})
	for g, rw := range st.Rows {
		base := g * n
		if g == 0 {
			for j, c := range st.Cols {
				t.add(Cell{Row: 1, Col: base + j, RowSpan: 2, Text: c.Label, Header: true})
			}
		} else {
			t.add(Cell{Row: 1, Col: base, ColSpan: n, Text: rw.Label, Header: true})
			for j, c := range st.Cols {
				t.add(Cell{Row: 2, Col: base + j, Text: c.Label, Header: true})
			}
		}
		for j := range st.Cols {
			t.add(numCell(r, 3, base+j, model.CellRef{Table: st, Row: g, Col: j}, 1))
		}
	}
	return t.index()
}

// count is how many of n items satisfy f (the span of a merged label).
func count(n int, f func(int) bool) int {
	c := 0
	for k := 0; k < n; k++ {
		if f(k) {
			c++
		}
	}
	return c
}
