package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

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

// Summary describes the result for the preview: what was read, the
// numbers that could not be placed first (they need the clerk), the
// published report's own problems, then 表二, 表三 and 表四 as read with
// blank ("·") and uncertain ("?") cells marked.
func (res *ImportResult) Summary() []string {
	r := res.Report
	e, w := model.Tally(res.Findings)
	lines := []string{
		fmt.Sprintf("%s %d 年度报告（%s 版格式），读作：%s", r.Meta.Agency, r.Year, r.Format.ID, kindName(res.Kind)),
		fmt.Sprintf("读到 %d 格数字；%d 格空白；%d 个数字位置不确定（未填入）", res.CellsRead, len(res.Blanks), res.UncertainCount()),
	}
	if len(res.Uncertain) > 0 {
		lines = append(lines, "", "不确定的数字（没有填入，导入后请对照原报告填写）：")
		for _, u := range res.Uncertain {
			where := placeName(r.Format, u.Key)
			lines = append(lines, fmt.Sprintf("  ? 第 %d 行 “%s” → %s：%s", u.Line, clipRunes(u.Raw, 30), where, u.Reason))
		}
	}
	lines = append(lines, "")
	if e+w == 0 {
		lines = append(lines, "检查发现：原报告没有错误和警告")
	} else {
		lines = append(lines, fmt.Sprintf("检查发现：%d 个错误，%d 个警告（是原报告本身的问题，导入后可以看到）", e, w))
	}
	blankTotals := 0
	for _, f := range res.Findings {
		switch {
		case f.Kind == model.KindBlankTotal:
			blankTotals++
		case f.Level != model.Info && !f.IsBlank():
			lines = append(lines, "  "+f.Level.Chinese()+" "+f.Rule+"："+f.Message)
		}
	}
	if len(res.Blanks) > 0 {
		lines = append(lines, fmt.Sprintf("  警告 R5：原报告有 %d 格空白（应填 0）", len(res.Blanks)))
	}
	if blankTotals > 0 {
		lines = append(lines, fmt.Sprintf("  警告 R5：原报告有 %d 个合计印为空白（应印出合计数）", blankTotals))
	}
	for _, n := range res.Notes {
		lines = append(lines, "说明："+n)
	}
	lines = append(lines, "", "表格（· 原报告空白，? 位置不确定、没有填入）：")
	return append(lines, res.tablesPreview()...)
}

// UncertainCount is how many numbers could not be placed.
func (res *ImportResult) UncertainCount() int {
	n := 0
	for _, u := range res.Uncertain {
		n += max(u.Count, 1)
	}
	return n
}

// placeName names where an uncertain number belongs, as far as known.
func placeName(f *model.Format, key string) string {
	if c, ok := f.Cell(key); ok {
		return c.Label()
	}
	parts := strings.Split(key, ".")
	if t := f.Table(parts[0]); t != nil {
		if len(parts) > 1 {
			if i := t.RowIndex(parts[1]); i >= 0 {
				return t.Name + "「" + t.Rows[i].Group + t.Rows[i].Label + "」行"
			}
		}
		return t.Name + "（哪一行无法确定）"
	}
	if t := f.Table(strings.Join(parts[:min(2, len(parts))], ".")); t != nil {
		if len(parts) > 2 {
			if i := t.RowIndex(parts[2]); i >= 0 {
				return t.Name + "「" + t.Rows[i].Label + "」行"
			}
		}
		return t.Name
	}
	return key
}

func clipRunes(s string, n int) string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	if len(rs) <= n {
		return string(rs)
	}
	return string(rs[:n-1]) + "…"
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

// shortCol names a column in the narrow preview.
var shortCol = map[string]string{"本年制发件数": "制发", "本年废止件数": "废止", "现行有效件数": "有效", "本年新制作数量": "新制作",
	"本年新公开数量": "新公开", "对外公开总数量": "总数", "上一年项目数量": "上年数", "本年增/减": "增减", "处理决定数量": "决定数",
	"本年处理决定数量": "决定数", "本年收费金额（单位：万元）": "万元", "采购项目数量": "项目数", "采购总金额": "金额",
	"自然人": "自然人", "商业企业": "商业", "科研机构": "科研", "社会公益组织": "公益", "法律服务机构": "法律", "其他": "其他", "总计": "总计",
	"结果维持": "维持", "结果纠正": "纠正", "其他结果": "其他", "尚未审结": "未结"}

// tablesPreview draws 表二, 表三 and 表四 as read, with their captions and
// group headings: "·" a cell the published report left blank, "?" a
// blank cell of a row whose numbers could not all be placed.
func (res *ImportResult) tablesPreview() []string {
	r := res.Report
	blank := map[string]bool{}
	for _, k := range res.Blanks {
		blank[k] = true
	}
	unsure := map[string]bool{} // table or row keys with unplaced numbers
	for _, u := range res.Uncertain {
		unsure[u.Key] = true
	}
	const labelW, cellW = 26, 7
	var out []string
	lastSection := 0
	for _, t := range r.Format.Tables {
		if t.Section != lastSection {
			lastSection = t.Section
			out = append(out, map[int]string{2: "表二", 3: "表三", 4: "表四"}[t.Section])
		}
		head := strings.Repeat(" ", labelW+2)
		if t.Caption != "" {
			head = "  " + runewidth.FillRight(t.Caption, labelW)
		}
		for _, c := range t.Cols {
			name := shortCol[c.Label]
			if name == "" {
				name = runewidth.Truncate(c.Label, cellW-1, "")
			}
			head += runewidth.FillLeft(name, cellW)
		}
		out = append(out, head)
		group := ""
		for i, row := range t.Rows {
			indent := "  "
			if row.Head != "" && row.Key != t.TotalRow {
				indent = "    "
			}
			if row.Head != "" && row.Key != t.TotalRow && (i == 0 || t.Rows[i-1].Head != row.Head) {
				out = append(out, "  "+row.Head)
			}
			if row.Group != "" && row.Group != group {
				out = append(out, indent+row.Group)
			}
			group = row.Group
			if row.Group != "" {
				indent += "  "
			}
			label := row.Label
			line := indent + runewidth.FillRight(runewidth.Truncate(label, labelW+2-runewidth.StringWidth(indent), "…"), labelW+2-runewidth.StringWidth(indent))
			rowUnsure := unsure[t.Key] || unsure[t.Key+"."+row.Key]
			for j := range t.Cols {
				ref := model.CellRef{Table: t, Row: i, Col: j}
				v := r.Value(ref).Format(ref.Kind())
				if !ref.Computed() && !r.Raw(ref).Set {
					v = ""
				}
				switch {
				case ref.Computed():
					if p, ok := r.Published[ref.Key()]; ok {
						v = p.Format(ref.Kind())
						if !p.Set {
							v = "·"
						}
					}
				case unsure[ref.Key()] || v == "" && rowUnsure:
					v = "?"
				case blank[ref.Key()] || v == "":
					v = "·"
				}
				line += runewidth.FillLeft(v, cellW)
			}
			out = append(out, line)
		}
	}
	return out
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

// ImportFile is a file of a folder that the importer may read.
type ImportFile struct {
	Path     string
	Name     string
	Size     int64
	Modified time.Time
}

// importExts are the kinds of file the importer reads.
var importExts = map[string]bool{".txt": true, ".text": true, ".html": true, ".htm": true, ".md": true, ".markdown": true,
	".docx": true, ".json": true}

// maxFolderFiles bounds a folder listing.
const maxFolderFiles = 1000

// ListImportable lists the files of a folder the importer may read, newest
// first (last year's report is usually the latest download).
func ListImportable(dir string) ([]ImportFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, usage("无法打开文件夹 %s", dir)
	}
	var out []ImportFile
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || !importExts[strings.ToLower(filepath.Ext(name))] {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		out = append(out, ImportFile{Path: filepath.Join(dir, name), Name: name, Size: info.Size(), Modified: info.ModTime()})
		if len(out) >= maxFolderFiles {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Modified.After(out[j].Modified) })
	return out, nil
}
