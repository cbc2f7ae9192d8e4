//! The per-request GraphQL context, built once from the verified bearer token.

use std::sync::Arc;

use crate::context::Actor;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::state::AppState;
use crate::store::connection::PooledConnection;

pub struct Context {
    pub state: Arc<AppState>,
    /// `Ok(None)`: no token sent; `Err`: a token was sent and is invalid.
    auth: Result<Option<Actor>, AppError>,
    /// The client's address, for the sign-in rate limit.
    pub client: String,
    /// The sign-in session of the bearer token (its refresh-token family), if any.
    session: Option<String>,
}

impl juniper::Context for Context {}

impl Context {
    pub fn new(
        state: Arc<AppState>,
        auth: Result<Option<Actor>, AppError>,
        client: String,
    ) -> Self {
        Self {
            state,
            auth,
            client,
            session: None,
        }
    }

    /// The same context, knowing the sign-in session the bearer token was issued in.
    pub fn with_session(mut self, session: Option<String>) -> Self {
        self.session = session;
        self
    }

    /// The caller's sign-in session: a password change keeps it and ends the others.
    pub fn session_id(&self) -> Option<&str> {
        self.session.as_deref()
    }

    /// The signed-in actor, or `UNAUTHENTICATED`.
    pub fn actor(&self) -> AppResult<&Actor> {
        match &self.auth {
            Ok(Some(actor)) => Ok(actor),
            Ok(None) => Err(AppError::Unauthenticated(
                "sign in first: send `Authorization: Bearer <accessToken>`".into(),
            )),
            // A token could not be checked because the database is down: not the client's
            // fault, so not "sign in again" (issue 14, finding 6).
            Err(e) if e.code() == ErrorCode::Internal => Err(AppError::Unavailable(format!(
                "checking the access token: {e:?}"
            ))),
            Err(e) => Err(AppError::Unauthenticated(e.to_string())),
        }
    }

    pub fn conn(&self) -> AppResult<PooledConnection> {
        Ok(self.state.pool.get()?)
    }
}
