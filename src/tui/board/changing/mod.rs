//! Changing the codebook from the board: the selected code renamed, merged, moved, retired or
//! split, or a code added, with the notes and findings the change would touch counted before
//! Enter makes it. The change is the library's (`crate::codebook::change`), the very one the
//! command line makes: this is only its form.

use crate::codebook::Code;
use crate::codebook::change::{Change, split_parts};
use crate::codebook::split::{Plan, Use};
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::line::LineEditor;
use crate::tui::scroll::Scroll;

mod keys;

use keys::ask;
pub use keys::{begin, update};

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
            Kind::Retire => &[("Its uses go into (- drops them)", true)],
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
            // Dropping a code from every note is asked for in so many words, never by an
            // Enter on an empty line.
            Kind::Retire if first == "-" => Change::Retire {
                code,
                drop: true,
                into: None,
            },
            Kind::Retire => Change::Retire {
                code,
                drop: false,
                into: Some(named(
                    "the code its uses go into, or - to drop them from every note",
                )?),
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
