// Package textwidth measures display width the way lipgloss does
// (ansi.StringWidth: Han and full-width punctuation 2 columns, ambiguous
// characters 1), but fast for the text of a report: ASCII and the Han and
// full-width ranges are computed directly, other runes once and then
// remembered, and SGR escape sequences are skipped. It is the one width
// function of the UI.
package textwidth

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

var memo sync.Map // rune → int

// wide covers the ranges that make up most of a report; a test checks them
// against ansi.StringWidth.
func wide(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x3000 && r <= 0x3029 ||
		r >= 0xFF01 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6
}

// Rune returns the width of one rune as ansi.StringWidth measures it alone.
func Rune(r rune) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	if wide(r) {
		return 2
	}
	if w, ok := memo.Load(r); ok {
		return w.(int)
	}
	w := ansi.StringWidth(string(r))
	memo.Store(r, w)
	return w
}

// String returns the display width of s, ignoring SGR sequences. Text
// with other escape sequences, combining marks or emoji is measured by
// ansi.StringWidth, which understands grapheme clusters.
func String(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			if i+1 < len(s) && s[i+1] == '[' {
				j := i + 2
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
				i = j + 1
				continue
			}
			return ansi.StringWidth(s)
		}
		if c < 0x80 {
			if c >= 0x20 && c < 0x7f {
				w++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		// Outside these ranges characters may combine into clusters.
		if !wide(r) && !(r >= 0xa0 && r < 0x300) && !(r >= 0x2010 && r <= 0x2027) && !(r >= 0x2030 && r <= 0x27bf) {
			return ansi.StringWidth(s)
		}
		w += Rune(r)
		i += size
	}
	return w
}

// Truncate cuts s to at most w columns, ending with tail when cut. Plain
// text is cut here; text with escape sequences goes to ansi.Truncate.
func Truncate(s string, w int, tail string) string {
	if strings.IndexByte(s, 0x1b) >= 0 {
		return ansi.Truncate(s, w, tail)
	}
	if String(s) <= w {
		return s
	}
	limit := w - String(tail)
	used := 0
	for i, r := range s {
		rw := Rune(r)
		if used+rw > limit {
			return s[:i] + tail
		}
		used += rw
	}
	return s
}
