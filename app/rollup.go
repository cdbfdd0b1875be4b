package app

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/internal/errs"
	"nianbao/model"
	"nianbao/store"
)

// A roll-up report is made from its members' reports (all of one year and
// one format) and keeps their list; its findings are always computed
// against the members as they are now (R13), so editing a member shows on
// the roll-up at once, and Refresh brings the sums up to date.

// RollupOptions says which reports to roll up: IDs, every report of the
// year (All), or the lines of a member list (Names: ids or agency names).
type RollupOptions struct {
	Org   string
	Year  int
	IDs   []int64
	All   bool
	Names []string
}

// RollupResult is a created or refreshed roll-up.
type RollupResult struct {
	ID      int64
	Members []model.Member
	Changed int      // cells a refresh changed
	Notes   []string // blanks counted as 0, missing members, prose kept
}

// Caps of a member list: a county has a hundred departments, a city a few
// hundred; a file of members is a short list.
const (
	maxMembers     = 2000
	maxMemberFile  = 1 << 20
	maxMemberDepth = 16
	maxAgency      = 200 // characters of an agency's name in a member list
)

// ReadMemberFile reads a member list: one report id or agency name a line;
// blank lines and lines starting with # are skipped.
func ReadMemberFile(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, usage("无法读取成员名单文件 %s", path)
	}
	if st.IsDir() || st.Size() > maxMemberFile {
		return nil, usage("%s 不是成员名单（应是每行一个报告编号或单位名称的文字文件，不超过 1 MB）", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usage("无法读取成员名单文件 %s", path)
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, usage("成员名单 %s：%v", path, err)
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 4096), maxMemberFile)
	for sc.Scan() {
		l := CleanLine(strings.TrimSpace(strings.Trim(sc.Text(), "\ufeff")))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if utf8.RuneCountInString(l) > maxAgency {
			return nil, usage("成员名单 %s 中有一行太长（%d 字），不像是单位名称或报告编号", path, utf8.RuneCountInString(l))
		}
		out = append(out, l)
		if len(out) > maxMembers {
			return nil, usage("成员名单 %s 超过 %d 行", path, maxMembers)
		}
	}
	if len(out) == 0 {
		return nil, usage("成员名单 %s 是空的：请每行写一个报告编号或单位名称", path)
	}
	return out, nil
}

// decodeText reads UTF-8 or GB18030 text (a list saved by Notepad or Excel).
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", fmt.Errorf("这不是文字文件")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("无法识别文件的编码，请另存为 UTF-8 文字文件")
	}
	return string(d), nil
}

// Rollup creates a roll-up report of Org for Year from its members.
// Members of another year or format, a member given twice, and a member
// already counted inside another member (a county roll-up and one of its
// departments) are refused; nothing is stored then.
func (a *Service) Rollup(o RollupOptions) (*RollupResult, error) {
	o.Org = strings.TrimSpace(o.Org)
	if o.Org == "" {
		return nil, usage("请用 --org 写明汇总报告的单位名称，如 --org 沭阳县")
	}
	if err := CheckYear(o.Year); err != nil {
		return nil, err
	}
	ways := 0
	for _, b := range []bool{len(o.IDs) > 0, o.All, len(o.Names) > 0} {
		if b {
			ways++
		}
	}
	if ways != 1 {
		return nil, usage("请用一种方式指定成员：报告编号、--all（该年度的全部报告）或 --members 名单文件")
	}
	var refs []store.MemberRef
	switch {
	case o.All:
		lines, err := a.st.List(false)
		if err != nil {
			return nil, err
		}
		rollups, err := a.st.Rollups()
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			if l.Year == o.Year && !rollups[l.ID] {
				refs = append(refs, store.MemberRef{ID: l.ID, Name: l.Agency})
			}
		}
		if len(refs) == 0 {
			return nil, usage("数据库中没有 %d 年度的报告（汇总报告除外），无法汇总", o.Year)
		}
	case len(o.IDs) > 0:
		for _, id := range o.IDs {
			refs = append(refs, store.MemberRef{ID: id})
		}
	default:
		for _, n := range o.Names {
			if id, err := strconv.ParseInt(model.NormalizeNumber(n), 10, 64); err == nil && id > 0 {
				refs = append(refs, store.MemberRef{ID: id})
			} else {
				refs = append(refs, store.MemberRef{Name: n})
			}
		}
	}
	if len(refs) > maxMembers {
		return nil, usage("成员太多（%d 个）：一份汇总报告最多 %d 个成员", len(refs), maxMembers)
	}
	members, err := a.members(0, o.Year, refs, nil)
	if err != nil {
		return nil, err
	}
	// Ids must name reports; names are looked up in the year.
	for i, m := range members {
		if refs[i].ID != 0 && m.Missing() {
			return nil, usage("没有编号为 %d 的报告（可用 nianbao list 查看），没有汇总", refs[i].ID)
		}
	}
	f := firstFormat(members, o.Year)
	if err := model.CheckMembers(f, o.Year, members); err != nil {
		return nil, errs.Wrap(errs.Refused, err, "%v", err)
	}
	if err := distinct(members); err != nil {
		return nil, err
	}
	present := 0
	for _, m := range members {
		if !m.Missing() {
			present++
		}
	}
	if present == 0 {
		return nil, usage("名单中的单位在数据库中都没有 %d 年度的报告，无法汇总", o.Year)
	}
	if err := a.overlap(members); err != nil {
		return nil, err
	}
	r, notes, err := model.NewRollup(f, o.Org, o.Year, members)
	if err != nil {
		return nil, errs.Wrap(errs.Refused, err, "%v", err)
	}
	r, err = prepare(nil, r)
	if err != nil {
		return nil, err
	}
	for i, m := range members {
		refs[i] = store.MemberRef{ID: m.ID, Name: m.Name}
	}
	id, err := a.st.CreateRollup(r, "rollup", refs)
	if err != nil {
		return nil, err
	}
	return &RollupResult{ID: id, Members: members, Notes: append(missingNotes(members, o.Year), notes...)}, nil
}

// RefreshRollup sets a roll-up's tables to its members' sums now. The
// generated sentences are written again where the clerk left them as
// generated; a text the clerk changed is kept (R9 then compares it).
func (a *Service) RefreshRollup(id int64) (*RollupResult, error) {
	r, err := a.Load(id)
	if err != nil {
		return nil, err
	}
	refs, err := a.st.Members(id)
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return nil, usage("报告 %d 不是汇总报告（用 nianbao rollup --org 单位 --year 年度 编号… 生成汇总报告）", id)
	}
	members, err := a.members(id, r.Year, refs, nil)
	if err != nil {
		return nil, err
	}
	if err := model.CheckMembers(r.Format, r.Year, members); err != nil {
		return nil, errs.Wrap(errs.Refused, err, "%v", err)
	}
	after := r.Clone()
	changed, notes := model.Resum(after, members)
	kept := model.RefreshProse(r, after)
	if err := a.SaveWithVersion(id, r, r, after, ReasonBeforeRefresh); err != nil {
		return nil, err
	}
	var now []store.MemberRef
	same := true
	for i, m := range members {
		now = append(now, store.MemberRef{ID: m.ID, Name: m.Name})
		same = same && now[i] == refs[i]
	}
	if !same {
		if err := a.st.SetMembers(id, now); err != nil {
			return nil, err
		}
	}
	notes = append(missingNotes(members, r.Year), notes...)
	for _, k := range kept {
		notes = append(notes, fmt.Sprintf("%s 已被改写过，没有重新生成；请核对其中的数字", r.KeyLabel(k)))
	}
	return &RollupResult{ID: id, Members: members, Changed: changed, Notes: notes}, nil
}

// Members is a roll-up's member list as it is now (nil for a report that
// is not a roll-up).
func (a *Service) Members(id int64) ([]model.Member, error) {
	r, err := a.load(id)
	if err != nil {
		return nil, err
	}
	refs, err := a.st.Members(id)
	if err != nil || len(refs) == 0 {
		return nil, err
	}
	return a.members(id, r.Year, refs, nil)
}

// members loads the figures of a member list (Member.R holds the agency,
// the tables and the fee, not the text): a listed report that is gone
// (deleted), or that would make the roll-up count itself, is missing,
// with why; a name without a report is looked up again, so a department
// imported later is found. known holds whole reports already read (the
// report list); the others are read together.
func (a *Service) members(self int64, year int, refs []store.MemberRef, known map[int64]*model.Report) ([]model.Member, error) {
	cache := map[int64]*model.Report{}
	for id, r := range known {
		cache[id] = r
	}
	var byName map[string]int64
	rollups, err := a.st.Rollups()
	if err != nil {
		return nil, err
	}
	out := make([]model.Member, len(refs))
	var need []int64
	for i, ref := range refs {
		m := model.Member{ID: ref.ID, Name: ref.Name}
		if m.ID == 0 {
			if byName == nil {
				if byName, err = a.reportsOf(year); err != nil {
					return nil, err
				}
			}
			m.ID = byName[ref.Name]
		}
		if m.ID != 0 && self != 0 && (m.ID == self || rollups[m.ID] && a.contains(m.ID, self, 0)) {
			m.Why = fmt.Sprintf("（编号 %d）本身包含这份汇总报告，不能作为它的成员（会循环汇总）", m.ID)
			if ref.ID == 0 {
				m.ID = 0
			}
			out[i] = m
			continue
		}
		if m.ID != 0 && cache[m.ID] == nil {
			need = append(need, m.ID)
		}
		out[i] = m
	}
	if len(need) > 0 {
		got, err := a.st.LoadFigures(need)
		if err != nil {
			return nil, err
		}
		for id, r := range got {
			cache[id] = cleaned(r)
		}
	}
	for i := range out {
		m := &out[i]
		if m.ID == 0 || m.Why != "" {
			continue
		}
		r := cache[m.ID]
		if r == nil {
			m.Why = fmt.Sprintf("（编号 %d）已被删除或不存在", m.ID)
			continue
		}
		if m.Name == "" {
			m.Name = r.Meta.Agency
		}
		m.R = r
	}
	return out, nil
}

// reportsOf maps the agencies of a year's live reports to their report
// (the most recently changed one).
func (a *Service) reportsOf(year int) (map[string]int64, error) {
	lines, err := a.st.List(false)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, l := range lines { // most recently changed first
		if _, ok := out[l.Agency]; !ok && l.Year == year {
			out[l.Agency] = l.ID
		}
	}
	return out, nil
}

// contains tells whether roll-up id holds member (directly or in one of
// its member roll-ups).
func (a *Service) contains(id, member int64, depth int) bool {
	if depth > maxMemberDepth {
		return true // deeper than any real hierarchy: treat as a loop
	}
	refs, err := a.st.Members(id)
	if err != nil {
		return false
	}
	for _, ref := range refs {
		if ref.ID == member || ref.ID != 0 && a.contains(ref.ID, member, depth+1) {
			return true
		}
	}
	return false
}

// distinct refuses a member given twice, and two reports of one agency.
func distinct(ms []model.Member) error {
	byID := map[int64]bool{}
	byName := map[string]int64{}
	for _, m := range ms {
		if m.ID == 0 {
			continue
		}
		if byID[m.ID] {
			return usage("报告 %d（%s）在成员中出现了两次，没有汇总", m.ID, m.Name)
		}
		byID[m.ID] = true
		if other, ok := byName[m.Name]; ok {
			return usage("成员中“%s”有两份报告（编号 %d、%d），会重复计算：请只留一份", m.Name, other, m.ID)
		}
		byName[m.Name] = m.ID
	}
	return nil
}

// overlap refuses a member that another member (a roll-up) already counts.
func (a *Service) overlap(ms []model.Member) error {
	rollups, err := a.st.Rollups()
	if err != nil {
		return err
	}
	for _, x := range ms {
		if x.ID == 0 || !rollups[x.ID] {
			continue
		}
		inside := map[int64]bool{}
		a.descendants(x.ID, inside, 0)
		for _, y := range ms {
			if y.ID != 0 && y.ID != x.ID && inside[y.ID] {
				return usage("%s（编号 %d）已经汇总在成员 %s（编号 %d）中，会重复计算：请去掉其中一个", y.Name, y.ID, x.Name, x.ID)
			}
		}
	}
	return nil
}

// descendants collects the members of a roll-up, and theirs.
func (a *Service) descendants(id int64, into map[int64]bool, depth int) {
	if depth > maxMemberDepth {
		return
	}
	refs, _ := a.st.Members(id)
	for _, ref := range refs {
		if ref.ID != 0 && !into[ref.ID] {
			into[ref.ID] = true
			a.descendants(ref.ID, into, depth+1)
		}
	}
}

// firstFormat is the format most members of the year use (else the
// year's): the odd one out is the one refused.
func firstFormat(ms []model.Member, year int) *model.Format {
	n := map[*model.Format]int{}
	best := model.FormatForYear(year)
	for _, m := range ms {
		if m.R != nil && m.R.Year == year {
			n[m.R.Format]++
			if n[m.R.Format] > n[best] {
				best = m.R.Format
			}
		}
	}
	return best
}

func missingNotes(ms []model.Member, year int) []string {
	var out []string
	for _, m := range ms {
		if m.Missing() {
			why := m.Why
			if why == "" {
				why = fmt.Sprintf("数据库中没有它的 %d 年度报告", year)
			}
			out = append(out, fmt.Sprintf("名单中的“%s”%s，汇总中没有它的数字（导入它的报告后重新汇总）", m.Name, why))
		}
	}
	return out
}

// checkContext reads what the rules need besides a report: last year's
// report, a roll-up's members, the clerk's reviews.
func (a *Service) checkContext(id int64, r *model.Report, cache map[int64]*model.Report) (model.Context, error) {
	prev, err := a.st.Previous(id, r)
	if err != nil {
		return model.Context{}, err
	}
	cx := model.Context{Prev: cleaned(prev)}
	refs, err := a.st.Members(id)
	if err != nil {
		return cx, err
	}
	if len(refs) > 0 {
		cx.Rollup = true
		if cx.Members, err = a.members(id, r.Year, refs, cache); err != nil {
			return cx, err
		}
	}
	cx.Dismissed, err = a.st.Dismissals(id)
	return cx, err
}

// LoadForEdit reads a report and what its rules need (last year's report,
// a roll-up's members, the reviews), for the editor.
func (a *Service) LoadForEdit(id int64) (*model.Report, model.Context, error) {
	r, err := a.load(id)
	if err != nil {
		return nil, model.Context{}, err
	}
	cx, err := a.checkContext(id, r, nil)
	return cleaned(r), cx, err
}

// MemberStatus is a member of a roll-up as the 汇总 page lists it.
type MemberStatus struct {
	model.Member
	Errors, Warnings, Blanks int
	Updated                  time.Time
	Problem                  string // why its findings could not be read
}

// MemberStatuses checks every member of a roll-up (its 错误, 警告 and
// blank cells, as the report list counts them) and says when each last
// changed; missing members are listed with why.
func (a *Service) MemberStatuses(id int64) ([]MemberStatus, error) {
	r, err := a.Load(id)
	if err != nil {
		return nil, err
	}
	ms, err := a.Members(id)
	if err != nil {
		return nil, err
	}
	lines, err := a.st.List(false)
	if err != nil {
		return nil, err
	}
	updated := map[int64]time.Time{}
	for _, l := range lines {
		updated[l.ID] = l.Updated
	}
	out := make([]MemberStatus, 0, len(ms))
	for _, m := range ms {
		s := MemberStatus{Member: m}
		if m.Missing() {
			s.Why = missingWhy(m, r.Year)
			out = append(out, s)
			continue
		}
		s.Updated = updated[m.ID]
		_, fs, err := a.Check(m.ID)
		if err != nil {
			s.Problem = err.Error()
		} else {
			s.Errors, s.Warnings = model.Tally(fs)
			for _, f := range fs {
				if f.IsBlank() {
					s.Blanks++
				}
			}
			s.Warnings -= s.Blanks
		}
		out = append(out, s)
	}
	return out, nil
}
