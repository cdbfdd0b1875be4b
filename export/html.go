package export

import (
	"html/template"
	"io"
	"strings"

	"nianbao/model"
)

// HTML writes a standalone page (inline CSS, prints on A4) or, for
// fragment, only the headings, paragraphs and tables with inline styles,
// which a web CMS keeps when pasted.
func HTML(w io.Writer, r *model.Report, fragment bool) error {
	blocks := Document(r)
	var body strings.Builder
	for _, b := range blocks {
		writeHTMLBlock(&body, b, fragment)
	}
	if fragment {
		_, err := io.WriteString(w, body.String())
		return err
	}
	return pageTemplate.Execute(w, struct {
		Title string
		Body  template.HTML
	}{strings.Join(TitleLines(r), ""), template.HTML(body.String())})
}

// Inline styles of the fragment; the page uses its stylesheet instead.
const (
	fragP     = `text-indent:2em;line-height:2;margin:0;font-size:16pt;font-family:仿宋_GB2312,仿宋,FangSong,serif`
	fragTitle = `text-align:center;font-size:22pt;font-family:方正小标宋简体,宋体,SimSun,serif;font-weight:normal;margin:0`
	fragH1    = `text-indent:2em;font-size:16pt;font-family:黑体,SimHei,sans-serif;font-weight:normal;margin:0`
	fragH2    = `text-indent:2em;font-size:16pt;font-family:楷体_GB2312,楷体,KaiTi,serif;font-weight:normal;margin:0`
	fragSign  = `text-align:right;padding-right:4em;font-size:16pt;margin:0`
	fragTable = `border-collapse:collapse;width:100%;font-size:10.5pt;font-family:宋体,SimSun,serif;margin:0.5em 0`
	fragCell  = `border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle`
)

func writeHTMLBlock(b *strings.Builder, bl Block, fragment bool) {
	e := template.HTMLEscapeString
	attr := func(class, style string) string {
		if fragment {
			return ` style="` + style + `"`
		}
		if class == "" {
			return ""
		}
		return ` class="` + class + `"`
	}
	switch bl.Kind {
	case bTitle:
		b.WriteString(`<h1` + attr("", fragTitle) + `>` + e(bl.Text) + "</h1>\n")
	case bHeading1:
		b.WriteString(`<h2` + attr("", fragH1) + `>` + e(bl.Text) + "</h2>\n")
	case bHeading2:
		b.WriteString(`<h3` + attr("", fragH2) + `>` + e(bl.Text) + "</h3>\n")
	case bPreamble, bPara:
		b.WriteString(`<p` + attr("", fragP) + `>` + e(bl.Text) + "</p>\n")
	case bSign:
		b.WriteString(`<p` + attr("sign", fragSign) + `>` + e(bl.Text) + "</p>\n")
	case bTable:
		writeHTMLTable(b, bl.Table, fragment)
	}
}

// writeHTMLTable draws a table with rowspan and colspan; a fragment gets
// explicit widths and borders on every cell.
func writeHTMLTable(b *strings.Builder, t *Table, fragment bool) {
	e := template.HTMLEscapeString
	if fragment {
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="2" style="` + fragTable + `">` + "\n")
	} else {
		b.WriteString(`<table class="` + strings.ToLower(tableClass(t)) + `">` + "\n")
	}
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	b.WriteString("<colgroup>")
	for _, w := range t.Widths {
		b.WriteString(`<col style="width:` + itoa(w*1000/total/10) + `%">`)
	}
	b.WriteString("</colgroup>\n")
	for row := 0; row < t.Rows; row++ {
		b.WriteString("<tr>")
		for col := 0; col < t.Cols; col++ {
			c := t.Owner(row, col)
			if c == nil || c.Row != row || c.Col != col {
				continue
			}
			tag := "td"
			if c.Header {
				tag = "th"
			}
			b.WriteString("<" + tag)
			if c.RowSpan > 1 {
				b.WriteString(` rowspan="` + itoa(c.RowSpan) + `"`)
			}
			if c.ColSpan > 1 {
				b.WriteString(` colspan="` + itoa(c.ColSpan) + `"`)
			}
			if fragment {
				style := fragCell
				if c.Label {
					style += ";text-align:left"
				}
				if c.Header {
					style += ";font-weight:bold"
				}
				b.WriteString(` style="` + style + `"`)
			} else if c.Label {
				b.WriteString(` class="l"`)
			}
			b.WriteString(">" + e(c.Text) + "</" + tag + ">")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
}

func tableClass(t *Table) string {
	switch t.Name {
	case "表二":
		return "t2"
	case "表三":
		return "t3"
	}
	return "t4"
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{max-width:52em;margin:2em auto;padding:0 1em;font-family:"仿宋_GB2312","仿宋",FangSong,STFangsong,"Noto Serif CJK SC",serif;font-size:16pt;line-height:1.8;color:#000;background:#fff}
h1{text-align:center;font-family:"方正小标宋简体","小标宋",STZhongsong,"宋体",SimSun,serif;font-size:22pt;font-weight:normal;line-height:1.5;margin:0}
h1+h1{margin-bottom:1em}
h2{font-family:"黑体",SimHei,"Noto Sans CJK SC",sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0}
h3{font-family:"楷体_GB2312","楷体",KaiTi,STKaiti,serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0}
p{text-indent:2em;margin:0;text-align:justify}
p.sign{text-align:right;padding-right:4em;text-indent:0}
table{border-collapse:collapse;width:100%;table-layout:fixed;font-family:"宋体",SimSun,"Noto Serif CJK SC",serif;font-size:10.5pt;line-height:1.4;margin:.5em 0 1em}
th,td{border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle;word-break:break-all}
th{font-weight:bold}
.l{text-align:left}
@media print{body{max-width:none;margin:0}@page{size:A4;margin:37mm 26mm 35mm 28mm}tr{break-inside:avoid}thead{display:table-header-group}}
</style>
</head>
<body>
{{.Body}}</body>
</html>
`))
