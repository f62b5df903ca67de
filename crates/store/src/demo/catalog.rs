//! Invented demo catalogue for the Udon Thani (จังหวัดอุดรธานี) Moral Province story.
//!
//! Every organization, person, phone number and e-mail address here is fictitious. Phone
//! numbers follow the obviously fake patterns `042-000-1xx` (organizations) and
//! `081-000-0xxx` (people); e-mail domains all end in `.example`. Some names deliberately
//! begin with the leading vowels เ แ โ ใ ไ (to exercise Thai collation), one organization
//! name contains a double quote and an apostrophe, and one surname is unusually long.

/// A demo organization.
pub struct DemoOrg {
    /// Thai name (invented).
    pub name: &'static str,
    /// One of `government`, `education`, `religious`, `company`, `community`, `media`,
    /// `civil_society`.
    pub kind: &'static str,
    /// One or more of `public`, `private`, `community`, `education`, `religion`, `media`.
    pub sectors: &'static [&'static str],
    /// District code of Udon Thani (41xx).
    pub district: u32,
    /// Invented, well-formed phone number.
    pub phone: &'static str,
    /// Invented e-mail on a `.example` domain, or empty.
    pub email: &'static str,
}

/// Demo organizations; index 0 is the provincial culture office (the secretariat).
pub const ORGANIZATIONS: &[DemoOrg] = &[
    DemoOrg {
        name: "สำนักงานวัฒนธรรมจังหวัดอุดรธานี",
        kind: "government",
        sectors: &["public"],
        district: 4101,
        phone: "042-000-100",
        email: "info@udon-culture.example",
    },
    DemoOrg {
        name: "สำนักงานจังหวัดอุดรธานี",
        kind: "government",
        sectors: &["public"],
        district: 4101,
        phone: "042-000-101",
        email: "saraban@udon-province.example",
    },
    DemoOrg {
        name: "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดอุดรธานี",
        kind: "government",
        sectors: &["public"],
        district: 4101,
        phone: "042-000-102",
        email: "contact@udon-social.example",
    },
    DemoOrg {
        name: "เทศบาลนครอุดรธานี",
        kind: "government",
        sectors: &["public"],
        district: 4101,
        phone: "042-000-103",
        email: "info@udon-city.example",
    },
    DemoOrg {
        name: "ที่ว่าการอำเภอกุมภวาปี",
        kind: "government",
        sectors: &["public"],
        district: 4104,
        phone: "042-000-104",
        email: "kumphawapi@district.example",
    },
    DemoOrg {
        name: "เทศบาลตำบลหนองหาน",
        kind: "government",
        sectors: &["public"],
        district: 4106,
        phone: "042-000-105",
        email: "info@nonghan-town.example",
    },
    DemoOrg {
        name: "องค์การบริหารส่วนตำบลกลางใหญ่",
        kind: "government",
        sectors: &["public"],
        district: 4117,
        phone: "042-000-106",
        email: "",
    },
    DemoOrg {
        name: "สำนักงานพระพุทธศาสนาจังหวัดอุดรธานี",
        kind: "government",
        sectors: &["public", "religion"],
        district: 4101,
        phone: "042-000-107",
        email: "udon@buddhism-office.example",
    },
    DemoOrg {
        name: "สำนักงานศึกษาธิการจังหวัดอุดรธานี",
        kind: "government",
        sectors: &["public", "education"],
        district: 4101,
        phone: "042-000-108",
        email: "info@udon-education.example",
    },
    DemoOrg {
        name: "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสูง",
        kind: "government",
        sectors: &["public"],
        district: 4105,
        phone: "042-000-109",
        email: "",
    },
    DemoOrg {
        name: "สำนักงานประชาสัมพันธ์จังหวัดอุดรธานี",
        kind: "government",
        sectors: &["public", "media"],
        district: 4101,
        phone: "042-000-110",
        email: "news@udon-prd.example",
    },
    DemoOrg {
        name: "มหาวิทยาลัยราชภัฏอุดรพัฒนา",
        kind: "education",
        sectors: &["education"],
        district: 4101,
        phone: "042-000-111",
        email: "info@udon-pattana-ru.example",
    },
    DemoOrg {
        name: "โรงเรียนอุดรวิทยาคาร",
        kind: "education",
        sectors: &["education"],
        district: 4101,
        phone: "042-000-112",
        email: "admin@udon-wittayakan.example",
    },
    DemoOrg {
        name: "โรงเรียนบ้านหนองบัวทอง",
        kind: "education",
        sectors: &["education"],
        district: 4102,
        phone: "042-000-113",
        email: "nongbuathong@school.example",
    },
    DemoOrg {
        name: "โรงเรียนบ้านโคกสว่าง",
        kind: "education",
        sectors: &["education"],
        district: 4103,
        phone: "042-000-114",
        email: "",
    },
    DemoOrg {
        name: "โรงเรียนเพ็ญพัฒนศึกษา",
        kind: "education",
        sectors: &["education"],
        district: 4119,
        phone: "042-000-115",
        email: "info@phen-pattana.example",
    },
    DemoOrg {
        name: "โรงเรียนไชยวานวิทยา",
        kind: "education",
        sectors: &["education"],
        district: 4108,
        phone: "042-000-116",
        email: "chaiwan-wittaya@school.example",
    },
    DemoOrg {
        name: "วิทยาลัยเทคนิคแสงอุดร",
        kind: "education",
        sectors: &["education"],
        district: 4101,
        phone: "042-000-117",
        email: "info@saeng-udon-tech.example",
    },
    DemoOrg {
        name: "โรงเรียนพระปริยัติธรรมวัดโพธิ์ศรีสว่าง",
        kind: "education",
        sectors: &["education", "religion"],
        district: 4109,
        phone: "042-000-118",
        email: "",
    },
    DemoOrg {
        name: "ศูนย์ส่งเสริมการเรียนรู้อำเภอน้ำโสม",
        kind: "government",
        sectors: &["education", "public"],
        district: 4118,
        phone: "042-000-119",
        email: "namsom@learning-center.example",
    },
    DemoOrg {
        name: "โรงเรียนเทศบาลบ้านนาดี",
        kind: "education",
        sectors: &["education"],
        district: 4101,
        phone: "042-000-120",
        email: "",
    },
    DemoOrg {
        name: "วัดโพธิ์ศรีสว่าง",
        kind: "religious",
        sectors: &["religion"],
        district: 4109,
        phone: "042-000-121",
        email: "",
    },
    DemoOrg {
        name: "วัดป่าศรีอุดม",
        kind: "religious",
        sectors: &["religion"],
        district: 4101,
        phone: "042-000-122",
        email: "info@wat-pa-si-udom.example",
    },
    DemoOrg {
        name: "วัดศรีสุมังคลาราม",
        kind: "religious",
        sectors: &["religion"],
        district: 4111,
        phone: "042-000-123",
        email: "",
    },
    DemoOrg {
        name: "วัดโนนสว่างอารมณ์",
        kind: "religious",
        sectors: &["religion"],
        district: 4120,
        phone: "042-000-124",
        email: "",
    },
    DemoOrg {
        name: "วัดแสงธรรมนิมิต",
        kind: "religious",
        sectors: &["religion"],
        district: 4110,
        phone: "042-000-125",
        email: "wat-saengtham@temple.example",
    },
    DemoOrg {
        name: "วัดป่าภูผาแดง",
        kind: "religious",
        sectors: &["religion"],
        district: 4122,
        phone: "042-000-126",
        email: "",
    },
    DemoOrg {
        name: "มัสยิดนูรุลอิสลามอุดร",
        kind: "religious",
        sectors: &["religion"],
        district: 4101,
        phone: "042-000-127",
        email: "info@nurul-islam-udon.example",
    },
    DemoOrg {
        name: "โบสถ์คริสต์แสงสว่างอุดร",
        kind: "religious",
        sectors: &["religion"],
        district: 4101,
        phone: "042-000-128",
        email: "office@saengsawang-church.example",
    },
    DemoOrg {
        name: "วัดใหม่ชัยมงคล",
        kind: "religious",
        sectors: &["religion", "community"],
        district: 4124,
        phone: "042-000-129",
        email: "",
    },
    DemoOrg {
        name: "บริษัท \"ใจดี\" ยูดี's เทรดดิ้ง จำกัด",
        kind: "company",
        sectors: &["private"],
        district: 4101,
        phone: "042-000-130",
        email: "hr@jaidee-trading.example",
    },
    DemoOrg {
        name: "บริษัท อุดรรุ่งเรืองพืชผล จำกัด",
        kind: "company",
        sectors: &["private"],
        district: 4105,
        phone: "042-000-131",
        email: "csr@udon-rungruang.example",
    },
    DemoOrg {
        name: "หอการค้าจังหวัดอุดรธานี",
        kind: "civil_society",
        sectors: &["private"],
        district: 4101,
        phone: "042-000-132",
        email: "info@udon-chamber.example",
    },
    DemoOrg {
        name: "บริษัท โชคดีค้าวัสดุ จำกัด",
        kind: "company",
        sectors: &["private"],
        district: 4121,
        phone: "042-000-133",
        email: "sales@chokdee-material.example",
    },
    DemoOrg {
        name: "ห้างหุ้นส่วนจำกัด ไพศาลการเกษตร",
        kind: "company",
        sectors: &["private"],
        district: 4107,
        phone: "042-000-134",
        email: "",
    },
    DemoOrg {
        name: "สหกรณ์การเกษตรกุมภวาปี จำกัด",
        kind: "company",
        sectors: &["private", "community"],
        district: 4104,
        phone: "042-000-135",
        email: "coop@kumphawapi-agri.example",
    },
    DemoOrg {
        name: "บริษัท อุดรแสงทองโฮเต็ล จำกัด",
        kind: "company",
        sectors: &["private"],
        district: 4101,
        phone: "042-000-136",
        email: "gm@saengthong-hotel.example",
    },
    DemoOrg {
        name: "แสงอรุณฟาร์มสเตย์",
        kind: "company",
        sectors: &["private"],
        district: 4123,
        phone: "042-000-137",
        email: "stay@saengarun-farm.example",
    },
    DemoOrg {
        name: "สมาคมธุรกิจการท่องเที่ยวอุดรธานี",
        kind: "civil_society",
        sectors: &["private"],
        district: 4101,
        phone: "042-000-138",
        email: "info@udon-tourism-assoc.example",
    },
    DemoOrg {
        name: "บริษัท ประจักษ์ไรซ์มิลล์ จำกัด",
        kind: "company",
        sectors: &["private"],
        district: 4125,
        phone: "042-000-139",
        email: "",
    },
    DemoOrg {
        name: "ชุมชนบ้านโนนทองพัฒนา",
        kind: "community",
        sectors: &["community"],
        district: 4101,
        phone: "042-000-140",
        email: "",
    },
    DemoOrg {
        name: "ชุมชนบ้านหนองแวงใต้",
        kind: "community",
        sectors: &["community"],
        district: 4106,
        phone: "042-000-141",
        email: "",
    },
    DemoOrg {
        name: "ชุมชนบ้านดงเย็น",
        kind: "community",
        sectors: &["community"],
        district: 4111,
        phone: "042-000-142",
        email: "",
    },
    DemoOrg {
        name: "สภาเด็กและเยาวชนจังหวัดอุดรธานี",
        kind: "community",
        sectors: &["community"],
        district: 4101,
        phone: "042-000-143",
        email: "youth@udon-youth-council.example",
    },
    DemoOrg {
        name: "สภาเด็กและเยาวชนอำเภอหนองวัวซอ",
        kind: "community",
        sectors: &["community"],
        district: 4103,
        phone: "042-000-144",
        email: "",
    },
    DemoOrg {
        name: "มูลนิธิเพื่อนครอบครัวอุดร",
        kind: "civil_society",
        sectors: &["community"],
        district: 4101,
        phone: "042-000-145",
        email: "contact@friends-of-family.example",
    },
    DemoOrg {
        name: "สมาคมผู้สูงอายุอำเภอเพ็ญ",
        kind: "civil_society",
        sectors: &["community"],
        district: 4119,
        phone: "042-000-146",
        email: "",
    },
    DemoOrg {
        name: "กลุ่มแม่บ้านเกษตรกรบ้านนาคำ",
        kind: "community",
        sectors: &["community", "private"],
        district: 4118,
        phone: "042-000-147",
        email: "",
    },
    DemoOrg {
        name: "ใจอาสาอุดร (ชมรมจิตอาสา)",
        kind: "civil_society",
        sectors: &["community"],
        district: 4101,
        phone: "042-000-148",
        email: "volunteer@jai-asa-udon.example",
    },
    DemoOrg {
        name: "ศูนย์พัฒนาครอบครัวในชุมชนตำบลกู่แก้ว",
        kind: "community",
        sectors: &["community"],
        district: 4124,
        phone: "042-000-149",
        email: "",
    },
    DemoOrg {
        name: "สถานีวิทยุชุมชนคนอุดร",
        kind: "media",
        sectors: &["media"],
        district: 4101,
        phone: "042-000-150",
        email: "onair@khon-udon-radio.example",
    },
    DemoOrg {
        name: "หนังสือพิมพ์ข่าวอุดรรายวัน",
        kind: "media",
        sectors: &["media"],
        district: 4101,
        phone: "042-000-151",
        email: "news@khao-udon-daily.example",
    },
    DemoOrg {
        name: "สถานีวิทยุชุมชนคนกุดจับ",
        kind: "media",
        sectors: &["media", "community"],
        district: 4102,
        phone: "042-000-152",
        email: "",
    },
    DemoOrg {
        name: "เพ็ญนิวส์ออนไลน์",
        kind: "media",
        sectors: &["media"],
        district: 4119,
        phone: "042-000-153",
        email: "editor@phen-news.example",
    },
    DemoOrg {
        name: "สมาคมนักข่าวจังหวัดอุดรธานี",
        kind: "civil_society",
        sectors: &["media"],
        district: 4101,
        phone: "042-000-154",
        email: "info@udon-journalists.example",
    },
    DemoOrg {
        name: "สถานีโทรทัศน์ท้องถิ่นอุดรทีวี",
        kind: "media",
        sectors: &["media"],
        district: 4101,
        phone: "042-000-155",
        email: "newsroom@udon-tv.example",
    },
    DemoOrg {
        name: "วิทยุชุมชนเสียงธรรมวัดป่าศรีอุดม",
        kind: "media",
        sectors: &["media", "religion"],
        district: 4101,
        phone: "042-000-156",
        email: "",
    },
    DemoOrg {
        name: "ไอดินกลิ่นอุดร สื่อสร้างสรรค์",
        kind: "media",
        sectors: &["media"],
        district: 4110,
        phone: "042-000-157",
        email: "hello@aidin-udon.example",
    },
    DemoOrg {
        name: "สถานีวิทยุมหาวิทยาลัยราชภัฏอุดรพัฒนา",
        kind: "media",
        sectors: &["media", "education"],
        district: 4101,
        phone: "042-000-158",
        email: "radio@udon-pattana-ru.example",
    },
    DemoOrg {
        name: "ชมรมสื่อสร้างสรรค์เยาวชนบ้านผือ",
        kind: "civil_society",
        sectors: &["media", "community"],
        district: 4117,
        phone: "042-000-159",
        email: "",
    },
];

/// A demo person, attached to one organization.
pub struct DemoPerson {
    /// Title prefix: `นาย`, `นาง`, `นางสาว`, `ดร.`, `ผศ.ดร.`, `พระ`, `พระครู` or `ว่าที่ร้อยตรี`.
    pub prefix: &'static str,
    /// Invented given name (for monks, a monastic or title name).
    pub first: &'static str,
    /// Invented surname (for monks a Pali-style chaya name, or empty after a title name).
    pub last: &'static str,
    /// Thai position title.
    pub position: &'static str,
    /// Index into [`ORGANIZATIONS`].
    pub org: usize,
    /// Sector network codes, normally those of the organization.
    pub networks: &'static [&'static str],
    /// Invented mobile number, or empty.
    pub phone: &'static str,
    /// Invented e-mail on a `.example` domain, or empty.
    pub email: &'static str,
}

/// Demo people, grouped by organization.
pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        prefix: "นาง",
        first: "วรรณภา",
        last: "ศรีสุขใส",
        position: "วัฒนธรรมจังหวัดอุดรธานี",
        org: 0,
        networks: &["public"],
        phone: "081-000-0001",
        email: "wannapa.s@udon-culture.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "เพ็ญนภา",
        last: "คำภูแสน",
        position: "นักวิชาการวัฒนธรรมชำนาญการ",
        org: 0,
        networks: &["public"],
        phone: "081-000-0002",
        email: "pennapa.k@udon-culture.example",
    },
    DemoPerson {
        prefix: "ว่าที่ร้อยตรี",
        first: "ธนพล",
        last: "ชาญวิเศษ",
        position: "นักวิชาการวัฒนธรรมปฏิบัติการ",
        org: 0,
        networks: &["public"],
        phone: "081-000-0003",
        email: "thanaphon.c@udon-culture.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ไพโรจน์",
        last: "ทองประเสริฐ",
        position: "เจ้าพนักงานธุรการชำนาญงาน",
        org: 0,
        networks: &["public"],
        phone: "081-000-0004",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สุรพงษ์",
        last: "วงศ์ภักดีกุล",
        position: "รองผู้ว่าราชการจังหวัดอุดรธานี",
        org: 1,
        networks: &["public"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "อรอุมา",
        last: "แก้วประทุม",
        position: "หัวหน้ากลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด",
        org: 1,
        networks: &["public"],
        phone: "081-000-0006",
        email: "onuma.k@udon-province.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "สมพร",
        last: "บุญมาศรี",
        position: "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดอุดรธานี",
        org: 2,
        networks: &["public"],
        phone: "081-000-0007",
        email: "somporn.b@udon-social.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ชัยวัฒน์",
        last: "ศรีโคตร",
        position: "นักพัฒนาสังคมชำนาญการ",
        org: 2,
        networks: &["public"],
        phone: "081-000-0008",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "อนุชา",
        last: "พรหมสาขา",
        position: "รองนายกเทศมนตรีนครอุดรธานี",
        org: 3,
        networks: &["public"],
        phone: "081-000-0009",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "แสงเดือน",
        last: "ภูมิโคกรักษ์",
        position: "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        org: 3,
        networks: &["public"],
        phone: "081-000-0010",
        email: "saengduean.p@udon-city.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "เกียรติศักดิ์",
        last: "อินทรสุวรรณ",
        position: "ปลัดอำเภอ",
        org: 4,
        networks: &["public"],
        phone: "081-000-0011",
        email: "kiattisak.i@district.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "จันทร์เพ็ญ",
        last: "สีดาคำ",
        position: "เจ้าพนักงานปกครองชำนาญงาน",
        org: 4,
        networks: &["public"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "บุญเลิศ",
        last: "ไชยบุตร",
        position: "ปลัดเทศบาล",
        org: 5,
        networks: &["public"],
        phone: "081-000-0013",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "เพ็ญศรี",
        last: "ชัยสิทธิ์",
        position: "นักพัฒนาชุมชนชำนาญการ",
        org: 5,
        networks: &["public"],
        phone: "081-000-0014",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "ลำดวน",
        last: "พิมพ์ศรี",
        position: "นายกองค์การบริหารส่วนตำบลกลางใหญ่",
        org: 6,
        networks: &["public"],
        phone: "081-000-0015",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ธีรวัฒน์",
        last: "โพธิ์ทองคำ",
        position: "นักพัฒนาชุมชนปฏิบัติการ",
        org: 6,
        networks: &["public"],
        phone: "081-000-0016",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ประยูร",
        last: "ศิริวงศ์ไชย",
        position: "ผู้อำนวยการสำนักงานพระพุทธศาสนาจังหวัดอุดรธานี",
        org: 7,
        networks: &["public", "religion"],
        phone: "081-000-0017",
        email: "prayoon.s@buddhism-office.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "กนกวรรณ",
        last: "ธรรมวงศ์",
        position: "เจ้าพนักงานศาสนพิธีปฏิบัติงาน",
        org: 7,
        networks: &["public", "religion"],
        phone: "081-000-0018",
        email: "",
    },
    DemoPerson {
        prefix: "ดร.",
        first: "วิไลวรรณ",
        last: "สุวรรณโชติ",
        position: "ศึกษาธิการจังหวัดอุดรธานี",
        org: 8,
        networks: &["public", "education"],
        phone: "081-000-0019",
        email: "wilaiwan.s@udon-education.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ณัฐพงศ์",
        last: "ละครพล",
        position: "ศึกษานิเทศก์ชำนาญการพิเศษ",
        org: 8,
        networks: &["public", "education"],
        phone: "081-000-0020",
        email: "nattapong.l@udon-education.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "โชติกา",
        last: "บุตรดีวงศ์",
        position: "ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบล",
        org: 9,
        networks: &["public"],
        phone: "081-000-0021",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "ไพรวัลย์",
        last: "ศรีวงษา",
        position: "นักวิชาการสาธารณสุขชำนาญการ",
        org: 9,
        networks: &["public"],
        phone: "081-000-0022",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ศักดิ์ชัย",
        last: "มาลัยทอง",
        position: "ประชาสัมพันธ์จังหวัดอุดรธานี",
        org: 10,
        networks: &["public", "media"],
        phone: "081-000-0023",
        email: "sakchai.m@udon-prd.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ปิยะนุช",
        last: "แสนสุริยวงศ์",
        position: "นักประชาสัมพันธ์ชำนาญการ",
        org: 10,
        networks: &["public", "media"],
        phone: "081-000-0024",
        email: "piyanuch.s@udon-prd.example",
    },
    DemoPerson {
        prefix: "ผศ.ดร.",
        first: "สุนทร",
        last: "วรรณศิลป์",
        position: "คณบดีคณะมนุษยศาสตร์และสังคมศาสตร์",
        org: 11,
        networks: &["education"],
        phone: "081-000-0025",
        email: "sunthon.w@udon-pattana-ru.example",
    },
    DemoPerson {
        prefix: "ดร.",
        first: "อัญชลี",
        last: "ประทุมวัน",
        position: "อาจารย์ประจำสาขาวิชาการพัฒนาชุมชน",
        org: 11,
        networks: &["education"],
        phone: "081-000-0026",
        email: "anchalee.p@udon-pattana-ru.example",
    },
    DemoPerson {
        prefix: "ผศ.ดร.",
        first: "เอกชัย",
        last: "นามวงษ์",
        position: "รองอธิการบดีฝ่ายกิจการนักศึกษา",
        org: 11,
        networks: &["education"],
        phone: "",
        email: "ekkachai.n@udon-pattana-ru.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "วีระพงษ์",
        last: "จันทร์หอม",
        position: "ผู้อำนวยการโรงเรียน",
        org: 12,
        networks: &["education"],
        phone: "081-000-0028",
        email: "weerapong.c@udon-wittayakan.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "ดวงใจ",
        last: "ศรีวิเศษ",
        position: "ครูชำนาญการพิเศษ",
        org: 12,
        networks: &["education"],
        phone: "081-000-0029",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สมบัติ",
        last: "หาญชนะ",
        position: "ผู้อำนวยการโรงเรียน",
        org: 13,
        networks: &["education"],
        phone: "081-000-0030",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ใจทิพย์",
        last: "ทองนาค",
        position: "ครู",
        org: 13,
        networks: &["education"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "รัตนาภรณ์",
        last: "พลเยี่ยม",
        position: "ผู้อำนวยการโรงเรียน",
        org: 14,
        networks: &["education"],
        phone: "081-000-0032",
        email: "rattanaporn.p@mail.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ภานุวัฒน์",
        last: "คำแก้ว",
        position: "ครูผู้ช่วย",
        org: 14,
        networks: &["education"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ประสาน",
        last: "เหล่าอุดม",
        position: "รองผู้อำนวยการโรงเรียน",
        org: 15,
        networks: &["education"],
        phone: "081-000-0034",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "เยาวลักษณ์",
        last: "ชมภูพาน",
        position: "ครู",
        org: 15,
        networks: &["education"],
        phone: "081-000-0035",
        email: "yaowalak.c@phen-pattana.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ไชยา",
        last: "ศรีบุญเรือง",
        position: "ผู้อำนวยการโรงเรียน",
        org: 16,
        networks: &["education"],
        phone: "081-000-0036",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "โสภา",
        last: "บุญชู",
        position: "ครูชำนาญการ",
        org: 16,
        networks: &["education"],
        phone: "081-000-0037",
        email: "sopha.b@school.example",
    },
    DemoPerson {
        prefix: "ว่าที่ร้อยตรี",
        first: "ปกรณ์",
        last: "สิงห์คำ",
        position: "รองผู้อำนวยการฝ่ายพัฒนากิจการนักเรียนนักศึกษา",
        org: 17,
        networks: &["education"],
        phone: "081-000-0038",
        email: "pakorn.s@saeng-udon-tech.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "อุไรวรรณ",
        last: "พันธ์โยธี",
        position: "ครูชำนาญการ",
        org: 17,
        networks: &["education"],
        phone: "081-000-0039",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สุริยา",
        last: "ภูผาทอง",
        position: "ครูสอนพระปริยัติธรรม",
        org: 18,
        networks: &["education", "religion"],
        phone: "081-000-0040",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "เทพฤทธิ์",
        last: "ชาววัง",
        position: "ครูสอนพระปริยัติธรรม",
        org: 18,
        networks: &["education", "religion"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ศิริพร",
        last: "มูลเมือง",
        position: "ผู้อำนวยการศูนย์ส่งเสริมการเรียนรู้อำเภอน้ำโสม",
        org: 19,
        networks: &["education", "public"],
        phone: "081-000-0042",
        email: "siriporn.m@learning-center.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "อดิศร",
        last: "แก่นจันทร์",
        position: "ครู กศน.ตำบล",
        org: 19,
        networks: &["education", "public"],
        phone: "081-000-0043",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "พรทิพย์",
        last: "อุปชิต",
        position: "ผู้อำนวยการสถานศึกษา",
        org: 20,
        networks: &["education"],
        phone: "081-000-0044",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ธวัชชัย",
        last: "พิลาวัน",
        position: "ครู",
        org: 20,
        networks: &["education"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "พระครู",
        first: "สุวัฒน์ธรรมาภรณ์",
        last: "",
        position: "เจ้าอาวาส",
        org: 21,
        networks: &["religion"],
        phone: "081-000-0046",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "มหาวีรยุทธ",
        last: "อคฺคปญฺโญ",
        position: "รองเจ้าอาวาส",
        org: 21,
        networks: &["religion"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "พระครู",
        first: "ศรีอุดมวิสุทธิคุณ",
        last: "",
        position: "เจ้าอาวาส",
        org: 22,
        networks: &["religion"],
        phone: "081-000-0048",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "มหาอนันต์",
        last: "ฐิตวํโส",
        position: "พระวิทยากร",
        org: 22,
        networks: &["religion"],
        phone: "081-000-0049",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "สมศักดิ์",
        last: "จนฺทสาโร",
        position: "พระวิทยากร",
        org: 22,
        networks: &["religion"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "พระครู",
        first: "สุมังคลธรรมโกวิท",
        last: "",
        position: "เจ้าอาวาส",
        org: 23,
        networks: &["religion"],
        phone: "081-000-0051",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "มหาธนากร",
        last: "สุทฺธิญาโณ",
        position: "พระวิทยากร",
        org: 23,
        networks: &["religion"],
        phone: "081-000-0052",
        email: "",
    },
    DemoPerson {
        prefix: "พระครู",
        first: "สว่างธรรมวิบูล",
        last: "",
        position: "เจ้าอาวาส",
        org: 24,
        networks: &["religion"],
        phone: "081-000-0053",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "มหาสุรเชษฐ์",
        last: "ธมฺมวโร",
        position: "พระวิทยากร",
        org: 24,
        networks: &["religion"],
        phone: "081-000-0054",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "มหาประเสริฐ",
        last: "ปภสฺสโร",
        position: "เจ้าอาวาส",
        org: 25,
        networks: &["religion"],
        phone: "081-000-0055",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "ไพบูลย์",
        last: "อตฺถกาโม",
        position: "รองเจ้าอาวาส",
        org: 25,
        networks: &["religion"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "พระครู",
        first: "ภูผาธรรมรักษ์",
        last: "",
        position: "เจ้าอาวาส",
        org: 26,
        networks: &["religion"],
        phone: "081-000-0057",
        email: "",
    },
    DemoPerson {
        prefix: "พระ",
        first: "อำนาจ",
        last: "อาภากโร",
        position: "รองเจ้าอาวาส",
        org: 26,
        networks: &["religion"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สุไลมาน",
        last: "เบ็ญหมัดดี",
        position: "อิหม่ามประจำมัสยิด",
        org: 27,
        networks: &["religion"],
        phone: "081-000-0059",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ฮาซัน",
        last: "ยูโซะมาลี",
        position: "คอเต็บประจำมัสยิด",
        org: 27,
        networks: &["religion"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ประพันธ์",
        last: "ทองแท้",
        position: "ศิษยาภิบาล",
        org: 28,
        networks: &["religion"],
        phone: "081-000-0061",
        email: "praphan.t@saengsawang-church.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "มาลินี",
        last: "แสงแก้ว",
        position: "ผู้ประสานงานพันธกิจชุมชน",
        org: 28,
        networks: &["religion"],
        phone: "081-000-0062",
        email: "",
    },
    DemoPerson {
        prefix: "พระครู",
        first: "ชัยมงคลวัฒน์",
        last: "",
        position: "เจ้าอาวาส",
        org: 29,
        networks: &["religion", "community"],
        phone: "081-000-0063",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "บุญมี",
        last: "ดวงดีไพร",
        position: "ไวยาวัจกร",
        org: 29,
        networks: &["religion", "community"],
        phone: "081-000-0064",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "สุดารัตน์",
        last: "เจริญผล",
        position: "กรรมการผู้จัดการ",
        org: 30,
        networks: &["private"],
        phone: "081-000-0065",
        email: "sudarat.c@jaidee-trading.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "วรวุฒิ",
        last: "ตั้งตระกูลเจริญ",
        position: "ผู้จัดการฝ่ายทรัพยากรบุคคล",
        org: 30,
        networks: &["private"],
        phone: "081-000-0066",
        email: "worawut.t@jaidee-trading.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "ศิริรัตน์",
        last: "ศรีสุวรรณวัฒนากุลเจริญชัยพงศ์",
        position: "เจ้าหน้าที่ความรับผิดชอบต่อสังคม",
        org: 30,
        networks: &["private"],
        phone: "081-000-0067",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ชาตรี",
        last: "ลิ้มสกุลวงศ์",
        position: "ประธานกรรมการบริหาร",
        org: 31,
        networks: &["private"],
        phone: "081-000-0068",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ศศิธร",
        last: "กาญจนวงศ์ทอง",
        position: "เจ้าหน้าที่ความรับผิดชอบต่อสังคม",
        org: 31,
        networks: &["private"],
        phone: "081-000-0069",
        email: "sasithon.k@udon-rungruang.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ธนกฤต",
        last: "ศรีวัฒนพาณิชย์",
        position: "รองประธานหอการค้าจังหวัดอุดรธานี",
        org: 32,
        networks: &["private"],
        phone: "081-000-0070",
        email: "thanakrit.s@udon-chamber.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ไพลิน",
        last: "โชติช่วง",
        position: "ผู้จัดการหอการค้า",
        org: 32,
        networks: &["private"],
        phone: "081-000-0071",
        email: "pailin.c@udon-chamber.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "เฉลิมชัย",
        last: "แซ่ตั้งสกุล",
        position: "กรรมการผู้จัดการ",
        org: 33,
        networks: &["private"],
        phone: "081-000-0072",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "แพรวพรรณ",
        last: "ลิ้มเจริญ",
        position: "เจ้าหน้าที่บุคคล",
        org: 33,
        networks: &["private"],
        phone: "081-000-0073",
        email: "praewpan.l@chokdee-material.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ไพศาล",
        last: "อ่อนศรี",
        position: "หุ้นส่วนผู้จัดการ",
        org: 34,
        networks: &["private"],
        phone: "081-000-0074",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "บังอร",
        last: "อ่อนศรี",
        position: "ผู้จัดการฝ่ายบัญชี",
        org: 34,
        networks: &["private"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สมหมาย",
        last: "ทองสุข",
        position: "ประธานกรรมการดำเนินการ",
        org: 35,
        networks: &["private", "community"],
        phone: "081-000-0076",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "จิราพร",
        last: "ภูมิพันธ์",
        position: "ผู้จัดการสหกรณ์",
        org: 35,
        networks: &["private", "community"],
        phone: "081-000-0077",
        email: "jiraporn.p@kumphawapi-agri.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "กัลยา",
        last: "วิเศษศักดิ์",
        position: "ผู้จัดการทั่วไป",
        org: 36,
        networks: &["private"],
        phone: "081-000-0078",
        email: "kanlaya.w@saengthong-hotel.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ณรงค์ฤทธิ์",
        last: "มั่นคงดี",
        position: "ผู้จัดการฝ่ายบุคคล",
        org: 36,
        networks: &["private"],
        phone: "081-000-0079",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "แก้วตา",
        last: "บุญประคอง",
        position: "เจ้าของกิจการ",
        org: 37,
        networks: &["private"],
        phone: "081-000-0080",
        email: "kaewta.b@saengarun-farm.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "กิตติพงษ์",
        last: "สายทองคำ",
        position: "นายกสมาคม",
        org: 38,
        networks: &["private"],
        phone: "081-000-0081",
        email: "kittipong.s@udon-tourism-assoc.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "นันทนา",
        last: "วงศ์ชารี",
        position: "เลขานุการสมาคม",
        org: 38,
        networks: &["private"],
        phone: "081-000-0082",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สมศักดิ์",
        last: "ตันติวัฒนากุล",
        position: "กรรมการผู้จัดการ",
        org: 39,
        networks: &["private"],
        phone: "081-000-0083",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ทองดี",
        last: "แสนบุญ",
        position: "ประธานชุมชน",
        org: 40,
        networks: &["community"],
        phone: "081-000-0084",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "สมจิต",
        last: "พรมมา",
        position: "กรรมการชุมชน",
        org: 40,
        networks: &["community"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "หนูเพียร",
        last: "ศรีจันทร์",
        position: "ผู้ใหญ่บ้าน",
        org: 41,
        networks: &["community"],
        phone: "081-000-0086",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "บัวพันธ์",
        last: "นามโคตร",
        position: "อาสาสมัครสาธารณสุขประจำหมู่บ้าน",
        org: 41,
        networks: &["community"],
        phone: "081-000-0087",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สุวิทย์",
        last: "โคตรมณี",
        position: "ประธานชุมชน",
        org: 42,
        networks: &["community"],
        phone: "081-000-0088",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "แววตา",
        last: "โคตรมณี",
        position: "อาสาสมัครพัฒนาชุมชน",
        org: 42,
        networks: &["community"],
        phone: "081-000-0089",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ปาริชาติ",
        last: "บุญเรือง",
        position: "ประธานสภาเด็กและเยาวชนจังหวัดอุดรธานี",
        org: 43,
        networks: &["community"],
        phone: "081-000-0090",
        email: "parichat.b@udon-youth-council.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ธีรภัทร",
        last: "สุขเจริญ",
        position: "รองประธานสภาเด็กและเยาวชนจังหวัดอุดรธานี",
        org: 43,
        networks: &["community"],
        phone: "081-000-0091",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ศุภกร",
        last: "แก้วบุดดา",
        position: "ประธานสภาเด็กและเยาวชนอำเภอหนองวัวซอ",
        org: 44,
        networks: &["community"],
        phone: "081-000-0092",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ธิดารัตน์",
        last: "วงศ์ละคร",
        position: "เลขานุการสภาเด็กและเยาวชนอำเภอหนองวัวซอ",
        org: 44,
        networks: &["community"],
        phone: "081-000-0093",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "อรพินท์",
        last: "ดวงสว่าง",
        position: "ประธานมูลนิธิ",
        org: 45,
        networks: &["community"],
        phone: "081-000-0094",
        email: "orapin.d@friends-of-family.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ขวัญใจ",
        last: "มหาไชย",
        position: "เจ้าหน้าที่โครงการ",
        org: 45,
        networks: &["community"],
        phone: "081-000-0095",
        email: "kwanjai.m@friends-of-family.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "บุญส่ง",
        last: "เพ็งศรี",
        position: "นายกสมาคม",
        org: 46,
        networks: &["community"],
        phone: "081-000-0096",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "ทองม้วน",
        last: "ศรีภูวงศ์",
        position: "กรรมการสมาคม",
        org: 46,
        networks: &["community"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "สำราญ",
        last: "หอมจันทร์",
        position: "ประธานกลุ่ม",
        org: 47,
        networks: &["community", "private"],
        phone: "081-000-0098",
        email: "",
    },
    DemoPerson {
        prefix: "นาง",
        first: "คำปุ่น",
        last: "สีหาบุตร",
        position: "เหรัญญิกกลุ่ม",
        org: 47,
        networks: &["community", "private"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "เอกราช",
        last: "บุญยืน",
        position: "ประธานชมรม",
        org: 48,
        networks: &["community"],
        phone: "081-000-0100",
        email: "ekkarat.b@jai-asa-udon.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "โสภิดา",
        last: "แสงจันทร์",
        position: "ผู้ประสานงานจิตอาสา",
        org: 48,
        networks: &["community"],
        phone: "081-000-0101",
        email: "sophida.s@jai-asa-udon.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "ละเอียด",
        last: "ชาญชัย",
        position: "ประธานศูนย์พัฒนาครอบครัวในชุมชน",
        org: 49,
        networks: &["community"],
        phone: "081-000-0102",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "วิชัย",
        last: "คำมุงคุณ",
        position: "คณะทำงานศูนย์พัฒนาครอบครัวในชุมชน",
        org: 49,
        networks: &["community"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สุเมธ",
        last: "กองแก้ว",
        position: "ผู้อำนวยการสถานี",
        org: 50,
        networks: &["media"],
        phone: "081-000-0104",
        email: "sumet.k@khon-udon-radio.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ชลธิชา",
        last: "เรืองศรี",
        position: "ผู้ประกาศข่าว",
        org: 50,
        networks: &["media"],
        phone: "081-000-0105",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "วิโรจน์",
        last: "ทิพย์มณี",
        position: "บรรณาธิการบริหาร",
        org: 51,
        networks: &["media"],
        phone: "081-000-0106",
        email: "wiroj.t@khao-udon-daily.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "พิมพ์ชนก",
        last: "อุดมสุข",
        position: "ผู้สื่อข่าว",
        org: 51,
        networks: &["media"],
        phone: "081-000-0107",
        email: "pimchanok.u@khao-udon-daily.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ประจวบ",
        last: "สมสะอาด",
        position: "ผู้ดำเนินรายการ",
        org: 52,
        networks: &["media", "community"],
        phone: "081-000-0108",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ดารุณี",
        last: "ผาสุข",
        position: "นักจัดรายการ",
        org: 52,
        networks: &["media", "community"],
        phone: "081-000-0109",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "อภิชาติ",
        last: "ภูสีดิน",
        position: "บรรณาธิการ",
        org: 53,
        networks: &["media"],
        phone: "081-000-0110",
        email: "apichat.p@phen-news.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ก้องภพ",
        last: "ดี",
        position: "ช่างภาพข่าว",
        org: 53,
        networks: &["media"],
        phone: "081-000-0111",
        email: "kongphop.d@phen-news.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ธนวัฒน์",
        last: "บุญญาศิริ",
        position: "นายกสมาคม",
        org: 54,
        networks: &["media"],
        phone: "081-000-0112",
        email: "thanawat.b@udon-journalists.example",
    },
    DemoPerson {
        prefix: "นาง",
        first: "รุ่งนภา",
        last: "ศรีหาวงศ์",
        position: "อุปนายกสมาคม",
        org: 54,
        networks: &["media"],
        phone: "081-000-0113",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ภูวดล",
        last: "สิทธิศักดิ์",
        position: "ผู้จัดการสถานี",
        org: 55,
        networks: &["media"],
        phone: "081-000-0114",
        email: "phuwadon.s@udon-tv.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "วรรณิศา",
        last: "คงสมบูรณ์",
        position: "ผู้สื่อข่าว",
        org: 55,
        networks: &["media"],
        phone: "081-000-0115",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "สงัด",
        last: "ภูมิสะอาด",
        position: "ผู้ดำเนินรายการธรรมะ",
        org: 56,
        networks: &["media", "religion"],
        phone: "081-000-0116",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "ไอลดา",
        last: "วังคำ",
        position: "ผู้ผลิตสื่อ",
        org: 57,
        networks: &["media"],
        phone: "081-000-0117",
        email: "ailada.w@aidin-udon.example",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ศรายุทธ",
        last: "ปัญญาใส",
        position: "หัวหน้าสถานี",
        org: 58,
        networks: &["media", "education"],
        phone: "081-000-0118",
        email: "sarayut.p@udon-pattana-ru.example",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "เบญจมาศ",
        last: "ทองภูธรณ์",
        position: "นักจัดรายการ",
        org: 58,
        networks: &["media", "education"],
        phone: "",
        email: "",
    },
    DemoPerson {
        prefix: "นาย",
        first: "ณัฐวุฒิ",
        last: "แสงสุวรรณ",
        position: "ประธานชมรม",
        org: 59,
        networks: &["media", "community"],
        phone: "081-000-0120",
        email: "",
    },
    DemoPerson {
        prefix: "นางสาว",
        first: "อารียา",
        last: "พุทธวงศ์",
        position: "สมาชิกชมรม",
        org: 59,
        networks: &["media", "community"],
        phone: "",
        email: "",
    },
];

/// A member of the demo working group.
pub struct DemoMember {
    /// Index into [`PEOPLE`].
    pub person: usize,
    /// `chair`, `vice_chair`, `secretary` or `member`.
    pub role: &'static str,
}

/// Name of the demo empowerment-evaluation working group.
pub const WORKING_GROUP_NAME: &str = "คณะทำงานติดตามประเมินผลแบบเสริมพลัง จังหวัดอุดรธานี";
/// Invented number of the provincial order appointing the working group.
pub const WORKING_GROUP_ORDER_NUMBER: &str = "4127/2564";
/// Date of the appointing order (C.E. year, month, day): 20 ธันวาคม 2564.
pub const WORKING_GROUP_ORDER_DATE: (i32, u32, u32) = (2021, 12, 20);

/// Demo working group members, drawn from all six sector networks.
pub const WORKING_GROUP: &[DemoMember] = &[
    DemoMember {
        person: 4,
        role: "chair",
    },
    DemoMember {
        person: 0,
        role: "vice_chair",
    },
    DemoMember {
        person: 24,
        role: "vice_chair",
    },
    DemoMember {
        person: 1,
        role: "secretary",
    },
    DemoMember {
        person: 22,
        role: "member",
    },
    DemoMember {
        person: 6,
        role: "member",
    },
    DemoMember {
        person: 16,
        role: "member",
    },
    DemoMember {
        person: 18,
        role: "member",
    },
    DemoMember {
        person: 27,
        role: "member",
    },
    DemoMember {
        person: 47,
        role: "member",
    },
    DemoMember {
        person: 58,
        role: "member",
    },
    DemoMember {
        person: 60,
        role: "member",
    },
    DemoMember {
        person: 69,
        role: "member",
    },
    DemoMember {
        person: 64,
        role: "member",
    },
    DemoMember {
        person: 93,
        role: "member",
    },
    DemoMember {
        person: 89,
        role: "member",
    },
    DemoMember {
        person: 83,
        role: "member",
    },
    DemoMember {
        person: 105,
        role: "member",
    },
    DemoMember {
        person: 111,
        role: "member",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[&str] = &[
        "government",
        "education",
        "religious",
        "company",
        "community",
        "media",
        "civil_society",
    ];
    const SECTORS: &[&str] = &[
        "public",
        "private",
        "community",
        "education",
        "religion",
        "media",
    ];
    const ROLES: &[&str] = &["chair", "vice_chair", "secretary", "member"];
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
    fn indices_in_range() {
        for p in PEOPLE {
            assert!(p.org < ORGANIZATIONS.len(), "{}", full_name(p));
        }
        for m in WORKING_GROUP {
            assert!(m.person < PEOPLE.len());
        }
    }

    #[test]
    fn values_from_allowed_lists() {
        for o in ORGANIZATIONS {
            assert!(KINDS.contains(&o.kind), "{}", o.name);
            assert!(!o.sectors.is_empty(), "{}", o.name);
            assert!(o.sectors.iter().all(|s| SECTORS.contains(s)), "{}", o.name);
            assert!(DISTRICTS.contains(&o.district), "{}", o.name);
            assert!(well_formed_phone(o.phone), "{}", o.name);
        }
        for p in PEOPLE {
            assert!(PREFIXES.contains(&p.prefix), "{}", full_name(p));
            assert!(!p.networks.is_empty(), "{}", full_name(p));
            assert!(
                p.networks.iter().all(|s| SECTORS.contains(s)),
                "{}",
                full_name(p)
            );
            assert!(
                p.phone.is_empty() || well_formed_phone(p.phone),
                "{}",
                full_name(p)
            );
        }
        for m in WORKING_GROUP {
            assert!(ROLES.contains(&m.role));
        }
    }

    #[test]
    fn secretariat_is_first() {
        let o = &ORGANIZATIONS[0];
        assert_eq!(o.name, "สำนักงานวัฒนธรรมจังหวัดอุดรธานี");
        assert_eq!(o.kind, "government");
        assert_eq!(o.sectors, &["public"]);
    }

    #[test]
    fn every_org_has_a_person() {
        for (i, o) in ORGANIZATIONS.iter().enumerate() {
            assert!(PEOPLE.iter().any(|p| p.org == i), "{}", o.name);
        }
    }

    #[test]
    fn monks_only_in_temples() {
        for p in PEOPLE {
            if p.prefix == "พระ" || p.prefix == "พระครู" {
                let o = &ORGANIZATIONS[p.org];
                assert_eq!(o.kind, "religious", "{}", full_name(p));
                assert!(o.name.starts_with("วัด"), "{}", full_name(p));
            }
        }
    }

    #[test]
    fn all_districts_used() {
        for d in DISTRICTS {
            assert!(ORGANIZATIONS.iter().any(|o| o.district == *d), "{d}");
        }
    }

    #[test]
    fn every_sector_has_orgs_and_working_group_members() {
        for s in SECTORS {
            assert!(ORGANIZATIONS.iter().any(|o| o.sectors.contains(s)), "{s}");
            assert!(
                WORKING_GROUP
                    .iter()
                    .any(|m| PEOPLE[m.person].networks.contains(s)),
                "{s}"
            );
        }
    }

    #[test]
    fn working_group_roles() {
        let count = |r: &str| WORKING_GROUP.iter().filter(|m| m.role == r).count();
        assert_eq!(count("chair"), 1);
        assert_eq!(count("secretary"), 1);
        assert_eq!(count("vice_chair"), 2);
        assert!((15..=21).contains(&WORKING_GROUP.len()));
        let secretary = WORKING_GROUP
            .iter()
            .find(|m| m.role == "secretary")
            .unwrap();
        assert_eq!(PEOPLE[secretary.person].org, 0);
        let chair = WORKING_GROUP.iter().find(|m| m.role == "chair").unwrap();
        assert!(
            ORGANIZATIONS[PEOPLE[chair.person].org]
                .sectors
                .contains(&"public")
        );
        let mut seen: Vec<usize> = WORKING_GROUP.iter().map(|m| m.person).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), WORKING_GROUP.len());
        assert!(WORKING_GROUP_ORDER_DATE < (2022, 2, 18));
    }

    #[test]
    fn names_unique() {
        let mut people: Vec<String> = PEOPLE.iter().map(full_name).collect();
        people.sort();
        let n = people.len();
        people.dedup();
        assert_eq!(people.len(), n);
        let mut orgs: Vec<&str> = ORGANIZATIONS.iter().map(|o| o.name).collect();
        orgs.sort_unstable();
        orgs.dedup();
        assert_eq!(orgs.len(), ORGANIZATIONS.len());
    }

    #[test]
    fn emails_are_example_or_empty() {
        let ok = |e: &str| e.is_empty() || (e.ends_with(".example") && e.contains('@'));
        for o in ORGANIZATIONS {
            assert!(ok(o.email), "{}", o.email);
        }
        for p in PEOPLE {
            assert!(ok(p.email), "{}", p.email);
        }
    }

    #[test]
    fn no_markup_in_names() {
        for o in ORGANIZATIONS {
            assert!(!o.name.contains('<') && !o.name.contains('>'), "{}", o.name);
        }
        for p in PEOPLE {
            assert!(!full_name(p).contains('<'), "{}", full_name(p));
        }
    }
}
