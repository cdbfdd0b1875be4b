package export

// FindOffice is where LibreOffice is, or ErrNoOffice: what PDF export will
// use, for `nianbao doctor` to report.
func FindOffice() (string, error) { return findOffice() }
