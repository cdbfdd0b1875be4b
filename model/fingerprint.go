package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
)

// Fingerprint names a report's content: a SHA-256 of its format, year and
// stored entries (key and value, in key order). Two imports of one
// published report give the same fingerprint, so importing a folder twice
// creates nothing the second time.
func Fingerprint(formatID string, year int, entries map[string]string) string {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	h.Write([]byte(formatID + "\x00" + strconv.Itoa(year) + "\x00"))
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
		h.Write([]byte(entries[k]))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Fingerprint of the report as it would be stored.
func (r *Report) Fingerprint() string { return Fingerprint(r.Format.ID, r.Year, r.Entries()) }
