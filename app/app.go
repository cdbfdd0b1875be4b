// Package app holds the operations a clerk performs — new report, new from
// last year, set values, check, demo, history — on top of the model and the
// store, so that the command line and the TUI do exactly the same thing.
package app

import (
	"fmt"
	"nianbao/internal/errs"
	"os"
	"strings"
	"time"

	"nianbao/model"
	"nianbao/store"
)

// EnvDB names the environment variable that chooses the database file.
const EnvDB = "NIANBAO_DB"

// DBPath resolves the database file: --db, else NIANBAO_DB, else the
// user's config folder.
func DBPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env, nil
	}
	return store.DefaultPath()
}

// usage refuses a request (exit code 2) with a Chinese message.
func usage(format string, a ...any) error { return errs.New(errs.Refused, format, a...) }

// MinYear is the first report year with a supported format.
const MinYear = 2019

// CheckYear refuses years no format covers, or far in the future.
func CheckYear(year int) error {
	if year < MinYear {
		return usage("年度 %d 不在支持范围内：本程序支持 2019 年及以后的年度报告（2019 版和 2021 版格式）", year)
	}
	if year > time.Now().Year()+1 {
		return usage("年度 %d 还没有到，请检查输入", year)
	}
	return nil
}

// FormatFor picks the format: the one asked for, else the one for the year.
func FormatFor(year int, formatID string) (*model.Format, error) {
	if formatID == "" {
		return model.FormatForYear(year), nil
	}
	f, ok := model.FormatByID(formatID)
	if !ok {
		return nil, usage("格式“%s”无效：只能是 2019 或 2021", formatID)
	}
	return f, nil
}

// NewOptions describes a new report.
type NewOptions struct {
	Agency string
	Year   int
	Format string // "" = by year
	From   int64  // 0 = empty report, else carry forward from this report
}

// NewReport creates a report, empty or carried forward from an earlier one.
// notes lists (in Chinese) what a carry across formats could not map.
func (a *Service) NewReport(o NewOptions) (id int64, notes []string, err error) {
	o.Agency = strings.TrimSpace(o.Agency)
	if err := CheckYear(o.Year); err != nil {
		return 0, nil, err
	}
	f, err := FormatFor(o.Year, o.Format)
	if err != nil {
		return 0, nil, err
	}
	if !f.Covers(o.Year) {
		notes = append(notes, fmt.Sprintf("注意：%d 年度报告应使用 %s 版格式，这里按要求使用了 %s 版", o.Year, model.FormatForYear(o.Year).ID, f.ID))
	}
	var r *model.Report
	origin := "new"
	if o.From != 0 {
		prev, err := a.Load(o.From)
		if err != nil {
			return 0, nil, err
		}
		var carry []string
		r, carry, err = model.CarryForward(prev, f, o.Year)
		if err != nil {
			return 0, nil, errs.Wrap(errs.Refused, err, "%v", err)
		}
		notes = append(notes, carry...)
		if o.Agency != "" && o.Agency != r.Meta.Agency {
			r.Set("meta.agency", o.Agency)
		}
		origin = fmt.Sprintf("from:%d", o.From)
	} else {
		if o.Agency == "" {
			return 0, nil, usage("请用 --org 写明单位名称（发布机构）")
		}
		r = model.New(f, o.Agency, o.Year)
	}
	id, err = a.create(r, origin)
	return id, notes, err
}

// Demo creates a fresh copy of the sample report.
func (a *Service) Demo() (int64, error) { return a.create(model.Demo(), "demo") }

// Set applies key=value pairs to a report: all of them, or none.
func (a *Service) Set(id int64, pairs [][2]string) error {
	r, err := a.Load(id)
	if err != nil {
		return err
	}
	after := r.Clone()
	if err := after.SetAll(pairs); err != nil {
		return err
	}
	return a.Save(id, r, after)
}

// Check loads a report and runs every rule, with last year's report of the
// same agency when the database has it.
// A roll-up is checked against its members as they are now (R13); the
// findings the clerk dismissed are marked and not counted.
func (a *Service) Check(id int64) (*model.Report, []model.Finding, error) {
	return a.check(id, nil)
}

// check is Check with reports already read (cache, may be nil).
func (a *Service) check(id int64, cache map[int64]*model.Report) (*model.Report, []model.Finding, error) {
	r := cache[id]
	if r == nil {
		raw, err := a.load(id)
		if err != nil {
			return nil, nil, err
		}
		r = cleaned(raw)
		if cache != nil {
			cache[id] = r
		}
	}
	cx, err := a.checkContext(id, r, cache)
	if err != nil {
		return nil, nil, err
	}
	return r, model.CheckIn(r, cx), nil
}

// Line is one row of the report list.
type Line struct {
	store.Summary
	// Warnings leaves out the cells not yet entered, counted as Blanks:
	// a report made from last year's is not "164 warnings".
	Errors, Warnings, Blanks int
	Percent                  int    // how much is filled in
	Problem                  string // why the report cannot be read ("" when it can); its counts mean nothing then
	Rollup                   bool   // a roll-up of other reports
}

// List returns the reports with their counts of 错误 and 警告.
func (a *Service) List(deleted bool) ([]Line, error) {
	sums, err := a.st.List(deleted)
	if err != nil {
		return nil, err
	}
	out := make([]Line, 0, len(sums))
	rollups, err := a.st.Rollups()
	if err != nil {
		return nil, err
	}
	// Read each report once: a roll-up's members are in the list too.
	cache := map[int64]*model.Report{}
	for _, x := range sums {
		l := Line{Summary: x, Rollup: rollups[x.ID]}
		l.Agency = CleanLine(l.Agency)
		if !deleted {
			r, fs, err := a.check(x.ID, cache)
			if err != nil {
				l.Problem = err.Error()
			} else {
				l.Errors, l.Warnings = model.Tally(fs)
				for _, f := range fs {
					if f.IsBlank() {
						l.Blanks++
					}
				}
				l.Warnings -= l.Blanks
				done, total := r.Progress()
				l.Percent = done * 100 / max(total, 1)
			}
		}
		out = append(out, l)
	}
	return out, nil
}
