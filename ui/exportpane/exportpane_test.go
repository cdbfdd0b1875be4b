package exportpane

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

func TestChooseFormatsFolderAndName(t *testing.T) {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	p := New(c, common.NewDoc(7, model.Demo(), nil), "/tmp/报告")
	p.SetSize(60, 20)
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	p.Update(down) // pdf
	p.Update(down) // xlsx
	p.Update(tea.KeyPressMsg{Code: ' ', Text: " "})
	for p.sel != p.nameRow() {
		p.Update(down)
	}
	for range []rune(p.name.Value()) {
		p.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	p.Update(tea.KeyPressMsg{Text: "2025年报（送审稿）", Code: '2'})
	cmd := p.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	run, ok := cmd().(Run)
	if !ok || run.ID != 7 {
		t.Fatalf("enter runs the export: %#v", run)
	}
	o := run.Options
	if strings.Join(o.Formats, ",") != "docx,xlsx" || o.Name != "2025年报（送审稿）" || !strings.HasPrefix(o.Target, "/tmp/报告") {
		t.Errorf("options: %+v", o)
	}
	if c := p.Cursor(); c == nil {
		t.Error("the name field shows the real cursor")
	}
	for _, l := range strings.Split(p.View(), "\n") {
		if ansi.StringWidth(l) != 60 {
			t.Errorf("line width %d: %q", ansi.StringWidth(l), ansi.Strip(l))
		}
	}
}
