package export

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"nianbao/model"
)

// The Word document follows GB/T 9704-2012 for the body: A4, margins 37 /
// 26 / 35 / 28 mm, 22 lines × 28 characters of 3号 仿宋, headings 一、 in 黑体
// and （一） in 楷体, the title in 2号 小标宋, page numbers "— N —" in 4号
// 宋体 right on odd pages and left on even ones. It is written by hand
// (archive/zip + escaped XML): no available Go library does both kinds of
// merged cells, footers and East-Asian font attributes (EXPORT.md §9).

// fontSet names the fonts of each role. Windows has no 小标宋: its title
// is 宋体 in bold, the usual stand-in for the heavy 标宋 face.
type fontSet struct {
	title, h1, h2, body, table string
	titleBold                  bool
}

var fontSets = map[string]fontSet{
	"standard": {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体", false},
	"windows":  {"宋体", "黑体", "楷体", "仿宋", "宋体", true},
}

// FontNames lists the fonts the Word file asks for with a font set
// ("standard" or "windows"), each once: the PDF export checks them.
func FontNames(set string) []string {
	fs, ok := fontSets[set]
	if !ok {
		fs = fontSets["standard"]
	}
	var out []string
	for _, f := range []string{fs.title, fs.h1, fs.h2, fs.body, fs.table} {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
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
	return writeDOCX(w, Document(r), strings.Join(TitleLines(r), ""), r.Meta.Agency, o)
}

// writeDOCX writes document blocks as a Word file.
func writeDOCX(w io.Writer, blocks []Block, title, author string, o Options) error {
	fs, ok := fontSets[o.Fonts]
	if !ok {
		fs = fontSets["standard"]
	}
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreXML(title, author)},
		{"docProps/app.xml", appXML},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", documentXML(blocks, o.libreOffice)},
		{"word/styles.xml", stylesXML(fs, o.libreOffice)},
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

func documentXML(blocks []Block, libreOffice bool) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for i, bl := range blocks {
		// The paragraph before the closing keeps with it: the seal is never
		// alone on a page.
		keep := ""
		if i+1 < len(blocks) && blocks[i+1].Kind == bSign {
			keep = `<w:keepNext/>`
		}
		switch bl.Kind {
		case bTitle:
			b.WriteString(para("Title", bl.Text, ""))
			if i+1 < len(blocks) && blocks[i+1].Kind != bTitle {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr></w:p>`) // a blank line under the title
			}
		case bPreamble, bPara:
			b.WriteString(para("Body", bl.Text, keep))
		case bHeading1:
			b.WriteString(para("Heading1", bl.Text, ""))
		case bHeading2:
			b.WriteString(para("Heading2", bl.Text, ""))
		case bSign:
			date := ""
			if i+1 < len(blocks) && blocks[i+1].Kind == bDate {
				date = blocks[i+1].Text
			}
			writeClosing(&b, bl.Text, date, libreOffice)
		case bTable:
			layoutDocxTable(bl.Table).write(&b)
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

// The closing of a sealed document (GB/T 9704-2012 7.3.5.1): 成文日期
// right-indented four characters, 署名 centred over it, and two empty
// lines above for the seal, whose top comes within a line of the text.
// Both lines are centred on one centre tab stop, so the 署名 stays centred
// over the date whatever the fonts' widths. An empty date keeps its line,
// centred where a date would be, for the date to be written in.
func writeClosing(b *strings.Builder, sign, date string, libreOffice bool) {
	if date == "" {
		date = "2000年10月10日" // measured, not printed
	}
	centre := textWidth - 4*charTwips - bodyTextWidth(date, libreOffice)/2
	if w := bodyTextWidth(sign, libreOffice); centre+w/2 > textWidth { // a long 署名 stays inside the margin
		centre = textWidth - w/2
	}
	for range 2 {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Sign"/></w:pPr></w:p>`)
	}
	tab := `<w:tabs><w:tab w:val="center" w:pos="` + itoa(centre) + `"/></w:tabs>`
	if date == "2000年10月10日" {
		date = ""
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Sign"/>` + tab + `</w:pPr><w:r><w:tab/></w:r>` + run(sign) + `</w:p>`)
	// The date ends the document: nothing to keep it with.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Sign"/><w:keepNext w:val="0"/>` + tab + `</w:pPr><w:r><w:tab/></w:r>` + run(date) + `</w:p>`)
}

// bodyTextWidth is the width in twips of a line of body text: 3号 characters
// (Han 16 pt, Times digits 8 pt) less the −0.25 pt condensing of each.
// LibreOffice also puts 3.2 pt between Han characters and digits (it
// ignores autoSpaceDN; measured).
func bodyTextWidth(s string, libreOffice bool) int {
	w := 0
	prev := 0 // 1 Han, 2 Latin
	for _, r := range s {
		kind := 1
		if r < utf8.RuneSelf {
			kind = 2
		}
		if libreOffice && prev != 0 && kind != prev {
			w += 64
		}
		prev = kind
		w += textCond.RuneWidth(r)*charTwips/2 - 5
	}
	return w
}

func rfonts(eastAsia string) string {
	return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + eastAsia + `" w:cs="Times New Roman"/>`
}

func stylesXML(fs fontSet, libreOffice bool) string {
	// A line-end ， or 、 stays inside the text block (compressed or moved)
	// instead of hanging into the right margin: overflowPunct off, as
	// ECMA-376 defines it (Word, WPS). LibreOffice reads the attribute the
	// other way round (writerfilter sets ParaIsHangingPunctuation to
	// val == 0), so the copy it converts to PDF says "on" to mean off.
	overflow := "0"
	if libreOffice {
		overflow = "1"
	}
	style := func(id, name, ppr, rpr string) string {
		return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
			`<w:pPr>` + ppr + `</w:pPr><w:rPr>` + rpr + `</w:rPr></w:style>`
	}
	indent := `<w:ind w:firstLineChars="200" w:firstLine="` + itoa(2*charTwips) + `"/>`
	titleBold := ""
	if fs.titleBold {
		titleBold = `<w:b/><w:bCs/>`
	}
	noIndent := `<w:ind w:firstLineChars="0" w:firstLine="0"/>`
	return xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` + rfonts(fs.body) + `<w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:overflowPunct w:val="` + overflow + `"/><w:spacing w:before="0" w:after="0" w:line="` + itoa(linePitch) + `" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		// The title is off the grid at one line pitch: a 22 pt line would
		// otherwise take two grid lines and the two title lines fall apart.
		style("Title", "Title", `<w:keepNext/><w:snapToGrid w:val="0"/>`+noIndent+`<w:jc w:val="center"/>`, rfonts(fs.title)+titleBold+`<w:sz w:val="44"/><w:szCs w:val="44"/>`) +
		style("Body", "Body Text", `<w:widowControl/>`+indent, "") +
		style("Heading1", "heading 1", `<w:keepNext/>`+indent, rfonts(fs.h1)) +
		style("Heading2", "heading 2", `<w:keepNext/>`+indent, rfonts(fs.h2)) +
		// No automatic space between Han characters and digits: the date
		// prints 2027年1月20日, as wide as it was measured.
		style("Sign", "Signature", `<w:keepNext/><w:keepLines/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`+noIndent+`<w:jc w:val="left"/>`, "") +
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

func coreXML(title, author string) string {
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<dc:title>` + esc(title) + `</dc:title><dc:creator>` + esc(author) + `</dc:creator></cp:coreProperties>`
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
