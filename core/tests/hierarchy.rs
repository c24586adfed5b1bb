//! Sections that nest one level (issue 16, item 9): a priority holding its outcomes, with
//! roll-ups at each level, on examples/dudley-strategy (the Dudley SEND Strategy 2019-21's three
//! priorities x three outcomes).

#[path = "common/examples.rs"]
mod loading;

use betteroff::render::{render, sections_in_order, Format};
use betteroff::Scorecard;

#[test]
fn priorities_hold_their_outcomes_and_roll_them_up() {
    let r = loading::load("examples/dudley-strategy")
        .score(None)
        .unwrap();
    let order: Vec<(&str, usize)> = sections_in_order(&r)
        .into_iter()
        .map(|(s, d)| (s.id.as_str(), d))
        .collect();
    assert_eq!(
        order,
        [
            ("p1", 0),
            ("p1-o1", 1),
            ("p1-o2", 1),
            ("p1-o3", 1),
            ("p2", 0),
            ("p2-o1", 1),
            ("p2-o2", 1),
            ("p2-o3", 1),
            ("p3", 0),
            ("p3-o1", 1),
            ("p3-o2", 1),
            ("p3-o3", 1),
        ]
    );
    let counts = |id: &str| {
        let c = &r
            .summary
            .by_section
            .iter()
            .find(|c| c.section == id)
            .unwrap()
            .counts;
        (c.measures, c.by_status.achieved, c.by_status.off_track)
    };
    // Priority 3 holds no measure of its own; its outcomes hold 1 + 1 + 3: the three Ofsted
    // measures (special schools achieved, primary and secondary off track), the 20-week plans
    // and the training count.
    assert_eq!(counts("p3"), (5, 1, 2));
    assert_eq!(counts("p3-o3"), (3, 1, 2));
    // Every measure is counted once overall.
    assert_eq!(r.summary.all.measures, 11);
    for f in [Format::Text, Format::Markdown, Format::Html] {
        let out = render(&r, f, false);
        assert!(
            out.contains("5 measures: 1 achieved, 1 at risk, 2 off track, 1 no target"),
            "{f:?}"
        );
        assert!(
            !out.contains("No measures in this section")
                && !out.contains("no measures in this section"),
            "{f:?}"
        );
    }
    let html = render(&r, Format::Html, false);
    assert!(html.contains("<section id=\"s-p3-o3\" class=\"sub\">\n<h3>Outcome 3.3:"));
    // The real Ofsted share of primary schools, September 2018 (the strategy's own figure).
    let primary = r.measures.iter().find(|m| m.id == "p3o3-primary").unwrap();
    assert_eq!(primary.baseline.as_ref().map(|b| b.value), Some(71.0));
}

#[test]
fn sections_nest_one_level_and_name_a_parent_that_exists() {
    let def = |parents: [&str; 3]| {
        let mut t = String::from("id = \"h\"\ntitle = \"H\"\n");
        for (id, parent) in ["a", "b", "c"].into_iter().zip(parents) {
            t.push_str(&format!(
                "\n[[sections]]\nid = \"{id}\"\ntitle = \"{id}\"\nkind = \"priority\"\n"
            ));
            if !parent.is_empty() {
                t.push_str(&format!("parent = \"{parent}\"\n"));
            }
        }
        Scorecard::from_toml(&t, "h.toml")
            .err()
            .map(|e| e.to_string())
    };
    assert_eq!(def(["", "a", "a"]), None);
    assert_eq!(
        def(["", "a", "b"]).unwrap(),
        "h.toml:16: field \"sections.parent\": section \"c\": its parent \"b\" is itself inside \"a\"; sections nest one level (a priority, then its outcomes)"
    );
    assert_eq!(
        def(["", "x", ""]).unwrap(),
        "h.toml:10: field \"sections.parent\": section \"b\": no section \"x\" to be its parent"
    );
    assert_eq!(
        def(["a", "", ""]).unwrap(),
        "h.toml:5: field \"sections.parent\": section \"a\" cannot be its own parent"
    );
}
