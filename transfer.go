package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui"
	uicommon "nianbao/ui/common"
	"nianbao/ui/exportpane"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

// exportFormatIDs lists the formats `export` accepts.
func exportFormatIDs() []string {
	var out []string
	for _, f := range append(app.ExportFormats(), app.QualityFormats()...) {
		out = append(out, f.ID)
	}
	return out
}

// importKinds describes, for the help text, what `import` reads besides JSON.
func importKinds() string {
	return "，以及已发布的报告：网页复制的文字（.txt，表格以制表符或“|”分隔）、PDF 转出的文字（pdftotext -layout）、Word .docx、保存的网页 .html、Markdown。\n" +
		"读不准的数字列为“不确定”、不会填入；原报告的空格保持空白；原报告印刷的合计照原样保留，用于检查原报告本身的错误"
}

func (c *cli) export() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	ids := []int64{id}
	for _, p := range c.args.pos[1:] {
		x, err := parseID(p)
		if err != nil {
			return c.fail(err)
		}
		ids = append(ids, x)
	}
	o := app.ExportOptions{Formats: c.args.flags["format"], Target: c.args.value("o"), Force: c.args.flag("force"),
		Fonts: c.args.value("fonts"), Encoding: c.args.value("encoding")}
	if len(o.Formats) == 0 {
		return c.fail(usageErr("请用 --format 指定导出格式：%s", strings.Join(exportFormatIDs(), "、")))
	}
	return c.withStore(false, func(a *app.Service) (int, error) {
		var res *app.ExportResult
		var err error
		if len(ids) > 1 {
			res, err = a.ExportQuality(context.Background(), ids, o)
		} else {
			res, err = a.Export(context.Background(), id, o)
		}
		if res != nil {
			for _, w := range res.Warnings {
				fmt.Fprintln(c.stderr, cleanMessage(w))
			}
			for _, p := range res.Paths {
				fmt.Fprintln(c.stderr, "已导出：", p)
			}
			if res.NoSignDate && len(res.Paths) > 0 {
				fmt.Fprintf(c.stderr, "注意：报告没有填写成文日期，落款处只留了日期的空行。可以先填写再导出：nianbao set %d meta.sign_date=%s\n", id, app.Today(time.Now()))
			}
			if res.Errors > 0 && err == nil {
				fmt.Fprintf(c.stderr, "注意：报告还有 %d 个错误（nianbao check %d 查看），导出的是草稿。\n", res.Errors, id)
			}
		}
		c.notes(a, id)
		return exitOK, err
	})
}

// importCmd reads the file first and only then opens the database for
// writing, so the writer's lock is not held while a file is parsed.
func (c *cli) importCmd() int {
	if err := c.need(1, "要导入的文件"); err != nil {
		return c.fail(err)
	}
	path := c.args.pos[0]
	o := app.ImportOptions{Org: c.args.value("org")}
	if len(c.args.pos) > 1 {
		return c.fail(usageErr("一次导入一个文件或一个文件夹：%s", strings.Join(c.args.pos, " ")))
	}
	if y := c.args.value("year"); y != "" {
		n, err := strconv.Atoi(model.NormalizeNumber(y))
		if err != nil {
			return c.fail(usageErr("年度“%s”不是数字", y))
		}
		o.Year = n
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return c.importDir(path, o)
	}
	res, err := app.ReadImportFile(context.Background(), path, o)
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		id, err := storeImport(c, a, res)
		if err != nil {
			return 0, err
		}
		if !c.args.flag("json") {
			fmt.Fprintln(c.stdout, id)
		}
		return exitOK, nil
	})
}

func storeImport(c *cli, a *app.Service, res *app.ImportResult) (int64, error) {
	id, err := a.StoreImport(res)
	if err != nil {
		return 0, err
	}
	if c.args.flag("json") {
		return id, c.printJSON(importJSON(id, res))
	}
	for _, l := range res.Summary() {
		fmt.Fprintln(c.stderr, l)
	}
	return id, nil
}

func importJSON(id int64, res *app.ImportResult) map[string]any {
	fs := res.Findings
	if fs == nil {
		fs = []model.Finding{}
	}
	return map[string]any{"id": strconv.FormatInt(id, 10), "format": res.Report.Format.ID, "year": res.Report.Year,
		"agency": res.Report.Meta.Agency, "kind": res.Kind, "cells_read": res.CellsRead, "blanks": nonNil(res.Blanks),
		"uncertain": res.Uncertain, "notes": nonNil(res.Notes), "findings": fs}
}

// tui runs the guided terminal UI on the database.
func (c *cli) tui() int {
	path, err := c.dbPath()
	if err != nil {
		return c.fail(err)
	}
	a, err := app.Open(path, app.Options{Mode: app.Auto, Wait: time.Second})
	if err != nil {
		return c.fail(err)
	}
	defer a.Close()
	theme := c.args.value("theme")
	if theme == "" {
		theme = a.Setting("theme")
	}
	if theme == "" {
		theme = ui.AutoTheme()
	}
	if theme != styles.ASCII && theme != styles.Default {
		return c.fail(usageErr("--theme 只能是 default 或 ascii"))
	}
	if why := a.ReadOnlyReason(); why != "" {
		uicommon.ReadOnlyNotice = "只读：" + why // the banner says why
	}
	prefs := exportpane.LoadPrefs(a) // the export page's choices, per database
	common := &uicommon.Common{Styles: styles.New(theme), Keys: keys.Default(), App: a, Now: time.Now,
		ExportFolder: prefs.Folder, ExportFormats: prefs.Formats, ExportFonts: prefs.Fonts}
	// Bubble Tea recovers a panic, restores the terminal and prints the
	// stack on os.Stderr: catch that text for the log file.
	restore := catchStderr()
	err = ui.Run(common)
	stack := restore()
	if errors.Is(err, tea.ErrProgramPanic) {
		return c.crashed("编写界面 "+err.Error(), stack)
	}
	if err != nil {
		return c.fail(err)
	}
	return exitOK
}
