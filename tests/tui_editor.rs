#![cfg(unix)]
//! Editing from the UI, alone in its test binary because it sets `EDITOR` for the process.

mod common;

use std::path::{Path, PathBuf};

use common::ui::Ui;
use ratatui::crossterm::event::KeyCode;

#[test]
fn editing_a_problem_at_its_line_fixes_it_in_place() {
    let home = tempfile::tempdir().expect("temp dir");
    let editor = write_editor(home.path(), "s/1979-03-32/1979-03-30/");
    // SAFETY: this is the only test in its binary, and no other thread runs yet.
    unsafe {
        std::env::set_var("EDITOR", &editor);
        std::env::remove_var("VISUAL");
    }
    let mut ui = Ui::sample((100, 30));
    ui.press(KeyCode::Tab);
    ui.press(KeyCode::Char('p'));
    ui.settle(|app| app.problems.list.as_ref().is_some_and(|l| l.len() == 1));
    assert_eq!(ui.runtime.app().browse.broken, 1);
    ui.press(KeyCode::Enter);
    let log = std::fs::read_to_string(home.path().join("editor.log")).expect("editor ran");
    assert!(
        log.starts_with("+3 "),
        "the editor is asked for line 3: {log}"
    );
    ui.settle(|app| app.problems.list.as_ref().is_some_and(Vec::is_empty));
    assert_eq!(ui.runtime.app().browse.broken, 0);
    assert!(
        ui.screen()
            .contains("`fieldnotes check` finds nothing to fix.")
    );
}

/// An editor called `vi` (so it is given `+LINE`) that logs its arguments and applies a sed
/// script to the file.
fn write_editor(dir: &Path, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let editor = bin.join("vi");
    let log = dir.join("editor.log");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nfor last; do :; done\nsed -i '{script}' \"$last\"\n",
            log.display()
        ),
    )
    .expect("write the editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    editor
}
