package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"nianbao/model"
)

// sectionHeading matches "三、收到和处理…" (and "三." variants).
var sectionHeading = regexp.MustCompile(`^\s*([一二三四五六])\s*[、.．]\s*(\S.*)$`)

// sectionOf recognises one of the six sections by its words, so that a
// renamed or renumbered heading is still found; 0 if the text is none.
func sectionOf(text string) int {
	t := normLabel(text)
	m := sectionHeading.FindStringSubmatch(t)
	if m == nil || len([]rune(m[2])) > 36 || strings.ContainsAny(m[2], "。；") {
		return 0
	}
	rest := m[2]
	switch {
	case strings.Contains(rest, "总体情况") || strings.Contains(rest, "基本情况") || strings.Contains(rest, "概述"):
		return 1
	case strings.Contains(rest, "主动公开"):
		return 2
	case strings.Contains(rest, "收到和处理") || strings.Contains(rest, "依申请") || strings.Contains(rest, "申请情况"):
		return 3
	case strings.Contains(rest, "复议") || strings.Contains(rest, "诉讼"):
		return 4
	case strings.Contains(rest, "问题") || strings.Contains(rest, "改进") || strings.Contains(rest, "整改"):
		return 5
	case strings.Contains(rest, "其他"):
		return 6
	}
	return 0
}

var (
	yearRe   = regexp.MustCompile(`(20\d\d)\s*年`)
	periodRe = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:起)?\s*(?:至|到|—|-)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	urlRe    = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9./\-_%?=&#:]+[A-Za-z0-9/]`)
	emailRe  = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	postRe   = regexp.MustCompile(`邮编[：:\s]*(\d{6})`)
	phoneRe  = regexp.MustCompile(`电话(?:/传真|／传真)?[：:\s]*([0-9０-９][0-9０-９\-—－–()（） ]{5,}[0-9０-９])`)
	faxRe    = regexp.MustCompile(`(?:传真|电话/传真|电话／传真)[：:\s]*([0-9０-９][0-9０-９\-—－–()（） ]{5,}[0-9０-９])`)
	addrRe   = regexp.MustCompile(`(?:联系)?地址[：:\s]*((?:[^；;，,（(）)。\s]|[（(][^：:（(）)]*[）)])+)`)
	officeRe = regexp.MustCompile(`请(?:与|联系)([^，。；（(]+?)联系`)
	dateRe   = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	partRe   = regexp.MustCompile(`^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$`)
)

// build turns a document into a report.
func build(d *doc, o Options) (*Result, error) {
	items := joinCut(d.items)
	res := &Result{Kind: d.kind}
	// Split into the title area and the six sections.
	var secs [7][]item
	var headings [7]item
	cur := 0
	for _, it := range items {
		if it.row == nil {
			if k := sectionOf(it.text); k > cur {
				cur = k
				headings[k] = it
				continue
			}
		}
		secs[cur] = append(secs[cur], it)
	}
	found := 0
	for k := 1; k <= 6; k++ {
		if headings[k].text != "" {
			found++
		}
	}
	if found < 2 {
		return nil, fmt.Errorf("没有找到报告的各部分（一、总体情况 … 六、其他需要报告的事项）：这个文件看起来不是政府信息公开工作年度报告")
	}

	// Title, agency, year.
	title, agency, year := "", o.Org, o.Year
	var preamble []string
	for _, it := range secs[0] {
		if it.row != nil {
			continue
		}
		if title == "" && strings.Contains(it.text, "报告") && yearRe.MatchString(it.text) && len([]rune(it.text)) <= 60 {
			title = it.text
			m := yearRe.FindStringSubmatchIndex(it.text)
			// A two-line title: the agency on the line above.
			if m[0] == 0 && len(preamble) > 0 && len([]rune(preamble[len(preamble)-1])) <= 30 && !sentenceEnd(preamble[len(preamble)-1]) {
				title = preamble[len(preamble)-1] + title
				preamble = preamble[:len(preamble)-1]
				m = yearRe.FindStringSubmatchIndex(title)
			}
			if agency == "" {
				agency = strings.TrimSpace(title[:m[0]])
			}
			if year == 0 {
				year, _ = strconv.Atoi(title[m[2]:m[3]])
			}
			continue
		}
		preamble = append(preamble, it.text)
	}
	pre := strings.Join(preamble, "\n")
	if year == 0 {
		if m := periodRe.FindStringSubmatch(pre); m != nil {
			year, _ = strconv.Atoi(m[1])
		}
	}
	if year == 0 {
		return nil, fmt.Errorf("没有从文件中读出报告年度，请用 --year 指定")
	}
	if agency == "" {
		return nil, fmt.Errorf("没有从文件中读出单位名称，请用 --org 指定")
	}
	f := detectFormat(secs[2], secs[3], year)
	if f == nil {
		return nil, fmt.Errorf("%d 年度不在支持范围内（2019 年起）", year)
	}
	r := model.New(f, agency, year)
	res.Report = r
	if title != "" {
		r.Meta.Title = strings.Join(strings.Fields(title), "")
	}
	tr := &tableReader{f: f, r: r, res: res, published: map[string]model.Value{}, devs: map[string]model.Deviation{}, filled: map[string]bool{}}
	if title != "" && !strings.Contains(r.Meta.Title, "政府信息公开工作年度报告") {
		tr.deviation("meta.title", title, model.DefaultTitle(agency, year))
	}
	readPreamble(r, pre)

	for k := 1; k <= 6; k++ {
		if h := headings[k]; h.text != "" && normLabel(h.text) != normLabel(f.Sections[k-1].Heading) {
			tr.deviation(f.Sections[k-1].Key, h.text, f.Sections[k-1].Heading)
		}
	}
	readSection1(r, secs[1])
	tr.readS2(secs[2])
	tr.readS3(secs[3])
	tr.readS4(secs[4])
	r.S4Note = proseOf(secs[4])
	readSection5(r, secs[5])
	readSection6(r, secs[6])

	r.Published = tr.published
	for _, k := range sortedKeys(tr.devs) {
		r.Deviations = append(r.Deviations, tr.devs[k])
	}
	return res, nil
}

func sortedKeys(m map[string]model.Deviation) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// detectFormat reads the format from the tables' labels, else the year. A
// 2019-format table in a later year keeps the 2019 format, so that the
// check reports the outdated table (R14).
func detectFormat(s2, s3 []item, year int) *model.Format {
	var text strings.Builder
	for _, it := range append(append([]item(nil), s2...), s3...) {
		text.WriteString(normLabel(it.text))
		if it.row != nil {
			for _, c := range it.row.cells {
				text.WriteString(normLabel(c))
			}
		}
	}
	t := text.String()
	old := strings.Contains(t, "第二十条第（九）项") || strings.Contains(t, "本年新制作数量") || strings.Contains(t, "上一年项目数量")
	new := strings.Contains(t, "本年制发件数") || strings.Contains(t, "本年收费金额") || strings.Contains(t, "逾期不补正")
	switch {
	case old && !new:
		return model.Format2019
	case new && !old:
		return model.Format2021
	}
	return model.FormatForYear(year)
}

// readPreamble keeps the opening text and reads the contact details.
func readPreamble(r *model.Report, pre string) {
	if pre == "" {
		return
	}
	r.Set("meta.preamble", pre)
	flat := strings.ReplaceAll(pre, "\n", "")
	if m := periodRe.FindStringSubmatch(flat); m != nil {
		r.Set("meta.period", fmt.Sprintf("%s年%s月%s日至%s年%s月%s日", m[1], m[2], m[3], m[4], m[5], m[6]))
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
	if len([]rune(rest)) <= 20 && !strings.ContainsAny(strings.TrimRight(rest, "。："), "。，；") {
		return strings.TrimRight(rest, "。：:"), "", true
	}
	if i := strings.IndexAny(rest, "。：:"); i > 0 && len([]rune(rest[:i])) <= 20 && !strings.Contains(rest[:i], "，") {
		_, w := firstRune(rest[i:])
		return rest[:i], strings.TrimSpace(rest[i+w:]), true
	}
	return "", "", false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
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
		if it.row == nil && sentenceEnd(it.text) && len([]rune(it.text)) > 10 {
			out = append(out, it.text)
		}
	}
	return strings.Join(out, "\n")
}

// readSection5 sorts 五 into last year's rectification, this year's
// problems and the measures, by sub-headings or, without them, by words.
func readSection5(r *model.Report, items []item) {
	parts := map[string][]string{}
	target := ""
	for _, it := range items {
		if it.row != nil {
			continue
		}
		text := it.text
		if h, rest, ok := splitPart(text); ok {
			switch {
			case strings.Contains(h, "整改") || strings.Contains(h, "上年") || strings.Contains(h, "上一年"):
				target = "shangnian"
			case strings.Contains(h, "改进") || strings.Contains(h, "措施"):
				target = "gaijin"
			case strings.Contains(h, "问题") || strings.Contains(h, "不足"):
				target = "wenti"
			default:
				target = "wenti"
				rest = text
			}
			if rest != "" {
				parts[target] = append(parts[target], rest)
			}
			continue
		}
		t := target
		if t == "" {
			t = "wenti"
			if (strings.Contains(text, "措施") || strings.Contains(text, "改进")) && !strings.Contains(text, "问题") {
				t = "gaijin"
			}
		}
		parts[t] = append(parts[t], text)
	}
	r.S5.ShangnianZhenggai = strings.Join(parts["shangnian"], "\n")
	r.S5.Wenti = strings.Join(parts["wenti"], "\n")
	r.S5.Gaijin = strings.Join(parts["gaijin"], "\n")
}

// readSection6 keeps the text of 六, takes the signature (agency and date
// lines at the end) and reads the 信息处理费 the text states.
func readSection6(r *model.Report, items []item) {
	var text []string
	for _, it := range items {
		if it.row != nil {
			continue
		}
		t := strings.TrimSpace(it.text)
		switch {
		case strings.HasPrefix(t, "抄送") || strings.HasSuffix(t, "印发") || strings.HasSuffix(t, "日印"):
			continue // distribution lines of an official document
		case dateRe.MatchString(t):
			r.Set("meta.sign_date", t)
			continue
		case len(text) > 0 && len([]rune(t)) <= 30 && !sentenceEnd(t) && (t == r.Meta.Agency || strings.HasSuffix(t, "局") ||
			strings.HasSuffix(t, "委员会") || strings.HasSuffix(t, "政府") || strings.HasSuffix(t, "办公室") || strings.HasSuffix(t, "管理局") || strings.HasSuffix(t, "管委会")):
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
	for _, w := range []string{"未收取", "没有收取", "无收取", "未发生", "没有产生", "未产生", "不收取", "无信息处理费", "收取信息处理费0元", "收费0元"} {
		if strings.Contains(s, w) {
			r.Set("s6.fee_yuan", "0")
			return
		}
	}
	if m := regexp.MustCompile(`(?:信息处理费|处理费|收费)[^。；]*?([0-9][0-9,]*(?:\.[0-9]+)?)\s*元`).FindStringSubmatch(s); m != nil {
		r.Set("s6.fee_yuan", m[1])
	}
}
