//! A research report in Markdown: a table of codes by study, then for each study the findings
//! under each why-code (the codebook's order and hierarchy, a heading a level), each with its
//! quote, what was done, the researcher's remark, who, where, when and the note it is from;
//! then the insights with their evidence.

use std::collections::{BTreeMap, HashSet};

use crate::codebook::Codebook;
use crate::note::{Finding, Note};
use crate::notebook::NoteFile;

/// What the report is of, for its first lines.
pub struct Heading<'a> {
    /// The notebook's name.
    pub name: &'a str,
    /// The search that chose the notes, if one did.
    pub query: Option<&'a str>,
    /// The day it was made.
    pub today: String,
}

/// The report of `notes` as Markdown.
pub fn markdown(notes: &[NoteFile], codebook: &Codebook, heading: &Heading) -> String {
    let mut out = String::new();
    let findings: usize = notes.iter().map(|f| f.note.findings.len()).sum();
    out.push_str(&format!(
        "# {}: what people did and why\n\n",
        escape(heading.name)
    ));
    let chosen = heading.query.map_or(String::new(), |q| {
        format!(" · the notes `{}` finds", q.replace('`', "'"))
    });
    out.push_str(&format!(
        "{} · {} · made {}{chosen}\n\n",
        crate::cli::plural(notes.len(), "note"),
        crate::cli::plural(findings, "finding"),
        heading.today
    ));
    let order = code_order(codebook, notes);
    let mut studies: BTreeMap<String, Vec<&NoteFile>> = BTreeMap::new();
    for file in notes.iter().filter(|f| f.note.kind != "insight") {
        let study = file.note.study.clone().unwrap_or_default();
        studies.entry(study).or_default().push(file);
    }
    summary(&mut out, &order, &studies);
    for (study, files) in &studies {
        let name = if study.is_empty() { "No study" } else { study };
        out.push_str(&format!("## Study: {}\n\n", escape(name)));
        for (code, depth) in &order {
            let under: HashSet<&str> = descendants(&order, code);
            if !files.iter().any(|f| uses_any(&f.note, &under)) {
                continue;
            }
            let level = "#".repeat((3 + depth).min(6));
            let missing = if codebook.get(code).is_none() {
                " (not in the codebook)"
            } else {
                ""
            };
            out.push_str(&format!("{level} {}{missing}\n\n", escape(code)));
            for file in files {
                uses(&mut out, file, code);
            }
        }
        let uncoded: Vec<&&NoteFile> = files
            .iter()
            .filter(|f| f.note.findings.iter().any(|x| x.why.is_empty()))
            .collect();
        if !uncoded.is_empty() {
            out.push_str("### Not coded yet\n\n");
            for file in uncoded {
                for f in file.note.findings.iter().filter(|f| f.why.is_empty()) {
                    piece(&mut out, file, f);
                }
            }
        }
    }
    insights(&mut out, notes);
    out
}

/// Every code the report speaks of, in the codebook's order and tree (with its depth), then
/// the codes notes use that the codebook lacks.
fn code_order(codebook: &Codebook, notes: &[NoteFile]) -> Vec<(String, usize)> {
    let mut order: Vec<(String, usize)> = codebook
        .depth_first()
        .into_iter()
        .map(|(code, depth)| (code.name.clone(), depth))
        .collect();
    let mut missing: Vec<String> = notes
        .iter()
        .flat_map(|f| {
            f.note
                .why
                .iter()
                .chain(f.note.findings.iter().flat_map(|x| &x.why))
        })
        .filter(|c| codebook.get(c).is_none())
        .cloned()
        .collect();
    missing.sort();
    missing.dedup();
    order.extend(missing.into_iter().map(|c| (c, 0)));
    order
}

/// `code` and the codes listed under it in `order`.
fn descendants<'a>(order: &'a [(String, usize)], code: &str) -> HashSet<&'a str> {
    let mut found = HashSet::new();
    let Some(at) = order.iter().position(|(c, _)| c == code) else {
        return found;
    };
    let depth = order[at].1;
    found.insert(order[at].0.as_str());
    for (c, d) in &order[at + 1..] {
        if *d <= depth {
            break;
        }
        found.insert(c.as_str());
    }
    found
}

fn uses_any(note: &Note, codes: &HashSet<&str>) -> bool {
    note.why.iter().any(|c| codes.contains(c.as_str()))
        || note
            .findings
            .iter()
            .any(|f| f.why.iter().any(|c| codes.contains(c.as_str())))
}

/// The uses of `code` in one note: the note as a whole, then each finding.
fn uses(out: &mut String, file: &NoteFile, code: &str) {
    if file.note.why.iter().any(|c| c == code) {
        let whole = Finding {
            did: Some("(the note as a whole)".into()),
            ..Finding::default()
        };
        piece(out, file, &whole);
    }
    for f in file
        .note
        .findings
        .iter()
        .filter(|f| f.why.iter().any(|c| c == code))
    {
        piece(out, file, f);
    }
}

/// One piece of evidence: the quote, what was done, the remark, then who, where, when and
/// the note.
fn piece(out: &mut String, file: &NoteFile, finding: &Finding) {
    let n = &file.note;
    let (quote, did, remark) = (
        finding.quote.as_deref(),
        finding.did.as_deref(),
        finding.note.as_deref(),
    );
    // The people the finding names, when it names them; else the note's.
    let named = crate::board::facts::who(&finding.extra);
    if let Some(quote) = quote {
        for line in quote.lines() {
            out.push_str(&format!("> {}\n", escape(line)));
        }
        out.push('\n');
    }
    let mut said = Vec::new();
    if let Some(did) = did {
        said.push(escape(did));
    }
    if let Some(remark) = remark {
        said.push(format!("*{}*", escape(remark)));
    }
    let who: Vec<String> = n
        .participants
        .iter()
        .filter(|p| named.is_empty() || named.contains(&p.alias))
        .map(|p| match &p.about {
            Some(about) => format!("{} ({})", escape(&p.alias), escape(about)),
            None => escape(&p.alias),
        })
        .collect();
    let mut context = Vec::new();
    if !who.is_empty() {
        context.push(who.join(", "));
    }
    if let Some(place) = &n.place {
        context.push(escape(place));
    }
    context.push(n.date.to_string());
    context.push(format!("[{}]({})", escape(&file.id), link(&file.path)));
    if !said.is_empty() {
        out.push_str(&format!("{}  \n", said.join(" ")));
    }
    out.push_str(&format!("— {}\n\n", context.join(", ")));
}

/// Codes by study: pieces of evidence (findings and notes coded as a whole) in each.
fn summary(
    out: &mut String,
    order: &[(String, usize)],
    studies: &BTreeMap<String, Vec<&NoteFile>>,
) {
    if order.is_empty() || studies.is_empty() {
        return;
    }
    out.push_str("## Codes by study\n\n| code |");
    for study in studies.keys() {
        let name = if study.is_empty() { "no study" } else { study };
        out.push_str(&format!(" {} |", escape(name)));
    }
    out.push_str(" all |\n|---|");
    out.push_str(&"---:|".repeat(studies.len() + 1));
    out.push('\n');
    for (code, depth) in order {
        let counts: Vec<usize> = studies
            .values()
            .map(|files| files.iter().map(|f| count(&f.note, code)).sum())
            .collect();
        let all: usize = counts.iter().sum();
        if all == 0 {
            continue;
        }
        // Non-breaking spaces: a table cell keeps them, so the tree shows.
        let indent = "\u{a0}\u{a0}".repeat(*depth);
        out.push_str(&format!("| {indent}{} |", escape(code)));
        for n in counts {
            out.push_str(&format!(" {n} |"));
        }
        out.push_str(&format!(" {all} |\n"));
    }
    out.push('\n');
}

fn count(note: &Note, code: &str) -> usize {
    usize::from(note.why.iter().any(|c| c == code))
        + note
            .findings
            .iter()
            .filter(|f| f.why.iter().any(|c| c == code))
            .count()
}

/// The insights, each with its status, action and evidence.
fn insights(out: &mut String, notes: &[NoteFile]) {
    let insights: Vec<&NoteFile> = notes.iter().filter(|f| f.note.kind == "insight").collect();
    if insights.is_empty() {
        return;
    }
    out.push_str("## Insights\n\n");
    let by_id: BTreeMap<&str, &NoteFile> = notes.iter().map(|f| (f.id.as_str(), f)).collect();
    for file in insights {
        let n = &file.note;
        out.push_str(&format!("### {}\n\n", escape(&n.title)));
        let mut line = vec![
            n.date.to_string(),
            format!("[{}]({})", escape(&file.id), link(&file.path)),
        ];
        if let Some(status) = &n.status {
            line.insert(0, format!("**{}**", escape(status)));
        }
        out.push_str(&format!("{}\n\n", line.join(" · ")));
        if let Some(action) = &n.action {
            out.push_str(&format!("Action: {}\n\n", escape(action)));
        }
        if !n.evidence.is_empty() {
            out.push_str("Evidence:\n\n");
            for id in &n.evidence {
                match by_id.get(id.as_str()) {
                    Some(e) => out.push_str(&format!(
                        "- [{}]({}): {}\n",
                        escape(id),
                        link(&e.path),
                        escape(&e.note.title)
                    )),
                    None => out.push_str(&format!(
                        "- {} (not among the notes exported)\n",
                        escape(id)
                    )),
                }
            }
            out.push('\n');
        }
    }
}

/// A note's path as a Markdown link target, relative to the notebook's root.
fn link(path: &std::path::Path) -> String {
    path.to_string_lossy()
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// `text` with the characters Markdown would act on escaped, on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
