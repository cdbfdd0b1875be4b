package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"nianbao/app"
	"nianbao/internal/errs"
	"nianbao/model"
)

type cli struct {
	args   *args
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func usageErr(format string, a ...any) error { return errs.New(errs.Refused, format, a...) }

// fail prints an error in Chinese and returns its exit code: 3 for an
// internal error, 2 for everything refused. Control characters that came
// with the input never reach the terminal.
func (c *cli) fail(err error) int {
	fmt.Fprintln(c.stderr, "nianbao:", cleanMessage(err.Error()))
	if errs.KindOf(err) == errs.Internal {
		return exitInternal
	}
	return exitRefuse
}

// cleanMessage drops control characters from a message, keeping its lines.
func cleanMessage(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = app.CleanLine(l)
	}
	return strings.Join(lines, "\n")
}

type command struct {
	usage string // synopsis after "nianbao "
	brief string
	help  string
	flags string // space-separated flags it accepts
	run   func(*cli) int
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"list": {"list [--json] [--all]", "列出所有报告", "列出数据库中的所有报告：编号、单位、年度、格式、错误数、警告数（不含未填的格）、未填格数、最后修改时间。\n--all 同时列出回收站中已删除的报告。", "json all", (*cli).list},
		"new": {"new --org 单位名称 --year 年度 [--format 2019|2021] [--from 编号]", "新建报告（可由上一年度报告生成）",
			"新建一份报告，只在标准输出打印新报告的编号。\n格式默认按年度：2020 年及以前用 2019 版，2021 年起用 2021 版。\n--from 编号：由较早年度的报告生成（通常是上一年度）：复制文字和联系方式，\n上年结转 = 上年“结转下年度继续办理”，现行有效件数等延续，本年数字留空。", "org year format from", (*cli).new},
		"set": {"set 编号 项=值 …", "填写数字或文字",
			"填写一项或多项；任一项有误则全部不保存。\n项的名称用 nianbao keys 查看，例如 s3.xinshou.ziranren=5、s1.lead=@导语.txt（从 UTF-8 文件读入）、\ns3.r1.qita= （清空为未填）。合计项自动计算，不能填写。", "", (*cli).set},
		"get": {"get 编号 [项 …] [--json]", "查看数字或文字",
			"显示报告的各项；不写项名时显示全部。合计项（自动计算）也会显示并注明。\n只查一项时只打印它的值，便于脚本使用。", "json", (*cli).get},
		"check": {"check 编号 [--json]", "检查报告", "按规则 R1–R16 检查报告；有“错误”时退出码为 1，没有为 0。\n汇总报告按各成员现在的数字检查（R13）。--json 中每个问题有 id（问题编号，用于 dismiss）；\n已核实的问题带 dismissed、reason、by、at，不计入退出码和警告数。", "json", (*cli).check},
		"export": {"export 编号… --format 格式 [-o 文件或文件夹] [--force] [--fonts standard|windows] [--encoding utf-8|gb18030]", "导出报告",
			"导出报告文件。格式：" + strings.Join(exportFormatIDs(), "、") + "；可多次使用 --format。\n-o 可以是文件名或文件夹；已有同名文件时需加 --force 才会覆盖。\n" +
				"--fonts standard   Word/PDF 用标准公文字体（方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312），默认\n" +
				"--fonts windows    Word/PDF 用 Windows 自带字体（宋体加粗、黑体、楷体、仿宋），本机没有标准公文字体时用\n" +
				"--encoding utf-8   纯文本用 UTF-8（带 BOM，记事本、Excel 都能正确打开），默认\n" +
				"--encoding gb18030 纯文本用 GB18030（旧系统）\n" +
				"导出 PDF 前会检查本机缺少哪些字体并提示；报告没有成文日期时也会提示。\n" +
				"质量检查表（quality-xlsx、quality-html）：每份报告一行、每条规则一列（错误、警告的条数和第一条说明），\n" +
				"  另有每份报告的全部问题（已核实的带理由）。对汇总报告导出的是它的各成员；也可以写多个编号：\n" +
				"  nianbao export 3 5 8 --format quality-xlsx", "format o force encoding fonts", (*cli).export},
		"import": {"import 文件或文件夹 [--org 单位] [--year 年度] [--json]", "从文件导入报告（可整个文件夹）",
			"由文件新建一份报告，只在标准输出打印新报告的编号。\n支持本程序导出的 JSON" + importKinds() + "。\n" + importDirHelp, "org year json", (*cli).importCmd},
		"rollup": {"rollup --org 单位 --year 年度 (编号… | --all | --members 名单文件)  或  rollup --refresh 编号", "汇总多份报告",
			rollupHelp, "org year all members refresh", (*cli).rollup},
		"dismiss": {"dismiss 编号 问题编号 --reason 理由", "把警告标记为已核实",
			"把一条警告或提示标记为“已核实”并写明理由（错误不能标记）。问题编号是 nianbao check 编号 --json 中的 id。\n已核实的问题仍然列出（带理由、标记人和时间），但不再计入警告数；它涉及的数字或文字改动后，会作为新问题重新出现。", "reason", (*cli).dismiss},
		"undismiss": {"undismiss 编号 问题编号", "取消“已核实”", "取消 dismiss 的标记，这条问题重新计入。", "", (*cli).undismiss},
		"demo":      {"demo", "新建示例报告", "新建一份示例报告（平罗县司法局 2020 年度，2019 版格式），打印其编号。", "", (*cli).demo},
		"history":   {"history 编号 [--json]", "查看历史版本", "列出报告的历史版本（新建、每次编辑、每次导出各留一版）。", "json", (*cli).history},
		"restore":   {"restore 编号 版本号", "恢复到历史版本", "把报告恢复到某个历史版本；恢复前的内容也会留作一个版本。", "", (*cli).restore},
		"delete":    {"delete 编号", "删除报告（可恢复）", "把报告移到回收站；用 undelete 可以恢复。", "", (*cli).delete},
		"undelete":  {"undelete 编号", "恢复已删除的报告", "把回收站中的报告恢复。", "", (*cli).undelete},
		"replace": {"replace 编号 原文字 新文字 [--dry-run] [--json]", "在所有文字中查找替换",
			"把报告所有文字（标题、前言、联系方式、一至六的正文和小标题）中的原文字替换为新文字，\n列出每一处（项名和上下文）。--dry-run 只列出，不修改。没有找到时退出码为 2。\n替换前的内容留作一个历史版本。", "dry-run json", (*cli).replace},
		"zeros": {"zeros 编号 [s2|s3|s4 …]", "把未填的格填为 0",
			"把指定表格（不写则全部表格）中还没有填写的格填为 0，并报告填了多少格。\n表名可以是 s2、s3、s4，或 s2.a20_1 这样的表二分项。填写前的内容留作一个历史版本。", "", (*cli).zeros},
		"backup": {"backup [文件或文件夹]", "备份数据库",
			"把整个数据库复制一份（在线备份：另一个窗口正在编辑时也可以）。\n不写文件名时，备份放在数据库旁边，文件名带日期，如 nianbao-备份-20260115-093012.db；\n只在标准输出打印备份文件的路径。升级数据库结构前，程序也会自动这样备份一次。", "", (*cli).backup},
		"keys": {"keys [--format 2019|2021] [--json]", "列出所有项的名称",
			"列出一种格式的全部项名（set、get 用的名称）及其中文说明，每行一项：项名<Tab>说明。\n默认列出今年报告所用的格式；合计项注明“自动计算”。", "format json", (*cli).keys},
		"doctor": {"doctor [--json]", "检查运行环境", doctorHelp, "json", (*cli).doctor},
	}
}

var commandOrder = []string{"new", "demo", "list", "get", "set", "check", "export", "import", "rollup", "dismiss", "undismiss", "history", "restore", "delete", "undelete", "replace", "zeros", "backup", "keys", "doctor"}

func (c *cli) help(cmd string) {
	w := c.stdout
	if x, ok := commands[cmd]; ok {
		fmt.Fprintf(w, "用法：nianbao [--db 数据库文件] %s\n\n%s\n", x.usage, x.help)
		return
	}
	fmt.Fprintf(w, `nianbao %s — 政府信息公开工作年度报告 编写、检查、导出

用法：
  nianbao                 打开编写界面（首次使用会带一份示例报告）
  nianbao 命令 [参数]      在命令行中操作（供脚本使用）

命令：
`, version)
	for _, name := range commandOrder {
		x := commands[name]
		fmt.Fprintf(w, "  %-10s %s\n", name, x.brief)
	}
	fmt.Fprintf(w, `
通用选项：
  --db 文件      使用指定的数据库文件（也可用环境变量 %s）；
                默认：%s
  --version     显示版本
  --theme ascii 编写界面使用纯 ASCII 边框（旧版 Windows 控制台）

用 nianbao help 命令 查看某个命令的详细说明。
退出码：0 成功；1 检查发现错误；2 操作被拒绝（用法、编号、项名或数值有误，文件问题）；3 程序内部错误。
用户手册：%s
`, app.EnvDB, defaultDBHint(), thisManual())
}

func defaultDBHint() string {
	p, err := app.DBPath("")
	if err != nil {
		return "用户配置文件夹/nianbao/nianbao.db"
	}
	return p
}

// open opens the database for a command. Commands that read never wait
// for a writer and never create a database (a mistyped --db creates
// nothing); they work while another nianbao is editing. Writing commands
// wait briefly for another writer to finish, then refuse.
func (c *cli) open(write bool) (*app.Service, error) {
	path, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	if write {
		return app.Open(path, app.Options{Mode: app.Write, Wait: 3 * time.Second})
	}
	return app.Open(path, app.Options{Mode: app.Auto, MustExist: true})
}

// dbPath is the database the command line names; --db "" is refused
// rather than silently meaning the default.
func (c *cli) dbPath() (string, error) {
	if c.args.flag("db") && strings.TrimSpace(c.args.value("db")) == "" {
		return "", usageErr("--db 后面的数据库文件名是空的：请写出文件名，或去掉 --db 使用默认数据库")
	}
	return app.DBPath(c.args.value("db"))
}

// withStore runs f on an open database and maps errors to exit codes.
func (c *cli) withStore(write bool, f func(*app.Service) (int, error)) int {
	a, err := c.open(write)
	if err != nil {
		return c.fail(err)
	}
	code, err := f(a)
	if cerr := a.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return c.fail(err)
	}
	return code
}

func (c *cli) need(n int, what string) error {
	if len(c.args.pos) < n {
		return usageErr("缺少%s。用法：nianbao %s", what, commands[c.args.cmd].usage)
	}
	return nil
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(model.NormalizeNumber(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErr("报告编号“%s”无效，应是 nianbao list 中的数字", s)
	}
	return id, nil
}

func (c *cli) id() (int64, error) {
	if err := c.need(1, "报告编号"); err != nil {
		return 0, err
	}
	return parseID(c.args.pos[0])
}

func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (c *cli) list() int {
	return c.withStore(false, func(a *app.Service) (int, error) {
		lines, err := a.List(c.args.flag("all"))
		if err != nil {
			return 0, err
		}
		if c.args.flag("all") {
			live, err := a.List(false)
			if err != nil {
				return 0, err
			}
			lines = append(live, lines...)
		}
		if c.args.flag("json") {
			out := []map[string]any{}
			for _, l := range lines {
				m := map[string]any{"id": strconv.FormatInt(l.ID, 10), "agency": l.Agency, "year": l.Year, "format": l.Format,
					"errors": l.Errors, "warnings": l.Warnings, "blanks": l.Blanks, "updated": l.Updated.Format(time.RFC3339)}
				if !l.Deleted.IsZero() {
					m["deleted"] = l.Deleted.Format(time.RFC3339)
				}
				if l.Rollup {
					m["rollup"] = true
				}
				if l.Problem != "" { // never counted as clean
					m["errors"], m["warnings"], m["unreadable"], m["problem"] = nil, nil, true, l.Problem
				}
				out = append(out, m)
			}
			return exitOK, c.printJSON(out)
		}
		if len(lines) == 0 {
			fmt.Fprintln(c.stderr, "还没有报告。用 nianbao new --org 单位名称 --year 年度 新建，或 nianbao demo 生成示例。")
			return exitOK, nil
		}
		rows := [][]string{{"编号", "单位", "年度", "格式", "错误", "警告", "未填", "最后修改"}}
		var problems []string
		for _, l := range lines {
			name := l.Agency
			if l.Rollup {
				name += "（汇总）"
			}
			if !l.Deleted.IsZero() {
				name += "（已删除）"
			}
			e, w, b := strconv.Itoa(l.Errors), strconv.Itoa(l.Warnings), strconv.Itoa(l.Blanks)
			if l.Problem != "" {
				e, w, b = "无法读取", "—", "—"
				problems = append(problems, fmt.Sprintf("报告 %d 无法读取：%s", l.ID, l.Problem))
			}
			rows = append(rows, []string{strconv.FormatInt(l.ID, 10), name, strconv.Itoa(l.Year), l.Format + "版",
				e, w, b, l.Updated.Local().Format("2006-01-02 15:04")})
		}
		printTable(c.stdout, rows)
		for _, p := range problems {
			fmt.Fprintln(c.stderr, cleanMessage(p))
		}
		return exitOK, nil
	})
}

func (c *cli) new() int {
	year, err := strconv.Atoi(model.NormalizeNumber(c.args.value("year")))
	if err != nil {
		return c.fail(usageErr("请用 --year 写明报告年度，如 --year 2025"))
	}
	var from int64
	if v := c.args.value("from"); v != "" {
		if from, err = parseID(v); err != nil {
			return c.fail(err)
		}
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		id, notes, err := a.NewReport(app.NewOptions{Agency: c.args.value("org"), Year: year, Format: c.args.value("format"), From: from})
		if err != nil {
			return 0, err
		}
		for _, n := range notes {
			fmt.Fprintln(c.stderr, "提示：", n)
		}
		fmt.Fprintln(c.stdout, id)
		return exitOK, nil
	})
}

func (c *cli) demo() int {
	return c.withStore(true, func(a *app.Service) (int, error) {
		id, err := a.Demo()
		if err != nil {
			return 0, err
		}
		fmt.Fprintln(c.stdout, id)
		return exitOK, nil
	})
}

func (c *cli) set() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	if err := c.need(2, "要填写的项（项=值）"); err != nil {
		return c.fail(err)
	}
	var pairs [][2]string
	for _, p := range c.args.pos[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return c.fail(usageErr("“%s”应写成 项=值，例如 s3.xinshou.ziranren=5", p))
		}
		if f, ok := strings.CutPrefix(v, "@"); ok && f != "" {
			if v, err = readValueFile(f); err != nil {
				return c.fail(err)
			}
		}
		pairs = append(pairs, [2]string{strings.TrimSpace(k), v})
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		return exitOK, a.Set(id, pairs)
	})
}

func (c *cli) get() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(false, func(a *app.Service) (int, error) {
		r, err := a.Load(id)
		if err != nil {
			return 0, err
		}
		var keys []string
		if len(c.args.pos) > 1 {
			keys = c.args.pos[1:]
		}
		c.notes(a, id)
		vals, computed, published, err := r.FlatValues(keys)
		if err != nil {
			return 0, err
		}
		if c.args.flag("json") {
			out := map[string]any{"id": strconv.FormatInt(id, 10), "format": r.Format.ID, "year": r.Year, "agency": r.Meta.Agency,
				"values": vals, "computed": nonNil(computed)}
			if published != nil {
				out["published"] = published
			}
			return exitOK, c.printJSON(out)
		}
		if keys == nil {
			keys = r.Keys()
		}
		if len(keys) == 1 {
			fmt.Fprintln(c.stdout, cleanMessage(model.FormatValue(vals[keys[0]])))
			return exitOK, nil
		}
		isComputed := map[string]bool{}
		for _, k := range computed {
			isComputed[k] = true
		}
		for _, k := range keys {
			v := app.CleanLine(strings.ReplaceAll(model.FormatValue(vals[k]), "\n", `\n`))
			if vals[k] == nil {
				v = "（未填）"
			}
			if isComputed[k] {
				v += "  （自动计算）"
			}
			fmt.Fprintf(c.stdout, "%s = %s\n", k, v)
		}
		return exitOK, nil
	})
}

// notes prints, on stderr, what could not be read of a report.
func (c *cli) notes(a *app.Service, id int64) {
	for _, n := range a.Notes(id) {
		fmt.Fprintln(c.stderr, "注意：", cleanMessage(n))
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (c *cli) check() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(false, func(a *app.Service) (int, error) {
		r, fs, err := a.Check(id)
		if err != nil {
			return 0, err
		}
		c.notes(a, id)
		code := exitOK
		if e, _ := model.Tally(fs); e > 0 {
			code = exitErrors
		}
		if c.args.flag("json") {
			if fs == nil {
				fs = []model.Finding{}
			}
			return code, c.printJSON(fs)
		}
		printFindings(c.stdout, r, fs)
		return code, nil
	})
}

func printFindings(w io.Writer, r *model.Report, fs []model.Finding) {
	n := model.Active(fs)
	head := fmt.Sprintf("%s %d 年度报告：%d 个错误，%d 个警告，%d 个提示", app.CleanLine(r.Meta.Agency), r.Year, n[0], n[1], n[2])
	if d := len(fs) - n[0] - n[1] - n[2]; d > 0 {
		head += fmt.Sprintf("；另有 %d 个已核实（不计入）", d)
	}
	fmt.Fprintln(w, head)
	// Blank cells are many in an unfinished report: one line per table.
	blanks := map[string]int{}
	var order []string
	for _, f := range fs {
		if f.IsBlank() && f.Key != "s6.fee_yuan" {
			t := tableOf(r, f.Key)
			if blanks[t] == 0 {
				order = append(order, t)
			}
			blanks[t]++
			continue
		}
		fmt.Fprintf(w, "%s %s  %s\n    %s\n", f.Level.Chinese(), f.Rule, f.Key, cleanMessage(f.Message))
		if f.Dismissed {
			fmt.Fprintf(w, "    已核实：%s（%s，%s）\n", cleanMessage(f.Reason), cleanMessage(f.By), atText(f.At))
		}
	}
	for _, t := range order {
		fmt.Fprintf(w, "警告 R5  %s 有 %d 格还没有填写；没有的请填 0（nianbao check --json 列出每一格）\n", t, blanks[t])
	}
}

func tableOf(r *model.Report, key string) string {
	if c, ok := r.Format.Cell(key); ok {
		return c.Table.Name
	}
	return key
}

func (c *cli) history() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(false, func(a *app.Service) (int, error) {
		if _, err := a.Load(id); err != nil {
			return 0, err
		}
		revs, err := a.Revisions(id)
		if err != nil {
			return 0, err
		}
		if c.args.flag("json") {
			out := []map[string]any{}
			for _, v := range revs {
				out = append(out, map[string]any{"revision": v.ID, "at": v.At.Format(time.RFC3339), "reason": v.Reason})
			}
			return exitOK, c.printJSON(out)
		}
		for _, v := range revs {
			fmt.Fprintf(c.stdout, "%d\t%s\t%s\n", v.ID, v.At.Local().Format("2006-01-02 15:04:05"), v.Reason)
		}
		return exitOK, nil
	})
}

func (c *cli) restore() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	if err := c.need(2, "版本号（见 nianbao history）"); err != nil {
		return c.fail(err)
	}
	rev, err := strconv.ParseInt(c.args.pos[1], 10, 64)
	if err != nil {
		return c.fail(usageErr("版本号“%s”无效", c.args.pos[1]))
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		if err := a.Restore(id, rev); err != nil {
			return 0, err
		}
		fmt.Fprintf(c.stderr, "报告 %d 已恢复到版本 %d。\n", id, rev)
		return exitOK, nil
	})
}

func (c *cli) delete() int   { return c.trash(true) }
func (c *cli) undelete() int { return c.trash(false) }

func (c *cli) trash(del bool) int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		if del {
			if err := a.Delete(id); err != nil {
				return 0, err
			}
			fmt.Fprintf(c.stderr, "报告 %d 已移到回收站（nianbao undelete %d 可恢复）。\n", id, id)
			return exitOK, nil
		}
		if err := a.Undelete(id); err != nil {
			return 0, err
		}
		fmt.Fprintf(c.stderr, "报告 %d 已从回收站恢复。\n", id)
		return exitOK, nil
	})
}

// printTable aligns columns by display width (a Han character is two
// columns), which text/tabwriter does not do.
func printTable(w io.Writer, rows [][]string) {
	cond := runewidth.NewCondition()
	widths := map[int]int{}
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], cond.StringWidth(cell))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cond.StringWidth(cell)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// atText prints a review's time as the clerk reads it.
func atText(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.Local().Format("2006-01-02 15:04")
}
