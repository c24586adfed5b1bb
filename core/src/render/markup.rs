//! Escaping user text for HTML, SVG, Markdown, the terminal and CSV, so that a name such as
//! `<script>alert(1)</script>` is shown, never run; a name cannot move the terminal's cursor,
//! reorder the text around it, become a link, or be run by a spreadsheet as a formula.

use std::borrow::Cow;

/// Whether `c` may not be printed as it is: a control character (C0, DEL, C1: terminal escape
/// sequences start with one) or a bidirectional control (which reorders the text around it, as
/// in "Trojan Source").
fn hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// User text as plain text (the terminal, CSV): a line break or tab becomes a space, any other
/// control or bidirectional control character U+FFFD.
pub fn plain(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hostile) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if hostile(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// A text cell for a spreadsheet (OWASP's CSV injection guidance): plain text, and a leading
/// `'` when it would start with `=`, `+`, `-`, `@`, a tab or a carriage return, so that no
/// spreadsheet reads it as a formula.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let starts_formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let p = plain(s);
    if starts_formula {
        Cow::Owned(format!("'{p}"))
    } else {
        p
    }
}

/// Escapes `& < > " '` and replaces control characters (which XML forbids) with U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes for a Markdown table cell: `& < >` as HTML entities (Markdown passes raw HTML
/// through), no line breaks, `|` and `\` escaped, emphasis and link characters literal, and
/// nothing a renderer would turn into a link: the colon of `https://`, `mailto:` and `xmpp:`
/// and every `@` escaped (so addresses stay text), and `www.` written `www\.`; control and
/// bidirectional control characters as U+FFFD.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if hostile(c) => out.push('\u{fffd}'),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '@' => {
                out.push('\\');
                out.push(c);
            }
            // `https://`, `mailto:` and `xmpp:` would be links; other colons read as they are.
            ':' if chars.get(i + 1..i + 3) == Some(&['/', '/'])
                || ends_with_word(&out, "mailto")
                || ends_with_word(&out, "xmpp") =>
            {
                out.push_str("\\:");
            }
            '.' if ends_with_word(&out, "www") => out.push_str("\\."),
            c => out.push(c),
        }
    }
    out
}

/// Whether `out` ends with `word` in any case: only its last bytes are compared, so that a
/// long cell full of dots or colons is still read in one pass.
fn ends_with_word(out: &str, word: &str) -> bool {
    let tail = &out.as_bytes()[out.len().saturating_sub(word.len())..];
    tail.eq_ignore_ascii_case(word.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a & 'b' \"c\""), "a &amp; &#39;b&#39; &quot;c&quot;");
        assert_eq!(escape("bell\u{7}"), "bell\u{fffd}");
    }

    #[test]
    fn terminal_and_spreadsheet_text_is_inert() {
        // An escape sequence (clear screen), a C1 control and a right-to-left override.
        assert_eq!(
            plain("a\u{1b}[2Jb\u{9b}c\u{202e}d\ne"),
            "a\u{fffd}[2Jb\u{fffd}c\u{fffd}d e"
        );
        assert!(matches!(plain("plain"), Cow::Borrowed("plain")));
        for formula in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert!(csv_cell(formula).starts_with('\''), "{formula}");
        }
        assert_eq!(csv_cell("Children -1"), "Children -1");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
        assert_eq!(md_cell("*x* [y](z)"), "\\*x\\* \\[y\\](z)");
        assert_eq!(md_cell("children's <b>"), "children's &lt;b&gt;");
        assert_eq!(
            md_cell("https://x.org www.y.org a@b.org"),
            "https\\://x.org www\\.y.org a\\@b.org"
        );
        assert_eq!(md_cell("a\u{202e}b"), "a\u{fffd}b");
    }
}
