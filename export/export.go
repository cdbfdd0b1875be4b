// Package export writes a report as the files a clerk hands in or
// publishes: Word (GB/T 9704 layout), Excel with live formulas, a web page
// and a fragment for a CMS, Markdown, plain text, the project's JSON, and
// PDF through LibreOffice. Every format renders the same document blocks
// and the same table span model (table.go), so headings, merges and
// numbers agree across formats. Numbers are always printed, 0 for blank.
package export

import (
	"fmt"
	"io"
	"strings"

	"nianbao/model"
)

// Options of an export.
type Options struct {
	Fonts    string // "standard" (仿宋_GB2312 …) or "windows" (仿宋 …), Word only
	Encoding string // "utf-8" (with BOM) or "gb18030", text only

	libreOffice bool // the Word file is for LibreOffice to convert (PDF)
}

// Format describes an output format.
type Format struct {
	ID   string
	Ext  string
	Name string
}

// Formats lists the formats, the submission file first.
var Formats = []Format{
	{"docx", "docx", "Word 文档（打印、盖章报送）"},
	{"pdf", "pdf", "PDF（需要安装 LibreOffice）"},
	{"xlsx", "xlsx", "Excel 表格（表二至表四，合计为公式）"},
	{"html", "html", "网页（单独打开、打印）"},
	{"html-fragment", "html", "网页片段（粘贴到网站后台）"},
	{"md", "md", "Markdown"},
	{"txt", "txt", "纯文本"},
	{"json", "json", "JSON（本程序的数据文件，可再导入）"},
}

// Lookup finds a format by id.
func Lookup(id string) (Format, bool) {
	for _, f := range append(Formats[:len(Formats):len(Formats)], QualityFormats...) {
		if f.ID == id {
			return f, true
		}
	}
	return Format{}, false
}

// Render writes a report in a format (all but pdf, which needs a file).
func Render(w io.Writer, format string, r *model.Report, o Options) error {
	switch format {
	case "docx":
		return DOCX(w, r, o)
	case "xlsx":
		return XLSX(w, r)
	case "html":
		return HTML(w, r, false)
	case "html-fragment":
		return HTML(w, r, true)
	case "md":
		return Markdown(w, r)
	case "txt":
		return Text(w, r, o.Encoding)
	case "json":
		b, err := r.MarshalJSON()
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	return fmt.Errorf("不支持的导出格式：%s", format)
}

// Kinds of document blocks.
const (
	bTitle = iota
	bPreamble
	bHeading1
	bHeading2
	bPara
	bTable
	bSign // 署名: the signing agency
	bDate // 成文日期, possibly empty (the Word file keeps its line for the date to be written in)
)

// Block is one part of the document, in reading order.
type Block struct {
	Kind  int
	Text  string
	Table *Table
}

// paragraphs splits text into non-empty paragraphs.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(model.CleanText(s), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// TitleLines splits the title after the agency name, the usual break of a
// two-line title.
func TitleLines(r *model.Report) []string {
	t := strings.TrimSpace(r.Meta.Title)
	if t == "" {
		t = model.DefaultTitle(r.Meta.Agency, r.Year)
	}
	a := strings.TrimSpace(r.Meta.Agency)
	if a != "" && strings.HasPrefix(t, a) && len(t) > len(a) {
		return []string{a, strings.TrimSpace(t[len(a):])}
	}
	return []string{t}
}

// Document lists the report's blocks: title, preamble, 一 … 六, signature.
func Document(r *model.Report) []Block {
	var d []Block
	add := func(kind int, text string) { d = append(d, Block{Kind: kind, Text: text}) }
	paras := func(kind int, s string) {
		for _, p := range paragraphs(s) {
			add(kind, p)
		}
	}
	for _, l := range TitleLines(r) {
		add(bTitle, l)
	}
	paras(bPreamble, model.Preamble(r))
	heading := func(i int) { add(bHeading1, r.Format.Sections[i].Heading) }

	heading(0)
	paras(bPara, r.Lead)
	for i, p := range r.Parts {
		add(bHeading2, model.PartNumber(i)+p.Heading)
		paras(bPara, p.Text)
	}
	heading(1)
	d = append(d, Block{Kind: bTable, Table: Table2(r)})
	heading(2)
	d = append(d, Block{Kind: bTable, Table: Table3(r)})
	heading(3)
	d = append(d, Block{Kind: bTable, Table: Table4(r)})
	paras(bPara, r.S4Note)
	heading(4)
	n := 0
	for _, part := range []struct{ head, text string }{
		{"上年问题整改情况", r.S5.ShangnianZhenggai}, {"存在的主要问题", r.S5.Wenti}, {"改进措施", r.S5.Gaijin},
	} {
		if len(paragraphs(part.text)) == 0 {
			continue
		}
		add(bHeading2, model.PartNumber(n)+part.head)
		paras(bPara, part.text)
		n++
	}
	heading(5)
	paras(bPara, r.S6Text)
	// The closing of GB/T 9704: 署名 (the agency itself unless another
	// signs), then 成文日期.
	sign := strings.TrimSpace(r.Meta.SignAgency)
	if sign == "" {
		sign = strings.TrimSpace(r.Meta.Agency)
	}
	add(bSign, sign)
	add(bDate, strings.TrimSpace(r.Meta.SignDate))
	return d
}
