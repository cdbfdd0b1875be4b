package importer

import (
	"regexp"
	"strings"
)

// readText reads text copied from a web page (tables tab- or "|"-separated)
// or written by pdftotext -layout (cells aligned by spaces, page footers in
// between).
func readText(data string) *doc {
	d := &doc{kind: "text"}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n"), "\n")
	pdf := looksLikePDFText(lines)
	if pdf {
		d.kind = "pdf-text"
	}
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimRight(strings.ReplaceAll(raw, "\f", ""), " \t")
		if strings.HasPrefix(strings.TrimSpace(line), "#") && strings.Contains(data, "==== 原文 ====") && !strings.Contains(strings.Join(lines[:i], "\n"), "==== 原文 ====") {
			continue // notes above a fixture's original text
		}
		if strings.TrimSpace(line) == "==== 原文 ====" {
			continue
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue // blank lines separate nothing that matters; rows keep their order
		}
		if pageFooter.MatchString(trimmed) {
			continue
		}
		switch {
		case strings.Contains(line, "\t"):
			d.addRow(strings.Split(line, "\t"), exact, raw, n)
		case strings.Contains(line, " | ") || strings.HasPrefix(trimmed, "|"):
			d.addRow(splitPipe(line), exact, raw, n)
		case pdf && isSpacedRow(line):
			d.addRow(splitSpaced(line), spaced, raw, n)
		case pdf && continues(d, line):
			// A PDF line without first-line indent continues the paragraph above.
			d.items[len(d.items)-1].text += cleanPara(trimmed)
		default:
			d.para(cleanPara(trimmed), n)
		}
	}
	return d
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

var spaceRun = regexp.MustCompile(`\s{2,}`)

func splitSpaced(line string) []string {
	return spaceRun.Split(strings.TrimSpace(line), -1)
}

// looksLikePDFText: pdftotext -layout leaves form feeds and lines with wide
// runs of spaces; web text has tabs or "|" instead.
func looksLikePDFText(lines []string) bool {
	ff, wide, tabs := 0, 0, 0
	for _, l := range lines {
		if strings.Contains(l, "\f") {
			ff++
		}
		if strings.Contains(l, "\t") || strings.Contains(l, " | ") {
			tabs++
		}
		if strings.Contains(strings.TrimSpace(l), "    ") {
			wide++
		}
	}
	return tabs == 0 && (ff > 0 || wide > 5)
}

// isSpacedRow: a PDF text line of a table has cells parted by two or more
// spaces and at least one of them is a number or a header word.
func isSpacedRow(line string) bool {
	cells := splitSpaced(line)
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		if isNumberCell(c) {
			return true
		}
	}
	return false
}

// continues tells whether a PDF text line carries on the paragraph above:
// it starts at the margin, and neither it nor the line above is a heading.
func continues(d *doc, line string) bool {
	if len(d.items) == 0 || strings.HasPrefix(line, " ") {
		return false
	}
	prev := d.items[len(d.items)-1]
	t := strings.TrimSpace(line)
	return prev.row == nil && !headingMarker.MatchString(t) && !sectionHeading.MatchString(t) &&
		!sectionHeading.MatchString(prev.text) && !sentenceEnd(prev.text)
}
