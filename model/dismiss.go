package model

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// A clerk reviews a warning and keeps it with a reason ("现行有效件数因清理
// 文件减少，正文已说明"): the finding stays listed, greyed, and is no longer
// counted. The review is kept by the finding's ID, which holds a
// fingerprint of the message — the figures and the quoted words it states —
// so a finding whose numbers change is a new finding and is counted again.

// Dismissal is the clerk's review of a finding.
type Dismissal struct {
	Dismissed bool   `json:"dismissed,omitempty"`
	Reason    string `json:"reason,omitempty"`
	By        string `json:"by,omitempty"` // the OS user
	At        string `json:"at,omitempty"` // RFC 3339 with the local offset
}

// MaxReason bounds a dismissal's reason (characters).
const MaxReason = 500

// FindingID is rule:key:fingerprint, the fingerprint being the first 8 hex
// digits of a SHA-256 of rule, key and message.
func FindingID(f Finding) string {
	h := sha256.Sum256([]byte(f.Rule + "\x00" + f.Key + "\x00" + f.Message))
	return f.Rule + ":" + f.Key + ":" + hex.EncodeToString(h[:4])
}

// identify gives each finding its ID and marks those the clerk dismissed.
func identify(fs []Finding, dismissed map[string]Dismissal) {
	for i := range fs {
		f := &fs[i]
		f.ID = FindingID(*f)
		if d, ok := dismissed[f.ID]; ok && CanDismiss(*f) == nil {
			f.Dismissal = d
			f.Dismissed = true
		}
	}
}

// CanDismiss says why a finding cannot be dismissed (nil when it can): an
// 错误 must be corrected, and a cell not yet entered must be filled in.
func CanDismiss(f Finding) error {
	switch {
	case f.Level == Error:
		return errors.New("这是错误，必须改正，不能标记为已核实（只有警告和提示可以）")
	case f.IsBlank():
		return errors.New("这一格还没有填写：没有的请填 0，不能标记为已核实")
	}
	return nil
}

// Active counts the findings that are not dismissed, by level.
func Active(fs []Finding) (n [3]int) {
	for _, f := range fs {
		if !f.Dismissed {
			n[f.Level]++
		}
	}
	return n
}
