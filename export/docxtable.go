package export

import (
	"strings"
)

// A table in Word is laid out here rather than left to the word processor,
// because what a reviewer checks depends on it: labels are broken into
// lines between words (explicit line breaks, columns wide enough for each
// line), and the table stays on one page — every row keeps with the next,
// so Word and LibreOffice move a table that does not fit the rest of the
// page to the next one. A table taller than a page (a larger font, a
// future format) is kept together in page-sized parts that break only
// between groups of rows; a merged label cut by such a break is repeated in
// each part, so every page reads on its own.

const (
	cellMargin = 57 // twips left and right inside a cell (1 mm)
	cellSlack  = 20 // twips kept free in a cell line: renderers differ a little
	pageBody   = pageH - marginTop - marginBottom
	headingH   = linePitch // the heading above a table
)

type docxTable struct {
	t      *Table
	font   int   // half-points
	widths []int // twips per grid column
	lines  [][]string
	size   []int // a cell's own font size (half-points) where it must be smaller
	parts  []int // first row of each part after the first
}

func layoutDocxTable(t *Table) *docxTable {
	d := &docxTable{t: t, font: t.docxFont}
	if d.font == 0 {
		d.font = tableFontHalfPt
	}
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	d.widths = make([]int, t.Cols)
	used := 0
	for i, w := range t.Widths {
		d.widths[i] = textWidth * w / total
		used += d.widths[i]
	}
	d.widths[len(d.widths)-1] += textWidth - used
	d.lines = make([][]string, len(t.Cells))
	d.size = make([]int, len(t.Cells))
	for i, c := range t.Cells {
		if c.Ref != nil {
			// A number never wraps: one too long for its column is set smaller.
			d.lines[i] = []string{c.Text}
			if w := emWidth(c.Text); w > d.room(&c) {
				d.size[i] = max(10, d.font*d.room(&c)/w)
			}
			continue
		}
		d.lines[i] = wrapLabel(c.Text, d.room(&c), emWidth)
	}
	d.split()
	return d
}

// span is the width of a cell in twips.
func (d *docxTable) span(c *Cell) int {
	w := 0
	for k := c.Col; k < c.Col+c.ColSpan; k++ {
		w += d.widths[k]
	}
	return w
}

// room is the width of a line in a cell in hundredths of an em (emWidth).
func (d *docxTable) room(c *Cell) int {
	return (d.span(c) - 2*cellMargin - cellSlack) * 100 / (d.font * 10)
}

// lineH estimates a table line: LibreOffice sets 10 pt CJK text 14.3 pt
// apart (measured); Word's 宋体 takes less.
func (d *docxTable) lineH() int { return max(260, d.font*10*143/100) }

// heights estimates each row in twips from the lines of its cells; a
// merged cell taller than its rows stretches the last of them.
func (d *docxTable) heights() []int {
	t := d.t
	h := make([]int, t.Rows)
	for r := range h {
		h[r] = d.lineH() + 10
	}
	for i, c := range t.Cells {
		if c.RowSpan == 1 {
			h[c.Row] = max(h[c.Row], len(d.lines[i])*d.lineH()+10)
		}
	}
	for i, c := range t.Cells {
		if c.RowSpan > 1 {
			sum := 0
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				sum += h[r]
			}
			if need := len(d.lines[i])*d.lineH() + 10; need > sum {
				h[c.Row+c.RowSpan-1] += need - sum
			}
		}
	}
	return h
}

// split finds where a table taller than a page may break: the parts fill a
// page each (under the repeated header rows) and end where the fewest
// merged cells are cut.
func (d *docxTable) split() {
	t := d.t
	h := d.heights()
	total, header := 0, 0
	for r, x := range h {
		total += x
		if r < t.HeaderRows {
			header += x
		}
	}
	avail := (pageBody - headingH) * 92 / 100 // estimates are not exact
	if total <= avail {
		return
	}
	avail -= header
	cut := func(b int) int { // merged cells a break after row b cuts
		n := 0
		for _, c := range t.Cells {
			if c.RowSpan > 1 && c.Row <= b && b < c.Row+c.RowSpan-1 {
				n++
			}
		}
		return n
	}
	start, acc := t.HeaderRows, 0
	for r := start; r < t.Rows; r++ {
		acc += h[r]
		if acc <= avail || r == start {
			continue
		}
		best := r - 1
		for b := r - 1; b >= start; b-- {
			if cut(b) < cut(best) {
				best = b
			}
		}
		d.parts = append(d.parts, best+1)
		start, acc = best+1, 0
		for k := start; k <= r; k++ {
			acc += h[k]
		}
	}
}

// part returns the rows [from, to) of the part holding row r.
func (d *docxTable) part(r int) (from, to int) {
	from, to = 0, d.t.Rows
	for _, p := range d.parts {
		if p <= r {
			from = p
		} else {
			to = p
			break
		}
	}
	return from, to
}

// write emits the table: gridSpan for horizontal spans, vMerge restart and
// continue for vertical ones; every covered grid position of a row gets its
// <w:tc>, a continuation still holding a <w:p/>.
func (d *docxTable) write(b *strings.Builder) {
	t := d.t
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(textWidth) + `" w:type="dxa"/><w:jc w:val="center"/>`)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="` + itoa(cellMargin) + `" w:type="dxa"/><w:right w:w="` + itoa(cellMargin) + `" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range d.widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	rpr := ""
	if d.font != tableFontHalfPt {
		rpr = `<w:sz w:val="` + itoa(d.font) + `"/><w:szCs w:val="` + itoa(d.font) + `"/>`
	}
	for row := 0; row < t.Rows; row++ {
		from, to := d.part(row)
		// Every row but the last of its part keeps with the next.
		keep := ""
		if row < to-1 {
			keep = `<w:keepNext/>`
		}
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if row < t.HeaderRows {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for col := 0; col < t.Cols; {
			i := t.owner[row][col]
			if i < 0 { // a hole in the grid (not produced by our tables)
				b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(d.widths[col]) + `" w:type="dxa"/></w:tcPr><w:p/></w:tc>`)
				col++
				continue
			}
			c := &t.Cells[i]
			// A merge cut by a part's break restarts, text and all, in the next part.
			top, end := max(c.Row, from), min(c.Row+c.RowSpan, to)
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(d.span(c)) + `" w:type="dxa"/>`)
			if c.ColSpan > 1 {
				b.WriteString(`<w:gridSpan w:val="` + itoa(c.ColSpan) + `"/>`)
			}
			if end-top > 1 {
				if row == top {
					b.WriteString(`<w:vMerge w:val="restart"/>`)
				} else {
					b.WriteString(`<w:vMerge/>`)
				}
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			if row == top {
				align := "center"
				if c.Label {
					align = "left"
				}
				r := rpr
				if d.size[i] != 0 {
					r = `<w:sz w:val="` + itoa(d.size[i]) + `"/><w:szCs w:val="` + itoa(d.size[i]) + `"/>`
				}
				if c.Header {
					r = `<w:b/>` + r
				}
				if r != "" {
					r = `<w:rPr>` + r + `</w:rPr>`
				}
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/>` + keep + `<w:jc w:val="` + align + `"/>` + r + `</w:pPr><w:r>` + r)
				for k, l := range d.lines[i] {
					if k > 0 {
						b.WriteString(`<w:br/>`)
					}
					b.WriteString(`<w:t xml:space="preserve">` + esc(l) + `</w:t>`)
				}
				b.WriteString(`</w:r></w:p>`)
			} else {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/>` + keep + `</w:pPr></w:p>`)
			}
			b.WriteString(`</w:tc>`)
			col += c.ColSpan
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	// A paragraph between or after tables keeps Word from joining them.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>`)
}
