package model

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// A roll-up report (汇总报告) is the sum of its members' reports: a county's
// departments, a city's counties. Its 表二, 表三 and 表四 — and the 信息处理费 —
// are the members' sums; R13 says where a cell no longer is (a member
// changed after the roll-up, or a figure was typed by hand). A roll-up may
// itself be a member of a higher one (乡镇 → 县 → 市).

// Member is a report summed into a roll-up, as it is now.
type Member struct {
	ID   int64
	Name string  // the agency as the member list names it
	R    *Report // nil: missing (not in the database, deleted, or refused)
	Why  string  // why it is missing, for the clerk
}

// Missing tells a member named in the list whose report is not there.
func (m Member) Missing() bool { return m.R == nil }

// Present counts the members whose reports are there.
func Present(ms []Member) int {
	n := 0
	for _, m := range ms {
		if !m.Missing() {
			n++
		}
	}
	return n
}

// Contribution is one member's figure in a cell of a roll-up.
type Contribution struct {
	Member int // index into the members
	Name   string
	V      Value
}

// keyRollup is where findings about the member list point (the 汇总 page).
const keyRollup = "rollup"

// KeyRollup is the key of R13 findings about the member list itself.
const KeyRollup = keyRollup

// CheckMembers refuses members of another format or year: their tables do
// not add up. The message names every one of them.
func CheckMembers(f *Format, year int, members []Member) error {
	var bad []string
	for _, m := range members {
		if m.R == nil {
			continue
		}
		switch {
		case m.R.Year != year:
			bad = append(bad, fmt.Sprintf("%s（编号 %d）是 %d 年度的报告", m.Name, m.ID, m.R.Year))
		case m.R.Format != f:
			bad = append(bad, fmt.Sprintf("%s（编号 %d）用的是 %s 版格式", m.Name, m.ID, m.R.Format.ID))
		}
	}
	if len(bad) > 0 {
		return keyErr("汇总的报告必须是同一年度（%d）、同一格式（%s 版）的：%s", year, f.ID, strings.Join(bad, "；"))
	}
	return nil
}

// NewRollup makes a roll-up report of agency for a year from its members
// (checked with CheckMembers first): the tables and the fee are the sums,
// the prose holds one generated sentence per table. notes tell the clerk
// which members had blank cells counted as 0.
func NewRollup(f *Format, agency string, year int, members []Member) (*Report, []string, error) {
	if err := CheckMembers(f, year, members); err != nil {
		return nil, nil, err
	}
	r := New(f, agency, year)
	_, notes := Resum(r, members)
	RollupProse(r)
	return r, notes, nil
}

// Resum sets every table cell and the fee of a roll-up to its members'
// sums (blank + blank stays blank; blank + n = n). It returns how many
// cells changed and, for each member that left cells blank where others
// had a figure, a note that they were counted as 0.
func Resum(r *Report, members []Member) (changed int, notes []string) {
	blanks := make([]int, len(members))
	for ref := range r.Format.TypedCells() {
		sum, cs := sumCell(ref, members)
		if len(cs) > 0 {
			for i, m := range members {
				if m.R != nil && !m.R.Raw(ref).Set {
					blanks[i]++
				}
			}
		}
		if !sameValue(ref.Kind(), r.cells[ref.index()], sum) || r.cells[ref.index()].Set != sum.Set {
			changed++
		}
		r.cells[ref.index()] = sum
	}
	if r.Format.FeeRequired {
		fee, _ := sumFee(members)
		if r.FeeYuan.Set != fee.Set || !sameValue(Wanyuan, r.FeeYuan, fee) {
			changed++
		}
		r.FeeYuan = fee
	}
	for i, n := range blanks {
		if n > 0 {
			notes = append(notes, fmt.Sprintf("%s 有 %d 格未填，其他成员有数字，汇总时按 0 计", members[i].Name, n))
		}
	}
	return changed, notes
}

// Contributions lists the members' figures in a cell (those with a value,
// in member order) and their sum.
func Contributions(r *Report, key string, members []Member) ([]Contribution, Value, bool) {
	if key == keyFee {
		var cs []Contribution
		for i, m := range members {
			if m.R != nil && m.R.Format.FeeRequired && m.R.FeeYuan.Set {
				cs = append(cs, Contribution{i, m.Name, m.R.FeeYuan})
			}
		}
		sum, _ := sumFee(members)
		return cs, sum, true
	}
	ref, ok := r.Format.Cell(key)
	if !ok || ref.Computed() {
		return nil, Value{}, false
	}
	sum, cs := sumCell(ref, members)
	return cs, sum, true
}

// sumCell adds the members' values of a typed cell.
func sumCell(ref CellRef, members []Member) (Value, []Contribution) {
	var cs []Contribution
	for i, m := range members {
		if m.R == nil || m.R.Format.Table(ref.Table.Key) != ref.Table {
			continue
		}
		if v := m.R.Raw(ref); v.Set {
			cs = append(cs, Contribution{i, m.Name, v})
		}
	}
	return addValues(ref.Kind(), cs), cs
}

func sumFee(members []Member) (Value, int) {
	var cs []Contribution
	for i, m := range members {
		if m.R != nil && m.R.Format.FeeRequired && m.R.FeeYuan.Set {
			cs = append(cs, Contribution{i, m.Name, m.R.FeeYuan})
		}
	}
	return addValues(Wanyuan, cs), len(cs)
}

// addValues sums values of a kind exactly; no value at all is blank.
func addValues(k Kind, cs []Contribution) Value {
	if len(cs) == 0 {
		return Value{}
	}
	switch k {
	case Count, Signed:
		var n int64
		for _, c := range cs {
			n += c.V.N
		}
		return Int(n)
	case Wanyuan:
		sum, scale := new(big.Rat), 0
		for _, c := range cs {
			sum.Add(sum, c.V.Rat())
			scale = max(scale, decimals(c.V.D))
		}
		return Dec(decimalString(sum, scale))
	}
	// Amount: one unit when the members agree, else 万元.
	unit := ""
	mixed := false
	for _, c := range cs {
		switch {
		case c.V.Unit == "":
		case unit == "":
			unit = c.V.Unit
		case unit != c.V.Unit:
			mixed = true
		}
	}
	sum, scale := new(big.Rat), 0
	if !mixed {
		for _, c := range cs {
			sum.Add(sum, c.V.Rat())
			scale = max(scale, decimals(c.V.D))
		}
		v := Dec(decimalString(sum, scale))
		v.Unit = unit
		return v
	}
	for _, c := range cs {
		sum.Add(sum, amountYuan(c.V))
		scale = max(scale, decimals(c.V.D)+4*b2i(c.V.Unit == "元"))
	}
	sum.Quo(sum, big.NewRat(10000, 1))
	v := Dec(decimalString(sum, scale))
	v.Unit = "万元"
	return v
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// amountYuan is an amount in 元; without a unit it is read as 万元, the unit
// the 2019 format's 采购总金额 is usually given in.
func amountYuan(v Value) *big.Rat {
	r := v.Rat()
	if v.Unit != "元" {
		r.Mul(r, big.NewRat(10000, 1))
	}
	return r
}

// decimals is the number of digits after the point of a decimal text.
func decimals(d string) int {
	if i := strings.IndexByte(d, '.'); i >= 0 {
		return len(d) - i - 1
	}
	return 0
}

// decimalString writes an exact sum with the given digits after the point,
// trailing zeros beyond the inputs' own digits dropped.
func decimalString(r *big.Rat, scale int) string {
	s := r.FloatString(scale)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// sameValue compares two values as numbers (blank reads as 0).
func sameValue(k Kind, a, b Value) bool {
	switch k {
	case Count, Signed:
		return a.N == b.N
	case Amount:
		return amountYuan(a).Cmp(amountYuan(b)) == 0
	}
	return a.Rat().Cmp(b.Rat()) == 0
}

// rollup: R13, the roll-up's cells against its members' sums now, and the
// members named in the list that are not there.
func (c *checker) rollup() {
	r, members := c.r, c.cx.Members
	for _, m := range members {
		if m.Missing() {
			why := m.Why
			if why == "" {
				why = fmt.Sprintf("数据库中没有它的 %d 年度报告", r.Year)
			}
			c.add("R13", Warning, keyRollup, "汇总名单中的“%s”%s，汇总中没有它的数字", m.Name, why)
		}
	}
	for ref := range r.Format.TypedCells() {
		sum, cs := sumCell(ref, members)
		now := r.cells[ref.index()]
		if sameValue(ref.Kind(), now, sum) {
			continue
		}
		c.add("R13", Error, ref.Key(), "%s：汇总报告为 %s，各成员相加为 %s（%s）；成员的报告改动过，或这里被手工改动：核对后重新汇总",
			ref.Label(), shown(now, ref.Kind()), shown(sum, ref.Kind()), ContributionText(cs, ref.Kind(), len(members)))
	}
	if r.Format.FeeRequired {
		sum, _ := sumFee(members)
		if !sameValue(Wanyuan, r.FeeYuan, sum) {
			cs, _, _ := Contributions(r, keyFee, members)
			c.add("R13", Error, keyFee, "信息处理费：汇总报告为 %s 元，各成员相加为 %s 元（%s）；核对后重新汇总",
				shown(r.FeeYuan, Wanyuan), shown(sum, Wanyuan), ContributionText(cs, Wanyuan, len(members)))
		}
	}
}

// shown prints a value for a message: blank as "未填".
func shown(v Value, k Kind) string {
	if !v.Set {
		return "未填"
	}
	return v.Format(k)
}

// maxNamed bounds how many members a message names.
const maxNamed = 8

// ContributionText names the members' figures: "甲局 5、乙局 3；其余 4 个单位
// 未填或为 0". Zeros are not named; at most maxNamed members are.
func ContributionText(cs []Contribution, k Kind, members int) string {
	var named []string
	nonzero := 0
	for _, c := range cs {
		if sameValue(k, c.V, Value{}) {
			continue
		}
		nonzero++
		if len(named) < maxNamed {
			named = append(named, c.Name+" "+c.V.Format(k))
		}
	}
	out := strings.Join(named, "、")
	if nonzero > len(named) {
		out += fmt.Sprintf(" 等 %d 个单位", nonzero)
	}
	if rest := members - nonzero; rest > 0 {
		if out != "" {
			out += "；"
		}
		if nonzero == 0 {
			out += fmt.Sprintf("%d 个成员都未填或为 0", rest)
		} else {
			out += fmt.Sprintf("其余 %d 个成员未填或为 0", rest)
		}
	}
	return out
}

// Scope is how a roll-up's prose names its whole: 全县 for 沭阳县, 全区 for
// 平潭全区汇总, else 各成员单位.
func Scope(agency string) string {
	rs := []rune(agency)
	for i := len(rs) - 1; i >= 0; i-- {
		switch rs[i] {
		case '省', '市', '州', '盟', '县', '区', '旗', '镇', '乡':
			return "全" + string(rs[i])
		}
	}
	return "各成员单位"
}

// rollupTexts are the roll-up's generated texts: one sentence per table,
// naming its scope — 一（一） 表二, 一（二） 表三 and 表四, 六 the fee.
func rollupTexts(r *Report) map[string]string {
	scope := Scope(r.Meta.Agency)
	scoped := func(s string) string { return strings.Replace(s, "本年度", "本年度"+scope, 1) }
	out := map[string]string{}
	if r.Part("zhudong") >= 0 {
		out["s1.parts.zhudong.text"] = scoped(RegulationSentence(r))
	}
	if r.Part("yishenqing") >= 0 {
		out["s1.parts.yishenqing.text"] = scoped(ApplicationSentence(r)) + scoped(ReviewSentence(r))
	}
	if r.Format.FeeRequired {
		out["s6.text"] = scoped(FeeSentence(r))
	}
	return out
}

// RollupProse writes the generated sentences into a new roll-up's prose.
func RollupProse(r *Report) {
	for k, v := range rollupTexts(r) {
		r.Set(k, v)
	}
}

// RefreshProse writes the generated sentences again after the sums of a
// roll-up changed (before → after), where the text is still the one
// generated from before; it returns the keys of texts the clerk changed,
// which are kept.
func RefreshProse(before, after *Report) (kept []string) {
	was := rollupTexts(before)
	now := rollupTexts(after)
	keys := make([]string, 0, len(now))
	for k := range now {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cur := after.Text(k)
		switch {
		case cur == was[k]:
			after.Set(k, now[k])
		case cur != now[k] && strings.TrimSpace(cur) != "":
			kept = append(kept, k)
		}
	}
	return kept
}
