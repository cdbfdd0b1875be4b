// Package packaging holds the files the release puts next to the program
// (see .goreleaser.yaml); its tests keep them in the form Windows and the
// Linux desktops need.
package packaging

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// README.txt opens in Notepad on any Windows: UTF-8 with a BOM, CRLF line
// ends (.gitattributes keeps Git from converting them).
func TestWindowsReadme(t *testing.T) {
	b, err := os.ReadFile("README.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Error("no UTF-8 BOM")
	}
	if !utf8.Valid(b) {
		t.Error("not UTF-8")
	}
	if n := bytes.Count(b, []byte("\n")); n == 0 || n != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("%d line ends, %d of them CRLF", n, bytes.Count(b, []byte("\r\n")))
	}
	s := string(b)
	for _, w := range []string{"nianbao.exe", "用户手册.html", "示例报告.docx", "nianbao doctor", "%AppData%\\nianbao\\nianbao.db"} {
		if !strings.Contains(s, w) {
			t.Errorf("README.txt does not mention %s", w)
		}
	}
}

// The desktop entry starts the program in a terminal (it is a terminal
// program) and offers the manual.
func TestDesktopEntry(t *testing.T) {
	b, err := os.ReadFile("nianbao.desktop")
	if err != nil {
		t.Fatal(err)
	}
	kv := map[string]string{}
	group := ""
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			group = l
			continue
		}
		if k, v, ok := strings.Cut(l, "="); ok && group == "[Desktop Entry]" {
			kv[k] = v
		}
	}
	for k, v := range map[string]string{"Type": "Application", "Exec": "nianbao", "Terminal": "true", "Icon": "nianbao"} {
		if kv[k] != v {
			t.Errorf("%s=%q, want %q", k, kv[k], v)
		}
	}
	if kv["Name[zh_CN]"] == "" || !strings.Contains(string(b), "Exec=xdg-open /usr/share/doc/nianbao/用户手册.html") {
		t.Error("no Chinese name or no manual action")
	}
	if _, err := os.Stat("nianbao.svg"); err != nil {
		t.Error(err)
	}
}
