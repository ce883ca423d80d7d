//! docs/rules.md, rendered from the same [`RuleInfo`] data as `armistice rules`, so the document
//! cannot drift from the code: a test compares the file with [`markdown`] and says how to
//! regenerate it.

use super::{RuleInfo, catalogue};
use std::fmt::Write as _;

/// The path of the generated document, relative to the repository root.
pub const DOC_PATH: &str = "docs/rules.md";

/// docs/rules.md for every rule of the [`catalogue`].
pub fn markdown() -> String {
    markdown_of(&catalogue())
}

/// The rules document for `rules`: a summary table, then one section per rule with what it
/// checks, why, its parameters with defaults, and its sources.
pub fn markdown_of(rules: &[RuleInfo]) -> String {
    let mut out = String::new();
    out.push_str("# Rules\n\n");
    out.push_str(
        "<!-- Generated from the rules' own descriptions (src/rules/*.rs) by \
         `armistice::rules::docs::markdown`. Do not edit by hand: run \
         `ARMISTICE_BLESS=1 cargo test --test check_cli docs_rules_md_is_up_to_date` to \
         regenerate. -->\n\n",
    );
    out.push_str(
        "Armistice checks a plan against the constraints of the public debate on security \
         guarantees for Ukraine. `armistice check FILE` runs every rule headless and \
         `armistice rules` lists them; the window shows the same findings live. Each finding has \
         a severity: an **error** breaks a hard constraint (`armistice check` exits 1), a \
         **warning** marks a weak point, an **info** is worth knowing.\n\n",
    );
    out.push_str(
        "Every parameter can be set per scenario under `armistice.rules.<id>` (for instance \
         `\"rules\": { \"front-standoff\": { \"min_km\": 80 } }`), or for one run with \
         `armistice check --rules FILE`; `\"enabled\": false` turns a rule off. Distances and \
         areas are geodesic on WGS84. European guarantors are the nations in the `guarantors` \
         list of `guarantor-eligibility`; guarantor forces are forces whose nation is in the \
         `guarantors` or `backstop` list; host forces those of the `host` list. A nation in two \
         of the lists is an input error. A force of strength 0 is on the map but counts for \
         nothing (no troops, cover, monitoring or range), and so does a force that breaks \
         `force-location`. Each parameter says where its default comes from: a public source, \
         or an assumption of this program with its reasoning.\n\n",
    );
    out.push_str("| id | checks | parameters (default) |\n|---|---|---|\n");
    for rule in rules {
        let params = if rule.params.is_empty() {
            "—".to_owned()
        } else {
            rule.params
                .iter()
                .map(|p| format!("{} ({})", p.name, p.default))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "| [{id}](#{id}) | {} | {} |",
            table_cell(rule.checks),
            table_cell(&params),
            id = rule.id
        );
    }
    for rule in rules {
        let _ = write!(out, "\n## {}\n\n", rule.id);
        let _ = write!(out, "**{}.** {}\n\n", rule.title, rule.checks);
        let _ = write!(out, "{}\n\n", rule.explanation);
        if rule.params.is_empty() {
            out.push_str("Parameters: none.\n\n");
        } else {
            out.push_str(
                "| parameter | default | unit | meaning | default from |\n|---|---|---|---|---|\n",
            );
            for p in &rule.params {
                let unit = if p.unit.is_empty() { "—" } else { p.unit };
                let basis = match p.basis {
                    super::Basis::Source(s) => format!("source: {s}"),
                    super::Basis::Assumption(why) => format!("assumption: {why}"),
                };
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    p.name,
                    table_cell(&p.default.to_string()),
                    unit,
                    table_cell(p.help),
                    table_cell(&basis)
                );
            }
            out.push('\n');
        }
        out.push_str("Sources:\n\n");
        for source in rule.sources {
            let _ = writeln!(out, "- {source}");
        }
    }
    out
}

/// Text made safe for a Markdown table cell.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_and_parameter_is_in_the_document() {
        let doc = markdown();
        for rule in catalogue() {
            assert!(doc.contains(&format!("\n## {}\n", rule.id)), "{}", rule.id);
            for p in &rule.params {
                assert!(doc.contains(&format!("| `{}` |", p.name)), "{}", p.name);
            }
            for source in rule.sources {
                assert!(doc.contains(source), "{source}");
            }
        }
    }
}
