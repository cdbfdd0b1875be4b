// Package platform keeps what differs between Windows and the other systems
// small: the console code page, free disk space, installed fonts and the
// rules of Windows paths. The decisions are plain functions, tested on
// Linux; the files with build tags only make the system calls.
package platform

import (
	"fmt"
	"sync"
)

// UTF8 is the console code page 65001.
const UTF8 = 65001

// CodePager is the console's output code page (GetConsoleOutputCP and
// SetConsoleOutputCP on Windows).
type CodePager interface {
	OutputCP() (uint32, error)
	SetOutputCP(cp uint32) error
}

// ConsoleState is what the program found and did at start.
type ConsoleState struct {
	Console  bool   // the process has a console
	Original uint32 // its output code page at start
	Switched bool   // the program set it to UTF-8 for its lifetime
	Err      error  // setting it failed
}

var (
	stateMu sync.Mutex
	state   ConsoleState
)

// Console reports the state recorded by the last SwitchToUTF8.
func Console() ConsoleState {
	stateMu.Lock()
	defer stateMu.Unlock()
	return state
}

// SwitchToUTF8 sets the console's output code page to UTF-8 so that text
// passed through pipes to console programs (more, findstr) and anything
// that writes bytes is read as UTF-8 on a console whose code page is 936.
// (Go's own writes to a console handle already go through WriteConsoleW.)
// It returns a restore function — safe to call more than once — that puts
// the original code page back, so the cmd.exe window the clerk typed in
// is left as it was.
func SwitchToUTF8(c CodePager) (restore func()) {
	s := ConsoleState{}
	restore = func() {}
	cp, err := c.OutputCP()
	if err != nil { // no console: output is a file or a pipe of a GUI parent
		setState(s)
		return restore
	}
	s.Console, s.Original = true, cp
	if cp != UTF8 {
		if err := c.SetOutputCP(UTF8); err != nil {
			s.Err = err
		} else {
			s.Switched = true
			var once sync.Once
			restore = func() { once.Do(func() { c.SetOutputCP(cp) }) }
		}
	}
	setState(s)
	return restore
}

func setState(s ConsoleState) {
	stateMu.Lock()
	state = s
	stateMu.Unlock()
}

// CodePageName names a code page a clerk or a helpdesk may meet.
func CodePageName(cp uint32) string {
	names := map[uint32]string{
		936: "简体中文 GBK", 54936: "GB18030", UTF8: "UTF-8", 950: "繁体中文 Big5",
		437: "美国英语", 850: "西欧", 1252: "西欧 Windows",
	}
	if n, ok := names[cp]; ok {
		return fmt.Sprintf("%d（%s）", cp, n)
	}
	return fmt.Sprint(cp)
}
