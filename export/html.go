package export

import (
	"html/template"
	"io"
	"sort"
	"strings"

	"nianbao/model"
)

// HTML writes a standalone page or, for fragment, only the title,
// headings, paragraphs and tables for pasting into a web CMS. Both carry
// the same inline style and lang="zh-CN" (Chinese glyph forms whatever the
// host page says) on every element — CMS editors drop <style> — so the
// fragment pasted into any page looks like the standalone page; the page
// adds only its width and the print rules (A4, header rows repeated on
// each printed page).
func HTML(w io.Writer, r *model.Report, fragment bool) error {
	blocks := Document(r)
	var body strings.Builder
	writeHTMLBody(&body, blocks)
	if fragment {
		_, err := io.WriteString(w, body.String())
		return err
	}
	return pageTemplate.Execute(w, struct {
		Title string
		Body  template.HTML
	}{strings.Join(TitleLines(r), ""), template.HTML(body.String())})
}

// Font stacks: the official faces first, then what Windows, macOS and
// Linux (Noto CJK) have.
const (
	fangsong = `仿宋_GB2312,仿宋,FangSong,STFangsong,'Noto Serif CJK SC',serif`
	xiaobiao = `方正小标宋简体,小标宋,STZhongsong,华文中宋,宋体,SimSun,'Noto Serif CJK SC',serif`
	heiti    = `黑体,SimHei,'Noto Sans CJK SC',sans-serif`
	kaiti    = `楷体_GB2312,楷体,KaiTi,STKaiti,'AR PL UKai CN',serif`
	songti   = `宋体,SimSun,'Noto Serif CJK SC',serif`
)

// Inline styles of every element.
const (
	styleP     = `text-indent:2em;line-height:1.8;margin:0;text-align:justify;font-size:16pt;font-family:` + fangsong
	styleTitle = `text-align:center;font-size:22pt;line-height:1.5;font-weight:normal;margin:0 0 1em;font-family:` + xiaobiao
	styleH2    = `text-indent:2em;font-size:16pt;line-height:1.8;font-weight:normal;margin:0;font-family:` + heiti
	styleH3    = `text-indent:2em;font-size:16pt;line-height:1.8;font-weight:normal;margin:0;font-family:` + kaiti
	styleSign  = `text-align:right;padding-right:4em;margin:2em 0 0;font-size:16pt;line-height:1.8;font-family:` + fangsong
	styleTable = `border-collapse:collapse;width:100%;table-layout:fixed;margin:0.5em 0 1em;font-size:10.5pt;line-height:1.4;font-family:` + songti
	// Labels break only at the <wbr> between their words (keep-all), or
	// anywhere when a column is narrower than a word (overflow-wrap).
	styleCell = `border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle;word-break:keep-all;overflow-wrap:anywhere`
)

func writeHTMLBody(b *strings.Builder, blocks []Block) {
	e := template.HTMLEscapeString
	var title []string
	for i, bl := range blocks {
		switch bl.Kind {
		case bTitle:
			// One <h1>: the title's lines are one heading.
			title = append(title, e(bl.Text))
			if i+1 == len(blocks) || blocks[i+1].Kind != bTitle {
				b.WriteString(`<h1 lang="zh-CN" style="` + styleTitle + `">` + strings.Join(title, "<br>") + "</h1>\n")
			}
		case bHeading1:
			b.WriteString(`<h2 lang="zh-CN" style="` + styleH2 + `">` + e(bl.Text) + "</h2>\n")
		case bHeading2:
			b.WriteString(`<h3 lang="zh-CN" style="` + styleH3 + `">` + e(bl.Text) + "</h3>\n")
		case bPreamble, bPara:
			b.WriteString(`<p lang="zh-CN" style="` + styleP + `">` + e(bl.Text) + "</p>\n")
		case bSign:
			// 署名 centred over 成文日期, which stands four characters in.
			date := ""
			if i+1 < len(blocks) && blocks[i+1].Kind == bDate {
				date = blocks[i+1].Text
			}
			b.WriteString(`<div lang="zh-CN" style="` + styleSign + `"><div style="display:inline-block;text-align:center">` + e(bl.Text))
			if date != "" {
				b.WriteString("<br>" + e(date))
			}
			b.WriteString("</div></div>\n")
		case bTable:
			writeHTMLTable(b, bl.Table)
		}
	}
}

// percents turns widths into percentages with one decimal that add up to
// exactly 100: the largest remainders get the rounding.
func percents(widths []int) []string {
	total := 0
	for _, w := range widths {
		total += w
	}
	tenths := make([]int, len(widths))
	order := make([]int, len(widths))
	rest := 1000
	for i, w := range widths {
		tenths[i] = w * 1000 / total
		rest -= tenths[i]
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return widths[order[a]]*1000%total > widths[order[b]]*1000%total
	})
	for k := 0; k < rest; k++ {
		tenths[order[k%len(order)]]++
	}
	out := make([]string, len(tenths))
	for i, t := range tenths {
		out[i] = itoa(t/10) + "." + itoa(t%10) + "%"
	}
	return out
}

// writeHTMLTable draws a table with rowspan and colspan, the header rows in
// <thead> (a browser repeats them on each printed page).
func writeHTMLTable(b *strings.Builder, t *Table) {
	e := template.HTMLEscapeString
	b.WriteString(`<table lang="zh-CN" border="1" cellspacing="0" cellpadding="2" style="` + styleTable + `">` + "\n<colgroup>")
	for _, p := range percents(t.Widths) {
		b.WriteString(`<col style="width:` + p + `">`)
	}
	b.WriteString("</colgroup>\n")
	for row := 0; row < t.Rows; row++ {
		switch {
		case row == 0 && t.HeaderRows > 0:
			b.WriteString("<thead>\n")
		case row == t.HeaderRows:
			b.WriteString("<tbody>\n")
		}
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
			style := styleCell
			if c.Label {
				style += ";text-align:left"
			}
			if c.Header {
				style += ";font-weight:bold"
			}
			text := e(c.Text)
			if c.Ref == nil {
				var words []string
				for _, w := range segments(c.Text) {
					words = append(words, e(w))
				}
				text = strings.Join(words, "<wbr>")
			}
			b.WriteString(` style="` + style + `">` + text + "</" + tag + ">")
		}
		b.WriteString("</tr>\n")
		if row == t.HeaderRows-1 {
			b.WriteString("</thead>\n")
		}
	}
	b.WriteString("</tbody>\n</table>\n")
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{max-width:52em;margin:2em auto;padding:0 1em;color:#000;background:#fff}
@media print{body{max-width:none;margin:0;padding:0}@page{size:A4;margin:37mm 26mm 35mm 28mm}tr{break-inside:avoid}thead{display:table-header-group}h2,h3{break-after:avoid}}
</style>
</head>
<body>
{{.Body}}</body>
</html>
`))
