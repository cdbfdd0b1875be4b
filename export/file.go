package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"nianbao/internal/errs"
	"nianbao/internal/tempfile"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"nianbao/model"
)

// Exists refuses to replace a file (kind Exists, with its path).
func Exists(path string) error {
	return &errs.Error{Kind: errs.Exists, Path: path, Msg: "文件已存在：" + path + "（命令行加 --force 覆盖）"}
}

// DefaultFileName is {单位}{年度}年政府信息公开工作年度报告.{ext}, safe as a
// Windows file name.
func DefaultFileName(r *model.Report, format string) string {
	f, _ := Lookup(format)
	ext := f.Ext
	if ext == "" {
		ext = format
	}
	name := SafeName(fmt.Sprintf("%s%d年政府信息公开工作年度报告", strings.TrimSpace(r.Meta.Agency), r.Year))
	switch {
	case format == "html-fragment":
		name += "（网页片段）"
	case IsQuality(format):
		name += "质量检查表"
	}
	return name + "." + ext
}

// SafeName replaces what Windows forbids in file names.
func SafeName(s string) string {
	s = strings.Map(func(c rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, c) || c < 0x20 || c == 0x7f {
			return '_'
		}
		return c
	}, s)
	s = strings.TrimRight(s, ". ")
	switch strings.ToUpper(strings.SplitN(s, ".", 2)[0]) {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		s = "_" + s
	}
	if s == "" {
		s = "年度报告"
	}
	return s
}

// WriteFile writes data atomically: a temporary file in the same folder,
// then a rename, so a crash never leaves half a file under the real name.
// An existing file is replaced only with force.
func WriteFile(path string, data []byte, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return Exists(path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempfile.Prefix()+"*") // the pid lets a later run clean up after a kill
	if err != nil {
		return fmt.Errorf("无法在文件夹 %s 中写入：%v", dir, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644) // a report is meant to be read by others
	}
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
		return fmt.Errorf("写入 %s 失败：%v", path, err)
	}
	return nil
}

// ToFile renders a report into a file; pdf goes through LibreOffice.
func ToFile(ctx context.Context, format, path string, r *model.Report, o Options, force bool) error {
	_, err := Save(ctx, format, path, r, o, force)
	return err
}

// Save is ToFile that also returns what the clerk should be told (the
// fonts a PDF lacks).
func Save(ctx context.Context, format, path string, r *model.Report, o Options, force bool) ([]string, error) {
	if format == "pdf" {
		return PDF(ctx, path, r, o, force)
	}
	var b bytes.Buffer
	if err := Render(&b, format, r, o); err != nil {
		return nil, err
	}
	return nil, WriteFile(path, b.Bytes(), force)
}

// ErrNoOffice says that PDF needs LibreOffice.
var ErrNoOffice = errors.New("未找到 LibreOffice：导出 PDF 需要安装 LibreOffice（统信/麒麟：在应用商店安装 LibreOffice；Windows：libreoffice.org）。也可以导出 Word 文档后在 Word 或 WPS 中“另存为 PDF”")

// findOffice looks for LibreOffice's soffice.
func findOffice() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	if runtime.GOOS == "windows" {
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)"} {
			p := filepath.Join(os.Getenv(env), "LibreOffice", "program", "soffice.exe")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	return "", ErrNoOffice
}

// Convert converts a file with LibreOffice into dir ("pdf", "csv", …) and
// returns the path of the result.
func Convert(ctx context.Context, src, to, dir string) (string, error) {
	office, err := findOffice()
	if err != nil {
		return "", err
	}
	profile, err := os.MkdirTemp("", "nianbao-office-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	// A private profile: a LibreOffice the clerk has open does not clash.
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation=file:///"+strings.TrimPrefix(filepath.ToSlash(profile), "/"),
		"--headless", "--convert-to", to, "--outdir", dir, src)
	out, err := cmd.CombinedOutput()
	base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	ext := strings.SplitN(to, ":", 2)[0]
	// One sheet of a workbook comes out as base-sheet.csv.
	found, _ := filepath.Glob(filepath.Join(dir, base+"*."+ext))
	if err != nil || len(found) == 0 {
		return "", fmt.Errorf("LibreOffice 转换失败：%v %s", err, strings.TrimSpace(string(out)))
	}
	return found[0], nil
}

// PDF writes the Word document and converts it with LibreOffice, after
// finding which of its fonts this computer lacks: the returned warning
// names them and what draws them instead.
func PDF(ctx context.Context, path string, r *model.Report, o Options, force bool) ([]string, error) {
	if _, err := os.Stat(path); err == nil && !force {
		return nil, Exists(path)
	}
	if _, err := findOffice(); err != nil {
		return nil, err
	}
	var warnings []string
	if w := CheckFonts(ctx, o.Fonts).Warning(); w != "" {
		warnings = append(warnings, w)
	}
	tmp, err := os.MkdirTemp("", "nianbao-pdf-")
	if err != nil {
		return warnings, err
	}
	defer os.RemoveAll(tmp)
	doc := filepath.Join(tmp, "report.docx")
	var b bytes.Buffer
	o.libreOffice = true
	if err := DOCX(&b, r, o); err != nil {
		return warnings, err
	}
	if err := os.WriteFile(doc, b.Bytes(), 0o600); err != nil {
		return warnings, err
	}
	pdf, err := Convert(ctx, doc, "pdf", tmp)
	if err != nil {
		return warnings, err
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		return warnings, err
	}
	return warnings, WriteFile(path, data, force)
}
