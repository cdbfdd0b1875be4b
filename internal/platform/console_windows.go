//go:build windows

package platform

import (
	"golang.org/x/sys/windows"
)

type winConsole struct{}

func (winConsole) OutputCP() (uint32, error)   { return windows.GetConsoleOutputCP() }
func (winConsole) SetOutputCP(cp uint32) error { return windows.SetConsoleOutputCP(cp) }

var setCtrlHandler = windows.NewLazySystemDLL("kernel32.dll").NewProc("SetConsoleCtrlHandler")

// SetupConsole switches the console to UTF-8 for the program's lifetime.
// The returned function restores it; it also runs when the clerk presses
// Ctrl+C or closes the window, before the default handling (the handler
// returns FALSE, so Go's own handling and any signal.Notify still apply).
func SetupConsole() (restore func()) {
	restore = SwitchToUTF8(winConsole{})
	if Console().Switched {
		cb := windows.NewCallback(func(ctrlType uint32) uintptr {
			restore()
			return 0
		})
		setCtrlHandler.Call(cb, 1)
	}
	return restore
}
