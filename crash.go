package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// exitInternal is the exit code of an internal error (a bug): a Chinese
// message on stderr and the details in a log file.
const exitInternal = 3

// crashed reports a recovered panic: the stack goes to a log file next to
// the database (else in the temporary folder), the clerk gets a short
// Chinese message saying where it is and that saved work is safe.
func (c *cli) crashed(p any, stack []byte) int {
	log := c.writeCrashLog(fmt.Sprint(p), stack)
	msg := "nianbao: 程序内部出错，操作没有完成（已保存的内容不会丢失）。"
	if log != "" {
		msg += "错误详情已写入 " + log + "，请把这个文件发给技术支持。"
	}
	fmt.Fprintln(c.stderr, msg)
	return exitInternal
}

func (c *cli) writeCrashLog(what string, stack []byte) string {
	name := "nianbao-内部错误-" + time.Now().Format("20060102-150405") + ".log"
	var dirs []string
	if c.args != nil {
		if p, err := c.dbPath(); err == nil {
			dirs = append(dirs, filepath.Dir(p))
		}
	}
	dirs = append(dirs, os.TempDir())
	for _, dir := range dirs {
		path, err := filepath.Abs(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			continue
		}
		var args []string
		if c.args != nil {
			args = append([]string{c.args.cmd}, c.args.pos...)
		}
		fmt.Fprintf(f, "nianbao %s  %s\n命令：%q\n\npanic: %s\n\n%s", version, time.Now().Format(time.RFC3339), args, what, stack)
		if f.Close() == nil {
			return path
		}
	}
	return ""
}

// recovering runs f, turning a panic into exit code 3.
func (c *cli) recovering(f func() int) (code int) {
	defer func() {
		if p := recover(); p != nil {
			code = c.crashed(p, debug.Stack())
		}
	}()
	return f()
}

// catchStderr points os.Stderr at a temporary file (what the TUI's
// framework prints there on a panic would vanish with the screen) until
// restore, which gives back what was written.
func catchStderr() func() []byte {
	saved := os.Stderr
	f, err := os.CreateTemp("", "nianbao-stderr-*")
	if err != nil {
		return func() []byte { return nil }
	}
	os.Stderr = f
	return func() []byte {
		os.Stderr = saved
		f.Seek(0, 0)
		b, _ := io.ReadAll(io.LimitReader(f, 1<<20))
		f.Close()
		os.Remove(f.Name())
		return b
	}
}
