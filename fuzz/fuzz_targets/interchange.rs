//! The template interchange parser (`docs/template-format.md`): any bytes either parse into a
//! valid document or are refused with an error, never a panic, a hang or unbounded memory. A
//! document that parses renders back to text that parses to the same document.
#![no_main]

use dpiahub_domain::interchange::{parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = parse(data) {
        let rendered = render(&document);
        let again = parse(rendered.as_bytes()).expect("a rendered document parses");
        assert_eq!(render(&again), rendered, "render and parse round-trip");
    }
});
