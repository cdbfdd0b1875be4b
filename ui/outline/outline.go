// Package outline is the left column of the editor: the report's sections
// and their parts, each marked done, started, or with its count of 错误.
package outline

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
)

// Kinds of pages.
const (
	KindMeta      = "meta"
	KindProse     = "prose"
	KindGrid      = "grid"
	KindFee       = "fee" // 六: text and (2021) the fee amount
	KindChecks    = "checks"
	KindExport    = "export"
	KindHeading   = "heading"
	KindPartProse = "part"
	KindPreview   = "preview"
	KindRollup    = "rollup" // a roll-up's members (汇总 page)
)

// Item is one line of the outline.
type Item struct {
	ID    string // "meta", "s1.lead", "s1.parts.zhudong", "s2.a20_1", "s3", "s4", "s4.note", "s5.wenti", "s6", "checks", "export"
	Label string
	Level int
	Kind  string
	// Section is "s1"…"s6" (or "" for meta, checks, export).
	Section string

	status int // 0 todo, 1 started, 2 done
	errors int
	blanks int // cells not yet entered (tables)
}

// Build lists the items of a report, section by section as the format
// defines them: a section with one page (表三, 六) is one item; the others
// are a heading over their tables and texts.
func Build(r *model.Report) []Item { return build(r, -1) }

// build lists the items; members ≥ 0 adds the 汇总 page of a roll-up.
func build(r *model.Report, members int) []Item {
	f := r.Format
	var items []Item
	if members >= 0 {
		items = append(items, Item{ID: model.KeyRollup, Label: "汇总：" + strconv.Itoa(members) + " 个成员", Kind: KindRollup})
	}
	items = append(items, Item{ID: "meta", Label: "标题、前言与联系方式", Kind: KindMeta})
	for _, sec := range f.Sections {
		var kids []Item
		if sec.Key == "s1" {
			kids = append(kids, Item{ID: "s1.lead", Label: "导语", Kind: KindProse})
			for i, p := range r.Parts {
				kids = append(kids, Item{ID: "s1.parts." + p.Key, Label: model.PartNumber(i) + p.Heading, Kind: KindPartProse})
			}
		} else {
			for _, t := range f.TablesOf(sectionNumber(sec)) {
				label := t.Name
				if t.Caption != "" {
					label = strings.TrimSuffix(strings.TrimPrefix(t.Caption, "第二十条第"), "项") + shortRows(t)
				}
				kids = append(kids, Item{ID: t.Key, Label: label, Kind: KindGrid})
			}
			for _, k := range r.TextKeys() {
				if strings.HasPrefix(k, sec.Key+".") {
					kids = append(kids, Item{ID: k, Label: r.KeyLabel(k), Kind: KindProse})
				}
			}
		}
		head := sec.Num + " " + sec.Short
		if len(kids) == 1 && sec.Key != "s1" {
			it := kids[0]
			it.ID, it.Section = sec.Key, sec.Key
			it.Label = head
			if it.Kind == KindGrid {
				it.ID = kids[0].ID
				it.Label += "（" + kids[0].Label + "）"
			} else {
				it.Kind = KindFee // the text, and the fee where the format has one
			}
			items = append(items, it)
			continue
		}
		items = append(items, Item{ID: sec.Key + "h", Label: head, Kind: KindHeading, Section: sec.Key})
		for _, it := range kids {
			it.Level, it.Section = 1, sec.Key
			items = append(items, it)
		}
	}
	return append(items,
		Item{ID: "preview", Label: "全文预览", Kind: KindPreview},
		Item{ID: "checks", Label: "检查结果", Kind: KindChecks},
		Item{ID: "export", Label: "导出", Kind: KindExport},
	)
}

// sectionNumber is 1 for "s1" … 6 for "s6".
func sectionNumber(s model.Section) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(s.Key, "s"))
	return n
}

// shortRows names a 表二 table by its rows: 规章文件, 许可, 处罚强制, 收费, 采购.
func shortRows(t *model.Table) string {
	names := map[string]string{"guizhang": "规章", "guifanxing": "文件", "xuke": "行政许可", "qita_fuwu": "等",
		"chufa": "处罚", "qiangzhi": "强制", "shoufei": "收费", "caigou": "集中采购"}
	var out []string
	for _, r := range t.Rows {
		if n := names[r.Key]; n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "")
}

// ItemFor maps a finding's key to the item that shows it.
func ItemFor(key string) string {
	switch {
	case key == model.KeyRollup:
		return model.KeyRollup
	case strings.HasPrefix(key, "meta"):
		return "meta"
	case strings.HasPrefix(key, "s1.parts."):
		rest := strings.TrimPrefix(key, "s1.parts.")
		if i := strings.IndexByte(rest, '.'); i > 0 {
			rest = rest[:i]
		}
		return "s1.parts." + rest
	case strings.HasPrefix(key, "s1"):
		return "s1.lead"
	case strings.HasPrefix(key, "s2.a20_"):
		if i := strings.IndexByte(key[len("s2.a20_"):], '.'); i > 0 {
			return key[:len("s2.a20_")+i]
		}
		return key
	case strings.HasPrefix(key, "s3"):
		return "s3"
	case key == "s4.note":
		return "s4.note"
	case strings.HasPrefix(key, "s4"):
		return "s4"
	case key == "s5":
		return "s5.wenti"
	case strings.HasPrefix(key, "s5."):
		return key
	case strings.HasPrefix(key, "s6"):
		return "s6"
	}
	return "checks"
}

// Outline is the component.
type Outline struct {
	c       *common.Common
	doc     *common.Doc
	items   []Item
	sel     int
	top     int
	w, h    int
	focused bool
	stale   bool // the marks must be recomputed before drawing
}

// New builds the outline of the report in doc.
func New(c *common.Common, doc *common.Doc) *Outline {
	o := &Outline{c: c, doc: doc}
	o.Rebuild()
	o.sel = o.next(-1, 1)
	return o
}

// Rebuild lists the items again (parts of 一 added, removed or renamed),
// keeping the selection, and refreshes the marks.
func (o *Outline) Rebuild() {
	id := ""
	if o.sel >= 0 && o.sel < len(o.items) {
		id = o.items[o.sel].ID
	}
	members := -1
	if o.doc.Rollup {
		members = len(o.doc.Members)
	}
	o.items = build(o.doc.R, members)
	if !o.SelectID(id) {
		o.sel = min(max(o.sel, 0), len(o.items)-1)
		if o.items[o.sel].Kind == KindHeading {
			o.sel = o.next(o.sel, 1)
		}
	}
	o.Refresh()
}

// Refresh marks the marks out of date: they are recomputed from the report
// and its findings when next drawn (a wide table hides the outline while
// it is typed in).
func (o *Outline) Refresh() { o.stale = true }

// refresh recomputes the marks from the report and its findings.
func (o *Outline) refresh() {
	o.stale = false
	errs := map[string]int{}
	total := [3]int{}
	for _, f := range o.doc.Findings {
		errs[ItemFor(f.Key)] += b2i(f.Level == model.Error)
		if !o.doc.IsBlankCell(f) && !f.Dismissed {
			total[f.Level]++
		}
	}
	r := o.doc.R
	blanks := map[string]int{}
	for _, c := range r.Blanks() {
		blanks[c.Table.Key]++
	}
	for i := range o.items {
		it := &o.items[i]
		it.errors = errs[it.ID]
		it.status = status(r, it, blanks)
		it.blanks = 0
		if it.Kind == KindGrid {
			it.blanks = blanks[it.ID]
		}
		if it.ID == "checks" {
			it.Label = "检查结果"
			if total[0]+total[1] > 0 {
				it.Label += "（" + strconv.Itoa(total[0]) + "错 " + strconv.Itoa(total[1]) + "警）"
			}
			it.errors = 0
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func status(r *model.Report, it *Item, blanks map[string]int) int {
	text := func(keys ...string) int {
		n := 0
		for _, k := range keys {
			v, _ := r.Get(k)
			if s, _ := v.(string); strings.TrimSpace(s) != "" {
				n++
			}
		}
		switch {
		case n == len(keys):
			return 2
		case n > 0:
			return 1
		}
		return 0
	}
	switch it.Kind {
	case KindMeta:
		return text("meta.agency", "meta.title", "meta.period", "meta.contact.phone", "meta.contact.address")
	case KindProse:
		return text(it.ID)
	case KindPartProse:
		return text(it.ID + ".text")
	case KindFee:
		s := text("s6.text")
		if r.Format.FeeRequired && !r.FeeYuan.Set && s == 2 {
			s = 1
		}
		return s
	case KindGrid:
		t := r.Format.Table(it.ID)
		set, blank := 0, blanks[it.ID]
		for row := range t.Rows {
			for col := range t.Cols {
				if !t.Computed(row, col) {
					set++
				}
			}
		}
		switch {
		case blank == 0:
			return 2
		case blank < set:
			return 1
		}
	}
	return 0
}

func (o *Outline) next(from, dir int) int {
	for i := from + dir; i >= 0 && i < len(o.items); i += dir {
		if o.items[i].Kind != KindHeading {
			return i
		}
	}
	return from
}

// Selected returns the selected item.
func (o *Outline) Selected() Item { return o.items[o.sel] }

// SelectID selects an item by id.
func (o *Outline) SelectID(id string) bool {
	for i, it := range o.items {
		if it.ID == id && it.Kind != KindHeading {
			o.sel = i
			o.scroll()
			return true
		}
	}
	return false
}

// Move selects the next (dir 1) or previous (-1) item; false at the ends.
func (o *Outline) Move(dir int) bool {
	n := o.next(o.sel, dir)
	if n == o.sel {
		return false
	}
	o.sel = n
	o.scroll()
	return true
}

// SetFocus marks whether the outline has the keyboard.
func (o *Outline) SetFocus(f bool) { o.focused = f }

// SetSize sets the outline's box.
func (o *Outline) SetSize(w, h int) { o.w, o.h = w, h; o.scroll() }

func (o *Outline) scroll() {
	if o.sel < o.top {
		o.top = o.sel
		if o.top > 0 && o.items[o.top-1].Kind == KindHeading {
			o.top--
		}
	}
	if o.h > 0 && o.sel >= o.top+o.h {
		o.top = o.sel - o.h + 1
	}
}

// Click selects the item at row y; false if there is none.
func (o *Outline) Click(y int) bool {
	i := o.top + y
	if i < 0 || i >= len(o.items) || o.items[i].Kind == KindHeading {
		return false
	}
	o.sel = i
	return true
}

// View draws the outline.
func (o *Outline) View() string {
	if o.stale {
		o.refresh()
	}
	st, gl := o.c.Styles, o.c.Styles.G
	var lines []string
	for i := o.top; i < len(o.items) && i < o.top+o.h; i++ {
		it := o.items[i]
		if it.Kind == KindHeading {
			lines = append(lines, st.P.Bold.Render(common.Fit(it.Label, o.w, gl.Ellipsis)))
			continue
		}
		mark, mstyle := gl.Todo, st.P.Dim
		indent := strings.Repeat(" ", it.Level*2)
		switch {
		case it.errors > 0:
			mark, mstyle = "!"+strconv.Itoa(it.errors), st.P.ItemErr
		case it.blanks > 0:
			// Blank cells are counted per table, not one warning each.
			mark = "未填" + strconv.Itoa(it.blanks)
		case it.status == 2:
			mark, mstyle = gl.Done, st.P.ItemDone
		case it.status == 1:
			mark, mstyle = gl.Partly, st.P.Dim
		}
		if it.Kind == KindChecks || it.Kind == KindExport || it.Kind == KindPreview || it.Kind == KindRollup && it.errors == 0 {
			mark = ""
		}
		mw := common.Width(mark)
		body := common.Fit(indent+it.Label, o.w-mw-1, gl.Ellipsis)
		style := st.P.Item
		if i == o.sel {
			style = st.P.ItemSelected
			if o.focused {
				style = st.P.ItemFocused
			}
		}
		lines = append(lines, style.Render(body)+" "+mstyle.Render(mark))
	}
	return common.Lines(strings.Join(lines, "\n"), o.w, o.h, gl.Ellipsis)
}

// Update handles a mouse wheel; keys are handled by the editor.
func (o *Outline) Update(msg tea.Msg) tea.Cmd { return nil }
