package model

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode/utf8"
)

// Level is how serious a finding is.
type Level int

const (
	Error   Level = iota // 错误: must be fixed before submission
	Warning              // 警告: the clerk may confirm it
	Info                 // 提示
)

func (l Level) String() string { return [...]string{"error", "warning", "info"}[l] }

// Chinese is the level as the clerk reads it.
func (l Level) Chinese() string { return [...]string{"错误", "警告", "提示"}[l] }

// MarshalJSON writes "error", "warning" or "info".
func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

// UnmarshalJSON reads "error", "warning" or "info".
func (l *Level) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	switch s {
	case "error":
		*l = Error
	case "warning":
		*l = Warning
	case "info":
		*l = Info
	default:
		return fmt.Errorf("unknown level %q", s)
	}
	return nil
}

// FindingKind tells what a finding is about where one rule covers several cases,
// so that callers never match on the message.
type FindingKind string

// Kinds of R5.
const (
	// KindBlank: a cell not yet entered (or left blank by a published report).
	KindBlank FindingKind = "blank"
	// KindBlankTotal: a total a published report printed blank.
	KindBlankTotal FindingKind = "blank-total"
	// KindNegative: a count below zero.
	KindNegative FindingKind = "negative"
)

// Finding is one result of a rule.
type Finding struct {
	Rule    string      `json:"rule"`
	Level   Level       `json:"level"`
	Key     string      `json:"key"`
	Message string      `json:"message"`
	Kind    FindingKind `json:"kind,omitempty"`
	// ID is stable while the figures and words it is about stay the same
	// (dismiss.go); a dismissal is kept by it.
	ID string `json:"id"`
	Dismissal
}

// IsBlank tells a cell that is not yet entered (R5), which lists show as
// a count per table rather than one by one.
func (f Finding) IsBlank() bool { return f.Kind == KindBlank }

// Tally returns the numbers of errors and warnings; dismissed findings
// (reviewed by the clerk) are not counted.
func Tally(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Dismissed {
			continue
		}
		switch f.Level {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return
}

type checker struct {
	r    *Report
	prev *Report
	cx   Context
	out  []Finding
}

func (c *checker) add(rule string, l Level, key, format string, a ...any) {
	c.out = append(c.out, Finding{Rule: rule, Level: l, Key: key, Message: fmt.Sprintf(format, a...)})
}

// addKind adds a finding of a kind.
func (c *checker) addKind(k FindingKind, rule string, l Level, key, format string, a ...any) {
	c.add(rule, l, key, format, a...)
	c.out[len(c.out)-1].Kind = k
}

// Context is what the rules read besides the report itself.
type Context struct {
	// Prev is the same agency's report for the year before, or nil; it
	// enables the cross-year rules R6–R8 and R15.
	Prev *Report
	// Rollup marks a roll-up report; Members are its members as they are
	// now (R13).
	Rollup  bool
	Members []Member
	// Dismissed are the clerk's reviews by finding ID.
	Dismissed map[string]Dismissal
}

// Check runs every rule on a report. prev is the same agency's report for the
// year before, or nil; it enables the cross-year rules R6–R8 and R15.
// Findings come most serious first, then in document order.
func Check(r *Report, prev *Report) []Finding { return CheckIn(r, Context{Prev: prev}) }

// CheckIn runs every rule on a report in its context: last year's report,
// the members of a roll-up, the findings the clerk has dismissed.
func CheckIn(r *Report, cx Context) []Finding {
	prev := cx.Prev
	c := &checker{r: r, prev: prev, cx: cx}
	c.formatYear()
	if cx.Rollup {
		c.rollup()
	}
	if t := r.Format.Table("s3"); t != nil {
		c.s3(t)
	}
	if t := r.Format.Table("s4"); t != nil {
		c.rowTotals("R4", t)
	}
	c.blanks()
	if prev != nil && prev.Year == r.Year-1 {
		c.carry()
		c.sameAsLastYear()
	}
	c.prose()
	c.stale()
	c.fee()
	c.section5()
	c.deviations()
	sortFindings(r, c.out)
	identify(c.out, cx.Dismissed)
	return c.out
}

func sortFindings(r *Report, fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Level != fs[j].Level {
			return fs[i].Level < fs[j].Level
		}
		return keyRank(r.Format, fs[i].Key) < keyRank(r.Format, fs[j].Key)
	})
}

// keyRank orders keys as the report reads: metadata, 一 … 六.
func keyRank(f *Format, key string) int {
	if c, ok := f.Cell(key); ok {
		return 3000 + c.index()
	}
	switch {
	case strings.HasPrefix(key, "meta"):
		return 0
	case strings.HasPrefix(key, "s1"):
		return 1000
	case strings.HasPrefix(key, "s2"):
		return 2000
	case strings.HasPrefix(key, "s3"):
		return 2500
	case key == "s4":
		return 2900
	case strings.HasPrefix(key, "s4"):
		return 3000 + f.NumCells()
	case strings.HasPrefix(key, "s5"):
		return 4000 + f.NumCells()
	}
	return 5000 + f.NumCells()
}

// formatYear: the format must be the one for the report year (R14).
func (c *checker) formatYear() {
	r := c.r
	if !r.Format.Covers(r.Year) {
		want := FormatForYear(r.Year)
		if want != nil {
			c.add("R14", Error, "meta.format", "%d 年度报告应使用 %s 版格式（%s），本报告用的是 %s 版；请用“由此新建”按正确格式另建一份", r.Year, want.ID, want.Notice, r.Format.ID)
		}
	}
}

// pub returns the printed value of a computed cell when the report was read
// from a published file (printed blank reads as 0), else the computed one.
func (c *checker) pub(t *Table, row, col int) (int64, bool) {
	if c.r.Published != nil {
		if v, ok := c.r.Published[t.CellKey(row, col)]; ok {
			return v.N, true
		}
	}
	return c.r.N(t, row, col), false
}

// s3 checks 表三: R2 and R3 against printed totals, then R1.
func (c *checker) s3(t *Table) {
	r := c.r
	ri := func(k string) int { return t.RowIndex(k) }
	xin, shang, r7, jie := ri("xinshou"), ri("shangnian_jiezhuan"), ri("r7"), ri("jiezhuan_xianian")
	tc := t.ColIndex(t.TotalCol)

	// R2: printed （七）总计 against the sum of the result rows.
	for col := range t.Cols {
		if v, printed := c.pub(t, r7, col); printed {
			// The sum of result rows, each read as printed.
			var sum int64
			for i, row := range t.Rows {
				if row.Result {
					n, _ := c.pub(t, i, col)
					sum += n
				}
			}
			if v != sum {
				c.add("R2", Error, t.CellKey(r7, col), "表三「%s」列：印刷的（七）总计为 %d，但（一）至（六）各项办理结果相加为 %d，相差 %d%s", t.Cols[col].Label, v, sum, abs(v-sum), c.unplaced(t, col))
			}
		}
	}
	c.rowTotals("R3", t)

	// R1 per column with computed totals; the 总计 column only when no
	// applicant column already explains the difference.
	failed := false
	for col := range t.Cols {
		if col == tc && failed {
			continue
		}
		a, b := r.N(t, xin, col), r.N(t, shang, col)
		x, y := r.N(t, r7, col), r.N(t, jie, col)
		if a+b != x+y {
			failed = true
			c.add("R1", Error, t.CellKey(r7, col), "表三「%s」列：本年新收 %d + 上年结转 %d = %d，办理结果总计 %d + 结转下年度 %d = %d，相差 %d%s",
				t.Cols[col].Label, a, b, a+b, x, y, x+y, abs(a+b-x-y), c.unplaced(t, col))
		}
	}
	// R1 once more as printed, where printed totals differ from computed ones.
	if r.Published != nil {
		for col := range t.Cols {
			a, pa := c.pub(t, xin, col)
			b, pb := c.pub(t, shang, col)
			x, px := c.pub(t, r7, col)
			y, py := c.pub(t, jie, col)
			if !(pa || pb || px || py) {
				continue
			}
			if a+b != x+y && (a != r.N(t, xin, col) || b != r.N(t, shang, col) || x != r.N(t, r7, col) || y != r.N(t, jie, col)) {
				c.add("R1", Error, t.CellKey(r7, col), "表三「%s」列（按印刷的数字）：本年新收 %d + 上年结转 %d = %d，办理结果总计 %d + 结转下年度 %d = %d，相差 %d%s",
					t.Cols[col].Label, a, b, a+b, x, y, x+y, abs(a+b-x-y), c.unplaced(t, col))
			}
		}
	}
}

// unplaced explains a difference in a column of an imported table that may
// come from numbers the import could not place (they were not stored).
func (c *checker) unplaced(t *Table, col int) string {
	n := 0
	for _, u := range c.r.Unplaced {
		if u.Key != t.Key && !strings.HasPrefix(u.Key, t.Key+".") {
			continue
		}
		parts := strings.Split(u.Key, ".")
		if len(parts) >= 3 && parts[len(parts)-1] != t.Cols[col].Key && t.Cols[col].Key != t.TotalCol {
			continue
		}
		n += u.Count
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("；可能因导入时 %d 个未能确定位置的数字未填入（请对照原报告补填）", n)
}

// rowTotals checks printed row totals against the sum of their row (R3 for
// 表三, R4 for 表四). Reports written here have no printed totals, so the
// rule holds by construction; it matters for imported reports.
func (c *checker) rowTotals(rule string, t *Table) {
	if c.r.Published == nil || t.TotalCol == "" {
		return
	}
	tc := t.ColIndex(t.TotalCol)
	for row := range t.Rows {
		v, printed := c.pub(t, row, tc)
		if !printed {
			continue
		}
		var sum int64
		var parts []string
		for col := range t.Cols {
			if col != tc {
				n, _ := c.pub(t, row, col)
				sum += n
				parts = append(parts, fmt.Sprint(n))
			}
		}
		if v != sum {
			if rule == "R4" {
				c.add(rule, Error, t.CellKey(row, tc), "表四「%s」：总计印为 %d，但结果维持、结果纠正、其他结果、尚未审结相加为 %s = %d，相差 %d",
					t.Rows[row].Label, v, strings.Join(parts, " + "), sum, abs(v-sum))
			} else {
				c.add(rule, Error, t.CellKey(row, tc), "表三「%s」行：总计印为 %d，但六类申请人相加为 %s = %d，相差 %d",
					rowName(t.Rows[row]), v, strings.Join(parts, " + "), sum, abs(v-sum))
			}
		}
	}
}

func rowName(r Row) string {
	if r.Group != "" {
		return r.Group + r.Label
	}
	return r.Label
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// blanks: R5, blank cells where 0 is meant, and impossible stored values.
func (c *checker) blanks() {
	r := c.r
	for _, t := range r.Format.Tables {
		for row := range t.Rows {
			for col, cl := range t.Cols {
				if t.Computed(row, col) {
					if r.Published == nil {
						continue
					}
					key := t.CellKey(row, col)
					if v, ok := r.Published[key]; ok && !v.Set {
						c.addKind(KindBlankTotal, "R5", Warning, key, "%s：发布的报告中此合计为空，应为 %d", CellRef{t, row, col}.Label(), r.N(t, row, col))
					}
					continue
				}
				v := r.cells[t.index(row, col)]
				if v.Set && (cl.Kind != Count || v.N >= 0) {
					continue
				}
				key := t.CellKey(row, col)
				if !v.Set {
					c.addKind(KindBlank, "R5", Warning, key, "%s还没有填写；没有的请填 0（导出时按 0 打印）", CellRef{t, row, col}.Label())
					continue
				}
				if cl.Kind == Count && v.N < 0 {
					c.addKind(KindNegative, "R5", Error, key, "%s为负数 %d，件数不能为负", CellRef{t, row, col}.Label(), v.N)
				}
			}
		}
	}
	if r.Format.FeeRequired && !r.FeeYuan.Set {
		c.addKind(KindBlank, "R5", Warning, keyFee, "第六部分的信息处理费金额（元）还没有填写；未收取请填 0")
	}
}

// carry: R6–R8 against last year's report.
func (c *checker) carry() {
	r, p := c.r, c.prev
	t, pt := r.Format.Table("s3"), p.Format.Table("s3")
	if t != nil && pt != nil {
		row, prow := t.RowIndex("shangnian_jiezhuan"), pt.RowIndex("jiezhuan_xianian")
		for col, cl := range t.Cols {
			if col == t.ColIndex(t.TotalCol) {
				continue
			}
			pc := pt.ColIndex(cl.Key)
			if pc < 0 {
				continue
			}
			now, was := r.N(t, row, col), p.N(pt, prow, pc)
			if now != was {
				c.add("R6", Warning, t.CellKey(row, col), "表三「二、上年结转」行「%s」列为 %d，但 %d 年报告“四、结转下年度继续办理”为 %d", cl.Label, now, p.Year, was)
			}
		}
	}
	if p.Format == r.Format {
		for _, roll := range r.Format.Rolls {
			c.roll(roll)
		}
	}
}

// roll checks a stock figure of 表二 against last year's (R7, R8).
func (c *checker) roll(roll Roll) {
	r, p := c.r, c.prev
	a := r.Format.Table(roll.Table)
	col := a.ColIndex(roll.Col)
	for row, rw := range a.Rows {
		now := r.rawAt(a, row, col)
		if !now.Set {
			continue
		}
		want := int64(0)
		vars := []string{"{table}", a.Name, "{row}", rw.Label, "{now}", fmt.Sprint(now.N), "{prevyear}", fmt.Sprint(p.Year)}
		term := func(name string, i int, v int64) {
			vars = append(vars, fmt.Sprintf("{%s%d}", name, i), fmt.Sprint(v), fmt.Sprintf("{%s%d+}", name, i), fmt.Sprintf("%+d", v))
		}
		for i, lc := range roll.Last {
			v := p.rawAt(a, row, a.ColIndex(lc)).N
			want += v
			term("last", i, v)
		}
		for i, pc := range roll.Plus {
			v := r.rawAt(a, row, a.ColIndex(pc)).N
			want += v
			term("plus", i, v)
		}
		for i, mc := range roll.Minus {
			v := r.rawAt(a, row, a.ColIndex(mc)).N
			want -= v
			term("minus", i, v)
		}
		if now.N == want {
			continue
		}
		vars = append(vars, "{want}", fmt.Sprint(want), "{diff}", fmt.Sprint(abs(now.N-want)))
		msg := strings.NewReplacer(vars...).Replace(roll.Says)
		c.add(roll.Rule, Warning, a.CellKey(row, col), "%s", msg)
	}
}

// sameAsLastYear: prose copied unchanged from last year (雷同, FORMAT §9 #10).
func (c *checker) sameAsLastYear() {
	r, p := c.r, c.prev
	for _, k := range proseKeys(r) {
		now, _ := r.Get(k)
		was, err := p.Get(k)
		s, _ := now.(string)
		w, _ := was.(string)
		s, w = strings.TrimSpace(s), strings.TrimSpace(w)
		if err == nil && s == w && utf8.RuneCountInString(s) >= 20 {
			c.add("R15", Warning, k, "%s与 %d 年报告一字不差；请按本年情况改写（内容雷同是通报批评的常见问题）", r.KeyLabel(k), p.Year)
		}
	}
}

// proseKeys lists the prose keys of a report in document order.
func proseKeys(r *Report) []string {
	keys := []string{"meta.preamble", "s1.lead"}
	for _, p := range r.Parts {
		keys = append(keys, "s1.parts."+p.Key+".text")
	}
	return append(keys, "s5.shangnian_zhenggai", "s5.wenti", "s5.gaijin", "s6.text")
}

// fee: R10, section 六 states the 信息处理费 (2021 format).
func (c *checker) fee() {
	r := c.r
	if !r.Format.FeeRequired {
		return
	}
	text := r.S6Text
	mentions := false
	for _, w := range []string{"处理费", "收费", "收取", "费用"} {
		mentions = mentions || strings.Contains(text, w)
	}
	if !mentions {
		c.add("R10", Warning, "s6.text", "第六部分没有说明信息处理费的收取情况；未收取也须写明，如“本年度未收取信息处理费。”")
		return
	}
	if !r.FeeYuan.Set {
		return
	}
	fee := r.FeeYuan.Rat()
	denies := false
	for _, w := range []string{"未收取", "没有收取", "无收取", "未发生", "不收取", "未产生"} {
		denies = denies || strings.Contains(text, w)
	}
	if fee.Sign() > 0 {
		if denies {
			c.add("R10", Warning, "s6.text", "信息处理费为 %s 元，但第六部分写的是未收取；请改正文字或金额", r.FeeYuan.D)
			return
		}
		if !statesAmount(text, fee) {
			c.add("R10", Warning, "s6.text", "信息处理费为 %s 元，但第六部分没有写出这一金额（以元为单位）", r.FeeYuan.D)
		}
		return
	}
	for _, m := range amountsIn(text) {
		if m.Sign() > 0 {
			c.add("R10", Warning, "s6.text", "信息处理费填的是 0 元，但第六部分写了 %s 元；请核对", m.FloatString(2))
			return
		}
	}
}

// statesAmount reports whether text names the amount (in 元 or 万元).
func statesAmount(text string, yuan *big.Rat) bool {
	for _, m := range amountsIn(text) {
		if m.Cmp(yuan) == 0 {
			return true
		}
	}
	return false
}

// amountsIn finds "1,234.5元" and "0.5万元" in text, in 元.
func amountsIn(text string) []*big.Rat {
	var out []*big.Rat
	for _, n := range numbersIn(text) {
		rest := strings.TrimLeft(text[n.end:], " ")
		mul := int64(0)
		switch {
		case strings.HasPrefix(rest, "万元"):
			mul = 10000
		case strings.HasPrefix(rest, "元"):
			mul = 1
		}
		if mul == 0 {
			continue
		}
		v, ok := new(big.Rat).SetString(n.text)
		if !ok {
			continue
		}
		out = append(out, v.Mul(v, big.NewRat(mul, 1)))
	}
	return out
}

// section5: R11, 五 must not be empty and should cover problems and
// measures. A text without sub-headings is read by its content: its
// problems and measures may stand in one part.
func (c *checker) section5() {
	s := c.r.S5
	empty := func(t string) bool { return strings.TrimSpace(t) == "" }
	if empty(s.ShangnianZhenggai) && empty(s.Wenti) && empty(s.Gaijin) {
		c.add("R11", Warning, "s5", "五、存在的主要问题及改进情况是空的；请写本年存在的主要问题和改进措施")
		return
	}
	all := s.Wenti + "\n" + s.Gaijin
	if empty(s.Wenti) && !containsAny(s.Gaijin, problemWords...) {
		c.add("R11", Warning, "s5.wenti", "五、没有写本年存在的主要问题")
	}
	if empty(s.Gaijin) && !(hasMeasures(s.Wenti) && containsAny(all, problemWords...)) {
		c.add("R11", Warning, "s5.gaijin", "五、没有写改进措施")
	}
	if empty(s.ShangnianZhenggai) {
		c.add("R11", Info, "s5.shangnian_zhenggai", "建议在第五部分先写上年存在问题的整改情况，审核时常被问到")
	}
}

// deviations: R14 for labels of an imported report.
func (c *checker) deviations() {
	for _, d := range c.r.Deviations {
		c.add("R14", Warning, d.Key, "发布的报告写作“%s”，官方格式为“%s”", d.Found, d.Canonical)
	}
}
