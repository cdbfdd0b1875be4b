package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"nianbao/internal/sample"
	"nianbao/model"
)

// allLabels lists every printed label of both formats' tables.
func allLabels() []string {
	var out []string
	for _, f := range []*model.Format{model.Format2019, model.Format2021} {
		for _, tb := range f.Tables {
			out = append(out, tb.Caption, tb.Corner)
			for _, r := range tb.Rows {
				out = append(out, r.Label, r.Group, r.Head)
			}
			for _, c := range tb.Cols {
				out = append(out, c.Label, c.Group)
			}
		}
	}
	return append(out, model.S3Applicant, model.S3Legal, model.S4Fuyi, model.S4Susong)
}

// A new format's label with a word missing from the list would break
// anywhere: every Han character of every label must be inside a listed
// word.
func TestEveryLabelIsMadeOfKnownWords(t *testing.T) {
	for _, l := range allLabels() {
		for _, s := range segments(l) {
			if n, _ := numbering(s); n > 0 {
				s = s[n:] // （三）, 三、, 1.
			}
			core := strings.TrimFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
			if utf8.RuneCountInString(core) > 0 && !labelWords[core] && !strings.ContainsFunc(core, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
				t.Errorf("%q: %q is not a listed word (export/words.go)", l, core)
			}
		}
	}
	for _, c := range []struct {
		in   string
		want string
	}{
		{"（三）不予公开", "（三）|不予|公开"},
		{"1.本机关不掌握相关政府信息", "1.本机关|不掌握|相关|政府信息"},
		{"3.危及“三安全一稳定”", "3.危及|“三安全一稳定”"},
		{"本年收费金额（单位：万元）", "本年|收费|金额|（单位：|万元）"},
		{"三、本年度办理结果", "三、|本年度|办理|结果"},
		{"本年增/减", "本年|增/减"},
	} {
		if got := strings.Join(segments(c.in), "|"); got != c.want {
			t.Errorf("segments(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestWrapLabelBreaksBetweenWordsWithoutLoneCharacters(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"（三）不予公开", 400, "（三）|不予公开"},
		{"社会公益组织", 230, "社会|公益|组织"},
		{"自然人", 315, "自然人"},
		{"三、本年度办理结果", 315, "三、|本年度|办理|结果"},
		// Greedy would leave 或 alone; never a line of one character.
		{"政府信息公开或", 600, "政府信息|公开或"},
		{"2.其他法律行政法规禁止公开", 1250, "2.其他法律行政法规禁止|公开"},
	} {
		if got := strings.Join(wrapLabel(c.in, c.width, emWidth), "|"); got != c.want {
			t.Errorf("wrapLabel(%q, %d) = %s, want %s", c.in, c.width, got, c.want)
		}
	}
}

// The official column proportions: every label of both formats' tables
// fits its Word column in whole words, no line of one character.
func TestWordColumnsHoldEveryLabelInWholeWords(t *testing.T) {
	for _, r := range []*model.Report{model.Demo(), sample.Pingtan2021()} {
		for _, tb := range []*Table{Table2(r), Table3(r), Table4(r)} {
			d := layoutDocxTable(tb)
			for i, c := range tb.Cells {
				if c.Ref != nil {
					continue
				}
				segs := map[string]bool{}
				for _, s := range segments(c.Text) {
					segs[s] = true
				}
				room := d.room(&c)
				for _, l := range d.lines[i] {
					if emWidth(l) > room {
						t.Errorf("%s %q: line %q wider than its column (%d > %d)", tb.Name, c.Text, l, emWidth(l), room)
					}
					if len(d.lines[i]) > 1 && utf8.RuneCountInString(l) == 1 {
						t.Errorf("%s %q: a line of one character", tb.Name, c.Text)
					}
				}
				// Lines end only where words end.
				at := 0
				ends := map[int]bool{}
				for _, s := range segments(c.Text) {
					at += len(s)
					ends[at] = true
				}
				at = 0
				for _, l := range d.lines[i] {
					at += len(l)
					if !ends[at] {
						t.Errorf("%s %q: broken inside a word after %q", tb.Name, c.Text, l)
					}
				}
			}
			if tb.Name == "表三" && len(d.parts) > 0 {
				t.Errorf("%d 表三 is estimated taller than a page", r.Year)
			}
		}
	}
}

// The Windows side of the font check, tested by its logic on a folder.
func TestWindowsFontsFolder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"SIMFANG.TTF", "simkai.ttf", "simhei.ttf", "simsun.ttc", "方正小标宋简体.ttf"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	have := windowsFonts([]string{dir, filepath.Join(dir, "missing")})
	rep := fontReport("standard", have, func(string) string { return "" })
	var gaps []string
	for _, g := range rep.Gaps {
		gaps = append(gaps, g.Font)
	}
	if strings.Join(gaps, ",") != "楷体_GB2312,仿宋_GB2312" || !rep.WindowsSet {
		t.Errorf("gaps %v, windows set %v", gaps, rep.WindowsSet)
	}
	w := rep.Warning()
	if !strings.Contains(w, "楷体_GB2312、仿宋_GB2312") || !strings.Contains(w, "--fonts windows") || !strings.Contains(w, "字体") {
		t.Errorf("warning: %s", w)
	}
	if len(fontReport("windows", have, nil).Gaps) != 0 {
		t.Error("the Windows set is complete")
	}
	// fc-list's lines: a font under all its names, escaped.
	have = familySet("Noto Serif CJK SC,Noto Serif CJK SC Black\nSimHei,黑体\nFangSong,仿宋\nFZXiaoBiaoSong\\-B05S\n")
	if !have("黑体") || !have("仿宋") || !have("方正小标宋简体") || have("楷体") || have("仿宋_GB2312") {
		t.Error("fc-list families")
	}
	if (FontReport{}).Warning() != "" {
		t.Error("nothing missing, nothing said")
	}
}

func sheetXML(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

// The workbook prints like the Word file: numbers as printed there, totals
// cached as numbers, a footer away from the paper's edge.
func TestXLSXNumbersAndPrint(t *testing.T) {
	demo := render(t, "xlsx", model.Demo(), Options{})
	files := sheetXML(t, demo)
	sheets := 0
	for name, x := range files {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		if regexp.MustCompile(`t="str"[^>]*><f>`).MatchString(x) {
			t.Errorf("%s: a formula cell typed as text", name)
		}
		m := regexp.MustCompile(`<pageMargins[^>]*footer="([0-9.]+)"`).FindStringSubmatch(x)
		if m == nil {
			t.Errorf("%s: no page margins", name)
			continue
		}
		if v, _ := strconv.ParseFloat(m[1], 64); v < 0.3 {
			t.Errorf("%s: footer %.2f in from the edge", name, v)
		}
	}
	if sheets != 4 || !regexp.MustCompile(`fullCalcOnLoad="(1|true)"`).MatchString(files["xl/workbook.xml"]) {
		t.Errorf("%d sheets; workbook %s", sheets, files["xl/workbook.xml"])
	}
	if strings.Contains(files["xl/styles.xml"], "#,##0") || !strings.Contains(files["xl/styles.xml"], "+0;-0;0") {
		t.Error("number formats: no thousands separator, + for an increase")
	}
	f, err := excelize.OpenReader(bytes.NewReader(demo))
	if err != nil {
		t.Fatal(err)
	}
	// 2019 本年增/减 of 行政许可 is +1 in the Word file and in the sheet.
	r := model.Demo()
	ref, _ := r.Format.Cell("s2.a20_5.xuke.zengjian")
	if v := value(r, ref); v != "+1" {
		t.Fatalf("demo 本年增/减 %s", v)
	}
	if v, _ := f.GetCellValue("表二", "C8"); v != "+1" {
		t.Errorf("本年增/减 shows %q", v)
	}
	// Cached totals are numbers: the 总计 of 一 is <v>, no type.
	x := sheetXML(t, render(t, "xlsx", sample.Pingtan2021(), Options{}))["xl/worksheets/sheet3.xml"]
	if !regexp.MustCompile(`<c r="J5" s="[0-9]+"><f>SUM\(D5:I5\)</f><v>70</v></c>`).MatchString(x) {
		t.Errorf("J5 of 表三 is not a numeric cached formula: %s", regexp.MustCompile(`<c r="J5"[^/]*/c>`).FindString(x))
	}
	// Headers keep their words: 社会/公益/组织 on lines of their own.
	if v, _ := f.GetCellValue("表三", "G4"); v != "社会\n公益\n组织" {
		t.Errorf("表三 header %q", v)
	}
}

// LibreOffice prints every sheet on one A4 page at full size: 表三's text
// is 10.5 pt (≥ 9), 报告信息 is one page.
func TestXLSXPrintsAtFullSize(t *testing.T) {
	needOffice(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "r.xlsx")
	if err := ToFile(context.Background(), "xlsx", src, sample.Pingtan2021(), Options{}, false); err != nil {
		t.Fatal(err)
	}
	pdf, err := Convert(context.Background(), src, "pdf", dir)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, pdf)
	pages := pdfLayout(t, pdf)
	if len(pages) != 4 {
		t.Fatalf("%d pages, want one per sheet", len(pages))
	}
	if !strings.Contains(pageText(pages[0]), "电子邮箱") {
		t.Error("报告信息 is not whole on its page")
	}
	p := pageOf(pages, "一、本年新收政府信息公开申请数量")
	for _, l := range pages[p] {
		// A CJK glyph box is about 1.05 em high.
		if size := (l.y1 - l.y0) * 72 / 25.4 / 1.05; unicode.Is(unicode.Han, []rune(l.text)[0]) && size < 9 {
			t.Errorf("表三 %q printed at %.1f pt", l.text, size)
		}
	}
	for _, l := range []string{"社会公益组织", "法律服务机构", "（三）不予公开", "三、本年度办理结果", "自然人"} {
		if !wholeWords(l, pages[p]) {
			t.Errorf("表三 sheet: %q broken inside a word", l)
		}
	}
	if !strings.Contains(pageText(pages[p]), "—3—") {
		t.Error("page number in the footer")
	}
}

func TestHTMLOneTitleHeaderRowsAndWidths(t *testing.T) {
	for _, format := range []string{"html", "html-fragment"} {
		s := string(render(t, format, model.Demo(), Options{}))
		if n := strings.Count(s, "<h1"); n != 1 {
			t.Errorf("%s: %d <h1>", format, n)
		}
		if !strings.Contains(s, "平罗县司法局<br>2020年政府信息公开工作年度报告</h1>") {
			t.Errorf("%s: the title's two lines in one heading", format)
		}
		if n := strings.Count(s, "<thead>"); n != 2 { // 表三 and 表四
			t.Errorf("%s: %d <thead>", format, n)
		}
		for _, cg := range regexp.MustCompile(`<colgroup>(.*?)</colgroup>`).FindAllStringSubmatch(s, -1) {
			sum := 0.0
			for _, w := range regexp.MustCompile(`width:([0-9.]+)%`).FindAllStringSubmatch(cg[1], -1) {
				v, _ := strconv.ParseFloat(w[1], 64)
				sum += v
			}
			if sum < 99.95 || sum > 100.05 {
				t.Errorf("%s: column widths add up to %.1f%%", format, sum)
			}
		}
	}
	if got := strings.Join(percents([]int{1, 1, 1}), " "); got != "33.4% 33.3% 33.3%" {
		t.Errorf("percents %s", got)
	}
}

// Plain text is set the Chinese way: no line starts with closing
// punctuation or ends with an opening one, numbers, phone numbers and
// addresses stay whole.
func TestTextWrapping(t *testing.T) {
	r := model.Demo()
	r.Set("s1.lead", strings.Repeat("按照规定，", 13)+"电话：0952—6093700，网址 http://www.pingluo.gov.cn/zwgk/index.html，共计 12345678 件。《条例》")
	text := string(render(t, "txt", r, Options{}))
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimLeft(l, " ")
		if l == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("，。、；：？！）》”", r) {
			t.Errorf("line %d starts with %q: %s", i+1, r, l)
		}
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune("（《“", r) {
			t.Errorf("line %d ends with %q: %s", i+1, r, l)
		}
		if tw(l) > 100 {
			t.Errorf("line %d is %d wide", i+1, tw(l))
		}
	}
	for _, whole := range []string{"0952—6093700", "http://www.pingluo.gov.cn/zwgk/index.html", "12345678", "plxsfjbg2010@163.com"} {
		if !strings.Contains(text, whole) {
			t.Errorf("%s is split", whole)
		}
	}
	// 申请人情况 is a caption over the seven columns, not a row label.
	for _, l := range lines {
		if strings.Contains(l, model.S3Applicant) && !strings.HasPrefix(l, strings.Repeat(" ", 30)) {
			t.Errorf("申请人情况 printed as a label: %q", l)
		}
	}
	if !strings.Contains(text, "社会公益") || !strings.Contains(text, "    组织") {
		t.Error("headers break between words: 社会公益/组织")
	}
}

func TestMarkdownDoesNotTurnNumberedProseIntoALIst(t *testing.T) {
	r := model.Demo()
	r.Set("s5.wenti", "1. 第一条问题\n2)第二条问题\n2020. 年份开头")
	md := string(render(t, "md", r, Options{}))
	for _, want := range []string{"1\\. 第一条问题", "2\\)第二条问题", "2020\\. 年份开头"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if n := strings.Count(md, "\n# "); n != 0 || !strings.HasPrefix(md, "# 平罗县司法局2020年政府信息公开工作年度报告\n") {
		t.Errorf("one title heading: %q", md[:80])
	}
}

// Word enforces the schema's order of paragraph and run properties
// (LibreOffice does not, so its render proves nothing): every pPr and rPr
// of the document and the styles follows ECMA-376.
func TestDOCXPropertiesInSchemaOrder(t *testing.T) {
	order := func(s string) map[string]int {
		m := map[string]int{}
		for i, n := range strings.Fields(s) {
			m[n] = i
		}
		return m
	}
	ppr := order(`pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs
		suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid
		spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr`)
	rpr := order(`rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish webHidden
		color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath`)
	for _, o := range []Options{{}, {Fonts: "windows"}, {libreOffice: true}} {
		for _, r := range []*model.Report{model.Demo(), sample.Pingtan2021()} {
			p := parts(t, render(t, "docx", r, o))
			for _, name := range []string{"word/document.xml", "word/styles.xml", "word/footer1.xml"} {
				d := xml.NewDecoder(strings.NewReader(p[name]))
				var stack []string
				last := map[int]int{} // depth → order index of the previous child
				for {
					tok, err := d.Token()
					if err != nil {
						break
					}
					switch e := tok.(type) {
					case xml.StartElement:
						if len(stack) > 0 {
							parent := stack[len(stack)-1]
							seq := map[string]map[string]int{"pPr": ppr, "rPr": rpr}[parent]
							if seq != nil {
								i, ok := seq[e.Name.Local]
								if !ok {
									t.Errorf("%s: <%s> in <%s> is not in the schema list", name, e.Name.Local, parent)
								} else if i < last[len(stack)] {
									t.Errorf("%s: <%s> comes after a later element in <%s>", name, e.Name.Local, parent)
								}
								last[len(stack)] = i
							}
						}
						stack = append(stack, e.Name.Local)
						last[len(stack)] = -1
					case xml.EndElement:
						stack = stack[:len(stack)-1]
					}
				}
			}
		}
	}
}

// The Windows fonts' title is bold 宋体; punctuation never hangs: as
// ECMA-376 says it for Word, as LibreOffice reads it for the PDF.
func TestDOCXTitleFontAndPunctuation(t *testing.T) {
	win := parts(t, render(t, "docx", model.Demo(), Options{Fonts: "windows"}))["word/styles.xml"]
	title := regexp.MustCompile(`<w:style w:type="paragraph" w:styleId="Title">.*?</w:style>`).FindString(win)
	if !strings.Contains(title, `w:eastAsia="宋体"`) || !strings.Contains(title, "<w:b/>") {
		t.Errorf("windows title: %s", title)
	}
	std := parts(t, render(t, "docx", model.Demo(), Options{}))["word/styles.xml"]
	if strings.Contains(regexp.MustCompile(`<w:style w:type="paragraph" w:styleId="Title">.*?</w:style>`).FindString(std), "<w:b/>") {
		t.Error("方正小标宋简体 is heavy already: no bold")
	}
	if !strings.Contains(std, `<w:overflowPunct w:val="0"/>`) {
		t.Error("Word: overflowPunct off")
	}
	var b bytes.Buffer
	if err := DOCX(&b, model.Demo(), Options{libreOffice: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parts(t, b.Bytes())["word/styles.xml"], `<w:overflowPunct w:val="1"/>`) {
		t.Error("LibreOffice's copy: overflowPunct inverted")
	}
}
