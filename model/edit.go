package model

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Operations on the whole report that the clerk performs at once: find and
// replace across every text, and blank cells filled with 0. The CLI
// (replace, zeros) and the TUI (Ctrl+F, Ctrl+H, 未填的格填 0) share them.

// TextKeys lists every text key of the report in document order: the
// metadata and preamble, 一 (lead, then each part's heading and text), the
// note under 表四, 五 and 六.
func (r *Report) TextKeys() []string {
	return append(r.textKeysBefore(nil), textKeysAfter...)
}

// textKeysBefore appends the text keys that come before the tables: the
// metadata and preamble, then 一.
func (r *Report) textKeysBefore(out []string) []string {
	for _, t := range textKeys {
		if strings.HasPrefix(t.key, "meta.") {
			out = append(out, t.key)
		}
	}
	out = append(out, "s1.lead")
	for _, p := range r.Parts {
		out = append(out, "s1.parts."+p.Key+".heading", "s1.parts."+p.Key+".text")
	}
	return out
}

// textKeysAfter are the text keys after the tables: 四's note, 五, 六.
var textKeysAfter = []string{"s4.note", "s5.shangnian_zhenggai", "s5.wenti", "s5.gaijin", "s6.text"}

// Text returns the text of a text key ("" for unknown keys).
func (r *Report) Text(key string) string {
	v, err := r.Get(key)
	if err != nil {
		return ""
	}
	s, _ := v.(string)
	return s
}

// TextHit is one occurrence of a string in a text of the report.
type TextHit struct {
	Key     string `json:"key"`
	Offset  int    `json:"-"` // byte offset in the text
	Len     int    `json:"-"` // byte length of the match
	Context string `json:"context"`
}

// maxHits bounds a search so that a one-character search in a huge report
// stays quick to show.
const maxHits = 5000

// FindText lists every occurrence of needle in the report's texts, in
// document order, each with the text around it.
func FindText(r *Report, needle string) []TextHit {
	if needle == "" {
		return nil
	}
	var out []TextHit
	for _, k := range r.TextKeys() {
		s := r.Text(k)
		for from := 0; from <= len(s) && len(out) < maxHits; {
			i := strings.Index(s[from:], needle)
			if i < 0 {
				break
			}
			at := from + i
			out = append(out, TextHit{Key: k, Offset: at, Len: len(needle), Context: Around(s, at, at+len(needle), 12)})
			from = at + len(needle)
		}
	}
	return out
}

// Around returns the text around bytes [start, end) of s: up to n runes on
// each side, on one line, with …… where it was cut.
func Around(s string, start, end, n int) string {
	a := start
	for k := 0; k < n && a > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:a])
		if s[a-size] == '\n' {
			break
		}
		a -= size
	}
	b := end
	for k := 0; k < n && b < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[b:])
		if s[b] == '\n' {
			break
		}
		b += size
	}
	out := s[a:b]
	if a > 0 && s[a-1] != '\n' {
		out = "……" + out
	}
	if b < len(s) && s[b] != '\n' {
		out += "……"
	}
	return strings.ReplaceAll(out, "\n", " ")
}

// ReplaceText replaces old by repl at the given hits (from FindText on this
// report; nil means every occurrence). A hit whose text no longer matches
// is refused before anything changes. It returns how many were replaced.
func ReplaceText(r *Report, old, repl string, hits []TextHit) (int, error) {
	if old == "" {
		return 0, keyErr("要替换的文字不能为空")
	}
	if hits == nil {
		hits = FindText(r, old)
	}
	byKey := map[string][]TextHit{}
	var keys []string
	for _, h := range hits {
		s := r.Text(h.Key)
		if h.Offset < 0 || h.Offset+len(old) > len(s) || s[h.Offset:h.Offset+len(old)] != old {
			return 0, keyErr("%s中的文字已经改变，请重新查找", r.KeyLabel(h.Key))
		}
		if byKey[h.Key] == nil {
			keys = append(keys, h.Key)
		}
		byKey[h.Key] = append(byKey[h.Key], h)
	}
	after := map[string]string{}
	for _, k := range keys {
		hs := byKey[k]
		sort.Slice(hs, func(i, j int) bool { return hs[i].Offset > hs[j].Offset })
		s := r.Text(k)
		last := len(s) + 1
		for _, h := range hs {
			if h.Offset+len(old) > last {
				return 0, keyErr("%s中有重叠的替换位置", r.KeyLabel(k))
			}
			s = s[:h.Offset] + repl + s[h.Offset+len(old):]
			last = h.Offset
		}
		after[k] = s
	}
	tmp := r.Clone()
	for _, k := range keys {
		if err := tmp.Set(k, after[k]); err != nil {
			return 0, err
		}
	}
	*r = *tmp
	return len(hits), nil
}

// BlankCells lists the typed cells still blank in the given tables (keys
// such as "s3", or "s2" for all of 表二; every table when none is given).
func BlankCells(r *Report, tables ...string) ([]CellRef, error) {
	want := map[string]bool{}
	for _, t := range tables {
		t = strings.TrimSpace(t)
		found := false
		for _, ft := range r.Format.Tables {
			if ft.Key == t || strings.HasPrefix(ft.Key, t+".") {
				want[ft.Key] = true
				found = true
			}
		}
		if !found {
			return nil, keyErr("没有“%s”这张表：可以是 s2、s3、s4 或 s2.a20_1 这样的表二分项", t)
		}
	}
	var out []CellRef
	for _, c := range r.Blanks() {
		if len(want) == 0 || want[c.Table.Key] {
			out = append(out, c)
		}
	}
	return out, nil
}

// FeeBlank reports whether the 信息处理费 (s6.fee_yuan) is required and
// not yet entered.
func FeeBlank(r *Report) bool { return r.Format.FeeRequired && !r.FeeYuan.Set }

// FillZeros enters 0 in every blank typed cell of the given tables and
// returns how many it filled. With no table given it fills every table and
// the 信息处理费 too, so that no blank (R5) is left.
func FillZeros(r *Report, tables ...string) (int, error) {
	cells, err := BlankCells(r, tables...)
	if err != nil {
		return 0, err
	}
	n := len(cells)
	if len(tables) == 0 && FeeBlank(r) {
		r.FeeYuan = Dec("0")
		n++
	}
	for _, c := range cells {
		v := Int(0)
		switch c.Kind() {
		case Wanyuan, Amount:
			v = Dec("0")
			v.Unit = r.cells[c.index()].Unit
		}
		r.cells[c.index()] = v
	}
	return n, nil
}

// BlankSummary says how many cells are blank, table by table, in document
// order: "表三 未填 150 格".
func BlankSummary(r *Report) []string {
	n := map[*Table]int{}
	for _, c := range r.Blanks() {
		n[c.Table]++
	}
	var out []string
	for _, t := range r.Format.Tables {
		if n[t] > 0 {
			out = append(out, fmt.Sprintf("%s 未填 %d 格", t.Name, n[t]))
		}
	}
	return out
}

// GeneratedBlanks lists the blank cells of the tables that the sentences
// Generated writes for a text key read: a sentence written from blanks
// would state 0 where nothing was entered yet.
func GeneratedBlanks(r *Report, key string) []CellRef {
	var tables []string
	switch {
	case key == "s1.parts.yishenqing.text":
		tables = []string{"s3", "s4"}
	case key == "s1.parts.zhudong.text":
		tables = []string{"s2.a20_1"}
	case key == "s1.parts.jiandu.text" || key == "s4.note":
		tables = []string{"s4"}
	case key == "s6.text":
		return nil
	case strings.HasPrefix(key, "s1."):
		tables = []string{"s3", "s4", "s2.a20_1"}
	default:
		return nil
	}
	out, _ := BlankCells(r, tables...)
	return out
}
