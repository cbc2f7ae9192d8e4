//! The adherence (code of conduct) command parser and write rules: any bytes are read as a
//! list of adherence commands and applied in order to an adherence of the demo's school code.
//! Refusals are fine; a panic is a bug.
#![no_main]

use std::sync::OnceLock;

use dpiahub_domain::adherence::{apply, effective_adherence, Adherence, AdherenceCommand};
use dpiahub_domain::interchange::parse;
use dpiahub_domain::template::{CodeOfConductContent, TemplateContent};
use libfuzzer_sys::fuzz_target;

fn code() -> &'static CodeOfConductContent {
    static CODE: OnceLock<CodeOfConductContent> = OnceLock::new();
    CODE.get_or_init(|| {
        let document = parse(include_bytes!("../../backend/demo/school-code-v1.json"))
            .expect("the demo code parses");
        match document.content {
            TemplateContent::CodeOfConduct(code) => code,
            TemplateContent::Dpia(_) => panic!("the demo code is a code of conduct"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(commands) = serde_json::from_slice::<Vec<AdherenceCommand>>(data) else {
        return;
    };
    let code = code();
    let mut adherence = Adherence::default();
    for command in &commands {
        if let Ok(next) = apply(code, &adherence, &[], command) {
            adherence = next;
        }
    }
    let _ = effective_adherence(code, &adherence);
});
