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

// Messages of the import dialog; the app reads and stores.
type (
	// ReadFile asks the app to read a file (or list a folder) for a
	// preview; Org and Year are the clerk's answers when the file did not
	// say them.
	ReadFile struct {
		Path string
		Org  string
		Year int
	}
	// CancelRead stops a read in progress (Esc while reading).
	CancelRead struct{}
	// Folder lists the files of a folder the clerk gave.
	Folder struct {
		Path  string
		Files []app.ImportFile
		Err   error
	}
	// Preview is what was read, for the clerk to look at before importing.
	Preview struct {
		Path  string
		Lines []string // summary, uncertain numbers, findings, the tables
		Err   error
		// Need: the file is a report, but its agency or year must be given.
		Need  *NeedInfo
		Token any // the app's parsed result, handed back on import
	}
	// NeedInfo says which of agency and year the clerk must give.
	NeedInfo struct {
		Agency, Year bool
		GuessAgency  string
		GuessYear    int
	}
	// DoImport asks the app to store the previewed report.
	DoImport struct{ Token any }
	// ReadDir asks the app to import every file of a folder (全部导入).
	ReadDir struct{ Path string }
	// DirDone is a folder imported: the table of its files (app.DirTable).
	DirDone struct {
		Path    string
		Rows    [][]string
		Summary string
		Err     error
	}
)

// Import asks for a file (or a folder, then one of its files), shows what
// was read, then imports. When the file does not say its agency or year,
// it asks for them instead of failing.
type Import struct {
	c       *common.Common
	path    *input
	org     *input
	year    *input
	need    *NeedInfo
	folder  *Folder
	sel     int
	preview *Preview
	top     int
	focus   int // 0 path, then org/year when asked, then the buttons
	h       int
	busy    bool
	// In a folder: -1 the list of files, 0 全部导入, 1 取消.
	folderBtn int
	dirDone   bool // the preview is the table of a folder imported
	reading   string
}

// NewImport makes the dialog.
func NewImport(c *common.Common, height int) *Import {
	d := &Import{c: c, h: max(8, height)}
	d.path = newInput(c, "文件", "", 56)
	d.path.ed.SetPlaceholder("文件或文件夹的完整路径，如 D:\\年报\\2024年报.docx（可粘贴）")
	d.path.ed.Focus()
	return d
}

func (d *Import) Title() string { return "导入已发布的报告" }

func (d *Import) Help() []key.Binding {
	k := d.c.Keys
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "确定"))
	if d.preview != nil && d.preview.Err == nil {
		return []key.Binding{k.Next, enter, k.PgUp, k.PgDn, k.Back}
	}
	if d.folder != nil {
		return []key.Binding{k.Up, k.Down, enter, k.Next, k.Back}
	}
	return []key.Binding{k.Next, enter, k.Back}
}

// fields are the text fields in focus order.
func (d *Import) fields() []*input {
	f := []*input{d.path}
	if d.org != nil {
		f = append(f, d.org)
	}
	if d.year != nil {
		f = append(f, d.year)
	}
	return f
}

func (d *Import) stops() int { return len(d.fields()) + 2 }

func (d *Import) setFocus(i int) {
	d.focus = i
	for j, f := range d.fields() {
		if j == i {
			f.ed.Focus()
		} else {
			f.ed.Blur()
		}
	}
}

// button is the index of the focused button (0 first, 1 cancel), or -1.
func (d *Import) button() int {
	if b := d.focus - len(d.fields()); b >= 0 {
		return b
	}
	return -1
}

// read asks the app to read the path with the clerk's answers.
func (d *Import) read() tea.Cmd {
	p := strings.Trim(strings.TrimSpace(d.path.ed.Value()), `"'`)
	if p == "" {
		return nil
	}
	rf := ReadFile{Path: p}
	if d.org != nil {
		rf.Org = strings.TrimSpace(d.org.ed.Value())
	}
	if d.year != nil {
		y, err := strconv.Atoi(model.NormalizeNumber(d.year.ed.Value()))
		if err != nil {
			d.preview = &Preview{Err: fmt.Errorf("请填写报告年度（四位数字，如 2024）")}
			return nil
		}
		rf.Year = y
	}
	d.busy = true
	return func() tea.Msg { return rf }
}

func (d *Import) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := d.c.Keys
	switch m := msg.(type) {
	case DirDone:
		d.busy = false
		d.folder, d.dirDone, d.top = nil, true, 0
		if m.Err != nil {
			d.preview = &Preview{Path: m.Path, Err: m.Err}
			return nil, false
		}
		d.preview = &Preview{Path: m.Path, Lines: dirLines(d.c, m.Rows, m.Summary)}
		d.setFocus(len(d.fields()))
		return nil, false
	case Folder:
		d.busy = false
		d.folder, d.sel, d.preview, d.folderBtn = &m, 0, nil, -1
		if m.Err == nil && len(m.Files) == 0 {
			d.preview = &Preview{Err: fmt.Errorf("这个文件夹里没有可以导入的文件（.txt、.docx、.html、.md、.json）")}
			d.folder = nil
		}
		return nil, false
	case Preview:
		d.busy = false
		d.preview = &m
		d.top = 0
		d.folder = nil
		if m.Need != nil {
			d.ask(m.Need)
			return nil, false
		}
		if m.Err == nil {
			d.setFocus(len(d.fields()))
		}
		return nil, false
	case tea.PasteMsg:
		if f := d.fields(); d.focus < len(f) {
			m.Content = strings.Trim(strings.TrimSpace(m.Content), `"'`)
			f[d.focus].update(m)
		}
		return nil, false
	case tea.KeyPressMsg:
		switch {
		case key.Matches(m, k.Back):
			if d.busy {
				return func() tea.Msg { return CancelRead{} }, true
			}
			if d.folder != nil {
				d.folder = nil
				d.setFocus(0)
				return nil, false
			}
			return nil, true
		case d.busy:
			return nil, false // keys wait while reading; Esc stops it
		case d.folder != nil:
			return d.updateFolder(m), false
		case key.Matches(m, k.Next):
			d.setFocus((d.focus + 1) % d.stops())
			return nil, false
		case key.Matches(m, k.Prev):
			d.setFocus((d.focus + d.stops() - 1) % d.stops())
			return nil, false
		case d.preview != nil && d.preview.Err == nil && d.scroll(m):
			return nil, false
		case m.String() == "enter":
			switch b := d.button(); {
			case b < 0 && d.focus < len(d.fields())-1:
				d.setFocus(d.focus + 1)
				return nil, false
			case b < 0, b == 0 && (d.preview == nil || d.preview.Err != nil || d.preview.Need != nil):
				return d.read(), false
			case b == 0 && d.dirDone:
				return nil, true
			case b == 0:
				tok := d.preview.Token
				return func() tea.Msg { return DoImport{Token: tok} }, true
			default:
				return nil, true
			}
		}
		if f := d.fields(); d.focus < len(f) {
			if f[d.focus].update(m) && d.focus == 0 {
				d.preview, d.need, d.org, d.year = nil, nil, nil, nil
			}
		} else if key.Matches(m, k.Left) || key.Matches(m, k.Right) {
			n := len(d.fields())
			d.setFocus(n + 1 - d.button())
		}
	}
	return nil, false
}

// ask adds the fields for what the file did not say.
func (d *Import) ask(n *NeedInfo) {
	d.need = n
	if n.Agency && d.org == nil {
		d.org = newInput(d.c, "单位", n.GuessAgency, 40)
	}
	if n.Year && d.year == nil {
		y := ""
		if n.GuessYear > 0 {
			y = strconv.Itoa(n.GuessYear)
		}
		d.year = newInput(d.c, "年度", y, 8)
	}
	d.setFocus(1)
}

// scroll pages through the preview; it reports whether the key was one.
func (d *Import) scroll(m tea.KeyPressMsg) bool {
	k := d.c.Keys
	last := max(0, len(d.preview.Lines)-d.previewRows())
	switch {
	case key.Matches(m, k.Up):
		d.top = max(0, d.top-1)
	case key.Matches(m, k.Down):
		d.top = min(d.top+1, last)
	case key.Matches(m, k.PgUp):
		d.top = max(0, d.top-d.previewRows()+1)
	case key.Matches(m, k.PgDn):
		d.top = min(d.top+d.previewRows()-1, last)
	case key.Matches(m, k.Home) && d.button() >= 0:
		d.top = 0
	case key.Matches(m, k.End) && d.button() >= 0:
		d.top = last
	default:
		return false
	}
	return true
}

// updateFolder moves in the list of a folder's files; Enter reads one;
// Tab goes to the buttons 全部导入 and 取消.
func (d *Import) updateFolder(m tea.KeyPressMsg) tea.Cmd {
	k := d.c.Keys
	n := len(d.folder.Files)
	switch {
	case key.Matches(m, k.Next):
		d.folderBtn = (d.folderBtn+2)%3 - 1
		return nil
	case key.Matches(m, k.Prev):
		d.folderBtn = (d.folderBtn+4)%3 - 1
		return nil
	case d.folderBtn >= 0 && (key.Matches(m, k.Left) || key.Matches(m, k.Right)):
		d.folderBtn = 1 - d.folderBtn
		return nil
	case d.folderBtn == 0 && m.String() == "enter":
		path := d.folder.Path
		d.reading = "正在读取并导入文件夹中的文件……（Esc 停止）"
		d.folder, d.busy = nil, true
		return func() tea.Msg { return ReadDir{Path: path} }
	case d.folderBtn == 1 && m.String() == "enter":
		d.folder = nil
		d.setFocus(0)
		return nil
	case d.folderBtn >= 0:
		return nil
	case key.Matches(m, k.Up):
		d.sel = max(0, d.sel-1)
	case key.Matches(m, k.Down):
		d.sel = min(n-1, d.sel+1)
	case key.Matches(m, k.PgUp):
		d.sel = max(0, d.sel-d.previewRows())
	case key.Matches(m, k.PgDn):
		d.sel = min(n-1, d.sel+d.previewRows())
	case m.String() == "enter" && n > 0:
		f := d.folder.Files[d.sel]
		d.path.ed.SetValue(f.Path)
		d.folder = nil
		return d.read()
	}
	return nil
}

func (d *Import) previewRows() int { return max(3, d.h-10) }

func (d *Import) View() string {
	st := d.c.Styles
	label := func(i int, name string) string {
		if d.focus == i {
			return st.FieldLabelFocused.Render(name)
		}
		return st.FieldLabel.Render(name)
	}
	lines := []string{label(0, "文件") + " " + d.path.ed.View()}
	i := 1
	if d.org != nil {
		lines = append(lines, label(i, "单位")+" "+d.org.ed.View())
		i++
	}
	if d.year != nil {
		lines = append(lines, label(i, "年度")+" "+d.year.ed.View())
	}
	if d.need == nil {
		lines = append(lines, st.Dim.Render("可导入：网页复制的文字（.txt）、PDF 转出的文字、Word .docx、网页 .html、Markdown、本程序的 JSON；也可以写文件夹"))
	} else {
		lines = append(lines, st.Dim.Render("文件中没有读出"+needWhat(d.need)+"：请填写后按“读取”"))
	}
	first := "读取"
	switch {
	case d.busy && d.reading != "":
		lines = append(lines, "", d.reading)
	case d.busy:
		lines = append(lines, "", "正在读取……（Esc 停止）")
	case d.folder != nil && d.folder.Err != nil:
		lines = append(lines, "", st.Error.Render(d.folder.Err.Error()))
	case d.folder != nil:
		lines = append(lines, "", fmt.Sprintf("%s 中可以导入的文件（新的在前），↑↓ 选择，Enter 读取：", d.folder.Path))
		top := max(0, d.sel-d.previewRows()+1)
		end := min(len(d.folder.Files), top+d.previewRows())
		for j, f := range d.folder.Files[top:end] {
			line := fmt.Sprintf("%s  %s  %s", f.Modified.Format("2006-01-02 15:04"), sizeText(f.Size), f.Name)
			if top+j == d.sel && d.folderBtn < 0 {
				line = st.ItemSelected.Render("› " + line)
			} else {
				line = "  " + line
			}
			lines = append(lines, line)
		}
		lines = append(lines, "", st.Dim.Render("Tab 到“全部导入”：导入文件夹中的每一份报告，已导入过的跳过，列出每个文件的结果"),
			"", buttons(d.c, []string{"全部导入", "取消"}, d.folderBtn))
		return strings.Join(lines, "\n")
	case d.preview != nil && d.preview.Need != nil:
	case d.preview != nil && d.preview.Err != nil:
		lines = append(lines, "", st.Error.Render(d.preview.Err.Error()))
	case d.preview != nil && d.dirDone:
		first = "知道了"
		lines = append(lines, "")
		end := min(len(d.preview.Lines), d.top+d.previewRows())
		lines = append(lines, d.preview.Lines[d.top:end]...)
		if end < len(d.preview.Lines) || d.top > 0 {
			lines = append(lines, st.Dim.Render(fmt.Sprintf("（第 %d–%d 行，共 %d 行；↑↓ 或 PgUp/PgDn 翻看）", d.top+1, end, len(d.preview.Lines))))
		}
		return strings.Join(append(lines, "", buttons(d.c, []string{first}, d.button())), "\n")
	case d.preview != nil:
		first = "导入"
		lines = append(lines, "")
		end := min(len(d.preview.Lines), d.top+d.previewRows())
		lines = append(lines, d.preview.Lines[d.top:end]...)
		if end < len(d.preview.Lines) || d.top > 0 {
			lines = append(lines, st.Dim.Render(fmt.Sprintf("（第 %d–%d 行，共 %d 行；↑↓ 或 PgUp/PgDn 翻看）", d.top+1, end, len(d.preview.Lines))))
		}
	}
	lines = append(lines, "", buttons(d.c, []string{first, "取消"}, d.button()))
	return strings.Join(lines, "\n")
}

func needWhat(n *NeedInfo) string {
	switch {
	case n.Agency && n.Year:
		return "单位名称和报告年度"
	case n.Agency:
		return "单位名称"
	}
	return "报告年度"
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%5.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%5d KB", n>>10)
	}
	return fmt.Sprintf("%6d B", n)
}

func (d *Import) Cursor() *tea.Cursor {
	f := d.fields()
	if d.focus >= len(f) || d.folder != nil || d.busy {
		return nil
	}
	c := f[d.focus].ed.Cursor()
	if c != nil {
		c.X += common.Width("文件 ")
		c.Y += d.focus
	}
	return c
}

// dirLines lays the table of a folder imported out for the dialog: one
// line a file — what became of it first (a narrow window cuts the
// numbers, not that), then its agency, year, format, numbers read, blanks,
// uncertain and the published report's 错误/警告; a file not imported gets
// its reason instead.
func dirLines(c *common.Common, rows [][]string, summary string) []string {
	if len(rows) == 0 {
		return common.Wrap(summary, 62)
	}
	gl := c.Styles.G
	widths := []int{12, 11, 13, 4, 4, 4, 4, 6, 5}
	line := func(r []string) string {
		var b strings.Builder
		for i, w := range widths {
			v := common.Cut(r[i], w, gl.Ellipsis)
			if i >= 3 {
				b.WriteString(common.PadLeft(v, w))
			} else {
				b.WriteString(common.Fit(v, w, gl.Ellipsis))
			}
			b.WriteString(" ")
		}
		return strings.TrimRight(b.String(), " ")
	}
	out := []string{c.Styles.Bold.Render(line([]string{"文件", "结果", "单位", "年度", "格式", "读到", "空白", "不确定", "错/警"}))}
	for _, r := range rows[1:] {
		if r[1] == "" { // not imported: the reason
			out = append(out, common.Fit(r[0], widths[0], gl.Ellipsis)+" "+c.Styles.Error.Render(r[8]))
			continue
		}
		out = append(out, line([]string{r[0], shortResult(r[8]), r[1], r[2], strings.TrimSuffix(r[3], "版"), r[4], r[5], r[6], r[7]}))
	}
	return append(append(out, ""), common.Wrap(summary, 62)...)
}

// shortResult is the result column of app.DirTable in a few characters.
func shortResult(s string) string {
	var n int
	switch {
	case strings.HasPrefix(s, "新建"):
		fmt.Sscanf(strings.TrimPrefix(s, "新建 编号 "), "%d", &n)
		return fmt.Sprintf("新建 %d", n)
	case strings.HasPrefix(s, "已有"):
		fmt.Sscanf(strings.TrimPrefix(s, "已有（编号 "), "%d", &n)
		return fmt.Sprintf("已有 %d", n)
	}
	return s
}
