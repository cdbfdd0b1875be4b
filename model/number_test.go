package model

import (
	"nianbao/internal/errs"

	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseValueAcceptsWhatClerksType(t *testing.T) {
	cases := []struct {
		kind Kind
		in   string
		want string // Format() of the result
	}{
		{Count, "１２３", "123"},
		{Count, "1,234", "1234"},
		{Count, "1，234", "1234"},
		{Count, " 12 ", "12"},
		{Count, "\u300012\u3000", "12"},
		{Count, "+1", "1"},
		{Count, "12件", "12"},
		{Count, "12 件", "12"},
		{Count, "0", "0"},
		{Count, "007", "7"},
		{Count, "9223372036854775807", "9223372036854775807"},
		{Signed, "+1 项", "+1"},
		{Signed, "-2", "-2"},
		{Signed, "−2", "-2"},
		{Signed, "－２", "-2"},
		{Signed, "0", "0"},
		{Wanyuan, "7730.28", "7730.28"},
		{Wanyuan, "24252.311082", "24252.311082"},
		{Wanyuan, "12.50", "12.50"},
		{Wanyuan, "1,234.5", "1234.5"},
		{Wanyuan, "３．５", "3.5"},
		{Wanyuan, ".5", "0.5"},
		{Wanyuan, "12.5万元", "12.5"},
		{Amount, "7730.28万元", "7730.28万元"},
		{Amount, "35000元", "35000元"},
		{Amount, "0", "0"},
		{Count, "", ""},
	}
	for _, c := range cases {
		v, err := ParseValue(c.kind, c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := v.Format(c.kind); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseValueRejectsWithChineseMessage(t *testing.T) {
	cases := []struct {
		kind Kind
		in   string
		want string
	}{
		{Count, "abc", "不是数字"},
		{Count, "12a", "不是数字"},
		{Count, "。", "不是数字"},
		{Count, "12。", "不是数字"},
		{Count, "1.5", "不能有小数"},
		{Count, "-3", "不能填负数"},
		{Count, "-0", "不能填负数"},
		{Count, "99999999999999999999", "数字太大"},
		{Count, "12,34", "不是数字"},
		{Count, "1 2", "不是数字"},
		{Count, "/", "没有的请填 0"},
		{Count, "无", "没有的请填 0"},
		{Count, "+", "不是数字"},
		{Count, "1e3", "不是数字"},
		{Count, "0x10", "不是数字"},
		{Signed, "1.5", "不能有小数"},
		{Signed, "--2", "不是数字"},
		{Wanyuan, "-1.5", "不能填负数"},
		{Wanyuan, "35000元", "单位是万元"},
		{Wanyuan, "1.2.3", "不是数字"},
		{Wanyuan, strings.Repeat("9", 31), "最多 30 位"},
		{Amount, "12美元", "不是数字"},
		{Count, strings.Repeat("1", 100), "太长"},
	}
	for _, c := range cases {
		_, err := ParseValue(c.kind, c.in)
		if err == nil {
			t.Errorf("%q accepted", c.in)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %q does not say %q", c.in, err, c.want)
		}
	}
}

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"１２３", "1,234", "1，234", " 12 ", "+1 项", "-2", "12件", "7730.28", "abc", "。", "１．５万元", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []Kind{Count, Signed, Wanyuan, Amount} {
			v, err := ParseValue(k, s)
			if err != nil {
				if e, ok := err.(*errs.Error); !ok || e.Kind != errs.Refused || e.Msg == "" || !utf8.ValidString(e.Msg) {
					t.Fatalf("%q: error without a message: %v", s, err)
				}
				continue
			}
			if !v.Set {
				if strings.TrimSpace(NormalizeNumber(s)) != "" {
					t.Fatalf("%q read as blank", s)
				}
				continue
			}
			if k == Count && v.N < 0 {
				t.Fatalf("%q: negative count %d", s, v.N)
			}
			// What is stored must read back as the same value.
			back, err := ParseValue(k, v.Format(k))
			if err != nil || back != v {
				t.Fatalf("%q: stored %q does not read back (%v, %+v)", s, v.Format(k), err, back)
			}
			if (k == Wanyuan || k == Amount) && v.D != "" {
				if strings.HasPrefix(v.D, "-") || v.Rat().Sign() < 0 {
					t.Fatalf("%q: negative amount", s)
				}
			}
		}
	})
}
