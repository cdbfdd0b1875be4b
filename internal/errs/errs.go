// Package errs is nianbao's one error type: a kind (what went wrong, which
// decides the exit code and what a caller may do about it), the complete
// Chinese message for the clerk, and the cause underneath for errors.Is/As.
// Every package returns these; callers add context with fmt.Errorf("…%w").
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies a failure.
type Kind uint8

// The kinds. Internal is a bug (exit 3); every other kind is a refusal
// (exit 2) that leaves the data as it was.
const (
	Unknown  Kind = iota // not an *Error (a library's error passed through)
	Internal             // a bug in nianbao
	Refused              // a request that cannot be done as asked: usage, key, value
	NotFound             // no such report, revision or file
	Exists               // the target file exists (export without --force)
	Locked               // another nianbao is writing the database
	ReadOnly             // the database cannot be written here
	Foreign              // not a nianbao database; left untouched
	Newer                // written by a newer nianbao; left untouched
	Outdated             // written by an older nianbao, and cannot be upgraded here (read-only)
	Corrupt              // the database file is damaged
	IO                   // the disk or file system failed (full, no permission)
)

var names = [...]string{"unknown", "internal", "refused", "notfound", "exists", "locked", "readonly", "foreign", "newer", "outdated", "corrupt", "io"}

func (k Kind) String() string {
	if int(k) < len(names) {
		return names[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Error is a failure with a message for the clerk.
type Error struct {
	Kind Kind
	Msg  string // complete, Chinese
	Path string // the file concerned, when there is one
	Err  error  // the cause, if any
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is matches a bare kind: errors.Is(err, errs.Of(errs.NotFound)).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Msg == "" && t.Err == nil && t.Kind == e.Kind
}

// New makes an error of a kind with a formatted message.
func New(k Kind, format string, a ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, a...)}
}

// Wrap makes an error of a kind whose cause is err.
func Wrap(k Kind, err error, format string, a ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, a...), Err: err}
}

// Of is the bare kind, for errors.Is.
func Of(k Kind) error { return &Error{Kind: k} }

// KindOf is the kind of the first *Error in err's chain, Unknown if none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// Is reports whether err's chain holds an *Error of kind k.
func Is(err error, k Kind) bool { return errors.Is(err, Of(k)) }
