package app

import (
	"database/sql"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/export"
	"nianbao/internal/errs"
	"nianbao/model"
	"nianbao/store"
)

func TestFitName(t *testing.T) {
	agency := strings.Repeat("某某市某某区人民政府办公室", 10)
	file := export.DefaultFileName(model.New(model.Format2021, agency, 2024), "docx")
	// Linux: 255 bytes per name.
	got := fitName("/home/科员/文档", file, agency, 2024, 4095)
	if len(got) > 255 || !strings.HasPrefix(got, "某某市某某区") || !strings.HasSuffix(got, "…2024年政府信息公开工作年度报告.docx") {
		t.Errorf("linux: %q (%d bytes)", got, len(got))
	}
	// Windows: 259 UTF-16 units for the whole path.
	dir := `C:\Users\科员\Documents\` + strings.Repeat("年度报告材料", 30)
	got = fitName(dir, file, agency, 2024, maxWindowsPath)
	if n := utf16Len(filepath.Join(dir, got)); n > maxWindowsPath || !strings.Contains(got, "2024年") || !strings.HasSuffix(got, ".docx") || !strings.HasPrefix(got, "某") {
		t.Errorf("windows: %q (%d units)", got, n)
	}
	// A folder too long for any name.
	if got := fitName(strings.Repeat(`\长`, 200), file, agency, 2024, maxWindowsPath); got != "" {
		t.Errorf("no room: %q", got)
	}
	// Short names stay as they are.
	if got := fitName("/tmp", "某局2024年政府信息公开工作年度报告.docx", "某局", 2024, 4095); got != "某局2024年政府信息公开工作年度报告.docx" {
		t.Error(got)
	}
	// A name of the clerk's own is cut from its end, whole characters only.
	own := strings.Repeat("材", 100) + ".txt"
	if got := fitName("/tmp", own, "某局", 2024, 4095); len(got) > 255 || !utf8.ValidString(got) || !strings.HasSuffix(got, ".txt") {
		t.Errorf("own name: %q", got)
	}
	if export.SafeName("COM7") != "_COM7" || export.SafeName("lpt9.txt") != "_lpt9.txt" {
		t.Error("reserved Windows names")
	}
}

func TestCheckExt(t *testing.T) {
	docx, _ := export.Lookup("docx")
	html, _ := export.Lookup("html-fragment")
	for path, ok := range map[string]bool{"a.docx": true, "A.DOCX": true, "a": true, "a.txt": false, "a.doc": false} {
		if err := checkExt(path, docx); (err == nil) != ok || (err != nil && !errs.Is(err, errs.Refused)) {
			t.Errorf("%s: %v", path, err)
		}
	}
	if checkExt("片段.htm", html) != nil {
		t.Error(".htm for html")
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b]0;标题\a\x1b[2J红字局": "]0;标题[2J红字局",
		"甲\u009b31m乙\u0085丙":    "甲31m乙丙",
		"  某局\t办公室\r\n":         "某局 办公室",
		"正常的名字":                 "正常的名字",
		"\xff\xfe坏":             "坏",
	} {
		if got := CleanLine(in); got != want {
			t.Errorf("CleanLine(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clean("第一段\r\n第二段\t缩进\x1b[0m\x00", false); got != "第一段\n第二段\t缩进[0m" {
		t.Errorf("prose: %q", got)
	}
}

func openService(t *testing.T) (*Service, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nb.db")
	a, err := Open(path, Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, path
}

// Whatever an older version stored, the service hands out no control
// characters: the TUI draws what it gets.
func TestServiceHandsOutCleanText(t *testing.T) {
	a, _ := openService(t)
	r := model.New(model.Format2021, "\x1b[31m红字局", 2024)
	r.S6Text = "一\x07二\n三"
	prev := model.New(model.Format2021, "\x1b[31m红字局", 2023)
	id, err := a.st.Create(r, "new") // straight into the store, as older versions did
	if err != nil {
		t.Fatal(err)
	}
	a.st.Create(prev, "new")
	lines, _ := a.List(false)
	got, p, err := a.LoadWithPrevious(id)
	if err != nil || p == nil {
		t.Fatal(err, p)
	}
	for _, s := range []string{lines[0].Agency, got.Meta.Agency, got.Meta.Title, got.S6Text, p.Meta.Agency} {
		if strings.ContainsAny(s, "\x1b\a") {
			t.Errorf("handed out: %q", s)
		}
	}
	if got.S6Text != "一二\n三" {
		t.Errorf("prose: %q", got.S6Text)
	}
}

func TestSaveValidates(t *testing.T) {
	a, _ := openService(t)
	id, _, err := a.NewReport(NewOptions{Agency: "某局", Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := a.Load(id)
	for name, change := range map[string]func(*model.Report){
		"empty agency": func(x *model.Report) { x.Meta.Agency = " " },
		"year 20245":   func(x *model.Report) { x.Year = 20245 },
		"long text":    func(x *model.Report) { x.S6Text = strings.Repeat("长", MaxFieldChars+1) },
		"too much": func(x *model.Report) {
			for _, p := range x.Parts {
				x.Set("s1.parts."+p.Key+".text", strings.Repeat("多", MaxFieldChars))
			}
		},
	} {
		after := r.Clone()
		change(after)
		if err := a.Save(id, r, after); !errs.Is(err, errs.Refused) {
			t.Errorf("%s: %v", name, err)
		}
	}
	after := r.Clone()
	after.Set("meta.contact.phone", "0951-\x1b[2J1234567")
	if err := a.Save(id, r, after); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Load(id); got.Meta.Contact.Phone != "0951-[2J1234567" {
		t.Errorf("stored: %q", got.Meta.Contact.Phone)
	}
	if _, _, err := a.NewReport(NewOptions{Agency: "\x1b\a", Year: 2024}); !errs.Is(err, errs.Refused) {
		t.Errorf("an agency of control characters only: %v", err)
	}
}

// Issue 12 §3: a report that cannot be read is never listed as clean.
func TestListMarksUnreadableReports(t *testing.T) {
	a, path := openService(t)
	good, _ := a.Demo()
	bad, _ := a.Demo()
	a.Close()
	db, _ := sql.Open("sqlite", path)
	db.Exec(`UPDATE report SET format = '2099' WHERE id = ?`, bad)
	db.Close()
	a, err := Open(path, Options{Mode: Auto})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	lines, err := a.List(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if (l.ID == bad) != (l.Problem != "") {
			t.Errorf("report %d (good %d, bad %d): problem %q", l.ID, good, bad, l.Problem)
		}
	}
}

// Issue 12 §4: an export the history cannot record still succeeds.
func TestExportFromAReadOnlyViewSucceeds(t *testing.T) {
	a, path := openService(t)
	id, _ := a.Demo()
	ro, err := Open(path, Options{Mode: Auto})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	res, err := ro.Export(t.Context(), id, ExportOptions{Formats: []string{"json"}, Target: t.TempDir()})
	if err != nil || len(res.Paths) != 1 || !strings.Contains(strings.Join(res.Warnings, ""), "没有记入历史版本") {
		t.Errorf("read-only export: %+v %v", res, err)
	}
}

// Issue 12 §13: the store is reached through app only (tests aside).
func TestOnlyAppReachesTheStore(t *testing.T) {
	root := ".."
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		dir := strings.Split(filepath.ToSlash(rel), "/")[0]
		if dir == "app" || dir == "store" {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, im := range f.Imports {
			if v, _ := strconv.Unquote(im.Path.Value); v == "nianbao/store" {
				t.Errorf("%s imports nianbao/store: go through app.Service", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = store.SchemaVersion
}

// The checks and cleaning of Service.Save against the store's own save
// (the baseline, same run): one cell edit in a report with 10,000
// characters of prose.
func benchmarkSave(b *testing.B, through func(a *Service) func(int64, *model.Report, *model.Report) error) {
	a, err := Open(filepath.Join(b.TempDir(), "nb.db"), Options{Mode: Write, Synchronous: "OFF"})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	r := model.Demo()
	r.Lead = strings.Repeat("政府信息公开工作稳步推进。", 770)
	id, _ := a.create(r, "demo")
	save := through(a)
	i := 0
	for b.Loop() {
		i++
		after := r.Clone()
		after.Set("s3.xinshou.ziranren", strconv.Itoa(i))
		if err := save(id, r, after); err != nil {
			b.Fatal(err)
		}
		r = after
	}
}

func BenchmarkSaveThroughService(b *testing.B) {
	benchmarkSave(b, func(a *Service) func(int64, *model.Report, *model.Report) error { return a.Save })
}

func BenchmarkSaveStoreBaseline(b *testing.B) {
	benchmarkSave(b, func(a *Service) func(int64, *model.Report, *model.Report) error { return a.st.Save })
}
