//! A note a hand merge left with git's conflict markers, taken apart into the two versions it
//! holds, so that it can be settled field by field like any conflict a sync set aside.

/// Our version and theirs, from a text with `<<<<<<<`, `=======` and `>>>>>>>` lines (and
/// `|||||||` for the common ancestor, which is dropped); `None` when it has no markers or
/// they do not pair up.
pub fn split(text: &str) -> Option<(String, String)> {
    #[derive(PartialEq)]
    enum In {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let (mut ours, mut theirs) = (String::new(), String::new());
    let mut at = In::Both;
    let mut found = false;
    for line in text.split_inclusive('\n') {
        let marker = |m: &str| line.starts_with(m);
        at = match at {
            In::Both if marker("<<<<<<<") => {
                found = true;
                In::Ours
            }
            In::Ours if marker("|||||||") => In::Base,
            In::Ours | In::Base if marker("=======") => In::Theirs,
            In::Theirs if marker(">>>>>>>") => In::Both,
            state => {
                match state {
                    In::Both => {
                        ours.push_str(line);
                        theirs.push_str(line);
                    }
                    In::Ours => ours.push_str(line),
                    In::Theirs => theirs.push_str(line),
                    In::Base => {}
                }
                state
            }
        };
    }
    (found && at == In::Both).then_some((ours, theirs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_versions_come_out_whole_and_the_ancestor_is_dropped() {
        let text = "kind: interview\n<<<<<<< HEAD\ntitle: Ours\n||||||| base\ntitle: Old\n=======\ntitle: Theirs\n>>>>>>> origin/main\ndate: 2024-05-02\n";
        let (ours, theirs) = split(text).expect("markers");
        assert_eq!(ours, "kind: interview\ntitle: Ours\ndate: 2024-05-02\n");
        assert_eq!(theirs, "kind: interview\ntitle: Theirs\ndate: 2024-05-02\n");
        assert_eq!(split("kind: interview\n"), None);
        assert_eq!(split("<<<<<<< HEAD\ntitle: x\n"), None, "unpaired");
    }
}
