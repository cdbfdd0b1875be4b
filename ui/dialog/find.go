package dialog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
)

// ReplaceText asks the editor to replace the chosen places (one undo step).
type ReplaceText struct {
	ID       int64
	Old, New string
	Hits     []model.TextHit
}

// Find searches every text of the report (Ctrl+F) and, in replace mode
// (Ctrl+H), replaces the chosen places: each hit can be kept or skipped,
// the selected one is previewed, and all of them go in one step.
type Find struct {
	c       *common.Common
	doc     *common.Doc
	replace bool
	title   string
	what    *input
	with    *input
	hits    []model.TextHit
	chosen  []bool
	sel     int
	top     int
	focus   int // 0 what, 1 with, 2 list, 3 replace chosen, 4 replace all
	width   int
	rows    int // list rows shown
	err     string
}

// NewFind makes the find dialog, or the replace dialog when replace is set.
func NewFind(c *common.Common, doc *common.Doc, replace bool, text string, w, h int) *Find {
	d := &Find{c: c, doc: doc, replace: replace, width: max(40, min(w-8, 96)), rows: max(3, h-16)}
	fw := d.width - 10
	d.what = newInput(c, "查找", text, fw)
	d.with = newInput(c, "替换为", "", fw)
	d.title = "查找（在所有文字中）"
	if replace {
		d.title = "查找替换（在所有文字中）"
	}
	d.search(nil)
	d.setFocus(0)
	if replace && text != "" {
		d.setFocus(1)
	}
	return d
}

// NewYearOffer is the replace dialog offered after a report was made from
// an earlier one: the old year's places, those R16 finds stale chosen.
func NewYearOffer(c *common.Common, doc *common.Doc, from, to int, w, h int) (*Find, bool) {
	hits, stale := model.YearMentions(doc.R, from)
	if len(hits) == 0 {
		return nil, false
	}
	d := NewFind(c, doc, true, fmt.Sprintf("%d年", from), w, h)
	d.with.ed.SetValue(fmt.Sprintf("%d年", to))
	d.hits, d.chosen = hits, stale
	d.title = fmt.Sprintf("将正文中的“%d年”改为“%d年”（共 %d 处）", from, to, len(hits))
	d.setFocus(2)
	return d, true
}

func (d *Find) Title() string { return d.title }

func (d *Find) Help() []key.Binding {
	k := d.c.Keys
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "转到"))
	if d.replace {
		enter = key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "替换选中的"))
		return []key.Binding{k.Up, k.Down, k.Toggle, enter, k.Next, k.Back}
	}
	return []key.Binding{k.Up, k.Down, enter, k.Back}
}

func (d *Find) setFocus(i int) {
	d.focus = i
	d.what.ed.Blur()
	d.with.ed.Blur()
	switch i {
	case 0:
		d.what.ed.Focus()
	case 1:
		d.with.ed.Focus()
	}
}

func (d *Find) stops() int {
	if d.replace {
		return 5
	}
	return 3
}

// search finds the text again; the choice of places is kept where it can be.
func (d *Find) search(keep map[string]bool) {
	d.hits = model.FindText(d.doc.R, d.what.ed.Value())
	d.chosen = make([]bool, len(d.hits))
	for i, h := range d.hits {
		d.chosen[i] = keep == nil || keep[fmt.Sprint(h.Key, h.Offset)]
	}
	d.sel = min(d.sel, max(0, len(d.hits)-1))
	d.scroll()
}

func (d *Find) nChosen() int {
	n := 0
	for _, c := range d.chosen {
		if c {
			n++
		}
	}
	return n
}

func (d *Find) scroll() {
	if d.sel < d.top {
		d.top = d.sel
	}
	if d.sel >= d.top+d.rows {
		d.top = d.sel - d.rows + 1
	}
}

// feed gives a key or paste to the focused field; a changed search text
// searches again.
func (d *Find) feed(m tea.Msg) {
	switch d.focus {
	case 0:
		if d.what.update(m) {
			d.search(nil)
		}
	case 1:
		d.with.update(m)
	}
}

func (d *Find) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	switch m := msg.(type) {
	case tea.PasteMsg:
		d.feed(m)
		return nil, false
	case tea.KeyPressMsg:
		d.err = ""
		switch {
		case key.Matches(m, k.Back):
			return nil, true
		case key.Matches(m, k.Next), key.Matches(m, k.Prev):
			step := 1
			if key.Matches(m, k.Prev) {
				step = d.stops() - 1
			}
			f := (d.focus + step) % d.stops()
			if !d.replace && f == 1 { // no 替换为 field when finding
				f = (f + step) % d.stops()
			}
			d.setFocus(f)
			return nil, false
		case key.Matches(m, k.Paste) && d.focus < 2:
			return d.c.Clip.Paste(), false
		case key.Matches(m, k.Up):
			if d.sel > 0 {
				d.sel--
				d.scroll()
			}
			return nil, false
		case key.Matches(m, k.Down):
			if d.sel < len(d.hits)-1 {
				d.sel++
				d.scroll()
			}
			return nil, false
		case key.Matches(m, k.PgDn):
			d.sel = min(len(d.hits)-1, d.sel+d.rows)
			d.scroll()
			return nil, false
		case key.Matches(m, k.PgUp):
			d.sel = max(0, d.sel-d.rows)
			d.scroll()
			return nil, false
		case m.String() == "enter":
			return d.enter()
		case d.focus == 2 && d.replace && (key.Matches(m, k.Toggle) || m.String() == " "):
			if d.sel < len(d.chosen) {
				d.chosen[d.sel] = !d.chosen[d.sel]
				if d.sel < len(d.hits)-1 {
					d.sel++
					d.scroll()
				}
			}
			return nil, false
		case d.focus == 2 && d.replace && key.Matches(m, k.SelectAll):
			all := d.nChosen() < len(d.chosen)
			for i := range d.chosen {
				d.chosen[i] = all
			}
			return nil, false
		case d.focus >= 3 && (key.Matches(m, k.Left) || key.Matches(m, k.Right)):
			d.setFocus(7 - d.focus)
			return nil, false
		}
		d.feed(m)
	}
	return nil, false
}

func (d *Find) enter() (tea.Cmd, bool) {
	if !d.replace {
		if d.sel >= len(d.hits) {
			return nil, false
		}
		h := d.hits[d.sel]
		return func() tea.Msg { return common.Jump{Key: h.Key, Offset: h.Offset, Len: h.Len} }, true
	}
	switch d.focus {
	case 0, 1:
		d.setFocus(d.focus + 1)
		return nil, false
	case 4:
		for i := range d.chosen {
			d.chosen[i] = true
		}
	}
	old := d.what.ed.Value()
	var hits []model.TextHit
	for i, h := range d.hits {
		if d.chosen[i] {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		d.err = "没有选中要替换的地方"
		return nil, false
	}
	if d.doc.ReadOnly {
		d.err = common.ReadOnlyNotice
		return nil, false
	}
	rt := ReplaceText{ID: d.doc.ID, Old: old, New: d.with.ed.Value(), Hits: hits}
	return func() tea.Msg { return rt }, true
}

func (d *Find) View() string {
	st := d.c.Styles
	label := func(i int, s string) string {
		s = common.Fit(s, 8, "")
		if d.focus == i {
			return st.FieldLabelFocused.Render(s)
		}
		return st.FieldLabel.Render(s)
	}
	lines := []string{label(0, "查找") + " " + d.what.ed.View()}
	if d.replace {
		lines = append(lines, label(1, "替换为")+" "+d.with.ed.View())
	}
	switch {
	case d.what.ed.Value() == "":
		lines = append(lines, st.Dim.Render("输入要找的文字，例如 2024年"))
	case len(d.hits) == 0:
		lines = append(lines, st.Warning.Render("所有文字中都没有找到"))
	case d.replace:
		lines = append(lines, st.Dim.Render(fmt.Sprintf("共 %d 处，已选 %d 处：空格 选/不选，Ctrl+A 全选/全不选", len(d.hits), d.nChosen())))
	default:
		lines = append(lines, st.Dim.Render(fmt.Sprintf("共 %d 处：选中一处按 Enter 转到那里", len(d.hits))))
	}
	listW := d.width - 4
	for i := d.top; i < len(d.hits) && i < d.top+d.rows; i++ {
		h := d.hits[i]
		mark := "  "
		if d.replace {
			mark = "[ ]"
			if d.chosen[i] {
				mark = "[x]"
			}
		}
		where := common.Fit(shortKey(d.doc.R, h.Key), 16, st.G.Ellipsis)
		text := common.Fit(mark+" "+where+" "+h.Context, listW, st.G.Ellipsis)
		if i == d.sel && d.focus == 2 {
			text = st.ItemFocused.Render(text)
		} else if i == d.sel {
			text = st.ItemSelected.Render(text)
		}
		lines = append(lines, text)
	}
	if d.replace && d.sel < len(d.hits) {
		h := d.hits[d.sel]
		s := d.doc.R.Text(h.Key)
		if h.Offset+h.Len <= len(s) {
			after := s[:h.Offset] + d.with.ed.Value() + s[h.Offset+h.Len:]
			lines = append(lines, "", st.Dim.Render("替换后：")+common.Cut(model.Around(after, h.Offset, h.Offset+len(d.with.ed.Value()), 16), listW-8, st.G.Ellipsis))
		}
	}
	if d.replace {
		active := -1
		if d.focus >= 3 {
			active = d.focus - 3
		}
		lines = append(lines, "", buttons(d.c, []string{fmt.Sprintf("替换选中的 %d 处", d.nChosen()), "全部替换"}, active))
	}
	if d.err != "" {
		lines = append(lines, st.Error.Render(d.err))
	}
	return strings.Join(lines, "\n")
}

// shortKey names a text key briefly for the list of places.
func shortKey(r *model.Report, key string) string {
	l := r.KeyLabel(key)
	l = strings.TrimPrefix(l, "一、总体情况")
	return strings.TrimSpace(l)
}

func (d *Find) Cursor() *tea.Cursor {
	var c *tea.Cursor
	y := 0
	switch d.focus {
	case 0:
		c = d.what.ed.Cursor()
	case 1:
		c = d.with.ed.Cursor()
		y = 1
	}
	if c == nil {
		return nil
	}
	c.X += 9
	c.Y += y
	return c
}
