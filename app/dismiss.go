package app

import (
	"os"
	"os/user"
	"strings"
	"time"
	"unicode/utf8"

	"nianbao/model"
)

// A warning the clerk has looked into can be kept with a reason ("已核实"):
// it stays listed, is no longer counted, and comes back by itself when
// its figures change (its id holds a fingerprint of them).

// Dismiss marks a finding of a report as reviewed, with the reason, the
// OS user and the time. Only a 警告 or 提示 the report has now can be.
func (a *Service) Dismiss(id int64, findingID, reason string) (model.Finding, error) {
	reason = strings.TrimSpace(CleanLine(reason))
	if reason == "" {
		return model.Finding{}, usage("请写明理由（--reason \"……\"），例如“现行有效件数因清理文件减少，正文已说明”")
	}
	if n := utf8.RuneCountInString(reason); n > model.MaxReason {
		return model.Finding{}, usage("理由太长（%d 字），最多 %d 字", n, model.MaxReason)
	}
	f, err := a.finding(id, findingID)
	if err != nil {
		return f, err
	}
	if err := model.CanDismiss(f); err != nil {
		return f, usage("%s %s：%v", f.Rule, f.Key, err)
	}
	d := model.Dismissal{Dismissed: true, Reason: reason, By: a.User(), At: a.now().Format(time.RFC3339)}
	if err := a.st.Dismiss(id, f.ID, d); err != nil {
		return f, err
	}
	f.Dismissal = d
	return f, nil
}

// Undismiss counts a reviewed finding again.
func (a *Service) Undismiss(id int64, findingID string) error {
	findingID = strings.TrimSpace(findingID)
	if _, err := a.Load(id); err != nil {
		return err
	}
	ok, err := a.st.Undismiss(id, findingID)
	if err != nil {
		return err
	}
	if !ok {
		return usage("报告 %d 中的问题 %s 没有被标记为已核实（nianbao check %d --json 查看问题编号）", id, findingID, id)
	}
	return nil
}

// finding finds a finding of a report by its id.
func (a *Service) finding(id int64, findingID string) (model.Finding, error) {
	findingID = strings.TrimSpace(findingID)
	_, fs, err := a.Check(id)
	if err != nil {
		return model.Finding{}, err
	}
	for _, f := range fs {
		if f.ID == findingID {
			return f, nil
		}
	}
	return model.Finding{}, usage("报告 %d 现在没有编号为“%s”的问题：数字或文字改动后问题的编号会变，请用 nianbao check %d --json 查看", id, findingID, id)
}

// User is who reviews: the OS user, or what SetUser chose (tests).
func (a *Service) User() string {
	if a.user != "" {
		return a.user
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return CleanLine(u.Username)
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return CleanLine(v)
		}
	}
	return "未知用户"
}

// SetUser names the reviewer instead of the OS user (tests, the manual).
func (a *Service) SetUser(name string) { a.user = name }

func (a *Service) now() time.Time { return a.st.Now() }
