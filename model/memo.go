package model

import (
	"regexp"
	"sync"
)

// The rules run on every keystroke (a digit typed in 表三 re-checks the
// whole report), but the prose rarely changes between two checks: what is
// found by reading a text alone is remembered by the text, so that only the
// comparisons with the tables run again.

// memo remembers values by key; it forgets everything when full.
type memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

const memoSize = 256

func (c *memo[K, V]) get(k K, f func() V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = f()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= memoSize {
		c.m = map[K]V{}
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
	findMemo    memo[reText, []int]
	findAllMemo memo[reText, [][]int]
	staleMemo   memo[yearText, []StaleYear]
)

// memoFind is re.FindStringIndex(text), remembered.
func memoFind(re *regexp.Regexp, text string) []int {
	return findMemo.get(reText{re, text}, func() []int { return re.FindStringIndex(text) })
}

// memoFindAll is re.FindAllStringSubmatchIndex(text, -1), remembered.
func memoFindAll(re *regexp.Regexp, text string) [][]int {
	return findAllMemo.get(reText{re, text}, func() [][]int { return re.FindAllStringSubmatchIndex(text, -1) })
}

// staleInMemo is staleIn, remembered by text and year.
func staleInMemo(key, text string, year int) []StaleYear {
	found := staleMemo.get(yearText{year, text}, func() []StaleYear { return staleIn("", text, year) })
	out := make([]StaleYear, len(found))
	for i, s := range found {
		s.Key = key
		out[i] = s
	}
	return out
}
