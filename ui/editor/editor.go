// Package editor is the report editor screen: the outline on the left, the
// page of the selected part on the right (text fields, a table grid, the
// check results, the whole report or the export form), a status line and
// a help bar. Saving runs as commands: each committed cell at once, prose
// after a pause in typing, one save in flight at a time so edits reach the
// disk in order.
//
// Pages report their changes with messages (common.Edited, common.Undo);
// the editor keeps the report-wide undo history (a cell, a field left, a
// replacement across the report, blank cells filled with 0, a part
// removed: each one step) and asks for a history version before every
// large change.
package editor

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/exportpane"
	"nianbao/ui/findings"
	"nianbao/ui/form"
	"nianbao/ui/grid"
	"nianbao/ui/outline"
	"nianbao/ui/preview"
)

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

// Messages of the editor, routed by report id so that a late result never
// reaches another report.
type (
	// SavedMsg reports a finished save.
	SavedMsg struct {
		ID    int64
		After *model.Report
		At    time.Time
		Err   error
	}
	saveTick struct {
		id  int64
		seq int
	}
	// CloseMsg asks the app to go back to the report list.
	CloseMsg struct{}
	// ConfirmRemovePart asks the app to confirm removing a part of 一.
	ConfirmRemovePart struct {
		ID   int64
		Part string
		Name string
	}
	// RemovePart removes a part of 一 after confirmation.
	RemovePart struct {
		ID   int64
		Part string
	}
	// OpenFind asks the app for the find (or replace) dialog.
	OpenFind struct {
		Doc     *common.Doc
		Replace bool
		Text    string // the selected text, to search for
	}
	// ReplaceText replaces chosen places across the report (one undo step).
	ReplaceText struct {
		ID       int64
		Old, New string
		Hits     []model.TextHit
	}
	// ConfirmZeros asks the app to confirm filling blank cells with 0.
	ConfirmZeros struct {
		ID          int64
		Table       string // the table shown, or ""
		TableName   string
		InTable     int // blank cells of that table
		InReport    int // blank cells of the whole report
		TableBlanks []string
	}
	// FillZeros fills blank cells with 0 (one undo step).
	FillZeros struct {
		ID     int64
		Tables []string
	}
)

// versionEvery is how often editing leaves a history version.
const versionEvery = 10 * time.Minute

// Editor is the screen.
type Editor struct {
	c   *common.Common
	doc *common.Doc

	outline *outline.Outline
	pane    pane
	item    outline.Item
	focus   int // 0 outline, 1 pane

	w, h     int
	outlineW int
	hideOut  bool
	guideH   int

	saved    *model.Report
	unsaved  bool // an edit since the last save (for the status line)
	inFlight bool
	seq      int
	savedAt  time.Time
	saveErr  string
	notice   string
	noticeEr bool

	// Report-wide undo: mark is the report as of the last step.
	mark       map[string]string
	undo, redo []step

	// A history version is wanted of versionAt before the next save.
	versionAt     *model.Report
	versionReason string
	lastVersion   time.Time
}

// step is one report-wide undo step: the entries it changed.
type step struct {
	label         string
	before, after map[string]string // absent key = blank
	keys          []string
	item          string // where it happened
}

const maxSteps = 100

const (
	focusOutline = iota
	focusPane
)

// New opens a report for editing.
func New(c *common.Common, doc *common.Doc) *Editor {
	e := &Editor{c: c, doc: doc, saved: doc.R.Clone(), mark: doc.R.Entries()}
	e.lastVersion = e.now()
	e.outline = outline.New(c, doc)
	e.show()
	e.setFocus(focusOutline)
	return e
}

func (e *Editor) now() time.Time {
	if e.c.Now != nil {
		return e.c.Now()
	}
	return time.Now()
}

// ID of the report.
func (e *Editor) ID() int64 { return e.doc.ID }

// Selected is the id of the outline item shown.
func (e *Editor) Selected() string { return e.item.ID }

// Doc is the report being edited.
func (e *Editor) Doc() *common.Doc { return e.doc }

func (e *Editor) setFocus(f int) {
	e.focus = f
	e.outline.SetFocus(f == focusOutline)
	if f == focusPane {
		e.pane.Focus(true)
	} else {
		e.pane.Blur()
	}
	e.layout()
}

// show builds the page of the selected outline item.
func (e *Editor) show() {
	if e.pane != nil {
		e.pane.Commit()
		e.checkpoint("")
	}
	e.item = e.outline.Selected()
	r := e.doc.R
	switch e.item.Kind {
	case outline.KindGrid:
		e.pane = grid.New(e.c, e.doc, r.Format.Table(e.item.ID))
	case outline.KindChecks:
		e.pane = &findingsPage{findings.New(e.c, e.doc)}
	case outline.KindExport:
		e.pane = &exportPage{exportpane.New(e.c, e.doc, e.c.ExportFolder)}
	case outline.KindPreview:
		e.pane = preview.New(e.c, e.doc)
	default:
		e.pane = form.New(e.c, e.doc, fieldsFor(r, e.item))
	}
	e.layout()
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

// SetSize lays the screen out.
func (e *Editor) SetSize(w, h int) {
	e.w, e.h = w, h
	e.layout()
}

func (e *Editor) layout() {
	if e.w == 0 {
		return
	}
	e.outlineW = 22
	if e.w >= 100 {
		e.outlineW = 26
	}
	bodyH := e.bodyH()
	e.outline.SetSize(e.outlineW, bodyH)
	paneW := e.w - e.outlineW - 1
	e.hideOut = false
	if e.focus == focusPane && e.pane.NeedWidth() > paneW {
		// A wide table gets the whole width while it has the keyboard.
		e.hideOut = true
		paneW = e.w
	}
	e.guideH = len(e.guideLines(paneW))
	e.pane.SetSize(paneW, bodyH-e.guideH)
}

// bodyH leaves a header line, two status lines and the help bar.
func (e *Editor) bodyH() int { return e.h - 4 }

func (e *Editor) paneX() int {
	if e.hideOut {
		return 0
	}
	return e.outlineW + 1
}

func (e *Editor) guideLines(w int) []string {
	g := e.guide()
	if g == "" {
		return nil
	}
	lines := common.Wrap(g, w)
	keep := 2
	if e.h < 30 {
		keep = 1 // on a small screen the table needs the rows
	}
	if len(lines) > keep {
		lines = lines[:keep]
		lines[keep-1] = common.Cut(lines[keep-1], w-2, "") + e.c.Styles.G.Ellipsis
	}
	return lines
}

// guide is the format's guidance for the selected part; on a table with
// blank cells it starts with how many.
func (e *Editor) guide() string {
	f := e.doc.R.Format
	id := e.item.ID
	switch e.item.Kind {
	case outline.KindChecks, outline.KindExport, outline.KindPreview:
		return ""
	case outline.KindMeta:
		return "标题、统计期限和联系方式会写进报告开头的说明；请核对单位名称和联系电话。"
	case outline.KindGrid:
		if t := f.Table(id); t != nil {
			if cells, _ := model.BlankCells(e.doc.R, id); len(cells) > 0 {
				return fmt.Sprintf("%s 未填 %d 格（没有的按 F6 一次填 0）。", t.Name, len(cells)) + f.Guide(id)
			}
		}
	}
	if g := f.Guide(id); g != "" {
		return g
	}
	if g := f.Guide(id + ".text"); g != "" {
		return g
	}
	if s, ok := f.SectionByKey(e.item.Section); ok {
		return s.Guide
	}
	return ""
}

// Help lists the keys that matter now.
func (e *Editor) Help() []key.Binding {
	k := e.c.Keys
	if e.focus == focusPane {
		return e.pane.Help()
	}
	out := []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "编辑")),
		k.Back, k.Help, k.Quit,
	}
	if e.item.Kind == outline.KindPartProse {
		out = append(out, k.AddPart, k.MoveUp, k.Delete)
	}
	return append(out, k.Checks, k.Find, k.Replace, k.Export, k.Undo)
}

// Cursor is the real terminal cursor, relative to the screen.
func (e *Editor) Cursor() *tea.Cursor {
	if e.focus != focusPane {
		return nil
	}
	c := e.pane.Cursor()
	if c == nil {
		return nil
	}
	c.X += e.paneX()
	c.Y += 1 + e.guideH
	return c
}

// Clean reports whether everything is on disk.
func (e *Editor) Clean() bool { return !e.inFlight && !e.dirty() }

// dirty compares every entry with the saved state; Clean and the save
// use it, the status line reads the unsaved flag kept on each edit.
func (e *Editor) dirty() bool {
	return len(model.Diff(e.saved.Entries(), e.doc.R.Entries())) > 0
}

// Flush saves now whatever is not yet saved.
func (e *Editor) Flush() tea.Cmd {
	e.pane.Commit()
	return e.saveNow()
}

// SaveSync saves at once, outside the event loop: the program is being
// closed (the terminal hung up, the session ends) and the last keystrokes
// must reach the disk.
func (e *Editor) SaveSync() error {
	e.pane.Commit()
	if e.doc.ReadOnly || !e.dirty() {
		return nil
	}
	return e.c.App.Save(e.doc.ID, e.saved, e.doc.R)
}

func (e *Editor) saveNow() tea.Cmd {
	if e.inFlight || e.doc.ReadOnly {
		return nil
	}
	if !e.dirty() {
		e.unsaved = false // nothing to save: never a stale 待保存
		return nil
	}
	e.inFlight = true
	s, id, saved, after := e.c.App, e.doc.ID, e.saved, e.doc.R.Clone()
	before, reason := e.versionAt, e.versionReason
	e.versionAt, e.versionReason = nil, ""
	if before == nil && e.now().Sub(e.lastVersion) >= versionEvery {
		before, reason = after, app.ReasonWhileEditing
	}
	if before != nil {
		e.lastVersion = e.now()
	}
	return func() tea.Msg {
		var err error
		if before != nil {
			err = s.SaveWithVersion(id, saved, before, after, reason)
		} else {
			err = s.Save(id, saved, after)
		}
		return SavedMsg{ID: id, After: after, At: time.Now(), Err: err}
	}
}

// saveLater saves after a pause in typing.
func (e *Editor) saveLater() tea.Cmd {
	e.seq++
	id, seq := e.doc.ID, e.seq
	return tea.Tick(700*time.Millisecond, func(time.Time) tea.Msg { return saveTick{id, seq} })
}

// Update handles the editor's messages.
func (e *Editor) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case SavedMsg:
		if msg.ID != e.doc.ID {
			return nil
		}
		e.inFlight = false
		if msg.Err != nil {
			e.saveErr = msg.Err.Error()
			return nil
		}
		e.saveErr = ""
		e.saved, e.savedAt = msg.After, msg.At
		e.unsaved = e.dirty()
		return e.saveNow() // edits made meanwhile
	case saveTick:
		if msg.id == e.doc.ID && msg.seq == e.seq {
			return e.saveNow()
		}
		return nil
	case common.Edited:
		return e.edited(msg.Commit)
	case common.Undo:
		return e.undoStep(msg.Redo)
	case common.Notice:
		e.notice, e.noticeEr = msg.Text, msg.Err
		return nil
	case common.Leave:
		if msg.Forward {
			if e.outline.Move(1) {
				e.show()
				e.setFocus(focusPane)
			}
			return nil
		}
		// Shift+Tab goes to the previous item, its last field or cell.
		if e.outline.Move(-1) {
			e.show()
			e.setFocus(focusPane)
			e.pane.Focus(false)
			e.layout()
			return nil
		}
		e.setFocus(focusOutline)
		return nil
	case common.Jump:
		e.jump(msg)
		return nil
	case exportpane.Done:
		return e.pane.Update(msg)
	case RemovePart:
		if msg.ID != e.doc.ID {
			return nil
		}
		return e.bulk("删除部分", app.ReasonBeforeRemove, func(r *model.Report) (string, error) {
			if !r.RemovePart(msg.Part) {
				return "", fmt.Errorf("这一部分已经不在了")
			}
			return "已删除这一部分；按 Ctrl+Z 可以撤销，“历史版本”中也留有删除前的版本", nil
		})
	case ReplaceText:
		if msg.ID != e.doc.ID {
			return nil
		}
		return e.bulk(fmt.Sprintf("替换 %d 处", len(msg.Hits)), app.ReasonBeforeReplace, func(r *model.Report) (string, error) {
			n, err := model.ReplaceText(r, msg.Old, msg.New, msg.Hits)
			return fmt.Sprintf("已把 %d 处“%s”改为“%s”；按 Ctrl+Z 可以一次撤销", n, msg.Old, msg.New), err
		})
	case FillZeros:
		if msg.ID != e.doc.ID {
			return nil
		}
		return e.bulk("未填的格填 0", app.ReasonBeforeZeros, func(r *model.Report) (string, error) {
			n, err := model.FillZeros(r, msg.Tables...)
			return fmt.Sprintf("已把 %d 个未填的格填为 0；按 Ctrl+Z 可以撤销", n), err
		})
	case tea.KeyPressMsg:
		return e.key(msg)
	case tea.MouseClickMsg:
		return e.click(msg)
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		if e.focus == focusPane {
			mm := msg.(tea.MouseMsg).Mouse()
			mm.X -= e.paneX()
			mm.Y -= 1 + e.guideH
			if _, ok := msg.(tea.MouseMotionMsg); ok {
				return e.pane.Update(tea.MouseMotionMsg(mm))
			}
			return e.pane.Update(tea.MouseReleaseMsg(mm))
		}
		return nil
	case tea.MouseWheelMsg:
		if msg.X >= e.paneX() {
			msg.X -= e.paneX()
			msg.Y -= 1 + e.guideH
			return e.pane.Update(msg)
		}
		return nil
	case tea.PasteMsg:
		if e.focus == focusPane {
			return e.pane.Update(msg)
		}
		return nil
	}
	return nil
}

// edited follows up on a change made by the page: re-check, redraw the
// outline and marks, save now or after a pause in typing.
func (e *Editor) edited(commit bool) tea.Cmd {
	e.notice = ""
	e.unsaved = true
	e.doc.Recheck()
	e.outline.Refresh()
	e.pane.Refresh()
	if strings.HasSuffix(e.item.ID, ".heading") || e.item.Kind == outline.KindPartProse || e.item.Kind == outline.KindMeta {
		e.outline.Rebuild() // a part's heading or the agency may have changed
	}
	if commit {
		e.checkpoint("")
		return e.saveNow()
	}
	return e.saveLater()
}

// checkpoint records what changed since the last step as one undo step.
func (e *Editor) checkpoint(label string) {
	cur := e.doc.R.Entries()
	ch := model.Diff(e.mark, cur)
	if len(ch) == 0 {
		return
	}
	s := step{label: label, before: map[string]string{}, after: map[string]string{}, item: e.item.ID}
	for _, c := range ch {
		s.keys = append(s.keys, c.Key)
		if v, ok := e.mark[c.Key]; ok {
			s.before[c.Key] = v
		}
		if v, ok := cur[c.Key]; ok {
			s.after[c.Key] = v
		}
	}
	if s.label == "" {
		s.label = "修改" + e.doc.R.KeyLabel(s.keys[0])
		if len(s.keys) > 1 {
			s.label = fmt.Sprintf("修改 %d 项", len(s.keys))
		}
	}
	e.undo = append(e.undo, s)
	if len(e.undo) > maxSteps {
		e.undo = e.undo[1:]
	}
	e.redo = nil
	e.mark = cur
}

// bulk performs a change of much of the report as one undo step, with a
// history version of the report before it.
func (e *Editor) bulk(label, reason string, change func(*model.Report) (string, error)) tea.Cmd {
	if e.doc.ReadOnly {
		e.notice = common.ReadOnlyNotice
		return nil
	}
	e.pane.Commit()
	e.checkpoint("")
	before := e.doc.R.Clone()
	note, err := change(e.doc.R)
	if err != nil {
		*e.doc.R = *before
		e.notice, e.noticeEr = err.Error(), true
		return nil
	}
	if e.versionAt == nil {
		e.versionAt, e.versionReason = before, reason
	}
	e.checkpoint(label)
	e.reportChanged()
	e.notice, e.noticeEr = note, false
	return e.saveNow()
}

// reportChanged redraws everything after the report changed outside the
// page (a bulk change, an undo).
func (e *Editor) reportChanged() {
	e.unsaved = true
	e.doc.Recheck()
	id := e.item.ID
	e.outline.Rebuild()
	if e.outline.Selected().ID != id {
		focus := e.focus
		e.show()
		e.setFocus(focus)
	} else {
		e.pane.Reload()
		e.pane.Refresh()
	}
	e.layout()
}

// undoStep undoes (or redoes) the last report-wide step. A key changed
// again since the step is left as it is.
func (e *Editor) undoStep(redo bool) tea.Cmd {
	if e.doc.ReadOnly {
		e.notice = common.ReadOnlyNotice
		return nil
	}
	e.pane.Commit()
	e.checkpoint("")
	from, to := &e.undo, &e.redo
	if redo {
		from, to = &e.redo, &e.undo
	}
	if len(*from) == 0 {
		if redo {
			e.notice = "没有可以重做的修改"
		} else {
			e.notice = "没有可以撤销的修改"
		}
		return nil
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	want, was := s.before, s.after
	if redo {
		want, was = s.after, s.before
	}
	cur := e.doc.R.Entries()
	skipped := 0
	for _, k := range s.keys {
		now, okNow := cur[k]
		then, okThen := was[k]
		if okNow != okThen || now != then {
			skipped++
			continue
		}
		if v, ok := want[k]; ok {
			cur[k] = v
		} else {
			delete(cur, k)
		}
	}
	r, _ := model.FromEntries(e.doc.R.Format, e.doc.R.Year, cur)
	*e.doc.R = *r
	e.mark = e.doc.R.Entries()
	*to = append(*to, s)
	if s.item != "" && s.item != e.item.ID && e.outline.SelectID(s.item) {
		focus := e.focus
		e.show()
		e.setFocus(focus)
	}
	e.reportChanged()
	what := "已撤销：" + s.label
	if redo {
		what = "已重做：" + s.label
	}
	if skipped > 0 {
		what += fmt.Sprintf("（其中 %d 项之后又改过，保留现在的内容）", skipped)
	}
	e.notice = what + "（Ctrl+Z 撤销，Ctrl+Y 重做）"
	return e.saveNow()
}

func (e *Editor) key(msg tea.KeyPressMsg) tea.Cmd {
	k := e.c.Keys
	e.notice = ""
	switch {
	case key.Matches(msg, k.NextSection):
		return e.moveSection(1)
	case key.Matches(msg, k.PrevSection):
		return e.moveSection(-1)
	case key.Matches(msg, k.Checks):
		e.outline.SelectID("checks")
		e.show()
		e.setFocus(focusPane)
		return nil
	case key.Matches(msg, k.Export):
		e.outline.SelectID("export")
		e.show()
		e.setFocus(focusPane)
		return e.Flush()
	case key.Matches(msg, k.Save):
		if cmd := e.Flush(); cmd != nil {
			return cmd
		}
		e.notice = "所有修改都已保存"
		return nil
	case key.Matches(msg, k.Find), key.Matches(msg, k.Replace):
		e.pane.Commit()
		sel := e.pane.SelectedText()
		d, rep := e.doc, key.Matches(msg, k.Replace)
		return func() tea.Msg { return OpenFind{Doc: d, Replace: rep, Text: sel} }
	case key.Matches(msg, k.Zeros):
		return e.askZeros()
	}
	if e.focus == focusPane {
		if key.Matches(msg, k.Back) {
			if e.pane.Editing() {
				return e.pane.Update(msg) // Esc cancels the cell first
			}
			e.pane.Commit()
			e.checkpoint("")
			e.setFocus(focusOutline)
			return e.saveNow()
		}
		return e.pane.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Up):
		if e.outline.Move(-1) {
			e.show()
		}
	case key.Matches(msg, k.Down):
		if e.outline.Move(1) {
			e.show()
		}
	case key.Matches(msg, k.PgDn):
		for i := 0; i < 5 && e.outline.Move(1); i++ {
		}
		e.show()
	case key.Matches(msg, k.PgUp):
		for i := 0; i < 5 && e.outline.Move(-1); i++ {
		}
		e.show()
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Right), key.Matches(msg, k.Next):
		e.setFocus(focusPane)
	case key.Matches(msg, k.Back):
		return tea.Batch(e.Flush(), func() tea.Msg { return CloseMsg{} })
	case key.Matches(msg, k.Undo):
		return e.undoStep(false)
	case key.Matches(msg, k.Redo):
		return e.undoStep(true)
	case key.Matches(msg, k.Copy):
		e.notice = common.QuitHint
	case key.Matches(msg, k.AddPart) && e.item.Section == "s1":
		return e.addPart()
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		if e.item.Kind == outline.KindPartProse {
			dir := 1
			if key.Matches(msg, k.MoveUp) {
				dir = -1
			}
			i := e.doc.R.Part(strings.TrimPrefix(e.item.ID, "s1.parts."))
			e.doc.R.MovePart(i, i+dir)
			return e.structureChanged("移动部分")
		}
	case key.Matches(msg, k.Delete):
		if e.item.Kind == outline.KindPartProse {
			p := strings.TrimPrefix(e.item.ID, "s1.parts.")
			id, name := e.doc.ID, e.item.Label
			return func() tea.Msg { return ConfirmRemovePart{ID: id, Part: p, Name: name} }
		}
	}
	return nil
}

// askZeros offers to fill the blank cells of the table shown, or of the
// whole report, with 0.
func (e *Editor) askZeros() tea.Cmd {
	r := e.doc.R
	all, _ := model.BlankCells(r)
	z := ConfirmZeros{ID: e.doc.ID, InReport: len(all), TableBlanks: model.BlankSummary(r)}
	if model.FeeBlank(r) {
		z.InReport++
		z.TableBlanks = append(z.TableBlanks, r.KeyLabel("s6.fee_yuan")+" 未填")
	}
	if e.item.Kind == outline.KindGrid {
		if t := r.Format.Table(e.item.ID); t != nil {
			cells, _ := model.BlankCells(r, t.Key)
			z.Table, z.TableName, z.InTable = t.Key, t.Name, len(cells)
		}
	}
	if z.InReport == 0 {
		e.notice = "所有表格都已填写，没有未填的格"
		return nil
	}
	e.pane.Commit()
	return func() tea.Msg { return z }
}

// addPart adds a sub-part to 一 after the selected one.
func (e *Editor) addPart() tea.Cmd {
	if e.doc.ReadOnly {
		e.notice = common.ReadOnlyNotice
		return nil
	}
	r := e.doc.R
	k := r.NextExtraKey()
	at := len(r.Parts)
	if e.item.Kind == outline.KindPartProse {
		at = r.Part(strings.TrimPrefix(e.item.ID, "s1.parts.")) + 1
	} else if e.item.ID == "s1.lead" {
		at = 0
	}
	r.Set("s1.parts."+k+".heading", "新增部分")
	r.MovePart(len(r.Parts)-1, at)
	cmd := e.structureChanged("新增部分")
	e.outline.SelectID("s1.parts." + k)
	e.show()
	e.setFocus(focusPane)
	return cmd
}

func (e *Editor) structureChanged(label string) tea.Cmd {
	e.checkpoint(label)
	e.reportChanged()
	return e.saveNow()
}

func (e *Editor) moveSection(dir int) tea.Cmd {
	cmd := e.Flush()
	if e.outline.Move(dir) {
		focus := e.focus
		e.show()
		if focus == focusPane {
			e.setFocus(focusPane)
		}
	}
	return cmd
}

// jump shows the page and the cell or text a finding or a find hit points
// at, with the finding's message in the status line.
func (e *Editor) jump(j common.Jump) {
	e.outline.SelectID(outline.ItemFor(j.Key))
	e.show()
	e.setFocus(focusPane)
	if !e.pane.Select(j.Key, j.Offset, j.Len) {
		e.pane.Focus(true)
	}
	e.layout()
	if j.Note != "" {
		e.notice = j.Note
	}
}

func (e *Editor) click(msg tea.MouseClickMsg) tea.Cmd {
	y := msg.Y - 1
	if y < 0 || y >= e.bodyH() {
		return nil
	}
	if !e.hideOut && msg.X < e.outlineW {
		if e.outline.Click(y) {
			cmd := e.Flush()
			e.show()
			e.setFocus(focusOutline)
			return cmd
		}
		return nil
	}
	if e.focus != focusPane {
		e.setFocus(focusPane)
	}
	msg.X -= e.paneX()
	msg.Y = y - e.guideH
	return e.pane.Update(msg)
}

// View draws the screen.
func (e *Editor) View() string {
	st, gl := e.c.Styles, e.c.Styles.G
	r := e.doc.R
	title := fmt.Sprintf(" %s %d 年度报告 · %s 版格式", r.Meta.Agency, r.Year, r.Format.ID)
	counts := e.counts()
	if e.doc.ReadOnly {
		counts = "只读 · " + counts
	}
	header := st.P.Header.Render(common.Fit(title, e.w-common.Width(counts), gl.Ellipsis)) + st.P.HeaderDim.Render(counts)

	bodyH := e.bodyH()
	paneW := e.w - e.paneX()
	paneLines := e.guideLines(paneW)
	for i := range paneLines {
		paneLines[i] = st.P.Guide.Render(common.Fit(paneLines[i], paneW, gl.Ellipsis))
	}
	paneLines = append(paneLines, strings.Split(e.pane.View(), "\n")...)
	var body []string
	var outLines []string
	if !e.hideOut {
		outLines = strings.Split(e.outline.View(), "\n")
	}
	sep := st.P.Dim.Render(gl.Sep)
	// The outline and the pages draw lines of exactly their width.
	blank := strings.Repeat(" ", paneW)
	for i := 0; i < bodyH; i++ {
		p := blank
		if i < len(paneLines) {
			p = paneLines[i]
		}
		if e.hideOut {
			body = append(body, p)
			continue
		}
		o := strings.Repeat(" ", e.outlineW)
		if i < len(outLines) {
			o = outLines[i]
		}
		body = append(body, o+sep+p)
	}
	return strings.Join([]string{header, strings.Join(body, "\n"), e.statusLine(), common.HelpBar(e.c.Styles, e.Help(), e.w)}, "\n")
}

// counts is the header's summary: 错误 and 警告 without the blank cells,
// which are counted once (a report made from last year's has a hundred).
func (e *Editor) counts() string {
	errs, warns := 0, 0
	for _, f := range e.doc.Findings {
		switch {
		case e.doc.IsBlankCell(f):
		case f.Level == model.Error:
			errs++
		case f.Level == model.Warning:
			warns++
		}
	}
	out := fmt.Sprintf("错误 %d · 警告 %d ", errs, warns)
	if n := len(e.doc.R.Blanks()); n > 0 {
		out = fmt.Sprintf("错误 %d · 警告 %d · 未填 %d 格 ", errs, warns, n)
	}
	return out
}

// statusLine: save state, then the message that matters at the caret.
func (e *Editor) statusLine() string {
	st, gl := e.c.Styles, e.c.Styles.G
	var state string
	switch {
	case e.doc.ReadOnly:
		state = st.P.Warning.Render("只读")
	case e.saveErr != "":
		state = st.P.Error.Render("保存失败：" + e.saveErr + "（内容仍在，Ctrl+S 重试）")
	case e.inFlight:
		state = st.P.Dim.Render("正在保存" + gl.Ellipsis)
	case e.unsaved:
		state = st.P.Dim.Render("待保存")
	case !e.savedAt.IsZero():
		state = st.P.StatusOK.Render("已保存 " + e.savedAt.Format("15:04:05"))
	default:
		state = st.P.StatusOK.Render("已保存")
	}
	msg, bad := e.message()
	style := st.P.Status
	if bad {
		style = st.P.Error
	}
	// Messages name cells and numbers: give them two lines.
	first := e.w - common.Width(state) - 2
	var l1, l2 []rune
	w := 0
	for _, r := range msg {
		rw := common.Width(string(r))
		if w+rw <= first {
			l1 = append(l1, r)
		} else {
			l2 = append(l2, r)
		}
		w += rw
	}
	return common.Fit(state+"  "+style.Render(string(l1)), e.w, gl.Ellipsis) + "\n" +
		common.Fit(style.Render("  "+string(l2)), e.w, gl.Ellipsis)
}

// message is the notice, or the page's message for where the caret is.
func (e *Editor) message() (string, bool) {
	if e.notice != "" {
		return e.notice, e.noticeEr
	}
	if e.focus == focusOutline && e.item.Kind != outline.KindChecks {
		return "", false
	}
	return e.pane.Problem()
}

// findingsPage adapts the findings list to a page.
type findingsPage struct{ *findings.List }

func (findingsPage) Focus(bool)                   {}
func (findingsPage) Blur()                        {}
func (findingsPage) Commit()                      {}
func (findingsPage) Editing() bool                { return false }
func (findingsPage) Select(string, int, int) bool { return false }
func (p findingsPage) Reload()                    { p.List.Refresh() }
func (findingsPage) NeedWidth() int               { return 0 }
func (findingsPage) SelectedText() string         { return "" }
func (p findingsPage) Problem() (string, bool) {
	if f, ok := p.List.Selected(); ok {
		return f.Message, f.Level == model.Error
	}
	return "", false
}

// exportPage adapts the export form to a page.
type exportPage struct{ *exportpane.Pane }

func (exportPage) Focus(bool)                   {}
func (exportPage) Blur()                        {}
func (exportPage) Commit()                      {}
func (exportPage) Editing() bool                { return false }
func (exportPage) Select(string, int, int) bool { return false }
func (exportPage) Refresh()                     {}
func (exportPage) Reload()                      {}
func (exportPage) NeedWidth() int               { return 0 }
func (exportPage) SelectedText() string         { return "" }
