// Package model holds the official report formats as data, the report values,
// the computed totals, the consistency rules and the parsing of what a clerk
// types. It imports no UI or storage code.
package model

import (
	"fmt"
	"iter"
	"sort"
	"strings"
)

// Kind is the value type of a table cell.
type Kind int

const (
	// Count is a non-negative integer (件, 项).
	Count Kind = iota
	// Signed is an integer that may be negative (2019 本年增/减).
	Signed
	// Wanyuan is a non-negative exact decimal in 万元 (2021 收费金额).
	Wanyuan
	// Amount is a non-negative exact decimal with a unit 元/万元 (2019 采购总金额).
	Amount
)

// Col is one data column of a table.
type Col struct {
	Key   string
	Label string // canonical header text
	Kind  Kind
	// Group is the spanning header above this column ("法人或其他组织"); empty if none.
	Group string
}

// Row is one data row of a table.
type Row struct {
	Key   string
	Label string // canonical label of the row's own cell
	// Head and Group are the merged label cells to the left of Label in 表三:
	// Head "三、本年度办理结果", Group "（三）不予公开".
	Head  string
	Group string
	// Result marks 表三 rows that add up to （七）总计 (R2).
	Result bool
}

// Table is one table of a format: a 表二 sub-table, 表三 or 表四.
type Table struct {
	Key     string // "s2.a20_1", "s3", "s4"
	Name    string // how messages name it: "表二第二十条第（一）项", "表三", "表四"
	Section int    // 2, 3 or 4
	Caption string // 表二: "第二十条第（一）项"
	Corner  string // 表二: "信息内容"; 表三: the 勾稽 note
	Rows    []Row
	Cols    []Col
	// TotalCol is the key of the computed column (sum of all other columns), "" if none.
	TotalCol string
	// TotalRow is the key of the computed row (sum of the Result rows), "" if none.
	TotalRow string

	base     int // index of the table's first cell in Report.cells
	rowIndex map[string]int
	colIndex map[string]int
}

// Cell key of row r, column c.
func (t *Table) CellKey(r, c int) string {
	return t.Key + "." + t.Rows[r].Key + "." + t.Cols[c].Key
}

// RowIndex returns the index of a row key, or -1.
func (t *Table) RowIndex(key string) int {
	if i, ok := t.rowIndex[key]; ok {
		return i
	}
	return -1
}

// ColIndex returns the index of a column key, or -1.
func (t *Table) ColIndex(key string) int {
	if i, ok := t.colIndex[key]; ok {
		return i
	}
	return -1
}

// Computed reports whether cell (r, c) is a computed total.
func (t *Table) Computed(r, c int) bool {
	return (t.TotalCol != "" && t.Cols[c].Key == t.TotalCol) ||
		(t.TotalRow != "" && t.Rows[r].Key == t.TotalRow)
}

// Index of cell (r, c) in the report's cell array.
func (t *Table) index(r, c int) int { return t.base + r*len(t.Cols) + c }

// Section describes one of the six sections.
type Section struct {
	Key     string // "s1" … "s6"
	Num     string // "一"
	Heading string // canonical heading with number: "一、总体情况"
	Guide   string // one or two lines for the clerk
	Short   string // a short name for the outline of the editor: "依申请公开"
}

// PartDef is a default sub-part of section 一.
type PartDef struct {
	Key     string
	Heading string
}

// Format is one official report format. Everything that differs between
// formats lives here; code elsewhere reads it instead of branching on the year.
type Format struct {
	ID        string // "2019", "2021"
	Name      string
	Notice    string
	FirstYear int
	LastYear  int // 0 = open-ended
	Sections  []Section
	Parts     []PartDef
	Tables    []*Table
	// FeeRequired: section 六 must state the 信息处理费 (R10) and s6.fee_yuan exists.
	FeeRequired bool
	// Guide lines shown with a cell key prefix (longest prefix wins).
	CellGuide map[string]string
	// Rolls are the 表二 stock figures that roll forward from last year's
	// report of the same format: carry-forward prefills them and the
	// cross-year rules (R7, R8) check them.
	Rolls []Roll
	// Citation follows 《条例》 in the generated preamble (the notice that
	// issued the format, where reports cite it).
	Citation string
	// RegulationSentence states 第二十条第（一）项 in prose; {key} stands
	// for a cell's number.
	RegulationSentence string
	// ChangeNotes tell, by the ID of an earlier format, what a report of
	// that format cannot give one of this format when carried forward;
	// {key} stands for a number of the earlier report.
	ChangeNotes map[string][]string

	ncells int
	tables map[string]*Table
	keys   map[string]CellRef
}

// Roll is a stock figure of 表二 that continues from year to year: this
// year's Col = Σ last year's Last + Σ this year's Plus − Σ this year's Minus,
// in every row of Table.
type Roll struct {
	Rule  string
	Table string
	Col   string
	Last  []string
	Plus  []string
	Minus []string
	// Says is the warning, with {table} {row} {now} {want} {diff}
	// {prevyear} and the terms {last0} {last1} {plus0} {minus0} ({last1+}
	// with its sign).
	Says string
}

// Expand fills {key} placeholders of a template with a report's numbers
// (blank reads as 0).
func Expand(template string, r *Report) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(template, '{')
		j := strings.IndexByte(template[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(template)
			return b.String()
		}
		b.WriteString(template[:i])
		key := template[i+1 : i+j]
		if c, ok := r.Format.Cell(key); ok {
			b.WriteString(r.Value(c).Format(c.Kind()))
			if !r.Value(c).Set {
				b.WriteString("0")
			}
		} else {
			b.WriteString(template[i : i+j+1])
		}
		template = template[i+j+1:]
	}
}

// CellRef locates a cell within a format.
type CellRef struct {
	Table *Table
	Row   int
	Col   int
}

// Key is the cell's canonical key.
func (c CellRef) Key() string { return c.Table.CellKey(c.Row, c.Col) }

// Kind of the cell.
func (c CellRef) Kind() Kind { return c.Table.Cols[c.Col].Kind }

// Computed reports whether the cell is a computed total.
func (c CellRef) Computed() bool { return c.Table.Computed(c.Row, c.Col) }

func (c CellRef) index() int { return c.Table.index(c.Row, c.Col) }

// Label names the cell for a clerk: 表三「一、本年新收政府信息公开申请数量」行「自然人」列.
func (c CellRef) Label() string {
	t := c.Table
	row := t.Rows[c.Row]
	col := t.Cols[c.Col]
	rl := row.Label
	if row.Group != "" {
		rl = row.Group + row.Label
	}
	return fmt.Sprintf("%s「%s」行「%s」列", t.Name, rl, col.Label)
}

// NumCells is the number of table cells in the format.
func (f *Format) NumCells() int { return f.ncells }

// Table returns the table with the given key ("s3"), or nil.
func (f *Format) Table(key string) *Table { return f.tables[key] }

// Cell resolves a cell key.
func (f *Format) Cell(key string) (CellRef, bool) {
	c, ok := f.keys[key]
	return c, ok
}

// TypedCells yields every cell a clerk types (not the computed totals), in
// document order.
func (f *Format) TypedCells() iter.Seq[CellRef] {
	return func(yield func(CellRef) bool) {
		for _, t := range f.Tables {
			for row := range t.Rows {
				for col := range t.Cols {
					if !t.Computed(row, col) && !yield(CellRef{t, row, col}) {
						return
					}
				}
			}
		}
	}
}

// CellKeys returns every cell key in document order.
func (f *Format) CellKeys() []string {
	out := make([]string, 0, f.ncells)
	for _, t := range f.Tables {
		for r := range t.Rows {
			for c := range t.Cols {
				out = append(out, t.CellKey(r, c))
			}
		}
	}
	return out
}

// SectionByKey returns the section "s1"…"s6".
func (f *Format) SectionByKey(key string) (Section, bool) {
	for _, s := range f.Sections {
		if s.Key == key {
			return s, true
		}
	}
	return Section{}, false
}

// TablesOf returns the tables of a section number in order.
func (f *Format) TablesOf(section int) []*Table {
	var out []*Table
	for _, t := range f.Tables {
		if t.Section == section {
			out = append(out, t)
		}
	}
	return out
}

// Guide returns entry guidance for a key, by longest matching prefix.
func (f *Format) Guide(key string) string {
	best := ""
	for p := range f.CellGuide {
		if strings.HasPrefix(key, p) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return ""
	}
	return f.CellGuide[best]
}

// Covers reports whether the format applies to a report year.
func (f *Format) Covers(year int) bool {
	return year >= f.FirstYear && (f.LastYear == 0 || year <= f.LastYear)
}

var formats = map[string]*Format{}

// register finishes a format definition: indexes tables and cell keys.
func register(f *Format) *Format {
	f.tables = map[string]*Table{}
	f.keys = map[string]CellRef{}
	n := 0
	for _, t := range f.Tables {
		t.base = n
		t.rowIndex = map[string]int{}
		t.colIndex = map[string]int{}
		for i, r := range t.Rows {
			t.rowIndex[r.Key] = i
		}
		for i, c := range t.Cols {
			t.colIndex[c.Key] = i
		}
		f.tables[t.Key] = t
		for r := range t.Rows {
			for c := range t.Cols {
				f.keys[t.CellKey(r, c)] = CellRef{t, r, c}
			}
		}
		n += len(t.Rows) * len(t.Cols)
	}
	f.ncells = n
	formats[f.ID] = f
	return f
}

// FormatByID returns a registered format ("2019", "2021").
func FormatByID(id string) (*Format, bool) {
	f, ok := formats[id]
	return f, ok
}

// Formats returns all registered formats, oldest first.
func Formats() []*Format {
	out := make([]*Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FirstYear < out[j].FirstYear })
	return out
}

// FormatForYear returns the format that applies to a report year, or nil for
// years before the first known format.
func FormatForYear(year int) *Format {
	var best *Format
	for _, f := range Formats() {
		if year >= f.FirstYear {
			best = f
		}
	}
	return best
}
