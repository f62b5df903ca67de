//! The plan as a Thai A4 PDF: where its indicators stand in the chosen fiscal year, its tree
//! with responsibilities and budgets, and every year's targets and actuals.

use super::plans::YearQuery;
use super::tally;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::download;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use sermphalang_pdf::plan::{
    EntryLine, PlanDocument, PlanLabels, Standing, YearCell, YearlyLine, render_plan,
};
use sermphalang_store::plan::entries::Entry;
use sermphalang_store::plan::{entries, indicators, plans, references};

fn labels(ctx: &Ctx) -> PlanLabels {
    let t = |key: &str| ctx.t(key).to_string();
    PlanLabels {
        document: t("plan_document"),
        province: t("plan_province"),
        period: t("plan_years"),
        vision: t("vision"),
        total_budget: format!("{} ({})", t("total_budget"), t("baht")),
        generated_on: t("plan_generated_on"),
        page: t("page"),
        standing: format!("{} · {}", t("target_vs_actual"), t("fiscal_year_short")),
        standing_hint: t("target_vs_actual_hint"),
        indicator: t("indicator"),
        unit: t("unit"),
        baseline: t("indicator_baseline"),
        target: t("target"),
        actual: t("actual"),
        status: t("status"),
        no_indicators: t("no_indicators"),
        structure: t("plan_structure"),
        number: t("plan_number"),
        entry: t("plan_entry"),
        fiscal_year: t("fiscal_year_short"),
        responsible: t("plan_responsible"),
        districts: t("districts"),
        aligned: t("alignment"),
        budget: t("budget"),
        no_entries: t("no_entries"),
        yearly: t("plan_every_year"),
        yearly_hint: t("plan_every_year_hint"),
    }
}

fn entry_line(ctx: &Ctx, e: &Entry, reference_name: &impl Fn(&String) -> String) -> EntryLine {
    let mut responsible = vec![ctx.sectors(&e.networks)];
    responsible.extend(e.organizations.iter().map(|(_, n)| n.clone()));
    responsible.retain(|r| !r.is_empty());
    EntryLine {
        number: e.number.clone(),
        depth: e.depth(),
        level: ctx
            .th_en(e.level.label_th(), e.level.label_en())
            .to_string(),
        title: e.title.clone(),
        fiscal_year: e.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
        responsible: responsible.join(", "),
        districts: e
            .districts
            .iter()
            .map(|d| ctx.district_name(d))
            .collect::<Vec<_>>()
            .join(", "),
        aligned: e
            .references
            .iter()
            .map(reference_name)
            .collect::<Vec<_>>()
            .join(", "),
        budget: if e.budget.is_empty() {
            String::new()
        } else {
            ctx.baht(e.budget_satang())
        },
    }
}

pub async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let plan = plans::find(&state.db, province, id).await?;
    let (year, today, standing_rows) = q.standing(&state.db, &plan).await?;
    let tree = entries::tree(&state.db, id).await?;
    let refs = references::list(&state.db, province).await?;
    let reference_name = |code: &String| {
        refs.iter()
            .find(|r| &r.code == code)
            .map(|r| r.name(ctx.is_en()).to_string())
            .unwrap_or_else(|| code.clone())
    };
    let standing = standing_rows
        .iter()
        .map(|r| Standing {
            name: r.indicator.name.clone(),
            unit: r.indicator.unit.clone(),
            baseline: ctx.figure(r.indicator.baseline),
            target: ctx.figure(r.year.target),
            actual: ctx.figure(r.year.actual),
            status: match r.year.status {
                // Words, not the page's ✓ ! ✕ signs: the Thai face has no ✓, and words read in grey.
                Some(s) => ctx.th_en(s.label_th(), s.label_en()).to_string(),
                None => ctx.t("not_begun").to_string(),
            },
            status_code: r
                .year
                .status
                .map(|s| s.code().to_string())
                .unwrap_or_default(),
        })
        .collect();
    let mut yearly: Vec<YearlyLine> = Vec::new();
    for y in plan.first_year..=plan.last_year {
        for (i, p) in indicators::progress(&state.db, id, y)
            .await?
            .into_iter()
            .enumerate()
        {
            if yearly.len() <= i {
                yearly.push(YearlyLine {
                    name: p.indicator.name.clone(),
                    unit: p.indicator.unit.clone(),
                    cells: Vec::new(),
                });
            }
            yearly[i].cells.push(YearCell {
                target: ctx.figure(p.targets[0]),
                actual: ctx.figure(p.year_actual()),
            });
        }
    }
    let document = PlanDocument {
        lang: if ctx.is_en() { "en" } else { "th" }.into(),
        labels: labels(&ctx),
        province: ctx.province_name(province),
        title: plan.title.clone(),
        period: format!("{}–{}", plan.first_year, plan.last_year),
        vision: plan.vision.clone(),
        generated_on: ctx.date(today),
        year: year.to_string(),
        total_budget: ctx.baht(tree.iter().map(Entry::budget_satang).sum::<i64>()),
        tally: tally(&standing_rows)
            .into_iter()
            .map(|(s, n)| format!("{}: {n}", ctx.th_en(s.label_th(), s.label_en())))
            .collect(),
        standing,
        entries: tree
            .iter()
            .map(|e| entry_line(&ctx, e, &reference_name))
            .collect(),
        years: (plan.first_year..=plan.last_year)
            .map(|y| y.to_string())
            .collect(),
        yearly,
    };
    let bytes = tokio::task::spawn_blocking(move || render_plan(&document))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "application/pdf",
        &format!(
            "plan-{province}-{}-{}-{year}.pdf",
            plan.first_year, plan.last_year
        ),
    ))
}
