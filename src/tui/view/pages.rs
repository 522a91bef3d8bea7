//! The full-screen pages other than a note: the start screen and the problems.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::problem::Severity;
use crate::tui::action::Action;
use crate::tui::app::{App, StartChoices};
use crate::tui::keymap::{Place, hints};
use crate::tui::layout;
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;

/// Draws the start screen, shown when no notebook was found.
pub fn start(app: &App, choices: &StartChoices, frame: &mut Frame, theme: &Theme) {
    let areas = layout::page(app.size);
    frame.render_widget(
        Paragraph::new(Line::styled(" fieldnotes", theme.title)),
        areas.heading,
    );
    let here = clean(&choices.here.display().to_string());
    let width = usize::from(areas.body.width.saturating_sub(2));
    let paragraph = |text: String, style: Style| wrap(vec![Span::styled(text, style)], width, "");
    let option = |key: &str, text: String| {
        let mut lines = wrap(vec![Span::raw(text)], width, "     ");
        if let Some(first) = lines.first_mut().and_then(|l| l.spans.first_mut()) {
            *first = Span::styled(format!("  {key}  "), theme.label);
        }
        lines
    };
    let mut lines = vec![
        Line::default(),
        Line::styled("No notebook here.", theme.title),
    ];
    lines.push(Line::default());
    lines.extend(paragraph(
        format!(
            "A notebook is a folder with a fieldnotes.yaml. fieldnotes opens the one named by \
             --notebook, else by $FIELDNOTES_NOTEBOOK, else the first in {here} or a folder above \
             it, else your default notebook."
        ),
        Style::new(),
    ));
    lines.push(Line::default());
    if let Some(sample) = &choices.sample {
        let sample = clean(&sample.display().to_string());
        lines.extend(option("o", format!("open the sample notebook ({sample})")));
    }
    lines.extend(option(
        "i",
        format!("make {here} a notebook (like `fieldnotes init`)"),
    ));
    lines.extend(option("q", "quit".into()));
    lines.push(Line::default());
    lines.extend(paragraph(
        "From the command line: `fieldnotes init DIR` makes a notebook, \
         `fieldnotes --notebook DIR` opens one."
            .into(),
        theme.hint,
    ));
    frame.render_widget(
        Paragraph::new(lines).block(
            ratatui::widgets::Block::new().padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        areas.body,
    );
    let sample: &[Action] = if choices.sample.is_some() {
        &[Action::OpenSample]
    } else {
        &[]
    };
    let keys = hints(
        Place::Start,
        &[
            (sample, "sample"),
            (&[Action::InitHere], "init here"),
            (&[Action::Quit], "quit"),
        ],
    );
    super::status_bar(app, frame, areas.status, &keys, theme);
}

/// Draws the files with errors.
pub fn problems(app: &App, frame: &mut Frame, theme: &Theme) {
    let areas = layout::page(app.size);
    let p = &app.problems;
    let heading = match &p.list {
        None => " Problems: looking…".to_owned(),
        Some(list) if list.is_empty() => " Problems: none".to_owned(),
        Some(_) => format!(" Problems: {}", p.summary),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(heading, theme.title)),
        areas.heading,
    );
    let width = usize::from(areas.body.width);
    let mut entries: Vec<Vec<Line<'static>>> = Vec::new();
    for (i, problem) in p.list.iter().flatten().enumerate() {
        let selected = i == p.selected;
        let row = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let marker = if selected { "▌" } else { " " };
        let mut lines = vec![Line::from(vec![
            Span::styled(marker, theme.label),
            Span::styled(
                clean(&format!("{}:{}", problem.path.display(), problem.pos)),
                theme.title,
            ),
        ])];
        let style = match problem.severity {
            Severity::Error => theme.error,
            Severity::Warning => theme.warning,
            Severity::Hint => theme.meta,
        };
        lines.extend(wrap(
            vec![
                Span::styled(format!("{}: ", problem.severity.word()), style),
                Span::styled(clean(&problem.message), style),
            ],
            width,
            "   ",
        ));
        if let Some(hint) = &problem.hint {
            lines.extend(wrap(
                vec![Span::styled(format!("hint: {}", clean(hint)), theme.meta)],
                width,
                "   ",
            ));
        }
        entries.push(lines.into_iter().map(|l| l.style(row)).collect());
    }
    // Scroll whole entries so the selected one is on screen.
    let height = usize::from(areas.body.height);
    let mut first = 0;
    while first < p.selected
        && entries[first..=p.selected.min(entries.len().saturating_sub(1))]
            .iter()
            .map(Vec::len)
            .sum::<usize>()
            > height
    {
        first += 1;
    }
    let lines: Vec<Line<'static>> = entries.into_iter().skip(first).flatten().collect();
    let empty = p.list.as_ref().is_some_and(Vec::is_empty);
    if empty {
        frame.render_widget(
            Paragraph::new(" `fieldnotes check` finds nothing to fix.").style(theme.hint),
            areas.body,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), areas.body);
    }
    super::status_bar(
        app,
        frame,
        areas.status,
        &hints(
            Place::Problems,
            &[
                (&[Action::Up, Action::Down], "select"),
                (&[Action::Edit], "edit"),
                (&[Action::Back], "back"),
                (&[Action::Help], "help"),
            ],
        ),
        theme,
    );
}
