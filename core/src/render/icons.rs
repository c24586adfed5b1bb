//! The Making Data Count icons, drawn: the variation icon (common cause; special cause of
//! improvement, concern or neither, by higher or lower values) and the assurance icon
//! (consistently passes, consistently fails, hit and miss), after the conventions of NHS
//! England's Making Data Count (a circle in the icon's colour, the H or L letter, a run of
//! points; P, F or ?), drawn here from those conventions, no image copied. Each icon is an
//! inline SVG with `role="img"`, an accessible name and a `<title>`, and a text label beside it
//! wherever it is shown, so that it never relies on colour.

use crate::stats::spc::{Assurance, VariationIcon};

/// Improvement (blue), concern (orange), neither (purple), common cause and hit and miss
/// (grey): the chart colours, each with contrast of at least 4.5:1 on white.
const IMPROVE: &str = "#0b5cad";
const CONCERN: &str = "#b35900";
const NEUTRAL: &str = "#8250df";
const COMMON: &str = "#57606a";

fn colour(icon: VariationIcon) -> &'static str {
    match icon {
        VariationIcon::CommonCause => COMMON,
        VariationIcon::ImprovementHigh | VariationIcon::ImprovementLow => IMPROVE,
        VariationIcon::ConcernHigh | VariationIcon::ConcernLow => CONCERN,
        VariationIcon::NeutralHigh | VariationIcon::NeutralLow => NEUTRAL,
    }
}

fn frame(kind: &str, name: &str, stroke: &str, size: u32, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"icon {kind}\" viewBox=\"0 0 40 40\" width=\"{size}\" height=\"{size}\" role=\"img\" aria-label=\"{name}\"><title>{name}</title><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"2.5\"/>{body}</svg>"
    )
}

/// The variation icon, `size` pixels square, named "Variation: ..." for screen readers.
pub fn variation(icon: VariationIcon, size: u32) -> String {
    let c = colour(icon);
    // Seven points along the middle; a special cause lifts (H) or drops (L) the last three.
    let shift = match icon.letter() {
        Some('H') => -6.0,
        Some(_) => 6.0,
        None => 0.0,
    };
    let mut body = String::new();
    for i in 0..7 {
        let x = 8.0 + 4.0 * f64::from(i);
        let (y, fill) = if i >= 4 && shift != 0.0 {
            (26.0 + shift, c)
        } else {
            (26.0, COMMON)
        };
        body.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"1.8\" fill=\"{fill}\"/>",
            crate::num::fixed(x, 0),
            crate::num::fixed(y, 0)
        ));
    }
    if let Some(letter) = icon.letter() {
        body.push_str(&format!(
            "<text x=\"20\" y=\"17\" text-anchor=\"middle\" font-family=\"system-ui, sans-serif\" font-size=\"13\" font-weight=\"700\" fill=\"{c}\">{letter}</text>"
        ));
    }
    frame(
        "variation",
        &format!("Variation: {}", icon.label()),
        c,
        size,
        &body,
    )
}

/// The assurance icon, `size` pixels square, named "Assurance: ..." for screen readers.
pub fn assurance(a: Assurance, size: u32) -> String {
    let c = match a {
        Assurance::ConsistentPass => IMPROVE,
        Assurance::ConsistentFail => CONCERN,
        Assurance::Inconsistent => COMMON,
    };
    // The letter above a dashed target line.
    let body = format!(
        "<text x=\"20\" y=\"22\" text-anchor=\"middle\" font-family=\"system-ui, sans-serif\" font-size=\"16\" font-weight=\"700\" fill=\"{c}\">{}</text><line x1=\"9\" y1=\"29\" x2=\"31\" y2=\"29\" stroke=\"{c}\" stroke-width=\"1.6\" stroke-dasharray=\"3 2\"/>",
        a.letter()
    );
    frame(
        "assurance",
        &format!("Assurance: {}", a.label()),
        c,
        size,
        &body,
    )
}

/// Both icons of a measure with SPC, each followed by its label in words (the HTML report's
/// measure rows, its summary matrix and the dashboard).
pub fn pair(variation_icon: VariationIcon, a: Option<Assurance>, size: u32) -> String {
    let mut s = format!(
        "<span class=\"icons\">{}<span class=\"icon-label\">{}</span>",
        variation(variation_icon, size),
        variation_icon.label()
    );
    if let Some(a) = a {
        s.push_str(&format!(
            "{}<span class=\"icon-label\">{}</span>",
            assurance(a, size),
            a.label()
        ));
    }
    s.push_str("</span>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_icon_has_its_name_letter_and_colour() {
        let h = variation(VariationIcon::ImprovementHigh, 32);
        assert!(h.contains("aria-label=\"Variation: Special cause improvement: higher values\""));
        assert!(h.contains(">H</text>") && h.contains(IMPROVE));
        let l = variation(VariationIcon::ConcernLow, 32);
        assert!(l.contains(">L</text>") && l.contains(CONCERN));
        let cc = variation(VariationIcon::CommonCause, 32);
        assert!(!cc.contains("<text") && cc.contains("no significant change"));
        let f = assurance(Assurance::ConsistentFail, 32);
        assert!(
            f.contains("aria-label=\"Assurance: Consistently fails the target\"")
                && f.contains(">F</text>")
        );
        assert!(assurance(Assurance::Inconsistent, 32).contains(">?</text>"));
        assert!(pair(VariationIcon::NeutralLow, None, 24)
            .contains("neither improvement nor concern: lower values"));
    }
}
