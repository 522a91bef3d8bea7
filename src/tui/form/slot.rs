//! The fields of a note form: which ones each kind of note asks for, in the order Tab visits
//! them, and where each one's text lives in a [`NoteForm`].

use crate::note::{FindingForm, NoteForm, PersonForm};

/// One field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The kind, chosen with ← →.
    Kind,
    /// The title.
    Title,
    /// The date or date-time.
    Date,
    /// The study.
    Study,
    /// The place.
    Place,
    /// Who records it.
    Researcher,
    /// Topic tags, separated by commas.
    Tags,
    /// Why-codes of the whole note.
    Why,
    /// The body.
    Body,
    /// A social post's link.
    Url,
    /// A social post's author.
    Author,
    /// Where a social post was found.
    Platform,
    /// An insight's evidence: notes picked by searching.
    Evidence,
    /// An insight's action.
    Action,
    /// An insight's status.
    Status,
    /// Participant N's pseudonym.
    Alias(usize),
    /// Who participant N is.
    About(usize),
    /// What participant N agreed to.
    Consent(usize),
    /// What the person did, in finding N.
    Did(usize),
    /// What they said.
    Quote(usize),
    /// Why-codes of finding N.
    FindingWhy(usize),
    /// The researcher's remark on finding N.
    Remark(usize),
}

/// What a field holds and so how it is typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// One choice among the notebook's kinds.
    Choice,
    /// A line of text (long ones wrap).
    Line,
    /// Lines of text: Enter starts a new one.
    Lines,
    /// Why-codes, picked from the codebook.
    Codes,
    /// Note ids, picked by searching.
    Notes,
}

impl Slot {
    /// How the field is typed into.
    pub fn holds(self) -> Holds {
        match self {
            Slot::Kind => Holds::Choice,
            Slot::Body => Holds::Lines,
            Slot::Why | Slot::FindingWhy(_) => Holds::Codes,
            Slot::Evidence => Holds::Notes,
            _ => Holds::Line,
        }
    }

    /// Whether the field is one of the details every kind of note has.
    pub fn is_detail(self) -> bool {
        matches!(
            self,
            Slot::Date | Slot::Study | Slot::Researcher | Slot::Tags
        )
    }

    /// Whether typing in the field offers what the notebook already holds (its studies, the
    /// places of its newest notes), though anything may be typed.
    pub fn offers(self) -> bool {
        matches!(self, Slot::Study | Slot::Place)
    }

    /// The label shown before the field, worded for the kind of note.
    pub fn label(self, kind: &str) -> &'static str {
        match self {
            Slot::Kind => "kind",
            Slot::Title => "title",
            Slot::Date => "date",
            Slot::Study => "study",
            Slot::Place => "place",
            Slot::Researcher => "researcher",
            Slot::Tags => "tags",
            Slot::Why => "why (note)",
            Slot::Body if kind == "observation" => "what you saw",
            Slot::Body if kind == "insight" => "reasoning",
            Slot::Body => "body",
            Slot::Url => "url",
            Slot::Author => "author",
            Slot::Platform => "platform",
            Slot::Evidence => "evidence",
            Slot::Action => "action",
            Slot::Status => "status",
            Slot::Alias(_) if kind == "meeting" => "who",
            Slot::Alias(_) => "alias",
            Slot::About(_) if kind == "meeting" => "role",
            Slot::About(_) => "about",
            Slot::Consent(_) => "consent",
            Slot::Did(_) => "did",
            Slot::Quote(_) => "said",
            Slot::FindingWhy(_) => "why",
            Slot::Remark(_) => "remark",
        }
    }

    /// A hint shown in the field while it is empty.
    pub fn placeholder(self) -> &'static str {
        match self {
            Slot::Title => "one line: who, doing what, where",
            Slot::Date => "YYYY-MM-DD or YYYY-MM-DDTHH:MM",
            Slot::Alias(_) => "a pseudonym, never a real name",
            Slot::Consent(_) => "e.g. verbal, notes only",
            Slot::Did(_) => "what they did",
            Slot::Quote(_) => "what they said, in their words",
            Slot::Why | Slot::FindingWhy(_) => "type to pick a why-code",
            Slot::Evidence => "type to find the notes that back it",
            Slot::Tags => "topics, separated by commas",
            Slot::Status => "e.g. proposed, accepted, dropped",
            _ => "",
        }
    }

    /// The participant or finding row the field belongs to.
    pub fn row(self) -> Option<Row> {
        match self {
            Slot::Alias(i) | Slot::About(i) | Slot::Consent(i) => Some(Row::Person(i)),
            Slot::Did(i) | Slot::Quote(i) | Slot::FindingWhy(i) | Slot::Remark(i) => {
                Some(Row::Finding(i))
            }
            _ => None,
        }
    }
}

/// A participant or a finding, counted from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A participant.
    Person(usize),
    /// A finding.
    Finding(usize),
}

/// The fields of `form`, in the order Tab visits them. Each kind asks for what fits it; a
/// field of another kind that holds something is shown too, so nothing typed is ever hidden.
/// Findings (and a meeting's people) end with one blank row to type the next into.
pub fn slots(form: &NoteForm) -> Vec<Slot> {
    let kind = form.kind.as_str();
    let mut order = vec![Slot::Kind, Slot::Title];
    let people = |order: &mut Vec<Slot>, growing: bool| {
        let rows = rows(&form.participants, growing, PersonForm::is_blank);
        for i in 0..rows {
            order.extend([Slot::Alias(i), Slot::About(i)]);
            if kind != "meeting" {
                order.push(Slot::Consent(i));
            }
        }
    };
    let findings = |order: &mut Vec<Slot>| {
        let rows = rows(&form.findings, true, FindingForm::is_blank);
        for i in 0..rows {
            order.extend([
                Slot::Did(i),
                Slot::Quote(i),
                Slot::FindingWhy(i),
                Slot::Remark(i),
            ]);
        }
    };
    match kind {
        "interview" => {
            order.push(Slot::Place);
            people(&mut order, false);
            findings(&mut order);
            order.push(Slot::Body);
        }
        "meeting" => {
            order.push(Slot::Place);
            people(&mut order, true);
            order.push(Slot::Body);
            findings(&mut order);
        }
        "social" => {
            order.extend([Slot::Url, Slot::Author, Slot::Platform]);
            findings(&mut order);
            order.push(Slot::Body);
        }
        "insight" => {
            order.extend([
                Slot::Evidence,
                Slot::Action,
                Slot::Status,
                Slot::Body,
                Slot::Why,
            ]);
        }
        _ => {
            order.push(Slot::Place);
            order.push(Slot::Body);
            findings(&mut order);
        }
    }
    let mut details = vec![
        Slot::Date,
        Slot::Study,
        Slot::Researcher,
        Slot::Tags,
        Slot::Why,
    ];
    for extra in [
        Slot::Place,
        Slot::Url,
        Slot::Author,
        Slot::Platform,
        Slot::Evidence,
        Slot::Action,
        Slot::Status,
    ] {
        if !order.contains(&extra) && !is_empty(form, extra) {
            details.push(extra);
        }
    }
    if !order.contains(&Slot::Alias(0)) && !form.participants.iter().all(PersonForm::is_blank) {
        people(&mut details, false);
    }
    if !order.contains(&Slot::Did(0)) && !form.findings.iter().all(FindingForm::is_blank) {
        findings(&mut details);
    }
    order.extend(
        details
            .into_iter()
            .filter(|s| !order.contains(s))
            .collect::<Vec<_>>(),
    );
    order
}

/// Rows shown for a list of `len`: at least one, and one more after the last when it is in use
/// and the list grows as it is typed into.
fn rows<T>(list: &[T], growing: bool, blank: fn(&T) -> bool) -> usize {
    match list.last() {
        Some(last) if growing && !blank(last) => list.len() + 1,
        _ => list.len().max(1),
    }
}

/// Whether the field holds nothing.
pub fn is_empty(form: &NoteForm, slot: Slot) -> bool {
    match slot {
        Slot::Why => form.why.is_empty(),
        Slot::FindingWhy(i) => form.findings.get(i).is_none_or(|f| f.why.is_empty()),
        Slot::Evidence => form.evidence.is_empty(),
        Slot::Tags => form.tags.iter().all(|t| t.trim().is_empty()),
        _ => text(form, slot).trim().is_empty(),
    }
}

/// The text of a field (tags joined by commas as typed; empty for code and note lists).
pub fn text(form: &NoteForm, slot: Slot) -> String {
    let person = |i: usize| form.participants.get(i).cloned().unwrap_or_default();
    let finding = |i: usize| form.findings.get(i).cloned().unwrap_or_default();
    match slot {
        Slot::Kind => form.kind.clone(),
        Slot::Title => form.title.clone(),
        Slot::Date => form.date.clone(),
        Slot::Study => form.study.clone(),
        Slot::Place => form.place.clone(),
        Slot::Researcher => form.researcher.clone(),
        Slot::Tags => form.tags.join(","),
        Slot::Body => form.body.clone(),
        Slot::Url => form.url.clone(),
        Slot::Author => form.author.clone(),
        Slot::Platform => form.platform.clone(),
        Slot::Action => form.action.clone(),
        Slot::Status => form.status.clone(),
        Slot::Alias(i) => person(i).alias,
        Slot::About(i) => person(i).about,
        Slot::Consent(i) => person(i).consent,
        Slot::Did(i) => finding(i).did,
        Slot::Quote(i) => finding(i).quote,
        Slot::Remark(i) => finding(i).note,
        Slot::Why | Slot::FindingWhy(_) | Slot::Evidence => String::new(),
    }
}

/// Sets the text of a field, adding the participant or finding row it belongs to when the
/// text is typed into the blank row after the last.
pub fn set_text(form: &mut NoteForm, slot: Slot, value: &str) {
    let value = value.to_owned();
    match slot {
        Slot::Kind => form.kind = value,
        Slot::Title => form.title = value,
        Slot::Date => form.date = value,
        Slot::Study => form.study = value,
        Slot::Place => form.place = value,
        Slot::Researcher => form.researcher = value,
        // Split as typed, spaces kept, so that joining gives back exactly what was typed.
        Slot::Tags => form.tags = value.split(',').map(str::to_owned).collect(),
        Slot::Body => form.body = value,
        Slot::Url => form.url = value,
        Slot::Author => form.author = value,
        Slot::Platform => form.platform = value,
        Slot::Action => form.action = value,
        Slot::Status => form.status = value,
        Slot::Alias(i) => person(form, i).alias = value,
        Slot::About(i) => person(form, i).about = value,
        Slot::Consent(i) => person(form, i).consent = value,
        Slot::Did(i) => finding(form, i).did = value,
        Slot::Quote(i) => finding(form, i).quote = value,
        Slot::Remark(i) => finding(form, i).note = value,
        Slot::Why | Slot::FindingWhy(_) | Slot::Evidence => {}
    }
}

/// The list a picking field adds to: why-codes or evidence ids.
pub fn list_mut(form: &mut NoteForm, slot: Slot) -> Option<&mut Vec<String>> {
    match slot {
        Slot::Why => Some(&mut form.why),
        Slot::FindingWhy(i) => Some(&mut finding(form, i).why),
        Slot::Evidence => Some(&mut form.evidence),
        _ => None,
    }
}

/// The list a picking field holds.
pub fn list(form: &NoteForm, slot: Slot) -> &[String] {
    match slot {
        Slot::Why => &form.why,
        Slot::FindingWhy(i) => form.findings.get(i).map_or(&[], |f| f.why.as_slice()),
        Slot::Evidence => &form.evidence,
        _ => &[],
    }
}

fn person(form: &mut NoteForm, i: usize) -> &mut PersonForm {
    if form.participants.len() <= i {
        form.participants.resize_with(i + 1, PersonForm::default);
    }
    &mut form.participants[i]
}

fn finding(form: &mut NoteForm, i: usize) -> &mut FindingForm {
    if form.findings.len() <= i {
        form.findings.resize_with(i + 1, FindingForm::default);
    }
    &mut form.findings[i]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str) -> NoteForm {
        NoteForm {
            kind: kind.into(),
            ..NoteForm::default()
        }
    }

    #[test]
    fn each_kind_asks_for_what_fits_it() {
        let interview = slots(&form("interview"));
        assert_eq!(
            interview[..9],
            [
                Slot::Kind,
                Slot::Title,
                Slot::Place,
                Slot::Alias(0),
                Slot::About(0),
                Slot::Consent(0),
                Slot::Did(0),
                Slot::Quote(0),
                Slot::FindingWhy(0),
            ]
        );
        let social = slots(&form("social"));
        assert_eq!(social[2..5], [Slot::Url, Slot::Author, Slot::Platform]);
        let insight = slots(&form("insight"));
        assert!(insight.contains(&Slot::Evidence) && !insight.contains(&Slot::Did(0)));
        let meeting = slots(&form("meeting"));
        assert!(meeting.contains(&Slot::Alias(0)) && !meeting.contains(&Slot::Consent(0)));
    }

    #[test]
    fn typing_into_the_blank_row_adds_the_next_one() {
        let mut note = form("interview");
        assert!(!slots(&note).contains(&Slot::Did(1)));
        set_text(&mut note, Slot::Did(0), "turns the radio off");
        assert_eq!(note.findings.len(), 1);
        assert!(slots(&note).contains(&Slot::Did(1)));
        set_text(&mut note, Slot::Did(0), "");
        assert!(!slots(&note).contains(&Slot::Did(1)));
    }

    #[test]
    fn what_another_kind_holds_stays_in_view() {
        let mut note = form("insight");
        note.place = "Shibuya".into();
        note.findings.push(FindingForm {
            quote: "mine".into(),
            ..FindingForm::default()
        });
        let order = slots(&note);
        assert!(order.contains(&Slot::Place) && order.contains(&Slot::Quote(0)));
        assert_eq!(order.iter().filter(|s| **s == Slot::Why).count(), 1);
    }

    #[test]
    fn tags_read_back_exactly_as_typed() {
        let mut note = form("interview");
        set_text(&mut note, Slot::Tags, "commute, boombox,");
        assert_eq!(text(&note, Slot::Tags), "commute, boombox,");
    }
}
