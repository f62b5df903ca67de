//! The words of the search pages, Thai and English.

pub const SEARCH_WORDS: &[(&str, &str, &str)] = &[
    ("search_label", "คำที่ต้องการค้นหา", "Words to search for"),
    ("search_site", "ค้นหาทั้งระบบ", "Search everything"),
    ("search_results", "ผลการค้นหา", "Search results"),
    ("search_kinds", "ประเภทของผลการค้นหา", "Kinds of result"),
    ("search_every_kind", "ทั้งหมด", "All"),
    (
        "search_no_words",
        "คำค้นนี้ไม่มีคำให้ค้น กรุณาพิมพ์คำภาษาไทยหรือภาษาอังกฤษอย่างน้อยหนึ่งคำ",
        "The query holds no word to search for. Type at least one Thai or English word.",
    ),
    (
        "search_none",
        "ไม่พบรายการที่ตรงกับทุกคำที่ค้น ลองใช้คำน้อยลงหรือคำอื่น",
        "Nothing matches every word searched for. Try fewer or other words.",
    ),
    (
        "search_cut",
        "คำค้นยาวเกินไป จึงค้นเฉพาะ 200 ตัวอักษรแรก",
        "The query is too long; only its first 200 characters were searched.",
    ),
    (
        "search_how",
        "ค้นทั้งคำ: “แม่น” ไม่พบ “แม่น้ำ” ชื่อและนามสกุลค้นแยกกันได้ เลขไทยและเลขอารบิกค้นแทนกันได้",
        "Whole words are matched: “แม่น” does not find “แม่น้ำ”. Given names and surnames can be searched on their own; Thai and Arabic digits find each other.",
    ),
    (
        "search_scope_province",
        "ค้นข้อมูลของจังหวัด",
        "Searching the records of",
    ),
    (
        "search_scope_open",
        "ค้นข้อมูลที่เผยแพร่ของทุกจังหวัด",
        "Searching what every province has published",
    ),
    (
        "search_scope_open_in",
        "ค้นข้อมูลที่เผยแพร่ของจังหวัด",
        "Searching what is published by",
    ),
    (
        "search_scope_national",
        "ค้นข้อมูลของทุกจังหวัด",
        "Searching the records of every province",
    ),
    ("search_kind_organization", "องค์กร", "Organization"),
    ("search_kind_person", "บุคคล", "Person"),
    ("search_kind_event", "กิจกรรม/การอบรม", "Event"),
    ("search_kind_plan_entry", "แผนงาน/โครงการ", "Plan entry"),
    ("search_kind_report", "รายงานกิจกรรม", "Activity report"),
    ("search_kinds_organization", "องค์กร", "Organizations"),
    ("search_kinds_person", "บุคคล", "People"),
    ("search_kinds_event", "กิจกรรม/การอบรม", "Events"),
    ("search_kinds_plan_entry", "แผนงาน/โครงการ", "Plan entries"),
    ("search_kinds_report", "รายงานกิจกรรม", "Activity reports"),
    ("search_kind_news", "ข่าว", "News"),
    ("search_kinds_news", "ข่าว", "News"),
];
