//! Enums stored and sent as short codes, with a Thai and an English label.

macro_rules! coded_enum {
    ($name:ident { $($variant:ident = $code:literal, $th:literal, $en:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code.trim())
            }

            pub fn label_th(self) -> &'static str {
                match self { $($name::$variant => $th),+ }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }

            /// Accepts the code or either label, as people type them in spreadsheets.
            pub fn parse_loose(text: &str) -> Option<Self> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code() == t || v.label_th() == t || v.label_en().eq_ignore_ascii_case(t)
                })
            }
        }
    };
}
