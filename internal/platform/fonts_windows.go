//go:build windows

package platform

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows/registry"
)

const fontsKey = `SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts`

// CheckFonts looks each official font up in the registry (fonts installed
// for all users and for this user) and in the Fonts folders.
func CheckFonts() []FontReport {
	var names, files []string
	for _, root := range []registry.Key{registry.LOCAL_MACHINE, registry.CURRENT_USER} {
		k, err := registry.OpenKey(root, fontsKey, registry.QUERY_VALUE)
		if err != nil {
			continue
		}
		n, _ := k.ReadValueNames(0)
		names = append(names, n...)
		k.Close()
	}
	for _, dir := range []string{
		filepath.Join(os.Getenv("WINDIR"), "Fonts"),
		filepath.Join(os.Getenv("LOCALAPPDATA"), "Microsoft", "Windows", "Fonts"),
	} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			files = append(files, e.Name())
		}
	}
	out := make([]FontReport, 0, len(OfficialFonts))
	for _, f := range OfficialFonts {
		out = append(out, windowsReport(f, names, files))
	}
	return out
}
