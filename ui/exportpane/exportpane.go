// Package exportpane is the 导出 page: choose formats, folder and file name,
// export, and see the paths written. The export itself runs in the app as a
// command; an existing file is replaced only after the clerk confirms. The
// folder, the ticked formats and the Word fonts are remembered in the
// database (per database) after each export. A report without 成文日期
// asks for it here (today by default) and keeps what the clerk confirms.
package exportpane

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/textedit"
)

// Settings keys of the remembered choices.
const (
	keyFolder  = "export.folder"
	keyFormats = "export.formats"
	keyFonts   = "export.fonts"
)

// Prefs are the page's remembered choices.
type Prefs struct {
	Folder  string
	Formats []string
	Fonts   string
}

// LoadPrefs reads the remembered choices of this database (at start-up,
// outside the UI loop).
func LoadPrefs(a *app.Service) Prefs {
	p := Prefs{Folder: a.Setting(keyFolder), Fonts: a.Setting(keyFonts)}
	for _, f := range strings.Split(a.Setting(keyFormats), ",") {
		if _, ok := formatByID(f); ok {
			p.Formats = append(p.Formats, f)
		}
	}
	return p
}

func formatByID(id string) (app.FormatInfo, bool) {
	for _, f := range app.ExportFormats() {
		if f.ID == id {
			return f, true
		}
	}
	return app.FormatInfo{}, false
}

// Run asks the app to export.
type Run struct {
	ID      int64
	Options app.ExportOptions
}

// Done reports an export back to the page.
type Done struct {
	ID     int64
	Result *app.ExportResult
	Err    error
}

// saved reports the remembered choices written (or not).
type saved struct{ err error }

// Pane is the component.
type Pane struct {
	c        *common.Common
	doc      *common.Doc
	formats  []app.FormatInfo
	chosen   map[string]bool
	fonts    string
	folder   *textedit.Model
	name     *textedit.Model
	date     *textedit.Model // 成文日期, asked when the report has none
	askDate  bool
	sel      int // a row: see rows()
	lastFmt  int // the format row Shift+Tab returns to
	w, h     int
	result   []string
	warnings []string
	err      string
	running  bool
	commit   bool // the date went into the report: the editor saves it
	edited   bool
}

// Row kinds after the formats.
const (
	rowFolder = iota + 1000
	rowName
	rowDate
	rowFonts
	rowButton
)

// New makes the page with the remembered choices (or the Documents folder
// and the Word file).
func New(c *common.Common, doc *common.Doc, folder string) *Pane {
	p := &Pane{c: c, doc: doc, formats: app.ExportFormats(), chosen: map[string]bool{}, fonts: "standard"}
	if doc.Rollup { // the office's table of its members' problems
		p.formats = append(p.formats[:len(p.formats):len(p.formats)], app.QualityFormats()...)
	}
	for _, f := range c.ExportFormats {
		p.chosen[f] = true
	}
	if len(p.chosen) == 0 {
		p.chosen[p.formats[0].ID] = true
	}
	if c.ExportFonts == "windows" {
		p.fonts = "windows"
	}
	s := textedit.DefaultStyles()
	s.Placeholder = c.Styles.Dim
	mk := func(v string) *textedit.Model {
		m := textedit.New()
		m.SetStyles(s)
		m.SetValue(v)
		return m
	}
	if folder == "" {
		folder = DefaultFolder()
	}
	p.folder = mk(folder)
	p.name = mk(strings.TrimSuffix(app.DefaultFileName(doc.R, "docx"), ".docx"))
	now := c.Now
	if now == nil {
		now = time.Now
	}
	p.date = mk(app.Today(now()))
	p.askDate = strings.TrimSpace(doc.R.Meta.SignDate) == ""
	return p
}

// DefaultFolder is the user's Documents folder if it exists, else home.
func DefaultFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	for _, d := range []string{"Documents", "文档", "Desktop", "桌面"} {
		if st, err := os.Stat(filepath.Join(home, d)); err == nil && st.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}

// rows lists the page's rows top to bottom: the formats (0…), then the
// fields and the button. The date row is there while it is needed.
func (p *Pane) rows() []int {
	var r []int
	for i := range p.formats {
		r = append(r, i)
	}
	r = append(r, rowFolder, rowName)
	if p.needDate() {
		r = append(r, rowDate)
	}
	return append(r, rowFonts, rowButton)
}

// needDate: the report has no 成文日期 and a chosen format prints it.
func (p *Pane) needDate() bool {
	return p.askDate && app.NeedsSignDate(p.doc.R, p.chosenIDs())
}

func (p *Pane) index(row int) int {
	for i, r := range p.rows() {
		if r == row {
			return i
		}
	}
	return 0
}

// field is the text field of the selected row, if it is one.
func (p *Pane) field() *textedit.Model {
	switch p.sel {
	case rowFolder:
		return p.folder
	case rowName:
		return p.name
	case rowDate:
		return p.date
	}
	return nil
}

// Edited: the page changes no report values as one types; only the
// 成文日期 confirmed on export goes into the report.
func (p *Pane) Edited() bool { e := p.edited; p.edited = false; return e }

// Committed: the 成文日期 confirmed on export went into the report.
func (p *Pane) Committed() bool { c := p.commit; p.commit = false; return c }

// Problem is the export error, if any.
func (p *Pane) Problem() (string, bool) {
	if p.err != "" {
		return p.err, true
	}
	return "", false
}

// SetSize sets the page's box.
func (p *Pane) SetSize(w, h int) {
	p.w, p.h = w, h
	for _, f := range []*textedit.Model{p.folder, p.name, p.date} {
		f.SetSize(max(10, w-12), 1)
	}
}

var (
	clearField = key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("Ctrl+U", "清空"))
	runKey     = key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "导出"))
)

// Help lists the keys.
func (p *Pane) Help() []key.Binding {
	k := p.c.Keys
	if p.field() != nil {
		return []key.Binding{k.Next, k.Prev, clearField, runKey, k.Back, k.Quit}
	}
	return []key.Binding{k.Up, k.Down, k.Toggle, k.Next, runKey, k.Back, k.Quit}
}

func (p *Pane) chosenIDs() []string {
	var fs []string
	for _, f := range p.formats {
		if p.chosen[f.ID] {
			fs = append(fs, f.ID)
		}
	}
	return fs
}

func (p *Pane) options() app.ExportOptions {
	o := app.ExportOptions{Formats: p.chosenIDs(), Target: strings.TrimSpace(p.folder.Value()) + string(os.PathSeparator),
		Name: p.name.Value(), Fonts: p.fonts}
	if p.needDate() {
		o.SignDate = p.date.Value()
	}
	return o
}

// Update handles keys and the export's result.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	k := p.c.Keys
	switch msg := msg.(type) {
	case Done:
		if msg.ID != p.doc.ID {
			return nil
		}
		return p.done(msg)
	case saved:
		return nil
	case tea.PasteMsg:
		if f := p.field(); f != nil {
			msg.Content = strings.TrimSpace(strings.ReplaceAll(msg.Content, "\n", ""))
			f.Update(msg)
		}
		return nil
	case tea.MouseClickMsg:
		rows := p.rows()
		if i := msg.Y - 1; i >= 0 && i < len(rows) {
			p.setSel(rows[i])
			if rows[i] < len(p.formats) || rows[i] == rowFonts {
				p.toggle()
			}
		}
		return nil
	case tea.KeyPressMsg:
		rows := p.rows()
		at := p.index(p.sel)
		switch {
		case key.Matches(msg, k.Next):
			// Tab goes from group to group: the formats are one stop, so the
			// folder is one Tab away.
			if p.sel < len(p.formats) {
				p.setSel(rowFolder)
			} else if at+1 < len(rows) {
				p.setSel(rows[at+1])
			}
			return nil
		case key.Matches(msg, k.Prev):
			switch {
			case p.sel < len(p.formats):
				return func() tea.Msg { return common.Leave{Forward: false} }
			case p.sel == rowFolder:
				p.setSel(p.lastFmt)
			default:
				p.setSel(rows[at-1])
			}
			return nil
		case key.Matches(msg, k.Up):
			p.setSel(rows[max(0, at-1)])
			return nil
		case key.Matches(msg, k.Down):
			p.setSel(rows[min(len(rows)-1, at+1)])
			return nil
		case msg.String() == "enter":
			return p.run()
		case key.Matches(msg, clearField) && p.field() != nil:
			p.field().SetValue("")
			return nil
		case key.Matches(msg, k.Toggle) && p.field() == nil:
			p.toggle()
			return nil
		}
		if f := p.field(); f != nil {
			f.Update(msg)
		}
	}
	return nil
}

func (p *Pane) setSel(row int) {
	p.sel = row
	if row < len(p.formats) {
		p.lastFmt = row
	}
	for _, f := range []*textedit.Model{p.folder, p.name, p.date} {
		f.Blur()
	}
	if f := p.field(); f != nil {
		f.Focus()
	}
}

func (p *Pane) toggle() {
	switch {
	case p.sel < len(p.formats):
		id := p.formats[p.sel].ID
		p.chosen[id] = !p.chosen[id]
	case p.sel == rowFonts:
		if p.fonts == "standard" {
			p.fonts = "windows"
		} else {
			p.fonts = "standard"
		}
	}
}

func (p *Pane) run() tea.Cmd {
	o := p.options()
	if len(o.Formats) == 0 {
		p.err = "请至少选择一种格式（空格键选中）"
		return nil
	}
	if strings.TrimSpace(p.folder.Value()) == "" {
		p.err = "请填写导出到哪个文件夹"
		p.setSel(rowFolder)
		return nil
	}
	if p.needDate() {
		d, err := app.SignDate(p.date.Value())
		if err != nil {
			p.err = err.Error()
			p.setSel(rowDate)
			return nil
		}
		o.SignDate = d
		// The date is the report's: it goes in, and the editor saves it.
		if !p.doc.ReadOnly && p.doc.R.Set("meta.sign_date", d) == nil {
			p.askDate, p.commit, p.edited = false, true, true
		}
	}
	p.running, p.err, p.result, p.warnings = true, "", nil, nil
	id := p.doc.ID
	return func() tea.Msg { return Run{ID: id, Options: o} }
}

// done shows the result and, after a good export, remembers the choices.
func (p *Pane) done(msg Done) tea.Cmd {
	p.running = false
	p.result, p.warnings, p.err = nil, nil, ""
	if msg.Result != nil {
		p.result = msg.Result.Paths
		p.warnings = msg.Result.Warnings
	}
	path, exists := app.ExistingFile(msg.Err)
	switch {
	case exists:
		p.err = "文件已存在，没有覆盖：" + path
		return nil
	case msg.Err != nil:
		p.err = msg.Err.Error()
		return nil
	}
	folder := strings.TrimSpace(p.folder.Value())
	formats := p.chosenIDs()
	p.c.ExportFolder, p.c.ExportFormats, p.c.ExportFonts = folder, formats, p.fonts
	a := p.c.App
	if a == nil || a.ReadOnly() {
		return nil
	}
	fonts := p.fonts
	return func() tea.Msg {
		err := a.SetSetting(keyFolder, folder)
		if err == nil {
			err = a.SetSetting(keyFormats, strings.Join(formats, ","))
		}
		if err == nil {
			err = a.SetSetting(keyFonts, fonts)
		}
		return saved{err}
	}
}

// Labels of the fields, one width so the values line up.
const (
	labelFolder = " 文件夹："
	labelName   = " 文件名："
	labelDate   = " 成文日期："
)

// View draws the page.
func (p *Pane) View() string {
	st, gl := p.c.Styles, p.c.Styles.G
	lines := []string{st.Title.Render("选择格式（空格键选中），Tab 到文件夹，按 Enter 导出")}
	row := func(r int, s string) string {
		if r == p.sel {
			return st.ItemFocused.Render(common.Fit(s, p.w, gl.Ellipsis))
		}
		return common.Fit(s, p.w, gl.Ellipsis)
	}
	field := func(r int, label string, ed *textedit.Model, note string) string {
		l := st.FieldLabel.Render(label)
		if p.sel == r {
			l = st.FieldLabelFocused.Render(label)
		}
		v := strings.Split(ed.View(), "\n")[0]
		if note != "" && p.sel != r {
			v = common.Cut(ed.Value(), max(1, p.w-common.Width(label)-common.Width(note)-1), gl.Ellipsis) + " " + st.Dim.Render(note)
		}
		return l + v
	}
	for _, r := range p.rows() {
		switch {
		case r < len(p.formats):
			f := p.formats[r]
			box := "[ ]"
			if p.chosen[f.ID] {
				box = "[x]"
			}
			lines = append(lines, row(r, fmt.Sprintf(" %s %-5s %s", box, f.ID, f.Name)))
		case r == rowFolder:
			lines = append(lines, field(r, labelFolder, p.folder, ""))
		case r == rowName:
			lines = append(lines, field(r, labelName, p.name, ""))
		case r == rowDate:
			lines = append(lines, field(r, labelDate, p.date, "（报告未填成文日期：导出时写入报告）"))
		case r == rowFonts:
			fonts := "标准公文字体（方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312）"
			if p.fonts == "windows" {
				fonts = "Windows 自带字体（宋体加粗、黑体、楷体、仿宋）"
			}
			lines = append(lines, row(r, " Word 字体："+fonts))
		case r == rowButton:
			button := st.Button.Render("导出")
			if p.sel == rowButton {
				button = st.ButtonActive.Render("导出")
			}
			lines = append(lines, " "+button)
		}
	}
	lines = append(lines, "", st.Dim.Render(" 扩展名按格式自动添加；Ctrl+U 清空所在的输入框"))
	if e, _ := model.Tally(p.doc.Findings); e > 0 {
		lines = append(lines, st.Warning.Render(fmt.Sprintf(" 报告还有 %d 个错误：仍可导出草稿，报送前请改正（F7 检查结果）", e)))
	}
	if p.running {
		lines = append(lines, st.Dim.Render(" 正在导出…"))
	}
	if len(p.result) > 0 {
		lines = append(lines, st.StatusOK.Render(" 已导出："))
		for _, r := range p.result {
			lines = append(lines, "   "+ElidePath(r, p.w-3, gl.Ellipsis))
		}
	}
	for _, w := range p.warnings {
		for _, l := range common.Wrap(w, max(10, p.w-2)) {
			lines = append(lines, st.Warning.Render(" "+l))
		}
	}
	return common.Lines(strings.Join(lines, "\n"), p.w, p.h, gl.Ellipsis)
}

// ElidePath fits a path into w columns keeping the file name and its
// extension: the folder is shortened in the middle, and only a name longer
// than the whole line loses characters before its extension.
func ElidePath(path string, w int, ellipsis string) string {
	if common.Width(path) <= w {
		return path
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	sep := string(os.PathSeparator)
	if room := w - common.Width(base) - common.Width(sep); room > common.Width(ellipsis) {
		// Keep the start of the folder (the drive or home) and its end.
		head := common.Cut(dir, room/2, "")
		tail := keepEnd(dir, room-common.Width(head)-common.Width(ellipsis))
		return head + ellipsis + tail + sep + base
	}
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	return ellipsis + keepEnd(stem, w-common.Width(ext)-common.Width(ellipsis)) + ext
}

// keepEnd is the end of s that fits in w columns.
func keepEnd(s string, w int) string {
	rs := []rune(s)
	n := 0
	for i := len(rs) - 1; i >= 0; i-- {
		if n += common.Width(string(rs[i])); n > w {
			return string(rs[i+1:])
		}
	}
	return s
}

// Cursor is the caret of the field being edited.
func (p *Pane) Cursor() *tea.Cursor {
	f := p.field()
	if f == nil {
		return nil
	}
	c := f.Cursor()
	if c == nil {
		return nil
	}
	label := labelFolder
	if p.sel == rowDate {
		label = labelDate
	}
	c.X += common.Width(label)
	c.Y += 1 + p.index(p.sel)
	return c
}
