package model

import (
	"nianbao/internal/errs"

	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// The text and metadata keys (docs/formats.md §4), with how a clerk names them.
var textKeys = []struct {
	key, label string
	get        func(*Report) *string
}{
	{"meta.agency", "发布机构", func(r *Report) *string { return &r.Meta.Agency }},
	{"meta.title", "标题", func(r *Report) *string { return &r.Meta.Title }},
	{"meta.period", "统计期限", func(r *Report) *string { return &r.Meta.Period }},
	{"meta.url", "电子版网址", func(r *Report) *string { return &r.Meta.URL }},
	{"meta.contact.office", "联系部门", func(r *Report) *string { return &r.Meta.Contact.Office }},
	{"meta.contact.address", "地址", func(r *Report) *string { return &r.Meta.Contact.Address }},
	{"meta.contact.postcode", "邮编", func(r *Report) *string { return &r.Meta.Contact.Postcode }},
	{"meta.contact.phone", "电话", func(r *Report) *string { return &r.Meta.Contact.Phone }},
	{"meta.contact.fax", "传真", func(r *Report) *string { return &r.Meta.Contact.Fax }},
	{"meta.contact.email", "电子邮箱", func(r *Report) *string { return &r.Meta.Contact.Email }},
	{"meta.preamble", "前言", func(r *Report) *string { return &r.Meta.Preamble }},
	{"meta.sign_agency", "落款单位", func(r *Report) *string { return &r.Meta.SignAgency }},
	{"meta.sign_date", "落款日期", func(r *Report) *string { return &r.Meta.SignDate }},
	{"s1.lead", "一、总体情况 导语", func(r *Report) *string { return &r.Lead }},
	{"s4.note", "表四 说明", func(r *Report) *string { return &r.S4Note }},
	{"s5.shangnian_zhenggai", "上年问题整改情况", func(r *Report) *string { return &r.S5.ShangnianZhenggai }},
	{"s5.wenti", "本年存在的主要问题", func(r *Report) *string { return &r.S5.Wenti }},
	{"s5.gaijin", "改进措施", func(r *Report) *string { return &r.S5.Gaijin }},
	{"s6.text", "六、其他需要报告的事项", func(r *Report) *string { return &r.S6Text }},
}

const (
	keyFormat   = "meta.format"
	keyYear     = "meta.year"
	keyFee      = "s6.fee_yuan"
	unitSuf     = "_unit"
	pubPrefix   = "published."
	keyDevs     = "import.deviations"
	keyUnplaced = "import.unplaced"
)

// keyErr refuses a key or value with a Chinese message.
func keyErr(format string, a ...any) error { return errs.New(errs.Refused, format, a...) }

// Keys returns every key of the report in document order: metadata, 一, the
// table cells (computed ones included), 四 note, 五, 六.
func (r *Report) Keys() []string {
	out := r.textKeysBefore([]string{keyFormat, keyYear})
	for _, t := range r.Format.Tables {
		for row := range t.Rows {
			for col, c := range t.Cols {
				out = append(out, t.CellKey(row, col))
				if c.Kind == Amount {
					out = append(out, t.CellKey(row, col)+unitSuf)
				}
			}
		}
	}
	out = append(out, textKeysAfter...)
	if r.Format.FeeRequired {
		out = append(out, keyFee)
	}
	return out
}

// KeyLabel names a key for a clerk.
func (r *Report) KeyLabel(key string) string {
	if c, ok := r.Format.Cell(key); ok {
		return c.Label()
	}
	for _, t := range textKeys {
		if t.key == key {
			return t.label
		}
	}
	switch key {
	case keyFee:
		return "信息处理费（元）"
	case keyYear:
		return "年度"
	case keyFormat:
		return "格式"
	}
	if p, field, ok := partKey(key); ok {
		name := p
		if i := r.Part(p); i >= 0 {
			name = PartNumber(i) + r.Parts[i].Heading
		}
		return "一、总体情况" + name + map[string]string{"heading": " 标题", "text": "", "order": " 顺序"}[field]
	}
	return key
}

func partKey(key string) (part, field string, ok bool) {
	rest, ok := strings.CutPrefix(key, "s1.parts.")
	if !ok {
		return "", "", false
	}
	i := strings.LastIndexByte(rest, '.')
	if i <= 0 {
		return "", "", false
	}
	part, field = rest[:i], rest[i+1:]
	switch field {
	case "heading", "text", "order":
	default:
		return "", "", false
	}
	return part, field, true
}

func isDefaultPart(f *Format, key string) bool {
	for _, p := range f.Parts {
		if p.Key == key {
			return true
		}
	}
	return false
}

// Get returns a key's value as JSON wants it: nil for blank, int64 for
// counts and the year, string for decimals and text.
func (r *Report) Get(key string) (any, error) {
	if c, ok := r.Format.Cell(key); ok {
		v := r.Value(c)
		if !v.Set {
			return nil, nil
		}
		switch c.Kind() {
		case Wanyuan, Amount:
			return v.D, nil
		}
		return v.N, nil
	}
	if base, ok := strings.CutSuffix(key, unitSuf); ok {
		if c, ok := r.Format.Cell(base); ok && c.Kind() == Amount {
			return r.Value(c).Unit, nil
		}
	}
	for _, t := range textKeys {
		if t.key == key {
			return *t.get(r), nil
		}
	}
	switch key {
	case keyFormat:
		return r.Format.ID, nil
	case keyYear:
		return int64(r.Year), nil
	case keyFee:
		if !r.Format.FeeRequired {
			return nil, r.otherFormat(key)
		}
		if !r.FeeYuan.Set {
			return nil, nil
		}
		return r.FeeYuan.D, nil
	}
	if p, field, ok := partKey(key); ok {
		i := r.Part(p)
		if i < 0 {
			return nil, keyErr("一、总体情况没有这一部分：%s", key)
		}
		switch field {
		case "heading":
			return r.Parts[i].Heading, nil
		case "text":
			return r.Parts[i].Text, nil
		default:
			return int64(i + 1), nil
		}
	}
	return nil, r.unknown(key)
}

func (r *Report) otherFormat(key string) error {
	return keyErr("%s 不属于本报告的格式（%s 版，%s）", key, r.Format.ID, r.Format.Notice)
}

func (r *Report) unknown(key string) error {
	for _, f := range Formats() {
		if f == r.Format {
			continue
		}
		if _, ok := f.Cell(key); ok || (key == keyFee && f.FeeRequired) {
			return r.otherFormat(key)
		}
	}
	return keyErr("没有这一项：%s（可用的项见 nianbao get 报告编号）", key)
}

// CleanText normalises typed or pasted prose: CRLF to LF, no control
// characters other than newline and tab.
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r == '\ufeff' || r == '\ufffe' || r == '\uffff' {
			return -1
		}
		return r
	}, s)
}

// Set parses raw text for a key and stores it. Computed cells, keys of
// the other format and bad values are refused with a Chinese message that
// names the cell; on error the report is unchanged.
func (r *Report) Set(key, raw string) error {
	if c, ok := r.Format.Cell(key); ok {
		if c.Computed() {
			return keyErr("%s是自动计算的合计，不能填写（由各项相加得出）", c.Label())
		}
		v, err := ParseValue(c.Kind(), raw)
		if err != nil {
			return keyErr("%s：%s", c.Label(), err.Error())
		}
		if c.Kind() == Amount && v.Set && v.Unit == "" {
			v.Unit = r.cells[c.index()].Unit // keep the unit chosen before
		}
		r.cells[c.index()] = v
		return nil
	}
	if base, ok := strings.CutSuffix(key, unitSuf); ok {
		if c, ok := r.Format.Cell(base); ok && c.Kind() == Amount {
			u := strings.TrimSpace(NormalizeNumber(raw))
			if u != "" && u != "元" && u != "万元" {
				return keyErr("%s的单位只能是“元”或“万元”，不是“%s”", c.Label(), raw)
			}
			v := r.cells[c.index()]
			v.Unit = u
			r.cells[c.index()] = v
			return nil
		}
	}
	for _, t := range textKeys {
		if t.key == key {
			v := CleanText(raw)
			if key == "meta.agency" {
				// Follow a renamed agency where the title and signature still
				// show the default.
				if r.Meta.Title == DefaultTitle(r.Meta.Agency, r.Year) {
					r.Meta.Title = DefaultTitle(v, r.Year)
				}
				if r.Meta.SignAgency == r.Meta.Agency {
					r.Meta.SignAgency = v
				}
			}
			*t.get(r) = v
			return nil
		}
	}
	switch key {
	case keyFormat:
		return keyErr("格式不能修改：请用 nianbao new --from 另建一份%s版的报告", otherFormatID(r.Format))
	case keyYear:
		y, err := strconv.Atoi(NormalizeNumber(raw))
		if err != nil {
			return keyErr("年度“%s”不是数字", raw)
		}
		if !r.Format.Covers(y) {
			return keyErr("%d 年的报告不能用 %s 版格式", y, r.Format.ID)
		}
		r.Year = y
		return nil
	case keyFee:
		if !r.Format.FeeRequired {
			return r.otherFormat(key)
		}
		v, err := ParseValue(Amount, raw)
		if err != nil {
			return keyErr("信息处理费（元）：%s", err.Error())
		}
		if v.Unit == "万元" {
			return keyErr("信息处理费以元为单位，请换算成元后填写")
		}
		v.Unit = ""
		r.FeeYuan = v
		return nil
	}
	if p, field, ok := partKey(key); ok {
		i := r.Part(p)
		if i < 0 {
			_, isExtra := extraNumber(p)
			if !isExtra && !isDefaultPart(r.Format, p) {
				return keyErr("一、总体情况没有这一部分：%s（新增部分请用 extra_1、extra_2 …）", p)
			}
			if field == "order" {
				return keyErr("一、总体情况还没有这一部分：%s", p)
			}
			heading := ""
			for _, d := range r.Format.Parts {
				if d.Key == p {
					heading = d.Heading
				}
			}
			r.Parts = append(r.Parts, Part{Key: p, Heading: heading})
			i = len(r.Parts) - 1
		}
		switch field {
		case "heading":
			r.Parts[i].Heading = StripPartNumber(CleanText(raw))
		case "text":
			r.Parts[i].Text = CleanText(raw)
		case "order":
			n, err := strconv.Atoi(NormalizeNumber(raw))
			if err != nil || n < 1 {
				return keyErr("顺序“%s”应是从 1 起的整数", raw)
			}
			r.MovePart(i, n-1)
		}
		return nil
	}
	return r.unknown(key)
}

func otherFormatID(f *Format) string {
	for _, g := range Formats() {
		if g != f {
			return g.ID
		}
	}
	return f.ID
}

// SetAll applies several key=value pairs; all or none are applied.
func (r *Report) SetAll(pairs [][2]string) error {
	tmp := r.Clone()
	for _, p := range pairs {
		if err := tmp.Set(p[0], p[1]); err != nil {
			return err
		}
	}
	*r = *tmp
	return nil
}

// IsComputedKey reports whether a key is a computed total.
func (r *Report) IsComputedKey(key string) bool {
	c, ok := r.Format.Cell(key)
	return ok && c.Computed()
}

// Entries returns the report's stored form: key → text, without the format
// and year (kept by the store beside them). Blank cells and empty text are
// absent; computed totals are never stored.
func (r *Report) Entries() map[string]string {
	e := make(map[string]string, 256)
	for _, t := range textKeys {
		if v := *t.get(r); v != "" {
			e[t.key] = v
		}
	}
	for i, p := range r.Parts {
		pre := "s1.parts." + p.Key + "."
		e[pre+"order"] = strconv.Itoa(i + 1)
		e[pre+"heading"] = p.Heading
		if p.Text != "" {
			e[pre+"text"] = p.Text
		}
	}
	for _, t := range r.Format.Tables {
		for row := range t.Rows {
			for col, c := range t.Cols {
				v := r.cells[t.index(row, col)]
				if v.Set && !t.Computed(row, col) {
					e[t.CellKey(row, col)] = v.Format(c.Kind)
				}
			}
		}
	}
	if r.FeeYuan.Set {
		e[keyFee] = r.FeeYuan.D
	}
	for k, v := range r.Published {
		c, _ := r.Format.Cell(k)
		e[pubPrefix+k] = v.Format(c.Kind())
	}
	if len(r.Deviations) > 0 {
		b, _ := json.Marshal(r.Deviations)
		e[keyDevs] = string(b)
	}
	if len(r.Unplaced) > 0 {
		b, _ := json.Marshal(r.Unplaced)
		e[keyUnplaced] = string(b)
	}
	return e
}

// FromEntries rebuilds a report from its stored form. Entries it does not
// understand are returned as problems rather than failing the load, so a
// report is never lost to one bad entry.
func FromEntries(f *Format, year int, e map[string]string) (*Report, []string) {
	r := New(f, "", year)
	r.Meta.Title, r.Meta.Period, r.Meta.SignAgency = "", "", ""
	r.Parts = nil
	var problems []string
	type ord struct {
		key string
		n   int
	}
	var orders []ord
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := e[k]
		switch {
		case strings.HasPrefix(k, pubPrefix):
			ck := k[len(pubPrefix):]
			c, ok := f.Cell(ck)
			if !ok {
				problems = append(problems, k)
				continue
			}
			pv, err := ParseValue(c.Kind(), v)
			if err != nil {
				problems = append(problems, k)
				continue
			}
			if r.Published == nil {
				r.Published = map[string]Value{}
			}
			r.Published[ck] = pv
		case k == keyDevs:
			if err := json.Unmarshal([]byte(v), &r.Deviations); err != nil {
				problems = append(problems, k)
			}
		case k == keyUnplaced:
			if err := json.Unmarshal([]byte(v), &r.Unplaced); err != nil {
				problems = append(problems, k)
			}
		default:
			if p, field, ok := partKey(k); ok && field == "order" {
				n, _ := strconv.Atoi(v)
				orders = append(orders, ord{p, n})
				if r.Part(p) < 0 {
					r.Parts = append(r.Parts, Part{Key: p})
				}
				continue
			}
			if err := r.Set(k, v); err != nil {
				problems = append(problems, k+": "+err.Error())
			}
		}
	}
	sort.SliceStable(orders, func(i, j int) bool { return orders[i].n < orders[j].n })
	sorted := make([]Part, 0, len(r.Parts))
	for _, o := range orders {
		sorted = append(sorted, r.Parts[r.Part(o.key)])
	}
	for _, p := range r.Parts { // parts without an order entry keep their place at the end
		found := false
		for _, o := range orders {
			found = found || o.key == p.Key
		}
		if !found {
			sorted = append(sorted, p)
		}
	}
	r.Parts = sorted
	return r, problems
}

// Change is one stored entry to write (or delete).
type Change struct {
	Key    string
	Value  string
	Delete bool
}

// Diff lists the entry changes that turn a into b, sorted by key.
func Diff(a, b map[string]string) []Change {
	var out []Change
	for k, v := range b {
		if old, ok := a[k]; !ok || old != v {
			out = append(out, Change{Key: k, Value: v})
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, Change{Key: k, Delete: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// StripPartNumber removes a leading "（三）" that a clerk typed into a
// heading: the number follows the part's place and is added when printing.
func StripPartNumber(h string) string {
	h = strings.TrimSpace(h)
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if rest, ok := strings.CutPrefix(h, br[0]); ok {
			if num, after, ok := strings.Cut(rest, br[1]); ok && isChineseNumeral(num) {
				return strings.TrimSpace(after)
			}
		}
	}
	return h
}

func isChineseNumeral(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			return false
		}
	}
	return true
}
