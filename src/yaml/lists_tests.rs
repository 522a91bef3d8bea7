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
