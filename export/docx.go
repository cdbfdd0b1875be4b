package export

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"

	"nianbao/model"
)

// The Word document follows GB/T 9704-2012 for the body: A4, margins 37 /
// 26 / 35 / 28 mm, 22 lines × 28 characters of 3号 仿宋, headings 一、 in 黑体
// and （一） in 楷体, the title in 2号 小标宋, page numbers "— N —" in 4号
// 宋体 right on odd pages and left on even ones. It is written by hand
// (archive/zip + escaped XML): no available Go library does both kinds of
// merged cells, footers and East-Asian font attributes (docs/architecture.md).

// fontSet names the fonts of each role.
type fontSet struct{ title, h1, h2, body, table string }

var fontSets = map[string]fontSet{
	"standard": {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"},
	"windows":  {"宋体", "黑体", "楷体", "仿宋", "宋体"},
}

// Page geometry in twips (1 mm = 56.7 twips).
const (
	pageW, pageH    = 11906, 16838
	marginTop       = 2098 // 37 mm
	marginRight     = 1474 // 26 mm
	marginBottom    = 1984 // 35 mm
	marginLeft      = 1588 // 28 mm
	textWidth       = pageW - marginLeft - marginRight
	linePitch       = 579 // 225 mm / 22 lines
	charTwips       = 320 // one 3号 character
	tableFontHalfPt = 20  // 10 pt in tables
)

// DOCX writes the report as a Word document.
func DOCX(w io.Writer, r *model.Report, o Options) error {
	fs, ok := fontSets[o.Fonts]
	if !ok {
		fs = fontSets["standard"]
	}
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreXML(r)},
		{"docProps/app.xml", appXML},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", documentXML(r)},
		{"word/styles.xml", stylesXML(fs)},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML(fs)},
		{"word/footer1.xml", footerXML(true)},
		{"word/footer2.xml", footerXML(false)},
	}
	for _, p := range parts {
		// A fixed time makes the output the same for the same report.
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

// esc escapes text for XML; characters XML cannot hold become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

func para(style, text string, extra string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/>` + extra + `</w:pPr>` + run(text) + `</w:p>`
}

func documentXML(r *model.Report) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	blocks := Document(r)
	for i, bl := range blocks {
		switch bl.Kind {
		case bTitle:
			b.WriteString(para("Title", bl.Text, ""))
			if i+1 < len(blocks) && blocks[i+1].Kind != bTitle {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr></w:p>`) // a blank line under the title
			}
		case bPreamble, bPara:
			b.WriteString(para("Body", bl.Text, ""))
		case bHeading1:
			b.WriteString(para("Heading1", bl.Text, ""))
		case bHeading2:
			b.WriteString(para("Heading2", bl.Text, ""))
		case bSign:
			b.WriteString(para("Sign", bl.Text, ""))
		case bTable:
			writeDocxTable(&b, bl.Table)
		}
	}
	b.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>`)
	b.WriteString(`<w:pgSz w:w="` + itoa(pageW) + `" w:h="` + itoa(pageH) + `"/>`)
	b.WriteString(`<w:pgMar w:top="` + itoa(marginTop) + `" w:right="` + itoa(marginRight) + `" w:bottom="` + itoa(marginBottom) +
		`" w:left="` + itoa(marginLeft) + `" w:header="851" w:footer="1247" w:gutter="0"/>`)
	b.WriteString(`<w:docGrid w:type="lines" w:linePitch="` + itoa(linePitch) + `"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// writeDocxTable writes a table with its merges: gridSpan for horizontal
// spans, vMerge restart/continue for vertical ones; every covered grid
// position of a row gets its <w:tc>, a continuation still holding a <w:p/>.
func writeDocxTable(b *strings.Builder, t *Table) {
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	widths := make([]int, t.Cols)
	used := 0
	for i, w := range t.Widths {
		widths[i] = textWidth * w / total
		used += widths[i]
	}
	widths[len(widths)-1] += textWidth - used

	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(textWidth) + `" w:type="dxa"/><w:jc w:val="center"/>`)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for row := 0; row < t.Rows; row++ {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if row < t.HeaderRows {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for col := 0; col < t.Cols; {
			c := t.Owner(row, col)
			if c == nil { // a hole in the grid (not produced by our tables)
				b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(widths[col]) + `" w:type="dxa"/></w:tcPr><w:p/></w:tc>`)
				col++
				continue
			}
			w := 0
			for k := c.Col; k < c.Col+c.ColSpan; k++ {
				w += widths[k]
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/>`)
			if c.ColSpan > 1 {
				b.WriteString(`<w:gridSpan w:val="` + itoa(c.ColSpan) + `"/>`)
			}
			if c.RowSpan > 1 {
				if row == c.Row {
					b.WriteString(`<w:vMerge w:val="restart"/>`)
				} else {
					b.WriteString(`<w:vMerge/>`)
				}
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			if row == c.Row {
				align := "center"
				if c.Label {
					align = "left"
				}
				rpr := ""
				if c.Header {
					rpr = `<w:rPr><w:b/></w:rPr>`
				}
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="` + align + `"/>` + rpr + `</w:pPr>`)
				if rpr != "" {
					b.WriteString(`<w:r>` + rpr + `<w:t xml:space="preserve">` + esc(c.Text) + `</w:t></w:r></w:p>`)
				} else {
					b.WriteString(run(c.Text) + `</w:p>`)
				}
			} else {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>`)
			}
			b.WriteString(`</w:tc>`)
			col += c.ColSpan
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	// A paragraph between or after tables keeps Word from joining them.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>`)
}

func rfonts(eastAsia string) string {
	return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + eastAsia + `" w:cs="Times New Roman"/>`
}

func stylesXML(fs fontSet) string {
	style := func(id, name, ppr, rpr string) string {
		return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
			`<w:pPr>` + ppr + `</w:pPr><w:rPr>` + rpr + `</w:rPr></w:style>`
	}
	indent := `<w:ind w:firstLineChars="200" w:firstLine="` + itoa(2*charTwips) + `"/>`
	noIndent := `<w:ind w:firstLineChars="0" w:firstLine="0"/>`
	return xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` + rfonts(fs.body) + `<w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="` + itoa(linePitch) + `" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		style("Title", "Title", `<w:keepNext/>`+noIndent+`<w:jc w:val="center"/>`, rfonts(fs.title)+`<w:sz w:val="44"/><w:szCs w:val="44"/>`) +
		style("Body", "Body Text", `<w:widowControl/>`+indent, "") +
		style("Heading1", "heading 1", `<w:keepNext/>`+indent, rfonts(fs.h1)) +
		style("Heading2", "heading 2", `<w:keepNext/>`+indent, rfonts(fs.h2)) +
		style("Sign", "Signature", `<w:ind w:right="`+itoa(4*charTwips)+`" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>`, "") +
		style("TableText", "Table Text", `<w:snapToGrid w:val="0"/><w:spacing w:line="260" w:lineRule="atLeast"/>`+noIndent,
			rfonts(fs.table)+`<w:spacing w:val="0"/><w:sz w:val="`+itoa(tableFontHalfPt)+`"/><w:szCs w:val="`+itoa(tableFontHalfPt)+`"/>`) +
		style("Footer", "footer", `<w:snapToGrid w:val="0"/>`+noIndent, rfonts("宋体")+`<w:sz w:val="28"/><w:szCs w:val="28"/>`) +
		`</w:styles>`
}

// footerXML is the page number "— N —", one 4号 character in from the edge:
// right on odd pages, left on even ones.
func footerXML(odd bool) string {
	ind, jc := `<w:ind w:right="280"/>`, "right"
	if !odd {
		ind, jc = `<w:ind w:left="280"/>`, "left"
	}
	return xml.Header + `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:snapToGrid w:val="0"/>` + ind + `<w:jc w:val="` + jc + `"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}

// fontTableXML describes the Chinese fonts, so that Word substitutes a
// Chinese font where one is missing (charset 86 = GB2312).
func fontTableXML(fs fontSet) string {
	seen := map[string]bool{}
	var b strings.Builder
	b.WriteString(xml.Header + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	b.WriteString(`<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`)
	for _, f := range []string{fs.body, fs.title, fs.h1, fs.h2, fs.table, "宋体"} {
		if seen[f] {
			continue
		}
		seen[f] = true
		family := "roman"
		if f == "黑体" {
			family = "modern"
		}
		b.WriteString(`<w:font w:name="` + esc(f) + `"><w:charset w:val="86"/><w:family w:val="` + family + `"/><w:pitch w:val="fixed"/></w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

func coreXML(r *model.Report) string {
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:title>` + esc(strings.Join(TitleLines(r), "")) + `</dc:title><dc:creator>` + esc(r.Meta.Agency) + `</dc:creator></cp:coreProperties>`
}

const appXML = `<?xml version="1.0" encoding="UTF-8"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao</Application></Properties>`

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>`

const settingsXML = `<?xml version="1.0" encoding="UTF-8"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="640"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
