package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/model"
)

var (
	yearRe = regexp.MustCompile(`(20\d\d)\s*年`)
	// 统计期限为2022年1月1日至2022年12月31日, also "…至12月31日".
	periodRe = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:起)?\s*(?:至|到|—|-|～|~)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	urlRe    = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9./\-_%?=&#:]+[A-Za-z0-9/]`)
	emailRe  = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	postRe   = regexp.MustCompile(`邮(?:政)?编(?:码)?[：:\s]*(\d{6})`)
	phoneRe  = regexp.MustCompile(`电话(?:/传真|／传真)?(?:号码)?[：:\s]*([0-9０-９][0-9０-９\-—－–()（） ]{5,}[0-9０-９])`)
	faxRe    = regexp.MustCompile(`(?:传真|电话/传真|电话／传真)(?:号码)?[：:\s]*([0-9０-９][0-9０-９\-—－–()（） ]{5,}[0-9０-９])`)
	addrRe   = regexp.MustCompile(`(?:联系|办公|通讯)?地址[：:\s]*((?:[^；;，,（(）)。\s]|[（(][^：:（(）)]*[）)])+)`)
	officeRe = regexp.MustCompile(`请(?:与|联系)([^，。；（(]+?)联系`)
	// "本报告由XX局编制", "XX根据《…》编制".
	compiledBy = regexp.MustCompile(`(?:本(?:年度)?报告(?:是)?由|由)([^，。；《》（）()]{2,40})(?:根据|按照|依据|编制|负责|综合)`)
	publisher  = regexp.MustCompile(`^(?:发布机构|发文机关|来源|信息来源)[：:]\s*([^\s：:|]{2,40})`)
	titleYear  = regexp.MustCompile(`[（(]?(20\d\d)\s*年度?[）)]?`)
	breadcrumb = regexp.MustCompile(`[>＞»›]`)
	titleLabel = regexp.MustCompile(`^(?:标题|题目|文章标题|名称)[：:]\s*`)
	// "2025年，我局…" opening section 一.
	openingYear = regexp.MustCompile(`^(20\d\d)\s*年(?:度)?(?:[，,]|以来)`)
)

// chineseYear turns "二〇二五" (also with 零/○) into "2025" in text.
var chineseYear = regexp.MustCompile(`[二][〇○零Ｏ0][一二三四五六七八九〇○零Ｏ0]{2}\s*年`)

func normalizeDigits(s string) string {
	s = chineseYear.ReplaceAllStringFunc(s, func(m string) string {
		var b strings.Builder
		for _, r := range m {
			switch r {
			case '〇', '○', '零', 'Ｏ', '0':
				b.WriteByte('0')
			case '年', ' ':
				if r == '年' {
					b.WriteRune('年')
				}
			default:
				if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
					b.WriteByte(byte('1' + i/len("一")))
				}
			}
		}
		return b.String()
	})
	return asciiDigits(s)
}

// asciiDigits maps full-width digits to ASCII.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}

// pageChrome: lines a saved web page or a copy of one carries around the
// report: navigation, print buttons, metadata labels.
var pageChrome = regexp.MustCompile(`^(?:正文|首页|当前位置|您当前的位置|您的位置|所在位置|字号|字体|【?打印|【?关闭|分享到|扫一扫|浏览次数|访问量|附件|索引号|主题分类|成文日期|发布日期|发布时间|公开日期|发文日期|文号|有效性|信息来源|来源[：:]|时间[：:]|作者[：:]|编辑[：:]|责任编辑|阅读次数|点击数|浏览量|相关链接|相关文章|相关阅读|上一篇|下一篇|返回顶部|返回首页|收藏|主办单位|主办[：:]|承办|协办|版权所有|网站标识码|网站地图|联系我们|使用帮助|隐私保护|技术支持|Copyright|All Rights|闽ICP|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP|ICP备|公网安备|为确保最佳浏览效果|\[?\s*(?:大|中|小)\s*\]?$)`)

func isPageChrome(t string) bool { return pageChrome.MatchString(t) }

// isChromeLine: page chrome, or a scrap of a page's menus — a few
// characters without a full stop.
func isChromeLine(t string) bool {
	t = strings.TrimSpace(t)
	if isPageChrome(t) {
		return true
	}
	han := 0
	for _, r := range t {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han < 4 || utf8.RuneCountInString(t) <= 8 && !sentenceEnd(t) && !strings.ContainsAny(t, "，。；")
}

// titleInfo is what the title area tells.
type titleInfo struct {
	title  string // as read, spaces squeezed
	raw    string // as printed (for the R14 message)
	agency string
	year   int
}

// readTitle finds the report's title among the lines before section 一 —
// also when the year comes first ("2019年上海市…"), in brackets
// ("（2025年度）"), wrapped over two lines, or after the page's navigation
// ("首页 > 政务公开 > …") — and reads agency and year from it.
func readTitle(items []item) (titleInfo, []item) {
	var rest []item
	var ti titleInfo
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.row != nil || ti.title != "" {
			rest = append(rest, it)
			continue
		}
		t := titleLabel.ReplaceAllString(it.text, "")
		if breadcrumb.MatchString(t) && utf8.RuneCountInString(t) < 120 {
			parts := breadcrumb.Split(t, -1)
			t = strings.TrimSpace(parts[len(parts)-1])
		}
		raw := it.raw
		if raw == "" {
			raw = it.text
		}
		raw = titleLabel.ReplaceAllString(strings.TrimSpace(raw), "")
		// A title wrapped over lines: join short lines until the title ends.
		j := i
		for !endsTitle(t) && j+1 < len(items) && j-i < 3 && items[j+1].row == nil &&
			utf8.RuneCountInString(t) <= 40 && !sentenceEnd(t) && titleStart(t) && isTitleLike(t+items[j+1].text) &&
			utf8.RuneCountInString(items[j+1].text) <= 40 {
			j++
			t += items[j].text
			if items[j].raw != "" {
				raw += items[j].raw
			} else {
				raw += items[j].text
			}
		}
		if isTitleLike(t) && endsTitle(t) && utf8.RuneCountInString(t) <= 90 && isTitle(t) {
			ti.title = strings.Join(strings.Fields(t), "")
			ti.raw = strings.TrimSpace(raw)
			ti.agency, ti.year = parseTitle(ti.title)
			// What stood above the title is the page's navigation.
			rest = nil
			// The agency on the line above a title that begins with the year.
			if ti.agency == "" && len(rest) > 0 {
				prev := rest[len(rest)-1]
				if prev.row == nil && utf8.RuneCountInString(prev.text) <= 30 && !sentenceEnd(prev.text) && agencyLike(prev.text) {
					ti.agency = prev.text
					ti.title = prev.text + ti.title
					ti.raw = prev.text + ti.raw
					rest = rest[:len(rest)-1]
				}
			}
			i = j
			continue
		}
		rest = append(rest, it)
	}
	return ti, rest
}

// isTitle: a title names a year, or an agency and "报告" ("政府信息公开年报"
// alone is a menu of the page).
func isTitle(t string) bool {
	agency, year := parseTitle(strings.Join(strings.Fields(t), ""))
	return year > 0 || agency != "" && strings.Contains(t, "报告")
}

// titleStart: a line that can begin a wrapped title names the agency, the
// year or the report (not a menu item such as "平台链接").
func titleStart(t string) bool {
	return agencyLike(t) || yearRe.MatchString(normalizeDigits(t)) || strings.Contains(t, "政府信息公开") || strings.Contains(t, "年度")
}

func isTitleLike(t string) bool {
	return strings.Contains(t, "政府信息公开") || strings.Contains(t, "政务公开") || strings.Contains(t, "信息公开年")
}

// endsTitle: the line ends where a title ends.
func endsTitle(t string) bool {
	t = strings.TrimRight(t, " ")
	for _, e := range []string{"报告", "年报", "年度）", "年度)", "报告）", "报告)"} {
		if strings.HasSuffix(t, e) {
			return true
		}
	}
	return titleYear.MatchString(t) && strings.HasSuffix(t, "）") && strings.Contains(t, "报告")
}

// parseTitle takes the year and the agency out of a title: whatever is
// left once the year and "政府信息公开工作年度报告" are removed.
func parseTitle(title string) (agency string, year int) {
	t := normalizeDigits(title)
	t = strings.Trim(t, "《》“”\"")
	if m := titleYear.FindStringSubmatch(t); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	cut := len(t)
	for _, w := range []string{"政府信息公开", "政务公开", "信息公开"} {
		if i := strings.Index(t, w); i >= 0 && i < cut {
			cut = i
		}
	}
	a := titleYear.ReplaceAllString(t[:cut], "")
	a = strings.TrimSpace(strings.Trim(a, " 《》“”\"：:，,"))
	a = strings.TrimPrefix(a, "关于")
	a = strings.TrimSuffix(a, "的")
	a = strings.TrimSuffix(a, "关于")
	if utf8.RuneCountInString(a) < 2 {
		a = ""
	}
	return a, year
}

// findAgency looks for the agency where the title does not name it: the
// page's 发布机构, "本报告由XX编制" in the opening, the signature.
func findAgency(pre []item, signature string) string {
	for _, it := range pre {
		if m := publisher.FindStringSubmatch(it.text); m != nil && agencyLike(m[1]) {
			return m[1]
		}
	}
	for _, it := range pre {
		if m := compiledBy.FindStringSubmatch(it.text); m != nil {
			a := strings.TrimSpace(m[1])
			a = strings.TrimSuffix(a, "政府信息公开工作领导小组办公室")
			if agencyLike(a) {
				return a
			}
		}
	}
	if agencyLike(signature) {
		return signature
	}
	return ""
}

// signature returns the agency line of the signature at the end of the
// document, if any.
func signature(items []item) string {
	n := 0
	for i := len(items) - 1; i >= 0 && n < 6; i-- {
		it := items[i]
		if it.row != nil {
			break
		}
		n++
		t := strings.TrimSpace(it.text)
		if signDate(t) != "" || isPageChrome(t) || strings.HasPrefix(t, "抄送") {
			continue
		}
		if looksLikeSignature(t, "") {
			return t
		}
	}
	return ""
}

var dateLine = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)

// signDate reads a date line ("2025年1月20日", "二〇二五年一月二十日").
func signDate(t string) string {
	t = strings.TrimSpace(t)
	if utf8.RuneCountInString(t) > 20 {
		return ""
	}
	if m := dateLine.FindStringSubmatch(normalizeDigits(t)); m != nil {
		return fmt.Sprintf("%s年%s月%s日", m[1], strings.TrimLeft(m[2], "0"), strings.TrimLeft(m[3], "0"))
	}
	if strings.HasSuffix(t, "日") {
		if y, mo, d, ok := chineseDate(t); ok {
			return fmt.Sprintf("%d年%d月%d日", y, mo, d)
		}
	}
	return ""
}

// chineseDate reads "二〇二五年一月二十日".
func chineseDate(t string) (y, m, d int, ok bool) {
	t = normalizeDigits(t)
	ys, rest, ok1 := strings.Cut(t, "年")
	ms, rest, ok2 := strings.Cut(rest, "月")
	ds, _, ok3 := strings.Cut(rest, "日")
	if !ok1 || !ok2 || !ok3 {
		return 0, 0, 0, false
	}
	y, err := strconv.Atoi(strings.TrimSpace(ys))
	m, okm := smallChinese(strings.TrimSpace(ms))
	d, okd := smallChinese(strings.TrimSpace(ds))
	if err != nil || !okm || !okd || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// smallChinese reads 1–31 written in digits or as 一 … 三十一.
func smallChinese(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digit := func(r rune) int { return strings.IndexRune("一二三四五六七八九", r)/len("一") + 1 }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		d := digit(rs[0])
		return d, d > 0
	case len(rs) == 2 && rs[0] == '十':
		d := digit(rs[1])
		return 10 + d, d > 0
	case len(rs) == 2 && rs[1] == '十':
		d := digit(rs[0])
		return d * 10, d > 0
	case len(rs) == 3 && rs[1] == '十':
		a, b := digit(rs[0]), digit(rs[2])
		return a*10 + b, a > 0 && b > 0
	}
	return 0, false
}

// yearFromText: the period of the statistics, else "2025年，我局…" at the
// start of 一, else the signature date's year minus one (reports are
// signed early in the next year).
func yearFromText(pre string, s1 []item, signed string) int {
	if m := periodRe.FindStringSubmatch(normalizeDigits(pre)); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	for i, it := range s1 {
		if i > 2 {
			break
		}
		if m := openingYear.FindStringSubmatch(normalizeDigits(it.text)); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	if m := dateLine.FindStringSubmatch(signed); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo <= 4 {
			return y - 1
		}
	}
	return 0
}

// readPreamble keeps the opening text and reads the contact details.
func readPreamble(r *model.Report, pre string) {
	if pre == "" {
		return
	}
	r.Set("meta.preamble", pre)
	flat := strings.ReplaceAll(pre, "\n", "")
	if m := periodRe.FindStringSubmatch(normalizeDigits(flat)); m != nil {
		y2 := m[4]
		if y2 == "" {
			y2 = m[1]
		}
		r.Set("meta.period", fmt.Sprintf("%s年%s月%s日至%s年%s月%s日", m[1], m[2], m[3], y2, m[5], m[6]))
	}
	if u := urlRe.FindString(flat); u != "" {
		r.Set("meta.url", u)
	}
	if e := emailRe.FindString(flat); e != "" {
		r.Set("meta.contact.email", e)
	}
	if m := postRe.FindStringSubmatch(flat); m != nil {
		r.Set("meta.contact.postcode", m[1])
	}
	if m := phoneRe.FindStringSubmatch(flat); m != nil {
		r.Set("meta.contact.phone", strings.TrimSpace(m[1]))
	}
	if m := faxRe.FindStringSubmatch(flat); m != nil {
		r.Set("meta.contact.fax", strings.TrimSpace(m[1]))
	}
	if m := addrRe.FindStringSubmatch(flat); m != nil {
		r.Set("meta.contact.address", strings.TrimSpace(m[1]))
	}
	if m := officeRe.FindStringSubmatch(flat); m != nil {
		r.Set("meta.contact.office", strings.TrimSpace(m[1]))
	}
}
