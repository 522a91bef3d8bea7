//! Shell completion from the notebook: the shell asks `fieldnotes` itself (with `COMPLETE`
//! set) for ids, why-codes, kinds and studies while the user presses Tab.

mod common;

use std::path::Path;

use common::{Sandbox, copy_dir, sample};

/// What the binary offers for the last of `words` (the command line so far), asked the way
/// the registration script of `shell` asks.
fn offered(sandbox: &Sandbox, dir: &Path, shell: &str, words: &[&str]) -> (Vec<String>, String) {
    let index = (words.len() - 1).to_string();
    let output = sandbox
        .command_in(dir, &["--", "fieldnotes"])
        .args(&words[1..])
        .env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", &index)
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .output()
        .expect("the completer runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    // zsh candidates carry their help after a colon.
    let names = stdout
        .lines()
        .map(|l| l.split(':').next().unwrap_or(l).to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    (names, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn ids_codes_kinds_and_studies_come_from_the_notebook_in_bash_and_zsh() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    // Studies come from the index once there is one.
    sandbox.run(&notebook, &["index"]).assert_code(0);
    for shell in ["bash", "zsh"] {
        let (codes, stderr) = offered(
            &sandbox,
            &notebook,
            shell,
            &["fieldnotes", "list", "--why", "pri"],
        );
        assert_eq!(codes, ["private-soundtrack"], "{shell}: {stderr}");
        let (ids, _) = offered(
            &sandbox,
            &notebook,
            shell,
            &["fieldnotes", "tag", "1979-03-14"],
        );
        assert_eq!(ids, ["1979-03-14-teen-boombox-shibuya"], "{shell}");
        let (codes, _) = offered(
            &sandbox,
            &notebook,
            shell,
            &[
                "fieldnotes",
                "tag",
                "1979-03-14-teen-boombox-shibuya",
                "soc",
            ],
        );
        assert_eq!(codes, ["social-courtesy"], "{shell}");
        let (kinds, _) = offered(&sandbox, &notebook, shell, &["fieldnotes", "new", "obs"]);
        assert_eq!(kinds, ["observation"], "{shell}");
        let (studies, _) = offered(
            &sandbox,
            &notebook,
            shell,
            &["fieldnotes", "list", "--study", "port"],
        );
        assert_eq!(studies, ["portable-music"], "{shell}");
        let (ids, _) = offered(
            &sandbox,
            &notebook,
            shell,
            &["fieldnotes", "rm", "1979-03-15-sal"],
        );
        assert_eq!(ids, ["1979-03-15-salaryman-yamanote-line"], "{shell}");
    }
}

#[test]
fn outside_a_notebook_nothing_is_offered_and_nothing_is_said() {
    let sandbox = Sandbox::new();
    let empty = sandbox.path("empty");
    std::fs::create_dir_all(&empty).expect("a folder");
    let (ids, stderr) = offered(&sandbox, &empty, "bash", &["fieldnotes", "show", "19"]);
    assert!(ids.is_empty(), "{ids:?}");
    assert_eq!(stderr, "");
}

#[test]
fn the_printed_script_completes_in_a_real_bash() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let script = sandbox.run(&notebook, &["completions", "bash"]);
    script.assert_code(0);
    let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
    let path = format!(
        "{}:{}",
        bin.parent().expect("a folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let driver = r#"
source /dev/stdin
COMP_WORDS=(fieldnotes list --why auto); COMP_CWORD=3
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
_clap_complete_fieldnotes fieldnotes auto --why
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let mut bash = std::process::Command::new("bash");
    bash.args(["-c", driver])
        .current_dir(&notebook)
        .env("PATH", path)
        .env("HOME", sandbox.home())
        .env("XDG_DATA_HOME", sandbox.path("data"))
        .env("XDG_CACHE_HOME", sandbox.path("cache"))
        .env("XDG_CONFIG_HOME", sandbox.path("config"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = bash.spawn().expect("bash runs");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(script.stdout.as_bytes()).expect("script");
    }
    let output = child.wait_with_output().expect("bash ends");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "autonomy");
}
