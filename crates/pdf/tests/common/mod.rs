use sermphalang_pdf::{ActivityReport, CycleReport, Labels, Phrase, PlanItem};

pub const MISSION: &str = "ชาวอุดรธานีทุกช่วงวัยมีคุณธรรม ซื่อสัตย์ จิตอาสา และอยู่ร่วมกันอย่างพอเพียง";
pub const MARKUP_PHRASE: &str = "#let x = 1 *a* _b_ $c$ <d> @e";
pub const SARA_AM_TITLE: &str = "ขยายจำนวนผู้เข้าร่วมกิจกรรมจิตอาสาทำความดี";

/// A full Thai follow-up report: eight activities, histograms, plans, baseline means.
pub fn sample() -> CycleReport {
    let titles = [
        SARA_AM_TITLE,
        "ส่งเสริมการเรียนรู้เรื่องฤๅษีและภูมิปัญญาท้องถิ่น",
        "ตลาดนัดคุณธรรม ก๊วยเตี๋ยวเรือลดโลกร้อน",
        "หมู่บ้านรักษาศีล 5",
        "ครอบครัวอบอุ่น พูดคุยกันทุกสัปดาห์",
        "ธนาคารขยะชุมชน",
        "โรงเรียนสุจริต โปร่งใส ตรวจสอบได้",
        "ลานวัฒนธรรมฦๅชาและการแสดงพื้นบ้าน",
    ];
    let histograms = [
        [0, 0, 1, 2, 3, 6, 9, 8, 5, 2],
        [1, 0, 0, 1, 4, 7, 8, 6, 3, 1],
        [0, 1, 2, 4, 6, 8, 5, 3, 1, 0],
        [0, 0, 0, 0, 1, 3, 7, 10, 9, 6],
        [2, 3, 5, 7, 6, 4, 2, 1, 0, 0],
        [0, 0, 0, 2, 4, 6, 8, 7, 4, 3],
        [0, 0, 1, 1, 2, 5, 9, 9, 6, 3],
        [3, 0, 0, 0, 2, 4, 7, 9, 8, 4],
    ];
    let activities = titles
        .iter()
        .zip(histograms)
        .enumerate()
        .map(|(i, (title, histogram))| activity(i, title, histogram))
        .collect();
    CycleReport {
        province: "อุดรธานี".into(),
        title: "การประเมินผลแบบเสริมพลัง ครั้งที่ 2".into(),
        fiscal_year: "ปีงบประมาณ 2566".into(),
        held_on: "17 กุมภาพันธ์ 2566".into(),
        generated_on: "24 พฤศจิกายน 2569 เวลา 10:15 น.".into(),
        scope: "ทุกภาคีเครือข่าย".into(),
        participants: 42,
        baseline_title: Some("การประเมินผลแบบเสริมพลัง ครั้งที่ 1".into()),
        mission: MISSION.into(),
        phrases: vec![
            phrase("มีคุณธรรม", 31),
            phrase("จิตอาสา", 27),
            phrase("อยู่ร่วมกันอย่างพอเพียง", 19),
            phrase("จำนวนผู้เข้าร่วม", 12),
            phrase(MARKUP_PHRASE, 3),
        ],
        activities,
        labels: Labels::thai(),
    }
}

fn activity(i: usize, title: &str, histogram: [i64; 10]) -> ActivityReport {
    let rated: i64 = histogram.iter().sum();
    let sum: i64 = histogram
        .iter()
        .zip(1..)
        .map(|(count, rating)| count * rating)
        .sum();
    let mean = sum as f64 / rated as f64;
    let variance = histogram
        .iter()
        .zip(1..)
        .map(|(count, rating)| *count as f64 * (f64::from(rating) - mean).powi(2))
        .sum::<f64>()
        / rated as f64;
    let outliers = histogram
        .iter()
        .zip(1u8..)
        .filter(|(count, rating)| **count > 0 && (f64::from(*rating) - mean).abs() > 4.0)
        .map(|(_, rating)| rating)
        .collect();
    ActivityReport {
        title: title.into(),
        dots: 40 - 3 * i as i64,
        rated,
        abstained: (i % 3) as i64,
        mean: Some(mean),
        median: Some((mean * 2.0).round() / 2.0),
        spread: Some(variance.sqrt()),
        histogram,
        outliers,
        baseline_mean: (i != 5).then_some(mean - 1.2 + 0.35 * i as f64),
        dialogue: format!(
            "ผู้เข้าร่วมเห็นว่ากิจกรรมนี้ทำได้ดีขึ้น แต่ยังขาดการประชาสัมพันธ์ในระดับตำบล\n\
             ผู้ให้คะแนนต่ำเล่าว่าชุมชนของตนยังไม่ได้รับงบประมาณ (รอบที่ {})",
            i + 1
        ),
        evidence: "รายงานผลการดำเนินงานของสำนักงานวัฒนธรรมจังหวัด และภาพถ่ายกิจกรรม".into(),
        plans: vec![
            PlanItem {
                goal: "ผู้เข้าร่วมเพิ่มขึ้นร้อยละ 20".into(),
                strategies: "ประชาสัมพันธ์ผ่านหอกระจายข่าวและกลุ่มไลน์ของหมู่บ้าน จัดกิจกรรมเดือนละครั้ง".into(),
                evidence: "ทะเบียนผู้เข้าร่วมกิจกรรม".into(),
                owner: "นางสาวพิมพา ใจดี".into(),
                due: "30 กันยายน 2567".into(),
            },
            PlanItem {
                goal: "มีแกนนำครบทุกตำบล".into(),
                strategies: "อบรมแกนนำเยาวชน".into(),
                evidence: "คำสั่งแต่งตั้งแกนนำ".into(),
                owner: "สำนักงานวัฒนธรรมจังหวัดอุดรธานี".into(),
                due: "31 มีนาคม 2567".into(),
            },
        ],
    }
}

fn phrase(text: &str, votes: i64) -> Phrase {
    Phrase {
        text: text.into(),
        votes,
    }
}
