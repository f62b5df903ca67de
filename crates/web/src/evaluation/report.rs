//! A cycle's outputs to download while or after the workshop runs: an Excel workbook with one
//! sheet per step (raw votes by participant number only, and aggregates) and a Thai PDF report.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{XLSX, download};
use axum::extract::{Path, State};
use axum::response::Response;
use sermphalang_documents::{Cell, Table, write_workbook};
use sermphalang_domain::evaluation::RatingStats;
use sermphalang_pdf::{
    ActivityReport, CycleReport, Labels, PlanItem as PdfPlan, render_cycle_report,
};
use sermphalang_store::evaluation::live::votes::{self, Phrase};
use sermphalang_store::evaluation::plan::{self, PlanItem};
use sermphalang_store::evaluation::results::{self, Progress, RawDots, RawRating};
use sermphalang_store::evaluation::{Activity, Cycle, activity, cycle};
use std::collections::HashMap;

/// Everything recorded in a cycle, read once for the workbook and the PDF.
pub struct CycleData {
    pub cycle: Cycle,
    pub phrases: Vec<Phrase>,
    pub activities: Vec<Activity>,
    pub stats: HashMap<i64, RatingStats>,
    pub raw_ratings: Vec<RawRating>,
    pub raw_dots: Vec<RawDots>,
    pub plans: Vec<PlanItem>,
    pub progress: Option<Progress>,
}

impl CycleData {
    pub async fn read(state: &AppState, province: i64, id: i64) -> Result<CycleData, AppError> {
        let db = &state.db;
        let cycle = cycle::find(db, province, id).await?;
        Ok(CycleData {
            phrases: votes::phrases(db, id).await?,
            activities: activity::list(db, id).await?,
            stats: results::rating_stats(db, id).await?,
            raw_ratings: results::raw_ratings(db, id).await?,
            raw_dots: results::raw_dots(db, id).await?,
            plans: plan::list(db, id).await?,
            progress: results::progress(db, &cycle).await?,
            cycle,
        })
    }

    pub fn title_of(&self, activity: i64) -> String {
        self.activities
            .iter()
            .find(|a| a.id == activity)
            .map(|a| a.title.clone())
            .unwrap_or_default()
    }

    pub fn chosen(&self) -> Vec<&Activity> {
        self.activities
            .iter()
            .filter(|a| a.chosen && a.merged_into.is_none())
            .collect()
    }

    pub fn baseline_mean(&self, activity: i64) -> Option<f64> {
        self.progress
            .as_ref()?
            .rows
            .iter()
            .find(|r| r.activity.id == activity)?
            .baseline
            .as_ref()?
            .mean
    }
}

fn participant(number: i64) -> String {
    format!("P{number:03}")
}

fn sheets(ctx: &Ctx, d: &CycleData) -> Vec<Table> {
    let en = ctx.is_en();
    let pick = |th: &str, en_text: &str| {
        if en {
            en_text.to_string()
        } else {
            th.to_string()
        }
    };
    let headers = |list: &[(&str, &str)]| list.iter().map(|(th, e)| pick(th, e)).collect();

    let mut mission = Table {
        name: pick("พันธกิจ", "Mission"),
        headers: headers(&[("วลีสำคัญ", "Key phrase"), ("จำนวนเสียง", "Votes")]),
        rows: vec![vec![
            Cell::Text(format!(
                "{}: {}",
                pick("พันธกิจ", "Mission"),
                d.cycle.mission_statement
            )),
            Cell::Empty,
        ]],
    };
    mission.rows.extend(
        d.phrases
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| vec![Cell::Text(p.text.clone()), Cell::from(p.votes)]),
    );

    let activities = Table {
        name: pick("กิจกรรมและจุด", "Activities and dots"),
        headers: headers(&[
            ("กิจกรรม", "Activity"),
            ("จำนวนจุด", "Dots"),
            ("เลือกให้คะแนน", "Chosen to rate"),
            ("รวมเข้ากับ", "Merged into"),
        ]),
        rows: d
            .activities
            .iter()
            .map(|a| {
                vec![
                    Cell::Text(a.title.clone()),
                    Cell::from(a.dots),
                    Cell::Text(if a.chosen {
                        pick("ใช่", "yes")
                    } else {
                        String::new()
                    }),
                    Cell::Text(a.merged_into.map(|m| d.title_of(m)).unwrap_or_default()),
                ]
            })
            .collect(),
    };

    let dots = Table {
        name: pick("จุด (รายคน)", "Dots (raw)"),
        headers: headers(&[
            ("ผู้เข้าร่วม", "Participant"),
            ("กิจกรรม", "Activity"),
            ("จุด", "Dots"),
        ]),
        rows: d
            .raw_dots
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(participant(r.participant)),
                    Cell::Text(d.title_of(r.activity_id)),
                    Cell::from(r.count),
                ]
            })
            .collect(),
    };

    let ratings = Table {
        name: pick("คะแนน (รายคน)", "Ratings (raw)"),
        headers: headers(&[
            ("ผู้เข้าร่วม", "Participant"),
            ("ที่มา", "Source"),
            ("กิจกรรม", "Activity"),
            ("คะแนน", "Rating"),
            ("เวลา (UTC)", "Time (UTC)"),
        ]),
        rows: d
            .raw_ratings
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(participant(r.participant)),
                    Cell::Text(if r.paper {
                        pick("กระดาษ", "paper")
                    } else {
                        pick("โทรศัพท์", "phone")
                    }),
                    Cell::Text(d.title_of(r.activity_id)),
                    r.value
                        .map(|v| Cell::Number(f64::from(v)))
                        .unwrap_or_else(|| Cell::Text(pick("งด", "abstained"))),
                    Cell::Text(r.at.clone()),
                ]
            })
            .collect(),
    };

    let mut summary_headers: Vec<String> = headers(&[
        ("กิจกรรม", "Activity"),
        ("ผู้ให้คะแนน", "Rated"),
        ("งดให้คะแนน", "Abstained"),
        ("ค่าเฉลี่ย", "Mean"),
        ("มัธยฐาน", "Median"),
        ("ส่วนเบี่ยงเบนมาตรฐาน", "SD"),
        ("ต่ำสุด", "Min"),
        ("สูงสุด", "Max"),
        ("คะแนนที่ต่างจากกลุ่ม", "Outliers"),
        ("ค่าเฉลี่ยรอบฐาน", "Baseline mean"),
        ("เปลี่ยนแปลง", "Change"),
    ]);
    summary_headers.extend((1..=10).map(|v| format!("{} {v}", pick("จำนวนคะแนน", "Count of"))));
    let summary = Table {
        name: pick("สรุปคะแนน", "Rating summary"),
        headers: summary_headers,
        rows: d
            .chosen()
            .iter()
            .map(|a| {
                let s = d.stats.get(&a.id);
                let baseline = d.baseline_mean(a.id);
                let mean = s.and_then(|s| s.mean);
                let mut row = vec![
                    Cell::Text(a.title.clone()),
                    Cell::from(s.map(|s| s.rated).unwrap_or(0)),
                    Cell::from(s.map(|s| s.abstained).unwrap_or(0)),
                    Cell::from(mean),
                    Cell::from(s.and_then(|s| s.median)),
                    Cell::from(s.and_then(|s| s.spread)),
                    Cell::from(s.and_then(|s| s.min).map(f64::from)),
                    Cell::from(s.and_then(|s| s.max).map(f64::from)),
                    Cell::Text(
                        s.map(|s| {
                            s.outliers
                                .iter()
                                .map(u8::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                    ),
                    Cell::from(baseline),
                    Cell::from(sermphalang_domain::evaluation::change(baseline, mean)),
                ];
                row.extend((0..10).map(|i| Cell::from(s.map(|s| s.histogram[i]).unwrap_or(0))));
                row
            })
            .collect(),
    };

    let dialogue = Table {
        name: pick("บันทึกการสนทนา", "Dialogue"),
        headers: headers(&[
            ("กิจกรรม", "Activity"),
            ("บันทึกการสนทนา", "Dialogue notes"),
            ("หลักฐาน", "Evidence"),
        ]),
        rows: d
            .chosen()
            .iter()
            .map(|a| {
                vec![
                    Cell::Text(a.title.clone()),
                    Cell::Text(a.dialogue.clone()),
                    Cell::Text(a.evidence.clone()),
                ]
            })
            .collect(),
    };

    let plans = Table {
        name: pick("แผนอนาคต", "Plan"),
        headers: headers(&[
            ("กิจกรรม", "Activity"),
            ("เป้าหมาย", "Goal"),
            ("กลยุทธ์", "Strategies"),
            ("หลักฐาน", "Credible evidence"),
            ("ผู้รับผิดชอบ", "Owner"),
            ("กำหนดเสร็จ", "Due"),
        ]),
        rows: d
            .plans
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(d.title_of(p.activity_id)),
                    Cell::Text(p.goal.clone()),
                    Cell::Text(p.strategies.clone()),
                    Cell::Text(p.evidence.clone()),
                    Cell::Text(p.owner()),
                    Cell::Text(ctx.opt_date(p.due_on)),
                ]
            })
            .collect(),
    };
    vec![mission, activities, dots, ratings, summary, dialogue, plans]
}

pub async fn excel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let data = CycleData::read(&state, province, id).await?;
    let tables = sheets(&ctx, &data);
    let bytes = tokio::task::spawn_blocking(move || write_workbook(&tables))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let name = format!(
        "evaluation-{}-{}.xlsx",
        data.cycle.fiscal_year, data.cycle.id
    );
    Ok(download(bytes, XLSX, &name))
}

fn pdf_report(ctx: &Ctx, d: &CycleData) -> CycleReport {
    let c = &d.cycle;
    let scope = match (&c.network, &c.organization_name) {
        (_, Some(org)) => org.clone(),
        (Some(n), None) => ctx.sector(n).to_string(),
        (None, None) => ctx.t("all_networks").to_string(),
    };
    CycleReport {
        province: ctx.province_name(c.province_code),
        title: c.name.clone(),
        fiscal_year: format!("{} {}", ctx.t("fiscal_year"), c.fiscal_year),
        held_on: ctx.opt_date_long(c.held_on),
        generated_on: ctx.timestamp(&sermphalang_store::now()),
        scope,
        participants: c.participant_count.max(0) as usize,
        baseline_title: c.baseline_name.clone(),
        mission: c.mission_statement.clone(),
        phrases: d
            .phrases
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| sermphalang_pdf::Phrase {
                text: p.text.clone(),
                votes: p.votes,
            })
            .collect(),
        activities: d
            .chosen()
            .iter()
            .map(|a| {
                let s = d.stats.get(&a.id);
                ActivityReport {
                    title: a.title.clone(),
                    dots: a.dots,
                    rated: s.map(|s| s.rated).unwrap_or(0),
                    abstained: s.map(|s| s.abstained).unwrap_or(0),
                    mean: s.and_then(|s| s.mean),
                    median: s.and_then(|s| s.median),
                    spread: s.and_then(|s| s.spread),
                    histogram: s.map(|s| s.histogram).unwrap_or_default(),
                    outliers: s.map(|s| s.outliers.clone()).unwrap_or_default(),
                    baseline_mean: d.baseline_mean(a.id),
                    dialogue: a.dialogue.clone(),
                    evidence: a.evidence.clone(),
                    plans: d
                        .plans
                        .iter()
                        .filter(|p| p.activity_id == a.id)
                        .map(|p| PdfPlan {
                            goal: p.goal.clone(),
                            strategies: p.strategies.clone(),
                            evidence: p.evidence.clone(),
                            owner: p.owner(),
                            due: ctx.opt_date(p.due_on),
                        })
                        .collect(),
                }
            })
            .collect(),
        labels: if ctx.is_en() {
            Labels::english()
        } else {
            Labels::thai()
        },
    }
}

pub async fn pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((province, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let data = CycleData::read(&state, province, id).await?;
    let report = pdf_report(&ctx, &data);
    let bytes = tokio::task::spawn_blocking(move || render_cycle_report(&report))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let name = format!(
        "evaluation-{}-{}.pdf",
        data.cycle.fiscal_year, data.cycle.id
    );
    Ok(download(bytes, "application/pdf", &name))
}
