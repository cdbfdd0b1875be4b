package main

import (
	"fmt"

	"nianbao/app"
)

// replace: one string for another in every text of a report.
func (c *cli) replace() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	if len(c.args.pos) != 3 {
		return c.fail(usageErr("用法：nianbao %s", commands["replace"].usage))
	}
	old, repl := c.args.pos[1], c.args.pos[2]
	dry := c.args.flag("dry-run")
	return c.withStore(!dry, func(a *app.Service) (int, error) {
		hits, err := a.Replace(id, old, repl, dry)
		if err != nil {
			return 0, err
		}
		if c.args.flag("json") {
			return exitOK, c.printJSON(hits)
		}
		r, err := a.Load(id)
		if err != nil {
			return 0, err
		}
		for _, h := range hits {
			fmt.Fprintf(c.stdout, "%s\t%s\n", h.Key, h.Context)
		}
		what := "已替换"
		if dry {
			what = "找到（未修改）"
		}
		fmt.Fprintf(c.stderr, "%s %d 处“%s”→“%s”（%s %d 年度报告）\n", what, len(hits), old, repl, r.Meta.Agency, r.Year)
		return exitOK, nil
	})
}

// zeros: 0 in every blank cell of the named tables (all when none).
func (c *cli) zeros() int {
	id, err := c.id()
	if err != nil {
		return c.fail(err)
	}
	return c.withStore(true, func(a *app.Service) (int, error) {
		n, err := a.FillZeros(id, c.args.pos[1:])
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(c.stderr, "已把 %d 个未填的格填为 0\n", n)
		return exitOK, nil
	})
}
