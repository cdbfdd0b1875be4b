package manual

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/app"
	"nianbao/model"
	"nianbao/store"
	"nianbao/ui"
	"nianbao/ui/common"
	"nianbao/ui/home"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

// The manual's screens are the real program's: the root model of the UI
// is driven with key presses as a clerk would press them, and its View is
// captured at 100×30 (the size the manual recommends).
const screenW, screenH = 100, 30

// The clock of the screens: early January, the weeks the report is written.
var clock = time.Date(2027, 1, 8, 9, 30, 0, 0, time.Local)

type session struct {
	t *testing.T
	m *ui.Model
	c *common.Common
}

func newSession(t *testing.T, w, h int) *session {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "manual.db"), store.Options{Mode: store.Write})
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return clock })
	t.Cleanup(func() { s.Close() })
	c := &common.Common{Styles: styles.New(styles.Default), Keys: keys.Default(), App: app.NewService(s),
		Now: func() time.Time { return clock }, ExportFolder: `D:\年报`}
	x := &session{t: t, m: ui.New(c), c: c}
	x.send(tea.WindowSizeMsg{Width: w, Height: h})
	x.do(x.m.Init())
	return x
}

func (x *session) send(msg tea.Msg) {
	_, cmd := x.m.Update(msg)
	x.do(cmd)
}

// do runs a command and feeds its messages back, as the Bubble Tea
// runtime would; timers (a save after a pause in typing) are not waited
// for.
func (x *session) do(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(500 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			x.do(c)
		}
	default:
		x.send(msg)
	}
}

var named = map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp,
	"down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "f1": tea.KeyF1, "f2": tea.KeyF2,
	"f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6, "f7": tea.KeyF7, "backspace": tea.KeyBackspace}

func (x *session) key(ks ...string) {
	x.t.Helper()
	for _, k := range ks {
		c, ok := named[k]
		if !ok {
			x.t.Fatalf("key %q", k)
		}
		x.send(tea.KeyPressMsg{Code: c})
	}
}

func (x *session) typeText(s string) {
	for _, r := range s {
		x.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the terminal as the clerk sees it, without colours and with
// trailing blanks trimmed (the manual's text blocks).
func (x *session) screen() string {
	content := savedAt.ReplaceAllString(ansi.Strip(x.m.View().Content), "已保存 09:31:05")
	lines := strings.Split(content, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// savedAt is the wall-clock time of the last save in the status line (the
// editor takes it from time.Now, not from the session's clock).
var savedAt = regexp.MustCompile(`已保存 \d\d:\d\d:\d\d`)

// captureScreens plays the manual's walk-through and returns its screens
// by name, in the order the manual shows them.
func captureScreens(t *testing.T) map[string]string {
	out := map[string]string{}
	x := newSession(t, screenW, screenH)
	out["home"] = x.screen()
	x.key("f1")
	out["help"] = x.screen()
	x.key("esc")
	x.key("f3")
	out["newfrom"] = x.screen()
	x.key("enter", "enter", "enter") // year → format → [创建]
	if strings.Contains(x.screen(), "请注意") {
		out["newfrom-notes"] = x.screen()
		x.key("enter")
	}
	if strings.Contains(x.screen(), "将正文中的") {
		out["newfrom-years"] = x.screen()
		x.key("enter")
	}
	out["editor"] = x.screen()
	x.send(common.Jump{Key: "s3.xinshou.ziranren", Offset: -1})
	x.typeText("12")
	x.key("enter")
	out["table3"] = x.screen()
	x.key("f7")
	out["checks"] = x.screen()
	x.key("esc")
	x.key("f5")
	out["export"] = x.screen()

	// A county office: the departments' reports of a folder at once, the
	// roll-up, a warning kept with a reason.
	county := newSession(t, screenW, screenH)
	county.key("f4")
	county.typeText(filepath.Join("..", "..", "importer", "testdata", "fixtures"))
	county.key("enter", "tab", "enter")
	out["import-folder"] = county.screen()
	county.key("enter")
	res, err := county.c.App.Rollup(app.RollupOptions{Org: "平潭综合实验区全区汇总", Year: 2022,
		Names: []string{"平潭综合实验区", "平潭综合实验区君山片区管理局", "平潭综合实验区农业农村局"}})
	if err != nil {
		t.Fatal(err)
	}
	county.send(home.ReloadMsg{})
	county.send(home.OpenMsg{ID: res.ID})
	county.key("enter")
	out["rollup"] = county.screen()
	// 检查结果: the first warning (after the 错误) is R11, kept with a reason.
	_, fs, _ := county.c.App.Check(res.ID)
	county.key("esc", "f7")
	for _, f := range fs {
		if f.Level == model.Error {
			county.key("down")
		}
	}
	county.key("f4")
	county.typeText("全区的问题和改进由区政务公开办另行撰写")
	out["dismiss"] = county.screen()

	small := newSession(t, 72, 20)
	out["small"] = small.screen()
	return out
}
