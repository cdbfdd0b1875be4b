package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmux drives the real program in a terminal, as a clerk would.
type tmux struct {
	t      *testing.T
	socket string
	name   string
}

func newTmux(t *testing.T, w, h int, command string) *tmux {
	t.Helper()
	x := &tmux{t: t, socket: fmt.Sprintf("nianbao-e2e-%d", os.Getpid()), name: "e2e"}
	x.run("new-session", "-d", "-s", x.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), command)
	x.run("set-option", "-t", x.name, "remain-on-exit", "on")
	t.Cleanup(func() { exec.Command("tmux", "-L", x.socket, "kill-server").Run() })
	return x
}

func (x *tmux) run(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", x.socket}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %v: %v %s", args, err, out)
	}
	return string(out)
}

// keys sends named keys one by one, with a pause so that Esc is not read
// as the start of an escape sequence.
func (x *tmux) keys(keys ...string) {
	for _, k := range keys {
		x.run("send-keys", "-t", x.name, k)
		time.Sleep(60 * time.Millisecond)
	}
}

// text types literal text (Chinese included).
func (x *tmux) text(s string) {
	x.run("send-keys", "-t", x.name, "-l", s)
	time.Sleep(100 * time.Millisecond)
}

func (x *tmux) screen() string { return x.run("capture-pane", "-p", "-t", x.name) }

// waitFor waits until the screen shows all of want.
func (x *tmux) waitFor(want ...string) string {
	x.t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	for {
		s := x.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("screen does not show %q:\n%s", want, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (x *tmux) dead() bool {
	return strings.TrimSpace(x.run("display-message", "-p", "-t", x.name, "#{pane_dead}")) == "1"
}

// TestEndToEndInTmux: a fresh database, a 2025 report made from the demo,
// Chinese prose in 一, numbers in 表三 with totals and a rule message that
// change on screen, quit, start again, and everything is there.
func TestEndToEndInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed (.ci/run installs it)")
	}
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v %s", err, out)
	}
	db := filepath.Join(dir, "e2e.db")
	cmd := fmt.Sprintf("env LANG=zh_CN.UTF-8 %s --db %s", bin, db)

	x := newTmux(t, 100, 30, cmd)
	x.waitFor("欢迎使用", "平罗县司法局", "2020")

	// F3: this year's report from the selected (demo) report.
	x.keys("F3")
	x.waitFor("由已有报告新建下一年度报告", "2021")
	x.keys("BSpace", "BSpace", "BSpace", "BSpace")
	x.text("2025")
	x.keys("Tab", "Tab", "Enter")
	x.waitFor("请注意") // 2020 (2019 format) → 2025 (2021 format): what could not be carried
	x.keys("Enter")
	// Then the offer to bring last year's dates up to date (R16).
	x.waitFor("将正文中的“2020年”改为“2025年”（共 4 处）", "[x] 导语", "[ ] 导语")
	x.keys("Enter")
	x.waitFor("平罗县司法局 2025 年度报告", "2021 版格式", "已把 3 处“2020年”改为“2025年”")

	// 一（一）主动公开: Chinese prose.
	x.keys("Down", "Down", "Enter", "Tab")
	x.text("本年度主动公开政府信息一百二十条，")
	x.text("全部及时上网。")
	x.waitFor("本年度主动公开政府信息一百二十条，全部及时上网。")
	x.keys("Escape")

	// 三: numbers, totals, the R1 message.
	x.keys("C-PgDn")
	for i := 0; !strings.Contains(x.screen(), "│表三"); i++ { // the page title, right of the outline
		x.keys("Down")
		if x.dead() || i > 30 {
			t.Fatalf("表三 not reached:\n%s", x.screen())
		}
	}
	x.keys("Enter")
	x.waitFor("一、本年新收")
	x.text("5")
	x.keys("Enter", "Down") // 上年结转 (carried: 0) → （一）予以公开
	x.text("3")
	x.keys("Enter")
	s := x.waitFor("错误 1")
	if !strings.Contains(s, "5") {
		t.Errorf("total not shown:\n%s", s)
	}
	x.keys("F7")
	x.waitFor("R1", "本年新收 5 + 上年结转 0 = 5，办理结果总计 3")
	x.keys("Escape")
	time.Sleep(200 * time.Millisecond)
	for i := 0; !strings.Contains(x.screen(), "│表三"); i++ { // back up to 三
		x.keys("Up")
		if i > 30 {
			t.Fatalf("表三 not reached:\n%s", x.screen())
		}
	}
	x.keys("Enter", "Down", "Down", "Down") // （二）部分公开
	x.text("2")
	x.keys("Enter")
	x.waitFor("错误 0")

	x.keys("C-q")
	deadline := time.Now().Add(5 * time.Second)
	for !x.dead() {
		if time.Now().After(deadline) {
			t.Fatalf("did not quit:\n%s", x.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}

	// Start again: everything is there.
	x.run("respawn-pane", "-t", x.name, cmd)
	x.waitFor("平罗县司法局", "2025")
	out, err := exec.Command(bin, "--db", db, "get", "2", "s3.xinshou.ziranren", "s3.r1.ziranren", "s3.r2.ziranren", "s1.parts.zhudong.text").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"s3.xinshou.ziranren = 5", "s3.r1.ziranren = 3", "s3.r2.ziranren = 2", "本年度主动公开政府信息一百二十条，全部及时上网。"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("after restart: %s missing in\n%s", want, out)
		}
	}
	x.keys("Enter")
	x.waitFor("平罗县司法局 2025 年度报告")
	x.keys("Down", "Down")
	x.waitFor("本年度主动公开政府信息一百二十条")
}
