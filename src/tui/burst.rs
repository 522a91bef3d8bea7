//! Effects asked for in one burst of keys, pared down before they run.

use super::effect::Effect;

/// Of several searches asked for at once only the last matters, and a note is read once.
pub(super) fn coalesced(effects: Vec<Effect>) -> Vec<Effect> {
    let last_search = effects
        .iter()
        .rposition(|e| matches!(e, Effect::Search { .. }));
    // The board's counts too: a paste on its search line counts once.
    let last_count = effects
        .iter()
        .rposition(|e| matches!(e, Effect::Board { .. }));
    let mut kept: Vec<Effect> = Vec::new();
    for (i, effect) in effects.into_iter().enumerate() {
        let superseded = (matches!(effect, Effect::Search { .. }) && Some(i) != last_search)
            || (matches!(effect, Effect::Board { .. }) && Some(i) != last_count);
        if !superseded && !kept.contains(&effect) {
            kept.push(effect);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Sort;

    #[test]
    fn only_the_last_search_of_a_burst_runs() {
        let search = |q: &str| Effect::Search {
            query: q.into(),
            sort: Sort::Relevance,
            limit: 10,
        };
        let load = Effect::Load {
            path: "a.yaml".into(),
        };
        let kept = coalesced(vec![search("t"), load.clone(), search("ta"), load.clone()]);
        assert_eq!(kept, vec![load, search("ta")]);
        // A paste on the board's search line counts the board once.
        let count = |q: &str| Effect::Board { query: q.into() };
        assert_eq!(coalesced(vec![count("s"), count("st")]), vec![count("st")]);
    }
}
