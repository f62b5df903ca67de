//! Udon Thani's integrated plan B.E. 2566–2570: three strategies, 25 activities, 15
//! indicators with targets, and the six plans of the 2565 workshop carried into it.

use crate::audit::Actor;
use crate::evaluation::{activity, cycle, plan as workshop_plans};
use crate::plan::entries::{self, Source};
use crate::plan::{indicators, plans};
use crate::{Db, Result};
use sermphalang_domain::plan::reference::ReferenceInput;
use sermphalang_domain::plan::{
    BudgetLine, EntryInput, IndicatorInput, IndicatorKind, Level, PlanInput, ReferenceKind,
    TargetsInput,
};
use sermphalang_domain::registry::Sector::{self, *};

const UDON_THANI: i64 = 41;
const FIRST_YEAR: i32 = 2566;
const LAST_YEAR: i32 = 2570;

struct Activity {
    title: &'static str,
    networks: &'static [Sector],
    /// District codes of Udon Thani.
    districts: &'static [i64],
    references: &'static [&'static str],
    year: i32,
    /// Source and baht.
    budget: &'static [(&'static str, i64)],
    /// The index of the 2565 workshop's chosen activity this one carries on.
    from_workshop: Option<usize>,
}

struct Project {
    title: &'static str,
    activities: &'static [Activity],
}

struct Goal {
    title: &'static str,
    projects: &'static [Project],
}

struct Strategy {
    title: &'static str,
    references: &'static [&'static str],
    goals: &'static [Goal],
}

const fn a(
    title: &'static str,
    networks: &'static [Sector],
    districts: &'static [i64],
    references: &'static [&'static str],
    year: i32,
    budget: &'static [(&'static str, i64)],
) -> Activity {
    Activity {
        title,
        networks,
        districts,
        references,
        year,
        budget,
        from_workshop: None,
    }
}

const fn w(from: usize, activity: Activity) -> Activity {
    Activity {
        from_workshop: Some(from),
        ..activity
    }
}

const PROVINCE: &str = "งบพัฒนาจังหวัด";
const CULTURE: &str = "กรมการศาสนา / สำนักงานวัฒนธรรมจังหวัด";
const LOCAL: &str = "องค์กรปกครองส่วนท้องถิ่น";
const PRIVATE: &str = "ภาคเอกชนสนับสนุน";
const MORAL_CENTER: &str = "ศูนย์คุณธรรม";

const PLAN: &[Strategy] = &[
    Strategy {
        title: "วางรากฐานคุณธรรมตั้งแต่ครอบครัว สถานศึกษา และชุมชน",
        references: &["ns-3", "mp-1"],
        goals: &[
            Goal {
                title: "เด็กและเยาวชนอุดรธานีมีวินัย สุจริต และจิตอาสา",
                projects: &[
                    Project {
                        title: "โครงการโรงเรียนคุณธรรมจังหวัดอุดรธานี",
                        activities: &[
                            w(
                                0,
                                a(
                                    "ขยายเครือข่ายโรงเรียนคุณธรรมและจับคู่โรงเรียนพี่เลี้ยง",
                                    &[Education],
                                    &[4101, 4104, 4117],
                                    &["v-discipline", "v-integrity"],
                                    2566,
                                    &[(PROVINCE, 180_000), (CULTURE, 40_000)],
                                ),
                            ),
                            a(
                                "อบรมครูแกนนำโรงเรียนคุณธรรม",
                                &[Education],
                                &[4101],
                                &["v-discipline"],
                                2567,
                                &[(PROVINCE, 120_000)],
                            ),
                            a(
                                "ค่ายเยาวชนคุณธรรม \"อุดรคนดี\"",
                                &[Education, Community],
                                &[4101, 4119, 4107],
                                &["v-volunteer", "v-gratitude"],
                                2568,
                                &[(PROVINCE, 250_000), (LOCAL, 60_000)],
                            ),
                            a(
                                "ประกวดโครงงานคุณธรรมระดับมัธยม",
                                &[Education],
                                &[4101, 4102, 4105],
                                &["v-sufficiency"],
                                2569,
                                &[(CULTURE, 80_000)],
                            ),
                        ],
                    },
                    Project {
                        title: "โครงการสภาเด็กและเยาวชนคุณธรรม",
                        activities: &[
                            w(
                                4,
                                a(
                                    "สภาเด็กและเยาวชนจิตอาสาพัฒนาวัดและชุมชน",
                                    &[Community, Religion],
                                    &[4103, 4106, 4108],
                                    &["v-volunteer"],
                                    2566,
                                    &[(LOCAL, 50_000)],
                                ),
                            ),
                            a(
                                "เยาวชนแกนนำต้านยาเสพติดและการพนัน",
                                &[Community, Public],
                                &[4109, 4110, 4111],
                                &["v-discipline"],
                                2568,
                                &[(PROVINCE, 90_000)],
                            ),
                        ],
                    },
                ],
            },
            Goal {
                title: "ชุมชนเข้มแข็งด้วยพลังบวร (บ้าน วัด โรงเรียน)",
                projects: &[Project {
                    title: "โครงการชุมชนคุณธรรมขับเคลื่อนด้วยพลังบวร",
                    activities: &[
                        w(
                            1,
                            a(
                                "ชุมชนคุณธรรมต้นแบบอำเภอละหนึ่งแห่ง",
                                &[Community, Religion, Education],
                                &[4101, 4102, 4103, 4104, 4105, 4106, 4107, 4108, 4109, 4110],
                                &["v-sufficiency", "v-gratitude"],
                                2566,
                                &[(PROVINCE, 300_000), (LOCAL, 100_000)],
                            ),
                        ),
                        a(
                            "วัดประชารัฐสร้างสุข",
                            &[Religion],
                            &[4123, 4124, 4125],
                            &["v-gratitude"],
                            2567,
                            &[(CULTURE, 150_000)],
                        ),
                        a(
                            "หมู่บ้านศีลห้าและครอบครัวอบอุ่น",
                            &[Religion, Community],
                            &[4117, 4118, 4108, 4102],
                            &["v-sufficiency", "v-discipline"],
                            2567,
                            &[(CULTURE, 60_000)],
                        ),
                        a(
                            "ตลาดนัดความดีและการแบ่งปันประจำเดือน",
                            &[Private, Community],
                            &[4101, 4119],
                            &["v-volunteer", "v-sufficiency"],
                            2568,
                            &[(PRIVATE, 120_000)],
                        ),
                        a(
                            "ธนาคารความดีในชุมชน",
                            &[Community],
                            &[4120, 4121, 4122],
                            &["v-volunteer"],
                            2569,
                            &[(LOCAL, 45_000)],
                        ),
                    ],
                }],
            },
        ],
    },
    Strategy {
        title: "องค์กรคุณธรรมและการบริหารจัดการที่โปร่งใส",
        references: &["ns-6", "mp-2"],
        goals: &[Goal {
            title: "หน่วยงานภาครัฐและสถานประกอบการเป็นองค์กรคุณธรรม",
            projects: &[
                Project {
                    title: "โครงการองค์กรคุณธรรมภาครัฐ",
                    activities: &[
                        w(
                            2,
                            a(
                                "จัดทำแบบประเมินตนเององค์กรคุณธรรมของหน่วยงานภาครัฐ",
                                &[Public],
                                &[4101],
                                &["v-integrity"],
                                2566,
                                &[(PROVINCE, 40_000)],
                            ),
                        ),
                        a(
                            "ประกาศเจตนารมณ์องค์กรคุณธรรมและงดรับของขวัญ (No Gift Policy)",
                            &[Public],
                            &[4101],
                            &["v-integrity", "v-discipline"],
                            2567,
                            &[(PROVINCE, 30_000)],
                        ),
                        a(
                            "อบรมผู้บริหารท้องถิ่นธรรมาภิบาล",
                            &[Public],
                            &[4101, 4104, 4119],
                            &["v-integrity"],
                            2568,
                            &[(LOCAL, 85_000)],
                        ),
                    ],
                },
                Project {
                    title: "โครงการสถานประกอบการคุณธรรม",
                    activities: &[
                        a(
                            "สถานประกอบการคุณธรรมนำร่อง 20 แห่ง",
                            &[Private],
                            &[4101, 4119],
                            &["v-integrity", "v-sufficiency"],
                            2567,
                            &[(PRIVATE, 100_000)],
                        ),
                        a(
                            "หอการค้ารวมพลังธุรกิจสุจริต",
                            &[Private],
                            &[4101],
                            &["v-integrity"],
                            2569,
                            &[(PRIVATE, 70_000)],
                        ),
                        a(
                            "ร้านค้าชุมชนคุณธรรมซื่อสัตย์",
                            &[Private, Community],
                            &[4105, 4106],
                            &["v-integrity"],
                            2570,
                            &[(LOCAL, 35_000)],
                        ),
                    ],
                },
            ],
        }],
    },
    Strategy {
        title: "ภาคีเครือข่ายร่วมขับเคลื่อนและสื่อสารความดี",
        references: &["ns-4", "mp-3", "mp-4"],
        goals: &[Goal {
            title: "ภาคีเครือข่ายทั้ง 6 ภาคทำงานร่วมกันและเผยแพร่ความดีสู่สาธารณะ",
            projects: &[
                Project {
                    title: "โครงการสื่อสร้างสรรค์ความดี",
                    activities: &[
                        w(
                            5,
                            a(
                                "เครือข่ายนักสื่อสารคุณธรรมจากสื่อท้องถิ่น",
                                &[Media],
                                &[4101],
                                &["v-integrity"],
                                2566,
                                &[(MORAL_CENTER, 60_000)],
                            ),
                        ),
                        a(
                            "รายการวิทยุชุมชน \"อุดรคนดี\"",
                            &[Media, Community],
                            &[4101, 4119, 4104],
                            &["v-gratitude"],
                            2568,
                            &[(CULTURE, 48_000)],
                        ),
                        a(
                            "ประกวดคลิปสั้นเล่าเรื่องความดี",
                            &[Media, Education],
                            &[4101],
                            &["v-volunteer"],
                            2570,
                            &[(MORAL_CENTER, 50_000)],
                        ),
                    ],
                },
                Project {
                    title: "โครงการยกย่องเชิดชูคนดีและติดตามประเมินผลแบบเสริมพลัง",
                    activities: &[
                        a(
                            "ยกย่องเชิดชูคนดีศรีอุดรประจำปี",
                            &[Public, Religion, Community],
                            &[4101],
                            &["v-gratitude"],
                            2567,
                            &[(PROVINCE, 150_000)],
                        ),
                        w(
                            3,
                            a(
                                "สมัชชาคุณธรรมจังหวัดอุดรธานี",
                                &[Public, Private, Community, Education, Religion, Media],
                                &[4101],
                                &["v-sufficiency", "v-volunteer"],
                                2569,
                                &[(PROVINCE, 200_000), (MORAL_CENTER, 100_000)],
                            ),
                        ),
                        a(
                            "ประเมินผลแบบเสริมพลังประจำปีของคณะทำงาน",
                            &[Public, Education],
                            &[4101],
                            &["v-discipline"],
                            2570,
                            &[(MORAL_CENTER, 80_000)],
                        ),
                        a(
                            "ติดตามความก้าวหน้าของแผนรายไตรมาสร่วมกับภาคีเครือข่าย",
                            &[Public, Community],
                            &[4101],
                            &["v-discipline"],
                            2569,
                            &[(PROVINCE, 25_000)],
                        ),
                        a(
                            "ถอดบทเรียนและรายงานจังหวัดคุณธรรมประจำปี",
                            &[Public, Media],
                            &[4101],
                            &["v-integrity"],
                            2570,
                            &[(CULTURE, 30_000)],
                        ),
                    ],
                },
            ],
        }],
    },
];

struct Indicator {
    name: &'static str,
    unit: &'static str,
    kind: IndicatorKind,
    baseline: f64,
    /// Targets for 2566 to 2570.
    targets: [f64; 5],
    /// The activity (counted in reading order) it measures, if one.
    activity: Option<usize>,
}

const fn i(
    name: &'static str,
    unit: &'static str,
    kind: IndicatorKind,
    baseline: f64,
    targets: [f64; 5],
    activity: Option<usize>,
) -> Indicator {
    Indicator {
        name,
        unit,
        kind,
        baseline,
        targets,
        activity,
    }
}

use IndicatorKind::{Count, Level as Lv, Percent};

const INDICATORS: &[Indicator] = &[
    i(
        "จำนวนโรงเรียนคุณธรรมที่ผ่านการประเมิน",
        "แห่ง",
        Count,
        64.0,
        [20.0, 20.0, 15.0, 15.0, 10.0],
        Some(0),
    ),
    i(
        "จำนวนครูแกนนำที่ผ่านการอบรม",
        "คน",
        Count,
        0.0,
        [0.0, 120.0, 120.0, 80.0, 80.0],
        Some(1),
    ),
    i(
        "จำนวนเยาวชนที่เข้าร่วมกิจกรรมคุณธรรม",
        "คน",
        Count,
        1500.0,
        [2000.0, 2500.0, 3000.0, 3000.0, 3500.0],
        Some(2),
    ),
    i(
        "ชั่วโมงจิตอาสาของเด็กและเยาวชน",
        "ชั่วโมง",
        Count,
        8000.0,
        [10000.0, 12000.0, 14000.0, 15000.0, 16000.0],
        Some(4),
    ),
    i(
        "จำนวนชุมชนคุณธรรมต้นแบบ",
        "ชุมชน",
        Count,
        6.0,
        [4.0, 4.0, 4.0, 4.0, 4.0],
        Some(6),
    ),
    i(
        "ร้อยละของหมู่บ้านที่ประกาศเป็นหมู่บ้านศีลห้า",
        "ร้อยละ",
        Percent,
        52.0,
        [60.0, 65.0, 70.0, 75.0, 80.0],
        Some(8),
    ),
    i(
        "จำนวนครั้งที่จัดตลาดนัดความดี",
        "ครั้ง",
        Count,
        0.0,
        [0.0, 0.0, 12.0, 12.0, 12.0],
        Some(9),
    ),
    i(
        "ร้อยละของหน่วยงานภาครัฐที่ผ่านการประเมินองค์กรคุณธรรม",
        "ร้อยละ",
        Percent,
        35.0,
        [45.0, 55.0, 65.0, 75.0, 85.0],
        Some(11),
    ),
    i(
        "จำนวนสถานประกอบการคุณธรรม",
        "แห่ง",
        Count,
        3.0,
        [0.0, 20.0, 10.0, 10.0, 10.0],
        Some(14),
    ),
    i(
        "จำนวนผู้เข้าร่วมกิจกรรมของภาคีเครือข่าย",
        "คน",
        Count,
        12000.0,
        [15000.0, 16000.0, 18000.0, 20000.0, 22000.0],
        None,
    ),
    i(
        "จำนวนเรื่องราวความดีที่เผยแพร่ผ่านสื่อ",
        "เรื่อง",
        Count,
        40.0,
        [60.0, 80.0, 100.0, 120.0, 120.0],
        Some(17),
    ),
    i(
        "จำนวนคนดีศรีอุดรที่ได้รับการยกย่อง",
        "คน",
        Count,
        30.0,
        [0.0, 40.0, 40.0, 40.0, 40.0],
        Some(20),
    ),
    i(
        "ระดับความพึงพอใจของภาคีเครือข่ายต่อการขับเคลื่อน",
        "ระดับ (1–5)",
        Lv,
        3.4,
        [3.6, 3.8, 4.0, 4.1, 4.2],
        None,
    ),
    i(
        "ระดับจังหวัดคุณธรรมตามเกณฑ์ประเมินจังหวัด",
        "ระดับ (1–3)",
        Lv,
        1.0,
        [1.0, 2.0, 2.0, 2.0, 3.0],
        None,
    ),
    i(
        "ร้อยละของอำเภอที่มีแผนส่งเสริมคุณธรรมระดับอำเภอ",
        "ร้อยละ",
        Percent,
        40.0,
        [55.0, 70.0, 80.0, 90.0, 100.0],
        None,
    ),
];

/// How far each year's actual reached its target, for the indicators no report feeds; the
/// last year has only begun.
const REACHED: [f64; 5] = [0.96, 1.04, 0.88, 0.71, 0.2];

fn budget(lines: &[(&str, i64)]) -> Vec<BudgetLine> {
    lines
        .iter()
        .map(|(source, baht)| BudgetLine {
            source: source.to_string(),
            satang: baht * 100,
        })
        .collect()
}

fn entry(level: Level, parent: Option<i64>, title: &str, references: &[&str]) -> EntryInput {
    EntryInput {
        level,
        parent,
        title: title.into(),
        description: String::new(),
        fiscal_year: None,
        starts_on: None,
        ends_on: None,
        networks: Vec::new(),
        districts: Vec::new(),
        organizations: Vec::new(),
        references: references.iter().map(|r| r.to_string()).collect(),
        budget: Vec::new(),
    }
}

/// Udon Thani's own virtues: the good it wants to do, and the problem it wants to solve.
const PROVINCE_VIRTUES: [(&str, &str); 2] = [
    (
        "จิตสาธารณะ รักษาความสะอาดบ้านเมือง",
        "ขยะและความไม่เป็นระเบียบในที่สาธารณะ",
    ),
    ("เคารพกฎจราจร ขับขี่ปลอดภัย", "อุบัติเหตุทางถนนในช่วงเทศกาล"),
];

/// Loads the plan; `organizations` are the demo's, by catalogue order.
pub async fn load(db: &Db, organizations: &[i64]) -> Result<i64> {
    let actor = Actor::system();
    let id = plans::create(
        db,
        &actor,
        UDON_THANI,
        &PlanInput {
            title: "แผนบูรณาการส่งเสริมคุณธรรม จังหวัดอุดรธานี ระยะที่ 2".into(),
            first_year: FIRST_YEAR,
            last_year: LAST_YEAR,
            vision: "อุดรธานีเป็นจังหวัดคุณธรรม คนอุดรฯ พอเพียง มีวินัย สุจริต จิตอาสา และกตัญญู".into(),
        },
    )
    .await?;
    let plan = plans::find(db, UDON_THANI, id).await?;
    for (good, problem) in PROVINCE_VIRTUES {
        let virtue = ReferenceInput {
            kind: ReferenceKind::ProvinceVirtue,
            name_th: good.into(),
            name_en: String::new(),
            problem: problem.into(),
            archived: false,
        };
        crate::plan::references::add(db, &actor, Some(UDON_THANI), &virtue).await?;
    }
    let workshop = workshop_sources(db).await?;
    let mut activities = Vec::new();
    for s in PLAN {
        let strategy = entry(Level::Strategy, None, s.title, s.references);
        let sid = entries::create(db, &actor, &plan, &strategy, Source::default()).await?;
        for g in s.goals {
            let goal = entry(Level::Goal, Some(sid), g.title, &[]);
            let gid = entries::create(db, &actor, &plan, &goal, Source::default()).await?;
            for p in g.projects {
                let project = entry(Level::Project, Some(gid), p.title, &[]);
                let pid = entries::create(db, &actor, &plan, &project, Source::default()).await?;
                for act in p.activities {
                    let n = activities.len();
                    let orgs = [n * 2, n * 2 + 1]
                        .iter()
                        .filter_map(|i| organizations.get(i % organizations.len().max(1)))
                        .copied()
                        .collect();
                    let input = EntryInput {
                        fiscal_year: Some(act.year),
                        networks: {
                            let mut n = act.networks.to_vec();
                            n.sort();
                            n
                        },
                        districts: act.districts.to_vec(),
                        organizations: orgs,
                        budget: budget(act.budget),
                        ..entry(Level::Activity, Some(pid), act.title, act.references)
                    };
                    let source = act
                        .from_workshop
                        .and_then(|i| workshop.get(i).copied())
                        .unwrap_or_default();
                    activities.push(entries::create(db, &actor, &plan, &input, source).await?);
                }
            }
        }
    }
    for ind in INDICATORS {
        let input = IndicatorInput {
            name: ind.name.into(),
            unit: ind.unit.into(),
            kind: ind.kind,
            baseline: Some(ind.baseline),
            entry: ind.activity.and_then(|i| activities.get(i).copied()),
        };
        let iid = indicators::create(db, &actor, &plan, &input).await?;
        for (y, target) in ind.targets.iter().enumerate() {
            let year = FIRST_YEAR + y as i32;
            if *target <= 0.0 {
                continue;
            }
            let quarters = match ind.kind {
                IndicatorKind::Count => {
                    [None; 4].map(|_: Option<f64>| Some((target / 4.0).floor()))
                }
                _ => [None; 4],
            };
            let targets = TargetsInput {
                fiscal_year: year,
                values: [
                    Some(*target),
                    quarters[0],
                    quarters[1],
                    quarters[2],
                    quarters[3],
                ],
            };
            indicators::set_targets(db, &actor, &plan, iid, &targets).await?;
            // Indicators of an activity get their actuals from the demo's activity reports.
            let reached = REACHED[y];
            if reached <= 0.0 || ind.activity.is_some() {
                continue;
            }
            let entered = match (ind.kind, year == LAST_YEAR) {
                (IndicatorKind::Count, false) => [Some((target * reached / 4.0).round()); 4],
                (IndicatorKind::Count, true) => {
                    [Some((target * reached).round()), None, None, None]
                }
                (_, false) => [
                    None,
                    None,
                    None,
                    Some((target * reached.min(1.02) * 10.0).round() / 10.0),
                ],
                (_, true) => [None; 4],
            };
            let actuals = TargetsInput {
                fiscal_year: year,
                values: [None, entered[0], entered[1], entered[2], entered[3]],
            };
            indicators::set_entered(db, &actor, &plan, iid, &actuals).await?;
        }
    }
    Ok(id)
}

/// The chosen activities of the 2565 workshop and their plans, in the workshop's order.
async fn workshop_sources(db: &Db) -> Result<Vec<Source>> {
    let Some(base) = cycle::list(db, UDON_THANI)
        .await?
        .into_iter()
        .find(|c| c.fiscal_year == 2565)
    else {
        return Ok(Vec::new());
    };
    let items = workshop_plans::list(db, base.id).await?;
    Ok(activity::chosen(db, base.id)
        .await?
        .iter()
        .map(|a| Source {
            activity: Some(a.id),
            item: items.iter().find(|i| i.activity_id == a.id).map(|i| i.id),
        })
        .collect())
}
