// Package form edits the text of a report: one or more labelled fields,
// single-line (title, phone, fee) or prose (前言, 一, 五, 六), each backed by
// the prose editor so that the IME's candidate box sits at the caret.
// Changes to the report are reported to the editor as messages
// (common.Edited).
package form

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/textedit"
)

// Field is one input.
type Field struct {
	Key   string
	Label string
	Prose bool   // multi-line prose; otherwise one line
	Hint  string // placeholder
}

type field struct {
	Field
	ed  *textedit.Model
	err string // the text is not a valid value (e.g. a fee)
	y   int    // top row in the form, set by layout
	h   int
}

// maxLineRows is how many rows a one-line field may take to show its
// whole text when it is longer than the field is wide.
const maxLineRows = 3

// Form is the component.
type Form struct {
	c      *common.Common
	doc    *common.Doc
	fields []*field
	focus  int
	w, h   int
	labelW int
	top    int // first visible row

	notice string
}

// New makes a form over fields of the report in doc.
func New(c *common.Common, doc *common.Doc, fields []Field) *Form {
	f := &Form{c: c, doc: doc}
	for _, fd := range fields {
		ed := textedit.New()
		ed.SetStyles(editorStyles(c))
		ed.SetPlaceholder(fd.Hint)
		v, _ := doc.R.Get(fd.Key)
		ed.SetValue(model.FormatValue(v))
		ed.SetCaretOffset(0) // show the beginning of existing text
		f.fields = append(f.fields, &field{Field: fd, ed: ed})
		if w := common.Width(fd.Label); !fd.Prose && w > f.labelW {
			f.labelW = w
		}
	}
	f.refreshMarks()
	return f
}

func editorStyles(c *common.Common) textedit.Styles {
	s := textedit.DefaultStyles()
	s.Mark = c.Styles.Mark
	s.Placeholder = c.Styles.Dim
	s.Selection = c.Styles.Selection
	return s
}

// FocusField gives the keyboard to field i (or the last one for -1).
func (f *Form) FocusField(i int) {
	if i < 0 {
		i = len(f.fields) - 1
	}
	f.focus = max(0, min(i, len(f.fields)-1))
	for j, fd := range f.fields {
		if j == f.focus {
			fd.ed.Focus()
		} else {
			fd.ed.Blur()
			fd.ed.ClearSelection()
		}
	}
	f.layout()
}

// Focus gives the keyboard to the first or (coming back with Shift+Tab)
// the last field.
func (f *Form) Focus(first bool) {
	if first {
		f.FocusField(0)
	} else {
		f.FocusField(-1)
	}
}

// Blur takes the keyboard away.
func (f *Form) Blur() {
	for _, fd := range f.fields {
		fd.ed.Blur()
	}
}

// Select focuses the field of a key, placing the caret at a byte offset
// and selecting n bytes from there.
func (f *Form) Select(key string, offset, n int) bool {
	for i, fd := range f.fields {
		if fd.Key == key {
			f.FocusField(i)
			if offset >= 0 {
				fd.ed.SetCaretOffset(offset)
				if n > 0 {
					fd.ed.Select(offset, offset+n)
				}
			}
			f.layout()
			return true
		}
	}
	return false
}

// SelectedText is the text selected in the focused field.
func (f *Form) SelectedText() string { return f.fields[f.focus].ed.SelectedText() }

// Focused returns the key of the focused field.
func (f *Form) Focused() string { return f.fields[f.focus].Key }

// Commit: text is stored as it is typed; nothing is pending.
func (f *Form) Commit() {}

// Editing: a text field has no edit that Esc cancels.
func (f *Form) Editing() bool { return false }

// NeedWidth: a form fits any width.
func (f *Form) NeedWidth() int { return 0 }

// Reload reads every field again from the report (after an undo, a
// replacement or a restore), keeping the carets where they were.
func (f *Form) Reload() {
	for _, fd := range f.fields {
		v, _ := f.doc.R.Get(fd.Key)
		s := model.FormatValue(v)
		if s == fd.ed.Value() {
			continue
		}
		off := fd.ed.CaretOffset()
		fd.ed.SetValue(s)
		fd.ed.SetCaretOffset(min(off, len(s)))
		fd.err = ""
	}
	f.refreshMarks()
	f.layout()
}

// SetSize lays the fields out.
func (f *Form) SetSize(w, h int) {
	f.w, f.h = w, h
	f.layout()
}

// layout gives one-line fields the rows their text needs (up to three, so
// a long title shows whole) and shares the rest among the prose fields.
func (f *Form) layout() {
	if f.w == 0 {
		return
	}
	lineW := max(4, f.w-f.labelW-1)
	single, prose := 0, 0
	for _, fd := range f.fields {
		if fd.Prose {
			prose++
			continue
		}
		fd.ed.SetSize(lineW, 1)
		fd.h = min(maxLineRows, max(1, fd.ed.LineCount()))
		single += fd.h
	}
	free := f.h - single - prose // prose fields have a label line
	each := 0
	if prose > 0 {
		each = max(3, free/prose)
	}
	y := 0
	for _, fd := range f.fields {
		fd.y = y
		if fd.Prose {
			fd.h = each
			fd.ed.SetSize(f.w, each)
			y += each + 1
		} else {
			fd.ed.SetSize(lineW, fd.h)
			y += fd.h
		}
	}
	f.scroll()
}

func (f *Form) scroll() {
	if len(f.fields) == 0 {
		return
	}
	fd := f.fields[f.focus]
	top, bottom := fd.y, fd.y+fd.h
	if fd.Prose {
		bottom++
	}
	if top < f.top {
		f.top = top
	}
	if bottom > f.top+f.h {
		f.top = bottom - f.h
	}
}

// Help lists the keys of the form.
func (f *Form) Help() []key.Binding {
	k := f.c.Keys
	out := []key.Binding{k.Next, k.Back}
	if len(model.Generated(f.doc.R, f.Focused())) > 0 {
		out = append(out, k.Generate)
	}
	return append(out, k.Help, k.Quit, k.Find, k.Replace, k.Prev, k.Checks, k.NextSection, k.Export)
}

// Update routes keys, paste and clicks to the focused field.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	k := f.c.Keys
	f.notice = ""
	fd := f.fields[f.focus]
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Next):
			if f.focus == len(f.fields)-1 {
				return tea.Batch(common.EditedCmd(true), func() tea.Msg { return common.Leave{Forward: true} })
			}
			f.FocusField(f.focus + 1)
			return common.EditedCmd(true)
		case key.Matches(msg, k.Prev):
			if f.focus == 0 {
				return tea.Batch(common.EditedCmd(true), func() tea.Msg { return common.Leave{Forward: false} })
			}
			f.FocusField(f.focus - 1)
			return common.EditedCmd(true)
		case key.Matches(msg, k.Generate):
			return f.generate(fd)
		case key.Matches(msg, k.Copy):
			if s := fd.ed.SelectedText(); s != "" {
				f.notice = fmt.Sprintf("已复制 %d 个字", len([]rune(s)))
				return f.c.Clip.Copy(s)
			}
			f.notice = common.QuitHint
			return nil
		case key.Matches(msg, k.Cut):
			if f.doc.ReadOnly {
				f.notice = common.ReadOnlyNotice
				return nil
			}
			s := fd.ed.Cut()
			if s == "" {
				f.notice = "没有选中文字：先用 Shift+方向键选中要剪切的文字"
				return nil
			}
			return tea.Batch(f.c.Clip.Copy(s), f.apply(fd))
		case key.Matches(msg, k.Paste):
			return f.c.Clip.Paste()
		case key.Matches(msg, k.Undo), key.Matches(msg, k.Redo):
			redo := key.Matches(msg, k.Redo)
			if (!redo && !fd.ed.CanUndo()) || (redo && !fd.ed.CanRedo()) {
				return func() tea.Msg { return common.Undo{Redo: redo} }
			}
		}
		if !fd.Prose && msg.String() == "enter" {
			// One-line fields: Enter goes on to the next field, never submits.
			if f.focus < len(f.fields)-1 {
				f.FocusField(f.focus + 1)
				return common.EditedCmd(true)
			}
			return nil
		}
	case tea.PasteMsg:
		if !fd.Prose {
			msg.Content = strings.Join(strings.Fields(strings.ReplaceAll(msg.Content, "\n", " ")), " ")
		}
		if changed, _ := fd.ed.Update(msg); changed {
			return f.apply(fd)
		}
		return nil
	case tea.MouseClickMsg:
		y := msg.Y + f.top
		for i, x := range f.fields {
			top := x.y
			if x.Prose {
				top++
			}
			if y >= top && y < top+x.h {
				if i != f.focus {
					f.FocusField(i)
				}
				m := msg
				m.Y = y - top
				if !x.Prose {
					m.X -= f.labelW + 1
				}
				x.ed.Update(m)
				return nil
			}
		}
		return nil
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		// A drag selects in the field where it started.
		mm := msg.(tea.MouseMsg).Mouse()
		top := fd.y - f.top
		if fd.Prose {
			top++
		} else {
			mm.X -= f.labelW + 1
		}
		mm.Y -= top
		if _, ok := msg.(tea.MouseMotionMsg); ok {
			fd.ed.Update(tea.MouseMotionMsg(mm))
		} else {
			fd.ed.Update(tea.MouseReleaseMsg(mm))
		}
		return nil
	}
	if changed, _ := fd.ed.Update(msg); changed {
		return f.apply(fd)
	}
	return nil
}

// generate inserts the sentence written from the tables; while the tables
// it reads have blank cells, it says which instead of writing 0.
func (f *Form) generate(fd *field) tea.Cmd {
	gen := model.Generated(f.doc.R, fd.Key)
	if len(gen) == 0 {
		f.notice = "这一项没有可以由表格生成的文字"
		return nil
	}
	if blanks := model.GeneratedBlanks(f.doc.R, fd.Key); len(blanks) > 0 {
		f.notice = fmt.Sprintf("表格还有 %d 格未填（如%s），生成的句子会把它们当作 0：请先填写，或按 F6 把未填的格填 0", len(blanks), blanks[0].Label())
		return nil
	}
	fd.ed.InsertText(gen[0])
	cmd := f.apply(fd)
	f.notice = "已插入由表格生成的文字；表格改了之后请重新生成"
	return cmd
}

// apply stores the field's text in the report (or notes why it cannot).
func (f *Form) apply(fd *field) tea.Cmd {
	if f.doc.ReadOnly {
		v, _ := f.doc.R.Get(fd.Key)
		fd.ed.SetValue(model.FormatValue(v))
		f.notice = common.ReadOnlyNotice
		return nil
	}
	if err := f.doc.R.Set(fd.Key, fd.ed.Value()); err != nil {
		fd.err = err.Error()
		return nil
	}
	fd.err = ""
	f.refreshMarks()
	if !fd.Prose && min(maxLineRows, fd.ed.LineCount()) != fd.h {
		f.layout()
	}
	return common.EditedCmd(false)
}

// refreshMarks underlines numbers in prose that contradict the tables (R9).
func (f *Form) refreshMarks() {
	for _, fd := range f.fields {
		if !fd.Prose {
			continue
		}
		var marks []textedit.Mark
		for _, cl := range model.ProseClaims(f.doc.R, fd.ed.Value()) {
			if !cl.OK() {
				end := cl.End
				if end == cl.Start { // "未收到…": underline the phrase
					end = cl.Start + len("未收到")
				}
				marks = append(marks, textedit.Mark{Start: cl.Start, End: end})
			}
		}
		fd.ed.SetMarks(marks)
	}
}

// Refresh re-reads the marks (after a table changed).
func (f *Form) Refresh() { f.refreshMarks() }

// Problem returns the message for the status line: an invalid value, a
// notice, the R9 message of a number under the caret, or the field's most
// serious finding.
func (f *Form) Problem() (string, bool) {
	fd := f.fields[f.focus]
	if fd.err != "" {
		return fd.err, true
	}
	if f.notice != "" {
		return f.notice, false
	}
	if fd.Prose {
		if i := fd.ed.MarkAt(); i >= 0 {
			k := 0
			for _, cl := range model.ProseClaims(f.doc.R, fd.ed.Value()) {
				if !cl.OK() {
					if k == i {
						return "R9 " + cl.Message(), true
					}
					k++
				}
			}
		}
	}
	if fs := f.doc.At(fd.Key); len(fs) > 0 {
		return fs[0].Level.Chinese() + " " + fs[0].Rule + "：" + fs[0].Message, fs[0].Level == model.Error
	}
	return "", false
}

// View draws the fields.
func (f *Form) View() string {
	st, gl := f.c.Styles, f.c.Styles.G
	var lines []string
	for i, fd := range f.fields {
		ls := st.FieldLabel
		if i == f.focus && fd.ed.Focused() {
			ls = st.FieldLabelFocused
		}
		label := fd.Label
		if fd.err != "" {
			ls = st.Error
		}
		if fd.Prose {
			lines = append(lines, ls.Render(common.Fit(label, f.w, gl.Ellipsis)))
			lines = append(lines, strings.Split(fd.ed.View(), "\n")...)
			continue
		}
		for k, l := range strings.Split(fd.ed.View(), "\n") {
			if k == 0 {
				lines = append(lines, ls.Render(common.Fit(label, f.labelW, gl.Ellipsis))+" "+l)
			} else {
				lines = append(lines, strings.Repeat(" ", f.labelW+1)+l)
			}
		}
	}
	if f.top > 0 && f.top < len(lines) {
		lines = lines[f.top:]
	}
	return common.Lines(strings.Join(lines, "\n"), f.w, f.h, gl.Ellipsis)
}

// Cursor is the focused field's caret.
func (f *Form) Cursor() *tea.Cursor {
	fd := f.fields[f.focus]
	c := fd.ed.Cursor()
	if c == nil {
		return nil
	}
	y := fd.y - f.top
	if fd.Prose {
		y++
	} else {
		c.X += f.labelW + 1
	}
	c.Y += y
	if c.Y < 0 || c.Y >= f.h {
		return nil
	}
	return c
}
