package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// reportLike makes about size bytes of report-like text: the 平潭 2021
// fixture's opening and sections, then paragraphs of 110 Han characters
// without a full stop (the shape that made joining quadratic), then its
// tables.
func reportLike(t testing.TB, size int) []byte {
	b, err := os.ReadFile(filepath.Join(fixtures, "pingtan-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	head, tail, _ := strings.Cut(s, "二、主动公开政府信息情况")
	line := strings.Repeat("政府信息公开工作稳步推进各项任务落实到位", 6)[:110*3] + "\n"
	var out strings.Builder
	out.WriteString(head)
	for out.Len() < size-len(tail) {
		out.WriteString(line)
	}
	out.WriteString("二、主动公开政府信息情况")
	out.WriteString(tail)
	return []byte(out.String())
}

// pdfLike makes about size bytes of pdftotext -layout text: the 平潭 2021
// report as printed, with a paragraph of margin-aligned continuation lines
// that never ends (the shape that made joining PDF lines quadratic).
func pdfLike(t testing.TB, size int) []byte {
	b, err := os.ReadFile("testdata/pingtan-2021-pdftotext.txt")
	if err != nil {
		t.Fatal(err)
	}
	head, tail, _ := strings.Cut(string(b), "   二、主动公开政府信息情况")
	line := strings.Repeat("政府信息公开工作稳步推进各项任务落实到位", 2)[:28*3] + "\n"
	var out strings.Builder
	out.WriteString(head + "   全年")
	for out.Len() < size-len(tail) {
		out.WriteString(line)
	}
	out.WriteString("   二、主动公开政府信息情况" + tail)
	return []byte(out.String())
}

// Reading is linear in the input: the cost per byte of 10 MB is within
// twice that of 100 KB (compare the sub-benchmarks' MB/s), for web text
// and for PDF text alike.
func BenchmarkImportText(b *testing.B) {
	for _, c := range []struct {
		name string
		make func(testing.TB, int) []byte
	}{{"web", reportLike}, {"pdf", pdfLike}} {
		for _, size := range []int{100 << 10, 10 << 20} {
			data := c.make(b, size)
			b.Run(fmt.Sprintf("%s-%dKB", c.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Read("r.txt", data, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// spanFlood is one table of 12,000 cells each spanning 64 rows and 64
// columns: 128 KB of HTML that once took a gigabyte.
func spanFlood() []byte {
	var b strings.Builder
	b.WriteString("<html><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p><table>")
	for r := 0; r < 120; r++ {
		b.WriteString("<tr>")
		for c := 0; c < 100; c++ {
			b.WriteString(`<td rowspan=64 colspan=64>1</td>`)
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table></body></html>")
	return []byte(b.String())
}

func BenchmarkImportHTMLSpanFlood(b *testing.B) {
	data := spanFlood()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Read("flood.html", data, Options{Org: "某局", Year: 2024})
	}
}

// docxOf wraps a document body in the smallest .docx.
func docxOf(t testing.TB, body func(w *bytes.Buffer)) []byte {
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	body(&doc)
	doc.WriteString(`</w:body></w:document>`)
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(doc.Bytes())
	zw.Close()
	return z.Bytes()
}

// paragraphs of 110 Han characters without a full stop, size bytes of XML.
func longParagraphs(size int) func(w *bytes.Buffer) {
	p := `<w:p><w:r><w:t>` + strings.Repeat("政府信息公开工作稳步推进", 11)[:110*3] + `</w:t></w:r></w:p>`
	return func(w *bytes.Buffer) {
		w.WriteString(`<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>`)
		for w.Len() < size {
			w.WriteString(p)
		}
		w.WriteString(`<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>`)
	}
}

func BenchmarkImportDOCX(b *testing.B) {
	for _, size := range []int{4 << 20, 48 << 20} {
		data := docxOf(b, longParagraphs(size))
		b.Run(fmt.Sprintf("%dMB-document", size>>20), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Read("big.docx", data, Options{Org: "某局", Year: 2024})
			}
		})
	}
}

// Hostile files are read or refused quickly and in bounded memory; the
// benchmarks give the figures, these only guard against a hang.
func TestHostileFilesDoNotHang(t *testing.T) {
	cases := map[string][]byte{
		"flood.html":   spanFlood(),
		"big.docx":     docxOf(t, longParagraphs(48<<20)),
		"long.docx":    docxOf(t, longParagraphs(4<<20)),
		"long.txt":     reportLike(t, 2<<20),
		"long-pdf.txt": pdfLike(t, 2<<20),
	}
	for name, data := range cases {
		done := make(chan error, 1)
		go func() { _, err := Read(name, data, Options{Org: "某局", Year: 2024}); done <- err }()
		select {
		case err := <-done:
			if err != nil && !regexp.MustCompile(`\p{Han}`).MatchString(err.Error()) {
				t.Errorf("%s: %v", name, err)
			}
			if name == "big.docx" && (err == nil || !strings.Contains(err.Error(), "太大")) {
				t.Errorf("a 48 MB document body must be refused as too large: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: still reading after 20 s", name)
		}
	}
}

// Project JSON that is not a report gets a message, not a panic.
func TestJSONThatIsNotAReport(t *testing.T) {
	for _, s := range []string{`{"nianbao":"1"}`, `null`, `true`, `false`, `{}`, `[]`, `[1,2]`, `{"nianbao":1}`,
		`{"nianbao":1,"meta":null}`, `{"nianbao":1,"meta":{"format":"2021","year":"x"}}`, `{"nianbao":-1}`, `"text"`, `12`} {
		res, err := Read("r.json", []byte(s), Options{})
		if err == nil {
			t.Errorf("%s: read as %+v", s, res.Report)
			continue
		}
		if !regexp.MustCompile(`\p{Han}`).MatchString(err.Error()) || strings.Contains(err.Error(), "json:") {
			t.Errorf("%s: %v", s, err)
		}
	}
}
