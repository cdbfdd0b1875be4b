package textedit

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
)

const maxUndo = 200

// snap records the state before an edit; consecutive typing is one step.
func (m *Model) snap(typing bool) {
	if typing && m.typing {
		return
	}
	m.undo = append(m.undo, snapshot{m.Value(), m.row, m.col})
	if len(m.undo) > maxUndo {
		m.undo = m.undo[1:]
	}
	m.redo = nil
	m.typing = typing
}

func (m *Model) restore(s snapshot) {
	m.paras = nil
	for _, p := range strings.Split(s.text, "\n") {
		m.paras = append(m.paras, &para{r: []rune(p)})
	}
	m.row = min(s.row, len(m.paras)-1)
	m.col = min(s.col, len(m.paras[m.row].r))
	m.changed()
	m.scroll()
}

// Undo reverts the last edit; false if there is none.
func (m *Model) Undo() bool {
	if len(m.undo) == 0 {
		return false
	}
	s := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.redo = append(m.redo, snapshot{m.Value(), m.row, m.col})
	m.restore(s)
	m.typing = false
	return true
}

// Redo repeats an undone edit; false if there is none.
func (m *Model) Redo() bool {
	if len(m.redo) == 0 {
		return false
	}
	s := m.redo[len(m.redo)-1]
	m.redo = m.redo[:len(m.redo)-1]
	m.undo = append(m.undo, snapshot{m.Value(), m.row, m.col})
	m.restore(s)
	m.typing = false
	return true
}

func (m *Model) touch(p *para) {
	p.wrapW = 0
	m.changed()
	m.goalX = -1
}

// insert puts text at the caret.
func (m *Model) insert(s string) {
	s = clean(s)
	if s == "" {
		return
	}
	parts := strings.Split(s, "\n")
	p := m.paras[m.row]
	tail := append([]rune(nil), p.r[m.col:]...)
	first := []rune(parts[0])
	if len(parts) == 1 {
		r := make([]rune, 0, len(p.r)+len(first))
		r = append(r, p.r[:m.col]...)
		r = append(r, first...)
		p.r = append(r, tail...)
		m.col += len(first)
		m.touch(p)
		return
	}
	p.r = append(p.r[:m.col], first...)
	m.touch(p)
	var added []*para
	for _, line := range parts[1:] {
		added = append(added, &para{r: []rune(line)})
	}
	last := added[len(added)-1]
	m.col = len(last.r)
	last.r = append(last.r, tail...)
	m.paras = append(m.paras[:m.row+1], append(added, m.paras[m.row+1:]...)...)
	m.row += len(added)
	m.changed()
}

// InsertText inserts at the caret as one undo step.
func (m *Model) InsertText(s string) {
	m.snap(false)
	m.insert(s)
	m.typing = false
	m.scroll()
}

func (m *Model) backspace() bool {
	if m.col > 0 {
		p := m.paras[m.row]
		p.r = append(p.r[:m.col-1], p.r[m.col:]...)
		m.col--
		m.touch(p)
		return true
	}
	if m.row == 0 {
		return false
	}
	prev := m.paras[m.row-1]
	m.col = len(prev.r)
	prev.r = append(prev.r, m.paras[m.row].r...)
	m.paras = append(m.paras[:m.row], m.paras[m.row+1:]...)
	m.row--
	m.touch(prev)
	return true
}

func (m *Model) del() bool {
	p := m.paras[m.row]
	if m.col < len(p.r) {
		p.r = append(p.r[:m.col], p.r[m.col+1:]...)
		m.touch(p)
		return true
	}
	if m.row == len(m.paras)-1 {
		return false
	}
	p.r = append(p.r, m.paras[m.row+1].r...)
	m.paras = append(m.paras[:m.row+1], m.paras[m.row+2:]...)
	m.touch(p)
	return true
}

// ---- caret movement ----

func (m *Model) left() {
	if m.col > 0 {
		m.col--
	} else if m.row > 0 {
		m.row--
		m.col = len(m.paras[m.row].r)
	}
	m.goalX = -1
}

func (m *Model) right() {
	if m.col < len(m.paras[m.row].r) {
		m.col++
	} else if m.row < len(m.paras)-1 {
		m.row++
		m.col = 0
	}
	m.goalX = -1
}

// vertical moves by n visual lines keeping the goal column.
func (m *Model) vertical(n int) {
	x, y := m.caretXY()
	if m.goalX < 0 {
		m.goalX = x
	}
	target := max(0, min(y+n, m.LineCount()-1))
	if target == y {
		if n < 0 {
			m.col = m.lines(m.paras[m.row])[0].start
		} else {
			ls := m.lines(m.paras[m.row])
			m.col = ls[len(ls)-1].end
		}
		return
	}
	p, l, _ := m.lineAt(target)
	m.row = p
	m.col = m.colAtX(p, l, m.goalX)
}

func (m *Model) lineHome() {
	_, l := m.caretLine()
	m.col = l.start
	m.goalX = -1
}

func (m *Model) lineEnd() {
	i, l := m.caretLine()
	if i == len(m.lines(m.paras[m.row]))-1 {
		m.col = l.end
	} else {
		m.col = max(l.start, l.end-1)
	}
	m.goalX = -1
}

// class groups characters for word moves: spaces, punctuation, ASCII
// words, and each Han character on its own (a Chinese "word" is not
// delimited, so ctrl+arrow moves to the next punctuation).
func class(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return 0
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return 1
	case r < 0x80:
		return 2
	}
	return 3
}

func (m *Model) wordRight() {
	r := m.paras[m.row].r
	if m.col >= len(r) {
		m.right()
		return
	}
	c := class(r[m.col])
	for m.col < len(r) && class(r[m.col]) == c {
		m.col++
	}
	for m.col < len(r) && class(r[m.col]) == 0 {
		m.col++
	}
	m.goalX = -1
}

func (m *Model) wordLeft() {
	r := m.paras[m.row].r
	if m.col == 0 {
		m.left()
		return
	}
	for m.col > 0 && class(r[m.col-1]) == 0 {
		m.col--
	}
	if m.col == 0 {
		return
	}
	c := class(r[m.col-1])
	for m.col > 0 && class(r[m.col-1]) == c {
		m.col--
	}
	m.goalX = -1
}

// Update handles keys, paste and mouse. changed: the text changed;
// handled: the message was used (the parent handles the others).
func (m *Model) Update(msg tea.Msg) (changed, handled bool) {
	if !m.focused {
		if c, ok := msg.(tea.MouseClickMsg); ok {
			m.click(c.X, c.Y)
			return false, true
		}
		return false, false
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.snap(false)
		m.insert(msg.Content)
		m.typing = false
		m.scroll()
		return true, true
	case tea.MouseClickMsg:
		m.click(msg.X, msg.Y)
		return false, true
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.vertical(-3)
		case tea.MouseWheelDown:
			m.vertical(3)
		}
		m.scroll()
		return false, true
	case tea.KeyPressMsg:
		changed, handled = m.key(msg)
		if handled {
			m.scroll()
		}
		return changed, handled
	}
	return false, false
}

func (m *Model) key(msg tea.KeyPressMsg) (changed, handled bool) {
	switch msg.String() {
	case "enter":
		m.snap(false)
		m.insert("\n")
		return true, true
	case "backspace":
		m.snap(true)
		return m.backspace(), true
	case "delete":
		m.snap(true)
		return m.del(), true
	case "left":
		m.left()
	case "right":
		m.right()
	case "up":
		m.vertical(-1)
	case "down":
		m.vertical(1)
	case "home":
		m.lineHome()
	case "end":
		m.lineEnd()
	case "ctrl+home":
		m.row, m.col, m.goalX = 0, 0, -1
	case "ctrl+end":
		m.row = len(m.paras) - 1
		m.col, m.goalX = len(m.paras[m.row].r), -1
	case "pgup":
		m.vertical(-max(1, m.h-1))
	case "pgdown":
		m.vertical(max(1, m.h-1))
	case "ctrl+left":
		m.wordLeft()
	case "ctrl+right":
		m.wordRight()
	case "ctrl+z":
		return m.Undo(), true
	case "ctrl+y", "ctrl+shift+z":
		return m.Redo(), true
	default:
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModMeta|tea.ModSuper) == 0 {
			m.snap(true)
			m.insert(msg.Text)
			return true, true
		}
		return false, false
	}
	m.typing = false
	return false, true
}

func (m *Model) click(x, y int) {
	p, l, ok := m.lineAt(m.top + y)
	if !ok {
		m.row = len(m.paras) - 1
		m.col = len(m.paras[m.row].r)
		return
	}
	m.row = p
	m.col = m.colAtX(p, l, max(0, x))
	m.goalX = -1
	m.typing = false
}

// CaretOffset is the caret's byte offset in Value().
func (m *Model) CaretOffset() int {
	n := 0
	for i := 0; i < m.row; i++ {
		n += len(string(m.paras[i].r)) + 1
	}
	return n + len(string(m.paras[m.row].r[:m.col]))
}

// SetCaretOffset places the caret at a byte offset of Value().
func (m *Model) SetCaretOffset(off int) {
	for i, p := range m.paras {
		b := len(string(p.r))
		if off <= b || i == len(m.paras)-1 {
			m.row = i
			m.col = len([]rune(string(p.r)[:min(max(off, 0), b)]))
			m.goalX = -1
			m.scroll()
			return
		}
		off -= b + 1
	}
}
