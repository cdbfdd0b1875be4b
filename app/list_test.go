package app

import (
	"path/filepath"
	"testing"
)

// The list counts blank cells apart from warnings: a report made from last
// year's opens with its blanks to fill, not with "164 warnings".
func TestListCountsBlanksApart(t *testing.T) {
	a, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{Mode: Write})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	demo, err := a.Demo()
	if err != nil {
		t.Fatal(err)
	}
	next, _, err := a.NewReport(NewOptions{Year: 2025, From: demo})
	if err != nil {
		t.Fatal(err)
	}
	lines, err := a.List(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.ID != next {
			continue
		}
		// About 160 cells to fill (a 2021-format report carried from 2020),
		// and only the few real warnings of a new report.
		if l.Blanks < 150 || l.Warnings > 20 || l.Warnings+l.Blanks < 160 {
			t.Errorf("blanks %d, warnings %d", l.Blanks, l.Warnings)
		}
		return
	}
	t.Fatal("new report not listed")
}
