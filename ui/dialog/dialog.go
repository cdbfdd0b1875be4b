// Package dialog holds the boxes drawn over a screen: confirmation, new
// report, notes, help. A dialog never submits on Enter in a text field
// (pasted newlines arrive as Enter on some consoles): Enter moves to the
// next field; the buttons submit.
package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/ui/common"
	"nianbao/ui/textedit"
)

// Dialog is a box over the screen.
type Dialog interface {
	// Update returns a command and whether the dialog is finished.
	Update(tea.Msg) (tea.Cmd, bool)
	// View is the box's content (the frame is drawn by Frame).
	View() string
	// Cursor relative to the content, or nil.
	Cursor() *tea.Cursor
	Help() []key.Binding
	Title() string
}

// Frame draws a dialog's box and returns it with the offset of its content.
func Frame(c *common.Common, d Dialog, maxW int) (box string, dx, dy int) {
	st := c.Styles
	inner := maxW - st.Dialog.GetHorizontalFrameSize()
	lines := strings.Split(st.DialogTitle.Render(d.Title())+"\n\n"+d.View(), "\n")
	for i, l := range lines {
		lines[i] = common.Cut(l, inner, st.G.Ellipsis) // the frame stays whole
	}
	box = st.Dialog.Render(strings.Join(lines, "\n"))
	return box, 1 + st.Dialog.GetPaddingLeft(), 1 + 2
}

// buttons draws a row of buttons with one active.
func buttons(c *common.Common, labels []string, active int) string {
	var out []string
	for i, l := range labels {
		if i == active {
			out = append(out, c.Styles.ButtonActive.Render(l))
		} else {
			out = append(out, c.Styles.Button.Render("["+l+"]"))
		}
	}
	return strings.Join(out, "  ")
}

// Confirm asks yes or no; yes sends Yes.
type Confirm struct {
	c      *common.Common
	title  string
	lines  []string
	yes    string
	Yes    tea.Msg
	active int // 0 yes, 1 no
	width  int
}

// NewConfirm makes a confirmation; the No button is active by default for
// destructive actions (danger).
func NewConfirm(c *common.Common, title, text, yes string, msg tea.Msg, danger bool) *Confirm {
	d := &Confirm{c: c, title: title, lines: common.Wrap(text, 56), yes: yes, Yes: msg, width: 56}
	if danger {
		d.active = 1
	}
	return d
}

func (d *Confirm) Title() string { return d.title }

func (d *Confirm) Help() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Left, k.Right, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "确定")), k.Back}
}

func (d *Confirm) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	if m, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(m, k.Left), key.Matches(m, k.Right), key.Matches(m, k.Next), key.Matches(m, k.Prev):
			d.active = 1 - d.active
		case key.Matches(m, k.Back):
			return nil, true
		case m.String() == "enter":
			if d.active == 0 {
				yes := d.Yes
				return func() tea.Msg { return yes }, true
			}
			return nil, true
		}
	}
	return nil, false
}

func (d *Confirm) View() string {
	return strings.Join(d.lines, "\n") + "\n\n" + buttons(d.c, []string{d.yes, "取消"}, d.active)
}

func (d *Confirm) Cursor() *tea.Cursor { return nil }

// Notes shows lines of text with one button.
type Notes struct {
	c     *common.Common
	title string
	lines []string
	top   int
	max   int
	Then  tea.Msg // sent when closed, if any
}

// NewNotes makes a note box; long lists scroll.
func NewNotes(c *common.Common, title string, lines []string, maxLines int) *Notes {
	var wrapped []string
	for _, l := range lines {
		for i, w := range common.Wrap(l, 62) {
			if i > 0 {
				w = "  " + w
			}
			wrapped = append(wrapped, w)
		}
	}
	return &Notes{c: c, title: title, lines: wrapped, max: max(3, maxLines)}
}

func (d *Notes) Title() string { return d.title }

func (d *Notes) Help() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Up, k.Down, k.PgDn, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "知道了"))}
}

func (d *Notes) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	if m, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(m, k.Up):
			d.top = max(0, d.top-1)
		case key.Matches(m, k.Down):
			d.top = max(0, min(d.top+1, len(d.lines)-d.max))
		case key.Matches(m, k.PgDn):
			d.top = max(0, min(d.top+d.max-1, len(d.lines)-d.max))
		case key.Matches(m, k.PgUp):
			d.top = max(0, d.top-d.max+1)
		case m.String() == "enter", key.Matches(m, k.Back):
			if d.Then != nil {
				then := d.Then
				return func() tea.Msg { return then }, true
			}
			return nil, true
		}
	}
	return nil, false
}

func (d *Notes) View() string {
	end := min(len(d.lines), d.top+d.max)
	body := strings.Join(d.lines[d.top:end], "\n")
	if end < len(d.lines) {
		body += "\n" + d.c.Styles.Dim.Render("……（↓ 查看更多）")
	}
	return body + "\n\n" + buttons(d.c, []string{"知道了"}, 0)
}

func (d *Notes) Cursor() *tea.Cursor { return nil }

// input is a one-line text field in a dialog.
type input struct {
	label string
	ed    *textedit.Model
}

func newInput(c *common.Common, label, value string, width int) *input {
	ed := textedit.New()
	s := textedit.DefaultStyles()
	s.Placeholder = c.Styles.Dim
	ed.SetStyles(s)
	ed.SetSize(width, 1)
	ed.SetValue(value)
	return &input{label: label, ed: ed}
}

// update feeds a key or paste to the field; newlines never reach it.
func (in *input) update(msg tea.Msg) bool {
	if p, ok := msg.(tea.PasteMsg); ok {
		p.Content = strings.TrimSpace(strings.Join(strings.Fields(p.Content), " "))
		msg = p
	}
	changed, _ := in.ed.Update(msg)
	return changed
}
