//! Text from a file, made safe for where it goes: a terminal ([`terminal`]) or an XML document
//! such as KML or SVG ([`xml`], [`xml_chars`]). Names, ids, titles and captions come from files
//! anyone can write; a control character in them must never reach a terminal raw (where ESC
//! sequences clear the screen or forge lines) or an XML file (where it makes the document invalid
//! and viewers refuse it).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a terminal would act on `c` rather than show it: C0 controls (tab and line feed
/// included: a name must not start a new line of a report), DEL, C1 controls, and the
/// bidirectional overrides and isolates that reorder what follows them on the line.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` for a terminal: every control character written as an escape (`\n`, `\t`, `\r`,
/// `\u{1b}`), so what is printed is exactly what the file holds, visibly. Text without one is
/// returned as it is.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if acts_on_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 forbids `c` anywhere in a document, even as a character reference: C0 controls
/// other than tab, line feed and carriage return, and the non-characters U+FFFE and U+FFFF.
fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// What stands for a character XML forbids: its picture from Unicode's Control Pictures block
/// (NUL ␀, BEL ␇, ESC ␛), so a reader still sees that something was there; U+FFFD for the two
/// non-characters.
fn xml_stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        _ => '\u{fffd}',
    }
}

/// `text` with every character XML 1.0 forbids replaced by its stand-in (see [`xml`]); markup
/// characters are left alone. For text an XML writer escapes itself (the kml crate), and for
/// whole documents.
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    if !text.chars().any(forbidden_in_xml) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if forbidden_in_xml(c) {
                    xml_stand_in(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// `text` as XML character data or an attribute value: `&`, `<`, `>`, `"` and `'` as entities,
/// and every character XML 1.0 forbids (NUL, BEL, ESC…) as its picture from Unicode's Control
/// Pictures block (␀, ␇, ␛).
pub fn xml(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden_in_xml(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if forbidden_in_xml(c) => out.push(xml_stand_in(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_controls_as_escapes() {
        assert_eq!(terminal("12th Mech Bde"), "12th Mech Bde");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(
            terminal("x\u{1b}[2J\u{1b}[HALL RULES PASS\n\u{7}"),
            "x\\u{1b}[2J\\u{1b}[HALL RULES PASS\\n\\u{7}"
        );
        assert_eq!(terminal("a\tb\r"), "a\\tb\\r");
        assert_eq!(terminal("\u{9b}31m \u{7f}"), "\\u{9b}31m \\u{7f}");
        assert_eq!(terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        // Non-Latin letters are text, not controls.
        assert_eq!(terminal("Київ — Kyiv"), "Київ — Kyiv");
    }

    #[test]
    fn xml_text_is_well_formed() {
        assert_eq!(
            xml("A & B <\"x\">'"),
            "A &amp; B &lt;&quot;x&quot;&gt;&apos;"
        );
        assert_eq!(xml("a\u{0}b\u{7}c\u{1b}"), "a␀b␇c␛");
        assert_eq!(xml("tab\tand\nline"), "tab\tand\nline");
        assert_eq!(xml("\u{fffe}\u{ffff}"), "\u{fffd}\u{fffd}");
        assert_eq!(xml_chars("<b>\u{1b}</b>"), "<b>␛</b>");
        assert!(matches!(xml_chars("<b>plain</b>"), Cow::Borrowed(_)));
    }
}
