package model

import (
	"sort"
	"strconv"
	"strings"
)

// ruleNames name each rule in a few words, for tables and lists (the
// quality table's columns); FORMAT.md §6 and docs/formats.md say what
// each checks.
var ruleNames = map[string]string{
	"R1": "表三平衡", "R2": "（七）总计", "R3": "表三行总计", "R4": "表四总计", "R5": "未填或不合规",
	"R6": "上年结转", "R7": "现行有效件数", "R8": "上一年项目数量", "R9": "正文与表格", "R10": "信息处理费",
	"R11": "问题和改进", "R12": "只计一种结果", "R13": "汇总与成员", "R14": "格式和标签", "R15": "与去年雷同",
	"R16": "过时的年份",
}

// RuleName is a rule's short name ("" for an unknown rule).
func RuleName(rule string) string { return ruleNames[rule] }

// SortRules orders rule ids by number: R2 before R10.
func SortRules(rules []string) {
	n := func(r string) int { v, _ := strconv.Atoi(strings.TrimPrefix(r, "R")); return v }
	sort.Slice(rules, func(i, j int) bool { return n(rules[i]) < n(rules[j]) })
}
