package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"nianbao/model"
	"nianbao/store"
)

// A county office receives its departments' reports as a folder of files.
// Every file is read first (no database lock is held meanwhile), then the
// reports are stored in one transaction; a file whose agency, year and
// content the database already holds is skipped, and a file that cannot
// be read is listed with why — it never stops the others.

// DirFile is one file of a folder import.
type DirFile struct {
	Name string
	Path string
	Res  *ImportResult // what was read; nil when refused
	Err  error         // why it was not read
	// After storing: the new report, or the one that already holds it.
	ID        int64
	Duplicate bool
}

// Created tells a file that became a new report.
func (f DirFile) Created() bool { return f.Res != nil && f.ID != 0 && !f.Duplicate }

// maxDirFiles bounds a folder import.
const maxDirFiles = 1000

// ReadImportDir reads every file of a folder (not its subfolders): the
// importable ones, and the others to say why they are not (an old .doc, a
// PDF). Hidden files and Office's "~$" lock files are left out.
func ReadImportDir(ctx context.Context, dir string, o ImportOptions) ([]DirFile, error) {
	if o.Org != "" || o.Year != 0 {
		return nil, usage("导入文件夹时不能用 --org 或 --year（每个文件是不同单位的报告）：读不出单位或年度的文件请单独导入")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, usage("无法打开文件夹 %s", dir)
	}
	var files []DirFile
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if len(files) >= maxDirFiles {
			return nil, usage("文件夹 %s 中的文件超过 %d 个：请分成几个文件夹导入", dir, maxDirFiles)
		}
		files = append(files, DirFile{Name: name, Path: filepath.Join(dir, name)})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	if len(files) == 0 {
		return nil, usage("文件夹 %s 中没有文件", dir)
	}
	for i := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f := &files[i]
		f.Res, f.Err = ReadImportFile(ctx, f.Path, ImportOptions{})
		if f.Err != nil {
			f.Res = nil
			if n := ImportNeed(f.Err); n != nil {
				what := "报告年度"
				switch {
				case n.Agency && n.Year:
					what = "单位名称和报告年度"
				case n.Agency:
					what = "单位名称"
				}
				f.Err = usage("没有读出%s：请单独导入并写明（nianbao import 文件 --org 单位 --year 年度）", what)
			}
		}
	}
	return files, ctx.Err()
}

// StoreImportDir stores the reports read from a folder in one
// transaction; files already in the database (or twice in the folder) are
// marked Duplicate with the report that holds them.
func (a *Service) StoreImportDir(files []DirFile) error {
	var batch []store.NewReport
	var at []int
	for i, f := range files {
		if f.Res == nil {
			continue
		}
		r, err := prepare(nil, f.Res.Report)
		if err != nil {
			files[i].Res, files[i].Err = nil, err
			continue
		}
		batch = append(batch, store.NewReport{R: r, Origin: "import:" + f.Name})
		at = append(at, i)
	}
	if len(batch) == 0 {
		return nil
	}
	stored, err := a.st.CreateAll(batch)
	if err != nil {
		return err
	}
	for j, s := range stored {
		files[at[j]].ID, files[at[j]].Duplicate = s.ID, s.Duplicate
	}
	return nil
}

// DirTable is the table of a folder import, a header and one row a file:
// file, agency, year, format, numbers read, blanks, uncertain, 错误/警告 of
// the published report (its blank cells apart), and what became of it.
func DirTable(files []DirFile) [][]string {
	rows := [][]string{{"文件", "单位", "年度", "格式", "读到", "空白", "不确定", "错误/警告", "结果"}}
	for _, f := range files {
		name := CleanLine(f.Name)
		if f.Res == nil {
			why := "未导入"
			if f.Err != nil {
				why = "未导入：" + firstLine(f.Err.Error())
			}
			rows = append(rows, []string{name, "", "", "", "", "", "", "", why})
			continue
		}
		r := f.Res.Report
		e, w := model.Tally(f.Res.Findings)
		for _, x := range f.Res.Findings {
			if x.IsBlank() { // in the column 空白
				w--
			}
		}
		result := "未保存"
		switch {
		case f.Duplicate:
			result = fmt.Sprintf("已有（编号 %d），跳过", f.ID)
		case f.ID != 0:
			result = fmt.Sprintf("新建 编号 %d", f.ID)
		}
		rows = append(rows, []string{name, r.Meta.Agency, strconv.Itoa(r.Year), r.Format.ID + "版", strconv.Itoa(f.Res.CellsRead),
			strconv.Itoa(len(f.Res.Blanks)), strconv.Itoa(f.Res.UncertainCount()), fmt.Sprintf("%d/%d", e, w), result})
	}
	return rows
}

// DirSummary counts a folder import: created, skipped as duplicates, not read.
func DirSummary(files []DirFile) (created, duplicates, refused int) {
	for _, f := range files {
		switch {
		case f.Res == nil:
			refused++
		case f.Duplicate:
			duplicates++
		case f.ID != 0:
			created++
		}
	}
	return
}
