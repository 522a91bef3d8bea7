//! A REFI-QDA codebook (`.qdc`) read into the codes it holds, for `import` to add to the
//! notebook's own: names made slugs, the tree kept, colours and what each code means kept
//! (fieldnotes' labelled lines read back into their fields).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::codebook::{Code, is_slug};
use crate::notebook::store::slug;

/// A `.qdc` larger than this is refused: a codebook of thousands of codes is a few MiB.
pub const MAX_BYTES: usize = 20 << 20;

/// The codes of the `.qdc` in `bytes`, parents before children, or why it cannot be read
/// (with the byte position).
pub fn read(bytes: &[u8]) -> Result<Vec<Code>, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "it is larger than the {} MiB a codebook may be",
            MAX_BYTES >> 20
        ));
    }
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let mut codes: Vec<Code> = Vec::new();
    // The codes open around the one being read, by index into `codes`.
    let mut open: Vec<usize> = Vec::new();
    let mut in_description = false;
    let mut text = String::new();
    let mut root = false;
    let mut buf = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("at byte {at}: {e}"))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"CodeBook" => {
                root = true;
            }
            Event::Start(ref e) if e.local_name().as_ref() == b"Code" => {
                codes.push(code(e, open.last().map(|&i| codes[i].name.clone()), at)?);
                open.push(codes.len() - 1);
            }
            Event::Empty(ref e) if e.local_name().as_ref() == b"Code" => {
                codes.push(code(e, open.last().map(|&i| codes[i].name.clone()), at)?);
            }
            Event::End(e) if e.local_name().as_ref() == b"Code" => {
                open.pop();
            }
            Event::Start(e) if e.local_name().as_ref() == b"Description" => {
                in_description = true;
                text.clear();
            }
            Event::End(e) if e.local_name().as_ref() == b"Description" => {
                in_description = false;
                if let Some(&i) = open.last() {
                    described(&mut codes[i], &text);
                }
            }
            // The text comes in pieces, split at each `&...;`.
            Event::Text(t) if in_description => {
                let piece = t.xml_content().map_err(|e| format!("at byte {at}: {e}"))?;
                text.push_str(&piece);
            }
            Event::CData(t) if in_description => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if in_description => {
                let bad = |e: &dyn std::fmt::Display| format!("at byte {at}: {e}");
                match r.resolve_char_ref().map_err(|e| bad(&e))? {
                    Some(c) => text.push(c),
                    None => {
                        let name = r.decode().map_err(|e| bad(&e))?;
                        let known = quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| bad(&format!("an unknown entity `&{name};`")))?;
                        text.push_str(known);
                    }
                }
            }
            Event::DocType(_) => {
                return Err(format!(
                    "at byte {at}: a document type declaration, which a REFI-QDA codebook never has"
                ));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !root {
        return Err("it has no <CodeBook> element: it is not a REFI-QDA codebook".into());
    }
    Ok(codes)
}

/// A code from its element, under `parent`.
fn code(element: &BytesStart, parent: Option<String>, at: u64) -> Result<Code, String> {
    let mut name = None;
    let mut color = None;
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| format!("at byte {at}: {e}"))?;
        let value = attribute
            .unescape_value()
            .map_err(|e| format!("at byte {at}: {e}"))?
            .into_owned();
        match attribute.key.local_name().as_ref() {
            b"name" => name = Some(value),
            b"color" => color = Some(value),
            _ => {}
        }
    }
    let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
        return Err(format!("at byte {at}: a <Code> without a name"));
    };
    let named = if is_slug(&name) {
        name.clone()
    } else {
        slug(&name)
    };
    if named.is_empty() {
        return Err(format!(
            "at byte {at}: the code name `{name}` has no letter or digit to make a code of"
        ));
    }
    let mut code = Code::named(&named);
    code.parent = parent;
    code.color = color;
    Ok(code)
}

/// `code` given the description `text`: fieldnotes' labelled lines back into their fields,
/// the rest its description.
fn described(code: &mut Code, text: &str) {
    let mut description = Vec::new();
    for line in text.lines() {
        let labelled = [
            ("Include: ", &mut code.include),
            ("Exclude: ", &mut code.exclude),
            ("Example: ", &mut code.example),
        ]
        .into_iter()
        .find_map(|(label, field)| line.strip_prefix(label).map(|rest| (rest, field)));
        match labelled {
            Some((rest, field)) => *field = Some(rest.to_owned()),
            None => description.push(line),
        }
    }
    let description = description.join("\n").trim().to_owned();
    code.description = (!description.is_empty()).then_some(description);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_codebook_from_another_tool_gives_its_codes_as_slugs_under_their_parents() {
        let qdc = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
  <Codes>
    <Code guid="a" name="Trust in People" isCodable="true" color="#112233">
      <Description>Relies on others &amp; friends
Include: a friend's word</Description>
      <Code guid="b" name="word-of-mouth" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>"##;
        let codes = read(qdc.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].name, "trust-in-people");
        assert_eq!(
            codes[0].description.as_deref(),
            Some("Relies on others & friends")
        );
        assert_eq!(codes[0].include.as_deref(), Some("a friend's word"));
        assert_eq!(codes[0].color.as_deref(), Some("#112233"));
        assert_eq!(codes[1].parent.as_deref(), Some("trust-in-people"));
    }

    #[test]
    fn the_sample_codebook_out_and_in_again_is_the_same() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("research");
        let text = std::fs::read_to_string(sample.join("codebook.yaml")).unwrap_or_default();
        let (book, _) = crate::codebook::Codebook::parse(&text);
        let qdc = crate::exchange::qdc::write(&book).unwrap_or_else(|e| panic!("{e}"));
        let codes = read(&qdc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(codes.len(), book.codes.len());
        // Into the same notebook: every code kept, not a byte changed.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::write(root.join("fieldnotes.yaml"), "name: t\n").unwrap_or_default();
        std::fs::write(root.join("codebook.yaml"), &text).unwrap_or_default();
        let notebook = crate::notebook::Notebook::open(root).unwrap_or_else(|e| panic!("{e}"));
        let merged = merge(&notebook, &codes, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
        assert!(merged.added.is_empty());
        assert_eq!(merged.kept.len(), book.codes.len());
        let after = std::fs::read_to_string(root.join("codebook.yaml")).unwrap_or_default();
        assert_eq!(after, text);
        // Into a notebook without codes: the same tree, colours and words.
        std::fs::remove_file(root.join("codebook.yaml")).unwrap_or_default();
        let merged = merge(&notebook, &codes, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(merged.added.len(), book.codes.len());
        let again = std::fs::read_to_string(root.join("codebook.yaml")).unwrap_or_default();
        let (again, problems) = crate::codebook::Codebook::parse(&again);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
        for code in &book.codes {
            let back = again
                .get(&code.name)
                .unwrap_or_else(|| panic!("{} lost", code.name));
            assert_eq!(back.parent, code.parent, "{}", code.name);
            assert_eq!(back.description, code.description, "{}", code.name);
            assert_eq!(back.include, code.include, "{}", code.name);
            assert_eq!(back.color, code.color, "{}", code.name);
        }
    }

    #[test]
    fn what_is_not_a_codebook_is_refused_with_where() {
        assert!(read(b"<CodeBook><Codes><Code name=\"a\"></Codes>").is_err());
        assert!(read(b"<html/>").is_err_and(|e| e.contains("no <CodeBook>")));
        let bomb = b"<!DOCTYPE lolz [<!ENTITY lol \"lol\">]><CodeBook/>";
        assert!(read(bomb).is_err_and(|e| e.contains("document type")));
    }
}

/// What taking a codebook in did: the codes added, and those the notebook had already (left
/// as they are).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Codes added to `codebook.yaml`, in the order they came.
    pub added: Vec<String>,
    /// Codes the codebook had already: left as they are.
    pub kept: Vec<String>,
}

/// Adds `codes` the notebook's codebook lacks to `codebook.yaml`, each after the last code,
/// through the notebook's one way of changing a file: every other byte stays.
pub fn merge(
    notebook: &crate::notebook::Notebook,
    codes: &[Code],
    notice: &dyn Fn(&str),
) -> crate::error::Result<Merged> {
    let path = notebook.root.join(crate::codebook::CODEBOOK_FILE);
    let mut merged = Merged::default();
    notebook.change(&path, notice, |bytes| {
        merged = Merged::default();
        let mut text = match bytes {
            Some(bytes) => crate::yaml::decode(bytes)
                .map_err(|p| crate::error::Error::invalid(p.message, "fix codebook.yaml first"))?
                .to_owned(),
            None => String::new(),
        };
        for code in codes {
            let (book, _) = crate::codebook::Codebook::parse(&text);
            if book.get(&code.name).is_some() {
                merged.kept.push(code.name.clone());
                continue;
            }
            text = crate::codebook::with_code_added(&text, code).map_err(|why| {
                crate::error::Error::invalid(
                    format!("`{}` could not be added: {why}", code.name),
                    "nothing was changed; fix codebook.yaml, then import again",
                )
            })?;
            merged.added.push(code.name.clone());
        }
        Ok((!merged.added.is_empty()).then(|| text.into_bytes()))
    })?;
    Ok(merged)
}
