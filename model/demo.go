package model

import _ "embed"

// demoJSON is the sample report: 平罗县司法局, report year 2020 (2019 format),
// entered from importer/testdata/fixtures/pingluo-sifaju-2020.txt with its numbers as
// published and its blank cells as 0 (forced by the printed 总计 of 0).
//
//go:embed demo/pingluo-sifaju-2020.json
var demoJSON []byte

// Demo returns a fresh copy of the sample report.
func Demo() *Report {
	r, err := UnmarshalReport(demoJSON)
	if err != nil {
		panic("embedded demo report: " + err.Error()) // a build defect, caught by tests
	}
	return r
}
