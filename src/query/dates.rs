//! Turning the values of `on:`, `after:`, `before:` and `date:` into day ranges.

use std::ops::Range;

use jiff::civil::Date;

use super::DayRange;

/// The date filters, which take periods rather than free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DateField {
    On,
    After,
    Before,
    Date,
}

impl DateField {
    /// The date filter called `name`, in any case.
    pub fn from_name(name: &str) -> Option<DateField> {
        [
            ("on", DateField::On),
            ("after", DateField::After),
            ("before", DateField::Before),
            ("date", DateField::Date),
        ]
        .into_iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, field)| field)
    }
}

/// What is wrong with a date value; `span` is relative to the value.
#[derive(Debug, PartialEq)]
pub(super) struct DateProblem {
    pub message: String,
    pub label: &'static str,
    pub hint: String,
    pub span: Range<usize>,
}

/// A year, month or day: its first day, and the day after its last (`None` past 9999-12-31).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Period {
    start: Date,
    end: Option<Date>,
}

const SHAPES: &str = "write a year (2026), a month (2026-03) or a day (2026-03-14)";

/// The days `value` stands for after the date filter `field`.
pub(super) fn day_range(field: DateField, value: &str) -> Result<DayRange, DateProblem> {
    let whole = 0..value.len();
    if field != DateField::Date && value.contains("..") {
        return Err(DateProblem {
            message: format!("`{}` takes one date, not a range", name(field)),
            label: "a range",
            hint: "for a range of dates use date:, like date:2026-01..2026-03".into(),
            span: whole,
        });
    }
    match field {
        DateField::On => period(value, 0).map(|p| DayRange {
            from: Some(p.start),
            until: p.end,
        }),
        DateField::Before => period(value, 0).map(|p| DayRange {
            from: None,
            until: Some(p.start),
        }),
        DateField::After => {
            let p = period(value, 0)?;
            match p.end {
                Some(end) => Ok(DayRange {
                    from: Some(end),
                    until: None,
                }),
                None => Err(DateProblem {
                    message: format!("no day comes after {value}"),
                    label: "the calendar ends here",
                    hint: "the last day fieldnotes knows is 9999-12-31".into(),
                    span: whole,
                }),
            }
        }
        DateField::Date => match value.split_once("..") {
            None => day_range(DateField::On, value),
            Some((first, last)) => range(value, first, last),
        },
    }
}

fn name(field: DateField) -> &'static str {
    match field {
        DateField::On => "on:",
        DateField::After => "after:",
        DateField::Before => "before:",
        DateField::Date => "date:",
    }
}

/// `first..last`, either end possibly empty; both ends are included.
fn range(value: &str, first: &str, last: &str) -> Result<DayRange, DateProblem> {
    if first.is_empty() && last.is_empty() {
        return Err(DateProblem {
            message: "this date range has neither a start nor an end".into(),
            label: "an empty range",
            hint: "give at least one end, like date:2026-01..2026-03, date:2026.. or date:..2026"
                .into(),
            span: 0..value.len(),
        });
    }
    let from = match first {
        "" => None,
        _ => Some(period(first, 0)?.start),
    };
    // The end is parsed in place so that a mistake in it is pointed at, not the whole range.
    let last_at = first.len() + 2;
    let until = match last {
        "" => None,
        _ => period(last, last_at)?.end,
    };
    if let (Some(from), Some(until)) = (from, until)
        && until <= from
    {
        return Err(DateProblem {
            message: format!("this date range ends before it starts: {last} comes before {first}"),
            label: "reversed",
            hint: format!("put the earlier date first: date:{last}..{first}"),
            span: 0..value.len(),
        });
    }
    Ok(DayRange { from, until })
}

/// The period written as `text`, which starts at `offset` within the whole value.
fn period(text: &str, offset: usize) -> Result<Period, DateProblem> {
    let span = offset..offset + text.len();
    let not_a_date = || DateProblem {
        message: format!("`{text}` is not a date"),
        label: "not a date",
        hint: SHAPES.into(),
        span: span.clone(),
    };
    let mut parts = text.split('-');
    let year = parts
        .next()
        .and_then(|p| number(p, 4))
        .ok_or_else(not_a_date)?;
    let month = match parts.next() {
        None => None,
        Some(p) => Some(number(p, 2).ok_or_else(not_a_date)?),
    };
    let day = match parts.next() {
        None => None,
        Some(p) => Some(number(p, 2).ok_or_else(not_a_date)?),
    };
    if parts.next().is_some() {
        return Err(not_a_date());
    }

    // Four digits always fit an i16 and two an i8, and both are within jiff's calendar.
    let year = year as i16;
    let Some(month) = month else {
        let start = Date::new(year, 1, 1).map_err(|_| not_a_date())?;
        let end = Date::new(year + 1, 1, 1).ok();
        return Ok(Period { start, end });
    };
    if !(1..=12).contains(&month) {
        return Err(DateProblem {
            message: format!("`{text}` is not a date: there is no month {month}"),
            label: "no such month",
            hint: "months go from 01 to 12".into(),
            span,
        });
    }
    let first_of_month = Date::new(year, month as i8, 1).map_err(|_| not_a_date())?;
    let Some(day) = day else {
        let end = first_of_month.last_of_month().tomorrow().ok();
        return Ok(Period {
            start: first_of_month,
            end,
        });
    };
    let days = first_of_month.days_in_month();
    let start = match i8::try_from(day) {
        Ok(day) if day >= 1 && day <= days => {
            Date::new(year, month as i8, day).map_err(|_| not_a_date())?
        }
        _ => {
            return Err(DateProblem {
                message: format!("`{text}` is not a real day"),
                label: "no such day",
                hint: format!("{} has days 01 to {days}", month_name(first_of_month)),
                span,
            });
        }
    };
    Ok(Period {
        start,
        end: start.tomorrow().ok(),
    })
}

/// `part` as a number, if it is exactly `digits` ASCII digits.
fn number(part: &str, digits: usize) -> Option<u16> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// "February 2028", for hints about month lengths.
fn month_name(date: Date) -> String {
    date.strftime("%B %Y").to_string()
}
