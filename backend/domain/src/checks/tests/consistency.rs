//! Stored changes the inheritance engine could not apply.

use serde_json::json;

use crate::assessment::Override;
use crate::checks::testing::*;
use crate::template::testing::key;

const INCONSISTENT: &str = "STORED_CHANGE_INCONSISTENT";

#[test]
fn a_stored_override_off_the_scale_is_reported() {
    let fixture = Fixture::well_formed().local(|l| {
        l.overrides.push(Override {
            item_key: key(MISDIRECTED),
            field: "likelihood".to_owned(),
            value: json!(9),
            justification: "imported".to_owned(),
        });
    });
    let findings = fixture.findings(INCONSISTENT);
    assert_eq!(keys(&findings), [[MISDIRECTED]]);
    assert!(findings[0].message.contains("field 'likelihood'"));
}

#[test]
fn changes_written_through_the_rules_are_consistent() {
    assert!(Fixture::well_formed().findings(INCONSISTENT).is_empty());
}
