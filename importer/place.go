package importer

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

// totalSpec says which value of a row is the total of which others, so
// that a row's printed total can confirm where its cells stand.
type totalSpec struct {
	at    int
	parts []int
}

// layout is what a table tells about where its value cells stand.
type layout struct {
	n      int
	totals []totalSpec
	// gridStart: in a source that keeps grid positions (a pipe table),
	// the field of the first value column by the header row; -1 unknown.
	gridStart int
	// centers: for PDF text, the column (in characters) at the middle of
	// each value column, from full rows or the header; nil unknown.
	centers []float64
}

// placed is a row's value cells in column order ("" = blank).
type placed struct {
	vals   []string
	labels []string
	ok     bool
	reason string
}

// place reads a row's n value cells. Exact rows: the values follow the
// label; surplus empty fields (merged cells, a trailing tab) are placed by
// the header's positions or by a printed total that confirms them, and a
// missing trailing field (a browser drops trailing tabs) is blank. Spaced
// rows (PDF text): a full row is certain; a shorter one is placed by the
// columns' positions when each number stands clearly under one column.
func place(r *row, lay layout) placed {
	if r.sep == spaced {
		return placeSpaced(r, lay)
	}
	n := lay.n
	f := r.cells
	last := -1 // last label field
	for i, c := range f {
		if c = strings.TrimSpace(c); c != "" && !isNumberCell(c) && !isBlankMark(c) {
			last = i
		}
	}
	lbl := labels(f[:last+1])
	first, end := -1, -1 // first and last non-empty field after the label
	for i := last + 1; i < len(f); i++ {
		if strings.TrimSpace(f[i]) != "" {
			if first < 0 {
				first = i
			}
			end = i
		}
	}
	if first < 0 {
		// No value at all: a label row, unless its fields are exactly a
		// row of blank cells.
		if len(f)-last-1 == n && len(lbl) > 0 {
			return placed{vals: make([]string, n), labels: lbl, ok: true}
		}
		return placed{labels: lbl, reason: "没有数字"}
	}
	window := func(s int) []string {
		out := make([]string, n)
		for j := range n {
			if s+j < len(f) {
				out[j] = strings.TrimSpace(f[s+j])
			}
		}
		return out
	}
	lo := max(last+1, end-n+1)
	hi := first
	if len(f) >= last+1+n {
		hi = min(hi, len(f)-n)
	} else {
		hi = min(hi, last+1) // short row: values right after the label, the rest blank
	}
	if lo > hi {
		return placed{labels: lbl, reason: fmt.Sprintf("这一行的数字多于 %d 个", n)}
	}
	var cands []int
	for s := lo; s <= hi; s++ {
		cands = append(cands, s)
	}
	if len(cands) > 1 && r.grid && lay.gridStart >= lo && lay.gridStart <= hi {
		cands = []int{lay.gridStart}
	}
	if len(cands) > 1 {
		// A printed total that adds up pins the row; windows where it
		// would not add up are out.
		var confirmed, open []int
		for _, s := range cands {
			switch totalsAgree(window(s), lay.totals) {
			case 1:
				confirmed = append(confirmed, s)
			case 0:
				open = append(open, s)
			}
		}
		switch {
		case len(confirmed) == 1:
			cands = confirmed
		case len(confirmed) == 0 && len(open) == 1:
			cands = open
		}
	}
	if len(cands) != 1 {
		return placed{labels: lbl, reason: "这一行的空白格位置不确定，无法确定各数字属于哪一列"}
	}
	vals := window(cands[0])
	for _, v := range vals {
		if v != "" && !isNumberCell(v) && !isBlankMark(v) {
			return placed{labels: lbl, reason: "这一行有不是数字的内容"}
		}
	}
	return placed{vals: vals, labels: lbl, ok: true}
}

// totalsAgree: 1 when every total present equals the sum of its parts
// (blank parts read as 0) and at least one total is present, -1 when one
// does not add up, 0 when no total is printed.
func totalsAgree(vals []string, totals []totalSpec) int {
	res := 0
	for _, t := range totals {
		tv, ok := numOf(vals[t.at])
		if !ok {
			continue
		}
		var sum int64
		for _, p := range t.parts {
			v, _ := numOf(vals[p])
			sum += v
		}
		if sum != tv {
			return -1
		}
		res = 1
	}
	return res
}

func numOf(s string) (int64, bool) {
	if s == "" || isBlankMark(s) {
		return 0, false
	}
	v, err := model.ParseValue(model.Signed, s)
	if err != nil {
		return 0, false
	}
	return v.N, true
}

// placeSpaced reads a PDF text row: numbers in order when they are all
// there, else each under the column it stands in.
func placeSpaced(r *row, lay layout) placed {
	n := lay.n
	var nums []int // indexes of number cells
	var lbl []string
	for i, c := range r.cells {
		if isNumberCell(c) {
			nums = append(nums, i)
		} else if strings.TrimSpace(c) != "" {
			lbl = append(lbl, c)
		}
	}
	switch {
	case len(nums) == 0:
		return placed{labels: lbl, reason: "没有数字"}
	case len(nums) == n:
		vals := make([]string, n)
		for j, i := range nums {
			vals[j] = r.cells[i]
		}
		// The numbers must be the row's last cells: a label after them
		// means the line mixes two rows.
		return placed{vals: vals, labels: lbl, ok: true}
	case len(nums) > n:
		return placed{labels: lbl, reason: fmt.Sprintf("这一行的数字多于 %d 个", n)}
	}
	if len(lay.centers) != n || len(r.cols) != len(r.cells) {
		return placed{labels: lbl, reason: fmt.Sprintf("这一行的数字少于 %d 个，PDF 文字中空白格不留痕迹，无法确定各数字属于哪一列", n)}
	}
	gap := math.Inf(1)
	for j := 1; j < n; j++ {
		gap = min(gap, lay.centers[j]-lay.centers[j-1])
	}
	vals := make([]string, n)
	taken := make([]bool, n)
	for _, i := range nums {
		c := center(r.cols[i], r.cells[i])
		best, dist := -1, math.Inf(1)
		for j, x := range lay.centers {
			if d := math.Abs(c - x); d < dist {
				best, dist = j, d
			}
		}
		if best < 0 || dist > 0.4*gap || taken[best] {
			return placed{labels: lbl, reason: fmt.Sprintf("这一行的数字少于 %d 个，且数字与表头各列对不齐，无法确定各数字属于哪一列", n)}
		}
		taken[best] = true
		vals[best] = r.cells[i]
	}
	if totalsAgree(vals, lay.totals) < 0 {
		return placed{labels: lbl, reason: "按位置对齐后这一行的合计对不上，无法确定各数字属于哪一列"}
	}
	return placed{vals: vals, labels: lbl, ok: true}
}

func center(col int, cell string) float64 {
	return float64(col) + float64(utf8.RuneCountInString(cell)-1)/2
}

// fullRowCenters derives the columns' positions from PDF rows that carry
// all n numbers: the median of each column's centres.
func fullRowCenters(items []item, n int) []float64 {
	per := make([][]float64, n)
	for _, it := range items {
		r := it.row
		if r == nil || r.sep != spaced || len(r.cols) != len(r.cells) {
			continue
		}
		var cs []float64
		for i, c := range r.cells {
			if isNumberCell(c) {
				cs = append(cs, center(r.cols[i], c))
			}
		}
		if len(cs) != n {
			continue
		}
		for j := range cs {
			per[j] = append(per[j], cs[j])
		}
	}
	out := make([]float64, n)
	for j := range per {
		if len(per[j]) == 0 {
			return nil
		}
		sort.Float64s(per[j])
		out[j] = per[j][len(per[j])/2]
	}
	for j := 1; j < n; j++ {
		if out[j] <= out[j-1]+1 {
			return nil
		}
	}
	return out
}

// headerCenters finds the columns' positions from the header lines of a
// PDF table (before its first row of numbers): each column is named by a
// word that appears there (header words are often broken over lines:
// "商业" / "企业"), and want lists, column by column, which words name it.
func headerCenters(items []item, want [][]string, exclude []string) []float64 {
	type tok struct {
		x   float64
		col int
	}
	var toks []tok
	for _, it := range items {
		if it.row != nil && hasNumber(it.row.cells) {
			break
		}
		line := it.raw
		if line == "" {
			continue
		}
		col, start := 0, -1
		var word []rune
		flush := func() {
			if start < 0 {
				return
			}
			w := string(word)
			x := float64(start) + float64(len(word)-1)/2
			start, word = -1, word[:0]
			for _, e := range exclude {
				if strings.Contains(w, e) {
					return
				}
			}
			hit := -1
			for j, names := range want {
				for _, nm := range names {
					if strings.Contains(w, nm) {
						if hit >= 0 && hit != j && !sameNames(want[hit], names) {
							return // ambiguous word
						}
						hit = j
					}
				}
			}
			if hit >= 0 {
				toks = append(toks, tok{x, hit})
			}
		}
		for _, r := range line {
			if r == ' ' || r == '\t' || r == '\f' {
				flush()
			} else {
				if start < 0 {
					start = col
				}
				word = append(word, r)
			}
			col++
		}
		flush()
	}
	sort.Slice(toks, func(i, j int) bool { return toks[i].x < toks[j].x })
	// Tokens at about the same place are one column.
	var cols []tok
	for _, t := range toks {
		if k := len(cols); k > 0 && t.x-cols[k-1].x < 1.6 {
			if !sameNames(want[cols[k-1].col], want[t.col]) {
				return nil
			}
			continue
		}
		cols = append(cols, t)
	}
	if len(cols) != len(want) {
		return nil
	}
	out := make([]float64, len(cols))
	for j, c := range cols {
		if !sameNames(want[c.col], want[j]) {
			return nil
		}
		out[j] = c.x
	}
	return out
}

func sameNames(a, b []string) bool { return strings.Join(a, "|") == strings.Join(b, "|") }

// gridStartOf finds, in a pipe table's header, the field of the first
// value column: the field before the word that names the second one
// ("商业企业" stands right after "自然人"'s place).
func gridStartOf(items []item, second string) int {
	for _, it := range items {
		r := it.row
		if r == nil || !r.grid {
			continue
		}
		for i, c := range r.cells {
			if normLabel(c) == second && i > 0 {
				return i - 1
			}
		}
	}
	return -1
}

// isBlankMark: cells a published report leaves empty or marks as empty.
func isBlankMark(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "/", "／", "-", "—", "——", "－", "\\", "–", "无", "空":
		return true
	}
	return false
}

// isNumberCell: a cell holding a number (full-width digits and units too).
func isNumberCell(s string) bool {
	t := model.NormalizeNumber(s)
	return t != "" && numberCell.MatchString(t)
}

func hasNumber(cells []string) bool {
	for _, c := range cells {
		if isNumberCell(c) {
			return true
		}
	}
	return false
}

func countNumbers(cells []string) int {
	n := 0
	for _, c := range cells {
		if isNumberCell(c) {
			n++
		}
	}
	return n
}

// labels keeps the non-empty label cells of a row.
func labels(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" && !isNumberCell(c) && !isBlankMark(c) {
			out = append(out, c)
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
