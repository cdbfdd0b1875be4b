package export

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

// The quality table is what a county office sends back to its departments:
// one row per member report, one column per rule with the counts of 错误
// and 警告 and the first message, then every finding of each report (a
// sheet each in Excel, a section each on the web page). Findings the
// department reviewed ("已核实") are shown with their reasons and are not
// counted.

// QualityFormats are the formats of the quality table.
var QualityFormats = []Format{
	{"quality-xlsx", "xlsx", "质量检查表 Excel（各成员报告的问题，一个单位一页）"},
	{"quality-html", "html", "质量检查表 网页"},
}

// IsQuality tells a quality-table format.
func IsQuality(id string) bool { return strings.HasPrefix(id, "quality-") }

// Quality is the table of a set of reports.
type Quality struct {
	Title string // 平潭全区汇总 2022 年度 成员报告质量检查表
	Made  time.Time
	Rows  []QualityRow
}

// QualityRow is one report of the set.
type QualityRow struct {
	Name     string
	ID       int64 // 0 when the report is missing
	Year     int
	Missing  string // why there is no report
	Updated  time.Time
	Findings []QualityFinding
}

// QualityFinding is a finding with where it is, in words.
type QualityFinding struct {
	model.Finding
	Where string
}

// Rules lists the rules any row has a finding of, in order.
func (q *Quality) Rules() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range q.Rows {
		for _, f := range r.Findings {
			if !seen[f.Rule] {
				seen[f.Rule] = true
				out = append(out, f.Rule)
			}
		}
	}
	model.SortRules(out)
	return out
}

// count is a row's tally for a rule ("" = every rule): 错误, 警告 and 提示
// not dismissed, and the dismissed ones.
type tally struct{ errors, warnings, infos, dismissed int }

func (r QualityRow) count(rule string) (c tally, first string) {
	for _, f := range r.Findings {
		if rule != "" && f.Rule != rule {
			continue
		}
		if f.Dismissed {
			c.dismissed++
			continue
		}
		if first == "" {
			first = f.Message
		}
		switch f.Level {
		case model.Error:
			c.errors++
		case model.Warning:
			c.warnings++
		default:
			c.infos++
		}
	}
	return c, first
}

func (c tally) String() string {
	var parts []string
	if c.errors > 0 {
		parts = append(parts, fmt.Sprintf("错误 %d", c.errors))
	}
	if c.warnings > 0 {
		parts = append(parts, fmt.Sprintf("警告 %d", c.warnings))
	}
	if c.infos > 0 {
		parts = append(parts, fmt.Sprintf("提示 %d", c.infos))
	}
	if c.dismissed > 0 {
		parts = append(parts, fmt.Sprintf("已核实 %d", c.dismissed))
	}
	return strings.Join(parts, "、")
}

// ruleCell is a rule's cell of a row: the counts, then the first message.
func (r QualityRow) ruleCell(rule string) (string, tally) {
	c, first := r.count(rule)
	s := c.String()
	if first != "" {
		s += "\n" + clipText(first, 80)
	}
	return s, c
}

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// reviewText is a dismissed finding's review: 已核实：reason（by，time）.
func reviewText(f model.Finding) string {
	if !f.Dismissed {
		return ""
	}
	at := f.At
	if t, err := time.Parse(time.RFC3339, f.At); err == nil {
		at = t.Format("2006-01-02 15:04")
	}
	return fmt.Sprintf("已核实：%s（%s，%s）", f.Reason, f.By, at)
}

// RenderQuality writes the quality table in a quality format.
func RenderQuality(w io.Writer, format string, q *Quality) error {
	switch format {
	case "quality-xlsx":
		return QualityXLSX(w, q)
	case "quality-html":
		return QualityHTML(w, q)
	}
	return fmt.Errorf("不支持的导出格式：%s", format)
}

// SaveQuality writes the quality table into a file.
func SaveQuality(format, path string, q *Quality, force bool) error {
	var b bytes.Buffer
	if err := RenderQuality(&b, format, q); err != nil {
		return err
	}
	return WriteFile(path, b.Bytes(), force)
}

// sheetName makes a valid, unique Excel sheet name (31 characters, none
// of []:*?/\).
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, "' ")
	if name == "" {
		name = "报告"
	}
	rs := []rune(name)
	if len(rs) > 28 {
		rs = rs[:28]
	}
	out := string(rs)
	for i := 2; used[strings.ToLower(out)] || strings.EqualFold(out, "汇总"); i++ {
		out = fmt.Sprintf("%s(%d)", string(rs), i)
	}
	used[strings.ToLower(out)] = true
	return out
}

// QualityXLSX writes the table as a workbook: the sheet 汇总, then a sheet
// per report with all its findings.
func QualityXLSX(w io.Writer, q *Quality) error {
	f := excelize.NewFile()
	defer f.Close()
	var err error
	check := func(e error) {
		if e != nil && err == nil {
			err = e
		}
	}
	style := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		check(e)
		return id
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	sTitle := style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14}})
	sHead := style(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	sText := style(&excelize.Style{Border: border, Font: font, Alignment: wrap})
	sNum := style(&excelize.Style{Border: border, Font: font, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	sErr := style(&excelize.Style{Border: border, Font: font, Alignment: wrap, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F8D7DA"}}})
	sWarn := style(&excelize.Style{Border: border, Font: font, Alignment: wrap, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF3CD"}}})
	sGrey := style(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "808080"}, Alignment: wrap})
	cell := func(sheet string, col, row int, v any, st int) {
		name, e := excelize.CoordinatesToCellName(col, row)
		check(e)
		check(f.SetCellValue(sheet, name, v))
		check(f.SetCellStyle(sheet, name, name, st))
	}
	width := func(sheet string, col int, w float64) {
		name, e := excelize.ColumnNumberToName(col)
		check(e)
		check(f.SetColWidth(sheet, name, name, w))
	}

	const sum = "汇总"
	check(f.SetSheetName("Sheet1", sum))
	rules := q.Rules()
	cell(sum, 1, 1, q.Title, sTitle)
	withErrors := 0
	for _, r := range q.Rows {
		if c, _ := r.count(""); c.errors > 0 {
			withErrors++
		}
	}
	cell(sum, 1, 2, fmt.Sprintf("共 %d 份报告，%d 份有错误；生成于 %s。每格：错误、警告的条数和第一条的说明；已核实的不计入。",
		len(q.Rows), withErrors, q.Made.Format("2006-01-02 15:04")), sText)
	check(f.MergeCell(sum, "A2", mustCell(len(rules)+6, 2)))
	head := []string{"序号", "单位", "编号", "错误", "警告", "已核实"}
	for _, r := range rules {
		head = append(head, r+" "+model.RuleName(r))
	}
	for i, h := range head {
		cell(sum, i+1, 4, h, sHead)
	}
	width(sum, 1, 6)
	width(sum, 2, 28)
	for c := 3; c <= 6; c++ {
		width(sum, c, 8)
	}
	const ruleW = 26
	for i := range rules {
		width(sum, 7+i, ruleW)
	}
	used := map[string]bool{}
	for i, r := range q.Rows {
		row := 5 + i
		c, _ := r.count("")
		cell(sum, 1, row, i+1, sNum)
		cell(sum, 2, row, r.Name, sText)
		if r.ID == 0 {
			cell(sum, 3, row, "", sNum)
		} else {
			cell(sum, 3, row, r.ID, sNum)
		}
		cell(sum, 4, row, c.errors, sNum)
		cell(sum, 5, row, c.warnings, sNum)
		cell(sum, 6, row, c.dismissed, sNum)
		if r.Missing != "" {
			cell(sum, 7, row, "没有报告："+r.Missing, sErr)
			if len(rules) > 1 {
				check(f.MergeCell(sum, mustCell(7, row), mustCell(6+len(rules), row)))
			}
			continue
		}
		lines := 1
		for j, rule := range rules {
			text, c := r.ruleCell(rule)
			lines = max(lines, wrappedLines(text, ruleW))
			st := sText
			switch {
			case c.errors > 0:
				st = sErr
			case c.warnings > 0:
				st = sWarn
			case c.dismissed > 0:
				st = sGrey
			}
			cell(sum, 7+j, row, text, st)
		}
		// Viewers do not grow a row to its wrapped text by themselves.
		check(f.SetRowHeight(sum, row, float64(lines)*14.5))

		// The report's own sheet.
		sh := sheetName(r.Name, used)
		_, e := f.NewSheet(sh)
		check(e)
		cell(sh, 1, 1, fmt.Sprintf("%s %d 年度报告（编号 %d）：%s", r.Name, r.Year, r.ID, orNone(c.String())), sTitle)
		for k, h := range []string{"级别", "规则", "位置", "说明", "已核实"} {
			cell(sh, k+1, 3, h, sHead)
		}
		for k, w := range []float64{8, 16, 30, 70, 36} {
			width(sh, k+1, w)
		}
		for k, x := range r.Findings {
			st := sText
			if x.Dismissed {
				st = sGrey
			}
			cell(sh, 1, 4+k, x.Level.Chinese(), st)
			cell(sh, 2, 4+k, x.Rule+" "+model.RuleName(x.Rule), st)
			cell(sh, 3, 4+k, x.Where, st)
			cell(sh, 4, 4+k, x.Message, st)
			cell(sh, 5, 4+k, reviewText(x.Finding), st)
			n := max(wrappedLines(x.Where, 30), wrappedLines(x.Message, 70), wrappedLines(reviewText(x.Finding), 36))
			check(f.SetRowHeight(sh, 4+k, float64(n)*14.5))
		}
		if len(r.Findings) == 0 {
			cell(sh, 1, 4, "没有发现问题。", sText)
		}
		check(f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}))
	}
	check(f.SetPanes(sum, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 4, TopLeftCell: "C5", ActivePane: "bottomRight"}))
	// Printed on A4 landscape, as wide as the page; the header rows repeat.
	for _, sh := range f.GetSheetList() {
		size, one, zero, orient, fit := 9, 1, 0, "landscape", true
		check(f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
		check(f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}))
		check(f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C— &P —"}))
		head := "$3:$3"
		if sh == sum {
			head = "$4:$4"
		}
		check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sh + "'!" + head, Scope: sh}))
	}
	check(f.SetRowHeight(sum, 2, 30))
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// wrappedLines estimates the lines text takes in a column w characters
// wide (a Han character is two).
func wrappedLines(text string, w float64) int {
	n := 0
	for _, p := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(runewidth.StringWidth(p))/(w-1.5))))
	}
	return n
}

func orNone(s string) string {
	if s == "" {
		return "没有发现问题"
	}
	return s
}

func mustCell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// QualityHTML writes the table as one web page.
func QualityHTML(w io.Writer, q *Quality) error {
	type ruleCell struct {
		Text, Class string
	}
	type row struct {
		N int
		QualityRow
		Errors, Warnings, Dismissed int
		Cells                       []ruleCell
		Anchor                      string
	}
	type finding struct {
		QualityFinding
		Level, Rule, Review string
	}
	type section struct {
		Anchor, Title string
		Findings      []finding
	}
	var rows []row
	var secs []section
	rules := q.Rules()
	for i, r := range q.Rows {
		c, _ := r.count("")
		x := row{N: i + 1, QualityRow: r, Errors: c.errors, Warnings: c.warnings, Dismissed: c.dismissed, Anchor: fmt.Sprintf("r%d", i+1)}
		for _, rule := range rules {
			text, c := r.ruleCell(rule)
			class := ""
			switch {
			case c.errors > 0:
				class = "e"
			case c.warnings > 0:
				class = "w"
			case c.dismissed > 0:
				class = "d"
			}
			x.Cells = append(x.Cells, ruleCell{text, class})
		}
		rows = append(rows, x)
		if r.Missing != "" {
			continue
		}
		s := section{Anchor: x.Anchor, Title: fmt.Sprintf("%d. %s %d 年度报告（编号 %d）：%s", i+1, r.Name, r.Year, r.ID, orNone(c.String()))}
		for _, f := range r.Findings {
			s.Findings = append(s.Findings, finding{f, f.Level.Chinese(), f.Rule + " " + model.RuleName(f.Rule), reviewText(f.Finding)})
		}
		secs = append(secs, s)
	}
	var heads []string
	for _, r := range rules {
		heads = append(heads, r+" "+model.RuleName(r))
	}
	return qualityPage.Execute(w, map[string]any{"Title": q.Title, "Made": q.Made.Format("2006-01-02 15:04"),
		"Heads": heads, "Rows": rows, "Sections": secs, "Span": max(1, len(rules))})
}

var qualityPage = template.Must(template.New("q").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:宋体,SimSun,'Noto Serif CJK SC',serif;font-size:10.5pt;margin:1.5em}
h1{font-family:黑体,SimHei,'Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal}
h2{font-family:黑体,SimHei,'Noto Sans CJK SC',sans-serif;font-size:13pt;font-weight:normal;margin-top:1.5em}
table{border-collapse:collapse;margin:0.5em 0}
th,td{border:1px solid #000;padding:3px 5px;vertical-align:top;text-align:left;white-space:pre-wrap}
th{background:#e7e6e6;text-align:center;white-space:nowrap}
td.nw{white-space:nowrap}td.u{min-width:9em}
td.n{text-align:center}
td.e{background:#f8d7da}td.w{background:#fff3cd}td.d,tr.d td{color:#808080}
@media print{@page{size:A4 landscape;margin:15mm}h2{break-before:page}}
</style></head><body>
<h1>{{.Title}}</h1>
<p>生成于 {{.Made}}。每格：错误、警告的条数和第一条的说明；已核实（单位核实后说明了理由）的不计入，灰色显示。</p>
<table>
<tr><th>序号</th><th>单位</th><th>编号</th><th>错误</th><th>警告</th><th>已核实</th>{{range .Heads}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr><td class="n">{{.N}}</td><td class="u">{{if .Missing}}{{.Name}}{{else}}<a href="#{{.Anchor}}">{{.Name}}</a>{{end}}</td><td class="n">{{if .ID}}{{.ID}}{{end}}</td><td class="n">{{.Errors}}</td><td class="n">{{.Warnings}}</td><td class="n">{{.Dismissed}}</td>{{if .Missing}}<td class="e" colspan="{{$.Span}}">没有报告：{{.Missing}}</td>{{else}}{{range .Cells}}<td class="{{.Class}}">{{.Text}}</td>{{end}}{{end}}</tr>
{{end}}</table>
{{range .Sections}}<h2 id="{{.Anchor}}">{{.Title}}</h2>
{{if .Findings}}<table>
<tr><th>级别</th><th>规则</th><th>位置</th><th>说明</th><th>已核实</th></tr>
{{range .Findings}}<tr{{if .Dismissed}} class="d"{{end}}><td class="nw">{{.Level}}</td><td class="nw">{{.Rule}}</td><td>{{.Where}}</td><td>{{.Message}}</td><td>{{.Review}}</td></tr>
{{end}}</table>{{else}}<p>没有发现问题。</p>{{end}}
{{end}}</body></html>
`))
