package ui

import (
	"os"
	"runtime"

	"github.com/mattn/go-runewidth"

	"nianbao/ui/styles"
)

func init() {
	// Measure ambiguous-width characters (“” — …) as one column everywhere,
	// as lipgloss does, whatever the locale says (docs/architecture.md, 值得知道的决定).
	runewidth.DefaultCondition.EastAsianWidth = false
}

// AutoTheme picks the ASCII theme on a classic Windows console, which
// draws box drawing and other ambiguous characters two columns wide.
func AutoTheme() string {
	if runtime.GOOS == "windows" && os.Getenv("WT_SESSION") == "" && os.Getenv("TERM_PROGRAM") == "" {
		return styles.ASCII
	}
	return styles.Default
}
