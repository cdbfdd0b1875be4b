package store

import (
	"database/sql"
	"errors"

	"nianbao/model"
)

// MemberRef is one line of a roll-up's member list: the member report
// (0 when the list names an agency the database has no report of) and the
// agency's name as listed.
type MemberRef struct {
	ID   int64
	Name string
}

// CreateRollup stores a new roll-up report with its member list.
func (s *Store) CreateRollup(r *model.Report, origin string, members []MemberRef) (int64, error) {
	var id int64
	err := s.write("新建汇总报告", func(tx *sql.Tx) (err error) {
		if id, err = s.createTx(tx, r, origin); err != nil {
			return err
		}
		return setMembers(tx, id, members)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// SetMembers replaces a roll-up's member list.
func (s *Store) SetMembers(id int64, members []MemberRef) error {
	return s.write("保存汇总名单", func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM rollup_member WHERE rollup_id = ?`, id); err != nil {
			return err
		}
		return setMembers(tx, id, members)
	})
}

func setMembers(tx *sql.Tx, id int64, members []MemberRef) error {
	for i, m := range members {
		var mid any
		if m.ID != 0 {
			mid = m.ID
		}
		if _, err := tx.Exec(`INSERT INTO rollup_member(rollup_id, pos, member_id, name) VALUES (?, ?, ?, ?)`, id, i+1, mid, m.Name); err != nil {
			return err
		}
	}
	return nil
}

// Members is a roll-up's member list in order; nil for a report that is
// not a roll-up.
func (s *Store) Members(id int64) ([]MemberRef, error) {
	rows, err := s.db.Query(`SELECT coalesce(member_id, 0), name FROM rollup_member WHERE rollup_id = ? ORDER BY pos`, id)
	if err != nil {
		return nil, s.sqlErr("读取汇总名单", err)
	}
	defer rows.Close()
	var out []MemberRef
	for rows.Next() {
		var m MemberRef
		if err := rows.Scan(&m.ID, &m.Name); err != nil {
			return nil, s.sqlErr("读取汇总名单", err)
		}
		out = append(out, m)
	}
	return out, s.sqlErr("读取汇总名单", rows.Err())
}

// Rollups lists the ids of all roll-up reports (live or in the trash).
func (s *Store) Rollups() (map[int64]bool, error) {
	rows, err := s.db.Query(`SELECT DISTINCT rollup_id FROM rollup_member`)
	if err != nil {
		return nil, s.sqlErr("读取汇总报告", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.sqlErr("读取汇总报告", err)
		}
		out[id] = true
	}
	return out, s.sqlErr("读取汇总报告", rows.Err())
}

// FindReport finds the live report of an agency for a year (the most
// recently changed one if there are several); 0 when there is none.
func (s *Store) FindReport(agency string, year int) (int64, error) {
	var id int64
	err := s.db.QueryRow(`SELECT id FROM report WHERE agency = ? AND year = ? AND deleted IS NULL ORDER BY updated DESC, id DESC LIMIT 1`, agency, year).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, s.sqlErr("查找报告", err)
}
