package editor

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/outline"
)

// The report-wide undo: each committed change is one step (a cell, a
// field left, a replacement across the report, blank cells filled with 0,
// a part removed), undone by restoring the entries it changed.

// step is one report-wide undo step: the entries it changed.
type step struct {
	label         string
	before, after map[string]string // absent key = blank
	keys          []string
	item          string // where it happened
}

const maxSteps = 100

// edited follows up on a change made by the page: re-check, redraw the
// outline and marks, save now or after a pause in typing.
func (e *Editor) edited(commit bool) tea.Cmd {
	e.notice = ""
	e.unsaved = true
	e.doc.Recheck()
	e.outline.Refresh()
	e.pane.Refresh()
	if strings.HasSuffix(e.item.ID, ".heading") || e.item.Kind == outline.KindPartProse || e.item.Kind == outline.KindMeta {
		e.outline.Rebuild() // a part's heading or the agency may have changed
	}
	if commit {
		e.checkpoint("")
		return e.saveNow()
	}
	return e.saveLater()
}

// checkpoint records what changed since the last step as one undo step.
func (e *Editor) checkpoint(label string) {
	cur := e.doc.R.Entries()
	ch := model.Diff(e.mark, cur)
	if len(ch) == 0 {
		return
	}
	s := step{label: label, before: map[string]string{}, after: map[string]string{}, item: e.item.ID}
	for _, c := range ch {
		s.keys = append(s.keys, c.Key)
		if v, ok := e.mark[c.Key]; ok {
			s.before[c.Key] = v
		}
		if v, ok := cur[c.Key]; ok {
			s.after[c.Key] = v
		}
	}
	if s.label == "" {
		s.label = "修改" + e.doc.R.KeyLabel(s.keys[0])
		if len(s.keys) > 1 {
			s.label = fmt.Sprintf("修改 %d 项", len(s.keys))
		}
	}
	e.undo = append(e.undo, s)
	if len(e.undo) > maxSteps {
		e.undo = e.undo[1:]
	}
	e.redo = nil
	e.mark = cur
}

// bulk performs a change of much of the report as one undo step, with a
// history version of the report before it.
func (e *Editor) bulk(label, reason string, change func(*model.Report) (string, error)) tea.Cmd {
	if e.doc.ReadOnly {
		e.notice = common.ReadOnlyNotice
		return nil
	}
	e.pane.Commit()
	e.checkpoint("")
	before := e.doc.R.Clone()
	note, err := change(e.doc.R)
	if err != nil {
		*e.doc.R = *before
		e.notice, e.noticeEr = err.Error(), true
		return nil
	}
	if e.versionAt == nil {
		e.versionAt, e.versionReason = before, reason
	}
	e.checkpoint(label)
	e.reportChanged()
	e.notice, e.noticeEr = note, false
	return e.saveNow()
}

// reportChanged redraws everything after the report changed outside the
// page (a bulk change, an undo).
func (e *Editor) reportChanged() {
	e.unsaved = true
	e.doc.Recheck()
	id := e.item.ID
	e.outline.Rebuild()
	if e.outline.Selected().ID != id {
		focus := e.focus
		e.show()
		e.setFocus(focus)
	} else {
		e.pane.Reload()
		e.pane.Refresh()
	}
	e.layout()
}

// undoStep undoes (or redoes) the last report-wide step. A key changed
// again since the step is left as it is.
func (e *Editor) undoStep(redo bool) tea.Cmd {
	if e.doc.ReadOnly {
		e.notice = common.ReadOnlyNotice
		return nil
	}
	e.pane.Commit()
	e.checkpoint("")
	from, to := &e.undo, &e.redo
	if redo {
		from, to = &e.redo, &e.undo
	}
	if len(*from) == 0 {
		if redo {
			e.notice = "没有可以重做的修改"
		} else {
			e.notice = "没有可以撤销的修改"
		}
		return nil
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	want, was := s.before, s.after
	if redo {
		want, was = s.after, s.before
	}
	cur := e.doc.R.Entries()
	skipped := 0
	for _, k := range s.keys {
		now, okNow := cur[k]
		then, okThen := was[k]
		if okNow != okThen || now != then {
			skipped++
			continue
		}
		if v, ok := want[k]; ok {
			cur[k] = v
		} else {
			delete(cur, k)
		}
	}
	r, _ := model.FromEntries(e.doc.R.Format, e.doc.R.Year, cur)
	*e.doc.R = *r
	e.mark = e.doc.R.Entries()
	*to = append(*to, s)
	if s.item != "" && s.item != e.item.ID && e.outline.SelectID(s.item) {
		focus := e.focus
		e.show()
		e.setFocus(focus)
	}
	e.reportChanged()
	what := "已撤销：" + s.label
	if redo {
		what = "已重做：" + s.label
	}
	if skipped > 0 {
		what += fmt.Sprintf("（其中 %d 项之后又改过，保留现在的内容）", skipped)
	}
	e.notice = what + "（Ctrl+Z 撤销，Ctrl+Y 重做）"
	return e.saveNow()
}

func (e *Editor) structureChanged(label string) tea.Cmd {
	e.checkpoint(label)
	e.reportChanged()
	return e.saveNow()
}
