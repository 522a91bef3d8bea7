//! Saving a changed note into the file it came from, keeping everything else the user wrote:
//! each changed value is written in place, so comments, unknown keys and the layout of
//! everything untouched stay byte for byte.

use serde::Serialize;

use super::{Finding, Note, Participant, parse};
use crate::yaml::patch::{self, Refused, Step};
use crate::yaml::{self};

/// The keys of a note in the canonical order.
pub const NOTE_KEYS: [&str; 15] = [
    "kind",
    "title",
    "date",
    "study",
    "place",
    "researcher",
    "participants",
    "tags",
    "why",
    "body",
    "findings",
    "source",
    "evidence",
    "action",
    "status",
];
/// The keys of a finding in the canonical order.
pub const FINDING_KEYS: [&str; 4] = ["did", "quote", "why", "note"];
const PERSON_KEYS: [&str; 3] = ["alias", "about", "consent"];
const SOURCE_KEYS: [&str; 3] = ["url", "author", "platform"];

/// The text of the note file `text`, which reads as `before`, changed so that it reads as
/// `after`. Only what changed is written when that can be done in place; otherwise the note
/// is written in the canonical form when that loses nothing; otherwise the error says what
/// would be lost. The result always reads back as `after`.
pub fn edited(text: &str, before: &Note, after: &Note) -> Result<String, String> {
    if before == after {
        return Ok(text.to_owned());
    }
    let reads_as_after = |written: &str| parse(written).note.as_ref() == Some(after);
    let refused = match in_place(text, before, after) {
        Ok(changed) if reads_as_after(&changed) => return Ok(changed),
        Ok(_) => "the change could not be made in place".to_owned(),
        Err(Refused(why)) => why,
    };
    if let Some((at, why, hint)) = yaml::unkeepable(text) {
        return Err(format!("{refused}, and {why} (line {}): {hint}", at.line));
    }
    let canonical = after.to_yaml();
    if reads_as_after(&canonical) {
        Ok(canonical)
    } else {
        Err(format!(
            "{refused}, and the note would not read back the same"
        ))
    }
}

/// The text of the note file `text`, which reads as `before`, changed so that it reads as
/// `after` by writing only what changed, in place, or an error saying what stands in the way
/// (a comment inside a list, a value written in a way that cannot be kept). Never rewritten
/// whole: for changes across many notes that must touch nothing else.
pub fn edited_in_place(text: &str, before: &Note, after: &Note) -> Result<String, String> {
    if before == after {
        return Ok(text.to_owned());
    }
    match in_place(text, before, after) {
        Ok(changed) if parse(&changed).note.as_ref() == Some(after) => Ok(changed),
        Ok(_) => Err("the change could not be made in place".to_owned()),
        Err(Refused(why)) => Err(why),
    }
}

/// Each changed value written in place, one after the other.
fn in_place(text: &str, before: &Note, after: &Note) -> Result<String, Refused> {
    let texts = [
        ("kind", Some(&before.kind), Some(&after.kind)),
        ("title", Some(&before.title), Some(&after.title)),
        ("study", before.study.as_ref(), after.study.as_ref()),
        ("place", before.place.as_ref(), after.place.as_ref()),
        (
            "researcher",
            before.researcher.as_ref(),
            after.researcher.as_ref(),
        ),
        ("body", before.body.as_ref(), after.body.as_ref()),
        ("action", before.action.as_ref(), after.action.as_ref()),
        ("status", before.status.as_ref(), after.status.as_ref()),
    ];
    let mut out = changed_texts(text.to_owned(), &[], &texts, &NOTE_KEYS)?;
    if before.date != after.date {
        let date = Some(after.date.as_str());
        let order = keys_before("date", &NOTE_KEYS);
        out = patch::set_value(&out, &[Step::Key("date")], date.as_ref(), order)?;
    }
    let lists = [
        ("tags", &before.tags, &after.tags),
        ("why", &before.why, &after.why),
        ("evidence", &before.evidence, &after.evidence),
    ];
    for (key, was, is) in lists {
        if was != is {
            out = patch::set_words(&out, &[Step::Key(key)], is, keys_before(key, &NOTE_KEYS))?;
        }
    }
    out = rows(
        out,
        "participants",
        &before.participants,
        &after.participants,
        person,
    )?;
    out = rows(out, "findings", &before.findings, &after.findings, finding)?;
    if before.source != after.source {
        out = match (&before.source, &after.source) {
            (Some(was), Some(is)) if was.extra == is.extra => {
                let fields = [
                    ("url", was.url.as_ref(), is.url.as_ref()),
                    ("author", was.author.as_ref(), is.author.as_ref()),
                    ("platform", was.platform.as_ref(), is.platform.as_ref()),
                ];
                changed_texts(out, &[Step::Key("source")], &fields, &SOURCE_KEYS)?
            }
            (_, is) => patch::set_value(
                &out,
                &[Step::Key("source")],
                is.as_ref(),
                keys_before("source", &NOTE_KEYS),
            )?,
        };
    }
    if before.extra != after.extra {
        return Err(Refused("keys fieldnotes does not know were changed".into()));
    }
    Ok(out)
}

/// A field's value before and after, by key.
type Change<'a> = (&'static str, Option<&'a String>, Option<&'a String>);

/// The texts of `fields` that changed, set under `at` in `out`; `order` is the canonical
/// order of that mapping's keys.
fn changed_texts(
    mut out: String,
    at: &[Step],
    fields: &[Change],
    order: &'static [&'static str],
) -> Result<String, Refused> {
    for &(key, was, is) in fields {
        if was != is {
            let path = [at, &[Step::Key(key)]].concat();
            let value = is.map(String::as_str);
            out = patch::set_text(&out, &path, value, keys_before(key, order))?;
        }
    }
    Ok(out)
}

/// The keys that come before `key` in `order`.
fn keys_before(key: &str, order: &'static [&'static str]) -> &'static [&'static str] {
    &order[..order.iter().position(|k| *k == key).unwrap_or(0)]
}

/// A list of participants or findings: rows changed in place (`change` gets the row's place
/// in the file), then rows added at the end or taken off the end.
fn rows<T: Serialize + PartialEq>(
    mut out: String,
    key: &'static str,
    before: &[T],
    after: &[T],
    change: impl Fn(String, usize, &T, &T) -> Result<String, Refused>,
) -> Result<String, Refused> {
    if before == after {
        return Ok(out);
    }
    let path = [Step::Key(key)];
    let order = keys_before(key, &NOTE_KEYS);
    let at = file_rows(&out, key);
    let item = |row: usize| at.get(row).copied().unwrap_or(row);
    for (row, (was, is)) in before.iter().zip(after).enumerate() {
        if was != is {
            out = change(out, item(row), was, is)?;
        }
    }
    for added in after.iter().skip(before.len()) {
        out = patch::append_item(&out, &path, added, order)?;
    }
    for gone in (after.len()..before.len()).rev() {
        out = patch::remove_item(&out, &path, item(gone))?;
    }
    Ok(out)
}

/// Where each row the note reads sits in the file's list under `key`: a blank item (a
/// template's untouched row) is no row of the note, but is an item of the file.
fn file_rows(text: &str, key: &str) -> Vec<usize> {
    let Ok(root) = yaml::parse(text) else {
        return Vec::new();
    };
    let yaml::Value::Map(entries) = root.value else {
        return Vec::new();
    };
    match entries
        .iter()
        .find(|(k, _)| k.name == key)
        .map(|(_, n)| &n.value)
    {
        Some(yaml::Value::Seq(items)) => items
            .iter()
            .enumerate()
            .filter(|(_, n)| !yaml::fields::is_blank(&n.value))
            .map(|(i, _)| i)
            .collect(),
        _ => Vec::new(),
    }
}

fn person(out: String, i: usize, was: &Participant, is: &Participant) -> Result<String, Refused> {
    if was.extra != is.extra {
        return Err(Refused("keys fieldnotes does not know were changed".into()));
    }
    let fields = [
        ("alias", Some(&was.alias), Some(&is.alias)),
        ("about", was.about.as_ref(), is.about.as_ref()),
        ("consent", was.consent.as_ref(), is.consent.as_ref()),
    ];
    let at = [Step::Key("participants"), Step::Item(i)];
    changed_texts(out, &at, &fields, &PERSON_KEYS)
}

fn finding(out: String, i: usize, was: &Finding, is: &Finding) -> Result<String, Refused> {
    if was.extra != is.extra {
        return Err(Refused("keys fieldnotes does not know were changed".into()));
    }
    let fields = [
        ("did", was.did.as_ref(), is.did.as_ref()),
        ("quote", was.quote.as_ref(), is.quote.as_ref()),
        ("note", was.note.as_ref(), is.note.as_ref()),
    ];
    let at = [Step::Key("findings"), Step::Item(i)];
    let mut out = changed_texts(out, &at, &fields, &FINDING_KEYS)?;
    if was.why != is.why {
        let path = [Step::Key("findings"), Step::Item(i), Step::Key("why")];
        out = patch::set_words(&out, &path, &is.why, keys_before("why", &FINDING_KEYS))?;
    }
    Ok(out)
}
