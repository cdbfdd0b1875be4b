package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"nianbao/internal/platform"
	"nianbao/store"
)

// DoctorCheck is one line of `nianbao doctor`: what was checked, whether it
// is fine, what was found, and (when not fine) what to do, in Chinese a
// clerk can read out over the phone.
type DoctorCheck struct {
	Check  string `json:"check"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
	Fix    string `json:"fix"`
}

// DoctorEnv is what the caller knows about the program and how to look at
// the system. The command line fills it with the real probes; tests with
// fakes.
type DoctorEnv struct {
	Version      string // one line: version, commit, date, Go
	DBPath       string
	DBSource     string // "--db", EnvDB or "" (the default place)
	ExportFolder string // where the export page writes by default
	GOOS         string

	TermSize   func() (w, h int, ok bool)
	Colors     string // colour profile name (colorprofile), "" = unknown
	Console    platform.ConsoleState
	FindOffice func() (string, error)
	Fonts      func() []platform.FontReport
	FreeBytes  func(dir string) (uint64, error)
}

// Minimum free space below which saving and exporting may fail.
const doctorMinFree = 200 << 20

// Doctor runs the environment checks, in the order they are printed.
func Doctor(ctx context.Context, e DoctorEnv) []DoctorCheck {
	var out []DoctorCheck
	add := func(c DoctorCheck) { out = append(out, c) }
	add(DoctorCheck{Check: "程序版本", OK: true, Detail: e.Version})
	for _, c := range doctorDB(ctx, e) {
		add(c)
	}
	add(doctorTerminal(e))
	add(doctorColors(e.Colors))
	if e.GOOS == "windows" {
		add(doctorCodePage(e.Console))
	}
	add(doctorOffice(e.FindOffice))
	for _, r := range e.Fonts() {
		add(doctorFont(r, e.GOOS))
	}
	add(doctorExportFolder(e))
	return out
}

// doctorDB: location, size, schema version, integrity, free space. The
// database is opened read-only, so doctor changes nothing, even while the
// editor is open in another window.
func doctorDB(ctx context.Context, e DoctorEnv) []DoctorCheck {
	where := "默认位置"
	switch e.DBSource {
	case "--db":
		where = "由 --db 指定"
	case EnvDB:
		where = "由环境变量 " + EnvDB + " 指定"
	}
	loc := DoctorCheck{Check: "数据库位置", OK: true, Detail: e.DBPath + "（" + where + "）"}
	var out []DoctorCheck
	if e.GOOS == "windows" {
		if p := platform.WindowsPathProblems(e.DBPath, 0); len(p) > 0 {
			loc.OK = false
			loc.Detail += "：" + strings.Join(p, "；")
			loc.Fix = "把数据库放到本机磁盘上一个简短的文件夹里（例如 D:\\年报\\nianbao.db），打开时用 --db 指定，或设置环境变量 " + EnvDB
		}
	}
	st, err := os.Stat(e.DBPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		loc.Detail += "；尚未创建（第一次打开编写界面或新建报告时自动创建）"
		out = append(out, loc)
		out = append(out, doctorFree(e, filepath.Dir(e.DBPath)))
		return out
	case err != nil:
		loc.OK = false
		loc.Detail += "；无法读取：" + err.Error()
		loc.Fix = "检查这个文件的权限，或用 --db 指定另一个数据库文件"
		return append(out, loc)
	case st.IsDir():
		loc.OK = false
		loc.Detail += "；这是一个文件夹，不是数据库文件"
		loc.Fix = "用 --db 指定数据库文件（例如 …\\nianbao.db），而不是文件夹"
		return append(out, loc)
	}
	out = append(out, loc)
	size := DoctorCheck{Check: "数据库大小", OK: true, Detail: humanBytes(uint64(st.Size()))}
	if w, err := os.Stat(e.DBPath + "-wal"); err == nil && w.Size() > 0 {
		size.Detail += fmt.Sprintf("（另有尚未并入的日志 %s）", humanBytes(uint64(w.Size())))
	}
	out = append(out, size)

	schema := DoctorCheck{Check: "数据库结构版本"}
	integrity := DoctorCheck{Check: "数据库完整性"}
	a, err := Open(e.DBPath, Options{Mode: store.Read})
	switch {
	case err == nil:
		defer a.Close()
		schema.OK = true
		schema.Detail = fmt.Sprintf("%d（本程序支持到 %d）", store.SchemaVersion(), store.SchemaVersion())
		cctx, cancel := context.WithTimeout(ctx, time.Minute)
		res, err := a.st.Check(cctx)
		cancel()
		switch {
		case err != nil:
			integrity.Detail = "检查失败：" + err.Error()
			integrity.Fix = "关闭其他打开这个数据库的程序后再运行 nianbao doctor；仍然失败时用备份恢复（见用户手册“备份和换电脑”）"
		case res == "ok":
			integrity.OK = true
			integrity.Detail = "完好（SQLite integrity_check: ok）"
		default:
			integrity.Detail = "数据库文件有损坏：" + firstLine(res)
			integrity.Fix = "不要再修改这个文件。先把它复制一份保存，再用最近的备份替换它（见用户手册“备份和换电脑”），或把复制的文件交给信息中心处理"
		}
	case errors.Is(err, store.ErrNewer):
		schema.Detail = err.Error()
		schema.Fix = "安装新版本的 nianbao（数据库由更新的版本创建，旧版本不会改动它）"
		integrity.Detail = "未检查（数据库版本比本程序新）"
		integrity.OK = true
	case errors.Is(err, store.ErrForeign):
		schema.Detail = err.Error()
		schema.Fix = "用 --db 指定正确的 nianbao 数据库文件；这个文件不会被改动"
		integrity.Detail = "未检查（不是 nianbao 数据库，或文件头已损坏）"
		integrity.Fix = "如果它确实是 nianbao 的数据库，请用最近的备份替换它（见用户手册“备份和换电脑”）"
	case errors.Is(err, store.ErrLocked):
		// A read-only open refuses only a database that needs upgrading.
		schema.OK = true
		schema.Detail = fmt.Sprintf("较旧（本程序支持到 %d）：下次打开编写界面时会自动升级", store.SchemaVersion())
		integrity.OK = true
		integrity.Detail = "未检查（数据库升级后再检查）"
	default:
		schema.Detail = "无法打开：" + err.Error()
		schema.Fix = "检查文件权限和磁盘；仍然打不开时用最近的备份替换它"
		integrity.Detail = "未检查（无法打开数据库）"
	}
	out = append(out, schema, integrity)
	return append(out, doctorFree(e, filepath.Dir(e.DBPath)))
}

func doctorFree(e DoctorEnv, dir string) DoctorCheck {
	c := DoctorCheck{Check: "磁盘剩余空间"}
	for d := dir; ; d = filepath.Dir(d) { // the folder may not exist yet
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			dir = d
			break
		}
	}
	n, err := e.FreeBytes(dir)
	switch {
	case err != nil:
		c.OK = true // unknown is not a fault of the PC
		c.Detail = "无法得知：" + err.Error()
	case n < doctorMinFree:
		c.Detail = fmt.Sprintf("%s 可用（%s）", humanBytes(n), dir)
		c.Fix = "磁盘快满了，保存和导出可能失败：删除不需要的文件，或把数据库放到空间更大的磁盘（--db）"
	default:
		c.OK = true
		c.Detail = fmt.Sprintf("%s 可用（%s）", humanBytes(n), dir)
	}
	return c
}

// Minimum usable terminal (the same as the editor's).
const doctorMinW, doctorMinH = 80, 24

func doctorTerminal(e DoctorEnv) DoctorCheck {
	c := DoctorCheck{Check: "窗口大小"}
	w, h, ok := e.TermSize()
	if !ok {
		c.OK = true
		c.Detail = "无法得知（不是在终端窗口中运行）"
		return c
	}
	c.Detail = fmt.Sprintf("%d 列 × %d 行", w, h)
	if w >= doctorMinW && h >= doctorMinH {
		c.OK = true
		return c
	}
	c.Detail += fmt.Sprintf("，编写界面至少需要 %d × %d", doctorMinW, doctorMinH)
	c.Fix = EnlargeHint(e.GOOS)
	return c
}

// EnlargeHint tells how to make the terminal window bigger.
func EnlargeHint(goos string) string {
	if goos == "windows" {
		return "拖动窗口边缘把窗口拉大，或最大化窗口；也可以右键单击窗口标题栏 → 属性 → 布局，把“窗口大小”设为宽 100、高 30"
	}
	return "拖动窗口边缘把窗口拉大，或最大化窗口；也可以在终端的菜单中把字号调小"
}

func doctorColors(p string) DoctorCheck {
	c := DoctorCheck{Check: "颜色", OK: true}
	names := map[string]string{"TrueColor": "真彩色", "ANSI256": "256 色", "ANSI": "16 色", "Ascii": "无颜色（界面仍可使用）", "NoTTY": "无法得知（不是在终端窗口中运行）"}
	if n, ok := names[p]; ok {
		c.Detail = n
	} else {
		c.Detail = "无法得知"
	}
	return c
}

func doctorCodePage(s platform.ConsoleState) DoctorCheck {
	c := DoctorCheck{Check: "控制台代码页", OK: true}
	switch {
	case !s.Console:
		c.Detail = "没有控制台（输出被重定向到文件或其他程序）"
	case s.Err != nil:
		c.OK = false
		c.Detail = fmt.Sprintf("%s；切换为 UTF-8 失败：%v", platform.CodePageName(s.Original), s.Err)
		c.Fix = "改用 Windows Terminal（Windows 11 自带；Windows 10 可由信息中心安装），或先在命令提示符中运行 chcp 65001"
	case s.Switched:
		c.Detail = fmt.Sprintf("%s；本程序运行期间切换为 65001（UTF-8），退出时恢复", platform.CodePageName(s.Original))
	default:
		c.Detail = platform.CodePageName(s.Original)
	}
	return c
}

func doctorOffice(find func() (string, error)) DoctorCheck {
	c := DoctorCheck{Check: "LibreOffice（导出 PDF 用）"}
	p, err := find()
	if err == nil {
		c.OK = true
		c.Detail = "已找到：" + p
		return c
	}
	c.Detail = "未找到：不能直接导出 PDF（Word、Excel、网页等其他格式不受影响）"
	c.Fix = "安装 LibreOffice：统信 UOS、麒麟在应用商店搜索“LibreOffice”；Windows 用 libreoffice.org 的安装包（离线电脑请信息中心提供）。也可以先导出 Word，再在 WPS 或 Word 中“另存为 PDF”"
	return c
}

func doctorFont(r platform.FontReport, goos string) DoctorCheck {
	f := r.Font
	c := DoctorCheck{Check: "字体 " + f.Name}
	switch {
	case r.Err != nil:
		c.OK = true // cannot tell: not a fault to fix
		c.Detail = "无法检查：" + r.Err.Error()
		return c
	case r.Installed:
		c.OK = true
		c.Detail = "已安装（" + f.Role + "）"
		return c
	}
	c.Detail = "未安装（" + f.Role + "）"
	if r.Substitute != "" {
		c.Detail += "：本机显示和导出 PDF 时会用“" + r.Substitute + "”代替"
	}
	if goos == "windows" {
		c.Fix = "安装“" + f.Name + "”字体（向信息中心索取字体文件，右键单击 → 安装）"
		if f.Fallback != "" {
			c.Fix += "；或导出 Word 时选“Windows 自带字体”，用“" + f.Fallback + "”代替"
		}
	} else {
		c.Fix = "安装“" + f.Name + "”字体（向信息中心索取字体文件，复制到 ~/.local/share/fonts 后运行 fc-cache -f）"
	}
	return c
}

func doctorExportFolder(e DoctorEnv) DoctorCheck {
	c := DoctorCheck{Check: "导出文件夹"}
	dir := e.ExportFolder
	c.Detail = dir
	if e.GOOS == "windows" {
		// The default file name adds about 35 characters.
		if p := platform.WindowsPathProblems(dir, 40); len(p) > 0 {
			c.Detail += "：" + strings.Join(p, "；")
			c.Fix = "在导出页面换一个简短的文件夹，例如 D:\\年报"
			return c
		}
	}
	f, err := os.CreateTemp(dir, ".nianbao-doctor-*")
	if err != nil {
		c.Detail += "：不能写入（" + err.Error() + "）"
		c.Fix = "在导出页面换一个可以写入的文件夹（例如“文档”或“桌面”），或请信息中心检查这个文件夹的权限"
		return c
	}
	f.Close()
	os.Remove(f.Name())
	c.OK = true
	c.Detail += "：可以写入"
	return c
}

// DoctorOK is true when every check passed.
func DoctorOK(cs []DoctorCheck) bool {
	for _, c := range cs {
		if !c.OK {
			return false
		}
	}
	return true
}

func humanBytes(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
