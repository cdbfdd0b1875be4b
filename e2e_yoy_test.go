//go:build !windows

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The year-over-year editing of issue 10, driven through the real program
// in tmux as a clerk would: each test on a tmux server of its own.

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// e2eBinary builds the program once for the tests of this run.
func e2eBinary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed (.ci/run installs it)")
	}
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nianbao-e2e-bin")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "nianbao")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v %s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// session starts the program on a database in a tmux server named after
// the test.
func session(t *testing.T, bin, db string, w, h int) *tmux {
	t.Helper()
	name := regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "-")
	x := &tmux{t: t, socket: fmt.Sprintf("nianbao-%s-%d", name, os.Getpid()), name: "e2e"}
	cmd := fmt.Sprintf("env LANG=zh_CN.UTF-8 %s --db %s", bin, db)
	x.run("new-session", "-d", "-s", x.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmd)
	x.run("set-option", "-t", x.name, "remain-on-exit", "on")
	t.Cleanup(func() { exec.Command("tmux", "-L", x.socket, "kill-server").Run() })
	return x
}

func runCLI(t *testing.T, bin, db string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, append([]string{"--db", db}, args...)...).Output()
	if err != nil {
		t.Fatalf("nianbao %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

func (x *tmux) waitDead() {
	x.t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	for !x.dead() {
		if time.Now().After(deadline) {
			x.t.Fatalf("did not end:\n%s", x.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// openLead opens the demo report on its 导语, the caret in the text.
func openLead(x *tmux) {
	x.waitFor("欢迎使用", "平罗县司法局")
	x.keys("Enter")
	x.waitFor("标题、前言与联系方式")
	x.keys("Down", "Enter")
	x.waitFor("一、总体情况 导语")
}

// Shift+→ selects a sentence, Ctrl+X cuts it, Ctrl+V pastes it elsewhere;
// Ctrl+C in the editor copies and does not quit.
func TestTmuxSelectCutPaste(t *testing.T) {
	bin := e2eBinary(t)
	db := filepath.Join(t.TempDir(), "t.db")
	x := session(t, bin, db, 100, 30)
	openLead(x)
	x.keys("C-Home")
	for i := 0; i < len([]rune("2020年以来，")); i++ {
		x.keys("S-Right")
	}
	x.keys("C-c")
	x.waitFor("已复制 8 个字")
	if x.dead() {
		t.Fatal("Ctrl+C quit the program")
	}
	x.keys("C-x")
	x.waitFor("我局深学笃用习近平")
	x.keys("C-End")
	x.keys("C-v")
	x.text("完。")
	x.waitFor("2020年以来，完。")
	x.keys("C-q")
	x.waitDead()
	lead := runCLI(t, bin, db, "get", "1", "s1.lead")
	if !strings.HasPrefix(lead, "我局深学笃用") || !strings.HasSuffix(lead, "2020年以来，完。") {
		t.Errorf("lead after cut and paste: %q … %q", lead[:30], lead[len(lead)-30:])
	}
}

// Ctrl+C with nothing selected says how to quit and does not quit.
func TestTmuxCtrlCDoesNotQuit(t *testing.T) {
	bin := e2eBinary(t)
	db := filepath.Join(t.TempDir(), "t.db")
	x := session(t, bin, db, 80, 24)
	openLead(x)
	x.text("测试复制键")
	x.keys("C-c")
	time.Sleep(time.Second)
	if x.dead() {
		t.Fatal("Ctrl+C quit the program")
	}
	x.waitFor("按 Ctrl+Q 退出")
	x.keys("Escape", "Escape")
	x.waitFor("编号")
	x.keys("C-c")
	time.Sleep(500 * time.Millisecond)
	if x.dead() {
		t.Fatal("Ctrl+C on the list quit the program")
	}
	x.keys("C-q")
	x.waitDead()
	if lead := runCLI(t, bin, db, "get", "1", "s1.lead"); !strings.Contains(lead, "测试复制键") {
		t.Errorf("typed text not saved: %q", lead[:40])
	}
}

// Replace all 2020年 by 2025年, then one Ctrl+Z restores every place.
func TestTmuxReplaceAllThenUndo(t *testing.T) {
	bin := e2eBinary(t)
	db := filepath.Join(t.TempDir(), "t.db")
	x := session(t, bin, db, 100, 30)
	x.waitFor("欢迎使用")
	x.keys("Enter")
	x.waitFor("标题、前言与联系方式")
	x.keys("C-h")
	x.waitFor("查找替换")
	x.text("2020年")
	x.keys("Tab")
	x.text("2025年")
	x.keys("Tab", "Tab", "Tab") // list, 替换选中的, 全部替换
	x.waitFor("共 9 处")
	x.keys("Enter")
	x.waitFor("已把 9 处“2020年”改为“2025年”")
	time.Sleep(300 * time.Millisecond)
	if out, err := exec.Command(bin, "--db", db, "replace", "1", "2020年", "x", "--dry-run").CombinedOutput(); err == nil {
		t.Errorf("2020年 left after replacing all: %s", out)
	}
	x.keys("C-z")
	x.waitFor("已撤销：替换 9 处")
	time.Sleep(300 * time.Millisecond)
	x.keys("C-q")
	x.waitDead()
	if got := runCLI(t, bin, db, "get", "1", "s1.lead", "s1.parts.yishenqing.text", "meta.period"); strings.Contains(got, "2025年") || strings.Count(got, "2020年") < 4 {
		t.Errorf("one undo restores every place:\n%s", got)
	}
}

// A 7-digit number is shown whole in its cell and in its totals, at 100
// and at 80 columns (where the table scrolls).
func TestTmuxSevenDigitNumber(t *testing.T) {
	bin := e2eBinary(t)
	for _, size := range [][2]int{{100, 30}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) { sevenDigits(t, bin, size[0], size[1]) })
	}
}

func sevenDigits(t *testing.T, bin string, w, h int) {
	size := [2]int{w, h}
	{
		db := filepath.Join(t.TempDir(), "t.db")
		id := runCLI(t, bin, db, "demo")
		runCLI(t, bin, db, "set", id, "s3.xinshou.ziranren=1234567")
		total := runCLI(t, bin, db, "get", id, "s3.xinshou.zongji")
		x := session(t, bin, db, size[0], size[1])
		x.waitFor("平罗县司法局")
		x.keys("Enter")
		x.waitFor("标题、前言与联系方式")
		for i := 0; i < 13; i++ {
			x.keys("Down")
		}
		x.keys("Enter")
		x.waitFor("1234567")
		x.keys("End") // the 总计 column
		s := x.waitFor(total)
		if !strings.Contains(s, "1234567") {
			t.Errorf("%dx%d: the number is cut:\n%s", size[0], size[1], s)
		}
		x.keys("C-q")
		x.waitDead()
	}
}

// Closing the terminal (SIGHUP) right after typing: the text is saved.
func TestTmuxSIGHUPSavesTyping(t *testing.T) {
	bin := e2eBinary(t)
	db := filepath.Join(t.TempDir(), "t.db")
	x := session(t, bin, db, 100, 30)
	openLead(x)
	pid := 0
	fmt.Sscan(strings.TrimSpace(x.run("display-message", "-p", "-t", x.name, "#{pane_pid}")), &pid)
	x.run("send-keys", "-t", x.name, "-l", "挂断前最后输入的文字")
	time.Sleep(150 * time.Millisecond) // well inside the pause before an autosave
	if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	x.waitDead()
	if lead := runCLI(t, bin, db, "get", "1", "s1.lead"); !strings.Contains(lead, "挂断前最后输入的文字") {
		t.Errorf("typing lost on SIGHUP: %q", lead[len(lead)-40:])
	}
	// The same for a cell being edited and SIGTERM.
	x.run("respawn-pane", "-t", x.name, fmt.Sprintf("env LANG=zh_CN.UTF-8 %s --db %s", bin, db))
	x.waitFor("平罗县司法局")
	x.keys("Enter")
	x.waitFor("标题、前言与联系方式")
	for i := 0; i < 13; i++ {
		x.keys("Down")
	}
	x.keys("Enter")
	x.waitFor("一、本年新收")
	fmt.Sscan(strings.TrimSpace(x.run("display-message", "-p", "-t", x.name, "#{pane_pid}")), &pid)
	x.run("send-keys", "-t", x.name, "-l", "86")
	time.Sleep(150 * time.Millisecond)
	syscall.Kill(pid, syscall.SIGTERM)
	x.waitDead()
	if v := runCLI(t, bin, db, "get", "1", "s3.xinshou.ziranren"); v != "86" {
		t.Errorf("the cell being edited is lost on SIGTERM: %q", v)
	}
}
