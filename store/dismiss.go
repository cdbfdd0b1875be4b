package store

import (
	"database/sql"

	"nianbao/model"
)

// Dismissals are the findings of a report the clerk reviewed and kept, by
// finding id.
func (s *Store) Dismissals(id int64) (map[string]model.Dismissal, error) {
	rows, err := s.db.Query(`SELECT finding, reason, by_user, at FROM dismissal WHERE report_id = ?`, id)
	if err != nil {
		return nil, s.sqlErr("读取已核实的问题", err)
	}
	defer rows.Close()
	out := map[string]model.Dismissal{}
	for rows.Next() {
		var f string
		d := model.Dismissal{Dismissed: true}
		if err := rows.Scan(&f, &d.Reason, &d.By, &d.At); err != nil {
			return nil, s.sqlErr("读取已核实的问题", err)
		}
		out[f] = d
	}
	return out, s.sqlErr("读取已核实的问题", rows.Err())
}

// Dismiss records (or replaces) the review of a finding.
func (s *Store) Dismiss(id int64, finding string, d model.Dismissal) error {
	return s.write("标记为已核实", func(tx *sql.Tx) error {
		if err := live(tx, id); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO dismissal(report_id, finding, reason, by_user, at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(report_id, finding) DO UPDATE SET reason = excluded.reason, by_user = excluded.by_user, at = excluded.at`,
			id, finding, d.Reason, d.By, d.At)
		return err
	})
}

// Undismiss removes the review of a finding; it tells whether there was one.
func (s *Store) Undismiss(id int64, finding string) (bool, error) {
	var n int64
	err := s.write("取消“已核实”", func(tx *sql.Tx) error {
		if err := live(tx, id); err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM dismissal WHERE report_id = ? AND finding = ?`, id, finding)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// live refuses a report that is not there or is in the trash.
func live(tx *sql.Tx, id int64) error {
	var deleted sql.NullString
	err := tx.QueryRow(`SELECT deleted FROM report WHERE id = ?`, id).Scan(&deleted)
	if err == sql.ErrNoRows || err == nil && deleted.Valid {
		return notFound(id)
	}
	if err != nil {
		return err
	}
	return nil
}
