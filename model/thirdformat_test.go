package model

import (
	"strings"
	"testing"
)

// A third official format is one definition: nothing else in the program
// branches on a format, so carry-forward, the cross-year rules, generated
// sentences and the project JSON follow it.
var format2099 = register(&Format{
	ID:        "2099",
	Name:      "试验格式",
	Notice:    "试验〔2099〕1号",
	FirstYear: 2099,
	Sections:  sections("须说明信息处理费。"),
	Parts:     defaultParts,
	Tables: []*Table{
		s2Table("一", []Row{{Key: "guizhang", Label: "规章"}, {Key: "guifanxing", Label: "行政规范性文件"}},
			[]Col{{Key: "zhifa", Label: "本年制发件数"}, {Key: "feizhi", Label: "本年废止件数"}, {Key: "youxiao", Label: "现行有效件数"}}),
		s3Table([]Row{{Key: "r6", Label: "（六）其他处理"}}),
		s4Table(),
	},
	FeeRequired: true,
	Rolls: []Roll{{Rule: "R7", Table: "s2.a20_1", Col: "youxiao", Last: []string{"youxiao"}, Plus: []string{"zhifa"}, Minus: []string{"feizhi"},
		Says: "{row}：{last0}+{plus0}-{minus0}={want}"}},
	Citation:           "和《试验通知》",
	RegulationSentence: "制发{s2.a20_1.guifanxing.zhifa}件。",
	ChangeNotes:        map[string][]string{"2021": {"由 2021 版转来：规范性文件现行有效 {s2.a20_1.guifanxing.youxiao} 件未带入"}},
})

func TestAThirdFormatIsOneDefinition(t *testing.T) {
	if FormatForYear(2099) != format2099 || FormatForYear(2098) != Format2021 {
		t.Fatal("format by year")
	}
	a := New(format2099, "某局", 2099)
	a.Set("s2.a20_1.guifanxing.youxiao", "10")
	a.Set("s3.jiezhuan_xianian.ziranren", "4")
	b, notes, err := CarryForward(a, format2099, 2100)
	if err != nil || len(notes) != 0 {
		t.Fatal(err, notes)
	}
	if v, _ := b.Cell("s2.a20_1.guifanxing.youxiao"); v.N != 10 {
		t.Errorf("rolled forward: %+v", v)
	}
	if v, _ := b.Cell("s3.shangnian_jiezhuan.ziranren"); v.N != 4 {
		t.Errorf("上年结转: %+v", v)
	}
	b.Set("s2.a20_1.guifanxing.zhifa", "3")
	fs := Check(b, a)
	var r7 *Finding
	for i := range fs {
		if fs[i].Rule == "R7" {
			r7 = &fs[i]
		}
	}
	if r7 == nil || r7.Message != "行政规范性文件：10+3-0=13" {
		t.Errorf("R7 from the definition: %+v", r7)
	}
	if got := RegulationSentence(b); got != "制发3件。" {
		t.Errorf("sentence %q", got)
	}
	if !strings.Contains(Preamble(b), "（以下简称《条例》）和《试验通知》要求编制") {
		t.Errorf("preamble %q", Preamble(b))
	}
	p21 := New(Format2021, "某局", 2098)
	p21.Set("s2.a20_1.guifanxing.youxiao", "7")
	_, notes, _ = CarryForward(p21, format2099, 2099)
	if len(notes) != 1 || notes[0] != "由 2021 版转来：规范性文件现行有效 7 件未带入" {
		t.Errorf("change notes %v", notes)
	}
	j, err := b.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalReport(j)
	if err != nil || back.Format != format2099 {
		t.Fatalf("JSON: %v", err)
	}
}
