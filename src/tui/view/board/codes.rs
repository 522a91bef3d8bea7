//! The board's first view: the codebook as a tree, each code with how many findings, notes,
//! participants and studies carry it and its use over time; beside it, the selected code's
//! evidence wall.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{SIDE_BY_SIDE, evidence, spark, window};
use crate::board::CodeRow;
use crate::board::insights::backed_by;
use crate::cli::plural;
use crate::tui::app::App;
use crate::tui::board::{Counted, Pane};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;

/// Periods of the use-over-time column.
const PERIODS: usize = 8;
/// The count columns' headings (findings, notes, participants, studies) and their least
/// widths.
const COLUMNS: [(&str, usize); 4] = [("finds", 6), ("notes", 6), ("ppl", 5), ("std", 4)];

/// Each count column's width: its least, or its widest number's with a space before, so that
/// counts in the tens of thousands stay apart.
fn count_widths(rows: &[CodeRow]) -> [usize; 4] {
    let digits = |n: usize| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    let mut widths = COLUMNS.map(|(_, least)| least);
    for row in rows {
        let u = &row.usage;
        let counts = [u.findings, u.notes, u.participants, u.studies];
        for (width, n) in widths.iter_mut().zip(counts) {
            *width = (*width).max(digits(n) + 1);
        }
    }
    widths
}

/// Draws the tree and the wall, side by side on a wide terminal, else the one in use.
pub fn draw(app: &App, counted: &Counted, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    if area.width < SIDE_BY_SIDE {
        match b.pane {
            Pane::Evidence => wall(app, counted, frame, area, theme),
            _ => tree(app, counted, frame, area, theme, true),
        }
        return;
    }
    let [left, divider, right] = Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    tree(app, counted, frame, left, theme, false);
    let rule = vec![Line::raw("│"); usize::from(divider.height)];
    frame.render_widget(Paragraph::new(rule).style(theme.hint), divider);
    wall(app, counted, frame, right, theme);
}

/// The code tree, with a heading row; `described`, the selected code's meaning under it.
fn tree(
    app: &App,
    counted: &Counted,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    described: bool,
) {
    let b = &app.board;
    if counted.rows.is_empty() {
        let none = " No why-codes yet: tag findings with why: [...] or add codes to codebook.yaml.";
        let lines = wrap(
            vec![Span::styled(none, theme.hint)],
            usize::from(area.width),
            " ",
        );
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let about = b
        .selected_row()
        .and_then(|r| r.description.clone())
        .filter(|_| described);
    let about_lines = about.map_or(Vec::new(), |text| {
        wrap(
            vec![Span::styled(clean(&text), theme.hint)],
            usize::from(area.width),
            " ",
        )
        .into_iter()
        .take(2)
        .collect()
    });
    let [head, list, below] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(u16::try_from(about_lines.len()).unwrap_or(0)),
    ])
    .areas(area);
    let widths = count_widths(&counted.rows);
    let counts: usize = widths.iter().sum();
    let name_width = usize::from(area.width).saturating_sub(counts + 2 + PERIODS);
    let mut heading = format!(" {:<name_width$}", "code");
    for ((title, _), width) in COLUMNS.iter().zip(widths) {
        heading.push_str(&format!("{title:>width$}"));
    }
    heading.push_str(" timeline");
    frame.render_widget(Paragraph::new(Line::styled(heading, theme.meta)), head);
    let periods = Periods::of(&counted.rows);
    let rows = window(
        &b.codes_top,
        b.code,
        counted.rows.len(),
        usize::from(list.height),
    );
    let lines: Vec<Line> = rows
        .map(|r| {
            let row = &counted.rows[r];
            let selected = r == b.code;
            code_line(
                row,
                (name_width, widths),
                &periods,
                selected,
                b.pane != Pane::Search,
                theme,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(Paragraph::new(about_lines), below);
}

/// One code of the tree.
fn code_line(
    row: &CodeRow,
    (name_width, widths): (usize, [usize; 4]),
    periods: &Periods,
    selected: bool,
    focused: bool,
    theme: &Theme,
) -> Line<'static> {
    let u = &row.usage;
    let indent = "  ".repeat(row.depth);
    // A code the codebook lacks is marked, so it can be added or corrected.
    let (mark, style) = if row.in_codebook {
        (" ", theme.code)
    } else {
        ("?", theme.warning)
    };
    let name = truncate(
        vec![Span::styled(format!("{indent}{}", clean(&row.name)), style)],
        name_width,
    );
    let used: usize = name.iter().map(|s| s.content.chars().count()).sum();
    let mut spans = vec![Span::styled(mark, theme.warning)];
    spans.extend(name);
    spans.push(Span::raw(" ".repeat(name_width.saturating_sub(used))));
    let mut counts = String::new();
    for (n, width) in [u.findings, u.notes, u.participants, u.studies]
        .iter()
        .zip(widths)
    {
        counts.push_str(&format!("{n:>width$}"));
    }
    counts.push(' ');
    spans.push(Span::styled(counts, theme.meta));
    spans.push(Span::styled(spark(&periods.counts(u)), theme.code));
    let line = Line::from(spans);
    match (selected, focused) {
        (true, true) => line.style(theme.selected),
        _ => line,
    }
}

/// The selected code's wall, under what the code means and how much it is used.
fn wall(app: &App, counted: &Counted, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let Some(row) = b.selected_row() else {
        return;
    };
    let width = usize::from(area.width.saturating_sub(1));
    let mut head = vec![Line::from(vec![
        Span::styled(format!(" {}", clean(&row.name)), theme.title),
        Span::styled(
            if row.in_codebook {
                String::new()
            } else {
                "  not in the codebook".to_owned()
            },
            theme.warning,
        ),
    ])];
    if let Some(text) = &row.description {
        let lines = wrap(vec![Span::styled(clean(text), theme.hint)], width, " ");
        head.extend(lines.into_iter().take(2));
    }
    let u = &row.usage;
    let mut said = vec![
        plural(u.findings, "finding"),
        plural(u.notes, "note"),
        plural(u.participants, "participant"),
        plural(u.studies, "study").replace("studys", "studies"),
    ];
    if let (Some(first), Some(last)) = (&u.first, &u.last) {
        said.push(format!("{first} → {last}"));
    }
    // Known once the insights are counted (the insights view, or `i`).
    let backs = b
        .insights
        .as_ref()
        .map_or(0, |s| backed_by(&s.rows, &counted.codes(b.code)).len());
    if backs > 0 {
        said.push(format!("backs {}", plural(backs, "insight")));
    }
    head.extend(wrap(
        vec![Span::styled(said.join(" · "), theme.meta)],
        width,
        " ",
    ));
    head.push(Line::styled(
        format!(" by {} · {}", group_words(b.group), order_words(b.order)),
        theme.hint,
    ));
    let [top, rest] = Layout::vertical([
        Constraint::Length(u16::try_from(head.len()).unwrap_or(0)),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(head), top);
    evidence::wall(app, frame, rest, theme);
}

fn group_words(group: crate::board::wall::Group) -> &'static str {
    use crate::board::wall::Group;
    match group {
        Group::Participant => "participant",
        Group::Study => "study",
        Group::Note => "note",
    }
}

fn order_words(order: crate::board::wall::Order) -> &'static str {
    use crate::board::wall::Order;
    match order {
        Order::Date => "oldest first",
        Order::Study => "by study, then oldest first",
    }
}

/// The notebook's span of months, cut into [`PERIODS`] equal periods.
struct Periods {
    first: usize,
    months: usize,
}

impl Periods {
    fn of(rows: &[CodeRow]) -> Periods {
        let all: Vec<usize> = rows
            .iter()
            .flat_map(|r| r.usage.by_month.keys())
            .filter_map(|m| month_number(m))
            .collect();
        let first = all.iter().copied().min().unwrap_or(0);
        let last = all.iter().copied().max().unwrap_or(0);
        Periods {
            first,
            months: last - first + 1,
        }
    }

    /// A code's pieces of evidence in each period.
    fn counts(&self, usage: &crate::board::Usage) -> Vec<usize> {
        let mut counts = vec![0; PERIODS];
        for (month, n) in &usage.by_month {
            if let Some(m) = month_number(month) {
                let at = (m.saturating_sub(self.first) * PERIODS) / self.months.max(1);
                counts[at.min(PERIODS - 1)] += n;
            }
        }
        counts
    }
}

/// `YYYY-MM` as months since year 0.
pub fn month_number(month: &str) -> Option<usize> {
    let (year, month) = month.split_once('-')?;
    Some(year.parse::<usize>().ok()? * 12 + month.parse::<usize>().ok()?.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Usage;

    #[test]
    fn counts_in_the_tens_of_thousands_stay_apart() {
        let row = |findings, notes, participants| CodeRow {
            name: "belonging".into(),
            depth: 0,
            description: None,
            in_codebook: true,
            usage: Usage {
                findings,
                notes,
                participants,
                studies: 19,
                ..Usage::default()
            },
        };
        // As few as the sample notebook has: the columns keep their least widths.
        assert_eq!(count_widths(&[row(44, 38, 43)]), [6, 6, 5, 4]);
        let rows = [row(61686, 65187, 16352), row(7, 8, 9)];
        let widths = count_widths(&rows);
        assert_eq!(widths, [6, 6, 6, 4]);
        let line = code_line(
            &rows[0],
            (12, widths),
            &Periods::of(&rows),
            false,
            true,
            &Theme::new(false),
        );
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(text.contains(" 61686 65187 16352  19 "), "{text}");
    }
}
