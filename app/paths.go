package app

import (
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"nianbao/export"
	"nianbao/internal/errs"
)

// Limits of file names: 255 bytes per name (Linux, and 255 UTF-16 units on
// Windows, which the byte count covers), and on Windows 259 UTF-16 units
// per path (MAX_PATH without its terminating NUL) for programs that open
// files the classic way, as Word and WPS on older systems do.
const (
	maxNameBytes   = 255
	maxWindowsPath = 259
)

// maxPath is the longest path this system's programs reliably open.
func maxPath() int {
	if runtime.GOOS == "windows" {
		return maxWindowsPath
	}
	return 4095
}

// fitName shortens file (a name in dir) until it is a legal name and the
// path fits in limit: the agency is cut first (its first characters are
// kept and "…" marks the cut), then the words after the year, always
// keeping the year and the extension. It returns "" when even the short
// form does not fit (the folder's own path is too long).
func fitName(dir, file, agency string, year, limit int) string {
	fits := func(name string) bool {
		return len(name) <= maxNameBytes && utf16Len(filepath.Join(dir, name)) <= limit
	}
	if fits(file) {
		return file
	}
	ext := filepath.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	head := export.SafeName(strings.TrimSpace(agency))
	rest, ok := strings.CutPrefix(stem, head)
	if !ok { // a name the clerk chose: keep its beginning
		head, rest = stem, ""
	}
	short := strconv.Itoa(year) + "年年度报告"
	for _, tail := range []string{rest, short} {
		for n := utf8.RuneCountInString(head) - 1; n >= 1; n-- {
			if name := export.SafeName(string([]rune(head)[:n])+"…"+tail) + ext; fits(name) {
				return name
			}
		}
	}
	if name := short + ext; fits(name) {
		return name
	}
	return ""
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// checkExt refuses a file name whose extension names another format
// (-o 报告.txt --format docx); a name without one is taken as it is.
func checkExt(path string, f export.Format) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext == "" || ext == f.Ext || (f.Ext == "html" && ext == "htm") {
		return nil
	}
	return errs.New(errs.Refused, "文件名 %s 的扩展名 .%s 与导出格式 %s 不符：请用 .%s 结尾，或用 -o 指定文件夹", filepath.Base(path), ext, f.ID, f.Ext)
}
