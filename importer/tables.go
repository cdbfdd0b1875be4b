package importer

import (
	"fmt"
	"regexp"
	"strings"

	"nianbao/model"
)

// Uncertain is a number the importer could not place with certainty: it
// is listed with its source line and not stored.
type Uncertain struct {
	Key    string `json:"key"`
	Raw    string `json:"raw"`
	Line   int    `json:"line"`
	Source string `json:"source"`
	Reason string `json:"reason"`
}

var numberCell = regexp.MustCompile(`^[+\-]?\d[\d,]*(\.\d+)?\s*(件|项|个|条|次|万元|元)?$`)

// isBlankMark: cells a published report leaves empty or marks as empty.
func isBlankMark(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "/", "／", "-", "—", "——", "－", "\\":
		return true
	}
	return false
}

// isNumberCell: a cell holding a number (full-width digits and units too).
func isNumberCell(s string) bool {
	t := model.NormalizeNumber(s)
	return t != "" && numberCell.MatchString(t)
}

// tail returns the last n cells after dropping trailing empty ones, or
// false when the row does not end in n value cells (numbers or blanks).
// Positions count only where the source keeps them (tabs, "|", tables).
func tail(r *row, n int) ([]string, []string, bool) {
	cells := r.cells
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	if r.sep == spaced {
		// Blank cells leave no trace: only a full row of numbers is certain.
		k := len(cells)
		for k > 0 && isNumberCell(cells[k-1]) {
			k--
		}
		if len(cells)-k < n {
			return nil, labels(cells[:k]), false
		}
		return cells[len(cells)-n:], labels(cells[:len(cells)-n]), true
	}
	if len(cells) < n {
		return nil, labels(cells), false
	}
	vals := cells[len(cells)-n:]
	some := false
	for _, v := range vals {
		switch {
		case isNumberCell(v):
			some = true
		case !isBlankMark(v):
			return nil, labels(cells), false
		}
	}
	if !some {
		return nil, labels(cells), false
	}
	return vals, labels(cells[:len(cells)-n]), true
}

// labels keeps the non-empty label cells of a row.
func labels(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" && !isNumberCell(c) {
			out = append(out, c)
		}
	}
	return out
}

// variants maps misprints and local wordings seen in published reports to
// the canonical label (R14 deviations when found).
var variants = map[string]string{
	"社会组织":               "社会公益组织",
	"2.其他法律行政止公开":        "2.其他法律行政法规禁止公开",
	"其他法律行政止公开":          "其他法律行政法规禁止公开",
	"3.危及\"三安全一稳定\"":     "3.危及“三安全一稳定”",
	"（六）其他处理（单独列出的其他情形）": "（六）其他处理",
}

// canonicalOf maps a label as printed to its canonical form.
func canonicalOf(label string) string {
	n := normLabel(label)
	if c, ok := variants[n]; ok {
		return c
	}
	for v, c := range variants {
		if normLabel(v) == n {
			return c
		}
	}
	return n
}

// tableReader maps the rows of sections 二, 三, 四 to report cells.
type tableReader struct {
	f         *model.Format
	r         *model.Report
	res       *Result
	published map[string]model.Value
	devs      map[string]model.Deviation
	filled    map[string]bool
}

func (tr *tableReader) deviation(key, found, canonical string) {
	if found == canonical {
		return
	}
	if _, ok := tr.devs[key]; !ok {
		tr.devs[key] = model.Deviation{Key: key, Found: found, Canonical: canonical}
	}
}

func (tr *tableReader) uncertain(key string, raw string, it item, reason string) {
	tr.res.Uncertain = append(tr.res.Uncertain, Uncertain{Key: key, Raw: raw, Line: it.line, Source: strings.TrimSpace(it.text), Reason: reason})
}

// store puts a read value in a typed cell or, for a total, among the
// printed totals.
func (tr *tableReader) store(ref model.CellRef, raw string, it item) {
	key := ref.Key()
	v, err := model.ParseValue(ref.Kind(), raw)
	if isBlankMark(raw) {
		v, err = model.Value{}, nil
	}
	if err != nil {
		tr.uncertain(key, raw, it, "不是可以识别的数字")
		return
	}
	if ref.Computed() {
		tr.published[key] = v
		if v.Set {
			tr.res.CellsRead++
		}
		return
	}
	if tr.filled[key] {
		tr.uncertain(key, raw, it, "这一格已从前面一行读过")
		return
	}
	tr.filled[key] = true
	if !v.Set {
		tr.res.Blanks = append(tr.res.Blanks, key)
		return
	}
	tr.r.SetCell(key, v)
	tr.res.CellsRead++
}

// readS2 reads 表二: a caption row chooses the sub-table, its rows are
// found by label, values follow the format's column order.
func (tr *tableReader) readS2(items []item) {
	var cur *model.Table
	for _, it := range items {
		text := normLabel(firstText(it))
		if m := captionRe.FindStringSubmatch(text); m != nil {
			cur = nil
			for _, t := range tr.f.TablesOf(2) {
				if normLabel(t.Caption) == "第二十条第（"+m[1]+"）项" {
					cur = t
				}
			}
			if cur == nil {
				tr.res.Notes = append(tr.res.Notes, fmt.Sprintf("第 %d 行：%s 不属于 %s 版格式，未读取", it.line, m[0], tr.f.ID))
			}
			continue
		}
		if cur == nil || it.row == nil {
			continue
		}
		lbl := labels(it.row.cells)
		if len(lbl) == 0 {
			continue
		}
		ri := -1
		for i, rw := range cur.Rows {
			if canonicalOf(lbl[0]) == normLabel(rw.Label) {
				ri = i
			}
		}
		if ri < 0 {
			// 规范性文件 in a 2021 table, 行政规范性文件 in a 2019 one.
			for i, rw := range cur.Rows {
				if strings.HasSuffix(normLabel(lbl[0]), "规范性文件") && rw.Key == "guifanxing" {
					ri = i
					tr.deviation(rowKey(cur, i), lbl[0], rw.Label)
				}
			}
		}
		if ri < 0 {
			continue
		}
		vals, _, ok := tail(it.row, len(cur.Cols))
		if !ok {
			for j := range cur.Cols {
				tr.uncertain(cur.CellKey(ri, j), strings.Join(it.row.cells[1:], " "), it, "这一行的数字个数与表头不符，无法确定各数字属于哪一列")
			}
			continue
		}
		for j, raw := range vals {
			tr.store(model.CellRef{Table: cur, Row: ri, Col: j}, raw, it)
		}
	}
}

var captionRe = regexp.MustCompile(`第二十条第（([一二三四五六七八九十]+)）项`)

func firstText(it item) string {
	if it.row == nil {
		return it.text
	}
	for _, c := range it.row.cells {
		if strings.TrimSpace(c) != "" {
			return c
		}
	}
	return ""
}

func rowKey(t *model.Table, i int) string { return t.Key + "." + t.Rows[i].Key }

// readS3 reads 表三. Its rows always come in the official order with one
// line of numbers each, so when the count of number lines is right they
// are taken in order, the labels serving as a check; otherwise each line
// is placed by its label, and a line whose label cannot be recognised is
// listed as uncertain.
func (tr *tableReader) readS3(items []item) {
	t := tr.f.Table("s3")
	type data struct {
		it     item
		vals   []string
		labels []string
		near   []string // label text on lines without numbers around it
	}
	var rows []data
	var pending []string
	for _, it := range items {
		if it.row == nil {
			if s := strings.TrimSpace(it.text); s != "" {
				pending = append(pending, s)
			}
			continue
		}
		vals, lbl, ok := tail(it.row, len(t.Cols))
		if !ok && hasNumber(it.row.cells) {
			// Numbers, but not a whole row of them: which cell each
			// belongs to cannot be known (blank cells leave no trace in
			// PDF text). Listed, not stored, and not counted as a row.
			tr.uncertain("s3", strings.TrimSpace(it.text), it, "这一行的数字少于 7 个，无法确定各数字属于哪一列")
			continue
		}
		if !ok {
			if len(labels(it.row.cells)) > 0 {
				tr.checkS3Header(it)
			}
			// A line of label text without numbers continues the row above
			// (the seed's "(四) 无" / "法提供").
			if n := len(rows); n > 0 && len(lbl) > 0 && !isHeaderRow(lbl) {
				rows[n-1].near = append(rows[n-1].near, lbl...)
				joinFragments(&rows[n-1].labels, lbl)
			}
			continue
		}
		if len(vals) > 0 && len(rows) > 0 && len(lbl) == 0 && len(pending) > 0 {
			lbl = pending
		}
		rows = append(rows, data{it: it, vals: vals, labels: lbl, near: pending})
		pending = nil
	}
	// Which canonical row does each line name?
	match := func(d data) int {
		cands := append(append([]string(nil), d.labels...), d.near...)
		for i := len(d.labels) - 1; i >= 0; i-- {
			if k := rowByLabel(t, d.labels[i], true); k >= 0 {
				return k
			}
		}
		// A label wrapped over several lines: accept it only when exactly
		// one row's label is in the text around the numbers.
		joined := normLabel(strings.Join(cands, ""))
		only := -1
		for k, rw := range t.Rows {
			if strings.Contains(joined, normLabel(rw.Label)) {
				if only >= 0 {
					only = -2
					break
				}
				only = k
			}
		}
		if only >= 0 {
			return only
		}
		for i := len(d.labels) - 1; i >= 0; i-- {
			if k := rowByLabel(t, d.labels[i], false); k >= 0 {
				return k
			}
		}
		return -1
	}
	byOrder := len(rows) == len(t.Rows)
	if byOrder {
		for i, d := range rows {
			if k := match(d); k >= 0 && k != i {
				byOrder = false
				break
			}
		}
	}
	for i, d := range rows {
		k := i
		if !byOrder {
			k = match(d)
		}
		if k < 0 {
			for j := range t.Cols {
				tr.uncertain(fmt.Sprintf("s3.?.%s", t.Cols[j].Key), d.vals[j], d.it, "无法确定这一行是表三的哪一行")
			}
			continue
		}
		for _, l := range d.labels {
			if c := canonicalOf(l); c != normLabel(l) && strings.Contains(normLabel(t.Rows[k].Label), c) {
				tr.deviation(rowKey(t, k), l, t.Rows[k].Label)
			}
		}
		for j, raw := range d.vals {
			tr.store(model.CellRef{Table: t, Row: k, Col: j}, raw, d.it)
		}
	}
	if len(rows) > 0 && len(rows) != len(t.Rows) {
		tr.res.Notes = append(tr.res.Notes, fmt.Sprintf("表三读到 %d 行数字，%s 版格式应有 %d 行；已按行名对应", len(rows), tr.f.ID, len(t.Rows)))
	}
}

func isHeaderRow(lbl []string) bool {
	for _, l := range lbl {
		n := normLabel(l)
		if strings.Contains(n, "申请人情况") || strings.Contains(n, "自然人") || strings.Contains(n, "商业企业") || strings.Contains(n, "勾稽") {
			return true
		}
	}
	return false
}

// joinFragments appends wrapped label text to the row's labels, fragment
// by fragment from the right.
func joinFragments(dst *[]string, more []string) {
	d := *dst
	if len(d) == 0 {
		*dst = append(d, more...)
		return
	}
	off := len(d) - len(more)
	for i, m := range more {
		if off+i >= 0 {
			d[off+i] += m
		} else {
			d[0] = m + d[0]
		}
	}
}

// rowByLabel finds a 表三 row by its own label; with exact false, a label
// cut by a line break matches the only row it begins.
func rowByLabel(t *model.Table, label string, exactOnly bool) int {
	c := canonicalOf(label)
	found := -1
	for k, rw := range t.Rows {
		n := normLabel(rw.Label)
		switch {
		case c == n:
			return k
		case !exactOnly && len([]rune(c)) >= 4 && strings.HasPrefix(n, c):
			if found >= 0 {
				return -1 // ambiguous
			}
			found = k
		}
	}
	return found
}

// checkS3Header notes a column header that differs from the canonical one
// (社会组织 for 社会公益组织).
func (tr *tableReader) checkS3Header(it item) {
	t := tr.f.Table("s3")
	for _, l := range labels(it.row.cells) {
		c := canonicalOf(l)
		for j, col := range t.Cols {
			if c == normLabel(col.Label) && normLabel(l) != c {
				tr.deviation("s3.xinshou."+t.Cols[j].Key, l, col.Label)
			}
		}
		if strings.Contains(normLabel(l), "勾稽关系") && normLabel(l) != normLabel(t.Corner) {
			if strings.Contains(l, "(") {
				tr.deviation("s3", l, t.Corner)
			}
		}
	}
}

// readS4 reads 表四: the one row of fifteen numbers, or (as the text
// export writes it) a row of five per group.
func (tr *tableReader) readS4(items []item) {
	t := tr.f.Table("s4")
	n := len(t.Rows) * len(t.Cols)
	if tr.readS4ByGroup(items) {
		return
	}
	for _, it := range items {
		if it.row == nil {
			continue
		}
		vals, _, ok := tail(it.row, n)
		if !ok {
			if spaced := it.row.sep == spaced; spaced {
				cells := labels(it.row.cells)
				nums := 0
				for _, c := range it.row.cells {
					if isNumberCell(c) {
						nums++
					}
				}
				if nums > 0 && len(cells) == 0 {
					tr.uncertain("s4", strings.TrimSpace(it.text), it, fmt.Sprintf("读到 %d 个数字，应有 %d 个；空白格的位置无法确定", nums, n))
				}
			}
			continue
		}
		for k, raw := range vals {
			g, c := k/len(t.Cols), k%len(t.Cols)
			tr.store(model.CellRef{Table: t, Row: g, Col: c}, raw, it)
		}
		return
	}
}

// readS4ByGroup reads 表四 written one group a line: 行政复议 …,
// 行政诉讼（未经复议直接起诉）…, 行政诉讼（复议后起诉）….
func (tr *tableReader) readS4ByGroup(items []item) bool {
	t := tr.f.Table("s4")
	type line struct {
		it   item
		vals []string
	}
	found := map[int]line{}
	for _, it := range items {
		if it.row == nil {
			continue
		}
		vals, lbl, ok := tail(it.row, len(t.Cols))
		if !ok || len(lbl) == 0 {
			continue
		}
		l := normLabel(strings.Join(lbl, ""))
		g := -1
		switch {
		case strings.Contains(l, "复议后起诉"):
			g = t.RowIndex("susong_fuyihou")
		case strings.Contains(l, "直接起诉"):
			g = t.RowIndex("susong_zhijie")
		case strings.Contains(l, "行政复议"):
			g = t.RowIndex("fuyi")
		}
		if g >= 0 {
			found[g] = line{it, vals}
		}
	}
	if len(found) != len(t.Rows) {
		return false
	}
	for g, l := range found {
		for c, raw := range l.vals {
			tr.store(model.CellRef{Table: t, Row: g, Col: c}, raw, l.it)
		}
	}
	return true
}

func hasNumber(cells []string) bool {
	for _, c := range cells {
		if isNumberCell(c) {
			return true
		}
	}
	return false
}
