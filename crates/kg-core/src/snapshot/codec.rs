//! The snapshot's byte encoding: little-endian integers, length-prefixed UTF-8 strings, and
//! one encode and one decode function per stored type. Decoding checks every length and every
//! enum tag, so a damaged file gives an error, never a panic or a wrong value.

use crate::date::{Date, DatePart, Period};
use crate::model::{
    Citation, Claim, ClaimExtra, DerivationKind, Details, EdgeKind, Entity, Field, Heading,
    ItemPath, List, Mix, NodeKind, Origin, QualifierSet, Qualifiers, Role, SourceKind, Status,
};
use crate::property::Property;
use crate::value::{Bound, Noun, Shape, Unit, Value};

/// A snapshot that cannot be read: damaged, truncated, or written by another format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt(pub String);

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Corrupt {}

/// A decoding result.
pub type Result<T> = std::result::Result<T, Corrupt>;

fn corrupt<T>(what: &str) -> Result<T> {
    Err(Corrupt(format!("damaged snapshot: {what}")))
}

/// Appends encoded values to a byte vector.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i32(&mut self, v: i32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    pub fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    /// A length: a u32 (nothing kg stores has 4G items or bytes).
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    pub fn opt_u32(&mut self, v: Option<u32>) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                self.u32(v);
            }
        }
    }
}

/// Reads encoded values from a byte slice, each read bounds-checked.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    pub fn is_empty(&self) -> bool {
        self.at >= self.bytes.len()
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.at..end];
                self.at = end;
                Ok(s)
            }
            None => corrupt("a record runs past its section"),
        }
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn i32(&mut self) -> Result<i32> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    pub fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_bits(self.u64()?))
    }
    pub fn bool(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => corrupt("a flag is neither 0 nor 1"),
        }
    }
    pub fn len(&mut self) -> Result<usize> {
        let n = self.u32()? as usize;
        // Every item takes at least a byte: a length past the end is damage, caught before
        // anything is allocated for it.
        if n > self.bytes.len() - self.at.min(self.bytes.len()) {
            return corrupt("a length runs past its section");
        }
        Ok(n)
    }
    pub fn str(&mut self) -> Result<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).or_else(|_| corrupt("a text is not UTF-8"))
    }
    pub fn string(&mut self) -> Result<String> {
        self.str().map(str::to_string)
    }
    pub fn opt_string(&mut self) -> Result<Option<String>> {
        Ok(if self.bool()? {
            Some(self.string()?)
        } else {
            None
        })
    }
    pub fn opt_u32(&mut self) -> Result<Option<u32>> {
        Ok(if self.bool()? {
            Some(self.u32()?)
        } else {
            None
        })
    }
    /// An index that must be below `bound` (an entity, a section).
    pub fn index(&mut self, bound: usize) -> Result<u32> {
        let i = self.u32()?;
        if (i as usize) < bound {
            Ok(i)
        } else {
            corrupt("an index is out of range")
        }
    }
}

/// The variants of a field-less enum in declaration order, so that `v as u8` is the index of
/// `v` (a test checks it for every table).
pub(crate) const ROLES: [Role; 9] = [
    Role::Developer,
    Role::Investor,
    Role::ResearchFirm,
    Role::Platform,
    Role::Government,
    Role::Media,
    Role::Academic,
    Role::Nonprofit,
    Role::Customer,
];
pub(crate) const BOUNDS: [Bound; 3] = [Bound::AtLeast, Bound::AtMost, Bound::Approx];
pub(crate) const NOUNS: [Noun; 21] = [
    Noun::Bytes,
    Noun::Calls,
    Noun::Customers,
    Noun::Datasets,
    Noun::Developers,
    Noun::Downloads,
    Noun::Employees,
    Noun::Entries,
    Noun::Events,
    Noun::Languages,
    Noun::Models,
    Noun::Parameters,
    Noun::People,
    Noun::Prompts,
    Noun::Seats,
    Noun::Stars,
    Noun::Times,
    Noun::Tokens,
    Noun::Users,
    Noun::Visits,
    Noun::Words,
];
pub(crate) const LISTS: [List; 11] = [
    List::Organizations,
    List::People,
    List::Families,
    List::Models,
    List::Benchmarks,
    List::Datasets,
    List::Applications,
    List::Markets,
    List::Rounds,
    List::Sources,
    List::Claims,
];
pub(crate) const FIELDS: [Field; 9] = [
    Field::Developer,
    Field::Family,
    Field::MemberOf,
    Field::SuccessorOf,
    Field::DerivedFrom,
    Field::SubsidiaryOf,
    Field::FoundedBy,
    Field::Id,
    Field::Investors,
];

fn pick<T: Copy>(table: &[T], tag: u8, what: &str) -> Result<T> {
    match table.get(tag as usize) {
        Some(&v) => Ok(v),
        None => corrupt(&format!("unknown {what} tag {tag}")),
    }
}

fn put_date(w: &mut Writer, d: Date) {
    w.i32(d.year);
    let (tag, a, b) = match d.part {
        DatePart::Year => (0, 0, 0),
        DatePart::Half(h) => (1, h, 0),
        DatePart::Quarter(q) => (2, q, 0),
        DatePart::Month(m) => (3, m, 0),
        DatePart::Day(m, d) => (4, m, d),
    };
    w.u8(tag);
    w.u8(a);
    w.u8(b);
}

fn get_date(r: &mut Reader) -> Result<Date> {
    let year = r.i32()?;
    let (tag, a, b) = (r.u8()?, r.u8()?, r.u8()?);
    let part = match tag {
        0 => DatePart::Year,
        1 => DatePart::Half(a),
        2 => DatePart::Quarter(a),
        3 => DatePart::Month(a),
        4 => DatePart::Day(a, b),
        _ => return corrupt("unknown date tag"),
    };
    Ok(Date { year, part })
}

fn put_opt_date(w: &mut Writer, d: Option<Date>) {
    w.bool(d.is_some());
    if let Some(d) = d {
        put_date(w, d);
    }
}

fn get_opt_date(r: &mut Reader) -> Result<Option<Date>> {
    Ok(if r.bool()? { Some(get_date(r)?) } else { None })
}

fn put_unit(w: &mut Writer, u: Unit) {
    let (tag, noun) = match u {
        Unit::Usd => (0, 0),
        Unit::Eur => (1, 0),
        Unit::Cny => (2, 0),
        Unit::Percent => (3, 0),
        Unit::PercentagePoints => (4, 0),
        Unit::Count(n) => (5, n as u8),
        Unit::Seconds => (6, 0),
        Unit::TokensPerSecond => (7, 0),
        Unit::Points => (8, 0),
        Unit::Rank => (9, 0),
    };
    w.u8(tag);
    w.u8(noun);
}

fn get_unit(r: &mut Reader) -> Result<Unit> {
    let (tag, noun) = (r.u8()?, r.u8()?);
    Ok(match tag {
        0 => Unit::Usd,
        1 => Unit::Eur,
        2 => Unit::Cny,
        3 => Unit::Percent,
        4 => Unit::PercentagePoints,
        5 => Unit::Count(pick(&NOUNS, noun, "noun")?),
        6 => Unit::Seconds,
        7 => Unit::TokensPerSecond,
        8 => Unit::Points,
        9 => Unit::Rank,
        _ => return corrupt("unknown unit tag"),
    })
}

fn put_value(w: &mut Writer, v: &Value) {
    w.str(&v.text);
    match &v.shape {
        Shape::Quantity {
            amount,
            unit,
            bound,
        } => {
            w.u8(0);
            w.f64(*amount);
            put_unit(w, *unit);
            w.u8(bound.map_or(u8::MAX, |b| b as u8));
        }
        Shape::Range { min, max, unit } => {
            w.u8(1);
            w.f64(*min);
            w.f64(*max);
            put_unit(w, *unit);
        }
        Shape::Date(d) => {
            w.u8(2);
            put_date(w, *d);
        }
        Shape::Text => w.u8(3),
        Shape::Undisclosed => w.u8(4),
        Shape::None => w.u8(5),
    }
}

fn get_value(r: &mut Reader) -> Result<Value> {
    let text = r.string()?;
    let shape = match r.u8()? {
        0 => {
            let amount = r.f64()?;
            let unit = get_unit(r)?;
            let bound = match r.u8()? {
                u8::MAX => None,
                b => Some(pick(&BOUNDS, b, "bound")?),
            };
            Shape::Quantity {
                amount,
                unit,
                bound,
            }
        }
        1 => Shape::Range {
            min: r.f64()?,
            max: r.f64()?,
            unit: get_unit(r)?,
        },
        2 => Shape::Date(get_date(r)?),
        3 => Shape::Text,
        4 => Shape::Undisclosed,
        5 => Shape::None,
        _ => return corrupt("unknown value tag"),
    };
    Ok(Value { text, shape })
}

fn put_origin(w: &mut Writer, o: Origin) {
    w.u32(o.file);
    w.u8(o.path.list as u8);
    w.u32(o.path.index);
    w.u8(o.path.field.map_or(u8::MAX, |f| f as u8));
    w.u16(o.path.item);
}

fn get_origin(r: &mut Reader, files: usize) -> Result<Origin> {
    let file = r.index(files)?;
    let list = pick(&LISTS, r.u8()?, "list")?;
    let index = r.u32()?;
    let field = match r.u8()? {
        u8::MAX => None,
        f => Some(pick(&FIELDS, f, "field")?),
    };
    let item = r.u16()?;
    Ok(Origin {
        file,
        path: ItemPath {
            list,
            index,
            field,
            item,
        },
    })
}

/// Encodes an entity; `map` turns the graph's entity indexes into the snapshot's (the same).
pub fn put_entity(w: &mut Writer, e: &Entity) {
    w.u8(e.kind as u8);
    w.str(&e.id);
    w.str(&e.name);
    w.len(e.aliases.len());
    for a in &e.aliases {
        w.str(a);
    }
    put_origin(w, e.origin);
    match e.details() {
        Details::Plain => w.u8(0),
        Details::Organization { roles, country } => {
            w.u8(1);
            w.len(roles.len());
            for r in roles {
                w.u8(*r as u8);
            }
            w.opt_str(country.as_deref());
        }
        Details::Market {
            region,
            segment,
            scope,
            part_of,
        } => {
            w.u8(2);
            for s in [region, segment, scope, part_of] {
                w.opt_str(s.as_deref());
            }
        }
        Details::Source {
            kind,
            date,
            publisher,
            url,
            lines,
            file,
            sha256,
            outline,
        } => {
            w.u8(3);
            w.u8(*kind as u8);
            put_opt_date(w, *date);
            w.opt_str(publisher.as_deref());
            w.opt_str(url.as_deref());
            w.opt_u32(*lines);
            w.opt_str(file.as_deref());
            w.opt_str(sha256.as_deref());
            w.len(outline.len());
            for h in outline {
                w.u32(h.line);
                w.u8(h.level);
                w.str(&h.title);
                w.len(h.attributed_to.len());
                for a in &h.attributed_to {
                    w.str(a);
                }
            }
        }
    }
}

/// The id of an encoded entity, read without decoding the rest.
pub fn entity_id(bytes: &[u8]) -> Result<&str> {
    let mut r = Reader::new(bytes);
    r.u8()?;
    r.str()
}

/// The kind of an encoded entity.
pub fn entity_kind(bytes: &[u8]) -> Result<NodeKind> {
    pick(&NodeKind::ALL, Reader::new(bytes).u8()?, "kind")
}

/// Whether `test` accepts an encoded entity's id, name or one of its aliases.
pub fn entity_keys_any(bytes: &[u8], test: &(dyn Fn(&str) -> bool + Sync)) -> Result<bool> {
    let mut r = Reader::new(bytes);
    r.u8()?;
    if test(r.str()?) || test(r.str()?) {
        return Ok(true);
    }
    for _ in 0..r.len()? {
        if test(r.str()?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Decodes an entity.
pub fn get_entity(bytes: &[u8], files: usize) -> Result<Entity> {
    let mut r = Reader::new(bytes);
    let kind = pick(&NodeKind::ALL, r.u8()?, "kind")?;
    let id = r.string()?;
    let name = r.string()?;
    let n = r.len()?;
    let mut aliases = Vec::with_capacity(n);
    for _ in 0..n {
        aliases.push(r.string()?);
    }
    let origin = get_origin(&mut r, files)?;
    let details = match r.u8()? {
        0 => Details::Plain,
        1 => {
            let n = r.len()?;
            let mut roles = Vec::with_capacity(n);
            for _ in 0..n {
                roles.push(pick(&ROLES, r.u8()?, "role")?);
            }
            Details::Organization {
                roles,
                country: r.opt_string()?,
            }
        }
        2 => Details::Market {
            region: r.opt_string()?,
            segment: r.opt_string()?,
            scope: r.opt_string()?,
            part_of: r.opt_string()?,
        },
        3 => {
            let kind = pick(&SourceKind::ALL, r.u8()?, "source kind")?;
            let date = get_opt_date(&mut r)?;
            let publisher = r.opt_string()?;
            let url = r.opt_string()?;
            let lines = r.opt_u32()?;
            let file = r.opt_string()?;
            let sha256 = r.opt_string()?;
            let n = r.len()?;
            let mut outline = Vec::with_capacity(n);
            for _ in 0..n {
                let line = r.u32()?;
                let level = r.u8()?;
                let title = r.string()?;
                let k = r.len()?;
                let mut attributed_to = Vec::with_capacity(k);
                for _ in 0..k {
                    attributed_to.push(r.string()?);
                }
                outline.push(Heading {
                    line,
                    level,
                    title,
                    attributed_to,
                });
            }
            Details::Source {
                kind,
                date,
                publisher,
                url,
                lines,
                file,
                sha256,
                outline,
            }
        }
        _ => return corrupt("unknown entity details tag"),
    };
    if !r.is_empty() {
        return corrupt("an entity record is longer than its fields");
    }
    Ok(Entity {
        id,
        kind,
        name,
        aliases,
        details: details.stored(),
        origin,
    })
}

/// Encodes a claim, its entity indexes as the graph has them.
pub fn put_claim(w: &mut Writer, c: &Claim) {
    w.u32(c.subject);
    w.opt_u32(c.object);
    w.u8(c.property as u8);
    w.u8(c.status as u8);
    w.u8(c.derivation.map_or(u8::MAX, |d| d as u8));
    w.bool(c.latest);
    put_value(w, &c.value);
    let q: &QualifierSet = &c.qualifiers;
    w.bool(!c.qualifiers.is_empty());
    if !c.qualifiers.is_empty() {
        put_opt_date(w, q.as_of);
        w.bool(q.period.is_some());
        if let Some(p) = q.period {
            put_date(w, p.start);
            put_date(w, p.end);
        }
        for s in [&q.region, &q.segment, &q.scope] {
            w.opt_str(s.as_deref());
        }
    }
    w.len(c.citations.len());
    for x in c.citations.iter() {
        w.u32(x.source);
        w.u32(x.section);
        w.u32(x.line);
        w.str(&x.quote);
        w.len(x.attributed_to.len());
        for &a in x.attributed_to.iter() {
            w.u32(a);
        }
    }
    match &c.extra {
        None => w.u8(0),
        Some(extra) => {
            w.u8(1);
            w.opt_str(extra.editorial.as_deref());
            w.opt_str(extra.note.as_deref());
            w.bool(extra.mix.is_some());
            if let Some(m) = &extra.mix {
                w.str(&m.name);
                w.bool(m.remainder);
                w.bool(m.multiple_answer);
            }
            w.opt_str(extra.key.as_deref());
        }
    }
    put_origin(w, c.origin);
}

/// The entities an encoded claim names: subject, object, and each citation's document and
/// primary sources (snapshot indexes, unchecked).
pub fn claim_entities(bytes: &[u8], out: &mut Vec<u32>) -> Result<()> {
    let mut r = Reader::new(bytes);
    out.push(r.u32()?);
    if let Some(o) = r.opt_u32()? {
        out.push(o);
    }
    r.take(4)?;
    get_value(&mut r)?;
    skip_qualifiers(&mut r)?;
    for _ in 0..r.len()? {
        out.push(r.u32()?);
        r.take(8)?;
        r.str()?;
        for _ in 0..r.len()? {
            out.push(r.u32()?);
        }
    }
    Ok(())
}

/// The derivation kind of a tag.
pub fn derivation(tag: u8) -> Result<DerivationKind> {
    pick(&DerivationKind::ALL, tag, "derivation")
}

/// The kinds of edge between entities other than `derived_from`, by their code in a
/// snapshot's links; `derived_from` is [`DERIVED_FROM`] plus its derivation kind.
const LINK_KINDS: [EdgeKind; 11] = [
    EdgeKind::DevelopedBy,
    EdgeKind::MemberOf,
    EdgeKind::SuccessorOf,
    EdgeKind::SubsidiaryOf,
    EdgeKind::FoundedBy,
    EdgeKind::Raised,
    EdgeKind::InvestedIn,
    EdgeKind::PartOf,
    EdgeKind::DependsOn,
    EdgeKind::SameAs,
    EdgeKind::PublishedBy,
];

/// The code of `derived_from` with the first derivation kind.
const DERIVED_FROM: u32 = 64;

/// The code of an edge between entities in a snapshot's links (`None`: a claim's edge).
pub fn link_code(kind: EdgeKind) -> Option<u32> {
    match kind {
        EdgeKind::DerivedFrom(d) => Some(DERIVED_FROM + d as u32),
        other => LINK_KINDS
            .iter()
            .position(|k| *k == other)
            .map(|i| i as u32),
    }
}

/// The edge kind of a code of [`link_code`].
pub fn link_kind(code: u32) -> Result<EdgeKind> {
    if code >= DERIVED_FROM {
        let tag = u8::try_from(code - DERIVED_FROM).unwrap_or(u8::MAX);
        return Ok(EdgeKind::DerivedFrom(derivation(tag)?));
    }
    pick(&LINK_KINDS, u8::try_from(code).unwrap_or(u8::MAX), "link")
}

/// Entities' release dates: (entity, date), by entity.
pub fn put_dates(w: &mut Writer, dates: &[(u32, Date)]) {
    w.len(dates.len());
    for &(e, d) in dates {
        w.u32(e);
        put_date(w, d);
    }
}

/// Reads what [`put_dates`] wrote; every entity index below `entities` and ascending.
pub fn get_dates(bytes: &[u8], entities: usize) -> Result<Vec<(u32, Date)>> {
    let mut r = Reader::new(bytes);
    let n = r.len()?;
    let mut dates: Vec<(u32, Date)> = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let e = r.index(entities)?;
        if dates.last().is_some_and(|&(last, _)| last >= e) {
            return corrupt("the release dates are out of order");
        }
        dates.push((e, get_date(&mut r)?));
    }
    Ok(dates)
}

/// Alias `k` of an encoded entity, if it has so many.
pub fn entity_alias(bytes: &[u8], k: usize) -> Result<Option<&str>> {
    let mut r = Reader::new(bytes);
    r.u8()?;
    r.str()?;
    r.str()?;
    let n = r.len()?;
    for i in 0..n {
        let alias = r.str()?;
        if i == k {
            return Ok(Some(alias));
        }
    }
    Ok(None)
}

/// The name of an encoded entity.
pub fn entity_name(bytes: &[u8]) -> Result<&str> {
    let mut r = Reader::new(bytes);
    r.u8()?;
    r.str()?;
    r.str()
}

fn skip_qualifiers(r: &mut Reader) -> Result<()> {
    if r.bool()? {
        get_opt_date(r)?;
        if r.bool()? {
            get_date(r)?;
            get_date(r)?;
        }
        for _ in 0..3 {
            r.opt_string()?;
        }
    }
    Ok(())
}

/// Decodes a claim; `entity` maps each entity index of the snapshot to the graph's (`None`
/// for one the graph leaves out, which is damage here: the caller included every entity a
/// claim names).
pub fn get_claim(
    bytes: &[u8],
    files: usize,
    sections: usize,
    entity: &dyn Fn(u32) -> Option<u32>,
) -> Result<Claim> {
    let mut r = Reader::new(bytes);
    let map = |i: u32| match entity(i) {
        Some(e) => Ok(e),
        None => corrupt("a claim names an entity out of range"),
    };
    let subject = map(r.u32()?)?;
    let object = r.opt_u32()?.map(map).transpose()?;
    let property = pick(Property::ALL, r.u8()?, "property")?;
    let status = pick(&Status::ALL, r.u8()?, "status")?;
    let derivation = match r.u8()? {
        u8::MAX => None,
        d => Some(pick(&DerivationKind::ALL, d, "derivation")?),
    };
    let latest = r.bool()?;
    let value = get_value(&mut r)?;
    let qualifiers = if r.bool()? {
        let as_of = get_opt_date(&mut r)?;
        let period = if r.bool()? {
            Some(Period {
                start: get_date(&mut r)?,
                end: get_date(&mut r)?,
            })
        } else {
            None
        };
        Qualifiers::new(QualifierSet {
            as_of,
            period,
            region: r.opt_string()?,
            segment: r.opt_string()?,
            scope: r.opt_string()?,
        })
    } else {
        Qualifiers::default()
    };
    let n = r.len()?;
    let mut citations = Vec::with_capacity(n);
    for _ in 0..n {
        let source = map(r.u32()?)?;
        let section = r.index(sections.max(1))?;
        let line = r.u32()?;
        let quote: Box<str> = r.str()?.into();
        let k = r.len()?;
        let mut attributed_to = Vec::with_capacity(k);
        for _ in 0..k {
            attributed_to.push(map(r.u32()?)?);
        }
        citations.push(Citation {
            source,
            section,
            line,
            quote,
            attributed_to: attributed_to.into_boxed_slice(),
        });
    }
    let extra = match r.u8()? {
        0 => None,
        1 => {
            let editorial = r.opt_string()?;
            let note = r.opt_string()?;
            let mix = if r.bool()? {
                Some(Mix {
                    name: r.string()?,
                    remainder: r.bool()?,
                    multiple_answer: r.bool()?,
                })
            } else {
                None
            };
            Some(Box::new(ClaimExtra {
                editorial,
                note,
                mix,
                key: r.opt_string()?,
            }))
        }
        _ => return corrupt("unknown claim extra tag"),
    };
    let origin = get_origin(&mut r, files)?;
    if !r.is_empty() {
        return corrupt("a claim record is longer than its fields");
    }
    Ok(Claim {
        subject,
        object,
        property,
        status,
        derivation,
        latest,
        value,
        qualifiers,
        citations: citations.into_boxed_slice(),
        extra,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_tables_are_in_declaration_order() {
        assert!(ROLES.iter().enumerate().all(|(i, &v)| v as usize == i));
        assert!(DerivationKind::ALL
            .iter()
            .enumerate()
            .all(|(i, &v)| v as usize == i));
        assert!(BOUNDS.iter().enumerate().all(|(i, &v)| v as usize == i));
        assert!(NOUNS.iter().enumerate().all(|(i, &v)| v as usize == i));
        assert!(LISTS.iter().enumerate().all(|(i, &v)| v as usize == i));
        assert!(FIELDS.iter().enumerate().all(|(i, &v)| v as usize == i));
        assert!(NodeKind::ALL
            .iter()
            .enumerate()
            .all(|(i, &v)| v as usize == i));
        assert!(SourceKind::ALL
            .iter()
            .enumerate()
            .all(|(i, &v)| v as usize == i));
        assert!(Status::ALL
            .iter()
            .enumerate()
            .all(|(i, &v)| v as usize == i));
        assert!(Property::ALL
            .iter()
            .enumerate()
            .all(|(i, &v)| v as usize == i));
    }

    #[test]
    fn a_length_past_the_end_is_damage_not_an_allocation() {
        let mut w = Writer::default();
        w.u32(u32::MAX);
        assert!(Reader::new(&w.bytes).str().is_err());
        assert!(Reader::new(&[1, 2]).u32().is_err());
        assert!(Reader::new(&[2]).bool().is_err());
    }
}
