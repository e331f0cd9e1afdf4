//! Snapshots: the loaded graph written as one binary file, so that later commands on the
//! same data skip the RON, and read only the part of the graph their question needs.
//!
//! A snapshot holds every entity and claim as a record (found through an offset table), the
//! claims by subject and by object (CSR: per entity a range of claim indexes), the entities in
//! id order, the edges entries state (`part_of`, `published_by`), the files, sections and the
//! load's error count. [`Snapshot::materialize`] builds a real [`Graph`] from it: the whole
//! graph, or the part a [`Selection`] names (entities whose every claim is kept, plus the
//! entities those claims name), with the same order of entities, claims and edges as the full
//! load, so the queries run unchanged and answer alike (the e2e tests compare both ways).
//!
//! No I/O here: bytes in, bytes out. The cache folder, the content key and atomic writes are
//! kg-cli's (`cache.rs`). Every read is bounds-checked and the body carries a BLAKE3 checksum
//! that [`Snapshot::open`] verifies first: a damaged or foreign file is an error, never a
//! panic or a wrong answer.

mod codec;

pub use codec::Corrupt;

use crate::graph::Graph;
use crate::model::{EdgeKind, NodeKind};
use crate::property::Property;
use codec::{Reader, Writer};
use rayon::prelude::*;

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"KGSNAP\r\n";
/// The layout's version: a snapshot of another version is rebuilt, not read.
pub const FORMAT: u32 = 4;

/// Magic, format, section count, the table (offset, length, BLAKE3 per section), its BLAKE3.
pub const HEADER: usize = 8 + 4 + 4 + PARTS * 48 + 32;

/// The sections of a snapshot, in file order.
#[derive(Clone, Copy)]
enum Part {
    Meta,
    EntityOffsets,
    Entities,
    ClaimOffsets,
    Claims,
    BySubject,
    ByObject,
    Stated,
    IdOrder,
    Links,
    NameOrder,
    Dates,
}

const PARTS: usize = 12;

/// The bytes of a link: the other entity, the edge kind's code ([`codec::link_code`]).
const LINK: usize = 8;

/// A test of an entity's key (its id, name or an alias).
pub type KeyTest<'a> = &'a (dyn Fn(&str) -> bool + Sync);

/// What part of the graph a command needs.
#[derive(Clone)]
pub enum Selection<'a> {
    /// Everything.
    Full,
    /// Every entity (or every entity of one kind), with no claims, in id order rather than
    /// load order: a plain `list`, which sorts them by id.
    Entities(Option<NodeKind>),
    /// The entities with a key that `first` accepts, or when none has, those with a key that
    /// `then` accepts; no claims: `search` (its matches, then its fuzzy fallback).
    Matching {
        /// The test that selects.
        first: KeyTest<'a>,
        /// The test when `first` selects nothing.
        then: KeyTest<'a>,
    },
    /// The entities these ids name (as [`Graph::lookup`] finds them: an id, a claim id's
    /// subject, an exact name), each with every claim about it: `show`, `provenance`.
    Around(Vec<&'a str>),
}

/// Writes the snapshot of a loaded graph; `errors` is the number of errors its load found.
pub fn encode(graph: &Graph, errors: u32) -> Vec<u8> {
    let mut parts: Vec<Vec<u8>> = Vec::with_capacity(PARTS);
    let mut w = Writer::default();
    w.str(env!("CARGO_PKG_VERSION"));
    w.u32(errors);
    w.len(graph.entities.len());
    w.len(graph.claims.len());
    w.len(graph.files.len());
    for f in &graph.files {
        w.str(f);
    }
    for s in &graph.default_sources {
        w.opt_str(s.as_deref());
    }
    w.len(graph.sections.len());
    for s in &graph.sections {
        w.str(s);
    }
    parts.push(w.bytes);
    // Entities and claims on both cores.
    let ((entity_offsets, entities), (claim_offsets, claims)) = rayon::join(
        || records(&graph.entities, codec::put_entity),
        || records(&graph.claims, codec::put_claim),
    );
    parts.extend([entity_offsets, entities, claim_offsets, claims]);
    let n = graph.entities.len();
    parts.push(csr(n, graph.claims.iter().map(|c| Some(c.subject))));
    parts.push(csr(n, graph.claims.iter().map(|c| c.object)));
    let mut w = Writer::default();
    let stated = graph.stated_edges();
    w.len(stated.len());
    for (from, to, kind) in stated {
        w.u32(from);
        w.u32(to);
        w.u8(match kind {
            EdgeKind::PartOf => 0,
            _ => 1,
        });
    }
    parts.push(w.bytes);
    let mut order: Vec<u32> = (0..n as u32).collect();
    {
        use rayon::slice::ParallelSliceMut;
        order.par_sort_unstable_by(|&a, &b| {
            graph.entities[a as usize]
                .id
                .cmp(&graph.entities[b as usize].id)
        });
    }
    let mut w = Writer::default();
    for i in order {
        w.u32(i);
    }
    parts.push(w.bytes);
    parts.push(links(graph));
    // Every name and alias, sorted: an external id is found by binary search, not a scan.
    let mut keys: Vec<(&str, u32, u32)> = Vec::new();
    for (e, entity) in graph.entities.iter().enumerate() {
        keys.push((&entity.name, e as u32, u32::MAX));
        for (k, alias) in entity.aliases.iter().enumerate() {
            keys.push((alias, e as u32, k as u32));
        }
    }
    {
        use rayon::slice::ParallelSliceMut;
        keys.par_sort_unstable();
    }
    let mut w = Writer::default();
    for (_, e, which) in keys {
        w.u32(e);
        w.u32(which);
    }
    parts.push(w.bytes);
    let mut w = Writer::default();
    codec::put_dates(&mut w, &release_dates(graph));
    parts.push(w.bytes);

    // The header: magic, format, the sections' table (offset, length, BLAKE3 of each) and
    // the BLAKE3 of the table; then each section on an 8-byte boundary.
    let mut table = Writer::default();
    let mut at = HEADER as u64;
    for p in &parts {
        table.u64(at);
        table.u64(p.len() as u64);
        table.bytes.extend_from_slice(checksum(p).as_bytes());
        at += (p.len() as u64).div_ceil(8) * 8;
    }
    let mut out = Vec::with_capacity(at as usize);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(PARTS as u32).to_le_bytes());
    out.extend_from_slice(&table.bytes);
    out.extend_from_slice(checksum(&table.bytes).as_bytes());
    for p in &parts {
        out.extend_from_slice(p);
        out.resize(out.len().div_ceil(8) * 8, 0);
    }
    out
}

/// The links section: per entity its edges to other entities, outgoing then incoming, in
/// petgraph's order (what lineage walks, contiguous): `2n + 1` u32 starts, then a
/// [`LINK`]-byte entry per edge end.
fn links(graph: &Graph) -> Vec<u8> {
    let n = graph.entities.len();
    let mut starts = Writer::default();
    let mut entries = Writer::default();
    let mut count = 0u32;
    for e in 0..n as u32 {
        for outgoing in [true, false] {
            starts.u32(count);
            for (kind, other) in graph.entity_links(e, outgoing) {
                if let Some(code) = codec::link_code(kind) {
                    entries.u32(other);
                    entries.u32(code);
                    count += 1;
                }
            }
        }
    }
    starts.u32(count);
    starts.bytes.extend_from_slice(&entries.bytes);
    starts.bytes
}

/// Each entity's release date, as its own `release_date` claims give it: of the earliest,
/// the first in load order.
fn release_dates(graph: &Graph) -> Vec<(u32, crate::date::Date)> {
    let mut dates: Vec<(u32, crate::date::Date)> = Vec::new();
    let mut at: rustc_hash::FxHashMap<u32, usize> = Default::default();
    for c in &graph.claims {
        if c.property != Property::ReleaseDate {
            continue;
        }
        let crate::value::Shape::Date(d) = c.value.shape else {
            continue;
        };
        match at.get(&c.subject) {
            Some(&i) if d.start_key() < dates[i].1.start_key() => dates[i].1 = d,
            Some(_) => {}
            None => {
                at.insert(c.subject, dates.len());
                dates.push((c.subject, d));
            }
        }
    }
    dates.sort_unstable_by_key(|&(e, _)| e);
    dates
}

fn checksum(body: &[u8]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    if body.len() > 1 << 20 {
        hasher.update_rayon(body);
    } else {
        hasher.update(body);
    }
    hasher.finalize()
}

/// Each item's record, one after the other, and the offset table: `n + 1` u64s.
fn records<T>(items: &[T], put: fn(&mut Writer, &T)) -> (Vec<u8>, Vec<u8>) {
    let mut blob = Writer::default();
    let mut offsets = Writer::default();
    for item in items {
        offsets.u64(blob.bytes.len() as u64);
        put(&mut blob, item);
    }
    offsets.u64(blob.bytes.len() as u64);
    (offsets.bytes, blob.bytes)
}

/// Claim indexes grouped by an entity of theirs: `n + 1` u32 starts, then the claim indexes
/// in load order within each entity.
fn csr(n: usize, entity_of: impl Iterator<Item = Option<u32>> + Clone) -> Vec<u8> {
    let mut starts = vec![0u32; n + 1];
    for e in entity_of.clone().flatten() {
        starts[e as usize + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut claims = vec![0u32; starts[n] as usize];
    for (c, e) in entity_of.enumerate() {
        if let Some(e) = e {
            claims[next[e as usize] as usize] = c as u32;
            next[e as usize] += 1;
        }
    }
    let mut w = Writer::default();
    for s in starts.into_iter().chain(claims) {
        w.u32(s);
    }
    w.bytes
}

/// Where a snapshot's bytes come from: the CLI reads a file's sections on demand (kg-core
/// does no I/O); a byte slice serves them from memory. Reads may run on several threads at
/// once, each filling its own part of a section.
pub trait Store: Sync {
    /// Fills `into` with the bytes at `offset`.
    fn read_into(&self, offset: u64, into: &mut [u8]) -> std::io::Result<()>;
}

impl Store for [u8] {
    fn read_into(&self, offset: u64, into: &mut [u8]) -> std::io::Result<()> {
        let bytes = usize::try_from(offset)
            .ok()
            .and_then(|start| self.get(start..start.checked_add(into.len())?))
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))?;
        into.copy_from_slice(bytes);
        Ok(())
    }
}

/// Sections are read in pieces of this many bytes, on both cores.
const READ_PIECE: usize = 4 << 20;

/// Records are decoded on both cores in runs of at least this many (fewer: one thread).
const DECODE_PIECE: usize = 4096;

/// A snapshot being read: its header verified, each section read and verified against its
/// BLAKE3 the first time a query needs it (a search reads the entities, not the claims).
pub struct Snapshot<'s> {
    store: &'s dyn Store,
    table: [(u64, u64, [u8; 32]); PARTS],
    parts: [std::sync::OnceLock<Vec<u8>>; PARTS],
    /// The release dates, by entity, decoded on first use.
    dates: std::sync::OnceLock<Vec<(u32, crate::date::Date)>>,
    errors: u32,
    entities: usize,
    claims: usize,
    files: Vec<String>,
    default_sources: Vec<Option<String>>,
    sections: Vec<String>,
}

fn corrupt<T>(what: &str) -> Result<T, Corrupt> {
    Err(Corrupt(format!("damaged snapshot: {what}")))
}

impl<'s> Snapshot<'s> {
    /// Reads and verifies a snapshot's header (magic, format, the table's checksum, every
    /// section within `len`, the file's length) and its first section.
    pub fn open(store: &'s dyn Store, len: u64) -> Result<Snapshot<'s>, Corrupt> {
        let mut header = vec![0; HEADER];
        store
            .read_into(0, &mut header)
            .map_err(|_| Corrupt("not a kg snapshot: too short".into()))?;
        if &header[..8] != MAGIC {
            return Err(Corrupt("not a kg snapshot".into()));
        }
        let mut r = Reader::new(&header[8..]);
        let format = r.u32()?;
        if format != FORMAT {
            return Err(Corrupt(format!(
                "a snapshot of format {format}, not {FORMAT}"
            )));
        }
        if r.u32()? as usize != PARTS {
            return corrupt("wrong number of sections");
        }
        let table_bytes = &header[16..16 + PARTS * 48];
        if checksum(table_bytes).as_bytes() != &header[16 + PARTS * 48..HEADER] {
            return corrupt("its table's checksum does not match");
        }
        let mut table = [(0u64, 0u64, [0u8; 32]); PARTS];
        let mut r = Reader::new(table_bytes);
        for entry in table.iter_mut() {
            let (at, n) = (r.u64()?, r.u64()?);
            entry.2.copy_from_slice(r.take(32)?);
            if at.checked_add(n).is_none_or(|end| end > len) {
                return corrupt("a section runs past the end");
            }
            *entry = (at, n, entry.2);
        }
        let end = table
            .iter()
            .map(|(at, n, _)| (at + n).div_ceil(8) * 8)
            .max()
            .unwrap_or(HEADER as u64);
        if end != len {
            return corrupt("its length is not the one its table gives");
        }
        let mut snapshot = Snapshot {
            store,
            table,
            parts: Default::default(),
            dates: Default::default(),
            errors: 0,
            entities: 0,
            claims: 0,
            files: Vec::new(),
            default_sources: Vec::new(),
            sections: Vec::new(),
        };
        let mut m = Reader::new(snapshot.part(Part::Meta)?);
        let version = m.str()?;
        if version != env!("CARGO_PKG_VERSION") {
            return Err(Corrupt(format!("a snapshot of kg {version}")));
        }
        let errors = m.u32()?;
        let entities = m.u32()? as usize;
        let claims = m.u32()? as usize;
        let n = m.len()?;
        let mut files = Vec::with_capacity(n);
        for _ in 0..n {
            files.push(m.string()?);
        }
        let mut default_sources = Vec::with_capacity(n);
        for _ in 0..n {
            default_sources.push(m.opt_string()?);
        }
        let n = m.len()?;
        let mut sections = Vec::with_capacity(n);
        for _ in 0..n {
            sections.push(m.string()?);
        }
        let sized = |part: Part, want: u64| snapshot.table[part as usize].1 == want;
        let (e, c) = (entities as u64, claims as u64);
        if !(sized(Part::EntityOffsets, (e + 1) * 8)
            && sized(Part::ClaimOffsets, (c + 1) * 8)
            && sized(Part::IdOrder, e * 4)
            && snapshot.table[Part::Links as usize].1 >= (2 * e + 1) * 4
            && (snapshot.table[Part::Links as usize].1 - (2 * e + 1) * 4)
                .is_multiple_of(LINK as u64)
            && snapshot.table[Part::NameOrder as usize].1.is_multiple_of(8)
            && snapshot.table[Part::BySubject as usize].1 >= (e + 1) * 4
            && snapshot.table[Part::ByObject as usize].1 >= (e + 1) * 4)
        {
            return corrupt("a table's size does not match the counts");
        }
        snapshot.errors = errors;
        snapshot.entities = entities;
        snapshot.claims = claims;
        snapshot.files = files;
        snapshot.default_sources = default_sources;
        snapshot.sections = sections;
        Ok(snapshot)
    }

    /// A section's bytes, read and verified on first use.
    fn part(&self, part: Part) -> Result<&[u8], Corrupt> {
        if self.parts[part as usize].get().is_none() {
            self.prefetch(&[part])?;
        }
        match self.parts[part as usize].get() {
            Some(bytes) => Ok(bytes),
            None => corrupt("a section was not kept"),
        }
    }

    /// Reads and verifies the sections a query is about to need that are not read yet, all
    /// at once: in pieces on both cores (copying a large section out of the page cache into
    /// fresh pages is most of its cost), each then checked against its BLAKE3.
    fn prefetch(&self, parts: &[Part]) -> Result<(), Corrupt> {
        let mut wanted: Vec<(Part, Vec<u8>)> = Vec::new();
        for &part in parts {
            if self.parts[part as usize].get().is_some()
                || wanted.iter().any(|(p, _)| *p as usize == part as usize)
            {
                continue;
            }
            let n = self.table[part as usize].1;
            let len = usize::try_from(n).or_else(|_| corrupt("a section is too large"))?;
            wanted.push((part, vec![0; len]));
        }
        let mut pieces: Vec<(u64, &mut [u8])> = Vec::new();
        for (part, bytes) in &mut wanted {
            let at = self.table[*part as usize].0;
            for (i, piece) in bytes.chunks_mut(READ_PIECE).enumerate() {
                pieces.push((at + (i * READ_PIECE) as u64, piece));
            }
        }
        let read = |(at, piece): (u64, &mut [u8])| self.store.read_into(at, piece);
        if pieces.len() > 1 {
            pieces.into_par_iter().try_for_each(read)
        } else {
            pieces.into_iter().try_for_each(read)
        }
        .or_else(|_| corrupt("a section cannot be read"))?;
        for (part, bytes) in wanted {
            if checksum(&bytes).as_bytes() != &self.table[part as usize].2 {
                return corrupt("a section's checksum does not match");
            }
            let _ = self.parts[part as usize].set(bytes);
        }
        Ok(())
    }

    /// The number of errors the load of this data found.
    pub fn errors(&self) -> u32 {
        self.errors
    }

    /// The number of entities.
    pub fn entity_count(&self) -> usize {
        self.entities
    }

    /// Reads at once the sections a walk of the links between entities reads (lineage):
    /// the entities, their links and release dates.
    pub fn prefetch_links(&self) -> Result<(), Corrupt> {
        self.prefetch(&[
            Part::EntityOffsets,
            Part::Entities,
            Part::Links,
            Part::Dates,
        ])
    }

    /// The kind of entity `e`.
    pub fn kind_of(&self, e: u32) -> Result<NodeKind, Corrupt> {
        codec::entity_kind(self.entity_bytes(e)?)
    }

    /// The id of entity `e`.
    pub fn id_of(&self, e: u32) -> Result<&str, Corrupt> {
        codec::entity_id(self.entity_bytes(e)?)
    }

    /// The name of entity `e`.
    pub fn name_of(&self, e: u32) -> Result<&str, Corrupt> {
        codec::entity_name(self.entity_bytes(e)?)
    }

    /// The entity `id` names as [`Graph::lookup`] finds an entity: the entity with that id,
    /// or, when `id` cannot be a claim id, the one entity named so. `None` when it names none
    /// or takes the whole graph to tell (a claim id, several entities named so).
    pub fn entity_named(&self, id: &str) -> Result<Option<u32>, Corrupt> {
        if let Some(e) = self.entity_index(id)? {
            return Ok(Some(e));
        }
        if let Some((subject, _)) = id.split_once('/') {
            if self.entity_index(subject)?.is_some() {
                return Ok(None);
            }
        }
        Ok(self.roots(id)?.and_then(|roots| match roots.as_slice() {
            [one] => Some(*one),
            _ => None,
        }))
    }

    /// The edges between entities at `e`, outgoing or incoming, as (kind, the other entity),
    /// in the order the loaded graph's petgraph gives them ([`Graph::entity_links`]).
    pub fn links(&self, e: u32, outgoing: bool) -> Result<Vec<(EdgeKind, u32)>, Corrupt> {
        let word = |i: usize| self.u32_at(Part::Links, i);
        let slot = 2 * e as usize + usize::from(!outgoing);
        let (start, end) = (word(slot)? as usize, word(slot + 1)? as usize);
        let base = 2 * self.entities + 1;
        if start > end || base + 2 * end > self.part(Part::Links)?.len() / 4 {
            return corrupt("a link runs past its section");
        }
        let mut links = Vec::with_capacity(end - start);
        for k in start..end {
            let other = word(base + 2 * k)?;
            if other as usize >= self.entities {
                return corrupt("an entity index is out of range");
            }
            links.push((codec::link_kind(word(base + 2 * k + 1)?)?, other));
        }
        Ok(links)
    }

    /// The release date of entity `e`'s own `release_date` claims (the first of the
    /// earliest), as [`crate::query`] reads it from the loaded graph.
    pub fn release_date(&self, e: u32) -> Result<Option<crate::date::Date>, Corrupt> {
        if self.dates.get().is_none() {
            let dates = codec::get_dates(self.part(Part::Dates)?, self.entities)?;
            let _ = self.dates.set(dates);
        }
        let dates = self.dates.get().map_or(&[][..], Vec::as_slice);
        Ok(dates
            .binary_search_by_key(&e, |&(entity, _)| entity)
            .ok()
            .map(|i| dates[i].1))
    }

    /// The entities (of one kind, or all) in id order, decoded one at a time: what a plain
    /// `kg list` prints, without building a graph. The sections it reads are read and
    /// verified before it returns, so a damaged snapshot is an error here, not halfway.
    pub fn entities_by_id(
        &self,
        kind: Option<NodeKind>,
    ) -> Result<impl Iterator<Item = Result<crate::model::Entity, Corrupt>> + '_, Corrupt> {
        self.prefetch(&[Part::IdOrder, Part::EntityOffsets, Part::Entities])?;
        let files = self.files.len();
        Ok((0..self.entities).filter_map(move |k| {
            let found = (|| {
                let e = self.u32_at(Part::IdOrder, k)?;
                if e as usize >= self.entities {
                    return corrupt("an entity index is out of range");
                }
                let bytes = self.entity_bytes(e)?;
                if let Some(kind) = kind {
                    if codec::entity_kind(bytes)? != kind {
                        return Ok(None);
                    }
                }
                codec::get_entity(bytes, files).map(Some)
            })();
            found.transpose()
        }))
    }

    fn u32_at(&self, part: Part, i: usize) -> Result<u32, Corrupt> {
        let bytes = self.part(part)?;
        match bytes.get(i * 4..i * 4 + 4) {
            Some(b) => Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            None => corrupt("an index runs past its table"),
        }
    }

    /// The entities with a key `test` accepts, in load order; both cores decode.
    fn entities_where(&self, test: KeyTest) -> Result<Vec<u32>, Corrupt> {
        let (offsets, blob) = (self.part(Part::EntityOffsets)?, self.part(Part::Entities)?);
        let found: Vec<Option<u32>> = (0..self.entities as u32)
            .into_par_iter()
            .with_min_len(4096)
            .map(|e| {
                let bytes = record_in(offsets, blob, e as usize)?;
                Ok(codec::entity_keys_any(bytes, test)?.then_some(e))
            })
            .collect::<Result<_, Corrupt>>()?;
        Ok(found.into_iter().flatten().collect())
    }

    fn record(&self, offsets: Part, blob: Part, i: usize) -> Result<&[u8], Corrupt> {
        record_in(self.part(offsets)?, self.part(blob)?, i)
    }
}

/// The records `items` name, decoded in order: on both cores when they are many.
fn decode<T: Send>(
    items: &[u32],
    get: impl Fn(u32) -> Result<T, Corrupt> + Sync,
) -> Result<Vec<T>, Corrupt> {
    if items.len() >= 2 * DECODE_PIECE {
        items
            .par_iter()
            .with_min_len(DECODE_PIECE)
            .map(|&i| get(i))
            .collect()
    } else {
        items.iter().map(|&i| get(i)).collect()
    }
}

/// Record `i` of a blob, through its offset table.
fn record_in<'b>(table: &[u8], blob: &'b [u8], i: usize) -> Result<&'b [u8], Corrupt> {
    let at = |k: usize| -> Result<usize, Corrupt> {
        match table.get(k * 8..k * 8 + 8) {
            Some(b) => {
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                Ok(u64::from_le_bytes(a) as usize)
            }
            None => corrupt("a record index runs past its table"),
        }
    };
    let (start, end) = (at(i)?, at(i + 1)?);
    match blob.get(start..end) {
        Some(r) if start <= end => Ok(r),
        _ => corrupt("a record runs past its section"),
    }
}

impl Snapshot<'_> {
    fn entity_bytes(&self, i: u32) -> Result<&[u8], Corrupt> {
        self.record(Part::EntityOffsets, Part::Entities, i as usize)
    }

    fn claim_bytes(&self, i: u32) -> Result<&[u8], Corrupt> {
        self.record(Part::ClaimOffsets, Part::Claims, i as usize)
    }

    /// The claims whose subject (or object, by `part`) is entity `e`, in load order: the
    /// one reader of the CSR (reversed, newest first).
    fn claims_in(
        &self,
        part: Part,
        e: u32,
    ) -> Result<impl DoubleEndedIterator<Item = Result<u32, Corrupt>> + '_, Corrupt> {
        let (start, end) = (
            self.u32_at(part, e as usize)? as usize,
            self.u32_at(part, e as usize + 1)? as usize,
        );
        let base = self.entities + 1;
        Ok((start..end).map(move |k| {
            let c = self.u32_at(part, base + k)?;
            if (c as usize) < self.claims {
                Ok(c)
            } else {
                corrupt("a claim index is out of range")
            }
        }))
    }

    /// The index of the entity with this id (binary search of the id order).
    pub fn entity_index(&self, id: &str) -> Result<Option<u32>, Corrupt> {
        let (mut lo, mut hi) = (0usize, self.entities);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let e = self.u32_at(Part::IdOrder, mid)?;
            let found = codec::entity_id(self.entity_bytes(e)?)?;
            match found.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(Some(e)),
            }
        }
        Ok(None)
    }

    /// The entities [`Graph::lookup`] may take `id` for: the entity with that id; else a
    /// claim id's subject and the one entity named so. `None` when that is not known without
    /// the whole graph (no entity, or several named so): the caller then builds it all.
    fn roots(&self, id: &str) -> Result<Option<Vec<u32>>, Corrupt> {
        if let Some(e) = self.entity_index(id)? {
            return Ok(Some(vec![e]));
        }
        let mut roots = Vec::new();
        if let Some((subject, _)) = id.split_once('/') {
            roots.extend(self.entity_index(subject)?);
        }
        // The one entity named so.
        match self.named(id)?.as_slice() {
            [] => {}
            [one] => roots.push(*one),
            _ => return Ok(None),
        }
        Ok((!roots.is_empty()).then_some(roots))
    }

    /// The entities whose name or an alias is exactly `key`, each once: a binary search of
    /// the sorted names and aliases.
    fn named(&self, key: &str) -> Result<Vec<u32>, Corrupt> {
        let order = self.part(Part::NameOrder)?;
        let n = order.len() / 8;
        let key_at = |i: usize| -> Result<(&str, u32), Corrupt> {
            let b = &order[i * 8..i * 8 + 8];
            let e = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let which = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
            if e as usize >= self.entities {
                return corrupt("an entity index is out of range");
            }
            let bytes = self.entity_bytes(e)?;
            let text = if which == u32::MAX {
                codec::entity_name(bytes)?
            } else {
                match codec::entity_alias(bytes, which as usize)? {
                    Some(alias) => alias,
                    None => return corrupt("an alias index is out of range"),
                }
            };
            Ok((text, e))
        };
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if key_at(mid)?.0 < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut found = Vec::new();
        while lo < n {
            let (text, e) = key_at(lo)?;
            if text != key {
                break;
            }
            if !found.contains(&e) {
                found.push(e);
            }
            lo += 1;
        }
        Ok(found)
    }

    /// Builds the graph, or the part of it that `selection` names.
    pub fn materialize(&self, selection: &Selection) -> Result<Graph, Corrupt> {
        // Entities whose every claim is kept.
        let whole: Vec<u32> = match selection {
            Selection::Full => return self.build(None, None),
            Selection::Entities(kind) => {
                self.prefetch(&[Part::IdOrder, Part::EntityOffsets, Part::Entities])?;
                // In id order, the order `list` gives them: its sort then finds them sorted.
                let mut chosen = Vec::new();
                for k in 0..self.entities {
                    let e = self.u32_at(Part::IdOrder, k)?;
                    if e as usize >= self.entities {
                        return corrupt("an entity index is out of range");
                    }
                    let k = codec::entity_kind(self.entity_bytes(e)?)?;
                    if kind.is_none_or(|kind| kind == k) {
                        chosen.push(e);
                    }
                }
                return self.build(Some(chosen), Some(Vec::new()));
            }
            Selection::Matching { first, then } => {
                self.prefetch(&[Part::EntityOffsets, Part::Entities])?;
                let mut chosen = self.entities_where(*first)?;
                if chosen.is_empty() {
                    chosen = self.entities_where(*then)?;
                }
                return self.build(Some(chosen), Some(Vec::new()));
            }
            Selection::Around(ids) => {
                let mut roots = Vec::new();
                for id in ids {
                    match self.roots(id)? {
                        Some(found) => roots.extend(found),
                        None => return self.build(None, None),
                    }
                }
                roots
            }
        };
        self.prefetch(&[
            Part::BySubject,
            Part::ByObject,
            Part::ClaimOffsets,
            Part::Claims,
            Part::Stated,
        ])?;
        let mut claims = Vec::new();
        for &e in &whole {
            for part in [Part::BySubject, Part::ByObject] {
                for c in self.claims_in(part, e)? {
                    claims.push(c?);
                }
            }
        }
        claims.sort_unstable();
        claims.dedup();
        let mut entities = whole.clone();
        for &c in &claims {
            codec::claim_entities(self.claim_bytes(c)?, &mut entities)?;
        }
        let whole_set: std::collections::HashSet<u32> = whole.iter().copied().collect();
        for (from, to, _) in self.stated()? {
            if whole_set.contains(&from) {
                entities.push(to);
            }
            if whole_set.contains(&to) {
                entities.push(from);
            }
        }
        entities.sort_unstable();
        entities.dedup();
        if entities
            .last()
            .is_some_and(|&e| e as usize >= self.entities)
        {
            return corrupt("an entity index is out of range");
        }
        let part = self.build(Some(entities), Some(claims))?;
        // An id the part does not resolve (a claim id that is none of its subject's claims) is
        // answered by the whole graph: its "did you mean" lists the closest ids of them all.
        let ids: &[&str] = match selection {
            Selection::Around(ids) => ids,
            _ => &[],
        };
        if ids.iter().all(|id| part.lookup(id).is_some()) {
            Ok(part)
        } else {
            self.build(None, None)
        }
    }

    fn stated(&self) -> Result<Vec<(u32, u32, EdgeKind)>, Corrupt> {
        let mut r = Reader::new(self.part(Part::Stated)?);
        let n = r.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let from = r.index(self.entities)?;
            let to = r.index(self.entities)?;
            let kind = match r.u8()? {
                0 => EdgeKind::PartOf,
                1 => EdgeKind::PublishedBy,
                _ => return corrupt("unknown stated edge"),
            };
            out.push((from, to, kind));
        }
        Ok(out)
    }

    /// A graph of these entities and claims (snapshot indexes, ascending; `None`: all).
    fn build(
        &self,
        entities: Option<Vec<u32>>,
        claims: Option<Vec<u32>>,
    ) -> Result<Graph, Corrupt> {
        let files = self.files.len();
        let sections = self.sections.len();
        // The claims' sections only when there are claims to build.
        let with_claims = claims.as_ref().is_none_or(|c| !c.is_empty());
        let parts = [
            Part::EntityOffsets,
            Part::Entities,
            Part::Stated,
            Part::ClaimOffsets,
            Part::Claims,
        ];
        self.prefetch(&parts[..if with_claims { 5 } else { 3 }])?;
        let entities: Vec<u32> = entities.unwrap_or_else(|| (0..self.entities as u32).collect());
        let ascending = entities.windows(2).all(|w| w[0] < w[1]);
        let all = ascending && entities.len() == self.entities;
        // Entities in another order (a plain list's, by id) are found through a table.
        let table: Option<Vec<u32>> = (!ascending).then(|| {
            let mut table = vec![u32::MAX; self.entities];
            for (i, &e) in entities.iter().enumerate() {
                if let Some(slot) = table.get_mut(e as usize) {
                    *slot = i as u32;
                }
            }
            table
        });
        let new_index = |old: u32| -> Option<u32> {
            if all {
                Some(old).filter(|&o| (o as usize) < self.entities)
            } else if let Some(table) = &table {
                table.get(old as usize).copied().filter(|&i| i != u32::MAX)
            } else {
                entities.binary_search(&old).ok().map(|i| i as u32)
            }
        };
        let claims: Vec<u32> = claims.unwrap_or_else(|| (0..self.claims as u32).collect());
        let mut graph = Graph {
            files: self.files.clone(),
            default_sources: self.default_sources.clone(),
            sections: self.sections.clone(),
            ..Graph::default()
        };
        graph.entities = decode(&entities, |e| {
            codec::get_entity(self.entity_bytes(e)?, files)
        })?;
        graph.claims = decode(&claims, |c| {
            codec::get_claim(self.claim_bytes(c)?, files, sections, &new_index)
        })?;
        let stated: Vec<(u32, u32, EdgeKind)> = self
            .stated()?
            .into_iter()
            .filter_map(|(f, t, k)| Some((new_index(f)?, new_index(t)?, k)))
            .collect();
        graph.index_entities();
        graph.add_nodes_and_claim_edges();
        graph.add_stated_edges(&stated);
        Ok(graph)
    }
}
