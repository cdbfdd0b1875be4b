package editor

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
)

// A roll-up's members and the clerk's reviews reach the editor as
// messages: the app reads and writes, the editor recomputes the findings.
type (
	// MembersMsg carries a roll-up's members as they are now and their
	// checks; Refresh: then set the sums to their figures (one undo step).
	MembersMsg struct {
		ID      int64
		Members []model.Member
		Status  []app.MemberStatus
		Refresh bool
		Err     error
	}
	// AskDismiss asks the app for the reason of a review.
	AskDismiss struct {
		ID      int64
		Finding model.Finding
	}
	// DismissFinding records a review (Undo: removes it).
	DismissFinding struct {
		ID      int64
		Finding string
		Reason  string
		Undo    bool
	}
	// DismissedMsg reports a recorded (or removed) review.
	DismissedMsg struct {
		ID      int64
		Finding string
		Review  model.Dismissal
		Undo    bool
		Err     error
	}
)

// members takes a roll-up's members as they are now; with Refresh the
// tables become their sums (the generated sentences follow where the
// clerk left them as generated).
func (e *Editor) members(msg MembersMsg) tea.Cmd {
	if msg.ID != e.doc.ID {
		return nil
	}
	if msg.Err != nil {
		e.notice, e.noticeEr = msg.Err.Error(), true
		return nil
	}
	e.doc.Members, e.doc.Status = msg.Members, msg.Status
	if !msg.Refresh {
		e.doc.Recheck()
		e.outline.Rebuild()
		e.pane.Refresh()
		return nil
	}
	if err := model.CheckMembers(e.doc.R.Format, e.doc.R.Year, msg.Members); err != nil {
		e.notice, e.noticeEr = err.Error(), true
		return nil
	}
	return e.bulk("重新汇总", app.ReasonBeforeRefresh, func(r *model.Report) (string, error) {
		before := r.Clone()
		n, _ := model.Resum(r, msg.Members)
		kept := model.RefreshProse(before, r)
		note := fmt.Sprintf("已按 %d 个成员现在的数字重新汇总，%d 格有变化；按 Ctrl+Z 可以撤销", model.Present(msg.Members), n)
		if n == 0 {
			note = "各格已经等于成员之和，没有变化"
		}
		if len(kept) > 0 {
			note += fmt.Sprintf("；%d 段改写过的文字没有重新生成，请核对其中的数字", len(kept))
		}
		return note, nil
	})
}

// askDismiss starts a review of the selected finding, or counts a
// reviewed one again.
func (e *Editor) askDismiss(f model.Finding) tea.Cmd {
	if e.doc.ReadOnly {
		e.notice, e.noticeEr = common.ReadOnlyNotice, true
		return nil
	}
	if f.Dismissed {
		id, fid := e.doc.ID, f.ID
		return func() tea.Msg { return DismissFinding{ID: id, Finding: fid, Undo: true} }
	}
	if err := model.CanDismiss(f); err != nil {
		e.notice, e.noticeEr = err.Error(), true
		return nil
	}
	id := e.doc.ID
	return func() tea.Msg { return AskDismiss{ID: id, Finding: f} }
}

// dismissed takes a recorded review into the findings.
func (e *Editor) dismissed(msg DismissedMsg) tea.Cmd {
	if msg.ID != e.doc.ID {
		return nil
	}
	if msg.Err != nil {
		e.notice, e.noticeEr = msg.Err.Error(), true
		return nil
	}
	if msg.Undo {
		delete(e.doc.Dismissed, msg.Finding)
		e.notice, e.noticeEr = "已取消“已核实”，这条问题重新计入", false
	} else {
		e.doc.Dismissed[msg.Finding] = msg.Review
		e.notice, e.noticeEr = "已标记为已核实，不再计入警告数；它的数字或文字改动后会重新出现（按 F4 可以取消）", false
	}
	e.doc.Recheck()
	e.outline.Refresh()
	e.pane.Refresh()
	return nil
}
