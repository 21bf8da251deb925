//! Problems found in input, each located so a council officer can find and fix it.
//!
//! Readers never drop bad input silently: they push a [`Problem`] and carry on where they
//! can, so one run lists everything wrong with a file rather than the first thing.

use std::fmt;

/// How bad a problem is: errors stop a bundle being written; notices do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Notice,
}

/// One located problem: `FILE:WHERE: what is wrong; what to do`.
///
/// ```
/// use needs_map::model::report::Problem;
/// let p = Problem::error("wards.geojson", "feature 3", "no WD25CD property", "add the code field or pass --code-field");
/// assert_eq!(p.to_string(), "wards.geojson:feature 3: no WD25CD property; add the code field or pass --code-field");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub location: String,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn error(file: &str, location: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem { severity: Severity::Error, file: file.into(), location: location.into(), message: message.into(), hint: hint.into() }
    }
    pub fn notice(file: &str, location: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem { severity: Severity::Notice, ..Problem::error(file, location, message, hint) }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.location.is_empty() {
            write!(f, ":{}", self.location)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "; {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem of one run, in the order found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
    pub fn extend(&mut self, other: Report) {
        self.problems.extend(other.problems);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

/// A list for a message, capped: "E05000026, E05000027, E05000028 and 6,757 more". A message
/// that lists 27,136 codes is not read; the count and a few examples are.
///
/// ```
/// use needs_map::model::report::some_of;
/// assert_eq!(some_of(&["a", "b", "c"], 2), "a, b and 1 more");
/// assert_eq!(some_of(&["a", "b"], 2), "a and b");
/// ```
pub fn some_of<S: AsRef<str>>(items: &[S], shown: usize) -> String {
    let shown = shown.max(1);
    let head: Vec<&str> = items.iter().take(shown).map(|s| s.as_ref()).collect();
    match items.len() {
        0 => String::new(),
        n if n <= shown => match head.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => head.join(""),
        },
        n => format!("{} and {} more", head.join(", "), thousands(n - shown)),
    }
}

/// 6757 -> "6,757".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
