//! The invented Udon Thani (จังหวัดอุดรธานี) demo catalogue: organizations, people and the
//! working group. They are tables in `data/demo` (all fictitious; its README says how), embedded
//! in the binary and parsed on first use. A row that does not parse panics with its file, line
//! and column; the tests parse every row, so a release never does.

use chrono::NaiveDate;
use serde::Deserialize;
use sermphalang_domain::registry::{MemberRole, OrgKind, Sector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A demo organization.
pub struct DemoOrg {
    /// Thai name (invented).
    pub name: &'static str,
    pub kind: OrgKind,
    /// One or more sector networks.
    pub sectors: Vec<Sector>,
    /// District code of Udon Thani (41xx).
    pub district: u32,
    /// Invented, well-formed phone number.
    pub phone: &'static str,
    /// Invented e-mail on a `.example` domain, or empty.
    pub email: &'static str,
}

/// A demo person.
pub struct DemoPerson {
    /// Title prefix: `นาย`, `นาง`, `นางสาว`, `ดร.`, `ผศ.ดร.`, `พระ`, `พระครู` or `ว่าที่ร้อยตรี`.
    pub prefix: &'static str,
    /// Invented given name (for monks, a monastic or title name).
    pub first: &'static str,
    /// Invented surname (for monks a Pali-style chaya name, or empty after a title name).
    pub last: &'static str,
    /// Thai position title.
    pub position: &'static str,
    /// Index into [`organizations`].
    pub org: usize,
    /// Sector networks, normally those of the organization.
    pub networks: Vec<Sector>,
    /// Invented mobile number, or empty.
    pub phone: &'static str,
    /// Invented e-mail on a `.example` domain, or empty.
    pub email: &'static str,
}

/// A member of the demo working group.
pub struct DemoMember {
    /// Index into [`people`].
    pub person: usize,
    pub role: MemberRole,
}

/// The demo empowerment-evaluation working group and the provincial order appointing it.
pub struct DemoWorkingGroup {
    pub name: String,
    /// Invented number of the appointing order.
    pub order_number: String,
    pub order_date: NaiveDate,
    /// Members drawn from all six sector networks, in the order's order.
    pub members: Vec<DemoMember>,
}

/// Demo organizations; index 0 is the provincial culture office (the secretariat).
pub fn organizations() -> &'static [DemoOrg] {
    &ORGANIZATIONS
}

/// Demo people, grouped by organization.
pub fn people() -> &'static [DemoPerson] {
    &PEOPLE
}

/// The demo working group.
pub fn working_group() -> &'static DemoWorkingGroup {
    &WORKING_GROUP
}

/// The named file of `data/demo`, embedded in the binary.
macro_rules! embedded {
    ($file:literal) => {
        DataFile {
            name: $file,
            text: include_str!(concat!("../../data/demo/", $file)),
        }
    };
}

static ORGANIZATIONS: LazyLock<Vec<DemoOrg>> =
    LazyLock::new(|| parse_organizations(embedded!("organizations.tsv")));

static PEOPLE: LazyLock<Vec<DemoPerson>> =
    LazyLock::new(|| parse_people(embedded!("people.tsv"), organizations()));

static WORKING_GROUP: LazyLock<DemoWorkingGroup> = LazyLock::new(|| {
    let order = parse_order(embedded!("working_group.json"));
    DemoWorkingGroup {
        name: order.name,
        order_number: order.order_number,
        order_date: order.order_date,
        members: parse_members(embedded!("working_group.tsv"), people()),
    }
});

const ORGANIZATION_COLUMNS: &[&str] = &["name", "kind", "sectors", "district", "phone", "email"];
const PERSON_COLUMNS: &[&str] = &[
    "prefix",
    "first",
    "last",
    "position",
    "organization",
    "networks",
    "phone",
    "email",
];
const MEMBER_COLUMNS: &[&str] = &["first", "last", "role"];

fn parse_organizations(file: DataFile) -> Vec<DemoOrg> {
    let mut lines_by_name = HashMap::new();
    let mut orgs = Vec::new();
    for row in file.rows(ORGANIZATION_COLUMNS) {
        let name = row.text("name");
        if let Some(earlier) = lines_by_name.insert(name, row.line) {
            row.fail("name", &format!("the same name as line {earlier}"));
        }
        orgs.push(DemoOrg {
            name,
            kind: row.parse("kind", OrgKind::parse),
            sectors: row.sectors("sectors"),
            district: row.parse("district", |text| text.parse().ok()),
            phone: row.text("phone"),
            email: row.text("email"),
        });
    }
    orgs
}

fn parse_people(file: DataFile, orgs: &[DemoOrg]) -> Vec<DemoPerson> {
    let org_by_name: HashMap<&str, usize> =
        orgs.iter().enumerate().map(|(i, o)| (o.name, i)).collect();
    let mut lines_by_name = HashMap::new();
    let mut people = Vec::new();
    for row in file.rows(PERSON_COLUMNS) {
        let (first, last) = (row.text("first"), row.text("last"));
        if let Some(earlier) = lines_by_name.insert((first, last), row.line) {
            // The working group names its members by given name and surname.
            row.fail("first", &format!("the same name as line {earlier}"));
        }
        people.push(DemoPerson {
            prefix: row.text("prefix"),
            first,
            last,
            position: row.text("position"),
            org: row.parse("organization", |name| org_by_name.get(name).copied()),
            networks: row.sectors("networks"),
            phone: row.text("phone"),
            email: row.text("email"),
        });
    }
    people
}

fn parse_members(file: DataFile, people: &[DemoPerson]) -> Vec<DemoMember> {
    let person_by_name: HashMap<(&str, &str), usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.first, p.last), i))
        .collect();
    let mut members = Vec::new();
    for row in file.rows(MEMBER_COLUMNS) {
        let name = (row.text("first"), row.text("last"));
        let Some(&person) = person_by_name.get(&name) else {
            row.fail(
                "first",
                "no one in people.tsv has this given name and surname",
            );
        };
        members.push(DemoMember {
            person,
            role: row.parse("role", MemberRole::parse),
        });
    }
    members
}

/// The working group's name and appointing order, as `working_group.json` gives them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppointingOrder {
    name: String,
    order_number: String,
    /// C.E. date, `YYYY-MM-DD`.
    order_date: NaiveDate,
}

fn parse_order(file: DataFile) -> AppointingOrder {
    // serde_json's message ends with the line and column.
    serde_json::from_str(file.text).unwrap_or_else(|e| panic!("{}: {e}", file.name))
}

/// A data file: its name, for messages, and its text.
#[derive(Clone, Copy)]
struct DataFile {
    name: &'static str,
    text: &'static str,
}

impl DataFile {
    /// The tab-separated rows under the header, which must name exactly `columns`.
    fn rows(self, columns: &'static [&'static str]) -> impl Iterator<Item = Row> {
        let mut lines = self.text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        if header != columns {
            let expected = columns.join(", ");
            panic!(
                "{}:1: the header must name the tab-separated columns {expected}",
                self.name
            );
        }
        lines
            .enumerate()
            .map(move |(i, text)| Row::new(self.name, i + 2, columns, text))
    }
}

/// One row of a tab-separated file, with where it comes from.
struct Row {
    file: &'static str,
    line: usize,
    columns: &'static [&'static str],
    cells: Vec<&'static str>,
}

impl Row {
    fn new(
        file: &'static str,
        line: usize,
        columns: &'static [&'static str],
        text: &'static str,
    ) -> Row {
        let cells: Vec<&str> = text.split('\t').collect();
        if cells.len() != columns.len() {
            let (expected, found) = (columns.len(), cells.len());
            panic!("{file}:{line}: {found} tab-separated cells where the header has {expected}");
        }
        let row = Row {
            file,
            line,
            columns,
            cells,
        };
        for (column, cell) in columns.iter().zip(&row.cells) {
            if cell.trim() != *cell {
                row.fail(column, "space at the start or end");
            }
        }
        row
    }

    /// The cell of the named column, as written.
    fn text(&self, column: &str) -> &'static str {
        self.cells[self.position(column)]
    }

    /// The cell of the named column as `read` makes it out, or a panic saying where.
    fn parse<T>(&self, column: &str, read: impl Fn(&'static str) -> Option<T>) -> T {
        let text = self.text(column);
        read(text).unwrap_or_else(|| self.fail(column, &format!("cannot read \"{text}\"")))
    }

    /// One or more sector codes, separated by spaces.
    fn sectors(&self, column: &str) -> Vec<Sector> {
        self.text(column)
            .split(' ')
            .map(|code| {
                Sector::parse(code)
                    .unwrap_or_else(|| self.fail(column, &format!("no sector is coded \"{code}\"")))
            })
            .collect()
    }

    fn position(&self, column: &str) -> usize {
        self.columns
            .iter()
            .position(|c| *c == column)
            .unwrap_or_else(|| panic!("{} has no column {column}", self.file))
    }

    fn fail(&self, column: &str, problem: &str) -> ! {
        let number = self.position(column) + 1;
        panic!(
            "{}:{}: column {number} ({column}): {problem}",
            self.file, self.line
        )
    }
}

/// Which given names a man or a woman bears, so that tests can check title prefixes.
#[cfg(test)]
pub(super) mod given_names {
    /// Given names borne by men, in the catalogue and the workshop.
    const MEN: &str = "
        สมชาย ธีระ ธนพล สุรพงษ์ ไพโรจน์ ชัยวัฒน์ อนุชา เกียรติศักดิ์ บุญเลิศ ธีรวัฒน์ ประยูร
        ณัฐพงศ์ ศักดิ์ชัย วีระพงษ์ สมบัติ ภานุวัฒน์ ประสาน ไชยา สุริยา เทพฤทธิ์ อดิศร ธวัชชัย
        สุไลมาน ฮาซัน ประพันธ์ วรวุฒิ ชาตรี ธนกฤต เฉลิมชัย ไพศาล กิตติพงษ์ สมศักดิ์ ทองดี
        สุวิทย์ ธีรภัทร ศุภกร บุญส่ง เอกราช วิชัย สุเมธ วิโรจน์ ประจวบ อภิชาติ ก้องภพ ธนวัฒน์
        ภูวดล สงัด ศรายุทธ ณัฐวุฒิ ณรงค์ฤทธิ์ ก้องเกียรติ ประเสริฐ อุดม สมพงษ์ เกษม
    ";
    /// Given names borne by women, in the catalogue and the workshop.
    const WOMEN: &str = "
        วิไลวรรณ รัชนี วรรณภา เพ็ญนภา อรอุมา แสงเดือน จันทร์เพ็ญ เพ็ญศรี ลำดวน กนกวรรณ โชติกา
        ไพรวัลย์ ปิยะนุช ดวงใจ ใจทิพย์ รัตนาภรณ์ เยาวลักษณ์ โสภา อุไรวรรณ ศิริพร พรทิพย์ มาลินี
        สุดารัตน์ ศิริรัตน์ ศศิธร ไพลิน แพรวพรรณ บังอร จิราพร กัลยา แก้วตา นันทนา บัวพันธ์
        แววตา ปาริชาติ ธิดารัตน์ อรพินท์ ขวัญใจ ทองม้วน คำปุ่น โสภิดา ละเอียด ชลธิชา พิมพ์ชนก
        ดารุณี รุ่งนภา วรรณิศา ไอลดา เบญจมาศ อารียา ฤทัย กิ๊บ น้ำฝน พิมพ์ใจ บุญเรือน สุกัญญา
        อำไพ ปิ๋ม อรุณี มณีรัตน์ นงลักษณ์ ฤดี บัวผัน กาญจนา
    ";
    /// Given names borne by men and women alike, and invented ones.
    const EITHER: &str = "
        สมพร บุญมี สมหมาย สมจิต หนูเพียร สำราญ เป๋า จิ๋ว ทองใบ พฤกษ์ ฦๅชา
    ";

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Sex {
        Male,
        Female,
    }

    /// The sex a title prefix states, if it states one; monks are men.
    fn stated_by(prefix: &str) -> Option<Sex> {
        match prefix {
            "นาย" | "พระ" | "พระครู" => Some(Sex::Male),
            "นาง" | "นางสาว" => Some(Sex::Female),
            _ => None,
        }
    }

    /// The sexes that bear `first`, or `None` for a name the lists do not know.
    fn bearers(first: &str) -> Option<&'static [Sex]> {
        let listed = |names: &str| names.split_whitespace().any(|name| name == first);
        if listed(EITHER) {
            Some(&[Sex::Male, Sex::Female])
        } else if listed(MEN) {
            Some(&[Sex::Male])
        } else if listed(WOMEN) {
            Some(&[Sex::Female])
        } else {
            None
        }
    }

    /// Each (prefix, given name) where นาย, นาง or นางสาว does not suit the given name.
    pub fn disagreements<'a>(names: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
        let mut found = Vec::new();
        for (prefix, first) in names {
            let stated = match prefix {
                "นาย" => Sex::Male,
                "นาง" | "นางสาว" => Sex::Female,
                _ => continue,
            };
            match bearers(first) {
                None => found.push(format!("{prefix}{first}: add {first} to the given names")),
                Some(sexes) if !sexes.contains(&stated) => found.push(format!("{prefix}{first}")),
                Some(_) => {}
            }
        }
        found
    }

    /// Each given name that follows a man's prefix in one place and a woman's in another.
    pub fn both_sexes<'a>(names: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
        let mut stated = std::collections::BTreeMap::<&str, Vec<&str>>::new();
        for (prefix, first) in names {
            stated.entry(first).or_default().push(prefix);
        }
        stated
            .into_iter()
            .filter(|(_, prefixes)| {
                let sexes: Vec<Sex> = prefixes.iter().filter_map(|p| stated_by(p)).collect();
                sexes.contains(&Sex::Male) && sexes.contains(&Sex::Female)
            })
            .map(|(first, prefixes)| format!("{first}: {}", prefixes.join(", ")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lengths of the Rust constants this catalogue was before it became data files.
    const ORGANIZATION_COUNT: usize = 60;
    const PERSON_COUNT: usize = 121;
    const MEMBER_COUNT: usize = 19;

    const PREFIXES: &[&str] = &[
        "นาย",
        "นาง",
        "นางสาว",
        "ดร.",
        "ผศ.ดร.",
        "พระ",
        "พระครู",
        "ว่าที่ร้อยตรี",
    ];
    const DISTRICTS: &[u32] = &[
        4101, 4102, 4103, 4104, 4105, 4106, 4107, 4108, 4109, 4110, 4111, 4117, 4118, 4119, 4120,
        4121, 4122, 4123, 4124, 4125,
    ];

    fn full_name(p: &DemoPerson) -> String {
        if p.last.is_empty() {
            format!("{}{}", p.prefix, p.first)
        } else {
            format!("{}{} {}", p.prefix, p.first, p.last)
        }
    }

    fn member_person(m: &DemoMember) -> &'static DemoPerson {
        &people()[m.person]
    }

    fn is_digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }

    fn well_formed_phone(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 || !parts.iter().all(|p| is_digits(p)) {
            return false;
        }
        let lens = (parts[0].len(), parts[1].len(), parts[2].len());
        (parts[0] == "042" && lens == (3, 3, 3))
            || (parts[0].starts_with("08") && lens == (3, 3, 4))
    }

    #[test]
    fn every_row_parses() {
        assert_eq!(organizations().len(), ORGANIZATION_COUNT);
        assert_eq!(people().len(), PERSON_COUNT);
        assert_eq!(working_group().members.len(), MEMBER_COUNT);
        assert_eq!(working_group().order_number, "4127/2564");
        assert_eq!(
            working_group().order_date,
            NaiveDate::from_ymd_opt(2021, 12, 20).unwrap()
        );
    }

    #[test]
    fn references_resolve() {
        for p in people() {
            assert!(p.org < organizations().len(), "{}", full_name(p));
        }
        for m in &working_group().members {
            assert!(m.person < people().len());
        }
        let secretary = &people()[1];
        assert_eq!(full_name(secretary), "นางสาวเพ็ญนภา คำภูแสน");
        assert_eq!(
            organizations()[secretary.org].name,
            "สำนักงานวัฒนธรรมจังหวัดอุดรธานี"
        );
        let chair = member_person(&working_group().members[0]);
        assert_eq!(full_name(chair), "นายสุรพงษ์ วงศ์ภักดีกุล");
    }

    #[test]
    fn awkward_values_survive() {
        let quoted = organizations().iter().find(|o| o.name.contains('"'));
        assert_eq!(
            quoted.map(|o| o.name),
            Some("บริษัท \"ใจดี\" ยูดี's เทรดดิ้ง จำกัด")
        );
        let abbot = people().iter().find(|p| p.first == "ศรีอุดมวิสุทธิคุณ").unwrap();
        assert_eq!((abbot.prefix, abbot.last), ("พระครู", ""));
        let long = people().iter().find(|p| p.first == "ศิริรัตน์").unwrap();
        assert_eq!(long.last, "ศรีสุวรรณวัฒนากุลเจริญชัยพงศ์");
        assert_eq!((long.phone, long.email), ("081-000-0067", ""));
    }

    #[test]
    fn values_from_allowed_lists() {
        for o in organizations() {
            assert!(!o.sectors.is_empty(), "{}", o.name);
            assert!(DISTRICTS.contains(&o.district), "{}", o.name);
            assert!(well_formed_phone(o.phone), "{}", o.name);
        }
        for p in people() {
            assert!(PREFIXES.contains(&p.prefix), "{}", full_name(p));
            assert!(!p.networks.is_empty(), "{}", full_name(p));
            assert!(
                p.phone.is_empty() || well_formed_phone(p.phone),
                "{}",
                full_name(p)
            );
        }
    }

    #[test]
    fn prefixes_agree_with_given_names() {
        let names = || people().iter().map(|p| (p.prefix, p.first));
        let wrong = given_names::disagreements(names());
        assert!(
            wrong.is_empty(),
            "prefix and given name disagree: {}",
            wrong.join(", ")
        );
        let both = given_names::both_sexes(names());
        assert!(
            both.is_empty(),
            "a man's and a woman's prefix: {}",
            both.join("; ")
        );
    }

    #[test]
    fn the_prefix_checks_catch_what_the_demo_once_showed() {
        let shown = [
            ("นางสาว", "ธนพล"),
            ("นาย", "รัชนี"),
            ("ดร.", "วิไลวรรณ"),
            ("นาย", "วิไลวรรณ"),
            ("นาง", "ธีระ"),
            ("นาง", "สมพร"),
            ("นาย", "สมพร"),
        ];
        assert_eq!(
            given_names::disagreements(shown),
            ["นางสาวธนพล", "นายรัชนี", "นายวิไลวรรณ", "นางธีระ"]
        );
        assert_eq!(given_names::both_sexes(shown), ["สมพร: นาง, นาย"]);
        assert_eq!(
            given_names::disagreements([("นาย", "ใหม่")]),
            ["นายใหม่: add ใหม่ to the given names"]
        );
    }

    #[test]
    fn secretariat_is_first() {
        let o = &organizations()[0];
        assert_eq!(o.name, "สำนักงานวัฒนธรรมจังหวัดอุดรธานี");
        assert_eq!(o.kind, OrgKind::Government);
        assert_eq!(o.sectors, [Sector::Public]);
    }

    #[test]
    fn every_org_has_a_person() {
        for (i, o) in organizations().iter().enumerate() {
            assert!(people().iter().any(|p| p.org == i), "{}", o.name);
        }
    }

    #[test]
    fn monks_only_in_temples() {
        for p in people() {
            if p.prefix == "พระ" || p.prefix == "พระครู" {
                let o = &organizations()[p.org];
                assert_eq!(o.kind, OrgKind::Religious, "{}", full_name(p));
                assert!(o.name.starts_with("วัด"), "{}", full_name(p));
            }
        }
    }

    #[test]
    fn all_districts_used() {
        for d in DISTRICTS {
            assert!(organizations().iter().any(|o| o.district == *d), "{d}");
        }
    }

    #[test]
    fn every_sector_has_orgs_and_working_group_members() {
        for s in Sector::ALL {
            assert!(
                organizations().iter().any(|o| o.sectors.contains(s)),
                "{s:?}"
            );
            assert!(
                working_group()
                    .members
                    .iter()
                    .any(|m| member_person(m).networks.contains(s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn working_group_roles() {
        let members = &working_group().members;
        let count = |r: MemberRole| members.iter().filter(|m| m.role == r).count();
        assert_eq!(count(MemberRole::Chair), 1);
        assert_eq!(count(MemberRole::Secretary), 1);
        assert_eq!(count(MemberRole::ViceChair), 2);
        assert!((15..=21).contains(&members.len()));
        let holder = |r: MemberRole| members.iter().find(|m| m.role == r).map(member_person);
        assert_eq!(holder(MemberRole::Secretary).unwrap().org, 0);
        let chair = holder(MemberRole::Chair).unwrap();
        assert!(organizations()[chair.org].sectors.contains(&Sector::Public));
        let mut seen: Vec<usize> = members.iter().map(|m| m.person).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), members.len());
        assert!(working_group().order_date < NaiveDate::from_ymd_opt(2022, 2, 18).unwrap());
    }

    #[test]
    fn names_unique() {
        let mut people: Vec<String> = people().iter().map(full_name).collect();
        people.sort();
        let n = people.len();
        people.dedup();
        assert_eq!(people.len(), n);
        let mut orgs: Vec<&str> = organizations().iter().map(|o| o.name).collect();
        orgs.sort_unstable();
        orgs.dedup();
        assert_eq!(orgs.len(), organizations().len());
    }

    #[test]
    fn emails_are_example_or_empty() {
        let ok = |e: &str| e.is_empty() || (e.ends_with(".example") && e.contains('@'));
        for o in organizations() {
            assert!(ok(o.email), "{}", o.email);
        }
        for p in people() {
            assert!(ok(p.email), "{}", p.email);
        }
    }

    #[test]
    fn no_markup_in_names() {
        for o in organizations() {
            assert!(!o.name.contains('<') && !o.name.contains('>'), "{}", o.name);
        }
        for p in people() {
            assert!(!full_name(p).contains('<'), "{}", full_name(p));
        }
    }

    fn file(text: &'static str) -> DataFile {
        DataFile {
            name: "test.tsv",
            text,
        }
    }

    #[test]
    #[should_panic(
        expected = "test.tsv:1: the header must name the tab-separated columns name, kind"
    )]
    fn a_wrong_header_names_the_file() {
        parse_organizations(file("name\tkind\n"));
    }

    #[test]
    #[should_panic(expected = "test.tsv:3: 5 tab-separated cells where the header has 6")]
    fn a_missing_cell_names_the_line() {
        parse_organizations(file(concat!(
            "name\tkind\tsectors\tdistrict\tphone\temail\n",
            "วัดหนึ่ง\treligious\treligion\t4101\t042-000-100\t\n",
            "วัดสอง\treligious\treligion\t4101\t042-000-101\n",
        )));
    }

    #[test]
    #[should_panic(expected = "test.tsv:2: column 2 (kind): cannot read \"temple\"")]
    fn an_unknown_kind_names_the_column() {
        parse_organizations(file(concat!(
            "name\tkind\tsectors\tdistrict\tphone\temail\n",
            "วัด\ttemple\treligion\t4101\t\t\n",
        )));
    }

    #[test]
    #[should_panic(expected = "test.tsv:2: column 3 (sectors): no sector is coded \"\"")]
    fn a_double_space_between_sectors_is_an_error() {
        parse_organizations(file(concat!(
            "name\tkind\tsectors\tdistrict\tphone\temail\n",
            "วัด\treligious\treligion  community\t4101\t\t\n",
        )));
    }

    #[test]
    #[should_panic(expected = "test.tsv:2: column 1 (name): space at the start or end")]
    fn surrounding_space_is_an_error() {
        parse_organizations(file(concat!(
            "name\tkind\tsectors\tdistrict\tphone\temail\n",
            "วัด \treligious\treligion\t4101\t\t\n",
        )));
    }

    #[test]
    #[should_panic(expected = "test.tsv:2: column 5 (organization): cannot read \"วัดไม่มี\"")]
    fn an_unknown_organization_names_the_column() {
        parse_people(
            file(concat!(
                "prefix\tfirst\tlast\tposition\torganization\tnetworks\tphone\temail\n",
                "นาย\tสมชาย\tใจดี\tครู\tวัดไม่มี\tpublic\t\t\n",
            )),
            organizations(),
        );
    }

    #[test]
    #[should_panic(expected = "test.tsv:3: column 1 (first): no one in people.tsv has this given")]
    fn an_unknown_member_names_the_line() {
        parse_members(
            file("first\tlast\trole\nสุรพงษ์\tวงศ์ภักดีกุล\tchair\nสมชาย\tไม่มี\tmember\n"),
            people(),
        );
    }
}
