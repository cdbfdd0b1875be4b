package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-runewidth"

	"nianbao/importer"
	"nianbao/model"
)

// ImportOptions override what the file says.
type ImportOptions struct {
	Org  string
	Year int
	// Context stops a long read (the TUI's Esc); nil = never.
	Context context.Context
}

// Uncertain is a number the importer could not place with certainty: it is
// listed, never stored.
type Uncertain = importer.Uncertain

// ImportResult is what was read from a file, before it is stored.
type ImportResult struct {
	Report    *model.Report
	Name      string // file name
	Kind      string // what kind of file it was read as
	CellsRead int
	Blanks    []string
	Uncertain []Uncertain
	Notes     []string
	Findings  []model.Finding
}

// ReadImportFile reads a file for import. A folder, a missing or
// unreadable file and one over the size cap are refused before anything
// is read whole; the database is not touched (parse first, then store).
func ReadImportFile(ctx context.Context, path string, o ImportOptions) (*ImportResult, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usage("找不到文件 %s", path)
	case errors.Is(err, fs.ErrPermission):
		return nil, usage("没有权限读取文件 %s", path)
	case err != nil:
		return nil, usage("无法读取文件 %s", path)
	case st.IsDir():
		return nil, usage("%s 是一个文件夹，请选择其中的报告文件", path)
	case st.Size() > importer.MaxSize:
		return nil, usage("文件 %s 太大（%d MB），不像是一份年度报告", path, st.Size()>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usage("无法读取文件 %s", path)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, importer.MaxSize+1))
	if err != nil {
		return nil, usage("读取文件 %s 时出错", path)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o.Context = ctx
	return ReadImport(filepath.Base(path), data, o)
}

// ReadImport reads a report from a file's content.
func ReadImport(name string, data []byte, o ImportOptions) (*ImportResult, error) {
	res, err := readers(name, data, o)
	if err != nil {
		return nil, err
	}
	r := res.Report
	if err := CheckYear(r.Year); err != nil {
		return nil, err
	}
	res.Name = name
	res.Findings = model.Check(r, nil)
	return res, nil
}

// StoreImport stores a read report.
func (a *Service) StoreImport(res *ImportResult) (int64, error) {
	return a.st.Create(res.Report, "import:"+res.Name)
}

// Summary describes the result for the preview: what was read, what is
// uncertain or blank, and the published report's own problems.
func (res *ImportResult) Summary() []string {
	r := res.Report
	e, w := model.Tally(res.Findings)
	lines := []string{
		fmt.Sprintf("%s %d 年度报告（%s 版格式），读作：%s", r.Meta.Agency, r.Year, r.Format.ID, kindName(res.Kind)),
		fmt.Sprintf("读到 %d 格数字；%d 格空白；%d 个不确定的数字（未填入）", res.CellsRead, len(res.Blanks), len(res.Uncertain)),
	}
	if e+w == 0 {
		lines = append(lines, "检查发现：原报告没有错误和警告")
	} else {
		lines = append(lines, fmt.Sprintf("检查发现：%d 个错误，%d 个警告（是原报告本身的问题，导入后可以看到）", e, w))
	}
	lines = append(lines, res.table3Preview()...)
	for _, u := range res.Uncertain {
		lines = append(lines, fmt.Sprintf("不确定：第 %d 行 “%s” → %s（%s）", u.Line, u.Raw, u.Key, u.Reason))
	}
	for _, n := range res.Notes {
		lines = append(lines, "说明："+n)
	}
	for _, f := range res.Findings {
		if f.Level == model.Info || f.IsBlank() {
			continue
		}
		lines = append(lines, f.Level.Chinese()+" "+f.Rule+"："+f.Message)
	}
	if len(res.Blanks) > 0 {
		lines = append(lines, fmt.Sprintf("警告 R5：原报告有 %d 格空白（应填 0）", len(res.Blanks)))
	}
	return lines
}

// ImportRefused is an unreadable import; Need says when the file is a
// report whose agency or year the clerk must give.
type ImportRefused struct {
	Msg  string
	Need *importer.NeedInfo
}

func (e *ImportRefused) Error() string { return e.Msg }

func needOf(err error) *importer.NeedInfo {
	var n *importer.NeedInfo
	if errors.As(err, &n) {
		return n
	}
	return nil
}

func kindName(k string) string {
	names := map[string]string{"json": "本程序的 JSON", "text": "网页文字", "pdf-text": "PDF 文字", "docx": "Word 文档",
		"html": "网页", "markdown": "Markdown"}
	if n, ok := names[k]; ok {
		return n
	}
	return k
}

// readers reads a file with the importer.
func readers(name string, data []byte, o ImportOptions) (*ImportResult, error) {
	res, err := importer.Read(name, data, importer.Options{Org: o.Org, Year: o.Year, Context: o.Context})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, &ImportRefused{Msg: err.Error(), Need: needOf(err)}
	}
	return &ImportResult{Report: res.Report, Kind: res.Kind, CellsRead: res.CellsRead, Blanks: res.Blanks,
		Uncertain: res.Uncertain, Notes: res.Notes}, nil
}

// table3Preview draws 表三 as read: "·" for a cell the published report
// left blank, "?" for a row holding uncertain numbers (not stored).
func (res *ImportResult) table3Preview() []string {
	r := res.Report
	t := r.Format.Table("s3")
	blank := map[string]bool{}
	for _, k := range res.Blanks {
		blank[k] = true
	}
	unsure := false
	for _, u := range res.Uncertain {
		unsure = unsure || strings.HasPrefix(u.Key, "s3")
	}
	head := strings.Repeat(" ", 22)
	for _, h := range []string{"自然人", "商业", "科研", "公益", "法律", "其他", "总计"} {
		head += runewidth.FillLeft(h, 6)
	}
	out := []string{"表三（· 原报告空白，? 不确定）", head}
	for i, row := range t.Rows {
		line := "  " + runewidth.FillRight(runewidth.Truncate(row.Label, 20, ".."), 20)
		for j := range t.Cols {
			ref := model.CellRef{Table: t, Row: i, Col: j}
			v := r.Value(ref).Format(ref.Kind())
			switch {
			case blank[ref.Key()]:
				v = "·"
			case ref.Computed():
				if p, ok := r.Published[ref.Key()]; ok && !p.Set {
					v = "·"
				}
			}
			line += fmt.Sprintf("%6s", v)
		}
		out = append(out, line)
	}
	if unsure {
		out = append(out, "  ? 有数字无法确定位置，见下面的“不确定”各行")
	}
	return out
}
