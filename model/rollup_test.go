package model

import (
	"strings"
	"testing"
)

func TestAddValues(t *testing.T) {
	c := func(vs ...Value) []Contribution {
		var out []Contribution
		for _, v := range vs {
			out = append(out, Contribution{V: v})
		}
		return out
	}
	amount := func(d, unit string) Value { v := Dec(d); v.Unit = unit; return v }
	for _, x := range []struct {
		k    Kind
		in   []Contribution
		want Value
	}{
		{Count, nil, Value{}},
		{Count, c(Int(3), Int(0)), Int(3)},
		{Signed, c(Int(-2), Int(5)), Int(3)},
		{Wanyuan, c(Dec("9116.36"), Dec("0"), Dec("1.5")), Dec("9117.86")},
		{Wanyuan, c(Dec("0.10"), Dec("0.20")), Dec("0.3")},
		{Amount, c(amount("12", "万元"), amount("3.5", "万元")), amount("15.5", "万元")},
		{Amount, c(amount("12", "元"), amount("3", "")), amount("15", "元")},
		// 35000 元 + 1.2 万元 = 4.7 万元
		{Amount, c(amount("35000", "元"), amount("1.2", "万元")), amount("4.7", "万元")},
		{Amount, c(amount("1", "元"), amount("1", "万元")), amount("1.0001", "万元")},
	} {
		if got := addValues(x.k, x.in); got != x.want {
			t.Errorf("%v %+v = %+v, want %+v", x.k, x.in, got, x.want)
		}
	}
}

func TestScope(t *testing.T) {
	for in, want := range map[string]string{"沭阳县": "全县", "宿迁市": "全市", "平潭综合实验区全区汇总": "全区",
		"某某镇": "全镇", "国家某某总局": "各成员单位", "泉州市丰泽区": "全区"} {
		if got := Scope(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

// R13 in the model: a cell typed by hand, the member's figures named;
// blank + blank is not a difference, 0 against blank members is none.
func TestR13(t *testing.T) {
	f, _ := FormatByID("2021")
	a, b := New(f, "甲局", 2025), New(f, "乙局", 2025)
	a.SetCell("s3.xinshou.ziranren", Int(4))
	b.SetCell("s3.xinshou.ziranren", Int(1))
	ms := []Member{{ID: 1, Name: "甲局", R: a}, {ID: 2, Name: "乙局", R: b}, {Name: "丙局"}}
	r, notes, err := NewRollup(f, "某县", 2025, ms)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notes %v", notes)
	}
	cx := Context{Rollup: true, Members: ms}
	r13 := func() []Finding {
		var out []Finding
		for _, x := range CheckIn(r, cx) {
			if x.Rule == "R13" {
				out = append(out, x)
			}
		}
		return out
	}
	if fs := r13(); len(fs) != 1 || fs[0].Key != KeyRollup || !strings.Contains(fs[0].Message, "丙局") {
		t.Fatalf("missing member only: %+v", fs)
	}
	r.SetCell("s3.xinshou.qita", Int(0)) // blank members: 0 is no difference
	r.SetCell("s3.xinshou.ziranren", Int(6))
	fs := r13()
	if len(fs) != 2 || fs[0].Level != Error || fs[0].Key != "s3.xinshou.ziranren" ||
		!strings.Contains(fs[0].Message, "汇总报告为 6，各成员相加为 5（甲局 4、乙局 1；其余 1 个成员未填或为 0）") {
		t.Fatalf("R13: %+v", fs)
	}
	if n, _ := Resum(r, ms); n != 2 || len(r13()) != 1 {
		t.Errorf("resum changed %d", n)
	}
	// Other year refused.
	c := New(f, "丁局", 2024)
	if err := CheckMembers(f, 2025, append(ms, Member{ID: 4, Name: "丁局", R: c})); err == nil || !strings.Contains(err.Error(), "丁局（编号 4）是 2024 年度的报告") {
		t.Errorf("other year: %v", err)
	}
}

func TestFindingIDIsStable(t *testing.T) {
	f := Finding{Rule: "R7", Key: "s2.a20_1.guifanxing.youxiao", Message: "现行有效 12，应为 11"}
	g := f
	g.Message = "现行有效 13，应为 11"
	h := f
	h.Level = Warning // the level is not part of the id; the figures are
	if FindingID(f) != FindingID(h) || FindingID(f) == FindingID(g) || !strings.HasPrefix(FindingID(f), "R7:s2.a20_1.guifanxing.youxiao:") {
		t.Errorf("%s %s", FindingID(f), FindingID(g))
	}
}
