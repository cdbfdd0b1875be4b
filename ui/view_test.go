package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/app"
	"nianbao/store"
	"nianbao/ui/common"
	"nianbao/ui/keys"
	"nianbao/ui/styles"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var clock = time.Date(2026, 1, 10, 9, 30, 0, 0, time.UTC)

// harness runs the root model without a terminal: commands are executed
// at once (timers are skipped), messages fed back to Update.
type harness struct {
	t *testing.T
	m *Model
	s *store.Store
}

func newHarness(t *testing.T, theme string, w, h int) *harness {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "ui.db"), store.Options{Mode: store.Write})
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return clock })
	t.Cleanup(func() { s.Close() })
	c := &common.Common{Styles: styles.New(theme), Keys: keys.Default(), App: app.NewService(s), Now: func() time.Time { return clock }}
	c.Clip.NoNative = true
	x := &harness{t: t, m: New(c), s: s}
	x.send(tea.WindowSizeMsg{Width: w, Height: h})
	x.do(x.m.Init())
	return x
}

func (x *harness) send(msg tea.Msg) {
	_, cmd := x.m.Update(msg)
	x.do(cmd)
}

// do runs a command and feeds its messages back; timers (saves after a
// pause in typing) are not waited for.
func (x *harness) do(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(300 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			x.do(c)
		}
	case tea.QuitMsg:
	default:
		x.send(msg)
	}
}

func (x *harness) key(keys ...string) {
	for _, k := range keys {
		x.send(keyMsg(k))
	}
}

func (x *harness) typeText(s string) {
	for _, r := range s {
		x.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
		"f7": tea.KeyF7, "f8": tea.KeyF8, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "backspace": tea.KeyBackspace,
		"delete": tea.KeyDelete, "home": tea.KeyHome, "end": tea.KeyEnd, "space": tea.KeySpace}
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(k, "ctrl+"):
			mod |= tea.ModCtrl
			k = k[5:]
			continue
		case strings.HasPrefix(k, "shift+"):
			mod |= tea.ModShift
			k = k[6:]
			continue
		case strings.HasPrefix(k, "alt+"):
			mod |= tea.ModAlt
			k = k[4:]
			continue
		}
		break
	}
	if c, ok := named[k]; ok {
		msg := tea.KeyPressMsg{Code: c, Mod: mod}
		if k == "space" && mod == 0 {
			msg.Text = " "
		}
		return msg
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Mod: mod}
}

func (x *harness) screen() string { return ansi.Strip(x.m.View().Content) }

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(got), 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from %s (run go test ./ui -update after checking):\n%s", name, path, got)
	}
}

// checkSize asserts the screen is exactly w×h: no line wider than the
// terminal, none missing.
func checkSize(t *testing.T, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d wide (> %d): %q", i, lw, w, l)
		}
	}
}

func TestGoldenViews(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		name := func(s string) string { return fmt.Sprintf("%s-%dx%d", s, w, h) }
		x := newHarness(t, styles.Default, w, h)
		s := x.screen()
		checkSize(t, s, w, h)
		golden(t, name("list"), s)

		x.key("enter")
		s = x.screen()
		checkSize(t, s, w, h)
		golden(t, name("editor-outline"), s)

		x.selectItem("s3")
		x.key("enter")
		s = x.screen()
		checkSize(t, s, w, h)
		golden(t, name("table3"), s)

		x.key("esc")
		x.selectItem("s4")
		x.key("enter")
		s = x.screen()
		checkSize(t, s, w, h)
		golden(t, name("table4"), s)
	}
}

// select moves the outline to an item with the arrow keys.
func (x *harness) selectItem(id string) {
	x.t.Helper()
	for i := 0; i < 60 && x.m.editor.Selected() != id; i++ {
		x.key("down")
	}
	if x.m.editor.Selected() != id {
		x.t.Fatalf("cannot reach %s", id)
	}
}
