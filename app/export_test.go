package app

import (
	"archive/zip"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSignDate(t *testing.T) {
	for in, want := range map[string]string{
		"2027年1月20日":    "2027年1月20日",
		" 2027年01月20日 ": "2027年1月20日",
		"2027-1-20":     "2027年1月20日",
		"2027.01.20":    "2027年1月20日",
		"2027/1/20":     "2027年1月20日",
		"２０２７年１月２０日":    "2027年1月20日", // full-width digits from an IME
		"2028年2月29日":    "2028年2月29日",
	} {
		if got, err := SignDate(in); err != nil || got != want {
			t.Errorf("SignDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "明天", "2027年13月1日", "2027年2月29日", "2027年1月", "27年1月20日", "2027年1月20日下午"} {
		if got, err := SignDate(bad); err == nil {
			t.Errorf("SignDate(%q) = %q, want a refusal", bad, got)
		}
	}
	if got := Today(time.Date(2027, 1, 5, 23, 0, 0, 0, time.UTC)); got != "2027年1月5日" {
		t.Errorf("Today %q", got)
	}
}

func docxText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no document.xml")
	return ""
}

// An export without 成文日期 says so; a date given with the export is
// printed (and a bad one refused before anything is written).
func TestExportAndTheSignDate(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(filepath.Join(dir, "t.db"), Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	id, err := a.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Set(id, [][2]string{{"meta.sign_date", ""}}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := a.Export(ctx, id, ExportOptions{Formats: []string{"docx", "xlsx"}, Target: filepath.Join(dir, "a") + "/"})
	if err != nil || !res.NoSignDate || len(res.Paths) != 2 {
		t.Fatalf("no date: %+v %v", res, err)
	}
	res, err = a.Export(ctx, id, ExportOptions{Formats: []string{"xlsx", "json"}, Target: filepath.Join(dir, "b") + "/"})
	if err != nil || res.NoSignDate {
		t.Errorf("a workbook has no closing: %+v %v", res, err)
	}
	res, err = a.Export(ctx, id, ExportOptions{Formats: []string{"docx"}, Target: filepath.Join(dir, "c.docx"), SignDate: "2027-1-20"})
	if err != nil || res.NoSignDate {
		t.Fatalf("with a date: %+v %v", res, err)
	}
	if !strings.Contains(docxText(t, res.Paths[0]), "2027年1月20日") {
		t.Error("the date given is printed")
	}
	if _, err := a.Export(ctx, id, ExportOptions{Formats: []string{"docx"}, Target: filepath.Join(dir, "d.docx"), SignDate: "下周"}); err == nil ||
		!strings.Contains(err.Error(), "成文日期") {
		t.Errorf("a bad date: %v", err)
	}
	if _, err := a.Export(ctx, id, ExportOptions{Formats: []string{"docx"}, Target: filepath.Join(dir, "e.docx"), Fonts: "mac"}); err == nil {
		t.Error("unknown font set accepted")
	}
}
