//! CSV tables as the official files come: UTF-8 BOM, CRLF, no final newline, quoted
//! thousands separators ("29,199"), duplicated or blank header names.
//!
//! Every number is parsed with its place known, so a bad cell is reported as
//! `file:line N, column "X"` and never read as zero.

use crate::model::report::Problem;
use std::path::Path;

/// Largest CSV read (the national IoD files are under 4 MB).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// A CSV file with a header row, kept as text until a column is asked for as numbers.
#[derive(Debug, Clone)]
pub struct Table {
    /// The name used in problems.
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// 1-based line number of each row in the file.
    pub lines: Vec<u64>,
}

impl Table {
    /// Reads `path`, naming it `display` in problems.
    pub fn read(path: &Path, display: &str) -> Result<Table, Problem> {
        Table::read_limited(path, display, MAX_BYTES)
    }

    /// [`Table::read`] with another size limit in bytes.
    pub fn read_limited(path: &Path, display: &str, max_bytes: u64) -> Result<Table, Problem> {
        let meta = std::fs::metadata(path).map_err(|e| {
            Problem::error(
                display,
                "",
                format!("cannot be read ({e})"),
                "check the path in the recipe and that NEEDSMAP_SHARED points at the folder holding data/",
            )
        })?;
        if meta.len() > max_bytes {
            return Err(Problem::error(
                display,
                "",
                format!(
                    "is {}, over the limit of {} for a CSV",
                    crate::read::load::size(meta.len() as usize),
                    crate::read::load::size(max_bytes as usize)
                ),
                "split the file or filter it to your area",
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| Problem::error(display, "", format!("cannot be read ({e})"), "check the file's permissions"))?;
        Table::parse(&bytes, display)
    }

    /// Parses CSV bytes with a header row.
    ///
    /// ```
    /// use needs_map::read::table::Table;
    /// let t = Table::parse(b"\xEF\xBB\xBFcode,pop\r\nE01,\"1,395\"\r\nE02,12", "f.csv").unwrap();
    /// assert_eq!(t.headers, vec!["code", "pop"]);
    /// let c = t.column("pop").unwrap();
    /// assert_eq!(t.number(0, c).unwrap(), 1395.0);
    /// assert_eq!(t.number(1, c).unwrap(), 12.0);
    /// ```
    pub fn parse(bytes: &[u8], display: &str) -> Result<Table, Problem> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        let mut headers = None;
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                Problem::error(display, &format!("line {line}"), format!("is not valid CSV ({e})"), "save the file as UTF-8 CSV")
            })?;
            let line = rec.position().map(|p| p.line()).unwrap_or(0);
            let fields: Vec<String> = rec.iter().map(|s| s.to_string()).collect();
            if headers.is_none() {
                headers = Some(fields.iter().map(|h| h.trim().to_string()).collect::<Vec<_>>());
                continue;
            }
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            rows.push(fields);
            lines.push(line);
        }
        let headers = headers.ok_or_else(|| Problem::error(display, "", "is empty", "give a CSV file with a header row"))?;
        Ok(Table { file: display.into(), headers, rows, lines })
    }

    /// Finds a column by its header, or by 1-based position written `@N` (for files whose
    /// headers repeat, such as the ONS health tables' two "Lower 95 % confidence interval").
    pub fn column(&self, spec: &str) -> Result<usize, Problem> {
        if let Some(n) = spec.strip_prefix('@') {
            return match n.parse::<usize>() {
                Ok(n) if n >= 1 && n <= self.headers.len() => Ok(n - 1),
                _ => Err(Problem::error(
                    &self.file,
                    "line 1",
                    format!("has no column {spec} (it has {} columns)", self.headers.len()),
                    "use @1 for the first column",
                )),
            };
        }
        let found: Vec<usize> = self.headers.iter().enumerate().filter(|(_, h)| h.as_str() == spec).map(|(i, _)| i).collect();
        match found.as_slice() {
            [i] => Ok(*i),
            [] => Err(Problem::error(
                &self.file,
                "line 1",
                format!("has no column \"{spec}\""),
                format!("its columns are: {}", self.headers.join(", ")),
            )),
            many => Err(Problem::error(
                &self.file,
                "line 1",
                format!("has {} columns named \"{spec}\"", many.len()),
                format!(
                    "name the one you mean by position: {}",
                    many.iter().map(|i| format!("@{}", i + 1)).collect::<Vec<_>>().join(" or ")
                ),
            )),
        }
    }

    /// The text of a cell, trimmed ("" when the row is short).
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.rows[row].get(col).map(|s| s.trim()).unwrap_or("")
    }

    /// A cell as a number, or a problem naming the line and column.
    pub fn number(&self, row: usize, col: usize) -> Result<f64, Problem> {
        let raw = self.text(row, col);
        parse_number(raw).ok_or_else(|| {
            Problem::error(
                &self.file,
                &format!("line {}, column \"{}\"", self.lines[row], self.headers.get(col).map(|s| s.as_str()).unwrap_or("?")),
                if raw.is_empty() { "is empty where a number is needed".to_string() } else { format!("\"{raw}\" is not a number") },
                "correct the cell, or leave the area out of the file",
            )
        })
    }
}

/// A decimal number, allowing thousands separators only where they group thousands.
///
/// ```
/// use needs_map::read::table::parse_number;
/// assert_eq!(parse_number("29,199"), Some(29199.0));
/// assert_eq!(parse_number("-3.5"), Some(-3.5));
/// assert_eq!(parse_number("2,99"), None);
/// assert_eq!(parse_number("NaN"), None);
/// assert_eq!(parse_number(""), None);
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let cleaned: String;
    let t = if s.contains(',') {
        let (int, frac) = s.split_once('.').map(|(a, b)| (a, Some(b))).unwrap_or((s, None));
        let digits = int.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = digits.split(',').collect();
        let ok = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
        cleaned = format!("{}{}", int.replace(',', ""), frac.map(|f| format!(".{f}")).unwrap_or_default());
        cleaned.as_str()
    } else {
        s
    };
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_number_is_located_by_line_and_column() {
        let t = Table::parse(b"code,score\nE01,1.5\nE02,n/a\n", "imd.csv").unwrap();
        let e = t.number(1, 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "imd.csv:line 3, column \"score\": \"n/a\" is not a number; correct the cell, or leave the area out of the file"
        );
    }

    #[test]
    fn duplicated_header_asks_for_a_position() {
        let t = Table::parse(b"a,Lower,Lower\n1,2,3\n", "hle.csv").unwrap();
        assert_eq!(t.column("Lower").unwrap_err().hint, "name the one you mean by position: @2 or @3");
        assert_eq!(t.column("@3").unwrap(), 2);
    }
}
