package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
)

// Reviewed is the reason the clerk gave for keeping a finding (标记为已核实).
type Reviewed struct {
	ID      int64
	Finding string
	Reason  string
}

// Reason asks why a warning is kept: the finding, a line for the reason,
// then the buttons. Enter in the line goes to the buttons (a pasted
// newline never submits).
type Reason struct {
	c      *common.Common
	id     int64
	f      model.Finding
	lines  []string
	in     *input
	focus  int // 0 the line, 1 the first button, 2 cancel
	errMsg string
}

// NewReason makes the dialog for a finding of report id.
func NewReason(c *common.Common, id int64, f model.Finding) *Reason {
	d := &Reason{c: c, id: id, f: f, in: newInput(c, "理由", "", 56)}
	d.in.ed.SetPlaceholder("如：现行有效件数因清理文件减少，正文已说明")
	d.in.ed.Focus()
	d.lines = common.Wrap(f.Level.Chinese()+" "+f.Rule+"："+f.Message, 62)
	return d
}

func (d *Reason) Title() string { return "标记为已核实" }

func (d *Reason) Help() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Next, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "确定")), k.Back}
}

func (d *Reason) setFocus(i int) {
	d.focus = (i + 3) % 3
	if d.focus == 0 {
		d.in.ed.Focus()
	} else {
		d.in.ed.Blur()
	}
}

func (d *Reason) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	switch m := msg.(type) {
	case tea.PasteMsg:
		if d.focus == 0 {
			d.in.update(m)
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(m, k.Back):
			return nil, true
		case key.Matches(m, k.Next):
			d.setFocus(d.focus + 1)
		case key.Matches(m, k.Prev):
			d.setFocus(d.focus - 1)
		case d.focus > 0 && (key.Matches(m, k.Left) || key.Matches(m, k.Right)):
			d.setFocus(3 - d.focus)
		case m.String() == "enter":
			switch d.focus {
			case 0:
				d.setFocus(1)
			case 1:
				reason := strings.TrimSpace(d.in.ed.Value())
				if reason == "" {
					d.errMsg = "请写明理由：为什么这条警告可以保留"
					d.setFocus(0)
					return nil, false
				}
				r := Reviewed{ID: d.id, Finding: d.f.ID, Reason: reason}
				return func() tea.Msg { return r }, true
			default:
				return nil, true
			}
		case d.focus == 0:
			if d.in.update(m) {
				d.errMsg = ""
			}
		}
	}
	return nil, false
}

func (d *Reason) View() string {
	st := d.c.Styles
	lines := append([]string(nil), d.lines...)
	lines = append(lines, "", "确认这条问题没有错、可以保留时，写明理由。标记后它仍会列出（灰色，带理由），但不再计入警告数；它涉及的数字或文字改动后会重新出现。", "")
	label := st.FieldLabel.Render("理由")
	if d.focus == 0 {
		label = st.FieldLabelFocused.Render("理由")
	}
	lines = append(lines, label+" "+d.in.ed.View())
	if d.errMsg != "" {
		lines = append(lines, st.Error.Render(d.errMsg))
	}
	lines = append(lines, "", buttons(d.c, []string{"标记为已核实", "取消"}, d.focus-1))
	var out []string
	for _, l := range lines {
		if common.Width(l) > 62 && !strings.Contains(l, "\x1b") {
			out = append(out, common.Wrap(l, 62)...)
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func (d *Reason) Cursor() *tea.Cursor {
	if d.focus != 0 {
		return nil
	}
	c := d.in.ed.Cursor()
	if c != nil {
		c.X += common.Width("理由 ")
		c.Y += d.inputLine()
	}
	return c
}

// inputLine is the row of the reason's line in the view.
func (d *Reason) inputLine() int {
	note := common.Wrap("确认这条问题没有错、可以保留时，写明理由。标记后它仍会列出（灰色，带理由），但不再计入警告数；它涉及的数字或文字改动后会重新出现。", 62)
	return len(d.lines) + 1 + len(note) + 1
}
