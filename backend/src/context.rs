//! Who is asking: the verified actor of one request. Built once per request from a verified
//! access token; repository functions take it, so tenant scope is a value, not a habit.

use std::fmt;

/// Kind of organisation (tenant), SPEC §1. `Platform` holds the operator accounts that create
/// the other organisations; it owns no DPIA content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgKind {
    Platform,
    CentralBody,
    Controller,
    SupervisoryAuthority,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Platform => "PLATFORM",
            Self::CentralBody => "CENTRAL_BODY",
            Self::Controller => "CONTROLLER",
            Self::SupervisoryAuthority => "SUPERVISORY_AUTHORITY",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PLATFORM" => Self::Platform,
            "CENTRAL_BODY" => Self::CentralBody,
            "CONTROLLER" => Self::Controller,
            "SUPERVISORY_AUTHORITY" => Self::SupervisoryAuthority,
            _ => return None,
        })
    }
}

/// Role of a user within its organisation, SPEC §1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Viewer,
    Editor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "ADMIN",
            Self::Editor => "EDITOR",
            Self::Viewer => "VIEWER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ADMIN" => Self::Admin,
            "EDITOR" => Self::Editor,
            "VIEWER" => Self::Viewer,
            _ => return None,
        })
    }

    /// Admins and editors write content; viewers only read.
    pub fn may_write(self) -> bool {
        self >= Role::Editor
    }
}

/// The signed-in user of a request, as loaded from the database after the token was verified
/// (so a disabled account or a changed role takes effect at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub email: String,
    pub org_id: String,
    pub org_kind: OrgKind,
    pub role: Role,
}

impl Actor {
    pub fn is_operator(&self) -> bool {
        self.org_kind == OrgKind::Platform
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.email, self.org_id)
    }
}
