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

	switch {
	case prev.Format.ID == "2021" && f.ID == "2021":
		// 现行有效件数 rolls forward as the starting value (R7).
		a, pa := f.Table("s2.a20_1"), prev.Format.Table("s2.a20_1")
		for i, rw := range a.Rows {
			if v := prev.rawAt(pa, pa.RowIndex(rw.Key), pa.ColIndex("youxiao")); v.Set {
				r.cells[a.index(i, a.ColIndex("youxiao"))] = v
			}
		}
	case prev.Format.ID == "2019" && f.ID == "2019":
		// 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 (R8).
		for _, tk := range []string{"s2.a20_5", "s2.a20_6", "s2.a20_8"} {
			a, pa := f.Table(tk), prev.Format.Table(tk)
			sc, zc := a.ColIndex("shangnian_shuliang"), a.ColIndex("zengjian")
			for i, rw := range a.Rows {
				pr := pa.RowIndex(rw.Key)
				last, delta := prev.rawAt(pa, pr, sc), prev.rawAt(pa, pr, zc)
				if !last.Set && !delta.Set {
					continue
				}
				n := last.N + delta.N
				if n < 0 {
					notes = append(notes, fmt.Sprintf("%s「%s」：上年 %d 加本年增/减 %+d 为负数，未填入", a.Name, rw.Label, last.N, delta.N))
					continue
				}
				r.cells[a.index(i, sc)] = Int(n)
			}
		}
	case prev.Format.ID == "2019" && f.ID == "2021":
		notes = append(notes, formatChangeNotes(prev)...)
	case prev.Format.ID == "2021" && f.ID == "2019":
		notes = append(notes, "由 2021 版报告新建 2019 版报告：只带入了文字和上年结转，表二各项请按 2019 版格式填写")
	}
	return r, notes, nil
}

// formatChangeNotes says what a 2019-format report cannot give a 2021-format one.
func formatChangeNotes(prev *Report) []string {
	var notes []string
	a := prev.Format.Table("s2.a20_1")
	total := func(rk string) int64 { return prev.rawAt(a, a.RowIndex(rk), a.ColIndex("gongkai_zongshu")).N }
	notes = append(notes,
		fmt.Sprintf("表二第二十条第（一）项：2019 版的“对外公开总数量”（规章 %d、规范性文件 %d）与 2021 版的“现行有效件数”含义不同，未带入，请填写现行有效件数", total("guizhang"), total("guifanxing")),
		"表二第二十条第（一）项：2019 版“规范性文件”在 2021 版称“行政规范性文件”，已对应",
		"表二第二十条第（五）项：2021 版只保留“行政许可”的本年处理决定数量；“其他对外管理服务事项”和“上一年项目数量、本年增/减”不再填报",
		"表二第二十条第（六）项：2021 版只填本年处理决定数量；“上一年项目数量、本年增/减”不再填报",
		"表二第二十条第（八）项：2019 版统计收费项目数，2021 版填本年收费金额（万元），无法换算，请填写金额",
		"表二第二十条第（九）项“政府集中采购”在 2021 版中已取消",
		"表三（六）其他处理：2021 版分为 3 项，请按新分项填写",
		"六、其他需要报告的事项：2021 版须写明信息处理费收取情况，请填写信息处理费金额（元）",
	)
	return notes
}
