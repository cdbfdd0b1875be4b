// Package form edits the text of a report: one or more labelled fields,
// single-line (title, phone, fee) or prose (前言, 一, 五, 六), each backed by
// the prose editor so that the IME's candidate box sits at the caret.
package form

import (
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

// Form is the component.
type Form struct {
	c      *common.Common
	doc    *common.Doc
	fields []*field
	focus  int
	w, h   int
	labelW int
	top    int // first visible row

	edited    bool
	committed bool
	notice    string
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
	return s
}

// Focus gives the keyboard to field i (or the last one for -1).
func (f *Form) Focus(i int) {
	if i < 0 {
		i = len(f.fields) - 1
	}
	f.focus = max(0, min(i, len(f.fields)-1))
	for j, fd := range f.fields {
		if j == f.focus {
			fd.ed.Focus()
		} else {
			fd.ed.Blur()
		}
	}
	f.scroll()
}

// Activate gives the keyboard back to the field that had it.
func (f *Form) Activate() { f.Focus(f.focus) }

// Blur takes the keyboard away.
func (f *Form) Blur() {
	for _, fd := range f.fields {
		fd.ed.Blur()
	}
}

// FocusKey focuses the field of a key and places the caret at a byte offset.
func (f *Form) FocusKey(key string, offset int) bool {
	for i, fd := range f.fields {
		if fd.Key == key {
			f.Focus(i)
			if offset >= 0 {
				fd.ed.SetCaretOffset(offset)
			}
			return true
		}
	}
	return false
}

// Focused returns the key of the focused field.
func (f *Form) Focused() string { return f.fields[f.focus].Key }

// Edited reports (once) that the report changed.
func (f *Form) Edited() bool { e := f.edited; f.edited = false; return e }

// Committed reports (once) that a change should be saved now rather than
// after a pause in typing (leaving a field).
func (f *Form) Committed() bool { e := f.committed; f.committed = false; return e }

// SetSize lays the fields out: one row each for single-line fields, the
// rest shared by the prose fields.
func (f *Form) SetSize(w, h int) {
	f.w, f.h = w, h
	single, prose := 0, 0
	for _, fd := range f.fields {
		if fd.Prose {
			prose++
		} else {
			single++
		}
	}
	free := h - single - prose // prose fields have a label line
	each := 0
	if prose > 0 {
		each = max(3, free/prose)
	}
	y := 0
	for _, fd := range f.fields {
		fd.y = y
		if fd.Prose {
			fd.h = each
			fd.ed.SetSize(w, each)
			y += each + 1
		} else {
			fd.h = 1
			fd.ed.SetSize(max(4, w-f.labelW-1), 1)
			y++
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
	return append(out, k.Checks, k.Help, k.Quit, k.NextSection, k.Export)
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
			f.committed = true
			if f.focus == len(f.fields)-1 {
				return func() tea.Msg { return common.Leave{Forward: true} }
			}
			f.Focus(f.focus + 1)
			return nil
		case key.Matches(msg, k.Prev):
			f.committed = true
			if f.focus == 0 {
				return func() tea.Msg { return common.Leave{Forward: false} }
			}
			f.Focus(f.focus - 1)
			return nil
		case key.Matches(msg, k.Generate):
			gen := model.Generated(f.doc.R, fd.Key)
			if len(gen) == 0 {
				f.notice = "这一项没有可以由表格生成的文字"
				return nil
			}
			fd.ed.InsertText(gen[0])
			f.apply(fd)
			f.notice = "已插入由表格生成的文字；表格改了之后请重新生成"
			return nil
		}
		if !fd.Prose && msg.String() == "enter" {
			// One-line fields: Enter goes on to the next field, never submits.
			if f.focus < len(f.fields)-1 {
				f.committed = true
				f.Focus(f.focus + 1)
			}
			return nil
		}
	case tea.PasteMsg:
		if !fd.Prose {
			msg.Content = strings.Join(strings.Fields(strings.ReplaceAll(msg.Content, "\n", " ")), " ")
		}
		if changed, _ := fd.ed.Update(msg); changed {
			f.apply(fd)
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
				f.Focus(i)
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
	}
	if changed, _ := fd.ed.Update(msg); changed {
		f.apply(fd)
	}
	return nil
}

// apply stores the field's text in the report (or notes why it cannot).
func (f *Form) apply(fd *field) {
	if f.doc.ReadOnly {
		v, _ := f.doc.R.Get(fd.Key)
		fd.ed.SetValue(model.FormatValue(v))
		f.notice = common.ReadOnlyNotice
		return
	}
	if err := f.doc.R.Set(fd.Key, fd.ed.Value()); err != nil {
		fd.err = err.Error()
		return
	}
	fd.err = ""
	f.edited = true
	f.refreshMarks()
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

// Refresh re-reads the values (after a restore) and the marks (after a
// table changed).
func (f *Form) Refresh() { f.refreshMarks() }

// Problem returns the message for the status line: an invalid value, the
// R9 message of a number under the caret, a notice.
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
		lines = append(lines, ls.Render(common.Fit(label, f.labelW, gl.Ellipsis))+" "+fd.ed.View())
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
