package form

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nianbao/internal/sample"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

func newForm(r *model.Report, fields []Field) *Form {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	f := New(c, common.NewDoc(1, r, nil), fields)
	f.SetSize(60, 12)
	f.FocusField(0)
	return f
}

func TestProseMarksAndGeneratedSentence(t *testing.T) {
	r := sample.Pingtan2022()
	f := newForm(r, []Field{{Key: "s1.parts.yishenqing.text", Label: "正文", Prose: true}})
	// The published prose says 75 (新收 74 + 上年结转 1): the caret on it
	// shows the R9 message.
	text := r.Parts[1].Text
	f.fields[0].ed.SetCaretOffset(strings.Index(text, "75") + 1)
	if msg, bad := f.Problem(); !bad || !strings.Contains(msg, "75 是本年新收 74 件与上年结转 1 件之和") {
		t.Errorf("R9 under the caret: %q", msg)
	}
	// Ctrl+G writes the sentence from the tables, which agrees with them.
	f.fields[0].ed.SetValue("")
	cmd := f.Update(tea.KeyPressMsg{Code: 'g', Mod: tea.ModCtrl})
	if cmd == nil || cmd() != (common.Edited{}) || !strings.HasPrefix(r.Parts[1].Text, "本年度共收到政府信息公开申请74件，上年结转1件；办结75件") {
		t.Fatalf("generated: %q", r.Parts[1].Text)
	}
	for _, c := range model.ProseClaims(r, r.Parts[1].Text) {
		if !c.OK() {
			t.Errorf("generated sentence disagrees: %s", c.Message())
		}
	}
}

func TestOneLineFieldsAndBadValues(t *testing.T) {
	r := model.New(model.Format2021, "某局", 2025)
	f := newForm(r, []Field{{Key: "s6.fee_yuan", Label: "信息处理费（元）"}, {Key: "s6.text", Label: "正文", Prose: true}})
	if cmd := f.Update(tea.KeyPressMsg{Text: "abc", Code: 'a'}); cmd != nil {
		t.Error("a refused value is not an edit")
	}
	if msg, bad := f.Problem(); !bad || !strings.Contains(msg, "不是数字") || r.FeeYuan.Set {
		t.Errorf("bad fee: %q %+v", msg, r.FeeYuan)
	}
	f.fields[0].ed.SetValue("")
	f.Update(tea.KeyPressMsg{Text: "120.5", Code: '1'})
	if r.FeeYuan.D != "120.5" {
		t.Errorf("fee %+v", r.FeeYuan)
	}
	// Enter in a one-line field moves on; a pasted newline never submits.
	f.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if f.Focused() != "s6.text" {
		t.Error("Enter moves to the next field")
	}
	f.Update(tea.PasteMsg{Content: "第一段\n第二段"})
	if r.S6Text != "第一段\n第二段" {
		t.Errorf("paste into prose keeps newlines: %q", r.S6Text)
	}
	// Tab past the last field leaves the page.
	cmd := f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	left := false
	for _, c := range cmd().(tea.BatchMsg) {
		if l, ok := c().(common.Leave); ok && l.Forward {
			left = true
		}
	}
	if !left {
		t.Error("Tab at the end leaves forward")
	}
}
