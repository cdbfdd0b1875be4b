package model

import (
	"fmt"
	"strconv"
	"strings"
)

// CarryForward makes this year's report from an earlier one: it copies the
// prose, preamble and settings, sets 上年结转 from last year's 结转下年度,
// rolls the stock figures of 表二 forward as starting values and leaves
// this year's counts blank. Across a format change it maps what can be
// mapped; notes lists, in Chinese, what could not be carried and why.
func CarryForward(prev *Report, f *Format, year int) (r *Report, notes []string, err error) {
	if year <= prev.Year {
		return nil, nil, fmt.Errorf("只能由较早年度的报告新建：来源是 %d 年，新报告是 %d 年", prev.Year, year)
	}
	r = New(f, prev.Meta.Agency, year)
	m := prev.Meta
	r.Meta = m
	r.Meta.SignDate = ""
	// Year-bound strings follow the new year where they were the defaults.
	if m.Title == DefaultTitle(m.Agency, prev.Year) || m.Title == "" {
		r.Meta.Title = DefaultTitle(m.Agency, year)
	} else {
		r.Meta.Title = strings.ReplaceAll(m.Title, strconv.Itoa(prev.Year), strconv.Itoa(year))
	}
	r.Meta.Period = DefaultPeriod(year)
	r.Meta.Preamble = strings.ReplaceAll(m.Preamble, DefaultPeriod(prev.Year), DefaultPeriod(year))
	if r.Meta.SignAgency == "" {
		r.Meta.SignAgency = m.Agency
	}
	r.Lead = prev.Lead
	r.Parts = append([]Part(nil), prev.Parts...)
	r.S4Note = prev.S4Note
	r.S5 = prev.S5
	r.S6Text = prev.S6Text

	if gap := year - prev.Year; gap > 1 {
		notes = append(notes, fmt.Sprintf("来源报告是 %d 年的，不是上一年度（%d 年）：上年结转等数字已按来源报告填入，请核对", prev.Year, year-1))
	}

	// 上年结转 = last year's 结转下年度, per column (R6); valid across formats.
	t, pt := f.Table("s3"), prev.Format.Table("s3")
	row, prow := t.RowIndex("shangnian_jiezhuan"), pt.RowIndex("jiezhuan_xianian")
	for col, c := range t.Cols {
		if t.Computed(row, col) {
			continue
		}
		if pc := pt.ColIndex(c.Key); pc >= 0 {
			r.cells[t.index(row, col)] = Int(prev.N(pt, prow, pc))
		}
	}

	if prev.Format == f {
		// Stock figures roll forward as this year's starting values (R7, R8).
		for _, roll := range f.Rolls {
			a := f.Table(roll.Table)
			col := a.ColIndex(roll.Col)
			for i, rw := range a.Rows {
				var n int64
				set := false
				var parts []string
				for _, lc := range roll.Last {
					v := prev.rawAt(a, i, a.ColIndex(lc))
					set = set || v.Set
					n += v.N
					parts = append(parts, fmt.Sprintf("%d", v.N))
				}
				if !set {
					continue
				}
				if n < 0 {
					notes = append(notes, fmt.Sprintf("%s「%s」：由上年 %s 算出的%s为负数，未填入", a.Name, rw.Label, strings.Join(parts, " 和 "), a.Cols[col].Label))
					continue
				}
				r.cells[a.index(i, col)] = Int(n)
			}
		}
	} else {
		for _, n := range f.ChangeNotes[prev.Format.ID] {
			notes = append(notes, Expand(n, prev))
		}
	}
	return r, notes, nil
}
