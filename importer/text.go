package importer

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

// fixtureMark separates the notes at the top of a test fixture from the
// report's own text.
const fixtureMark = "==== 原文 ===="

// splitLines splits text into lines whatever the line ends.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

// readText reads text copied from a web page (tables tab- or "|"-separated)
// or written by pdftotext -layout (cells aligned by spaces, page footers in
// between). Markdown saved as .txt goes to the Markdown reader.
func readText(data string) *doc {
	lines := splitRunTogether(splitLines(data))
	if looksLikeMarkdown(lines) {
		return readMarkdown(data)
	}
	d := &doc{kind: "text"}
	pdf := looksLikePDFText(lines)
	if pdf {
		d.kind = "pdf-text"
	}
	start := 0
	for i, l := range lines {
		if strings.TrimSpace(l) == fixtureMark {
			start = i + 1 // notes above a fixture's original text
			break
		}
	}
	base, full := 0, 0
	if pdf {
		base = baseIndent(lines[start:])
		full = fullWidth(lines[start:])
	}
	lastPara := -1 // index in d.items of the paragraph a PDF line may continue
	lastLine := "" // the last line of that paragraph
	pieces := map[int][]string{}
	for i := start; i < len(lines); i++ {
		n := i + 1
		raw := lines[i]
		ff := strings.Contains(raw, "\f")
		line := strings.TrimRight(strings.ReplaceAll(raw, "\f", ""), " \t")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if !pdf {
				lastPara = -1
			}
			continue // blank lines separate nothing that matters; rows keep their order
		}
		if pageFooter.MatchString(trimmed) || (pdf && isPageNumber(lines, i, trimmed, ff)) {
			continue
		}
		switch {
		case strings.Contains(line, "\t") && nonEmpty(strings.Split(line, "\t")) > 1:
			d.addRow(&row{cells: strings.Split(line, "\t"), sep: exact}, raw, n)
			lastPara = -1
			continue
		case strings.Contains(line, " | ") || strings.HasPrefix(trimmed, "|") && strings.Count(trimmed, "|") >= 2:
			if mdSeparator.MatchString(trimmed) {
				continue
			}
			d.addRow(&row{cells: splitPipe(line), sep: exact, grid: true}, raw, n)
			lastPara = -1
			continue
		case pdf && isSpacedRow(line):
			cells, cols := splitSpacedCols(line)
			d.addRow(&row{cells: cells, sep: spaced, cols: cols}, raw, n)
			lastPara = -1
			continue
		case pdf && trailingNumbers(trimmed) != nil:
			// Text copied from a PDF reader: "一、本年新收…数量 71 3 0 0 0 0 74".
			d.addRow(&row{cells: trailingNumbers(trimmed), sep: spaced}, raw, n)
			lastPara = -1
			continue
		case pdf && lastPara >= 0 && continuesPDF(d.items[lastPara].text, line, trimmed, base) && !shortLine(lastLine, full):
			// A line at the margin carries on the paragraph above, unless
			// the line above ended short (a title, a heading, a paragraph's
			// end). Pieces are collected and joined once, so reading stays
			// linear.
			pieces[lastPara] = append(pieces[lastPara], trimmed)
			lastLine = trimmed
			continue
		}
		d.paraRaw(cleanPara(trimmed), line, n)
		lastPara = len(d.items) - 1
		lastLine = trimmed
	}
	// The continuation lines of a PDF paragraph become its text: a wrapped
	// line never loses a fragment ("洪泽湖大道 90" + "号，邮编…").
	for i, more := range pieces {
		it := &d.items[i]
		it.text = cleanPara(strings.TrimSpace(it.raw) + strings.Join(more, ""))
	}
	return d
}

// Section headings as they stand inside run-together text: the heading's
// words, then the first sentence ("。一、总体情况我局自…").
var inlineHeading = regexp.MustCompile(`([一二三四五六])、(总体情况|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请(?:的)?情况|` +
	`(?:政府信息公开|因政府信息公开(?:工作|申请)?(?:被申请)?)行政复议[、和及](?:提起)?行政诉讼(?:的)?情况|` +
	`(?:政府信息公开工作)?存在的(?:主要)?问题(?:及|和|与)(?:改进|整改)(?:情况|措施)|` +
	`(?:政府信息公开工作)?存在的(?:主要)?问题(?:及|和|与)(?:明年|下一步|下步|下一年度)工作(?:计划|打算)|` +
	`信息处理费收取情况|其他需要报告的事项)`)

// splitRunTogether breaks a page flattened onto one line (every paragraph
// run together) into sentences, and its section and part headings onto
// lines of their own.
func splitRunTogether(lines []string) []string {
	var out []string
	for _, l := range lines {
		if utf8.RuneCountInString(l) < 1000 || len(inlineHeading.FindAllStringIndex(l, 3)) < 3 {
			out = append(out, l)
			continue
		}
		l = inlineHeading.ReplaceAllString(l, "\n$1、$2\n")
		for _, part := range strings.Split(l, "\n") {
			start := 0
			for i, r := range part {
				if r == '。' || r == '！' || r == '？' {
					out = append(out, part[start:i+len("。")])
					start = i + len("。")
				}
			}
			out = append(out, part[start:])
		}
	}
	return out
}

func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// isPageNumber: in PDF text, a bare number next to a page break is the
// page's number.
func isPageNumber(lines []string, i int, trimmed string, ff bool) bool {
	if len(trimmed) > 3 || strings.Trim(trimmed, "0123456789") != "" {
		return false
	}
	if ff {
		return true
	}
	for _, j := range []int{i - 1, i + 1, i - 2, i + 2} {
		if j >= 0 && j < len(lines) && strings.Contains(lines[j], "\f") {
			return true
		}
	}
	return false
}

// baseIndent is the indentation of continued prose lines of a PDF text: a
// line indented further starts a paragraph, one at the margin continues it.
func baseIndent(lines []string) int {
	count := map[int]int{}
	for _, l := range lines {
		t := strings.TrimLeft(strings.ReplaceAll(l, "\f", ""), " ")
		// Full lines of prose only: table labels are short or gapped.
		if utf8.RuneCountInString(t) < 22 || isSpacedRow(l) || strings.Contains(strings.TrimSpace(t), "   ") {
			continue
		}
		count[len(strings.ReplaceAll(l, "\f", ""))-len(t)]++
	}
	// The smallest indentation that several full lines share: a page's
	// margin, where continuation lines start.
	best := -1
	for k, n := range count {
		if n >= 3 && (best < 0 || k < best) {
			best = k
		}
	}
	return max(best, 0)
}

// textWidth counts a Chinese character two columns, as a page sets it.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r > 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fullWidth is the width of a full line of prose: the width that one line
// in ten reaches. 0 when the text is too short to tell.
func fullWidth(lines []string) int {
	var ws []int
	for _, l := range lines {
		t := strings.TrimSpace(strings.ReplaceAll(l, "\f", ""))
		if utf8.RuneCountInString(t) >= 10 && !strings.Contains(t, "   ") {
			ws = append(ws, textWidth(t))
		}
	}
	if len(ws) < 20 {
		return 0
	}
	slices.Sort(ws)
	return ws[len(ws)*9/10]
}

// shortLine: a line well short of a full one ends its paragraph.
func shortLine(line string, full int) bool {
	return full > 0 && line != "" && textWidth(line)*10 < full*8
}

// trailingNumbers splits a line that ends in numbers parted by single
// spaces — a table row as a PDF reader copies it — into its label and
// numbers: two numbers at least, or one after a label a table has
// ("行政许可 10690"). Prose ("…办结 69 件，1") is not a row.
func trailingNumbers(line string) []string {
	toks := strings.Fields(line)
	// "481714587.29 元": the unit belongs to the number.
	if n := len(toks); n >= 2 && isUnit(toks[n-1]) && isNumberCell(toks[n-2]) {
		toks = append(toks[:n-2], toks[n-2]+toks[n-1])
	}
	k := len(toks)
	for k > 0 && isNumberCell(toks[k-1]) {
		k--
	}
	nums := len(toks) - k
	label := strings.Join(toks[:k], "")
	switch {
	case nums == 0 || nums > 20 || strings.ContainsAny(label, "，。；：:,;") || utf8.RuneCountInString(label) > 40:
		return nil
	case nums == 1 && (label == "" || kindOf(model.Format2021, []string{label}) == noTable && kindOf(model.Format2019, []string{label}) == noTable):
		return nil
	}
	out := []string{}
	if label != "" {
		out = append(out, label)
	}
	return append(out, toks[k:]...)
}

func isUnit(s string) bool {
	switch s {
	case "元", "万元", "件", "项", "个", "条":
		return true
	}
	return false
}

// continuesPDF tells whether a PDF text line carries on the paragraph
// above: it starts at the margin, it is not a heading or an item, and
// neither is the line above.
func continuesPDF(prev, line, trimmed string, base int) bool {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	if indent > base+1 || utf8.RuneCountInString(prev) < 8 {
		return false
	}
	if headingMarker.MatchString(trimmed) || sectionOf(trimmed) > 0 || sectionOf(prev) > 0 {
		return false
	}
	// Table label fragments are set apart by wide gaps; prose is not.
	return !strings.Contains(trimmed, "   ")
}

func splitPipe(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	// " | " between cells of a row that began with empty merged cells.
	if strings.HasPrefix(line, " |") {
		cells = append([]string{""}, cells...)
	}
	return cells
}

// splitSpacedCols splits a PDF text line at runs of two or more spaces and
// gives the column (in characters) where each cell starts.
func splitSpacedCols(line string) ([]string, []int) {
	var cells []string
	var cols []int
	col := 0
	start, startCol := -1, 0
	spaces := 0
	for i, r := range line {
		if r == ' ' || r == '\t' || r == '\u3000' {
			spaces++
			col++
			continue
		}
		if start >= 0 && spaces >= 2 {
			cells = append(cells, strings.TrimSpace(line[start:i]))
			cols = append(cols, startCol)
			start = -1
		}
		if start < 0 {
			start, startCol = i, col
		}
		spaces = 0
		col++
	}
	if start >= 0 {
		cells = append(cells, strings.TrimSpace(line[start:]))
		cols = append(cols, startCol)
	}
	// Numbers parted by one space are still separate cells: "15
	// 6805947.43元" where a column was too narrow, "…已获取信 0" where a
	// label runs up to the first number. "+1 项" stays one cell.
	var outC []string
	var outX []int
	for i, c := range cells {
		toks := strings.Fields(c)
		k := len(toks)
		for k > 0 && isNumberCell(toks[k-1]) {
			k--
		}
		if len(toks) < 2 || k == len(toks) {
			outC, outX = append(outC, c), append(outX, cols[i])
			continue
		}
		x := cols[i]
		rest := c
		if k > 0 {
			// The label: everything before the first trailing number.
			j := 0
			for n := 0; n < k; n++ {
				j = strings.Index(rest[j:], toks[n]) + j + len(toks[n])
			}
			outC, outX = append(outC, strings.TrimSpace(rest[:j])), append(outX, x)
			x += utf8.RuneCountInString(rest[:j])
			rest = rest[j:]
		}
		for _, tk := range toks[k:] {
			j := strings.Index(rest, tk)
			x += utf8.RuneCountInString(rest[:j])
			outC, outX = append(outC, tk), append(outX, x)
			x += utf8.RuneCountInString(tk)
			rest = rest[j+len(tk):]
		}
	}
	return outC, outX
}

// looksLikePDFText: pdftotext -layout leaves form feeds and lines with wide
// runs of spaces; web text has tabs or "|" instead.
func looksLikePDFText(lines []string) bool {
	ff, wide, tabs := 0, 0, 0
	for _, l := range lines {
		if strings.Contains(l, "\f") {
			ff++
		}
		// Table rows of web text; a page's "联系我们 | 使用帮助" is not one.
		if strings.Contains(l, "\t") || strings.Count(l, " | ") >= 2 {
			tabs++
		}
		if strings.Contains(strings.TrimSpace(l), "    ") {
			wide++
		}
	}
	return tabs < 3 && (ff > 0 || wide > 5)
}

// looksLikeMarkdown: headings marked with "#" or pipe tables with their
// separator lines.
func looksLikeMarkdown(lines []string) bool {
	heads, seps := 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "#") && mdHeading.MatchString(t) && sectionOf(t) > 0:
			heads++
		case mdSeparator.MatchString(t) && strings.Contains(t, "|"):
			seps++
		}
	}
	return heads >= 2 || seps >= 2
}

// rowLike: a label with a comma is still a table row's ("的，只计这一情形，
// 不计其他") when three numbers or more follow it.
func rowLike(cells []string) bool {
	n := 0
	for _, c := range cells {
		if isNumberCell(c) {
			n++
		}
	}
	return n >= 3
}

// isSpacedRow: a PDF text line of a table has cells parted by two or more
// spaces: two numbers at least, or one number after a short label (an
// address "洪泽湖大道  90" is prose, not a row).
func isSpacedRow(line string) bool {
	cells, _ := splitSpacedCols(line)
	if len(cells) < 2 {
		return false
	}
	nums := 0
	label := 0
	for _, c := range cells {
		if isNumberCell(c) {
			nums++
			continue
		}
		label += utf8.RuneCountInString(c)
		if strings.ContainsAny(c, "：:。；;") && !strings.Contains(c, "勾稽") || strings.Contains(c, "，") && !rowLike(cells) {
			return false
		}
	}
	return nums >= 2 || nums == 1 && label > 0 && label <= 20
}
