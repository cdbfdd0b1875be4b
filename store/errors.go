package store

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"nianbao/internal/errs"
)

// Sentinels for errors.Is: the kinds a caller of the store acts on.
var (
	ErrLocked   = errs.Of(errs.Locked)
	ErrReadOnly = errs.Of(errs.ReadOnly)
	ErrForeign  = errs.Of(errs.Foreign)
	ErrNewer    = errs.Of(errs.Newer)
	ErrOutdated = errs.Of(errs.Outdated)
	ErrNotFound = errs.Of(errs.NotFound)
	ErrCorrupt  = errs.Of(errs.Corrupt)
)

// sqlErr explains a database failure in Chinese. what names the operation
// ("新建报告"), or is "" where the caller says it already (the editor shows
// "保存失败：" before the message). An *errs.Error passes through.
func (s *Store) sqlErr(what string, err error) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		return err
	}
	pre := ""
	if what != "" {
		pre = what + "失败："
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return errs.Wrap(errs.Locked, err, "%s数据库正忙（另一个程序正在写入），请稍后再试", pre)
		case sqlite3.SQLITE_FULL:
			return errs.Wrap(errs.IO, err, "%s磁盘已满，请腾出空间后再试；已保存的内容不会丢失", pre)
		case sqlite3.SQLITE_READONLY:
			return errs.Wrap(errs.ReadOnly, err, "%s数据库是只读的（另一个 nianbao 程序正在编辑，或文件没有写权限）", pre)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return corrupt(s.path, err)
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
			return errs.Wrap(errs.IO, err, "%s无法读写数据库文件 %s（U 盘是否已拔出？文件夹是否还在？）", pre, s.path)
		}
	}
	return errs.Wrap(errs.IO, err, "%s%v", pre, err)
}

// corrupt says that the database file is damaged, and what to do (the
// advice first: a one-line status bar shows the beginning).
func corrupt(path string, err error) error {
	return &errs.Error{Kind: errs.Corrupt, Path: path, Err: err, Msg: "数据库文件已损坏，部分内容读不出来。请先不要继续编辑；" +
		"恢复办法：换用数据库旁边的备份文件（文件名含“备份”），或用 nianbao history、nianbao restore 找回报告的历史版本；" +
		"换之前可以用 nianbao backup 把损坏的文件另存一份留底。数据库：" + path}
}
