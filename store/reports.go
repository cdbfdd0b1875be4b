package store

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"nianbao/internal/errs"
	"nianbao/model"
)

// Summary is one line of the report list.
type Summary struct {
	ID      int64
	Agency  string
	Year    int
	Format  string
	Origin  string
	Created time.Time
	Updated time.Time
	Deleted time.Time // zero unless in the trash
}

// List returns the reports, newest year first; deleted ones only if asked.
func (s *Store) List(deleted bool) ([]Summary, error) {
	q := `SELECT id, agency, year, format, origin, created, updated, coalesce(deleted, '') FROM report WHERE (deleted IS NOT NULL) = ? ORDER BY year DESC, updated DESC, id DESC`
	rows, err := s.db.Query(q, deleted)
	if err != nil {
		return nil, s.sqlErr("读取报告列表", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var x Summary
		var c, u, d string
		if err := rows.Scan(&x.ID, &x.Agency, &x.Year, &x.Format, &x.Origin, &c, &u, &d); err != nil {
			return nil, s.sqlErr("读取报告列表", err)
		}
		x.Created, x.Updated, x.Deleted = parseTime(c), parseTime(u), parseTime(d)
		out = append(out, x)
	}
	return out, s.sqlErr("读取报告列表", rows.Err())
}

// Create stores a new report and returns its id. origin says how it was
// made ("new", "from:7", "demo", "import:文件名").
func (s *Store) Create(r *model.Report, origin string) (int64, error) {
	var id int64
	err := s.write("新建报告", func(tx *sql.Tx) (err error) {
		id, err = s.createTx(tx, r, origin)
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// createTx inserts a report with its entries, its content's fingerprint and
// its first history version.
func (s *Store) createTx(tx *sql.Tx, r *model.Report, origin string) (int64, error) {
	now := s.stamp()
	entries := r.Entries()
	res, err := tx.Exec(`INSERT INTO report(format, year, agency, created, updated, origin, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.Format.ID, r.Year, r.Meta.Agency, now, now, origin, model.Fingerprint(r.Format.ID, r.Year, entries))
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err := writeChanges(tx, id, model.Diff(nil, entries)); err != nil {
		return 0, err
	}
	return id, s.snapshotTx(tx, id, r.Format.ID, r.Year, entries, "新建")
}

func writeChanges(tx *sql.Tx, id int64, changes []model.Change) error {
	for _, c := range changes {
		var err error
		if c.Delete {
			_, err = tx.Exec(`DELETE FROM entry WHERE report_id = ? AND key = ?`, id, c.Key)
		} else {
			_, err = tx.Exec(`INSERT INTO entry(report_id, key, value) VALUES (?, ?, ?) ON CONFLICT(report_id, key) DO UPDATE SET value = excluded.value`, id, c.Key, c.Value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Load reads a report. Entries it cannot understand (written by a newer
// version, or damaged) do not fail the load: they stay in the database as
// they are and are returned as problems, one Chinese sentence each.
func (s *Store) Load(id int64) (*model.Report, []string, error) {
	st, err := s.load(s.db, id, false)
	if err != nil {
		return nil, nil, err
	}
	return st.report, st.problems, nil
}

type querier interface {
	QueryRow(string, ...any) *sql.Row
	Query(string, ...any) (*sql.Rows, error)
}

// stored is a report as the database holds it.
type stored struct {
	report   *model.Report
	entries  map[string]string
	problems []string
}

func (s *Store) load(q querier, id int64, withDeleted bool) (*stored, error) {
	var fid, agency string
	var year int
	var deleted sql.NullString
	err := q.QueryRow(`SELECT format, year, agency, deleted FROM report WHERE id = ?`, id).Scan(&fid, &year, &agency, &deleted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && deleted.Valid && !withDeleted) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, s.sqlErr("读取报告", err)
	}
	f, ok := model.FormatByID(fid)
	if !ok {
		return nil, errs.New(errs.Newer, "报告 %d 使用本程序不认识的格式“%s”，请升级程序", id, fid)
	}
	rows, err := q.Query(`SELECT key, value FROM entry WHERE report_id = ?`, id)
	if err != nil {
		return nil, s.sqlErr("读取报告", err)
	}
	defer rows.Close()
	entries := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, s.sqlErr("读取报告", err)
		}
		entries[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, s.sqlErr("读取报告", err)
	}
	r, bad := model.FromEntries(f, year, entries)
	if r.Meta.Agency == "" {
		r.Meta.Agency = agency // schema version 1 kept it only in the report row
	}
	return &stored{report: r, entries: entries, problems: problems(id, bad)}, nil
}

// problems words the entries FromEntries could not use.
func problems(id int64, keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	sort.Strings(keys)
	return []string{fmt.Sprintf("报告 %d 中有 %d 项本程序读不懂（可能由更新版本的 nianbao 写入），已原样保留、没有显示：%s",
		id, len(keys), strings.Join(keys, "、"))}
}

// Save stores what changed between before and after (the report as last
// saved and as it is now). It returns once the change is durable. The first
// save of a report in a session first records the state before editing in
// the history. Messages do not begin with "保存失败": the caller says that.
func (s *Store) Save(id int64, before, after *model.Report) error {
	if err := s.writable(""); err != nil {
		return err
	}
	changes := model.Diff(before.Entries(), after.Entries())
	if len(changes) == 0 && before.Year == after.Year && before.Meta.Agency == after.Meta.Agency {
		return nil
	}
	err := s.write("", func(tx *sql.Tx) error {
		if !s.session[id] {
			cur, err := s.load(tx, id, false)
			if err != nil {
				return err
			}
			if err := s.snapshotTx(tx, id, cur.report.Format.ID, cur.report.Year, cur.entries, "编辑前"); err != nil {
				return err
			}
		}
		if err := writeChanges(tx, id, changes); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE report SET agency = ?, year = ?, updated = ? WHERE id = ? AND deleted IS NULL`, after.Meta.Agency, after.Year, s.stamp(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.New(errs.NotFound, "没有编号为 %d 的报告（可能已被删除）", id)
		}
		return nil
	})
	if err == nil {
		s.mu.Lock()
		s.session[id] = true
		s.mu.Unlock()
	}
	return err
}

// Previous finds the report of the same agency for the year before (the
// most recently changed one if there are several), or nil.
func (s *Store) Previous(id int64, r *model.Report) (*model.Report, error) {
	var pid int64
	// The agency as the report row has it too: rows written by older
	// versions may hold characters the loaded report no longer does.
	err := s.db.QueryRow(`SELECT id FROM report WHERE agency IN (?, (SELECT agency FROM report WHERE id = ?)) AND year = ? AND id <> ? AND deleted IS NULL ORDER BY updated DESC, id DESC LIMIT 1`,
		r.Meta.Agency, id, r.Year-1, id).Scan(&pid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.sqlErr("读取上一年度报告", err)
	}
	p, _, err := s.Load(pid)
	return p, err
}

// Delete moves a report to the trash.
func (s *Store) Delete(id int64) error { return s.setDeleted(id, true) }

// Undelete restores a report from the trash.
func (s *Store) Undelete(id int64) error { return s.setDeleted(id, false) }

func (s *Store) setDeleted(id int64, del bool) error {
	what := map[bool]string{true: "删除报告", false: "恢复报告"}[del]
	return s.write(what, func(tx *sql.Tx) error {
		var deleted sql.NullString
		err := tx.QueryRow(`SELECT deleted FROM report WHERE id = ?`, id).Scan(&deleted)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return errs.New(errs.NotFound, "%s失败：没有编号为 %d 的报告（可用 nianbao list --all 查看）", what, id)
		case err != nil:
			return err
		case del && deleted.Valid:
			return errs.New(errs.Refused, "报告 %d 已经在回收站中（nianbao undelete %d 可恢复）", id, id)
		case !del && !deleted.Valid:
			return errs.New(errs.Refused, "报告 %d 没有被删除，不在回收站中，无需恢复", id)
		}
		if del {
			_, err = tx.Exec(`UPDATE report SET deleted = ? WHERE id = ?`, s.stamp(), id)
		} else {
			_, err = tx.Exec(`UPDATE report SET deleted = NULL WHERE id = ?`, id)
		}
		return err
	})
}

// LoadFigures reads the figures of several live reports — agency, tables,
// fee — and not their text: what a roll-up sums.
// Ids it does not find (or finds in the trash) are absent from the result.
func (s *Store) LoadFigures(ids []int64) (map[int64]*model.Report, error) {
	out := map[int64]*model.Report{}
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		if err := s.figures(ids[:n], out); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

func (s *Store) figures(ids []int64, out map[int64]*model.Report) error {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	type head struct {
		format, agency string
		year           int
	}
	heads := map[int64]head{}
	rows, err := s.db.Query(`SELECT id, format, year, agency FROM report WHERE deleted IS NULL AND id IN (`+marks+`)`, args...)
	if err != nil {
		return s.sqlErr("读取报告", err)
	}
	for rows.Next() {
		var id int64
		var h head
		if err := rows.Scan(&id, &h.format, &h.year, &h.agency); err != nil {
			rows.Close()
			return s.sqlErr("读取报告", err)
		}
		heads[id] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.sqlErr("读取报告", err)
	}
	// One row a report, its entries joined by SQLite: stepping through
	// 25 000 rows one by one costs more than the rest of a roll-up. The
	// figures and the agency never hold control characters (they are
	// removed on saving), so \x1e and \x1f separate them safely.
	entries := map[int64]map[string]string{}
	rows, err = s.db.Query(`SELECT report_id, group_concat(key || char(30) || value, char(31)) FROM entry WHERE report_id IN (`+marks+`)
		AND ((key >= 's2.' AND key < 's5' AND key <> 's4.note') OR key IN ('s6.fee_yuan', 'meta.agency')) GROUP BY report_id`, args...)
	if err != nil {
		return s.sqlErr("读取报告", err)
	}
	for rows.Next() {
		var id int64
		var all string
		if err := rows.Scan(&id, &all); err != nil {
			rows.Close()
			return s.sqlErr("读取报告", err)
		}
		e := make(map[string]string, strings.Count(all, "\x1f")+1)
		for len(all) > 0 {
			var kv string
			kv, all, _ = strings.Cut(all, "\x1f")
			k, v, _ := strings.Cut(kv, "\x1e")
			e[k] = v
		}
		entries[id] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.sqlErr("读取报告", err)
	}
	for id, h := range heads {
		f, ok := model.FormatByID(h.format)
		if !ok {
			return errs.New(errs.Newer, "报告 %d 使用本程序不认识的格式“%s”，请升级程序", id, h.format)
		}
		r, _ := model.FromEntries(f, h.year, entries[id])
		if r.Meta.Agency == "" {
			r.Meta.Agency = h.agency
		}
		out[id] = r
	}
	return nil
}
