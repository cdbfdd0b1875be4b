package styles

import (
	"testing"

	"charm.land/lipgloss/v2"
)

// Each paint is the style it is named after: P.Error was assigned twice,
// from CellError and then from Error, so CellError had no effect.
func TestPaintsFollowTheirStyles(t *testing.T) {
	for _, theme := range []string{Default, ASCII} {
		s := New(theme)
		for name, pair := range map[string]struct {
			p  Paint
			st lipgloss.Style
		}{"CellError": {s.P.CellError, s.CellError}, "Error": {s.P.Error, s.Error}, "Bad": {s.P.Bad, s.CellBad}, "Warning": {s.P.Warning, s.Warning}} {
			if got, want := pair.p.Render("错"), PaintOf(pair.st).Render("错"); got != want {
				t.Errorf("%s %s: %q, want %q", theme, name, got, want)
			}
		}
	}
}
