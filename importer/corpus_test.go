package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"nianbao/model"
)

// The corpus: real published reports as clerks find them (testdata/corpus,
// sources in its README), each with its 表二/表三/表四 numbers typed by hand
// from the source and the defects found by adding them up by hand.
const corpusDir = "testdata/corpus"

type expectation struct {
	File      string
	Agency    string
	Year      int
	Format    string
	Shape     string
	Cells     map[string]any
	Published map[string]any
	Text      struct {
		Fee      *string `json:"s6_fee_yuan"`
		SignDate *string `json:"sign_date"`
	}
	Defects []string
}

func loadCorpus(t *testing.T) []expectation {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.expect.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in %s", corpusDir)
	}
	var out []expectation
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var e expectation
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, e)
	}
	return out
}

// covered tells whether an uncertain entry names a cell: the cell, its row,
// its sub-table or its table.
func covered(res *Result, key string) bool {
	for _, u := range res.Uncertain {
		if u.Key == key || strings.HasPrefix(key, u.Key+".") {
			return true
		}
	}
	return false
}

// wantValue turns a typed expectation into the value a cell must hold.
func wantValue(t *testing.T, ref model.CellRef, v any, unit any) model.Value {
	t.Helper()
	if v == nil {
		return model.Value{}
	}
	s := ""
	switch x := v.(type) {
	case float64:
		s = strings.TrimSuffix(strings.TrimRight(strings.TrimRight(jsonNumber(x), "0"), "."), ".")
		if !strings.Contains(jsonNumber(x), ".") {
			s = jsonNumber(x)
		}
	case string:
		s = x
	}
	if u, ok := unit.(string); ok && u != "" {
		s += u
	}
	w, err := model.ParseValue(ref.Kind(), s)
	if err != nil {
		t.Fatalf("%s: expectation %v: %v", ref.Key(), v, err)
	}
	return w
}

func jsonNumber(f float64) string { b, _ := json.Marshal(f); return string(b) }

var ruleID = regexp.MustCompile(`^R\d+`)

// Every report of the corpus imports with every number right or listed as
// uncertain, its real defects found and no false alarm.
func TestCorpus(t *testing.T) {
	corpus := loadCorpus(t)
	read := map[string]*Result{}   // by file
	byYear := map[string]*Result{} // by agency and year, for the cross-year rules
	key := func(agency string, year int) string { return agency + "/" + itoa(year) }
	for _, e := range corpus {
		data, err := os.ReadFile(filepath.Join(corpusDir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Read(e.File, data, Options{})
		if err != nil {
			t.Errorf("%s: %v", e.File, err)
			continue
		}
		read[e.File] = res
		byYear[key(e.Agency, e.Year)] = res
	}
	total, right, unsure := 0, 0, 0
	for _, e := range corpus {
		res := read[e.File]
		if res == nil {
			continue
		}
		r := res.Report
		if r.Meta.Agency != e.Agency || r.Year != e.Year || r.Format.ID != e.Format {
			t.Errorf("%s: read %s %d %s, want %s %d %s", e.File, r.Meta.Agency, r.Year, r.Format.ID, e.Agency, e.Year, e.Format)
			continue
		}
		keys := make([]string, 0, len(e.Cells))
		for k := range e.Cells {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ref, ok := r.Format.Cell(k)
			if !ok {
				continue // the unit of 采购总金额, compared with its amount
			}
			total++
			want := wantValue(t, ref, e.Cells[k], e.Cells[k+"_unit"])
			got := r.Raw(ref)
			switch {
			case got == want:
				right++
			case !got.Set && covered(res, k):
				unsure++
			default:
				t.Errorf("%s: %s = %q, want %q (uncertain: %v)", e.File, k, got.Format(ref.Kind()), want.Format(ref.Kind()), covered(res, k))
			}
		}
		for k, v := range e.Published {
			ref, ok := r.Format.Cell(k)
			if !ok {
				t.Errorf("%s: unknown total %s", e.File, k)
				continue
			}
			total++
			want := wantValue(t, ref, v, nil)
			got, printed := r.Published[k]
			switch {
			case printed && got == want:
				right++
			case covered(res, k) && (!printed || !got.Set):
				unsure++
			default:
				t.Errorf("%s: printed %s = %+v (read %v), want %+v", e.File, k, got, printed, want)
			}
		}
		if e.Text.Fee != nil && r.Format.FeeRequired && (!r.FeeYuan.Set || r.FeeYuan.D != *e.Text.Fee) {
			t.Errorf("%s: fee %+v, want %s", e.File, r.FeeYuan, *e.Text.Fee)
		}
		if e.Text.SignDate != nil && r.Meta.SignDate != *e.Text.SignDate {
			t.Errorf("%s: signed %q, want %q", e.File, r.Meta.SignDate, *e.Text.SignDate)
		}
		checkDefects(t, e, res, byYear[key(e.Agency, e.Year-1)])
	}
	t.Logf("corpus: %d reports, %d values: %d right, %d listed as uncertain, %d wrong", len(corpus), total, right, unsure, total-right-unsure)
}

// checkDefects: the rules of the defects found by hand fire, and the rules
// that judge a published report fire on nothing else.
func checkDefects(t *testing.T, e expectation, res *Result, prev *Result) {
	t.Helper()
	var p *model.Report
	if prev != nil {
		p = prev.Report
	}
	fs := model.Check(res.Report, p)
	want := map[string]bool{}
	for _, d := range e.Defects {
		if id := ruleID.FindString(d); id != "" {
			want[id] = true
		}
	}
	got := map[string][]string{}
	for _, f := range fs {
		if f.Level != model.Info {
			got[f.Rule] = append(got[f.Rule], f.Key+" "+f.Message)
		}
	}
	for id := range want {
		if !implemented[id] {
			continue
		}
		if len(got[id]) == 0 {
			t.Errorf("%s: the published report's %s defect is not found", e.File, id)
		}
	}
	for _, id := range []string{"R1", "R2", "R3", "R4", "R6", "R7", "R8", "R9", "R10", "R11", "R14", "R16"} {
		for _, f := range got[id] {
			switch {
			case want[id]:
			case id == "R1" && want["R2"]:
				// A printed （七）总计 that does not add up breaks R1 on
				// the recomputed totals too.
			case (id == "R1" || id == "R2") && strings.Contains(f, "可能因导入时"):
				// Explained by the numbers the import could not place.
			default:
				t.Errorf("%s: false alarm %s: %s", e.File, id, f)
			}
		}
	}
	if len(got["R5"]) > 0 && len(res.Uncertain) == 0 && len(res.Blanks) == 0 && !blankTotals(res) {
		t.Errorf("%s: R5 without blank cells: %v", e.File, got["R5"][:1])
	}
}

// implemented lists the rules this build has (R16 comes with the
// year-over-year editing work).
var implemented = map[string]bool{"R1": true, "R2": true, "R3": true, "R4": true, "R5": true, "R6": true, "R7": true, "R8": true,
	"R9": true, "R10": true, "R11": true, "R14": true, "R16": true}

func blankTotals(res *Result) bool {
	for _, v := range res.Report.Published {
		if !v.Set {
			return true
		}
	}
	return false
}
