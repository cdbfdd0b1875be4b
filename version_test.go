package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestVersionTextRelease(t *testing.T) {
	b := buildInfo{Version: "1.2.0", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2027-01-05T08:00:00Z", Go: "go1.26.8 windows/amd64"}
	got := versionText(b)
	want := "nianbao 1.2.0\n提交：0123456789ab\n构建日期：2027-01-05T08:00:00Z\nGo 版本：go1.26.8 windows/amd64\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestVersionTextDevFromBuildInfo(t *testing.T) {
	b := mergeVCS(buildInfo{Version: "dev", Go: "go1.26.8 linux/amd64"}, map[string]string{
		"vcs.revision": "ac613fa40c6436bed3c12c3db8cb08303643a4c9", "vcs.time": "2026-11-30T06:33:06Z", "vcs.modified": "true"})
	got := versionText(b)
	for _, w := range []string{"nianbao dev\n", "提交：ac613fa40c64（源码有未提交的改动）", "提交日期：2026-11-30T06:33:06Z", "Go 版本：go1.26.8"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	// A stamped release keeps its own commit and date.
	r := mergeVCS(buildInfo{Version: "1.0.0", Commit: "abc", Date: "d"}, map[string]string{"vcs.revision": "zzz", "vcs.time": "t"})
	if r.Commit != "abc" || r.Date != "d" || r.DevDate {
		t.Fatalf("release stamp overwritten: %+v", r)
	}
}

func TestVersionTextUnknown(t *testing.T) {
	got := versionText(buildInfo{Version: "dev", Go: "go1.26.8 linux/arm64"})
	if !strings.Contains(got, "提交：未知") || !strings.Contains(got, "构建日期：未知") {
		t.Fatal(got)
	}
}

// A dev build reads the commit of the folder it was compiled from.
func TestSourceCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitRun := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	gitRun("init", "-q")
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644)
	gitRun("add", "go.mod")
	gitRun("commit", "-qm", "one")
	head := gitRun("rev-parse", "HEAD")
	rev, when, mod, src := sourceCommit(dir)
	if rev != head || when == "" || mod || src != dir {
		t.Fatalf("got %q %q %v %q, want %s", rev, when, mod, src, head)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module y\n"), 0o644)
	if _, _, mod, _ := sourceCommit(dir); !mod {
		t.Fatal("a changed tree is not reported as modified")
	}
	// A folder that is gone (a dev binary on another PC): nothing.
	if rev, _, _, _ := sourceCommit(filepath.Join(dir, "gone")); rev != "" {
		t.Fatal(rev)
	}
}

// The real --version of this test binary names a 7-hex commit when built
// from a checkout.
func TestVersionFlag(t *testing.T) {
	n := newNB(t)
	out := n.ok("--version")
	if !strings.HasPrefix(out, "nianbao ") || !strings.Contains(out, "Go 版本：go1.") {
		t.Fatal(out)
	}
	inGit := exec.Command("git", "rev-parse", "HEAD").Run() == nil
	if inGit && !regexp.MustCompile(`提交：[0-9a-f]{7,}`).MatchString(out) {
		t.Fatalf("no commit in %q", out)
	}
}
