//! The GraphQL operations the benchmark sends: what a DPO's screen and the authority's
//! overview ask for (SPEC §9), written out in full so the measured response is the real one.

/// One controller's full effective assessment: every risk with provenance, ratings,
/// treatment and measures; every recommendation with its response; measures and incidents.
pub const EFFECTIVE: &str = r#"query Effective($id: String!) {
  assessment(id: $id) {
    id title status revision version templateKey baseVersion updatedAt
    risks {
      key threat scope provenance notApplicableJustification
      inherentLikelihood { value provenance centralValue justification direction }
      inherentConsequence { value provenance centralValue justification direction }
      centralLevel inherentLevel residualLevel
      treatment { decision residualLikelihood residualConsequence rationale acceptedBy acceptedOn }
      measures { key title status }
      incidents
    }
    recommendations {
      key title obligation kind provenance response justification due
      measures { key title status }
      addressesRisks
    }
    measures { key title description kind status statusDate owner reviewCadenceMonths mitigates implements }
    incidents { key occurredOn description risks }
  }
}"#;

/// The controller's own assessments (to find the one to measure).
pub const OWN_ASSESSMENTS: &str = "{ assessments(first: 1) { edges { node { id version } } } }";

pub const LOGIN: &str =
    "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }";

/// A single override write; only the new version is selected so the write is what is timed.
pub const SET_OVERRIDE: &str = "mutation Override($id: ID!, $version: Int!, $key: String!, $value: Int!) {
  applyAssessmentCommands(assessmentId: $id, expectedVersion: $version, commands: [{ setOverride: {
    itemKey: $key, field: \"likelihood\", value: { int: $value },
    justification: \"Benchmark: local incident history differs from the central estimate\" } }]) { version }
}";

/// The diff against the base (SPEC §4): every departure, unfiltered, in full.
pub const DIFF_SELECTION: &str =
    "diffAgainstBase { count departures { itemKey itemKind scopes change lowered detail } }";

/// The check findings (SPEC §5), in full.
pub const FINDINGS_SELECTION: &str = "findings { ruleId severity legalReference itemKeys message }";

/// The authority's overview of every adopter of a template (SPEC §4 "across tenants"): one
/// page holding all of them (98 by default), with the per-recommendation and per-risk figures.
pub const OVERVIEW: &str = "query Overview($key: String!, $first: Int!) {
  adopterOverview(templateKey: $key, first: $first) {
    templateKey adopterCount aggregateOnly
    adoptersPerVersion { version adopters }
    adopters { totalCount edges { node {
      organisationId organisation assessmentId pinnedVersion status overrides loweredRisks
      residualHighs unaddressedRecommendations errorFindings warningFindings } } }
    recommendations { key responses { status adopters } }
    risks { key lowered residualHigh notApplicable untreated }
    findingsPerRule { ruleId adopters }
  }
}";
