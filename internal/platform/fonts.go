package platform

import (
	"errors"
	"strings"
)

// ErrNoFontconfig: fc-list / fc-match are not installed.
var ErrNoFontconfig = errors.New("没有 fontconfig（fc-list、fc-match）")

// Font is one official font of the report (GB/T 9704) with the names
// Windows registers it under, its usual file names, and the Windows font
// the export's "Windows 自带字体" set uses in its place.
type Font struct {
	Name     string
	Role     string
	Aliases  []string
	Files    []string
	Fallback string
}

// OfficialFonts are the fonts the Word export names (export/docx.go).
var OfficialFonts = []Font{
	{Name: "仿宋_GB2312", Role: "正文", Aliases: []string{"FangSong_GB2312"}, Files: []string{"仿宋_GB2312.ttf", "FS_GB2312.ttf", "FangSong_GB2312.ttf"}, Fallback: "仿宋"},
	{Name: "楷体_GB2312", Role: "二级标题", Aliases: []string{"KaiTi_GB2312"}, Files: []string{"楷体_GB2312.ttf", "KT_GB2312.ttf", "KaiTi_GB2312.ttf"}, Fallback: "楷体"},
	{Name: "黑体", Role: "一级标题", Aliases: []string{"SimHei"}, Files: []string{"simhei.ttf"}},
	{Name: "方正小标宋简体", Role: "标题", Aliases: []string{"FZXiaoBiaoSong-B05S"}, Files: []string{"方正小标宋简体.ttf", "FZXBSJW.ttf", "FZXBSJW--GB1-0.ttf"}, Fallback: "宋体"},
	{Name: "宋体", Role: "表格、页码", Aliases: []string{"SimSun"}, Files: []string{"simsun.ttc"}},
}

// WindowsFonts are the fonts every Chinese Windows has, by the same rules.
var WindowsFonts = map[string]Font{
	"仿宋": {Name: "仿宋", Aliases: []string{"FangSong"}, Files: []string{"simfang.ttf"}},
	"楷体": {Name: "楷体", Aliases: []string{"KaiTi"}, Files: []string{"simkai.ttf"}},
	"宋体": {Name: "宋体", Aliases: []string{"SimSun"}, Files: []string{"simsun.ttc"}},
}

// FontReport says whether a font is installed, and what would be used
// instead when it is not.
type FontReport struct {
	Font       Font
	Installed  bool
	Substitute string // the font used instead ("" = unknown)
	Err        error  // the check itself failed
}

// Installed decides from the font names Windows has registered (the value
// names of HKLM/HKCU …\Windows NT\CurrentVersion\Fonts, such as
// "SimSun & NSimSun (TrueType)") and the file names in the Fonts folders.
func (f Font) Installed(registered, files []string) bool {
	want := map[string]bool{strings.ToLower(f.Name): true}
	for _, a := range f.Aliases {
		want[strings.ToLower(a)] = true
	}
	for _, r := range registered {
		if i := strings.LastIndex(r, " ("); i > 0 && strings.HasSuffix(r, ")") {
			r = r[:i]
		}
		for _, n := range strings.Split(r, "&") {
			if want[strings.ToLower(strings.TrimSpace(n))] {
				return true
			}
		}
	}
	for _, file := range files {
		for _, w := range f.Files {
			if strings.EqualFold(file, w) {
				return true
			}
		}
	}
	return false
}

// windowsReport is the verdict for one font on Windows: Word replaces a
// missing font by its own choice; the export's Windows font set uses the
// fallback, so that is what we name when it is there.
func windowsReport(f Font, registered, files []string) FontReport {
	r := FontReport{Font: f, Installed: f.Installed(registered, files)}
	if !r.Installed && f.Fallback != "" && WindowsFonts[f.Fallback].Installed(registered, files) {
		r.Substitute = f.Fallback
	}
	return r
}

// FirstFamily is the first of fc-match's comma-separated family names.
func FirstFamily(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), ",")
	return strings.TrimSpace(s)
}
