//! The assessment command parser and write rules: any bytes are read as a list of assessment
//! commands (the JSON form of `docs/assessment-commands.md`) and applied in order to an
//! assessment of the demo's school-platform template. Refusals are fine; a panic is a bug, and
//! every accepted state must compute its effective assessment and rule violations.
#![no_main]

use std::sync::OnceLock;

use dpiahub_domain::assessment::{apply, effective, violations, AssessmentCommand, LocalChanges};
use dpiahub_domain::interchange::parse;
use dpiahub_domain::template::{DpiaContent, TemplateContent};
use libfuzzer_sys::fuzz_target;

fn base() -> &'static DpiaContent {
    static BASE: OnceLock<DpiaContent> = OnceLock::new();
    BASE.get_or_init(|| {
        let document = parse(include_bytes!("../../backend/demo/school-platform-v1.json"))
            .expect("the demo template parses");
        match document.content {
            TemplateContent::Dpia(dpia) => dpia,
            TemplateContent::CodeOfConduct(_) => panic!("the demo template is a DPIA"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(commands) = serde_json::from_slice::<Vec<AssessmentCommand>>(data) else {
        return;
    };
    let base = base();
    let mut local = LocalChanges::default();
    for command in &commands {
        if let Ok(next) = apply(base, &local, command) {
            local = next;
        }
    }
    let _ = effective(base, &local);
    let _ = violations(base, &local);
});
