//! A note laid out for reading: the header, the participants, the findings as did / said /
//! why blocks, an insight's evidence, and the body, wrapped to the width and with the
//! searched words marked. The preview and the full-screen view both draw this.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::page::scrolled_page;
use crate::index::{Brief, Highlighter, Links, Part};
use crate::note::reflow;
use crate::notebook::NoteFile;
use crate::tui::action::Action;
use crate::tui::app::{App, Shown};
use crate::tui::keymap::{Place, hints};
use crate::tui::layout;
use crate::tui::text::{clean, marked_spans, truncate_start, wrap};
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// A note as lines of the screen.
pub struct Rendered {
    /// The lines.
    pub lines: Vec<Line<'static>>,
    /// The first line with a marked word.
    pub first_match: Option<usize>,
    /// The line of each evidence link.
    pub links: Vec<usize>,
    /// The line each finding starts on.
    pub findings: Vec<usize>,
}

/// Lays out `file` for a width of `width` columns in the styles of `theme`, with the notes
/// it names and is named by (`links`); `link` is the selected one.
pub fn render(
    file: &NoteFile,
    links: &Links,
    hl: &Highlighter,
    width: u16,
    link: Option<usize>,
    theme: &Theme,
) -> Rendered {
    Layout::new(hl, usize::from(width.max(10)), theme).note(file, links, link)
}

/// Draws the full-screen view of the note on top of `app.reading`.
pub fn draw(app: &App, frame: &mut Frame, theme: &Theme) {
    let areas = layout::page(app.size);
    let Some(reading) = app.reading.last() else {
        return;
    };
    let depth = if app.reading.len() > 1 {
        format!(" ({} deep, Esc goes back)", app.reading.len() - 1)
    } else {
        String::new()
    };
    let room = usize::from(areas.heading.width).saturating_sub(depth.width() + 2);
    let heading = Line::from(vec![
        Span::styled(depth, theme.label),
        Span::styled(
            format!(" {}", truncate_start(&clean(&reading.path), room)),
            theme.meta,
        ),
    ]);
    frame.render_widget(Paragraph::new(heading), areas.heading);
    let page = scrolled_page(
        reading.shown.as_ref(),
        &reading.highlighter,
        reading.link,
        &reading.scroll,
        areas.body,
        theme,
    );
    frame.render_widget(page, areas.body);
    let is_insight = matches!(
        reading.shown.as_ref().map(|s| &s.file),
        Some(Ok(f)) if !f.note.evidence.is_empty()
    );
    let links: &[Action] = if is_insight { &[Action::NextLink] } else { &[] };
    let keys = hints(
        Place::Note,
        &[
            (&[Action::Up, Action::Down], "scroll"),
            (&[Action::Back], "back"),
            (&[Action::Help], "help"),
            (&[Action::Board], "why board"),
            (links, "evidence"),
            (if is_insight { &[Action::Open] } else { &[] }, "open it"),
            (&[Action::PageDown], "page"),
            (&[Action::Edit], "edit"),
        ],
    );
    super::status_bar(app, frame, areas.status, &keys, theme);
}

struct Layout<'a> {
    hl: &'a Highlighter,
    width: usize,
    theme: &'a Theme,
    lines: Vec<Line<'static>>,
    first_match: Option<usize>,
}

impl<'a> Layout<'a> {
    fn new(hl: &'a Highlighter, width: usize, theme: &'a Theme) -> Layout<'a> {
        Layout {
            hl,
            width,
            theme,
            lines: Vec::new(),
            first_match: None,
        }
    }

    fn spans(&self, part: Part, text: &str, style: Style) -> Vec<Span<'static>> {
        let marks = self.hl.marks(part, text);
        marked_spans(text, &marks, style, self.theme.mark)
    }

    fn push(&mut self, lines: Vec<Line<'static>>) {
        for line in lines {
            if self.first_match.is_none() && line.spans.iter().any(|s| s.style == self.theme.mark) {
                self.first_match = Some(self.lines.len());
            }
            self.lines.push(line);
        }
    }

    fn gap(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    fn heading(&mut self, text: &str) {
        self.gap();
        self.lines
            .push(Line::styled(text.to_owned(), self.theme.title));
    }

    /// `text` reflowed ([`reflow`]), each paragraph, item or turn as spans of its own, with an
    /// empty one between paragraphs.
    fn paragraphs(&self, part: Part, text: &str, style: Style) -> Vec<Vec<Span<'static>>> {
        reflow(text)
            .iter()
            .map(|line| self.spans(part, line, style))
            .collect()
    }

    /// One line naming another note: its title, kind and date, then its id dimmed; an id no
    /// note has (once the index could say) is marked as a broken link.
    fn link(&mut self, id: &str, brief: Option<&Brief>, known: bool, selected: bool) {
        let t = *self.theme;
        let marker = if selected { " › " } else { "   " };
        let lead = Span::styled(marker, if selected { t.selected } else { t.meta });
        let mut spans = Vec::new();
        let mut under = Vec::new();
        match brief {
            Some(b) => {
                let title = if selected { t.selected } else { t.title };
                spans.push(Span::styled(clean(&b.title), title));
                let day = b.date.get(..10).unwrap_or(&b.date);
                let about = format!("{} · {}  ", clean(&b.kind), clean(day));
                under.push(Span::styled(about, t.meta));
                under.push(Span::styled(clean(id), t.hint));
            }
            None if known => {
                spans.push(Span::styled(clean(id), t.error));
                let broken = "a broken link: no note has this id (removed or renamed?)";
                under.push(Span::styled(broken, t.hint));
            }
            None => spans.push(Span::styled(
                clean(id),
                if selected { t.selected } else { t.meta },
            )),
        }
        let mut lines = wrap(spans, self.width, "   ");
        if let Some(first) = lines.first_mut().and_then(|l| l.spans.first_mut()) {
            *first = lead;
        }
        self.push(lines);
        if !under.is_empty() {
            self.push(wrap(under, self.width, "   "));
        }
    }

    /// `label` then `spans`, wrapped with later lines under the text, not the label.
    fn labelled(&mut self, label: &str, column: usize, spans: Vec<Span<'static>>) {
        let indent = " ".repeat(column);
        let mut lines = wrap(spans, self.width, &indent);
        if let Some(first) = lines.first_mut().and_then(|l| l.spans.first_mut()) {
            *first = Span::styled(format!("{label:<column$}"), self.theme.label);
        }
        self.push(lines);
    }

    fn note(mut self, file: &NoteFile, found: &Links, link: Option<usize>) -> Rendered {
        let n = &file.note;
        let t = *self.theme;
        let title = self.spans(Part::Title, &n.title, t.title);
        self.push(wrap(title, self.width, ""));
        let mut meta = vec![n.kind.clone(), n.date.to_string().replacen('T', " ", 1)];
        meta.extend(n.study.clone());
        self.push(wrap(
            vec![Span::styled(clean(&meta.join(" · ")), t.meta)],
            self.width,
            "",
        ));
        let mut place = Vec::new();
        if let Some(p) = &n.place {
            place.extend(self.spans(Part::Place, p, t.meta));
        }
        if let Some(r) = &n.researcher {
            if !place.is_empty() {
                place.push(Span::styled(" · ", t.meta));
            }
            place.push(Span::styled("by ", t.meta));
            place.extend(self.spans(Part::By, r, t.meta));
        }
        if !place.is_empty() {
            self.push(wrap(place, self.width, ""));
        }
        let mut codes: Vec<Span<'static>> = n
            .tags
            .iter()
            .map(|tag| Span::styled(format!("#{} ", clean(tag)), t.meta))
            .collect();
        if !n.why.is_empty() {
            codes.push(Span::styled("why: ", t.label));
            codes.push(Span::styled(clean(&n.why.join(", ")), t.code));
        }
        if !codes.is_empty() {
            self.push(wrap(codes, self.width, ""));
        }
        if !n.participants.is_empty() {
            self.heading("Participants");
            for p in &n.participants {
                let mut spans = self.spans(Part::Who, &p.alias, t.title);
                if let Some(about) = &p.about {
                    spans.push(Span::raw("  "));
                    spans.extend(self.spans(Part::Who, about, Style::new()));
                }
                if let Some(consent) = &p.consent {
                    spans.push(Span::styled(
                        format!(" · consent: {}", clean(consent)),
                        t.meta,
                    ));
                }
                self.push(wrap(spans, self.width, "    "));
            }
        }
        let mut findings = Vec::new();
        if !n.findings.is_empty() {
            self.heading("Findings");
            for (i, f) in n.findings.iter().enumerate() {
                self.gap();
                findings.push(self.lines.len());
                let number = format!("{:>2} ", i + 1);
                let mut rows: Vec<(&str, Vec<Vec<Span<'static>>>)> = Vec::new();
                if let Some(did) = &f.did {
                    rows.push(("did", self.paragraphs(Part::Did, did, Style::new())));
                }
                if let Some(quote) = &f.quote {
                    let quoted = format!("“{}”", quote.trim());
                    let said = self.paragraphs(Part::Quote, &quoted, Style::new().italic());
                    rows.push(("said", said));
                }
                if !f.why.is_empty() {
                    let codes = vec![Span::styled(clean(&f.why.join(", ")), t.code)];
                    rows.push(("why", vec![codes]));
                }
                if let Some(remark) = &f.note {
                    rows.push(("note", self.paragraphs(Part::Note, remark, t.meta)));
                }
                for (j, (label, paragraphs)) in rows.into_iter().enumerate() {
                    let prefix = if j == 0 { number.clone() } else { "   ".into() };
                    for (k, spans) in paragraphs.into_iter().enumerate() {
                        let label = if k == 0 {
                            format!("{prefix}{label}")
                        } else {
                            String::new()
                        };
                        self.labelled(&label, 9, spans);
                    }
                }
            }
        }
        let mut links = Vec::new();
        if !n.evidence.is_empty() {
            self.heading("Evidence");
            // Before the index answers, the ids as written.
            let named: Vec<(String, Option<Brief>)> = if found.evidence.is_empty() {
                n.evidence.iter().map(|id| (id.clone(), None)).collect()
            } else {
                found.evidence.clone()
            };
            let known = !found.evidence.is_empty();
            for (id, brief) in &named {
                let selected = link == Some(links.len());
                links.push(self.lines.len());
                self.link(id, brief.as_ref(), known, selected);
            }
        }
        for (label, value) in [("Action", &n.action), ("Status", &n.status)] {
            if let Some(value) = value {
                self.gap();
                let spans = self.spans(Part::Other, value, Style::new());
                self.labelled(label, 8, spans);
            }
        }
        if let Some(source) = &n.source {
            self.gap();
            let parts: Vec<String> = [&source.platform, &source.author, &source.url]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            let spans = self.spans(Part::Other, &parts.join(" · "), t.meta);
            self.labelled("Source", 8, spans);
        }
        if let Some(body) = &n.body {
            self.gap();
            for text in reflow(body) {
                let spans = self.spans(Part::Body, &text, Style::new());
                self.push(wrap(spans, self.width, ""));
            }
        }
        // Backlinks come last, as a note's own words come first.
        if !found.cited_by.is_empty() {
            self.heading("Cited as evidence by");
            for brief in &found.cited_by {
                let selected = link == Some(links.len());
                links.push(self.lines.len());
                self.link(&brief.id, Some(brief), true, selected);
            }
        }
        Rendered {
            lines: self.lines,
            first_match: self.first_match,
            links,
            findings,
        }
    }
}

/// The links of `shown`, or none.
pub fn shown_links(shown: Option<&Shown>) -> Links {
    shown.map(|s| s.links.clone()).unwrap_or_default()
}
