package importer

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// readHTML reads a saved web page: text blocks become paragraphs, tables
// become rows with rowspan and colspan expanded to grid positions.
func readHTML(src string) (*doc, error) {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, errors.New("无法读取这个网页文件")
	}
	d := &doc{kind: "html"}
	h := &htmlReader{d: d}
	h.walk(root)
	h.flush()
	return d, nil
}

type htmlReader struct {
	d    *doc
	text strings.Builder
	n    int
}

var blocks = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "section": true, "article": true, "br": true, "tr": true, "blockquote": true, "center": true, "pre": true}

func (h *htmlReader) flush() {
	for _, line := range strings.Split(h.text.String(), "\n") {
		if s := cleanPara(strings.Join(strings.Fields(line), " ")); s != "" {
			h.n++
			h.d.para(s, h.n)
		}
	}
	h.text.Reset()
}

func (h *htmlReader) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		h.text.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "head", "noscript", "template":
			return
		case "table":
			h.flush()
			h.table(n)
			return
		}
		if blocks[n.Data] {
			h.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.walk(c)
	}
	if n.Type == html.ElementNode && blocks[n.Data] {
		h.flush()
	}
}

// table expands spans: a cell over several rows or columns leaves empty
// cells at the positions it covers.
func (h *htmlReader) table(t *html.Node) {
	var rows []*html.Node
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
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
	taken := map[[2]int]bool{}
	for ri, tr := range rows {
		var cells []string
		col := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.Data != "td" && c.Data != "th") {
				continue
			}
			for taken[[2]int{ri, col}] {
				cells = append(cells, "")
				col++
			}
			rs, cs := spanAttr(c, "rowspan"), spanAttr(c, "colspan")
			cells = append(cells, cleanPara(strings.Join(strings.Fields(textOf(c)), "")))
			for k := 1; k < cs; k++ {
				cells = append(cells, "")
			}
			for dr := 1; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					taken[[2]int{ri + dr, col + dc}] = true
				}
			}
			col += cs
		}
		for taken[[2]int{ri, col}] {
			cells = append(cells, "")
			col++
		}
		h.n++
		h.d.addRow(cells, exact, strings.Join(cells, " | "), h.n)
	}
}

func spanAttr(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if a.Key == name {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err == nil {
				return max(1, min(v, 64))
			}
		}
	}
	return 1
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
