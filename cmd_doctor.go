package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"nianbao/app"
	"nianbao/export"
	"nianbao/internal/platform"
	"nianbao/ui/exportpane"
)

const doctorHelp = "检查本机运行环境，每项一行：✔ 正常，✘ 需要处理（附解决办法）。\n" +
	"包括：程序版本；数据库位置、大小、结构版本、完整性、磁盘剩余空间；窗口大小、颜色、\n" +
	"控制台代码页（Windows）；LibreOffice（导出 PDF 用）；公文字体；导出文件夹能否写入。\n" +
	"只读取，不修改任何文件。全部正常时退出码为 0，否则为 1。--json 输出 [{check, ok, detail, fix}]。"

func (c *cli) doctor() int {
	path, err := app.DBPath(c.args.value("db"))
	if err != nil {
		return c.fail(err)
	}
	source := ""
	if c.args.value("db") != "" {
		source = "--db"
	} else if os.Getenv(app.EnvDB) != "" {
		source = app.EnvDB
	}
	b := readBuildInfo()
	env := app.DoctorEnv{
		Version:      versionLine(b),
		DBPath:       path,
		DBSource:     source,
		ExportFolder: exportpane.DefaultFolder(),
		GOOS:         runtime.GOOS,
		TermSize:     termSize,
		Colors:       colorProfile(),
		Console:      platform.Console(),
		FindOffice:   export.FindOffice,
		Fonts:        platform.CheckFonts,
		FreeBytes:    platform.FreeBytes,
	}
	checks := app.Doctor(context.Background(), env)
	if c.args.flag("json") {
		if err := c.printJSON(checks); err != nil {
			return c.fail(err)
		}
	} else {
		okMark, badMark := doctorMarks(runtime.GOOS, os.Getenv)
		printDoctor(c.stdout, checks, okMark, badMark)
	}
	if app.DoctorOK(checks) {
		return exitOK
	}
	return exitErrors
}

// versionLine is --version on one line.
func versionLine(b buildInfo) string {
	s := "nianbao " + b.Version
	if c := shortCommit(b.Commit); c != "" {
		s += "（提交 " + c
		if b.Modified {
			s += "，有未提交的改动"
		}
		if b.Date != "" {
			if b.DevDate {
				s += "，提交于 " + b.Date
			} else {
				s += "，构建于 " + b.Date
			}
		}
		s += "，" + b.Go + "）"
	} else {
		s += "（" + b.Go + "）"
	}
	return s
}

// doctorMarks are ✔ and ✘, except on a classic Windows console, whose
// Chinese fonts have no dingbats: there √ and × (both in GBK) are used.
func doctorMarks(goos string, getenv func(string) string) (ok, bad string) {
	if goos == "windows" && getenv("WT_SESSION") == "" && getenv("TERM_PROGRAM") == "" {
		return "√", "×"
	}
	return "✔", "✘"
}

func printDoctor(w io.Writer, checks []app.DoctorCheck, okMark, badMark string) {
	bad := 0
	for _, c := range checks {
		m := okMark
		if !c.OK {
			m = badMark
			bad++
		}
		fmt.Fprintf(w, "%s %s：%s\n", m, c.Check, c.Detail)
		if !c.OK && c.Fix != "" {
			fmt.Fprintf(w, "    解决办法：%s\n", c.Fix)
		}
	}
	if bad == 0 {
		fmt.Fprintf(w, "\n全部 %d 项正常。\n", len(checks))
	} else {
		fmt.Fprintf(w, "\n共 %d 项，%d 项需要处理（%s）。\n", len(checks), bad, badMark)
	}
}

// termSize is the size of whichever of stdout, stderr and stdin is a
// terminal (doctor --json usually has stdout redirected).
func termSize() (int, int, bool) {
	for _, f := range []*os.File{os.Stdout, os.Stderr, os.Stdin} {
		if w, h, err := term.GetSize(f.Fd()); err == nil && w > 0 && h > 0 {
			return w, h, true
		}
	}
	return 0, 0, false
}

func colorProfile() string {
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		if term.IsTerminal(f.Fd()) {
			return colorprofile.Detect(f, os.Environ()).String()
		}
	}
	return colorprofile.NoTTY.String()
}
