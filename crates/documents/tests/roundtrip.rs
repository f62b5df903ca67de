//! Export → import round trips and the text encodings Thai offices use.

use sermphalang_documents::{ReadError, Sheet, read_sheet, write_csv, write_xlsx};

const HEADERS: [&str; 5] = ["ชื่อ", "นามสกุล", "โทรศัพท์", "หมายเหตุ", "ว่าง"];

fn sample_rows() -> Vec<Vec<String>> {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    vec![
        row(&["สมชาย", "ใจดี", "0812345678", "ผู้ใหญ่บ้าน, หมู่ 3", ""]),
        row(&[
            "สมหญิง \"น้อย\"",
            "รักไทย",
            "+66 81 000 0000",
            "บรรทัดแรก\nบรรทัดสอง",
            "",
        ]),
        row(&[
            "<script>alert(1)</script>",
            "O'Brien",
            "02-123-4567",
            "-5",
            "",
        ]),
        row(&["", "ไม่มีชื่อ", "", "", ""]),
    ]
}

/// What the reader gives back: trailing empty cells are trimmed.
fn trimmed(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut r = r.clone();
            while r.last().is_some_and(String::is_empty) {
                r.pop();
            }
            r
        })
        .collect()
}

#[test]
fn xlsx_round_trip_keeps_thai_text_and_leading_zeros() {
    let rows = sample_rows();
    let bytes = write_xlsx("บุคคล", &HEADERS, &rows).unwrap();
    let sheet = read_sheet("people.xlsx", &bytes).unwrap();
    assert_eq!(sheet.headers, HEADERS);
    assert_eq!(sheet.rows, trimmed(&rows));
    assert_eq!(sheet.rows[0][2], "0812345678");
}

#[test]
fn xlsx_cells_that_look_like_formulas_stay_text() {
    let rows = vec![vec!["=SUM(A1:A2)".to_string(), "@cmd".to_string()]];
    let bytes = write_xlsx("Sheet", &["a", "b"], &rows).unwrap();
    let sheet = read_sheet("x.xlsx", &bytes).unwrap();
    assert_eq!(sheet.rows, rows);
}

#[test]
fn xlsx_sheet_name_is_sanitized_not_refused() {
    for name in [
        "a/b:c*?[]",
        "",
        "History",
        "ชื่อแผ่นงานที่ยาวมากเกินสามสิบเอ็ดตัวอักษรแน่นอน",
    ] {
        let bytes = write_xlsx(name, &["a"], &[vec!["1".into()]]).unwrap();
        assert_eq!(read_sheet("x.xlsx", &bytes).unwrap().rows, [["1"]]);
    }
}

#[test]
fn xlsx_without_rows_or_headers() {
    let bytes = write_xlsx("S", &["หัวข้อ"], &[]).unwrap();
    let sheet = read_sheet("x.xlsx", &bytes).unwrap();
    assert_eq!(sheet.headers, ["หัวข้อ"]);
    assert!(sheet.rows.is_empty());

    let bytes = write_xlsx("S", &[], &[]).unwrap();
    assert_eq!(read_sheet("x.xlsx", &bytes), Err(ReadError::Empty));
}

#[test]
fn csv_round_trip_keeps_thai_text_quotes_and_newlines() {
    let rows = sample_rows();
    let bytes = write_csv(&HEADERS, &rows);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let sheet = read_sheet("people.csv", &bytes).unwrap();
    assert_eq!(sheet.headers, HEADERS);
    // "+66 81 000 0000" and "-5" are not defused, so everything comes back as written.
    assert_eq!(sheet.rows, trimmed(&rows));
}

#[test]
fn csv_round_trip_shows_defused_formulas_with_their_quote() {
    let rows = vec![vec![
        "=HYPERLINK(\"http://x\")".to_string(),
        "-2+3+cmd|' /C calc'!A0".into(),
    ]];
    let sheet = read_sheet("x.csv", &write_csv(&["a", "b"], &rows)).unwrap();
    assert_eq!(
        sheet.rows,
        [["'=HYPERLINK(\"http://x\")", "'-2+3+cmd|' /C calc'!A0"]]
    );
}

#[test]
fn csv_uses_crlf_and_quotes_only_when_needed() {
    let bytes = write_csv(&["a", "b"], &[vec!["x,y".into(), "plain".into()]]);
    assert_eq!(bytes, b"\xEF\xBB\xBFa,b\r\n\"x,y\",plain\r\n");
}

#[test]
fn windows_874_csv_reads_as_thai() {
    let text = "ชื่อ,จังหวัด\r\nสมชาย,เชียงใหม่\r\nสมศรี,ขอนแก่น\r\n";
    let (bytes, _, had_errors) = encoding_rs::WINDOWS_874.encode(text);
    assert!(!had_errors);
    assert!(std::str::from_utf8(&bytes).is_err());
    // Decoding by content, not by name.
    for name in ["export.csv", "export"] {
        let sheet = read_sheet(name, &bytes).unwrap();
        assert_eq!(sheet.headers, ["ชื่อ", "จังหวัด"]);
        assert_eq!(sheet.rows, [["สมชาย", "เชียงใหม่"], ["สมศรี", "ขอนแก่น"]]);
    }
}

#[test]
fn utf8_with_and_without_bom() {
    let plain = "รหัส,ชื่อ\n4101,อุดรธานี\n";
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), plain.as_bytes()].concat();
    for bytes in [plain.as_bytes(), &with_bom] {
        let sheet = read_sheet("a.csv", bytes).unwrap();
        assert_eq!(sheet.headers, ["รหัส", "ชื่อ"]);
        assert_eq!(sheet.rows, [["4101", "อุดรธานี"]]);
    }
}

#[test]
fn utf16_unicode_text_export() {
    let text = "\u{FEFF}ชื่อ\tอายุ\r\nสมชาย\t40\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let sheet = read_sheet("unicode.txt", &bytes).unwrap();
    assert_eq!(sheet.headers, ["ชื่อ", "อายุ"]);
    assert_eq!(sheet.rows, [["สมชาย", "40"]]);
}

#[test]
fn semicolon_tab_and_sep_hint_delimiters() {
    let expected = Sheet {
        headers: vec!["a".into(), "b, c".into()],
        rows: vec![vec!["1".into(), "2".into()]],
        lines: Vec::new(),
    };
    for text in [
        "a;b, c\n1;2\n",
        "a\tb, c\n1\t2\n",
        "sep=;\na;b, c\n1;2\n",
        "\"a\",\"b, c\"\n1,2\n",
        ";;\n\na;b, c\n1;2\n",
    ] {
        let sheet = read_sheet("x.csv", text.as_bytes()).unwrap();
        assert_eq!(
            (&sheet.headers, &sheet.rows),
            (&expected.headers, &expected.rows),
            "{text:?}"
        );
    }
}

#[test]
fn csv_cells_are_trimmed_and_blank_rows_skipped() {
    let text = "\n , \n ชื่อ , อายุ ,,\n\n สมชาย ,  40 , , \n,,\n สมศรี \n";
    let sheet = read_sheet("x.csv", text.as_bytes()).unwrap();
    assert_eq!(sheet.headers, ["ชื่อ", "อายุ"]);
    assert_eq!(sheet.rows, vec![vec!["สมชาย", "40"], vec!["สมศรี"]]);
}

#[test]
fn header_only_is_fine_but_empty_is_not() {
    let sheet = read_sheet("x.csv", "ชื่อ,อายุ\r\n".as_bytes()).unwrap();
    assert_eq!(sheet.headers, ["ชื่อ", "อายุ"]);
    assert!(sheet.rows.is_empty());

    assert_eq!(read_sheet("x.csv", b""), Err(ReadError::Empty));
    assert_eq!(
        read_sheet("x.csv", b"\xEF\xBB\xBF \r\n,,\r\n"),
        Err(ReadError::Empty)
    );
}

#[test]
fn numbers_dates_and_booleans_from_xlsx() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (col, header) in (0u16..).zip(["code", "ratio", "big", "when", "at", "ok", "sum"]) {
        sheet.write_string(0, col, header).unwrap();
    }
    sheet.write_number(1, 0, 4101.0).unwrap();
    sheet.write_number(1, 1, 0.1 + 0.2).unwrap();
    sheet.write_number(1, 2, 1234567890123.0).unwrap();
    let day = ExcelDateTime::from_ymd(2024, 1, 15).unwrap();
    sheet.write_datetime_with_format(1, 3, &day, &date).unwrap();
    let moment = ExcelDateTime::from_ymd(2024, 1, 15)
        .unwrap()
        .and_hms(9, 30, 0)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 4, &moment, &date_time)
        .unwrap();
    sheet.write_boolean(1, 5, true).unwrap();
    sheet.write_number(1, 6, -3.5).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let read = read_sheet("numbers.xlsx", &bytes).unwrap();
    assert_eq!(
        read.rows,
        [[
            "4101",
            "0.3",
            "1234567890123",
            "2024-01-15",
            "2024-01-15 09:30",
            "TRUE",
            "-3.5"
        ]]
    );
}

#[test]
fn xlsx_used_range_not_starting_at_a1() {
    use rust_xlsxwriter::Workbook;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(2, 1, " ชื่อ ").unwrap();
    sheet.write_string(2, 2, "อายุ").unwrap();
    sheet.write_string(4, 1, "สมชาย").unwrap();
    sheet.write_string(4, 3, "   ").unwrap();
    sheet.write_string(5, 2, "40").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let read = read_sheet("x.xlsx", &bytes).unwrap();
    assert_eq!(read.headers, ["ชื่อ", "อายุ"]);
    assert_eq!(read.rows, vec![vec!["สมชาย"], vec!["", "40"]]);
}

#[test]
fn row_numbers_are_the_spreadsheet_program_s_own() {
    let csv = read_sheet("x.csv", "name,kind\nก,1\n\n,\nข,2\n".as_bytes()).unwrap();
    assert_eq!(csv.rows.len(), 2);
    assert_eq!(csv.lines, [2, 5], "blank rows are counted");
    let hinted = read_sheet("x.csv", "sep=;\nname;kind\n\nก;1\n".as_bytes()).unwrap();
    assert_eq!(hinted.lines, [4]);
    let rows = vec![
        vec!["ก".to_string(), "1".to_string()],
        vec![String::new(), String::new()],
        vec!["ข".to_string(), "2".to_string()],
    ];
    let bytes = sermphalang_documents::write_xlsx("x", &["name", "kind"], &rows).unwrap();
    let xlsx = read_sheet("x.xlsx", &bytes).unwrap();
    assert_eq!(xlsx.lines, [2, 4], "a blank row in Excel is counted");
}

#[test]
fn a_workbook_reads_every_sheet_with_data_by_name() {
    use sermphalang_documents::{Cell, Table, read_workbook, write_workbook};
    let table = |name: &str, header: &str, cells: &[&str]| Table {
        name: name.into(),
        headers: vec![header.into()],
        rows: cells.iter().map(|c| vec![Cell::from(*c)]).collect(),
    };
    let bytes = write_workbook(&[
        table("โครงสร้างแผน", "ชื่อ", &["ยุทธศาสตร์ที่ 1"]),
        table("ว่าง", "", &[]),
        table("ตัวชี้วัด", "ตัวชี้วัด", &["ร้อยละ", "จำนวน"]),
    ])
    .unwrap();
    let sheets = read_workbook("plan.xlsx", &bytes).unwrap();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["โครงสร้างแผน", "ตัวชี้วัด"]);
    assert_eq!(sheets[1].1.rows, [vec!["ร้อยละ"], vec!["จำนวน"]]);
    // The single-sheet reader still takes the first.
    assert_eq!(read_sheet("plan.xlsx", &bytes).unwrap().headers, ["ชื่อ"]);
    let csv = read_workbook("plan.csv", "ชื่อ\nก\n".as_bytes()).unwrap();
    assert_eq!(csv.len(), 1);
    assert_eq!(csv[0].0, "");
}
