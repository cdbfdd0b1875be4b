package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/model"
	"nianbao/store"
)

// FormatInfo describes an export format.
type FormatInfo struct {
	ID   string // what --format takes
	Ext  string
	Name string // for the clerk
}

// ExportFormats lists the formats, the submission file first.
func ExportFormats() []FormatInfo {
	return []FormatInfo{{ID: "json", Ext: "json", Name: "JSON（本程序的数据文件，可再导入）"}}
}

// ExportOptions says what to write where.
type ExportOptions struct {
	Formats  []string
	Target   string // a file (one format), a folder, or "" for the current folder
	Force    bool   // replace existing files
	Fonts    string // "standard" | "windows" (Word)
	Encoding string // "utf-8" | "gb18030" (text)
}

// ExportResult lists the files written.
type ExportResult struct {
	Paths  []string
	Errors int // 错误 in the report: the files are a draft
}

// ExistsError refuses to replace a file without Force.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return "文件已存在：" + e.Path + "（命令行加 --force 覆盖）"
}

// DefaultFileName is {单位}{年度}年政府信息公开工作年度报告.{ext}, safe on Windows.
func DefaultFileName(r *model.Report, ext string) string {
	name := fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Meta.Agency, r.Year)
	name = strings.Map(func(c rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, c) || c < 0x20 {
			return '_'
		}
		return c
	}, name)
	return strings.TrimRight(name, ". ") + "." + ext
}

// Export writes a report in one or more formats and records the export in
// its history. Every file is checked before any is written, so a refusal
// writes nothing.
func Export(ctx context.Context, s *store.Store, id int64, o ExportOptions) (*ExportResult, error) {
	r, fs, err := Check(s, id)
	if err != nil {
		return nil, err
	}
	if len(o.Formats) == 0 {
		return nil, usage("请选择导出格式")
	}
	type job struct {
		f    FormatInfo
		path string
	}
	var jobs []job
	for _, id := range o.Formats {
		f, ok := formatInfo(id)
		if !ok {
			return nil, usage("导出格式“%s”无效：可用 %s", id, strings.Join(formatIDs(), "、"))
		}
		path, err := resolve(o.Target, r, f, len(o.Formats) > 1)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(path); err == nil && !o.Force {
			return nil, &ExistsError{path}
		}
		jobs = append(jobs, job{f, path})
	}
	res := &ExportResult{}
	res.Errors, _ = model.Tally(fs)
	for _, j := range jobs {
		if err := render(ctx, j.f.ID, j.path, r, o); err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, j.path)
	}
	if !s.ReadOnly() {
		if err := s.Snapshot(id, "导出"); err != nil {
			return res, err
		}
	}
	return res, nil
}

func formatInfo(id string) (FormatInfo, bool) {
	for _, f := range ExportFormats() {
		if f.ID == id {
			return f, true
		}
	}
	return FormatInfo{}, false
}

func formatIDs() []string {
	var out []string
	for _, f := range ExportFormats() {
		out = append(out, f.ID)
	}
	return out
}

// resolve turns a target into a file path: a folder gets the default name.
func resolve(target string, r *model.Report, f FormatInfo, several bool) (string, error) {
	if target == "" {
		target = "."
	}
	if st, err := os.Stat(target); (err == nil && st.IsDir()) || several || strings.HasSuffix(target, string(os.PathSeparator)) {
		if err := os.MkdirAll(target, 0o755); err != nil {
			return "", usage("无法创建文件夹 %s：%v", target, err)
		}
		return filepath.Join(target, DefaultFileName(r, f.Ext)), nil
	}
	if dir := filepath.Dir(target); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return "", usage("文件夹不存在：%s", dir)
		}
	}
	return target, nil
}

func render(ctx context.Context, format, path string, r *model.Report, o ExportOptions) error {
	switch format {
	case "json":
		b, err := r.MarshalJSON()
		if err != nil {
			return err
		}
		return WriteAtomic(path, append(b, '\n'))
	}
	return usage("导出格式“%s”无效", format)
}

// WriteAtomic writes a file through a temporary file and a rename, so a
// crash never leaves half a file under the real name.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".nianbao-*")
	if err != nil {
		return usage("无法写入文件夹 %s：%v", dir, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return usage("写入 %s 失败：%v", path, err)
	}
	return nil
}
