package main

import (
	"fmt"

	"nianbao/app"
)

// backup copies the database with SQLite's online backup (it works while
// another nianbao is editing, and on a read-only database): to FILE, into
// a folder, or to a dated file next to the database. The file written is
// printed alone on stdout.
func (c *cli) backup() int {
	dst := ""
	if len(c.args.pos) > 0 {
		dst = c.args.pos[0]
	}
	return c.withStore(false, func(a *app.Service) (int, error) {
		path, err := a.Backup(dst)
		if err != nil {
			return 0, err
		}
		fmt.Fprintln(c.stdout, path)
		fmt.Fprintln(c.stderr, "数据库已备份到：", path)
		return exitOK, nil
	})
}
