package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Set at release time by GoReleaser:
// -ldflags "-X main.version=… -X main.commit=… -X main.date=…".
var (
	commit = ""
	date   = ""
)

// buildInfo is what `nianbao --version` and `nianbao doctor` report.
type buildInfo struct {
	Version  string // release version, or "dev"
	Commit   string // full or short revision; "" when unknown
	Date     string // build date (release) or commit date (dev)
	Modified bool   // a dev build from a tree with uncommitted changes
	DevDate  bool   // Date is the commit's date, not the build's
	Go       string // Go version and target
	Source   string // where a dev build's commit was read from ("" = the build info)
}

// readBuildInfo combines the stamped values with what the Go toolchain
// recorded. A plain `go build` stamps vcs.revision only in a real git
// checkout with -buildvcs on; in a git worktree or with GOFLAGS=-buildvcs=false
// (both the case on this project's build machine) it records nothing, so a
// dev build then asks git about the source folder it was compiled from.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date,
		Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		s := map[string]string{}
		for _, kv := range bi.Settings {
			s[kv.Key] = kv.Value
		}
		b = mergeVCS(b, s)
	}
	if b.Commit == "" && b.Version == "dev" {
		b.Commit, b.Date, b.Modified, b.Source = sourceCommit(sourceDir())
		b.DevDate = b.Date != ""
	}
	return b
}

// mergeVCS fills what the release stamp left empty from the toolchain's
// vcs.* settings.
func mergeVCS(b buildInfo, s map[string]string) buildInfo {
	if b.Commit == "" {
		b.Commit = s["vcs.revision"]
		b.Modified = s["vcs.modified"] == "true"
		if b.Date == "" && s["vcs.time"] != "" {
			b.Date, b.DevDate = s["vcs.time"], true
		}
	}
	return b
}

// sourceDir is the folder this file was compiled from (empty with
// -trimpath, as in releases).
func sourceDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	return filepath.Dir(file)
}

// sourceCommit asks git for the commit checked out in dir; it answers
// nothing when dir is gone (a dev binary copied to another PC) or git is
// missing.
func sourceCommit(dir string) (rev, when string, modified bool, src string) {
	if dir == "" {
		return
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "log", "-1", "--format=%H %cI").Output()
	if err != nil {
		return
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		return
	}
	st, _ := exec.CommandContext(ctx, "git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output()
	return f[0], f[1], len(strings.TrimSpace(string(st))) > 0, dir
}

// shortCommit is the 12-character form people read out.
func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// versionText is the output of `nianbao --version`.
func versionText(b buildInfo) string {
	var w strings.Builder
	w.WriteString("nianbao " + b.Version + "\n")
	c := shortCommit(b.Commit)
	switch {
	case c == "":
		c = "未知"
	case b.Modified:
		c += "（源码有未提交的改动）"
	}
	w.WriteString("提交：" + c + "\n")
	if b.Source != "" {
		w.WriteString("（开发版：提交取自编译时的源码文件夹 " + b.Source + "）\n")
	}
	switch {
	case b.Date == "":
		w.WriteString("构建日期：未知\n")
	case b.DevDate:
		w.WriteString("提交日期：" + b.Date + "\n")
	default:
		w.WriteString("构建日期：" + b.Date + "\n")
	}
	w.WriteString("Go 版本：" + b.Go + "\n")
	return w.String()
}
