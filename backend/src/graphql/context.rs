//! The per-request GraphQL context, built once from the verified bearer token.

use std::sync::Arc;

use crate::context::Actor;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::connection::PooledConnection;

pub struct Context {
    pub state: Arc<AppState>,
    /// `Ok(None)`: no token sent; `Err`: a token was sent and is invalid.
    auth: Result<Option<Actor>, AppError>,
    /// The client's address, for the sign-in rate limit.
    pub client: String,
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
        }
    }

    /// The signed-in actor, or `UNAUTHENTICATED`.
    pub fn actor(&self) -> AppResult<&Actor> {
        match &self.auth {
            Ok(Some(actor)) => Ok(actor),
            Ok(None) => Err(AppError::Unauthenticated(
                "sign in first: send `Authorization: Bearer <accessToken>`".into(),
            )),
            Err(e) => Err(AppError::Unauthenticated(e.to_string())),
        }
    }

    pub fn conn(&self) -> AppResult<PooledConnection> {
        Ok(self.state.pool.get()?)
    }
}
