package main

import (
	"os"
	"path/filepath"
)

// manualName is the user manual's file in every release (docs/manual).
const manualName = "用户手册.html"

// debManual is where the .deb installs it.
const debManual = "/usr/share/doc/nianbao/" + manualName

// manualHint tells `nianbao help` where the manual is: next to the
// program (the Windows zip and the tarballs), where the .deb put it, or,
// when neither exists (a build from source), where the releases carry it.
func manualHint(exe string, exists func(string) bool) string {
	if exe != "" {
		if p := filepath.Join(filepath.Dir(exe), manualName); exists(p) {
			return p + "（用浏览器打开，可以打印）"
		}
	}
	if exists(debManual) {
		return debManual + "（用浏览器打开，可以打印）"
	}
	return "随程序发布的 " + manualName + "（Windows 压缩包中与 nianbao.exe 在一起，统信/麒麟安装在 " + filepath.Dir(debManual) + "）"
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func thisManual() string {
	exe, _ := os.Executable()
	if exe != "" {
		if r, err := filepath.EvalSymlinks(exe); err == nil {
			exe = r
		}
	}
	return manualHint(exe, fileExists)
}
