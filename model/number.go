package model

import (
	"nianbao/internal/errs"

	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Value is a table cell (or the 信息处理费 amount). The zero Value is blank:
// not yet entered, which is different from 0.
type Value struct {
	Set bool
	// N holds Count and Signed values.
	N int64
	// D holds Wanyuan and Amount values as the exact decimal text entered
	// (no separators, no sign); never a float.
	D string
	// Unit of an Amount: "元", "万元" or "" (not given).
	Unit string
}

// Int returns a count value.
func Int(n int64) Value { return Value{Set: true, N: n} }

// Dec returns a decimal value; s must be a canonical decimal.
func Dec(s string) Value { return Value{Set: true, D: s} }

// Blank reports whether the value was not entered.
func (v Value) Blank() bool { return !v.Set }

// Format renders the value as the app prints it; blank prints as "".
func (v Value) Format(k Kind) string {
	if !v.Set {
		return ""
	}
	switch k {
	case Signed:
		if v.N > 0 {
			return "+" + strconv.FormatInt(v.N, 10)
		}
		return strconv.FormatInt(v.N, 10)
	case Wanyuan:
		return v.D
	case Amount:
		return v.D + v.Unit
	}
	return strconv.FormatInt(v.N, 10)
}

// Print renders the value for exported documents: blank prints as 0.
func (v Value) Print(k Kind) string {
	if !v.Set {
		return "0"
	}
	return v.Format(k)
}

// Rat returns a decimal value as an exact rational (0 when blank).
func (v Value) Rat() *big.Rat {
	r := new(big.Rat)
	if v.Set && v.D != "" {
		r.SetString(v.D)
	}
	return r
}

// parseErr says why typed text is not a valid value; the reason is Chinese
// and meant to follow the name of the cell.
func parseErr(reason string) error { return errs.New(errs.Refused, "%s", reason) }

// maxDecimalDigits bounds decimals so that nonsense pasted into a cell does not
// end up in the report; published fees reach 12 significant digits.
const maxDecimalDigits = 30

// countUnits are unit words a clerk or a published report writes after a
// count ("12件", "+1 项"); they carry no information and are dropped.
var countUnits = []string{"件", "项", "个", "条", "次", "份", "宗", "起"}

// NormalizeNumber maps what an IME or a web page produces to ASCII: full-width
// digits and signs, the Chinese comma, U+2212 minus, odd spaces.
func NormalizeNumber(raw string) string {
	s := width.Narrow.String(raw)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2212', '\u2013', '\ufe63', '\u2010', '\u2011':
			return '-'
		case '\ufe62':
			return '+'
		case '、':
			return ','
		}
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// ParseValue parses typed text as a value of kind k. Empty text is a blank
// value. The returned error is an *errs.Error of kind Refused.
func ParseValue(k Kind, raw string) (Value, error) {
	// The stored form of a count is plain digits and needs none of what
	// follows: a roll-up reads a hundred reports, 25 000 cells.
	if (k == Count || k == Signed) && len(raw) > 0 && len(raw) <= 18 && allDigits(raw) {
		n, _ := strconv.ParseInt(raw, 10, 64)
		return Int(n), nil
	}
	if !utf8.ValidString(raw) {
		return Value{}, parseErr("含有无法识别的字符，请重新输入数字")
	}
	s := NormalizeNumber(raw)
	if s == "" {
		return Value{}, nil
	}
	if len(s) > 80 {
		return Value{}, parseErr("内容太长，不是一个数字")
	}
	if s == "/" || s == "／" || s == "无" || s == "-" || s == "—" || s == "——" {
		return Value{}, parseErr("“" + raw + "”不是数字：没有的请填 0")
	}
	unit := ""
	// Units: strip one trailing unit word.
	switch k {
	case Amount, Wanyuan:
		if t, ok := strings.CutSuffix(s, "万元"); ok {
			s, unit = strings.TrimSpace(t), "万元"
		} else if t, ok := strings.CutSuffix(s, "元"); ok {
			if k == Wanyuan {
				return Value{}, parseErr("本栏单位是万元，请换算成万元后填写（如 35000元 填 3.5）")
			}
			s, unit = strings.TrimSpace(t), "元"
		}
	default:
		for _, u := range countUnits {
			if t, ok := strings.CutSuffix(s, u); ok {
				s = strings.TrimSpace(t)
				break
			}
		}
	}
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = strings.TrimSpace(s[1:])
	}
	if s == "" {
		return Value{}, parseErr("“" + raw + "”不是数字")
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	digits, ok := ungroup(intPart)
	if !ok || (hasDot && !allDigits(frac)) || (digits == "" && (!hasDot || frac == "")) {
		return Value{}, parseErr(notNumber(raw, k))
	}
	if hasDot && frac == "" {
		hasDot = false
	}
	switch k {
	case Count, Signed:
		if hasDot {
			return Value{}, parseErr("“" + raw + "”不是整数：本栏填件数，不能有小数")
		}
		if neg && k == Count {
			return Value{}, parseErr("不能填负数（" + raw + "）：本栏是件数，没有的请填 0")
		}
		n, err := strconv.ParseInt(digits, 10, 64)
		if err != nil {
			return Value{}, parseErr("数字太大（" + raw + "）")
		}
		if neg {
			n = -n
		}
		return Int(n), nil
	}
	// Decimals.
	if neg {
		d := strings.TrimLeft(digits+frac, "0")
		if d != "" {
			return Value{}, parseErr("不能填负数（" + raw + "）")
		}
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		digits = "0"
	}
	if len(digits)+len(frac) > maxDecimalDigits {
		return Value{}, parseErr("数字太长（" + raw + "），最多 30 位")
	}
	d := digits
	if hasDot {
		d += "." + frac
	}
	v := Dec(d)
	if k == Amount {
		v.Unit = unit
	}
	return v, nil
}

func notNumber(raw string, k Kind) string {
	switch k {
	case Signed:
		return "“" + raw + "”不是数字，请填写整数，减少的写负数，如 -2"
	case Wanyuan:
		return "“" + raw + "”不是数字，请填写金额（万元），如 12.5"
	case Amount:
		return "“" + raw + "”不是数字，请填写金额并注明单位，如 120万元"
	}
	return "“" + raw + "”不是数字，请填写不小于 0 的整数"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ungroup removes thousands separators, accepting only well-formed groups
// ("1,234", not "12,34") so that a typo is not read as a different number.
func ungroup(s string) (string, bool) {
	if !strings.Contains(s, ",") {
		return s, allDigits(s)
	}
	parts := strings.Split(s, ",")
	if len(parts[0]) == 0 || len(parts[0]) > 3 || !allDigits(parts[0]) {
		return "", false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}
