package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/errs"
	"nianbao/model"
)

// Caps on what a report may hold, so that every stored report can be
// exported and imported again (the importer reads files up to 50 MB, and
// JSON may spell a character in up to six bytes).
const (
	MaxFieldChars  = 1_000_000 // characters in one text field
	MaxReportBytes = 8_000_000 // bytes of text in one report
)

// oneLine tells the text keys that hold a single line: names, headings,
// contact data, dates. Everything else is prose and keeps its line breaks.
func oneLine(key string) bool {
	return strings.HasSuffix(key, ".heading") || (strings.HasPrefix(key, "meta.") && key != "meta.preamble")
}

// CleanLine removes what must never reach a terminal from a one-line text:
// control characters (C0, DEL, C1: escape sequences could retitle the
// window or clear the screen), line breaks and tabs (made spaces), and
// invalid UTF-8.
func CleanLine(s string) string { return clean(s, true) }

func clean(s string, single bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if strings.IndexFunc(s, unsafe(single)) < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			if single {
				return ' '
			}
			if r == '\r' {
				return '\n'
			}
			return r
		case unicode.IsControl(r) || r == '\ufeff':
			return -1
		}
		return r
	}, s)
	if single {
		s = strings.TrimSpace(s)
	}
	return s
}

// unsafe is what clean changes.
func unsafe(single bool) func(rune) bool {
	return func(r rune) bool {
		if r == '\n' || r == '\t' {
			return single
		}
		return unicode.IsControl(r) || r == '\ufeff'
	}
}

// sanitize cleans every text of a report in place and reports whether
// anything changed.
func sanitize(r *model.Report) bool {
	changed := false
	for k, v := range r.Entries() {
		if isCellKey(r, k) {
			continue
		}
		if c := clean(v, oneLine(k)); c != v {
			if r.Set(k, c) == nil {
				changed = true
			}
		}
	}
	return changed
}

// cleaned is a copy of r without control characters, or r itself when it
// has none (reports come out of the service this way: data typed or
// imported by an older version never reaches a screen raw).
func cleaned(r *model.Report) *model.Report {
	if r == nil {
		return nil
	}
	c := r.Clone()
	if sanitize(c) {
		return c
	}
	return r
}

func isCellKey(r *model.Report, k string) bool {
	if _, ok := r.Format.Cell(k); ok {
		return true
	}
	if base, ok := strings.CutSuffix(k, "_unit"); ok {
		_, ok := r.Format.Cell(base)
		return ok
	}
	return strings.HasSuffix(k, ".order")
}

// prepare cleans and checks a report state before it is stored: no
// agency, a year no format covers, a text beyond the caps are refused;
// control characters are removed from the texts (the result may be a
// cleaned copy of after). before is the stored state (nil for a new
// report); only what changed is judged, so an old report that breaks a
// newer rule can still be edited, and a save costs what it changes.
func prepare(before, after *model.Report) (*model.Report, error) {
	var old map[string]string
	oldTotal := 0
	if before != nil {
		old = before.Entries()
		for _, v := range old {
			oldTotal += len(v)
		}
	}
	cur := after.Entries()
	var fixed *model.Report
	total := 0
	for k, v := range cur {
		if v != old[k] && !isCellKey(after, k) {
			if c := clean(v, oneLine(k)); c != v {
				if fixed == nil {
					fixed = after.Clone()
				}
				if fixed.Set(k, c) == nil {
					v = c
				}
			}
			if n := utf8.RuneCountInString(v); n > MaxFieldChars {
				return nil, errs.New(errs.Refused, "“%s”太长：%d 字，每项最多 %d 字", after.KeyLabel(k), n, MaxFieldChars)
			}
		}
		total += len(v)
	}
	if fixed != nil {
		after = fixed
	}
	if strings.TrimSpace(after.Meta.Agency) == "" && (before == nil || before.Meta.Agency != after.Meta.Agency) {
		return nil, usage("单位名称（发布机构）不能为空")
	}
	if before == nil || before.Year != after.Year {
		if err := CheckYear(after.Year); err != nil {
			return nil, err
		}
	}
	if total > MaxReportBytes && total > oldTotal {
		return nil, errs.New(errs.Refused, "报告的文字太多（%.1f MB），一份报告最多 %.0f MB", float64(total)/1e6, float64(MaxReportBytes)/1e6)
	}
	return after, nil
}
