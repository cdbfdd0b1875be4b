package model

// The two official formats, as data (described in docs/formats.md, whose
// key list docs/keys.md is generated from these definitions); a future
// format is one more definition like these plus its tests.

// Corner note of 表三 (the 勾稽关系 of R1).
const S3Corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// Spanning header cells of 表三 and 表四.
const (
	S3Applicant = "申请人情况"
	S3Legal     = "法人或其他组织"
	S3Results   = "三、本年度办理结果"
	S4Fuyi      = "行政复议"
	S4Susong    = "行政诉讼"
	S2Content   = "信息内容"
)

func sections(feeGuide string) []Section {
	return []Section{
		{Key: "s1", Short: "总体情况", Num: "一", Heading: "一、总体情况",
			Guide: "概述贯彻落实《条例》情况，通常分主动公开、依申请公开、政府信息管理、平台建设、监督保障几部分；文中数字须与表格一致。"},
		{Key: "s2", Short: "主动公开", Num: "二", Heading: "二、主动公开政府信息情况",
			Guide: "按《条例》第二十条各项填写本年数字，没有的填 0。"},
		{Key: "s3", Short: "依申请公开", Num: "三", Heading: "三、收到和处理政府信息公开申请情况",
			Guide: "每件申请只计入一种办理结果（区分处理的，只计部分公开）。一＋二＝（七）总计＋四。"},
		{Key: "s4", Short: "复议诉讼", Num: "四", Heading: "四、政府信息公开行政复议、行政诉讼情况",
			Guide: "按案件填写结果维持、结果纠正、其他结果、尚未审结，总计自动计算。"},
		{Key: "s5", Short: "问题和改进", Num: "五", Heading: "五、存在的主要问题及改进情况",
			Guide: "先写上年问题的整改情况，再写本年存在的主要问题和改进措施，不能空着。"},
		{Key: "s6", Short: "其他事项", Num: "六", Heading: "六、其他需要报告的事项", Guide: feeGuide},
	}
}

var defaultParts = []PartDef{
	{Key: "zhudong", Heading: "主动公开"},
	{Key: "yishenqing", Heading: "依申请公开"},
	{Key: "xinxi_guanli", Heading: "政府信息管理"},
	{Key: "pingtai", Heading: "政府信息公开平台建设"},
	{Key: "jiandu", Heading: "监督保障"},
}

var s3Cols = []Col{
	{Key: "ziranren", Label: "自然人"},
	{Key: "shangye_qiye", Label: "商业企业", Group: S3Legal},
	{Key: "keyan_jigou", Label: "科研机构", Group: S3Legal},
	{Key: "shehui_gongyi", Label: "社会公益组织", Group: S3Legal},
	{Key: "falv_fuwu", Label: "法律服务机构", Group: S3Legal},
	{Key: "qita", Label: "其他", Group: S3Legal},
	{Key: "zongji", Label: "总计"},
}

// s3Rows builds 表三's rows; other is the （六）其他处理 part, which is
// the only difference between the formats.
func s3Rows(other []Row) []Row {
	res := func(group, key, label string) Row {
		return Row{Key: key, Label: label, Head: S3Results, Group: group, Result: true}
	}
	rows := []Row{
		{Key: "xinshou", Label: "一、本年新收政府信息公开申请数量"},
		{Key: "shangnian_jiezhuan", Label: "二、上年结转政府信息公开申请数量"},
		res("", "r1", "（一）予以公开"),
		res("", "r2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
	}
	g3 := "（三）不予公开"
	for i, l := range []string{"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
		"4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"} {
		rows = append(rows, res(g3, "r3_"+itoa(i+1), l))
	}
	g4 := "（四）无法提供"
	for i, l := range []string{"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"} {
		rows = append(rows, res(g4, "r4_"+itoa(i+1), l))
	}
	g5 := "（五）不予处理"
	for i, l := range []string{"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
		"4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"} {
		rows = append(rows, res(g5, "r5_"+itoa(i+1), l))
	}
	for _, r := range other {
		r.Head = S3Results
		r.Result = true
		rows = append(rows, r)
	}
	rows = append(rows,
		Row{Key: "r7", Label: "（七）总计", Head: S3Results},
		Row{Key: "jiezhuan_xianian", Label: "四、结转下年度继续办理"},
	)
	return rows
}

func s3Table(other []Row) *Table {
	return &Table{Key: "s3", Name: "表三", Section: 3, Corner: S3Corner,
		Rows: s3Rows(other), Cols: s3Cols, TotalCol: "zongji", TotalRow: "r7"}
}

func s4Table() *Table {
	return &Table{Key: "s4", Name: "表四", Section: 4,
		Rows: []Row{
			{Key: "fuyi", Label: S4Fuyi},
			{Key: "susong_zhijie", Label: "未经复议直接起诉", Group: S4Susong},
			{Key: "susong_fuyihou", Label: "复议后起诉", Group: S4Susong},
		},
		Cols: []Col{
			{Key: "weichi", Label: "结果维持"},
			{Key: "jiuzheng", Label: "结果纠正"},
			{Key: "qita", Label: "其他结果"},
			{Key: "weijie", Label: "尚未审结"},
			{Key: "zongji", Label: "总计"},
		},
		TotalCol: "zongji"}
}

func s2Table(item string, rows []Row, cols []Col) *Table {
	caption := "第二十条第（" + item + "）项"
	return &Table{Key: "s2.a20_" + map[string]string{"一": "1", "五": "5", "六": "6", "八": "8", "九": "9"}[item],
		Name: "表二" + caption, Section: 2, Caption: caption, Corner: S2Content, Rows: rows, Cols: cols}
}

var guideCommon = map[string]string{
	"s3":                    "每件申请只计入一种办理结果（区分处理的，只计“部分公开”）；总计列和（七）总计自动计算。",
	"s3.xinshou":            "本年度新收到的申请件数，按申请人类型分列。",
	"s3.shangnian_jiezhuan": "应等于上一年度报告“四、结转下年度继续办理”的数字。",
	"s3.jiezhuan_xianian":   "本年未办结、转入下一年度继续办理的件数。须满足 一＋二＝（七）总计＋四。",
	"s4":                    "因政府信息公开被申请行政复议、提起行政诉讼的案件数；各组总计自动计算。",
	"s4.note":               "可选：说明是否含往年结转案件等。",
	"s5":                    "先写上年问题的整改情况，再写本年存在的主要问题和改进措施。",
}

func guide(extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range guideCommon {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// Format2019 is 国办公开办函〔2019〕60号, report years 2019–2020.
var Format2019 = register(&Format{
	ID:        "2019",
	Name:      "中华人民共和国政府信息公开工作年度报告格式（试行）",
	Notice:    "国办公开办函〔2019〕60号",
	FirstYear: 2019, LastYear: 2020,
	Sections: sections("其他需要报告的事项；没有可写“无”。"),
	Parts:    defaultParts,
	Tables: []*Table{
		s2Table("一", []Row{{Key: "guizhang", Label: "规章"}, {Key: "guifanxing", Label: "规范性文件"}},
			[]Col{{Key: "xin_zhizuo", Label: "本年新制作数量"}, {Key: "xin_gongkai", Label: "本年新公开数量"}, {Key: "gongkai_zongshu", Label: "对外公开总数量"}}),
		s2Table("五", []Row{{Key: "xuke", Label: "行政许可"}, {Key: "qita_fuwu", Label: "其他对外管理服务事项"}}, cols2019Items(true)),
		s2Table("六", []Row{{Key: "chufa", Label: "行政处罚"}, {Key: "qiangzhi", Label: "行政强制"}}, cols2019Items(true)),
		s2Table("八", []Row{{Key: "shoufei", Label: "行政事业性收费"}}, cols2019Items(false)),
		s2Table("九", []Row{{Key: "caigou", Label: "政府集中采购"}},
			[]Col{{Key: "xiangmu_shuliang", Label: "采购项目数量"}, {Key: "zong_jine", Label: "采购总金额", Kind: Amount}}),
		s3Table([]Row{{Key: "r6", Label: "（六）其他处理"}}),
		s4Table(),
	},
	CellGuide: guide(map[string]string{
		"s2":                        "本年数字，没有的填 0。",
		"s2.a20_1":                  "规章、规范性文件：本年新制作、本年新公开及对外公开总数量。",
		"s2.a20_5":                  "上一年项目数量＋本年增/减 = 本年末项目数；本年增/减可填负数，如 -2。",
		"s2.a20_9.caigou.zong_jine": "采购总金额请注明单位，如“120万元”或“35000元”。",
		"s2.a20_8":                  "（八）统计的是收费项目数，不是金额。",
		"s3.r6":                     "（六）其他处理：不属于以上各项的处理结果。",
		"s1.parts.yishenqing":       "写明本年新收、上年结转、办结、结转下年度的件数，须与表三一致（可用 Ctrl+G 由表格生成）。",
	}),
	// 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 (R8).
	Rolls: []Roll{
		{Rule: "R8", Table: "s2.a20_5", Col: "shangnian_shuliang", Last: []string{"shangnian_shuliang", "zengjian"}, Says: says2019},
		{Rule: "R8", Table: "s2.a20_6", Col: "shangnian_shuliang", Last: []string{"shangnian_shuliang", "zengjian"}, Says: says2019},
		{Rule: "R8", Table: "s2.a20_8", Col: "shangnian_shuliang", Last: []string{"shangnian_shuliang", "zengjian"}, Says: says2019},
	},
	RegulationSentence: "本年度制定规范性文件{s2.a20_1.guifanxing.xin_zhizuo}件，新公开{s2.a20_1.guifanxing.xin_gongkai}件。",
	ChangeNotes: map[string][]string{
		"2021": {"由 2021 版报告新建 2019 版报告：只带入了文字和上年结转，表二各项请按 2019 版格式填写"},
	},
})

const says2019 = "{table}「{row}」上一年项目数量为 {now}，但 {prevyear} 年报告的上一年项目数量 {last0} ＋ 本年增/减 {last1+} = {want}"

func cols2019Items(decisions bool) []Col {
	cols := []Col{{Key: "shangnian_shuliang", Label: "上一年项目数量"}, {Key: "zengjian", Label: "本年增/减", Kind: Signed}}
	if decisions {
		cols = append(cols, Col{Key: "jueding", Label: "处理决定数量"})
	}
	return cols
}

// Format2021 is 国办公开办函〔2021〕30号, report years 2021 onward.
var Format2021 = register(&Format{
	ID:        "2021",
	Name:      "中华人民共和国政府信息公开工作年度报告格式",
	Notice:    "国办公开办函〔2021〕30号",
	FirstYear: 2021,
	Sections:  sections("须说明本年度收取信息处理费的情况，未收取的也要写明（如“本年度未收取信息处理费。”），金额以元为单位。"),
	Parts:     defaultParts,
	Tables: []*Table{
		s2Table("一", []Row{{Key: "guizhang", Label: "规章"}, {Key: "guifanxing", Label: "行政规范性文件"}},
			[]Col{{Key: "zhifa", Label: "本年制发件数"}, {Key: "feizhi", Label: "本年废止件数"}, {Key: "youxiao", Label: "现行有效件数"}}),
		s2Table("五", []Row{{Key: "xuke", Label: "行政许可"}}, []Col{{Key: "jueding", Label: "本年处理决定数量"}}),
		s2Table("六", []Row{{Key: "chufa", Label: "行政处罚"}, {Key: "qiangzhi", Label: "行政强制"}}, []Col{{Key: "jueding", Label: "本年处理决定数量"}}),
		s2Table("八", []Row{{Key: "shoufei", Label: "行政事业性收费"}}, []Col{{Key: "jine_wanyuan", Label: "本年收费金额（单位：万元）", Kind: Wanyuan}}),
		s3Table([]Row{
			{Key: "r6_1", Group: "（六）其他处理", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
			{Key: "r6_2", Group: "（六）其他处理", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
			{Key: "r6_3", Group: "（六）其他处理", Label: "3.其他"},
		}),
		s4Table(),
	},
	FeeRequired: true,
	CellGuide: guide(map[string]string{
		"s2":                    "本年数字，没有的填 0。",
		"s2.a20_1":              "现行有效件数 = 上年现行有效 ＋ 本年制发 − 本年废止（修订、自然失效除外）。",
		"s2.a20_8":              "本年收费金额，单位万元，可带小数，如 12.5。",
		"s6.fee_yuan":           "本年收取的信息处理费，单位元；未收取填 0。须在正文中写明。",
		"s6.text":               "须写明信息处理费收取情况，未收取也要写（可用 Ctrl+G 生成）。",
		"s1.parts.yishenqing":   "写明本年新收、上年结转、办结、结转下年度的件数，须与表三一致（可用 Ctrl+G 由表格生成）。",
		"s3.r6_2":               "申请人逾期未缴纳信息处理费、不再处理的申请。",
		"s2.a20_1.guifanxing":   "2021 版格式为“行政规范性文件”。",
		"s2.a20_8.shoufei":      "本年收费金额，单位万元，可带小数，如 12.5。",
		"s2.a20_5.xuke.jueding": "本年作出的行政许可处理决定数量。",
	}),
	// 现行有效件数 = last year's + 本年制发 − 本年废止 (R7).
	Rolls: []Roll{
		{Rule: "R7", Table: "s2.a20_1", Col: "youxiao", Last: []string{"youxiao"}, Plus: []string{"zhifa"}, Minus: []string{"feizhi"},
			Says: "{table}「{row}」现行有效件数 {now}：上年 {last0} ＋ 本年制发 {plus0} − 本年废止 {minus0} = {want}，相差 {diff}；如因修订或自然失效，请在正文中说明"},
	},
	Citation:           "和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）",
	RegulationSentence: "本年度制发行政规范性文件{s2.a20_1.guifanxing.zhifa}件，废止{s2.a20_1.guifanxing.feizhi}件，现行有效{s2.a20_1.guifanxing.youxiao}件。",
	ChangeNotes: map[string][]string{
		"2019": {
			"表二第二十条第（一）项：2019 版的“对外公开总数量”（规章 {s2.a20_1.guizhang.gongkai_zongshu}、规范性文件 {s2.a20_1.guifanxing.gongkai_zongshu}）与 2021 版的“现行有效件数”含义不同，未带入，请填写现行有效件数",
			"表二第二十条第（一）项：2019 版“规范性文件”在 2021 版称“行政规范性文件”，已对应",
			"表二第二十条第（五）项：2021 版只保留“行政许可”的本年处理决定数量；“其他对外管理服务事项”和“上一年项目数量、本年增/减”不再填报",
			"表二第二十条第（六）项：2021 版只填本年处理决定数量；“上一年项目数量、本年增/减”不再填报",
			"表二第二十条第（八）项：2019 版统计收费项目数，2021 版填本年收费金额（万元），无法换算，请填写金额",
			"表二第二十条第（九）项“政府集中采购”在 2021 版中已取消",
			"表三（六）其他处理：2021 版分为 3 项，请按新分项填写",
			"六、其他需要报告的事项：2021 版须写明信息处理费收取情况，请填写信息处理费金额（元）",
		},
	},
})

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
