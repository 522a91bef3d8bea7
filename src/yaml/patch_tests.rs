//! Tests of changing one list in a YAML file and nothing else.

use super::patch::{Refused, Step, set_words};

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_owned()).collect()
}

const NOTE: &str = "\
kind: interview # how we met
title: Teen with a boombox
date: 2024-01-01
tags: [commute]
why:
  - autonomy
  # the main one
  - portability
body: |
  line one

findings:
  - did: turns it off
    why: [private-soundtrack]  # first guess
  - did: carries it
    quote: \"heavy\"
  - {did: laughs, quote: ok}
extra_key: kept
";

fn set(path: &[Step], list: &[&str], after: &[&str]) -> Result<String, Refused> {
    set_words(NOTE, path, &words(list), after)
}

#[test]
fn a_flow_list_is_written_again_in_place_keeping_its_comment() {
    let out = set(
        &[Step::Key("findings"), Step::Item(0), Step::Key("why")],
        &["private-soundtrack", "social-courtesy"],
        &[],
    )
    .unwrap();
    assert_eq!(
        out,
        NOTE.replace(
            "why: [private-soundtrack]  # first guess",
            "why: [private-soundtrack, social-courtesy]  # first guess"
        )
    );
}

#[test]
fn a_block_list_gains_and_loses_lines_and_keeps_its_comments() {
    let added = set(
        &[Step::Key("why")],
        &["autonomy", "portability", "pace"],
        &[],
    )
    .unwrap();
    assert_eq!(
        added,
        NOTE.replace("  - portability\n", "  - portability\n  - pace\n")
    );
    let removed = set(&[Step::Key("why")], &["portability"], &[]).unwrap();
    assert_eq!(removed, NOTE.replace("  - autonomy\n", ""));
}

#[test]
fn a_missing_list_is_added_after_the_keys_before_it() {
    let out = set(
        &[Step::Key("findings"), Step::Item(1), Step::Key("why")],
        &["pace"],
        &["did", "quote"],
    )
    .unwrap();
    assert_eq!(
        out,
        NOTE.replace(
            "    quote: \"heavy\"\n",
            "    quote: \"heavy\"\n    why: [pace]\n"
        )
    );
    let flow = set(
        &[Step::Key("findings"), Step::Item(2), Step::Key("why")],
        &["pace"],
        &["did", "quote"],
    )
    .unwrap();
    assert_eq!(flow, NOTE.replace("quote: ok}", "quote: ok, why: [pace]}"));
    let top = set(&[Step::Key("study")], &["x"], &["kind", "title", "date"]).unwrap();
    assert_eq!(
        top,
        NOTE.replace("date: 2024-01-01\n", "date: 2024-01-01\nstudy: [x]\n")
    );
}

#[test]
fn an_emptied_list_goes_unless_a_comment_would_go_with_it() {
    let out = set(&[Step::Key("tags")], &[], &[]).unwrap();
    assert_eq!(out, NOTE.replace("tags: [commute]\n", ""));
    assert!(set(&[Step::Key("why")], &[], &[]).is_err());
    assert!(
        set(
            &[Step::Key("findings"), Step::Item(0), Step::Key("why")],
            &[],
            &[]
        )
        .is_err()
    );
}

#[test]
fn words_that_need_quotes_get_them_and_a_reordering_is_refused() {
    let out = set(&[Step::Key("tags")], &["commute", "a, b", "#x"], &[]).unwrap();
    let back = crate::yaml::parse(&out).unwrap();
    let crate::yaml::Value::Map(entries) = back.value else {
        panic!("a mapping")
    };
    let tags = &entries.iter().find(|(k, _)| k.name == "tags").unwrap().1;
    let expected: Vec<crate::yaml::Node> = ["commute", "a, b", "#x"]
        .iter()
        .map(|w| crate::yaml::Value::Str((*w).into()).into())
        .collect();
    assert_eq!(tags.value, crate::yaml::Value::Seq(expected));
    assert!(set(&[Step::Key("why")], &["portability", "autonomy"], &[]).is_err());
}

#[test]
fn a_list_at_the_end_of_a_file_without_a_newline_gains_one() {
    let text = "kind: interview\nwhy:\n  - a";
    let out = set_words(text, &[Step::Key("why")], &words(&["a", "b"]), &[]).unwrap();
    assert_eq!(out, "kind: interview\nwhy:\n  - a\n  - b\n");
}
