package common

import "nianbao/model"

// Doc is the report being edited, shared by the parts of the editor: the
// current values, last year's report for the cross-year rules, and the
// findings of the latest check.
type Doc struct {
	ID       int64
	R        *model.Report
	Prev     *model.Report
	ReadOnly bool

	Findings []model.Finding
	byKey    map[string][]int
}

// NewDoc wraps a report for editing and checks it.
func NewDoc(id int64, r, prev *model.Report) *Doc {
	d := &Doc{ID: id, R: r, Prev: prev}
	d.Recheck()
	return d
}

// Recheck runs every rule again; cheap enough for every keystroke.
func (d *Doc) Recheck() {
	d.Findings = model.Check(d.R, d.Prev)
	d.byKey = make(map[string][]int, len(d.Findings))
	for i, f := range d.Findings {
		d.byKey[f.Key] = append(d.byKey[f.Key], i)
	}
}

// At returns the findings for a key, most serious first.
func (d *Doc) At(key string) []model.Finding {
	idx := d.byKey[key]
	out := make([]model.Finding, len(idx))
	for i, j := range idx {
		out[i] = d.Findings[j]
	}
	return out
}

// Worst returns the most serious finding at a key that is not a blank-cell
// reminder, if any.
func (d *Doc) Worst(key string) (model.Finding, bool) {
	for _, j := range d.byKey[key] {
		if f := d.Findings[j]; !IsBlankReminder(f) {
			return f, true
		}
	}
	return model.Finding{}, false
}

// IsBlankReminder tells the R5 "not yet entered" warning, which the grid
// shows as a dot rather than as an error.
func IsBlankReminder(f model.Finding) bool { return f.IsBlank() }

// IsBlankCell tells the R5 warning of a table cell not yet entered: these
// are counted per table ("表三 未填 150 格"), not one warning each.
func (d *Doc) IsBlankCell(f model.Finding) bool {
	if !f.IsBlank() {
		return false
	}
	_, ok := d.R.Format.Cell(f.Key)
	return ok
}
