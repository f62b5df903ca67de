//! Files that are not spreadsheets, too big, broken or built to hurt the server.

use std::io::{Cursor, Read, Write};

use sermphalang_documents::{
    MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, ReadError, read_sheet, write_xlsx,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

fn valid_xlsx() -> Vec<u8> {
    let rows: Vec<Vec<String>> = (0..50)
        .map(|i| vec![format!("ชื่อ {i}"), format!("08{i:08}")])
        .collect();
    write_xlsx("S", &["ชื่อ", "โทรศัพท์"], &rows).unwrap()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Rebuilds an .xlsx, letting `edit` change the text of its XML parts.
fn edit_xlsx(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let text = edit(&name, text);
        parts.push((name, text));
    }
    let entries: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    zip_of(&entries)
}

#[test]
fn old_binary_xls_asks_to_save_as_xlsx() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    let err = read_sheet("old.xls", &bytes).unwrap_err();
    assert_eq!(err, ReadError::OldExcelFormat);
    assert!(err.message_th().contains(".xlsx"));
    // Content decides, not the name.
    assert_eq!(
        read_sheet("renamed.xlsx", &bytes),
        Err(ReadError::OldExcelFormat)
    );
}

#[test]
fn html_saved_as_xls_asks_to_save_as_xlsx() {
    let html = b"<html><body><table><tr><td>1</td></tr></table></body></html>";
    assert_eq!(
        read_sheet("report.xls", html),
        Err(ReadError::OldExcelFormat)
    );
    assert_eq!(
        read_sheet("page.html", html),
        Err(ReadError::NotASpreadsheet)
    );
}

#[test]
fn pdf_images_and_binary_are_not_spreadsheets() {
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    assert_eq!(read_sheet("scan.pdf", pdf), Err(ReadError::NotASpreadsheet));
    assert_eq!(read_sheet("scan.csv", pdf), Err(ReadError::NotASpreadsheet));

    let utf16_noise = [0xFF, 0xFE, 0x01, 0x00, 0x02, 0x00, 0x00, 0xD8, 0x41, 0x00];
    assert_eq!(
        read_sheet("x", &utf16_noise),
        Err(ReadError::NotASpreadsheet)
    );

    let png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01";
    assert_eq!(
        read_sheet("photo.csv", png),
        Err(ReadError::NotASpreadsheet)
    );

    // Deterministic pseudo-random bytes (xorshift), which include NULs.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    assert_eq!(
        read_sheet("data.csv", &noise),
        Err(ReadError::NotASpreadsheet)
    );
    assert_eq!(
        read_sheet("data.bin", &noise),
        Err(ReadError::NotASpreadsheet)
    );
}

#[test]
fn text_full_of_control_characters_is_not_a_spreadsheet_unless_named_csv() {
    let bytes: Vec<u8> = (0..2000)
        .map(|i| [b'a', 0x01, 0x02, b'\n'][i % 4])
        .collect();
    assert_eq!(read_sheet("blob", &bytes), Err(ReadError::NotASpreadsheet));
    assert!(read_sheet("blob.csv", &bytes).is_ok());
}

#[test]
fn too_large_is_refused_before_parsing() {
    let mut bytes = b"a,b\n".repeat(MAX_FILE_BYTES / 4);
    bytes.extend_from_slice(b"1,2\n");
    let err = read_sheet("big.csv", &bytes).unwrap_err();
    assert_eq!(
        err,
        ReadError::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_FILE_BYTES as u64
        }
    );
    assert!(err.message_th().contains("10 MB"), "{}", err.message_th());
}

#[test]
fn too_many_rows_and_columns_in_csv() {
    let mut text = String::from("a\n");
    for i in 0..MAX_ROWS + 5 {
        text.push_str(&format!("{i}\n"));
    }
    assert_eq!(
        read_sheet("x.csv", text.as_bytes()),
        Err(ReadError::TooManyRows {
            rows: MAX_ROWS + 5,
            max: MAX_ROWS
        })
    );

    let wide = vec!["x"; MAX_COLUMNS + 1].join(",");
    assert_eq!(
        read_sheet("x.csv", wide.as_bytes()),
        Err(ReadError::TooManyColumns {
            columns: MAX_COLUMNS + 1,
            max: MAX_COLUMNS
        })
    );
    // Exactly at the limits is fine.
    let mut text = vec!["x"; MAX_COLUMNS].join(",");
    text.push('\n');
    text.push_str(&"1\n".repeat(MAX_ROWS));
    let sheet = read_sheet("x.csv", text.as_bytes()).unwrap();
    assert_eq!(
        (sheet.headers.len(), sheet.rows.len()),
        (MAX_COLUMNS, MAX_ROWS)
    );
}

#[test]
fn too_many_rows_and_columns_in_xlsx() {
    let rows: Vec<Vec<String>> = (0..MAX_ROWS + 1).map(|i| vec![i.to_string()]).collect();
    let bytes = write_xlsx("S", &["n"], &rows).unwrap();
    assert_eq!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::TooManyRows {
            rows: MAX_ROWS + 1,
            max: MAX_ROWS
        })
    );

    let headers = vec!["h"; MAX_COLUMNS + 1];
    let bytes = write_xlsx("S", &headers, &[]).unwrap();
    assert_eq!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::TooManyColumns {
            columns: MAX_COLUMNS + 1,
            max: MAX_COLUMNS
        })
    );
}

#[test]
fn rows_past_the_limit_are_counted_even_when_the_dimension_lies() {
    let rows: Vec<Vec<String>> = (0..MAX_ROWS + 3).map(|i| vec![i.to_string()]).collect();
    let bytes = write_xlsx("S", &["n"], &rows).unwrap();
    let declared = format!("<dimension ref=\"A1:A{}\"/>", MAX_ROWS + 4);
    let bytes = edit_xlsx(&bytes, |name, xml| {
        if name != "xl/worksheets/sheet1.xml" {
            return xml;
        }
        assert!(xml.contains(&declared));
        xml.replace(&declared, "<dimension ref=\"A1\"/>")
    });
    assert_eq!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::TooManyRows {
            rows: MAX_ROWS + 3,
            max: MAX_ROWS
        })
    );
}

#[test]
fn far_corner_cell_is_refused_without_allocating_the_rectangle() {
    // A lying <dimension> plus one cell at XFD1048576: calamine's dense range
    // would allocate 17 billion cells.
    let bytes = edit_xlsx(&valid_xlsx(), |name, xml| {
        if name != "xl/worksheets/sheet1.xml" {
            return xml;
        }
        assert!(xml.contains("<dimension ref=\"A1:B51\"/>"));
        let xml = xml.replace("<dimension ref=\"A1:B51\"/>", "<dimension ref=\"A1\"/>");
        xml.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
        )
    });
    assert!(matches!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::TooManyColumns { .. } | ReadError::TooManyRows { .. })
    ));
}

#[test]
fn zip_that_is_not_a_workbook_is_unreadable() {
    let bytes = zip_of(&[("hello.txt", b"hello"), ("word/document.xml", b"<w/>")]);
    assert!(matches!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn truncated_xlsx_is_unreadable() {
    let bytes = valid_xlsx();
    assert!(read_sheet("ok.xlsx", &bytes).is_ok());
    let half = &bytes[..bytes.len() / 2];
    let err = read_sheet("x.xlsx", half).unwrap_err();
    assert!(matches!(err, ReadError::Unreadable(_)), "{err:?}");
    assert!(err.message_th().contains("อ่านไฟล์ไม่ได้"));
}

#[test]
fn broken_parts_inside_a_valid_zip_are_unreadable() {
    let bytes = edit_xlsx(&valid_xlsx(), |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            xml[..xml.len() / 2].to_string()
        } else {
            xml
        }
    });
    assert!(matches!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn parser_panic_becomes_unreadable() {
    // calamine's cell reference parser overflows on a very long column name;
    // in builds with overflow checks (tests, dev) that is a panic.
    let bytes = edit_xlsx(&valid_xlsx(), |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            xml.replace("r=\"A2\"", "r=\"ZZZZZZZZZZZZZZZZ2\"")
        } else {
            xml
        }
    });
    let result = read_sheet("x.xlsx", &bytes);
    if cfg!(debug_assertions) {
        assert!(
            matches!(&result, Err(ReadError::Unreadable(m)) if m.contains("crashed")),
            "{result:?}"
        );
    } else {
        assert!(result.is_err());
    }
}

#[test]
fn huge_shared_string_count_is_refused_before_calamine_reserves_it() {
    let bytes = edit_xlsx(&valid_xlsx(), |name, xml| {
        if name != "xl/sharedStrings.xml" {
            return xml;
        }
        let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        format!("{}900000000000{}", &xml[..start], &xml[end..])
    });
    let result = read_sheet("x.xlsx", &bytes);
    assert!(
        matches!(&result, Err(ReadError::Unreadable(m)) if m.contains("shared strings")),
        "{result:?}"
    );
}

/// Sets the uncompressed size of every entry, in both the local headers and
/// the central directory, the way a crafted bomb declares it.
fn claim_uncompressed_size(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= bytes.len() {
        match &bytes[i..i + 4] {
            b"PK\x03\x04" => bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            b"PK\x01\x02" => bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
}

#[test]
fn zip_bomb_declared_in_central_directory_is_refused_fast() {
    let mut bytes = zip_of(&[("xl/worksheets/sheet1.xml", &[b'0'; 1000])]);
    claim_uncompressed_size(&mut bytes, 200 * 1024 * 1024);
    let started = std::time::Instant::now();
    let err = read_sheet("bomb.xlsx", &bytes).unwrap_err();
    assert_eq!(
        err,
        ReadError::TooLarge {
            bytes: 200 * 1024 * 1024,
            max: MAX_UNPACKED_BYTES
        }
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn many_parts_adding_up_past_the_unpacked_limit_are_refused() {
    let mut bytes = zip_of(&[("a.xml", b"<a/>"), ("b.xml", b"<b/>"), ("c.xml", b"<c/>")]);
    claim_uncompressed_size(&mut bytes, 40 * 1024 * 1024);
    assert!(matches!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::TooLarge { bytes, .. }) if bytes == 120 * 1024 * 1024
    ));
}

#[test]
fn highly_compressed_part_is_refused() {
    // 8 MiB of zeros deflates to about 8 KiB: a ratio no real workbook has.
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
    assert!(bytes.len() < 100 * 1024);
    let result = read_sheet("x.xlsx", &bytes);
    assert!(
        matches!(&result, Err(ReadError::Unreadable(m)) if m.contains("compressed")),
        "{result:?}"
    );
}

#[test]
fn lying_small_size_does_not_let_more_data_through() {
    // The zip reader enforces the declared size, so a part that claims to be
    // small cannot inflate past the limits checked above.
    let xml = valid_xlsx();
    let mut bytes = edit_xlsx(&xml, |_, text| text);
    claim_uncompressed_size(&mut bytes, 10);
    assert!(matches!(
        read_sheet("x.xlsx", &bytes),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn every_error_has_a_thai_message() {
    let errors = [
        ReadError::TooLarge {
            bytes: 1,
            max: 10 * 1024 * 1024,
        },
        ReadError::NotASpreadsheet,
        ReadError::OldExcelFormat,
        ReadError::Unreadable("x".into()),
        ReadError::Empty,
        ReadError::TooManyRows {
            rows: 20_001,
            max: 20_000,
        },
        ReadError::TooManyColumns {
            columns: 101,
            max: 100,
        },
    ];
    for e in errors {
        let th = e.message_th();
        assert!(
            th.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{th}"
        );
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(
        ReadError::NotASpreadsheet.message_th(),
        "ไฟล์นี้ไม่ใช่ไฟล์ตาราง (.xlsx หรือ .csv) กรุณาเลือกไฟล์ตารางแล้วลองใหม่"
    );
}

#[test]
fn a_password_protected_workbook_is_named_as_such() {
    // The start of a compound file whose directory names the encrypted workbook's streams.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.resize(bytes.len() + 64, 0);
    }
    let e = read_sheet("รายชื่อ.xlsx", &bytes).unwrap_err();
    assert_eq!(e, ReadError::PasswordProtected);
    assert!(e.message_th().contains("รหัสผ่าน"));
    let mut old = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    old.resize(2048, 0);
    assert_eq!(
        read_sheet("old.xls", &old).unwrap_err(),
        ReadError::OldExcelFormat
    );
}
