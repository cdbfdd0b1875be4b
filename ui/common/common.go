// Package common holds what every UI component shares: the context (size,
// styles, keys, store), the Component interface, and text-fitting helpers
// that measure display width one way only (lipgloss/ansi).
package common

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/ui/clipboard"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
	"nianbao/ui/textedit"
	"nianbao/ui/textwidth"
)

// Common is handed to every component.
type Common struct {
	Styles *styles.Styles
	Keys   *keys.KeyMap
	App    *app.Service
	Now    func() time.Time
	// ExportFolder, ExportFormats and ExportFonts are the export page's
	// choices of the last export, remembered in the database.
	ExportFolder  string
	ExportFormats []string
	ExportFonts   string
	// Clip is the clipboard shared by every field (Ctrl+C, Ctrl+X, Ctrl+V).
	Clip clipboard.Board
}

// Component is one part of a screen.
type Component interface {
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// Cursor is the real terminal cursor relative to the component, or nil.
	Cursor() *tea.Cursor
	// Help lists the keys that matter now.
	Help() []key.Binding
}

// Width is the display width of a line (SGR sequences ignored).
func Width(s string) int { return textwidth.String(s) }

// Fit cuts s to w columns (with the theme's ellipsis when cut) and pads it
// to exactly w columns.
func Fit(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	sw := Width(s)
	if sw > w {
		s = textwidth.Truncate(s, w, ellipsis)
		sw = Width(s)
	}
	return s + strings.Repeat(" ", max(0, w-sw))
}

// Cut cuts s to w columns without padding.
func Cut(s string, w int, ellipsis string) string {
	if Width(s) > w {
		return textwidth.Truncate(s, w, ellipsis)
	}
	return s
}

// PadLeft right-aligns s in w columns.
func PadLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-Width(s))) + s
}

// Lines pads or cuts a block to exactly h lines of exactly w columns.
func Lines(s string, w, h int, ellipsis string) string {
	ls := strings.Split(s, "\n")
	if len(ls) > h {
		ls = ls[:h]
	}
	for i := range ls {
		ls[i] = Fit(ls[i], w, ellipsis)
	}
	for len(ls) < h {
		ls = append(ls, strings.Repeat(" ", w))
	}
	return strings.Join(ls, "\n")
}

// Wrap breaks s into lines of at most w columns by the prose editor's
// rules (between any two Chinese characters, ASCII words whole, 避头尾: no
// line starts with closing punctuation or a space), keeping newlines.
func Wrap(s string, w int) []string { return textedit.Wrap(s, w) }

// ReadOnlyNotice is shown when a change is refused in a read-only view.
// The program sets it at start from app.Service.ReadOnlyReason: another
// nianbao edits, or the database lies where nothing can be written.
var ReadOnlyNotice = "只读：另一个 nianbao 程序正在编辑这个数据库，这里只能查看"

// Leave tells the editor that the caret left a page: forward past its last
// field or cell, or backward before the first.
type Leave struct{ Forward bool }

// Jump asks the editor to show the cell or text of a key.
type Jump struct {
	Key    string
	Offset int    // byte offset in a text, or -1
	Len    int    // bytes to select from Offset (a find or replace hit)
	Note   string // shown in the status line on arrival (the finding)
}

// Edited tells the editor that a page changed the report. Commit asks for
// the change to be saved now (a cell committed, a field left) rather than
// after a pause in typing.
type Edited struct{ Commit bool }

// EditedCmd returns a command that reports an edit.
func EditedCmd(commit bool) tea.Cmd { return func() tea.Msg { return Edited{Commit: commit} } }

// Undo asks the editor to undo (or redo) the last change to the report:
// the page had nothing of its own to undo (a text field undoes its own
// typing first).
type Undo struct{ Redo bool }

// QuitHint answers Ctrl+C with nothing selected: Ctrl+C copies, it never
// quits (it is the copy key on Windows).
const QuitHint = "按 Ctrl+Q 退出（Ctrl+C 是复制：先用 Shift+方向键选中文字）"

// Notice is a message for the status line.
type Notice struct {
	Text string
	Err  bool
}

// NoticeCmd returns a command that shows a notice.
func NoticeCmd(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return Notice{Text: text, Err: isErr} }
}

// HelpBar draws key bindings that fit in w columns, in order of
// importance (the first ones are kept).
func HelpBar(st *styles.Styles, bindings []key.Binding, w int) string {
	sep := st.P.HelpSep.Render(" • ")
	var b strings.Builder
	used := 0
	for _, k := range bindings {
		if !k.Enabled() {
			continue
		}
		h := k.Help()
		item := st.P.HelpKey.Render(h.Key) + " " + st.P.HelpDesc.Render(h.Desc)
		iw := Width(h.Key) + 1 + Width(h.Desc)
		if used > 0 {
			iw += 3
		}
		if used+iw > w {
			break
		}
		if used > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item)
		used += iw
	}
	return b.String() + strings.Repeat(" ", max(0, w-used))
}
