package export

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"nianbao/model"
)

// Markdown writes headings and paragraphs as Markdown and the tables as
// embedded HTML (pipe tables cannot merge cells; raw HTML is valid GFM).
func Markdown(w io.Writer, r *model.Report) error {
	var b strings.Builder
	blocks := Document(r)
	for i, bl := range blocks {
		switch bl.Kind {
		case bTitle:
			if i == 0 { // one title heading, its lines joined
				b.WriteString("# " + mdEscape(strings.Join(TitleLines(r), "")) + "\n\n")
			}
		case bHeading1:
			b.WriteString("## " + mdEscape(bl.Text) + "\n\n")
		case bHeading2:
			b.WriteString("### " + mdEscape(bl.Text) + "\n\n")
		case bPreamble, bPara:
			b.WriteString(mdEscape(bl.Text) + "\n\n")
		case bSign, bDate:
			if bl.Text != "" {
				b.WriteString(`<p align="right">` + mdEscapeHTML(bl.Text) + "</p>\n\n")
			}
		case bTable:
			writeHTMLTable(&b, bl.Table)
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// listStart matches what Markdown reads as an ordered list item at the
// start of a line: "1." or "1)" (clerks number sentences "1.…").
var listStart = regexp.MustCompile(`^[0-9]{1,9}[.)]`)

// mdEscape keeps clerk text from turning into Markdown syntax or HTML.
func mdEscape(s string) string {
	var b strings.Builder
	list := 0
	if m := listStart.FindString(s); m != "" {
		list = len(m) - 1 // the byte index of its "." or ")"
	}
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>&|", r):
			b.WriteByte('\\')
		case i == 0 && strings.ContainsRune("#+-=>", r):
			b.WriteByte('\\')
		case list > 0 && i == list:
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func mdEscapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// textCond measures for a Chinese text editor or Notepad with a CJK font:
// ambiguous characters (“” — …) are two columns there. It is private: the
// TUI measures them as one.
var textCond = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = true
	return c
}()

func tw(s string) int { return textCond.StringWidth(s) }

func padRight(s string, w int) string { return s + strings.Repeat(" ", max(0, w-tw(s))) }
func padLeft(s string, w int) string  { return strings.Repeat(" ", max(0, w-tw(s))) + s }

// textWidth of a line of the text export, for wrapping prose.
const textLineWidth = 72

// Text writes plain text: prose wrapped, tables aligned by display width
// without box-drawing characters; UTF-8 with BOM (Notepad and Excel read it
// right) or GB18030 for old systems; CRLF line ends.
func Text(w io.Writer, r *model.Report, encoding string) error {
	var b strings.Builder
	blocks := Document(r)
	for i, bl := range blocks {
		switch bl.Kind {
		case bTitle:
			b.WriteString(strings.Repeat(" ", max(0, (textLineWidth-tw(bl.Text))/2)) + bl.Text + "\n")
			if i+1 < len(blocks) && blocks[i+1].Kind != bTitle {
				b.WriteString("\n")
			}
		case bHeading1:
			b.WriteString("\n" + bl.Text + "\n\n")
		case bHeading2:
			b.WriteString("  " + bl.Text + "\n")
		case bPreamble, bPara:
			for _, l := range wrapText("  "+bl.Text, textLineWidth) {
				b.WriteString(l + "\n")
			}
		case bSign:
			// 署名 centred over 成文日期, which stands four characters in.
			date := ""
			if i+1 < len(blocks) && blocks[i+1].Kind == bDate {
				date = blocks[i+1].Text
			}
			right := textLineWidth - 8
			dw := tw(date)
			if date == "" {
				dw = tw("2000年10月10日")
			}
			b.WriteString("\n" + padLeft(bl.Text, right-max(0, (dw-tw(bl.Text))/2)) + "\n")
			if date != "" {
				b.WriteString(padLeft(date, right) + "\n")
			}
		case bTable:
			b.WriteString("\n")
			writeTextTable(&b, r, bl.Table.Name)
			b.WriteString("\n")
		}
	}
	out := strings.ReplaceAll(b.String(), "\n", "\r\n")
	var enc transform.Transformer = unicode.UTF8BOM.NewEncoder()
	if strings.EqualFold(encoding, "gb18030") {
		enc = simplifiedchinese.GB18030.NewEncoder()
	}
	data, _, err := transform.Bytes(enc, []byte(out))
	if err != nil {
		return fmt.Errorf("无法按 %s 编码：%v", encoding, err)
	}
	_, err = io.Copy(w, bytes.NewReader(data))
	return err
}

// wrapText breaks a paragraph at the display width the way Chinese is
// set (避头尾): no line starts with closing punctuation (，。、）：…) nor
// ends with opening punctuation (（《“), and a run of Latin letters and
// digits — a number, a phone number, a URL, an e-mail address — is never
// split unless it is longer than a line.
func wrapText(s string, w int) []string {
	var units []string
	glue := ""
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		n := size
		if r < utf8.RuneSelf && r != ' ' {
			for n < len(s) {
				if s[n] < utf8.RuneSelf && s[n] != ' ' {
					n++
					continue
				}
				// 0952—6093700: a dash between digits is part of the number.
				d, dsize := utf8.DecodeRuneInString(s[n:])
				if strings.ContainsRune("—–－", d) && n+dsize < len(s) && s[n+dsize] >= '0' && s[n+dsize] <= '9' {
					n += dsize
					continue
				}
				break
			}
		}
		u := s[:n]
		s = s[n:]
		switch {
		case n == size && strings.ContainsRune(openers, r):
			glue += u
		case n == size && strings.ContainsRune(closers, r) && len(units) > 0 && glue == "":
			units[len(units)-1] += u
		default:
			units = append(units, glue+u)
			glue = ""
		}
	}
	if glue != "" {
		units = append(units, glue)
	}
	var out []string
	line, lw := "", 0
	for _, u := range units {
		uw := tw(u)
		if lw+uw > w && line != "" {
			out = append(out, strings.TrimRight(line, " "))
			line, lw = "", 0
			u = strings.TrimLeft(u, " ")
			uw = tw(u)
		}
		for uw > w { // longer than a line: cut it
			cut, cw := 0, 0
			for i, r := range u {
				if lw+cw+textCond.RuneWidth(r) > w {
					cut = i
					break
				}
				cw += textCond.RuneWidth(r)
			}
			if cut == 0 && line == "" {
				_, cut = utf8.DecodeRuneInString(u)
			}
			out = append(out, line+u[:cut])
			line, lw = "", 0
			u = u[cut:]
			uw = tw(u)
		}
		line += u
		lw += uw
	}
	return append(out, strings.TrimRight(line, " "))
}

// textRow is a row of a text table: its label, indent and numbers.
type textRow struct {
	label   string
	indent  int
	heading bool
	nums    []string
}

// printed returns row i of a table as printed (0 for blank) and the
// column headers.
func printed(r *model.Report, t *model.Table, i int) []string {
	var nums []string
	for j := range t.Cols {
		nums = append(nums, value(r, model.CellRef{Table: t, Row: i, Col: j}))
	}
	return nums
}

func headers(t *model.Table) []string {
	var heads []string
	for _, c := range t.Cols {
		heads = append(heads, c.Label)
	}
	return heads
}

func writeTextTable(b *strings.Builder, r *model.Report, name string) {
	switch name {
	case "表二":
		for _, t := range r.Format.TablesOf(2) {
			var rows []textRow
			for i, rw := range t.Rows {
				rows = append(rows, textRow{label: rw.Label, nums: printed(r, t, i)})
			}
			b.WriteString(t.Caption + "\n")
			textTable(b, t.Corner, headers(t), "", "", 0, rows)
			b.WriteString("\n")
		}
	case "表三":
		t := r.Format.Table("s3")
		for _, l := range wrapText(t.Corner, textLineWidth) {
			b.WriteString(l + "\n")
		}
		var rows []textRow
		head, group := "", ""
		for i, rw := range t.Rows {
			if rw.Head != "" && rw.Head != head {
				rows = append(rows, textRow{label: rw.Head, heading: true})
			}
			if rw.Group != "" && rw.Group != group {
				rows = append(rows, textRow{label: rw.Group, indent: 1, heading: true})
			}
			head, group = rw.Head, rw.Group
			rows = append(rows, textRow{label: rw.Label, indent: boolInt(rw.Head != "") + boolInt(rw.Group != ""), nums: printed(r, t, i)})
		}
		textTable(b, "", headers(t), model.S3Applicant, model.S3Legal, 1, rows)
	case "表四":
		// Fifteen columns do not fit a text line: one line per group.
		t := r.Format.Table("s4")
		var rows []textRow
		for i, rw := range t.Rows {
			label := rw.Label
			if rw.Group != "" {
				label = rw.Group + "（" + rw.Label + "）"
			}
			rows = append(rows, textRow{label: label, nums: printed(r, t, i)})
		}
		textTable(b, "", headers(t), "", "", 0, rows)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// textTable lays out numbers in right-aligned columns of eight under
// headers broken between words; caption names all the number columns and
// group those from groupFrom to the one before the last (总计), each drawn
// over its columns. A label too wide for its column has a line of its own
// (broken between words if even that is too short), the numbers the next.
func textTable(b *strings.Builder, corner string, heads []string, caption, group string, groupFrom int, rows []textRow) {
	const colW = 8
	labelW := 34
	var lines [][]string
	depth := 1
	for _, h := range heads {
		ls := wrapLabel(h, colW, tw)
		lines = append(lines, ls)
		depth = max(depth, len(ls))
	}
	over := func(from, to int, text string) { // text centred in dashes over columns [from, to)
		span := colW*(to-from) + (to - from - 1)
		g := " " + text + " "
		left := (span - tw(g)) / 2
		b.WriteString(strings.Repeat(" ", labelW+1+(colW+1)*from) + strings.Repeat("-", max(0, left)) + g +
			strings.Repeat("-", max(0, span-left-tw(g))) + "\n")
	}
	if caption != "" {
		over(0, len(heads), caption)
	}
	if group != "" {
		over(groupFrom, len(heads)-1, group)
	}
	for k := 0; k < depth; k++ {
		line := padRight("", labelW)
		if k == depth-1 {
			line = padRight(corner, labelW)
		}
		for _, ls := range lines {
			text := ""
			if idx := k - (depth - len(ls)); idx >= 0 {
				text = ls[idx]
			}
			line += " " + padLeft(text, colW)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	for _, row := range rows {
		indent := strings.Repeat("  ", row.indent)
		if row.heading {
			b.WriteString(indent + row.label + "\n")
			continue
		}
		nums := ""
		for _, n := range row.nums {
			nums += " " + padLeft(n, colW)
		}
		if tw(indent+row.label) > labelW {
			// Too wide: the label on its own line(s), across the table,
			// broken between words; the numbers on the next line.
			for _, l := range wrapLabel(row.label, labelW+tw(nums)-tw(indent), tw) {
				b.WriteString(indent + l + "\n")
			}
			b.WriteString(padRight("", labelW) + nums + "\n")
			continue
		}
		b.WriteString(padRight(indent+row.label, labelW) + nums + "\n")
	}
}
