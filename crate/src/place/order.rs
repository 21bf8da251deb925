//! The keyboard's moves by meaning rather than by direction: to the next area significantly
//! worse (or better) than England, or the next by rank, in the order of the ranks (the worst
//! first), coming round at the end. The rows are the table's, so the keys go where the table
//! reads.

use serde::Deserialize;

/// A row of the table (`answer('table')`), as far as the moves read it.
#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    pub code: String,
    pub rank: Option<usize>,
    /// "significantly worse than England", or "" without an interval.
    #[serde(default)]
    pub comparison: String,
}

/// Which areas a move goes between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Significantly worse than England (`n`).
    Worse,
    /// Significantly better (`b`).
    Better,
    /// Every ranked area (`]`).
    Rank,
}

impl Step {
    /// `"worse"`, `"better"` or `"rank"`.
    pub fn parse(s: &str) -> Option<Step> {
        match s {
            "worse" => Some(Step::Worse),
            "better" => Some(Step::Better),
            "rank" => Some(Step::Rank),
            _ => None,
        }
    }

    fn takes(&self, r: &Row) -> bool {
        r.rank.is_some()
            && match self {
                Step::Worse => r.comparison.starts_with("significantly worse"),
                Step::Better => r.comparison.starts_with("significantly better"),
                Step::Rank => true,
            }
    }
}

/// The area after `from` (before it, `back`) among those `step` goes between, by rank (the
/// worst first, but better areas from the best; ties by code), coming round at the end; from
/// an area not among them, the first of them beyond it. `None` when there are none.
///
/// ```
/// use needs_map::place::order::{next, Row, Step};
/// let row = |c: &str, rank, cmp: &str| Row { code: c.into(), rank: Some(rank), comparison: cmp.into() };
/// let rows = [row("A", 3, ""), row("B", 1, "significantly worse than England"), row("C", 2, "significantly worse than England"),
///     row("D", 4, "significantly better than England"), row("E", 5, "significantly better than England")];
/// assert_eq!(next(&rows, Some("B"), Step::Worse, false).as_deref(), Some("C"));
/// assert_eq!(next(&rows, Some("C"), Step::Worse, false).as_deref(), Some("B")); // round again
/// assert_eq!(next(&rows, Some("A"), Step::Rank, true).as_deref(), Some("C"));
/// assert_eq!(next(&rows, None, Step::Better, false).as_deref(), Some("E")); // the best first
/// assert_eq!(next(&rows[..3], None, Step::Better, false), None);
/// ```
pub fn next(rows: &[Row], from: Option<&str>, step: Step, back: bool) -> Option<String> {
    let mut among: Vec<&Row> = rows.iter().filter(|r| step.takes(r)).collect();
    among.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.code.cmp(&b.code)));
    // Better areas from the best: the first `b` finds the area furthest ahead of England.
    if back != (step == Step::Better) {
        among.reverse();
    }
    let at = from.and_then(|f| among.iter().position(|r| r.code == f));
    let i = match at {
        Some(i) => (i + 1) % among.len(),
        // From an area that is not among them: the first of them after it by rank.
        None => {
            let rank = from.and_then(|f| rows.iter().find(|r| r.code == f)).and_then(|r| r.rank);
            match rank {
                Some(k) => among.iter().position(|r| if back { r.rank < Some(k) } else { r.rank > Some(k) }).unwrap_or(0),
                None => 0,
            }
        }
    };
    among.get(i).map(|r| r.code.clone())
}
