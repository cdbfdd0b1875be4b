package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"nianbao/app"
	"nianbao/model"
)

// rollup creates a roll-up report of its members, or (--refresh) brings
// one up to date.
func (c *cli) rollup() int {
	if v := c.args.value("refresh"); c.args.flag("refresh") {
		if len(c.args.pos) > 0 || c.args.flag("org") || c.args.flag("year") || c.args.flag("all") || c.args.flag("members") {
			return c.fail(usageErr("rollup --refresh 编号 只重新汇总已有的汇总报告，不能同时指定单位、年度或成员"))
		}
		id, err := parseID(v)
		if err != nil {
			return c.fail(err)
		}
		return c.withStore(true, func(a *app.Service) (int, error) {
			res, err := a.RefreshRollup(id)
			if err != nil {
				return 0, err
			}
			c.rollupNotes(res)
			fmt.Fprintf(c.stderr, "已重新汇总报告 %d：%d 个成员，%d 格有变化。\n", id, model.Present(res.Members), res.Changed)
			return exitOK, nil
		})
	}
	year, err := strconv.Atoi(model.NormalizeNumber(c.args.value("year")))
	if err != nil {
		return c.fail(usageErr("请用 --year 写明汇总的年度，如 --year 2025"))
	}
	o := app.RollupOptions{Org: c.args.value("org"), Year: year, All: c.args.flag("all")}
	for _, p := range c.args.pos {
		id, err := parseID(p)
		if err != nil {
			return c.fail(err)
		}
		o.IDs = append(o.IDs, id)
	}
	if f := c.args.value("members"); c.args.flag("members") {
		if o.Names, err = app.ReadMemberFile(f); err != nil {
			return c.fail(err)
		}
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		res, err := a.Rollup(o)
		if err != nil {
			return 0, err
		}
		c.rollupNotes(res)
		fmt.Fprintf(c.stderr, "已生成汇总报告（%d 个成员）。\n", model.Present(res.Members))
		fmt.Fprintln(c.stdout, res.ID)
		return exitOK, nil
	})
}

func (c *cli) rollupNotes(res *app.RollupResult) {
	for _, n := range res.Notes {
		fmt.Fprintln(c.stderr, "注意：", cleanMessage(n))
	}
}

// importDir imports every readable file of a folder: the files are read
// before the database is opened for writing.
func (c *cli) importDir(dir string, o app.ImportOptions) int {
	files, err := app.ReadImportDir(context.Background(), dir, o)
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		if err := a.StoreImportDir(files); err != nil {
			return 0, err
		}
		created, dups, refused := app.DirSummary(files)
		if c.args.flag("json") {
			out := []map[string]any{}
			for _, f := range files {
				m := map[string]any{"file": f.Name}
				switch {
				case f.Res == nil:
					m["error"] = cleanMessage(f.Err.Error())
				default:
					m = importJSON(f.ID, f.Res)
					m["file"] = f.Name
					m["duplicate"] = f.Duplicate
				}
				out = append(out, m)
			}
			if err := c.printJSON(out); err != nil {
				return 0, err
			}
		} else {
			for _, f := range files {
				if f.Created() {
					fmt.Fprintln(c.stdout, f.ID)
				}
			}
		}
		rows := app.DirTable(files)
		for _, r := range rows {
			for i := range r {
				r[i] = app.CleanLine(r[i])
			}
		}
		printTable(c.stderr, rows)
		fmt.Fprintf(c.stderr, "共 %d 个文件：新建 %d 份报告，%d 份已在数据库中（跳过），%d 个文件没有导入。\n", len(files), created, dups, refused)
		if created == 0 {
			return exitRefuse, nil
		}
		return exitOK, nil
	})
}

// dismiss marks a finding as reviewed, with a reason.
func (c *cli) dismiss() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	if err := c.need(2, "问题编号（nianbao check 编号 --json 中的 id）"); err != nil {
		return c.fail(err)
	}
	if !c.args.flag("reason") {
		return c.fail(usageErr("请用 --reason 写明理由，例如 --reason \"现行有效件数因清理文件减少，正文已说明\""))
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		f, err := a.Dismiss(id, c.args.pos[1], c.args.value("reason"))
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(c.stderr, "已标记为已核实：%s %s %s\n    %s\n", f.Level.Chinese(), f.Rule, f.Key, cleanMessage(f.Message))
		return exitOK, nil
	})
}

func (c *cli) undismiss() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	if err := c.need(2, "问题编号（nianbao check 编号 --json 中的 id）"); err != nil {
		return c.fail(err)
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		if err := a.Undismiss(id, c.args.pos[1]); err != nil {
			return 0, err
		}
		fmt.Fprintf(c.stderr, "已取消“已核实”：%s 重新计入。\n", strings.TrimSpace(c.args.pos[1]))
		return exitOK, nil
	})
}

const importDirHelp = `写文件夹时导入其中每一个能读的文件（不含子文件夹），在标准输出每行打印一个新报告的编号，
在标准错误输出列出每个文件：单位、年度、格式、读到的数字、空白、不确定、原报告的错误/警告，或没有导入的原因。
单位、年度和内容都与数据库中已有报告相同的文件跳过，不会重复导入；一个文件读不出不影响其他文件。
至少新建了一份报告时退出码为 0。`

const rollupHelp = `由多份报告生成一份汇总报告（例如全县的报告由各部门的报告汇总），只在标准输出打印它的编号。
表二、表三、表四（和信息处理费）是各成员之和：都没填的格仍为空；有的成员没填时按 0 计，并列出这些成员。
正文为空，只在一（一）、一（二）和六中各生成一句汇总的句子，如“本年度全县共收到政府信息公开申请…件”。
成员：
  编号…              列出成员报告的编号
  --all              该年度数据库中的全部报告（汇总报告除外）
  --members 名单文件  每行一个报告编号或单位名称（# 开头的行不算）；数据库中还没有的单位记入名单，
                     在汇总页和检查结果（R13）中列出，导入后重新汇总即可
成员必须是同一年度、同一格式的报告，否则拒绝（退出码 2）。汇总报告可以再作为更高一级汇总的成员，不能循环。
检查汇总报告时按成员现在的数字核对每一格（R13）：成员改动后会提示，
  rollup --refresh 编号   按成员现在的数字重新汇总（生成的句子也随之更新；改写过的文字保留）。`
