package common

import (
	"nianbao/app"
	"nianbao/model"
)

// Doc is the report being edited, shared by the parts of the editor: the
// current values, what the rules read besides them (last year's report, a
// roll-up's members, the clerk's reviews), and the findings of the latest
// check.
type Doc struct {
	ID       int64
	R        *model.Report
	Prev     *model.Report
	ReadOnly bool

	// Rollup marks a roll-up report; Members are its members' figures as
	// read when it was opened (or last refreshed), Status their checks.
	Rollup  bool
	Members []model.Member
	Status  []app.MemberStatus
	// Dismissed are the findings the clerk reviewed, by finding id.
	Dismissed map[string]model.Dismissal

	Findings []model.Finding
	byKey    map[string][]int
}

// NewDoc wraps a report for editing and checks it.
func NewDoc(id int64, r, prev *model.Report) *Doc {
	return NewDocIn(id, r, model.Context{Prev: prev})
}

// NewDocIn wraps a report with what its rules read, and checks it.
func NewDocIn(id int64, r *model.Report, cx model.Context) *Doc {
	d := &Doc{ID: id, R: r, Prev: cx.Prev, Rollup: cx.Rollup, Members: cx.Members, Dismissed: cx.Dismissed}
	if d.Dismissed == nil {
		d.Dismissed = map[string]model.Dismissal{}
	}
	d.Recheck()
	return d
}

// Recheck runs every rule again; cheap enough for every keystroke (a
// roll-up of a hundred members included).
func (d *Doc) Recheck() {
	d.Findings = model.CheckIn(d.R, model.Context{Prev: d.Prev, Rollup: d.Rollup, Members: d.Members, Dismissed: d.Dismissed})
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
// reminder nor reviewed, if any.
func (d *Doc) Worst(key string) (model.Finding, bool) {
	for _, j := range d.byKey[key] {
		if f := d.Findings[j]; !IsBlankReminder(f) && !f.Dismissed {
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

// Counts are the findings the header counts: 错误, 警告 (blank cells and
// reviewed findings apart) and the cells not yet entered.
func (d *Doc) Counts() (errors, warnings, infos, blanks, dismissed int) {
	for _, f := range d.Findings {
		switch {
		case f.Dismissed:
			dismissed++
		case d.IsBlankCell(f):
			blanks++
		case f.Level == model.Error:
			errors++
		case f.Level == model.Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}
