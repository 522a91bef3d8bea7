//! Helpers for the tests of codebook changes: a copy of the sample notebook with a note
//! written by hand and one saved on Windows, and its YAML files read as plain data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Sandbox, copy_dir, sample};
use serde_json::Value;

/// A note written by hand: comments, a key fieldnotes does not know, a block list whose item
/// carries a comment.
pub const HAND_WRITTEN: &str = "\
kind: observation   # seen twice
title: Man with a radio at the bus stop
date: 2024-06-01
weather: drizzle    # not a fieldnotes key
findings:
  - did: holds the radio to his ear
    why:
      - private-soundtrack   # agreed at the first meeting
      - escape
";

/// A note saved on Windows: a byte-order mark, CRLF line ends, a flow list.
pub const WINDOWS: &str = "\u{feff}kind: interview\r\ntitle: Student with earbuds\r\ndate: 2024-06-02\r\nwhy: [private-soundtrack, escape]\r\n";

/// A copy of the sample notebook with the two notes above, and a sandbox to run in.
pub fn notebook() -> (tempfile::TempDir, PathBuf, Sandbox) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("research");
    copy_dir(&sample(), &root);
    std::fs::create_dir_all(root.join("planted")).expect("mkdir");
    std::fs::write(root.join("planted/hand-written.yaml"), HAND_WRITTEN).expect("write");
    std::fs::write(root.join("planted/windows.yaml"), WINDOWS).expect("write");
    (dir, root, Sandbox::new())
}

/// Every YAML file under `root`, by path, as bytes.
pub fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() && !entry.file_name().to_string_lossy().starts_with('.') {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let relative = path.strip_prefix(root).expect("inside").to_path_buf();
                found.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    found
}

/// `bytes` as plain data.
pub fn value(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    serde_saphyr::from_str(text.trim_start_matches('\u{feff}')).expect("YAML")
}

/// Runs `args` on `root`, and checks that it is refused, says `says`, and changes no file.
pub fn refused(sandbox: &Sandbox, root: &Path, args: &[&str], says: &str) {
    let before = files(root);
    let run = sandbox.run(root, args);
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(run.stderr.contains(says), "{}", run.describe());
    assert_eq!(files(root), before, "nothing changed");
}

/// Each note's code lists (the note's, then each finding's), by file.
pub fn lists(files: &BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<Vec<String>>> {
    let words = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|w| w.as_str().map(str::to_owned))
            .collect()
    };
    files
        .iter()
        .filter(|(path, _)| !path.ends_with("codebook.yaml") && !path.ends_with("fieldnotes.yaml"))
        .map(|(path, bytes)| {
            let note = value(bytes);
            let mut found = vec![words(note.get("why"))];
            for finding in note
                .get("findings")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                found.push(words(finding.get("why")));
            }
            (path.clone(), found)
        })
        .collect()
}
