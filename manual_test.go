package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestManualHint(t *testing.T) {
	has := func(files ...string) func(string) bool {
		return func(p string) bool {
			for _, f := range files {
				if p == f {
					return true
				}
			}
			return false
		}
	}
	// The Windows zip: the manual is next to nianbao.exe.
	exe := filepath.Join("nianbao_1.0.0_windows_amd64", "nianbao.exe")
	next := filepath.Join("nianbao_1.0.0_windows_amd64", "用户手册.html")
	if got := manualHint(exe, has(next, debManual)); !strings.HasPrefix(got, next) {
		t.Errorf("zip: %s", got)
	}
	// The .deb: /usr/bin/nianbao, the manual under /usr/share/doc.
	if got := manualHint("/usr/bin/nianbao", has(debManual)); !strings.HasPrefix(got, debManual) {
		t.Errorf("deb: %s", got)
	}
	// Built from source: where the releases carry it.
	if got := manualHint("/tmp/go-build/nianbao", has()); !strings.Contains(got, "随程序发布的 用户手册.html") {
		t.Errorf("source: %s", got)
	}
}

func TestHelpNamesManual(t *testing.T) {
	out := newNB(t).ok("help")
	if !strings.Contains(out, "用户手册：") || !strings.Contains(out, "doctor") {
		t.Fatal(out)
	}
}
