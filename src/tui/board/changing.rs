//! Changing the codebook from the board: the selected code renamed, merged, moved, retired or
//! split, or a code added, with the notes and findings the change would touch counted before
//! Enter makes it. The change is the library's (`crate::codebook::change`), the very one the
//! command line makes: this is only its form.

use crate::codebook::Code;
use crate::codebook::change::{Change, split_parts};
use crate::codebook::split::{Plan, Use};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::line::LineEditor;
use crate::tui::scroll::Scroll;

use super::Tab;

/// Which change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A new name for the code.
    Rename,
    /// The code made one with another.
    Merge,
    /// The code under another, or at the top.
    Move,
    /// A new code.
    Add,
    /// The code out of the codebook.
    Retire,
    /// The code in two.
    Split,
}

impl Kind {
    /// The form's title for `code`.
    pub fn title(self, code: &str) -> String {
        match self {
            Kind::Rename => format!("Rename {code}"),
            Kind::Merge => format!("Merge {code} into another code"),
            Kind::Move => format!("Move {code}"),
            Kind::Add => "Add a code".to_owned(),
            Kind::Retire => format!("Retire {code}"),
            Kind::Split => format!("Split {code} in two"),
        }
    }

    /// The form's lines: each one's label, and whether it names a code already there.
    fn fields(self) -> &'static [(&'static str, bool)] {
        match self {
            Kind::Rename => &[("New name", false)],
            Kind::Merge => &[("Into", true)],
            Kind::Move => &[("Under (empty: the top)", true)],
            Kind::Add => &[
                ("Name", false),
                ("Under (empty: the top)", true),
                ("What it means", false),
            ],
            Kind::Retire => &[("Its uses go into (empty: dropped)", true)],
            Kind::Split => &[("Part 1", false), ("Part 2", false)],
        }
    }
}

/// One line of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// What it asks for.
    pub label: &'static str,
    /// What is typed.
    pub line: LineEditor,
    /// Whether it names a code already there (the codes are offered).
    pub takes_code: bool,
}

/// What the change would do, as last counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preview {
    /// Nothing to count yet: what is missing.
    Hint(String),
    /// Being counted.
    Counting,
    /// What it would change, in words.
    Would(String),
    /// Why it cannot be made.
    Refused(String),
    /// Being made.
    Making,
}

/// A change being set up on the board.
#[derive(Debug)]
pub struct Changing {
    /// Which change.
    pub kind: Kind,
    /// The code selected when it began.
    pub code: String,
    /// The form's lines.
    pub fields: Vec<Field>,
    /// The line being typed in.
    pub focus: usize,
    /// Codes that match what is typed in a line that names one, best first.
    pub offered: Vec<String>,
    /// The offered code last chosen with the arrows.
    pub offer: Option<usize>,
    /// The change the preview is of.
    pub previewed: Option<Change>,
    /// What it would do.
    pub preview: Preview,
    /// A split's uses, once read, each with the parts chosen for it (none yet).
    pub uses: Option<Vec<Use>>,
    /// The use selected.
    pub at: usize,
    /// The uses list's scroll.
    pub uses_top: Scroll,
    /// Quit once the change is made: asked for while it was being made.
    pub then_quit: bool,
}

impl Changing {
    /// Whether the change is being written.
    pub fn making(&self) -> bool {
        self.preview == Preview::Making
    }

    /// Whether the split's uses are being chosen.
    pub fn choosing(&self) -> bool {
        self.uses.is_some()
    }

    /// How many uses have their parts chosen, of how many.
    pub fn chosen(&self) -> (usize, usize) {
        let uses = self.uses.as_deref().unwrap_or_default();
        let chosen = uses.iter().filter(|u| !u.into.is_empty()).count();
        (chosen, uses.len())
    }

    fn text(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.line.text().trim())
    }

    /// The change the form asks for, or what it still needs.
    fn wanted(&self) -> Result<Change, String> {
        let code = self.code.clone();
        let first = self.text(0).to_owned();
        let named = |what: &str| {
            if first.is_empty() {
                Err(format!("Type {what}."))
            } else {
                Ok(first.clone())
            }
        };
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        Ok(match self.kind {
            Kind::Rename => {
                let new = named("the new name")?;
                if new == code {
                    return Err("Type the new name.".into());
                }
                Change::Rename { old: code, new }
            }
            Kind::Merge => Change::Merge {
                from: vec![code],
                into: named("the code it becomes")?,
            },
            Kind::Move => Change::Move {
                code,
                parent: optional(&first),
            },
            Kind::Add => {
                let mut added = Code::named(&named("the new code's name")?);
                added.parent = optional(self.text(1));
                added.description = optional(self.text(2));
                Change::Add(added)
            }
            Kind::Retire => Change::Retire {
                code,
                drop: first.is_empty(),
                into: optional(&first),
            },
            Kind::Split => {
                let parts = vec![named("the two parts")?, self.text(1).to_owned()];
                if parts[1].is_empty() {
                    return Err("Type the other part.".into());
                }
                split_parts(&code, &parts)?;
                let Some(uses) = &self.uses else {
                    return Err("Enter lists every use, to choose the part each meant.".into());
                };
                let (chosen, all) = self.chosen();
                if chosen < all {
                    return Err("Enter makes the split once every use has its part.".into());
                }
                Change::Split(Plan {
                    split: code,
                    parts,
                    uses: uses.clone(),
                })
            }
        })
    }
}

/// Starts `kind` of change on the selected code (a new code needs none).
pub fn begin(app: &mut App, kind: Kind) -> Vec<Effect> {
    let b = &mut app.board;
    let selected = b.selected_row().map(|r| r.name.clone());
    let code = match selected {
        Some(code) if b.tab == Tab::Codes => code,
        _ if kind == Kind::Add => String::new(),
        _ => {
            app.message = Some("Select a code in the Codes view first.".into());
            return Vec::new();
        }
    };
    let mut fields: Vec<Field> = kind
        .fields()
        .iter()
        .map(|&(label, takes_code)| Field {
            label,
            line: LineEditor::default(),
            takes_code,
        })
        .collect();
    // A rename starts from the name to edit; a new code under the one selected.
    match kind {
        Kind::Rename => fields[0].line.set(&code),
        Kind::Add => fields[1].line.set(&code),
        _ => {}
    }
    b.changing = Some(Changing {
        kind,
        code,
        fields,
        focus: 0,
        offered: Vec::new(),
        offer: None,
        previewed: None,
        preview: Preview::Counting,
        uses: None,
        at: 0,
        uses_top: Scroll::default(),
        then_quit: false,
    });
    offer(app);
    ask(app)
}

/// Applies an action to the change being set up.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    if c.making() {
        if action == Action::Quit {
            c.then_quit = true;
            app.message =
                Some("The change is being written: fieldnotes quits when it is done.".into());
        }
        return Vec::new();
    }
    if c.choosing() {
        return choose(app, action);
    }
    if let Some(edited) = c
        .fields
        .get_mut(c.focus)
        .and_then(|f| f.line.apply(&action))
    {
        if !edited {
            return Vec::new();
        }
        offer(app);
        return ask(app);
    }
    match action {
        Action::Paste { text } => {
            let line = &mut c.fields[c.focus].line;
            text.chars()
                .filter(|ch| !ch.is_control())
                .for_each(|ch| line.insert(ch));
            offer(app);
            return ask(app);
        }
        Action::NextField | Action::PreviousField => {
            let n = c.fields.len();
            c.focus = if action == Action::NextField {
                (c.focus + 1) % n
            } else {
                (c.focus + n - 1) % n
            };
            offer(app);
        }
        Action::Down | Action::Up if !c.offered.is_empty() => {
            let last = c.offered.len() - 1;
            let at = match (c.offer, action == Action::Down) {
                (None, true) => 0,
                (None, false) => last,
                (Some(i), true) => (i + 1).min(last),
                (Some(i), false) => i.saturating_sub(1),
            };
            c.offer = Some(at);
            let code = c.offered[at].clone();
            c.fields[c.focus].line.set(&code);
            return ask(app);
        }
        Action::ConfirmChange if c.kind == Kind::Split => {
            return match c.wanted() {
                Err(_) if split_parts(&c.code, &[c.text(0).into(), c.text(1).into()]).is_ok() => {
                    c.preview = Preview::Counting;
                    vec![Effect::SplitUses {
                        code: c.code.clone(),
                        parts: vec![c.text(0).to_owned(), c.text(1).to_owned()],
                    }]
                }
                _ => Vec::new(),
            };
        }
        Action::ConfirmChange => return confirm(app),
        Action::Back => app.board.changing = None,
        _ => {}
    }
    Vec::new()
}

/// Keys while a split's uses are chosen: one key a use, then Enter.
fn choose(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    let count = c.uses.as_ref().map_or(0, Vec::len);
    let last = count.saturating_sub(1);
    let parts = [c.text(0).to_owned(), c.text(1).to_owned()];
    let chosen = match action {
        Action::FirstPart => vec![parts[0].clone()],
        Action::SecondPart => vec![parts[1].clone()],
        Action::BothParts => parts.to_vec(),
        Action::Down => {
            c.at = (c.at + 1).min(last);
            return Vec::new();
        }
        Action::Up => {
            c.at = c.at.saturating_sub(1);
            return Vec::new();
        }
        Action::PageDown => {
            c.at = (c.at + 10).min(last);
            return Vec::new();
        }
        Action::PageUp => {
            c.at = c.at.saturating_sub(10);
            return Vec::new();
        }
        Action::Top => {
            c.at = 0;
            return Vec::new();
        }
        Action::Bottom => {
            c.at = last;
            return Vec::new();
        }
        Action::ConfirmChange => return confirm(app),
        Action::Back => {
            c.uses = None;
            return ask(app);
        }
        _ => return Vec::new(),
    };
    if let Some(u) = c.uses.as_mut().and_then(|uses| uses.get_mut(c.at)) {
        u.into = chosen;
    }
    // On to the next use still to choose, or the next one.
    let uses = c.uses.as_deref().unwrap_or_default();
    c.at = (c.at + 1..count)
        .chain(0..c.at)
        .find(|&i| uses[i].into.is_empty())
        .unwrap_or((c.at + 1).min(last));
    ask(app)
}

/// Makes the change, when its preview is of the change the form asks for now.
fn confirm(app: &mut App) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    match (&c.preview, c.wanted()) {
        (Preview::Would(_), Ok(change)) if c.previewed.as_ref() == Some(&change) => {
            c.preview = Preview::Making;
            vec![Effect::MakeChange {
                change: Box::new(change),
            }]
        }
        (Preview::Counting, _) => {
            app.message = Some("Still counting what it changes.".into());
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Offers the codes that match the line in focus, when it names one.
fn offer(app: &mut App) {
    let b = &mut app.board;
    let Some(c) = &mut b.changing else { return };
    c.offer = None;
    c.offered.clear();
    let Some(field) = c.fields.get(c.focus).filter(|f| f.takes_code) else {
        return;
    };
    let Some(counted) = &b.counted else { return };
    let codes: Vec<&str> = counted
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .filter(|name| *name != c.code)
        .collect();
    let typed = field.line.text().trim();
    c.offered = crate::tui::form::pick::ranked(typed, &codes)
        .into_iter()
        .map(|i| codes[i].to_owned())
        .collect();
}

/// Asks for what the form's change would do, or says what it still needs.
fn ask(app: &mut App) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    match c.wanted() {
        Ok(change) => {
            c.preview = Preview::Counting;
            c.previewed = Some(change.clone());
            vec![Effect::PreviewChange {
                change: Box::new(change),
            }]
        }
        Err(hint) => {
            c.preview = Preview::Hint(hint);
            c.previewed = None;
            Vec::new()
        }
    }
}

/// What a preview found, when it is of the change the form asks for now.
pub fn previewed(app: &mut App, change: &Change, answer: Result<String, String>) {
    let Some(c) = &mut app.board.changing else {
        return;
    };
    if c.previewed.as_ref() == Some(change) && c.preview == Preview::Counting {
        c.preview = match answer {
            Ok(would) => Preview::Would(would),
            Err(why) => Preview::Refused(why),
        };
    }
}

/// A split's uses, read: each to be given its parts.
pub fn uses_read(app: &mut App, code: &str, parts: &[String], mut uses: Vec<Use>) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    if c.code != code || [c.text(0), c.text(1)] != parts {
        return Vec::new();
    }
    for u in &mut uses {
        u.into.clear();
    }
    c.uses = Some(uses);
    c.at = 0;
    c.uses_top = Scroll::default();
    c.previewed = None;
    ask(app)
}

/// The change made, or why it was not: true when the notebook changed. Made, the form closes
/// and the board selects where the code's uses went; refused, the form says why.
pub fn changed(app: &mut App, change: &Change, answer: Result<String, String>) -> bool {
    let then_quit = app.board.changing.as_ref().is_some_and(|c| c.then_quit);
    match answer {
        Ok(said) => {
            app.board.changing = None;
            app.board.select = landing(change);
            app.message = Some(said);
            app.quit = then_quit;
            true
        }
        Err(why) => {
            if let Some(c) = &mut app.board.changing {
                c.preview = Preview::Refused(why.clone());
                c.previewed = None;
            }
            app.message = Some(why);
            app.quit = then_quit;
            false
        }
    }
}

/// The code to select once `change` is made: where its uses went.
fn landing(change: &Change) -> Option<String> {
    match change {
        Change::Rename { new, .. } => Some(new.clone()),
        Change::Merge { into, .. } => Some(into.clone()),
        Change::Move { code, .. } => Some(code.clone()),
        Change::Add(code) => Some(code.name.clone()),
        Change::Retire { into, .. } => into.clone(),
        Change::Split(plan) => plan.parts.first().cloned(),
    }
}
