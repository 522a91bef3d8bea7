//! Changes to `codebook.yaml` itself, each written in place (comments, unknown keys and the
//! other codes stay byte for byte) and checked to read back as the codebook wanted.

use super::{Codebook, is_slug};
use crate::yaml::patch::{Step, remove_item, set_text, set_value};

/// The codebook in `text`, refused while it has errors: a codebook read only in part could
/// hide the very code a change must see.
pub(super) fn readable(text: &str) -> Result<Codebook, String> {
    let (book, problems) = Codebook::parse(text);
    match problems.iter().find(|p| p.is_error()) {
        Some(problem) => Err(format!(
            "the codebook has errors (line {}: {}): run `fieldnotes check` and fix them first",
            problem.pos.line, problem.message
        )),
        None => Ok(book),
    }
}

/// `out`, if it reads back as `wanted` without errors (a tree that goes round, say).
fn checked(out: String, wanted: &Codebook, what: &str) -> Result<String, String> {
    let (book, problems) = Codebook::parse(&out);
    if let Some(problem) = problems.iter().find(|p| p.is_error()) {
        return Err(format!(
            "{what} would leave the codebook wrong: {}",
            problem.message
        ));
    }
    if book == *wanted {
        Ok(out)
    } else {
        Err(format!(
            "the codebook would not read back the same after {what}"
        ))
    }
}

/// A code's keys in the canonical order.
const CODE_KEYS: [&str; 7] = [
    "name",
    "description",
    "parent",
    "include",
    "exclude",
    "example",
    "color",
];

/// The keys that come before `key` in a code, where a missing `key` is added after them.
fn keys_before(key: &str) -> &'static [&'static str] {
    let at = CODE_KEYS
        .iter()
        .position(|k| *k == key)
        .unwrap_or(CODE_KEYS.len());
    &CODE_KEYS[..at]
}

/// The codebook `text` with the code `old` named `new`, and every `parent:` that named it
/// too. A codebook without `old` (a code used in notes only) is left as it is.
pub fn renamed(text: &str, old: &str, new: &str) -> Result<String, String> {
    let book = readable(text)?;
    if !is_slug(new) {
        return Err(format!(
            "`{new}` is not a code name: use lowercase letters, digits and hyphens, like `{}`",
            crate::notebook::store::slug(new)
        ));
    }
    if book.get(new).is_some() {
        return Err(format!(
            "the codebook has `{new}` already: to make `{old}` and `{new}` one code, use `fieldnotes codes merge {old} {new}`"
        ));
    }
    let mut wanted = book.clone();
    let mut out = text.to_owned();
    for (i, code) in book.codes.iter().enumerate() {
        if code.name == old {
            let path = [Step::Key("codes"), Step::Item(i), Step::Key("name")];
            out = set_text(&out, &path, Some(new), &[]).map_err(|r| r.0)?;
            wanted.codes[i].name = new.to_owned();
        }
        if code.parent.as_deref() == Some(old) {
            let path = [Step::Key("codes"), Step::Item(i), Step::Key("parent")];
            out = set_text(&out, &path, Some(new), keys_before("parent")).map_err(|r| r.0)?;
            wanted.codes[i].parent = Some(new.to_owned());
        }
    }
    checked(out, &wanted, "the rename")
}

/// The codebook `text` with the codes `from` merged into `into`: their entries gone, what
/// they said (description, include, exclude, example) added under `into`'s own as lines the
/// researcher can trim, and their sub-codes moved under `into`. `into` must be in the
/// codebook; a code of `from` that is not (used in notes only) just goes.
pub fn merged(text: &str, from: &[String], into: &str) -> Result<String, String> {
    let book = readable(text)?;
    if from.iter().any(|f| f == into) {
        return Err(format!("`{into}` cannot be merged into itself"));
    }
    let Some(target) = book.codes.iter().position(|c| c.name == into) else {
        return Err(format!(
            "the codebook has no `{into}`: add it first (`fieldnotes codes add {into}`), or give one code its name with `fieldnotes codes rename`"
        ));
    };
    let mut wanted = book.clone();
    let mut out = text.to_owned();
    let gone = |name: &str| from.iter().any(|f| f == name);
    // What the merged codes said, kept under `into`'s own words.
    let merged_codes: Vec<&super::Code> = book.codes.iter().filter(|c| gone(&c.name)).collect();
    out = keep_said(out, &merged_codes, target, &mut wanted)?;
    for (i, code) in book.codes.iter().enumerate() {
        let Some(parent) = code.parent.as_deref().filter(|p| gone(p)) else {
            continue;
        };
        // A sub-code of a merged code moves under `into`; `into` itself, or a code above it,
        // under the merged code's own parent: under `into` the tree would go round.
        let above_into = book.with_descendants(&code.name).contains(&into);
        let new_parent = if i == target || above_into {
            book.get(parent)
                .and_then(|p| p.parent.clone())
                .filter(|p| !gone(p))
        } else {
            Some(into.to_owned())
        };
        let path = [Step::Key("codes"), Step::Item(i), Step::Key("parent")];
        out =
            set_text(&out, &path, new_parent.as_deref(), keys_before("parent")).map_err(|r| r.0)?;
        wanted.codes[i].parent = new_parent;
    }
    for i in (0..book.codes.len())
        .rev()
        .filter(|&i| gone(&book.codes[i].name))
    {
        out = remove_item(&out, &[Step::Key("codes")], i).map_err(|r| r.0)?;
        wanted.codes.remove(i);
    }
    checked(out, &wanted, "the merge")
}

/// `out` with what `codes` said kept under the code at `target`: their description,
/// include, exclude and example as `From X:` lines under its own, for the researcher to trim;
/// their colour and unknown keys where it has none of its own. `wanted` follows.
fn keep_said(
    mut out: String,
    codes: &[&super::Code],
    target: usize,
    wanted: &mut Codebook,
) -> Result<String, String> {
    type Said = fn(&super::Code) -> Option<&String>;
    let fields: [(&str, Said); 4] = [
        ("description", |c| c.description.as_ref()),
        ("include", |c| c.include.as_ref()),
        ("exclude", |c| c.exclude.as_ref()),
        ("example", |c| c.example.as_ref()),
    ];
    let own = wanted.codes[target].clone();
    let mut noted = Vec::new();
    for code in codes {
        out = carried(out, code, target, wanted, &mut noted)?;
    }
    for (key, said) in fields {
        let mut lines: Vec<String> = said(&own).into_iter().cloned().collect();
        for code in codes {
            if let Some(words) = said(code) {
                lines.push(format!("From {}: {words}", code.name));
            }
        }
        if key == "description" {
            lines.append(&mut noted);
        }
        let joined = lines.join("\n");
        if said(&own) != Some(&joined) && !lines.is_empty() {
            let path = [Step::Key("codes"), Step::Item(target), Step::Key(key)];
            out = set_text(&out, &path, Some(&joined), keys_before(key)).map_err(|r| r.0)?;
            let field = match key {
                "description" => &mut wanted.codes[target].description,
                "include" => &mut wanted.codes[target].include,
                "exclude" => &mut wanted.codes[target].exclude,
                _ => &mut wanted.codes[target].example,
            };
            *field = Some(joined);
        }
    }
    Ok(out)
}

/// `out` with the colour and the keys fieldnotes does not know of `code`, merged into the
/// code at `target`, carried over where that code has none of its own; where it has, it
/// keeps its own and the merged code's is `noted` for its description: nothing is lost.
fn carried(
    mut out: String,
    code: &super::Code,
    target: usize,
    wanted: &mut Codebook,
    noted: &mut Vec<String>,
) -> Result<String, String> {
    let at = |key| [Step::Key("codes"), Step::Item(target), Step::Key(key)];
    if let Some(colour) = &code.color {
        match &wanted.codes[target].color {
            None => {
                out = set_text(&out, &at("color"), Some(colour), keys_before("color"))
                    .map_err(|r| r.0)?;
                wanted.codes[target].color = Some(colour.clone());
            }
            Some(own) if own != colour => {
                noted.push(format!("From {}: color {colour}", code.name));
            }
            Some(_) => {}
        }
    }
    for (key, node) in &code.extra.0 {
        let own = wanted.codes[target].extra.0.iter().find(|(k, _)| k == key);
        match own {
            None => {
                // After every key the code has, where the read-back expects it.
                let mut after: Vec<&str> = CODE_KEYS.to_vec();
                after.extend(
                    wanted.codes[target]
                        .extra
                        .0
                        .iter()
                        .map(|(k, _)| k.name.as_str()),
                );
                out = set_value(&out, &at(&key.name), Some(node), &after).map_err(|r| r.0)?;
                wanted.codes[target]
                    .extra
                    .0
                    .push((key.clone(), node.clone()));
            }
            Some((_, own)) if own != node => {
                let value = crate::yaml::to_canonical_string(node).unwrap_or_default();
                let value = value.trim().replace('\n', " ");
                noted.push(format!("From {}: {}: {value}", code.name, key.name));
            }
            Some(_) => {}
        }
    }
    Ok(out)
}

/// The codebook `text` with `code` moved under `parent` (to the top with none). Refused when
/// either is missing, or when `parent` is `code` or sits under it: the tree would go round.
pub fn moved(text: &str, code: &str, parent: Option<&str>) -> Result<String, String> {
    let book = readable(text)?;
    let Some(at) = book.codes.iter().position(|c| c.name == code) else {
        return Err(format!("the codebook has no `{code}`"));
    };
    if let Some(parent) = parent {
        if book.get(parent).is_none() {
            return Err(format!(
                "the codebook has no `{parent}` to move `{code}` under"
            ));
        }
        if book.with_descendants(code).contains(&parent) {
            return Err(format!(
                "`{parent}` is `{code}` or sits under it: moving `{code}` under it would make the tree go round"
            ));
        }
    }
    let path = [Step::Key("codes"), Step::Item(at), Step::Key("parent")];
    let out = set_text(text, &path, parent, keys_before("parent")).map_err(|r| r.0)?;
    let mut wanted = book;
    wanted.codes[at].parent = parent.map(str::to_owned);
    checked(out, &wanted, "the move")
}

/// The codebook `text` without `code`, its sub-codes moved up under its own parent.
pub fn retired(text: &str, code: &str) -> Result<String, String> {
    let book = readable(text)?;
    let Some(at) = book.codes.iter().position(|c| c.name == code) else {
        return Ok(text.to_owned());
    };
    let above = book.codes[at].parent.clone();
    let mut wanted = book.clone();
    let mut out = text.to_owned();
    for (i, child) in book.codes.iter().enumerate() {
        if child.parent.as_deref() == Some(code) {
            let path = [Step::Key("codes"), Step::Item(i), Step::Key("parent")];
            out =
                set_text(&out, &path, above.as_deref(), keys_before("parent")).map_err(|r| r.0)?;
            wanted.codes[i].parent = above.clone();
        }
    }
    out = remove_item(&out, &[Step::Key("codes")], at).map_err(|r| r.0)?;
    wanted.codes.remove(at);
    checked(out, &wanted, "retiring the code")
}

/// The codebook `text` with `code` split into `parts`: each part the codebook lacks added
/// where `code` stood (under its parent), every part given what `code` said (as `From X:`
/// lines to trim, its colour and unknown keys where the part has none), then `code` retired,
/// its sub-codes moving up. Nothing the code's entry held is lost.
pub fn split(text: &str, code: &str, parts: &[String]) -> Result<String, String> {
    let book = readable(text)?;
    let was = book.get(code).cloned();
    let mut out = text.to_owned();
    for part in parts {
        if part == code {
            return Err(format!("`{code}` cannot be split into itself"));
        }
        if book.get(part).is_none() {
            let mut added = super::Code::named(part);
            added.parent = was.as_ref().and_then(|c| c.parent.clone());
            out = super::with_code_added(&out, &added)?;
        }
        let Some(was) = &was else { continue };
        let mut wanted = readable(&out)?;
        let Some(target) = wanted.codes.iter().position(|c| c.name == *part) else {
            continue;
        };
        out = keep_said(out, &[was], target, &mut wanted)?;
        out = checked(out, &wanted, "the split")?;
    }
    retired(&out, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "# our codes\ncodes:\n  - name: quiet   # from the first walks\n    description: Keeps the peace\n  - name: hush\n    parent: quiet\n    owner: ana\n  - name: trust\n";

    #[test]
    fn a_rename_changes_the_name_and_the_parents_that_name_it_and_nothing_else() {
        let out = renamed(BOOK, "quiet", "courtesy").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            BOOK.replace("name: quiet ", "name: courtesy ")
                .replace("parent: quiet", "parent: courtesy")
        );
        assert_eq!(renamed(&out, "courtesy", "quiet").as_deref(), Ok(BOOK));
    }

    #[test]
    fn a_rename_onto_a_code_there_or_a_name_that_is_no_slug_is_refused() {
        let onto = renamed(BOOK, "quiet", "trust").unwrap_err();
        assert!(onto.contains("codes merge quiet trust"), "{onto}");
        let bad = renamed(BOOK, "quiet", "Quiet Please").unwrap_err();
        assert!(bad.contains("quiet-please"), "{bad}");
        // A code the codebook lacks: the codebook stays as it is.
        assert_eq!(renamed(BOOK, "price", "cost").as_deref(), Ok(BOOK));
    }

    #[test]
    fn a_merge_keeps_what_the_merged_code_said_and_moves_its_sub_codes() {
        // A comment on the merged code's entry would go with it: refused, to be moved by hand.
        let refused = merged(BOOK, &["quiet".to_owned()], "trust").unwrap_err();
        assert!(refused.contains("comment"), "{refused}");
        let text = BOOK.replace("   # from the first walks", "");
        let out = merged(&text, &["quiet".to_owned()], "trust").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "# our codes\ncodes:\n  - name: hush\n    parent: trust\n    owner: ana\n  - name: trust\n    description: \"From quiet: Keeps the peace\"\n"
        );
        let (book, problems) = Codebook::parse(&out);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
        assert!(book.get("quiet").is_none());
        // Into its own sub-code: the sub-code takes the merged code's place.
        let out = merged(&text, &["quiet".to_owned()], "hush").unwrap_or_else(|e| panic!("{e}"));
        let (book, _) = Codebook::parse(&out);
        assert_eq!(book.get("hush").and_then(|c| c.parent.clone()), None);
        assert!(merged(BOOK, &["quiet".to_owned()], "absent").is_err());
        assert!(merged(BOOK, &["quiet".to_owned()], "quiet").is_err());
    }

    #[test]
    fn a_move_sets_the_parent_and_a_cycle_is_refused() {
        let out = moved(BOOK, "trust", Some("quiet")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out, format!("{BOOK}    parent: quiet\n"));
        assert_eq!(moved(&out, "trust", None).as_deref(), Ok(BOOK));
        let round = moved(BOOK, "quiet", Some("hush")).unwrap_err();
        assert!(round.contains("go round"), "{round}");
        assert!(moved(BOOK, "quiet", Some("quiet")).is_err());
        assert!(moved(BOOK, "quiet", Some("absent")).is_err());
    }

    #[test]
    fn a_retired_code_leaves_the_codebook_and_its_sub_codes_move_up() {
        let text = BOOK.replace("   # from the first walks", "");
        let out = retired(&text, "quiet").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "# our codes\ncodes:\n  - name: hush\n    owner: ana\n  - name: trust\n"
        );
    }

    #[test]
    fn a_merge_carries_the_colour_and_unknown_keys_over_and_notes_those_it_cannot() {
        let text = "codes:\n  - name: calm\n    color: \"#112233\"\n    owner: bo\n  - name: quiet\n    color: \"#445566\"\n    owner: ana\n    since: 1979\n  - name: hush\n    color: \"#778899\"\n";
        let out = merged(text, &["quiet".to_owned()], "calm").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "codes:\n  - name: calm\n    description: |-\n      From quiet: color #445566\n      From quiet: owner: ana\n    color: \"#112233\"\n    owner: bo\n    since: 1979\n  - name: hush\n    color: \"#778899\"\n"
        );
        // A code with no colour or owner of its own takes the merged one's.
        let text = "codes:\n  - name: calm # kept\n  - name: quiet\n    color: \"#445566\"\n    owner: ana\n";
        let out = merged(text, &["quiet".to_owned()], "calm").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "codes:\n  - name: calm # kept\n    color: \"#445566\"\n    owner: ana\n"
        );
    }

    #[test]
    fn a_split_gives_every_part_what_the_code_said_and_loses_none_of_it() {
        let text = "codes:\n  - name: quiet\n    description: Keeps the peace\n    include: on trains\n    example: Not here.\n    color: \"#445566\"\n    owner: ana\n  - name: calm\n    description: Stays calm\n";
        let parts = ["calm".to_owned(), "hush".to_owned()];
        let out = split(text, "quiet", &parts).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            "codes:\n  - name: calm\n    description: |-\n      Stays calm\n      From quiet: Keeps the peace\n    include: \"From quiet: on trains\"\n    example: \"From quiet: Not here.\"\n    color: \"#445566\"\n    owner: ana\n  - name: hush\n    description: \"From quiet: Keeps the peace\"\n    include: \"From quiet: on trains\"\n    example: \"From quiet: Not here.\"\n    color: \"#445566\"\n    owner: ana\n"
        );
    }

    #[test]
    fn a_merge_into_a_code_below_a_sub_code_never_makes_the_tree_go_round() {
        let text = "codes:\n  - name: quiet\n  - name: hush\n    parent: quiet\n  - name: deep\n    parent: hush\n";
        let out = merged(text, &["quiet".to_owned()], "deep").unwrap_or_else(|e| panic!("{e}"));
        let (book, problems) = Codebook::parse(&out);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
        assert_eq!(book.get("hush").and_then(|c| c.parent.clone()), None);
        assert_eq!(
            book.get("deep").and_then(|c| c.parent.as_deref()),
            Some("hush")
        );
    }

    #[test]
    fn a_codebook_with_errors_is_never_changed() {
        let text = "codes:\n  - name: calm\n  - name: \"broken\n";
        let refused = renamed(text, "other", "calm").unwrap_err();
        assert!(refused.contains("fieldnotes check"), "{refused}");
        assert!(retired(text, "calm").is_err());
    }
}
