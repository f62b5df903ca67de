use serde::Serialize;

/// Every heading and caption of the report, so one template prints Thai or English.
/// The default is Thai.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    /// Typst language code ("th" or "en"), for hyphenation and quotes.
    pub lang: String,
    pub report_title: String,
    pub province: String,
    pub held_on: String,
    pub scope: String,
    pub participants: String,
    pub participants_unit: String,
    pub baseline_cycle: String,
    pub not_recorded: String,
    pub generated_on: String,
    pub page: String,

    pub section_mission: String,
    pub no_mission: String,
    pub key_phrases: String,
    pub phrase: String,
    pub votes: String,
    pub no_phrases: String,

    pub section_stock: String,
    pub activity: String,
    pub dots: String,
    pub rated: String,
    pub abstained_short: String,
    pub mean: String,
    pub median: String,
    pub spread: String,
    pub spread_short: String,
    pub baseline: String,
    pub change: String,
    pub no_activities: String,
    pub chart_title: String,
    pub this_cycle: String,
    pub distribution: String,
    pub rating: String,
    pub outliers: String,
    pub none: String,
    pub dialogue: String,
    pub evidence: String,

    pub section_plan: String,
    pub goal: String,
    pub strategies: String,
    pub plan_evidence: String,
    pub owner: String,
    pub due: String,
    pub no_plans: String,

    pub section_overall: String,
    pub overall_mean: String,
    pub overall_baseline: String,
    pub overall_change: String,
    pub out_of_ten: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels::thai()
    }
}

impl Labels {
    pub fn thai() -> Labels {
        Labels {
            lang: "th".into(),
            report_title: "รายงานผลการประเมินแบบเสริมพลัง".into(),
            province: "จังหวัด".into(),
            held_on: "วันที่จัดกิจกรรม".into(),
            scope: "ขอบเขตของรายงาน".into(),
            participants: "ผู้เข้าร่วม".into(),
            participants_unit: "คน".into(),
            baseline_cycle: "เปรียบเทียบกับรอบฐาน".into(),
            not_recorded: "ไม่ได้ระบุ".into(),
            generated_on: "จัดทำรายงานเมื่อ".into(),
            page: "หน้า".into(),

            section_mission: "พันธกิจ".into(),
            no_mission: "ยังไม่ได้บันทึกข้อความพันธกิจ".into(),
            key_phrases: "คำสำคัญของพันธกิจ".into(),
            phrase: "คำสำคัญ".into(),
            votes: "คะแนนเสียง".into(),
            no_phrases: "ยังไม่มีคำสำคัญ".into(),

            section_stock: "การประเมินสถานะปัจจุบัน".into(),
            activity: "กิจกรรม".into(),
            dots: "จุดที่ได้".into(),
            rated: "ผู้ให้คะแนน".into(),
            abstained_short: "งดออกเสียง".into(),
            mean: "ค่าเฉลี่ย".into(),
            median: "มัธยฐาน".into(),
            spread: "ส่วนเบี่ยงเบนมาตรฐาน".into(),
            spread_short: "S.D.".into(),
            baseline: "รอบฐาน".into(),
            change: "เปลี่ยนแปลง".into(),
            no_activities: "ยังไม่มีกิจกรรมที่เลือกไว้".into(),
            chart_title: "ค่าเฉลี่ยคะแนนรายกิจกรรม (เต็ม 10)".into(),
            this_cycle: "รอบนี้".into(),
            distribution: "การกระจายของคะแนน".into(),
            rating: "คะแนน".into(),
            outliers: "คะแนนที่ต่างจากกลุ่มซึ่งควรอภิปราย".into(),
            none: "ไม่มี".into(),
            dialogue: "บันทึกการสนทนา".into(),
            evidence: "หลักฐานที่อ้างอิง".into(),

            section_plan: "การวางแผนสู่อนาคต".into(),
            goal: "เป้าหมาย".into(),
            strategies: "กลยุทธ์".into(),
            plan_evidence: "หลักฐานความสำเร็จ".into(),
            owner: "ผู้รับผิดชอบ".into(),
            due: "กำหนดเสร็จ".into(),
            no_plans: "ยังไม่มีแผนสำหรับกิจกรรมนี้".into(),

            section_overall: "สรุปภาพรวม".into(),
            overall_mean: "ค่าเฉลี่ยรวมของทุกกิจกรรม".into(),
            overall_baseline: "ค่าเฉลี่ยรวมรอบฐาน".into(),
            overall_change: "การเปลี่ยนแปลง".into(),
            out_of_ten: "จากคะแนนเต็ม 10".into(),
        }
    }

    pub fn english() -> Labels {
        Labels {
            lang: "en".into(),
            report_title: "Empowerment Evaluation Report".into(),
            province: "Province".into(),
            held_on: "Held on".into(),
            scope: "Scope".into(),
            participants: "Participants".into(),
            participants_unit: "people".into(),
            baseline_cycle: "Compared with baseline".into(),
            not_recorded: "Not recorded".into(),
            generated_on: "Generated on".into(),
            page: "Page".into(),

            section_mission: "Mission".into(),
            no_mission: "No mission statement was saved.".into(),
            key_phrases: "Key phrases of the mission".into(),
            phrase: "Phrase".into(),
            votes: "Votes".into(),
            no_phrases: "No key phrases yet.".into(),

            section_stock: "Taking Stock".into(),
            activity: "Activity".into(),
            dots: "Dots".into(),
            rated: "Rated".into(),
            abstained_short: "abstained".into(),
            mean: "Mean".into(),
            median: "Median".into(),
            spread: "Standard deviation".into(),
            spread_short: "SD".into(),
            baseline: "Baseline".into(),
            change: "Change".into(),
            no_activities: "No activities were chosen.".into(),
            chart_title: "Mean rating per activity (out of 10)".into(),
            this_cycle: "This cycle".into(),
            distribution: "Distribution of ratings".into(),
            rating: "Rating".into(),
            outliers: "Outlying ratings to discuss".into(),
            none: "None".into(),
            dialogue: "Dialogue notes".into(),
            evidence: "Evidence cited".into(),

            section_plan: "Planning for the Future".into(),
            goal: "Goal".into(),
            strategies: "Strategies".into(),
            plan_evidence: "Evidence of success".into(),
            owner: "Responsible".into(),
            due: "Due".into(),
            no_plans: "No plans for this activity yet.".into(),

            section_overall: "Overall".into(),
            overall_mean: "Overall mean across activities".into(),
            overall_baseline: "Overall baseline mean".into(),
            overall_change: "Change".into(),
            out_of_ten: "out of 10".into(),
        }
    }
}
