//! Tests of code lists changed item by item: a rename writes over the item's own bytes only,
//! so renaming back gives the very bytes the user wrote.

use super::patch::{Step, set_words};

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_owned()).collect()
}

/// `text` with the note's `why` set to `list`.
fn why(text: &str, list: &[&str]) -> String {
    match set_words(text, &[Step::Key("why")], &words(list), &[]) {
        Ok(out) => out,
        Err(refused) => panic!("{text:?} to {list:?}: {}", refused.0),
    }
}

#[test]
fn a_blank_item_stays_where_it_is_and_the_items_around_it_keep_their_words() {
    let text = "why:\n  - \"\"\n  - trust\n  - calm\n";
    let renamed = why(text, &["belonging", "calm"]);
    assert_eq!(renamed, "why:\n  - \"\"\n  - belonging\n  - calm\n");
    assert_eq!(why(&renamed, &["trust", "calm"]), text);
}

/// Checks that setting `text`'s `why` (which holds `was`) to `is` gives `expected`, and that
/// setting it back gives `text` again, byte for byte.
fn round_trip(text: &str, was: &[&str], is: &[&str], expected: &str) {
    let changed = why(text, is);
    assert_eq!(changed, expected, "{was:?} to {is:?}");
    assert_eq!(why(&changed, was), text, "{is:?} back to {was:?}");
}

#[test]
fn a_blank_item_keeps_its_place_through_crlf_and_a_byte_order_mark() {
    let text = "\u{feff}kind: x\r\nwhy:\r\n  - trust\r\n  - ''\r\n  - calm\r\n";
    let expected = "\u{feff}kind: x\r\nwhy:\r\n  - trust\r\n  - ''\r\n  - peace\r\n";
    round_trip(text, &["trust", "calm"], &["trust", "peace"], expected);
    let dropped = why(text, &["calm"]);
    assert_eq!(dropped, "\u{feff}kind: x\r\nwhy:\r\n  - ''\r\n  - calm\r\n");
}

#[test]
fn a_quoted_block_item_is_written_over_with_the_same_quotes() {
    let text = "why:\n  - \"trust\"   # first\n  - 'calm'\n  - other\n";
    round_trip(
        text,
        &["trust", "calm", "other"],
        &["belonging", "calm", "other"],
        "why:\n  - \"belonging\"   # first\n  - 'calm'\n  - other\n",
    );
    round_trip(
        text,
        &["trust", "calm", "other"],
        &["trust", "peace", "other"],
        "why:\n  - \"trust\"   # first\n  - 'peace'\n  - other\n",
    );
    // A code split in two: both parts take the quotes of the item they replace.
    assert_eq!(
        why(text, &["trust", "a", "b", "other"]),
        "why:\n  - \"trust\"   # first\n  - 'a'\n  - 'b'\n  - other\n"
    );
}

#[test]
fn a_word_that_cannot_keep_the_quotes_is_written_the_canonical_way() {
    use super::lists::{Quotes, written};
    assert_eq!(written("calm", Quotes::Double), "\"calm\"");
    assert_eq!(written("it's", Quotes::Single), "'it''s'");
    assert_eq!(written("say \"hi\"", Quotes::Double), "\"say \\\"hi\\\"\"");
    assert_eq!(written("a, b", Quotes::Plain), "\"a, b\"");
    assert_eq!(written("tab\there", Quotes::Single), "\"tab\\there\"");
    let back = crate::yaml::parse("- 'it''s'\n- \"say \\\"hi\\\"\"\n").unwrap();
    let crate::yaml::Value::Seq(items) = back.value else {
        panic!("a list")
    };
    let read: Vec<_> = items.iter().filter_map(|i| i.value.scalar_text()).collect();
    assert_eq!(read, ["it's", "say \"hi\""]);
}

#[test]
fn a_flow_list_with_its_own_spacing_keeps_it_and_only_the_item_changes() {
    round_trip(
        "why: [ trust,calm ]\n",
        &["trust", "calm"],
        &["belonging", "calm"],
        "why: [ belonging,calm ]\n",
    );
    round_trip(
        "why: [trust , other]  # asked twice\n",
        &["trust", "other"],
        &["trust", "belonging"],
        "why: [trust , belonging]  # asked twice\n",
    );
    let inside = "kind: x\nfindings:\n  - {did: y, why: [ trust ,calm,]}\n";
    let path = [Step::Key("findings"), Step::Item(0), Step::Key("why")];
    let renamed = set_words(inside, &path, &words(&["calm"]), &[]);
    assert_eq!(
        renamed,
        Ok("kind: x\nfindings:\n  - {did: y, why: [ calm,]}\n".to_owned())
    );
}

#[test]
fn a_flow_list_on_several_lines_is_changed_item_by_item_and_a_comment_in_it_refuses() {
    let text = "why: [\n  trust,\n  calm\n]\nbody: x\n";
    round_trip(
        text,
        &["trust", "calm"],
        &["belonging", "calm"],
        "why: [\n  belonging,\n  calm\n]\nbody: x\n",
    );
    assert_eq!(
        why(text, &["a", "b", "calm"]),
        "why: [\n  a,\n  b,\n  calm\n]\nbody: x\n"
    );
    assert_eq!(why(text, &["calm"]), "why: [\n  calm\n]\nbody: x\n");
    assert_eq!(why(text, &["trust"]), "why: [\n  trust\n]\nbody: x\n");
    let commented = "why: [\n  trust,  # first\n  calm\n]\n";
    let refused = set_words(commented, &[Step::Key("why")], &words(&["x", "calm"]), &[]);
    assert!(refused.is_err_and(|r| r.0.contains("comment")));
}

#[test]
fn an_item_that_goes_takes_its_separator_and_new_ones_take_the_lists() {
    let text = "why: [a , b , c]\n";
    assert_eq!(why(text, &["a", "c"]), "why: [a , c]\n");
    assert_eq!(why(text, &["c"]), "why: [c]\n");
    assert_eq!(why(text, &["b"]), "why: [b]\n");
    assert_eq!(why(text, &["a", "b"]), "why: [a , b]\n");
    assert_eq!(why(text, &["a", "x", "y", "c"]), "why: [a , x , y , c]\n");
    assert_eq!(why(text, &["a", "b", "c", "d"]), "why: [a , b , c , d]\n");
    assert_eq!(why("why: [a]\n", &["a", "d"]), "why: [a, d]\n");
    // Not an edit in place: the list is written again, as it always was.
    assert_eq!(why(text, &["c", "a"]), "why: [c, a]\n");
    // A tag stays with its item; but an item that goes would take the wrong one with it.
    round_trip(
        "why: [!!str a, b]\n",
        &["a", "b"],
        &["x", "b"],
        "why: [!!str x, b]\n",
    );
    assert_eq!(
        why("why: [a, !!str b]\n", &["x", "y", "b"]),
        "why: [x, y, !!str b]\n"
    );
    assert_eq!(why("why: [a, !!str b]\n", &["b"]), "why: [b]\n");
    assert_eq!(why("why: []\n", &["a"]), "why: [a]\n");
    assert_eq!(why("why:\n", &["a"]), "why: [a]\n");
}

#[test]
fn quoted_flow_items_keep_their_quotes_and_a_blank_one_its_place() {
    let text = "why: [\"trust\", 'calm', other]\n";
    round_trip(
        text,
        &["trust", "calm", "other"],
        &["belonging", "calm", "other"],
        "why: [\"belonging\", 'calm', other]\n",
    );
    round_trip(
        text,
        &["trust", "calm", "other"],
        &["trust", "peace", "other"],
        "why: [\"trust\", 'peace', other]\n",
    );
    round_trip(
        "why: ['', trust]\n",
        &["trust"],
        &["belonging"],
        "why: ['', belonging]\n",
    );
}

#[test]
fn a_single_word_stays_one_in_its_quotes_and_becomes_a_list_only_for_several() {
    round_trip(
        "why: trust   # for now\n",
        &["trust"],
        &["belonging"],
        "why: belonging   # for now\n",
    );
    round_trip(
        "why: \"trust\"\n",
        &["trust"],
        &["belonging"],
        "why: \"belonging\"\n",
    );
    round_trip(
        "why: 'trust'\n",
        &["trust"],
        &["belonging"],
        "why: 'belonging'\n",
    );
    assert_eq!(why("why: 'trust'\n", &["a", "b"]), "why: ['a', 'b']\n");
    assert_eq!(why("why: trust\n", &["trust", "b"]), "why: [trust, b]\n");
    // A block of text is no word on the key's line: the list is written in its place.
    assert_eq!(
        why("why: |\n  trust\nx: 1\n", &["calm"]),
        "why: [calm]\nx: 1\n"
    );
}

#[test]
fn unicode_crlf_and_a_byte_order_mark_stay_through_a_flow_list_change() {
    let text = "\u{feff}title: 電車の中で\r\nwhy: [ café,trust ]\r\n";
    round_trip(
        text,
        &["café", "trust"],
        &["thé", "trust"],
        "\u{feff}title: 電車の中で\r\nwhy: [ thé,trust ]\r\n",
    );
    let lines = "\u{feff}title: 電車\r\nwhy: [\r\n  trust,\r\n  calm\r\n]\r\n";
    round_trip(
        lines,
        &["trust", "calm"],
        &["trust", "静か"],
        "\u{feff}title: 電車\r\nwhy: [\r\n  trust,\r\n  静か\r\n]\r\n",
    );
    assert_eq!(
        why(lines, &["a", "b", "calm"]),
        "\u{feff}title: 電車\r\nwhy: [\r\n  a,\r\n  b,\r\n  calm\r\n]\r\n"
    );
    round_trip(
        "\u{feff}why: trust\r\nx: 1\r\n",
        &["trust"],
        &["静か"],
        "\u{feff}why: 静か\r\nx: 1\r\n",
    );
    round_trip(
        "\u{feff}why: 'trust'\r\n",
        &["trust"],
        &["café"],
        "\u{feff}why: 'café'\r\n",
    );
}
