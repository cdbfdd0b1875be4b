// Package exportpane is the 导出 page: choose formats, folder and file name,
// export, and see the paths written. The export itself runs in the app as a
// command; an existing file is replaced only after the clerk confirms.
package exportpane

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/textedit"
)

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

// Pane is the component.
type Pane struct {
	c       *common.Common
	doc     *common.Doc
	formats []app.FormatInfo
	chosen  map[string]bool
	fonts   string
	folder  *textedit.Model
	name    *textedit.Model
	sel     int // 0..len(formats)-1 formats, then fonts, folder, name, button
	w, h    int
	result  []string
	err     string
	running bool
}

// New makes the page with the last folder used (or the Documents folder).
func New(c *common.Common, doc *common.Doc, folder string) *Pane {
	p := &Pane{c: c, doc: doc, formats: app.ExportFormats(), chosen: map[string]bool{}, fonts: "standard"}
	p.chosen[p.formats[0].ID] = true
	p.folder = textedit.New()
	s := textedit.DefaultStyles()
	s.Placeholder = c.Styles.Dim
	p.folder.SetStyles(s)
	if folder == "" {
		folder = DefaultFolder()
	}
	p.folder.SetValue(folder)
	p.name = textedit.New()
	p.name.SetStyles(s)
	p.name.SetValue(strings.TrimSuffix(app.DefaultFileName(doc.R, "docx"), ".docx"))
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

func (p *Pane) fontsRow() int  { return len(p.formats) }
func (p *Pane) folderRow() int { return len(p.formats) + 1 }
func (p *Pane) nameRow() int   { return len(p.formats) + 2 }
func (p *Pane) buttonRow() int { return len(p.formats) + 3 }

// field is the text field of the selected row, if it is one.
func (p *Pane) field() *textedit.Model {
	switch p.sel {
	case p.folderRow():
		return p.folder
	case p.nameRow():
		return p.name
	}
	return nil
}

// Edited: the page changes no report values.
func (p *Pane) Edited() bool { return false }

// Committed: nothing to save.
func (p *Pane) Committed() bool { return false }

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
	p.folder.SetSize(max(10, w-12), 1)
	p.name.SetSize(max(10, w-12), 1)
}

// Help lists the keys.
func (p *Pane) Help() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Up, k.Down, k.Toggle, key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", "导出")), k.Back, k.Quit}
}

func (p *Pane) options() app.ExportOptions {
	var fs []string
	for _, f := range p.formats {
		if p.chosen[f.ID] {
			fs = append(fs, f.ID)
		}
	}
	return app.ExportOptions{Formats: fs, Target: strings.TrimSpace(p.folder.Value()) + string(os.PathSeparator),
		Name: p.name.Value(), Fonts: p.fonts}
}

// Update handles keys and the export's result.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	k := p.c.Keys
	switch msg := msg.(type) {
	case Done:
		if msg.ID != p.doc.ID {
			return nil
		}
		p.running = false
		p.result, p.err = nil, ""
		if msg.Result != nil {
			p.result = msg.Result.Paths
		}
		if msg.Err != nil {
			p.err = msg.Err.Error()
		}
		return nil
	case tea.PasteMsg:
		if f := p.field(); f != nil {
			msg.Content = strings.TrimSpace(strings.ReplaceAll(msg.Content, "\n", ""))
			f.Update(msg)
		}
		return nil
	case tea.MouseClickMsg:
		if row := msg.Y - 1; row >= 0 && row <= p.buttonRow() {
			p.setSel(row)
			if row < len(p.formats) {
				p.toggle()
			}
		}
		return nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up), key.Matches(msg, k.Prev):
			if p.sel == 0 && key.Matches(msg, k.Prev) {
				return func() tea.Msg { return common.Leave{Forward: false} }
			}
			p.setSel(max(0, p.sel-1))
			return nil
		case key.Matches(msg, k.Down), key.Matches(msg, k.Next):
			p.setSel(min(p.buttonRow(), p.sel+1))
			return nil
		case msg.String() == "enter":
			return p.run()
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

func (p *Pane) setSel(i int) {
	p.sel = i
	p.folder.Blur()
	p.name.Blur()
	if f := p.field(); f != nil {
		f.Focus()
	}
}

func (p *Pane) toggle() {
	switch {
	case p.sel < len(p.formats):
		id := p.formats[p.sel].ID
		p.chosen[id] = !p.chosen[id]
	case p.sel == p.fontsRow():
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
	p.running, p.err, p.result = true, "", nil
	id := p.doc.ID
	return func() tea.Msg { return Run{ID: id, Options: o} }
}

// View draws the page.
func (p *Pane) View() string {
	st, gl := p.c.Styles, p.c.Styles.G
	lines := []string{st.Title.Render("选择格式（空格键选中），确认文件夹后按 Enter 导出")}
	row := func(i int, s string) string {
		if i == p.sel {
			return st.ItemFocused.Render(common.Fit(s, p.w, gl.Ellipsis))
		}
		return common.Fit(s, p.w, gl.Ellipsis)
	}
	for i, f := range p.formats {
		box := "[ ]"
		if p.chosen[f.ID] {
			box = "[x]"
		}
		lines = append(lines, row(i, fmt.Sprintf(" %s %-5s %s", box, f.ID, f.Name)))
	}
	fonts := "标准公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）"
	if p.fonts == "windows" {
		fonts = "Windows 自带字体（仿宋、楷体、黑体、宋体）"
	}
	lines = append(lines, row(p.fontsRow(), " Word 字体："+fonts))
	for _, f := range []struct {
		row   int
		label string
		ed    *textedit.Model
	}{{p.folderRow(), " 文件夹：", p.folder}, {p.nameRow(), " 文件名：", p.name}} {
		label := st.FieldLabel.Render(f.label)
		if p.sel == f.row {
			label = st.FieldLabelFocused.Render(f.label)
		}
		lines = append(lines, label+strings.Split(f.ed.View(), "\n")[0])
	}
	button := st.Button.Render("导出")
	if p.sel == p.buttonRow() {
		button = st.ButtonActive.Render("导出")
	}
	lines = append(lines, " "+button)
	lines = append(lines, "", st.Dim.Render(" 扩展名按格式自动添加：.docx、.xlsx、.pdf …"))
	if e, _ := model.Tally(p.doc.Findings); e > 0 {
		lines = append(lines, st.Warning.Render(fmt.Sprintf(" 报告还有 %d 个错误：仍可导出草稿，报送前请改正（F7 检查结果）", e)))
	}
	if p.running {
		lines = append(lines, st.Dim.Render(" 正在导出…"))
	}
	if len(p.result) > 0 {
		lines = append(lines, st.StatusOK.Render(" 已导出："))
		for _, r := range p.result {
			lines = append(lines, "   "+r)
		}
	}
	return common.Lines(strings.Join(lines, "\n"), p.w, p.h, gl.Ellipsis)
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
	c.X += common.Width(" 文件夹：")
	c.Y += 1 + p.sel
	return c
}
