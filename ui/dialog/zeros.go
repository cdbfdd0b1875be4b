package dialog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/ui/common"
)

// FillZeros asks the editor to fill blank cells with 0 (one undo step).
type FillZeros struct {
	ID     int64
	Tables []string // none: every table
}

// Zeros confirms 全部未填的格填 0, for the table shown or the whole report,
// with how many cells each would fill.
type Zeros struct {
	c       *common.Common
	id      int64
	table   string
	lines   []string
	labels  []string
	actions []tea.Msg
	active  int
}

// NewZeros makes the dialog; table is the key of the table shown ("" when
// none), inTable and inReport the blank cells of it and of the report.
func NewZeros(c *common.Common, id int64, table, tableName string, inTable, inReport int, summary []string) *Zeros {
	d := &Zeros{c: c, id: id, table: table}
	d.lines = append(d.lines, "还没有填写的格：")
	for _, s := range summary {
		d.lines = append(d.lines, "  "+s)
	}
	d.lines = append(d.lines, "", "本年没有发生的事项请填 0。填写后可按 Ctrl+Z 撤销，填之前的内容也会留作一个历史版本。")
	if table != "" && inTable > 0 {
		d.labels = append(d.labels, fmt.Sprintf("%s的 %d 格填 0", tableName, inTable))
		d.actions = append(d.actions, FillZeros{ID: id, Tables: []string{table}})
	}
	d.labels = append(d.labels, fmt.Sprintf("全部 %d 项填 0", inReport))
	d.actions = append(d.actions, FillZeros{ID: id})
	d.labels = append(d.labels, "取消")
	d.actions = append(d.actions, nil)
	return d
}

func (d *Zeros) Title() string { return "全部未填的格填 0" }

func (d *Zeros) Help() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Left, k.Right, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "确定")), k.Back}
}

func (d *Zeros) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	if m, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(m, k.Left), key.Matches(m, k.Prev):
			d.active = (d.active + len(d.labels) - 1) % len(d.labels)
		case key.Matches(m, k.Right), key.Matches(m, k.Next):
			d.active = (d.active + 1) % len(d.labels)
		case key.Matches(m, k.Back):
			return nil, true
		case m.String() == "enter":
			a := d.actions[d.active]
			if a == nil {
				return nil, true
			}
			return func() tea.Msg { return a }, true
		}
	}
	return nil, false
}

func (d *Zeros) View() string {
	var wrapped []string
	for _, l := range d.lines {
		wrapped = append(wrapped, common.Wrap(l, 60)...)
	}
	return strings.Join(wrapped, "\n") + "\n\n" + buttons(d.c, d.labels, d.active)
}

func (d *Zeros) Cursor() *tea.Cursor { return nil }
