//! Changes to `codebook.yaml` itself, each written in place (comments, unknown keys and the
//! other codes stay byte for byte) and checked to read back as the codebook wanted.

use super::{Codebook, is_slug};
use crate::yaml::patch::{Step, set_text};

/// The codebook `text` with the code `old` named `new`, and every `parent:` that named it
/// too. A codebook without `old` (a code used in notes only) is left as it is.
pub fn renamed(text: &str, old: &str, new: &str) -> Result<String, String> {
    let (book, _) = Codebook::parse(text);
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
            out = set_text(&out, &path, Some(new), &["name", "description"]).map_err(|r| r.0)?;
            wanted.codes[i].parent = Some(new.to_owned());
        }
    }
    if Codebook::parse(&out).0 == wanted {
        Ok(out)
    } else {
        Err("the codebook would not read back the same with the code renamed".into())
    }
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
}
