package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

// XLSX writes the report's tables as a workbook (excelize): a sheet of
// report details, then 表二, 表三 and 表四 with the official merges. Totals
// are live SUM formulas that carry their computed values, so a viewer that
// does not recalculate still shows them; 表三 has a 勾稽 check row.
func XLSX(w io.Writer, r *model.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, r: r}
	if err := x.styles(); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "报告信息"); err != nil {
		return err
	}
	x.info("报告信息")
	for _, s := range []struct {
		name, heading string
		t             *Table
	}{
		{"表二", r.Format.Sections[1].Heading, Table2(r)},
		{"表三", r.Format.Sections[2].Heading, Table3(r)},
		{"表四", r.Format.Sections[3].Heading, Table4(r)},
	} {
		if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := x.table(s.name, s.heading, s.t); err != nil {
			return err
		}
	}
	if x.err != nil {
		return x.err
	}
	_, err := f.WriteTo(w)
	return err
}

type xlsxWriter struct {
	f                                  *excelize.File
	r                                  *model.Report
	err                                error
	sHead, sLabel, sNum, sTitle, sText int
	sDec                               map[string]int
}

func (x *xlsxWriter) check(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

func (x *xlsxWriter) styles() error {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	mk := func(s *excelize.Style) int {
		id, err := x.f.NewStyle(s)
		x.check(err)
		return id
	}
	x.sHead = mk(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.sLabel = mk(&excelize.Style{Border: border, Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	x.sNum = mk(&excelize.Style{Border: border, Font: font, NumFmt: 3, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	x.sTitle = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14}})
	x.sText = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	x.sDec = map[string]int{}
	return x.err
}

// decStyle shows a decimal with the digits as entered and its unit.
func (x *xlsxWriter) decStyle(decimals int, unit string) int {
	key := fmt.Sprint(decimals, unit)
	if id, ok := x.sDec[key]; ok {
		return id
	}
	format := "#,##0"
	if decimals > 0 {
		format += "." + strings.Repeat("0", decimals)
	}
	if unit != "" {
		format += `"` + unit + `"`
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	id, err := x.f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5}, CustomNumFmt: &format,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	x.check(err)
	x.sDec[key] = id
	return id
}

func (x *xlsxWriter) info(sheet string) {
	m := x.r.Meta
	rows := [][2]string{
		{"标题", strings.Join(TitleLines(x.r), "")}, {"发布机构", m.Agency}, {"年度", fmt.Sprint(x.r.Year)},
		{"格式", x.r.Format.ID + " 版（" + x.r.Format.Notice + "）"}, {"统计期限", m.Period}, {"电子版网址", m.URL},
		{"联系部门", m.Contact.Office}, {"地址", m.Contact.Address}, {"邮编", m.Contact.Postcode}, {"电话", m.Contact.Phone},
		{"传真", m.Contact.Fax}, {"电子邮箱", m.Contact.Email},
	}
	if x.r.Format.FeeRequired {
		rows = append(rows, [2]string{"信息处理费（元）", x.r.FeeYuan.Print(model.Amount)})
	}
	for i, row := range rows {
		a, _ := excelize.CoordinatesToCellName(1, i+1)
		b, _ := excelize.CoordinatesToCellName(2, i+1)
		x.check(x.f.SetCellStr(sheet, a, row[0]))
		x.check(x.f.SetCellStr(sheet, b, row[1]))
		x.check(x.f.SetCellStyle(sheet, a, b, x.sText))
	}
	x.check(x.f.SetColWidth(sheet, "A", "A", 18))
	x.check(x.f.SetColWidth(sheet, "B", "B", 70))
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return n
}

// table writes a span table below a heading line.
func (x *xlsxWriter) table(sheet, heading string, t *Table) error {
	f := x.f
	const top = 1 // row 0 holds the heading
	x.check(f.SetCellStr(sheet, "A1", heading))
	x.check(f.SetCellStyle(sheet, "A1", "A1", x.sTitle))
	at := map[model.CellRef]string{} // where each report cell went
	for _, c := range t.Cells {
		if c.Ref != nil {
			at[*c.Ref] = cellName(c.Col, top+c.Row)
		}
	}
	for _, c := range t.Cells {
		tl, br := cellName(c.Col, top+c.Row), cellName(c.Col+c.ColSpan-1, top+c.Row+c.RowSpan-1)
		if c.RowSpan > 1 || c.ColSpan > 1 {
			x.check(f.MergeCell(sheet, tl, br))
		}
		switch {
		case c.Ref == nil:
			x.check(f.SetCellStr(sheet, tl, c.Text))
			style := x.sLabel
			if c.Header {
				style = x.sHead
			}
			x.check(f.SetCellStyle(sheet, tl, br, style))
		default:
			x.number(sheet, tl, br, *c.Ref, at)
		}
	}
	// Widths: about two units per Han character; label rows grow to fit.
	for i, w := range t.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.check(f.SetColWidth(sheet, col, col, float64(w)*2.2))
	}
	for _, c := range t.Cells {
		if !c.Label && !c.Header {
			continue
		}
		width := 0
		for k := c.Col; k < c.Col+c.ColSpan; k++ {
			width += t.Widths[k] * 2
		}
		lines := (textWidthCols(c.Text) + width - 1) / max(width, 1)
		if h := float64(lines) * 14 / float64(c.RowSpan); lines > 1 {
			x.check(f.SetRowHeight(sheet, top+c.Row+1, max(h, 15)))
		}
	}
	if t.Name == "表三" {
		x.checkRow(sheet, t, top)
	}
	// Freeze the headings, print on A4 across the page, repeat the headings.
	if t.HeaderRows > 0 {
		x.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: top + t.HeaderRows, TopLeftCell: cellName(0, top+t.HeaderRows), ActivePane: "bottomLeft"}))
		x.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, top+1, top+t.HeaderRows)}))
	}
	size, one, zero := 9, 1, 0
	orient := "portrait"
	if t.Cols > 10 {
		orient = "landscape"
	}
	x.check(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	fit := true
	x.check(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	tm, bm, lm, rm := 37/25.4, 35/25.4, 28/25.4, 26/25.4
	x.check(f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: &tm, Bottom: &bm, Left: &lm, Right: &rm}))
	x.check(f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C— &P —"}))
	return x.err
}

func textWidthCols(s string) int { return tw(s) }

// number writes a report cell: a value, or for a total a SUM formula with
// its value cached.
func (x *xlsxWriter) number(sheet, tl, br string, ref model.CellRef, at map[model.CellRef]string) {
	f := x.f
	v := x.r.Value(ref)
	switch ref.Kind() {
	case model.Wanyuan, model.Amount:
		d := v.D
		if !v.Set {
			d = "0"
		}
		decimals := 0
		if i := strings.IndexByte(d, '.'); i >= 0 {
			decimals = len(d) - i - 1
		}
		x.check(f.SetCellDefault(sheet, tl, d)) // the digits as entered, as a number
		x.check(f.SetCellStyle(sheet, tl, br, x.decStyle(decimals, v.Unit)))
		return
	}
	x.check(f.SetCellInt(sheet, tl, v.N))
	x.check(f.SetCellStyle(sheet, tl, br, x.sNum))
	if !ref.Computed() {
		return
	}
	var terms []string
	t := ref.Table
	tc := t.ColIndex(t.TotalCol)
	if t.TotalCol != "" && ref.Col == tc {
		for c := range t.Cols {
			if c != tc {
				terms = append(terms, at[model.CellRef{Table: t, Row: ref.Row, Col: c}])
			}
		}
	} else {
		for i, rw := range t.Rows {
			if rw.Result {
				terms = append(terms, at[model.CellRef{Table: t, Row: i, Col: ref.Col}])
			}
		}
	}
	x.check(f.SetCellFormula(sheet, tl, sumOf(terms)))
}

// sumOf writes SUM over a contiguous range when the cells are one, else
// over the list.
func sumOf(cells []string) string {
	if len(cells) == 0 {
		return "0"
	}
	return "SUM(" + cells[0] + ":" + cells[len(cells)-1] + ")"
}

// checkRow adds 一 + 二 − （七） − 四 under 表三, which must be 0 (R1).
func (x *xlsxWriter) checkRow(sheet string, t *Table, top int) {
	f := x.f
	row := top + t.Rows
	label := "勾稽校验：一＋二－（七）总计－四，应为 0"
	x.check(f.SetCellStr(sheet, cellName(0, row), label))
	x.check(f.MergeCell(sheet, cellName(0, row), cellName(2, row)))
	x.check(f.SetCellStyle(sheet, cellName(0, row), cellName(2, row), x.sLabel))
	st := x.r.Format.Table("s3")
	find := func(key string) int { return st.RowIndex(key) }
	for j := range st.Cols {
		cell := func(rowKey string) string { return cellName(3+j, top+3+find(rowKey)) }
		col := cellName(3+j, row)
		a, b := x.r.N(st, find("xinshou"), j), x.r.N(st, find("shangnian_jiezhuan"), j)
		c, d := x.r.N(st, find("r7"), j), x.r.N(st, find("jiezhuan_xianian"), j)
		x.check(f.SetCellInt(sheet, col, a+b-c-d))
		x.check(f.SetCellFormula(sheet, col, cell("xinshou")+"+"+cell("shangnian_jiezhuan")+"-"+cell("r7")+"-"+cell("jiezhuan_xianian")))
		x.check(f.SetCellStyle(sheet, col, col, x.sNum))
	}
}
