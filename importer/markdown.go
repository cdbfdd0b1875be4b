package importer

import (
	"regexp"
	"strings"
)

var (
	mdSeparator = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)
	mdEscape    = regexp.MustCompile(`\\([\\` + "`" + `*_\[\]<>&|#+\-=.])`)
	mdBullet    = regexp.MustCompile(`^[-*+]\s+`)
	htmlPara    = regexp.MustCompile(`</?(?:p|span|font|br|strong|b|div)[^>]*>`)
)

// readMarkdown reads headings and paragraphs, pipe tables, and the HTML
// tables Markdown embeds for merged cells (our own export writes them).
func readMarkdown(src string) *doc {
	d := &doc{kind: "markdown"}
	lines := splitLines(src)
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "" || mdSeparator.MatchString(t):
		case strings.HasPrefix(strings.ToLower(t), "<table"):
			j := i
			for j < len(lines) && !strings.Contains(strings.ToLower(lines[j]), "</table>") {
				j++
			}
			end := min(j+1, len(lines))
			if sub, err := readHTML(strings.Join(lines[i:end], "\n")); err == nil {
				for _, it := range sub.items {
					it.line = i + 1
					d.items = append(d.items, it)
				}
			}
			i = j
		case strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2:
			cells := splitPipe(t)
			for k := range cells {
				cells[k] = cleanPara(mdEscape.ReplaceAllString(cells[k], "$1"))
			}
			d.addRow(&row{cells: cells, sep: exact, grid: true}, lines[i], i+1)
		default:
			t = mdHeading.ReplaceAllString(t, "")
			t = mdBullet.ReplaceAllString(t, "")
			t = htmlPara.ReplaceAllString(t, "")
			t = mdEscape.ReplaceAllString(strings.TrimSpace(t), "$1")
			if s := cleanPara(t); s != "" {
				d.paraRaw(s, lines[i], i+1)
			}
		}
	}
	return d
}
