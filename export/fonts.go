package export

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Before LibreOffice turns the Word file into a PDF, the export finds
// which of the document's fonts this computer lacks: LibreOffice silently
// draws a missing 仿宋_GB2312 with whatever Chinese font it has, and a PDF
// that looks official but is not is worse than a warning. Linux asks
// fontconfig (fc-list, fc-match); Windows looks in its fonts folders.

// FontGap is a font of the document that is not installed.
type FontGap struct {
	Font       string
	Substitute string // what will draw it instead ("" when unknown)
}

// FontReport says which fonts are missing for a font set and whether the
// other set ("windows") is complete here.
type FontReport struct {
	Set        string
	Gaps       []FontGap
	WindowsSet bool // every font of the Windows set is installed
}

// Warning is the Chinese message for the clerk ("" when nothing is missing).
func (f FontReport) Warning() string {
	if len(f.Gaps) == 0 {
		return ""
	}
	var names, subs []string
	by := map[string][]string{} // substitute → the fonts it draws
	for _, g := range f.Gaps {
		names = append(names, g.Font)
		if g.Substitute != "" {
			if by[g.Substitute] == nil {
				subs = append(subs, g.Substitute)
			}
			by[g.Substitute] = append(by[g.Substitute], g.Font)
		}
	}
	msg := "注意：本机没有公文字体 " + strings.Join(names, "、") + "，PDF 中的这些文字改用其他字体"
	if len(subs) > 0 {
		var parts []string
		for _, s := range subs {
			parts = append(parts, s+" 代替"+strings.Join(by[s], "、"))
		}
		msg += "（" + strings.Join(parts, "；") + "）"
	} else {
		msg += "代替"
	}
	msg += "，字形与正式公文不同。"
	if f.Set != "windows" && f.WindowsSet {
		msg += "本机有 Windows 自带字体（仿宋、楷体、黑体、宋体）：可改用 --fonts windows（导出页“Word 字体”一行）。"
	} else {
		msg += "安装这些字体后重新导出，或在装有这些字体的电脑上用 Word/WPS 打开 Word 文档“另存为 PDF”。"
	}
	return msg
}

// CheckFonts finds the missing fonts of a font set ("standard" or
// "windows") on this computer. It reports nothing when it cannot tell.
func CheckFonts(ctx context.Context, set string) FontReport {
	if set != "windows" {
		set = "standard"
	}
	var have func(string) bool
	var sub func(string) string
	if runtime.GOOS == "windows" {
		have = windowsFonts(windowsFontDirs())
		sub = func(string) string { return "" }
	} else {
		h, err := fontconfigFamilies(ctx)
		if err != nil {
			return FontReport{Set: set}
		}
		have = h
		sub = func(name string) string { return fontconfigMatch(ctx, name) }
	}
	return fontReport(set, have, sub)
}

// fontReport compares a set's fonts with what is installed.
func fontReport(set string, have func(string) bool, sub func(string) string) FontReport {
	rep := FontReport{Set: set, WindowsSet: true}
	for _, f := range FontNames(set) {
		if !have(f) {
			rep.Gaps = append(rep.Gaps, FontGap{Font: f, Substitute: sub(f)})
		}
	}
	for _, f := range FontNames("windows") {
		if !have(f) {
			rep.WindowsSet = false
		}
	}
	return rep
}

// fontAliases are the other names a Chinese font is installed under:
// fontconfig lists a font under each of its names, in Chinese and English.
var fontAliases = map[string][]string{
	"方正小标宋简体":   {"FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"},
	"仿宋_GB2312": {"FangSong_GB2312"},
	"楷体_GB2312": {"KaiTi_GB2312"},
	"仿宋":        {"FangSong"},
	"楷体":        {"KaiTi"},
	"黑体":        {"SimHei"},
	"宋体":        {"SimSun"},
}

// fontFiles are the usual file names of the fonts in a Windows fonts
// folder (lower case); a file named after the font also counts.
var fontFiles = map[string][]string{
	"方正小标宋简体":   {"fzxbsjw.ttf", "fzxbsk.ttf", "方正小标宋简体.ttf"},
	"仿宋_GB2312": {"fs_gb2312.ttf", "fsgb2312.ttf", "仿宋_gb2312.ttf"},
	"楷体_GB2312": {"kaiti_gb2312.ttf", "kt_gb2312.ttf", "楷体_gb2312.ttf"},
	"仿宋":        {"simfang.ttf"},
	"楷体":        {"simkai.ttf"},
	"黑体":        {"simhei.ttf"},
	"宋体":        {"simsun.ttc", "simsun.ttf"},
}

// fontconfigFamilies lists the installed families with fc-list.
func fontconfigFamilies(ctx context.Context) (func(string) bool, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "fc-list", "--format", "%{family}\n").Output()
	if err != nil {
		return nil, err
	}
	return familySet(string(out)), nil
}

// familySet reads fc-list's families (one font a line, its names separated
// by commas) into a lookup that knows each font's other names.
func familySet(list string) func(string) bool {
	names := map[string]bool{}
	for _, line := range strings.Split(list, "\n") {
		for _, n := range strings.Split(line, ",") {
			if n = strings.TrimSpace(strings.ReplaceAll(n, `\`, "")); n != "" {
				names[strings.ToLower(n)] = true
			}
		}
	}
	return func(font string) bool {
		for _, n := range append([]string{font}, fontAliases[font]...) {
			if names[strings.ToLower(n)] {
				return true
			}
		}
		return false
	}
}

// fontconfigMatch names the font fontconfig gives for a missing one.
func fontconfigMatch(ctx context.Context, name string) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "fc-match", "--format", "%{family[0]}", name+":lang=zh-cn").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// windowsFontDirs are the system and the per-user fonts folders.
func windowsFontDirs() []string {
	var dirs []string
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	}
	if l := os.Getenv("LOCALAPPDATA"); l != "" {
		dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
	}
	return dirs
}

// windowsFonts lists font folders once and tells whether a font's file is
// there.
func windowsFonts(dirs []string) func(string) bool {
	files := map[string]bool{}
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			files[strings.ToLower(e.Name())] = true
		}
	}
	return func(font string) bool {
		for _, f := range fontFiles[font] {
			if files[f] {
				return true
			}
		}
		for _, ext := range []string{".ttf", ".ttc", ".otf"} {
			if files[strings.ToLower(font)+ext] {
				return true
			}
		}
		return false
	}
}
