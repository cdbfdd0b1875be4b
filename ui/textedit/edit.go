package textedit

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/rivo/uniseg"
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
	m.sel, m.eol = false, false
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

// CanUndo reports whether there is an edit to undo in this field.
func (m *Model) CanUndo() bool { return len(m.undo) > 0 }

// CanRedo reports whether there is an undone edit to repeat.
func (m *Model) CanRedo() bool { return len(m.redo) > 0 }

func (m *Model) touch(p *para) {
	p.wrapW = 0
	m.changed()
	m.goalX = -1
	m.eol = false
}

// ---- selection ----

// HasSelection reports whether text is selected.
func (m *Model) HasSelection() bool {
	return m.sel && (m.arow != m.row || m.acol != m.col)
}

// selRange returns the selection's ends in order.
func (m *Model) selRange() (r0, c0, r1, c1 int) {
	r0, c0, r1, c1 = m.arow, m.acol, m.row, m.col
	if r1 < r0 || (r1 == r0 && c1 < c0) {
		r0, c0, r1, c1 = r1, c1, r0, c0
	}
	return
}

// SelectedText returns the selected text ("" when nothing is selected).
func (m *Model) SelectedText() string {
	if !m.HasSelection() {
		return ""
	}
	r0, c0, r1, c1 := m.selRange()
	if r0 == r1 {
		return string(m.paras[r0].r[c0:c1])
	}
	var b strings.Builder
	b.WriteString(string(m.paras[r0].r[c0:]))
	for i := r0 + 1; i < r1; i++ {
		b.WriteByte('\n')
		b.WriteString(string(m.paras[i].r))
	}
	b.WriteByte('\n')
	b.WriteString(string(m.paras[r1].r[:c1]))
	return b.String()
}

// SelectAll selects the whole text.
func (m *Model) SelectAll() {
	m.arow, m.acol = 0, 0
	m.row = len(m.paras) - 1
	m.col = len(m.paras[m.row].r)
	m.sel, m.eol, m.goalX = true, false, -1
	m.typing = false
	m.scroll()
}

// ClearSelection keeps the caret where it is and selects nothing.
func (m *Model) ClearSelection() { m.sel = false }

// Select selects bytes [start, end) of Value(), the caret at the end.
func (m *Model) Select(start, end int) {
	m.SetCaretOffset(start)
	m.arow, m.acol = m.row, m.col
	m.SetCaretOffset(end)
	m.sel = true
	m.scroll()
}

// deleteSelection removes the selected text (no undo step of its own).
func (m *Model) deleteSelection() {
	r0, c0, r1, c1 := m.selRange()
	m.sel = false
	first := m.paras[r0]
	tail := append([]rune(nil), m.paras[r1].r[c1:]...)
	first.r = append(first.r[:c0], tail...)
	if r1 > r0 {
		m.paras = append(m.paras[:r0+1], m.paras[r1+1:]...)
	}
	m.row, m.col = r0, c0
	m.touch(first)
}

// Cut removes the selection as one undo step and returns it.
func (m *Model) Cut() string {
	s := m.SelectedText()
	if s == "" {
		return ""
	}
	m.snap(false)
	m.deleteSelection()
	m.typing = false
	m.scroll()
	return s
}

// ---- editing ----

// insert puts text at the caret, replacing the selection.
func (m *Model) insert(s string) {
	s = clean(s)
	if m.HasSelection() {
		m.deleteSelection()
	}
	m.sel = false
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

// InsertText inserts at the caret (replacing the selection) as one undo step.
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

// deleteWord deletes from the caret to the previous (dir < 0) or next word
// boundary, as one undo step.
func (m *Model) deleteWord(dir int) bool {
	m.arow, m.acol = m.row, m.col
	if dir < 0 {
		m.wordLeft()
	} else {
		m.wordRight()
	}
	m.sel = true
	if !m.HasSelection() {
		m.sel = false
		return false
	}
	m.snap(false)
	m.deleteSelection()
	m.typing = false
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
	m.goalX, m.eol = -1, false
}

func (m *Model) right() {
	if m.col < len(m.paras[m.row].r) {
		m.col++
	} else if m.row < len(m.paras)-1 {
		m.row++
		m.col = 0
	}
	m.goalX, m.eol = -1, false
}

// vertical moves by n visual lines keeping the goal column.
func (m *Model) vertical(n int) {
	x, y := m.caretXY()
	if m.goalX < 0 {
		m.goalX = x
	}
	target := max(0, min(y+n, m.LineCount()-1))
	if target == y {
		m.eol = false
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
	m.col, m.eol = m.colAtX(p, l, m.goalX)
}

func (m *Model) lineHome() {
	_, l := m.caretLine()
	m.col = l.start
	m.goalX, m.eol = -1, false
}

// lineEnd goes after the last character of the visual line; on a wrapped
// line the caret stays on that line (not at the start of the next).
func (m *Model) lineEnd() {
	i, l := m.caretLine()
	m.col = l.end
	m.eol = i < len(m.lines(m.paras[m.row]))-1
	m.goalX = -1
}

// Word classes for word moves.
const (
	wsSpace = iota
	wsPunct
	wsHan
	wsWord
)

func runeClass(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return wsSpace
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return wsPunct
	case unicode.Is(unicode.Han, r):
		return wsHan
	}
	return wsWord
}

// wordStops returns the word boundaries of a paragraph (rune indexes, 0
// and len included) as the Unicode word segmenter finds them (so that
// "www.gov.cn" and "12.5" stay whole), with runs of Han characters and
// words joined: Chinese words are not delimited, so a word move goes to the
// next punctuation or space.
func wordStops(r []rune) ([]int, []int) {
	var stops, classes []int
	s := string(r)
	pos := 0
	state := -1
	for len(s) > 0 {
		var w string
		w, s, state = uniseg.FirstWordInString(s, state)
		n := len([]rune(w))
		c := runeClass([]rune(w)[0])
		if c == wsHan {
			c = wsWord
		}
		if k := len(classes); k > 0 && c != wsPunct && c == classes[k-1] {
			pos += n
			continue
		}
		stops = append(stops, pos)
		classes = append(classes, c)
		pos += n
	}
	return append(stops, pos), classes
}

func (m *Model) wordRight() {
	r := m.paras[m.row].r
	m.goalX, m.eol = -1, false
	if m.col >= len(r) {
		m.right()
		return
	}
	stops, classes := wordStops(r)
	for i := 0; i < len(classes); i++ {
		if stops[i+1] > m.col {
			m.col = stops[i+1]
			// Skip the spaces after a word.
			if i+1 < len(classes) && classes[i+1] == wsSpace {
				m.col = stops[i+2]
			}
			return
		}
	}
	m.col = len(r)
}

func (m *Model) wordLeft() {
	r := m.paras[m.row].r
	m.goalX, m.eol = -1, false
	if m.col == 0 {
		m.left()
		return
	}
	stops, classes := wordStops(r)
	for i := len(classes) - 1; i >= 0; i-- {
		if stops[i] < m.col {
			if classes[i] == wsSpace && i > 0 {
				m.col = stops[i-1]
			} else {
				m.col = stops[i]
			}
			return
		}
	}
	m.col = 0
}

// Update handles keys, paste and mouse. changed: the text changed;
// handled: the message was used (the parent handles the others, such as
// Ctrl+C/X/V, which need the clipboard).
func (m *Model) Update(msg tea.Msg) (changed, handled bool) {
	if !m.focused {
		if c, ok := msg.(tea.MouseClickMsg); ok {
			m.click(c.X, c.Y, false)
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
		if msg.Button == tea.MouseLeft || msg.Button == tea.MouseNone {
			m.click(msg.X, msg.Y, msg.Mod&tea.ModShift != 0)
			m.dragging = true
		}
		return false, true
	case tea.MouseMotionMsg:
		if m.dragging && msg.Button == tea.MouseLeft {
			m.drag(msg.X, msg.Y)
		}
		return false, true
	case tea.MouseReleaseMsg:
		if m.dragging {
			m.drag(msg.X, msg.Y)
		}
		m.dragging = false
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

// moves are the caret movements; with Shift they extend the selection.
var moves = map[string]func(*Model){
	"left":       (*Model).left,
	"right":      (*Model).right,
	"up":         func(m *Model) { m.vertical(-1) },
	"down":       func(m *Model) { m.vertical(1) },
	"home":       (*Model).lineHome,
	"end":        (*Model).lineEnd,
	"ctrl+home":  func(m *Model) { m.row, m.col, m.goalX, m.eol = 0, 0, -1, false },
	"ctrl+end":   func(m *Model) { m.row = len(m.paras) - 1; m.col, m.goalX, m.eol = len(m.paras[m.row].r), -1, false },
	"pgup":       func(m *Model) { m.vertical(-max(1, m.h-1)) },
	"pgdown":     func(m *Model) { m.vertical(max(1, m.h-1)) },
	"ctrl+left":  (*Model).wordLeft,
	"ctrl+right": (*Model).wordRight,
	"alt+left":   (*Model).wordLeft,
	"alt+right":  (*Model).wordRight,
}

func (m *Model) key(msg tea.KeyPressMsg) (changed, handled bool) {
	k := msg.Keystroke()
	base := strings.Replace(k, "shift+", "", 1)
	if mv, ok := moves[base]; ok {
		m.typing = false
		if base != k { // Shift: extend the selection
			if !m.sel {
				m.arow, m.acol, m.sel = m.row, m.col, true
			}
			mv(m)
			return false, true
		}
		if m.HasSelection() && (base == "left" || base == "right") {
			// An arrow collapses the selection to its side.
			r0, c0, r1, c1 := m.selRange()
			if base == "left" {
				m.row, m.col = r0, c0
			} else {
				m.row, m.col = r1, c1
			}
			m.sel, m.goalX, m.eol = false, -1, false
			return false, true
		}
		m.sel = false
		mv(m)
		return false, true
	}
	switch k {
	case "enter":
		m.snap(false)
		m.insert("\n")
		return true, true
	case "backspace", "shift+backspace", "delete":
		if m.HasSelection() {
			m.snap(false)
			m.deleteSelection()
			m.typing = false
			return true, true
		}
		m.sel = false
		m.snap(true)
		if k == "delete" {
			return m.del(), true
		}
		return m.backspace(), true
	case "ctrl+backspace", "alt+backspace", "ctrl+w":
		if m.HasSelection() {
			m.snap(false)
			m.deleteSelection()
			return true, true
		}
		return m.deleteWord(-1), true
	case "ctrl+delete", "alt+delete":
		if m.HasSelection() {
			m.snap(false)
			m.deleteSelection()
			return true, true
		}
		return m.deleteWord(1), true
	case "ctrl+a":
		m.SelectAll()
		return false, true
	case "ctrl+z":
		return m.Undo(), true
	case "ctrl+y", "ctrl+shift+z":
		return m.Redo(), true
	}
	if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModMeta|tea.ModSuper) == 0 {
		if m.HasSelection() {
			// Typing over a selection: one undo step with what follows.
			m.snap(false)
			m.deleteSelection()
			m.typing = true
		}
		m.snap(true)
		m.insert(msg.Text)
		return true, true
	}
	return false, false
}

// click places the caret at a position of the box; with extend (Shift)
// it extends the selection instead.
func (m *Model) click(x, y int, extend bool) {
	if extend {
		if !m.sel {
			m.arow, m.acol, m.sel = m.row, m.col, true
		}
	} else {
		m.sel = false
	}
	m.moveTo(x, y)
	if !extend {
		m.arow, m.acol = m.row, m.col
	}
	m.typing = false
}

// drag extends the selection to a position while the button is held.
func (m *Model) drag(x, y int) {
	if !m.sel {
		m.arow, m.acol, m.sel = m.row, m.col, true
	}
	if y < 0 && m.top > 0 {
		m.top--
	}
	m.moveTo(x, y)
	m.scroll()
}

func (m *Model) moveTo(x, y int) {
	p, l, ok := m.lineAt(m.top + max(y, 0))
	m.goalX = -1
	if !ok {
		m.row = len(m.paras) - 1
		m.col, m.eol = len(m.paras[m.row].r), false
		return
	}
	m.row = p
	m.col, m.eol = m.colAtX(p, l, max(0, x))
}

// CaretOffset is the caret's byte offset in Value().
func (m *Model) CaretOffset() int {
	n := 0
	for i := 0; i < m.row; i++ {
		n += len(string(m.paras[i].r)) + 1
	}
	return n + len(string(m.paras[m.row].r[:m.col]))
}

// SetCaretOffset places the caret at a byte offset of Value() and selects
// nothing.
func (m *Model) SetCaretOffset(off int) {
	m.sel, m.eol = false, false
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
