//! The dashboards: the province's home, the nation's view and the public transparency pages,
//! with their exports. They read figures kept at write time (`store::dashboard`), never the
//! records behind them.

pub mod board;
pub mod chart;
pub mod export;
pub mod nation;
pub mod province;
pub mod public;
pub mod words;

use serde::Deserialize;
use sermphalang_domain::registry::Sector;
use sermphalang_store::dashboard::figures::Scope;
use sermphalang_thai::{FiscalYear, today_in_thailand};

/// Each network's colour (as on the registry's pages), each 3:1 or more against the page.
pub const NETWORK_FILLS: [(Sector, &str); 6] = [
    (Sector::Public, "#1f5fa8"),
    (Sector::Private, "#8a6500"),
    (Sector::Community, "#2e7d4f"),
    (Sector::Education, "#7b3fa0"),
    (Sector::Religion, "#b35400"),
    (Sector::Media, "#c2185b"),
];

pub fn network_fill(code: &str) -> &'static str {
    NETWORK_FILLS
        .iter()
        .find(|(s, _)| s.code() == code)
        .map(|(_, f)| *f)
        .unwrap_or(chart::BLUE)
}

/// The filters as typed in the address: text, so that a wrong value gets a sentence naming it
/// instead of a bare 400.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub quarter: Option<String>,
    #[serde(default)]
    pub network: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
}

/// A filter that could not be used, in Thai and in English.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub th: String,
    pub en: String,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub fn this_year() -> i32 {
    FiscalYear::from_date(today_in_thailand()).be_year()
}

impl Filters {
    /// The scope these filters ask for, within the `years` a province has (its plan's period
    /// and any year with figures). `district_of` tells a district of the province by code.
    pub fn scope(
        &self,
        years: (i32, i32),
        district_of: impl Fn(i64) -> bool,
    ) -> Result<Scope, Vec<Refusal>> {
        let mut refused = Vec::new();
        let year = match given(&self.year) {
            None => this_year().clamp(years.0, years.1),
            Some(text) => {
                let digits = sermphalang_thai::digits::to_arabic_digits(text);
                match digits.parse::<i32>() {
                    Ok(y) if (years.0..=years.1).contains(&y) => y,
                    _ => {
                        refused.push(Refusal {
                            th: format!(
                                "ปีงบประมาณ \"{text}\" อยู่นอกช่วงที่มีแผนหรือข้อมูล (พ.ศ. {}–{})",
                                years.0, years.1
                            ),
                            en: format!(
                                "Fiscal year \"{text}\" is outside the years with a plan or figures ({}–{} B.E.)",
                                years.0, years.1
                            ),
                        });
                        this_year().clamp(years.0, years.1)
                    }
                }
            }
        };
        let quarter = given(&self.quarter).and_then(|q| match q.parse::<u8>() {
            Ok(n @ 1..=4) => Some(n),
            _ => {
                refused.push(Refusal {
                    th: format!("ไตรมาส \"{q}\" ไม่มี ไตรมาสมี 1 ถึง 4"),
                    en: format!("There is no quarter \"{q}\": quarters are 1 to 4"),
                });
                None
            }
        });
        let network = given(&self.network).and_then(|n| match Sector::parse(n) {
            Some(s) => Some(s.code().to_string()),
            None => {
                refused.push(Refusal {
                    th: format!("ไม่มีภาคีเครือข่าย \"{n}\""),
                    en: format!("There is no network \"{n}\""),
                });
                None
            }
        });
        let district = given(&self.district).and_then(|d| match d.parse::<i64>() {
            Ok(code) if district_of(code) => Some(code),
            _ => {
                refused.push(Refusal {
                    th: format!("ไม่พบอำเภอรหัส \"{d}\" ในจังหวัดนี้"),
                    en: format!("There is no district \"{d}\" in this province"),
                });
                None
            }
        });
        if refused.is_empty() {
            Ok(Scope {
                year,
                quarter,
                network,
                district,
            })
        } else {
            Err(refused)
        }
    }
}

/// The address of a dashboard under a scope, for links that keep the filters.
pub fn query_of(scope: &Scope) -> String {
    let mut q = format!("?year={}", scope.year);
    if let Some(n) = scope.quarter {
        q.push_str(&format!("&quarter={n}"));
    }
    if let Some(n) = &scope.network {
        q.push_str(&format!("&network={n}"));
    }
    if let Some(d) = scope.district {
        q.push_str(&format!("&district={d}"));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(year: &str, quarter: &str, network: &str, district: &str) -> Filters {
        let f = |s: &str| Some(s.to_string());
        Filters {
            year: f(year),
            quarter: f(quarter),
            network: f(network),
            district: f(district),
        }
    }

    #[test]
    fn each_wrong_filter_is_named_and_good_ones_pass() {
        let ok = filters("๒๕๖๘", "2", "religion", "4101")
            .scope((2566, 2570), |d| d == 4101)
            .unwrap();
        assert_eq!(ok.year, 2568);
        assert_eq!(ok.quarter, Some(2));
        assert_eq!(ok.network.as_deref(), Some("religion"));
        let refused = filters("2590", "5", "army", "1001")
            .scope((2566, 2570), |d| d == 4101)
            .unwrap_err();
        assert_eq!(refused.len(), 4);
        assert!(refused[0].th.contains("2590") && refused[0].en.contains("2566–2570"));
        assert!(refused[2].th.contains("army"));
        assert!(refused[3].en.contains("1001"));
        let empty = filters("", "", "", "")
            .scope((2566, 2570), |_| false)
            .unwrap();
        assert_eq!(empty.quarter, None);
        assert_eq!(empty.network, None);
    }
}
