// Package editor is the report editor screen: the outline on the left, the
// page of the selected part on the right (text fields, a table grid, the
// check results or the export form), a status line and a help bar. Saving
// runs as commands: each committed cell at once, prose after a pause in
// typing, one save in flight at a time so edits reach the disk in order.
package editor

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/exportpane"
	"nianbao/ui/findings"
	"nianbao/ui/form"
	"nianbao/ui/grid"
	"nianbao/ui/outline"
)

// pane is the right-hand page.
type pane interface {
	common.Component
	Edited() bool
	Committed() bool
	Problem() (string, bool)
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
)

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
}

const (
	focusOutline = iota
	focusPane
)

// New opens a report for editing.
func New(c *common.Common, doc *common.Doc) *Editor {
	e := &Editor{c: c, doc: doc, saved: doc.R.Clone()}
	e.outline = outline.New(c, doc)
	e.show()
	e.setFocus(focusOutline)
	return e
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
	if fm, ok := e.pane.(*form.Form); ok {
		if f == focusPane {
			fm.Activate()
		} else {
			fm.Blur()
		}
	}
	e.layout()
}

// show builds the page of the selected outline item.
func (e *Editor) show() {
	if g, ok := e.pane.(*grid.Grid); ok {
		g.Commit()
	}
	e.item = e.outline.Selected()
	r := e.doc.R
	switch e.item.Kind {
	case outline.KindGrid:
		e.pane = grid.New(e.c, e.doc, r.Format.Table(e.item.ID))
	case outline.KindChecks:
		e.pane = &findingsPane{findings.New(e.c, e.doc)}
	case outline.KindExport:
		e.pane = exportpane.New(e.c, e.doc, e.c.ExportFolder)
	default:
		e.pane = form.New(e.c, e.doc, fieldsFor(r, e.item))
	}
	e.layout()
}

// fieldsFor lists the text fields of an item.
func fieldsFor(r *model.Report, it outline.Item) []form.Field {
	switch it.Kind {
	case outline.KindMeta:
		return []form.Field{
			{Key: "meta.title", Label: "标题"},
			{Key: "meta.agency", Label: "发布机构"},
			{Key: "meta.period", Label: "统计期限"},
			{Key: "meta.url", Label: "电子版网址", Hint: "例如 www.xxx.gov.cn 政府信息公开专栏"},
			{Key: "meta.contact.office", Label: "联系部门", Hint: "例如 县司法局办公室"},
			{Key: "meta.contact.address", Label: "地址"},
			{Key: "meta.contact.postcode", Label: "邮编"},
			{Key: "meta.contact.phone", Label: "电话"},
			{Key: "meta.contact.fax", Label: "传真"},
			{Key: "meta.contact.email", Label: "电子邮箱"},
			{Key: "meta.sign_agency", Label: "落款单位"},
			{Key: "meta.sign_date", Label: "落款日期", Hint: "例如 2026年1月20日"},
			{Key: "meta.preamble", Label: "前言（报告说明；留空则导出时按以上信息自动生成）", Prose: true},
		}
	case outline.KindPartProse:
		return []form.Field{
			{Key: it.ID + ".heading", Label: "小标题"},
			{Key: it.ID + ".text", Label: "正文", Prose: true, Hint: "在这里输入文字；Ctrl+G 可插入由表格生成的句子"},
		}
	case outline.KindFee:
		var fs []form.Field
		if r.Format.FeeRequired {
			fs = append(fs, form.Field{Key: "s6.fee_yuan", Label: "信息处理费（元）", Hint: "未收取填 0"})
		}
		return append(fs, form.Field{Key: "s6.text", Label: "六、其他需要报告的事项", Prose: true})
	}
	return []form.Field{{Key: it.ID, Label: it.Label, Prose: true}}
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
	if g, ok := e.pane.(*grid.Grid); ok && e.focus == focusPane && g.NeedWidth() > paneW {
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

// guide is the format's guidance for the selected part.
func (e *Editor) guide() string {
	f := e.doc.R.Format
	id := e.item.ID
	switch e.item.Kind {
	case outline.KindChecks, outline.KindExport:
		return ""
	case outline.KindMeta:
		return "标题、统计期限和联系方式会写进报告开头的说明；请核对单位名称和联系电话。"
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
		k.Back, k.Checks, k.Export,
	}
	if e.item.Kind == outline.KindPartProse {
		out = append(out, k.AddPart, k.MoveUp, k.Delete)
	}
	return append(out, k.Help, k.Quit)
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
	if g, ok := e.pane.(*grid.Grid); ok {
		g.Commit()
	}
	return e.saveNow()
}

func (e *Editor) saveNow() tea.Cmd {
	if e.inFlight || e.doc.ReadOnly || !e.dirty() {
		return nil
	}
	e.inFlight = true
	s, id, before, after := e.c.App, e.doc.ID, e.saved, e.doc.R.Clone()
	return func() tea.Msg {
		err := s.Save(id, before, after)
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
	case common.Notice:
		e.notice, e.noticeEr = msg.Text, msg.Err
		return nil
	case common.Leave:
		if msg.Forward {
			e.outline.Move(1)
			e.show()
			e.setFocus(focusPane)
			e.focusStart(true)
		} else {
			e.setFocus(focusOutline)
		}
		return nil
	case common.Jump:
		e.jump(msg.Key, msg.Offset)
		return nil
	case exportpane.Done:
		return e.pane.Update(msg)
	case RemovePart:
		if msg.ID == e.doc.ID && e.doc.R.RemovePart(msg.Part) {
			return e.structureChanged()
		}
		return nil
	case tea.KeyPressMsg:
		return e.key(msg)
	case tea.MouseClickMsg:
		return e.click(msg)
	case tea.MouseWheelMsg:
		if msg.X >= e.paneX() {
			msg.X -= e.paneX()
			msg.Y -= 1 + e.guideH
			return e.toPane(msg)
		}
		return nil
	case tea.PasteMsg:
		if e.focus == focusPane {
			return e.toPane(msg)
		}
		return nil
	}
	return nil
}

// toPane hands a message to the page and follows up on edits.
func (e *Editor) toPane(msg tea.Msg) tea.Cmd {
	cmd := e.pane.Update(msg)
	return tea.Batch(cmd, e.afterEdit())
}

func (e *Editor) afterEdit() tea.Cmd {
	edited, committed := e.pane.Edited(), e.pane.Committed()
	if !edited && !committed {
		return nil
	}
	e.notice = ""
	e.unsaved = true
	if edited {
		e.doc.Recheck()
		e.outline.Refresh()
		if fm, ok := e.pane.(*form.Form); ok {
			fm.Refresh()
			if e.isHeadingField(fm.Focused()) {
				e.outline.Rebuild()
			}
		}
	}
	if committed {
		return e.saveNow()
	}
	return e.saveLater()
}

func (e *Editor) isHeadingField(key string) bool {
	return strings.HasSuffix(key, ".heading") || key == "meta.agency"
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
	}
	if e.focus == focusPane {
		if key.Matches(msg, k.Back) {
			if g, ok := e.pane.(*grid.Grid); ok && g.Editing() {
				return e.toPane(msg) // Esc cancels the cell first
			}
			if g, ok := e.pane.(*grid.Grid); ok {
				g.Commit()
			}
			e.setFocus(focusOutline)
			return e.afterEdit()
		}
		return e.toPane(msg)
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
		e.focusStart(true)
	case key.Matches(msg, k.Back):
		return tea.Batch(e.Flush(), func() tea.Msg { return CloseMsg{} })
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
			return e.structureChanged()
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
	cmd := e.structureChanged()
	e.outline.SelectID("s1.parts." + k)
	e.show()
	e.setFocus(focusPane)
	e.focusStart(true)
	return cmd
}

func (e *Editor) structureChanged() tea.Cmd {
	e.unsaved = true
	e.doc.Recheck()
	e.outline.Rebuild()
	e.show()
	return e.saveNow()
}

// focusStart puts the keyboard on the first (or last) field of the page.
func (e *Editor) focusStart(first bool) {
	if fm, ok := e.pane.(*form.Form); ok {
		if first {
			fm.Focus(0)
		} else {
			fm.Focus(-1)
		}
	}
	e.layout()
}

func (e *Editor) moveSection(dir int) tea.Cmd {
	cmd := e.Flush()
	if e.outline.Move(dir) {
		e.show()
		if e.focus == focusPane {
			e.focusStart(true)
		}
	}
	return cmd
}

// jump shows the page and the cell or text a finding points at.
func (e *Editor) jump(key string, offset int) {
	e.outline.SelectID(outline.ItemFor(key))
	e.show()
	e.setFocus(focusPane)
	switch p := e.pane.(type) {
	case *grid.Grid:
		p.Select(key)
	case *form.Form:
		if !p.FocusKey(key, offset) {
			p.Focus(0)
		}
	}
	e.layout()
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
	return e.toPane(msg)
}

// View draws the screen.
func (e *Editor) View() string {
	st, gl := e.c.Styles, e.c.Styles.G
	r := e.doc.R
	errs, warns := model.Tally(e.doc.Findings)
	title := fmt.Sprintf(" %s %d 年度报告 · %s 版格式", r.Meta.Agency, r.Year, r.Format.ID)
	counts := fmt.Sprintf("错误 %d · 警告 %d ", errs, warns)
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
		state = st.P.Dim.Render("正在保存…")
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

// message is the finding, error or guidance for where the caret is.
func (e *Editor) message() (string, bool) {
	if e.notice != "" {
		return e.notice, e.noticeEr
	}
	if m, bad := e.pane.Problem(); m != "" {
		return m, bad
	}
	switch p := e.pane.(type) {
	case *grid.Grid:
		c, _, ok := p.Selected()
		if !ok {
			return "", false
		}
		where := c.Label()
		if f, ok := e.doc.Worst(c.Key()); ok {
			return f.Level.Chinese() + " " + f.Rule + "：" + f.Message, f.Level == model.Error
		}
		if c.Computed() {
			return where + "：自动计算（各项相加），不能填写", false
		}
		// Cell-specific guidance only: the table's is in the guide line.
		if g := e.doc.R.Format.Guide(c.Key()); g != "" && g != e.doc.R.Format.Guide(c.Table.Key) {
			return where + "：" + g, false
		}
		return where, false
	case *findingsPane:
		if f, ok := p.Selected(); ok {
			return f.Message, f.Level == model.Error
		}
	case *form.Form:
		if fs := e.doc.At(p.Focused()); len(fs) > 0 {
			return fs[0].Level.Chinese() + " " + fs[0].Rule + "：" + fs[0].Message, fs[0].Level == model.Error
		}
	}
	return "", false
}

// findingsPane adapts the findings list to a page.
type findingsPane struct{ *findings.List }

func (findingsPane) Edited() bool            { return false }
func (findingsPane) Committed() bool         { return false }
func (findingsPane) Problem() (string, bool) { return "", false }
