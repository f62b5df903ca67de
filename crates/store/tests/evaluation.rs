//! The three-step empowerment evaluation end to end, with 40 simulated participants, on SQLite
//! and (with `TEST_DATABASE_URL`) PostgreSQL.

use sermphalang_domain::evaluation::live::{JoinInput, QuestionState};
use sermphalang_domain::evaluation::{CycleInput, DialogueInput, PlanInput, Rating, Step};
use sermphalang_domain::registry::Sector;
use sermphalang_store::audit::Actor;
use sermphalang_store::evaluation::live::votes;
use sermphalang_store::evaluation::live::workshop::{self, CodeLookup, Control};
use sermphalang_store::evaluation::{activity, cycle, paper, plan, results};
use sermphalang_store::testing::backends;
use sermphalang_store::{Db, StoreError};

const UDON: i64 = 41;
const PEOPLE: usize = 40;

fn input(name: &str, baseline: Option<i64>) -> CycleInput {
    CycleInput {
        name: name.into(),
        fiscal_year: 2565,
        held_on: None,
        network: None,
        organization: None,
        baseline,
        dots_per_person: 5,
        stacking: true,
        top_k: 4,
        anonymous: true,
        facilitators: Vec::new(),
    }
}

/// Everyone joins the cycle's running session, started if there is none: answers are taken
/// only while a session runs.
async fn join_all(db: &Db, cycle: i64) -> Vec<i64> {
    if workshop::current(db, cycle).await.unwrap().is_none() {
        workshop::start(db, &Actor::system(), UDON, cycle)
            .await
            .unwrap();
    }
    let sectors = Sector::ALL;
    let mut ids = Vec::new();
    for i in 0..PEOPLE {
        let join = JoinInput {
            display_name: format!("ผู้เข้าร่วม {i}"),
            network: Some(sectors[i % sectors.len()]),
        };
        let (p, token) = workshop::join(db, cycle, &join).await.unwrap();
        assert_eq!(
            workshop::participant(db, &token).await.unwrap().unwrap().id,
            p.id
        );
        ids.push(p.id);
    }
    ids
}

async fn question(db: &Db, cycle: i64, step: Step, activity: Option<i64>) -> i64 {
    workshop::ensure_questions(db, cycle, step)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.step == step && (activity.is_none() || q.activity_id == activity))
        .unwrap()
        .id
}

async fn open(db: &Db, cycle: i64, step: Step) {
    let actor = Actor::system();
    workshop::control(db, &actor, UDON, cycle, step, None, Control::Open)
        .await
        .unwrap();
}

async fn close(db: &Db, cycle: i64, step: Step) {
    let actor = Actor::system();
    workshop::control(db, &actor, UDON, cycle, step, None, Control::Close)
        .await
        .unwrap();
}

#[tokio::test]
async fn three_steps_with_forty_participants() {
    for t in backends("three_steps_with_forty_participants").await {
        let db = &t.db;
        let actor = Actor::system();
        let id = cycle::create(db, &actor, UDON, &input("รอบฐาน 2565", None))
            .await
            .unwrap();

        let session = workshop::start(db, &actor, UDON, id).await.unwrap();
        assert_eq!(session.join_code.len(), 6);
        assert!(matches!(
            workshop::by_code(db, &session.join_code).await.unwrap(),
            CodeLookup::Active(s) if s.cycle_id == id
        ));
        assert!(matches!(
            workshop::by_code(db, "abc").await.unwrap(),
            CodeLookup::Unknown
        ));
        assert!(workshop::participant(db, "forged").await.unwrap().is_none());
        let people = join_all(db, id).await;

        // Mission: nothing is accepted before the question opens.
        let mission = question(db, id, Step::Mission, None).await;
        assert!(matches!(
            votes::add_phrase(db, id, mission, people[0], "คนดี", None).await,
            Err(StoreError::Closed)
        ));
        open(db, id, Step::Mission).await;
        let words = ["ชุมชนเข้มแข็ง", "คนดีมีวินัย", "จิตอาสาช่วยเหลือสังคม", "พอเพียง"];
        let mut phrase_ids = Vec::new();
        for (i, p) in people.iter().enumerate().take(8) {
            phrase_ids.push(
                votes::add_phrase(db, id, mission, *p, words[i % words.len()], Some("k1"))
                    .await
                    .unwrap(),
            );
        }
        // A phone retrying with the same key adds nothing; another key is another phrase.
        let retried = votes::add_phrase(db, id, mission, people[0], words[0], Some("k1"))
            .await
            .unwrap();
        assert_eq!(retried, phrase_ids[0], "a retry answers the first phrase");
        assert_eq!(votes::phrases(db, id).await.unwrap().len(), 8);
        for p in &people {
            votes::like_phrase(db, id, mission, *p, phrase_ids[1], true)
                .await
                .unwrap();
            votes::like_phrase(db, id, mission, *p, phrase_ids[1], true)
                .await
                .unwrap();
        }
        let phrases = votes::phrases(db, id).await.unwrap();
        assert_eq!(phrases[0].id, phrase_ids[1], "most liked first");
        assert_eq!(
            phrases[0].votes, PEOPLE as i64,
            "a second like is the same like"
        );
        cycle::save_mission(db, &actor, UDON, id, "จังหวัดอุดรธานีเป็นสังคมคุณธรรม")
            .await
            .unwrap();
        close(db, id, Step::Mission).await;
        assert!(matches!(
            votes::add_phrase(db, id, mission, people[0], "ช้าไป", None).await,
            Err(StoreError::Closed)
        ));

        // Taking stock I: brainstorm, merge a duplicate, dots.
        let brainstorm = question(db, id, Step::Activities, None).await;
        open(db, id, Step::Activities).await;
        let titles = [
            "โรงเรียนคุณธรรม",
            "ชุมชนคุณธรรมต้นแบบ",
            "ตลาดนัดความดี",
            "จิตอาสาพัฒนาวัด",
            "สื่อสร้างสรรค์",
            "โรงเรียนคุณธรรม (ซ้ำ)",
        ];
        let mut acts = Vec::new();
        for (i, title) in titles.iter().enumerate() {
            acts.push(
                votes::suggest_activity(db, id, brainstorm, people[i], title, Some("s"))
                    .await
                    .unwrap(),
            );
        }
        let retried = votes::suggest_activity(db, id, brainstorm, people[1], "ซ้ำ", Some("s"))
            .await
            .unwrap();
        assert_eq!(retried, acts[1], "a retried suggestion is kept once");
        assert_eq!(activity::list(db, id).await.unwrap().len(), titles.len());
        close(db, id, Step::Activities).await;
        let c = cycle::find(db, UDON, id).await.unwrap();
        let dots = question(db, id, Step::Dots, None).await;
        open(db, id, Step::Dots).await;
        for (i, p) in people.iter().enumerate() {
            // Everyone puts 3 dots on one favourite and 2 on another.
            let first = acts[i % 6];
            let second = acts[(i + 1) % 6];
            assert_eq!(
                votes::set_dots(db, &c, dots, *p, first, 3).await.unwrap(),
                2
            );
            assert_eq!(
                votes::set_dots(db, &c, dots, *p, second, 2).await.unwrap(),
                0
            );
        }
        match votes::set_dots(db, &c, dots, people[0], acts[3], 1).await {
            Err(StoreError::Invalid(e)) => assert!(e.0[0].en.contains("0 left"), "{e}"),
            other => panic!("a sixth dot was not refused: {other:?}"),
        }
        // Changing one's mind on the same activity is a replacement, not an addition.
        assert_eq!(
            votes::set_dots(db, &c, dots, people[0], acts[0], 1)
                .await
                .unwrap(),
            2
        );
        close(db, id, Step::Dots).await;
        activity::merge(db, &actor, UDON, id, acts[5], acts[0])
            .await
            .unwrap();
        let listed = activity::list(db, id).await.unwrap();
        let total: i64 = listed.iter().map(|a| a.dots).sum();
        assert_eq!(total, (PEOPLE * 5 - 2) as i64, "merging keeps every dot");
        assert_eq!(listed.iter().find(|a| a.id == acts[5]).unwrap().dots, 0);
        let pick = activity::suggest_top(db, id, c.top_k).await.unwrap();
        assert_eq!(pick.chosen.len(), 4);
        assert!(pick.chosen.contains(&acts[0]), "the merged activity leads");
        activity::set_chosen(db, &actor, UDON, id, &pick.chosen)
            .await
            .unwrap();

        // Taking stock II: ratings, with abstentions and changed votes.
        open(db, id, Step::Rating).await;
        let chosen = activity::chosen(db, id).await.unwrap();
        assert_eq!(chosen.len(), 4);
        for a in &chosen {
            let q = question(db, id, Step::Rating, Some(a.id)).await;
            for (i, p) in people.iter().enumerate() {
                let rating = if i == 0 {
                    Rating::Abstain
                } else {
                    Rating::Score((4 + i % 5) as u8)
                };
                votes::rate(db, id, q, *p, Rating::Score(1)).await.unwrap();
                votes::rate(db, id, q, *p, rating).await.unwrap();
            }
        }
        let other = cycle::create(db, &actor, UDON, &input("อีกรอบ", None))
            .await
            .unwrap();
        let foreign = question(db, other, Step::Mission, None).await;
        assert!(matches!(
            votes::rate(db, id, foreign, people[1], Rating::Score(5)).await,
            Err(StoreError::NotFound)
        ));
        close(db, id, Step::Rating).await;
        let q0 = question(db, id, Step::Rating, Some(chosen[0].id)).await;
        assert!(matches!(
            votes::rate(db, id, q0, people[1], Rating::Score(9)).await,
            Err(StoreError::Closed)
        ));
        let stats = results::rating_stats(db, id).await.unwrap();
        for a in &chosen {
            let s = &stats[&a.id];
            assert_eq!(s.rated, (PEOPLE - 1) as i64);
            assert_eq!(s.abstained, 1);
            assert_eq!(s.histogram[0], 0, "the first votes were replaced");
            assert!((s.mean.unwrap() - 6.0).abs() < 0.1, "{:?}", s.mean);
        }
        let questions = workshop::questions(db, id).await.unwrap();
        assert!(
            questions
                .iter()
                .filter(|q| q.step == Step::Rating)
                .all(|q| q.state == QuestionState::Closed)
        );
        workshop::control(
            db,
            &actor,
            UDON,
            id,
            Step::Rating,
            Some(q0),
            Control::Reveal,
        )
        .await
        .unwrap();
        assert!(
            workshop::questions(db, id)
                .await
                .unwrap()
                .iter()
                .any(|q| q.id == q0 && q.revealed)
        );
        // Opening a question again collects answers blind, whatever was revealed before.
        open(db, id, Step::Rating).await;
        let reopened = workshop::questions(db, id).await.unwrap();
        let q = reopened.iter().find(|q| q.id == q0).unwrap();
        assert_eq!(q.state, QuestionState::Open);
        assert!(!q.revealed, "results stay hidden while answers are open");
        close(db, id, Step::Rating).await;

        // Dialogue and planning.
        activity::save_dialogue(
            db,
            &actor,
            UDON,
            id,
            chosen[0].id,
            &DialogueInput {
                dialogue: "ผู้ให้คะแนนต่ำเห็นว่ายังขาดการติดตามผล".into(),
                evidence: "รายงานการประชุม ครั้งที่ 1/2565".into(),
            },
        )
        .await
        .unwrap();
        let plan_id = plan::add(
            db,
            &actor,
            UDON,
            id,
            chosen[0].id,
            &PlanInput {
                goal: "โรงเรียนคุณธรรมเพิ่มเป็น 50 แห่ง".into(),
                strategies: "อบรมครูแกนนำ".into(),
                evidence: "ทะเบียนโรงเรียนที่ผ่านการประเมิน".into(),
                owner_organization: None,
                owner_person: None,
                due_on: None,
            },
        )
        .await
        .unwrap();
        assert_eq!(plan::list(db, id).await.unwrap()[0].id, plan_id);

        // Paper sheets from a room without phones join the statistics.
        paper::enter_ratings(
            db,
            &actor,
            UDON,
            id,
            chosen[1].id,
            &[Rating::Score(10), Rating::Score(10), Rating::Abstain],
        )
        .await
        .unwrap();
        let s = &results::rating_stats(db, id).await.unwrap()[&chosen[1].id];
        assert_eq!((s.rated, s.abstained), ((PEOPLE + 1) as i64, 2));

        // A follow-up a year later re-rates the same activities; progress compares them.
        let follow = cycle::create(db, &actor, UDON, &input("ติดตาม 2566", Some(id)))
            .await
            .unwrap();
        let f = cycle::find(db, UDON, follow).await.unwrap();
        assert_eq!(f.step, Step::Rating);
        assert_eq!(f.mission_statement, "จังหวัดอุดรธานีเป็นสังคมคุณธรรม");
        let again = activity::chosen(db, follow).await.unwrap();
        assert_eq!(again.len(), 4);
        let people2 = join_all(db, follow).await;
        open(db, follow, Step::Rating).await;
        for a in &again {
            let q = question(db, follow, Step::Rating, Some(a.id)).await;
            for p in &people2 {
                votes::rate(db, follow, q, *p, Rating::Score(8))
                    .await
                    .unwrap();
            }
        }
        let progress = results::progress(db, &f).await.unwrap().unwrap();
        assert_eq!(progress.rows.len(), 4);
        assert!(progress.rows.iter().all(|r| r.change.unwrap() > 1.0));
        assert!(progress.change.unwrap() > 1.0);
        assert_eq!(progress.follow_up_raters, PEOPLE as i64);

        workshop::end(db, &actor, UDON, id).await.unwrap();
        assert!(matches!(
            workshop::by_code(db, &session.join_code).await.unwrap(),
            CodeLookup::Expired
        ));
        let raw = results::raw_ratings(db, id).await.unwrap();
        assert_eq!(raw.len(), PEOPLE * 4 + 3);
    }
}

#[tokio::test]
async fn dots_without_stacking_and_cycles_of_other_provinces() {
    for t in backends("dots_without_stacking").await {
        let db = &t.db;
        let actor = Actor::system();
        let mut i = input("ไม่ซ้อนจุด", None);
        i.stacking = false;
        let id = cycle::create(db, &actor, UDON, &i).await.unwrap();
        let c = cycle::find(db, UDON, id).await.unwrap();
        let a = activity::add(db, &actor, UDON, id, "กิจกรรม").await.unwrap();
        let people = join_all(db, id).await;
        let q = question(db, id, Step::Dots, None).await;
        open(db, id, Step::Dots).await;
        assert!(matches!(
            votes::set_dots(db, &c, q, people[0], a, 2).await,
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(
            votes::set_dots(db, &c, q, people[0], a, 1).await.unwrap(),
            4
        );
        assert!(matches!(
            cycle::find(db, 40, id).await,
            Err(StoreError::NotFound)
        ));
        let mut bad = input("ฐานผิด", Some(9999));
        bad.facilitators = vec![1];
        match cycle::create(db, &actor, UDON, &bad).await {
            Err(StoreError::Invalid(e)) => {
                assert!(e.for_field("baseline").is_some());
                assert!(e.for_field("facilitators").is_some());
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn concurrent_joins_get_distinct_numbers() {
    for t in backends("concurrent_joins_get_distinct_numbers").await {
        let db = t.db.clone();
        let id = cycle::create(&db, &Actor::system(), UDON, &input("พร้อมกัน", None))
            .await
            .unwrap();
        let joins: Vec<_> = (0..30)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move {
                    let join = JoinInput {
                        display_name: format!("คนที่ {i}"),
                        network: None,
                    };
                    workshop::join(&db, id, &join).await.map(|(p, _)| p.number)
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for j in joins {
            numbers.push(j.await.unwrap().expect("every concurrent join succeeds"));
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=30).collect::<Vec<i64>>());
    }
}

#[tokio::test]
async fn joins_and_ratings_written_together_answer_each_phone() {
    for t in backends("joins_and_ratings_written_together").await {
        let db = &t.db;
        let actor = Actor::system();
        let id = cycle::create(db, &actor, UDON, &input("ห้องใหญ่", None))
            .await
            .unwrap();
        workshop::start(db, &actor, UDON, id).await.unwrap();
        let joining = |cycle, name: &str| workshop::Joining {
            cycle,
            input: JoinInput {
                display_name: name.into(),
                network: None,
            },
        };
        // A batch with a cycle that does not exist: the others still join.
        let batch = [
            joining(id, "หนึ่ง"),
            joining(-1, "ไม่มีรอบ"),
            joining(id, "สอง"),
        ];
        let answers = workshop::join_many(db, &batch).await;
        assert!(matches!(answers[1], Err(StoreError::NotFound)));
        let joined: Vec<_> = [&answers[0], &answers[2]]
            .into_iter()
            .map(|a| a.as_ref().unwrap())
            .collect();
        // PostgreSQL joins a batch on several connections at once, in any order.
        let mut first_two = [joined[0].0.number, joined[1].0.number];
        first_two.sort_unstable();
        assert_eq!(first_two, [1, 2]);
        for (p, token) in &joined {
            let found = workshop::participant(db, token).await.unwrap().unwrap();
            assert_eq!(
                (found.id, found.display_name.as_str()),
                (p.id, p.display_name.as_str())
            );
        }
        let together: Vec<_> = (0..20).map(|i| joining(id, &format!("คนที่ {i}"))).collect();
        let mut numbers: Vec<i64> = workshop::join_many(db, &together)
            .await
            .into_iter()
            .map(|a| a.unwrap().0.number)
            .collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (3..=22).collect::<Vec<i64>>());

        let act = activity::add(db, &actor, UDON, id, "ตลาดนัดคุณธรรม")
            .await
            .unwrap();
        activity::set_chosen(db, &actor, UDON, id, &[act])
            .await
            .unwrap();
        let rating = question(db, id, Step::Rating, Some(act)).await;
        let mission = question(db, id, Step::Mission, None).await;
        open(db, id, Step::Rating).await;
        let (first, second) = (joined[0].0.id, joined[1].0.id);
        let vote = |question, participant, score| votes::RatingVote {
            cycle: id,
            question,
            participant,
            rating: Rating::Score(score),
        };
        // One batch: a rating, a changed rating, a question that is not a rating, and one of
        // another cycle's questions.
        let other = cycle::create(db, &actor, UDON, &input("อีกรอบ", None))
            .await
            .unwrap();
        let foreign = question(db, other, Step::Mission, None).await;
        let batch = [
            vote(rating, first, 3),
            vote(rating, second, 4),
            vote(rating, first, 8),
            vote(mission, first, 5),
            vote(foreign, second, 5),
        ];
        let answers = votes::rate_many(db, &batch).await;
        assert!(answers[..3].iter().all(Result::is_ok), "{answers:?}");
        assert!(matches!(
            answers[3],
            Err(StoreError::Closed | StoreError::NotFound)
        ));
        assert!(
            matches!(answers[4], Err(StoreError::NotFound)),
            "{answers:?}"
        );
        let stats = results::rating_stats(db, id).await.unwrap();
        assert_eq!(stats[&act].rated, 2);
        assert!(
            (stats[&act].mean.unwrap() - 6.0).abs() < 1e-9,
            "the changed rating counts"
        );

        close(db, id, Step::Rating).await;
        let closed = votes::rate_many(db, &[vote(rating, second, 9)]).await;
        assert!(matches!(closed[0], Err(StoreError::Closed)));
    }
}
