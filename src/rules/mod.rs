//! The rule checks of contract.md, headless: every rule is one value implementing [`Rule`], in its
//! own file with its explanation and sources beside its code; the [`Checker`] runs the enabled
//! ones with their parameters and collects their [`Finding`]s into a [`Report`].
//!
//! | module | owns |
//! |---|---|
//! | [`params`] | parameter descriptions ([`ParamInfo`]), values, and reading `armistice.rules` |
//! | [`report`] | [`Finding`], [`Report`] and its JSON form, per-demarcation figures, the force ledger |
//! | [`checker`] | [`Checker`]: the cached geometry and the run of every rule |
//! | [`docs`] | docs/rules.md rendered from the rules' [`RuleInfo`] |
//! | [`context`] | what a rule sees ([`Context`]) and adds ([`RuleOutput`]); number formatting |
//! | [`overlays`] | what the window draws and tabulates: verdicts, settings, belt marks, strength |
//! | `geometry` | Ukraine split by a demarcation, the area it moves, oblast shares, belt depths |
//! | one file per rule | its [`RuleInfo`] (title, explanation, parameters, sources) and its check |
//!
//! Nothing here depends on the user interface.

pub mod checker;
pub mod docs;
pub mod overlays;
pub mod params;
pub mod report;

pub mod context;
mod geometry;
pub mod land;
#[cfg(test)]
mod testing;

mod adversary_red_lines;
mod air_cover;
mod credibility_measures;
mod de_facto_only;
mod demarcation_geometry;
mod donbas_cession;
mod force_location;
mod force_sufficiency;
mod fortress_belt;
mod front_line_reference;
mod front_standoff;
mod guarantee_scope;
mod guarantor_eligibility;
mod line_monitoring;
mod mission_mandate;
mod rapid_reaction;
mod reinforcement_time;
mod trip_wire;
mod ukrainian_army;
mod us_backstop;
mod us_ground_troops;

pub use checker::Checker;
pub use context::{Context, ForceView, LineView, RuleOutput};
pub use params::{Basis, InputError, ParamInfo, ParamValue, Params, validate_rule_settings};
pub use report::{
    DemarcationStats, Finding, ForceLedger, FrontMonitoring, GuaranteeAreaStats, MisplacedForce,
    Report, Severity, StandoffViolation, Summary,
};

/// The public sources rules cite (domain.md), in one place so every rule spells them alike.
pub mod sources {
    /// [S0].
    pub const S0: &str = "[S0] H. J. Kazianis, \"Backdoor Article 5\", 19FortyFive, March 2025";
    /// [S1].
    pub const S1: &str = "[S1] A. Latham, \"NATO membership by any other name is a mistake\", 19FortyFive, March 2025";
    /// [S2].
    pub const S2: &str =
        "[S2] \"Trump Considers NATO-Style Security for Ukraine – Please No\", August 2025";
    /// [S3].
    pub const S3: &str = "[S3] \"Article 5–style security guarantee\" explainer (coalition-of-guarantors post), 2025";
    /// [S4].
    pub const S4: &str =
        "[S4] \"The Feasibility of Security Guarantees for Ukraine\", legal analysis, August 2025";
    /// NATO's own figures on its Response Force.
    pub const NATO_NRF: &str = "NATO, \"NATO Response Force\" (VJTF about 5,000 troops within about 7 days; the NRF within 30 days)";
}

/// What a rule's findings are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// The plan as a whole (subject null).
    Plan,
    /// Each demarcation (a row of the comparison table; nothing to judge without one).
    Demarcations,
    /// Each guarantee area (nothing to judge without one).
    GuaranteeAreas,
    /// Each force.
    Forces,
}

/// What a rule is, for `armistice rules`, docs/rules.md and the window's rule list.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleInfo {
    /// The contract id ("fortress-belt").
    pub id: &'static str,
    /// A short title ("Fortress belt stays Ukrainian").
    pub title: &'static str,
    /// The rule's name on a badge or in a table row: short enough to read at a glance from the
    /// back of a room ("Fortress belt").
    pub badge: &'static str,
    /// What its findings are about.
    pub applies_to: Applies,
    /// What it checks, one or two sentences (the "checks" column of contract.md).
    pub checks: &'static str,
    /// Why: the reasoning and numbers from the sources, a short paragraph.
    pub explanation: &'static str,
    /// Its parameters with their defaults.
    pub params: Vec<ParamInfo>,
    /// The public sources it rests on.
    pub sources: &'static [&'static str],
}

impl RuleInfo {
    /// The first source, the one each finding cites.
    pub fn source(&self) -> &'static str {
        self.sources.first().copied().unwrap_or("")
    }

    /// The parameter of this name.
    pub fn param(&self, name: &str) -> Option<&ParamInfo> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// One rule of contract.md: an id, a description with parameters and sources, and a check.
pub trait Rule: Send + Sync {
    /// The contract id.
    fn id(&self) -> &'static str;
    /// Its description, parameters and sources.
    fn info(&self) -> RuleInfo;
    /// Adds this rule's findings (and overlays) about the scenario in `context` to `out`, with
    /// `params` already read and checked against [`Rule::info`]'s parameters.
    fn check(&self, context: &Context<'_>, params: &Params, out: &mut RuleOutput);
    /// Problems between parameters that each look valid alone (a nation in two lists): the
    /// parameter at fault and what is wrong. Such a setting is an input error.
    fn validate(&self, _params: &Params) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// Every rule, in contract order.
pub fn rules() -> &'static [&'static dyn Rule] {
    static RULES: [&dyn Rule; 21] = [
        &demarcation_geometry::DemarcationGeometry,
        &fortress_belt::FortressBelt,
        &front_line_reference::FrontLineReference,
        &donbas_cession::DonbasCession,
        &force_sufficiency::ForceSufficiency,
        &rapid_reaction::RapidReaction,
        &trip_wire::TripWire,
        &us_ground_troops::UsGroundTroops,
        &front_standoff::FrontStandoff,
        &guarantor_eligibility::GuarantorEligibility,
        &reinforcement_time::ReinforcementTime,
        &guarantee_scope::GuaranteeScope,
        &line_monitoring::LineMonitoring,
        &air_cover::AirCover,
        &credibility_measures::CredibilityMeasures,
        &force_location::ForceLocation,
        &de_facto_only::DeFactoOnly,
        &mission_mandate::MissionMandate,
        &ukrainian_army::UkrainianArmy,
        &us_backstop::UsBackstop,
        &adversary_red_lines::AdversaryRedLines,
    ];
    &RULES
}

/// The description of every rule, in contract order.
pub fn catalogue() -> Vec<RuleInfo> {
    rules().iter().map(|r| r.info()).collect()
}

/// The position of a rule in contract order (for sorting findings); unknown ids go last.
pub fn rule_order(id: &str) -> usize {
    rules()
        .iter()
        .position(|r| r.id() == id)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_the_contract_rules_in_order() {
        let ids: Vec<&str> = catalogue().iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                "demarcation-geometry",
                "fortress-belt",
                "front-line-reference",
                "donbas-cession",
                "force-sufficiency",
                "rapid-reaction",
                "trip-wire",
                "us-ground-troops",
                "front-standoff",
                "guarantor-eligibility",
                "reinforcement-time",
                "guarantee-scope",
                "line-monitoring",
                "air-cover",
                "credibility-measures",
                "force-location",
                "de-facto-only",
                "mission-mandate",
                "ukrainian-army",
                "us-backstop",
                "adversary-red-lines",
            ]
        );
        for info in catalogue() {
            for p in &info.params {
                assert!(
                    !p.basis.text().is_empty(),
                    "{}.{} does not say where its default comes from",
                    info.id,
                    p.name
                );
            }
        }
        for rule in rules() {
            assert_eq!(rule.id(), rule.info().id);
            assert!(
                !rule.info().sources.is_empty(),
                "{} cites no source",
                rule.id()
            );
        }
    }
}
