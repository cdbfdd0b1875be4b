package app

import (
	"context"
	"errors"
	"nianbao/internal/errs"
	"nianbao/internal/tempfile"
	"os"
	"path/filepath"
	"strings"

	"nianbao/export"
	"nianbao/model"
)

// FormatInfo describes an export format.
type FormatInfo = export.Format

// ExportFormats lists the formats, the submission file first.
func ExportFormats() []FormatInfo { return export.Formats }

// ExportOptions says what to write where.
type ExportOptions struct {
	Formats  []string
	Target   string // a file (one format), a folder, or "" for the current folder
	Name     string // the file name in a folder, without extension ("" = the default)
	Force    bool   // replace existing files
	Fonts    string // "standard" | "windows" (Word)
	Encoding string // "utf-8" | "gb18030" (text)
}

// ExportResult lists the files written.
type ExportResult struct {
	Paths  []string
	Errors int    // 错误 in the report: the files are a draft
	Note   string // why the export is not in the history ("" when it is)
}

// ExistingFile tells whether err refuses to replace a file without Force,
// and which file.
func ExistingFile(err error) (string, bool) {
	var e *errs.Error
	if errors.As(err, &e) && e.Kind == errs.Exists {
		return e.Path, true
	}
	return "", false
}

// DefaultFileName is {单位}{年度}年政府信息公开工作年度报告.{ext}, safe on Windows.
func DefaultFileName(r *model.Report, format string) string { return export.DefaultFileName(r, format) }

// Export writes a report in one or more formats and records the export in
// its history. Every target is checked before any file is written, so a
// refusal writes nothing.
func (a *Service) Export(ctx context.Context, id int64, o ExportOptions) (*ExportResult, error) {
	r, fs, err := a.Check(id)
	if err != nil {
		return nil, err
	}
	if len(o.Formats) == 0 {
		return nil, usage("请选择导出格式")
	}
	switch o.Fonts {
	case "", "standard", "windows":
	default:
		return nil, usage("--fonts 只能是 standard（标准公文字体）或 windows（Windows 自带字体）")
	}
	switch strings.ToLower(o.Encoding) {
	case "", "utf-8", "utf8", "gb18030":
	default:
		return nil, usage("--encoding 只能是 utf-8 或 gb18030")
	}
	type job struct{ format, path string }
	var jobs []job
	seen := map[string]bool{}
	for _, id := range o.Formats {
		if _, ok := export.Lookup(id); !ok {
			return nil, usage("导出格式“%s”无效：可用 %s", id, strings.Join(formatIDs(), "、"))
		}
		path, err := resolve(o.Target, o.Name, r, id, len(o.Formats) > 1)
		if err != nil {
			return nil, err
		}
		if seen[path] {
			return nil, usage("两种格式会写到同一个文件 %s：请用文件夹作为 -o", path)
		}
		seen[path] = true
		if _, err := os.Stat(path); err == nil && !o.Force {
			return nil, export.Exists(path)
		}
		jobs = append(jobs, job{id, path})
	}
	res := &ExportResult{}
	res.Errors, _ = model.Tally(fs)
	eo := export.Options{Fonts: o.Fonts, Encoding: o.Encoding}
	for _, j := range jobs {
		if err := export.ToFile(ctx, j.format, j.path, r, eo, o.Force); err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, j.path)
	}
	// The files are written: whatever happens to the history, the export
	// succeeded.
	if why := a.st.ReadOnlyReason(); why != "" {
		res.Note = "这次导出没有记入历史版本：" + why
	} else if err := a.st.Snapshot(id, "导出"); err != nil {
		res.Note = "这次导出没有记入历史版本：" + err.Error()
	}
	return res, nil
}

func formatIDs() []string {
	var out []string
	for _, f := range export.Formats {
		out = append(out, f.ID)
	}
	return out
}

// resolve turns a target into a file path: a folder gets the default name.
func resolve(target, name string, r *model.Report, format string, several bool) (string, error) {
	if target == "" {
		target = "."
	}
	st, err := os.Stat(target)
	isDir := err == nil && st.IsDir()
	if isDir || several || strings.HasSuffix(target, "/") || strings.HasSuffix(target, string(os.PathSeparator)) {
		if err := os.MkdirAll(target, 0o755); err != nil {
			return "", usage("无法创建文件夹 %s：%v", target, err)
		}
		file := export.DefaultFileName(r, format)
		if name = strings.TrimSpace(name); name != "" {
			f, _ := export.Lookup(format)
			if format == "html-fragment" {
				name += "（网页片段）"
			}
			file = export.SafeName(name) + "." + f.Ext
		}
		abs, err := filepath.Abs(target)
		if err != nil {
			return "", usage("文件夹路径无效：%s", target)
		}
		fit := fitName(abs, file, r.Meta.Agency, r.Year, maxPath())
		if fit == "" {
			return "", usage("文件夹 %s 的路径太长，放不下导出的文件：请换一个路径短一些的文件夹", target)
		}
		tempfile.Clean(target)
		return filepath.Join(target, fit), nil
	}
	f, _ := export.Lookup(format)
	if err := checkExt(target, f); err != nil {
		return "", err
	}
	if dir := filepath.Dir(target); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return "", usage("文件夹不存在：%s", dir)
		}
		tempfile.Clean(dir)
	}
	return target, nil
}
