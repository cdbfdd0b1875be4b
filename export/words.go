package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labels of the official tables are wrapped only between words: a cell
// that prints 不予公/开 or 自然/人 is what a reviewer sends back. Chinese has
// no spaces, so the words of every label are listed here (longest match
// wins); TestEveryLabelIsMadeOfKnownWords fails when a new format brings a
// label with a word missing from this list.
var labelWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		信息 内容 政府信息 规章 规范性 文件 行政 行政法规 行政机关 行政复议 行政诉讼
		本年 本年度 上年 上一年 下年度 新 新收 新制作 新公开 制作 制发 废止 件数 数量 总数量 对外 公开 现行 有效
		许可 处罚 强制 其他 其他组织 管理 服务 事项 项目 增/减 处理 决定 事业性 收费 政府 集中 采购 金额 总金额 单位 万元
		本列 数据 的 勾稽 关系 为 第一项 第二项 第三项 第四项 加 之和 等于 第二十条
		申请 申请人 情况 结转 办理 结果 继续 予以 部分 区分 只计 这一 情形 不计 不予
		属于 国家 秘密 法律 禁止 危及 三安全一稳定 保护 第三方 合法 权益 三类 内部 事务 四类 过程性 执法 案卷 查询
		本机关 不掌握 相关 无法 提供 没有 现成 需要 另行 补正 补正后 仍 不明确
		信访 举报 投诉类 重复 要求 出版物 无正当理由 大量 反复 确认 或 重新 出具 已获取
		逾期 不补正 不再 其 未按 通知 缴纳 费用 总计
		自然人 法人 商业 企业 科研 机构 社会 公益 组织
		复议 复议后 未经 直接 起诉 维持 纠正 尚未 审结 第 项`) {
		m[w] = true
	}
	return m
}()

// longestWord is the length in runes of the longest listed word.
const longestWord = 6

// Punctuation that closes (stays at the end of the word before it) and that
// opens (stays with the word after it), also the 避头尾 rules of the text
// export: a line never starts with a closer nor ends with an opener.
const (
	closers = "，。、；：？！）》」』”’…—,.;:?!)%"
	openers = "（《「『“‘(["
)

// numbering matches a label's own number: （一）, 一、 stand alone; 1. is
// glued to the word after it (a line holding only "1." says nothing).
func numbering(s string) (n int, glue bool) {
	if strings.HasPrefix(s, "（") {
		if i := strings.Index(s, "）"); i > 0 && i <= len("（十一")+1 && !strings.ContainsFunc(s[len("（"):i], func(r rune) bool { return !strings.ContainsRune("一二三四五六七八九十", r) }) {
			return i + len("）"), false
		}
	}
	if i := strings.Index(s, "、"); i > 0 && i <= len("十一") && !strings.ContainsFunc(s[:i], func(r rune) bool { return !strings.ContainsRune("一二三四五六七八九十", r) }) {
		return i + len("、"), false
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && s[i] == '.' {
		return i + 1, true
	}
	return 0, false
}

// segments splits a label into the pieces a line may break between.
func segments(s string) []string {
	var out []string
	glue := "" // text that must join the next piece
	emit := func(p string) {
		out = append(out, glue+p)
		glue = ""
	}
	for s != "" {
		if n, g := numbering(s); n > 0 && glue == "" {
			if g {
				glue = s[:n]
			} else {
				emit(s[:n])
			}
			s = s[n:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case strings.ContainsRune(closers, r) && (len(out) > 0 || glue != ""):
			if glue != "" {
				glue += string(r)
			} else {
				out[len(out)-1] += string(r)
			}
			s = s[size:]
			continue
		case strings.ContainsRune(openers, r):
			glue += string(r)
			s = s[size:]
			continue
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			// A number, URL or code is one piece.
			n := 0
			for n < len(s) && s[n] < utf8.RuneSelf && s[n] != ' ' && !strings.ContainsRune(",;)", rune(s[n])) {
				n++
			}
			emit(s[:n])
			s = s[n:]
			continue
		case r == ' ' || r == '\u3000':
			if len(out) > 0 {
				out[len(out)-1] += string(r)
			}
			s = s[size:]
			continue
		}
		// The longest listed word here, else one character.
		n := size
		for k, end := 0, 0; k < longestWord && end < len(s); k++ {
			_, sz := utf8.DecodeRuneInString(s[end:])
			end += sz
			if labelWords[s[:end]] {
				n = end
			}
		}
		emit(s[:n])
		s = s[n:]
	}
	if glue != "" {
		out = append(out, glue)
	}
	return out
}

// wrapLabel breaks a label into lines no wider than width as measured by
// measure, between words only: the fewest lines, no line of a single
// character where that can be helped, then the fullest first lines. A word
// wider than the line is cut (the tests keep that from happening to
// official labels).
func wrapLabel(s string, width int, measure func(string) int) []string {
	if s == "" {
		return []string{""}
	}
	if measure(s) <= width {
		return []string{s}
	}
	var units []string
	for _, u := range segments(s) {
		for measure(u) > width { // too wide: cut it by characters
			cut, w := 0, 0
			for i, r := range u {
				if w+measure(string(r)) > width {
					cut = i
					break
				}
				w += measure(string(r))
			}
			if cut == 0 {
				_, cut = utf8.DecodeRuneInString(u)
			}
			units = append(units, u[:cut])
			u = u[cut:]
		}
		if u != "" {
			units = append(units, u)
		}
	}
	n := len(units)
	widths := make([]int, n+1) // prefix widths
	for i, u := range units {
		widths[i+1] = widths[i] + measure(u)
	}
	// best[i]: cost of laying out units[i:]; next[i]: end of its first
	// line. Costs are int64: 32-bit builds (windows/386) too.
	const (
		inf      int64 = 1 << 62
		perLine  int64 = 1 << 40
		loneChar int64 = 1 << 34
	)
	best := make([]int64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = inf
		for j := i + 1; j <= n; j++ {
			w := widths[j] - widths[i]
			if w > width && j > i+1 {
				break
			}
			cost := perLine
			if utf8.RuneCountInString(strings.TrimSpace(strings.Join(units[i:j], ""))) == 1 {
				cost += loneChar
			}
			if j < n {
				cost += int64(width-w) * int64(width-w)
			}
			if c := cost + best[j]; c < best[i] {
				best[i], next[i] = c, j
			}
		}
	}
	var lines []string
	for i := 0; i < n; i = next[i] {
		lines = append(lines, strings.TrimRight(strings.Join(units[i:next[i]], ""), " "))
	}
	return lines
}

// emWidth measures text as set in Word, in hundredths of an em: Han
// characters and full-width punctuation 100, Times digits and letters 50,
// narrow punctuation 25.
func emWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && strings.ContainsRune(".,:;'!| ", r):
			w += 25
		case r < utf8.RuneSelf:
			w += 50
		default:
			w += 100
		}
	}
	return w
}
