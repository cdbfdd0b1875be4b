package editor

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/app"
	"nianbao/model"
)

// Saving: each committed change at once, typing after a pause, one save
// in flight at a time; a history version before large changes and every
// ten minutes of editing; a last save outside the event loop on exit.

// Clean reports whether everything is on disk.
func (e *Editor) Clean() bool { return !e.inFlight && !e.dirty() }

// dirty compares every entry with the saved state; Clean and the save
// use it, the status line reads the unsaved flag kept on each edit.
func (e *Editor) dirty() bool {
	return len(model.Diff(e.saved.Entries(), e.doc.R.Entries())) > 0
}

// Flush saves now whatever is not yet saved.
func (e *Editor) Flush() tea.Cmd {
	e.pane.Commit()
	return e.saveNow()
}

// SaveSync saves at once, outside the event loop: the program is being
// closed (the terminal hung up, the session ends) and the last keystrokes
// must reach the disk.
func (e *Editor) SaveSync() error {
	e.pane.Commit()
	if e.doc.ReadOnly || !e.dirty() {
		return nil
	}
	return e.c.App.Save(e.doc.ID, e.saved, e.doc.R)
}

func (e *Editor) saveNow() tea.Cmd {
	if e.inFlight || e.doc.ReadOnly {
		return nil
	}
	if !e.dirty() {
		e.unsaved = false // nothing to save: never a stale 待保存
		return nil
	}
	e.inFlight = true
	s, id, saved, after := e.c.App, e.doc.ID, e.saved, e.doc.R.Clone()
	before, reason := e.versionAt, e.versionReason
	e.versionAt, e.versionReason = nil, ""
	if before == nil && e.now().Sub(e.lastVersion) >= versionEvery {
		before, reason = after, app.ReasonWhileEditing
	}
	if before != nil {
		e.lastVersion = e.now()
	}
	return func() tea.Msg {
		var err error
		if before != nil {
			err = s.SaveWithVersion(id, saved, before, after, reason)
		} else {
			err = s.Save(id, saved, after)
		}
		return SavedMsg{ID: id, After: after, At: time.Now(), Err: err}
	}
}

// saveLater saves after a pause in typing.
func (e *Editor) saveLater() tea.Cmd {
	e.seq++
	id, seq := e.doc.ID, e.seq
	return tea.Tick(700*time.Millisecond, func(time.Time) tea.Msg { return saveTick{id, seq} })
}
