package ui

import (
	"context"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
	"nianbao/ui/common"
	"nianbao/ui/dialog"
	"nianbao/ui/editor"
	"nianbao/ui/exportpane"
	"nianbao/ui/home"
)

// Results of commands.
type (
	openedMsg struct {
		id  int64
		r   *model.Report
		cx  model.Context
		err error
	}
	createdMsg struct {
		id       int64
		notes    []string
		err      error
		fromYear int // the year of the report it was made from
		year     int
	}
	deleteReq   struct{ id int64 }
	importedMsg struct {
		id  int64
		r   *model.Report
		err error
	}
	exportDone struct {
		run    exportpane.Run
		res    *app.ExportResult
		err    error
		exists error  // refused: a file would be replaced
		path   string // that file
	}
	exportRetry struct{ run exportpane.Run }
	themeSaved  struct{}
)

// loadList reads the report list; first=true creates the demo report when
// the database has never held one (the welcome of the first start).
func (m *Model) loadList(trash, first bool) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		welcome := false
		if first {
			var err error
			if welcome, err = a.FirstRun(); err != nil {
				return home.ListMsg{Err: err}
			}
		}
		lines, err := a.List(trash)
		return home.ListMsg{Lines: lines, Trash: trash, Welcome: welcome, Err: err}
	}
}

func (m *Model) open(id int64) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		r, cx, err := a.LoadForEdit(id)
		return openedMsg{id: id, r: r, cx: cx, err: err}
	}
}

func (m *Model) create(o app.NewOptions) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		id, notes, err := a.NewReport(o)
		msg := createdMsg{id: id, notes: notes, err: err, year: o.Year}
		if err == nil && o.From != 0 {
			if src, lerr := a.Load(o.From); lerr == nil {
				msg.fromYear = src.Year
			}
		}
		return msg
	}
}

// createRollup rolls up every report of a year under an agency's name and
// opens the roll-up (its 汇总 page lists the members).
func (m *Model) createRollup(c dialog.CreateRollup) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		res, err := a.Rollup(app.RollupOptions{Org: c.Agency, Year: c.Year, All: true})
		if err != nil {
			return createdMsg{err: err, year: c.Year}
		}
		return createdMsg{id: res.ID, notes: res.Notes, year: c.Year}
	}
}

func (m *Model) trash(id int64, del bool) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		var err error
		if del {
			err = a.Delete(id)
		} else {
			err = a.Undelete(id)
		}
		if err != nil {
			return common.Notice{Text: err.Error(), Err: true}
		}
		lines, err := a.List(!del)
		return home.ListMsg{Lines: lines, Trash: !del, Err: err}
	}
}

func (m *Model) revisions(id int64) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		revs, err := a.Revisions(id)
		if err != nil {
			return dialog.RevisionsMsg{ID: id, Err: err}
		}
		cur, err := a.Load(id)
		return dialog.RevisionsMsg{ID: id, Revs: revs, Cur: cur, Err: err}
	}
}

func (m *Model) revision(id, rev int64) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		r, err := a.RevisionReport(id, rev)
		return dialog.RevisionMsg{ID: id, Rev: rev, R: r, Err: err}
	}
}

func (m *Model) restore(id, rev int64) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		if err := a.Restore(id, rev); err != nil {
			return common.Notice{Text: err.Error(), Err: true}
		}
		lines, err := a.List(false)
		if err != nil {
			return home.ListMsg{Err: err}
		}
		return home.ListMsg{Lines: lines}
	}
}

// readImport reads a file for the preview (or lists a folder); the report
// is stored only when the clerk confirms. The read runs in the background
// and Esc stops it.
func (m *Model) readImport(rf dialog.ReadFile) tea.Cmd {
	if m.cancelRead != nil {
		m.cancelRead()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancelRead = cancel
	return func() tea.Msg {
		defer cancel()
		if st, err := os.Stat(rf.Path); err == nil && st.IsDir() {
			files, err := app.ListImportable(rf.Path)
			return dialog.Folder{Path: rf.Path, Files: files, Err: err}
		}
		res, err := app.ReadImportFile(ctx, rf.Path, app.ImportOptions{Org: rf.Org, Year: rf.Year})
		if ctx.Err() != nil {
			return nil // stopped: the dialog is gone
		}
		if err != nil {
			p := dialog.Preview{Path: rf.Path, Err: err}
			if n := app.ImportNeed(err); n != nil {
				p.Need = &dialog.NeedInfo{Agency: n.Agency, Year: n.Year, GuessAgency: n.GuessAgency, GuessYear: n.GuessYear}
			}
			return p
		}
		return dialog.Preview{Path: rf.Path, Lines: res.Summary(), Token: res}
	}
}

func (m *Model) storeImport(token any) tea.Cmd {
	res, ok := token.(*app.ImportResult)
	if !ok {
		return nil
	}
	a := m.c.App
	return func() tea.Msg {
		id, err := a.StoreImport(res)
		return importedMsg{id: id, r: res.Report, err: err}
	}
}

// imported opens nothing yet: it offers to make this year's report from the
// imported one, the usual reason for importing.
func (m *Model) imported(msg importedMsg) tea.Cmd {
	if msg.err != nil {
		m.push(dialog.NewNotes(m.c, "没有导入", []string{msg.err.Error()}, 6))
		return nil
	}
	r := msg.r
	m.push(dialog.NewNewReport(m.c, r.Meta.Agency, r.Year+1, msg.id, fmt.Sprintf("导入的 %s %d 年度报告", r.Meta.Agency, r.Year)))
	return m.loadList(false, false)
}

func (m *Model) export(run exportpane.Run, force bool) tea.Cmd {
	a := m.c.App
	o := run.Options
	o.Force = force
	return func() tea.Msg {
		res, err := a.Export(context.Background(), run.ID, o)
		if path, ok := app.ExistingFile(err); ok {
			return exportDone{run: run, exists: err, path: path}
		}
		return exportDone{run: run, res: res, err: err}
	}
}

// memberStatus checks a roll-up's members for its 汇总 page; with refresh
// the editor then sets the sums to the members' figures read here.
func (m *Model) memberStatus(id int64, refresh bool) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		ms, err := a.Members(id)
		if err != nil {
			return editor.MembersMsg{ID: id, Err: err}
		}
		st, err := a.MemberStatuses(id)
		return editor.MembersMsg{ID: id, Members: ms, Status: st, Err: err, Refresh: refresh}
	}
}

// dismiss records (or, with an empty reason, removes) the review of a
// finding.
func (m *Model) dismiss(d editor.DismissFinding) tea.Cmd {
	a := m.c.App
	return func() tea.Msg {
		if d.Undo {
			err := a.Undismiss(d.ID, d.Finding)
			return editor.DismissedMsg{ID: d.ID, Finding: d.Finding, Undo: true, Err: err}
		}
		f, err := a.Dismiss(d.ID, d.Finding, d.Reason)
		return editor.DismissedMsg{ID: d.ID, Finding: d.Finding, Review: f.Dismissal, Err: err}
	}
}

// readDir imports every file of a folder (全部导入): all are read first,
// in the background (Esc stops it), then stored together.
func (m *Model) readDir(path string) tea.Cmd {
	if m.cancelRead != nil {
		m.cancelRead()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancelRead = cancel
	a := m.c.App
	return func() tea.Msg {
		defer cancel()
		files, err := app.ReadImportDir(ctx, path, app.ImportOptions{})
		if ctx.Err() != nil {
			return nil // stopped: the dialog is gone
		}
		if err == nil {
			err = a.StoreImportDir(files)
		}
		if err != nil {
			return dialog.DirDone{Path: path, Err: err}
		}
		created, dups, refused := app.DirSummary(files)
		sum := fmt.Sprintf("共 %d 个文件：新建 %d 份报告；%d 份以前导入过，跳过（“已有 N”：即编号 N 的报告）；%d 个文件没有导入。", len(files), created, dups, refused)
		return dialog.DirDone{Path: path, Rows: app.DirTable(files), Summary: sum}
	}
}
