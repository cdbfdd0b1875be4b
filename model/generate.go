package model

import (
	"fmt"
	"strings"
)

// Sentences written from the tables, so that prose and tables agree. Their
// wording is read back by R9 (ProseClaims); a test keeps both in step.

// ApplicationSentence states 表三 for 一（二）依申请公开.
func ApplicationSentence(r *Report) string {
	n := func(rows ...string) int64 { v, _ := s3sum(rows...)(r); return v }
	var b strings.Builder
	fmt.Fprintf(&b, "本年度共收到政府信息公开申请%d件，上年结转%d件；办结%d件", n("xinshou"), n("shangnian_jiezhuan"), n("r7"))
	parts := []struct {
		what string
		v    int64
	}{
		{"予以公开", n("r1")}, {"部分公开", n("r2")}, {"不予公开", n("r3_")},
		{"无法提供", n("r4_")}, {"不予处理", n("r5_")}, {"其他处理", n("r6", "r6_")},
	}
	var said []string
	for _, p := range parts {
		if p.v > 0 {
			said = append(said, fmt.Sprintf("%s%d件", p.what, p.v))
		}
	}
	if len(said) > 0 {
		b.WriteString("，其中" + strings.Join(said, "，"))
	}
	fmt.Fprintf(&b, "；结转下年度继续办理%d件。", n("jiezhuan_xianian"))
	return b.String()
}

// ReviewSentence states 表四: 行政复议 and 行政诉讼 cases and their results.
func ReviewSentence(r *Report) string {
	t := r.Format.Table("s4")
	get := func(row, col string) int64 { return r.N(t, t.RowIndex(row), t.ColIndex(col)) }
	fy := get("fuyi", "zongji")
	ss := get("susong_zhijie", "zongji") + get("susong_fuyihou", "zongji")
	if fy == 0 && ss == 0 {
		return "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。"
	}
	results := func(rows ...string) string {
		var out []string
		for _, c := range []struct{ key, what string }{{"weichi", "结果维持"}, {"jiuzheng", "结果纠正"}, {"qita", "其他结果"}, {"weijie", "尚未审结"}} {
			var v int64
			for _, row := range rows {
				v += get(row, c.key)
			}
			if v > 0 {
				out = append(out, fmt.Sprintf("%s%d件", c.what, v))
			}
		}
		if len(out) == 0 {
			return ""
		}
		return "（" + strings.Join(out, "，") + "）"
	}
	return fmt.Sprintf("本年度因政府信息公开被申请行政复议%d件%s，被提起行政诉讼%d件%s。",
		fy, results("fuyi"), ss, results("susong_zhijie", "susong_fuyihou"))
}

// FeeSentence states the 信息处理费 for 六 (2021 format).
func FeeSentence(r *Report) string {
	if !r.FeeYuan.Set || r.FeeYuan.Rat().Sign() == 0 {
		return "本年度未收取信息处理费。"
	}
	return fmt.Sprintf("本年度共收取信息处理费%s元。", r.FeeYuan.D)
}

// RegulationSentence states 表二第二十条第（一）项 for 行政规范性文件.
func RegulationSentence(r *Report) string {
	return Expand(r.Format.RegulationSentence, r)
}

// Generated lists the sentences that suit a text key, best first.
func Generated(r *Report, key string) []string {
	switch {
	case key == "s1.parts.yishenqing.text":
		return []string{ApplicationSentence(r), ReviewSentence(r)}
	case key == "s1.parts.zhudong.text":
		return []string{RegulationSentence(r)}
	case key == "s1.parts.jiandu.text" || key == "s4.note":
		return []string{ReviewSentence(r)}
	case key == "s6.text" && r.Format.FeeRequired:
		return []string{FeeSentence(r)}
	case strings.HasPrefix(key, "s1."):
		return []string{ApplicationSentence(r), ReviewSentence(r), RegulationSentence(r)}
	}
	return nil
}

// Preamble is the report's opening statement: what the clerk wrote, or one
// written from the metadata (legal basis, period, where to read it, contact).
func Preamble(r *Report) string {
	if strings.TrimSpace(r.Meta.Preamble) != "" {
		return r.Meta.Preamble
	}
	m := r.Meta
	var b strings.Builder
	b.WriteString("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）" + r.Format.Citation)
	b.WriteString("要求编制，包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。")
	if m.Period != "" {
		b.WriteString("本报告所列数据的统计期限为" + m.Period + "。")
	}
	if m.URL != "" {
		b.WriteString("本报告电子版可在" + m.URL + "查阅或下载。")
	}
	var contact []string
	for _, c := range []struct{ label, v string }{{"地址", m.Contact.Address}, {"邮编", m.Contact.Postcode},
		{"电话", m.Contact.Phone}, {"传真", m.Contact.Fax}, {"电子邮箱", m.Contact.Email}} {
		if c.v != "" {
			contact = append(contact, c.label+"："+c.v)
		}
	}
	if m.Contact.Office != "" || len(contact) > 0 {
		office := m.Contact.Office
		if office == "" {
			office = m.Agency
		}
		b.WriteString("如对本报告有疑问，请与" + office + "联系")
		if len(contact) > 0 {
			b.WriteString("（" + strings.Join(contact, "；") + "）")
		}
		b.WriteString("。")
	}
	return b.String()
}
