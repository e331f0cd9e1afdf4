//! A fast, strict parser for the RON that kg's data files use: a serde `Deserializer` over
//! the text's bytes that gives up ([`Bail`]) on anything it does not know, so that the caller
//! parses the file again with ron, which then reports the problem.
//!
//! The subset: structs written `(field: value, ...)` or `Name(field: value, ...)` (the name
//! must be the type's, as ron requires), lists `[...]`, `None`, `Some(x)` and an implicit
//! `Some` (ron's `IMPLICIT_SOME`), enum unit variants as identifiers, `true` and `false`,
//! unsigned decimal integers (`[0-9]+`), strings in double quotes with the escapes
//! `\" \\ \' \n \r \t \0 \u{...}` and line continuations, ASCII identifiers, the whitespace
//! ` \t\r\n`, `//` and nested `/* */` comments, trailing commas. Everything else (raw
//! strings, `\x` escapes, signs, other bases, suffixes, floats, attributes `#![...]`,
//! non-ASCII identifiers or whitespace, newtype and struct variants, maps, tuples) bails,
//! and so does every error the types' `Deserialize` impls raise (unknown, missing or
//! duplicate fields, unknown variants). What it accepts, ron accepts too and reads to the
//! same value: its tests (`fast_ron/tests.rs`, `synthetic`'s, and the e2e suite's
//! `imported_files_are_read_by_the_fast_parser_as_by_ron`) parse every data file of the
//! repository, fixtures, synthetic data, imports, generated files and random mutations of
//! them with both and compare (`super::fast_parse_agrees`).
//!
//! At 1M synthetic models (368 MB) it reads about 10 times faster than ron
//! (docs/performance.md, "A faster parse").

use serde::de::{self, DeserializeSeed, Visitor};
use std::fmt;

/// The one error: the fast parser does not vouch for this text (ron must parse it).
#[derive(Debug)]
pub(crate) struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the fast parser's subset of RON")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    #[cold]
    fn custom<T: fmt::Display>(_: T) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// Parses a whole text (after its byte-order mark) as one `T`, or bails.
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut de = Deserializer {
        text,
        src: text.as_bytes(),
        pos: 0,
    };
    de.skip_ws()?;
    let value = T::deserialize(&mut de)?;
    de.skip_ws()?;
    if de.pos == de.src.len() {
        Ok(value)
    } else {
        Err(Bail)
    }
}

struct Deserializer<'de> {
    text: &'de str,
    src: &'de [u8],
    pos: usize,
}

/// Whether `b` may continue an ASCII identifier.
#[inline]
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'de> Deserializer<'de> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Skips whitespace (` \t\r\n`) and comments. Any other byte ron counts as whitespace
    /// (vertical tab, form feed, U+0085, U+200E, ...) is left in place, so the parse bails.
    #[inline]
    fn skip_ws(&mut self) -> Result<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => self.skip_comment()?,
                _ => return Ok(()),
            }
        }
    }

    #[cold]
    fn skip_comment(&mut self) -> Result<()> {
        match self.src.get(self.pos + 1) {
            Some(b'/') => {
                self.pos = memchr::memchr(b'\n', &self.src[self.pos..])
                    .map_or(self.src.len(), |i| self.pos + i);
                Ok(())
            }
            Some(b'*') => {
                self.pos += 2;
                let mut level = 1u32;
                while level > 0 {
                    let i = memchr::memchr2(b'/', b'*', &self.src[self.pos..]).ok_or(Bail)?;
                    self.pos += i;
                    let rest = &self.src[self.pos..];
                    if rest.starts_with(b"/*") {
                        level += 1;
                        self.pos += 2;
                    } else if rest.starts_with(b"*/") {
                        level -= 1;
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                    }
                }
                Ok(())
            }
            _ => Err(Bail),
        }
    }

    #[inline]
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[inline]
    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// The ASCII identifier at the cursor, without consuming it; bails when what follows
    /// could make ron read it otherwise (a raw identifier or string, a byte string, a
    /// non-ASCII identifier character, `.`, `+` or `-` that ron would offer a raw
    /// identifier for).
    #[inline]
    fn peek_ident(&self) -> Result<&'de str> {
        let rest = &self.src[self.pos..];
        match rest.first() {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return Err(Bail),
        }
        let len = rest
            .iter()
            .position(|&b| !is_ident_byte(b))
            .unwrap_or(rest.len());
        if let Some(&next) = rest.get(len) {
            if next >= 0x80 || matches!(next, b'"' | b'\'' | b'#' | b'.' | b'+' | b'-') {
                return Err(Bail);
            }
        }
        // ASCII throughout, so the slice is on character boundaries.
        self.text.get(self.pos..self.pos + len).ok_or(Bail)
    }

    #[inline]
    fn ident(&mut self) -> Result<&'de str> {
        let ident = self.peek_ident()?;
        self.pos += ident.len();
        Ok(ident)
    }

    /// An unsigned decimal integer: digits only, followed by whitespace, a comment, a comma or
    /// a closing bracket (anything else, such as a suffix, another base or a fraction, bails).
    #[inline]
    fn unsigned(&mut self, max: u64) -> Result<u64> {
        let rest = &self.src[self.pos..];
        let len = rest
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(rest.len());
        if len == 0 || len > 19 {
            return Err(Bail);
        }
        match rest.get(len) {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b')' | b']' | b'/') => {}
            Some(_) => return Err(Bail),
        }
        let n = rest[..len]
            .iter()
            .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
        if n > max {
            return Err(Bail);
        }
        self.pos += len;
        Ok(n)
    }

    /// A string in double quotes: borrowed when it has no escape, unescaped otherwise.
    #[inline]
    fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.expect(b'"')?;
        let start = self.pos;
        let i = memchr::memchr2(b'"', b'\\', &self.src[start..]).ok_or(Bail)?;
        if self.src[start + i] == b'"' {
            self.pos = start + i + 1;
            // Between two ASCII quotes, so on character boundaries.
            let s = self.text.get(start..start + i).ok_or(Bail)?;
            return visitor.visit_borrowed_str(s);
        }
        let s = self.escaped(start, start + i)?;
        visitor.visit_string(s)
    }

    /// The rest of a string that has an escape at `escape`: its unescaped text.
    #[cold]
    fn escaped(&mut self, start: usize, mut escape: usize) -> Result<String> {
        let mut out = String::from(self.text.get(start..escape).ok_or(Bail)?);
        loop {
            // self.src[escape] is a backslash.
            self.pos = escape + 1;
            let c = self.peek().ok_or(Bail)?;
            self.pos += 1;
            match c {
                b'"' | b'\\' | b'\'' => out.push(char::from(c)),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'0' => out.push('\0'),
                b'u' => out.push(self.unicode_escape()?),
                b'\n' => self.continuation(),
                b'\r' if self.eat(b'\n') => self.continuation(),
                _ => return Err(Bail),
            }
            let from = self.pos;
            let i = memchr::memchr2(b'"', b'\\', &self.src[from..]).ok_or(Bail)?;
            // From after an ASCII escape to an ASCII delimiter: on character boundaries.
            out.push_str(self.text.get(from..from + i).ok_or(Bail)?);
            if self.src[from + i] == b'"' {
                self.pos = from + i + 1;
                return Ok(out);
            }
            escape = from + i;
        }
    }

    /// After `\` and a line end: the whitespace that starts the next line is skipped.
    fn continuation(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// `{X}` to `{XXXXXX}` after `\u`: a Unicode scalar value in hex.
    fn unicode_escape(&mut self) -> Result<char> {
        self.expect(b'{')?;
        let mut value = 0u32;
        let mut digits = 0;
        while digits < 6 {
            let b = self.peek().ok_or(Bail)?;
            if b == b'}' {
                break;
            }
            let d = (b as char).to_digit(16).ok_or(Bail)?;
            value = value << 4 | d;
            digits += 1;
            self.pos += 1;
        }
        if digits == 0 {
            return Err(Bail);
        }
        self.expect(b'}')?;
        char::from_u32(value).ok_or(Bail)
    }

    /// After a value inside brackets: a comma (and then maybe the end), or the end.
    /// Returns whether the list goes on.
    #[inline]
    fn after_item(&mut self, end: u8) -> Result<bool> {
        self.skip_ws()?;
        if self.eat(b',') {
            self.skip_ws()?;
            Ok(!self.eat(end))
        } else if self.eat(end) {
            Ok(false)
        } else {
            Err(Bail)
        }
    }
}

/// The items of a list or the fields of a struct, up to `end` (the opening bracket is
/// consumed, and whitespace after it skipped).
struct Items<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    end: u8,
    first: bool,
    done: bool,
}

impl<'a, 'de> Items<'a, 'de> {
    fn new(de: &'a mut Deserializer<'de>, end: u8) -> Self {
        Items {
            de,
            end,
            first: true,
            done: false,
        }
    }

    /// Whether another item follows.
    #[inline]
    fn more(&mut self) -> Result<bool> {
        if self.done {
            return Ok(false);
        }
        let more = if self.first {
            self.first = false;
            !self.de.eat(self.end)
        } else {
            self.de.after_item(self.end)?
        };
        self.done = !more;
        Ok(more)
    }

    /// The list or struct was read to its end.
    fn finish(&mut self) -> Result<()> {
        if self.more()? {
            Err(Bail)
        } else {
            Ok(())
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Bail;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.more()? {
            seed.deserialize(&mut *self.de).map(Some)
        } else {
            Ok(None)
        }
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Bail;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.more()? {
            seed.deserialize(Key(&mut *self.de)).map(Some)
        } else {
            Ok(None)
        }
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.skip_ws()?;
        self.de.expect(b':')?;
        self.de.skip_ws()?;
        seed.deserialize(&mut *self.de)
    }
}

/// A struct's field name: an identifier, never a string.
struct Key<'a, 'de>(&'a mut Deserializer<'de>);

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = Bail;

    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0.ident()?)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum ignored_any
    }
}

/// An enum's variant: a unit variant only.
struct Variant<'a, 'de>(&'a mut Deserializer<'de>);

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Bail;
    type Variant = Self;

    #[inline]
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(Key(&mut *self.0))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Bail;

    #[inline]
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(Bail)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(Bail)
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Bail),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u8(self.unsigned(u8::MAX.into())? as u8)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u16(self.unsigned(u16::MAX.into())? as u16)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.unsigned(u32::MAX.into())? as u32)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned(u64::MAX)?)
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_ident() {
            Ok("None") => {
                self.pos += 4;
                visitor.visit_none()
            }
            Ok("Some") => {
                self.pos += 4;
                self.skip_ws()?;
                self.expect(b'(')?;
                self.skip_ws()?;
                let value = visitor.visit_some(&mut *self)?;
                self.skip_ws()?;
                if self.eat(b',') {
                    self.skip_ws()?;
                }
                self.expect(b')')?;
                Ok(value)
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        self.skip_ws()?;
        let mut items = Items::new(self, b']');
        let value = visitor.visit_seq(&mut items)?;
        items.finish()?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.peek() != Some(b'(') {
            if name.is_empty() || self.ident()? != name {
                return Err(Bail);
            }
            self.skip_ws()?;
            self.expect(b'(')?;
        } else {
            self.pos += 1;
        }
        self.skip_ws()?;
        let mut items = Items::new(self, b')');
        let value = visitor.visit_map(&mut items)?;
        items.finish()?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant(self))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct map ignored_any
    }
}

#[cfg(test)]
mod tests;
