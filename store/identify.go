package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"nianbao/internal/errs"
)

// appID marks a nianbao database in the SQLite header ("NBAO"); migration
// 0001 sets it.
const appID = 0x4E42414F

// identity is what the bytes of a database file say, read before SQLite
// opens it: SQLite may write while opening (fold a pending -wal into the
// file and delete it, or set the header), so a file that turns out to be
// someone else's must never get that far.
type identity struct {
	exists  bool // the file is there
	empty   bool // nothing stored yet: it may become a nianbao database
	version int  // schema version (user_version) of a nianbao database
	wal     bool // a -wal file with committed frames lies beside it
}

// identify reads the header of path and, when there is one, the last
// committed copy of page 1 in its -wal; it refuses a folder, a file that
// is not SQLite, another program's database and one of a newer nianbao.
// It only reads.
func identify(path string) (identity, error) {
	var id identity
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return id, nil
	}
	if err != nil {
		return id, errs.Wrap(errs.IO, err, "无法读取数据库文件：%s", path)
	}
	id.exists = true
	if st.IsDir() {
		return id, foreign(path, "这是一个文件夹，不是 nianbao 数据库")
	}
	page1, err := readHeader(path)
	if err != nil {
		return id, err
	}
	walPage, err := walPage1(path + "-wal")
	if err != nil {
		return id, errs.Wrap(errs.IO, err, "无法读取数据库文件：%s-wal", path)
	}
	if walPage != nil {
		id.wal = true
		page1 = walPage
	}
	if page1 == nil { // 0 bytes, nothing pending: a new database
		id.empty = true
		return id, nil
	}
	if len(page1) < 108 || !bytes.HasPrefix(page1, []byte("SQLite format 3\x00")) {
		return id, foreign(path, "这个文件不是 nianbao 数据库")
	}
	version := int(binary.BigEndian.Uint32(page1[60:]))
	app := binary.BigEndian.Uint32(page1[68:])
	// Page 1 is the root of the schema table: a leaf with no cells means
	// no table, index or view exists.
	noSchema := page1[100] == 0x0D && binary.BigEndian.Uint16(page1[103:]) == 0
	switch {
	case app == appID && version > SchemaVersion():
		return id, &errs.Error{Kind: errs.Newer, Path: path, Msg: fmt.Sprintf(
			"这个数据库由更新版本的 nianbao 创建（结构版本 %d，本程序支持到 %d），请升级程序；数据库未做任何改动：%s", version, SchemaVersion(), path)}
	case app == appID:
		id.version = version
	case app == 0 && noSchema && version == 0:
		id.empty = true
	case app == 0 && noSchema:
		return id, foreign(path, fmt.Sprintf("这是一个空的 SQLite 数据库，但带有别的程序的标记（结构版本 %d），不是 nianbao 数据库", version))
	default:
		return id, foreign(path, "这个文件是别的程序的数据库，不是 nianbao 数据库")
	}
	return id, nil
}

func foreign(path, why string) error {
	return &errs.Error{Kind: errs.Foreign, Path: path, Msg: why + "，未做任何改动：" + path}
}

// readHeader returns the first 108 bytes of the file (the database header
// and the header of page 1's b-tree), nil for an empty file.
func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.Wrap(errs.IO, err, "无法读取数据库文件：%s", path)
	}
	defer f.Close()
	b := make([]byte, 108)
	n, err := io.ReadFull(f, b)
	switch {
	case n == 0 && (err == io.EOF):
		return nil, nil
	case err == io.ErrUnexpectedEOF:
		return b[:n], nil // too short for SQLite: foreign
	case err != nil:
		return nil, errs.Wrap(errs.IO, err, "无法读取数据库文件：%s", path)
	}
	return b, nil
}

// walPage1 returns the first 108 bytes of the newest committed copy of page
// 1 in a write-ahead log, nil when the log is missing, empty, stale or holds
// no committed page 1. It follows SQLite's own recovery: frames count up to
// the last commit frame whose salts and running checksum are valid.
func walPage1(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	hdr := make([]byte, 32)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, nil // shorter than a header: nothing committed
	}
	magic := binary.BigEndian.Uint32(hdr)
	if magic&^1 != 0x377f0682 {
		return nil, nil
	}
	var order binary.ByteOrder = binary.LittleEndian
	if magic&1 == 1 {
		order = binary.BigEndian
	}
	pageSize := int(binary.BigEndian.Uint32(hdr[8:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return nil, nil
	}
	s1, s2 := walChecksum(order, hdr[:24], 0, 0)
	if s1 != binary.BigEndian.Uint32(hdr[24:]) || s2 != binary.BigEndian.Uint32(hdr[28:]) {
		return nil, nil
	}
	salt := hdr[16:24]
	frame := make([]byte, 24+pageSize)
	var pending, committed []byte // page 1 as of the frames read / the last commit
	for {
		if _, err := io.ReadFull(r, frame); err != nil {
			break // end of the log, or a torn last frame
		}
		if !bytes.Equal(frame[8:16], salt) {
			break
		}
		s1, s2 = walChecksum(order, frame[:8], s1, s2)
		s1, s2 = walChecksum(order, frame[24:], s1, s2)
		if s1 != binary.BigEndian.Uint32(frame[16:]) || s2 != binary.BigEndian.Uint32(frame[20:]) {
			break
		}
		if binary.BigEndian.Uint32(frame) == 1 {
			pending = append(pending[:0], frame[24:24+108]...)
		}
		if binary.BigEndian.Uint32(frame[4:]) != 0 && pending != nil { // a commit frame
			committed = append(committed[:0], pending...)
		}
	}
	return committed, nil
}

// walChecksum is SQLite's WAL checksum (walChecksumBytes) over b, whose
// length is a multiple of 8, continuing from s1, s2.
func walChecksum(order binary.ByteOrder, b []byte, s1, s2 uint32) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s1 += order.Uint32(b[i:]) + s2
		s2 += order.Uint32(b[i+4:]) + s1
	}
	return s1, s2
}
