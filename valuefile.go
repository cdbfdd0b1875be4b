package main

import (
	"bytes"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"nianbao/app"
)

// maxValueFile bounds what KEY=@FILE reads: more than a report may hold
// is refused before it is read.
const maxValueFile = app.MaxReportBytes

// readValueFile reads KEY=@FILE as text: UTF-8 (a BOM is dropped), UTF-16
// with a BOM (Windows Notepad's "Unicode"), or GB18030/GBK (an older
// editor's "ANSI" on Chinese Windows). Anything else — invalid text, a
// binary file — is refused: it would be stored as garbage.
func readValueFile(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", usageErr("无法读取文件 %s：%v", path, err)
	}
	if st.IsDir() {
		return "", usageErr("%s 是一个文件夹，不是文本文件", path)
	}
	if st.Size() > maxValueFile {
		return "", usageErr("文件 %s 太大（%d MB），一份报告的文字最多 %d MB", path, st.Size()>>20, maxValueFile/1_000_000)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", usageErr("无法读取文件 %s：%v", path, err)
	}
	text, ok := decodeText(b)
	if !ok {
		return "", usageErr("文件 %s 不是文本文件（或编码无法识别）：请在记事本中“另存为”UTF-8 编码的 .txt 文件再试", path)
	}
	return strings.TrimRight(text, "\r\n"), nil
}

// decodeText decodes a text file's bytes, or reports that they are not
// text.
func decodeText(b []byte) (string, bool) {
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		dec = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder()
	case !utf8.Valid(b):
		dec = simplifiedchinese.GB18030.NewDecoder()
	}
	if dec != nil {
		d, err := dec.Bytes(b)
		if err != nil || bytes.ContainsRune(d, utf8.RuneError) {
			return "", false
		}
		b = d
	}
	if !utf8.Valid(b) {
		return "", false
	}
	s := string(b)
	// Text has no NUL and hardly any other control characters; a binary
	// file decoded as GB18030 is full of them.
	controls := 0
	for _, r := range s {
		if r == 0 {
			return "", false
		}
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			controls++
		}
	}
	if controls > 0 && controls*100 > utf8.RuneCountInString(s) {
		return "", false
	}
	return s, true
}
