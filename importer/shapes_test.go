package importer

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"nianbao/export"
	"nianbao/model"
)

// reportOf builds a report from a corpus expectation: the numbers typed by
// hand, blank where the publisher left a cell blank.
func reportOf(t *testing.T, e expectation) *model.Report {
	t.Helper()
	f, _ := model.FormatByID(e.Format)
	r := model.New(f, e.Agency, e.Year)
	for k, v := range e.Cells {
		ref, ok := f.Cell(k)
		if !ok {
			continue
		}
		if w := wantValue(t, ref, v, e.Cells[k+"_unit"]); w.Set {
			r.SetCell(k, w)
		}
	}
	r.Set("s1.lead", e.Agency+"全年共收到政府信息公开申请若干件。")
	r.Set("s5.wenti", "一是政策解读形式不够丰富。")
	r.Set("s5.gaijin", "下一步，我们将丰富解读形式。")
	r.Set("s6.text", "本年度未收取信息处理费。")
	return r
}

// browserCopy turns an HTML table page into what a browser's copy gives:
// cells separated by tabs, a row a line, cells covered by a span absent.
func browserCopy(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "tr":
				var cells []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						cells = append(cells, strings.Join(strings.Fields(textOf(c)), ""))
					}
				}
				b.WriteString(strings.Join(cells, "\t") + "\n")
				return
			case "p", "h1", "h2", "h3", "div":
				if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					b.WriteString(strings.TrimSpace(textOf(n)) + "\n")
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// Every corpus report, written in the shapes a clerk meets — the program's
// Word file, web page and CMS fragment, Markdown and text, a browser's copy
// of the web page (tabs, spans absent) and, where LibreOffice is installed,
// the Word file printed to PDF and read with pdftotext -layout — reads
// back to the same numbers (blank cells print as 0).
func TestEveryShapeReadsTheSameNumbers(t *testing.T) {
	corpus := loadCorpus(t)
	office, _ := exec.LookPath("soffice")
	pdftotext, _ := exec.LookPath("pdftotext")
	for i, e := range corpus {
		r := reportOf(t, e)
		shapes := map[string][]byte{}
		for _, s := range []struct{ format, name string }{
			{"docx", "r.docx"}, {"html", "r.html"}, {"html-fragment", "f.html"}, {"md", "r.md"}, {"txt", "r.txt"},
		} {
			var b bytes.Buffer
			if err := export.Render(&b, s.format, r, export.Options{}); err != nil {
				t.Fatal(err)
			}
			shapes[s.name] = b.Bytes()
		}
		shapes["copy.txt"] = []byte(browserCopy(t, shapes["r.html"]))
		// PDF text of two reports of each format: LibreOffice is slow.
		if office != "" && pdftotext != "" && i%4 == 0 {
			dir := t.TempDir()
			pdf := filepath.Join(dir, "r.pdf")
			if err := export.ToFile(context.Background(), "pdf", pdf, r, export.Options{}, false); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			shapes["pdf.txt"] = out
			// What a PDF reader copies: rows as lines, no layout.
			if out, err = exec.Command(pdftotext, "-raw", pdf, "-").Output(); err != nil {
				t.Fatal(err)
			}
			shapes["pdf-copy.txt"] = out
			// Reading order, columns read down: numbers may be unreadable,
			// but none may be wrong.
			if out, err = exec.Command(pdftotext, pdf, "-").Output(); err != nil {
				t.Fatal(err)
			}
			checkNoWrongNumber(t, e.File+" as plain PDF text", out, r)
		}
		for name, data := range shapes {
			res, err := Read(name, data, Options{})
			if err != nil {
				t.Errorf("%s as %s: %v", e.File, name, err)
				continue
			}
			got := res.Report
			if got.Meta.Agency != e.Agency || got.Year != e.Year || got.Format != r.Format {
				t.Errorf("%s as %s: %s %d %s", e.File, name, got.Meta.Agency, got.Year, got.Format.ID)
				continue
			}
			wrong := 0
			for _, k := range r.Format.CellKeys() {
				ref, _ := r.Format.Cell(k)
				if ref.Computed() {
					continue
				}
				want := r.Raw(ref)
				if !want.Set {
					want, _ = model.ParseValue(ref.Kind(), "0")
				}
				if g := got.Raw(ref); g.Format(ref.Kind()) != want.Format(ref.Kind()) {
					if wrong < 3 {
						t.Errorf("%s as %s: %s = %q, want %q", e.File, name, k, g.Format(ref.Kind()), want.Format(ref.Kind()))
					}
					wrong++
				}
			}
			if len(res.Uncertain) > 0 {
				t.Errorf("%s as %s: uncertain %v", e.File, name, res.Uncertain)
			}
		}
	}
}

// checkNoWrongNumber reads a shape where numbers may stay uncertain: every
// cell is right, or uncertain — never a wrong number, never a blank where
// the report has one.
func checkNoWrongNumber(t *testing.T, name string, data []byte, r *model.Report) {
	t.Helper()
	res, err := Read("plain.txt", data, Options{})
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for ref := range r.Format.TypedCells() {
		want := r.Raw(ref)
		if !want.Set {
			want, _ = model.ParseValue(ref.Kind(), "0")
		}
		got := res.Report.Raw(ref)
		if got.Format(ref.Kind()) == want.Format(ref.Kind()) || !got.Set && covered(res, ref.Key()) {
			continue
		}
		t.Errorf("%s: %s = %q, want %q", name, ref.Key(), got.Format(ref.Kind()), want.Format(ref.Kind()))
	}
}

// The browser-copy shape itself is what the pattern needs: a row with
// blank cells keeps their tabs.
func TestBrowserCopyKeepsBlankCells(t *testing.T) {
	page := []byte(`<table><tr><td>（一）予以公开</td><td>258</td><td>12</td><td></td><td></td><td>1</td><td>1</td><td></td></tr></table>`)
	if got := browserCopy(t, page); got != "（一）予以公开\t258\t12\t\t\t1\t1\t\n" {
		t.Errorf("%q", got)
	}
}

// Real saved pages as a clerk may hold them: printed to PDF (then copied
// or extracted with pdftotext) and saved as a Word file — here by
// LibreOffice. Every number is right or listed as uncertain, never wrong.
func TestSavedPagesPrintedAndSaved(t *testing.T) {
	office, _ := exec.LookPath("soffice")
	pdftotext, _ := exec.LookPath("pdftotext")
	if office == "" || pdftotext == "" {
		t.Skip("LibreOffice or pdftotext not installed (.ci/run installs them)")
	}
	dir := t.TempDir()
	var pages []expectation
	for _, e := range loadCorpus(t) {
		if e.Shape == "html" && len(pages) < 4 && (len(pages) == 0 || pages[len(pages)-1].Agency != e.Agency) {
			pages = append(pages, e)
		}
	}
	var names []string
	for i, e := range pages {
		b, err := os.ReadFile(filepath.Join(corpusDir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "p"+itoa(i)+".html")
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	for _, to := range []string{"pdf", "docx:MS Word 2007 XML"} {
		args := append([]string{profile, "--headless", "--convert-to", to, "--outdir", dir}, names...)
		if out, err := exec.Command(office, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v %s", err, out)
		}
	}
	for i, e := range pages {
		base := filepath.Join(dir, "p"+itoa(i))
		shapes := map[string][]byte{}
		for _, mode := range []string{"-layout", "-raw"} {
			out, err := exec.Command(pdftotext, mode, base+".pdf", "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			shapes["pdftotext "+mode] = out
		}
		docx, err := os.ReadFile(base + ".docx")
		if err != nil {
			t.Fatal(err)
		}
		shapes["docx"] = docx
		for how, data := range shapes {
			name := "r.txt"
			if how == "docx" {
				name = "r.docx"
			}
			res, err := Read(name, data, Options{})
			if err != nil {
				t.Errorf("%s as %s: %v", e.File, how, err)
				continue
			}
			r := res.Report
			if r.Meta.Agency != e.Agency || r.Year != e.Year || r.Format.ID != e.Format {
				t.Errorf("%s as %s: %s %d %s", e.File, how, r.Meta.Agency, r.Year, r.Format.ID)
				continue
			}
			read := 0
			for k, v := range e.Cells {
				ref, ok := r.Format.Cell(k)
				if !ok {
					continue
				}
				want := wantValue(t, ref, v, e.Cells[k+"_unit"])
				got := r.Raw(ref)
				switch {
				case got == want:
					read++
				case !got.Set && covered(res, k):
				default:
					t.Errorf("%s as %s: %s = %q, want %q", e.File, how, k, got.Format(ref.Kind()), want.Format(ref.Kind()))
				}
			}
			t.Logf("%s as %s: %d of %d cells read, %d uncertain entries", e.File, how, read, len(e.Cells), len(res.Uncertain))
		}
	}
}
