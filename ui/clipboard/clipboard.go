// Package clipboard is the program's clipboard for copy, cut and paste
// (Ctrl+C, Ctrl+X, Ctrl+V). A copy goes three ways: to the terminal by OSC
// 52 (Bubble Tea's SetClipboard; Windows Terminal and most modern terminals
// take it), to the system clipboard through github.com/atotto/clipboard
// (the Win32 API on Windows; xclip, xsel or wl-clipboard on Linux), and to
// an internal copy, so that copy and paste inside the program always work.
// A paste reads the system clipboard where it can (text copied in Word or a
// browser), else the internal copy. A failing system clipboard means "no
// native clipboard", never a failed copy.
//
// The system clipboard is used from one goroutine, in the order of the
// clerk's keys, so that a paste right after a copy never reads the text
// from before it.
package clipboard

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	native "github.com/atotto/clipboard"
)

// Board is the clipboard; its zero value is ready to use.
type Board struct {
	mu       sync.Mutex
	text     string // the internal copy
	jobs     chan func()
	start    sync.Once
	NoNative bool // tests: the internal copy only
}

// timeout bounds a call to the system clipboard (an external program on
// Linux) so that a hung helper never blocks a paste.
const timeout = time.Second

func (b *Board) run(job func()) {
	b.start.Do(func() {
		b.jobs = make(chan func(), 64)
		go func() {
			for j := range b.jobs {
				j()
			}
		}()
	})
	b.jobs <- job
}

// Text is the internal copy.
func (b *Board) Text() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.text
}

// Copy puts text on the clipboard; the returned command writes it to the
// terminal and the system clipboard.
func (b *Board) Copy(s string) tea.Cmd {
	if s == "" {
		return nil
	}
	b.mu.Lock()
	b.text = s
	b.mu.Unlock()
	if b.NoNative {
		return nil
	}
	done := make(chan struct{})
	b.run(func() {
		defer close(done)
		callWithTimeout(func() { native.WriteAll(s) })
	})
	return tea.Batch(tea.SetClipboard(s), func() tea.Msg { <-done; return nil })
}

// Paste returns a command that delivers the clipboard's text as a paste
// (tea.PasteMsg), handled where a terminal paste is.
func (b *Board) Paste() tea.Cmd {
	if b.NoNative {
		s := b.Text()
		return func() tea.Msg { return tea.PasteMsg{Content: s} }
	}
	res := make(chan string, 1)
	b.run(func() {
		got := make(chan string, 1)
		go func() {
			t, err := native.ReadAll()
			if err != nil {
				t = ""
			}
			got <- t
		}()
		select {
		case s := <-got:
			res <- s
		case <-time.After(timeout):
			res <- ""
		}
	})
	return func() tea.Msg {
		s := <-res
		if s == "" {
			s = b.Text()
		}
		if s == "" {
			return nil
		}
		return tea.PasteMsg{Content: s}
	}
}

func callWithTimeout(f func()) {
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(timeout):
	}
}
