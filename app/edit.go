package app

import (
	"nianbao/model"
)

// Operations that change much of a report at once (replace across every
// text, blank cells filled with 0) and the history versions that make any
// slip recoverable: each takes a version of the report before it changes.

// Reasons recorded in the history.
const (
	ReasonBeforeReplace = "替换前"
	ReasonBeforeZeros   = "填 0 前"
	ReasonBeforeRemove  = "删除部分前"
	ReasonBeforeRefresh = "重新汇总前"
	ReasonWhileEditing  = "编辑中"
)

// Replace replaces old by repl in every text of a report and returns the
// places (key and context). With dryRun it changes nothing. No place found
// is a refusal (the CLI exits 2).
func (a *Service) Replace(id int64, old, repl string, dryRun bool) ([]model.TextHit, error) {
	if old == "" {
		return nil, usage("要替换的文字不能为空")
	}
	r, err := a.Load(id)
	if err != nil {
		return nil, err
	}
	hits := model.FindText(r, old)
	if len(hits) == 0 {
		return nil, usage("报告 %d 的文字中没有“%s”", id, old)
	}
	if dryRun {
		return hits, nil
	}
	after := r.Clone()
	if _, err := model.ReplaceText(after, old, repl, hits); err != nil {
		return nil, usage("%s", err.Error())
	}
	return hits, a.SaveWithVersion(id, r, r, after, ReasonBeforeReplace)
}

// FillZeros enters 0 in every blank cell of the named tables ("s2", "s3",
// "s4" or a 表二 item such as "s2.a20_1"; all tables when none is named) and
// returns how many cells it filled.
func (a *Service) FillZeros(id int64, tables []string) (int, error) {
	r, err := a.Load(id)
	if err != nil {
		return 0, err
	}
	after := r.Clone()
	n, err := model.FillZeros(after, tables...)
	if err != nil {
		return 0, usage("%s", err.Error())
	}
	if n == 0 {
		return 0, nil
	}
	return n, a.SaveWithVersion(id, r, r, after, ReasonBeforeZeros)
}

// Snapshot records the report as stored now in its history.
func (a *Service) Snapshot(id int64, reason string) error { return a.st.Snapshot(id, reason) }

// SaveWithVersion saves an editing state (saved → before), records it as a
// history version, then saves the change made from it (before → after), so
// that the version holds everything typed up to the moment of a large
// change (delete a part, replace all, fill zeros).
func (a *Service) SaveWithVersion(id int64, saved, before, after *model.Report, reason string) error {
	if err := a.Save(id, saved, before); err != nil {
		return err
	}
	if err := a.st.Snapshot(id, reason); err != nil {
		return err
	}
	return a.Save(id, before, after)
}
