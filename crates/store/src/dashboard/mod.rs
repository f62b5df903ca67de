//! The dashboards: figures kept at write time (`tallies`) and the reads that show them for a
//! province, the nation and the public (`figures`).

pub mod figures;
pub mod tallies;
