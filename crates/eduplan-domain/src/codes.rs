//! Stable codes for every enumeration that is stored or exchanged.
//!
//! A code is short ASCII that never changes once released: the plan file, the history and the
//! plan text store codes, never the Chinese words shown to users (those may be reworded).

/// An enumeration with a stable ASCII code for each value.
pub trait Coded: Sized + Copy + PartialEq + 'static {
    /// Every value, in the order pickers list them.
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
    /// All codes, for checks such as SQL `CHECK` constraints and value validation.
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.code()).collect()
    }
}

/// Declare an enum together with its codes and Chinese labels, in one table.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        /// Written as the stable code, so that history records and plan files never depend
        /// on a Rust name.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        /// Reads the code; also the Rust variant name that history records of format 2 and
        /// earlier carried (renaming a variant must never break undo of old history).
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                Self::from_code(&text)
                    .or_else(|| {
                        Self::ALL
                            .iter()
                            .copied()
                            .find(|v| v.legacy_variant_name() == text)
                    })
                    .ok_or_else(|| {
                        <D::Error as serde::de::Error>::custom(format!("unknown code {text}"))
                    })
            }
        }

        impl $crate::codes::Coded for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$($name::$variant),+];
            /// The word shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            pub fn code(self) -> &'static str {
                <Self as $crate::codes::Coded>::code(self)
            }
            pub fn from_code(code: &str) -> Option<Self> {
                <Self as $crate::codes::Coded>::from_code(code)
            }
            /// The name old history records used (format 2 and earlier).
            fn legacy_variant_name(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),+ }
            }
            pub fn from_label(label: &str) -> Option<Self> {
                let label = label.trim();
                Self::ALL.iter().copied().find(|v| v.label() == label)
            }
        }
    };
}
pub(crate) use coded_enum;
