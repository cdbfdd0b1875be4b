package store

import (
	"database/sql"
	"errors"

	"nianbao/model"
)

// NewReport is one report to store in a batch.
type NewReport struct {
	R      *model.Report
	Origin string
}

// Stored says what became of one report of a batch.
type Stored struct {
	ID        int64 // the new report, or the one already holding this content
	Duplicate bool  // the database already held the same agency, year and content
}

// CreateAll stores reports in one transaction (one wait for the disk, not
// one per report). A report whose agency, year and content the database
// already holds (a live report made from the same file, or an earlier one
// of this batch) is not stored again: its Stored names the one there.
func (s *Store) CreateAll(rs []NewReport) ([]Stored, error) {
	var out []Stored
	err := s.write("导入报告", func(tx *sql.Tx) error {
		out = out[:0]
		for _, x := range rs {
			fp := x.R.Fingerprint()
			var id int64
			err := tx.QueryRow(`SELECT id FROM report WHERE agency = ? AND year = ? AND fingerprint = ? AND deleted IS NULL ORDER BY id LIMIT 1`,
				x.R.Meta.Agency, x.R.Year, fp).Scan(&id)
			switch {
			case err == nil:
				out = append(out, Stored{ID: id, Duplicate: true})
				continue
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			if id, err = s.createTx(tx, x.R, x.Origin); err != nil {
				return err
			}
			out = append(out, Stored{ID: id})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// backfillFingerprints gives the imported reports of an older database the
// fingerprint of their content as stored (step after migration 6).
func backfillFingerprints(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, format, year FROM report WHERE origin LIKE 'import:%'`)
	if err != nil {
		return err
	}
	type rep struct {
		id     int64
		format string
		year   int
	}
	var todo []rep
	for rows.Next() {
		var x rep
		if err := rows.Scan(&x.id, &x.format, &x.year); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range todo {
		entries, err := entriesOf(tx, x.id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE report SET fingerprint = ? WHERE id = ?`, model.Fingerprint(x.format, x.year, entries), x.id); err != nil {
			return err
		}
	}
	return nil
}

// entriesOf reads a report's stored entries.
func entriesOf(q querier, id int64) (map[string]string, error) {
	rows, err := q.Query(`SELECT key, value FROM entry WHERE report_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	e := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		e[k] = v
	}
	return e, rows.Err()
}
