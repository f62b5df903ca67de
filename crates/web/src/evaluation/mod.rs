//! Empowerment evaluation in the web: cycles and their steps for the working group, the
//! reports, and the live workshop room (`live`).

pub mod cycles;
pub mod live;
pub mod report;
pub(crate) mod view;
pub mod words;
pub mod work;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use sermphalang_domain::Role;
use sermphalang_store::evaluation::{Cycle, cycle};

/// Working-group members run only the cycles they facilitate; the secretariat and admins run
/// every cycle of the province. The route table has already checked the role.
pub async fn runnable(
    state: &AppState,
    ctx: &Ctx,
    province: i64,
    id: i64,
) -> Result<Cycle, AppError> {
    let c = cycle::find(&state.db, province, id).await?;
    if may_run(state, ctx, id).await? {
        Ok(c)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn may_run(state: &AppState, ctx: &Ctx, id: i64) -> Result<bool, AppError> {
    let Some(account) = &ctx.account else {
        return Ok(false);
    };
    Ok(match account.role {
        Role::Admin | Role::Secretariat => true,
        Role::Member => cycle::facilitators(&state.db, id)
            .await?
            .iter()
            .any(|f| f.user_id == account.id),
        Role::National | Role::Coordinator => false,
    })
}
