// Package importer reads last year's published report — text copied from
// the web page, the text of a PDF, a Word .docx, a saved HTML page,
// Markdown, or the program's own JSON — into a report, without inventing a
// number: a figure it cannot place with certainty is listed as uncertain
// and not stored, a blank cell stays blank, and the totals keep the values
// the publisher printed so that the checks show the published errors.
//
// Every reader turns its file into the same neutral document (paragraphs
// and table rows, with their source lines); one builder (build.go) finds
// the sections, the prose and the metadata, and one table reader
// (tables.go) maps labels to the canonical keys.
package importer

import (
	"regexp"
	"strings"
	"unicode"
)

// How the cells of a row were separated: with exact positions (tabs, "|",
// a table of a Word or HTML file) or only by runs of spaces (PDF text),
// where blank cells leave no trace.
const (
	exact  = "exact"
	spaced = "spaced"
)

// row is a table row of the source.
type row struct {
	cells []string
	sep   string
}

// item is a paragraph, or a table row, with where it came from.
type item struct {
	text string // the paragraph; for a row, the source line
	line int
	row  *row
}

type doc struct {
	kind  string
	items []item
}

func (d *doc) para(text string, line int) {
	d.items = append(d.items, item{text: text, line: line})
}

func (d *doc) addRow(cells []string, sep, src string, line int) {
	d.items = append(d.items, item{text: src, line: line, row: &row{cells: cells, sep: sep}})
}

// normLabel makes a label comparable: no spaces, full-width parentheses,
// curly quotes, "1." numbering.
func normLabel(s string) string {
	var b strings.Builder
	quote := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '*':
			continue
		case r == '(':
			r = '（'
		case r == ')':
			r = '）'
		case r == '"' || r == '＂':
			if quote {
				r = '”'
			} else {
				r = '“'
			}
			quote = !quote
		case r == '．' || r == '、' && b.Len() > 0 && isDigitEnd(b.String()):
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigitEnd(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// cleanPara strips conversion artefacts: bold markers, angle brackets
// around URLs, runs of spaces.
var (
	boldMarks  = regexp.MustCompile(`\*\*(.*?)\*\*`)
	angleURL   = regexp.MustCompile(`<((?:https?://|www\.)[^<>\s]+)>`)
	pageFooter = regexp.MustCompile(`^[—\-－]\s*\d+\s*[—\-－]$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$`)
)

func cleanPara(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.ReplaceAll(s, "\u3000", " ")
	s = boldMarks.ReplaceAllString(s, "$1")
	s = angleURL.ReplaceAllString(s, "$1")
	return strings.TrimSpace(s)
}

// headingMarker: a paragraph that starts a heading or an item, which a cut
// paragraph must not be joined to.
var headingMarker = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[一二三四五六七八九十]是)`)

// sentenceEnd tells whether a paragraph ends a sentence.
func sentenceEnd(s string) bool {
	s = strings.TrimRight(s, " ）)”’」")
	for _, e := range []string{"。", "！", "？", "；", "：", ":", ".", "!", "?", ";"} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// joinCut joins a paragraph cut by a page break ("…落实信息发布" +
// "主体责任，…") to the next; headings are never joined.
func joinCut(paras []item) []item {
	var out []item
	for _, p := range paras {
		if n := len(out); n > 0 && p.row == nil && out[n-1].row == nil {
			prev := out[n-1].text
			// Long paragraphs only: a heading ("一是…", "（一）…") is short.
			if !sentenceEnd(prev) && !headingMarker.MatchString(p.text) &&
				len([]rune(prev)) > 60 && !sectionHeading.MatchString(p.text) {
				out[n-1].text = prev + p.text
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
