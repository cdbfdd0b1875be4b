package store

import (
	"path/filepath"
	"testing"

	"nianbao/model"
)

// A database of schema version 5 whose reports were imported gets their
// fingerprints when upgraded, so a folder imported again creates nothing.
func TestUpgradeGivesImportsAFingerprint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v5.db")
	s := openT(t, path)
	f, _ := model.FormatByID("2021")
	r := model.New(f, "某县司法局", 2024)
	r.SetCell("s3.xinshou.ziranren", model.Int(3))
	id, err := s.Create(r, "import:某县司法局.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Back to version 5.
	for _, q := range []string{`DROP TABLE dismissal`, `DROP TABLE rollup_member`, `DROP INDEX report_by_content`,
		`ALTER TABLE report DROP COLUMN fingerprint`, `PRAGMA user_version = 5`} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	s = openT(t, path)
	defer s.Close()
	got, err := s.CreateAll([]NewReport{{R: r, Origin: "import:again.txt"}, {R: r, Origin: "import:twice.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Duplicate || got[0].ID != id || !got[1].Duplicate {
		t.Errorf("after the upgrade: %+v", got)
	}
	// Another content of the same agency and year is new; in the trash, a
	// report no longer counts.
	r2 := r.Clone()
	r2.SetCell("s3.xinshou.ziranren", model.Int(4))
	s.Delete(id)
	got, _ = s.CreateAll([]NewReport{{R: r2, Origin: "import:b"}, {R: r, Origin: "import:a"}})
	if got[0].Duplicate || got[1].Duplicate {
		t.Errorf("new content: %+v", got)
	}
}

// Members and dismissals are kept, and go with the report.
func TestMembersAndDismissals(t *testing.T) {
	s := openT(t, filepath.Join(t.TempDir(), "m.db"))
	defer s.Close()
	f, _ := model.FormatByID("2021")
	a, _ := s.Create(model.New(f, "甲局", 2025), "new")
	id, err := s.CreateRollup(model.New(f, "某县", 2025), "rollup", []MemberRef{{ID: a, Name: "甲局"}, {Name: "乙局"}})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Members(id)
	if err != nil || len(ms) != 2 || ms[0] != (MemberRef{a, "甲局"}) || ms[1] != (MemberRef{0, "乙局"}) {
		t.Fatalf("%+v %v", ms, err)
	}
	if ms, _ := s.Members(a); ms != nil {
		t.Error("not a roll-up")
	}
	if x, _ := s.Rollups(); !x[id] || x[a] {
		t.Errorf("rollups %v", x)
	}
	if n, _ := s.FindReport("甲局", 2025); n != a {
		t.Errorf("find %d", n)
	}
	d := model.Dismissal{Dismissed: true, Reason: "理由", By: "张三", At: "2027-01-20T09:30:00+08:00"}
	if err := s.Dismiss(a, "R7:x:1", d); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Dismissals(a); got["R7:x:1"] != d {
		t.Errorf("%+v", got)
	}
	if ok, _ := s.Undismiss(a, "R7:x:1"); !ok {
		t.Error("undismiss")
	}
	if ok, _ := s.Undismiss(a, "R7:x:1"); ok {
		t.Error("undismiss twice")
	}
	if err := s.Dismiss(999, "R7:x:1", d); err == nil {
		t.Error("no report 999")
	}
}
