//! A definition file as one tree of values, each with the line it starts on, and the typed
//! reading of that tree's tables with every problem collected.
//!
//! JSON is parsed by serde_json and TOML by the toml crate's spanned document; both give the
//! same [`Node`] tree, which `definition.rs` walks by hand. So a wrong type, a missing field
//! and an unknown field are each reported at their own line with their field, all of them at
//! once rather than the first alone, and the WebAssembly build carries this one small reader
//! instead of serde's derived deserializers monomorphised for every definition struct and
//! every format (docs/benchmarks.md, "WebAssembly bundle size").

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Location};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// A value of the file, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) line: usize,
    pub(crate) value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// JSON's `null`: read as a field left out.
    Null,
    Bool(bool),
    /// An integer (one beyond i64, in JSON, is read as a float).
    Integer(i64),
    Float(f64),
    /// Text; a TOML date or time is read as its text.
    Text(String),
    List(Vec<Node>),
    /// The entries in the file's order (JSON) or the keys' (TOML), duplicates kept (JSON).
    Table(Vec<(String, Node)>),
}

/// How deep a TOML file's inline values may nest (serde_json stops JSON at 128 itself).
const MAX_DEPTH: usize = 64;

/// Reads JSON text into a tree. The error is serde_json's (with its line).
///
/// A float is read again from its own text by [`crate::num::parse_decimal`], the reader of
/// every CSV and TOML number: serde_json without its `float_roundtrip` feature multiplies the
/// digits by a power of ten, rounding twice, and reads about one in five decimals of 16 to 19
/// significant digits one unit in the last place away (`0.30000000000000004`-like figures that
/// Python's and JavaScript's JSON writers give). So a JSON definition's figure is the same
/// number as the same text in TOML or a CSV file, and a target is never missed by an ulp.
pub(crate) fn json(text: &str) -> Result<Node, serde_json::Error> {
    let starts = json_value_starts(text);
    let next = Cell::new(0);
    let mut de = serde_json::Deserializer::from_str(text);
    let node = Seed {
        text,
        starts: &starts,
        next: &next,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(node)
}

/// The (line, byte offset) of every JSON value, in the order a reader meets them (a value
/// before the values inside it; keys are not values). Only the structure is followed:
/// serde_json reads the text.
fn json_value_starts(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Vec<u8> = Vec::new();
    let (mut line, mut want_value, mut i) = (1, true, 0);
    while let Some(&c) = b.get(i) {
        match c {
            b'\n' => line += 1,
            b' ' | b'\t' | b'\r' => {}
            b'{' | b'[' => {
                if want_value {
                    out.push((line, i));
                }
                open.push(c);
                want_value = c == b'[';
            }
            b'}' | b']' => {
                open.pop();
                want_value = false;
            }
            b':' => want_value = true,
            b',' => want_value = open.last() == Some(&b'['),
            b'"' => {
                if want_value {
                    out.push((line, i));
                    want_value = false;
                }
                i += 1;
                while let Some(&s) = b.get(i) {
                    match s {
                        b'\\' => i += 1,
                        b'"' => break,
                        b'\n' => line += 1,
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {
                if want_value {
                    out.push((line, i));
                    want_value = false;
                }
            }
        }
        i += 1;
    }
    out
}

/// Builds a node, taking its line (and a float's text) from the next entry of the
/// pre-computed starts.
#[derive(Clone, Copy)]
struct Seed<'l> {
    text: &'l str,
    starts: &'l [(usize, usize)],
    next: &'l Cell<usize>,
}

impl Seed<'_> {
    /// The number written at byte `at`, read by the crate's one reader of decimal text.
    fn number_at(&self, at: usize) -> Option<f64> {
        let rest = self.text.get(at..)?;
        let len = rest
            .bytes()
            .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .unwrap_or(rest.len());
        crate::num::parse_decimal(rest.get(..len)?).filter(|v| v.is_finite())
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Node;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        let k = self.next.get();
        self.next.set(k + 1);
        let (line, at) = self.starts.get(k).copied().unwrap_or((1, usize::MAX));
        let value = match d.deserialize_any(self)? {
            Value::Float(v) => Value::Float(self.number_at(at).unwrap_or(v)),
            other => other,
        };
        Ok(Node { line, value })
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Integer(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Integer))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(n) = seq.next_element_seed(self)? {
            out.push(n);
        }
        Ok(Value::List(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            out.push((k, map.next_value_seed(self)?));
        }
        Ok(Value::Table(out))
    }
}

/// Reads TOML text into a tree. The error is the toml crate's, with the line it points at.
pub(crate) fn toml(text: &str) -> Result<Node, (Option<usize>, String)> {
    let starts = LineStarts::new(text);
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        let line = e.span().map(|s| starts.line(s.start));
        (line, e.message().trim().to_string())
    })?;
    let at = starts.line(doc.span().start);
    from_toml_table(doc.get_ref(), at, &starts, 0)
}

fn from_toml_table(
    t: &toml::de::DeTable,
    line: usize,
    starts: &LineStarts,
    depth: usize,
) -> Result<Node, (Option<usize>, String)> {
    let mut out = Vec::with_capacity(t.len());
    for (k, v) in t {
        out.push((k.get_ref().to_string(), from_toml(v, starts, depth + 1)?));
    }
    Ok(Node {
        line,
        value: Value::Table(out),
    })
}

fn from_toml(
    v: &toml::Spanned<toml::de::DeValue>,
    starts: &LineStarts,
    depth: usize,
) -> Result<Node, (Option<usize>, String)> {
    use toml::de::DeValue;
    let line = starts.line(v.span().start);
    if depth > MAX_DEPTH {
        return Err((
            Some(line),
            format!("values nested more than {MAX_DEPTH} deep"),
        ));
    }
    let value = match v.get_ref() {
        DeValue::String(s) => Value::Text(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            Err(_) => return Err((Some(line), format!("the integer {i} is out of range"))),
        },
        DeValue::Float(f) => match crate::num::parse_decimal(f.as_str()) {
            Some(x) => Value::Float(x),
            None => return Err((Some(line), format!("cannot read {f} as a number"))),
        },
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Text(d.to_string()),
        DeValue::Array(a) => Value::List(
            a.iter()
                .map(|e| from_toml(e, starts, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        DeValue::Table(t) => return from_toml_table(t, line, starts, depth),
    };
    Ok(Node { line, value })
}

/// The byte offset of every line's start, for a byte offset's line in O(log n).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(v)
    }
    fn line(&self, byte: usize) -> usize {
        self.0.partition_point(|&s| s <= byte).max(1)
    }
}

impl Node {
    /// What the value is, for a message: `the text "x"`, `the number 3`, `a list`.
    fn found(&self, json: bool) -> String {
        match &self.value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Integer(n) => format!("the number {n}"),
            Value::Float(x) => format!("the number {}", crate::num::shortest(*x)),
            Value::Text(s) if s.chars().count() > 40 => {
                let cut: String = s.chars().take(40).collect();
                format!("the text {}", quoted(&format!("{cut}...")))
            }
            Value::Text(s) => format!("the text {}", quoted(&s)),
            Value::List(_) => "a list".into(),
            Value::Table(_) if json => "an object".into(),
            Value::Table(_) => "a table".into(),
        }
    }

    /// The text, when the value is text.
    pub(crate) fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value of `key`, when this is a table that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Table(t) => t.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Where in the file a table being read is: who it belongs to (`measure "c"`, which starts
/// every message) and the field path of its keys (`target.`, prefixed to every field).
#[derive(Clone, Default)]
pub(crate) struct At {
    pub(crate) who: String,
    pub(crate) path: String,
}

impl At {
    pub(crate) fn new(who: String, path: &str) -> Self {
        At {
            who,
            path: path.to_string(),
        }
    }
    /// How a message about it starts: `measure "c": `, or nothing at the top level.
    fn prefix(&self) -> String {
        if self.who.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.who)
        }
    }

    /// A table inside this one, under `key`.
    pub(crate) fn inside(&self, key: &str) -> At {
        At {
            who: self.who.clone(),
            path: format!("{}{key}.", self.path),
        }
    }
}

/// Collects the problems of a tree's reading.
pub(crate) struct Reader<'f> {
    pub(crate) file: &'f str,
    pub(crate) json: bool,
    pub(crate) errors: Vec<Error>,
}

impl<'f> Reader<'f> {
    /// A reader of `file`'s tree (`json`: whether the file is JSON, for the names of its types).
    pub(crate) fn new(file: &'f str, json: bool) -> Self {
        Reader {
            file,
            json,
            errors: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, line: usize, field: &str, message: String) {
        let at = match field.trim_end_matches('.') {
            "" => Location {
                file: self.file.to_string(),
                line: Some(line),
                ..Location::default()
            },
            field => Location::at(self.file, Some(line), field),
        };
        self.errors.push(Error::new(ErrorKind::Syntax, at, message));
    }

    fn wrong(&mut self, n: &Node, field: &str, at: &At, want: &str) {
        let found = n.found(self.json);
        self.error(
            n.line,
            field,
            format!("{}expected {want}, found {found}", at.prefix()),
        );
    }

    /// The node's entries, when it is a table; else a problem.
    pub(crate) fn fields<'n>(&mut self, n: &'n Node, at: &At) -> Option<Fields<'n>> {
        match &n.value {
            Value::Table(entries) => Some(Fields {
                line: n.line,
                entries,
                at: at.clone(),
                ok: true,
                missing: Vec::new(),
            }),
            _ => {
                let want = if self.json { "an object" } else { "a table" };
                let field = at.path.clone();
                self.wrong(n, &field, at, want);
                None
            }
        }
    }

    /// The items of a list, or a problem naming `field`.
    pub(crate) fn list<'n>(&mut self, n: &'n Node, field: &str, at: &At) -> Option<&'n [Node]> {
        match &n.value {
            Value::List(items) => Some(items),
            _ => {
                self.wrong(n, field, at, "a list");
                None
            }
        }
    }

    /// Text, or a problem.
    pub(crate) fn text(&mut self, n: &Node, field: &str, at: &At) -> Option<String> {
        match &n.value {
            Value::Text(s) => Some(s.clone()),
            _ => {
                self.wrong(n, field, at, "text");
                None
            }
        }
    }
}

/// A table's entries, read key by key; each getter reports a wrong type and marks the table
/// as not read, and [`Fields::finish`] reports keys the table does not have.
pub(crate) struct Fields<'n> {
    line: usize,
    entries: &'n [(String, Node)],
    at: At,
    ok: bool,
    /// The fields that must be given and are not, reported by [`Fields::finish`] (unless a
    /// misspelling of one was given, which is reported instead).
    missing: Vec<String>,
}

impl<'n> Fields<'n> {
    fn field(&self, key: &str) -> String {
        format!("{}{key}", self.at.path)
    }

    /// The value of `key`, or `None` when it is left out (or JSON's `null`).
    pub(crate) fn node(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    /// Where the table is, for a reading of one of its values.
    pub(crate) fn at(&self) -> &At {
        &self.at
    }

    /// The table's own line.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// Records that a value inside did not read.
    pub(crate) fn fail(&mut self) {
        self.ok = false;
    }

    /// Keeps `v`, marking the table as not read when it is `None` though `key` was given.
    fn keep<T>(&mut self, key: &str, v: Option<T>) -> Option<T> {
        if v.is_none() && self.node(key).is_some() {
            self.ok = false;
        }
        v
    }

    pub(crate) fn text(&mut self, r: &mut Reader, key: &str) -> Option<String> {
        let field = self.field(key);
        let v = self.node(key).and_then(|n| r.text(n, &field, &self.at));
        self.keep(key, v)
    }

    /// Text that must be given.
    pub(crate) fn need_text(&mut self, r: &mut Reader, key: &str) -> String {
        self.require(key);
        self.text(r, key).unwrap_or_default()
    }

    /// Records `key` as missing when it is left out (reported by [`Fields::finish`]).
    pub(crate) fn require(&mut self, key: &str) {
        if self.node(key).is_none() {
            self.missing.push(key.to_string());
            self.ok = false;
        }
    }

    /// A number (an integer is read as one).
    pub(crate) fn number(&mut self, r: &mut Reader, key: &str) -> Option<f64> {
        let n = self.node(key)?;
        let v = match n.value {
            Value::Integer(i) => Some(i as f64),
            Value::Float(x) => Some(x),
            _ => {
                r.wrong(n, &self.field(key), &self.at, "a number");
                None
            }
        };
        self.keep(key, v)
    }

    /// A number that must be given.
    pub(crate) fn need_number(&mut self, r: &mut Reader, key: &str) -> f64 {
        self.require(key);
        self.number(r, key).unwrap_or(0.0)
    }

    /// A whole number from 0 to `max` (a number with no fraction, such as `3.0`, is one).
    pub(crate) fn whole(&mut self, r: &mut Reader, key: &str, max: u64) -> Option<u64> {
        let n = self.node(key)?;
        let v = match n.value {
            Value::Integer(i) => u64::try_from(i).ok().filter(|&w| w <= max),
            Value::Float(x) if x.fract() == 0.0 && (0.0..=max as f64).contains(&x) => {
                Some(x as u64)
            }
            _ => None,
        };
        if v.is_none() {
            r.wrong(
                n,
                &self.field(key),
                &self.at,
                &format!("a whole number from 0 to {max}"),
            );
        }
        self.keep(key, v)
    }

    /// A whole number that must be given.
    pub(crate) fn need_whole(&mut self, r: &mut Reader, key: &str, max: u64) -> u64 {
        self.require(key);
        self.whole(r, key, max).unwrap_or(0)
    }

    pub(crate) fn flag(&mut self, r: &mut Reader, key: &str) -> Option<bool> {
        let n = self.node(key)?;
        let v = match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                r.wrong(n, &self.field(key), &self.at, "true or false");
                None
            }
        };
        self.keep(key, v)
    }

    /// A list of texts (left out: none).
    pub(crate) fn texts(&mut self, r: &mut Reader, key: &str) -> Vec<String> {
        self.texts_given(r, key).unwrap_or_default()
    }

    /// A list of texts, `None` when left out (or when it does not read).
    pub(crate) fn texts_given(&mut self, r: &mut Reader, key: &str) -> Option<Vec<String>> {
        let n = self.node(key)?;
        let field = self.field(key);
        let Some(items) = r.list(n, &field, &self.at) else {
            self.ok = false;
            return None;
        };
        let before = r.errors.len();
        let out: Vec<String> = items
            .iter()
            .filter_map(|i| r.text(i, &field, &self.at))
            .collect();
        if r.errors.len() > before {
            self.ok = false;
            return None;
        }
        Some(out)
    }

    /// A table of texts (`filters = { sex = "Female" }`).
    pub(crate) fn text_map(
        &mut self,
        r: &mut Reader,
        key: &str,
    ) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        let Some(n) = self.node(key) else { return out };
        let Some(f) = r.fields(n, &self.at.inside(key)) else {
            self.ok = false;
            return out;
        };
        for (k, v) in f.entries {
            match r.text(v, &f.field(k), &self.at) {
                Some(s) => {
                    out.insert(k.clone(), s);
                }
                None => self.ok = false,
            }
        }
        out
    }

    /// The items of a list (left out: none).
    pub(crate) fn items(&mut self, r: &mut Reader, key: &str) -> &'n [Node] {
        let Some(n) = self.node(key) else { return &[] };
        let field = self.field(key);
        match r.list(n, &field, &self.at) {
            Some(items) => items,
            None => {
                self.ok = false;
                &[]
            }
        }
    }

    /// A table inside, read by `read` (`None` when left out or when it does not read).
    pub(crate) fn table<T>(
        &mut self,
        r: &mut Reader,
        key: &str,
        read: fn(&mut Reader, Fields<'n>) -> Option<T>,
    ) -> Option<T> {
        let n = self.node(key)?;
        let v = r.fields(n, &self.at.inside(key)).and_then(|f| read(r, f));
        self.keep(key, v)
    }

    /// Reports every key not in `known` (the first ten of them one by one, then how many more)
    /// and every known key given twice; whether the whole table read. Linear in the table's
    /// size, so that a file of a million keys is refused as quickly as it is read.
    pub(crate) fn finish(self, r: &mut Reader, known: &[&str]) -> bool {
        const SHOWN: usize = 10;
        let mut ok = self.ok;
        let mut seen = vec![false; known.len()];
        let mut unknown = 0;
        for (k, v) in self.entries {
            let field = self.field(k);
            let message = match known.iter().position(|c| c == k) {
                Some(i) if seen[i] => format!("{}duplicate field `{k}`", self.at.prefix()),
                Some(i) => {
                    seen[i] = true;
                    continue;
                }
                None => {
                    unknown += 1;
                    if unknown > SHOWN {
                        ok = false;
                        continue;
                    }
                    let hint = match known.iter().find(|c| close(c, k)) {
                        Some(c) => format!(": did you mean `{c}`?"),
                        None => format!(", expected one of {}", known.join(", ")),
                    };
                    format!("{}unknown field `{k}`{hint}", self.at.prefix())
                }
            };
            r.error(v.line, &field, message);
            ok = false;
        }
        for key in &self.missing {
            let misspelt =
                (self.entries.iter()).any(|(k, _)| !known.contains(&k.as_str()) && close(key, k));
            if !misspelt {
                let message = format!("{}missing field `{key}`", self.at.prefix());
                r.error(self.line, &self.field(key), message);
            }
        }
        if unknown > SHOWN {
            let path = self.at.path.clone();
            let more = unknown - SHOWN;
            r.error(
                self.line,
                &path,
                format!("{}{more} more unknown fields", self.at.prefix()),
            );
        }
        ok
    }
}

/// Whether two names are one slip apart: a letter left out, added, changed, or two swapped,
/// ignoring case.
fn close(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
    let b: Vec<char> = b.to_ascii_lowercase().chars().collect();
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || short.len() < 3 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if a.len() == b.len() {
        let rest = |s: &[char], k: usize| s.get(k..).map(<[char]>::to_vec);
        // One changed, or two neighbours swapped.
        rest(&a, p + 1) == rest(&b, p + 1)
            || (a.get(p) == b.get(p + 1)
                && a.get(p + 1) == b.get(p)
                && rest(&a, p + 2) == rest(&b, p + 2))
    } else {
        long.get(p + 1..) == short.get(p..)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: &Node, out: &mut Vec<usize>) {
        out.push(n.line);
        match &n.value {
            Value::List(items) => items.iter().for_each(|i| lines(i, out)),
            Value::Table(t) => t.iter().for_each(|(_, v)| lines(v, out)),
            _ => {}
        }
    }

    #[test]
    fn json_values_carry_their_own_lines() {
        // Worked by hand: the object on line 1, "t" on 2, the list on 3, its items on 3 and
        // 4, the inner object on 5 with its value ("a\"\n" is one escaped string) on 6.
        let text = "{\n\"id\": \"t\",\n\"notes\": [1,\n  true],\n\"x\": {\n \"y\": \"a\\\"\\n\"}}";
        let n = json(text).unwrap();
        let mut got = Vec::new();
        lines(&n, &mut got);
        assert_eq!(got, [1, 2, 3, 3, 4, 5, 6]);
        assert_eq!(
            n.get("x").and_then(|x| x.get("y")).and_then(Node::as_text),
            Some("a\"\n")
        );
    }

    #[test]
    fn json_keeps_a_key_given_twice_for_the_reader_to_refuse() {
        let n = json(r#"{"id": "a", "id": "b"}"#).unwrap();
        let mut r = Reader::new("s.json", true);
        let f = r.fields(&n, &At::default()).unwrap();
        assert!(!f.finish(&mut r, &["id"]));
        assert_eq!(
            r.errors[0].to_string(),
            "s.json:1: field \"id\": duplicate field `id`"
        );
    }

    #[test]
    fn toml_values_carry_their_own_lines_and_dates_read_as_text() {
        let text = "id = \"t\"\n\n[[sections]]\nid = \"s\"\ndue = 2025-03-31\nn = 0x10\n";
        let n = toml(text).unwrap();
        let s = &n.get("sections").unwrap();
        let Value::List(items) = &s.value else {
            panic!()
        };
        assert_eq!(n.get("id").unwrap().line, 1);
        assert_eq!(items[0].get("id").unwrap().line, 4);
        assert_eq!(
            items[0].get("due").and_then(Node::as_text),
            Some("2025-03-31")
        );
        assert_eq!(items[0].get("n").unwrap().value, Value::Integer(16));
    }

    #[test]
    fn typed_reading_names_the_line_the_field_and_what_was_found() {
        let n = toml("id = 3\nname = \"x\"\ncolor = \"red\"\nper = -1\n").unwrap();
        let mut r = Reader::new("s.toml", false);
        let mut f = r.fields(&n, &At::new("measure \"m\"".into(), "")).unwrap();
        assert_eq!(f.need_text(&mut r, "id"), "");
        assert_eq!(f.whole(&mut r, "per", 100), None);
        assert_eq!(f.need_text(&mut r, "kind"), "");
        assert!(!f.finish(&mut r, &["id", "name", "colour", "kind", "per"]));
        let got: Vec<String> = r.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "s.toml:1: field \"id\": measure \"m\": expected text, found the number 3",
                "s.toml:4: field \"per\": measure \"m\": expected a whole number from 0 to 100, found the number -1",
                "s.toml:3: field \"color\": measure \"m\": unknown field `color`: did you mean `colour`?",
                "s.toml:1: field \"kind\": measure \"m\": missing field `kind`",
            ]
        );
    }

    #[test]
    fn a_table_of_many_unknown_keys_is_summed_up() {
        // 5,000 keys, one per line after the brace: ten named, then the count of the rest.
        let body: Vec<String> = (0..5000).map(|i| format!("\"k{i}\": 1")).collect();
        let n = json(&format!("{{\n{}}}", body.join(",\n"))).unwrap();
        let mut r = Reader::new("s.json", true);
        let f = r.fields(&n, &At::default()).unwrap();
        assert!(!f.finish(&mut r, &["id"]));
        assert_eq!(r.errors.len(), 11);
        assert_eq!(
            r.errors[0].to_string(),
            "s.json:2: field \"k0\": unknown field `k0`, expected one of id"
        );
        assert_eq!(
            r.errors[10].to_string(),
            "s.json:1: 4990 more unknown fields"
        );
    }

    #[test]
    fn one_slip_apart() {
        assert!(close("colour", "color"));
        assert!(close("polarity", "polarty"));
        assert!(close("polarity", "polraity"));
        assert!(close("unit", "unti"));
        assert!(close("Kind", "kind"));
        assert!(!close("id", "ix"));
        assert!(!close("name", "notes"));
        assert!(!close("target", "baseline"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            (-1e9f64..1e9).prop_map(serde_json::Value::from),
            "[a-z\"\\\\\n{}\\[\\],: ]{0,8}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-z\"{]{1,4}", inner, 0..5)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn back(n: &Node) -> serde_json::Value {
        match &n.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Integer(i) => serde_json::Value::from(*i),
            Value::Float(x) => (*x).into(),
            Value::Text(s) => s.clone().into(),
            Value::List(items) => items.iter().map(back).collect(),
            Value::Table(t) => {
                serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), back(v))).collect())
            }
        }
    }

    fn scalars(n: &Node, out: &mut Vec<(usize, serde_json::Value)>) {
        match &n.value {
            Value::List(items) => items.iter().for_each(|i| scalars(i, out)),
            Value::Table(t) => t.iter().for_each(|(_, v)| scalars(v, out)),
            _ => out.push((n.line, back(n))),
        }
    }

    /// A float serde_json alone reads one unit in the last place low: 5837217369085182.8 lies
    /// between the doubles 5837217369085182 and 5837217369085183 (one apart at this size), and
    /// is nearer the second. The same digits in TOML read the same.
    #[test]
    fn a_json_float_is_the_nearest_double_to_its_digits() {
        let n = json("{\n  \"value\": 5837217369085182.8\n}").unwrap();
        let Value::Table(t) = &n.value else {
            panic!("a table")
        };
        assert_eq!(t[0].1.value, Value::Float(5837217369085183.0));
        assert_eq!(t[0].1.line, 2);
        let serde_alone: f64 = serde_json::from_str("5837217369085182.8").unwrap();
        assert_eq!(
            serde_alone, 5837217369085182.0,
            "serde_json's own reading, for contrast"
        );
        let Value::Table(t) = toml("value = 5837217369085182.8").unwrap().value else {
            panic!("a table")
        };
        assert_eq!(t[0].1.value, Value::Float(5837217369085183.0));
        // Negative, exponent and point forms, inside a list.
        let n = json("[-7916787080.9092154, 4.796578880972657e5, 1E-7]").unwrap();
        let Value::List(items) = n.value else {
            panic!("a list")
        };
        let read: Vec<Value> = items.into_iter().map(|i| i.value).collect();
        assert_eq!(
            read,
            [
                Value::Float(-7916787080.909215),
                Value::Float(479657.8880972657),
                Value::Float(1e-7)
            ]
        );
    }

    proptest! {
        /// Any decimal text in a JSON file reads as the standard library reads it.
        #[test]
        fn json_floats_read_as_the_standard_library_reads_them(
            x in any::<f64>().prop_filter("finite", |x| x.is_finite()),
            digits in "[1-9][0-9]{0,19}",
            point in 1usize..20,
            form in 0u8..3,
        ) {
            let text = match form {
                0 => format!("{x:?}"),
                1 => format!("{x:e}"),
                _ => {
                    let mut d = digits.clone();
                    d.insert(point.min(d.len()), '.');
                    if d.ends_with('.') { d.push('5'); }
                    d
                }
            };
            let n = json(&format!("[{text}]")).unwrap();
            let Value::List(items) = n.value else { panic!("a list") };
            let want: f64 = text.parse().unwrap();
            match items[0].value {
                Value::Float(v) => prop_assert_eq!(v.to_bits(), want.to_bits(), "{}", text),
                Value::Integer(i) => prop_assert_eq!(i as f64, want, "{}", text),
                ref other => prop_assert!(false, "{} read as {:?}", text, other),
            }
        }

        /// Any JSON reads back into the values it was written from, floats to the bit (their
        /// shortest text read correctly rounded), and each scalar's line is the line of the
        /// pretty-printed text that holds it (each value of a container on a line of its own,
        /// strictly after the one before).
        #[test]
        fn json_trees_hold_the_values_written_at_their_lines(v in json_value()) {
            let text = serde_json::to_string_pretty(&v).unwrap();
            let n = json(&text).unwrap();
            prop_assert_eq!(back(&n), v);
            let mut found = Vec::new();
            scalars(&n, &mut found);
            let lines: Vec<&str> = text.lines().collect();
            for w in found.windows(2) {
                prop_assert!(w[0].0 < w[1].0, "{:?}", found);
            }
            for (line, value) in found {
                let written = serde_json::to_string(&value).unwrap();
                prop_assert!(lines[line - 1].contains(&written), "{} not on line {}: {}", written, line, text);
            }
        }
    }
}
