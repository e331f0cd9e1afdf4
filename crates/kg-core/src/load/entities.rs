//! Pass 1, entities: the entities of one parsed file, with the checks that need only the
//! file (a source's date, its outline's order).

use super::locate::{Pending, Site};
use crate::date::Date;
use crate::diagnostic::Code;
use crate::format::FileInput;
use crate::model::{Details, Entity, Heading, ItemPath, List, NodeKind, Origin};

/// A file's entities, and the problems found in them alone.
pub(super) struct FileEntities {
    pub(super) entities: Vec<Entity>,
    pub(super) pending: Vec<Pending>,
}

/// The entities of one parsed file, with their own checks (pass 1).
pub(super) fn file_entities(file: u32, input: FileInput) -> FileEntities {
    let mut pending = Vec::new();
    let site = |path: String| Site { file, path };
    let origin = |list: List, i: usize| Origin {
        file,
        path: ItemPath::entry(list, i),
    };
    let FileInput {
        organizations,
        people,
        families,
        models,
        benchmarks,
        datasets,
        applications,
        markets,
        rounds,
        sources,
        ..
    } = input;
    let mut entities = Vec::new();
    for (i, o) in organizations.into_iter().enumerate() {
        entities.push(Entity {
            id: o.id,
            kind: NodeKind::Organization,
            name: o.name,
            aliases: o.aliases,
            details: Details::Organization {
                roles: o.roles,
                country: o.country,
            }
            .stored(),
            origin: origin(List::Organizations, i),
        });
    }
    let mut plain =
        |list: List,
         kind: NodeKind,
         items: &mut dyn Iterator<Item = (String, String, Vec<String>)>| {
            for (i, (id, name, aliases)) in items.enumerate() {
                entities.push(Entity {
                    id,
                    kind,
                    name,
                    aliases,
                    details: None,
                    origin: origin(list, i),
                });
            }
        };
    plain(
        List::People,
        NodeKind::Person,
        &mut people.into_iter().map(|p| (p.id, p.name, p.aliases)),
    );
    plain(
        List::Families,
        NodeKind::ModelFamily,
        &mut families.into_iter().map(|f| (f.id, f.name, f.aliases)),
    );
    plain(
        List::Models,
        NodeKind::Model,
        &mut models.into_iter().map(|m| (m.id, m.name, m.aliases)),
    );
    plain(
        List::Benchmarks,
        NodeKind::Benchmark,
        &mut benchmarks.into_iter().map(|b| (b.id, b.name, b.aliases)),
    );
    for (list, kind, assets) in [
        (List::Datasets, NodeKind::Dataset, datasets),
        (List::Applications, NodeKind::Application, applications),
    ] {
        plain(
            list,
            kind,
            &mut assets.into_iter().map(|a| (a.id, a.name, a.aliases)),
        );
    }
    for (i, m) in markets.into_iter().enumerate() {
        entities.push(Entity {
            id: m.id,
            kind: NodeKind::Market,
            name: m.name,
            aliases: m.aliases,
            details: Details::Market {
                region: m.region,
                segment: m.segment,
                scope: m.scope,
                part_of: m.part_of,
            }
            .stored(),
            origin: origin(List::Markets, i),
        });
    }
    for (i, r) in rounds.into_iter().enumerate() {
        entities.push(Entity {
            id: r.id,
            kind: NodeKind::FundingRound,
            name: r.name,
            aliases: r.aliases,
            details: None,
            origin: origin(List::Rounds, i),
        });
    }
    for (i, s) in sources.into_iter().enumerate() {
        let path = ItemPath::entry(List::Sources, i);
        let date = match s.date.as_deref().map(Date::parse) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                pending.push(Pending::new(
                    Code::BadValue,
                    site(format!("{path}.date")),
                    e,
                ));
                None
            }
            None => None,
        };
        let mut last_line = 0;
        for (h, heading) in s.outline.iter().enumerate() {
            if heading.line <= last_line {
                pending.push(Pending::new(
                    Code::BadValue,
                    site(format!("{path}.outline[{h}].line")),
                    format!(
                        "outline headings must be in line order; line {} comes after line {last_line}",
                        heading.line
                    ),
                ));
            }
            last_line = heading.line;
        }
        entities.push(Entity {
            id: s.id,
            kind: NodeKind::Source,
            name: s.name,
            aliases: s.aliases,
            details: Details::Source {
                kind: s.kind,
                date,
                publisher: s.publisher,
                url: s.url,
                lines: s.lines,
                file: s.file,
                sha256: s.sha256,
                outline: s
                    .outline
                    .into_iter()
                    .map(|h| Heading {
                        line: h.line,
                        level: h.level,
                        title: h.title,
                        attributed_to: h.attributed_to,
                    })
                    .collect(),
            }
            .stored(),
            origin: origin(List::Sources, i),
        });
    }
    FileEntities { entities, pending }
}
