package editor

import (
	"strings"
	"time"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/exportpane"
	"nianbao/ui/findings"
	"nianbao/ui/form"
	"nianbao/ui/outline"
)

// The pages of the editor and what they must do; the text fields of
// each outline item, read from the report's format.

// pane is the right-hand page.
type pane interface {
	common.Component
	// Focus gives the page the keyboard at its first (or, coming back
	// with Shift+Tab, its last) field or cell.
	Focus(first bool)
	// Blur takes the keyboard away, ending any edit in progress.
	Blur()
	// Commit ends an edit in progress (a cell being typed) so that the
	// report holds it.
	Commit()
	// Editing reports an edit in progress that Esc cancels.
	Editing() bool
	// Select shows a key: a cell, or a text with the caret at a byte
	// offset (-1: where it was) and n bytes selected; false if not here.
	Select(key string, offset, n int) bool
	// Refresh redraws what depends on the findings (after any edit).
	Refresh()
	// Reload re-reads the report after it changed elsewhere (undo,
	// replace, fill zeros).
	Reload()
	// NeedWidth is the width the page wants (0: any); a wide table gets
	// the whole screen while it has the keyboard.
	NeedWidth() int
	// Problem is the message for the status line about the caret.
	Problem() (string, bool)
	// SelectedText is the text selected on the page ("" for none).
	SelectedText() string
}

// hints are the placeholders of text fields: examples, not labels (the
// labels are the model's).
var hints = map[string]string{
	"meta.url":            "例如 www.xxx.gov.cn 政府信息公开专栏",
	"meta.contact.office": "例如 县司法局办公室",
	"meta.sign_date":      "例如 2026年1月20日",
	"s6.fee_yuan":         "未收取填 0",
}

// oneLine are the metadata keys edited on one line.
func oneLine(key string) bool { return key != "meta.preamble" }

// fieldsFor lists the text fields of an item; keys and labels come from
// the report's format.
func fieldsFor(r *model.Report, it outline.Item) []form.Field {
	switch it.Kind {
	case outline.KindMeta:
		var fs []form.Field
		for _, k := range r.TextKeys() {
			if !strings.HasPrefix(k, "meta.") {
				continue
			}
			f := form.Field{Key: k, Label: r.KeyLabel(k), Hint: hints[k], Prose: !oneLine(k)}
			if f.Prose {
				f.Label += "（报告说明；留空则导出时按以上信息自动生成）"
			}
			fs = append(fs, f)
		}
		return fs
	case outline.KindPartProse:
		return []form.Field{
			{Key: it.ID + ".heading", Label: "小标题"},
			{Key: it.ID + ".text", Label: "正文", Prose: true, Hint: "在这里输入文字；Ctrl+G 可插入由表格生成的句子"},
		}
	case outline.KindFee:
		var fs []form.Field
		if r.Format.FeeRequired {
			fs = append(fs, form.Field{Key: "s6.fee_yuan", Label: r.KeyLabel("s6.fee_yuan"), Hint: hints["s6.fee_yuan"]})
		}
		for _, k := range r.TextKeys() {
			if strings.HasPrefix(k, it.Section+".") {
				fs = append(fs, form.Field{Key: k, Label: r.KeyLabel(k), Prose: true})
			}
		}
		return fs
	}
	return []form.Field{{Key: it.ID, Label: r.KeyLabel(it.ID), Prose: true}}
}

// findingsPage adapts the findings list to a page.
type findingsPage struct{ *findings.List }

func (findingsPage) Focus(bool) {}

func (findingsPage) Blur() {}

func (findingsPage) Commit() {}

func (findingsPage) Editing() bool { return false }

func (findingsPage) Select(string, int, int) bool { return false }

func (p findingsPage) Reload() { p.List.Refresh() }

func (findingsPage) NeedWidth() int { return 0 }

func (findingsPage) SelectedText() string { return "" }

func (p findingsPage) Problem() (string, bool) {
	if f, ok := p.List.Selected(); ok {
		if f.Dismissed {
			return "已核实：" + f.Reason + "（" + f.By + "，" + reviewedAt(f.At) + "）｜" + f.Message, false
		}
		return f.Message, f.Level == model.Error
	}
	return "", false
}

// exportPage adapts the export form to a page.
type exportPage struct{ *exportpane.Pane }

func (exportPage) Focus(bool) {}

func (exportPage) Blur() {}

func (exportPage) Commit() {}

func (exportPage) Editing() bool { return false }

func (exportPage) Select(string, int, int) bool { return false }

func (exportPage) Refresh() {}

func (exportPage) Reload() {}

func (exportPage) NeedWidth() int { return 0 }

func (exportPage) SelectedText() string { return "" }

// reviewedAt prints a review's time for the status line.
func reviewedAt(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.Local().Format("01-02 15:04")
}
