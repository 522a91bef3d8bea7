//! The board's work for the runtime: counting over the notes a search line finds, from the
//! facts the index keeps, and reading the words of the pieces of evidence about to be shown.
//! The CLI's `board` and `matrix` count through the same library calls.

use std::sync::Arc;

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::board::{Arranged, Counted, Wall, WallOf, Wanted};
use super::effect::{Effect, Outcome};
use super::work::News;
use crate::board::shown::{Read, Shown, shown};
use crate::board::{Evidence, tree};
use crate::error::Result;
use crate::index::SearchIndex;
use crate::notebook::Notebook;
use crate::query::{self, Mode};

/// Performs a board effect.
pub fn perform(
    effect: &Effect,
    notebook: &Notebook,
    index: Option<&SearchIndex>,
) -> Result<Option<Outcome>> {
    match effect {
        // Until the index is open there is nothing to count: `Ready` counts again.
        // A count that fails says why on the board's line rather than counting for ever.
        Effect::Board { query } => match index {
            Some(index) => {
                let counted = count(notebook, index, query).unwrap_or_else(|e| Counted {
                    query: query.clone(),
                    problem: Some(super::work::one_line(&e)),
                    ..Counted::default()
                });
                Ok(Some(Outcome::Board(Arc::new(counted))))
            }
            None => Ok(None),
        },
        Effect::BoardTexts { wanted } => Ok(Some(Outcome::BoardTexts(read(notebook, wanted)))),
        Effect::InsightWords { paths } => {
            let loaded = notebook.load_paths(paths.iter().map(|p| notebook.root.join(p)).collect());
            // By file: a note that cannot be read now keeps its id for a title.
            let words = loaded
                .notes
                .iter()
                .filter_map(|file| {
                    let path = file.path.strip_prefix(&notebook.root).unwrap_or(&file.path);
                    let path = path.to_str()?.to_owned();
                    Some((path, (file.note.title.clone(), file.note.action.clone())))
                })
                .collect();
            Ok(Some(Outcome::InsightWords(words)))
        }
        _ => Ok(None),
    }
}

/// Everything the board shows, over the notes `text` finds.
fn count(notebook: &Notebook, index: &SearchIndex, text: &str) -> Result<Counted> {
    // As the search line reads it while typing (a half-typed filter is left out until it
    // reads), and what the finished query would say of it is shown, so a filter that never
    // reads (a date that does not exist) is not silently counted as every note.
    let problem = query::parse(text, Mode::Strict)
        .err()
        .map(|e| e.message().to_owned());
    let parsed = query::parse(text, Mode::Typing).unwrap_or_default();
    let all = index.facts_for(&query::Query::default())?;
    let facts = if parsed.groups.is_empty() {
        all.clone()
    } else {
        index.facts_for(&parsed)?
    };
    let (codebook, _) = notebook.codebook();
    let rows = tree(&codebook, &facts);
    let sets = rows.iter().map(|row| row.codes(&codebook)).collect();
    Ok(Counted {
        query: text.to_owned(),
        postings: Default::default(),
        facts,
        all,
        problem,
        rows,
        sets,
    })
}

/// The thread that arranges walls ahead, one for the session. It takes the latest request
/// only: those the selection has moved past are answered empty, so that they can be asked
/// for again.
#[derive(Default)]
pub struct Arranger(Option<Sender<Request>>);

/// Walls to arrange over the counts they were asked for, with the words of their first pieces.
pub struct Request {
    notebook: Notebook,
    counted: Arc<Counted>,
    walls: Vec<WallOf>,
}

impl Arranger {
    /// Asks for `walls` over `counted`, starting the thread the first time; without a thread
    /// (the system refused one) walls are arranged when moved onto, as always.
    pub fn ask(
        &mut self,
        notebook: Notebook,
        counted: Arc<Counted>,
        walls: Vec<WallOf>,
        post: &Sender<News>,
    ) {
        if self.0.is_none() {
            let (ask, asked) = channel();
            let post = post.clone();
            let started = std::thread::Builder::new()
                .name("walls ahead".into())
                .spawn(move || arrange_all(&asked, &post));
            self.0 = started.ok().map(|_| ask);
        }
        if let Some(ask) = &self.0 {
            let _ = ask.send(Request {
                notebook,
                counted,
                walls,
            });
        }
    }
}

fn arrange_all(asked: &Receiver<Request>, post: &Sender<News>) {
    while let Ok(mut request) = asked.recv() {
        let mut passed: Vec<WallOf> = Vec::new();
        while let Ok(later) = asked.try_recv() {
            passed.extend(std::mem::replace(&mut request, later).walls);
        }
        let Request {
            notebook,
            counted,
            walls: asked_for,
        } = request;
        let walls: Vec<Wall> = asked_for
            .iter()
            .filter_map(|&of| Wall::of_code(&counted, of))
            .collect();
        let mut wanted: Vec<Wanted> = Vec::new();
        for wall in &walls {
            for piece in wall.wanted(counted.notes(wall.all), &HashMap::new()) {
                if !wanted.iter().any(|w| w.key == piece.key) {
                    wanted.push(piece);
                }
            }
        }
        let texts = read(&notebook, &wanted);
        passed.extend(asked_for);
        let arranged = Arranged {
            asked: passed,
            walls,
            texts,
        };
        if post.send(News::Arranged(Box::new(arranged))).is_err() {
            return;
        }
    }
}

/// The words of each piece wanted, each file read once.
fn read(notebook: &Notebook, wanted: &[Wanted]) -> Vec<(super::board::TextKey, Shown)> {
    let notes = Read::at(notebook, wanted.iter().map(|w| w.key.0.as_str()));
    wanted
        .iter()
        .map(|w| {
            let piece = Evidence {
                note: 0,
                finding: w.key.1,
            };
            let words = match notes.note(&w.id) {
                Some(note) => shown(note, &w.id, &piece, &w.people, &[]),
                None => unreadable(&w.id),
            };
            (w.key.clone(), words)
        })
        .collect()
}

/// A piece whose note could not be read (changed or removed since it was counted).
fn unreadable(id: &str) -> Shown {
    Shown {
        id: id.to_owned(),
        title: "(this note cannot be read now: changed or removed?)".to_owned(),
        date: String::new(),
        study: None,
        place: None,
        finding: None,
        did: None,
        quote: None,
        remark: None,
        people: Vec::new(),
        also: Vec::new(),
    }
}
