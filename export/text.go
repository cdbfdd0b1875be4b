package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"

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
	for _, bl := range Document(r) {
		switch bl.Kind {
		case bTitle:
			b.WriteString("# " + mdEscape(bl.Text) + "\n\n")
		case bHeading1:
			b.WriteString("## " + mdEscape(bl.Text) + "\n\n")
		case bHeading2:
			b.WriteString("### " + mdEscape(bl.Text) + "\n\n")
		case bPreamble, bPara:
			b.WriteString(mdEscape(bl.Text) + "\n\n")
		case bSign:
			b.WriteString(`<p align="right">` + mdEscapeHTML(bl.Text) + "</p>\n\n")
		case bTable:
			writeHTMLTable(&b, bl.Table, true)
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps clerk text from turning into Markdown syntax or HTML.
func mdEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>&|", r):
			b.WriteByte('\\')
		case i == 0 && strings.ContainsRune("#+-=>", r):
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
	for _, bl := range Document(r) {
		switch bl.Kind {
		case bTitle:
			b.WriteString(strings.Repeat(" ", max(0, (textLineWidth-tw(bl.Text))/2)) + bl.Text + "\n")
		case bHeading1:
			b.WriteString("\n" + bl.Text + "\n\n")
		case bHeading2:
			b.WriteString("  " + bl.Text + "\n")
		case bPreamble, bPara:
			for _, l := range wrapText("  "+bl.Text, textLineWidth) {
				b.WriteString(l + "\n")
			}
		case bSign:
			b.WriteString(padLeft(bl.Text, textLineWidth-8) + "\n")
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

// wrapText breaks a paragraph between characters at the display width.
func wrapText(s string, w int) []string {
	var out []string
	var line []rune
	lw := 0
	for _, r := range s {
		rw := textCond.RuneWidth(r)
		if lw+rw > w && len(line) > 0 {
			out = append(out, string(line))
			line, lw = nil, 0
		}
		line = append(line, r)
		lw += rw
	}
	return append(out, string(line))
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
			textTable(b, t.Corner, headers(t), "", 0, rows)
			b.WriteString("\n")
		}
	case "表三":
		t := r.Format.Table("s3")
		b.WriteString(t.Corner + "\n")
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
		textTable(b, model.S3Applicant, headers(t), model.S3Legal, 1, rows)
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
		textTable(b, "", headers(t), "", 0, rows)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// textTable lays out numbers in right-aligned columns of eight under
// stacked headers; a label too wide gets a line of its own.
func textTable(b *strings.Builder, corner string, heads []string, group string, groupFrom int, rows []textRow) {
	const colW = 8
	labelW := 34
	var lines [][]string
	depth := 1
	for _, h := range heads {
		ls := wrapText(h, colW)
		lines = append(lines, ls)
		depth = max(depth, len(ls))
	}
	if group != "" {
		span := colW*(len(heads)-groupFrom-1) + (len(heads) - groupFrom - 2)
		g := " " + group + " "
		left := (span - tw(g)) / 2
		b.WriteString(strings.Repeat(" ", labelW+1+(colW+1)*groupFrom) + strings.Repeat("-", max(0, left)) + g +
			strings.Repeat("-", max(0, span-left-tw(g))) + "\n")
	}
	for k := 0; k < depth; k++ {
		line := padRight(map[bool]string{true: corner, false: ""}[k == depth-1], labelW)
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
		label := strings.Repeat("  ", row.indent) + row.label
		if row.heading {
			b.WriteString(label + "\n")
			continue
		}
		nums := ""
		for _, n := range row.nums {
			nums += " " + padLeft(n, colW)
		}
		if tw(label) > labelW {
			for _, l := range wrapText(label, labelW+(colW+1)*len(row.nums)) {
				b.WriteString(l + "\n")
			}
			b.WriteString(padRight("", labelW) + nums + "\n")
			continue
		}
		b.WriteString(padRight(label, labelW) + nums + "\n")
	}
}
