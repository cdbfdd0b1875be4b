package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"nianbao/internal/sample"
	"nianbao/model"
)

// The patterns of real reports that once failed to import (issue: any
// title, heading style, table transcription or OCR text). Each test starts
// from a real published report — 平潭综合实验区 2022 as copied from its web
// page, its 2021 report as printed to PDF — and writes it the way the
// pattern does; the numbers are those typed by hand (internal/sample).

func realText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	_, text, ok := strings.Cut(string(b), fixtureMark+"\n")
	if !ok {
		t.Fatalf("%s: no %s", name, fixtureMark)
	}
	return text
}

const title2022 = "平潭综合实验区2022年度政府信息公开工作年度报告"

func readString(t *testing.T, name, text string, o Options) *Result {
	t.Helper()
	res, err := Read(name, []byte(text), o)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// Pattern 1: the year first, in brackets, after the page's navigation; or
// no title, the agency named only in the opening or the signature.
func TestPatternTitles(t *testing.T) {
	text := realText(t, "pingtan-2022.txt")
	for _, c := range []struct{ name, title string }{
		{"year first", "2022年平潭综合实验区政府信息公开工作年度报告"},
		{"年度 first", "2022年度平潭综合实验区政府信息公开工作年度报告"},
		{"bracketed year", "平潭综合实验区政府信息公开工作年度报告（2022年度）"},
		{"navigation", "首页 > 政务公开 > 政府信息公开年报 > 平潭综合实验区2022年度政府信息公开工作年度报告\n正文"},
		{"page fields", "标题：平潭综合实验区2022年度政府信息公开工作年度报告\n发布机构：平潭综合实验区管委会办公室\n索引号：FJ00-2023-0001"},
	} {
		res := readString(t, c.name, strings.Replace(text, title2022, c.title, 1), Options{})
		if r := res.Report; r.Meta.Agency != "平潭综合实验区" || r.Year != 2022 {
			t.Errorf("%s: %q %d", c.name, r.Meta.Agency, r.Year)
		}
	}
	// No title: the opening names the compiler.
	opening := "本报告由平潭综合实验区政府信息公开工作领导小组办公室编制。"
	res := readString(t, "opening", strings.Replace(text, title2022+"\n", opening+"\n", 1), Options{})
	if r := res.Report; r.Meta.Agency != "平潭综合实验区" || r.Year != 2022 {
		t.Errorf("from the opening: %q %d", r.Meta.Agency, r.Year)
	}
	// No title: the signature names the agency, the period the year.
	signed := strings.Replace(text, title2022+"\n", "", 1) + "\n平潭综合实验区管理委员会\n2023年1月20日\n"
	res = readString(t, "signature", signed, Options{})
	if r := res.Report; r.Meta.Agency != "平潭综合实验区管理委员会" || r.Year != 2022 || r.Meta.SignDate != "2023年1月20日" {
		t.Errorf("from the signature: %q %d %q", r.Meta.Agency, r.Year, r.Meta.SignDate)
	}
	// Nothing names the agency: the caller is told to ask for it.
	_, err := Read("none.txt", []byte(strings.Replace(text, title2022+"\n", "", 1)), Options{})
	if n, ok := err.(*NeedInfo); !ok || !n.Agency || n.Year || n.GuessYear != 2022 {
		t.Errorf("no agency anywhere: %#v", err)
	}
}

// Pattern 2: a title wrapped over two lines, spaces inside, full-width
// digits, a year written in Chinese numerals.
func TestPatternWrappedTitles(t *testing.T) {
	text := realText(t, "pingtan-2022.txt")
	for _, title := range []string{
		"2022 年平潭综合实验区政府信息公开\n工作年度报告",
		"平潭综合实验区\n２０２２年度政府信息公开工作年度报告",
		"平潭综合实验区二〇二二年度\n政府信息公开工作年度报告",
	} {
		res := readString(t, "wrapped", strings.Replace(text, title2022, title, 1), Options{})
		if r := res.Report; r.Meta.Agency != "平潭综合实验区" || r.Year != 2022 {
			t.Errorf("%q: %q %d", title, r.Meta.Agency, r.Year)
		}
	}
}

// toMarkdown writes the web text as a Markdown conversion does: "#"
// headings, half-width brackets, bold markers, pipe tables with explicit
// empty cells and the separator line.
func toMarkdown(text string) string {
	var out []string
	sep := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.Contains(l, " | "):
			cells := strings.Split(l, " | ")
			out = append(out, "| "+strings.Join(cells, " | ")+" |")
			if !sep {
				out = append(out, "|"+strings.Repeat(" --- |", len(cells)))
				sep = true
			}
			continue
		case sectionOf(l) > 0:
			l = "## " + l
		case partRe.MatchString(l):
			l = "### " + strings.NewReplacer("（", "(", "）", ")").Replace(l)
		case strings.HasPrefix(l, "一是"):
			l = "**" + l + "**"
		}
		sep = false
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// Pattern 3 and 5: Markdown headings and half-width brackets, rows with
// explicit empty cells (a printed 总计 left blank); OCR that misreads a
// character of a heading.
func TestPatternMarkdown(t *testing.T) {
	text := realText(t, "pingtan-2022.txt")
	// The 结转 row as published with its 总计 left blank.
	row := "四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0"
	if !strings.Contains(text, row) {
		t.Fatal("the row to blank is not in the fixture")
	}
	md := toMarkdown(strings.Replace(text, row, strings.TrimSuffix(row, "0"), 1))
	if !strings.Contains(md, "| 0 |  |") {
		t.Fatalf("the blank total is not an explicit empty cell: %s", md)
	}
	for _, name := range []string{"r.md", "r.txt"} {
		res := readString(t, name, md, Options{})
		sameCells(t, res.Report, sample.Pingtan2022())
		if v, ok := res.Report.Published["s3.jiezhuan_xianian.zongji"]; !ok || v.Set {
			t.Errorf("%s: the blank printed total: %+v %v", name, v, ok)
		}
		if r := res.Report; len(r.Parts) < 2 || r.Parts[0].Key != "zhudong" || r.S6Text == "" || strings.Contains(r.S5.Gaijin, "**") {
			t.Errorf("%s: parts %+v", name, r.Parts)
		}
	}
	// OCR: 总体 read as 总休, the heading still opens section 一.
	ocr := strings.Replace(text, "一、总体情况", "一、总休情况", 1)
	res := readString(t, "ocr.txt", ocr, Options{})
	if !strings.HasPrefix(res.Report.Lead, "2022年，平潭综合实验区") {
		t.Errorf("lead %q", res.Report.Lead)
	}
}

// webCopy turns the fixture's " | " rows into a browser's copy: tabs, the
// empty cells of spans absent, a trailing tab.
func webCopy(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.Contains(l, " | ") {
			out = append(out, l)
			continue
		}
		cells := strings.Split(l, " | ")
		// Leading empty cells belong to labels merged from above.
		for len(cells) > 0 && strings.TrimSpace(cells[0]) == "" {
			cells = cells[1:]
		}
		// Empty cells between the labels and the numbers are the
		// continuation of a label spanning columns.
		var kept []string
		for i, c := range cells {
			if strings.TrimSpace(c) == "" && i > 0 && !isNumberCell(cells[i-1]) && i+1 < len(cells) {
				continue
			}
			kept = append(kept, c)
		}
		out = append(out, strings.Join(kept, "\t")+"\t")
	}
	return strings.Join(out, "\n")
}

// Pattern 4: a web copy of a row with blank cells — positions given by the
// tabs are certain, a dropped trailing tab is a blank cell.
func TestPatternWebCopyBlankCells(t *testing.T) {
	web := webCopy(realText(t, "pingtan-2022.txt"))
	row := "（一）予以公开\t21\t0\t0\t0\t0\t0\t21\t"
	if !strings.Contains(web, row) {
		t.Fatalf("no row %q in the web copy", row)
	}
	// The publisher left four cells and the total blank; a browser dropped
	// the trailing tabs of another row.
	web = strings.Replace(web, row, "（一）予以公开\t21\t\t\t0\t\t0\t\t", 1)
	web = strings.Replace(web, "2.重复申请\t0\t0\t0\t0\t0\t0\t0\t", "2.重复申请\t0\t0\t0\t0", 1)
	res := readString(t, "copy.txt", web, Options{})
	if len(res.Uncertain) > 0 {
		t.Fatalf("positions given by tabs are certain: %+v", res.Uncertain)
	}
	r := res.Report
	want := map[string]model.Value{"s3.r1.ziranren": model.Int(21), "s3.r1.shangye_qiye": {}, "s3.r1.keyan_jigou": {},
		"s3.r1.shehui_gongyi": model.Int(0), "s3.r1.falv_fuwu": {}, "s3.r1.qita": model.Int(0),
		"s3.r5_2.ziranren": model.Int(0), "s3.r5_2.falv_fuwu": {}, "s3.r5_2.qita": {}}
	for k, w := range want {
		if v, _ := r.Cell(k); v != w {
			t.Errorf("%s = %+v, want %+v", k, v, w)
		}
	}
	if v, ok := r.Published["s3.r1.zongji"]; !ok || v.Set {
		t.Errorf("the blank total of （一）: %+v %v", v, ok)
	}
	// Everything else as typed by hand.
	p := sample.Pingtan2022()
	for _, k := range p.Format.CellKeys() {
		if _, listed := want[k]; listed || strings.HasPrefix(k, "s3.r1.") || strings.HasPrefix(k, "s3.r5_2.") {
			continue
		}
		a, _ := r.Cell(k)
		b, _ := p.Cell(k)
		if a != b {
			t.Errorf("%s = %+v, want %+v", k, a, b)
		}
	}
}

// Pattern 6: PDF text whose 表三 rows lost their labels — the labels stand
// as loose lines, the 25 rows of numbers in the official order. They are
// read in order because the printed （七）总计 adds up; when it does not,
// the rows are uncertain, not guessed.
func TestPatternLabelsLost(t *testing.T) {
	b, err := os.ReadFile("testdata/pingtan-2021-pdftotext.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Take every 表三 label off its line of numbers: the labels stand
	// together above the table, the rows of numbers below without names.
	numbers := regexp.MustCompile(`^(\s*)(\S.*?)?(\s{2,}\d+(?:\s+\d+){6})$`)
	lines := strings.Split(string(b), "\n")
	var before, labels, rows, after []string
	state := 0
	for _, l := range lines {
		if state == 0 && strings.Contains(l, "一、本年新收") {
			state = 1
		}
		switch {
		case state == 0:
			before = append(before, l)
		case state == 2:
			after = append(after, l)
		default:
			if m := numbers.FindStringSubmatch(l); m != nil {
				if m[2] != "" {
					labels = append(labels, "   "+m[2])
				}
				rows = append(rows, strings.Repeat(" ", 27)+strings.TrimSpace(m[3]))
				if strings.Contains(l, "结转下年度") {
					state = 2
				}
			} else if strings.TrimSpace(l) != "" {
				labels = append(labels, "   "+strings.TrimSpace(l))
			}
		}
	}
	if len(rows) != 25 {
		t.Fatalf("%d rows of numbers", len(rows))
	}
	lost := strings.Join(append(append(append(before, labels...), rows...), after...), "\n")
	res := readString(t, "lost.txt", lost, Options{})
	sameCells(t, res.Report, sample.Pingtan2021())
	if len(res.Uncertain) > 0 || !strings.Contains(strings.Join(res.Notes, " "), "按官方格式的行序读取") {
		t.Errorf("uncertain: %+v, notes %v", res.Uncertain, res.Notes)
	}
	// The same with one row's numbers changed so that （七） no longer adds
	// up: the unnamed rows are not placed by order.
	bad := strings.Replace(lost, "27   0     0    2  0   1    30", "28   0     0    2  0   1    31", 1)
	if bad == lost {
		t.Fatal("row to change not found")
	}
	res = readString(t, "bad.txt", bad, Options{})
	if v, _ := res.Report.Cell("s3.r1.ziranren"); v.Set && v.N == 28 && len(res.Uncertain) == 0 {
		t.Error("rows without names were placed by order although （七） does not add up")
	}
}

// Pattern 7: renumbered chapters and tables headed by their own numbers —
// a table is known by its labels and shape, not by its number or place.
func TestPatternRenumbered(t *testing.T) {
	text := realText(t, "pingtan-2022.txt")
	text = strings.Replace(text, "二、主动公开政府信息情况\n", "表一 主动公开政府信息情况\n", 1)
	text = strings.Replace(text, "三、收到和处理政府信息公开申请情况", "二、收到和处理政府信息公开申请情况\n表二 收到和处理政府信息公开申请情况", 1)
	text = strings.Replace(text, "四、政府信息公开行政法复议、行政诉讼情况", "三、政府信息公开行政复议、行政诉讼情况\n表三 行政复议、行政诉讼情况", 1)
	res := readString(t, "renumbered.txt", text, Options{})
	sameCells(t, res.Report, sample.Pingtan2022())
	found := false
	for _, d := range res.Report.Deviations {
		found = found || d.Key == "s3" && strings.HasPrefix(d.Found, "二、收到和处理")
	}
	if !found {
		t.Errorf("the renumbered heading is R14: %+v", res.Report.Deviations)
	}
}

// Pattern 10: a county government's PDF text — an address wrapped after
// its house number, and 五 without sub-headings split by its content.
func TestPatternWrappedAddressAndSectionFive(t *testing.T) {
	b, err := os.ReadFile("testdata/pingtan-2021-pdftotext.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "综合实验区政府信息公开工作领导小组办公室联系（邮编：\n350400；",
		"综合实验区政府信息公开工作领导小组办公室联系（地址：平潭综合实验区金井湾商务营运中心 6\n号楼，邮编：\n350400；", 1)
	if text == string(b) {
		t.Fatal("preamble lines not found")
	}
	res := readString(t, "county.txt", text, Options{})
	if a := res.Report.Meta.Contact.Address; a != "平潭综合实验区金井湾商务营运中心6号楼" {
		t.Errorf("address %q: a wrapped line must not lose a fragment", a)
	}
	s5 := res.Report.S5
	if !strings.Contains(s5.Wenti, "政策解读形式不够丰富") || !strings.HasPrefix(s5.Gaijin, "一是丰富政策解读形式") {
		t.Errorf("五: %q | %q", s5.Wenti, s5.Gaijin)
	}
}
