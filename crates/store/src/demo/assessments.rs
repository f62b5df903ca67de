//! About 40 moral assessments of Udon Thani's communities, organizations and districts over
//! two fiscal years, at every stage: drafts, submitted, in verification, returned, and fully
//! verified ones that the caller awards (the certificate is typeset outside the store); and the
//! province's own indicator assessment for both years. Evidence links the demo's approved
//! reports and photos made through the caller's photo pipeline. The year before, 2567, comes
//! from paper through the import.

use super::UDON_THANI;
use crate::assessment::assessments::{self, ItemInput, Proof, Unit};
use crate::assessment::templates::{self, Stored};
use crate::assessment::verification::{self, Finding};
use crate::audit::Actor;
use crate::registry::org::{self, OrgFilter};
use crate::report::photos::{self, Made, NewPhoto};
use crate::report::reports::{self, ReportFilter};
use crate::{Db, PageRequest, Result};
use sermphalang_domain::assessment::{Answer, Rule, Subject, Template};
use sermphalang_domain::registry::OrgKind;
use sermphalang_domain::report::ReportStatus;

/// Where a demo assessment ends up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Draft,
    Submitted,
    Verifying,
    /// Fully verified: the caller awards it with its certificate.
    ToAward,
    Returned,
}

/// Points per item for a unit of each strength: model, moral, promoting, below every level.
pub(super) const STRENGTHS: [[u32; 10]; 4] = [
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
    [2, 2, 1, 2, 1, 2, 2, 1, 1, 2],
    [1, 1, 0, 1, 2, 1, 0, 1, 1, 1],
    [1, 0, 0, 1, 0, 0, 0, 1, 0, 0],
];

const RETURN_REASONS: &[&str] = &[
    "หลักฐานการลงนามปฏิญญาไม่ครบตามจำนวนที่ระบุ โปรดแนบรายชื่อผู้ลงนาม",
    "ยังไม่พบหลักฐานการประชุมทบทวนผลการดำเนินงาน โปรดแนบบันทึกการประชุม",
];

/// The answer that gives about `points` for an item's rule.
pub(super) fn answer_for(rule: &Rule, points: u32) -> Answer {
    match rule {
        Rule::Choices { choices } => {
            let best = (0..choices.len())
                .filter(|&i| choices[i].points <= points)
                .max_by_key(|&i| choices[i].points)
                .unwrap_or(choices.len() - 1);
            Answer::Choice(best)
        }
        Rule::Percentage { bands } => {
            let from = bands
                .iter()
                .filter(|b| b.points <= points)
                .map(|b| b.from)
                .fold(0.0, f64::max);
            Answer::Percent((from + 7.5).min(100.0))
        }
        Rule::YesNo { yes, .. } => Answer::Yes(points >= *yes),
    }
}

fn inputs(template: &Template, strength: usize, answered: usize) -> Vec<ItemInput> {
    template
        .items
        .iter()
        .enumerate()
        .take(answered)
        .map(|(i, item)| ItemInput {
            item: i,
            answer: Some(answer_for(&item.rule, STRENGTHS[strength][i % 10])),
            note: if i == 0 {
                "ผู้บริหารและสมาชิกร่วมลงนามในวันประชุมประจำเดือน".into()
            } else {
                String::new()
            },
        })
        .collect()
}

struct Loader<'a, F> {
    db: &'a Db,
    actor: Actor,
    reports: Vec<i64>,
    verifiers: Vec<i64>,
    make_photo: &'a F,
    photos: u64,
}

impl<F> Loader<'_, F>
where
    F: Fn(u64) -> Option<Made> + Clone + Send + 'static,
{
    async fn assess(
        &mut self,
        template: &Stored,
        unit: Unit,
        year: i64,
        strength: usize,
        stage: Stage,
    ) -> Result<()> {
        let db = self.db;
        let actor = &self.actor.clone();
        let id = assessments::create(db, actor, UDON_THANI, template.id, unit, year).await?;
        let items = &template.template;
        let answered = if stage == Stage::Draft {
            items.items.len() / 2
        } else {
            items.items.len()
        };
        assessments::save_answers(
            db,
            actor,
            UDON_THANI,
            id,
            &inputs(items, strength, answered),
        )
        .await?;
        self.evidence(template, id, stage).await?;
        if stage == Stage::Draft {
            return Ok(());
        }
        assessments::submit(db, actor, UDON_THANI, id).await?;
        match stage {
            Stage::Returned => {
                let reason = RETURN_REASONS[id as usize % RETURN_REASONS.len()];
                verification::send_back(db, actor, UDON_THANI, id, reason).await?;
            }
            Stage::Verifying | Stage::ToAward => {
                verification::assign(db, actor, UDON_THANI, id, &self.verifiers).await?;
                let seen = if stage == Stage::ToAward {
                    items.items.len()
                } else {
                    3
                };
                let findings: Vec<Finding> = (0..seen)
                    .map(|i| Finding {
                        item: i,
                        answer: None,
                        comment: if i == 0 {
                            "ตรวจรายชื่อผู้ลงนามแล้ว ครบถ้วน".into()
                        } else {
                            String::new()
                        },
                    })
                    .collect();
                let key = format!("demo-visit-{id}");
                verification::record(db, actor, UDON_THANI, id, &findings, &key).await?;
            }
            _ => {}
        }
        Ok(())
    }

    /// A photo for the first item and an approved report for every other item asking for
    /// evidence; drafts have only the photo so far.
    async fn evidence(&mut self, template: &Stored, id: i64, stage: Stage) -> Result<()> {
        let mut tx = self.db.audited(&self.actor, Some(UDON_THANI)).await?;
        self.photos += 1;
        let maker = self.make_photo.clone();
        let seed = 7_000 + self.photos;
        let made = tokio::task::spawn_blocking(move || maker(seed))
            .await
            .ok()
            .flatten();
        if let Some(made) = made {
            let caption = "ภาพการลงนามปฏิญญาเจตนารมณ์";
            let photo = NewPhoto::from_made(&made, caption, false);
            let photo = photos::add(&mut tx, UDON_THANI, None, &photo).await?;
            assessments::add_evidence(&mut tx, UDON_THANI, id, 0, Proof::Photo(photo), caption)
                .await?;
        }
        if stage != Stage::Draft {
            for (i, item) in template.template.items.iter().enumerate().skip(1) {
                if !item.evidence_required || self.reports.is_empty() {
                    continue;
                }
                let report = self.reports[(id as usize + i) % self.reports.len()];
                assessments::add_evidence(&mut tx, UDON_THANI, id, i, Proof::Report(report), "")
                    .await?;
            }
        }
        tx.commit_recorded().await
    }
}

/// Loads the assessments; returns how many were made.
pub async fn load<F>(db: &Db, make_photo: F) -> Result<usize>
where
    F: Fn(u64) -> Option<Made> + Clone + Send + 'static,
{
    let current = |s| async move { templates::current(db, s).await };
    let (Some(community), Some(organization), Some(district), Some(province)) = (
        current(Subject::Community).await?,
        current(Subject::Organization).await?,
        current(Subject::District).await?,
        current(Subject::Province).await?,
    ) else {
        return Ok(0);
    };
    let approved = ReportFilter {
        status: Some(ReportStatus::Approved),
        ..ReportFilter::default()
    };
    let page = PageRequest {
        page: 1,
        per_page: 60,
    };
    let reports = reports::list(db, UDON_THANI, &approved, page)
        .await?
        .items
        .into_iter()
        .map(|s| s.report.id)
        .collect();
    let verifiers = verification::candidates(db, UDON_THANI)
        .await?
        .into_iter()
        .map(|v| v.user_id)
        .collect();
    let all = PageRequest {
        page: 1,
        per_page: 500,
    };
    let orgs = org::list(db, UDON_THANI, &OrgFilter::default(), all)
        .await?
        .items;
    let mut units: Vec<(&Stored, Unit)> = Vec::new();
    for o in orgs.iter().filter(|o| o.kind == OrgKind::Community) {
        units.push((&community, Unit::Organization(o.id)));
    }
    for o in orgs
        .iter()
        .filter(|o| o.kind != OrgKind::Community)
        .take(14)
    {
        units.push((&organization, Unit::Organization(o.id)));
    }
    for code in [4101, 4103, 4106, 4111, 4117, 4119, 4120] {
        units.push((&district, Unit::District(code)));
    }
    let mut loader = Loader {
        db,
        actor: Actor::system(),
        reports,
        verifiers,
        make_photo: &make_photo,
        photos: 0,
    };
    let mut made = 0;
    // Last year: most units awarded, one returned and never sent again.
    for (i, (template, unit)) in units.iter().enumerate().take(12) {
        let stage = if i == 11 {
            Stage::Returned
        } else {
            Stage::ToAward
        };
        loader
            .assess(template, *unit, 2568, (i + 1) % 3, stage)
            .await?;
        made += 1;
    }
    // This year: every stage, most units a level higher than last year.
    let stages = [
        Stage::Draft,
        Stage::Submitted,
        Stage::Verifying,
        Stage::ToAward,
        Stage::ToAward,
        Stage::ToAward,
        Stage::Returned,
    ];
    for (i, (template, unit)) in units.iter().enumerate() {
        let stage = stages[i % stages.len()];
        let strength = if stage == Stage::Returned { 3 } else { i % 3 };
        loader
            .assess(template, *unit, 2569, strength, stage)
            .await?;
        made += 1;
    }
    loader
        .assess(&province, Unit::Province, 2568, 1, Stage::ToAward)
        .await?;
    loader
        .assess(&province, Unit::Province, 2569, 0, Stage::Submitted)
        .await?;
    made += super::paper_results::load(db, &units, &orgs, |i| (i + 1) % 3).await?;
    Ok(made + 2)
}

/// The demo's assessments that are fully verified and wait for their award.
pub async fn awaiting_award(db: &Db) -> Result<Vec<i64>> {
    let filter = assessments::Filter {
        status: Some(sermphalang_domain::assessment::Status::Verifying),
        ..assessments::Filter::default()
    };
    let mut ready = Vec::new();
    for a in assessments::list(db, UDON_THANI, &filter).await? {
        let template = templates::find(db, a.template_id).await?;
        let answers = assessments::answers(db, a.id).await?;
        let all_seen = answers.len() == template.template.items.len()
            && answers.iter().all(|x| x.verified_score.is_some());
        if all_seen {
            ready.push(a.id);
        }
    }
    Ok(ready)
}
