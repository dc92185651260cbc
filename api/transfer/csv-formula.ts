// Spreadsheets run a cell that starts with one of these as a formula, so a
// note typed as "=HYPERLINK(...)" could act when an export is opened. Our CSV
// export puts an apostrophe before such text (the OWASP advice against CSV
// injection) and the CSV import removes it again.
export const formulaStart = /^[=+\-@\t\r]/;
