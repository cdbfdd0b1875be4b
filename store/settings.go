package store

import "database/sql"

// Setting returns a stored setting, or "" if unset.
func (s *Store) Setting(key string) string {
	var v string
	s.db.QueryRow(`SELECT value FROM setting WHERE key = ?`, key).Scan(&v)
	return v
}

// SetSetting stores a setting.
func (s *Store) SetSetting(key, value string) error {
	return s.write("保存设置", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
