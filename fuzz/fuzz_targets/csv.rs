//! CSV tables and indicator data files.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = needs_map::read::table::Table::parse(data, "fuzz.csv") {
        let _ = needs_map::read::datafile::read(&t);
        for r in 0..t.rows.len().min(20) {
            for c in 0..t.headers.len().min(20) {
                let _ = t.number(r, c);
            }
        }
    }
});
