package export

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"nianbao/importer"
	"nianbao/internal/sample"
	"nianbao/model"
)

// The Word file as a reviewer sees it: rendered by LibreOffice, read back
// with pdftotext -bbox-layout, measured in millimetres.

// pdfLine is a line of text on a page, its box in mm from the top left.
type pdfLine struct {
	page           int
	x0, y0, x1, y1 float64
	text           string // words joined without spaces
}

func (l pdfLine) mid() float64 { return (l.x0 + l.x1) / 2 }

// pdfLayout reads every line of a PDF, page by page. pdftotext joins the
// text of neighbouring table cells on one baseline into one line; a gap of
// more than 1.6 mm between words (cell margins and a border) splits it.
func pdfLayout(t *testing.T, pdf string) [][]pdfLine {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var pages [][]pdfLine
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var cur *pdfLine // the piece being read
	var word *pdfLine
	mm := func(a []xml.Attr, name string) float64 {
		for _, x := range a {
			if x.Name.Local == name {
				v, _ := strconv.ParseFloat(x.Value, 64)
				return v * 25.4 / 72
			}
		}
		return 0
	}
	flush := func() {
		if cur != nil && len(pages) > 0 {
			pages[len(pages)-1] = append(pages[len(pages)-1], *cur)
		}
		cur = nil
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "page":
				pages = append(pages, nil)
			case "word":
				word = &pdfLine{page: len(pages) - 1, x0: mm(e.Attr, "xMin"), y0: mm(e.Attr, "yMin"), x1: mm(e.Attr, "xMax"), y1: mm(e.Attr, "yMax")}
			}
		case xml.CharData:
			if word != nil {
				word.text += strings.TrimSpace(string(e))
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "word":
				if cur != nil && word.x0-cur.x1 > 1.6 {
					flush()
				}
				if cur == nil {
					cur = word
				} else {
					cur.text += word.text
					cur.x1, cur.y0, cur.y1 = word.x1, min(cur.y0, word.y0), max(cur.y1, word.y1)
				}
				word = nil
			case "line":
				flush()
			}
		}
	}
	if len(pages) == 0 {
		t.Fatal("no pages in the PDF")
	}
	return pages
}

func pageText(lines []pdfLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
	}
	return normal(b.String())
}

// pageOf is the first page whose text holds s.
func pageOf(pages [][]pdfLine, s string) int {
	for i, p := range pages {
		if strings.Contains(pageText(p), normal(s)) {
			return i
		}
	}
	return -1
}

// wholeWords tells whether a label is printed as lines of a page that
// break it only between words (segments): some sequence of the page's
// lines spells it, each cut at a word boundary.
func wholeWords(label string, lines []pdfLine) bool {
	label = normal(label)
	cuts := map[int]bool{0: true, len(label): true}
	at := 0
	for _, s := range segments(label) {
		at += len(s)
		cuts[at] = true
	}
	var texts []string
	for _, l := range lines {
		if t := normal(l.text); t != "" {
			texts = append(texts, t)
		}
	}
	var from func(i int) bool
	from = func(i int) bool {
		if i == len(label) {
			return true
		}
		for _, t := range texts {
			if strings.HasPrefix(label[i:], t) && cuts[i+len(t)] && from(i+len(t)) {
				return true
			}
		}
		return false
	}
	return from(0)
}

// loneChars lists lines that hold a single Han character.
func loneChars(lines []pdfLine) []string {
	var out []string
	for _, l := range lines {
		t := normal(l.text)
		if r, _ := utf8.DecodeRuneInString(t); utf8.RuneCountInString(t) == 1 && unicode.Is(unicode.Han, r) {
			out = append(out, t)
		}
	}
	return out
}

// tableLabels lists the printed labels of a table of the report.
func tableLabels(r *model.Report, key string) (rows, heads []string) {
	t := r.Format.Table(key)
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	for _, rw := range t.Rows {
		add(&rows, rw.Head)
		add(&rows, rw.Group)
		add(&rows, rw.Label)
	}
	for _, c := range t.Cols {
		add(&heads, c.Group)
		add(&heads, c.Label)
	}
	return rows, heads
}

// pingtan2022 is the published 平潭 2022 report (a 2021-format report)
// imported from the fixture, as a clerk would bring it in.
func pingtan2022(t *testing.T) *model.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "importer", "testdata", "fixtures", "pingtan-2022.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Read("pingtan-2022.txt", b, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Report
}

// wordPDF writes blocks as a Word file and converts it as the PDF export
// does; it returns the PDF's path.
func wordPDF(t *testing.T, blocks []Block, o Options) string {
	t.Helper()
	dir := t.TempDir()
	doc := filepath.Join(dir, "r.docx")
	var b bytes.Buffer
	o.libreOffice = true
	if err := writeDOCX(&b, blocks, "测试", "测试", o); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	pdf, err := Convert(context.Background(), doc, "pdf", dir)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, pdf)
	return pdf
}

// keep copies a rendered file to $EXPORT_KEEP, to be looked at.
func keep(t *testing.T, path string) {
	if d := os.Getenv("EXPORT_KEEP"); d != "" {
		b, _ := os.ReadFile(path)
		name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name()) + "-" + filepath.Base(path)
		os.WriteFile(filepath.Join(d, name), b, 0o644)
	}
}

// lowStart is 表三 and 表四 after enough one-line paragraphs that 表三's
// heading falls on the 20th of the page's 22 lines.
func lowStart(r *model.Report) []Block {
	var d []Block
	for _, l := range TitleLines(r) {
		d = append(d, Block{Kind: bTitle, Text: l})
	}
	for range 22 - 2 - len(d) - 1 - 1 { // title, blank line, fillers, heading on line 20
		d = append(d, Block{Kind: bPara, Text: "本段只占一行，把表三推到页面下方。"})
	}
	d = append(d, Block{Kind: bHeading1, Text: r.Format.Sections[2].Heading}, Block{Kind: bTable, Table: Table3(r)},
		Block{Kind: bHeading1, Text: r.Format.Sections[3].Heading}, Block{Kind: bTable, Table: Table4(r)})
	return d
}

// Both formats through LibreOffice: 表三 and 表四 each on one page, kept
// with their headings, every label on whole words, no line of a single
// character, nothing past the right edge of the text block.
func TestWordTablesStayWholeThroughLibreOffice(t *testing.T) {
	needOffice(t)
	p22 := pingtan2022(t)
	demo := model.Demo()
	demo.Set("s3.xinshou.ziranren", "1234567") // seven digits: set smaller, never wrapped
	cases := []struct {
		name   string
		r      *model.Report
		blocks []Block
		low    bool
	}{
		{"demo (2019 format)", demo, Document(demo), false},
		{"平潭 2022 (2021 format, imported)", p22, Document(p22), false},
		{"表三 starting low on a page", p22, lowStart(p22), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pages := pdfLayout(t, wordPDF(t, c.blocks, Options{}))
			r := c.r
			rows, heads := tableLabels(r, "s3")
			p := pageOf(pages, rows[0])
			if p < 0 {
				t.Fatalf("表三's first row label %q not found", rows[0])
			}
			// Every label of 表三 on the page of its first row (not torn),
			// printed in lines that break only between words.
			for _, l := range append(append(rows, heads...), r.Format.Sections[2].Heading, model.S3Applicant, model.S3Legal, r.Format.Table("s3").Corner) {
				if !wholeWords(l, pages[p]) {
					t.Errorf("表三 label %q is not on page %d in whole words", l, p+1)
				}
			}
			if lone := loneChars(pages[p]); len(lone) > 0 {
				t.Errorf("表三: lines holding one character: %v", lone)
			}
			// Every number of 表三 whole on one line of the page.
			nums := map[string]bool{}
			for _, l := range pages[p] {
				nums[normal(l.text)] = true
			}
			st := r.Format.Table("s3")
			for i := range st.Rows {
				for j := range st.Cols {
					if v := value(r, model.CellRef{Table: st, Row: i, Col: j}); !nums[v] {
						t.Errorf("表三 %s: %s is not printed whole", st.Rows[i].Label, v)
					}
				}
			}
			// 表四 too: on one page with its heading, headers whole.
			_, heads4 := tableLabels(r, "s4")
			p4 := pageOf(pages, r.Format.Sections[3].Heading)
			if p4 < 0 {
				t.Fatal("表四's heading not found")
			}
			for _, l := range append(heads4, model.S4Fuyi, model.S4Susong) {
				if !wholeWords(l, pages[p4]) {
					t.Errorf("表四 header %q not whole on page %d", l, p4+1)
				}
			}
			if c.low {
				// The set-up: the page before holds text down to its last lines,
				// and 表三 went to the next page, heading first.
				before := pages[p-1]
				last := before[len(before)-1]
				for _, l := range before {
					if strings.Contains(l.text, "把表三推到") {
						last = l
					}
				}
				if last.y1 < 215 {
					t.Errorf("set-up: the text before 表三 ends at %.1f mm, not low on the page", last.y1)
				}
				if top := pages[p][0]; !strings.Contains(normal(top.text), normal(r.Format.Sections[2].Heading)) {
					t.Errorf("表三's page starts with %q, not its heading", top.text)
				}
			}
			for i, pg := range pages {
				for _, l := range pg {
					if l.x1 > 184.3 || l.x0 < 27.7 {
						t.Errorf("page %d: %q spans %.1f–%.1f mm, outside the text block 28–184 mm", i+1, l.text, l.x0, l.x1)
					}
				}
			}
		})
	}
}

// The closing and the title, measured on the page.
func TestWordClosingAndTitleThroughLibreOffice(t *testing.T) {
	needOffice(t)
	r := model.Demo()
	r.Set("meta.sign_date", "2027年1月20日")
	pages := pdfLayout(t, wordPDF(t, Document(r), Options{}))
	// Title: two lines one line pitch (225 mm / 22 = 10.2 mm) apart.
	t1, t2 := pages[0][0], pages[0][1]
	if normal(t1.text) != "平罗县司法局" || normal(t2.text) != "2020年政府信息公开工作年度报告" {
		t.Fatalf("title lines %q %q", t1.text, t2.text)
	}
	if gap := t2.y0 - t1.y0; gap < 9.7 || gap > 10.7 {
		t.Errorf("title lines %.1f mm apart, want one line pitch (10.2 mm)", gap)
	}
	last := pages[len(pages)-1]
	var sign, date, body pdfLine
	for i, l := range last {
		switch normal(l.text) {
		case "平罗县司法局":
			sign, body = l, last[i-1]
		case "2027年1月20日":
			date = l
		}
	}
	if sign.text == "" || date.text == "" {
		t.Fatalf("closing not found on the last page: %v", last)
	}
	t.Logf("署名 %.1f–%.1f mm (centre %.1f), 成文日期 %.1f–%.1f mm (centre %.1f), y %.1f / %.1f; last text line y %.1f",
		sign.x0, sign.x1, sign.mid(), date.x0, date.x1, date.mid(), sign.y0, date.y0, body.y0)
	// 成文日期 右空四字: its right edge four 3号 characters (22.2 mm) inside
	// the text block's right edge (184 mm).
	if d := date.x1 - (184.0 - 22.2); d < -1 || d > 1 {
		t.Errorf("成文日期 ends at %.1f mm, want %.1f ± 1", date.x1, 184.0-22.2)
	}
	if d := sign.mid() - date.mid(); d < -0.5 || d > 0.5 {
		t.Errorf("署名 centred at %.1f mm, the date at %.1f: not centred over it", sign.mid(), date.mid())
	}
	if d := date.y0 - sign.y0; d < 9.7 || d > 10.7 {
		t.Errorf("date %.1f mm below the 署名, want the next line", d)
	}
	// Room for the seal: two empty lines between the text and the 署名.
	if d := sign.y0 - body.y0; d < 3*10.2-1 || d > 3*10.2+1 {
		t.Errorf("署名 %.1f mm below the last line of text, want three line pitches (two empty lines)", d)
	}
	// Without a date, its line stays empty and the 署名 keeps its place.
	r.Set("meta.sign_date", "")
	pages = pdfLayout(t, wordPDF(t, Document(r), Options{}))
	last = pages[len(pages)-1]
	for _, l := range last {
		if normal(l.text) == "平罗县司法局" && (l.mid() < sign.mid()-1.5 || l.mid() > sign.mid()+1.5) {
			t.Errorf("without a date the 署名 moved to %.1f mm", l.mid())
		}
	}
}

// A table taller than a page (a larger table font, a longer future
// format): it breaks only between groups of rows, every page has the
// header rows, and a merged label cut by the break is on both pages.
func TestTallTableBreaksBetweenGroups(t *testing.T) {
	needOffice(t)
	r := sample.Pingtan2021()
	st := r.Format.Table("s3")
	// 表三 with its result groups three times over.
	long := &Table{Name: "表三", Cols: 10, Widths: Table3(r).Widths, HeaderRows: 3}
	for _, c := range Table3(r).Cells {
		if c.Row < 3 {
			long.add(c)
		}
	}
	row := 3
	start := row
	var groups [][]string // each group's labels
	for round := range 3 {
		for i, rw := range st.Rows {
			if !rw.Result || rw.Group == "" {
				continue
			}
			if i == 0 || st.Rows[i-1].Group != rw.Group {
				n := count(len(st.Rows), func(k int) bool { return st.Rows[k].Group == rw.Group })
				long.add(Cell{Row: row, Col: 1, RowSpan: n, Text: rw.Group, Label: true})
				groups = append(groups, []string{rw.Group})
			}
			label := strconv.Itoa(round+1) + rw.Label // 11.属于国家秘密 …: each round's items differ
			long.add(Cell{Row: row, Col: 2, Text: label, Label: true})
			groups[len(groups)-1] = append(groups[len(groups)-1], label)
			for j := range st.Cols {
				long.add(Cell{Row: row, Col: 3 + j, Text: strconv.Itoa(round)})
			}
			row++
		}
	}
	long.add(Cell{Row: start, Col: 0, RowSpan: row - start, Text: "三、本年度办理结果", Label: true})
	long.index()
	if d := layoutDocxTable(long); len(d.parts) == 0 {
		t.Fatal("the test table should be taller than a page")
	}
	pages := pdfLayout(t, wordPDF(t, []Block{{Kind: bHeading1, Text: "三、收到和处理政府信息公开申请情况"}, {Kind: bTable, Table: long}}, Options{}))
	used := 0
	for i, p := range pages {
		text := pageText(p)
		if !strings.Contains(text, "属于国家秘密") && !strings.Contains(text, "3.其他") {
			continue
		}
		used++
		for _, h := range []string{"申请人情况", "法人或其他组织", "社会公益组织", "三、本年度办理结果"} {
			if !wholeWords(h, p) {
				t.Errorf("page %d of the table lacks %q: not readable on its own", i+1, h)
			}
		}
		for _, l := range p {
			if n := normal(l.text); strings.HasPrefix(n, "本年度办") || n == "办理结" {
				t.Errorf("page %d: the merged label is cut inside a word: %q", i+1, n)
			}
		}
		if lone := loneChars(p); len(lone) > 0 {
			t.Errorf("page %d: lines holding one character: %v", i+1, lone)
		}
	}
	if used < 2 {
		t.Fatalf("the table spans %d page(s), want more than one", used)
	}
	// Each group (its label and every item) is on one page.
	for _, g := range groups {
		seen := map[int]bool{}
		p := -1
		for _, l := range g[1:] {
			for i := range pages {
				if wholeWords(l, pages[i]) {
					seen[i], p = true, i
				}
			}
		}
		if len(seen) != 1 || !wholeWords(g[0], pages[p]) {
			t.Errorf("group %s (%s …) is split over pages", g[0], g[1])
		}
	}
}

// Where the official fonts are missing (this machine), the PDF export says
// which and what replaces them; where they exist, no warning and every
// font is embedded. "Exist" is made with a fontconfig set-up that gives
// the free Noto CJK fonts the official names.
func TestPDFSaysWhichFontsAreMissing(t *testing.T) {
	needOffice(t)
	if _, err := exec.LookPath("fc-list"); err != nil {
		t.Skip("fontconfig not installed")
	}
	r := model.Demo()
	ctx := context.Background()
	dir := t.TempDir()
	gaps := CheckFonts(ctx, "standard").Gaps
	warnings, err := Save(ctx, "pdf", filepath.Join(dir, "a.pdf"), r, Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) > 0 {
		if len(warnings) != 1 || !strings.Contains(warnings[0], "字体") || !strings.Contains(warnings[0], "代替") {
			t.Fatalf("fonts %v are missing but the warning is %q", gaps, warnings)
		}
		for _, g := range gaps {
			if !strings.Contains(warnings[0], g.Font) || (g.Substitute != "" && !strings.Contains(warnings[0], g.Substitute)) {
				t.Errorf("the warning does not name %s → %s: %s", g.Font, g.Substitute, warnings[0])
			}
		}
	}

	conf := filepath.Join(dir, "fonts.conf")
	os.WriteFile(conf, []byte(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir><cachedir>`+filepath.Join(dir, "cache")+`</cachedir>
<match target="scan"><test name="family"><string>Noto Serif CJK SC</string></test>
 <edit name="family" mode="append"><string>方正小标宋简体</string><string>仿宋_GB2312</string><string>楷体_GB2312</string><string>宋体</string></edit></match>
<match target="scan"><test name="family"><string>Noto Sans CJK SC</string></test><edit name="family" mode="append"><string>黑体</string></edit></match>
<include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>`), 0o644)
	t.Setenv("FONTCONFIG_FILE", conf)
	if rep := CheckFonts(ctx, "standard"); len(rep.Gaps) > 0 {
		t.Skipf("no Noto CJK fonts to stand in for the official ones: %v", rep.Gaps)
	}
	pdf := filepath.Join(dir, "b.pdf")
	warnings, err = Save(ctx, "pdf", pdf, r, Options{}, false)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("fonts present: %v %v", warnings, err)
	}
	out, err := exec.Command("pdffonts", pdf).Output()
	if err != nil {
		t.Skip("pdffonts not installed")
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	cjk := 0
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if strings.Contains(l, "CJK") {
			cjk++
		}
	}
	if cjk < 2 {
		t.Errorf("the serif faces and 黑体 should be distinct embedded fonts:\n%s", out)
	}
}
