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
	"nianbao/ui/members"
	"nianbao/ui/outline"
	"nianbao/ui/preview"
)

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

// CheckSelected is the finding selected on the 检查结果 page (tests).
func (e *Editor) CheckSelected() (model.Finding, bool) {
	if p, ok := e.pane.(*findingsPage); ok {
		return p.List.Selected()
	}
	return model.Finding{}, false
}

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
	case outline.KindRollup:
		e.pane = members.New(e.c, e.doc)
	default:
		e.pane = form.New(e.c, e.doc, fieldsFor(r, e.item))
	}
	e.layout()
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
	case outline.KindRollup:
		return "这是汇总报告：表二、表三、表四是各成员之和。成员的报告改动后，检查结果会列出不符的格（R13），按 F3 重新汇总。"
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
	case MembersMsg:
		return e.members(msg)
	case DismissedMsg:
		return e.dismissed(msg)
	case findings.Dismiss:
		return e.askDismiss(msg.Finding)
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
	errs, warns, _, _, _ := e.doc.Counts() // reviewed findings are not counted
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
