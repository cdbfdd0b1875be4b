package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"nianbao/export"
	"nianbao/internal/errs"
	"nianbao/internal/tempfile"
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
	// SignDate is the 成文日期 to print when the report has none (the TUI
	// asks for it; SignDate normalises what was typed).
	SignDate string
}

// ExportResult lists the files written.
type ExportResult struct {
	Paths      []string
	Errors     int      // 错误 in the report: the files are a draft
	NoSignDate bool     // a document was written without 成文日期
	Warnings   []string // Chinese, for the clerk (fonts missing for the PDF)
}

// NeedsSignDate tells whether an export in these formats prints the
// closing, whose 成文日期 the report lacks.
func NeedsSignDate(r *model.Report, formats []string) bool {
	if strings.TrimSpace(r.Meta.SignDate) != "" {
		return false
	}
	for _, f := range formats {
		switch f {
		case "docx", "pdf", "html", "html-fragment", "md", "txt":
			return true
		}
	}
	return false
}

// signDate matches a date typed with digits: 2027年1月20日, 2027-1-20,
// 2027.01.20, 2027/1/20.
var signDate = regexp.MustCompile(`^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$`)

// SignDate normalises a typed 成文日期 to the form GB/T 9704 prints,
// 2027年1月20日 (Arabic numerals, no leading zeros).
func SignDate(s string) (string, error) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	m := signDate.FindStringSubmatch(s)
	if m == nil {
		return "", usage("成文日期“%s”看不懂：请写成 2027年1月20日", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || d < 1 || t.Day() != d || y < 2000 || y > 2200 {
		return "", usage("成文日期“%s”不是有效的日期", s)
	}
	return fmt.Sprintf("%d年%d月%d日", y, mo, d), nil
}

// Today is a date written as the closing prints it.
func Today(now time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", now.Year(), int(now.Month()), now.Day())
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
	if o.SignDate != "" && strings.TrimSpace(r.Meta.SignDate) == "" {
		d, err := SignDate(o.SignDate)
		if err != nil {
			return nil, err
		}
		r.Meta.SignDate = d
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
	res := &ExportResult{NoSignDate: NeedsSignDate(r, o.Formats)}
	for _, f := range o.Formats {
		if !export.IsQuality(f) { // a quality table is no draft of the report
			res.Errors, _ = model.Tally(fs)
		}
	}
	eo := export.Options{Fonts: o.Fonts, Encoding: o.Encoding}
	var q *export.Quality
	for _, j := range jobs {
		if export.IsQuality(j.format) {
			if q == nil {
				if q, err = a.Quality([]int64{id}); err != nil {
					return res, err
				}
			}
			if err := export.SaveQuality(j.format, j.path, q, o.Force); err != nil {
				return res, err
			}
			res.Paths = append(res.Paths, j.path)
			continue
		}
		warnings, err := export.Save(ctx, j.format, j.path, r, eo, o.Force)
		res.Warnings = append(res.Warnings, warnings...)
		if err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, j.path)
	}
	// The files are written: whatever happens to the history, the export
	// succeeded.
	if why := a.st.ReadOnlyReason(); why != "" {
		res.Warnings = append(res.Warnings, "注意：这次导出没有记入历史版本："+why)
	} else if err := a.st.Snapshot(id, "导出"); err != nil {
		res.Warnings = append(res.Warnings, "注意：这次导出没有记入历史版本："+err.Error())
	}
	return res, nil
}

func formatIDs() []string {
	var out []string
	for _, f := range append(export.Formats[:len(export.Formats):len(export.Formats)], export.QualityFormats...) {
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
			switch {
			case format == "html-fragment":
				name += "（网页片段）"
			case export.IsQuality(format):
				name += "质量检查表"
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
