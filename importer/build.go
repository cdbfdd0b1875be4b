package importer

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

// NeedInfo refuses a file whose agency or year could not be read; the
// caller may ask the clerk and read it again with Options.
type NeedInfo struct {
	Agency, Year bool
	// What was read, to offer as a default.
	GuessAgency string
	GuessYear   int
}

func (e *NeedInfo) Error() string {
	switch {
	case e.Agency && e.Year:
		return "没有从文件中读出单位名称和报告年度，请用 --org 和 --year 指定"
	case e.Agency:
		return "没有从文件中读出单位名称，请用 --org 指定"
	}
	return "没有从文件中读出报告年度，请用 --year 指定"
}

// build turns a document into a report.
func build(d *doc, o Options) (*Result, error) {
	d.items = joinNumberedHeadings(d.items)
	pieces := cellPerLine(d.items)
	items := d.items
	if !pieces {
		items = joinCut(d.items)
	}
	res := &Result{Kind: d.kind}
	// Split into the title area and the six sections; a heading counts
	// only after the one before it.
	sec := make([]int, len(items))
	var headings [7]item
	var feeSection []item // a local template's own section on the 信息处理费
	cur, inFee := 0, false
	for i, it := range items {
		if it.row == nil {
			if k := sectionOf(it.text); k > cur {
				cur, inFee = k, false
				headings[k] = it
				sec[i] = -k // the heading itself
				continue
			}
			if feeHeading.MatchString(it.text) && cur >= 3 {
				inFee = true
				feeSection = append(feeSection, it)
				sec[i] = -cur // not prose of the section above
				continue
			}
		}
		if inFee {
			feeSection = append(feeSection, it)
		}
		sec[i] = cur
	}
	found := 0
	for k := 1; k <= 6; k++ {
		if headings[k].text != "" {
			found++
		}
	}
	if found < 2 {
		return nil, errors.New("没有找到报告的各部分（一、总体情况 … 六、其他需要报告的事项）：这个文件看起来不是政府信息公开工作年度报告")
	}
	if pieces {
		items, sec = rebuildPieces(items, sec)
	}
	// The page's footer follows the last section: it is not the report.
	if last := lastSection(sec); last >= 0 {
		n := last + len(cutFooter(items[last:]))
		items, sec = items[:n], sec[:n]
	}
	var secs [7][]item
	for i, it := range items {
		if sec[i] >= 0 {
			secs[sec[i]] = append(secs[sec[i]], it)
		}
	}

	// Title, agency, year.
	ti, preItems := readTitle(secs[0])
	var preamble []string
	for _, it := range preItems {
		if it.row == nil && !isChromeLine(it.text) && !breadcrumb.MatchString(it.text) {
			preamble = append(preamble, it.text)
		}
	}

	pre := strings.Join(preamble, "\n")
	agency, year := o.Org, o.Year
	sig := signature(secs[6])
	if agency == "" {
		agency = ti.agency
	}
	if agency == "" {
		agency = findAgency(preItems, sig)
	}
	if year == 0 {
		year = ti.year
	}
	if year == 0 {
		signed := ""
		for _, it := range secs[6] {
			if s := signDate(it.text); s != "" {
				signed = s
			}
		}
		year = yearFromText(pre, secs[1], signed)
	}
	if agency == "" || year == 0 {
		return nil, &NeedInfo{Agency: agency == "", Year: year == 0, GuessAgency: agency, GuessYear: year}
	}
	f := detectFormat(items, year)
	if f == nil {
		return nil, fmt.Errorf("%d 年度不在支持范围内（2019 年起）", year)
	}
	r := model.New(f, agency, year)
	res.Report = r
	if ti.title != "" {
		r.Meta.Title = ti.title
	}
	tr := &tableReader{f: f, r: r, res: res, published: map[string]model.Value{}, devs: map[string]model.Deviation{}, filled: map[string]bool{}}
	if ti.title != "" && !strings.Contains(r.Meta.Title, "政府信息公开工作年度报告") {
		tr.deviation("meta.title", ti.raw, model.DefaultTitle(agency, year))
	}
	readPreamble(r, pre)

	for k := 1; k <= 6; k++ {
		h := headings[k]
		switch {
		case h.text == "" && k == 6 && len(feeSection) > 0:
			tr.deviation(f.Sections[k-1].Key, feeSection[0].text+"（另设一部分，没有“其他需要报告的事项”）", f.Sections[k-1].Heading)
		case h.text == "":
			tr.deviation(f.Sections[k-1].Key, "（缺少这一部分）", f.Sections[k-1].Heading)
		case normLabel(strings.TrimRight(h.text, "。")) != normLabel(f.Sections[k-1].Heading):
			tr.deviation(f.Sections[k-1].Key, h.text, f.Sections[k-1].Heading)
		}
	}

	// Tables are recognised by their labels wherever they stand; rows no
	// table claims are prose again (a PDF line misread as a row).
	if err := canceled(o); err != nil {
		return nil, err
	}
	tables, prose := assignTables(f, items, sec)
	for k := range secs {
		secs[k] = prose[k]
	}
	tr.readS2(tables[table2])
	tr.readS3(tables[table3])
	tr.readS4(tables[table4])
	tr.runTogether(items)

	takeSignature(r, &secs)
	readSection1(r, secs[1])
	r.S4Note = proseOf(secs[4])
	if note := readSection5(r, secs[5]); note != "" {
		res.Notes = append(res.Notes, note)
	}
	readSection6(r, secs[6])
	if !r.FeeYuan.Set && len(feeSection) > 0 && f.FeeRequired {
		readFeeSection(r, feeSection)
		if r.FeeYuan.Set && strings.TrimSpace(r.S6Text) == "" {
			r.S6Text = model.FeeSentence(r)
			res.Notes = append(res.Notes, "原报告把信息处理费单列为“"+feeSection[0].text+"”，已按其中的实际收取金额写入第六部分："+r.S6Text)
		}
	}

	r.Published = tr.published
	for _, k := range sortedKeys(tr.devs) {
		r.Deviations = append(r.Deviations, tr.devs[k])
	}
	for _, u := range res.Uncertain {
		r.Unplaced = append(r.Unplaced, model.Unplaced{Key: u.Key, Count: max(u.Count, 1)})
	}
	return res, nil
}

// assignTables walks the document once and gives each row — and each short
// line of label text around rows — to the table its labels name (表二 rows
// by 规章/行政许可…, 表三 by its row labels and header, 表四 by 行政复议…); a
// row without telling labels belongs to the table above it, or, at the
// start of a section, to the section's own table. Everything else is
// returned as the prose of its section.
func assignTables(f *model.Format, items []item, sec []int) (tables [4][]item, prose [7][]item) {
	prior := func(s int) tableKind {
		switch s {
		case 2:
			return table2
		case 3:
			return table3
		case 4:
			return table4
		}
		return noTable
	}
	cur := noTable
	for i, it := range items {
		if sec[i] < 0 {
			cur = prior(-sec[i])
			continue
		}
		short := it.row == nil && utf8.RuneCountInString(it.text) <= 40 && !sentenceEnd(it.text)
		var k tableKind
		switch {
		case it.row != nil:
			k = kindOf(f, it.row.cells)
		case short:
			k = kindOf(f, []string{it.text})
		}
		if k != noTable {
			cur = k
		}
		switch {
		case it.row != nil && cur != noTable:
			tables[cur] = append(tables[cur], it)
		case it.row != nil && countNumbers(it.row.cells) == 15:
			tables[table4] = append(tables[table4], it)
		case it.row != nil:
			// A row in prose: its text, not lost.
			t := strings.Join(labelsAndNumbers(it.row.cells), " ")
			prose[sec[i]] = append(prose[sec[i]], item{text: cleanPara(t), line: it.line, raw: it.raw})
		case short && cur != noTable && (k != noTable || sec[i] >= 2 && sec[i] <= 4):
			tables[cur] = append(tables[cur], it)
			if sec[i] != 2 && sec[i] != 3 && sec[i] != 4 {
				prose[sec[i]] = append(prose[sec[i]], it)
			}
		default:
			prose[sec[i]] = append(prose[sec[i]], it)
		}
	}
	return tables, prose
}

// feeHeading: a section some local templates add for the 信息处理费
// ("五、信息处理费收取情况"), with a table 通知收取件数 / 通知收取金额 /
// 实际收取金额.
var feeHeading = regexp.MustCompile(`^[一二三四五六七]、\s*(?:政府信息公开)?信息处理费(?:的)?收取情况`)

// lastSection is the index of the last section heading, or -1.
func lastSection(sec []int) int {
	for i := len(sec) - 1; i >= 0; i-- {
		if sec[i] < 0 {
			return i
		}
	}
	return -1
}

// cutFooter ends the report where a saved page's footer begins: its
// links, "主办单位", "版权所有"; the signature's date, and 抄送/印发
// lines after it, are the report's last lines.
func cutFooter(items []item) []item {
	signed := false
	for i, it := range items {
		if i == 0 {
			continue // the heading
		}
		t := strings.TrimSpace(it.text)
		if it.row != nil {
			continue
		}
		switch {
		case signDate(t) != "" || trailingSignature(t) != nil:
			signed = true
		case strings.HasPrefix(t, "抄送") || strings.HasSuffix(t, "印发") || strings.HasSuffix(t, "日印"):
		case isPageChrome(t) && i > 0:
			return items[:i]
		case signed && isChromeLine(t):
			return items[:i]
		}
	}
	// A run of menu scraps at the end (links to newspapers, sites).
	end := len(items)
	for end > 0 && items[end-1].row == nil && isChromeLine(items[end-1].text) && signDate(items[end-1].text) == "" &&
		!looksLikeSignature(strings.TrimSpace(items[end-1].text), "") {
		end--
	}
	return items[:end]
}

// takeSignature takes the signature (agency and date) off the end of a
// report whose last section is not 六, where readSection6 finds it.
func takeSignature(r *model.Report, secs *[7][]item) {
	last := 0
	for k := 1; k <= 6; k++ {
		if len(secs[k]) > 0 {
			last = k
		}
	}
	if last == 0 || last == 6 {
		return
	}
	items := secs[last]
	for n := 0; n < 3 && len(items) > 0; n++ {
		it := items[len(items)-1]
		if it.row != nil {
			return
		}
		t := strings.TrimSpace(stripChrome(it.text))
		switch {
		case t == "" || isPageChrome(t):
		case signDate(t) != "":
			r.Set("meta.sign_date", signDate(t))
		case looksLikeSignature(t, r.Meta.Agency) && r.Meta.SignDate != "":
			r.Set("meta.sign_agency", t)
		case trailingSignature(t) != nil:
			m := trailingSignature(t)
			if m[1] != "" {
				r.Set("meta.sign_agency", m[1])
			}
			r.Set("meta.sign_date", signDate(m[2]))
			items[len(items)-1].text = strings.TrimSpace(m[0])
			secs[last] = items
			return
		default:
			secs[last] = items
			return
		}
		items = items[:len(items)-1]
	}
	secs[last] = items
}

// readFeeSection takes the fee actually collected from such a section.
func readFeeSection(r *model.Report, items []item) {
	var nums []string
	for _, it := range items {
		cells := []string{it.text}
		if it.row != nil {
			cells = it.row.cells
		}
		for _, c := range cells {
			n := normLabel(c)
			if i := strings.Index(n, "实际收取金额（元）"); i >= 0 {
				n = n[i+len("实际收取金额（元）"):]
				if d := strings.TrimRight(n, "。"); d != "" && strings.Trim(d, "0123456789.") == "" && len(d) == 3 {
					nums = append(nums, d[:1], d[1:2], d[2:])
					continue
				}
			}
			if isNumberCell(c) {
				nums = append(nums, strings.TrimSpace(c))
			}
		}
	}
	if len(nums) == 3 {
		r.Set("s6.fee_yuan", nums[2])
	}
}

var bareNumber = regexp.MustCompile(`^[一二三四五六七八九十]+[、.．]?$`)

// joinNumberedHeadings puts a heading's number back on its words when a
// page split them ("六、" / "其他需要报告的事项").
func joinNumberedHeadings(items []item) []item {
	out := items[:0:0]
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.row == nil && bareNumber.MatchString(it.text) && i+1 < len(items) && items[i+1].row == nil {
			next := items[i+1]
			next.text = it.text + next.text
			if !strings.HasSuffix(it.text, "、") && !strings.HasSuffix(it.text, ".") {
				next.text = it.text + "、" + items[i+1].text
			}
			if sectionOf(next.text) > 0 || partRe.MatchString(next.text) {
				out = append(out, next)
				i++
				continue
			}
		}
		out = append(out, it)
	}
	return out
}

// cellPerLine: a dump of a web page's text nodes, one per line — prose cut
// at every link and number, each table cell on a line of its own.
func cellPerLine(items []item) bool {
	nums, short, total := 0, 0, 0
	for _, it := range items {
		if it.row != nil {
			return false
		}
		total++
		n := utf8.RuneCountInString(it.text)
		if n <= 8 {
			short++
		}
		if isNumberCell(it.text) {
			nums++
		}
	}
	return nums >= 40 && short*10 >= total*4
}

// rebuildPieces turns such a dump back into paragraphs and rows: in the
// sections holding tables, label lines followed by a run of numbers are a
// row (its blank cells left no line, so only a full row is certain); in
// the others, pieces are joined until a sentence or a heading ends.
func rebuildPieces(items []item, sec []int) ([]item, []int) {
	var out []item
	var osec []int
	var labels []string
	var nums []string
	first := 0
	emitRow := func(s int) {
		cells := append(append([]string(nil), labels...), nums...)
		out = append(out, item{text: strings.Join(cells, " "), line: items[first].line,
			row: &row{cells: cells, sep: spaced}})
		osec = append(osec, s)
		labels, nums = nil, nil
	}
	var prose []string
	emitProse := func(s int) {
		if len(prose) > 0 {
			out = append(out, item{text: cleanPara(strings.Join(prose, "")), line: items[first].line})
			osec = append(osec, s)
			prose = nil
		}
	}
	flushLabels := func(s int) {
		for _, l := range labels {
			out = append(out, item{text: l, line: items[first].line})
			osec = append(osec, s)
		}
		labels = nil
	}
	cur := 0
	for i, it := range items {
		s := sec[i]
		tableSec := s >= 2 && s <= 4
		if s < 0 || s != cur {
			if len(nums) > 0 {
				emitRow(cur)
			}
			flushLabels(cur)
			emitProse(cur)
			if s < 0 {
				out = append(out, it)
				osec = append(osec, s)
				cur = -s
				continue
			}
			cur = s
		}
		if !tableSec {
			if len(prose) == 0 {
				first = i
			}
			field := metaField.MatchString(it.text)
			if len(prose) > 0 && (field || headingMarker.MatchString(it.text) || partRe.MatchString(it.text) || signDate(it.text) != "") {
				emitProse(s)
				first = i
			}
			prose = append(prose, it.text)
			if field || sentenceEnd(it.text) || signDate(it.text) != "" {
				emitProse(s)
			}
			continue
		}
		if isNumberCell(it.text) {
			nums = append(nums, it.text)
			continue
		}
		if len(nums) > 0 {
			emitRow(s)
		}
		if len(labels) == 0 {
			first = i
		}
		if utf8.RuneCountInString(it.text) > 40 || sentenceEnd(it.text) && utf8.RuneCountInString(it.text) > 12 {
			flushLabels(s)
			out = append(out, it)
			osec = append(osec, s)
			continue
		}
		labels = append(labels, it.text)
	}
	if len(nums) > 0 {
		emitRow(cur)
	}
	flushLabels(cur)
	emitProse(cur)
	return out, osec
}

// metaField: a page's "标题：…", "发布机构：…" line.
var metaField = regexp.MustCompile(`^[^，。：:（(]{1,6}[：:]`)

func labelsAndNumbers(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
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
func detectFormat(items []item, year int) *model.Format {
	old, new := false, false
	for _, it := range items {
		texts := []string{it.text}
		if it.row != nil {
			texts = it.row.cells
		}
		for _, s := range texts {
			if utf8.RuneCountInString(s) > 80 {
				continue
			}
			t := normLabel(s)
			old = old || strings.Contains(t, "第二十条第（九）项") || strings.Contains(t, "本年新制作数量") || strings.Contains(t, "上一年项目数量")
			new = new || strings.Contains(t, "本年制发件数") || strings.Contains(t, "本年收费金额") || strings.Contains(t, "逾期不补正")
		}
	}
	switch {
	case old && !new:
		return model.Format2019
	case new && !old:
		return model.Format2021
	}
	return model.FormatForYear(year)
}
