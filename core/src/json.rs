//! The crate's one JSON writer: any `Serialize` value in serde_json's pretty layout, byte for
//! byte (two-space indent, `": "` after a key, `[]` and `{}` when empty, the same string escapes,
//! floats by zmij as serde_json writes them, a non-finite float as `null`).
//!
//! Why not serde_json's own serializer: it is generic over its writer and formatter and marked
//! `#[inline]` throughout, so each struct's derived `serialize` carried its own copy of the
//! indenting, escaping and number writing, 27 KB of the dashboard's WebAssembly module. Here
//! every such step is one non-generic function of [`Writer`]; what stays per type is a call per
//! field. The writes cannot fail (text goes to a buffer; an I/O error when the buffer is passed
//! on is kept and returned at the end), so the callers' error checks fold away.
//!
//! The tests hold the output to serde_json's on every shape of serde's data model and on random
//! values; the golden vectors (`tests/vectors/`) hold the reports to their committed bytes.

use serde::ser::{self, Serialize};
use std::fmt::{self, Display};
use std::io;

/// `value` as pretty JSON (serde_json's `to_string_pretty`), or the message of a value that
/// JSON cannot hold (a map whose keys are not text or numbers).
pub(crate) fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut w = Writer::new(None);
    value.serialize(&mut w)?;
    // Only `str`s and ASCII are written, so the bytes are UTF-8.
    String::from_utf8(w.buf).map_err(|_| Error)
}

/// `value` as pretty JSON written to `out` as it is made, in pieces of 64 KiB: a report of
/// millions of points is never held whole as text.
pub(crate) fn write_pretty<T: Serialize + ?Sized>(
    value: &T,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut w = Writer::new(Some(out));
    value.serialize(&mut w).map_err(io::Error::other)?;
    w.flush();
    match w.failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `Serialize` for a plain enum as the text its `$name` method gives (`Status::key`,
/// `MeasureKind::name`): its JSON names are written once, in that method, which the readers
/// and renderers use too, and each enum writes one string instead of a match of its own.
macro_rules! serialize_as {
    ($ty:ty, $name:ident) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.$name())
            }
        }
    };
}
pub(crate) use serialize_as;

/// Why a value cannot be written as JSON: a map key that is not text, a number or a boolean,
/// or a `Serialize` impl that refused. No message is carried, so that the error is nothing in
/// memory and, as nothing the crate writes can fail, every check of it folds away.
#[derive(Debug)]
pub(crate) struct Error;

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value cannot be written as JSON (a map key that is not text, a number or a boolean?)")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(_: T) -> Self {
        Error
    }
}

type Done = Result<(), Error>;

/// The text so far, the depth of nesting, and where it goes.
pub(crate) struct Writer<'a> {
    buf: Vec<u8>,
    out: Option<&'a mut dyn io::Write>,
    failed: Option<io::Error>,
    depth: usize,
}

const CHUNK: usize = 1 << 16;

impl<'a> Writer<'a> {
    fn new(out: Option<&'a mut dyn io::Write>) -> Self {
        Writer {
            buf: Vec::new(),
            out,
            failed: None,
            depth: 0,
        }
    }

    // Inlined natively, where speed is what counts; in a WebAssembly module, one copy.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Passes the buffer on once it holds a chunk (checked before each element and at each
    /// closing bracket, so it passes a chunk by at most one value).
    fn spill(&mut self) {
        if self.out.is_some() && self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    /// Passes the buffer on; after a failure nothing more is written, and the error is kept.
    fn flush(&mut self) {
        if let Some(out) = &mut self.out {
            if self.failed.is_none() {
                if let Err(e) = out.write_all(&self.buf) {
                    self.failed = Some(e);
                }
            }
            self.buf.clear();
        }
    }

    /// A container's opening bracket.
    #[inline(never)]
    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.raw(&[bracket]);
    }

    /// A container's closing bracket, on a line of its own unless the container is empty.
    #[inline(never)]
    fn close(&mut self, empty: bool, bracket: u8) {
        self.spill();
        self.depth -= 1;
        if !empty {
            self.newline(b"\n");
        }
        self.raw(&[bracket]);
    }

    /// `start` (a newline, or a comma and a newline), then the indent.
    fn newline(&mut self, start: &[u8]) {
        const SPACES: &[u8] = b"                                ";
        self.raw(start);
        let mut left = 2 * self.depth;
        while left > 0 {
            let n = left.min(SPACES.len());
            self.raw(&SPACES[..n]);
            left -= n;
        }
    }

    /// Before an element: the comma after the one before, then its line.
    #[inline(never)]
    fn element(&mut self, first: &mut bool) {
        self.spill();
        self.newline(if *first { b"\n" } else { b",\n" });
        *first = false;
    }

    /// An object's key and the `": "` after it.
    #[inline(never)]
    fn key(&mut self, first: &mut bool, key: &str) {
        self.element(first);
        self.string(key);
        self.raw(b": ");
    }

    /// Text in quotes, escaped as serde_json escapes it: `"`, `\` and the control characters.
    #[inline(never)]
    fn string(&mut self, s: &str) {
        self.raw(b"\"");
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x0C => b"\\f",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..0x20 => b"",
                _ => continue,
            };
            self.raw(&bytes[start..i]);
            start = i + 1;
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.raw(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ]);
            } else {
                self.raw(escape);
            }
        }
        self.raw(&bytes[start..]);
        self.raw(b"\"");
    }

    /// A whole number in decimal.
    #[inline(never)]
    fn integer(&mut self, negative: bool, mut v: u64) {
        let mut digits = [0u8; 21];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if negative {
            at -= 1;
            digits[at] = b'-';
        }
        self.raw(&digits[at..]);
    }

    /// A float as serde_json writes it (zmij's shortest digits), `null` when not finite.
    #[inline(never)]
    fn float(&mut self, v: f64) {
        if v.is_finite() {
            let mut buffer = zmij::Buffer::new();
            self.raw(buffer.format_finite(v).as_bytes());
        } else {
            self.raw(b"null");
        }
    }

    fn compound(&mut self, bracket: u8) -> Compound<'_, 'a> {
        self.open(bracket);
        Compound {
            w: self,
            first: true,
            variant: false,
        }
    }

    /// `{ "variant": ` before an enum variant's content.
    fn variant(&mut self, variant: &str) {
        self.open(b'{');
        let mut first = true;
        self.key(&mut first, variant);
    }
}

/// An array or object being written; `variant`: inside `{ "variant": ... }`, closed with it.
pub(crate) struct Compound<'w, 'a> {
    w: &'w mut Writer<'a>,
    first: bool,
    variant: bool,
}

impl Compound<'_, '_> {
    fn end(self, bracket: u8) -> Done {
        self.w.close(self.first, bracket);
        if self.variant {
            self.w.close(false, b'}');
        }
        Ok(())
    }
}

/// Integer methods that write the number widened to 64 bits.
macro_rules! widened {
    ($($method:ident: $t:ty => $wide:ident),*) => {$(
        fn $method(self, v: $t) -> Done {
            self.$wide(v.into())
        }
    )*};
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Done {
        self.raw(if v { b"true" } else { b"false" });
        Ok(())
    }
    widened!(
        serialize_i8: i8 => serialize_i64,
        serialize_i16: i16 => serialize_i64,
        serialize_i32: i32 => serialize_i64,
        serialize_u8: u8 => serialize_u64,
        serialize_u16: u16 => serialize_u64,
        serialize_u32: u32 => serialize_u64
    );
    fn serialize_i64(self, v: i64) -> Done {
        self.integer(v < 0, v.unsigned_abs());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.integer(false, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.raw(v.to_string().as_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.raw(v.to_string().as_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        if v.is_finite() {
            let mut buffer = zmij::Buffer::new();
            self.raw(buffer.format_finite(v).as_bytes());
        } else {
            self.raw(b"null");
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        use ser::SerializeSeq;
        let mut seq = self.compound(b'[');
        for b in v {
            seq.serialize_element(b)?;
        }
        SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.raw(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Done {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.close(false, b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.compound(b'['))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.compound(b'['))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.compound(b'['))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.variant(variant);
        let mut c = self.compound(b'[');
        c.variant = true;
        Ok(c)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.compound(b'{'))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.compound(b'{'))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.variant(variant);
        let mut c = self.compound(b'{');
        c.variant = true;
        Ok(c)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Done {
        self.string(&value.to_string());
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.w.element(&mut self.first);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        Compound::end(self, b']')
    }
}

/// Tuples, tuple structs and a tuple variant's fields: written as an array, as a sequence is.
macro_rules! as_sequence {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Done {
                Compound::end(self, b']')
            }
        }
    )*};
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        let text = key.serialize(KeyText)?;
        self.w.key(&mut self.first, &text);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        Compound::end(self, b'}')
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.w.key(&mut self.first, key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        Compound::end(self, b'}')
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        Compound::end(self, b'}')
    }
}

/// A map key as the text serde_json writes for it: text as it is, a number or a boolean in
/// quotes; any other key is refused, as serde_json refuses it.
struct KeyText;

fn not_a_key() -> Error {
    Error
}

/// Key methods that write the key's own text.
macro_rules! key_as_text {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<String, Error> {
            Ok(v.to_string())
        }
    )*};
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    key_as_text!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_char: char,
        serialize_str: &str
    );
    fn serialize_f32(self, v: f32) -> Result<String, Error> {
        if !v.is_finite() {
            return Err(not_a_key());
        }
        Ok(zmij::Buffer::new().format_finite(v).to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, Error> {
        if !v.is_finite() {
            return Err(not_a_key());
        }
        Ok(zmij::Buffer::new().format_finite(v).to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        Err(not_a_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_key())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(not_a_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_a_key())
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<String, Error> {
        Ok(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// Ours and serde_json's, side by side.
    fn both<T: Serialize + ?Sized>(v: &T) -> (String, String) {
        (
            to_string_pretty(v).expect("ours writes it"),
            serde_json::to_string_pretty(v).expect("serde_json writes it"),
        )
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Newtype(u8);

    #[derive(Serialize)]
    struct Pair(i32, &'static str);

    #[derive(Serialize)]
    struct Empty {}

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Plain,
        Wrapped(f64),
        Tuple(u8, Vec<u8>),
        EmptyTuple(),
        Record { a: Option<u8>, b: Vec<Empty> },
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        One { x: u8 },
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Either {
        Number(f64),
        Text(String),
    }

    #[derive(Serialize)]
    struct Inner {
        n: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        gone: Option<u32>,
    }

    struct Bytes(&'static [u8]);

    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    struct Shown(u32);

    impl Serialize for Shown {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&format_args!("<{}\n>", self.0))
        }
    }

    #[derive(Serialize)]
    struct Everything {
        t: bool,
        f: bool,
        i8: i8,
        i16: i16,
        i32: i32,
        i64: i64,
        min: i64,
        i128: i128,
        u8: u8,
        u16: u16,
        u32: u32,
        u64: u64,
        u128: u128,
        f32: f32,
        floats: Vec<f64>,
        odd_f32: Vec<f32>,
        c: char,
        quote: char,
        text: String,
        bytes: Bytes,
        none: Option<u8>,
        some: Option<Option<u8>>,
        unit: (),
        unit_struct: Unit,
        newtype: Newtype,
        tuple: (u8, (), &'static str),
        pair: Pair,
        shapes: Vec<Shape>,
        tagged: Tagged,
        either: Vec<Either>,
        empty_vec: Vec<u8>,
        nested_empty: Vec<Vec<Vec<u8>>>,
        empty: Empty,
        map: BTreeMap<String, Vec<u8>>,
        int_keys: BTreeMap<i32, u8>,
        bool_keys: BTreeMap<bool, u8>,
        char_keys: BTreeMap<char, u8>,
        empty_map: BTreeMap<String, u8>,
        #[serde(flatten)]
        inner: Inner,
        shown: Shown,
    }

    fn everything() -> Everything {
        // Every character below U+0080 and some beyond: each escape serde_json writes.
        let text: String = (0u8..0x80)
            .map(char::from)
            .chain("é😀\u{2028}\u{feff}".chars())
            .collect();
        Everything {
            t: true,
            f: false,
            i8: -128,
            i16: -32768,
            i32: i32::MIN,
            i64: -1,
            min: i64::MIN,
            i128: i128::MIN,
            u8: 255,
            u16: 65535,
            u32: u32::MAX,
            u64: u64::MAX,
            u128: u128::MAX,
            f32: 0.1,
            floats: vec![
                0.0,
                -0.0,
                1.0,
                -1.5,
                0.1,
                1e21,
                1e22,
                1.5e-7,
                123456789.125,
                f64::MAX,
                f64::MIN_POSITIVE,
                5e-324,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ],
            odd_f32: vec![f32::NAN, 16777216.0, 1e-45],
            c: '\u{7}',
            quote: '"',
            text,
            bytes: Bytes(&[0, 1, 255]),
            none: None,
            some: Some(None),
            unit: (),
            unit_struct: Unit,
            newtype: Newtype(7),
            tuple: (1, (), "x"),
            pair: Pair(-3, "p"),
            shapes: vec![
                Shape::Plain,
                Shape::Wrapped(2.5),
                Shape::Tuple(1, vec![]),
                Shape::EmptyTuple(),
                Shape::Record {
                    a: None,
                    b: vec![Empty {}],
                },
            ],
            tagged: Tagged::One { x: 1 },
            either: vec![Either::Number(1.0), Either::Text("t".into())],
            empty_vec: vec![],
            nested_empty: vec![vec![], vec![vec![]]],
            empty: Empty {},
            map: [("b\n".to_string(), vec![1]), ("a".to_string(), vec![])].into(),
            int_keys: [(-1, 1), (10, 2)].into(),
            bool_keys: [(true, 1), (false, 0)].into(),
            char_keys: [('"', 1)].into(),
            empty_map: BTreeMap::new(),
            inner: Inner { n: 4, gone: None },
            shown: Shown(9),
        }
    }

    #[test]
    fn every_shape_of_serdes_model_as_serde_json_writes_it() {
        let (ours, theirs) = both(&everything());
        assert_eq!(ours, theirs);
        // Written the way round too: the tests above could not pass on an empty writer.
        assert!(ours.contains("\"u64\": 18446744073709551615"), "{ours}");
        assert!(ours.contains("\\u0000\\u0001"), "{ours}");
        assert!(ours.contains("\"empty_vec\": [],"), "{ours}");
    }

    #[test]
    fn a_map_key_json_cannot_hold_is_refused_as_serde_json_refuses_it() {
        let bad: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        assert!(to_string_pretty(&bad).is_err());
        assert!(serde_json::to_string_pretty(&bad).is_err());
        let nan: Vec<(f64, u8)> = vec![(f64::NAN, 1)];
        let nan_key = |v: &Vec<(f64, u8)>| {
            struct M<'a>(&'a [(f64, u8)]);
            impl Serialize for M<'_> {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
                }
            }
            (
                to_string_pretty(&M(v)).is_err(),
                serde_json::to_string_pretty(&M(v)).is_err(),
            )
        };
        assert_eq!(nan_key(&nan), (true, true));
        assert_eq!(nan_key(&vec![(1.5, 1)]), (false, false));
    }

    #[test]
    fn written_in_pieces_the_same_bytes_and_an_io_error_is_returned() {
        let big: Vec<String> = (0..20_000).map(|i| format!("row {i}")).collect();
        let mut out = Vec::new();
        write_pretty(&big, &mut out).expect("a Vec takes it");
        assert!(out.len() > 3 * CHUNK);
        assert_eq!(
            out,
            serde_json::to_string_pretty(&big)
                .expect("json")
                .into_bytes()
        );

        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let e = write_pretty(&big, &mut Full).expect_err("the writer fails");
        assert_eq!(e.to_string(), "disk full");
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((".{0,6}", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Any JSON value, as serde_json writes it.
        #[test]
        fn any_value_as_serde_json_writes_it(v in json_value()) {
            let (ours, theirs) = both(&v);
            prop_assert_eq!(ours, theirs);
        }
    }
}
