package importer

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Bounds of a table as read: a real report table has at most a few dozen
// rows and 18 grid columns, so spans and cell counts beyond these are
// hostile or broken markup, not data.
const (
	maxGridCols    = 64
	maxTableRows   = 2000
	maxTableCells  = 20000
	maxHTMLElement = 200000
)

// readHTML reads a saved web page: text blocks become paragraphs, tables
// become rows with rowspan expanded to grid positions (a cell covered from
// above leaves an empty cell) and colspan kept as one cell.
func readHTML(src string) (*doc, error) {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, errors.New("无法读取这个网页文件")
	}
	d := &doc{kind: "html"}
	h := &htmlReader{d: d}
	h.walk(root, 0)
	h.flush()
	return d, nil
}

type htmlReader struct {
	d     *doc
	text  strings.Builder
	n     int
	nodes int
}

var blocks = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "section": true, "article": true, "br": true, "tr": true, "blockquote": true, "center": true, "pre": true,
	"td": true, "th": true, "dd": true, "dt": true, "header": true, "footer": true}

func (h *htmlReader) flush() {
	for _, line := range strings.Split(h.text.String(), "\n") {
		if s := cleanPara(strings.Join(strings.Fields(line), " ")); s != "" {
			h.n++
			h.d.para(s, h.n)
		}
	}
	h.text.Reset()
}

func (h *htmlReader) walk(n *html.Node, depth int) {
	h.nodes++
	if h.nodes > maxHTMLElement || depth > 200 {
		return // a page this large or deep is not a report; what was read stays
	}
	switch n.Type {
	case html.TextNode:
		h.text.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "head", "noscript", "template", "select", "button":
			return
		case "table":
			// A table holding tables lays out the page; its cells are
			// content, read like any other. Only a table without tables
			// inside is data.
			if !hasNested(n) {
				h.flush()
				h.table(n)
				return
			}
		}
		if blocks[n.Data] {
			h.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.walk(c, depth+1)
	}
	if n.Type == html.ElementNode && blocks[n.Data] {
		h.flush()
	}
}

func hasNested(t *html.Node) bool {
	var found bool
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "table" {
				found = true
				return
			}
			walk(c)
		}
	}
	walk(t)
	return found
}

// table reads the rows of a table. A cell spanning rows leaves an empty
// cell at the positions it covers below; a cell spanning columns is one
// cell (its width matters only for alignment, which positions give).
// Spans are bounded by the table's real size.
func (h *htmlReader) table(t *html.Node) {
	var rows []*html.Node
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(rows) < maxTableRows; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				rows = append(rows, c)
			case "thead", "tbody", "tfoot":
				collect(c)
			}
		}
	}
	collect(t)
	// covered[col] = how many more rows a cell from above covers; first
	// marks the cell's first column, where its one empty cell goes.
	covered := make([]int, 0, 16)
	first := make([]bool, 0, 16)
	cells := 0
	for ri, tr := range rows {
		var out []string
		col := 0
		take := func() {
			for col < len(covered) && covered[col] > 0 {
				covered[col]--
				if first[col] {
					out = append(out, "")
				}
				col++
			}
		}
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.Data != "td" && c.Data != "th") {
				continue
			}
			take()
			if col >= maxGridCols || cells >= maxTableCells {
				break
			}
			rs := min(spanAttr(c, "rowspan"), len(rows)-ri)
			cs := min(spanAttr(c, "colspan"), maxGridCols-col)
			out = append(out, cleanPara(strings.Join(strings.Fields(textOf(c)), " ")))
			cells++
			for k := 0; k < cs; k++ {
				for len(covered) <= col+k {
					covered = append(covered, 0)
					first = append(first, false)
				}
				covered[col+k] = max(covered[col+k], rs-1)
				first[col+k] = k == 0
			}
			col += cs
		}
		take()
		for c := col; c < len(covered); c++ {
			covered[c] = max(0, covered[c]-1)
		}
		h.n++
		h.d.addRow(&row{cells: out, sep: exact}, strings.Join(out, " | "), h.n)
		if cells >= maxTableCells {
			break
		}
	}
}

func spanAttr(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if a.Key == name {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err == nil {
				return max(1, min(v, maxGridCols))
			}
		}
	}
	return 1
}

// textOf is a cell's text; block elements and <br> inside it are spaces.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "br" || blocks[n.Data]) {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil && b.Len() < 1<<16; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
