//! Who may see and change what (SPEC §1), in one place. Repository functions call these; a
//! request for something the caller may not see answers exactly like a missing id.

use crate::context::{Actor, OrgKind, Role};

/// Organisations are visible to their own members, the operator and the authority; central
/// bodies are visible to everyone because they publish templates. A controller never learns
/// which other controllers exist, and a central body sees adopters only as aggregate counts.
pub fn may_see_organisation(actor: &Actor, org_id: &str, org_kind: OrgKind) -> bool {
    actor.org_id == org_id
        || actor.is_operator()
        || actor.org_kind == OrgKind::SupervisoryAuthority
        || org_kind == OrgKind::CentralBody
}

/// Users (names, e-mail addresses, roles) are visible within their organisation, and to the
/// operator who created the organisations.
pub fn may_see_users_of(actor: &Actor, org_id: &str) -> bool {
    actor.org_id == org_id || actor.is_operator()
}

/// An organisation's admin manages its users; the operator creates an organisation's first admin.
pub fn may_manage_users_of(actor: &Actor, org_id: &str) -> bool {
    (actor.org_id == org_id && actor.role == Role::Admin) || actor.is_operator()
}

/// The audit trail: each organisation its own; the supervisory authority every one (SPEC §1).
pub fn may_read_audit_of(actor: &Actor, org_id: &str) -> bool {
    actor.org_id == org_id || actor.org_kind == OrgKind::SupervisoryAuthority
}

/// As [`may_manage_users_of`], as the error a caller gets: `FORBIDDEN` inside its own
/// organisation (whose existence it knows), `NOT_FOUND` for any other.
pub fn require_user_management(actor: &Actor, org_id: &str) -> crate::error::AppResult<()> {
    use crate::error::AppError;
    if may_manage_users_of(actor, org_id) {
        Ok(())
    } else if actor.org_id == org_id {
        Err(AppError::Forbidden(
            "only an admin of the organisation manages its users".into(),
        ))
    } else {
        Err(AppError::not_found("organisation"))
    }
}

/// Assessments: the controller that owns them, and the supervisory authority (SPEC §1). The
/// central body sees adopters only as aggregate figures, never an assessment.
pub fn may_read_assessments_of(actor: &Actor, org_id: &str) -> bool {
    (actor.org_id == org_id && actor.org_kind == OrgKind::Controller)
        || actor.org_kind == OrgKind::SupervisoryAuthority
}

/// Writes to an assessment: editors and admins of the owning controller. Whoever may read it
/// but not write (a viewer, the authority) gets `FORBIDDEN`; anyone else `NOT_FOUND`.
pub fn require_assessment_write(actor: &Actor, org_id: &str) -> crate::error::AppResult<()> {
    use crate::error::AppError;
    if actor.org_id == org_id && actor.org_kind == OrgKind::Controller && actor.role.may_write() {
        Ok(())
    } else if may_read_assessments_of(actor, org_id) {
        Err(AppError::Forbidden(
            "only editors of the controller change its assessment".into(),
        ))
    } else {
        Err(AppError::not_found("assessment"))
    }
}

/// Notices: a member sees its own organisation's notices addressed to every member or to it;
/// never another organisation's, nor one addressed to another member.
pub fn may_see_notice(actor: &Actor, org_id: &str, recipient_user_id: Option<&str>) -> bool {
    actor.org_id == org_id && recipient_user_id.is_none_or(|user| user == actor.user_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(kind: OrgKind, role: Role) -> Actor {
        Actor {
            user_id: "u".into(),
            email: "u@x.example".into(),
            org_id: "own".into(),
            org_kind: kind,
            role,
        }
    }

    #[test]
    fn a_controller_cannot_see_another_controller() {
        let a = actor(OrgKind::Controller, Role::Admin);
        assert!(!may_see_organisation(&a, "other", OrgKind::Controller));
        assert!(may_see_organisation(&a, "other", OrgKind::CentralBody));
        assert!(may_see_organisation(&a, "own", OrgKind::Controller));
    }

    #[test]
    fn a_central_body_cannot_see_controllers() {
        let a = actor(OrgKind::CentralBody, Role::Admin);
        assert!(!may_see_organisation(&a, "c", OrgKind::Controller));
        assert!(!may_read_audit_of(&a, "c"));
    }

    #[test]
    fn the_authority_reads_every_audit_trail_but_no_users() {
        let a = actor(OrgKind::SupervisoryAuthority, Role::Viewer);
        assert!(may_read_audit_of(&a, "c"));
        assert!(may_see_organisation(&a, "c", OrgKind::Controller));
        assert!(!may_see_users_of(&a, "c"));
    }

    #[test]
    fn only_admins_of_the_organisation_or_the_operator_manage_users() {
        assert!(may_manage_users_of(
            &actor(OrgKind::Controller, Role::Admin),
            "own"
        ));
        assert!(!may_manage_users_of(
            &actor(OrgKind::Controller, Role::Editor),
            "own"
        ));
        assert!(!may_manage_users_of(
            &actor(OrgKind::Controller, Role::Admin),
            "other"
        ));
        assert!(may_manage_users_of(
            &actor(OrgKind::Platform, Role::Admin),
            "other"
        ));
    }

    #[test]
    fn a_notice_is_seen_by_its_own_organisation_and_its_addressee_only() {
        let a = actor(OrgKind::Controller, Role::Viewer);
        assert!(may_see_notice(&a, "own", None));
        assert!(may_see_notice(&a, "own", Some("u")));
        assert!(!may_see_notice(&a, "own", Some("someone-else")));
        assert!(!may_see_notice(&a, "other", None));
        let authority = actor(OrgKind::SupervisoryAuthority, Role::Admin);
        assert!(!may_see_notice(&authority, "other", None));
    }
}
