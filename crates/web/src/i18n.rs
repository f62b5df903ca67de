//! The interface's words in Thai and English. Templates ask `ctx.t("key")`; a test checks that
//! every key used in a template is here.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Th,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "th" => Some(Lang::Th),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }
}

/// A word for a stored code, such as an audit action; unknown codes are shown as they are.
pub fn label<'a>(lang: Lang, prefix: &str, code: &'a str) -> std::borrow::Cow<'a, str> {
    let key = format!("{prefix}_{code}");
    match INDEX.get(key.as_str()) {
        Some((th, en)) => std::borrow::Cow::Borrowed(if lang == Lang::Th { th } else { en }),
        None => std::borrow::Cow::Borrowed(code),
    }
}

/// The shell's words and each feature's own.
const TABLES: [&[(&str, &str, &str)]; 11] = [
    WORDS,
    crate::registry::words::REGISTRY_WORDS,
    crate::evaluation::words::EVALUATION_WORDS,
    crate::evaluation::live::words::LIVE_WORDS,
    crate::training::words::TRAINING_WORDS,
    crate::plan::words::PLAN_WORDS,
    crate::report::words::REPORT_WORDS,
    crate::dashboard::words::DASHBOARD_WORDS,
    crate::search::words::SEARCH_WORDS,
    crate::news::words::NEWS_WORDS,
    crate::assessment::words::ASSESSMENT_WORDS,
];

static INDEX: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> = LazyLock::new(|| {
    TABLES
        .iter()
        .flat_map(|table| table.iter())
        .map(|(k, th, en)| (*k, (*th, *en)))
        .collect()
});

/// The word for a key, or none: for keys that come from data (field names of audit entries).
pub fn word(lang: Lang, key: &str) -> Option<&'static str> {
    INDEX
        .get(key)
        .map(|(th, en)| if lang == Lang::Th { *th } else { *en })
}

pub fn lookup(lang: Lang, key: &str) -> &'static str {
    match INDEX.get(key) {
        Some((th, en)) => match lang {
            Lang::Th => th,
            Lang::En => en,
        },
        None => {
            tracing::warn!(key, "missing translation");
            "…"
        }
    }
}

pub const WORDS: &[(&str, &str, &str)] = &[
    ("app_name", "เสริมพลัง", "Sermphalang"),
    ("user_accounts", "บัญชีผู้ใช้", "Accounts"),
    ("invite_account", "เชิญผู้ใช้ใหม่", "Invite someone"),
    (
        "invite_hint",
        "ระบบจะสร้างลิงก์สำหรับตั้งรหัสผ่าน ใช้ได้ครั้งเดียวภายใน 72 ชั่วโมง ให้ส่งลิงก์นี้แก่ผู้ใช้เอง (ระบบไม่ส่งอีเมล)",
        "You get a one-time link to set a password, good for 72 hours: pass it on yourself (the system sends no email)",
    ),
    (
        "network_for_coordinator",
        "สำหรับผู้ประสานงานเครือข่าย",
        "for a network coordinator",
    ),
    (
        "password_link_for",
        "ลิงก์ตั้งรหัสผ่านของ",
        "Set-password link for",
    ),
    ("password_link", "ลิงก์ตั้งรหัสผ่าน", "Set-password link"),
    (
        "password_link_hint",
        "คัดลอกลิงก์นี้ส่งให้ผู้ใช้ ลิงก์จะแสดงเพียงครั้งนี้ ใช้ได้ครั้งเดียวภายใน 72 ชั่วโมง",
        "Copy this link to the person: it is shown only now, and works once within 72 hours",
    ),
    ("new_password_link", "ส่งลิงก์ตั้งรหัสผ่านใหม่", "New password link"),
    ("disable_account", "ปิดบัญชี", "Disable"),
    ("enable_account", "เปิดบัญชีอีกครั้ง", "Enable"),
    ("account_active", "ใช้งาน", "Active"),
    ("account_pending", "รอตั้งรหัสผ่าน", "Waiting for a password"),
    ("account_disabled", "ปิดแล้ว", "Disabled"),
    ("set_password", "ตั้งรหัสผ่าน", "Set your password"),
    ("new_password", "รหัสผ่านใหม่", "New password"),
    (
        "password_rule",
        "อย่างน้อย 10 ตัวอักษร",
        "at least 10 characters",
    ),
    ("password_again", "พิมพ์รหัสผ่านอีกครั้ง", "The password again"),
    (
        "password_set",
        "ตั้งรหัสผ่านเรียบร้อยแล้ว เข้าสู่ระบบด้วยอีเมลและรหัสผ่านใหม่ได้เลย",
        "Your password is set: sign in with your email and the new password",
    ),
    (
        "password_link_gone",
        "ลิงก์นี้ใช้ไปแล้ว หมดอายุ หรือไม่ถูกต้อง กรุณาขอลิงก์ใหม่จากฝ่ายเลขานุการจังหวัด",
        "This link was used, is too old or is wrong: ask your provincial secretariat for a new one",
    ),
    ("app_tagline", "ระบบจังหวัดคุณธรรม", "Moral Province platform"),
    ("skip", "ข้ามไปยังเนื้อหา", "Skip to content"),
    ("font_size", "ขนาดตัวอักษร", "Text size"),
    ("font_smaller", "ตัวอักษรเล็กลง", "Smaller text"),
    ("font_normal", "ตัวอักษรปกติ", "Normal text"),
    ("font_larger", "ตัวอักษรใหญ่ขึ้น", "Larger text"),
    ("switch_lang", "English", "ภาษาไทย"),
    ("login", "เข้าสู่ระบบ", "Sign in"),
    ("logout", "ออกจากระบบ", "Sign out"),
    ("email", "อีเมล", "Email"),
    ("password", "รหัสผ่าน", "Password"),
    (
        "login_failed",
        "อีเมลหรือรหัสผ่านไม่ถูกต้อง",
        "Wrong email or password",
    ),
    (
        "login_limited",
        "ลองเข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่",
        "Too many failed attempts. Wait 15 minutes and try again.",
    ),
    (
        "login_intro",
        "สำหรับฝ่ายเลขานุการจังหวัด ผู้ประสานงานเครือข่าย คณะทำงาน และเจ้าหน้าที่ศูนย์คุณธรรม",
        "For provincial secretariats, network coordinators, working groups and Moral Center staff",
    ),
    ("provinces", "จังหวัด", "Provinces"),
    ("all_provinces", "ทุกจังหวัด", "All provinces"),
    ("overview", "ภาพรวม", "Overview"),
    ("audit_log", "บันทึกการแก้ไข", "Audit log"),
    ("networks", "ภาคีเครือข่าย", "Networks"),
    ("network", "ภาคีเครือข่าย", "Network"),
    ("district", "อำเภอ", "District"),
    ("kind", "ประเภท", "Kind"),
    ("name", "ชื่อ", "Name"),
    ("phone", "โทรศัพท์", "Phone"),
    ("address", "ที่อยู่", "Address"),
    ("contact", "ติดต่อ", "Contact"),
    ("search", "ค้นหา", "Search"),
    ("search_hint", "ชื่อ อีเมล หรือเบอร์โทร", "Name, email or phone"),
    ("filter", "กรอง", "Filter"),
    ("all", "ทั้งหมด", "All"),
    ("clear", "ล้างตัวกรอง", "Clear filters"),
    ("show_archived", "แสดงรายการที่จัดเก็บแล้ว", "Show archived"),
    ("show_active", "แสดงรายการที่ใช้งาน", "Show active"),
    ("archived", "จัดเก็บแล้ว", "Archived"),
    ("archive", "จัดเก็บ", "Archive"),
    ("restore", "นำกลับมาใช้", "Restore"),
    ("edit", "แก้ไข", "Edit"),
    ("save", "บันทึก", "Save"),
    ("cancel", "ยกเลิก", "Cancel"),
    ("back", "ย้อนกลับ", "Back"),
    ("export_xlsx", "ส่งออก Excel", "Export Excel"),
    ("export_csv", "ส่งออก CSV", "Export CSV"),
    ("results", "รายการ", "results"),
    ("showing", "แสดง", "Showing"),
    ("of", "จาก", "of"),
    ("page", "หน้า", "Page"),
    ("prev", "ก่อนหน้า", "Previous"),
    ("next", "ถัดไป", "Next"),
    (
        "none_found",
        "ไม่พบรายการที่ตรงกับเงื่อนไข",
        "Nothing matches these filters",
    ),
    (
        "fix_errors",
        "กรุณาแก้ไขข้อมูลที่ระบุด้านล่าง",
        "Please correct the fields marked below",
    ),
    ("saved", "บันทึกแล้ว", "Saved"),
    ("required", "จำเป็น", "required"),
    ("choose", "เลือก", "Choose"),
    ("created", "สร้างเมื่อ", "Created"),
    ("updated", "แก้ไขล่าสุด", "Last changed"),
    (
        "date_hint",
        "วัน/เดือน/ปี พ.ศ. เช่น 18/2/2565",
        "day/month/B.E. year, e.g. 18/2/2565",
    ),
    ("when", "เวลา", "When"),
    ("who", "ผู้แก้ไข", "Who"),
    ("everyone", "ทุกคน", "Everyone"),
    ("every_kind", "ทุกประเภท", "Every kind"),
    ("from_day", "ตั้งแต่วันที่", "From"),
    ("to_day", "ถึงวันที่", "To"),
    ("what_changed", "สิ่งที่เปลี่ยน", "What changed"),
    ("field", "ข้อมูล", "Field"),
    (
        "audit_none",
        "ไม่มีรายการที่ตรงกับตัวกรอง",
        "No entries match the filter",
    ),
    (
        "audit_bad_date",
        "อ่านวันที่ไม่ได้ กรุณากรอกเป็น วัน/เดือน/ปี พ.ศ. เช่น 1/10/2567 (ตัวกรองวันที่ไม่ถูกใช้)",
        "The date could not be read: type day/month/B.E. year, e.g. 1/10/2567 (the date filter was not applied)",
    ),
    ("action", "การกระทำ", "Action"),
    ("record", "รายการ", "Record"),
    ("before", "ก่อน", "Before"),
    ("after", "หลัง", "After"),
    ("accounts", "บัญชีผู้ใช้ตัวอย่าง", "Demo accounts"),
    ("signed_in_as", "เข้าสู่ระบบในชื่อ", "Signed in as"),
    ("main_nav", "เมนูหลัก", "Main menu"),
    ("province_nav", "เมนูจังหวัด", "Province menu"),
    ("region", "ภาค", "Region"),
    ("districts", "อำเภอ", "Districts"),
    ("details", "รายละเอียด", "Details"),
    ("api", "API", "API"),
    (
        "footer_note",
        "ซอฟต์แวร์เสรี สำหรับสำนักงานวัฒนธรรมจังหวัด ศูนย์คุณธรรม และภาคีเครือข่าย 6 ภาค",
        "Free software for provincial culture offices, the Moral Center and the six sector networks",
    ),
    (
        "read_only_note",
        "บัญชีของคุณดูข้อมูลได้อย่างเดียว",
        "Your account can view but not change this",
    ),
    ("action_erase", "ลบถาวร (PDPA)", "erased (PDPA)"),
    ("action_disable", "ปิดบัญชี", "disabled"),
    ("action_issue", "ออกเกียรติบัตร", "issued"),
    ("action_reissue", "ออกเกียรติบัตรใหม่", "reissued"),
    ("action_revoke", "เพิกถอน", "revoked"),
    ("action_add_logo", "เพิ่มตราสัญลักษณ์", "added a logo"),
    ("action_remove_logo", "นำตราสัญลักษณ์ออก", "removed a logo"),
    ("action_register", "ลงทะเบียน", "registered"),
    ("action_walk_in", "ลงทะเบียนหน้างาน", "registered at the door"),
    ("action_cancel", "ยกเลิก", "cancelled"),
    ("action_approve", "อนุมัติ", "approved"),
    ("action_reject", "ไม่อนุมัติ", "rejected"),
    ("action_rename", "แก้ไขชื่อ", "renamed"),
    ("action_enable", "เปิดบัญชีอีกครั้ง", "enabled"),
    (
        "action_reset_password",
        "ออกลิงก์ตั้งรหัสผ่านใหม่",
        "issued a new password link",
    ),
    ("action_set_password", "ตั้งรหัสผ่าน", "set the password"),
    (
        "action_link_person",
        "เชื่อมกับบุคคลในทะเบียน",
        "matched with a registry person",
    ),
    ("action_create", "สร้าง", "created"),
    ("action_update", "แก้ไข", "changed"),
    ("action_archive", "จัดเก็บ", "archived"),
    ("action_restore", "นำกลับมาใช้", "restored"),
    ("action_add_member", "เพิ่มสมาชิก", "added a member"),
    ("action_remove_member", "นำสมาชิกออก", "removed a member"),
    ("action_import", "นำเข้าจากไฟล์", "imported a file"),
    ("entity_organization", "หน่วยงาน", "organization"),
    ("entity_person", "บุคคล", "person"),
    ("entity_working_group", "คณะทำงาน", "working group"),
    ("entity_user", "บัญชีผู้ใช้", "account"),
    ("entity_registration", "การลงทะเบียน", "registration"),
    ("entity_certificate", "เกียรติบัตร", "certificate"),
    (
        "entity_certificate_template",
        "แบบเกียรติบัตร",
        "certificate template",
    ),
    (
        "entity_event_signatories",
        "ผู้ลงนามเกียรติบัตร",
        "certificate signatories",
    ),
    ("demo_role_admin", "ผู้ดูแลระบบ", "Administrator"),
    ("demo_role_national", "ศูนย์คุณธรรม", "Moral Center (national)"),
    (
        "demo_role_secretariat",
        "เลขานุการ อุดรธานี",
        "Secretariat, Udon Thani",
    ),
    (
        "demo_role_coordinator",
        "ผู้ประสานงานภาคศาสนา",
        "Coordinator, religion network",
    ),
    ("demo_role_member", "คณะทำงาน", "Working-group member"),
    (
        "demo_role_khonkaen",
        "เลขานุการ ขอนแก่น",
        "Secretariat, Khon Kaen",
    ),
    ("system_actor", "ระบบ (อัตโนมัติ)", "the system (automatic)"),
    ("field_number", "เลขที่", "number"),
    (
        "field_promoted",
        "เลื่อนจากรายชื่อสำรอง",
        "moved up from the waiting list",
    ),
    ("field_event", "งาน", "event"),
    ("field_phrase", "ข้อความ", "phrase"),
    ("field_text", "ข้อความ", "text"),
    ("field_activity", "กิจกรรม", "activity"),
    ("field_title", "ชื่อ", "title"),
    ("field_person", "บุคคลในทะเบียน", "registry person"),
    ("field_disabled", "ปิดบัญชี", "disabled"),
    ("field_role", "บทบาท", "role"),
    ("field_province", "จังหวัด", "province"),
    (
        "entity_organizations",
        "หน่วยงาน (นำเข้า)",
        "organizations (import)",
    ),
    ("entity_people", "บุคคล (นำเข้า)", "people (import)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        let all: Vec<_> = TABLES.iter().flat_map(|table| table.iter()).collect();
        for (i, (k, _, _)) in all.iter().enumerate() {
            assert!(
                !all[..i].iter().any(|(o, _, _)| o == k),
                "duplicate key {k}"
            );
        }
    }

    #[test]
    fn every_key_used_in_templates_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for path in template_files(&dir) {
            let text = std::fs::read_to_string(path).unwrap();
            for part in text.split("t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(INDEX.contains_key(key), "missing key {key}");
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} keys found in templates");
    }

    /// Every template file, in every feature's folder.
    fn template_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(template_files(&path));
            } else {
                files.push(path);
            }
        }
        files
    }

    /// Every word a template asks for by a literal key exists, so no page shows "…".
    #[test]
    fn template_keys_have_words() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut missing = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for call in text.split("ctx.t(\"").skip(1) {
                    let key = call.split('"').next().unwrap_or_default();
                    if !INDEX.contains_key(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys without words: {missing:#?}");
    }

    /// Every action and record kind the store writes to the audit log has words: read from
    /// the store's source, so a new kind of change cannot show up as a bare code.
    #[test]
    fn stored_codes_have_words() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/src");
        let mut codes = std::collections::BTreeSet::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for call in text.split("Change::new(").skip(1) {
                        let head: String = call.chars().take(90).collect();
                        let head = head.split(')').next().unwrap_or_default();
                        for literal in head.split('"').skip(1).step_by(2) {
                            if !literal.is_empty()
                                && literal.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                            {
                                codes.insert(literal.to_string());
                            }
                        }
                    }
                }
            }
        }
        // Actions passed in variables.
        for code in [
            "register", "walk_in", "cancel", "approve", "reject", "archive", "import",
        ] {
            codes.insert(code.into());
        }
        assert!(codes.len() > 30, "only {} codes found", codes.len());
        for code in &codes {
            assert!(
                INDEX.contains_key(format!("action_{code}").as_str())
                    || INDEX.contains_key(format!("entity_{code}").as_str()),
                "the audit code {code} has no words"
            );
        }
    }
}
