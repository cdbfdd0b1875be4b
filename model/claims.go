package model

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Claim is a figure stated in prose that R9 compares with the tables.
type Claim struct {
	Start, End int    // byte range of the number in the text (equal for a "未收到" claim)
	Quote      string // the clause, for messages
	Key        string // the table cell it is compared with
	What       string // how the clerk names that figure
	Said       int64  // the number in the prose
	Table      int64  // the number in the table
	Note       string // an explanation when the cause is recognisable
}

// OK reports whether the prose agrees with the table.
func (c Claim) OK() bool { return c.Said == c.Table }

// Message is the R9 message of a claim that disagrees.
func (c Claim) Message() string {
	m := fmt.Sprintf("正文“%s”写 %d 件，%s为 %d 件", c.Quote, c.Said, c.What, c.Table)
	if c.Start == c.End {
		m = fmt.Sprintf("正文“%s”说没有收到申请，%s为 %d 件", c.Quote, c.What, c.Table)
	}
	if c.Note != "" {
		m += "；" + c.Note
	}
	return m
}

// metric is a figure of the tables that prose commonly quotes.
type metric struct {
	words []string // keywords that name it, nearest to the number wins
	key   string   // where the finding points
	what  string
	value func(r *Report) (int64, bool)
}

func s3sum(rows ...string) func(r *Report) (int64, bool) {
	return func(r *Report) (int64, bool) {
		t := r.Format.Table("s3")
		col := t.ColIndex("zongji")
		var s int64
		n := 0
		for i, row := range t.Rows {
			for _, want := range rows {
				if row.Key == want || (strings.HasSuffix(want, "_") && strings.HasPrefix(row.Key, want)) {
					s += r.N(t, i, col)
					n++
				}
			}
		}
		return s, n > 0
	}
}

func cellValue(key string) func(r *Report) (int64, bool) {
	return func(r *Report) (int64, bool) {
		c, ok := r.Format.Cell(key)
		if !ok {
			return 0, false
		}
		return r.Value(c).N, true
	}
}

func s4sum(groups ...string) func(r *Report) (int64, bool) {
	return func(r *Report) (int64, bool) {
		var s int64
		for _, g := range groups {
			v, _ := cellValue("s4." + g + ".zongji")(r)
			s += v
		}
		return s, true
	}
}

// Metrics in order of precedence when several keywords end at the same place.
var metrics = []metric{
	{[]string{"上年结转"}, "s3.shangnian_jiezhuan.zongji", "表三“二、上年结转”总计", s3sum("shangnian_jiezhuan")},
	{[]string{"结转下年", "结转至下年", "转入下年"}, "s3.jiezhuan_xianian.zongji", "表三“四、结转下年度继续办理”总计", s3sum("jiezhuan_xianian")},
	{[]string{"予以公开和部分公开", "予以公开及部分公开", "予以公开、部分公开"}, "s3.r1.zongji", "表三“（一）予以公开”与“（二）部分公开”之和", s3sum("r1", "r2")},
	{[]string{"部分公开"}, "s3.r2.zongji", "表三“（二）部分公开”总计", s3sum("r2")},
	{[]string{"予以公开", "同意公开", "全部公开"}, "s3.r1.zongji", "表三“（一）予以公开”总计", s3sum("r1")},
	{[]string{"不予公开"}, "s3.r3_1.zongji", "表三“（三）不予公开”各项之和", s3sum("r3_")},
	{[]string{"无法提供"}, "s3.r4_1.zongji", "表三“（四）无法提供”各项之和", s3sum("r4_")},
	{[]string{"不予处理"}, "s3.r5_1.zongji", "表三“（五）不予处理”各项之和", s3sum("r5_")},
	{[]string{"办结", "答复", "办理完毕", "处理完毕", "已办理"}, "s3.r7.zongji", "表三“（七）总计”", s3sum("r7")},
	{receiveWords, "s3.xinshou.zongji", "表三“一、本年新收”总计", s3sum("xinshou")},
	{[]string{"行政复议", "复议"}, "s4.fuyi.zongji", "表四“行政复议”总计", s4sum("fuyi")},
	{[]string{"行政诉讼", "诉讼", "起诉"}, "s4.susong_zhijie.zongji", "表四“行政诉讼”两组总计之和", s4sum("susong_zhijie", "susong_fuyihou")},
}

// Applicant columns quoted in a sentence about new applications.
var applicantWords = []struct {
	words []string
	col   string
}{
	{[]string{"自然人", "群众", "公民"}, "ziranren"},
	{[]string{"商业企业", "企业"}, "shangye_qiye"},
	{[]string{"科研机构"}, "keyan_jigou"},
	{[]string{"社会公益组织", "社会组织"}, "shehui_gongyi"},
	{[]string{"法律服务机构", "律师事务所"}, "falv_fuwu"},
}

type number struct {
	start, end int
	text       string // ASCII digits, "." and no separators
}

// numbersIn finds decimal numbers in text (ASCII or full-width digits,
// thousands separators allowed), with their byte ranges.
func numbersIn(text string) []number {
	var out []number
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if d := digitOf(r); d < 0 {
			i += w
			continue
		}
		start := i
		var b strings.Builder
		dot := false
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if d := digitOf(r); d >= 0 {
				b.WriteByte(byte('0' + d))
				i += w
				continue
			}
			// A separator or decimal point counts only between digits.
			if r == ',' || r == '，' || r == '.' || r == '．' {
				nr, _ := utf8.DecodeRuneInString(text[i+w:])
				if digitOf(nr) >= 0 && (r == ',' || r == '.' || r == '．') {
					if r == '.' || r == '．' {
						if dot {
							break
						}
						dot = true
						b.WriteByte('.')
					}
					i += w
					continue
				}
			}
			break
		}
		out = append(out, number{start, i, b.String()})
	}
	return out
}

func digitOf(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// clauseBreaks end the context a keyword may come from.
const clauseBreaks = "，,、：:；;（(）)“”\"「」"

// sentenceEnds are the byte sequences that end a sentence.
var sentenceEnds = []string{"。", "！", "？", "；", "\n"}

// maxSentence bounds how far back and ahead a sentence is looked for, so
// that a long text without punctuation costs no more than a short one.
const maxSentence = 600

// sentenceBounds returns the sentence around byte position i.
func sentenceBounds(text string, i int) (int, int) {
	lo := max(0, i-maxSentence)
	start := lo
	for _, e := range sentenceEnds {
		if k := strings.LastIndex(text[lo:i], e); k >= 0 && lo+k+len(e) > start {
			start = lo + k + len(e)
		}
	}
	hi := min(len(text), i+maxSentence)
	end := hi
	for _, e := range sentenceEnds {
		if k := strings.Index(text[i:hi], e); k >= 0 && i+k+len(e) < end {
			end = i + k + len(e)
		}
	}
	for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
		start++
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	return start, end
}

// numberBefore finds the number that ends at byte i (spaces allowed
// between), as in "69件" or "3 件"; ok is false if there is none.
func numberBefore(text string, i int) (n number, ok bool) {
	end := i
	for end > 0 && (text[end-1] == ' ') {
		end--
	}
	if strings.HasSuffix(text[:end], "\u3000") {
		end -= len("\u3000")
	}
	start := end
	for start > 0 {
		c := text[start-1]
		if c >= '0' && c <= '9' || c == ',' && start > 1 && text[start-2] >= '0' && text[start-2] <= '9' {
			start--
			continue
		}
		// Full-width digits are EF BC 90–99.
		if start >= 3 && text[start-3] == 0xEF && text[start-2] == 0xBC && c >= 0x90 && c <= 0x99 {
			start -= 3
			continue
		}
		break
	}
	if start == end || (start > 0 && (text[start-1] == '.' || strings.HasSuffix(text[:start], "．"))) {
		return number{}, false // no number, or the end of a decimal
	}
	ns := numbersIn(text[start:end])
	if len(ns) != 1 {
		return number{}, false
	}
	return number{start, end, ns[0].text}, true
}

var receiveWords = []string{"收到", "新收", "受理", "接收", "接到"}

// claimSpec is a claim as read from the text alone; its table figure is
// filled in against a report.
type claimSpec struct {
	Claim
	value   func(*Report) (int64, bool)
	carried func(*Report) (int64, bool) // 上年结转 to explain "收到" = 新收 + 上年结转
	column  bool                        // the claim is one applicant column
}

// The specs of recent texts: prose rarely changes between two checks (a
// grid keystroke re-checks everything), so reading it again is wasted work.
var specCache = struct {
	sync.Mutex
	m map[specKey][]claimSpec
}{m: map[specKey][]claimSpec{}}

type specKey struct{ format, text string }

func cachedSpecs(f *Format, text string) []claimSpec {
	k := specKey{f.ID, text}
	specCache.Lock()
	specs, ok := specCache.m[k]
	specCache.Unlock()
	if ok {
		return specs
	}
	specs = findSpecs(f, text)
	specCache.Lock()
	if len(specCache.m) >= 256 {
		clear(specCache.m)
	}
	specCache.m[k] = specs
	specCache.Unlock()
	return specs
}

// ProseClaims finds the table figures a text states: "办结69件", "收到申请75件",
// "1件结转下年度", "未收到…申请". Only counts written with 件 are read, so
// documents counted in 条 or 个 are left alone.
func ProseClaims(r *Report, text string) []Claim {
	if r.Format.Table("s3") == nil || text == "" {
		return nil
	}
	specs := cachedSpecs(r.Format, text)
	if len(specs) == 0 {
		return nil
	}
	out := make([]Claim, 0, len(specs))
	for _, sp := range specs {
		c := sp.Claim
		v, ok := sp.value(r)
		if !ok {
			continue
		}
		c.Table = v
		if sp.carried != nil {
			if carried, _ := sp.carried(r); carried > 0 && c.Said == v+carried {
				if sp.column {
					c.Note = fmt.Sprintf("%d 含上年结转的 %d 件", c.Said, carried)
				} else {
					c.Note = fmt.Sprintf("%d 是本年新收 %d 件与上年结转 %d 件之和，请分开写：本年新收 %d 件，上年结转 %d 件", c.Said, v, carried, v, carried)
				}
			}
		}
		out = append(out, c)
	}
	return out
}

func isDigitAt(text string, i int) int {
	c := text[i]
	if c >= '0' && c <= '9' {
		return 1
	}
	// Full-width digits are EF BC 90–99.
	if c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99 {
		return 3
	}
	return 0
}

func findSpecs(f *Format, text string) []claimSpec {
	var out []claimSpec
	// Digits are rare in prose, so look for them and then for 件 after them.
	for i := 0; i < len(text); i++ {
		if isDigitAt(text, i) == 0 {
			continue
		}
		j := i
		for j < len(text) {
			if w := isDigitAt(text, j); w > 0 {
				j += w
			} else if text[j] == ',' {
				j++
			} else {
				break
			}
		}
		i = j - 1
		pos := j
		for pos < len(text) && text[pos] == ' ' {
			pos++
		}
		if !strings.HasPrefix(text[pos:], "件") {
			continue
		}
		n, ok := numberBefore(text, pos)
		if !ok {
			continue
		}
		ss, se := sentenceBounds(text, n.start)
		if c, ok := specAt(f, text, n, pos, ss, se); ok {
			out = append(out, c)
		}
	}
	// "我局未收到…政府信息公开申请" states 新收 = 0, unless the sentence gives a number.
	for _, neg := range []string{"未收到", "没有收到", "未接到", "没有接到", "未受理"} {
		for i := 0; i < len(text); {
			k := strings.Index(text[i:], neg)
			if k < 0 {
				break
			}
			pos := i + k
			i = pos + len(neg)
			ss, se := sentenceBounds(text, pos)
			sent := text[ss:se]
			if !strings.Contains(sent, "申请") || sentenceHasCount(sent) {
				continue
			}
			out = append(out, claimSpec{Claim: Claim{Start: pos, End: pos, Quote: clip(strings.TrimSpace(sent)), Key: "s3.xinshou.zongji",
				What: "表三“一、本年新收”总计", Said: 0}, value: s3sum("xinshou")})
			i = se
		}
	}
	return out
}

func sentenceHasCount(sent string) bool {
	for i := 0; ; {
		k := strings.Index(sent[i:], "件")
		if k < 0 {
			return false
		}
		if _, ok := numberBefore(sent, i+k); ok {
			return true
		}
		i += k + len("件")
	}
}

// specAt reads the number n, followed by 件 at byte pos, in the sentence
// text[ss:se].
func specAt(f *Format, text string, n number, pos, ss, se int) (claimSpec, bool) {
	before := text[ss:n.start]
	head := before
	if i := strings.LastIndexAny(before, clauseBreaks+"0123456789"); i >= 0 {
		_, w := utf8.DecodeRuneInString(before[i:])
		before = before[i+w:]
	}
	head = head[:len(head)-len(before)]
	after := text[pos+len("件") : se]
	if i := strings.IndexAny(after, clauseBreaks+"。！？；\n"); i >= 0 {
		after = after[:i]
	}
	sent := text[ss:se]
	said, err := strconv.ParseInt(n.text, 10, 64)
	if err != nil {
		return claimSpec{}, false
	}
	quote := clip(strings.TrimSpace(before) + text[n.start:n.end] + "件" + after)
	if m, ok := pickMetric(f, before, after, strings.Contains(sent, "申请")); ok {
		sp := claimSpec{Claim: Claim{Start: n.start, End: n.end, Quote: quote, Key: m.key, What: m.what, Said: said}, value: m.value}
		if m.key == "s3.xinshou.zongji" {
			sp.carried = s3sum("shangnian_jiezhuan")
		}
		return sp, true
	}
	// "涉及自然人72件、商业企业3件" after "收到…申请" in the same sentence.
	if !strings.Contains(sent, "申请") || !containsAny(head, receiveWords...) {
		return claimSpec{}, false
	}
	t := f.Table("s3")
	for _, a := range applicantWords {
		if endsWithAny(before, a.words) {
			key := "s3.xinshou." + a.col
			return claimSpec{
				Claim: Claim{Start: n.start, End: n.end, Quote: quote, Key: key,
					What: "表三“一、本年新收”「" + t.Cols[t.ColIndex(a.col)].Label + "」", Said: said},
				value: cellValue(key), carried: cellValue("s3.shangnian_jiezhuan." + a.col), column: true}, true
		}
	}
	return claimSpec{}, false
}

// pickMetric chooses the figure a number refers to: the keyword closest
// before it in its clause, else one right after it ("1件结转下年度").
func pickMetric(f *Format, before, after string, aboutApplications bool) (metric, bool) {
	best, bestAt := -1, -1
	for i, m := range metrics {
		for _, w := range m.words {
			if at := strings.LastIndex(before, w); at >= 0 && at+len(w) > bestAt {
				best, bestAt = i, at+len(w)
			}
		}
	}
	if best < 0 {
		for i, m := range metrics[:2] { // only carry-over reads naturally after the number
			for _, w := range m.words {
				if strings.Contains(after, w) {
					return metrics[i], true
				}
			}
		}
		return regulationMetric(f, before)
	}
	m := metrics[best]
	// "不予公开等其他类型164件": the figure counts a wider group.
	if strings.Contains(before[bestAt:], "等") {
		return metric{}, false
	}
	// 收到/受理 count applications only in a sentence about applications.
	if m.key == "s3.xinshou.zongji" && !aboutApplications {
		return metric{}, false
	}
	return m, true
}

// regulationMetric reads "制发行政规范性文件3件" and "现行有效行政规范性文件698件"
// (表二第二十条第（一）项), but not figures of a 清理 exercise ("拟废止").
func regulationMetric(f *Format, before string) (metric, bool) {
	if !strings.HasSuffix(strings.TrimSpace(before), "规范性文件") || strings.Contains(before, "拟") || strings.Contains(before, "清理") {
		return metric{}, false
	}
	t := f.Table("s2.a20_1")
	row := "guifanxing"
	label := t.Rows[t.RowIndex(row)].Label
	col := ""
	switch {
	case strings.Contains(before, "现行有效"):
		if t.ColIndex("youxiao") >= 0 {
			col = "youxiao"
		}
	case containsAny(before, "制发", "制定", "印发", "出台"):
		if t.ColIndex("zhifa") >= 0 {
			col = "zhifa"
		} else {
			col = "xin_zhizuo"
		}
	}
	if col == "" {
		return metric{}, false
	}
	key := t.Key + "." + row + "." + col
	return metric{key: key, what: t.Name + "「" + label + "」" + t.Cols[t.ColIndex(col)].Label, value: cellValue(key)}, true
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func endsWithAny(s string, words []string) bool {
	s = strings.TrimSpace(s)
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	rs := []rune(s)
	return "..." + string(rs[len(rs)-38:])
}

// prose: R9 over the text of section 一.
func (c *checker) prose() {
	r := c.r
	check := func(key, text string) {
		for _, cl := range ProseClaims(r, text) {
			if !cl.OK() && !r.unplacedAt(cl.Key) {
				c.add("R9", Warning, cl.Key, "%s：%s", r.KeyLabel(key), cl.Message())
			}
		}
	}
	check("s1.lead", r.Lead)
	c.reviewClaims("s1.lead", r.Lead)
	for _, p := range r.Parts {
		k := "s1.parts." + p.Key + ".text"
		check(k, p.Text)
		c.reviewClaims(k, p.Text)
	}
	c.reviewClaims("s4.note", r.S4Note)
	for _, k := range proseKeys(r) {
		if v, err := r.Get(k); err == nil {
			if s, ok := v.(string); ok {
				c.ordinals(k, s)
			}
		}
	}
}
