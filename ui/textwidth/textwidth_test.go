package textwidth

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestAgreesWithAnsi(t *testing.T) {
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue
		}
		s := string(r)
		if got, want := String(s), ansi.StringWidth(s); got != want {
			t.Fatalf("U+%04X %q: %d, ansi says %d", r, s, got, want)
		}
	}
	for _, s := range []string{"表三「自然人」列：“三安全一稳定”", "\x1b[1;31m错误\x1b[m 1", "a—b…c", "é", "👍🏽", "中\u0301文", "\x1b]8;;x\x07链接\x1b]8;;\x07"} {
		if got, want := String(s), ansi.StringWidth(s); got != want {
			t.Errorf("%q: %d, ansi says %d", s, got, want)
		}
	}
}

func BenchmarkString(b *testing.B) {
	s := "\x1b[1m一、本年新收政府信息公开申请数量\x1b[m       64        0        0        2        0      4     70"
	for b.Loop() {
		String(s)
	}
}

func BenchmarkAnsi(b *testing.B) {
	s := "\x1b[1m一、本年新收政府信息公开申请数量\x1b[m       64        0        0        2        0      4     70"
	for b.Loop() {
		ansi.StringWidth(s)
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{
		{"一、本年新收政府信息公开", 10, "一、本年…"},
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"中文", 3, "中…"},
	} {
		if got := Truncate(c.s, c.w, "…"); got != c.want || String(got) > c.w {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
		if want := ansi.Truncate(c.s, c.w, "…"); Truncate(c.s, c.w, "…") != want {
			t.Errorf("%q: ansi gives %q", c.s, want)
		}
	}
}
