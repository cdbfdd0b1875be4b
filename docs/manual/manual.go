// Package manual holds the user manual (用户手册.md) and turns it into the
// HTML page shipped with every release (用户手册.html), which opens offline
// in any browser and prints on A4.
//
// The screens in the manual are captured from the real program by this
// package's tests, which also check that the HTML is current. After a
// change to the UI or to the Markdown:
//
//	go test ./docs/manual -update
package manual

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Source and Page are the file names in this folder.
const (
	Source = "用户手册.md"
	Page   = "用户手册.html"
)

// screenRe finds a screen slot: <!-- screen NAME --> … <!-- /screen -->.
var screenRe = regexp.MustCompile(`(?s)<!-- screen ([a-z0-9-]+) -->\n(.*?)<!-- /screen -->`)

// ScreenNames lists the screens the manual shows, in order.
func ScreenNames(md string) []string {
	var out []string
	for _, m := range screenRe.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// SetScreens puts each captured screen into its slot as a ```screen block;
// missing names the slots for which no screen was captured.
func SetScreens(md string, screens map[string]string) (out string, missing []string) {
	out = screenRe.ReplaceAllStringFunc(md, func(slot string) string {
		name := screenRe.FindStringSubmatch(slot)[1]
		s, ok := screens[name]
		if !ok {
			missing = append(missing, name)
			return slot
		}
		return fmt.Sprintf("<!-- screen %s -->\n```screen\n%s\n```\n<!-- /screen -->", name, strings.TrimRight(s, "\n"))
	})
	return out, missing
}

// HTML renders the manual as one self-contained page.
func HTML(md []byte) ([]byte, error) {
	toc := &tocBuilder{}
	g := goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(toc, 100))),
		goldmark.WithRendererOptions(
			ghtml.WithUnsafe(), // our own file: the screen markers stay as comments
			renderer.WithNodeRenderers(util.Prioritized(screenRenderer{}, 100)),
		),
	)
	var body bytes.Buffer
	if err := g.Convert(md, &body); err != nil {
		return nil, err
	}
	b := body.String()
	// The table of contents goes before the first chapter.
	if i := strings.Index(b, "<h2"); i >= 0 {
		b = b[:i] + toc.html() + b[i:]
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, pageHead, html.EscapeString(toc.title), css)
	out.WriteString(b)
	out.WriteString(pageFoot)
	return out.Bytes(), nil
}

const pageHead = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>%s</style>
</head>
<body>
<main>
`

const pageFoot = `</main>
</body>
</html>
`

// css: readable on screen, A4 when printed. Screens keep the terminal's
// columns whatever fonts the PC has: every non-ASCII character sits in a
// box one or two columns (ch) wide.
const css = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; color: #222; background: #fff; line-height: 1.75;
  font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
main { max-width: 58em; margin: 0 auto; padding: 1.5em 2em 4em; }
h1 { font-size: 1.9em; color: #8a1c1c; border-bottom: 3px solid #8a1c1c; padding-bottom: .2em; margin-bottom: .3em; }
h2 { font-size: 1.45em; color: #8a1c1c; border-bottom: 1px solid #d8c8c8; margin-top: 2.2em; }
h3 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #bbb; padding: .3em .7em; vertical-align: top; text-align: left; }
th { background: #f3ece4; }
code { font-family: Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; background: #f3f3f3; padding: 0 .25em; border-radius: 3px; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: .6em .9em; overflow-x: auto; line-height: 1.4; }
pre code { background: none; padding: 0; white-space: pre-wrap; }
pre.screen { background: #161616; color: #e6e6e6; border: 1px solid #444; padding: .5em .6em; width: max-content; max-width: 100%;
  font-family: Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; line-height: 1.3; }
pre.screen i, pre.screen b { display: inline-block; font-style: normal; font-weight: normal; overflow: visible; }
pre.screen i { width: 2ch; }
pre.screen b { width: 1ch; text-align: center; }
nav.toc { background: #faf7f2; border: 1px solid #e5dccf; padding: .6em 1.2em; margin: 1.2em 0; }
nav.toc ul { margin: .2em 0; padding-left: 1.4em; }
nav.toc > ul { padding-left: 0; list-style: none; columns: 2; column-gap: 2em; }
nav.toc > ul > li { break-inside: avoid; }
nav.toc a { color: #5a1313; text-decoration: none; }
@media print {
  @page { size: A4; margin: 15mm 14mm 16mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  pre, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  pre.screen { background: #fff; color: #000; border: 1px solid #888; font-size: 7.4pt; }
  nav.toc a { color: #000; }
}
`

// tocBuilder numbers the chapters and sections (ids s1, s1-2 …) and
// collects the table of contents.
type tocBuilder struct {
	title   string
	entries []tocEntry
}

type tocEntry struct {
	level    int
	id, text string
}

func (t *tocBuilder) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	h2, h3 := 0, 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		txt := plainText(h, src)
		var id string
		switch h.Level {
		case 1:
			t.title = txt
			return ast.WalkSkipChildren, nil
		case 2:
			h2, h3 = h2+1, 0
			id = fmt.Sprintf("s%d", h2)
		case 3:
			h3++
			id = fmt.Sprintf("s%d-%d", h2, h3)
		default:
			return ast.WalkSkipChildren, nil
		}
		h.SetAttributeString("id", []byte(id))
		t.entries = append(t.entries, tocEntry{h.Level, id, txt})
		return ast.WalkSkipChildren, nil
	})
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func (t *tocBuilder) html() string {
	var b strings.Builder
	b.WriteString("<nav class=\"toc\"><strong>目录</strong>\n<ul>\n")
	open := false
	for _, e := range t.entries {
		link := fmt.Sprintf("<a href=\"#%s\">%s</a>", e.id, html.EscapeString(e.text))
		switch {
		case e.level == 2:
			if open {
				b.WriteString("</ul></li>\n")
				open = false
			}
			b.WriteString("<li>" + link)
			b.WriteString("<ul>\n")
			open = true
		default:
			b.WriteString("<li>" + link + "</li>\n")
		}
	}
	if open {
		b.WriteString("</ul></li>\n")
	}
	b.WriteString("</ul>\n</nav>\n")
	// Chapters without sections get no empty list.
	return strings.ReplaceAll(b.String(), "<ul>\n</ul>", "")
}

// screenRenderer draws ```screen blocks cell by cell.
type screenRenderer struct{}

func (screenRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFenced)
}

// The UI measures ambiguous characters (“ ” … ─ │) as one column.
var width = &runewidth.Condition{EastAsianWidth: false}

func renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	lang := string(n.Language(src))
	var lines []string
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		lines = append(lines, string(seg.Value(src)))
	}
	body := strings.Join(lines, "")
	if lang != "screen" {
		w.WriteString("<pre><code")
		if lang != "" {
			w.WriteString(` class="language-` + html.EscapeString(lang) + `"`)
		}
		w.WriteString(">" + html.EscapeString(body) + "</code></pre>\n")
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<pre class="screen">`)
	w.WriteString(ScreenHTML(body))
	w.WriteString("</pre>\n")
	return ast.WalkSkipChildren, nil
}

// ScreenHTML escapes a captured screen and boxes each non-ASCII character
// in its terminal width, so columns line up in any browser font.
func ScreenHTML(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteString(html.EscapeString(string(r)))
		case width.RuneWidth(r) == 2:
			b.WriteString("<i>" + string(r) + "</i>")
		default:
			b.WriteString("<b>" + string(r) + "</b>")
		}
	}
	return b.String()
}
