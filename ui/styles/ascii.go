package styles

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"nianbao/ui/textwidth"
)

// asciiFor are the ASCII stand-ins of the ambiguous-width characters seen
// in the UI and in reports: each is measured one column wide, which a
// classic Chinese console (code page 936) draws two wide.
var asciiFor = map[rune]rune{
	'…': '.', '·': '.', '•': '*', '—': '-', '–': '-', '─': '-', '━': '-', '│': '|', '┃': '|',
	'“': '"', '”': '"', '‘': '\'', '’': '\'', '←': '<', '→': '>', '↑': '^', '↓': 'v',
	'✓': 'v', '›': '>', '‹': '<', '×': 'x', '÷': '/', '±': '+', '°': 'o', '§': 'S', '※': '*',
	'①': '1', '②': '2', '③': '3', '④': '4', '⑤': '5', '⑥': '6', '⑦': '7', '⑧': '8', '⑨': '9', '⑩': '0',
	'Ⅰ': 'I', 'Ⅱ': 'I', 'Ⅲ': 'I', 'Ⅳ': 'V', 'Ⅴ': 'V', '○': 'o', '●': 'o', '□': '#', '■': '#', '△': '^', '▲': '^',
	'☆': '*', '★': '*', '◆': '*', '◇': '*',
}

// ASCIIOnly is the frame as the ASCII theme draws it: every character is
// ASCII or a wide (two-column) character such as Han and full-width
// punctuation; those a console may draw at another width than measured
// become an ASCII character of the same width. Stored text is unchanged:
// only the drawing is.
func ASCIIOnly(s string) string {
	clean := true
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if needsASCII(r) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf || !needsASCII(r) {
			return r
		}
		if a, ok := asciiFor[r]; ok {
			return a
		}
		return '?'
	}, s)
}

// needsASCII: one column by our measure, but not plainly narrow.
func needsASCII(r rune) bool {
	if textwidth.Rune(r) != 1 {
		return false
	}
	if _, ok := asciiFor[r]; ok {
		return true
	}
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianAmbiguous
}
