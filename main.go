// Command nianbao writes, checks and exports the annual report
// 《政府信息公开工作年度报告》: a guided terminal UI, and a command line for
// scripts. See README.md and `nianbao help`.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"nianbao/internal/platform"
)

// version is set at release time with -ldflags "-X main.version=…"; see
// version.go for commit and date.
var version = "dev"

func main() {
	// Windows: the console speaks UTF-8 while we run, then gets its code
	// page back (internal/platform/console*.go).
	restore := platform.SetupConsole()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	restore()
	os.Exit(code)
}

// Exit codes of the command-line contract.
const (
	exitOK     = 0
	exitErrors = 1 // check found at least one 错误
	exitRefuse = 2 // usage, unknown id or key, bad value, file errors
	// exitInternal (3, crash.go): an internal error
)

// run is the whole program minus os.Exit, so tests can call it. A panic
// ends it with exit code 3 (see crash.go), never as a refusal.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	return c.recovering(func() int { return c.main(args) })
}

func (c *cli) main(args []string) int {
	stdout, stderr := c.stdout, c.stderr
	a, err := parseArgs(args)
	if err != nil {
		return c.fail(err)
	}
	c.args = a
	if a.flag("version") {
		fmt.Fprint(stdout, versionText(readBuildInfo()))
		return exitOK
	}
	if a.cmd == "" {
		if a.flag("help") {
			c.help("")
			return exitOK
		}
		return c.tui()
	}
	if a.flag("help") {
		c.help(a.cmd)
		return exitOK
	}
	cmd, ok := commands[a.cmd]
	if !ok {
		fmt.Fprintf(stderr, "没有“%s”这个命令。\n\n", a.cmd)
		c.help("")
		return exitRefuse
	}
	if err := a.check(cmd); err != nil {
		return c.fail(err)
	}
	return cmd.run(c)
}

// args is the parsed command line: flags may come before or after the
// subcommand and its arguments.
type args struct {
	cmd   string
	pos   []string
	flags map[string][]string
}

func (a *args) flag(name string) bool { _, ok := a.flags[name]; return ok }

func (a *args) value(name string) string {
	if v := a.flags[name]; len(v) > 0 {
		return v[len(v)-1]
	}
	return ""
}

// flagSpec: true = takes a value.
var flagSpec = map[string]bool{
	"db": true, "json": false, "org": true, "year": true, "format": true, "from": true,
	"o": true, "output": true, "force": false, "encoding": true, "fonts": true,
	"help": false, "h": false, "version": false, "theme": true, "all": false,
	"dry-run": false, "members": true, "refresh": true, "reason": true,
}

func parseArgs(in []string) (*args, error) {
	a := &args{flags: map[string][]string{}}
	for i := 0; i < len(in); i++ {
		s := in[i]
		if s == "--" {
			a.pos = append(a.pos, in[i+1:]...)
			break
		}
		if strings.HasPrefix(s, "-") && len(s) > 1 {
			name := strings.TrimLeft(s, "-")
			val, hasVal := "", false
			if k, v, ok := strings.Cut(name, "="); ok {
				name, val, hasVal = k, v, true
			}
			takes, known := flagSpec[name]
			if !known {
				return nil, usageErr("不认识的选项：%s（用 nianbao help 查看用法）", s)
			}
			switch name {
			case "h":
				name = "help"
			case "output":
				name = "o"
			}
			if takes && !hasVal {
				if i+1 >= len(in) {
					return nil, usageErr("选项 %s 需要一个值", s)
				}
				i++
				val = in[i]
			}
			a.flags[name] = append(a.flags[name], val)
			continue
		}
		if a.cmd == "" {
			a.cmd = s
		} else {
			a.pos = append(a.pos, s)
		}
	}
	if a.cmd == "help" {
		a.flags["help"] = nil
		a.cmd = ""
		if len(a.pos) > 0 {
			a.cmd, a.pos = a.pos[0], a.pos[1:]
		}
	}
	return a, nil
}

// check refuses flags a command does not take.
func (a *args) check(c command) error {
	for name := range a.flags {
		if name == "db" || name == "help" {
			continue
		}
		if !strings.Contains(" "+c.flags+" ", " "+name+" ") {
			return usageErr("命令 %s 没有选项 --%s（用 nianbao help %s 查看用法）", a.cmd, name, a.cmd)
		}
	}
	return nil
}
