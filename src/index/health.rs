//! Telling an index whose files are as Tantivy wrote them from a damaged one, before Tantivy
//! reads them, and clearing away what is not an index.
//!
//! Tantivy never changes a segment file once written, but it does not check them when it
//! opens them: garbage in one gives wrong results, errors or panics much later. So after each
//! commit the size and times of every file the index uses are recorded beside it. When
//! opening, a file whose size or times changed since, or that was never recorded (an index
//! made before this record existed, a commit killed before recording), is checked against
//! the checksum Tantivy wrote in it, which reads the whole file; a file that fails is damage.
//! Nothing is read in full while nothing changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::index::SegmentComponent;

use super::fresh::FileMeta;

/// The record of the index's files, kept among them (Tantivy leaves alone what it did not
/// make) so that it goes when they go.
const RECORD: &str = "fieldnotes-files.json";

/// Each file of the index, relative to its folder, with its size and times when recorded.
type Record = BTreeMap<String, (u64, u64, u64)>;

/// Why the files of `index`, in `dir`, are not as Tantivy wrote them, if they are not. Files
/// found sound are recorded, so they are not read again.
pub fn check(dir: &Path, index: &tantivy::Index) -> Result<(), String> {
    let recorded = read(dir);
    let mut sound = Record::new();
    for (name, now) in files(dir, index)? {
        let known = recorded.get(&name) == Some(&now);
        if !known
            && !index
                .directory()
                .validate_checksum(Path::new(&name))
                .unwrap_or(false)
        {
            return Err(format!("{} changed after it was written", kind(&name)));
        }
        sound.insert(name, now);
    }
    if sound != recorded {
        write(dir, &sound);
    }
    Ok(())
}

/// Records the files of `index`, in `dir`, after a commit: those it wrote, and those recorded
/// before that have not changed since. A file changed since is left out, to be checked next
/// time.
pub fn record(dir: &Path, index: &tantivy::Index) {
    let recorded = read(dir);
    let Ok(now) = files(dir, index) else { return };
    let kept: Record = now
        .into_iter()
        .filter(|(name, stamp)| recorded.get(name).is_none_or(|was| was == stamp))
        .collect();
    write(dir, &kept);
}

/// Every file the last commit of `index` uses, with its size and times; an error when one is
/// missing.
fn files(dir: &Path, index: &tantivy::Index) -> Result<Record, String> {
    let metas = index
        .load_metas()
        .map_err(|e| format!("its list of files cannot be read: {e}"))?;
    // Tantivy lists a deletions file for every segment; only segments with deletions have one.
    let absent: Vec<PathBuf> = metas
        .segments
        .iter()
        .filter(|s| !s.has_deletes())
        .map(|s| s.relative_path(SegmentComponent::Delete))
        .collect();
    let mut found = Record::new();
    for file in metas.list_segment_files() {
        if absent.contains(&file) {
            continue;
        }
        let name = file.to_string_lossy().into_owned();
        let meta = std::fs::metadata(dir.join(&file))
            .map_err(|_| format!("{} is missing", kind(&name)))?;
        let stamp = FileMeta::of(&meta);
        found.insert(name, (stamp.size, stamp.mtime, stamp.ctime));
    }
    Ok(found)
}

/// What a file of the index is, for a person: its segment's name means nothing to them.
fn kind(name: &str) -> String {
    match name.split_once('.') {
        Some((_, extension)) => format!("a .{extension} file"),
        None => format!("the file {name}"),
    }
}

fn read(dir: &Path) -> Record {
    std::fs::read(dir.join(RECORD))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the record whole or not at all; without one, the next opening checks every file.
fn write(dir: &Path, record: &Record) {
    let Ok(text) = serde_json::to_vec(record) else {
        return;
    };
    if let Ok(mut file) = tempfile::NamedTempFile::new_in(dir) {
        use std::io::Write;
        if file.write_all(&text).is_ok() {
            let _ = file.persist(dir.join(RECORD));
        }
    }
}

/// Removes whatever is at `path` (a folder with everything in it, a file, a link but never
/// what it points to), so an index can be made there; nothing there is fine.
pub fn clear(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}
