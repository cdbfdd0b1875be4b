package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Prose about 表四 that states outcomes in words, not numbers: "均维持原行政
// 行为", "未发生…行政复议…行政诉讼". R9 compares them with the table.
var (
	allUpheld = regexp.MustCompile(`(?:均|全部|都|皆|全部被|均被|结果均为|结果全部为|均予)(?:以)?维持`)
	noReview  = regexp.MustCompile(`(?:未发生|没有发生|未出现|未有|无)(?:因|涉及)?[^。；，0-9０-９]{0,24}(?:行政复议|行政诉讼)`)
)

// reviewClaims: R9 for words about 表四's outcomes.
func (c *checker) reviewClaims(key, text string) {
	t := c.r.Format.Table("s4")
	if t == nil || text == "" {
		return
	}
	sum := func(col string) int64 {
		var s int64
		for row := range t.Rows {
			s += c.r.N(t, row, t.ColIndex(col))
		}
		return s
	}
	if m := memoFind(allUpheld, text, "维持"); m != nil {
		var other []string
		for _, x := range []struct{ col, what string }{{"jiuzheng", "结果纠正"}, {"qita", "其他结果"}, {"weijie", "尚未审结"}} {
			if n := sum(x.col); n > 0 {
				other = append(other, fmt.Sprintf("%s %d 件", x.what, n))
			}
		}
		if len(other) > 0 {
			c.add("R9", Warning, "s4.fuyi.weichi", "%s：正文“%s”说结果都是维持，但表四有%s", c.r.KeyLabel(key), quoteAround(text, m[0]), strings.Join(other, "、"))
		}
	}
	if m := memoFind(noReview, text, "行政复议", "行政诉讼"); m != nil {
		sent := quoteAround(text, m[0])
		fy := c.r.N(t, t.RowIndex("fuyi"), t.ColIndex("zongji"))
		ss := c.r.N(t, t.RowIndex("susong_zhijie"), t.ColIndex("zongji")) + c.r.N(t, t.RowIndex("susong_fuyihou"), t.ColIndex("zongji"))
		says := text[m[0]:m[1]]
		switch {
		case strings.Contains(says, "复议") && fy > 0 && !strings.Contains(says, "诉讼"):
			c.add("R9", Warning, "s4.fuyi.zongji", "%s：正文“%s”说没有行政复议，但表四行政复议总计为 %d 件", c.r.KeyLabel(key), sent, fy)
		case strings.Contains(says, "诉讼") && ss > 0 && !strings.Contains(says, "复议"):
			c.add("R9", Warning, "s4.susong_zhijie.zongji", "%s：正文“%s”说没有行政诉讼，但表四行政诉讼为 %d 件", c.r.KeyLabel(key), sent, ss)
		case strings.Contains(says, "复议") && strings.Contains(says, "诉讼") && fy+ss > 0:
			c.add("R9", Warning, "s4.fuyi.zongji", "%s：正文“%s”说没有行政复议和行政诉讼，但表四行政复议 %d 件、行政诉讼 %d 件", c.r.KeyLabel(key), sent, fy, ss)
		}
	}
}

// quoteAround clips the sentence holding byte i for a message.
func quoteAround(text string, i int) string {
	s, e := sentenceBounds(text, i)
	return clip(strings.TrimSpace(text[s:e]))
}

// Ordinals of a list in prose: 一是 … 二是 … 三是.
var ordinalRe = regexp.MustCompile(`([一二三四五六七八九十])是`)

// ordinals: a hint (R14, 提示) where a text's "一是…二是…" list skips or
// repeats a number — usually an edit of last year's text.
func (c *checker) ordinals(key, text string) {
	want := 1
	for _, m := range memoFindAll(ordinalRe, text) {
		// Only at the start of a clause: "其一是" or "统一是" are words.
		if m[0] > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:m[0]])
			if !strings.ContainsRune("。；，：\n、 （(", prev) {
				continue
			}
		}
		n := strings.Index("一二三四五六七八九十", text[m[2]:m[3]])/len("一") + 1
		switch {
		case n == 1 && want > 1:
			want = 2 // a new list
		case n == want:
			want++
		default:
			c.add("R14", Info, key, "%s：“%s”的序号%s，请核对（常见于改写上年文字时）", c.r.KeyLabel(key), quoteAround(text, m[0]), ordinalProblem(n, want))
			return
		}
	}
}

func ordinalProblem(got, want int) string {
	nums := []rune("一二三四五六七八九十")
	switch {
	case got < want:
		return fmt.Sprintf("“%c是”重复出现", nums[got-1])
	case want == 1:
		return fmt.Sprintf("从“%c是”开始，没有“一是”", nums[got-1])
	}
	return fmt.Sprintf("从“%c是”跳到了“%c是”", nums[want-2], nums[got-1])
}

// measureVerbs open a sentence that states a measure ("一是加强培训",
// "（一）全面提升公开水平"); a problem usually opens with what is lacking.
var measureVerbs = []string{"加强", "提升", "完善", "强化", "推进", "推动", "健全", "规范", "优化", "丰富", "拓展", "扩大", "深化",
	"持续", "进一步", "做好", "抓好", "建立", "落实", "着力", "坚持", "提高", "严格", "加大", "创新", "聚焦", "全面", "不断", "切实"}

var ordinalPrefix = regexp.MustCompile(`^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+[，,、]?)\s*`)

// hasMeasures tells whether a text states measures: words of the future,
// or sentences that open with what will be done.
func hasMeasures(text string) bool {
	if containsAny(text, measureWords...) {
		return true
	}
	for _, sent := range strings.FieldsFunc(text, func(r rune) bool { return r == '。' || r == '；' || r == '\n' || r == '：' }) {
		sent = ordinalPrefix.ReplaceAllString(strings.TrimSpace(sent), "")
		for _, v := range measureVerbs {
			if strings.HasPrefix(sent, v) {
				return true
			}
		}
	}
	return false
}

// Words of the two halves of 五, for texts without sub-headings.
var (
	problemWords = []string{"问题", "不足", "差距", "短板", "薄弱", "有待", "不够", "欠缺", "不到位", "滞后", "仍有", "不能", "尚需", "亟待", "还需"}
	// Measures speak of the future: "下一步", "将进一步", "改进措施".
	measureWords = []string{"改进措施", "整改措施", "下一步", "下阶段", "下步", "今后", "明年", "将进一步", "将继续", "将持续", "将加强",
		"将不断", "将着力", "将全面", "将严格", "将做好", "将深入", "将推进", "将完善", "将强化", "将提升", "将采取", "拟"}
)
