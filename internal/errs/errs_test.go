package errs

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestKindsSurviveWrapping(t *testing.T) {
	cause := fs.ErrPermission
	e := Wrap(ReadOnly, cause, "数据库是只读的：%s", "a.db")
	wrapped := fmt.Errorf("导出没有记入历史版本：%w", e)
	if KindOf(wrapped) != ReadOnly || !Is(wrapped, ReadOnly) || Is(wrapped, Locked) {
		t.Errorf("kind through %%w: %v", KindOf(wrapped))
	}
	if !errors.Is(wrapped, Of(ReadOnly)) || !errors.Is(wrapped, fs.ErrPermission) {
		t.Error("errors.Is must see the kind and the cause")
	}
	if e.Error() != "数据库是只读的：a.db" || wrapped.Error() != "导出没有记入历史版本：数据库是只读的：a.db" {
		t.Errorf("messages: %q %q", e, wrapped)
	}
	var got *Error
	if !errors.As(wrapped, &got) || got != e {
		t.Error("errors.As")
	}
	if KindOf(errors.New("plain")) != Unknown || KindOf(nil) != Unknown || Is(nil, Refused) {
		t.Error("errors without a kind")
	}
	// A message-bearing error is not a bare kind: it matches only itself.
	if errors.Is(New(NotFound, "甲"), New(NotFound, "乙")) {
		t.Error("two messages of a kind are not the same error")
	}
	if Internal.String() != "internal" || Kind(200).String() != "kind(200)" {
		t.Error("names")
	}
}
