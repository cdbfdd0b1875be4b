package dialog

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

func press(d Dialog, k string) (tea.Cmd, bool) {
	named := map[string]tea.KeyPressMsg{"enter": {Code: tea.KeyEnter}, "tab": {Code: tea.KeyTab}, "esc": {Code: tea.KeyEscape},
		"backspace": {Code: tea.KeyBackspace}, "right": {Code: tea.KeyRight}}
	msg, ok := named[k]
	if !ok {
		msg = tea.KeyPressMsg{Text: k, Code: []rune(k)[0]}
	}
	return d.Update(msg)
}

func TestNewReportDialog(t *testing.T) {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	d := NewNewReport(c, "", 2025, 0, "")
	// Enter in a field moves on; it never submits.
	if cmd, done := press(d, "enter"); done || cmd != nil || d.focus != 1 {
		t.Fatal("Enter in the name field must move to the year, not submit")
	}
	d.setFocus(3) // 创建
	if _, done := press(d, "enter"); done || !strings.Contains(d.View(), "请填写单位名称") || d.focus != 0 {
		t.Errorf("an empty name is refused: %s", d.View())
	}
	press(d, "某县司法局")
	press(d, "tab") // year
	for i := 0; i < 4; i++ {
		press(d, "backspace")
	}
	press(d, "２０１７") // full-width digits, a year without a format
	d.setFocus(3)
	if _, done := press(d, "enter"); done || !strings.Contains(d.View(), "2019 年及以后") || d.focus != 1 {
		t.Errorf("2017 is refused: %s", d.View())
	}
	for i := 0; i < 4; i++ {
		press(d, "backspace")
	}
	press(d, "2021")
	press(d, "tab")
	press(d, "right") // format: 2019 chosen by hand
	if !strings.Contains(d.View(), "与年度不符") {
		t.Errorf("a format against the year is pointed out: %s", d.View())
	}
	press(d, "tab")
	cmd, done := press(d, "enter")
	if !done || cmd == nil {
		t.Fatal("创建 submits")
	}
	o := cmd().(CreateReport).Options
	if o.Agency != "某县司法局" || o.Year != 2021 || o.Format != "2019" {
		t.Errorf("options %+v", o)
	}
}

func TestConfirmDefaultsToCancelWhenDangerous(t *testing.T) {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	d := NewConfirm(c, "删除报告", "删除？", "删除", "yes", true)
	if cmd, done := press(d, "enter"); !done || cmd != nil {
		t.Error("Enter on the default button cancels a deletion")
	}
	d = NewConfirm(c, "删除报告", "删除？", "删除", "yes", true)
	press(d, "right")
	if cmd, done := press(d, "enter"); !done || cmd() != "yes" {
		t.Error("choosing 删除 confirms")
	}
}

// A new report can be the roll-up of the year's reports; one made from
// last year's cannot.
func TestNewReportOffersARollup(t *testing.T) {
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default()}
	d := NewNewReport(c, "", 2022, 0, "")
	press(d, "某县")
	d.setFocus(4)
	if !strings.Contains(d.View(), "汇总本年度的报告") || !strings.Contains(d.View(), "建一份以上面单位名义的汇总报告") {
		t.Fatalf("%s", d.View())
	}
	cmd, done := press(d, "enter")
	if msg := msgOf(cmd); !done || msg != (CreateRollup{Agency: "某县", Year: 2022}) {
		t.Errorf("%#v", msg)
	}
	from := NewNewReport(c, "某县", 2023, 7, "某县 2022 年度报告")
	if strings.Contains(from.View(), "汇总本年度的报告") || from.stops() != 5 {
		t.Error("no roll-up from last year's report")
	}
}
