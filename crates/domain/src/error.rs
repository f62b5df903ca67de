use serde::Serialize;

/// One rule broken by one field, told in Thai first and English too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub th: String,
    pub en: String,
}

impl FieldError {
    pub fn new(field: &'static str, th: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field,
            th: th.into(),
            en: en.into(),
        }
    }

    pub fn required(field: &'static str, label_th: &str, label_en: &str) -> Self {
        Self::new(
            field,
            format!("กรุณากรอก{label_th}"),
            format!("{label_en} is required"),
        )
    }

    pub fn too_long(field: &'static str, label_th: &str, label_en: &str, max: usize) -> Self {
        Self::new(
            field,
            format!("{label_th}ยาวเกิน {max} ตัวอักษร"),
            format!("{label_en} is longer than {max} characters"),
        )
    }
}

/// All the field errors of one submitted form or row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Invalid> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    pub fn summary_th(&self) -> String {
        self.0
            .iter()
            .map(|e| e.th.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn summary_en(&self) -> String {
        self.0
            .iter()
            .map(|e| e.en.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.summary_en())
    }
}

impl std::error::Error for Invalid {}
