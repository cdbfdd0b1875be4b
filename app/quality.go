package app

import (
	"context"
	"fmt"
	"os"
	"strings"

	"nianbao/export"
	"nianbao/model"
)

// QualityFormats are the formats of the quality table.
func QualityFormats() []FormatInfo { return export.QualityFormats }

// Quality builds the quality table: of a roll-up's members when ids is
// one roll-up, else of the reports given.
func (a *Service) Quality(ids []int64) (*export.Quality, error) {
	if len(ids) == 0 {
		return nil, usage("请写明报告编号")
	}
	q := &export.Quality{Made: a.now()}
	type item struct {
		id            int64
		name, missing string
	}
	var items []item
	if len(ids) == 1 {
		r, err := a.Load(ids[0])
		if err != nil {
			return nil, err
		}
		ms, err := a.Members(ids[0])
		if err != nil {
			return nil, err
		}
		if ms != nil {
			q.Title = fmt.Sprintf("%s %d 年度 成员报告质量检查表", r.Meta.Agency, r.Year)
			for _, m := range ms {
				it := item{id: m.ID, name: m.Name}
				if m.Missing() {
					it.id = 0
					it.missing = strings.TrimSpace(strings.TrimPrefix(missingWhy(m, r.Year), "（"))
				}
				items = append(items, it)
			}
		} else {
			q.Title = fmt.Sprintf("%s %d 年度报告质量检查表", r.Meta.Agency, r.Year)
			items = append(items, item{id: ids[0]})
		}
	} else {
		seen := map[int64]bool{}
		for _, id := range ids {
			if seen[id] {
				return nil, usage("报告 %d 写了两次", id)
			}
			seen[id] = true
			items = append(items, item{id: id})
		}
		q.Title = fmt.Sprintf("%d 份政府信息公开工作年度报告质量检查表", len(ids))
	}
	for _, it := range items {
		row := export.QualityRow{Name: it.name, ID: it.id, Missing: it.missing}
		if it.id == 0 {
			q.Rows = append(q.Rows, row)
			continue
		}
		r, fs, err := a.Check(it.id)
		if err != nil {
			return nil, err
		}
		if row.Name == "" {
			row.Name = r.Meta.Agency
		}
		row.Year = r.Year
		for _, f := range fs {
			row.Findings = append(row.Findings, export.QualityFinding{Finding: f, Where: where(r, f.Key)})
		}
		q.Rows = append(q.Rows, row)
	}
	return q, nil
}

// missingWhy says why a member has no report.
func missingWhy(m model.Member, year int) string {
	if m.Why != "" {
		return m.Why
	}
	return fmt.Sprintf("数据库中没有它的 %d 年度报告", year)
}

// where names a finding's place for the clerk.
func where(r *model.Report, key string) string {
	switch key {
	case model.KeyRollup:
		return "汇总名单"
	case "s4":
		return "四、行政复议、行政诉讼（标题）"
	case "s5":
		return "五、存在的主要问题及改进情况"
	}
	return r.KeyLabel(key)
}

// ExportQuality writes the quality table of several reports (CLI:
// export ID… --format quality-xlsx).
func (a *Service) ExportQuality(ctx context.Context, ids []int64, o ExportOptions) (*ExportResult, error) {
	if len(ids) == 1 {
		return a.Export(ctx, ids[0], o)
	}
	for _, f := range o.Formats {
		if !export.IsQuality(f) {
			return nil, usage("多个报告编号只能导出质量检查表（--format quality-xlsx 或 quality-html），“%s”一次只能导出一份报告", f)
		}
	}
	q, err := a.Quality(ids)
	if err != nil {
		return nil, err
	}
	first, err := a.Load(ids[0])
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(o.Name) == "" {
		o.Name = fmt.Sprintf("%s等%d个单位%d年度报告", strings.TrimSpace(first.Meta.Agency), len(ids), first.Year)
	}
	res := &ExportResult{}
	var paths []string
	for _, f := range o.Formats {
		path, err := resolve(o.Target, o.Name, first, f, len(o.Formats) > 1 || o.Target == "" || isDir(o.Target))
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(path); err == nil && !o.Force {
			return nil, export.Exists(path)
		}
		paths = append(paths, path)
	}
	for i, f := range o.Formats {
		if err := export.SaveQuality(f, paths[i], q, o.Force); err != nil {
			return res, err
		}
		res.Paths = append(res.Paths, paths[i])
	}
	return res, nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
