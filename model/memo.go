package model

import (
	"regexp"
	"strings"
	"sync"
)

// The rules run on every keystroke (a digit typed in 表三 re-checks the
// whole report), but the prose rarely changes between two checks: what is
// found by reading a text alone is remembered by the text, so that only the
// comparisons with the tables run again.

// memo remembers up to size values by key; it forgets everything when
// full. A key holds its text, so the size bounds the memory: a few dozen
// whole texts, or a thousand paragraphs.
type memo[K comparable, V any] struct {
	mu   sync.Mutex
	m    map[K]V
	size int
	keep func(K) K // the key as stored (a copy of a slice of a text)
}

func (c *memo[K, V]) get(k K, f func() V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = f()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.size {
		c.m = map[K]V{}
	}
	if c.keep != nil {
		k = c.keep(k)
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

// Keys hold the text itself (a string header, not a copy).
type (
	reText struct {
		re   *regexp.Regexp
		text string
	}
	yearText struct {
		year int
		text string
	}
)

var (
	findMemo    = memo[reText, []int]{size: 64}
	findAllMemo = memo[reText, [][]int]{size: 64}
	staleMemo   = memo[yearText, []StaleYear]{size: 1024, keep: func(k yearText) yearText {
		// A paragraph is a slice of its text: stored as is, it would keep
		// the whole text of every keystroke alive.
		k.text = strings.Clone(k.text)
		return k
	}}
)

// memoFind is re.FindStringIndex(text), remembered. A match must contain
// one of the words in need (none: no condition): a text without any of
// them is not run through the regexp, which is slow on long paragraphs.
func memoFind(re *regexp.Regexp, text string, need ...string) []int {
	if len(need) > 0 {
		found := false
		for _, w := range need {
			found = found || strings.Contains(text, w)
		}
		if !found {
			return nil
		}
	}
	return findMemo.get(reText{re, text}, func() []int { return re.FindStringIndex(text) })
}

// memoFindAll is re.FindAllStringSubmatchIndex(text, -1), remembered.
func memoFindAll(re *regexp.Regexp, text string) [][]int {
	return findAllMemo.get(reText{re, text}, func() [][]int { return re.FindAllStringSubmatchIndex(text, -1) })
}

// lastStale is, per text key, the last text read and what was found in
// it: an unchanged text (the same string, compared in O(1)) costs nothing.
var lastStale = struct {
	sync.Mutex
	m map[string]lastRead
}{m: map[string]lastRead{}}

type lastRead struct {
	text  string
	year  int
	found []StaleYear
}

// staleInMemo is staleIn, paragraph by paragraph, each remembered by its
// text and the year: typing in a long section re-reads one paragraph.
func staleInMemo(key, text string, year int) []StaleYear {
	lastStale.Lock()
	l, ok := lastStale.m[key]
	lastStale.Unlock()
	if ok && l.year == year && l.text == text {
		return l.found
	}
	found := staleParas(key, text, year)
	lastStale.Lock()
	if len(lastStale.m) > 256 {
		clear(lastStale.m)
	}
	lastStale.m[key] = lastRead{text, year, found}
	lastStale.Unlock()
	return found
}

func staleParas(key, text string, year int) []StaleYear {
	var out []StaleYear
	off := 0
	for {
		end := strings.IndexByte(text[off:], '\n')
		para := text[off:]
		if end >= 0 {
			para = text[off : off+end]
		}
		if para != "" {
			found := staleMemo.get(yearText{year, para}, func() []StaleYear { return staleIn("", para, year) })
			for _, s := range found {
				s.Key, s.Offset = key, s.Offset+off
				out = append(out, s)
			}
		}
		if end < 0 {
			return out
		}
		off += end + 1
	}
}
