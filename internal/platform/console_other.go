//go:build !windows

package platform

// SetupConsole does nothing outside Windows: terminals there are UTF-8.
func SetupConsole() (restore func()) { return func() {} }
