//! Events (trainings, workshops, assemblies): the form as typed and the input it becomes.

use crate::registry::{collect, optional_date};
use crate::text::{self, NAME_MAX};
use crate::training::{AttendanceRule, CompletionRule};
use crate::{FieldError, Invalid};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use sermphalang_thai::to_arabic_digits;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4000;
pub const MAX_CAPACITY: u32 = 100_000;
pub const MAX_SESSIONS: usize = 40;

coded_enum!(EventKind {
    Training = "training", "การอบรม", "Training";
    Workshop = "workshop", "การประชุมเชิงปฏิบัติการ", "Workshop";
    Assembly = "assembly", "การประชุมสมัชชา", "Assembly";
});

impl EventKind {
    /// Whether `title` already begins with the kind ("การประชุมเชิงปฏิบัติการประเมินผล…",
    /// "Workshop on…"), so that pages and certificates do not print the kind twice.
    pub fn begins(self, title: &str) -> bool {
        let title = title.trim_start();
        title.starts_with(self.label_th())
            || title
                .get(..self.label_en().len())
                .is_some_and(|head| head.eq_ignore_ascii_case(self.label_en()))
    }
}

/// The text of the event form. Sessions come as parallel lists, one entry per row.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub organizers: Vec<String>,
    /// The evaluation cycle whose workshop this event is, if any.
    #[serde(default)]
    pub cycle: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub approval: String,
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub session_date: Vec<String>,
    #[serde(default)]
    pub session_start: Vec<String>,
    #[serde(default)]
    pub session_end: Vec<String>,
    #[serde(default)]
    pub session_title: Vec<String>,
    /// "sessions" or "percent".
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub rule_value: String,
    #[serde(default)]
    pub evaluation_required: String,
    #[serde(default)]
    pub certificate_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionInput {
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventInput {
    pub title: String,
    pub kind: EventKind,
    pub description: String,
    pub venue: String,
    pub organizers: Vec<i64>,
    pub cycle: Option<i64>,
    pub capacity: Option<u32>,
    /// Registration opens at the start of this day and closes at its end; none means always.
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub approval_required: bool,
    pub published: bool,
    pub sessions: Vec<SessionInput>,
    pub completion: CompletionRule,
    /// The date printed on certificates; the last session's day when none.
    pub certificate_date: Option<NaiveDate>,
}

fn checked(raw: &str) -> bool {
    matches!(raw.trim(), "on" | "yes" | "true" | "1")
}

fn number(raw: &str) -> Option<Result<u32, ()>> {
    let raw = to_arabic_digits(raw.trim());
    (!raw.is_empty()).then(|| raw.parse::<u32>().map_err(|_| ()))
}

fn time(raw: &str) -> Option<NaiveTime> {
    let raw = to_arabic_digits(raw.trim()).replace('.', ":");
    NaiveTime::parse_from_str(&raw, "%H:%M").ok()
}

impl EventForm {
    pub fn validate(&self) -> Result<EventInput, Invalid> {
        let mut errors = Invalid::default();
        let title = collect(
            &mut errors,
            text::required(&self.title, "title", ("ชื่องาน", "Title"), TITLE_MAX),
        );
        let kind = EventKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "กรุณาเลือกประเภทงาน",
                "Choose the kind of event",
            ));
        }
        let description = collect(
            &mut errors,
            text::optional_multiline(
                &self.description,
                "description",
                ("รายละเอียด", "Description"),
                DESCRIPTION_MAX,
            ),
        );
        let venue = collect(
            &mut errors,
            text::optional(&self.venue, "venue", ("สถานที่", "Venue"), NAME_MAX),
        );
        let mut organizers = Vec::new();
        for raw in self.organizers.iter().filter(|r| !r.trim().is_empty()) {
            match raw.trim().parse::<i64>() {
                Ok(id) if !organizers.contains(&id) => organizers.push(id),
                Ok(_) => {}
                Err(_) => errors.push(FieldError::new(
                    "organizers",
                    "กรุณาเลือกหน่วยงานผู้จัดจากรายการ",
                    "Choose the organizing organizations from the list",
                )),
            }
        }
        let cycle = match self.cycle.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "cycle",
                        "กรุณาเลือกรอบการประเมินจากรายการ",
                        "Choose the evaluation cycle from the list",
                    ));
                    None
                }
            },
        };
        let capacity = match number(&self.capacity) {
            None => None,
            Some(Ok(n)) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
            Some(_) => {
                errors.push(FieldError::new(
                    "capacity",
                    format!("จำนวนที่รับต้องเป็นตัวเลข 1 ถึง {MAX_CAPACITY} หรือเว้นว่างถ้าไม่จำกัด"),
                    format!(
                        "Capacity must be a number from 1 to {MAX_CAPACITY}, or empty for no limit"
                    ),
                ));
                None
            }
        };
        let opens_on = optional_date(&self.opens_on, "opens_on", &mut errors);
        let closes_on = optional_date(&self.closes_on, "closes_on", &mut errors);
        if let (Some(opens), Some(closes)) = (opens_on, closes_on)
            && closes < opens
        {
            errors.push(FieldError::new(
                "closes_on",
                "วันปิดรับสมัครต้องไม่ก่อนวันเปิดรับสมัคร",
                "Registration cannot close before it opens",
            ));
        }
        let sessions = self.sessions(&mut errors);
        let completion = self.completion(sessions.len(), &mut errors);
        let certificate_date =
            optional_date(&self.certificate_date, "certificate_date", &mut errors);
        errors.into_result(|| EventInput {
            title: title.unwrap_or_default(),
            kind: kind.unwrap_or(EventKind::Training),
            description: description.unwrap_or_default(),
            venue: venue.unwrap_or_default(),
            organizers,
            cycle,
            capacity,
            opens_on,
            closes_on,
            approval_required: checked(&self.approval),
            published: checked(&self.published),
            sessions,
            completion: completion.unwrap_or(CompletionRule {
                attendance: AttendanceRule::Percent(100),
                evaluation_required: false,
            }),
            certificate_date,
        })
    }

    fn sessions(&self, errors: &mut Invalid) -> Vec<SessionInput> {
        let rows = self.session_date.len();
        let mut sessions = Vec::new();
        for i in 0..rows {
            let (date, start, end, title) = (
                cell(&self.session_date, i),
                cell(&self.session_start, i),
                cell(&self.session_end, i),
                cell(&self.session_title, i),
            );
            if [date, start, end, title]
                .iter()
                .all(|s| s.trim().is_empty())
            {
                continue;
            }
            let row = sessions.len() + 1;
            let mut row_errors = Invalid::default();
            let date = optional_date(date, "sessions", &mut row_errors);
            let (starts, ends) = (time(start), time(end));
            let title = text::optional(title, "sessions", ("ชื่อช่วง", "Session title"), NAME_MAX);
            match (date, starts, ends, title) {
                (Some(date), Some(starts), Some(ends), Ok(title)) if starts < ends => {
                    sessions.push(SessionInput {
                        date,
                        starts,
                        ends,
                        title,
                    });
                }
                _ => errors.push(FieldError::new(
                    "sessions",
                    format!("ช่วงที่ {row}: ต้องมีวันที่ เวลาเริ่ม และเวลาสิ้นสุดหลังเวลาเริ่ม (เช่น 18/2/2565 09:00-12:00)"),
                    format!("Session {row}: needs a date, a start time and an end time after it (e.g. 18/2/2565 09:00-12:00)"),
                )),
            }
        }
        if sessions.is_empty() && errors.for_field("sessions").is_none() {
            errors.push(FieldError::new(
                "sessions",
                "กรุณาระบุอย่างน้อยหนึ่งช่วงของงาน (วันที่และเวลา)",
                "Add at least one session (a date and times)",
            ));
        }
        if sessions.len() > MAX_SESSIONS {
            errors.push(FieldError::new(
                "sessions",
                format!("งานหนึ่งมีได้ไม่เกิน {MAX_SESSIONS} ช่วง"),
                format!("An event can have at most {MAX_SESSIONS} sessions"),
            ));
        }
        sessions.sort_by_key(|s| (s.date, s.starts));
        sessions
    }

    fn completion(&self, sessions: usize, errors: &mut Invalid) -> Option<CompletionRule> {
        let value = number(&self.rule_value);
        let attendance = match (self.rule.trim(), value) {
            ("percent" | "", None) => Some(AttendanceRule::Percent(100)),
            ("percent" | "", Some(Ok(p))) if (1..=100).contains(&p) => {
                Some(AttendanceRule::Percent(p as u8))
            }
            ("sessions", Some(Ok(n))) if n >= 1 && (sessions == 0 || n as usize <= sessions) => {
                Some(AttendanceRule::Sessions(n))
            }
            _ => None,
        };
        if attendance.is_none() {
            errors.push(FieldError::new(
                "rule_value",
                format!("เกณฑ์การเข้าร่วม: ร้อยละ 1-100 หรือจำนวนช่วง 1-{sessions}"),
                format!("Attendance rule: 1-100 percent, or 1-{sessions} sessions"),
            ));
        }
        attendance.map(|attendance| CompletionRule {
            attendance,
            evaluation_required: checked(&self.evaluation_required),
        })
    }
}

fn cell(list: &[String], i: usize) -> &str {
    list.get(i).map(String::as_str).unwrap_or("")
}

/// Whether registration is open on `today`: within the window if one is set, and never after
/// the event's last day (`ends_on`), window or not.
pub fn registration_open(
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
    ends_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldError> {
    if opens_on.is_some_and(|d| today < d) {
        return Err(FieldError::new(
            "event",
            "ยังไม่เปิดรับสมัคร",
            "Registration has not opened yet",
        ));
    }
    if today > ends_on {
        return Err(FieldError::new(
            "event",
            "งานนี้จัดไปแล้ว จึงปิดรับสมัคร",
            "This event is over, so registration is closed",
        ));
    }
    if closes_on.is_some_and(|d| today > d) {
        return Err(FieldError::new(
            "event",
            "ปิดรับสมัครแล้ว",
            "Registration has closed",
        ));
    }
    Ok(())
}

/// The start of a session, for ordering and for "today's session" at the door.
pub fn session_start(date: NaiveDate, starts: NaiveTime) -> NaiveDateTime {
    date.and_time(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_names_its_kind_is_not_prefixed_again() {
        let title = "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง จังหวัดอุดรธานี";
        assert!(EventKind::Workshop.begins(title));
        assert!(EventKind::Workshop.begins("workshop on moral communities"));
        assert!(!EventKind::Training.begins(title));
        assert!(!EventKind::Workshop.begins("ประเมินผลแบบเสริมพลัง"));
    }

    fn form() -> EventForm {
        EventForm {
            title: "การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง".into(),
            kind: "workshop".into(),
            venue: "โรงแรมเซ็นทารา อุดรธานี".into(),
            capacity: "๔๐".into(),
            session_date: vec!["18/2/2565".into(), "18/2/2565".into(), String::new()],
            session_start: vec!["13.00".into(), "09:00".into(), String::new()],
            session_end: vec!["16:30".into(), "12:00".into(), String::new()],
            session_title: vec!["ภาคบ่าย".into(), "ภาคเช้า".into(), String::new()],
            rule: "sessions".into(),
            rule_value: "2".into(),
            evaluation_required: "on".into(),
            ..EventForm::default()
        }
    }

    #[test]
    fn a_workshop_with_two_sessions_in_order() {
        let input = form().validate().unwrap();
        assert_eq!(input.capacity, Some(40));
        assert_eq!(input.sessions.len(), 2);
        assert_eq!(input.sessions[0].title, "ภาคเช้า");
        assert_eq!(
            input.sessions[0].date,
            NaiveDate::from_ymd_opt(2022, 2, 18).unwrap()
        );
        assert_eq!(
            input.completion,
            CompletionRule {
                attendance: AttendanceRule::Sessions(2),
                evaluation_required: true
            }
        );
    }

    #[test]
    fn every_mistake_is_named() {
        let bad = EventForm {
            title: " ".into(),
            kind: "party".into(),
            capacity: "0".into(),
            session_end: vec!["08:00".into()],
            session_date: vec!["18/2/2565".into()],
            session_start: vec!["09:00".into()],
            rule: "sessions".into(),
            rule_value: "0".into(),
            opens_on: "10/2/2565".into(),
            closes_on: "1/2/2565".into(),
            ..EventForm::default()
        };
        let errors = bad.validate().unwrap_err();
        for field in [
            "title",
            "kind",
            "capacity",
            "sessions",
            "rule_value",
            "closes_on",
        ] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors:?}");
        }
        assert!(errors.summary_th().contains("ช่วงที่ 1"));
    }

    #[test]
    fn no_sessions_is_refused() {
        let empty = EventForm {
            session_date: vec![String::new()],
            ..form()
        };
        let errors = empty.validate().unwrap_err();
        assert!(errors.for_field("sessions").is_some());
    }

    #[test]
    fn the_registration_window_is_inclusive() {
        let day = |d| NaiveDate::from_ymd_opt(2022, 2, d).unwrap();
        let end = day(20);
        assert!(registration_open(Some(day(1)), Some(day(10)), end, day(1)).is_ok());
        assert!(registration_open(Some(day(1)), Some(day(10)), end, day(10)).is_ok());
        assert!(registration_open(Some(day(2)), None, end, day(1)).is_err());
        assert!(registration_open(None, Some(day(10)), end, day(11)).is_err());
        assert!(registration_open(None, None, end, day(11)).is_ok());
        // No window: open until the event's last day, never after it.
        assert!(registration_open(None, None, end, day(20)).is_ok());
        assert!(registration_open(None, None, end, day(21)).is_err());
        assert!(registration_open(None, Some(day(28)), end, day(21)).is_err());
    }
}
