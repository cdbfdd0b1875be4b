package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"

	"nianbao/internal/errs"
	"nianbao/internal/tempfile"
)

// Check runs SQLite's integrity check; "ok" means the file is sound.
func (s *Store) Check(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// DefaultBackupPath is a new dated file next to the database:
// nianbao-备份-20260115-093012.db for nianbao.db.
func (s *Store) DefaultBackupPath() string { return s.backupPath("备份") }

func (s *Store) backupPath(what string) string {
	stem := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := fmt.Sprintf("%s-%s-%s", stem, what, s.now().Format("20060102-150405"))
	p := filepath.Join(filepath.Dir(s.path), name+".db")
	for i := 2; ; i++ { // two backups within a second
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
		p = filepath.Join(filepath.Dir(s.path), fmt.Sprintf("%s-%d.db", name, i))
	}
}

// backuper is the online-backup side of a modernc.org/sqlite connection.
type backuper interface {
	NewBackup(dst string) (*sqlite.Backup, error)
}

// Backup copies the database as it is now into a new file dst with
// SQLite's online backup, page by page (so a damaged database can still be
// saved for repair); other programs may read and write meanwhile. The copy
// is written under a temporary name and renamed, so dst is never half a
// database. It returns dst's absolute path.
func (s *Store) Backup(dst string) (string, error) {
	dst, err := filepath.Abs(dst)
	if err != nil {
		return "", errs.Wrap(errs.Refused, err, "备份文件名无效：%s", dst)
	}
	if _, err := os.Lstat(dst); err == nil {
		return "", &errs.Error{Kind: errs.Exists, Path: dst, Msg: "文件已存在：" + dst + "（备份不会覆盖已有的文件，请换一个文件名）"}
	}
	dir := filepath.Dir(dst)
	tempfile.Clean(dir)
	tmp, err := os.CreateTemp(dir, tempfile.Prefix()+"backup-*")
	if err != nil {
		return "", errs.Wrap(errs.IO, err, "无法在文件夹 %s 中写入备份：%v", dir, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		return "", s.sqlErr("备份", err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(backuper)
		if !ok {
			return errs.New(errs.Internal, "程序内部错误：SQLite 驱动不支持在线备份")
		}
		bk, err := b.NewBackup(dsn(tmp.Name()))
		if err != nil {
			return err
		}
		for {
			more, err := bk.Step(1024)
			if err != nil {
				bk.Finish()
				return err
			}
			if !more {
				return bk.Finish()
			}
		}
	})
	if err == nil {
		err = syncFile(tmp.Name())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return "", s.sqlErr("备份", err)
	}
	return dst, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
