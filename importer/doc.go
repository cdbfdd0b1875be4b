// Package importer reads last year's published report — text copied from
// the web page, the text of a PDF, a Word .docx, a saved HTML page,
// Markdown, or the program's own JSON — into a report, without inventing a
// number: a figure it cannot place with certainty is listed as uncertain
// and not stored, a blank cell stays blank, and the totals keep the values
// the publisher printed so that the checks show the published errors.
//
// Every reader turns its file into the same neutral document (paragraphs
// and table rows, with their source lines); the builder finds the title,
// the sections and the prose (meta.go, sections.go), and the table reader
// (tables.go, place.go) recognises each table by its labels and shape —
// not by the number or place it has in the report — and maps its cells to
// the canonical keys.
package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// grid: the row comes from a source that keeps every grid position
	// (a pipe table), so its field count is meaningful.
	grid bool
	// cols: for spaced rows, the column (in characters, as pdftotext
	// -layout places them) where each cell starts.
	cols []int
}

// item is a paragraph, or a table row, with where it came from.
type item struct {
	text string // the paragraph; for a row, the source line
	line int
	row  *row
	// raw is the source line as it was (PDF text: its layout columns).
	raw string
}

type doc struct {
	kind  string
	items []item
}

func (d *doc) para(text string, line int) {
	d.items = append(d.items, item{text: text, line: line})
}

// paraRaw adds a paragraph and keeps its source line as it was.
func (d *doc) paraRaw(text, raw string, line int) {
	d.items = append(d.items, item{text: text, line: line, raw: raw})
}

func (d *doc) addRow(r *row, src string, line int) {
	d.items = append(d.items, item{text: src, line: line, row: r, raw: src})
}

// normLabel makes a label comparable: no spaces, full-width parentheses,
// curly quotes, "1." numbering.
func normLabel(s string) string {
	var b strings.Builder
	quote := false
	last := rune(0)
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '*' || r == '#':
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
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '．' || (r == '、' || r == '，' || r == ',') && last >= '0' && last <= '9':
			r = '.'
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

var (
	boldMarks = regexp.MustCompile(`\*\*(.*?)\*\*|__(.*?)__`)
	angleURL  = regexp.MustCompile(`<((?:https?://|www\.)[^<>\s]+)>`)
	// Page numbers of a printed document: "— 2 —", "-2-", "第 2 页 共 9 页", "2/9".
	pageFooter = regexp.MustCompile(`^[—\-－–]\s*\d{1,3}\s*[—\-－–]$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d{1,3}\s*/\s*\d{1,3}$`)
	mdHeading  = regexp.MustCompile(`^(?:#{1,6}|>+)\s*`)
)

// cleanPara strips conversion artefacts: Markdown heading and bold markers,
// angle brackets around URLs, the spaces PDF extraction puts between
// Chinese characters, runs of spaces.
func cleanPara(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.ReplaceAll(s, "\u3000", " ")
	s = strings.ReplaceAll(s, "\u200b", "")
	s = strings.TrimSpace(s)
	s = mdHeading.ReplaceAllString(s, "")
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = boldMarks.ReplaceAllStringFunc(s, func(m string) string { return m[2 : len(m)-2] })
		s = strings.ReplaceAll(s, "**", "")
	}
	s = angleURL.ReplaceAllString(s, "$1")
	return collapseSpaces(strings.TrimSpace(s))
}

// cjk reports characters between which Chinese text never has a space:
// Han, Chinese punctuation and full-width forms.
func cjk(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '〇'
}

// collapseSpaces removes spaces next to Chinese text ("本 报 告", "2025 年",
// "共 12 件") and squeezes other runs of spaces to one. It is one pass.
func collapseSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(0) // last rune written
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\t' {
			b.WriteString(s[i : i+w])
			prev = r
			i += w
			continue
		}
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		keep := prev != 0 && j < len(s) && !(cjk(prev) || cjk(next))
		if keep {
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

// headingMarker: a paragraph that starts a heading or an item, which a cut
// paragraph must not be joined to.
var headingMarker = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[部章条是])`)

// sentenceEnd tells whether a paragraph ends a sentence.
func sentenceEnd(s string) bool {
	s = strings.TrimRight(s, " ）)”’」*")
	for _, e := range []string{"。", "！", "？", "；", "：", ":", "!", "?", ";"} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	// A sentence ending in ASCII "." (not a number like "1.").
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(strings.TrimRight(s, "."), "www") && len(s) > 1 && !isASCIIDigit(s[len(s)-2])
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// joinCut joins paragraphs cut by a page break ("…落实信息发布" +
// "主体责任，…"); headings are never joined. Linear: each run of pieces is
// joined once.
func joinCut(items []item) []item {
	out := make([]item, 0, len(items))
	var run []string // pieces of the paragraph being joined
	runLen := 0
	flush := func() {
		if len(run) > 1 {
			out[len(out)-1].text = strings.Join(run, "")
		}
		run, runLen = run[:0], 0
	}
	for _, it := range items {
		if n := len(out); n > 0 && it.row == nil && out[n-1].row == nil && len(run) > 0 {
			prev := run[len(run)-1]
			// Long paragraphs only: a heading ("一是…", "（一）…") is short.
			if !sentenceEnd(prev) && !headingMarker.MatchString(it.text) && runLen > 60 && sectionOf(it.text) == 0 {
				run = append(run, it.text)
				runLen += utf8.RuneCountInString(it.text)
				continue
			}
		}
		flush()
		out = append(out, it)
		if it.row == nil {
			run = append(run, it.text)
			runLen = utf8.RuneCountInString(it.text)
		}
	}
	flush()
	return out
}
