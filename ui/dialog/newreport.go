package dialog

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
)

// CreateReport asks the app to create a report.
type CreateReport struct{ Options app.NewOptions }

// CreateRollup asks the app to roll up every report of a year under an
// agency's name (a county's or city's report from its departments').
type CreateRollup struct {
	Agency string
	Year   int
}

// NewReport asks for agency, year and format; from an existing report it
// makes next year's report.
type NewReport struct {
	c      *common.Common
	agency *input
	year   *input
	format string // "" = by year
	from   int64
	source string // describes the report it is made from
	focus  int    // 0 agency, 1 year, 2 format, then the buttons
	err    string
}

// buttonLabels of the dialog: a new report can also be a roll-up of the year's
// reports; one made from last year's cannot.
func (d *NewReport) buttonLabels() []string {
	if d.from != 0 {
		return []string{"创建", "取消"}
	}
	return []string{"创建", "汇总本年度的报告", "取消"}
}

func (d *NewReport) stops() int { return 3 + len(d.buttonLabels()) }

// NewNewReport makes the dialog. from = 0 for an empty report.
func NewNewReport(c *common.Common, agency string, year int, from int64, source string) *NewReport {
	d := &NewReport{c: c, from: from, source: source}
	d.agency = newInput(c, "单位名称", agency, 40)
	d.agency.ed.SetPlaceholder("例如 某某县司法局")
	d.year = newInput(c, "年度", strconv.Itoa(year), 8)
	d.setFocus(0)
	if agency != "" {
		d.setFocus(1)
	}
	return d
}

func (d *NewReport) Title() string {
	if d.from != 0 {
		return "由已有报告新建下一年度报告"
	}
	return "新建报告"
}

func (d *NewReport) Help() []key.Binding {
	k := d.c.Keys
	return []key.Binding{k.Next, k.Prev, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "下一项/确定")), k.Back}
}

func (d *NewReport) setFocus(i int) {
	d.focus = i
	d.agency.ed.Blur()
	d.year.ed.Blur()
	switch i {
	case 0:
		d.agency.ed.Focus()
	case 1:
		// The year is selected: typing replaces it (2021 → 2025 in four keys).
		d.year.ed.Focus()
		d.year.ed.SelectAll()
	}
}

func (d *NewReport) yearValue() (int, error) {
	y, err := strconv.Atoi(model.NormalizeNumber(d.year.ed.Value()))
	if err != nil {
		return 0, fmt.Errorf("年度“%s”不是数字", d.year.ed.Value())
	}
	return y, app.CheckYear(y)
}

// formatLabel says which format the report will use.
func (d *NewReport) formatLabel() string {
	y, err := d.yearValue()
	if err != nil {
		return "（按年度自动选择）"
	}
	f, _ := app.FormatFor(y, d.format)
	by := ""
	if d.format == "" {
		by = "（按年度自动选择）"
	} else if !f.Covers(y) {
		by = "（注意：与年度不符）"
	}
	return f.ID + " 版 " + f.Notice + by
}

func (d *NewReport) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	switch m := msg.(type) {
	case tea.PasteMsg:
		if d.focus == 0 {
			d.agency.update(m)
		} else if d.focus == 1 {
			d.year.update(m)
		}
	case tea.KeyPressMsg:
		d.err = ""
		switch {
		case key.Matches(m, k.Back):
			return nil, true
		case key.Matches(m, k.Paste) && d.focus <= 1:
			return d.c.Clip.Paste(), false
		case key.Matches(m, k.Next), key.Matches(m, k.Down):
			d.setFocus((d.focus + 1) % d.stops())
			return nil, false
		case key.Matches(m, k.Prev), key.Matches(m, k.Up):
			d.setFocus((d.focus + d.stops() - 1) % d.stops())
			return nil, false
		case m.String() == "enter":
			switch label := d.button(); label {
			case "创建":
				return d.submit(false)
			case "汇总本年度的报告":
				return d.submit(true)
			case "取消":
				return nil, true
			default:
				d.setFocus(d.focus + 1)
			}
			return nil, false
		}
		switch d.focus {
		case 0:
			d.agency.update(m)
		case 1:
			if key.Matches(m, k.Left) || key.Matches(m, k.Right) {
				d.year.update(m)
				return nil, false
			}
			d.year.update(m)
		case 2:
			if key.Matches(m, k.Left) || key.Matches(m, k.Right) || key.Matches(m, k.Toggle) {
				d.format = nextFormat(d.format, key.Matches(m, k.Left))
			}
		default:
			n := len(d.buttonLabels())
			if key.Matches(m, k.Left) {
				d.setFocus(3 + (d.focus-3+n-1)%n)
			} else if key.Matches(m, k.Right) {
				d.setFocus(3 + (d.focus-3+1)%n)
			}
		}
	}
	return nil, false
}

// nextFormat cycles through "by year" and the formats the model defines.
func nextFormat(cur string, back bool) string {
	ids := []string{""}
	for _, f := range model.Formats() {
		ids = append(ids, f.ID)
	}
	i := 0
	for j, id := range ids {
		if id == cur {
			i = j
		}
	}
	if back {
		return ids[(i+len(ids)-1)%len(ids)]
	}
	return ids[(i+1)%len(ids)]
}

// button is the label of the focused button, or "".
func (d *NewReport) button() string {
	if b := d.buttonLabels(); d.focus >= 3 && d.focus-3 < len(b) {
		return b[d.focus-3]
	}
	return ""
}

func (d *NewReport) submit(rollup bool) (tea.Cmd, bool) {
	agency := strings.TrimSpace(d.agency.ed.Value())
	if agency == "" {
		d.err = "请填写单位名称"
		d.setFocus(0)
		return nil, false
	}
	y, err := d.yearValue()
	if err != nil {
		d.err = err.Error()
		d.setFocus(1)
		return nil, false
	}
	if rollup {
		return func() tea.Msg { return CreateRollup{Agency: agency, Year: y} }, true
	}
	o := app.NewOptions{Agency: agency, Year: y, Format: d.format, From: d.from}
	return func() tea.Msg { return CreateReport{o} }, true
}

func (d *NewReport) View() string {
	st := d.c.Styles
	label := func(i int, s string) string {
		s = common.Fit(s, 10, "")
		if d.focus == i {
			return st.FieldLabelFocused.Render(s)
		}
		return st.FieldLabel.Render(s)
	}
	var lines []string
	if d.source != "" {
		lines = append(lines, st.Dim.Render("来源："+d.source), st.Dim.Render("将复制文字和联系方式，上年结转等自动带入，本年数字留空。"), "")
	}
	lines = append(lines,
		label(0, "单位名称")+" "+d.agency.ed.View(),
		label(1, "年度")+" "+d.year.ed.View(),
	)
	fl := d.formatLabel()
	if d.focus == 2 {
		fl = st.ItemFocused.Render(fl) + st.Dim.Render(" ←→ 切换")
	}
	lines = append(lines, label(2, "格式")+" "+fl, "")
	active := -1
	if d.focus >= 3 {
		active = d.focus - 3
	}
	lines = append(lines, buttons(d.c, d.buttonLabels(), active))
	if d.button() == "汇总本年度的报告" {
		lines = append(lines, "", st.Dim.Render("把本数据库中这一年度的所有报告（如各部门的报告）相加，建一份以上面单位名义的汇总报告。"))
	}
	if d.err != "" {
		lines = append(lines, "", st.Error.Render(d.err))
	}
	return strings.Join(lines, "\n")
}

func (d *NewReport) Cursor() *tea.Cursor {
	top := 0
	if d.source != "" {
		top = 3
	}
	var c *tea.Cursor
	switch d.focus {
	case 0:
		c = d.agency.ed.Cursor()
	case 1:
		c = d.year.ed.Cursor()
		top++
	}
	if c == nil {
		return nil
	}
	c.X += 11
	c.Y += top
	return c
}
