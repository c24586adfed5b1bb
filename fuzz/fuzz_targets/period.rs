//! Any text as a period: an error or a period whose text reads back as itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(p) = text.parse::<betteroff::Period>() {
        let again: betteroff::Period = p.to_string().parse().expect("a period's text reads back");
        assert_eq!(again, p);
        assert!(p.start() <= p.end());
    }
});
