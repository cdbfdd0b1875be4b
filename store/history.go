package store

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"nianbao/internal/errs"
	"nianbao/model"
)

// Revision is one dated state of a report.
type Revision struct {
	ID     int64
	At     time.Time
	Reason string
}

// content is what a revision holds; its JSON (map keys sorted) is hashed,
// so equal states have equal hashes.
type content struct {
	Format  string            `json:"format"`
	Year    int               `json:"year"`
	Entries map[string]string `json:"entries"`
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12])
}

func deflate(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxSnapshot bounds what a stored snapshot may inflate to (a report's
// text is capped far below).
const maxSnapshot = 256 << 20

func decode(codec string, data []byte) ([]byte, error) {
	switch codec {
	case "json":
		return data, nil
	case "deflate":
		b, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data)), maxSnapshot))
		return b, err
	}
	return nil, fmt.Errorf("unknown codec %q", codec)
}

// snapshotTx records a revision, unless the report is as its latest
// revision already holds it: then an export is noted on that revision
// instead. Each distinct content is stored once, compressed.
func (s *Store) snapshotTx(tx *sql.Tx, id int64, format string, year int, entries map[string]string, reason string) error {
	b, err := json.Marshal(content{format, year, entries})
	if err != nil {
		return err
	}
	h := hashOf(b)
	var lastID int64
	var last, lastReason string
	err = tx.QueryRow(`SELECT id, hash, reason FROM revision WHERE report_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&lastID, &last, &lastReason)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if last == h {
		if reason == "导出" && !strings.Contains(lastReason, "导出") {
			_, err = tx.Exec(`UPDATE revision SET reason = ? WHERE id = ?`, lastReason+"、导出", lastID)
		}
		return err
	}
	var known int
	if err := tx.QueryRow(`SELECT count(*) FROM snapshot WHERE hash = ?`, h).Scan(&known); err != nil {
		return err
	}
	if known == 0 {
		z, err := deflate(b)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO snapshot(hash, codec, data) VALUES (?, 'deflate', ?)`, h, z); err != nil {
			return err
		}
	}
	_, err = tx.Exec(`INSERT INTO revision(report_id, at, reason, hash) VALUES (?, ?, ?, ?)`, id, s.stamp(), reason, h)
	return err
}

// compressSnapshots compresses the plain copies that schema version 4 kept
// (the step after migration 0005).
func compressSnapshots(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, data FROM snapshot WHERE codec = 'json'`)
	if err != nil {
		return err
	}
	type plain struct {
		id   int64
		data []byte
	}
	var todo []plain
	for rows.Next() {
		var p plain
		if err := rows.Scan(&p.id, &p.data); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range todo {
		z, err := deflate(p.data)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE snapshot SET codec = 'deflate', data = ? WHERE id = ?`, z, p.id); err != nil {
			return err
		}
	}
	return nil
}

// Snapshot records the current state of a report in its history (after an
// export, at the end of an editing session) unless its latest revision
// holds that state already.
func (s *Store) Snapshot(id int64, reason string) error {
	return s.snapshot(id, reason, false)
}

func (s *Store) snapshot(id int64, reason string, withDeleted bool) error {
	return s.write("记录历史版本", func(tx *sql.Tx) error {
		cur, err := s.load(tx, id, withDeleted)
		if err != nil {
			return err
		}
		return s.snapshotTx(tx, id, cur.report.Format.ID, cur.report.Year, cur.entries, reason)
	})
}

// Revisions lists a report's history, newest first.
func (s *Store) Revisions(id int64) ([]Revision, error) {
	rows, err := s.db.Query(`SELECT id, at, reason FROM revision WHERE report_id = ? ORDER BY id DESC`, id)
	if err != nil {
		return nil, s.sqlErr("读取历史版本", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var at string
		if err := rows.Scan(&r.ID, &at, &r.Reason); err != nil {
			return nil, s.sqlErr("读取历史版本", err)
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, s.sqlErr("读取历史版本", rows.Err())
}

// RevisionReport returns the report as it was at a revision, with the
// entries that could not be understood (see Load).
func (s *Store) RevisionReport(id, rev int64) (*model.Report, []string, error) {
	c, err := s.revision(id, rev)
	if err != nil {
		return nil, nil, err
	}
	f, ok := model.FormatByID(c.Format)
	if !ok {
		return nil, nil, errs.New(errs.Newer, "历史版本 %d 使用本程序不认识的格式“%s”，请升级程序", rev, c.Format)
	}
	r, bad := model.FromEntries(f, c.Year, c.Entries)
	return r, problems(id, bad), nil
}

// revision reads what a revision holds.
func (s *Store) revision(id, rev int64) (*content, error) {
	var codec string
	var data []byte
	err := s.db.QueryRow(`SELECT s.codec, s.data FROM revision r JOIN snapshot s ON s.hash = r.hash WHERE r.id = ? AND r.report_id = ?`, rev, id).Scan(&codec, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.New(errs.NotFound, "报告 %d 没有编号为 %d 的历史版本（可用 nianbao history %d 查看）", id, rev, id)
	}
	if err != nil {
		return nil, s.sqlErr("读取历史版本", err)
	}
	b, err := decode(codec, data)
	var c content
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil {
		return nil, &errs.Error{Kind: errs.Corrupt, Path: s.path, Err: err, Msg: fmt.Sprintf("报告 %d 的历史版本 %d 已损坏，读不出来；请选另一个版本", id, rev)}
	}
	return &c, nil
}

// Restore brings a report back to a revision. The state it replaces is
// recorded first, so a restore can itself be undone.
func (s *Store) Restore(id, rev int64) error {
	old, _, err := s.RevisionReport(id, rev)
	if err != nil {
		return err
	}
	c, err := s.revision(id, rev)
	if err != nil {
		return err
	}
	return s.write("恢复历史版本", func(tx *sql.Tx) error {
		cur, err := s.load(tx, id, false)
		if err != nil {
			return err
		}
		if err := s.snapshotTx(tx, id, cur.report.Format.ID, cur.report.Year, cur.entries, "恢复前"); err != nil {
			return err
		}
		if err := writeChanges(tx, id, model.Diff(cur.entries, c.Entries)); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE report SET agency = ?, year = ?, format = ?, updated = ? WHERE id = ?`, old.Meta.Agency, old.Year, old.Format.ID, s.stamp(), id); err != nil {
			return err
		}
		return s.snapshotTx(tx, id, c.Format, c.Year, c.Entries, fmt.Sprintf("恢复到版本 %d", rev))
	})
}
