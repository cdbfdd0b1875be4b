package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"nianbao/export"
	"nianbao/internal/sample"
	"nianbao/model"
)

// check is what every reader owes any input: no panic, and either a report
// or a Chinese message.
func check(t *testing.T, name string, data []byte) {
	res, err := Read(name, data, Options{})
	if err != nil {
		if !regexp.MustCompile(`\p{Han}`).MatchString(err.Error()) {
			t.Fatalf("message not in Chinese: %v", err)
		}
		return
	}
	if res.Report == nil {
		t.Fatal("no report and no error")
	}
	// Whatever was read must be a report the rest of the program can use.
	model.Check(res.Report, nil)
	if _, err := res.Report.MarshalJSON(); err != nil {
		t.Fatal(err)
	}
}

func seeds(f *testing.F, formats ...string) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.txt"))
	files = append(files, "testdata/pingtan-2021-pdftotext.txt")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	files = append(files, corpus...)
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(formats) == 0 {
			f.Add(b)
		}
	}
	for _, format := range formats {
		var b bytes.Buffer
		export.Render(&b, format, sample.Pingtan2022(), export.Options{})
		f.Add(b.Bytes())
	}
}

func FuzzImportText(f *testing.F) {
	seeds(f)
	f.Add([]byte("一、总体情况\n二、主动公开\n\t\t\t1\t2"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, "report.txt", data) })
}

func FuzzImportDOCX(f *testing.F) {
	seeds(f, "docx")
	f.Fuzz(func(t *testing.T, data []byte) { check(t, "report.docx", data) })
}

func FuzzImportMarkdown(f *testing.F) {
	seeds(f, "md")
	f.Add([]byte("## 一、总体情况\n### (一) 主动公开。\n## 二、主动公开\n| 规章 | 0 | 0 |  |\n|---|---|---|---|\n"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, "report.md", data) })
}

func FuzzImportHTML(f *testing.F) {
	seeds(f, "html", "html-fragment")
	f.Add([]byte(`<table><tr><td rowspan="99999" colspan="-3">1</td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, "report.html", data) })
}
