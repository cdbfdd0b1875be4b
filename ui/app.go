// Package ui is the guided terminal UI. The root model routes messages:
// dialogs first, then global keys, then the active screen (the report list
// or the editor). All database and file work runs in commands (cmds.go);
// Update only changes state.
package ui

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/app"
	"nianbao/ui/common"
	"nianbao/ui/dialog"
	"nianbao/ui/editor"
	"nianbao/ui/exportpane"
	"nianbao/ui/home"
	"nianbao/ui/members"
	"nianbao/ui/styles"
)

// MinWidth and MinHeight are the smallest usable terminal.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Model is the root.
type Model struct {
	c       *common.Common
	w, h    int
	home    *home.Home
	editor  *editor.Editor
	dialogs []dialog.Dialog

	openThen string  // outline item to show once a report is open
	offer    [2]int  // after a report made from last year's: replace year [0] by [1]
	closing  bool    // leaving the editor once everything is saved
	quitting bool    // quitting once everything is saved
	openNext int64   // the report to open once the editor has closed
	back     []int64 // roll-ups whose members were opened: Esc goes back

	cancelRead func() // stops the import being read, if any
}

// New makes the UI over an open store.
func New(c *common.Common) *Model {
	m := &Model{c: c, home: home.New(c)}
	m.home.SetReadOnly(c.App.ReadOnly())
	return m
}

// Init loads the report list; on the very first start it creates the demo.
func (m *Model) Init() tea.Cmd { return m.loadList(false, true) }

func (m *Model) push(d dialog.Dialog) { m.dialogs = append(m.dialogs, d) }

func (m *Model) top() dialog.Dialog {
	if len(m.dialogs) == 0 {
		return nil
	}
	return m.dialogs[len(m.dialogs)-1]
}

// Update routes a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.home.SetSize(m.w, m.h)
		if m.editor != nil {
			m.editor.SetSize(m.w, m.h)
		}
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.c.Keys.Quit) {
			return m, m.quit()
		}
		if m.tooSmall() {
			return m, nil // the screen shows only how to enlarge it
		}
		if d := m.top(); d != nil {
			return m, m.toDialog(msg)
		}
		switch {
		case key.Matches(msg, m.c.Keys.Help):
			m.push(helpDialog(m.c, m.h))
			return m, nil
		case key.Matches(msg, m.c.Keys.Theme):
			return m, m.toggleTheme()
		}
	case tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.MouseMotionMsg, tea.MouseReleaseMsg:
		if m.tooSmall() {
			return m, nil
		}
		if m.top() != nil {
			return m, m.toDialog(msg)
		}
	}
	if cmd, ok := m.handle(msg); ok {
		return m, cmd
	}
	// Results meant for an open dialog (previews, revisions).
	if d := m.top(); d != nil {
		switch msg.(type) {
		case dialog.Preview, dialog.Folder, dialog.RevisionsMsg, dialog.RevisionMsg:
			return m, m.toDialog(msg)
		}
	}
	if m.editor != nil {
		return m, m.afterEditor(m.editor.Update(msg))
	}
	return m, m.home.Update(msg)
}

func (m *Model) toDialog(msg tea.Msg) tea.Cmd {
	cmd, done := m.top().Update(msg)
	if done {
		m.dialogs = m.dialogs[:len(m.dialogs)-1]
	}
	return cmd
}

// afterEditor finishes leaving or quitting once the editor has saved.
func (m *Model) afterEditor(cmd tea.Cmd) tea.Cmd {
	if m.editor == nil || !m.editor.Clean() {
		return cmd
	}
	switch {
	case m.quitting:
		return tea.Quit
	case m.closing:
		m.closing = false
		id := m.editor.ID()
		m.editor = nil
		if next := m.openNext; next != 0 {
			m.openNext = 0
			return tea.Batch(cmd, m.open(next))
		}
		m.home.SelectID(id)
		return tea.Batch(cmd, m.loadList(false, false))
	}
	return cmd
}

func (m *Model) tooSmall() bool { return m.w > 0 && (m.w < MinWidth || m.h < MinHeight) }

// SaveNow saves what the editor holds, at once: called after the event loop
// ended (the terminal was closed, the session ends, SIGTERM).
func (m *Model) SaveNow() error {
	if m.editor == nil {
		return nil
	}
	return m.editor.SaveSync()
}

func (m *Model) quit() tea.Cmd {
	if m.editor == nil || m.editor.Clean() {
		return tea.Quit
	}
	m.quitting = true
	return m.afterEditor(m.editor.Flush())
}

// handle deals with the app-level messages; ok is false for others.
func (m *Model) handle(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case editor.SavedMsg:
		if m.editor == nil {
			return nil, true
		}
		cmd := m.editor.Update(msg)
		if msg.Err != nil && m.quitting {
			m.quitting = false // stay: the clerk must see that saving failed
		}
		return m.afterEditor(cmd), true
	case editor.CloseMsg:
		m.closing = true
		if n := len(m.back); n > 0 {
			m.openNext, m.back = m.back[n-1], m.back[:n-1]
		}
		return m.afterEditor(nil), true
	case members.OpenMember:
		if m.editor == nil || m.editor.ID() != msg.Rollup {
			return nil, true
		}
		m.back = append(m.back, msg.Rollup)
		m.openNext, m.closing = msg.ID, true
		return m.afterEditor(m.editor.Flush()), true
	case members.Refresh:
		return m.memberStatus(msg.ID, true), true
	case editor.AskDismiss:
		m.push(dialog.NewReason(m.c, msg.ID, msg.Finding))
		return nil, true
	case dialog.Reviewed:
		return m.dismiss(editor.DismissFinding{ID: msg.ID, Finding: msg.Finding, Reason: msg.Reason}), true
	case editor.DismissFinding:
		return m.dismiss(msg), true
	case editor.ConfirmRemovePart:
		m.push(dialog.NewConfirm(m.c, "删除这一部分", "删除“"+msg.Name+"”及其文字？删除后可按 Ctrl+Z 撤销，也可在“历史版本”中找回删除前的版本。", "删除",
			editor.RemovePart{ID: msg.ID, Part: msg.Part}, true))
		return nil, true
	case editor.OpenFind:
		m.push(dialog.NewFind(m.c, msg.Doc, msg.Replace, msg.Text, m.w, m.h))
		return nil, true
	case editor.ConfirmZeros:
		m.push(dialog.NewZeros(m.c, msg.ID, msg.Table, msg.TableName, msg.InTable, msg.InReport, msg.TableBlanks))
		return nil, true
	case dialog.ReplaceText:
		if m.editor == nil {
			return nil, true
		}
		return m.afterEditor(m.editor.Update(editor.ReplaceText(msg))), true
	case dialog.FillZeros:
		if m.editor == nil {
			return nil, true
		}
		return m.afterEditor(m.editor.Update(editor.FillZeros(msg))), true
	case home.ListMsg:
		return m.home.Update(msg), true
	case home.ReloadMsg:
		return m.loadList(msg.Trash, false), true
	case home.OpenMsg:
		return m.open(msg.ID), true
	case home.ExportMsg:
		m.openThen = "export"
		return m.open(msg.ID), true
	case openedMsg:
		return m.opened(msg), true
	case home.NewMsg:
		if msg.From != nil {
			l := msg.From
			m.push(dialog.NewNewReport(m.c, l.Agency, l.Year+1, l.ID, fmt.Sprintf("%s %d 年度报告（%s 版）", l.Agency, l.Year, l.Format)))
		} else {
			m.push(dialog.NewNewReport(m.c, "", m.c.Now().Year()-1, 0, ""))
		}
		return nil, true
	case dialog.CreateReport:
		return m.create(msg.Options), true
	case dialog.CreateRollup:
		return m.createRollup(msg), true
	case createdMsg:
		if msg.err != nil {
			m.push(dialog.NewNotes(m.c, "没有新建", []string{msg.err.Error()}, 6))
			return nil, true
		}
		if len(msg.notes) > 0 {
			m.push(dialog.NewNotes(m.c, "请注意", msg.notes, m.h-10))
		}
		if msg.fromYear != 0 {
			m.offer = [2]int{msg.fromYear, msg.year}
		}
		return m.open(msg.id), true
	case home.DeleteMsg:
		l := msg.Line
		m.push(dialog.NewConfirm(m.c, "删除报告", fmt.Sprintf("删除“%s %d 年度报告”？删除后在回收站（F9）中可以恢复。", l.Agency, l.Year), "删除",
			deleteReq{l.ID}, true))
		return nil, true
	case deleteReq:
		return m.trash(msg.id, true), true
	case home.RestoreMsg:
		return m.trash(msg.ID, false), true
	case home.HistoryMsg:
		d := dialog.NewHistory(m.c, msg.Line.ID, fmt.Sprintf("%s %d 年度", msg.Line.Agency, msg.Line.Year), m.h-8)
		m.push(d)
		return m.revisions(msg.Line.ID), true
	case dialog.LoadRevision:
		return m.revision(msg.ID, msg.Rev), true
	case dialog.Restore:
		return m.restore(msg.ID, msg.Rev), true
	case home.ImportMsg:
		m.push(dialog.NewImport(m.c, m.h-8))
		return nil, true
	case dialog.ReadFile:
		return m.readImport(msg), true
	case dialog.CancelRead:
		if m.cancelRead != nil {
			m.cancelRead()
			m.cancelRead = nil
		}
		return nil, true
	case dialog.DoImport:
		return m.storeImport(msg.Token), true
	case dialog.ReadDir:
		return m.readDir(msg.Path), true
	case dialog.DirDone:
		var cmd tea.Cmd
		if m.top() != nil {
			cmd = m.toDialog(msg)
		}
		return tea.Batch(cmd, m.loadList(false, false)), true
	case importedMsg:
		return m.imported(msg), true
	case exportpane.Run:
		return m.export(msg, false), true
	case exportRetry:
		return m.export(msg.run, true), true
	case exportDone:
		if msg.exists != nil {
			// The page stops waiting: nothing was written unless the clerk
			// chooses 覆盖, which exports again.
			var cmd tea.Cmd
			if m.editor != nil {
				cmd = m.editor.Update(exportpane.Done{ID: msg.run.ID, Err: msg.exists})
			}
			m.push(dialog.NewConfirm(m.c, "文件已存在", msg.path+" 已经存在，要覆盖吗？", "覆盖", exportRetry{msg.run}, true))
			return cmd, true
		}
		if m.editor != nil {
			m.c.ExportFolder = strings.TrimRight(msg.run.Options.Target, `/\`)
			return m.editor.Update(exportpane.Done{ID: msg.run.ID, Result: msg.res, Err: msg.err}), true
		}
		return nil, true
	case themeSaved:
		return nil, true
	}
	return nil, false
}

func (m *Model) opened(msg openedMsg) tea.Cmd {
	if msg.err != nil {
		return common.NoticeCmd(msg.err.Error(), true)
	}
	doc := common.NewDocIn(msg.id, msg.r, msg.cx)
	doc.ReadOnly = m.c.App.ReadOnly()
	m.editor = editor.New(m.c, doc)
	m.editor.SetSize(m.w, m.h)
	var status tea.Cmd
	if doc.Rollup {
		status = m.memberStatus(msg.id, false)
	}
	if o := m.offer; o[0] != 0 {
		// A report made from last year's: offer to bring its years up to
		// date, under the notes about what could not be carried.
		m.offer = [2]int{}
		if d, ok := dialog.NewYearOffer(m.c, doc, o[0], o[1], m.w, m.h); ok && !doc.ReadOnly {
			m.dialogs = append([]dialog.Dialog{d}, m.dialogs...)
		}
	}
	if m.openThen != "" {
		id := m.openThen
		m.openThen = ""
		return tea.Batch(status, func() tea.Msg { return common.Jump{Key: id, Offset: -1} })
	}
	return status
}

func (m *Model) toggleTheme() tea.Cmd {
	next := styles.ASCII
	if m.c.Styles.Theme == styles.ASCII {
		next = styles.Default
	}
	*m.c.Styles = *styles.New(next)
	note := common.NoticeCmd("已切换为纯 ASCII 界面样式（边框和符号只用 ASCII 字符）；再按 Ctrl+T 换回", false)
	if next == styles.Default {
		note = common.NoticeCmd("已切换为标准界面样式；边框乱了时再按 Ctrl+T 换成纯 ASCII 样式", false)
	}
	s := m.c.App
	if s.ReadOnly() {
		return note
	}
	return tea.Batch(note, func() tea.Msg { s.SetSetting("theme", next); return themeSaved{} })
}

// View draws the screen, a dialog over it, and places the real cursor.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "nianbao 政府信息公开工作年度报告"
	if m.w == 0 {
		v.SetContent("")
		return v
	}
	if m.tooSmall() {
		// How to enlarge differs by system (app.EnlargeHint); wrapped to
		// the small window so none of it is cut off. "x", not "×": the
		// ASCII theme draws only ASCII.
		msg := fmt.Sprintf("窗口太小：请把窗口放大到至少 %d x %d（现在是 %d x %d）。\n%s。\n按 Ctrl+Q 退出。", MinWidth, MinHeight, m.w, m.h, app.EnlargeHint(runtime.GOOS))
		v.SetContent(ansi.Wrap(msg, max(m.w, 10), ""))
		return v
	}
	var base string
	var cur *tea.Cursor
	if m.editor != nil {
		base, cur = m.editor.View(), m.editor.Cursor()
	} else {
		base = m.home.View()
	}
	if d := m.top(); d != nil {
		var x, y int
		base, x, y = overlay(m.c, base, d, m.w, m.h)
		cur = nil
		if c := d.Cursor(); c != nil {
			c.X += x
			c.Y += y
			cur = c
		}
		base = m.withDialogHelp(base, d)
	}
	if m.c.Styles.Theme == styles.ASCII {
		base = styles.ASCIIOnly(base)
	}
	v.SetContent(base)
	v.Cursor = cur
	return v
}

// withDialogHelp replaces the help bar with the dialog's keys.
func (m *Model) withDialogHelp(base string, d dialog.Dialog) string {
	lines := strings.Split(base, "\n")
	lines[len(lines)-1] = common.HelpBar(m.c.Styles, d.Help(), m.w)
	return strings.Join(lines, "\n")
}

// overlay draws a dialog centred over base; x, y is its content's origin.
func overlay(c *common.Common, base string, d dialog.Dialog, w, h int) (string, int, int) {
	box, dx, dy := dialog.Frame(c, d, w-4)
	bl := strings.Split(box, "\n")
	bw := 0
	for _, l := range bl {
		bw = max(bw, common.Width(l))
	}
	x := max(0, (w-bw)/2)
	y := max(1, (h-len(bl))/2)
	lines := strings.Split(base, "\n")
	for i, l := range bl {
		if y+i >= len(lines) {
			break
		}
		row := lines[y+i]
		// A wide character cut by an edge of the box becomes a space: the
		// row stays exactly w columns.
		left := ansi.Cut(row, 0, x)
		left += strings.Repeat(" ", max(0, x-common.Width(left)))
		want := max(0, w-x-bw)
		right := ansi.Cut(row, x+bw, w)
		if common.Width(right) > want {
			right = ansi.Cut(row, x+bw+1, w)
			right = strings.Repeat(" ", max(0, want-common.Width(right))) + right
		}
		lines[y+i] = left + common.Fit(l, bw, "") + right
	}
	return strings.Join(lines, "\n"), x + dx, y + dy
}

func helpDialog(c *common.Common, h int) dialog.Dialog {
	k := c.Keys
	line := func(b key.Binding, more string) string {
		hb := b.Help()
		return common.Fit(hb.Key, 16, "") + hb.Desc + more
	}
	raw := func(keys, desc string) string { return common.Fit(keys, 16, "") + desc }
	lines := []string{
		"按报告的顺序逐项填写：左边选部分，Enter 进入编辑，Esc 回到左边。",
		"所有修改随时自动保存；表格合计自动计算；检查结果随填随更新。",
		"",
		"【移动】",
		line(k.Next, "（文字中：下一项；最后一项之后到下一部分）"),
		line(k.Prev, "（回到上一项或上一部分）"),
		line(k.NextSection, "（Ctrl+↓ 亦可）"),
		line(k.PrevSection, "（Ctrl+↑ 亦可）"),
		raw("Home / End", "行首 / 行尾（折行处停在这一行的末尾）"),
		raw("Ctrl+Home/End", "文字开头 / 末尾"),
		raw("Ctrl+← / →", "按词移动（到下一个标点或空格）"),
		raw("PgUp / PgDn", "上一页 / 下一页"),
		"",
		"【编辑文字】",
		raw("Shift+方向键", "选中文字；Shift+Home/End 选到行首/行尾"),
		raw("Ctrl+Shift+←/→", "按词选中"),
		line(k.SelectAll, "（当前这一项的全部文字）"),
		raw("鼠标拖动", "选中文字（终端支持鼠标时）"),
		line(k.Copy, "（没有选中文字时不做任何事；退出请按 Ctrl+Q）"),
		line(k.Cut, ""),
		line(k.Paste, "（系统剪贴板的文字；不可用时粘贴本程序内复制的文字）"),
		raw("Delete / Backspace", "删除选中的文字或一个字"),
		raw("Ctrl+Backspace", "删除前一个词；Ctrl+Delete 删除后一个词"),
		line(k.Undo, "（文字中先撤销本项的输入，再撤销整份报告的修改）"),
		line(k.Redo, "（Ctrl+Shift+Z 亦可）"),
		line(k.Generate, "（在 一、六 等文字中，由表格生成句子）"),
		line(k.Find, "（在所有文字中查找，Enter 转到那里）"),
		line(k.Replace, "（Ctrl+R 亦可；逐处选择或全部替换，可一次撤销）"),
		"",
		"【表格】",
		raw("数字", "直接输入即可填写；Enter/方向键确认，Esc 取消"),
		line(k.Edit, "（修改这一格）"),
		line(k.Clear, "（清空为未填）"),
		line(k.Zeros, "（本表或全部表格，可撤销）"),
		raw("Ctrl+C / Ctrl+V", "复制这一格 / 粘贴；可从 Excel 或网页粘贴一行数字"),
		"",
		"【报告】",
		line(k.Checks, ""),
		line(k.Export, ""),
		line(k.Save, "（其实已自动保存）"),
		line(k.AddPart, "（一、总体情况中）"),
		line(k.MoveUp, "、"+k.MoveDown.Help().Key+" 下移（一、总体情况中的部分）"),
		line(k.Delete, "（删除一、总体情况中的部分，可撤销）"),
		line(k.Dismiss, "（检查结果中的警告、提示：写明理由，不再计入；再按取消）"),
		line(k.Refresh, "（汇总报告的“汇总”页：按成员现在的数字重新汇总）"),
		"",
		"【首页】",
		line(k.New, "、"+k.NewFrom.Help().Key+" 由选中的报告建下一年度"),
		line(k.Import, "（可选文件夹“全部导入”）、"+k.History.Help().Key+" 历史版本"),
		line(k.Trash, "、"+k.Delete.Help().Key+" 删除（可在回收站恢复）"),
		"",
		line(k.Theme, "（边框乱了时用纯 ASCII 样式）"),
		line(k.Help, ""),
		line(k.Quit, "（先保存再退出；Ctrl+C 不会退出）"),
	}
	return dialog.NewNotes(c, "帮助", lines, h-8)
}

// Run starts the UI; it returns when the clerk quits. When the terminal is
// closed (SIGHUP), the session ends or the program is asked to stop
// (SIGTERM, SIGINT), the program stops and the text being typed and the
// cell being edited are saved before it exits.
func Run(c *common.Common, opts ...tea.ProgramOption) error {
	m := New(c)
	p := tea.NewProgram(m, append(opts, tea.WithoutSignalHandler())...)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(stop)
	go func() {
		if _, ok := <-stop; ok {
			p.Quit()
		}
	}()
	_, err := p.Run()
	// The event loop has ended: the model is ours alone now.
	if serr := m.SaveNow(); serr != nil && err == nil {
		err = serr
	}
	return err
}
