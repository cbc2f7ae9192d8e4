//! User text in the report is shown, never run (issue 7: "HTML escaping of all user text is
//! tested"), and never breaks a Markdown table.

use serde_json::json;

use super::{ReportScenario, MISDIRECTED, TRAINING};

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTRIBUTE_BREAKOUT: &str = "\"><img src=x onerror=alert(2)>";

fn hostile() -> ReportScenario {
    ReportScenario::demo()
        .titled(&format!("Hostile {SCRIPT}"))
        .reducing(
            MISDIRECTED,
            (2, 3),
            &format!("Because {ATTRIBUTE_BREAKOUT} and {SCRIPT}"),
            "local.training",
            TRAINING,
        )
        .overriding(
            "risk.messages.misdirected",
            "threat",
            json!(format!("Threat {ATTRIBUTE_BREAKOUT}")),
            &format!("Justified {SCRIPT}"),
        )
}

#[test]
fn a_hostile_title_and_rationale_render_inert_in_html() {
    let html = hostile().html();
    assert!(!html.contains("<script"), "no script element may appear");
    assert!(!html.contains("<img"), "no injected element may appear");
    assert!(
        !html.contains(ATTRIBUTE_BREAKOUT),
        "no attribute may be broken out of"
    );
    assert!(html.contains("Hostile &lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(html.contains("Because &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("Justified &lt;script&gt;"));
}

#[test]
fn a_hostile_title_and_rationale_render_inert_in_markdown() {
    let markdown = hostile().markdown();
    assert!(!markdown.contains("<script"));
    assert!(!markdown.contains("<img"));
    assert!(markdown.starts_with(
        "# Data protection impact assessment: Hostile &lt;script&gt;alert(1)&lt;/script&gt;\n"
    ));
    assert!(markdown.contains("Because \"&gt;&lt;img src=x onerror=alert(2)&gt;"));
}

#[test]
fn pipes_and_line_breaks_in_user_text_keep_markdown_tables_intact() {
    let markdown = ReportScenario::demo()
        .overriding(
            MISDIRECTED,
            "threat",
            json!("Wrong | recipient\nagain"),
            "Local | wording\r\nhere",
        )
        .markdown();
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| risk.messages.misdirected | threat |"))
        .expect("the departure row");
    assert_eq!(
        row,
        "| risk.messages.misdirected | threat | Overridden (changed) | Wrong \\| recipient<br>again \
         | Besked med personoplysninger sendt til de forkerte modtagere | Local \\| wording<br>here |"
    );
    let register = markdown
        .lines()
        .find(|l| l.starts_with("| risk.messages.misdirected | Wrong"))
        .expect("the register row");
    // Seven columns: eight unescaped delimiters.
    let delimiters =
        register.len() - register.replace('|', "").len() - register.matches("\\|").count();
    assert_eq!(delimiters, 8);
}
