package dialog

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
)

// Messages of the history dialog.
type (
	// RevisionsMsg carries a report's revisions.
	RevisionsMsg struct {
		ID   int64
		Revs []app.Revision
		Cur  *model.Report
		Err  error
	}
	// RevisionMsg carries one revision's report.
	RevisionMsg struct {
		ID, Rev int64
		R       *model.Report
		Err     error
	}
	// LoadRevision asks the app to load a revision.
	LoadRevision struct{ ID, Rev int64 }
	// Restore asks the app to restore a revision (after confirmation).
	Restore struct{ ID, Rev int64 }
)

// History lists a report's revisions with a preview of the selected one.
type History struct {
	c       *common.Common
	id      int64
	name    string
	revs    []app.Revision
	cur     *model.Report
	sel     int
	preview *model.Report
	prevRev int64
	err     string
	confirm *Confirm
	h       int
}

// NewHistory makes the dialog; the app loads the revisions.
func NewHistory(c *common.Common, id int64, name string, height int) *History {
	return &History{c: c, id: id, name: name, h: max(6, height)}
}

func (d *History) Title() string { return "历史版本 · " + d.name }

func (d *History) Help() []key.Binding {
	if d.confirm != nil {
		return d.confirm.Help()
	}
	k := d.c.Keys
	return []key.Binding{k.Up, k.Down, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "恢复到此版本")), k.Back}
}

func (d *History) load() tea.Cmd {
	if d.sel < 0 || d.sel >= len(d.revs) {
		return nil
	}
	id, rev := d.id, d.revs[d.sel].ID
	return func() tea.Msg { return LoadRevision{ID: id, Rev: rev} }
}

func (d *History) Update(msg tea.Msg) (tea.Cmd, bool) {
	if d.confirm != nil {
		cmd, done := d.confirm.Update(msg)
		if done {
			d.confirm = nil
			if cmd != nil {
				return cmd, true
			}
		}
		return nil, false
	}
	k := d.c.Keys
	switch m := msg.(type) {
	case RevisionsMsg:
		if m.ID != d.id {
			return nil, false
		}
		if m.Err != nil {
			d.err = m.Err.Error()
			return nil, false
		}
		d.revs, d.cur = m.Revs, m.Cur
		return d.load(), false
	case RevisionMsg:
		if m.ID == d.id {
			d.preview, d.prevRev = m.R, m.Rev
			if m.Err != nil {
				d.err = m.Err.Error()
			}
		}
		return nil, false
	case tea.KeyPressMsg:
		switch {
		case key.Matches(m, k.Back):
			return nil, true
		case key.Matches(m, k.Up):
			if d.sel > 0 {
				d.sel--
				return d.load(), false
			}
		case key.Matches(m, k.Down):
			if d.sel < len(d.revs)-1 {
				d.sel++
				return d.load(), false
			}
		case m.String() == "enter" && d.sel < len(d.revs):
			rv := d.revs[d.sel]
			d.confirm = NewConfirm(d.c, "恢复历史版本",
				fmt.Sprintf("把报告恢复到 %s（%s）的版本？现在的内容也会留作一个历史版本，随时可以再恢复。", rv.At.Local().Format("2006-01-02 15:04"), rv.Reason),
				"恢复", Restore{ID: d.id, Rev: rv.ID}, false)
		}
	}
	return nil, false
}

func (d *History) View() string {
	if d.confirm != nil {
		return d.confirm.View()
	}
	st := d.c.Styles
	if d.err != "" {
		return st.Error.Render(d.err)
	}
	if d.revs == nil {
		return "正在读取……"
	}
	var left []string
	for i, rv := range d.revs {
		s := fmt.Sprintf(" %s  %-4s", rv.At.Local().Format("2006-01-02 15:04"), rv.Reason)
		s = common.Fit(s, 30, "..")
		if i == d.sel {
			s = st.ItemFocused.Render(s)
		}
		left = append(left, s)
	}
	rows := d.h - 4
	top := max(0, d.sel-rows+1)
	left = left[top:min(len(left), top+rows)]
	right := d.previewLines()
	var out []string
	for i := 0; i < max(len(left), len(right)); i++ {
		l, r := strings.Repeat(" ", 30), ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, l+"  "+r)
	}
	return strings.Join(out, "\n")
}

// previewLines show the revision's main figures and what differs from now.
func (d *History) previewLines() []string {
	r := d.preview
	if r == nil || d.sel >= len(d.revs) || d.prevRev != d.revs[d.sel].ID {
		return []string{"……"}
	}
	st := d.c.Styles
	get := func(k string) string {
		v, _ := r.Get(k)
		if v == nil {
			return "未填"
		}
		return model.FormatValue(v)
	}
	e, w := model.Tally(model.Check(r, nil))
	lines := []string{
		st.Bold.Render("这个版本："),
		fmt.Sprintf("本年新收 %s 件，办结 %s 件", get("s3.xinshou.zongji"), get("s3.r7.zongji")),
		fmt.Sprintf("结转下年度 %s 件", get("s3.jiezhuan_xianian.zongji")),
		fmt.Sprintf("行政复议 %s 件，诉讼 %s + %s 件", get("s4.fuyi.zongji"), get("s4.susong_zhijie.zongji"), get("s4.susong_fuyihou.zongji")),
		fmt.Sprintf("错误 %d，警告 %d", e, w),
	}
	if d.cur != nil {
		diff := model.Diff(r.Entries(), d.cur.Entries())
		if len(diff) == 0 {
			lines = append(lines, "", st.StatusOK.Render("与现在的内容相同"))
		} else {
			lines = append(lines, "", st.Bold.Render(fmt.Sprintf("与现在相比有 %d 处不同：", len(diff))))
			names := map[string]bool{}
			for _, c := range diff {
				names[shortLabel(d.cur, c.Key)] = true
			}
			var ns []string
			for n := range names {
				ns = append(ns, n)
			}
			sort.Strings(ns)
			for i, n := range ns {
				if i == 5 {
					lines = append(lines, fmt.Sprintf("……等 %d 项", len(ns)))
					break
				}
				lines = append(lines, "· "+n)
			}
		}
	}
	for i := range lines {
		lines[i] = common.Cut(lines[i], 44, "..")
	}
	return lines
}

func shortLabel(r *model.Report, key string) string {
	if c, ok := r.Format.Cell(strings.TrimSuffix(key, "_unit")); ok {
		return c.Table.Name
	}
	return r.KeyLabel(key)
}

func (d *History) Cursor() *tea.Cursor { return nil }
