package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/ui/common"
)

// Messages of the import dialog; the app reads and stores.
type (
	// ReadFile asks the app to read a file for a preview.
	ReadFile struct{ Path string }
	// Preview is what was read, for the clerk to look at before importing.
	Preview struct {
		Path  string
		Lines []string // summary, uncertain and blank cells, findings
		Err   error
		Token any // the app's parsed result, handed back on import
	}
	// DoImport asks the app to store the previewed report.
	DoImport struct{ Token any }
)

// Import asks for a file, shows what was read, then imports.
type Import struct {
	c       *common.Common
	path    *input
	preview *Preview
	top     int
	focus   int // 0 path, 1 first button, 2 second button
	h       int
	busy    bool
}

// NewImport makes the dialog.
func NewImport(c *common.Common, height int) *Import {
	d := &Import{c: c, h: max(8, height)}
	d.path = newInput(c, "文件", "", 56)
	d.path.ed.SetPlaceholder("文件的完整路径，如 D:\\年报\\2024年报.docx（可粘贴）")
	d.path.ed.Focus()
	return d
}

func (d *Import) Title() string { return "导入已发布的报告" }

func (d *Import) Help() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Next, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "确定")), k.Up, k.Down, k.Back}
}

func (d *Import) setFocus(i int) {
	d.focus = i
	if i == 0 {
		d.path.ed.Focus()
	} else {
		d.path.ed.Blur()
	}
}

func (d *Import) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	switch m := msg.(type) {
	case Preview:
		d.busy = false
		d.preview = &m
		d.top = 0
		if m.Err == nil {
			d.setFocus(1)
		}
		return nil, false
	case tea.PasteMsg:
		if d.focus == 0 {
			m.Content = strings.Trim(strings.TrimSpace(m.Content), `"'`)
			d.path.update(m)
		}
		return nil, false
	case tea.KeyPressMsg:
		switch {
		case key.Matches(m, k.Back):
			return nil, true
		case key.Matches(m, k.Next):
			d.setFocus((d.focus + 1) % 3)
			return nil, false
		case key.Matches(m, k.Prev):
			d.setFocus((d.focus + 2) % 3)
			return nil, false
		case key.Matches(m, k.Up) && d.preview != nil:
			d.top = max(0, d.top-1)
			return nil, false
		case key.Matches(m, k.Down) && d.preview != nil:
			d.top = min(d.top+1, max(0, len(d.preview.Lines)-d.previewRows()))
			return nil, false
		case m.String() == "enter":
			switch {
			case d.focus == 0, d.focus == 1 && (d.preview == nil || d.preview.Err != nil):
				p := strings.Trim(strings.TrimSpace(d.path.ed.Value()), `"'`)
				if p == "" {
					return nil, false
				}
				d.busy = true
				return func() tea.Msg { return ReadFile{Path: p} }, false
			case d.focus == 1:
				tok := d.preview.Token
				return func() tea.Msg { return DoImport{Token: tok} }, true
			default:
				return nil, true
			}
		}
		if d.focus == 0 {
			if d.path.update(m) {
				d.preview = nil
			}
		} else if key.Matches(m, k.Left) || key.Matches(m, k.Right) {
			d.setFocus(3 - d.focus)
		}
	}
	return nil, false
}

func (d *Import) previewRows() int { return max(3, d.h-9) }

func (d *Import) View() string {
	st := d.c.Styles
	lines := []string{st.FieldLabelFocused.Render("文件") + " " + d.path.ed.View(),
		st.Dim.Render("可导入：网页复制的文字（.txt）、PDF 转出的文字、Word .docx、网页 .html、Markdown、本程序的 JSON")}
	first := "读取"
	switch {
	case d.busy:
		lines = append(lines, "", "正在读取……")
	case d.preview != nil && d.preview.Err != nil:
		lines = append(lines, "", st.Error.Render(d.preview.Err.Error()))
	case d.preview != nil:
		first = "导入"
		lines = append(lines, "")
		end := min(len(d.preview.Lines), d.top+d.previewRows())
		lines = append(lines, d.preview.Lines[d.top:end]...)
		if end < len(d.preview.Lines) {
			lines = append(lines, st.Dim.Render("……（↓ 查看更多）"))
		}
	}
	active := -1
	if d.focus > 0 {
		active = d.focus - 1
	}
	lines = append(lines, "", buttons(d.c, []string{first, "取消"}, active))
	return strings.Join(lines, "\n")
}

func (d *Import) Cursor() *tea.Cursor {
	if d.focus != 0 {
		return nil
	}
	c := d.path.ed.Cursor()
	if c != nil {
		c.X += common.Width("文件 ")
	}
	return c
}
