//! The date of a note: a calendar day, or a day and a time with an optional UTC offset.

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;
use serde::{Serialize, Serializer};

/// When a note happened. It is written back exactly as the user wrote it, so a rewrite never
/// changes a date's spelling; comparisons use the local day and time.
#[derive(Clone, Debug)]
pub struct NoteDate {
    text: String,
    day: Date,
    time: Option<Time>,
}

impl NoteDate {
    /// Reads `2024-03-14`, `2024-03-14T15:20`, `2024-03-14T15:20:05+09:00` or `...Z`.
    pub fn parse(text: &str) -> Result<NoteDate, String> {
        let text = text.trim();
        let pieces = Pieces::parse(text).map_err(|_| explain(text))?;
        if pieces.time_zone_annotation().is_some() {
            return Err("time zone names in brackets are not supported".into());
        }
        Ok(NoteDate {
            text: text.to_owned(),
            day: pieces.date(),
            time: pieces.time(),
        })
    }

    /// Today or now, as the local clock shows it, with its offset.
    pub fn now() -> NoteDate {
        let now = jiff::Zoned::now();
        let text = now.strftime("%Y-%m-%dT%H:%M%:z").to_string();
        NoteDate {
            text,
            day: now.date(),
            time: Some(Time::new(now.hour(), now.minute(), 0, 0).unwrap_or(Time::midnight())),
        }
    }

    /// The calendar day.
    pub fn day(&self) -> Date {
        self.day
    }

    /// The time of day, when one was given.
    pub fn time(&self) -> Option<Time> {
        self.time
    }

    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Why `text` is not a date, in a person's words rather than the parser's: the month, day,
/// hour or minute that does not exist, else the form expected.
fn explain(text: &str) -> String {
    const FORM: &str = "it is not written as YYYY-MM-DD or YYYY-MM-DDTHH:MM";
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<i16>().ok())
    };
    let dashes = text.get(4..5) == Some("-") && text.get(7..8) == Some("-");
    let (Some(year), Some(month), Some(day), true) =
        (number(0..4), number(5..7), number(8..10), dashes)
    else {
        return FORM.into();
    };
    let first = (1..=12)
        .contains(&month)
        .then(|| Date::new(year, month as i8, 1).ok())
        .flatten();
    let Some(first) = first else {
        return format!("there is no month {month}");
    };
    let (days, name) = (first.days_in_month(), first.strftime("%B"));
    if day < 1 || day > i16::from(days) {
        return format!("there is no day {day} in {name} {year}");
    }
    let time = |range, most: i16, what: &str| {
        number(range)
            .filter(|n| *n > most)
            .map(|n| format!("there is no {what} {n}"))
    };
    time(11..13, 23, "hour")
        .or_else(|| time(14..16, 59, "minute"))
        .unwrap_or_else(|| FORM.into())
}

impl PartialEq for NoteDate {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for NoteDate {}

impl Ord for NoteDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.day, self.time.unwrap_or(Time::midnight()), &self.text).cmp(&(
            other.day,
            other.time.unwrap_or(Time::midnight()),
            &other.text,
        ))
    }
}

impl PartialOrd for NoteDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for NoteDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for NoteDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_days_and_times_with_or_without_offset() {
        for text in [
            "1979-03-14",
            "1979-03-14T15:20",
            "1979-03-14T15:20+09:00",
            "1979-03-14T15:20:07Z",
            "1979-03-14 15:20",
        ] {
            let date = NoteDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(date.day(), jiff::civil::date(1979, 3, 14));
            assert_eq!(date.as_str(), text);
        }
    }

    #[test]
    fn says_which_part_of_a_date_does_not_exist() {
        let reason = |text| NoteDate::parse(text).err().unwrap_or_default();
        assert_eq!(reason("2024-13-45"), "there is no month 13");
        assert!(reason("2024-12-45").starts_with("there is no day 45 in December 2024"));
        assert!(reason("2023-02-29").starts_with("there is no day 29 in February 2023"));
        assert!(reason("2024-03-14T25:00").starts_with("there is no hour 25"));
        assert!(reason("2024-03-14T10:75").starts_with("there is no minute 75"));
        assert_eq!(
            reason("14/03/2024"),
            "it is not written as YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        );
        assert!(!reason("2024-00-10").contains("parameter"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in ["yesterday", "1979-13-01", "14/03/1979", "1979-02-30", ""] {
            assert!(NoteDate::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn orders_by_day_then_time() {
        let a = NoteDate::parse("2024-01-01").unwrap();
        let b = NoteDate::parse("2024-01-01T09:00").unwrap();
        let c = NoteDate::parse("2024-01-02").unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn now_reads_back() {
        let now = NoteDate::now();
        assert_eq!(NoteDate::parse(now.as_str()).unwrap(), now);
    }
}
