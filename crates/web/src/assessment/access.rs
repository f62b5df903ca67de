//! Who may act on one assessment, beyond the route's permission: coordinators fill only the
//! units of their network, working-group members verify only what they are assigned.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use sermphalang_domain::{Permission, Role};
use sermphalang_store::assessment::assessments::Assessment;
use sermphalang_store::assessment::verification;
use sermphalang_store::registry::org;

/// Whether this account may fill or submit the unit's self-assessment.
pub async fn may_fill(state: &AppState, ctx: &Ctx, a: &Assessment) -> Result<bool, AppError> {
    let Some(account) = ctx.account.as_ref() else {
        return Ok(false);
    };
    if !account.has(Permission::AssessmentWrite) {
        return Ok(false);
    }
    if account.role != Role::Coordinator {
        return Ok(true);
    }
    match a.organization_id {
        Some(id) => {
            let o = org::find(&state.db, a.province_code, id).await?;
            Ok(account.may_edit_networks(&o.sectors))
        }
        None => Ok(false),
    }
}

/// Whether this account may record a site visit's checklist for the assessment.
pub async fn may_verify(state: &AppState, ctx: &Ctx, a: &Assessment) -> Result<bool, AppError> {
    let Some(account) = ctx.account.as_ref() else {
        return Ok(false);
    };
    if !account.has(Permission::AssessmentVerify) {
        return Ok(false);
    }
    if account.role != Role::Member {
        return Ok(true);
    }
    Ok(verification::is_verifier(&state.db, a.id, account.id).await?)
}
