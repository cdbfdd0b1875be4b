package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/model"
)

// Options override what the file says.
type Options struct {
	Org  string
	Year int
	// Context stops a read in progress; nil = never.
	Context context.Context
}

// Result is what was read, before it is stored.
type Result struct {
	Report    *model.Report
	Kind      string // text, pdf-text, docx, html, markdown, json
	CellsRead int
	Blanks    []string // cells left blank by the published report
	Uncertain []Uncertain
	Notes     []string // what was repaired or assumed
}

// MaxSize bounds what is read: a report is far smaller.
const MaxSize = 50 << 20

// Read reads a report from a file's name and content.
func Read(name string, data []byte, o Options) (*Result, error) {
	res, err := read(name, data, o)
	if err == nil && o.Context != nil && o.Context.Err() != nil {
		return nil, o.Context.Err()
	}
	return res, err
}

func canceled(o Options) error {
	if o.Context != nil {
		return o.Context.Err()
	}
	return nil
}

func read(name string, data []byte, o Options) (*Result, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("文件太大（%d MB），不像是一份年度报告", len(data)>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("文件是空的")
	}
	lower := strings.ToLower(name)
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, errors.New("这是旧版 Word（.doc）或 WPS 文件，无法直接读取：请在 Word 或 WPS 中打开，“另存为” Word 文档（.docx）后再导入")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return nil, errors.New("这是 PDF 文件：请先转成文字再导入（如 pdftotext -layout 文件.pdf），或在 PDF 阅读器中全选复制文字，保存为 .txt")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if strings.HasSuffix(lower, ".xlsx") {
			return nil, errors.New("这是 Excel 文件：请导入报告的 Word、网页或文字版本")
		}
		d, err := readDOCX(data)
		if err != nil {
			return nil, err
		}
		if err := canceled(o); err != nil {
			return nil, err
		}
		return build(d, o)
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	trimmed := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") || strings.HasSuffix(lower, ".json") || isJSONScalar(trimmed):
		r, err := model.UnmarshalReport([]byte(text))
		if err != nil {
			return nil, err
		}
		if o.Org != "" {
			r.Set("meta.agency", o.Org)
		}
		return &Result{Report: r, Kind: "json", CellsRead: r.Format.NumCells() - len(r.Blanks())}, nil
	case strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || looksLikeHTML(trimmed):
		d, err := readHTML(text)
		if err != nil {
			return nil, err
		}
		if err := canceled(o); err != nil {
			return nil, err
		}
		return build(d, o)
	case strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") || strings.HasSuffix(lower, ".mdx"):
		return build(readMarkdown(text), o)
	}
	return build(readText(text), o)
}

// decodeText reads UTF-8 (with or without BOM) or GB18030/GBK, which older
// Windows editors save.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		if bytes.IndexByte(data, 0) >= 0 {
			return "", errors.New("这不是文字文件（含有二进制内容）")
		}
		return string(data), nil
	}
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.IndexByte(d, 0) >= 0 {
		return "", errors.New("无法识别文件的编码：请另存为 UTF-8 文本后再导入")
	}
	return string(d), nil
}

// isJSONScalar: a file holding only null, true, false or a number.
func isJSONScalar(s string) bool {
	switch s {
	case "null", "true", "false":
		return true
	}
	return false
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 512)])
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<body")
}
