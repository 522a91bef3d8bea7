//! The evidence on the board: each piece as did / said / remark with who, where, when and the
//! other codes on it, under its group's heading. A quote longer than a piece has room for is
//! cut with a mark that says so; the reader shows all of it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::board::shown::Shown;
use crate::board::{Evidence, NoteFacts};
use crate::tui::app::App;
use crate::tui::board::{Counted, Entry, Pane};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// Lines a quote may take on the wall before it is cut.
const QUOTE_LINES: usize = 4;
/// Lines what was done, the remark, who and the other codes may take.
const OTHER_LINES: usize = 3;

/// Draws the evidence of a cell or an insight over the whole body, under its title.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let w = &app.board.wall;
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let count = crate::cli::plural(w.pieces.len(), "piece");
    let heading = Line::from(vec![
        Span::styled(format!(" {}", clean(&w.title)), theme.title),
        Span::styled(format!("  {count} of evidence"), theme.meta),
    ]);
    frame.render_widget(Paragraph::new(heading), title);
    wall(app, frame, rest, theme);
}

/// Draws the wall's entries into `area`, scrolled so the selected piece shows whole.
pub fn wall(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let Some(counted) = &b.counted else {
        return;
    };
    let w = &b.wall;
    if w.is_empty() {
        let none = Line::styled(" No evidence here among the notes counted.", theme.hint);
        frame.render_widget(Paragraph::new(none), area);
        return;
    }
    let width = usize::from(area.width.saturating_sub(1));
    let height = usize::from(area.height);
    let focused = b.pane == Pane::Evidence;
    let chosen = w.pieces.get(w.selected).map(|&line| line as usize);
    let lay = |i: usize| -> Vec<Line<'static>> {
        entry(app, counted, i, width, focused && Some(i) == chosen, theme)
    };
    let mut top = w.top.get().min(w.len() - 1);
    if let Some(chosen) = chosen {
        // A group's first piece comes with its heading.
        let from = match chosen.checked_sub(1).and_then(|h| w.entry(h)) {
            Some(Entry::Heading(_)) => chosen - 1,
            _ => chosen,
        };
        top = top.min(from);
        // The lowest top that still shows the selected piece whole.
        let mut used = lay(chosen).len();
        let mut lowest = chosen;
        while lowest > 0 {
            let above = lay(lowest - 1).len();
            if used + above > height {
                break;
            }
            used += above;
            lowest -= 1;
        }
        top = top.max(lowest.min(from));
    }
    w.top.place(top);
    let mut lines = Vec::new();
    for i in top..w.len() {
        if lines.len() >= height {
            break;
        }
        lines.extend(lay(i));
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), area);
}

/// The lines of entry `i` of the wall.
fn entry(
    app: &App,
    counted: &Counted,
    i: usize,
    width: usize,
    selected: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let w = &app.board.wall;
    match w.entry(i) {
        None => Vec::new(),
        Some(Entry::Heading(heading)) => {
            vec![Line::styled(format!(" ▸ {}", clean(heading)), theme.label)]
        }
        Some(Entry::Piece(piece)) => {
            let Some(facts) = counted.notes(w.all).get(piece.note) else {
                return Vec::new();
            };
            let key = (facts.path.clone(), piece.finding);
            let words = app.board.texts.get(&key).and_then(Option::as_ref);
            piece_lines(words, facts, piece, &w.codes, width, selected, theme)
        }
    }
}

/// A piece of evidence as lines `width` wide.
fn piece_lines(
    words: Option<&Shown>,
    facts: &NoteFacts,
    piece: Evidence,
    wall_codes: &[String],
    width: usize,
    selected: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let marker = if selected { " › " } else { "   " };
    let title = words.map_or_else(|| facts.id.clone(), |w| w.title.clone());
    let head = vec![
        Span::styled(marker, theme.label),
        Span::styled(clean(&title), theme.title),
    ];
    let mut lines = vec![Line::from(truncate(head, width))];
    if selected {
        lines[0] = lines[0].clone().style(theme.selected);
    }
    let mut about = vec![facts.day.as_str()];
    if let Some(words) = words {
        about.extend(words.place.as_deref());
    }
    about.extend(facts.study.as_deref());
    let about = vec![Span::styled(
        format!("     {}", clean(&about.join(" · "))),
        theme.meta,
    )];
    lines.push(Line::from(truncate(about, width)));
    let Some(words) = words else {
        lines.push(Line::styled("     reading…", theme.hint));
        lines.push(Line::default());
        return lines;
    };
    let field = |label: &str, text: &str, style: Style, most: usize| {
        let spans = vec![Span::styled(clean(text.trim()), style)];
        let mut wrapped = wrap(spans, width, "          ");
        if let Some(first) = wrapped.first_mut().and_then(|l| l.spans.first_mut()) {
            *first = Span::styled(format!("     {label:<5}"), theme.label);
        }
        limited(wrapped, most, width, theme)
    };
    if let Some(did) = &words.did {
        lines.extend(field("did", did, Style::new(), OTHER_LINES));
    }
    if let Some(quote) = &words.quote {
        lines.extend(field(
            "said",
            &format!("“{}”", quote.trim()),
            Style::new().italic(),
            QUOTE_LINES,
        ));
    }
    if let Some(remark) = &words.remark {
        lines.extend(field("note", remark, theme.meta, OTHER_LINES));
    }
    // A code's evidence on a note as a whole (an insight's notes are whole notes anyway).
    if piece.finding.is_none() && !wall_codes.is_empty() {
        lines.push(Line::styled("     on the note as a whole", theme.hint));
    }
    let who: Vec<String> = words
        .people
        .iter()
        .map(|p| match &p.about {
            Some(about) => format!("{}: {about}", p.alias),
            None => p.alias.clone(),
        })
        .collect();
    if !who.is_empty() {
        lines.extend(field("who", &who.join("; "), theme.meta, OTHER_LINES));
    }
    let also: Vec<&str> = words
        .also
        .iter()
        .filter(|c| !wall_codes.contains(c))
        .map(String::as_str)
        .collect();
    if !also.is_empty() {
        lines.extend(field("also", &also.join(", "), theme.code, OTHER_LINES));
    }
    lines.push(Line::default());
    lines
}

/// At most `most` of `lines`, `width` wide; the last one kept says the rest was cut.
fn limited(
    mut lines: Vec<Line<'static>>,
    most: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    const CUT: &str = " (cut: Enter reads it all)";
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            // Room for the words, an ellipsis and the mark.
            let room = width.saturating_sub(CUT.width() + 1);
            let mut spans = std::mem::take(&mut last.spans);
            if crate::tui::text::width(&spans) <= room {
                spans.push(Span::styled("…", theme.hint));
            } else {
                spans = truncate(spans, room);
            }
            spans.push(Span::styled(CUT, theme.hint));
            last.spans = spans;
        }
    }
    lines
}
