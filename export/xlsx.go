package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

// XLSX writes the report's tables as a workbook (excelize): a sheet of
// report details, then 表二, 表三 and 表四 with the official merges. Totals
// are live SUM formulas that carry their computed values as numbers, so a
// viewer that does not recalculate still shows them; 表三 has a 勾稽 check
// row. Every sheet prints on A4 portrait at full size (10.5 pt): columns
// are as wide as their words need, labels break between words, numbers
// print as in the Word file (no thousands separators, +1 for an increase).
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
	// Excel, WPS and LibreOffice recalculate on opening anyway.
	full := true
	x.check(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}))
	if x.err != nil {
		return x.err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return err
	}
	return numericFormulas(w, b.Bytes())
}

// formulaStr matches a formula cell that excelize types as a string.
var formulaStr = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>)`)

// numericFormulas rewrites the workbook so that formula cells keep their
// cached values as numbers: excelize's SetCellFormula always types a cell
// t="str", and a previewer that does not recalculate then shows "70" as
// text. Every formula here sums counts, so its cached value is a number.
func numericFormulas(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			body = formulaStr.ReplaceAll(body, []byte("$1$2"))
		}
		h := f.FileHeader
		out, err := zw.CreateHeader(&zip.FileHeader{Name: h.Name, Method: zip.Deflate, Modified: h.Modified})
		if err != nil {
			return err
		}
		if _, err := out.Write(body); err != nil {
			return err
		}
	}
	return zw.Close()
}

type xlsxWriter struct {
	f                                  *excelize.File
	r                                  *model.Report
	err                                error
	sHead, sLabel, sNum, sTitle, sText int
	sSigned                            int
	sDec                               map[string]int
}

func (x *xlsxWriter) check(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

// Sheet geometry: A4 portrait, margins in mm; a column is as wide in
// characters as the Word table's column scaled to the wider print area.
const (
	xlsxFontPt               = 10.5
	xlsxLinePt               = 15.5 // a line of 10.5 pt CJK text in LibreOffice
	xlsxLeft, xlsxRight      = 20.0, 15.0
	xlsxTop, xlsxBottom      = 25.0, 25.0
	xlsxHeader, xlsxFooter   = 10.0, 12.0
	xlsxPrintWidthMM         = 210 - xlsxLeft - xlsxRight
	xlsxPxPerMM              = 96 / 25.4
	xlsxEmPx                 = xlsxFontPt * 96 / 72 // one Han character in pixels
	xlsxCellPadPx            = 7
	xlsxDigitPx, xlsxWidthPx = 7, 5 // Excel's column width: chars × 7 px + 5 px
)

var border = []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}

func (x *xlsxWriter) styles() error {
	font := &excelize.Font{Family: "宋体", Size: xlsxFontPt}
	mk := func(s *excelize.Style) int {
		id, err := x.f.NewStyle(s)
		x.check(err)
		return id
	}
	x.sHead = mk(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: xlsxFontPt, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.sLabel = mk(&excelize.Style{Border: border, Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	// Counts as the Word file prints them: 10690, not 10,690.
	// A number too long for its column shrinks rather than showing ####.
	x.sNum = mk(&excelize.Style{Border: border, Font: font, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", ShrinkToFit: true}})
	signed := "+0;-0;0" // 本年增/减: +1 as in the Word file
	x.sSigned = mk(&excelize.Style{Border: border, Font: font, CustomNumFmt: &signed, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", ShrinkToFit: true}})
	x.sTitle = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}})
	x.sText = mk(&excelize.Style{Border: border, Font: font, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	x.sDec = map[string]int{}
	return x.err
}

// decStyle shows a decimal with the digits as entered and its unit.
func (x *xlsxWriter) decStyle(decimals int, unit string) int {
	key := fmt.Sprint(decimals, unit)
	if id, ok := x.sDec[key]; ok {
		return id
	}
	format := "0"
	if decimals > 0 {
		format += "." + strings.Repeat("0", decimals)
	}
	if unit != "" {
		format += `"` + unit + `"`
	}
	id, err := x.f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: xlsxFontPt}, CustomNumFmt: &format,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", ShrinkToFit: true}})
	x.check(err)
	x.sDec[key] = id
	return id
}

// colWidth converts pixels to Excel's column width in characters.
func colWidth(px float64) float64 { return (px - xlsxWidthPx) / xlsxDigitPx }

// room is how much text fits on a line of a cell px wide, in emWidth units.
func room(px float64) int { return int((px - xlsxCellPadPx) * 100 / xlsxEmPx) }

// layout sets up a sheet for print: A4 portrait, the margins, "— N —" in
// the footer, fitted to the page's width (a safety net: the columns are
// made to fit at full size).
func (x *xlsxWriter) layout(sheet string, tall bool) {
	f := x.f
	size, one, zero := 9, 1, 0
	orient := "portrait"
	high := &zero
	if !tall {
		high = &one
	}
	x.check(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: high}))
	fit := true
	x.check(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	in := func(mm float64) *float64 { v := mm / 25.4; return &v }
	x.check(f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: in(xlsxTop), Bottom: in(xlsxBottom), Left: in(xlsxLeft), Right: in(xlsxRight),
		Header: in(xlsxHeader), Footer: in(xlsxFooter)}))
	x.check(f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C— &P —"}))
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
	labelPx := 8*xlsxEmPx + xlsxCellPadPx
	valuePx := xlsxPrintWidthMM*xlsxPxPerMM - labelPx - 4
	for i, row := range rows {
		a, _ := excelize.CoordinatesToCellName(1, i+1)
		b, _ := excelize.CoordinatesToCellName(2, i+1)
		x.check(x.f.SetCellStr(sheet, a, row[0]))
		value := model.CleanText(row[1])
		x.check(x.f.SetCellStr(sheet, b, value))
		x.check(x.f.SetCellStyle(sheet, a, b, x.sText))
		if n := len(wrapLabel(value, room(valuePx), emWidth)); n > 1 {
			x.check(x.f.SetRowHeight(sheet, i+1, float64(n)*xlsxLinePt+2))
		}
	}
	x.check(x.f.SetColWidth(sheet, "A", "A", colWidth(labelPx)))
	x.check(x.f.SetColWidth(sheet, "B", "B", colWidth(valuePx)))
	x.layout(sheet, false)
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
	x.check(f.SetRowHeight(sheet, 1, 24))
	// Column widths: the Word proportions over the sheet's print width.
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	px := make([]float64, t.Cols)
	for i, w := range t.Widths {
		px[i] = xlsxPrintWidthMM * xlsxPxPerMM * float64(w) / float64(total)
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.check(f.SetColWidth(sheet, col, col, colWidth(px[i])))
	}
	spanPx := func(c *Cell) float64 {
		w := 0.0
		for k := c.Col; k < c.Col+c.ColSpan; k++ {
			w += px[k]
		}
		return w
	}
	at := map[model.CellRef]string{} // where each report cell went
	for _, c := range t.Cells {
		if c.Ref != nil {
			at[*c.Ref] = cellName(c.Col, top+c.Row)
		}
	}
	lines := make([]int, t.Rows) // text lines each row needs
	for i := range lines {
		lines[i] = 1
	}
	for _, c := range t.Cells {
		tl, br := cellName(c.Col, top+c.Row), cellName(c.Col+c.ColSpan-1, top+c.Row+c.RowSpan-1)
		if c.RowSpan > 1 || c.ColSpan > 1 {
			x.check(f.MergeCell(sheet, tl, br))
		}
		if c.Ref != nil {
			x.number(sheet, tl, br, *c.Ref, at)
			continue
		}
		// Labels break between words, as in the Word file.
		ls := wrapLabel(c.Text, room(spanPx(&c)), emWidth)
		x.check(f.SetCellStr(sheet, tl, strings.Join(ls, "\n")))
		style := x.sLabel
		if c.Header {
			style = x.sHead
		}
		x.check(f.SetCellStyle(sheet, tl, br, style))
		// A merged label's lines are shared by its rows; the last one grows.
		if c.RowSpan == 1 {
			lines[c.Row] = max(lines[c.Row], len(ls))
		}
	}
	for _, c := range t.Cells {
		if c.RowSpan > 1 && c.Ref == nil {
			need := len(wrapLabel(c.Text, room(spanPx(&c)), emWidth))
			have := 0
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				have += lines[r]
			}
			if need > have {
				lines[c.Row+c.RowSpan-1] += need - have
			}
		}
	}
	for r, n := range lines {
		x.check(f.SetRowHeight(sheet, top+r+1, float64(n)*xlsxLinePt+2))
	}
	if t.Name == "表三" {
		x.checkRow(sheet, t, top, spanPx(&Cell{ColSpan: 3}))
	}
	// Freeze the headings; repeat them on every printed page.
	if t.HeaderRows > 0 {
		x.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: top + t.HeaderRows, TopLeftCell: cellName(0, top+t.HeaderRows), ActivePane: "bottomLeft"}))
		x.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, top+1, top+t.HeaderRows)}))
	}
	x.layout(sheet, true)
	return x.err
}

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
	case model.Signed:
		x.check(f.SetCellInt(sheet, tl, v.N))
		x.check(f.SetCellStyle(sheet, tl, br, x.sSigned))
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
func (x *xlsxWriter) checkRow(sheet string, t *Table, top int, labelPx float64) {
	f := x.f
	row := top + t.Rows
	label := "勾稽校验：一＋二－（七）总计－四，应为 0"
	x.check(f.SetCellStr(sheet, cellName(0, row), strings.Join(wrapLabel(label, room(labelPx), emWidth), "\n")))
	x.check(f.MergeCell(sheet, cellName(0, row), cellName(2, row)))
	x.check(f.SetCellStyle(sheet, cellName(0, row), cellName(2, row), x.sLabel))
	x.check(f.SetRowHeight(sheet, row+1, float64(len(wrapLabel(label, room(labelPx), emWidth)))*xlsxLinePt+2))
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
