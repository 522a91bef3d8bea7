//! The codebook as a REFI-QDA codebook (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`), the
//! exchange file NVivo, ATLAS.ti, MAXQDA and QualCoder read: every code with its place in the
//! tree, its colour, and what it means (the description, then when to use it and not, and an
//! example). Each code's GUID is derived from its name, so exporting twice gives the same ids.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::codebook::{Code, Codebook};

/// The namespace every REFI-QDA id of fieldnotes is derived in (a v5 UUID of the product's
/// name), so that ids are stable across exports and machines.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f1b_2c0e_4d3a_5b8e_9a71_0c2d_3e4f_5a6b);

/// The stable GUID of `kind` (`code`, `source`, `case`...) named `name`.
pub fn guid(kind: &str, name: &str) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, format!("{kind}:{name}").as_bytes())
        .hyphenated()
        .to_string()
}

/// What a code means, as one REFI-QDA description: fieldnotes' fields, labelled.
pub fn description(code: &Code) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = &code.description {
        parts.push(d.clone());
    }
    for (label, text) in [
        ("Include", &code.include),
        ("Exclude", &code.exclude),
        ("Example", &code.example),
    ] {
        if let Some(text) = text {
            parts.push(format!("{label}: {text}"));
        }
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// The `.qdc` of `codebook`, or why there is none to write.
pub fn write(codebook: &Codebook) -> Result<Vec<u8>, String> {
    if codebook.codes.is_empty() {
        return Err("the codebook has no codes (a REFI-QDA codebook holds at least one)".into());
    }
    let mut out = Writer::new_with_indent(Vec::new(), b' ', 2);
    let io = |e: std::io::Error| e.to_string();
    out.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(io)?;
    let mut root = BytesStart::new("CodeBook");
    root.push_attribute(("xmlns", "urn:QDA-XML:codebook:1.0"));
    root.push_attribute(("origin", origin().as_str()));
    out.write_event(Event::Start(root)).map_err(io)?;
    write_codes(&mut out, codebook)?;
    out.write_event(Event::End(BytesEnd::new("CodeBook")))
        .map_err(io)?;
    let mut bytes = out.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// The program that wrote a file, as REFI-QDA's `origin` says it.
pub fn origin() -> String {
    format!("fieldnotes {}", env!("CARGO_PKG_VERSION"))
}

/// The `<Codes>` element: the tree, each code inside its parent.
pub fn write_codes<W: std::io::Write>(
    out: &mut Writer<W>,
    codebook: &Codebook,
) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    out.write_event(Event::Start(BytesStart::new("Codes")))
        .map_err(io)?;
    let mut seen = std::collections::HashSet::new();
    for code in codebook.children(None) {
        code_element(out, codebook, code, &mut seen)?;
    }
    out.write_event(Event::End(BytesEnd::new("Codes")))
        .map_err(io)
}

fn code_element<W: std::io::Write>(
    out: &mut Writer<W>,
    codebook: &Codebook,
    code: &Code,
    seen: &mut std::collections::HashSet<String>,
) -> Result<(), String> {
    // A tree that goes round (a broken codebook) is written once, not forever.
    if !seen.insert(code.name.clone()) {
        return Ok(());
    }
    let io = |e: std::io::Error| e.to_string();
    let mut start = BytesStart::new("Code");
    start.push_attribute(("guid", guid("code", &code.name).as_str()));
    start.push_attribute(("name", code.name.as_str()));
    start.push_attribute(("isCodable", "true"));
    if let Some(color) = code.color.as_deref().filter(|c| is_rgb(c)) {
        start.push_attribute(("color", color.to_ascii_uppercase().as_str()));
    }
    let children = codebook.children(Some(&code.name));
    let described = description(code);
    if children.is_empty() && described.is_none() {
        return out.write_event(Event::Empty(start)).map_err(io);
    }
    out.write_event(Event::Start(start)).map_err(io)?;
    if let Some(text) = described {
        out.write_event(Event::Start(BytesStart::new("Description")))
            .map_err(io)?;
        out.write_event(Event::Text(BytesText::new(&text)))
            .map_err(io)?;
        out.write_event(Event::End(BytesEnd::new("Description")))
            .map_err(io)?;
    }
    for child in children {
        code_element(out, codebook, child, seen)?;
    }
    out.write_event(Event::End(BytesEnd::new("Code")))
        .map_err(io)
}

/// Whether `color` is `#RRGGBB`, the only form REFI-QDA takes.
fn is_rgb(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_code_has_the_same_guid_in_every_export() {
        assert_eq!(guid("code", "trust"), guid("code", "trust"));
        assert_ne!(guid("code", "trust"), guid("code", "calm"));
        assert_ne!(guid("code", "trust"), guid("case", "trust"));
        assert_eq!(guid("code", "trust").len(), 36);
    }

    #[test]
    fn codes_nest_under_their_parents_with_what_they_mean() {
        let (book, _) = Codebook::parse(
            "codes:\n  - name: autonomy\n    color: \"#46aa00\"\n  - name: own-pace\n    parent: autonomy\n    description: At their speed & <time>\n    include: on demand\n",
        );
        let xml = String::from_utf8(write(&book).unwrap_or_default()).unwrap_or_default();
        assert!(xml.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"fieldnotes"));
        assert!(xml.contains("name=\"autonomy\" isCodable=\"true\" color=\"#46AA00\">"));
        assert!(xml.contains("name=\"own-pace\""));
        assert!(xml.contains("At their speed &amp; &lt;time&gt;\nInclude: on demand"));
        let inner = xml.find("own-pace").unwrap_or(0);
        let closes = xml.find("</Code>\n").unwrap_or(0);
        assert!(inner < closes, "own-pace sits inside autonomy:\n{xml}");
        assert!(write(&Codebook::default()).is_err());
    }
}
