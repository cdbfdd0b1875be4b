package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDoctorCommand(t *testing.T) {
	n := newNB(t)
	n.ok("demo")
	out, errs, code := n.run("doctor", "--json")
	var checks []struct {
		Check  string  `json:"check"`
		OK     *bool   `json:"ok"`
		Detail string  `json:"detail"`
		Fix    *string `json:"fix"`
	}
	if err := json.Unmarshal([]byte(out), &checks); err != nil {
		t.Fatalf("doctor --json: %v\n%s%s", err, out, errs)
	}
	allOK := true
	seen := map[string]bool{}
	for _, c := range checks {
		if c.Check == "" || c.OK == nil || c.Fix == nil || c.Detail == "" {
			t.Errorf("incomplete line %+v", c)
			continue
		}
		seen[c.Check] = true
		allOK = allOK && *c.OK
	}
	for _, w := range []string{"程序版本", "数据库位置", "数据库结构版本", "数据库完整性", "LibreOffice（导出 PDF 用）", "字体 仿宋_GB2312", "导出文件夹"} {
		if !seen[w] {
			t.Errorf("no %q line", w)
		}
	}
	if (allOK && code != 0) || (!allOK && code != 1) {
		t.Fatalf("exit %d with all ok = %v", code, allOK)
	}
	text, _, code2 := n.run("doctor")
	if code2 != code || !strings.Contains(text, "✔ 数据库完整性：完好") || !strings.Contains(text, "项") {
		t.Fatalf("exit %d:\n%s", code2, text)
	}
	// Refused flags still exit 2.
	if _, _, c := n.run("doctor", "--force"); c != 2 {
		t.Fatalf("doctor --force: exit %d", c)
	}
}

func TestDoctorMarks(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if ok, bad := doctorMarks("windows", env(nil)); ok != "√" || bad != "×" {
		t.Fatalf("classic console: %s %s", ok, bad)
	}
	if ok, _ := doctorMarks("windows", env(map[string]string{"WT_SESSION": "x"})); ok != "✔" {
		t.Fatal("Windows Terminal")
	}
	if ok, bad := doctorMarks("linux", env(nil)); ok != "✔" || bad != "✘" {
		t.Fatal("linux")
	}
}
