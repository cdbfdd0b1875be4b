package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"nianbao/app"
	"nianbao/model"
)

// keyInfo is one line of `nianbao keys`.
type keyInfo struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Computed bool   `json:"computed,omitempty"`
}

// formatKeys lists every canonical key of a format with its label, in
// document order, straight from the format definition.
func formatKeys(f *model.Format) []keyInfo {
	r := model.New(f, "", f.FirstYear)
	var out []keyInfo
	for _, k := range r.Keys() {
		out = append(out, keyInfo{k, r.KeyLabel(k), r.IsComputedKey(k)})
	}
	return out
}

// printKeys writes the keys as "key<TAB>label" lines; computed totals are
// marked, since they cannot be set.
func printKeys(w io.Writer, keys []keyInfo) {
	for _, k := range keys {
		label := k.Label
		if k.Computed {
			label += "（自动计算）"
		}
		fmt.Fprintf(w, "%s\t%s\n", k.Key, label)
	}
}

// keys prints the key reference of one format (by default the one for
// this year's reports). It needs no database.
func (c *cli) keys() int {
	id := c.args.value("format")
	f := model.FormatForYear(time.Now().Year())
	if id != "" {
		var err error
		if f, err = app.FormatFor(0, id); err != nil {
			return c.fail(err)
		}
	}
	keys := formatKeys(f)
	if c.args.flag("json") {
		if err := c.printJSON(keys); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	printKeys(c.stdout, keys)
	return exitOK
}

// keysMarkdown is docs/keys.md: the key reference of every format, as
// `nianbao keys` prints it, for reading in the repository.
func keysMarkdown() string {
	var b strings.Builder
	b.WriteString("# 项名一览\n\n")
	b.WriteString("set、get、check 和 JSON 文件使用的全部项名（键）及其说明，由程序从格式定义生成（`nianbao keys --format 2019|2021`）。\n")
	b.WriteString("本文件由 `NIANBAO_UPDATE_DOCS=1 go test -run TestDocsKeys .` 重新生成，请不要手工修改；格式、表格和规则的说明见 [formats.md](formats.md)。\n")
	fs := model.Formats()
	sort.Slice(fs, func(i, j int) bool { return fs[i].FirstYear > fs[j].FirstYear })
	for _, f := range fs {
		fmt.Fprintf(&b, "\n## %s 版格式（%s）\n\n| 项名 | 说明 |\n|---|---|\n", f.ID, f.Notice)
		for _, k := range formatKeys(f) {
			label := k.Label
			if k.Computed {
				label += "（自动计算）"
			}
			fmt.Fprintf(&b, "| `%s` | %s |\n", k.Key, strings.ReplaceAll(label, "|", "\\|"))
		}
	}
	return b.String()
}
