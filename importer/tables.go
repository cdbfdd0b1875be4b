package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

// Uncertain is a number the importer could not place with certainty: it
// is listed with its source line and not stored.
type Uncertain struct {
	Key    string `json:"key"`
	Raw    string `json:"raw"`
	Count  int    `json:"count"` // how many numbers
	Line   int    `json:"line"`
	Source string `json:"source"`
	Reason string `json:"reason"`
}

var numberCell = regexp.MustCompile(`^[+\-]?\d[\d,]*(\.\d+)?\s*(件|项|个|条|次|万元|元)?$`)

// variants maps misprints and local wordings seen in published reports to
// the canonical label (R14 deviations when found).
var variants = map[string]string{
	"社会组织":           "社会公益组织",
	"公益组织":           "社会公益组织",
	"2.其他法律行政止公开":    "2.其他法律行政法规禁止公开",
	"其他法律行政止公开":      "其他法律行政法规禁止公开",
	"3.危及\"三安全一稳定\"": "3.危及“三安全一稳定”",
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

// Which table a row or caption belongs to.
type tableKind int

const (
	noTable tableKind = iota
	table2
	table3
	table4
)

var (
	s2Labels = map[string]bool{"规章": true, "规范性文件": true, "行政规范性文件": true, "行政许可": true, "其他对外管理服务事项": true,
		"行政处罚": true, "行政强制": true, "行政事业性收费": true, "政府集中采购": true}
	s2Words = []string{"第二十条", "信息内容", "本年制发件数", "本年新制作数量", "上一年项目数量", "本年处理决定数量", "处理决定数量",
		"本年收费金额", "采购项目数量", "采购总金额", "现行有效件数", "本年废止件数", "对外公开总数量"}
	s3Words = []string{"申请人情况", "自然人", "商业企业", "法人或其他组织", "勾稽关系", "科研机构", "法律服务机构", "社会公益组织"}
	s4Words = []string{"行政复议", "行政诉讼", "结果维持", "结果纠正", "复议后起诉", "直接起诉", "尚未审结"}
)

// kindOf tells the table a row or a short line of text belongs to by its
// labels (noTable when it says nothing). Numbers alone do not tell.
func kindOf(f *model.Format, cells []string) tableKind {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" || isNumberCell(c) || utf8.RuneCountInString(c) > 60 {
			continue
		}
		n := normLabel(c)
		if s2Labels[strings.TrimLeft(n, "0123456789.")] || containsAny(n, s2Words) {
			return table2
		}
		if containsAny(n, s4Words) && !strings.Contains(n, "。") {
			return table4
		}
		if containsAny(n, s3Words) || rowByLabel(f.Table("s3"), c, false) >= 0 {
			return table3
		}
	}
	return noTable
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// tableReader maps the rows of the tables to report cells.
type tableReader struct {
	f         *model.Format
	r         *model.Report
	res       *Result
	published map[string]model.Value
	devs      map[string]model.Deviation
	filled    map[string]bool
	unit      string // of 采购总金额, when its header gives one
}

func (tr *tableReader) deviation(key, found, canonical string) {
	if found == canonical {
		return
	}
	if _, ok := tr.devs[key]; !ok {
		tr.devs[key] = model.Deviation{Key: key, Found: found, Canonical: canonical}
	}
}

func (tr *tableReader) uncertain(key string, raw string, count int, it item, reason string) {
	tr.res.Uncertain = append(tr.res.Uncertain, Uncertain{Key: key, Raw: raw, Count: count, Line: it.line,
		Source: strings.TrimSpace(it.text), Reason: reason})
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
		tr.uncertain(key, raw, 1, it, "不是可以识别的数字")
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
		tr.uncertain(key, raw, 1, it, "这一格已从前面一行读过")
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

// rowValues lists a placed row's raw values for an uncertain entry.
func rowNumbers(r *row) (string, int) {
	var nums []string
	for _, c := range r.cells {
		if isNumberCell(c) {
			nums = append(nums, strings.TrimSpace(c))
		}
	}
	return strings.Join(nums, " "), len(nums)
}

// readS2 reads 表二: each row is found by its label (规章, 行政许可 … are
// unique across the sub-tables), the caption confirming the sub-table;
// values follow the format's column order. A label of the other format
// (规范性文件 in 2021) is reported whatever happens to its numbers.
func (tr *tableReader) readS2(items []item) {
	var caption *model.Table
	captioned, used := map[*model.Table]bool{}, map[*model.Table]bool{}
	rowSeen, labelSeen := map[string]bool{}, map[string]bool{}
	defer func() {
		for _, t := range tr.f.TablesOf(2) {
			if used[t] && !captioned[t] {
				tr.deviation(t.Key, "（缺少标题行“"+t.Caption+"”）", t.Caption)
			}
			if !used[t] && !captioned[t] {
				continue
			}
			// A row named but without its numbers (the text lost them):
			// uncertain. A row the published table does not have: its
			// cells are blank (R5) and the table deviates (R14).
			for i, rw := range t.Rows {
				switch k := rowKey(t, i); {
				case rowSeen[k]:
				case labelSeen[k]:
					tr.res.Uncertain = append(tr.res.Uncertain, Uncertain{Key: k, Count: len(t.Cols),
						Reason: "找到了这一行的行名，但没有读到它的数字（文字中各格的次序已打乱）"})
				default:
					tr.deviation(k, "（缺少这一行）", rw.Label)
					for j := range t.Cols {
						tr.res.Blanks = append(tr.res.Blanks, t.CellKey(i, j))
					}
				}
			}
		}
	}()
	for _, it := range items {
		text := normLabel(firstText(it))
		if it.row != nil {
			text = normLabel(strings.Join(labels(it.row.cells), ""))
		}
		if m := captionRe.FindStringSubmatch(text); m != nil {
			caption = nil
			for _, t := range tr.f.TablesOf(2) {
				if normLabel(t.Caption) == "第二十条第（"+m[1]+"）项" {
					caption = t
					captioned[t] = true
				}
			}
			if caption == nil {
				tr.res.Notes = append(tr.res.Notes, fmt.Sprintf("第 %d 行：%s 不属于 %s 版格式，未读取", it.line, m[0], tr.f.ID))
			}
			if it.row == nil || !hasNumber(it.row.cells) {
				continue
			}
		}
		if it.row == nil {
			// A row's label standing alone: its numbers are elsewhere.
			if t, i, _ := tr.s2Find(it.text, caption); t != nil {
				labelSeen[rowKey(t, i)] = true
				used[t] = true
			}
			continue
		}
		lbl := labels(it.row.cells)
		if len(lbl) == 0 {
			continue
		}
		for _, l := range lbl {
			if t, i, _ := tr.s2Find(l, nil); t != nil {
				labelSeen[rowKey(t, i)] = true
			}
		}
		if u := unitIn.FindStringSubmatch(normLabel(strings.Join(lbl, ""))); u != nil {
			tr.unit = u[1]
		}
		if caption != nil && !hasNumber(it.row.cells) && normLabel(lbl[0]) == normLabel(caption.Corner) {
			tr.checkS2Header(caption, lbl[1:])
			continue
		}
		cur, ri := tr.s2Row(lbl, caption)
		if cur == nil {
			continue
		}
		used[cur] = true
		rowSeen[rowKey(cur, ri)] = true
		p := place(it.row, layout{n: len(cur.Cols), gridStart: -1})
		if !p.ok {
			if hasNumber(it.row.cells) {
				raw, n := rowNumbers(it.row)
				tr.uncertain(cur.Key+"."+cur.Rows[ri].Key, raw, n, it, "这一行的数字个数与表头不符，无法确定各数字属于哪一列")
			}
			continue
		}
		for j, raw := range p.vals {
			ref := model.CellRef{Table: cur, Row: ri, Col: j}
			if ref.Kind() == model.Amount && tr.unit != "" && isNumberCell(raw) && strings.Trim(raw, "0123456789.,， ") == "" {
				raw += tr.unit // the unit stands in the header: 采购总金额（元）
			}
			tr.store(ref, raw, it)
		}
	}
}

// unitIn reads the unit a header gives an amount: 采购总金额（元）.
var unitIn = regexp.MustCompile(`采购总金额（(元|万元)）`)

// s2Row finds the sub-table and row a label names.
func (tr *tableReader) s2Row(lbl []string, caption *model.Table) (*model.Table, int) {
	for _, l := range lbl {
		if t, i, other := tr.s2Find(l, caption); t != nil {
			if other {
				tr.deviation(rowKey(t, i), l, t.Rows[i].Label)
			}
			return t, i
		}
	}
	return nil, -1
}

// s2Find finds the row a label names; other tells a label of the other
// format (规范性文件 in a 2021 table, 行政规范性文件 in a 2019 one).
func (tr *tableReader) s2Find(l string, caption *model.Table) (t *model.Table, row int, other bool) {
	n := strings.TrimLeft(canonicalOf(l), "0123456789.")
	for _, t := range tr.f.TablesOf(2) {
		for i, rw := range t.Rows {
			if n == normLabel(rw.Label) {
				return t, i, false
			}
		}
	}
	if strings.HasSuffix(n, "规范性文件") && utf8.RuneCountInString(n) <= 8 {
		t := tr.f.Table("s2.a20_1")
		if i := t.RowIndex("guifanxing"); i >= 0 && (caption == nil || caption == t) {
			return t, i, true
		}
	}
	return nil, -1, false
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

// s3Layout is what 表三's rows share: seven values, the last the total of
// the six before it; where the header puts them.
func (tr *tableReader) s3Layout(items []item) layout {
	t := tr.f.Table("s3")
	n := len(t.Cols)
	parts := make([]int, n-1)
	for i := range parts {
		parts[i] = i
	}
	lay := layout{n: n, totals: []totalSpec{{at: n - 1, parts: parts}}, gridStart: gridStartOf(items, normLabel(t.Cols[1].Label))}
	lay.centers = fullRowCenters(items, n)
	if lay.centers == nil {
		lay.centers = headerCenters(items, [][]string{{"自然"}, {"商业", "企业"}, {"科研"}, {"社会", "公益"}, {"法律", "服务机构"}, {"其他"}, {"总计"}},
			[]string{"法人", "勾稽", "申请人", "第一项", "第三项"})
	}
	return lay
}

// readS3 reads 表三. Its rows come in the official order with one line of
// numbers each: when every line names its row, by name; when the count of
// lines is right and the names do not contradict the order — and, where
// names are missing, the printed （七）总计 confirms it — in order; a
// line that cannot be placed is listed as uncertain.
func (tr *tableReader) readS3(items []item) {
	t := tr.f.Table("s3")
	lay := tr.s3Layout(items)
	type data struct {
		it     item
		vals   []string
		labels []string
		near   []string // label text on lines without numbers around it
		hole   bool     // an uncertain line whose row is known: it keeps its place in the order
		key    int
	}
	var rows []data
	var pending []string
	for _, it := range items {
		if it.row == nil {
			if s := strings.TrimSpace(it.text); s != "" && !isPageChrome(s) {
				pending = append(pending, s)
			}
			continue
		}
		p := place(it.row, lay)
		allBlank := p.ok
		for _, v := range p.vals {
			allBlank = allBlank && v == ""
		}
		if p.ok && allBlank && matchS3(t, p.labels, nil) < 0 {
			p.ok = false // a wrapped label, not a row of blank cells
		}
		if !p.ok && hasNumber(it.row.cells) {
			// Numbers, but not where each belongs: listed, not stored.
			raw, n := rowNumbers(it.row)
			key := "s3"
			k := matchS3(t, p.labels, pending)
			if k >= 0 {
				key = "s3." + t.Rows[k].Key
				rows = append(rows, data{it: it, hole: true, key: k})
			}
			tr.uncertain(key, raw, n, it, p.reason)
			pending = nil
			continue
		}
		if !p.ok {
			tr.checkS3Header(it)
			// A line of label text without numbers continues the row above
			// (the seed's "(四) 无" / "法提供").
			if n := len(rows); n > 0 && len(p.labels) > 0 && !isHeaderRow(p.labels) && !rows[n-1].hole {
				rows[n-1].near = append(rows[n-1].near, p.labels...)
				joinFragments(&rows[n-1].labels, p.labels)
			}
			continue
		}
		lbl := p.labels
		if len(lbl) == 0 && len(rows) > 0 && len(pending) > 0 {
			lbl = pending
		}
		rows = append(rows, data{it: it, vals: p.vals, labels: lbl, near: pending})
		pending = nil
	}
	if len(rows) == 0 {
		return
	}
	for i := range rows {
		if !rows[i].hole {
			rows[i].key = matchS3(t, rows[i].labels, rows[i].near)
		}
	}
	keys := make([]int, len(rows))
	for i, d := range rows {
		keys[i] = d.key
	}
	byOrder, loose := orderFill(keys, len(t.Rows))
	if loose {
		// Many lines without names: their order counts only when the
		// printed （七）总计 equals the sum of the result rows so read.
		vals := make([][]string, len(t.Rows))
		for i, k := range keys {
			if k >= 0 && !rows[i].hole {
				vals[k] = rows[i].vals
			}
		}
		ok := vals[t.RowIndex("r7")] != nil && resultsAddUp(t, func(i int) []string {
			if vals[i] == nil {
				return make([]string, len(t.Cols))
			}
			return vals[i]
		})
		if !ok {
			for i := range keys {
				if rows[i].key < 0 {
					keys[i] = -1
				}
			}
			byOrder = 0
		}
	}
	for i, d := range rows {
		if d.hole {
			continue
		}
		k := keys[i]
		if k < 0 {
			raw := strings.Join(nonBlank(d.vals), " ")
			tr.uncertain("s3", raw, len(nonBlank(d.vals)), d.it, "无法确定这一行是表三的哪一行")
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
	if len(rows) != len(t.Rows) {
		tr.res.Notes = append(tr.res.Notes, fmt.Sprintf("表三读到 %d 行数字，%s 版格式应有 %d 行；已按行名对应", len(rows), tr.f.ID, len(t.Rows)))
	}
	if byOrder > 0 {
		tr.res.Notes = append(tr.res.Notes, fmt.Sprintf("表三有 %d 行没有可辨认的行名，按官方格式的行序读取", byOrder))
	}
}

// orderFill gives lines without a recognised row (-1) the row their place
// in the official order implies: a run of such lines between two known
// rows (or the table's ends) takes the rows between them when the counts
// agree. Known rows must come in order. It returns how many it filled and
// whether a run was long or open at an end, which needs confirming.
func orderFill(keys []int, nrows int) (filled int, loose bool) {
	last := -1
	for _, k := range keys {
		if k >= 0 {
			if k <= last {
				return 0, false // names out of order: nothing is inferred
			}
			last = k
		}
	}
	prev := -1 // row of the last known line
	for i := 0; i <= len(keys); {
		if i < len(keys) && keys[i] >= 0 {
			prev = keys[i]
			i++
			continue
		}
		j := i
		for j < len(keys) && keys[j] < 0 {
			j++
		}
		next := nrows
		if j < len(keys) {
			next = keys[j]
		}
		if j > i && j-i == next-prev-1 {
			for m := i; m < j; m++ {
				keys[m] = prev + 1 + (m - i)
				filled++
			}
			loose = loose || j-i > 3 || (prev < 0 || j == len(keys)) && j-i > 1
		}
		if j == len(keys) {
			break
		}
		i = j
	}
	return filled, loose
}

func nonBlank(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// resultsAddUp: read in the official order, do the result rows add up to
// the printed （七）总计 in every column where it is printed?
func resultsAddUp(t *model.Table, vals func(i int) []string) bool {
	r7 := t.RowIndex("r7")
	checked := 0
	for c := range t.Cols {
		tot, ok := numOf(vals(r7)[c])
		if !ok {
			continue
		}
		var sum int64
		for i, rw := range t.Rows {
			if rw.Result {
				v, _ := numOf(vals(i)[c])
				sum += v
			}
		}
		if sum != tot {
			return false
		}
		checked++
	}
	return checked > 0
}

// matchS3 finds which row of 表三 a line names, from its own labels and,
// for a label wrapped over lines, the text around it; -1 if none.
func matchS3(t *model.Table, own, near []string) int {
	for i := len(own) - 1; i >= 0; i-- {
		if k := rowByLabel(t, own[i], true); k >= 0 {
			return k
		}
	}
	// A label wrapped over several lines: accept it only when exactly one
	// row's label is in the text around the numbers.
	joined := normLabel(strings.Join(append(append([]string(nil), own...), near...), ""))
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
	for i := len(own) - 1; i >= 0; i-- {
		if k := rowByLabel(t, own[i], false); k >= 0 {
			return k
		}
	}
	return -1
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

// rowByLabel finds a 表三 row by its own label; with exactOnly false, a
// label cut by a line break matches the only row it begins.
func rowByLabel(t *model.Table, label string, exactOnly bool) int {
	c := canonicalOf(label)
	found := -1
	for k, rw := range t.Rows {
		n := normLabel(rw.Label)
		switch {
		case c == n:
			return k
		case !exactOnly && utf8.RuneCountInString(c) >= 4 && strings.HasPrefix(n, c):
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
		tr.checkCorner(l)
	}
}

// checkCorner notes a corner note of 表三 printed otherwise than the
// canonical one (ASCII brackets, 钩稽 for 勾稽).
func (tr *tableReader) checkCorner(l string) {
	t := tr.f.Table("s3")
	n := strings.Join(strings.Fields(l), "")
	if strings.Contains(n, "稽关系") && strings.Contains(n, "第一项") && n != t.Corner {
		tr.deviation("s3", l, t.Corner)
	}
}

// checkS2Header notes a column header of a 表二 sub-table that differs
// from the canonical one ("先行有效件数", "本年增/减量").
func (tr *tableReader) checkS2Header(t *model.Table, cells []string) {
	for _, c := range cells {
		n := normLabel(c)
		if n == "" || n == normLabel(t.Corner) {
			continue
		}
		for _, col := range t.Cols {
			cl := normLabel(col.Label)
			if n != cl && (strings.HasPrefix(n, cl) || similar(n, cl)) {
				tr.deviation(t.Key+".header."+col.Key, c, col.Label)
			}
		}
	}
}

// s4Totals: each group's 总计 is the sum of its four results.
func s4Totals(groups, cols int) []totalSpec {
	var out []totalSpec
	for g := range groups {
		b := g * cols
		out = append(out, totalSpec{at: b + cols - 1, parts: []int{b, b + 1, b + 2, b + 3}})
	}
	return out
}

// readS4 reads 表四: the one row of fifteen numbers, or (as the text
// export writes it) a row of five per group.
func (tr *tableReader) readS4(items []item) {
	t := tr.f.Table("s4")
	nc := len(t.Cols)
	n := len(t.Rows) * nc
	if tr.readS4ByGroup(items) {
		return
	}
	lay := layout{n: n, totals: s4Totals(len(t.Rows), nc), gridStart: -1}
	lay.centers = fullRowCenters(items, n)
	if lay.centers == nil {
		var want [][]string
		for range t.Rows {
			want = append(want, []string{"维持"}, []string{"纠正"}, []string{"其他"}, []string{"审结", "尚未"}, []string{"总计"})
		}
		lay.centers = headerCenters(items, want, []string{"复议", "诉讼", "起诉"})
	}
	for _, it := range items {
		if it.row == nil || !hasNumber(it.row.cells) {
			continue
		}
		p := place(it.row, lay)
		if !p.ok {
			raw, k := rowNumbers(it.row)
			tr.uncertain("s4", raw, k, it, p.reason)
			continue
		}
		for k, raw := range p.vals {
			tr.store(model.CellRef{Table: t, Row: k / nc, Col: k % nc}, raw, it)
		}
		return
	}
}

// readS4ByGroup reads 表四 written one group a line: 行政复议 …,
// 行政诉讼（未经复议直接起诉）…, 行政诉讼（复议后起诉）….
func (tr *tableReader) readS4ByGroup(items []item) bool {
	t := tr.f.Table("s4")
	nc := len(t.Cols)
	type line struct {
		it   item
		vals []string
	}
	found := map[int]line{}
	lay := layout{n: nc, totals: s4Totals(1, nc), gridStart: -1}
	for _, it := range items {
		if it.row == nil {
			continue
		}
		p := place(it.row, lay)
		if !p.ok || len(p.labels) == 0 {
			continue
		}
		l := normLabel(strings.Join(p.labels, ""))
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
			found[g] = line{it, p.vals}
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

// Table labels followed at once by digits: a table flattened into text
// with its cells run together ("规章1411", "申请数量 00 00000").
var runTogetherRe = []struct {
	table string
	re    *regexp.Regexp
}{
	{"s2", regexp.MustCompile(`第二十条.*(?:规章|规范性文件|行政许可|行政处罚)\s*\d`)},
	{"s3", regexp.MustCompile(`本年新收政府信息公开申请数量\s*\d[\d ]*`)},
	{"s4", regexp.MustCompile(`尚未审结\s*总计\s*\d[\d ]{4,}`)},
}

// runTogether reads a table whose rows were not found but whose numbers
// stand run together in the text after each row's label. A row's run of
// digits is certain when it holds exactly one digit per cell (or the row
// has one cell); otherwise ("规章1411" for three cells) it is uncertain.
func (tr *tableReader) runTogether(items []item) {
	for _, x := range runTogetherRe {
		read := false
		for k := range tr.filled {
			read = read || strings.HasPrefix(k, x.table+".")
		}
		for k := range tr.published {
			read = read || strings.HasPrefix(k, x.table+".")
		}
		if read {
			continue
		}
		for _, it := range items {
			if it.row == nil && x.re.MatchString(it.text) && tr.readRunTogether(x.table, it) {
				break
			}
		}
	}
}

// runTogetherLabels checks the captions, headers and corner note of a
// table whose text runs together (R14), as the row readers do for tables
// with cells.
func (tr *tableReader) runTogetherLabels(table, text string) {
	switch table {
	case "s2":
		subs := tr.f.TablesOf(2)
		for i, t := range subs {
			c := normLabel(t.Caption)
			k := strings.Index(text, c)
			first := normLabel(t.Rows[0].Label)
			if t.Rows[0].Key == "guifanxing" || t.Rows[0].Key == "guizhang" {
				first = "规章"
			}
			if k < 0 {
				if strings.Contains(text, normLabel(t.Rows[0].Label)) {
					tr.deviation(t.Key, "（缺少标题行“"+t.Caption+"”）", t.Caption)
				}
				continue
			}
			rest := text[k+len(c):]
			end := len(rest)
			for _, rw := range t.Rows {
				for _, l := range []string{normLabel(rw.Label), "规范性文件", first} {
					if j := strings.Index(rest, l); j >= 0 && j < end {
						end = j
					}
				}
			}
			if i+1 < len(subs) {
				if j := strings.Index(rest, normLabel(subs[i+1].Caption)); j >= 0 && j < end {
					end = j
				}
			}
			head := rest[:end]
			want := normLabel(t.Corner)
			for _, col := range t.Cols {
				want += normLabel(col.Label)
			}
			if head != want && !strings.HasPrefix(head, want) && len(head) < 3*len(want) {
				tr.deviation(t.Key+".header", head, want)
			}
		}
	case "s3":
		t := tr.f.Table("s3")
		if i := strings.Index(text, "（本列数据的"); i >= 0 {
			if j := strings.Index(text[i:], "之和）"); j >= 0 && j < 200 {
				note := text[i : i+j+len("之和）")]
				if note != normLabel(t.Corner) {
					tr.deviation("s3", note, t.Corner)
				}
			}
		}
		if n := strings.Count(text, normLabel(model.S3Results)); n > 1 {
			tr.deviation("s3.head", fmt.Sprintf("“%s”印了 %d 次", model.S3Results, n), model.S3Results)
		}
		if r6 := t.RowIndex("r6_1"); r6 >= 0 {
			g := normLabel(t.Rows[r6].Group)
			if i := strings.Index(text, g); i >= 0 {
				j := i + len(g)
				for j < len(text) && text[j] >= '0' && text[j] <= '9' {
					j++
				}
				// Digits right after the group, not an item number ("1.").
				if j > i+len(g) && (j == len(text) || text[j] != '.') {
					tr.deviation("s3.r6_1", g+"（只有一行，是 2019 版格式）", t.Rows[r6].Label)
				}
			}
		}
	}
}

// runRow is a row of a table as it stands in run-together text.
type runRow struct {
	t      *model.Table
	row    int
	labels []string // the label, and the other format's wording
}

func (tr *tableReader) runRows(table string) []runRow {
	var out []runRow
	if table == "s4" {
		return []runRow{{t: tr.f.Table("s4"), row: -1, labels: []string{"尚未审结总计"}}}
	}
	for _, t := range tr.f.Tables {
		if (table == "s2") != (t.Section == 2) || table == "s3" && t.Key != "s3" {
			continue
		}
		for i, rw := range t.Rows {
			ls := []string{normLabel(rw.Label)}
			if rw.Key == "guifanxing" {
				ls = []string{"行政规范性文件", "规范性文件"}
			}
			out = append(out, runRow{t: t, row: i, labels: ls})
		}
	}
	return out
}

func (tr *tableReader) readRunTogether(table string, it item) bool {
	text := normLabel(it.text)
	name := map[string]string{"s2": "表二", "s3": "表三", "s4": "表四"}[table]
	rows := tr.runRows(table)
	// Where each row's label stands, in order; a row's digits run to the
	// next label (which may begin with its own item number, "2.").
	type at struct {
		rr         runRow
		start, end int
	}
	var found []at
	var missing []runRow
	pos := 0
	for _, rr := range rows {
		k, lbl := -1, ""
		for _, l := range rr.labels {
			j := strings.Index(text[pos:], l)
			if table == "s4" {
				j = strings.LastIndex(text[pos:], l)
			}
			if j >= 0 && (k < 0 || j < k) {
				k, lbl = j, l
			}
		}
		if k < 0 {
			missing = append(missing, rr)
			continue
		}
		if rr.row >= 0 && lbl != rr.labels[0] {
			tr.deviation(rowKey(rr.t, rr.row), lbl, rr.t.Rows[rr.row].Label)
		}
		found = append(found, at{rr, pos + k, pos + k + len(lbl)})
		pos += k + len(lbl)
	}
	if len(found)*2 < len(rows) {
		return false
	}
	for _, rr := range missing {
		tr.uncertain(rowKey(rr.t, rr.row), "", 0, it, name+"的这一行在连在一起的文字中没有找到，请对照原报告填写")
		if table == "s2" {
			tr.deviation(rowKey(rr.t, rr.row), "（缺少这一行）", rr.t.Rows[rr.row].Label)
		}
	}
	tr.runTogetherLabels(table, text)
	for i, f := range found {
		limit := len(text)
		if i+1 < len(found) {
			limit = found[i+1].start
		}
		end := f.end
		for end < limit && strings.IndexByte("0123456789.+-", text[end]) >= 0 {
			end++
		}
		run := strings.TrimRight(text[f.end:end], ".")
		if run == "" {
			continue
		}
		rr := f.rr
		cells := len(rr.t.Cols)
		if rr.row < 0 {
			cells *= len(rr.t.Rows)
		}
		var vals []string
		switch {
		case cells == 1 && strings.Trim(run, "0123456789.") == "":
			vals = []string{run}
		case len(run) == cells && strings.Trim(run, "0123456789") == "":
			for _, d := range run {
				vals = append(vals, string(d))
			}
		default:
			key := table
			if rr.row >= 0 {
				key = rowKey(rr.t, rr.row)
			}
			tr.uncertain(key, run, cells, it, name+"的数字连在一起（“"+run+"”），分不出各格，请对照原报告填写")
			continue
		}
		for j, v := range vals {
			if rr.row < 0 {
				tr.store(model.CellRef{Table: rr.t, Row: j / len(rr.t.Cols), Col: j % len(rr.t.Cols)}, v, it)
			} else {
				tr.store(model.CellRef{Table: rr.t, Row: rr.row, Col: j}, v, it)
			}
		}
	}
	return true
}
