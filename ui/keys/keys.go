// Package keys is the one key map of the UI. There are no single-letter
// hotkeys: a Chinese IME swallows letters. Every action has an F-key or a
// Ctrl combination; where a terminal may grab an F-key (F1, F10 on some
// Linux terminals) a Ctrl alternative exists.
package keys

import "charm.land/bubbles/v2/key"

// KeyMap holds every binding.
type KeyMap struct {
	Help key.Binding
	Quit key.Binding
	Back key.Binding

	Up, Down, Left, Right key.Binding
	PgUp, PgDn            key.Binding
	Home, End             key.Binding
	Next, Prev            key.Binding // Tab, Shift+Tab
	Enter                 key.Binding
	NextSection           key.Binding
	PrevSection           key.Binding

	// Report list.
	New      key.Binding
	NewFrom  key.Binding
	Import   key.Binding
	Export   key.Binding
	History  key.Binding
	Delete   key.Binding
	Trash    key.Binding
	Theme    key.Binding
	Save     key.Binding
	Generate key.Binding
	Checks   key.Binding
	Edit     key.Binding // F2 in a grid: edit the cell's text
	Clear    key.Binding
	AddPart  key.Binding
	MoveUp   key.Binding
	MoveDown key.Binding
	Toggle   key.Binding
	// A roll-up's 汇总 page: sums from the members again; the 检查结果
	// page: a warning reviewed with a reason (or counted again).
	Refresh key.Binding
	Dismiss key.Binding

	// Editing text and tables.
	Copy      key.Binding
	Cut       key.Binding
	Paste     key.Binding
	Undo      key.Binding
	Redo      key.Binding
	SelectAll key.Binding
	Find      key.Binding
	Replace   key.Binding
	Zeros     key.Binding
}

// Default returns the key map.
func Default() *KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return &KeyMap{
		Help: b("F1", "帮助", "f1"),
		// Ctrl+C is the copy key on Windows: it never quits.
		Quit: b("Ctrl+Q", "退出", "ctrl+q"),
		Back: b("Esc", "返回", "esc"),

		Up:          b("↑", "上", "up"),
		Down:        b("↓", "下", "down"),
		Left:        b("←", "左", "left"),
		Right:       b("→", "右", "right"),
		PgUp:        b("PgUp", "上一页", "pgup"),
		PgDn:        b("PgDn", "下一页", "pgdown"),
		Home:        b("Home", "开头", "home"),
		End:         b("End", "末尾", "end"),
		Next:        b("Tab", "下一项", "tab"),
		Prev:        b("Shift+Tab", "上一项", "shift+tab"),
		Enter:       b("Enter", "确定", "enter"),
		NextSection: b("Ctrl+PgDn", "下一部分", "ctrl+pgdown", "ctrl+down"),
		PrevSection: b("Ctrl+PgUp", "上一部分", "ctrl+pgup", "ctrl+up"),

		New:      b("F2", "新建", "f2", "ctrl+n"),
		NewFrom:  b("F3", "建下一年度", "f3", "ctrl+r"),
		Import:   b("F4", "导入", "f4", "ctrl+o"),
		Export:   b("F5", "导出", "f5", "ctrl+e"),
		History:  b("F6", "历史", "f6"),
		Delete:   b("F8", "删除", "f8", "delete"),
		Trash:    b("F9", "回收站", "f9"),
		Theme:    b("Ctrl+T", "切换界面样式", "ctrl+t"),
		Save:     b("Ctrl+S", "保存", "ctrl+s"),
		Generate: b("Ctrl+G", "生成句子", "ctrl+g"),
		Checks:   b("F7", "检查", "f7", "ctrl+k"),
		Edit:     b("F2", "修改", "f2"),
		Clear:    b("Del", "清空", "delete"),
		AddPart:  b("Ctrl+N", "新增部分", "ctrl+n"),
		MoveUp:   b("Alt+↑", "上移", "alt+up"),
		MoveDown: b("Alt+↓", "下移", "alt+down"),
		Toggle:   b("空格", "选中/取消", "space"),
		Refresh:  b("F3", "重新汇总", "f3"),
		Dismiss:  b("F4", "标记为已核实", "f4"),

		Copy:      b("Ctrl+C", "复制", "ctrl+c"),
		Cut:       b("Ctrl+X", "剪切", "ctrl+x"),
		Paste:     b("Ctrl+V", "粘贴", "ctrl+v"),
		Undo:      b("Ctrl+Z", "撤销", "ctrl+z"),
		Redo:      b("Ctrl+Y", "重做", "ctrl+y", "ctrl+shift+z"),
		SelectAll: b("Ctrl+A", "全选", "ctrl+a"),
		Find:      b("Ctrl+F", "查找", "ctrl+f"),
		// Ctrl+H is Backspace on some terminals: Ctrl+R does the same.
		Replace: b("Ctrl+H", "替换", "ctrl+h", "ctrl+r"),
		Zeros:   b("F6", "未填的格填 0", "f6"),
	}
}
