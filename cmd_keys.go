package main

import (
	"fmt"
	"io"
	"time"

	"nianbao/app"
	"nianbao/model"
)

// keyInfo is one line of `nianbao keys`.
type keyInfo struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Computed bool   `json:"computed,omitempty"`
}

// formatKeys lists every canonical key of a format with its label, in
// document order, straight from the format definition.
func formatKeys(f *model.Format) []keyInfo {
	r := model.New(f, "", f.FirstYear)
	var out []keyInfo
	for _, k := range r.Keys() {
		out = append(out, keyInfo{k, r.KeyLabel(k), r.IsComputedKey(k)})
	}
	return out
}

// printKeys writes the keys as "key<TAB>label" lines; computed totals are
// marked, since they cannot be set.
func printKeys(w io.Writer, keys []keyInfo) {
	for _, k := range keys {
		label := k.Label
		if k.Computed {
			label += "（自动计算）"
		}
		fmt.Fprintf(w, "%s\t%s\n", k.Key, label)
	}
}

// keys prints the key reference of one format (by default the one for
// this year's reports). It needs no database.
func (c *cli) keys() int {
	id := c.args.value("format")
	f := model.FormatForYear(time.Now().Year())
	if id != "" {
		var err error
		if f, err = app.FormatFor(0, id); err != nil {
			return c.fail(err)
		}
	}
	keys := formatKeys(f)
	if c.args.flag("json") {
		if err := c.printJSON(keys); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	printKeys(c.stdout, keys)
	return exitOK
}
