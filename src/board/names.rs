//! Names as numbers: every code, participant, study, researcher, kind, day and month the
//! board meets is numbered once per process, and each note keeps its names as numbers beside
//! the strings, so that counting over a large notebook compares and indexes integers.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::NoteFacts;

/// A note's names as numbers, taken from its strings when first counted (a note whose fields
/// change after that is a new note to the board): never part of its value.
#[derive(Clone, Default)]
pub struct Numbered(OnceLock<Box<[u32]>>);

impl Numbered {
    /// Whether the note was numbered.
    pub fn is_set(&self) -> bool {
        self.0.get().is_some()
    }
}

impl PartialEq for Numbered {
    fn eq(&self, _: &Numbered) -> bool {
        true
    }
}

impl Eq for Numbered {}

impl std::fmt::Debug for Numbered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Numbered")
    }
}

/// The number of no name (a note without a study, place or researcher).
pub const NONE: u32 = u32::MAX;

/// A hash map keyed by names or numbers, with a hasher several times cheaper per short name
/// than the default one (which is built to resist chosen keys; a flood of colliding names
/// would only slow the board, never change a count).
pub type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// Names of one kind, numbered in the order first met.
#[derive(Default)]
pub struct Table<K> {
    ids: FxMap<K, u32>,
    names: Vec<K>,
}

impl<K: std::hash::Hash + Eq + Clone> Table<K> {
    /// The number of `name`, numbering it if new.
    pub fn id<Q>(&mut self, name: &Q) -> u32
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(NONE);
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    /// The number of `name`, if it has one.
    pub fn get<Q>(&self, name: &Q) -> Option<u32>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.ids.get(name).copied()
    }

    /// The name numbered `id`.
    pub fn name(&self, id: u32) -> &K {
        &self.names[id as usize]
    }

    /// How many names are numbered.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no name is numbered.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Every kind of name the board counts, each numbered on its own so that a count over one
/// kind is a short array. Places are not: nearly every note has its own, and numbering them
/// for every note would cost more memory than counting them as text when asked.
#[derive(Default)]
pub struct Names {
    /// Why-codes.
    pub codes: Table<String>,
    /// Studies.
    pub studies: Table<String>,
    /// Researchers.
    pub researchers: Table<String>,
    /// Kinds of note.
    pub kinds: Table<String>,
    /// Days, `YYYY-MM-DD`.
    pub days: Table<String>,
    /// Months, `YYYY-MM`.
    pub months: Table<String>,
    /// Aliases.
    pub aliases: Table<String>,
    /// Participants: (study, alias) numbers, [`NONE`] for no study.
    pub people: Table<(u32, u32)>,
}

static NAMES: LazyLock<RwLock<Names>> = LazyLock::new(RwLock::default);

/// The names, to read. Never held while a note is first numbered.
pub fn read() -> RwLockReadGuard<'static, Names> {
    NAMES.read().unwrap_or_else(PoisonError::into_inner)
}

/// The names, to number more.
pub fn write() -> RwLockWriteGuard<'static, Names> {
    NAMES.write().unwrap_or_else(PoisonError::into_inner)
}

// Where each number sits in a note's numbers: then two ends per part (the note, then each
// finding: its codes, then its people) into the rest.
const STUDY: usize = 0;
const RESEARCHER: usize = 1;
const KIND: usize = 2;
const DAY: usize = 3;
const MONTH: usize = 4;
const FINDINGS: usize = 5;
const NOTE_ID: usize = 6;
const EVIDENCE: usize = 8;
const HEAD: usize = 9;

impl Names {
    /// `note`'s names as numbers.
    pub fn number(&mut self, note: &NoteFacts) -> Box<[u32]> {
        let mut out = Vec::new();
        self.number_into(note, &mut out);
        out.into_boxed_slice()
    }

    /// `note`'s names as numbers, added to the end of `out`.
    pub fn number_into(&mut self, note: &NoteFacts, out: &mut Vec<u32>) {
        let parts = note.findings.len() + 1;
        // Sized exactly: a hundred thousand notes leave no slack behind.
        let lists: usize = std::iter::once((note.codes.as_slice(), note.people.as_slice()))
            .chain(
                note.findings
                    .iter()
                    .map(|f| (f.codes.as_slice(), f.about(note))),
            )
            .map(|(codes, people)| codes.len() + people.len())
            .sum();
        out.reserve(HEAD + 2 * parts + lists);
        let base = out.len();
        let optional = |table: &mut Table<String>, v: &Option<super::name::Name>| {
            v.as_deref().map_or(NONE, |v| table.id(v))
        };
        let study = optional(&mut self.studies, &note.study);
        out.extend([
            study,
            optional(&mut self.researchers, &note.researcher),
            self.kinds.id(note.kind.as_str()),
            self.days.id(note.day.as_str()),
            self.months.id(note.month()),
            u32::try_from(note.findings.len()).unwrap_or(NONE),
        ]);
        let id = id_hash(&note.id);
        out.extend([
            id as u32,
            (id >> 32) as u32,
            u32::try_from(note.evidence.len()).unwrap_or(NONE),
        ]);
        out.resize(base + HEAD + 2 * parts, 0);
        let end = |out: &mut Vec<u32>, slot: usize| {
            let at = u32::try_from(out.len() - base - HEAD - 2 * parts).unwrap_or(NONE);
            out[base + HEAD + slot] = at;
        };
        let lists = std::iter::once((note.codes.as_slice(), note.people.as_slice())).chain(
            note.findings
                .iter()
                .map(|f| (f.codes.as_slice(), f.about(note))),
        );
        for (part, (codes, people)) in lists.enumerate() {
            for code in codes {
                out.push(self.codes.id(code.as_str()));
            }
            end(out, 2 * part);
            for alias in people {
                let alias = self.aliases.id(alias.as_str());
                out.push(self.people.id(&(study, alias)));
            }
            end(out, 2 * part + 1);
        }
    }
}

/// A note's names as numbers, read: its head, the two ends of each part's lists, the lists.
#[derive(Clone, Copy)]
pub struct Ids<'a> {
    head: &'a [u32],
    ends: &'a [u32],
    lists: &'a [u32],
}

impl<'a> Ids<'a> {
    /// The numbers of `note`, numbering it now if it never was.
    pub fn of(note: &'a NoteFacts) -> Ids<'a> {
        Ids::within(note.numbered.0.get_or_init(|| write().number(note)))
    }

    /// The numbers [`Names::number_into`] wrote for one note.
    pub fn within(all: &'a [u32]) -> Ids<'a> {
        let (head, rest) = all.split_at(HEAD.min(all.len()));
        let parts = head.get(FINDINGS).map_or(0, |n| *n as usize + 1);
        let (ends, lists) = rest.split_at((2 * parts).min(rest.len()));
        Ids { head, ends, lists }
    }

    /// The study, or [`NONE`].
    pub fn study(&self) -> u32 {
        self.head[STUDY]
    }

    /// The researcher, or [`NONE`].
    pub fn researcher(&self) -> u32 {
        self.head[RESEARCHER]
    }

    /// The kind.
    pub fn kind(&self) -> u32 {
        self.head[KIND]
    }

    /// The day.
    pub fn day(&self) -> u32 {
        self.head[DAY]
    }

    /// The month.
    pub fn month(&self) -> u32 {
        self.head[MONTH]
    }

    /// A hash of the note's id, to find a note by id without reading every note's id.
    pub fn id_hash(&self) -> u64 {
        u64::from(self.head[NOTE_ID]) | (u64::from(self.head[NOTE_ID + 1]) << 32)
    }

    /// How many notes an insight names as its evidence.
    pub fn evidence(&self) -> usize {
        self.head[EVIDENCE] as usize
    }

    /// How many findings the note has.
    pub fn findings(&self) -> usize {
        self.head[FINDINGS] as usize
    }

    /// Every code on the note and its findings, in order, repeats kept.
    pub fn all_codes(&self) -> impl Iterator<Item = u32> + 'a {
        let (ends, lists) = (self.ends, self.lists);
        (0..ends.len() / 2).flat_map(move |part| {
            let start = if part == 0 { 0 } else { ends[2 * part - 1] };
            lists[start as usize..ends[2 * part] as usize]
                .iter()
                .copied()
        })
    }

    fn list(&self, slot: usize) -> &'a [u32] {
        let start = if slot == 0 { 0 } else { self.ends[slot - 1] };
        &self.lists[start as usize..self.ends[slot] as usize]
    }

    /// The codes on the note as a whole (`None`) or on finding `j`.
    pub fn codes(&self, finding: Option<usize>) -> &'a [u32] {
        self.list(2 * finding.map_or(0, |j| j + 1))
    }

    /// The participants of the note (`None`) or of finding `j`.
    pub fn people(&self, finding: Option<usize>) -> &'a [u32] {
        self.list(2 * finding.map_or(0, |j| j + 1) + 1)
    }
}

/// A hash of a note's id, as [`Ids::id_hash`] gives it.
pub fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// The number of each day by its place in date order (days as written sort as dates). Kept
/// until a new day is numbered: days are only ever added, and sorting thousands of them for
/// every wall would cost more than the wall.
pub fn day_ranks(names: &Names) -> std::sync::Arc<Vec<u32>> {
    static KEPT: std::sync::Mutex<Option<std::sync::Arc<Vec<u32>>>> = std::sync::Mutex::new(None);
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(ranks) = kept.as_ref().filter(|r| r.len() == names.days.len()) {
        return ranks.clone();
    }
    let ranks = std::sync::Arc::new(rank_days(names));
    *kept = Some(ranks.clone());
    ranks
}

fn rank_days(names: &Names) -> Vec<u32> {
    let mut order: Vec<u32> = (0..u32::try_from(names.days.len()).unwrap_or(NONE)).collect();
    order.sort_unstable_by(|a, b| names.days.name(*a).cmp(names.days.name(*b)));
    let mut rank = vec![0; order.len()];
    for (r, day) in order.into_iter().enumerate() {
        rank[day as usize] = u32::try_from(r).unwrap_or(NONE);
    }
    rank
}

/// A set of numbers, as bits.
#[derive(Default)]
pub struct Marks(Vec<u64>);

impl Marks {
    /// Room for numbers below `n`.
    pub fn with(n: usize) -> Marks {
        Marks(vec![0; n.div_ceil(64)])
    }

    /// Marks `n`: whether it was not yet.
    pub fn mark(&mut self, n: u32) -> bool {
        let (word, bit) = (n as usize / 64, n % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        let new = self.0[word] & (1 << bit) == 0;
        self.0[word] |= 1 << bit;
        new
    }

    /// Unmarks `n`.
    pub fn unmark(&mut self, n: u32) {
        if let Some(w) = self.0.get_mut(n as usize / 64) {
            *w &= !(1 << (n % 64));
        }
    }

    /// Whether `n` is marked.
    pub fn has(&self, n: u32) -> bool {
        self.0
            .get(n as usize / 64)
            .is_some_and(|w| w & (1 << (n % 64)) != 0)
    }

    /// The numbers marked, smallest first.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            (0..64u32)
                .filter(move |b| word & (1 << b) != 0)
                .map(move |b| w as u32 * 64 + b)
        })
    }

    /// How many numbers are marked.
    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}
