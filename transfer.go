package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/app"
	"nianbao/model"
	"nianbao/store"
)

// exportFormatIDs lists the formats `export` accepts.
func exportFormatIDs() []string { return []string{"json"} }

// importKinds describes, for the help text, what `import` reads besides JSON.
func importKinds() string { return "" }

func (c *cli) export() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	formats := c.args.flags["format"]
	if len(formats) == 0 {
		return c.fail(usageErr("请用 --format 指定导出格式：%s", strings.Join(exportFormatIDs(), "、")))
	}
	for _, f := range formats {
		if f != "json" {
			return c.fail(usageErr("导出格式“%s”无效：可用 %s", f, strings.Join(exportFormatIDs(), "、")))
		}
	}
	return c.withStore(false, func(s *store.Store) (int, error) {
		r, fs, err := app.Check(s, id)
		if err != nil {
			return 0, err
		}
		b, err := r.MarshalJSON()
		if err != nil {
			return 0, err
		}
		path := c.args.value("o")
		name := defaultName(r, "json")
		if path == "" {
			path = name
		} else if st, err := os.Stat(path); err == nil && st.IsDir() {
			path = filepath.Join(path, name)
		}
		if err := writeAtomic(path, c.args.flag("force"), append(b, '\n')); err != nil {
			return 0, err
		}
		if e, _ := model.Tally(fs); e > 0 {
			fmt.Fprintf(c.stderr, "注意：报告还有 %d 个错误（nianbao check %d 查看），导出的是草稿。\n", e, id)
		}
		if !s.ReadOnly() {
			s.Snapshot(id, "导出")
		}
		fmt.Fprintln(c.stderr, "已导出：", path)
		return exitOK, nil
	})
}

func defaultName(r *model.Report, ext string) string {
	name := fmt.Sprintf("%s%d年政府信息公开工作年度报告.%s", r.Meta.Agency, r.Year, ext)
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name)
}

func importFile(c *cli, s *store.Store, path string, data []byte) (int64, error) {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return app.ImportJSON(s, data, filepath.Base(path))
	}
	return 0, usageErr("暂时只能导入本程序导出的 JSON 文件")
}

func (c *cli) tui() int {
	c.help("")
	return exitOK
}
