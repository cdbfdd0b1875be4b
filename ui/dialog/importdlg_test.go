package dialog

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

func msgOf(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

// A folder lists its readable files to pick from; a file without agency
// asks for it; the preview pages with PgDn; Esc while reading stops it.
func TestImportDialog(t *testing.T) {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	d := NewImport(c, 22)
	press(d, "/")
	cmd, _ := press(d, "enter")
	if rf, ok := msgOf(cmd).(ReadFile); !ok || rf.Path != "/" {
		t.Fatalf("Enter reads the path: %#v", msgOf(cmd))
	}
	now := time.Date(2026, 1, 20, 9, 0, 0, 0, time.Local)
	d.Update(Folder{Path: "/in", Files: []app.ImportFile{{Path: "/in/b.txt", Name: "b.txt", Modified: now, Size: 13 << 10},
		{Path: "/in/a.docx", Name: "a.docx", Modified: now.Add(-time.Hour), Size: 2 << 20}}})
	if v := d.View(); !strings.Contains(v, "b.txt") || !strings.Contains(v, "2.0 MB  a.docx") {
		t.Fatalf("folder list: %s", v)
	}
	d.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	cmd, _ = press(d, "enter")
	if rf, ok := msgOf(cmd).(ReadFile); !ok || rf.Path != "/in/a.docx" {
		t.Fatalf("Enter on a file reads it: %#v", msgOf(cmd))
	}
	// The file does not name its agency: the dialog asks, with a field.
	d.Update(Preview{Path: "/in/a.docx", Err: fmt.Errorf("没有从文件中读出单位名称，请用 --org 指定"), Need: &NeedInfo{Agency: true, GuessYear: 2024}})
	if v := d.View(); !strings.Contains(v, "单位") || strings.Contains(v, "--org") || d.focus != 1 {
		t.Fatalf("asks for the agency (focus %d): %s", d.focus, v)
	}
	press(d, "某县某局")
	cmd, _ = press(d, "enter")
	if rf, ok := msgOf(cmd).(ReadFile); !ok || rf.Org != "某县某局" || rf.Path != "/in/a.docx" {
		t.Fatalf("reads again with the agency: %#v", msgOf(cmd))
	}
	// Esc while reading stops the read.
	if cmd, done := press(d, "esc"); !done || msgOf(cmd) != (CancelRead{}) {
		t.Fatal("Esc while reading must stop the read and close")
	}

	d = NewImport(c, 22)
	var lines []string
	for i := range 60 {
		lines = append(lines, fmt.Sprintf("第%02d行", i))
	}
	d.Update(Preview{Path: "x.txt", Lines: lines, Token: 1})
	d.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
	if v := d.View(); strings.Contains(v, "第00行") || !strings.Contains(v, "第11行") {
		t.Errorf("PgDn pages on: %s", v)
	}
	cmd, done := press(d, "enter")
	if _, ok := msgOf(cmd).(DoImport); !ok || !done {
		t.Error("Enter on 导入 imports")
	}
}
