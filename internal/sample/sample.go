// Package sample builds full reports from the published fixtures for the
// tests of other packages: 平潭综合实验区 2021 and 2022, numbers typed by
// hand from importer/testdata/fixtures/pingtan-2021.txt and pingtan-2022.txt.
package sample

import (
	"fmt"
	"strings"

	"nianbao/model"
)

var s3Rows = []string{"xinshou", "shangnian_jiezhuan", "r1", "r2", "r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8",
	"r4_1", "r4_2", "r4_3", "r5_1", "r5_2", "r5_3", "r5_4", "r5_5", "r6_1", "r6_2", "r6_3", "jiezhuan_xianian"}

var s3Cols = []string{"ziranren", "shangye_qiye", "keyan_jigou", "shehui_gongyi", "falv_fuwu", "qita"}

func build(year int, values map[string]string) *model.Report {
	r := model.New(model.Format2021, "平潭综合实验区", year)
	for _, row := range s3Rows {
		for _, col := range s3Cols {
			must(r.Set("s3."+row+"."+col, "0"))
		}
	}
	for _, g := range []string{"fuyi", "susong_zhijie", "susong_fuyihou"} {
		for _, c := range []string{"weichi", "jiuzheng", "qita", "weijie"} {
			must(r.Set("s4."+g+"."+c, "0"))
		}
	}
	for k, v := range values {
		must(r.Set(k, v))
	}
	return r
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprint("sample report: ", err))
	}
}

// Pingtan2021 is 平潭综合实验区 2021.
func Pingtan2021() *model.Report {
	return build(2021, map[string]string{
		"s3.xinshou.ziranren": "64", "s3.xinshou.shehui_gongyi": "2", "s3.xinshou.qita": "4",
		"s3.r1.ziranren": "27", "s3.r1.shehui_gongyi": "2", "s3.r1.qita": "1", "s3.r2.ziranren": "5", "s3.r3_5.ziranren": "1",
		"s3.r3_7.ziranren": "6", "s3.r3_8.ziranren": "1", "s3.r4_1.ziranren": "22", "s3.r4_1.qita": "3", "s3.r6_3.ziranren": "1",
		"s3.jiezhuan_xianian.ziranren": "1",
		"s4.fuyi.weichi":               "1", "s4.fuyi.qita": "2", "s4.susong_zhijie.weichi": "12",
		"s2.a20_1.guizhang.zhifa": "0", "s2.a20_1.guizhang.feizhi": "0", "s2.a20_1.guizhang.youxiao": "0",
		"s2.a20_1.guifanxing.zhifa": "69", "s2.a20_1.guifanxing.feizhi": "3", "s2.a20_1.guifanxing.youxiao": "665",
		"s2.a20_5.xuke.jueding": "2293", "s2.a20_6.chufa.jueding": "1282", "s2.a20_6.qiangzhi.jueding": "42",
		"s2.a20_8.shoufei.jine_wanyuan": "24252.311082", "s6.fee_yuan": "0",
		"meta.contact.office": "平潭综合实验区政府信息公开工作领导小组办公室", "meta.contact.postcode": "350400",
		"meta.contact.phone": "0591-23165370", "meta.contact.fax": "0591-23165370", "meta.url": "www.pingtan.gov.cn",
		"s1.lead":                    "2021年，我区以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心深化政务公开。",
		"s1.parts.zhudong.text":      "全年主动公开我区各级单位政府信息2645条，主要通过政府网站、政务新媒体等媒介进行公开。",
		"s1.parts.yishenqing.text":   "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
		"s1.parts.xinxi_guanli.text": "一是加强组织领导。二是规范审核审核发布机制。三是不断创新工作方法。",
		"s1.parts.pingtai.text":      "按照要求不断调整优化政府网站与政务新媒体栏目设置，先后关停未进行规范管理的政务新媒体2个。",
		"s1.parts.jiandu.text":       "常态化开展督查检查，组织4次季度政务公开检查。",
		"s5.wenti":                   "政策解读形式不够丰富，未能充分运用数字化、图表图解等方式通俗易懂地解读政策文件。",
		"s5.gaijin":                  "一是丰富政策解读形式。二是加强重点政务信息管理。三是拓宽公开载体和渠道。",
		"s6.text":                    "2021年，无收取信息处理费情况。",
	})
}

// Pingtan2022 is 平潭综合实验区 2022; its prose counts 上年结转 into "收到".
func Pingtan2022() *model.Report {
	return build(2022, map[string]string{
		"s3.xinshou.ziranren": "71", "s3.xinshou.shangye_qiye": "3", "s3.shangnian_jiezhuan.ziranren": "1",
		"s3.r1.ziranren": "21", "s3.r2.ziranren": "8", "s3.r2.shangye_qiye": "1", "s3.r3_5.ziranren": "1", "s3.r3_6.ziranren": "2",
		"s3.r3_7.ziranren": "1", "s3.r4_1.ziranren": "37", "s3.r6_1.ziranren": "2", "s3.r6_3.shangye_qiye": "2",
		"s4.fuyi.jiuzheng": "1", "s4.fuyi.qita": "1", "s4.susong_zhijie.weichi": "1",
		"s2.a20_1.guizhang.zhifa": "0", "s2.a20_1.guizhang.feizhi": "0", "s2.a20_1.guizhang.youxiao": "0",
		"s2.a20_1.guifanxing.zhifa": "88", "s2.a20_1.guifanxing.feizhi": "55", "s2.a20_1.guifanxing.youxiao": "698",
		"s2.a20_5.xuke.jueding": "10690", "s2.a20_6.chufa.jueding": "2113", "s2.a20_6.qiangzhi.jueding": "0",
		"s2.a20_8.shoufei.jine_wanyuan": "9116.36", "s6.fee_yuan": "0", "s6.text": "2022年，无收取信息处理费情况。",
		"s1.parts.yishenqing.text": "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复。",
		"s5.wenti":                 "一是重大行政决策预公开程度需进一步加强。", "s5.gaijin": "一是丰富意见征集形式。",
	})
}

// Long returns a copy of r with about n characters of prose in 一.
func Long(r *model.Report, n int) *model.Report {
	c := r.Clone()
	lead := model.Demo().Lead
	must(c.Set("s1.lead", strings.Repeat(lead, n/len([]rune(lead))+1)))
	return c
}
