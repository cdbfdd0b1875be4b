//go:build !windows

package platform

import (
	"context"
	"os/exec"
	"time"
)

// CheckFonts asks fontconfig: a font is installed when fc-list finds a font
// of that family (by any of its names); fc-match names what LibreOffice
// and other programs use in its place.
func CheckFonts() []FontReport {
	out := make([]FontReport, 0, len(OfficialFonts))
	list, err1 := exec.LookPath("fc-list")
	match, err2 := exec.LookPath("fc-match")
	for _, f := range OfficialFonts {
		r := FontReport{Font: f}
		if err1 != nil || err2 != nil {
			r.Err = ErrNoFontconfig
			out = append(out, r)
			continue
		}
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			if fc(list, "-q", ":family="+n) == nil {
				r.Installed = true
				break
			}
		}
		if !r.Installed {
			r.Substitute = substitute(match, f.Name)
		}
		out = append(out, r)
	}
	return out
}

func fc(prog string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, prog, args...).Run()
}

// substitute is fontconfig's first choice for a family name.
func substitute(match, name string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := exec.CommandContext(ctx, match, "-f", "%{family}", name).Output()
	if err != nil {
		return ""
	}
	return FirstFamily(string(b))
}
