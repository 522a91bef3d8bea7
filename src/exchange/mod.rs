//! Work moving in and out of a notebook: reports, spreadsheets, other tools, and the personal
//! data taken out on the way.

pub mod json;
pub mod qdc;
pub mod qdc_in;
pub mod redact;
pub mod report;
pub mod rows;
