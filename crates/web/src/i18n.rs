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

static INDEX: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> = LazyLock::new(|| {
    WORDS
        .iter()
        .chain(crate::i18n_evaluation::EVALUATION_WORDS)
        .chain(crate::i18n_evaluation::LIVE_WORDS)
        .chain(crate::i18n_training::TRAINING_WORDS)
        .map(|(k, th, en)| (*k, (*th, *en)))
        .collect()
});

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
    ("organizations", "หน่วยงาน/องค์กร", "Organizations"),
    ("organization", "หน่วยงาน", "Organization"),
    ("people", "บุคคล", "People"),
    ("working_groups", "คณะทำงาน", "Working groups"),
    ("working_group", "คณะทำงาน", "Working group"),
    ("audit_log", "บันทึกการแก้ไข", "Audit log"),
    ("import", "นำเข้าข้อมูล", "Import"),
    ("networks", "ภาคีเครือข่าย", "Networks"),
    ("network", "ภาคีเครือข่าย", "Network"),
    (
        "six_networks",
        "ภาคีเครือข่าย 6 ภาค",
        "The six sector networks",
    ),
    ("district", "อำเภอ", "District"),
    ("kind", "ประเภท", "Kind"),
    ("name", "ชื่อ", "Name"),
    ("org_name", "ชื่อหน่วยงาน", "Organization name"),
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
    ("new_org", "เพิ่มหน่วยงาน", "Add organization"),
    ("new_person", "เพิ่มบุคคล", "Add person"),
    ("new_group", "เพิ่มคณะทำงาน", "Add working group"),
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
    ("choose", "— เลือก —", "— choose —"),
    ("prefix", "คำนำหน้า", "Title"),
    ("first_name", "ชื่อ", "First name"),
    ("last_name", "นามสกุล", "Last name"),
    ("position", "ตำแหน่ง", "Position"),
    ("no_org", "— ไม่ระบุ —", "— none —"),
    ("consent", "ความยินยอม", "Consent"),
    (
        "consent_text",
        "เจ้าของข้อมูลยินยอมให้บันทึกชื่อ ตำแหน่ง หน่วยงาน และช่องทางติดต่อ เพื่อใช้ประสานงานขับเคลื่อนจังหวัดคุณธรรมเท่านั้น (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)",
        "The person agrees that their name, position, organization and contact details are recorded, only to coordinate the Moral Province work (PDPA B.E. 2562)",
    ),
    ("consent_recorded", "บันทึกความยินยอมเมื่อ", "Consent recorded"),
    ("created", "สร้างเมื่อ", "Created"),
    ("updated", "แก้ไขล่าสุด", "Last changed"),
    ("members", "สมาชิก", "Members"),
    ("member_count", "จำนวนสมาชิก", "Members"),
    ("role", "บทบาท", "Role"),
    ("term", "วาระ", "Term"),
    ("term_start", "เริ่มวาระ", "Term starts"),
    ("term_end", "สิ้นสุดวาระ", "Term ends"),
    ("add_member", "เพิ่มสมาชิก", "Add member"),
    ("remove", "นำออก", "Remove"),
    ("person", "บุคคล", "Person"),
    ("appointment_order", "คำสั่งแต่งตั้ง", "Appointment order"),
    ("order_number", "เลขที่คำสั่ง", "Order number"),
    ("order_date", "ลงวันที่", "Order date"),
    ("order_pdf", "ไฟล์คำสั่ง (PDF)", "Order file (PDF)"),
    (
        "order_pdf_hint",
        "ไฟล์ PDF ไม่เกิน 10 MB; เว้นว่างไว้หากไม่เปลี่ยนไฟล์",
        "A PDF of at most 10 MB; leave empty to keep the current file",
    ),
    ("download_order", "ดาวน์โหลดคำสั่ง", "Download the order"),
    ("no_order_file", "ยังไม่มีไฟล์คำสั่ง", "No order file yet"),
    (
        "date_hint",
        "วัน/เดือน/ปี พ.ศ. เช่น 18/2/2565",
        "day/month/B.E. year, e.g. 18/2/2565",
    ),
    ("when", "เวลา", "When"),
    ("who", "ผู้แก้ไข", "Who"),
    ("action", "การกระทำ", "Action"),
    ("record", "รายการ", "Record"),
    ("before", "ก่อน", "Before"),
    ("after", "หลัง", "After"),
    (
        "import_intro",
        "นำเข้าหน่วยงานหรือบุคคลจากไฟล์ .xlsx หรือ .csv ระบบจะตรวจทุกแถวก่อน และนำเข้าเฉพาะเมื่อทุกแถวถูกต้องเท่านั้น (ทั้งหมดหรือไม่นำเข้าเลย)",
        "Import organizations or people from an .xlsx or .csv file. Every row is checked first; the file is imported only when all rows are good (all or nothing).",
    ),
    ("import_kind", "ข้อมูลที่นำเข้า", "What to import"),
    (
        "import_file",
        "ไฟล์ (.xlsx หรือ .csv ไม่เกิน 10 MB)",
        "File (.xlsx or .csv, at most 10 MB)",
    ),
    (
        "import_columns",
        "คอลัมน์ที่ใช้ (แถวแรกของไฟล์)",
        "Columns (the file's first row)",
    ),
    (
        "import_template_hint",
        "ดาวน์โหลดไฟล์ที่ส่งออกจากระบบไปใช้เป็นแบบฟอร์มได้",
        "You can use an exported file as a template",
    ),
    ("check_file", "ตรวจไฟล์", "Check the file"),
    ("preview", "ผลการตรวจไฟล์", "File check"),
    ("row", "แถว", "Row"),
    ("problems", "ปัญหา", "Problems"),
    ("notes", "หมายเหตุ", "Notes"),
    ("ok", "ถูกต้อง", "OK"),
    (
        "rows_ok",
        "ทุกแถวถูกต้อง พร้อมนำเข้า",
        "All rows are good and ready to import",
    ),
    (
        "rows_bad",
        "แถวที่ต้องแก้ไข กรุณาแก้ไขไฟล์แล้วตรวจใหม่ ยังไม่มีข้อมูลใดถูกนำเข้า",
        "rows need fixing. Fix the file and check it again; nothing has been imported.",
    ),
    ("confirm_import", "ยืนยันนำเข้า", "Import now"),
    ("imported", "นำเข้าสำเร็จ", "Imported"),
    ("rows", "แถว", "rows"),
    ("file_problem", "ไฟล์มีปัญหา", "The file has a problem"),
    ("kind_organizations", "หน่วยงาน/องค์กร", "Organizations"),
    ("kind_people", "บุคคล", "People"),
    ("accounts", "บัญชีผู้ใช้ตัวอย่าง", "Demo accounts"),
    ("signed_in_as", "เข้าสู่ระบบในชื่อ", "Signed in as"),
    ("registry", "ทะเบียนเครือข่าย", "Network registry"),
    ("org_count", "หน่วยงาน", "organizations"),
    ("people_count", "คน", "people"),
    ("main_nav", "เมนูหลัก", "Main menu"),
    ("province_nav", "เมนูจังหวัด", "Province menu"),
    ("region", "ภาค", "Region"),
    ("districts", "อำเภอ", "Districts"),
    ("open", "เปิด", "Open"),
    ("details", "รายละเอียด", "Details"),
    ("api", "API", "API"),
    (
        "footer_note",
        "ซอฟต์แวร์เสรี สำหรับสำนักงานวัฒนธรรมจังหวัด ศูนย์คุณธรรม และภาคีเครือข่าย 6 ภาค",
        "Free software for provincial culture offices, the Moral Center and the six sector networks",
    ),
    (
        "confirm_archive",
        "จัดเก็บรายการนี้? ข้อมูลยังอยู่และนำกลับมาใช้ได้",
        "Archive this record? It is kept and can be restored",
    ),
    (
        "read_only_note",
        "บัญชีของคุณดูข้อมูลได้อย่างเดียว",
        "Your account can view but not change this",
    ),
    (
        "networks_of_coordinator",
        "แก้ไขได้เฉพาะรายการในภาคีเครือข่ายของคุณ",
        "You can change records of your own network only",
    ),
    (
        "pdpa_title",
        "สิทธิของเจ้าของข้อมูล (PDPA)",
        "The person's data rights (PDPA)",
    ),
    (
        "pdpa_intro",
        "เมื่อเจ้าของข้อมูลขอดูหรือขอรับสำเนาข้อมูล ให้ดาวน์โหลดไฟล์ด้านล่าง เมื่อขอให้ลบ ให้ลบถาวร ระบบจะลบบุคคล การเป็นสมาชิกคณะทำงาน และข้อมูลส่วนบุคคลในบันทึกการแก้ไข",
        "When the person asks to see or receive their data, download the file below. When they ask for erasure, erase it: the person, their working-group memberships and the personal data in the audit log are removed.",
    ),
    (
        "pdpa_export",
        "ดาวน์โหลดข้อมูลของบุคคลนี้ (JSON)",
        "Download this person's data (JSON)",
    ),
    ("pdpa_erase", "ลบข้อมูลถาวร", "Erase permanently"),
    (
        "pdpa_erase_confirm",
        "ยืนยันว่าเจ้าของข้อมูลขอให้ลบ และเข้าใจว่าเรียกคืนไม่ได้",
        "I confirm the person asked for erasure and that it cannot be undone",
    ),
    (
        "pdpa_erase_unconfirmed",
        "กรุณาทำเครื่องหมายยืนยันก่อนลบ",
        "Tick the confirmation before erasing",
    ),
    ("erased", "ลบข้อมูลบุคคลแล้ว", "The person's data was erased"),
    ("action_erase", "ลบถาวร (PDPA)", "erased (PDPA)"),
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
        for (i, (k, _, _)) in WORDS.iter().enumerate() {
            assert!(
                !WORDS[..i].iter().any(|(o, _, _)| o == k),
                "duplicate key {k}"
            );
        }
    }

    #[test]
    fn every_key_used_in_templates_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for part in text.split("t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(INDEX.contains_key(key), "missing key {key}");
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} keys found in templates");
    }

    #[test]
    fn stored_codes_have_words() {
        let actions = [
            "create",
            "update",
            "archive",
            "restore",
            "add_member",
            "remove_member",
            "import",
            "erase",
        ];
        let entities = [
            "organization",
            "person",
            "working_group",
            "user",
            "organizations",
            "people",
        ];
        let keys = actions
            .iter()
            .map(|c| format!("action_{c}"))
            .chain(entities.iter().map(|c| format!("entity_{c}")));
        for key in keys {
            assert!(INDEX.contains_key(key.as_str()), "missing {key}");
        }
    }
}
