package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// JSONVersion is the version of the project's own JSON file format.
const JSONVersion = 1

// obj is a JSON object that keeps its keys in insertion order, so that the
// file reads in the order of the report.
type obj struct {
	keys []string
	vals map[string]any
}

func newObj() *obj { return &obj{vals: map[string]any{}} }

func (o *obj) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// path returns the nested object at a dotted path, creating it.
func (o *obj) path(parts []string) *obj {
	cur := o
	for _, p := range parts {
		next, ok := cur.vals[p].(*obj)
		if !ok {
			next = newObj()
			cur.set(p, next)
		}
		cur = next
	}
	return cur
}

func (o *obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes the report in the project's lossless JSON format
// (FORMAT.md §10.6): nested by key, counts as integers, decimals as strings,
// blank cells as null, computed totals included for readers (and ignored
// when read back).
func (r *Report) MarshalJSON() ([]byte, error) {
	root := newObj()
	root.set("nianbao", JSONVersion)
	for _, k := range r.Keys() {
		if strings.HasPrefix(k, "s1.parts.") {
			continue
		}
		v, err := r.Get(k)
		if err != nil {
			return nil, err
		}
		parts := strings.Split(k, ".")
		root.path(parts[:len(parts)-1]).set(parts[len(parts)-1], v)
		if k == "s1.lead" {
			var ps []any
			for _, p := range r.Parts {
				po := newObj()
				po.set("key", p.Key)
				po.set("heading", p.Heading)
				po.set("text", p.Text)
				ps = append(ps, po)
			}
			if ps == nil {
				ps = []any{}
			}
			root.path([]string{"s1"}).set("parts", ps)
		}
	}
	if len(r.Published) > 0 {
		po := newObj()
		for _, k := range r.sortedPublished() {
			v := r.Published[k]
			if v.Set {
				po.set(k, v.N)
			} else {
				po.set(k, nil)
			}
		}
		root.set("published", po)
	}
	if len(r.Deviations) > 0 {
		root.set("deviations", r.Deviations)
	}
	if len(r.Unplaced) > 0 {
		root.set("unplaced", r.Unplaced)
	}
	return json.MarshalIndent(root, "", "  ")
}

// UnmarshalReport reads the project's JSON format. It refuses unknown keys
// and bad values (with a Chinese message) rather than dropping them.
func UnmarshalReport(data []byte) (*Report, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("不是有效的 JSON 文件（第 %d 个字节附近格式有误）", se.Offset)
		}
		return nil, errors.New("不是有效的 JSON 文件（内容不完整或格式有误）")
	}
	root, ok := top.(map[string]any)
	if !ok {
		return nil, errors.New("不是 nianbao 导出的 JSON 文件（内容不是一份报告）")
	}
	ver, ok := root["nianbao"].(json.Number)
	if !ok {
		return nil, fmt.Errorf("不是 nianbao 导出的 JSON 文件（缺少 \"nianbao\" 版本标记）")
	}
	if v, err := ver.Int64(); err != nil || v < 1 {
		return nil, fmt.Errorf("不是 nianbao 导出的 JSON 文件（版本标记“%s”无效）", ver)
	} else if v > JSONVersion {
		return nil, fmt.Errorf("这个 JSON 文件由更新版本的 nianbao 导出（文件版本 %d），请升级程序", v)
	}
	flat := map[string]any{}
	var parts []any
	var published map[string]any
	var devs, unplaced any
	for k, v := range root {
		switch k {
		case "nianbao":
		case "published":
			published, _ = v.(map[string]any)
		case "deviations":
			devs = v
		case "unplaced":
			unplaced = v
		default:
			flatten(k, v, flat, &parts)
		}
	}
	fid, _ := flat[keyFormat].(string)
	f, ok := FormatByID(fid)
	if !ok {
		return nil, fmt.Errorf("JSON 文件中的格式“%s”无法识别（应为 2019 或 2021）", fid)
	}
	yn, _ := flat[keyYear].(json.Number)
	year, err := yn.Int64()
	if err != nil || !f.Covers(int(year)) && FormatForYear(int(year)) == nil {
		return nil, fmt.Errorf("JSON 文件中的年度“%v”无效", flat[keyYear])
	}
	r := New(f, "", int(year))
	r.Meta.Title, r.Meta.Period, r.Meta.SignAgency = "", "", ""
	if parts != nil {
		r.Parts = nil
		for _, p := range parts {
			po, ok := p.(map[string]any)
			key, _ := po["key"].(string)
			if !ok || key == "" {
				return nil, fmt.Errorf("JSON 文件中一、总体情况的分部分格式不对")
			}
			if r.Part(key) >= 0 || (!isDefaultPart(f, key) && !isExtra(key)) {
				return nil, fmt.Errorf("JSON 文件中一、总体情况的分部分“%s”无效或重复", key)
			}
			h, _ := po["heading"].(string)
			t, _ := po["text"].(string)
			r.Parts = append(r.Parts, Part{Key: key, Heading: h, Text: CleanText(t)})
		}
	}
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// Amount values first, then their units, so a unit is not overwritten.
	sort.SliceStable(keys, func(i, j int) bool {
		return !strings.HasSuffix(keys[i], unitSuf) && strings.HasSuffix(keys[j], unitSuf)
	})
	for _, k := range keys {
		if k == keyFormat || k == keyYear || r.IsComputedKey(k) {
			continue
		}
		v := flat[k]
		if v == nil {
			if _, isCell := f.Cell(k); isCell || k == keyFee {
				continue // blank
			}
		}
		s, err := jsonScalar(v)
		if err != nil {
			return nil, fmt.Errorf("JSON 文件中 %s 的值无效：%v", k, err)
		}
		if err := r.Set(k, s); err != nil {
			return nil, err
		}
	}
	for k, v := range published {
		c, ok := f.Cell(k)
		if !ok || !c.Computed() {
			return nil, fmt.Errorf("JSON 文件的 published 中 %s 不是合计项", k)
		}
		var pv Value
		if v != nil {
			s, err := jsonScalar(v)
			if err != nil {
				return nil, fmt.Errorf("JSON 文件的 published 中 %s 的值无效", k)
			}
			if pv, err = ParseValue(Count, s); err != nil {
				return nil, fmt.Errorf("JSON 文件的 published 中 %s：%v", k, err)
			}
		}
		if r.Published == nil {
			r.Published = map[string]Value{}
		}
		r.Published[k] = pv
	}
	if devs != nil {
		b, _ := json.Marshal(devs)
		if err := json.Unmarshal(b, &r.Deviations); err != nil {
			return nil, fmt.Errorf("JSON 文件中 deviations 格式不对")
		}
	}
	if unplaced != nil {
		b, _ := json.Marshal(unplaced)
		if err := json.Unmarshal(b, &r.Unplaced); err != nil {
			return nil, fmt.Errorf("JSON 文件中 unplaced 格式不对")
		}
	}
	return r, nil
}

func isExtra(key string) bool { _, ok := extraNumber(key); return ok }

func flatten(prefix string, v any, out map[string]any, parts *[]any) {
	if prefix == "s1.parts" {
		if ps, ok := v.([]any); ok {
			*parts = ps
			return
		}
	}
	if m, ok := v.(map[string]any); ok {
		for k, sub := range m {
			flatten(prefix+"."+k, sub, out, parts)
		}
		return
	}
	out[prefix] = v
}

func jsonScalar(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case bool:
		return "", fmt.Errorf("不应是 true/false")
	}
	return "", fmt.Errorf("不应是列表或对象")
}

// FlatValues returns every key's value (what `get --json` prints), the
// computed keys, and the published totals.
func (r *Report) FlatValues(keys []string) (map[string]any, []string, map[string]any, error) {
	if keys == nil {
		keys = r.Keys()
	}
	vals := make(map[string]any, len(keys))
	var computed []string
	for _, k := range keys {
		v, err := r.Get(k)
		if err != nil {
			return nil, nil, nil, err
		}
		vals[k] = v
		if r.IsComputedKey(k) {
			computed = append(computed, k)
		}
	}
	var pub map[string]any
	if len(r.Published) > 0 {
		pub = map[string]any{}
		for k, v := range r.Published {
			if v.Set {
				pub[k] = v.N
			} else {
				pub[k] = nil
			}
		}
	}
	return vals, computed, pub, nil
}

// FormatValue renders a Get value for text output.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	}
	return fmt.Sprint(v)
}
