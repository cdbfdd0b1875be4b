package textedit

import (
	"sort"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// SetMarks underlines byte ranges of Value(); ranges out of bounds are
// clipped, so stale marks never crash.
func (m *Model) SetMarks(marks []Mark) {
	m.marks = append(m.marks[:0], marks...)
	m.setMarkRanges()
}

// setMarkRanges converts the marks to rune ranges of the text.
func (m *Model) setMarkRanges() {
	m.mranges = m.mranges[:0]
	if len(m.marks) == 0 {
		return
	}
	v := m.Value()
	ms := append([]Mark(nil), m.marks...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	runeAt := func(b int) int { return utf8.RuneCountInString(v[:min(max(b, 0), len(v))]) }
	for _, mk := range ms {
		if mk.End <= mk.Start || mk.Start >= len(v) {
			continue
		}
		m.mranges = append(m.mranges, span{runeAt(mk.Start), runeAt(mk.End)})
	}
}

// MarkAt returns the index (in SetMarks order after sorting by start) of
// the mark under the caret, or -1.
func (m *Model) MarkAt() int {
	g := m.globalCaret()
	for i, r := range m.mranges {
		if g >= r.start && g <= r.end {
			return i
		}
	}
	return -1
}

func (m *Model) globalCaret() int {
	n := 0
	for i := 0; i < m.row; i++ {
		n += len(m.paras[i].r) + 1
	}
	return n + m.col
}

// View draws exactly Height lines of exactly Width columns.
func (m *Model) View() string {
	m.index()
	var b strings.Builder
	if len(m.paras) == 1 && len(m.paras[0].r) == 0 && m.ph != "" {
		ph := []rune(m.ph)
		x := 0
		i := 0
		for ; i < len(ph) && x+runeWidth(ph[i]) <= m.w; i++ {
			x += runeWidth(ph[i])
		}
		b.WriteString(m.st.Placeholder.Render(string(ph[:i])))
		b.WriteString(strings.Repeat(" ", m.w-x))
		for k := 1; k < m.h; k++ {
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(" ", m.w))
		}
		return b.String()
	}
	// Global rune offset of each visible paragraph, for the marks and the
	// selection.
	base := -1
	baseRow := -1
	m.selG0, m.selG1 = 0, 0
	if m.HasSelection() {
		r0, c0, r1, c1 := m.selRange()
		m.selG0, m.selG1 = m.paraOffset(r0)+c0, m.paraOffset(r1)+c1
	}
	for k := 0; k < m.h; k++ {
		if k > 0 {
			b.WriteByte('\n')
		}
		p, l, ok := m.lineAt(m.top + k)
		if !ok {
			b.WriteString(strings.Repeat(" ", m.w))
			continue
		}
		if p != baseRow {
			base = m.paraOffset(p)
			baseRow = p
		}
		r := m.paras[p].r[l.start:l.end]
		x := 0
		for _, c := range r {
			x += runeWidth(c)
		}
		for x > m.w && len(r) > 0 && isSpace(r[len(r)-1]) { // hanging spaces
			x -= runeWidth(r[len(r)-1])
			r = r[:len(r)-1]
		}
		m.renderLine(&b, r, base+l.start)
		b.WriteString(strings.Repeat(" ", max(0, m.w-x)))
	}
	return b.String()
}

func (m *Model) paraOffset(p int) int {
	n := 0
	for i := 0; i < p; i++ {
		n += len(m.paras[i].r) + 1
	}
	return n
}

// renderLine writes runes starting at global rune offset g, underlining
// the marked parts and showing the selection.
func (m *Model) renderLine(b *strings.Builder, r []rune, g int) {
	if len(m.mranges) == 0 && m.selG1 <= m.selG0 {
		if m.plain {
			b.WriteString(string(r))
		} else {
			b.WriteString(m.st.Text.Render(string(r)))
		}
		return
	}
	state := func(k int) int {
		switch {
		case k >= m.selG0 && k < m.selG1:
			return 2
		case len(m.mranges) > 0 && m.marked(k):
			return 1
		}
		return 0
	}
	i := 0
	for i < len(r) {
		st := state(g + i)
		j := i + 1
		for j < len(r) && state(g+j) == st {
			j++
		}
		m.paints[st].write(b, r[i:j])
		i = j
	}
}

func (m *Model) marked(g int) bool {
	for _, r := range m.mranges {
		if g >= r.start && g < r.end {
			return true
		}
	}
	return false
}

// Cursor is the real terminal cursor at the caret, relative to the
// editor's top-left, or nil when not focused.
func (m *Model) Cursor() *tea.Cursor {
	if !m.focused {
		return nil
	}
	x, y := m.caretXY()
	y -= m.top
	if y < 0 || y >= m.h {
		return nil
	}
	c := tea.NewCursor(min(x, m.w-1), y)
	c.Blink = false
	c.Shape = tea.CursorBar
	return c
}
