package grid

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
)

// Grid edits one sheet of the report in doc.
type Grid struct {
	c   *common.Common
	doc *common.Doc
	sh  *Sheet

	w, h      int
	labelW    int
	row, col  int // selected cell (row is never a heading)
	top, left int // first visible row and column

	editing  bool
	buf      []rune
	origText string // the cell before editing, for Esc
	bad      string // why the buffer does not parse
	notice   string // one-off message (paste result, computed cell)
}

// New returns a grid over a table of the report.
func New(c *common.Common, doc *common.Doc, t *model.Table) *Grid {
	g := &Grid{c: c, doc: doc, sh: SheetFor(t)}
	g.sh.layout(doc.R, nil)
	g.row = g.nextRow(-1, 1)
	return g
}

// relayout widens the columns to the widest value (a total or the text
// being typed included): a cell never cuts its number.
func (g *Grid) relayout() {
	var buf []rune
	if g.editing {
		buf = g.buf
	}
	if !g.sh.layout(g.doc.R, &cellText{g.row, g.col, buf}) {
		return
	}
	g.SetSize(g.w, g.h)
}

// Sheet returns what the grid draws.
func (g *Grid) Sheet() *Sheet { return g.sh }

// Focus gives the grid the keyboard: first keeps the selection (the first
// cell of a new grid), last goes to the last cell one can type in (coming
// back with Shift+Tab from the next page).
func (g *Grid) Focus(first bool) {
	if first {
		return
	}
	for i := len(g.sh.Rows) - 1; i >= 0; i-- {
		r := g.sh.Rows[i]
		for j := len(r.Cells) - 1; !r.Heading && j >= 0; j-- {
			if !r.Cells[j].Computed() {
				g.row, g.col = i, j
				g.scroll()
				return
			}
		}
	}
}

// SelectedText: a grid selects cells, not text.
func (g *Grid) SelectedText() string { return "" }

// Refresh: the grid draws the findings as it goes; its widths follow its
// own edits (Update) and changes made elsewhere (Reload).
func (g *Grid) Refresh() {}

// Blur ends editing (the editor is switching away).
func (g *Grid) Blur() { g.Commit() }

// Reload redraws after the report changed elsewhere (undo, zeros).
func (g *Grid) Reload() {
	g.cancel()
	g.relayout()
}

// Editing reports whether a cell is being typed into.
func (g *Grid) Editing() bool { return g.editing }

// NeedWidth is the width that shows every column with full labels.
func (g *Grid) NeedWidth() int { return min(g.sh.labelWidth(), 30) + 1 + g.sh.colsWidth() }

// SetSize lays the grid out; columns that do not fit scroll.
func (g *Grid) SetSize(w, h int) {
	g.w, g.h = w, h
	cols := g.sh.colsWidth()
	g.labelW = min(g.sh.labelWidth(), max(w-cols-1, min(18, w/3)))
	g.labelW = max(g.labelW, 4)
	g.scroll()
}

// Selected returns the selected cell and the full label of its row.
func (g *Grid) Selected() (model.CellRef, string, bool) {
	if g.row < 0 || g.row >= len(g.sh.Rows) || g.sh.Rows[g.row].Heading {
		return model.CellRef{}, "", false
	}
	r := g.sh.Rows[g.row]
	return r.Cells[g.col], r.FullLabel(g.sh, g.row), true
}

// Select moves the selection to a cell key; false if the key is not here.
// A computed total (where R1 or R4 points) selects the first cell of its
// column one can type in, or of its row for the 总计 column: the numbers
// to check, never a cell that refuses input.
func (g *Grid) Select(key string, _, _ int) bool {
	for i, r := range g.sh.Rows {
		for j, c := range r.Cells {
			if c.Key() == key {
				g.Commit()
				g.row, g.col = i, j
				if c.Computed() {
					g.row, g.col = g.typedNear(i, j)
				}
				g.scroll()
				return true
			}
		}
	}
	return false
}

// typedNear is the first typed cell of column j, else of row i.
func (g *Grid) typedNear(i, j int) (int, int) {
	for k, r := range g.sh.Rows {
		if !r.Heading && !r.Cells[j].Computed() {
			return k, j
		}
	}
	for k, c := range g.sh.Rows[i].Cells {
		if !c.Computed() {
			return i, k
		}
	}
	return i, j
}

// Problem is the message for the status line about the selected cell: a
// parse error while typing, a one-off notice, the worst finding, or what
// the cell is.
func (g *Grid) Problem() (string, bool) {
	if g.bad != "" {
		return g.bad, true
	}
	if g.notice != "" {
		return g.notice, false
	}
	c, _, ok := g.Selected()
	if !ok {
		return "", false
	}
	if f, ok := g.doc.Worst(c.Key()); ok {
		return f.Level.Chinese() + " " + f.Rule + "：" + f.Message, f.Level == model.Error
	}
	where := c.Label()
	if c.Computed() {
		return where + "：自动计算（各项相加），不能填写", false
	}
	if g.doc.Rollup {
		// Which members this cell adds up.
		if cs, sum, ok := model.Contributions(g.doc.R, c.Key(), g.doc.Members); ok {
			if len(cs) == 0 {
				return where + "：各成员都没有填写", false
			}
			return fmt.Sprintf("%s = 各成员之和 %s：%s", where, sum.Format(c.Kind()), model.ContributionText(cs, c.Kind(), len(g.doc.Members))), false
		}
	}
	// Cell-specific guidance only: the table's is in the guide line.
	f := g.doc.R.Format
	if gd := f.Guide(c.Key()); gd != "" && gd != f.Guide(c.Table.Key) {
		return where + "：" + gd, false
	}
	return where, false
}

// Help lists the keys of the grid.
func (g *Grid) Help() []key.Binding {
	k := g.c.Keys
	if g.editing {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "确定")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", "取消")),
			k.Next,
		}
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("0"), key.WithHelp("数字", "填写")),
		k.Zeros, k.Back, k.Help, k.Quit, k.Edit, k.Clear, k.Undo, k.Checks, k.Next, k.NextSection, k.Export,
	}
}

func (g *Grid) nextRow(from, dir int) int {
	for i := from + dir; i >= 0 && i < len(g.sh.Rows); i += dir {
		if !g.sh.Rows[i].Heading {
			return i
		}
	}
	return -1
}

// visible returns the range of columns that fit from g.left.
func (g *Grid) visible() (int, int) {
	avail := g.w - g.labelW - 1
	end := g.left
	used := 0
	for end < len(g.sh.Cols) && used+g.sh.Cols[end].Width+1 <= avail+1 {
		used += g.sh.Cols[end].Width + 1
		end++
	}
	return g.left, max(end, g.left+1)
}

func (g *Grid) bodyHeight() int { return max(1, g.h-1-g.sh.headerLines()) }

// scroll keeps the selected cell on screen.
func (g *Grid) scroll() {
	if g.col < g.left {
		g.left = g.col
	}
	for {
		_, end := g.visible()
		if g.col < end || g.left >= g.col {
			break
		}
		g.left++
	}
	bh := g.bodyHeight()
	if g.row < g.top {
		g.top = g.row
		// Show the headings right above the first row.
		for g.top > 0 && g.sh.Rows[g.top-1].Heading {
			g.top--
		}
	}
	if g.row >= g.top+bh {
		g.top = g.row - bh + 1
	}
	g.top = max(0, min(g.top, len(g.sh.Rows)-1))
}

func (g *Grid) cell() (model.CellRef, bool) {
	c, _, ok := g.Selected()
	return c, ok
}

// Update handles keys, paste and mouse; a change to the report is reported
// with common.Edited.
func (g *Grid) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd, ch := g.key(msg)
		if ch != noChange {
			g.relayout()
			return tea.Batch(cmd, common.EditedCmd(ch == committed))
		}
		return cmd
	case tea.PasteMsg:
		if g.paste(msg.Content) {
			g.relayout()
			return common.EditedCmd(true)
		}
	case tea.MouseClickMsg:
		g.click(msg.X, msg.Y)
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelDown {
			g.top = min(g.top+3, max(0, len(g.sh.Rows)-g.bodyHeight()))
		} else if msg.Button == tea.MouseWheelUp {
			g.top = max(0, g.top-3)
		}
	}
	return nil
}

// Kinds of change a key makes.
const (
	noChange  = iota
	typed     // a value changed while typing: re-check
	committed // a value was committed: re-check and save
)

func (g *Grid) key(msg tea.KeyPressMsg) (tea.Cmd, int) {
	k := g.c.Keys
	g.notice = ""
	ch := noChange
	if g.editing {
		switch {
		case msg.String() == "esc":
			return nil, b2c(g.cancel(), typed)
		case msg.String() == "backspace":
			if len(g.buf) > 0 {
				g.buf = g.buf[:len(g.buf)-1]
				return nil, b2c(g.live(), typed)
			}
			return nil, noChange
		case msg.Text != "" && msg.Mod&^tea.ModShift == 0:
			g.buf = append(g.buf, []rune(msg.Text)...)
			return nil, b2c(g.live(), typed)
		case key.Matches(msg, k.Undo):
			return nil, b2c(g.cancel(), typed)
		}
		// Any movement commits first; a value that does not parse keeps
		// the caret in the cell.
		done, changed := g.commit()
		if !done {
			return nil, noChange
		}
		ch = b2c(changed, committed)
	}
	switch {
	case key.Matches(msg, k.Copy):
		if c, ok := g.cell(); ok {
			if s := g.doc.R.Value(c).Format(c.Kind()); s != "" {
				g.notice = "已复制 " + s
				return g.c.Clip.Copy(s), ch
			}
		}
		g.notice = common.QuitHint
		return nil, ch
	case key.Matches(msg, k.Cut):
		c, ok := g.cell()
		if !ok || c.Computed() || g.doc.ReadOnly {
			return nil, ch
		}
		s := g.doc.R.Value(c).Format(c.Kind())
		g.set(c, "")
		return g.c.Clip.Copy(s), committed
	case key.Matches(msg, k.Paste):
		return g.c.Clip.Paste(), ch
	case key.Matches(msg, k.Undo):
		return func() tea.Msg { return common.Undo{} }, ch
	case key.Matches(msg, k.Redo):
		return func() tea.Msg { return common.Undo{Redo: true} }, ch
	}
	switch {
	case key.Matches(msg, k.Up):
		g.move(-1, 0)
	case key.Matches(msg, k.Down), key.Matches(msg, k.Enter):
		g.move(1, 0)
	case key.Matches(msg, k.Left):
		g.move(0, -1)
	case key.Matches(msg, k.Right):
		g.move(0, 1)
	case key.Matches(msg, k.Next):
		return g.tab(1), ch
	case key.Matches(msg, k.Prev):
		return g.tab(-1), ch
	case key.Matches(msg, k.Home):
		g.col = 0
	case key.Matches(msg, k.End):
		g.col = len(g.sh.Cols) - 1
	case key.Matches(msg, k.PgDn):
		for i := 0; i < g.bodyHeight()-1; i++ {
			g.move(1, 0)
		}
	case key.Matches(msg, k.PgUp):
		for i := 0; i < g.bodyHeight()-1; i++ {
			g.move(-1, 0)
		}
	case key.Matches(msg, k.Edit):
		g.start(true, "")
	case msg.String() == "backspace":
		g.start(true, "")
		if len(g.buf) > 0 {
			g.buf = g.buf[:len(g.buf)-1]
			if g.live() {
				ch = max(ch, typed)
			}
		}
	case key.Matches(msg, k.Clear) && g.doc.ReadOnly:
		g.notice = common.ReadOnlyNotice
	case key.Matches(msg, k.Clear):
		if c, ok := g.cell(); ok && !c.Computed() {
			if changed, _ := g.set(c, ""); changed {
				ch = committed
			}
		}
	case msg.Text != "" && msg.Mod&^tea.ModShift == 0:
		// Typing starts editing, replacing the cell; text that is not a
		// number is shown with its error rather than ignored.
		if strings.TrimSpace(msg.Text) == "" {
			return nil, ch
		}
		if g.start(false, msg.Text) {
			ch = max(ch, typed)
		}
	}
	g.scroll()
	return nil, ch
}

func b2c(b bool, c int) int {
	if b {
		return c
	}
	return noChange
}

func (g *Grid) move(dr, dc int) {
	if dr != 0 {
		if n := g.nextRow(g.row, dr); n >= 0 {
			g.row = n
		}
	}
	g.col = max(0, min(len(g.sh.Cols)-1, g.col+dc))
	g.scroll()
}

// tab moves to the next typed cell, row by row; past the ends it leaves.
func (g *Grid) tab(dir int) tea.Cmd {
	row, col := g.row, g.col
	for {
		col += dir
		if col < 0 || col >= len(g.sh.Cols) {
			row = g.nextRow(row, dir)
			if row < 0 {
				return func() tea.Msg { return common.Leave{Forward: dir > 0} }
			}
			col = 0
			if dir < 0 {
				col = len(g.sh.Cols) - 1
			}
		}
		if !g.sh.Rows[row].Cells[col].Computed() {
			g.row, g.col = row, col
			g.scroll()
			return nil
		}
	}
}

// start begins editing the selected cell; true if the value changed.
func (g *Grid) start(keep bool, text string) bool {
	c, ok := g.cell()
	if !ok {
		return false
	}
	if g.doc.ReadOnly {
		g.notice = common.ReadOnlyNotice
		return false
	}
	if c.Computed() {
		g.notice = "这一格是自动计算的合计（各项相加），不能填写"
		return false
	}
	g.origText = g.doc.R.Value(c).Format(c.Kind())
	g.editing = true
	g.buf = []rune(text)
	if keep {
		g.buf = []rune(g.origText)
	}
	return g.live()
}

// live applies the buffer while typing so that totals and checks follow
// every keystroke; text that does not parse is not applied. True if the
// value changed.
func (g *Grid) live() bool {
	c, _ := g.cell()
	changed, err := g.set(c, string(g.buf))
	if err != nil {
		g.bad = err.Error()
		return false
	}
	g.bad = ""
	return changed
}

func (g *Grid) set(c model.CellRef, text string) (bool, error) {
	before := g.doc.R.Value(c)
	if err := g.doc.R.Set(c.Key(), text); err != nil {
		return false, err
	}
	return g.doc.R.Value(c) != before, nil
}

// commit ends editing; done is false if the text does not parse, changed
// tells whether the cell differs from before editing.
func (g *Grid) commit() (done, changed bool) {
	if !g.editing {
		return true, false
	}
	if g.bad != "" {
		return false, false
	}
	g.editing = false
	c, _ := g.cell()
	return true, g.doc.R.Value(c).Format(c.Kind()) != g.origText
}

// Commit ends editing from outside (the editor is switching away); a value
// that does not parse is dropped and the cell keeps its old value.
func (g *Grid) Commit() {
	if done, _ := g.commit(); !done {
		g.cancel()
	}
}

// cancel ends editing, restoring the cell; true if that changed it.
func (g *Grid) cancel() bool {
	if !g.editing {
		return false
	}
	c, _ := g.cell()
	changed, _ := g.set(c, g.origText)
	g.editing, g.bad, g.buf = false, "", nil
	return changed
}

// paste fills cells from pasted text: fields separated by tabs, "|" or
// spaces fill to the right, lines fill the rows below. All or nothing: a
// value that does not parse refuses the whole paste. True if it stored.
func (g *Grid) paste(text string) bool {
	g.Commit()
	if g.doc.ReadOnly {
		g.notice = common.ReadOnlyNotice
		return false
	}
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	type put struct {
		c    model.CellRef
		text string
	}
	var puts, totals []put
	row := g.row
	for li, line := range lines {
		if li > 0 {
			if row = g.nextRow(row, 1); row < 0 {
				break
			}
		}
		for fi, f := range splitFields(line) {
			col := g.col + fi
			if col >= len(g.sh.Cols) || f == "" {
				continue
			}
			c := g.sh.Rows[row].Cells[col]
			if c.Computed() {
				totals = append(totals, put{c, f}) // compared, never stored
				continue
			}
			puts = append(puts, put{c, f})
		}
	}
	if len(puts) == 0 {
		g.notice = "粘贴的内容中没有可以填入的数字"
		return false
	}
	tmp := g.doc.R.Clone()
	for _, p := range puts {
		if err := tmp.Set(p.c.Key(), p.text); err != nil {
			g.notice = "没有粘贴：" + err.Error()
			return false
		}
	}
	for _, p := range puts {
		g.set(p.c, p.text)
	}
	g.notice = fmt.Sprintf("已粘贴 %d 格", len(puts))
	for _, t := range totals {
		v, err := model.ParseValue(model.Count, t.text)
		if got := g.doc.R.Value(t.c).N; err == nil && v.Set && v.N != got {
			g.notice += fmt.Sprintf("；注意：粘贴的合计 %d 与计算结果 %d 不一致（%s）", v.N, got, t.c.Label())
		}
	}
	return true
}

// splitFields splits a pasted line: tabs keep empty fields (blank cells in
// Excel), otherwise "|" or runs of spaces separate.
func splitFields(line string) []string {
	var fs []string
	switch {
	case strings.Contains(line, "\t"):
		fs = strings.Split(line, "\t")
	case strings.Contains(line, "|"):
		fs = strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
	default:
		fs = strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\u3000' })
	}
	for i := range fs {
		fs[i] = strings.TrimFunc(fs[i], unicode.IsSpace)
	}
	return fs
}

// click selects the cell under a mouse click (coordinates relative to the grid).
func (g *Grid) click(x, y int) {
	body := y - 1 - g.sh.headerLines()
	if body < 0 {
		return
	}
	row := g.top + body
	if row >= len(g.sh.Rows) || g.sh.Rows[row].Heading {
		return
	}
	g.Commit()
	g.row = row
	if x > g.labelW {
		start, end := g.visible()
		cx := g.labelW + 1
		for j := start; j < end; j++ {
			if x >= cx && x < cx+g.sh.Cols[j].Width+1 {
				g.col = j
			}
			cx += g.sh.Cols[j].Width + 1
		}
	}
	g.scroll()
}
