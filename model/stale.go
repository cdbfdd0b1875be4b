package model

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// R16: last year's dates left in this year's text. A report is usually
// written by editing last year's, and "2024年，我局共办理…" or "统计期限为
// 2024年1月1日至2024年12月31日" then survives into the 2025 report. A year
// before the report year is flagged unless the text clearly means an
// earlier year: a comparison (较2024年), last year's problems and their
// rectification (2024年存在的问题…整改, 2024年度报告指出的问题), a range
// that reaches the report year (2018年至2025年), a quoted document title
// (《…2024年…》), a start (自2019年起) or a historical event (2019年修订).

// StaleYear is one year in a text that looks left over from an earlier
// report.
type StaleYear struct {
	Key      string // the text key
	Offset   int    // byte offset of the year's first digit
	Len      int    // byte length of the year and 年
	Year     int
	Sentence string // the sentence, cut to a readable length
}

// staleKeys are the texts R16 reads: what the report says, not its
// contact details or signature date (written in the following year).
func staleKeys(r *Report) []string {
	var out []string
	for _, k := range r.TextKeys() {
		switch {
		case k == "meta.title", k == "meta.period", k == "meta.preamble", !strings.HasPrefix(k, "meta."):
			out = append(out, k)
		}
	}
	return out
}

// StaleYears lists the years in the report's texts that look left over
// from an earlier report, in document order.
func StaleYears(r *Report) []StaleYear {
	var out []StaleYear
	for _, k := range staleKeys(r) {
		out = append(out, staleInMemo(k, r.Text(k), r.Year)...)
	}
	return out
}

// YearMentions lists every "N年" of year n in the report's texts with
// whether R16 finds it stale: the places offered for replacement after a
// report was made from last year's.
func YearMentions(r *Report, n int) (hits []TextHit, stale []bool) {
	bad := map[string]map[int]bool{}
	for _, s := range StaleYears(r) {
		if bad[s.Key] == nil {
			bad[s.Key] = map[int]bool{}
		}
		bad[s.Key][s.Offset] = true
	}
	for _, h := range FindText(r, strconv.Itoa(n)+"年") {
		// "12020年" is not the year 2020.
		if h.Offset > 0 && isASCIIDigit(r.Text(h.Key)[h.Offset-1]) {
			continue
		}
		hits = append(hits, h)
		stale = append(stale, bad[h.Key][h.Offset])
	}
	return hits, stale
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// staleIn finds stale years in one text.
func staleIn(key, s string, year int) []StaleYear {
	var out []StaleYear
	depth := 0 // inside 《…》
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '《', '〈':
			depth++
		case '》', '〉':
			depth = max(0, depth-1)
		}
		if !isASCIIDigit(s[i]) || (i > 0 && isASCIIDigit(s[i-1])) {
			i += size
			continue
		}
		j := i
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		n, _ := strconv.Atoi(s[i:j])
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if j-i != 4 || !strings.HasPrefix(s[k:], "年") || n < 2000 || n >= year || depth > 0 {
			i = j
			continue
		}
		end := k + len("年")
		if !earlierMeant(s, i, end, year) {
			st, en := sentenceAround(s, i)
			if len(out) == 0 || out[len(out)-1].Sentence != clipSentence(s[st:en], i-st) {
				out = append(out, StaleYear{Key: key, Offset: i, Len: end - i, Year: n, Sentence: clipSentence(s[st:en], i-st)})
			} else {
				// One finding per sentence; later years of the sentence
				// are still offered for replacement.
				out = append(out, StaleYear{Key: key, Offset: i, Len: end - i, Year: n, Sentence: ""})
			}
		}
		i = end
	}
	return out
}

// earlierMeant reports whether the year at s[start:end] ("2024年") is
// meant as an earlier year rather than as the report's year.
func earlierMeant(s string, start, end, year int) bool {
	before := lastRunes(s[:start], 4)
	for _, w := range []string{"较", "比", "与", "同", "自", "从", "相比", "对比", "早在"} {
		if strings.HasSuffix(strings.TrimRight(before, " "), w) {
			return true
		}
	}
	rest := s[end:]
	rest = strings.TrimPrefix(rest, "度")
	clause := firstRunes(rest, 16)
	if i := strings.IndexAny(clause, "，。；！？\n,;"); i >= 0 {
		clause = clause[:i]
	}
	for _, w := range []string{"问题", "整改", "报告指出", "年度报告", "以前", "之前", "修订", "施行", "颁布", "同期", "决算"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	// A range that reaches the report year: 2018年至2025年, 2021年—2025年.
	window := firstRunes(rest, 14)
	if i := strings.IndexAny(window, "至到—－-~～"); i >= 0 {
		after := strings.TrimLeft(window[i:], "至到—－-~～ ")
		if len(after) >= 4 {
			if n, err := strconv.Atoi(after[:4]); err == nil && n >= year {
				return true
			}
		}
	}
	return false
}

func lastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// sentenceAround returns the byte bounds of the sentence holding s[i].
func sentenceAround(s string, i int) (int, int) {
	st := i
	for st > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:st])
		if strings.ContainsRune("。！？；\n", r) {
			break
		}
		st -= size
	}
	en := i
	for en < len(s) {
		r, size := utf8.DecodeRuneInString(s[en:])
		en += size
		if strings.ContainsRune("。！？；\n", r) {
			if r == '\n' {
				en -= size
			}
			break
		}
	}
	return st, en
}

// clipSentence shortens a sentence for a message, keeping the year (at byte
// at) in view.
func clipSentence(s string, at int) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	const keep = 40
	if utf8.RuneCountInString(s) <= keep {
		return s
	}
	pre := utf8.RuneCountInString(s[:min(at, len(s))])
	runes := []rune(s)
	a := max(0, pre-8)
	b := min(len(runes), a+keep)
	out := string(runes[a:b])
	if a > 0 {
		out = "……" + out
	}
	if b < len(runes) {
		out += "……"
	}
	return out
}

// stale adds R16.
func (c *checker) stale() {
	for _, s := range StaleYears(c.r) {
		if s.Sentence == "" {
			continue
		}
		c.add("R16", Warning, s.Key, "%s：“%s”写的是 %d 年，本报告是 %d 年度；如是沿用往年的文字，请改为本年（可用查找替换）",
			c.r.KeyLabel(s.Key), s.Sentence, s.Year, c.r.Year)
	}
	for _, k := range []string{"s5.wenti", "s5.gaijin"} {
		if i, sent := planForReportYear(c.r.Text(k), c.r.Year); i >= 0 {
			c.add("R16", Warning, k, "%s：“%s”把改进计划写在 %d 年，本报告是 %d 年度，计划应是下一年（%d 年）的；如是沿用上年的文字，请改为 %d 年",
				c.r.KeyLabel(k), sent, c.r.Year, c.r.Year, c.r.Year+1, c.r.Year+1)
		}
	}
}

// planForReportYear finds, in 五, a plan dated in the report year itself
// ("2020年我局将进一步…" in the 2020 report): last year's plan for this
// year, left unchanged. It returns the year's offset and the sentence, or -1.
func planForReportYear(s string, year int) (int, string) {
	y := strconv.Itoa(year) + "年"
	for i := 0; ; {
		k := strings.Index(s[i:], y)
		if k < 0 {
			return -1, ""
		}
		at := i + k
		i = at + len(y)
		if at > 0 && isASCIIDigit(s[at-1]) {
			continue
		}
		clause := firstRunes(strings.TrimPrefix(s[i:], "度"), 20)
		if j := strings.IndexAny(clause, "。；！？\n"); j >= 0 {
			clause = clause[:j]
		}
		if strings.Contains(clause, "将") || strings.Contains(clause, "计划") || strings.Contains(clause, "拟") {
			st, en := sentenceAround(s, at)
			return at, clipSentence(s[st:en], at-st)
		}
	}
}
