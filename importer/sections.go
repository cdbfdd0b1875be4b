package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

// sectionHeading matches "三、收到和处理…", "三.", "三 ", "第三部分" once
// Markdown and bold markers are gone.
var sectionHeading = regexp.MustCompile(`^(?:第\s*([一二三四五六])\s*部分\s*[、：:.．]?|([一二三四五六])\s*[、.．,，:：]|([一二三四五六])\s)\s*(\S.*)$`)

var sectionNums = "一二三四五六"

// sectionWords recognise each section by its words, so that a renamed or
// renumbered heading is still found.
var sectionWords = [7][]string{
	1: {"总体情况", "基本情况", "概述", "总体工作", "工作概况", "工作情况概述"},
	2: {"主动公开"},
	3: {"收到和处理", "依申请", "申请情况", "申请公开", "收到处理"},
	4: {"复议", "诉讼"},
	5: {"问题", "改进", "整改", "不足"},
	6: {"其他需要报告", "其他事项", "其他"},
}

// sectionOf recognises one of the six sections by its words; 0 if the text
// is none. An OCR misreading ("总休情况") is accepted when the heading's
// number agrees and most of the canonical words are there.
func sectionOf(text string) int {
	if len(text) > 200 {
		return 0
	}
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "*#>"))
	t = strings.TrimRight(t, "。：:*")
	m := sectionHeading.FindStringSubmatch(t)
	if m == nil {
		return 0
	}
	rest := normLabel(m[4])
	if utf8.RuneCountInString(rest) > 40 || strings.ContainsAny(rest, "。；;") {
		return 0
	}
	num := m[1] + m[2] + m[3]
	for k := 1; k <= 6; k++ {
		for _, w := range sectionWords[k] {
			if strings.Contains(rest, w) {
				return k
			}
		}
	}
	k := strings.Index(sectionNums, num)/len("一") + 1
	if k >= 1 && k <= 6 {
		canon := normLabel(model.Format2021.Sections[k-1].Heading)
		_, canon, _ = strings.Cut(canon, "、")
		if similar(rest, canon) {
			return k
		}
	}
	return 0
}

// similar: at least 70% of the canonical characters appear in order.
func similar(s, canon string) bool {
	a, b := []rune(s), []rune(canon)
	if len(a) == 0 || len(b) < 4 || len(a) > 2*len(b) {
		return false
	}
	// Longest common subsequence, two rows.
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]*10 >= len(b)*7
}

var anyYear = regexp.MustCompile(`20\d\d年`)

var partRe = regexp.MustCompile(`^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$`)

// partKeyFor recognises the usual sub-parts of 一 by their words.
func partKeyFor(heading string) string {
	switch {
	case strings.Contains(heading, "主动公开"):
		return "zhudong"
	case strings.Contains(heading, "依申请"):
		return "yishenqing"
	case strings.Contains(heading, "信息管理"):
		return "xinxi_guanli"
	case strings.Contains(heading, "平台"):
		return "pingtai"
	case strings.Contains(heading, "监督") || strings.Contains(heading, "保障"):
		return "jiandu"
	}
	return ""
}

// splitPart reads "（一）主动公开方面。按照…" into heading and text.
func splitPart(p string) (heading, text string, ok bool) {
	m := partRe.FindStringSubmatch(strings.TrimSpace(p))
	if m == nil {
		return "", "", false
	}
	rest := m[2]
	if utf8.RuneCountInString(rest) <= 24 && !strings.ContainsAny(strings.TrimRight(rest, "。：:"), "。，；") {
		return strings.TrimRight(rest, "。：:"), "", true
	}
	if i := strings.IndexAny(rest, "。：:"); i > 0 && utf8.RuneCountInString(rest[:i]) <= 24 && !strings.Contains(rest[:i], "，") {
		_, w := utf8.DecodeRuneInString(rest[i:])
		return rest[:i], strings.TrimSpace(rest[i+w:]), true
	}
	return "", "", false
}

// readSection1 splits 一 into its lead and sub-parts.
func readSection1(r *model.Report, items []item) {
	var lead []string
	r.Parts = nil
	for _, it := range items {
		if it.row != nil {
			continue
		}
		if h, text, ok := splitPart(it.text); ok {
			h = strings.TrimSuffix(strings.TrimSpace(h), "方面")
			key := partKeyFor(h)
			if key == "" || r.Part(key) >= 0 {
				key = r.NextExtraKey()
			}
			r.Parts = append(r.Parts, model.Part{Key: key, Heading: h, Text: text})
			continue
		}
		if n := len(r.Parts); n > 0 {
			p := &r.Parts[n-1]
			if p.Text != "" {
				p.Text += "\n"
			}
			p.Text += it.text
			continue
		}
		lead = append(lead, it.text)
	}
	r.Lead = strings.Join(lead, "\n")
	if len(r.Parts) == 0 {
		for _, p := range r.Format.Parts {
			r.Parts = append(r.Parts, model.Part{Key: p.Key, Heading: p.Heading})
		}
	}
}

// proseOf keeps the sentences among the items (notes under a table).
func proseOf(items []item) string {
	var out []string
	for _, it := range items {
		if it.row == nil && sentenceEnd(it.text) && utf8.RuneCountInString(it.text) > 10 {
			out = append(out, it.text)
		}
	}
	return strings.Join(out, "\n")
}

// Words that open the measures part of 五 when it has no sub-headings.
var (
	measureStart  = regexp.MustCompile(`^(?:下一步|下阶段|下步|今后|明年|针对(?:上述|以上|存在的|这些)|为此|对此|(?:20\d\d年)?(?:，|,)?(?:我们|我局|我委|我办|我区|我县|我市|我镇|本机关|我单位|我部门)?(?:将|计划|着重|重点|拟)|改进措施|整改措施|改进情况|整改情况[：:]|拟采取)`)
	lastYearStart = regexp.MustCompile(`^(?:上(?:一)?年(?:度)?|20\d\d年(?:度)?(?:政府信息公开)?(?:工作)?(?:年度报告)?(?:中)?(?:指出|提出|存在)的?问题|针对上年)`)
)

// readSection5 sorts 五 into last year's rectification, this year's
// problems and the measures: by its sub-headings, or, without them, by
// its content — the measures start where "下一步" / "2025年，我们将" /
// "针对上述问题" begins. It returns a note when it could not tell.
func readSection5(r *model.Report, items []item) string {
	parts := map[string][]string{}
	target := ""
	headed := false
	var plain []string
	for _, it := range items {
		if it.row != nil {
			continue
		}
		text := it.text
		if h, rest, ok := splitPart(text); ok {
			headed = true
			switch {
			case strings.Contains(h, "整改") && !strings.Contains(h, "措施") || strings.Contains(h, "上年") || strings.Contains(h, "上一年") ||
				anyYear.MatchString(h) && strings.Contains(h, "问题") && !strings.Contains(h, "存在的主要问题"):
				target = "shangnian"
			case strings.Contains(h, "改进") || strings.Contains(h, "措施") || strings.Contains(h, "下一步") || strings.Contains(h, "计划"):
				target = "gaijin"
			case strings.Contains(h, "问题") || strings.Contains(h, "不足"):
				target = "wenti"
			default:
				if target == "" {
					target = "wenti"
				}
				rest = text
			}
			if rest != "" {
				parts[target] = append(parts[target], rest)
			}
			continue
		}
		if headed {
			parts[target] = append(parts[target], text)
			continue
		}
		plain = append(plain, text)
	}
	note := ""
	if !headed && len(plain) > 0 {
		note = splitByContent(plain, parts)
	}
	r.S5.ShangnianZhenggai = strings.Join(parts["shangnian"], "\n")
	r.S5.Wenti = strings.Join(parts["wenti"], "\n")
	r.S5.Gaijin = strings.Join(parts["gaijin"], "\n")
	return note
}

// splitByContent divides 五 without sub-headings: an opening paragraph on
// last year's problems, then the problems, then the measures from the
// first paragraph or sentence that opens them.
func splitByContent(paras []string, parts map[string][]string) string {
	i := 0
	if len(paras) > 1 && lastYearStart.MatchString(paras[0]) && strings.Contains(paras[0], "问题") {
		parts["shangnian"] = append(parts["shangnian"], paras[0])
		i = 1
	}
	for j := i; j < len(paras); j++ {
		if opensMeasures(paras[j]) {
			parts["wenti"] = append(parts["wenti"], paras[i:j]...)
			parts["gaijin"] = append(parts["gaijin"], paras[j:]...)
			return ""
		}
	}
	// One paragraph holding both: split at the sentence that opens the
	// measures.
	for j := i; j < len(paras); j++ {
		sents := sentences(paras[j])
		for k := 1; k < len(sents); k++ {
			if opensMeasures(sents[k]) {
				parts["wenti"] = append(parts["wenti"], paras[i:j]...)
				parts["wenti"] = append(parts["wenti"], strings.Join(sents[:k], ""))
				parts["gaijin"] = append(parts["gaijin"], strings.Join(sents[k:], ""))
				parts["gaijin"] = append(parts["gaijin"], paras[j+1:]...)
				return ""
			}
		}
	}
	parts["wenti"] = append(parts["wenti"], paras[i:]...)
	return fmt.Sprintf("第五部分没有小标题，也没有找到改进措施开始的地方，全文 %d 段都放在“存在的主要问题”中，请核对", len(paras)-i)
}

// opensMeasures: a paragraph or sentence that begins the measures —
// "下一步…", "2025年，我局将…", or an opening clause announcing them
// ("为深入推进政府信息公开工作，我局将从以下几个方面进行改进：").
func opensMeasures(p string) bool {
	if measureStart.MatchString(p) {
		return true
	}
	first := p
	if i := strings.IndexAny(p, "：。:"); i >= 0 {
		first = p[:i]
	}
	if utf8.RuneCountInString(first) > 60 {
		return false
	}
	return strings.Contains(first, "以下几个方面") || strings.Contains(first, "将") &&
		(strings.Contains(first, "改进") || strings.Contains(first, "整改") || strings.Contains(first, "措施"))
}

// sentences splits text after each 。！？；, keeping the marks.
func sentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '。' || r == '！' || r == '？' || r == '；' {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// readSection6 keeps the text of 六, takes the signature (agency and date
// lines at the end) and reads the 信息处理费 the text states.
func readSection6(r *model.Report, items []item) {
	var text []string
	for _, it := range items {
		if it.row != nil {
			continue
		}
		t := strings.TrimSpace(stripChrome(it.text))
		if i := strings.Index(t, "抄送"); i > 0 && signDate(strings.TrimSpace(t[:i])) == "" && trailingSignature(strings.TrimSpace(t[:i])) != nil {
			t = strings.TrimSpace(t[:i]) // "…2020年1月13日 抄送：…"
		}
		switch {
		case t == "":
			continue
		case strings.HasPrefix(t, "抄送") || strings.HasSuffix(t, "印发") || strings.HasSuffix(t, "日印") || isPageChrome(t):
			continue // distribution lines of an official document, page chrome
		case signDate(t) != "":
			r.Set("meta.sign_date", signDate(t))
			continue
		case trailingSignature(t) != nil:
			// "…。平潭综合实验区财政金融局2024年1月29日": text run together.
			m := trailingSignature(t)
			if m[1] != "" {
				r.Set("meta.sign_agency", m[1])
			}
			r.Set("meta.sign_date", signDate(m[2]))
			if strings.TrimSpace(m[0]) != "" {
				text = append(text, strings.TrimSpace(m[0]))
			}
			continue
		case len(text) > 0 && looksLikeSignature(t, r.Meta.Agency):
			r.Set("meta.sign_agency", t)
			continue
		}
		text = append(text, t)
	}
	r.S6Text = strings.Join(text, "\n")
	if !r.Format.FeeRequired || r.S6Text == "" {
		return
	}
	s := r.S6Text
	if m := feeRe.FindStringSubmatch(s); m != nil {
		r.Set("s6.fee_yuan", m[1])
		return
	}
	for _, w := range []string{"未收取", "没有收取", "无收取", "未发生", "没有产生", "未产生", "不收取", "无信息处理费", "未涉及", "均未收费", "无收费"} {
		if strings.Contains(s, w) {
			r.Set("s6.fee_yuan", "0")
			return
		}
	}
}

// trailingSig: the last sentence of run-together text ending in the
// signature: agency (optional) and date.
var trailingSig = regexp.MustCompile(`^(.*[。！？；])?\s*([^。！？；，,]{0,30}?)\s*((?:\d{4}|[二][〇○零][一二三四五六七八九〇○零]{2})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)$`)

// trailingChrome: what a page prints after the report's date.
var trailingChrome = regexp.MustCompile(`\s*(?:(?:来源|信息来源|发布机构)[：:][^。]*?)?\s*(?:附件(?:下载)?|【?打印】?|【?关闭】?|\s)*$`)

// trailingSignature returns [text before, agency, date] or nil.
func trailingSignature(t string) []string {
	head, tail := cutTail(stripChrome(t), 240)
	m := trailingSig.FindStringSubmatch(tail)
	if m == nil || signDate(m[3]) == "" || m[2] != "" && !agencyLike(m[2]) {
		return nil
	}
	return []string{head + m[1], m[2], m[3]}
}

// cutTail splits off the last n bytes or so of t at a character boundary:
// what ends a text is looked for in its tail, so that a long paragraph
// costs no more than a short one.
func cutTail(t string, n int) (head, tail string) {
	if len(t) <= n {
		return "", t
	}
	i := len(t) - n
	for i < len(t) && !utf8.RuneStart(t[i]) {
		i++
	}
	return t[:i], t[i:]
}

// stripChrome removes the page's words after the report's last line.
func stripChrome(t string) string {
	head, tail := cutTail(t, 240)
	return head + trailingChrome.ReplaceAllString(tail, "")
}

var feeRe = regexp.MustCompile(`(?:信息处理费|处理费|收费)[^。；]*?([0-9][0-9,]*(?:\.[0-9]+)?)\s*元`)

// looksLikeSignature: a short line naming an agency at the end of 六.
func looksLikeSignature(t, agency string) bool {
	if utf8.RuneCountInString(t) > 30 || sentenceEnd(t) || strings.ContainsAny(t, "，。；：:|") || isPageChrome(t) {
		return false
	}
	return t == agency || agencyLike(t)
}

// agencyLike: the name of an organ ends like one.
func agencyLike(t string) bool {
	for _, s := range []string{"局", "委员会", "委", "政府", "办公室", "办公厅", "办", "管委会", "管理委员会", "中心", "院", "厅", "部", "署", "处",
		"街道办事处", "所", "站", "队", "会", "馆", "公司", "集团", "监狱", "检察院", "法院", "区", "县", "市", "镇", "乡", "旗", "州", "街道"} {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return false
}
