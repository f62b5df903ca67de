//! The demo's two evaluation cycles of the Udon Thani working group: a FY 2565 baseline at the
//! workshop of 18 February 2565 and a FY 2566 follow-up a year later, 40 invented participants
//! each, entered through the same functions a live session uses.

use crate::audit::Actor;
use crate::evaluation::live::votes;
use crate::evaluation::live::workshop::{self, Control};
use crate::evaluation::{activity, cycle, plan};
use crate::{Db, Result};
use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sermphalang_domain::evaluation::live::JoinInput;
use sermphalang_domain::evaluation::{CycleInput, DialogueInput, PlanInput, Rating, Step};
use sermphalang_domain::registry::Sector;
use sqlx::Row;

const UDON_THANI: i64 = 41;

const NAMES: &[&str] = &[
    "ครูอรุณี",
    "สมชาย",
    "พระอาจารย์ธีร์",
    "นภาพร",
    "ผู้ใหญ่บุญมา",
    "กาญจนา",
    "ปลัดวิชัย",
    "สุดารัตน์",
    "อิหม่ามยูซุฟ",
    "ธนากร",
    "ครูพิมพ์ใจ",
    "ประยูร",
    "วราภรณ์",
    "กำนันสมพงษ์",
    "ศิริพร",
    "นักข่าวต้น",
    "เพ็ญศรี",
    "อนุชา",
    "บาทหลวงยอห์น",
    "จันทร์เพ็ญ",
    "ณัฐพล",
    "ครูฤทัย",
    "สายสุนีย์",
    "วีระ",
    "อสม.บัวผัน",
    "ธิดารัตน์",
    "เจ้าของร้านเก่ง",
    "มาลัย",
    "ชยพล",
    "ครูอำไพ",
    "สุภาพ",
    "ดารุณี",
    "ผอ.เกรียงไกร",
    "ลำดวน",
    "ปิยะ",
    "รัชนี",
    "นายกฯ ทองใบ",
    "กัลยา",
    "สมหมาย",
    "ยุพิน",
];

const PHRASES: &[&str] = &[
    "ชุมชนเข้มแข็งด้วยคุณธรรม",
    "คนอุดรมีวินัย สุจริต จิตอาสา",
    "พอเพียง วินัย สุจริต จิตอาสา",
    "เยาวชนเป็นคนดีของสังคม",
    "บวร บ้าน วัด โรงเรียน ร่วมมือกัน",
    "สังคมแห่งการแบ่งปัน",
    "ทุกภาคส่วนร่วมกันขับเคลื่อน",
    "ครอบครัวอบอุ่น ชุมชนคุณธรรม",
    "ส่งเสริมคุณธรรมในองค์กร",
    "สื่อสร้างสรรค์ สังคมสันติสุข",
    "จิตอาสาพัฒนาท้องถิ่น",
    "วินัยเริ่มที่ตนเอง",
];

const MISSION: &str = "ภาคีเครือข่ายทั้ง 6 ภาคของจังหวัดอุดรธานีร่วมกันส่งเสริมให้คนอุดรธานีมีวินัย สุจริต จิตอาสา \
และพอเพียง ผ่านความร่วมมือของบ้าน วัด โรงเรียน และองค์กร เพื่อชุมชนเข้มแข็งและสังคมแห่งการแบ่งปัน";

/// Brainstormed activities; the last one repeats the first and is merged into it.
const ACTIVITIES: &[&str] = &[
    "โรงเรียนคุณธรรมและกิจกรรมความดีในสถานศึกษา",
    "ชุมชนคุณธรรมขับเคลื่อนด้วยพลังบวร",
    "องค์กรคุณธรรมในหน่วยงานภาครัฐ",
    "ตลาดนัดความดีและการแบ่งปัน",
    "จิตอาสาพัฒนาวัดและชุมชน",
    "สื่อสร้างสรรค์เผยแพร่เรื่องราวความดี",
    "สภาเด็กและเยาวชนคุณธรรม",
    "สถานประกอบการคุณธรรม",
    "การยกย่องเชิดชูคนดีประจำปี",
    "โรงเรียนคุณธรรม (เสนอซ้ำ)",
];

/// How the room felt about each chosen activity: a baseline mean and the follow-up's change.
const MOODS: &[(f64, f64)] = &[
    (6.2, 1.4),
    (5.1, 1.9),
    (4.6, 0.8),
    (5.6, -0.4),
    (6.8, 0.6),
    (4.2, 1.6),
];

const DIALOGUE: &[(&str, &str)] = &[
    (
        "ผู้ให้คะแนนสูงเห็นว่าโรงเรียนส่วนใหญ่มีโครงงานคุณธรรมแล้ว ผู้ให้คะแนนต่ำชี้ว่ายังขาดการติดตามผลหลังจบโครงการ",
        "รายงานโรงเรียนคุณธรรม สพป.อุดรธานี เขต 1 ปีการศึกษา 2564",
    ),
    (
        "ชุมชนต้นแบบมีน้อยและกระจุกตัวในอำเภอเมือง ต้องการพี่เลี้ยงจากวัดและโรงเรียนในพื้นที่",
        "ทะเบียนชุมชนคุณธรรมของสำนักงานวัฒนธรรมจังหวัด",
    ),
    (
        "หน่วยงานประกาศเจตนารมณ์แล้วแต่ยังไม่มีตัวชี้วัดที่วัดได้จริง",
        "ประกาศเจตนารมณ์ของส่วนราชการ 32 หน่วยงาน",
    ),
    (
        "ตลาดนัดความดีได้รับความสนใจช่วงแรก แต่จัดได้ไม่ต่อเนื่องเพราะขาดงบประมาณ",
        "ภาพกิจกรรมและรายงานการจัดตลาดนัด 3 ครั้ง",
    ),
    (
        "ทุกภาคเห็นตรงกันว่าจิตอาสาเป็นจุดแข็ง มีผู้เข้าร่วมจำนวนมาก",
        "บันทึกชั่วโมงจิตอาสาของอำเภอ",
    ),
    (
        "สื่อท้องถิ่นเผยแพร่เรื่องความดีน้อย ควรมีช่องทางกลางของจังหวัด",
        "สถิติการเผยแพร่ข่าวของประชาสัมพันธ์จังหวัด",
    ),
];

const PLANS: &[(&str, &str, &str, usize)] = &[
    (
        "โรงเรียนคุณธรรมที่ผ่านการประเมินระดับคุณธรรมเพิ่มเป็น 120 แห่ง",
        "อบรมครูแกนนำ และจับคู่โรงเรียนพี่เลี้ยงกับโรงเรียนใหม่",
        "ผลการประเมินโรงเรียนคุณธรรมรายปี",
        0,
    ),
    (
        "ชุมชนคุณธรรมต้นแบบอย่างน้อยอำเภอละ 1 แห่ง",
        "ใช้พลังบวร ให้วัดและโรงเรียนเป็นพี่เลี้ยงชุมชน",
        "ทะเบียนชุมชนคุณธรรมต้นแบบ 20 อำเภอ",
        1,
    ),
    (
        "ทุกหน่วยงานภาครัฐมีตัวชี้วัดองค์กรคุณธรรม",
        "จัดทำแบบประเมินตนเองและทบทวนทุกไตรมาส",
        "รายงานผลการประเมินตนเองของหน่วยงาน",
        0,
    ),
    (
        "จัดตลาดนัดความดีทุกเดือน",
        "ขอความร่วมมือภาคเอกชนสนับสนุนพื้นที่และงบประมาณ",
        "รายงานการจัดตลาดนัดและจำนวนผู้เข้าร่วม",
        4,
    ),
    (
        "ชั่วโมงจิตอาสารวมเพิ่มขึ้นร้อยละ 20",
        "บันทึกชั่วโมงจิตอาสาผ่านแอปพลิเคชันของจังหวัด",
        "สถิติชั่วโมงจิตอาสารายอำเภอ",
        2,
    ),
    (
        "มีช่องทางสื่อกลางเผยแพร่เรื่องความดีของจังหวัด",
        "สร้างเครือข่ายนักสื่อสารคุณธรรมจากสื่อท้องถิ่น",
        "จำนวนเรื่องที่เผยแพร่และยอดการเข้าถึง",
        5,
    ),
];

/// A rating drawn around the room's mood, with an occasional dissenter for the dialogue.
fn rating(rng: &mut StdRng, mean: f64) -> Rating {
    if rng.random_range(0..40) == 0 {
        return Rating::Abstain;
    }
    let value = if rng.random_range(0..25) == 0 {
        rng.random_range(1.0..3.0)
    } else {
        mean + rng.random_range(-1.6..1.6)
    };
    Rating::Score(value.round().clamp(1.0, 10.0) as u8)
}

async fn user_id(db: &Db, email: &str) -> Result<i64> {
    let row = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email.to_string())
        .fetch_one(db.read())
        .await?;
    Ok(row.get(0))
}

async fn run(db: &Db, actor: &Actor, cycle: i64, step: Step, action: Control) -> Result<()> {
    workshop::control(db, actor, UDON_THANI, cycle, step, None, action).await
}

async fn join_room(db: &Db, cycle: i64, rng: &mut StdRng) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(NAMES.len());
    for (i, name) in NAMES.iter().enumerate() {
        let network = Sector::ALL[(i + rng.random_range(0..2)) % Sector::ALL.len()];
        let (p, _) = workshop::join(
            db,
            cycle,
            &JoinInput {
                display_name: name.to_string(),
                network: Some(network),
            },
        )
        .await?;
        ids.push(p.id);
    }
    Ok(ids)
}

pub async fn load(db: &Db, organizations: &[i64], people: &[i64]) -> Result<()> {
    let actor = Actor::system();
    let mut rng = StdRng::seed_from_u64(2565);
    let facilitators = vec![
        user_id(db, "secretariat@demo.example").await?,
        user_id(db, "member@demo.example").await?,
    ];
    let base_input = CycleInput {
        name: "ทบทวนสถานะจังหวัดคุณธรรมอุดรธานี ครั้งที่ 1 (รอบฐาน)".into(),
        fiscal_year: 2565,
        held_on: NaiveDate::from_ymd_opt(2022, 2, 18),
        network: None,
        organization: None,
        baseline: None,
        dots_per_person: 5,
        stacking: true,
        top_k: 6,
        anonymous: true,
        facilitators: facilitators.clone(),
    };
    let base = cycle::create(db, &actor, UDON_THANI, &base_input).await?;
    workshop::start(db, &actor, UDON_THANI, base).await?;
    let room = join_room(db, base, &mut rng).await?;

    run(db, &actor, base, Step::Mission, Control::Open).await?;
    let mission = workshop::ensure_questions(db, base, Step::Mission).await?[0].id;
    let mut phrase_ids = Vec::new();
    for (i, text) in PHRASES.iter().enumerate() {
        phrase_ids.push(votes::add_phrase(db, base, mission, room[i * 3], text, None).await?);
    }
    for p in &room {
        for _ in 0..2 {
            let phrase = phrase_ids[rng
                .random_range(0..phrase_ids.len())
                .min(rng.random_range(0..phrase_ids.len()))];
            votes::like_phrase(db, base, mission, *p, phrase, true).await?;
        }
    }
    run(db, &actor, base, Step::Mission, Control::Close).await?;
    run(db, &actor, base, Step::Mission, Control::Reveal).await?;
    cycle::save_mission(db, &actor, UDON_THANI, base, MISSION).await?;

    cycle::set_step(db, &actor, UDON_THANI, base, Step::Activities).await?;
    run(db, &actor, base, Step::Activities, Control::Open).await?;
    let brainstorm = workshop::ensure_questions(db, base, Step::Activities)
        .await?
        .iter()
        .find(|q| q.step == Step::Activities)
        .map(|q| q.id)
        .unwrap_or_default();
    let mut acts = Vec::new();
    for (i, title) in ACTIVITIES.iter().enumerate() {
        acts.push(
            votes::suggest_activity(db, base, brainstorm, room[i * 4 + 1], title, None).await?,
        );
    }
    run(db, &actor, base, Step::Activities, Control::Close).await?;

    cycle::set_step(db, &actor, UDON_THANI, base, Step::Dots).await?;
    run(db, &actor, base, Step::Dots, Control::Open).await?;
    let dots = workshop::ensure_questions(db, base, Step::Dots)
        .await?
        .iter()
        .find(|q| q.step == Step::Dots)
        .map(|q| q.id)
        .unwrap_or_default();
    let c = cycle::find(db, UDON_THANI, base).await?;
    // Popularity follows the order of MOODS' activities, so the demo's top six are stable.
    let weights = [9, 8, 6, 5, 7, 4, 3, 2, 2, 3];
    for p in &room {
        let mut placed = [0u32; 10];
        for _ in 0..5 {
            let total: u32 = weights.iter().sum();
            let mut pick = rng.random_range(0..total);
            let mut chosen = 0;
            for (i, w) in weights.iter().enumerate() {
                if pick < *w {
                    chosen = i;
                    break;
                }
                pick -= w;
            }
            placed[chosen] += 1;
        }
        for (i, n) in placed.iter().enumerate() {
            if *n > 0 {
                votes::set_dots(db, &c, dots, *p, acts[i], *n).await?;
            }
        }
    }
    run(db, &actor, base, Step::Dots, Control::Close).await?;
    run(db, &actor, base, Step::Dots, Control::Reveal).await?;
    activity::merge(db, &actor, UDON_THANI, base, acts[9], acts[0]).await?;
    let chosen: Vec<i64> = acts[..6].to_vec();
    activity::set_chosen(db, &actor, UDON_THANI, base, &chosen).await?;

    cycle::set_step(db, &actor, UDON_THANI, base, Step::Rating).await?;
    rate_room(db, &actor, base, &room, &chosen, &mut rng, |i| MOODS[i].0).await?;
    for (i, a) in chosen.iter().enumerate() {
        activity::save_dialogue(
            db,
            &actor,
            UDON_THANI,
            base,
            *a,
            &DialogueInput {
                dialogue: DIALOGUE[i].0.into(),
                evidence: DIALOGUE[i].1.into(),
            },
        )
        .await?;
    }
    cycle::set_step(db, &actor, UDON_THANI, base, Step::Planning).await?;
    for (i, a) in chosen.iter().enumerate() {
        let (goal, strategies, evidence, org) = PLANS[i];
        plan::add(
            db,
            &actor,
            UDON_THANI,
            base,
            *a,
            &PlanInput {
                goal: goal.into(),
                strategies: strategies.into(),
                evidence: evidence.into(),
                owner_organization: organizations.get(org).copied(),
                owner_person: people.get(i * 7).copied(),
                due_on: NaiveDate::from_ymd_opt(2022, 9, 30),
            },
        )
        .await?;
    }
    workshop::end(db, &actor, UDON_THANI, base).await?;

    let follow_input = CycleInput {
        name: "ทบทวนสถานะจังหวัดคุณธรรมอุดรธานี ครั้งที่ 2 (ติดตามผล)".into(),
        fiscal_year: 2566,
        held_on: NaiveDate::from_ymd_opt(2023, 2, 17),
        baseline: Some(base),
        ..base_input
    };
    let follow = cycle::create(db, &actor, UDON_THANI, &follow_input).await?;
    workshop::start(db, &actor, UDON_THANI, follow).await?;
    let room = join_room(db, follow, &mut rng).await?;
    let again: Vec<i64> = activity::chosen(db, follow)
        .await?
        .iter()
        .map(|a| a.id)
        .collect();
    rate_room(db, &actor, follow, &room, &again, &mut rng, |i| {
        MOODS[i].0 + MOODS[i].1
    })
    .await?;
    for (i, a) in again.iter().enumerate() {
        activity::save_dialogue(
            db,
            &actor,
            UDON_THANI,
            follow,
            *a,
            &DialogueInput {
                dialogue: format!("ทบทวนผลจากปีก่อน: {}", DIALOGUE[i].0),
                evidence: DIALOGUE[i].1.into(),
            },
        )
        .await?;
    }
    cycle::set_step(db, &actor, UDON_THANI, follow, Step::Planning).await?;
    workshop::end(db, &actor, UDON_THANI, follow).await?;
    Ok(())
}

async fn rate_room(
    db: &Db,
    actor: &Actor,
    cycle: i64,
    room: &[i64],
    activities: &[i64],
    rng: &mut StdRng,
    mood: impl Fn(usize) -> f64,
) -> Result<()> {
    run(db, actor, cycle, Step::Rating, Control::Open).await?;
    let questions = workshop::ensure_questions(db, cycle, Step::Rating).await?;
    for (i, a) in activities.iter().enumerate() {
        let Some(q) = questions.iter().find(|q| q.activity_id == Some(*a)) else {
            continue;
        };
        for p in room {
            votes::rate(db, cycle, q.id, *p, rating(rng, mood(i))).await?;
        }
    }
    run(db, actor, cycle, Step::Rating, Control::Close).await?;
    run(db, actor, cycle, Step::Rating, Control::Reveal).await
}
