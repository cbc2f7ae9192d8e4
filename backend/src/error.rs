//! The one error type of the server and its client-visible codes (SPEC §7).
//!
//! Every failure a client can see maps to exactly one [`ErrorCode`]; internal details are logged
//! with `tracing` and never sent.

use juniper::{graphql_value, FieldError, IntoFieldError, ScalarValue};

/// The stable codes a client sees in `extensions.code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// No valid access token, or wrong credentials. The user can fix it by signing in.
    Unauthenticated,
    /// The caller knows the object exists but may not do this to it.
    Forbidden,
    /// The object does not exist or the caller may not see it: the two are indistinguishable.
    NotFound,
    /// Input breaks a rule; `field` and, where there is one, `itemKey` say where.
    Validation,
    /// The object changed since the caller read it (stale version) or would be duplicated.
    Conflict,
    /// Too many attempts; try again later.
    RateLimited,
    /// Something went wrong on our side; details are in the server log only.
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 7] = [
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::Validation,
        Self::Conflict,
        Self::RateLimited,
        Self::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Validation => "VALIDATION",
            Self::Conflict => "CONFLICT",
            Self::RateLimited => "RATE_LIMITED",
            Self::Internal => "INTERNAL",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    #[error("{message}")]
    Validation {
        field: String,
        item_key: Option<String>,
        message: String,
    },
    #[error("{0}")]
    Conflict(String),
    /// Approval refused by the check engine; the findings travel in `extensions.findings`.
    #[error("{message}")]
    ApprovalRefused {
        field: &'static str,
        message: String,
        findings: Vec<RefusedFinding>,
    },
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The inner text goes to the log, never to the client.
    #[error("internal error")]
    Internal(String),
    /// The database (or another part the server needs) cannot be reached: `INTERNAL`, so a
    /// client retries rather than sending its user to sign in again. The inner text is logged.
    #[error("service unavailable; try again shortly")]
    Unavailable(String),
    /// An error of one command of a batch: `extensions.commandIndex` (0-based) says which.
    #[error("command {index}: {error}")]
    InCommand { index: usize, error: Box<AppError> },
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            item_key: None,
            message: message.into(),
        }
    }

    pub fn validation_at(
        field: impl Into<String>,
        item_key: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::Validation {
            field: field.into(),
            item_key: Some(item_key.into()),
            message: message.into(),
        }
    }

    /// This error as caused by the command at `index` (0-based) of a batch.
    pub fn in_command(self, index: usize) -> Self {
        match self {
            Self::InCommand { .. } => self,
            error => Self::InCommand {
                index,
                error: Box::new(error),
            },
        }
    }

    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    pub fn stale(entity: &str) -> Self {
        Self::Conflict(format!(
            "the {entity} was changed by someone else since you read it; reload and try again"
        ))
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Validation { .. } | Self::ApprovalRefused { .. } => ErrorCode::Validation,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Internal(_) | Self::Unavailable(_) => ErrorCode::Internal,
            Self::InCommand { error, .. } => error.code(),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Internal(format!("database: {e}"))
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<r2d2::Error> for AppError {
    fn from(e: r2d2::Error) -> Self {
        Self::Unavailable(format!("connection pool: {e}"))
    }
}

impl<S: ScalarValue> IntoFieldError<S> for AppError {
    fn into_field_error(self) -> FieldError<S> {
        let code = self.code().as_str();
        if let Self::InCommand { index, error } = self {
            let inner: FieldError<S> = (*error).into_field_error();
            let message = format!("command {index}: {}", inner.message());
            let mut extensions = inner.extensions().clone();
            if let Some(object) = extensions.as_mut_object_value() {
                object.add_field("commandIndex", juniper::Value::scalar(index as i32));
            }
            return FieldError::new(message, extensions);
        }
        match &self {
            Self::Internal(detail) => {
                tracing::error!(detail = %detail, "internal error");
                FieldError::new(
                    "internal error; the server log has the details",
                    graphql_value!({ "code": code }),
                )
            }
            Self::Validation {
                field,
                item_key: Some(key),
                message,
            } => FieldError::new(
                message,
                graphql_value!({ "code": code, "field": (field.as_str()), "itemKey": (key.as_str()) }),
            ),
            Self::Validation { field, message, .. } => FieldError::new(
                message,
                graphql_value!({ "code": code, "field": (field.as_str()) }),
            ),
            Self::ApprovalRefused {
                field,
                message,
                findings,
            } => {
                let list: Vec<juniper::Value<S>> = findings
                    .iter()
                    .map(|f| {
                        let keys: Vec<juniper::Value<S>> = f
                            .item_keys
                            .iter()
                            .map(|k| juniper::Value::scalar(k.clone()))
                            .collect();
                        let mut object = juniper::Object::with_capacity(5);
                        object.add_field("ruleId", juniper::Value::scalar(f.rule_id.clone()));
                        object.add_field(
                            "legalReference",
                            juniper::Value::scalar(f.legal_reference.clone()),
                        );
                        object.add_field("severity", juniper::Value::scalar(f.severity.clone()));
                        object.add_field("itemKeys", juniper::Value::list(keys));
                        object.add_field("message", juniper::Value::scalar(f.message.clone()));
                        juniper::Value::object(object)
                    })
                    .collect();
                let mut ext = juniper::Object::with_capacity(3);
                ext.add_field("code", juniper::Value::scalar(code.to_string()));
                ext.add_field("field", juniper::Value::scalar(field.to_string()));
                ext.add_field("findings", juniper::Value::list(list));
                FieldError::new(message, juniper::Value::object(ext))
            }
            Self::Unavailable(detail) => {
                tracing::error!(detail = %detail, "service unavailable");
                FieldError::new(self.to_string(), graphql_value!({ "code": code }))
            }
            Self::RateLimited { retry_after_secs } => FieldError::new(
                self.to_string(),
                graphql_value!({ "code": code, "retryAfterSeconds": (*retry_after_secs as i32) }),
            ),
            _ => FieldError::new(self.to_string(), graphql_value!({ "code": code })),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// A check finding as carried by a refused approval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedFinding {
    pub rule_id: String,
    pub legal_reference: String,
    pub severity: String,
    pub item_keys: Vec<String>,
    pub message: String,
}
