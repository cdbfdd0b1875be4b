package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/internal/sample"
	"nianbao/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t testing.TB, format string, r *model.Report, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, format, r, o); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// parts opens an OOXML file and checks that every XML part is well formed.
func parts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			d := xml.NewDecoder(bytes.NewReader(b))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
		out[f.Name] = string(b)
	}
	return out
}

func TestDOCXIsValidOOXMLWithTheOfficialMerges(t *testing.T) {
	for _, r := range []*model.Report{model.Demo(), sample.Pingtan2021()} {
		p := parts(t, render(t, "docx", r, Options{}))
		doc := p["word/document.xml"]
		for _, part := range []string{"[Content_Types].xml", "word/styles.xml", "word/settings.xml", "word/footer1.xml", "word/footer2.xml", "word/fontTable.xml"} {
			if p[part] == "" {
				t.Errorf("missing %s", part)
			}
		}
		tables := strings.Split(doc, "<w:tbl>")[1:]
		if len(tables) != 3 {
			t.Fatalf("%d tables", len(tables))
		}
		t3, t4 := tables[1], tables[2]
		// 表三: corner 3×3 (gridSpan 3 + vMerge over 3 rows), 申请人情况 over 7,
		// 法人或其他组织 over 5, the 三、本年度办理结果 column merged down.
		for _, want := range []string{`<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>`, `<w:gridSpan w:val="7"/>`, `<w:gridSpan w:val="5"/>`} {
			if !strings.Contains(t3, want) {
				t.Errorf("表三 lacks %s", want)
			}
		}
		rows := map[string]int{"2019": 26, "2021": 28}[r.Format.ID]
		if n := strings.Count(t3, "<w:tr>"); n != rows {
			t.Errorf("表三 has %d rows, want %d", n, rows)
		}
		if n := strings.Count(t3, "<w:tblHeader/>"); n != 3 {
			t.Errorf("表三 repeats %d header rows", n)
		}
		// 表四: 行政复议 over 5, 行政诉讼 over 10, its two groups over 5 each.
		for _, want := range []string{`<w:gridSpan w:val="10"/>`, `<w:gridSpan w:val="5"/>`} {
			if !strings.Contains(t4, want) {
				t.Errorf("表四 lacks %s", want)
			}
		}
		if n := strings.Count(t4, "<w:tr>"); n != 4 {
			t.Errorf("表四 has %d rows", n)
		}
		// Every row covers the whole grid (continuation cells included).
		for ti, tb := range tables {
			cols := strings.Count(strings.SplitN(tb, "</w:tblGrid>", 2)[0], "<w:gridCol ")
			for _, row := range strings.Split(tb, "<w:tr>")[1:] {
				n := strings.Count(row, "<w:tc>")
				for _, m := range regexp.MustCompile(`<w:gridSpan w:val="(\d+)"/>`).FindAllStringSubmatch(row, -1) {
					span, _ := strconv.Atoi(m[1])
					n += span - 1
				}
				if n != cols {
					t.Fatalf("table %d: a row covers %d of %d grid columns", ti, n, cols)
				}
			}
		}
		// Page setup of GB/T 9704 and both footers.
		for _, want := range []string{`w:top="2098"`, `w:left="1588"`, `w:bottom="1984"`, `w:right="1474"`, `w:linePitch="579"`, `w:type="even"`} {
			if !strings.Contains(doc, want) {
				t.Errorf("page setup lacks %s", want)
			}
		}
		if !strings.Contains(p["word/footer1.xml"], `w:jc w:val="right"`) || !strings.Contains(p["word/footer2.xml"], `w:jc w:val="left"`) {
			t.Error("page numbers: odd right, even left")
		}
	}
	// Font sets.
	std := parts(t, render(t, "docx", model.Demo(), Options{Fonts: "standard"}))["word/styles.xml"]
	win := parts(t, render(t, "docx", model.Demo(), Options{Fonts: "windows"}))["word/styles.xml"]
	if !strings.Contains(std, `w:eastAsia="仿宋_GB2312"`) || !strings.Contains(std, `w:eastAsia="方正小标宋简体"`) || !strings.Contains(std, `w:eastAsia="楷体_GB2312"`) {
		t.Error("standard fonts")
	}
	if !strings.Contains(win, `w:eastAsia="仿宋"`) || strings.Contains(win, "GB2312") {
		t.Error("windows fonts")
	}
}

func TestXLSXHasMergesAndLiveFormulas(t *testing.T) {
	r := sample.Pingtan2021()
	f, err := excelize.OpenReader(bytes.NewReader(render(t, "xlsx", r, Options{})))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "报告信息,表二,表三,表四" {
		t.Errorf("sheets %s", got)
	}
	merges, _ := f.GetMergeCells("表三")
	found := map[string]bool{}
	for _, m := range merges {
		found[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, want := range []string{"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4"} {
		if !found[want] {
			t.Errorf("表三 merge %s missing (%v)", want, found)
		}
	}
	// 总计 of 一、本年新收 (row 5) and （七）总计 are formulas with their values.
	for _, c := range []struct{ cell, formula, value string }{
		{"J5", "SUM(D5:I5)", "70"},
		{"D28", "SUM(D7:D27)", "63"},
		{"J28", "SUM(D28:I28)", "69"},
	} {
		fm, _ := f.GetCellFormula("表三", c.cell)
		v, _ := f.GetCellValue("表三", c.cell)
		if fm != c.formula || v != c.value {
			t.Errorf("%s: formula %q value %q, want %q %q", c.cell, fm, v, c.formula, c.value)
		}
	}
	if v, _ := f.CalcCellValue("表三", "J28"); v != "69" {
		t.Errorf("excelize recalculates (七)总计 as %s", v)
	}
	if v, _ := f.GetCellValue("表二", "B15"); v != "24252.311082" {
		t.Errorf("fee keeps its digits: %q", v)
	}
	if v, _ := f.GetCellFormula("表四", "E5"); v != "SUM(A5:D5)" {
		t.Errorf("表四 总计 formula %q", v)
	}
}

func TestHTMLAndMarkdownTables(t *testing.T) {
	r := model.Demo()
	page := string(render(t, "html", r, Options{}))
	frag := string(render(t, "html-fragment", r, Options{}))
	md := string(render(t, "md", r, Options{}))
	for name, s := range map[string]string{"page": page, "fragment": frag, "markdown": md} {
		s = strings.ReplaceAll(s, "<wbr>", "") // break opportunities between words
		for _, want := range []string{`rowspan="3" colspan="3"`, `colspan="7"`, `colspan="5"`, `colspan="10"`, "申请人情况", "法人或其他组织", "社会公益组织", "三、本年度办理结果"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
	if strings.Contains(frag, "<style") || strings.Contains(frag, "<script") || strings.Contains(frag, "<html") {
		t.Error("the fragment has only headings, paragraphs and tables")
	}
	if !strings.Contains(page, "@page{size:A4") {
		t.Error("the page prints on A4")
	}
}

func TestGoldenTextFormats(t *testing.T) {
	r := model.Demo()
	for _, f := range []struct{ format, file string }{{"html", "demo.html"}, {"html-fragment", "demo-fragment.html"}, {"md", "demo.md"}, {"txt", "demo.txt"}} {
		got := render(t, f.format, r, Options{})
		path := filepath.Join("testdata", f.file+".golden")
		if *update {
			os.MkdirAll("testdata", 0o755)
			os.WriteFile(path, got, 0o644)
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./export -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s", f.format, path)
		}
	}
}

func TestTextEncodings(t *testing.T) {
	r := model.Demo()
	utf := render(t, "txt", r, Options{})
	if !bytes.HasPrefix(utf, []byte("\xef\xbb\xbf")) || !bytes.Contains(utf, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(utf, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("text: UTF-8 with BOM and CRLF")
	}
	gb := render(t, "txt", r, Options{Encoding: "gb18030"})
	back, err := simplifiedchinese.GB18030.NewDecoder().Bytes(gb)
	if err != nil || !strings.Contains(string(back), "平罗县司法局") || bytes.HasPrefix(gb, []byte("\xef\xbb\xbf")) {
		t.Error("GB18030 text")
	}
	// No box drawing in the text tables.
	if strings.ContainsAny(string(utf), "│─┌┐└┘├┤") {
		t.Error("box-drawing characters in text")
	}
}

// Text the clerk typed never breaks a file.
func TestHostileTextNeverBreaksAFile(t *testing.T) {
	r := sample.Pingtan2021()
	nasty := "A&B <b>粗体</b> \"引号\" 'x' ]]> \t制表 \x01\x0b\x1b[31m 红色 \ufffe 𠮷 ✅"
	for _, k := range []string{"meta.agency", "s1.lead", "s1.parts.zhudong.heading", "s5.wenti", "s6.text", "s4.note"} {
		r.Set(k, nasty)
	}
	r.Set("s1.parts.jiandu.text", strings.Repeat("很长的一段文字，没有换行。", 8000))
	for _, f := range []string{"docx", "xlsx"} {
		p := parts(t, render(t, f, r, Options{}))
		if f == "docx" && !strings.Contains(p["word/document.xml"], "A&amp;B &lt;b&gt;粗体&lt;/b&gt;") {
			t.Error("docx escaping")
		}
	}
	for _, f := range []string{"html", "html-fragment", "md"} {
		s := string(render(t, f, r, Options{}))
		if strings.Contains(s, "<b>粗体</b>") {
			t.Errorf("%s: clerk text became markup", f)
		}
	}
	if _, err := model.UnmarshalReport(render(t, "json", r, Options{})); err != nil {
		t.Errorf("json: %v", err)
	}
	render(t, "txt", r, Options{Encoding: "gb18030"})
}

func TestFileNamesAndAtomicWrites(t *testing.T) {
	r := model.Demo()
	if got := DefaultFileName(r, "docx"); got != "平罗县司法局2020年政府信息公开工作年度报告.docx" {
		t.Errorf("name %q", got)
	}
	r.Set("meta.agency", `某局/办公室:"测试"?`)
	if got := DefaultFileName(r, "html-fragment"); got != "某局_办公室__测试__2020年政府信息公开工作年度报告（网页片段）.html" {
		t.Errorf("unsafe characters: %q", got)
	}
	if SafeName("CON") != "_CON" || SafeName("  ") != "年度报告" {
		t.Error("reserved names")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	ctx := context.Background()
	if err := ToFile(ctx, "json", path, r, Options{}, false); err != nil {
		t.Fatal(err)
	}
	var ex *ExistsError
	if err := ToFile(ctx, "json", path, r, Options{}, false); !errors.As(err, &ex) {
		t.Errorf("existing file must be refused: %v", err)
	}
	if err := ToFile(ctx, "json", path, r, Options{}, true); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func needOffice(t *testing.T) {
	if _, err := findOffice(); err != nil {
		t.Skip("LibreOffice not installed (.ci/run installs it)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
}

// normal drops spaces and line breaks, which PDF text extraction scatters.
func normal(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\f' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// Every label and every number of the report is in the PDF LibreOffice
// makes of the Word file.
func TestPDFThroughLibreOfficeHasEveryLabelAndNumber(t *testing.T) {
	needOffice(t)
	for _, r := range []*model.Report{model.Demo(), sample.Pingtan2021()} {
		dir := t.TempDir()
		pdf := filepath.Join(dir, "r.pdf")
		if err := ToFile(context.Background(), "pdf", pdf, r, Options{}, false); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// Reading order keeps a cell's wrapped lines together.
		raw, _ := exec.Command("pdftotext", "-raw", pdf, "-").Output()
		text := normal(string(raw))
		var want []string
		for _, s := range r.Format.Sections {
			want = append(want, s.Heading)
		}
		for _, tb := range r.Format.Tables {
			want = append(want, tb.Caption, tb.Corner)
			for _, row := range tb.Rows {
				want = append(want, row.Label, row.Group, row.Head)
			}
			for _, c := range tb.Cols {
				want = append(want, c.Label, c.Group)
			}
		}
		want = append(want, "申请人情况", "行政复议", "行政诉讼", r.Meta.Agency)
		for _, w := range want {
			if w = normal(w); w != "" && !strings.Contains(text, w) {
				t.Errorf("%d: PDF lacks %q", r.Year, w)
			}
		}
		// Numbers row by row: 表三 rows as printed, in order.
		st := r.Format.Table("s3")
		for i, row := range st.Rows {
			var nums []string
			for j := range st.Cols {
				nums = append(nums, value(r, model.CellRef{Table: st, Row: i, Col: j}))
			}
			line := findLine(string(out), row.Label)
			if line == "" {
				continue // wrapped labels: checked through the whole text above
			}
			if !strings.Contains(normal(line), strings.Join(nums, "")) {
				t.Errorf("%d: 表三 %s: %q lacks %v", r.Year, row.Label, line, nums)
			}
		}
		if r.Year == 2021 {
			for _, n := range []string{"24252.311082", "665", "2293", "1282"} {
				if !strings.Contains(text, n) {
					t.Errorf("PDF lacks %s", n)
				}
			}
		}
	}
}

func findLine(text, label string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(normal(l), normal(label)) {
			return l
		}
	}
	return ""
}

// LibreOffice recalculates the workbook's formulas to the model's totals.
func TestXLSXFormulasRecalculatedByLibreOffice(t *testing.T) {
	needOffice(t)
	r := sample.Pingtan2021()
	dir := t.TempDir()
	src := filepath.Join(dir, "r.xlsx")
	if err := ToFile(context.Background(), "xlsx", src, r, Options{}, false); err != nil {
		t.Fatal(err)
	}
	// Sheet 3 (表三) as CSV; LibreOffice recalculates on load.
	out, err := Convert(context.Background(), src, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3`, dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	st := r.Format.Table("s3")
	for i := range st.Rows {
		for j := range st.Cols {
			ref := model.CellRef{Table: st, Row: i, Col: j}
			if !ref.Computed() {
				continue
			}
			got := rows[1+3+i][3+j]
			if want := value(r, ref); got != want {
				t.Errorf("%s: LibreOffice computes %s, the model %s", ref.Key(), got, want)
			}
		}
	}
	// The 勾稽 check row is 0 everywhere.
	check := rows[1+3+len(st.Rows)]
	for j := 3; j < 10; j++ {
		if check[j] != "0" {
			t.Errorf("check row column %d = %s", j, check[j])
		}
	}
}

func benchExport(b *testing.B, format string) {
	r := sample.Long(sample.Pingtan2021(), 6000)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, format, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Exports of a full 2021 report with 6,000 characters of prose.
func BenchmarkExportDOCX(b *testing.B) { benchExport(b, "docx") }
func BenchmarkExportXLSX(b *testing.B) { benchExport(b, "xlsx") }
func BenchmarkExportHTML(b *testing.B) { benchExport(b, "html") }
