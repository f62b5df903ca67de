//! What every page needs to render: language, font size, the signed-in account, the CSRF
//! token, reference data, and helpers that format dates and names for the chosen language.

use crate::i18n::{Lang, label, lookup};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, NaiveDate, Utc};
use sermphalang_domain::registry::{MemberRole, OrgKind, Sector};
use sermphalang_domain::{Account, Role};
use sermphalang_store::registry::geo::Geo;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontSize {
    Small,
    Normal,
    Large,
}

impl FontSize {
    pub fn parse(code: &str) -> Option<FontSize> {
        match code {
            "small" => Some(FontSize::Small),
            "normal" => Some(FontSize::Normal),
            "large" => Some(FontSize::Large),
            _ => None,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            FontSize::Small => "fs-small",
            FontSize::Normal => "fs-normal",
            FontSize::Large => "fs-large",
        }
    }
}

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub font: FontSize,
    pub account: Option<Account>,
    pub csrf: String,
    /// The path and query of this request, to come back to after a switch.
    pub here: String,
    pub geo: Arc<Geo>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = crate::AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| crate::AppError::Internal("no page context".into()))
    }
}

/// A figure with thousands grouped and at most two decimals, trailing zeros dropped.
fn figure(v: f64) -> String {
    let hundredths = (v * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, frac) = (hundredths.abs() / 100, hundredths.abs() % 100);
    let text = format!("{sign}{}.{frac:02}", group_thousands(whole));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Bangkok is UTC+7 all year.
const BANGKOK_SECONDS: i64 = 7 * 3600;

impl Ctx {
    pub fn t(&self, key: &str) -> &'static str {
        lookup(self.lang, key)
    }

    /// The word for a key that may have none.
    pub fn word(&self, key: &str) -> Option<&'static str> {
        crate::i18n::word(self.lang, key)
    }

    pub fn label(&self, prefix: &str, code: &str) -> String {
        label(self.lang, prefix, code).into_owned()
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }

    /// A message in the page's language.
    pub fn message(&self, e: &sermphalang_domain::FieldError) -> String {
        if self.is_en() {
            e.en.clone()
        } else {
            e.th.clone()
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// Whether the menu link `href` is the section this page belongs to: the page itself or
    /// a page below it. The province home counts only for itself.
    pub fn in_section(&self, href: &str) -> bool {
        let path = self.here.split('?').next().unwrap_or_default();
        let below = path
            .strip_prefix(href)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        if href.matches('/').count() <= 2 {
            path == href
        } else {
            below
        }
    }

    /// Title prefixes offered while typing one.
    pub fn title_suggestions(&self) -> &'static [&'static str] {
        sermphalang_domain::registry::titles::SUGGESTIONS
    }

    /// The current address, encoded for a `next=` parameter.
    pub fn next(&self) -> String {
        serde_urlencoded::to_string([("next", &self.here)]).unwrap_or_default()
    }

    pub fn role_label(&self, role: impl Val<Role>) -> &'static str {
        let role = role.val();
        if self.is_en() {
            role.label_en()
        } else {
            role.label_th()
        }
    }

    pub fn sector(&self, s: impl Val<Sector>) -> &'static str {
        let s = s.val();
        if self.is_en() {
            s.label_en()
        } else {
            s.label_th()
        }
    }

    /// A network's name from its stored code.
    pub fn sector_code(&self, code: &str) -> &'static str {
        Sector::parse(code).map(|s| self.sector(s)).unwrap_or("")
    }

    pub fn sectors(&self, list: &[Sector]) -> String {
        list.iter()
            .map(|s| self.sector(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn kind(&self, k: impl Val<OrgKind>) -> &'static str {
        let k = k.val();
        if self.is_en() {
            k.label_en()
        } else {
            k.label_th()
        }
    }

    pub fn step(&self, s: impl Val<sermphalang_domain::evaluation::Step>) -> &'static str {
        let s = s.val();
        if self.is_en() {
            s.label_en()
        } else {
            s.label_th()
        }
    }

    pub fn question_state(
        &self,
        s: impl Val<sermphalang_domain::evaluation::live::QuestionState>,
    ) -> &'static str {
        let s = s.val();
        if self.is_en() {
            s.label_en()
        } else {
            s.label_th()
        }
    }

    /// A figure with one decimal, or a dash when there is none.
    pub fn one(&self, value: impl Val<Option<f64>>) -> String {
        value
            .val()
            .map(|v| format!("{v:.1}"))
            .unwrap_or_else(|| "–".into())
    }

    /// The Thai or the English of a pair, as the page's language asks.
    pub fn th_en(&self, th: &'static str, en: &'static str) -> &'static str {
        if self.is_en() { en } else { th }
    }

    /// A plan figure: thousands grouped, decimals only where there are any, a dash for none.
    pub fn figure(&self, value: impl Val<Option<f64>>) -> String {
        value.val().map(figure).unwrap_or_else(|| "–".into())
    }

    /// A number with thousands grouped: "1,250" or "85.5".
    pub fn number(&self, value: impl Val<f64>) -> String {
        figure(value.val())
    }

    /// A whole count with thousands grouped.
    pub fn count(&self, value: impl Val<i64>) -> String {
        group_thousands(value.val())
    }

    /// Satang as baht: "12,500.50".
    pub fn baht(&self, satang: impl Val<i64>) -> String {
        let satang = satang.val();
        let whole = group_thousands(satang / 100);
        match satang % 100 {
            0 => whole,
            cents => format!("{whole}.{:02}", cents.abs()),
        }
    }

    /// A change with its sign: +0.8, -0.3.
    pub fn signed(&self, value: impl Val<Option<f64>>) -> String {
        value
            .val()
            .map(|v| format!("{v:+.1}"))
            .unwrap_or_else(|| "–".into())
    }

    pub fn member_role(&self, r: impl Val<MemberRole>) -> &'static str {
        let r = r.val();
        if self.is_en() {
            r.label_en()
        } else {
            r.label_th()
        }
    }

    pub fn province_name(&self, code: impl Val<i64>) -> String {
        self.geo
            .province(code.val())
            .map(|p| {
                if self.is_en() {
                    p.name_en.clone()
                } else {
                    p.name_th.clone()
                }
            })
            .unwrap_or_default()
    }

    /// The province's districts as a form's choices: code and name in the page's language.
    pub fn district_options(&self, province: i64) -> Vec<(i64, String)> {
        self.geo
            .districts_of(province)
            .map(|d| {
                let name = if self.is_en() { &d.name_en } else { &d.name_th };
                (d.code, name.clone())
            })
            .collect()
    }

    pub fn district_name(&self, code: impl Val<i64>) -> String {
        self.geo
            .district(code.val())
            .map(|d| {
                if self.is_en() {
                    d.name_en.clone()
                } else {
                    d.name_th.clone()
                }
            })
            .unwrap_or_default()
    }

    /// "18 ก.พ. 2565" in Thai, "18 Feb 2022" in English.
    pub fn date(&self, d: impl Val<NaiveDate>) -> String {
        let d = d.val();
        if self.is_en() {
            sermphalang_thai::format_short_en(d)
        } else {
            sermphalang_thai::format_short(d)
        }
    }

    /// "18 กุมภาพันธ์ 2565" in Thai, "18 February 2022" in English.
    pub fn date_long(&self, d: impl Val<NaiveDate>) -> String {
        let d = d.val();
        if self.is_en() {
            sermphalang_thai::format_long_en(d)
        } else {
            sermphalang_thai::format_long(d)
        }
    }

    pub fn opt_date(&self, d: impl Val<Option<NaiveDate>>) -> String {
        d.val()
            .as_ref()
            .map(|d| self.date(d))
            .unwrap_or_else(|| "–".into())
    }

    pub fn opt_date_long(&self, d: impl Val<Option<NaiveDate>>) -> String {
        d.val()
            .as_ref()
            .map(|d| self.date_long(d))
            .unwrap_or_else(|| "–".into())
    }

    /// "ปีงบประมาณ 2565" for a date, in the chosen language; empty without a date.
    pub fn fiscal_year(&self, d: impl Val<Option<NaiveDate>>) -> String {
        d.val()
            .map(|d| {
                let fy = sermphalang_thai::FiscalYear::from_date(d);
                if self.is_en() {
                    fy.label_en()
                } else {
                    fy.label_th()
                }
            })
            .unwrap_or_default()
    }

    /// A stored UTC timestamp shown in Bangkok time.
    pub fn timestamp(&self, text: &str) -> String {
        let Ok(t) = DateTime::parse_from_rfc3339(text) else {
            return text.to_string();
        };
        let local =
            (t.with_timezone(&Utc) + chrono::Duration::seconds(BANGKOK_SECONDS)).naive_utc();
        if self.is_en() {
            sermphalang_thai::format_datetime_short_en(local)
        } else {
            sermphalang_thai::format_datetime_short(local)
        }
    }

    pub fn can(&self, permission: &str) -> bool {
        use sermphalang_domain::Permission::*;
        let p = match permission {
            "registry_write" => RegistryWrite,
            "province_manage" => ProvinceManage,
            "audit_read" => AuditRead,
            "national_read" => NationalRead,
            "evaluation_run" => EvaluationRun,
            "training_manage" => TrainingManage,
            "plan_manage" => PlanManage,
            "report_write" => ReportWrite,
            "report_approve" => ReportApprove,
            "reference_manage" => ReferenceManage,
            "check_in" => CheckIn,
            "news_write" => NewsWrite,
            "national_news_write" => NationalNewsWrite,
            "assessment_write" => AssessmentWrite,
            "assessment_verify" => AssessmentVerify,
            "assessment_decide" => AssessmentDecide,
            "assessment_templates" => AssessmentTemplates,
            _ => return false,
        };
        self.account.as_ref().is_some_and(|a| a.has(p))
    }
}

/// A value of a `Copy` type however many references deep a template hands it over.
pub trait Val<T> {
    fn val(&self) -> T;
}

impl<T: Copy> Val<T> for T {
    fn val(&self) -> T {
        *self
    }
}

impl<T: Copy> Val<T> for &T {
    fn val(&self) -> T {
        **self
    }
}

impl<T: Copy> Val<T> for &&T {
    fn val(&self) -> T {
        ***self
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn figures_group_thousands_and_drop_empty_decimals() {
        assert_eq!(super::figure(1234567.0), "1,234,567");
        assert_eq!(super::figure(85.5), "85.5");
        assert_eq!(super::figure(2.999), "3");
        assert_eq!(super::figure(0.25), "0.25");
        assert_eq!(super::figure(-1500.0), "-1,500");
        assert_eq!(super::group_thousands(100), "100");
    }
}
