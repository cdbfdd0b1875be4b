package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Contact is the contact block of the preamble.
type Contact struct {
	Office, Address, Postcode, Phone, Fax, Email string
}

// Meta is the report's metadata and preamble.
type Meta struct {
	Agency     string // 发布机构
	Title      string
	Period     string // 统计期限
	URL        string // where the electronic copy is published
	Contact    Contact
	Preamble   string
	SignAgency string
	SignDate   string
}

// Part is a sub-part of section 一.
type Part struct {
	Key     string // zhudong … jiandu, extra_1 …
	Heading string // without the （一） number, which follows the order
	Text    string
}

// S5 is section 五.
type S5 struct {
	ShangnianZhenggai string // rectification of last year's problems
	Wenti             string // this year's problems
	Gaijin            string // improvement measures
}

// Deviation records a label of a published report that differs from the
// canonical string (R14 on import).
type Deviation struct {
	Key       string `json:"key"`
	Found     string `json:"found"`
	Canonical string `json:"canonical"`
}

// Report is one annual report.
type Report struct {
	Format *Format
	Year   int
	Meta   Meta
	Lead   string // s1.lead
	Parts  []Part
	S4Note string
	S5     S5
	S6Text string
	// FeeYuan is s6.fee_yuan (2021 format): the 信息处理费 in 元.
	FeeYuan Value

	cells []Value

	// Published holds, for a report read from a published file, the
	// computed totals as they were printed (blank when printed blank).
	// Reports written here have none.
	Published map[string]Value
	// Deviations are the label deviations found on import.
	Deviations []Deviation
	// Unplaced are the numbers an import read but could not place with
	// certainty (not stored); R1/R2 say when they may explain a difference.
	Unplaced []Unplaced
}

// unplacedAt tells whether a cell's figure may be missing because an import
// could not place some of its table's numbers.
func (r *Report) unplacedAt(key string) bool {
	for _, u := range r.Unplaced {
		if strings.HasPrefix(key, u.Key) {
			return true
		}
	}
	return false
}

// Unplaced counts numbers of a published report that an import could not
// place: Key is a table ("s3"), a row ("s3.r1") or a cell key.
type Unplaced struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// New returns an empty report of a format for an agency and year, with the
// default title, statistics period and sub-parts of 一.
func New(f *Format, agency string, year int) *Report {
	r := &Report{Format: f, Year: year, cells: make([]Value, f.NumCells())}
	r.Meta.Agency = agency
	r.Meta.Title = DefaultTitle(agency, year)
	r.Meta.Period = DefaultPeriod(year)
	r.Meta.SignAgency = agency
	for _, p := range f.Parts {
		r.Parts = append(r.Parts, Part{Key: p.Key, Heading: p.Heading})
	}
	return r
}

// DefaultTitle is {机关名称}{YYYY}年政府信息公开工作年度报告.
func DefaultTitle(agency string, year int) string {
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", agency, year)
}

// DefaultPeriod is YYYY年1月1日至YYYY年12月31日.
func DefaultPeriod(year int) string {
	return fmt.Sprintf("%d年1月1日至%d年12月31日", year, year)
}

// Clone returns a deep copy.
func (r *Report) Clone() *Report {
	c := *r
	c.cells = append([]Value(nil), r.cells...)
	c.Parts = append([]Part(nil), r.Parts...)
	if r.Published != nil {
		c.Published = make(map[string]Value, len(r.Published))
		for k, v := range r.Published {
			c.Published[k] = v
		}
	}
	c.Deviations = append([]Deviation(nil), r.Deviations...)
	c.Unplaced = append([]Unplaced(nil), r.Unplaced...)
	return &c
}

// Raw returns the stored value of a cell (blank for computed cells, whose
// value is Total).
func (r *Report) Raw(c CellRef) Value { return r.cells[c.index()] }

// rawAt is Raw by table coordinates.
func (r *Report) rawAt(t *Table, row, col int) Value { return r.cells[t.index(row, col)] }

// N returns a count cell's number for the rules: typed value, computed total,
// blank read as 0.
func (r *Report) N(t *Table, row, col int) int64 {
	if t.Computed(row, col) {
		return r.total(t, row, col)
	}
	return r.cells[t.index(row, col)].N
}

// total computes a computed cell of a table from the typed cells.
func (r *Report) total(t *Table, row, col int) int64 {
	tc := t.ColIndex(t.TotalCol)
	sumCols := func(row int) int64 {
		var s int64
		for c := range t.Cols {
			if c != tc {
				s += r.cells[t.index(row, c)].N
			}
		}
		return s
	}
	if t.TotalRow != "" && t.Rows[row].Key == t.TotalRow {
		var s int64
		for i, rw := range t.Rows {
			if !rw.Result {
				continue
			}
			if col == tc {
				s += sumCols(i)
			} else {
				s += r.cells[t.index(i, col)].N
			}
		}
		return s
	}
	return sumCols(row)
}

// Value returns what a cell shows: the typed value, or the computed total as a
// set value. Blank typed cells stay blank.
func (r *Report) Value(c CellRef) Value {
	if c.Computed() {
		return Int(r.total(c.Table, c.Row, c.Col))
	}
	return r.cells[c.index()]
}

// Cell looks a value up by key; ok is false for an unknown key.
func (r *Report) Cell(key string) (Value, bool) {
	c, ok := r.Format.Cell(key)
	if !ok {
		return Value{}, false
	}
	return r.Value(c), true
}

// SetCell stores a value in a typed cell without parsing; used by the carry
// forward, the importer and tests. Computed cells are refused.
func (r *Report) SetCell(key string, v Value) error {
	c, ok := r.Format.Cell(key)
	if !ok {
		return fmt.Errorf("没有这一项：%s", key)
	}
	if c.Computed() {
		return fmt.Errorf("%s是自动计算的合计，不能填写", c.Label())
	}
	r.cells[c.index()] = v
	return nil
}

// Part returns the index of a sub-part of 一, or -1.
func (r *Report) Part(key string) int {
	for i, p := range r.Parts {
		if p.Key == key {
			return i
		}
	}
	return -1
}

// PartNumber is the （一） style number of the i-th part.
func PartNumber(i int) string { return "（" + ChineseNumber(i+1) + "）" }

// ChineseNumber writes 1…99 as 一…九十九.
func ChineseNumber(n int) string {
	d := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0:
		return strconv.Itoa(n)
	case n < 10:
		return d[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + d[n-10]
	case n < 100:
		s := d[n/10] + "十"
		if n%10 != 0 {
			s += d[n%10]
		}
		return s
	}
	return strconv.Itoa(n)
}

// NextExtraKey returns the key for a new sub-part added by the clerk.
func (r *Report) NextExtraKey() string {
	max := 0
	for _, p := range r.Parts {
		if n, ok := extraNumber(p.Key); ok && n > max {
			max = n
		}
	}
	return "extra_" + strconv.Itoa(max+1)
}

func extraNumber(key string) (int, bool) {
	s, ok := strings.CutPrefix(key, "extra_")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// MovePart moves part i to position j (0-based).
func (r *Report) MovePart(i, j int) {
	if i < 0 || i >= len(r.Parts) {
		return
	}
	if j < 0 {
		j = 0
	}
	if j >= len(r.Parts) {
		j = len(r.Parts) - 1
	}
	p := r.Parts[i]
	r.Parts = append(r.Parts[:i], r.Parts[i+1:]...)
	r.Parts = append(r.Parts[:j], append([]Part{p}, r.Parts[j:]...)...)
}

// RemovePart deletes a sub-part of 一.
func (r *Report) RemovePart(key string) bool {
	i := r.Part(key)
	if i < 0 {
		return false
	}
	r.Parts = append(r.Parts[:i], r.Parts[i+1:]...)
	return true
}

// Blanks lists the typed cells that are still blank, in document order.
func (r *Report) Blanks() []CellRef {
	var out []CellRef
	for _, t := range r.Format.Tables {
		for row := range t.Rows {
			for col := range t.Cols {
				if !t.Computed(row, col) && !r.cells[t.index(row, col)].Set {
					out = append(out, CellRef{t, row, col})
				}
			}
		}
	}
	return out
}

// sortedPublished returns the published keys in document order.
func (r *Report) sortedPublished() []string {
	keys := make([]string, 0, len(r.Published))
	for k := range r.Published {
		keys = append(keys, k)
	}
	order := map[string]int{}
	for i, k := range r.Format.CellKeys() {
		order[k] = i
	}
	sort.Slice(keys, func(i, j int) bool { return order[keys[i]] < order[keys[j]] })
	return keys
}

// Progress counts what has been filled in: typed cells entered and text
// parts written, out of all of them.
func (r *Report) Progress() (done, total int) {
	for _, t := range r.Format.Tables {
		for row := range t.Rows {
			for col := range t.Cols {
				if !t.Computed(row, col) {
					total++
					if r.cells[t.index(row, col)].Set {
						done++
					}
				}
			}
		}
	}
	texts := []string{r.Lead, r.S5.Wenti, r.S5.Gaijin, r.S6Text, r.Meta.Title, r.Meta.Period}
	for _, p := range r.Parts {
		texts = append(texts, p.Text)
	}
	for _, s := range texts {
		total++
		if strings.TrimSpace(s) != "" {
			done++
		}
	}
	if r.Format.FeeRequired {
		total++
		if r.FeeYuan.Set {
			done++
		}
	}
	return done, total
}
