package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

func sampleQuality() *Quality {
	f := func(rule string, l model.Level, msg string) QualityFinding {
		x := model.Finding{Rule: rule, Level: l, Key: "s3.xinshou.ziranren", Message: msg}
		x.ID = model.FindingID(x)
		return QualityFinding{Finding: x, Where: "表三「一、本年新收」行「自然人」列"}
	}
	dismissed := f("R7", model.Warning, "现行有效 12，应为 11")
	dismissed.Dismissal = model.Dismissal{Dismissed: true, Reason: "清理文件 1 件，正文已说明", By: "王科员", At: "2027-01-20T09:30:00+08:00"}
	return &Quality{Title: "某县 2025 年度 成员报告质量检查表", Made: time.Date(2027, 1, 21, 10, 0, 0, 0, time.Local), Rows: []QualityRow{
		{Name: "某县司法局", ID: 3, Year: 2025, Findings: []QualityFinding{f("R1", model.Error, "表三「自然人」列：相差 1"),
			f("R1", model.Error, "表三「其他」列：相差 2"), f("R9", model.Warning, "正文写 5 件"), dismissed}},
		{Name: "某县教育局", ID: 4, Year: 2025},
		{Name: "某县财政局", Missing: "数据库中没有它的 2025 年度报告"},
		{Name: "某县司法局", ID: 9, Year: 2025}, // a second sheet of the same name
	}}
}

func TestQualityXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := QualityXLSX(&b, sampleQuality()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if strings.Join(sheets, ",") != "汇总,某县司法局,某县教育局,某县司法局(2)" {
		t.Errorf("sheets %v", sheets)
	}
	get := func(sheet, c string) string { v, _ := f.GetCellValue(sheet, c); return v }
	// Columns: 序号 单位 编号 错误 警告 已核实, then R1 R7 R9.
	for c, want := range map[string]string{"B4": "单位", "G4": "R1 表三平衡", "H4": "R7 现行有效件数", "I4": "R9 正文与表格",
		"B5": "某县司法局", "D5": "2", "E5": "1", "F5": "1", "G5": "错误 2\n表三「自然人」列：相差 1", "H5": "已核实 1",
		"I5": "警告 1\n正文写 5 件", "D6": "0", "G7": "没有报告：数据库中没有它的 2025 年度报告"} {
		if got := get("汇总", c); got != want {
			t.Errorf("%s = %q, want %q", c, got, want)
		}
	}
	if got := get("某县司法局", "E7"); got != "已核实：清理文件 1 件，正文已说明（王科员，2027-01-20 09:30）" {
		t.Errorf("review: %q", got)
	}
	if got := get("某县教育局", "A4"); got != "没有发现问题。" {
		t.Errorf("clean report: %q", got)
	}
}

func TestQualityHTML(t *testing.T) {
	var b bytes.Buffer
	if err := QualityHTML(&b, sampleQuality()); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"<th>R7 现行有效件数</th>", "已核实：清理文件 1 件，正文已说明（王科员，", `<tr class="d">`,
		"没有报告：数据库中没有它的 2025 年度报告", `<td class="e">错误 2`, "某县教育局 2025 年度报告（编号 4）：没有发现问题"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
