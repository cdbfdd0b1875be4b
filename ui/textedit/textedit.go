// Package textedit is the prose editor: multi-line Chinese text that wraps
// by display width between any two characters (with the 避头尾 rules), a
// real terminal cursor at the caret so the IME's candidate box appears
// there, paste that keeps newlines, undo/redo, and underlined marks.
//
// It is built for long sections: wrapped lines are cached per paragraph, an
// edit re-wraps only its paragraph, and View draws only the visible rows.
// Widths are measured as lipgloss measures them (ansi.StringWidth), once per
// distinct rune. Tabs become four spaces when inserted.
package textedit

import (
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"nianbao/ui/textwidth"
)

// Mark is a byte range of Value() to underline.
type Mark struct{ Start, End int }

// Styles of the editor.
type Styles struct {
	Text        lipgloss.Style
	Placeholder lipgloss.Style
	Mark        lipgloss.Style
	Selection   lipgloss.Style
}

// DefaultStyles: plain text, dim placeholder, underlined marks.
func DefaultStyles() Styles {
	return Styles{
		Text:        lipgloss.NewStyle(),
		Placeholder: lipgloss.NewStyle().Faint(true),
		Mark:        lipgloss.NewStyle().Underline(true),
		Selection:   lipgloss.NewStyle().Reverse(true),
	}
}

type span struct{ start, end int } // rune range of a visual line in its paragraph

type para struct {
	r     []rune
	lines []span
	wrapW int // width the lines were wrapped at; 0 = stale
}

type snapshot struct {
	text     string
	row, col int
}

// Model is the editor.
type Model struct {
	paras    []*para
	row, col int // caret: paragraph and rune index in it
	goalX    int // remembered column for up/down; -1 when unset
	w, h     int
	top      int // first visible visual line
	focused  bool
	ph       string
	st       Styles
	plain    bool // Text style adds nothing: write text as is

	firstLine []int // visual line index of each paragraph's first line
	lineStale bool

	value      string
	valueStale bool

	marks   []Mark
	mranges []span // marks as global rune ranges

	undo, redo []snapshot
	typing     bool // the last edit was typing: coalesce into one undo step

	// The selection runs from the anchor (arow, acol) to the caret.
	sel        bool
	arow, acol int
	dragging   bool // the mouse button is held: motion extends the selection
	// eol: the caret sits at the end of a wrapped visual line rather than
	// at the start of the next one (the same text position).
	eol bool

	selG0, selG1 int // the selection as global rune offsets, set by View
	paints       [3]paint
}

// New returns an empty editor.
func New() *Model {
	m := &Model{paras: []*para{{}}, goalX: -1, w: 20, h: 1, lineStale: true}
	m.SetStyles(DefaultStyles())
	return m
}

// SetStyles sets the styles.
func (m *Model) SetStyles(s Styles) {
	m.st = s
	m.plain = s.Text.Render("x") == "x"
	m.paints = [3]paint{paintOf(s.Text), paintOf(s.Mark), paintOf(s.Selection)}
}

// paint is a style reduced to its escape sequences: lines are drawn on
// every keystroke, and Style.Render costs microseconds per call.
type paint struct{ pre, post string }

func paintOf(st lipgloss.Style) paint {
	const marker = "\uE000"
	out := st.Render(marker)
	i := strings.Index(out, marker)
	if i < 0 {
		return paint{}
	}
	return paint{out[:i], out[i+len(marker):]}
}

func (p paint) write(b *strings.Builder, r []rune) {
	b.WriteString(p.pre)
	for _, c := range r {
		b.WriteRune(c)
	}
	b.WriteString(p.post)
}

// SetPlaceholder sets the text shown while empty.
func (m *Model) SetPlaceholder(s string) { m.ph = s }

// Focus gives the editor the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the editor has the keyboard.
func (m *Model) Focused() bool { return m.focused }

// Width of the editor.
func (m *Model) Width() int { return m.w }

// Height of the editor.
func (m *Model) Height() int { return m.h }

// SetSize sets the box; text re-wraps lazily.
func (m *Model) SetSize(w, h int) {
	w, h = max(w, 2), max(h, 1)
	if w != m.w {
		for _, p := range m.paras {
			p.wrapW = 0
		}
		m.lineStale = true
	}
	m.w, m.h = w, h
	m.scroll()
}

// SetValue replaces the text; the caret goes to the end and the undo
// history is cleared.
func (m *Model) SetValue(s string) {
	m.paras = nil
	for _, p := range strings.Split(clean(s), "\n") {
		m.paras = append(m.paras, &para{r: []rune(p)})
	}
	m.row = len(m.paras) - 1
	m.col = len(m.paras[m.row].r)
	m.undo, m.redo, m.typing = nil, nil, false
	m.sel, m.eol = false, false
	m.changed()
	m.top = 0
	m.scroll()
}

// Value returns the text, paragraphs joined by "\n".
func (m *Model) Value() string {
	if m.valueStale {
		var b strings.Builder
		for i, p := range m.paras {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(string(p.r))
		}
		m.value = b.String()
		m.valueStale = false
	}
	return m.value
}

func (m *Model) changed() {
	m.valueStale = true
	m.lineStale = true
	m.setMarkRanges()
}

// clean normalises line ends, turns tabs into spaces and drops other
// control characters.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\t", "    ")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// ---- widths and wrapping ----

func runeWidth(r rune) int { return textwidth.Rune(r) }

const (
	noStart = "，。、；：？！）》」』〕】”’…—～·,.;:?!)]}%"
	noEnd   = "（《「『〔【“‘([{"
)

func isSpace(r rune) bool { return r == ' ' || r == '\u3000' }

func isWordRune(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("./:-_@#%&=?+", r))
}

// wrap splits a paragraph into visual lines of at most w columns. Chinese
// breaks between any two characters; runs of ASCII letters and digits
// (numbers, URLs) stay whole when they fit; a line does not begin with
// closing punctuation nor end with opening punctuation.
func wrap(r []rune, w int) []span {
	if len(r) == 0 {
		return []span{{0, 0}}
	}
	var out []span
	start, x := 0, 0
	for i := 0; i < len(r); i++ {
		rw := runeWidth(r[i])
		if x+rw <= w || i == start {
			x += rw
			continue
		}
		if isSpace(r[i]) {
			// Spaces hang at the end of the line (drawn cut): no line
			// starts with a space.
			j := i
			for j < len(r) && isSpace(r[j]) {
				j++
			}
			if j == len(r) {
				break
			}
			out = append(out, span{start, j})
			start, x, i = j, 0, j-1
			continue
		}
		b := breakAt(r, start, i)
		x = 0
		for j := b; j <= i; j++ {
			x += runeWidth(r[j])
		}
		if x > w { // the rules moved too much: break hard
			b, x = i, rw
		}
		out = append(out, span{start, b})
		start = b
	}
	return append(out, span{start, len(r)})
}

// breakAt chooses where a line that overflows at i ends (start < i).
func breakAt(r []rune, start, i int) int {
	b := i
	// Keep an ASCII word whole: go back to its start if it fits.
	if isWordRune(r[b]) && isWordRune(r[b-1]) {
		k := b
		for k > start && isWordRune(r[k-1]) {
			k--
		}
		if k > start {
			b = k
		}
	}
	// 避头尾: no closing punctuation at a line start, no opening at an end.
	for b-1 > start && (strings.ContainsRune(noStart, r[b]) || strings.ContainsRune(noEnd, r[b-1])) {
		b--
	}
	return b
}

func (m *Model) lines(p *para) []span {
	if p.wrapW != m.w {
		p.lines = wrap(p.r, m.w)
		p.wrapW = m.w
	}
	return p.lines
}

func (m *Model) index() {
	if !m.lineStale {
		return
	}
	if cap(m.firstLine) < len(m.paras) {
		m.firstLine = make([]int, len(m.paras))
	}
	m.firstLine = m.firstLine[:len(m.paras)]
	n := 0
	for i, p := range m.paras {
		m.firstLine[i] = n
		n += len(m.lines(p))
	}
	m.lineStale = false
}

// LineCount is the number of visual lines.
func (m *Model) LineCount() int {
	m.index()
	last := len(m.paras) - 1
	return m.firstLine[last] + len(m.lines(m.paras[last]))
}

// ScrollTop is the first visible visual line.
func (m *Model) ScrollTop() int { return m.top }

// caretLine returns the caret's visual line within its paragraph: a caret
// at a wrap point belongs to the following line, unless it was put at the
// end of the line (End).
func (m *Model) caretLine() (int, span) {
	ls := m.lines(m.paras[m.row])
	for i, l := range ls {
		if m.col < l.end || i == len(ls)-1 || (m.eol && m.col == l.end) {
			return i, l
		}
	}
	return 0, ls[0]
}

func (m *Model) caretXY() (x, y int) {
	m.index()
	i, l := m.caretLine()
	p := m.paras[m.row].r
	for _, r := range p[l.start:m.col] {
		x += runeWidth(r)
	}
	return x, m.firstLine[m.row] + i
}

func (m *Model) scroll() {
	_, y := m.caretXY()
	if y < m.top {
		m.top = y
	}
	if y >= m.top+m.h {
		m.top = y - m.h + 1
	}
	// Never scroll past the end: rows below the text stay for the text.
	m.top = max(0, min(m.top, max(0, m.LineCount()-m.h)))
}

// lineAt returns the paragraph and span of visual line v.
func (m *Model) lineAt(v int) (int, span, bool) {
	m.index()
	if v < 0 {
		return 0, span{}, false
	}
	// Binary search over first lines.
	lo, hi := 0, len(m.paras)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.firstLine[mid] <= v {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	ls := m.lines(m.paras[lo])
	k := v - m.firstLine[lo]
	if k >= len(ls) {
		return 0, span{}, false
	}
	return lo, ls[k], true
}

// colAtX is the rune index in a line closest to column x; eol is true past
// the end of a wrapped line (the caret stays on that line).
func (m *Model) colAtX(p int, l span, x int) (int, bool) {
	r := m.paras[p].r
	cx := 0
	for i := l.start; i < l.end; i++ {
		rw := runeWidth(r[i])
		if cx+rw > x || (cx+rw/2 >= x && rw > 1 && cx >= x) {
			return i, false
		}
		cx += rw
	}
	return l.end, l.end < len(r) && l.end > l.start
}

// Wrap breaks text into visual lines of at most w columns by the editor's
// rules (any two Chinese characters, ASCII words kept whole, 避头尾).
func Wrap(s string, w int) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		r := []rune(p)
		for _, l := range wrap(r, max(w, 2)) {
			out = append(out, string(r[l.start:l.end]))
		}
	}
	return out
}
