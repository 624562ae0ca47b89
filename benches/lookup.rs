//! `ErrorCode::from_str` against a `HashMap<&str, ErrorCode>`, a binary
//! search over the codes sorted and a linear scan, all built here from
//! `ErrorCode::ALL`, on hits and on misses; and the look-up's worst case,
//! 50,000 codes alike in length and in all but their inner bytes, against
//! the same `HashMap`.

use std::collections::HashMap;
use std::hint::black_box;
use std::str::FromStr;

use ci_errors::ErrorCode;
use ci_errors_runtime::{CodeIndex, CodeInfo};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Misses: wrong case, near-misses (one byte off, truncated, extended), unknown codes.
fn misses() -> Vec<String> {
    let mut out = Vec::new();
    for code in ErrorCode::ALL.iter().map(ErrorCode::as_str) {
        out.push(code.to_lowercase());
        let mut off = code.to_owned().into_bytes();
        let last = off.len() - 1;
        off[last] ^= 1;
        out.push(String::from_utf8(off).unwrap());
    }
    // Truncated and extended codes; each is a miss only if the spec does
    // not list it.
    let first = ErrorCode::ALL[0].as_str();
    out.extend([first[..first.len() - 1].to_owned(), format!("{first}X")]);
    out.retain(|s| ErrorCode::from_code(s).is_none());
    out.truncate(ErrorCode::ALL.len());
    out
}

/// 50,000 names of one length that agree on their first, middle and last
/// eight bytes: one probe run for a hash that reads only those.
fn colliding() -> Vec<CodeInfo> {
    (0..50_000)
        .map(|i| {
            let name: &'static str = Box::leak(
                format!("Category.{i:05}.MiddleOfTheName.{i:05}.Reason").into_boxed_str(),
            );
            CodeInfo {
                variant: name,
                name,
                rows: 1,
                value: None,
                retry: None,
                listed_in: 1,
            }
        })
        .collect()
}

/// Building the index and looking up every name and as many misses, at
/// the worst case, beside a `HashMap` of the same names.
fn bench_colliding(c: &mut Criterion) {
    let table = colliding();
    let misses: Vec<String> = table
        .iter()
        .map(|info| info.name.replace("Reason", "Reasom"))
        .collect();
    let mut group = c.benchmark_group("lookup/colliding");
    group.sample_size(10);
    group.throughput(Throughput::Elements(table.len() as u64));
    group.bench_function("generated_build_and_hits", |b| {
        b.iter(|| {
            let index = CodeIndex::new();
            for info in &table {
                black_box(index.find(&table, black_box(info.name)));
            }
        })
    });
    group.bench_function("hashmap_build_and_hits", |b| {
        b.iter(|| {
            let map: HashMap<&str, usize> = table
                .iter()
                .enumerate()
                .map(|(i, info)| (info.name, i))
                .collect();
            for info in &table {
                black_box(map.get(black_box(info.name)));
            }
        })
    });
    let index = CodeIndex::new();
    let map: HashMap<&str, usize> = table
        .iter()
        .enumerate()
        .map(|(i, info)| (info.name, i))
        .collect();
    group.bench_function("generated_misses", |b| {
        b.iter(|| {
            for miss in &misses {
                black_box(index.find(&table, black_box(miss)));
            }
        })
    });
    group.bench_function("hashmap_misses", |b| {
        b.iter(|| {
            for miss in &misses {
                black_box(map.get(black_box(miss.as_str())));
            }
        })
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    let hits: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    let misses = misses();
    let misses: Vec<&str> = misses.iter().map(String::as_str).collect();
    let map: HashMap<&str, ErrorCode> = ErrorCode::ALL.iter().map(|c| (c.as_str(), *c)).collect();
    let linear = |s: &str| ErrorCode::ALL.iter().copied().find(|c| c.as_str() == s);
    let mut sorted: Vec<(&str, ErrorCode)> =
        ErrorCode::ALL.iter().map(|c| (c.as_str(), *c)).collect();
    sorted.sort_unstable();
    let binary = |s: &str| {
        sorted
            .binary_search_by(|(name, _)| (*name).cmp(s))
            .ok()
            .map(|i| sorted[i].1)
    };

    for (name, inputs) in [("hits", &hits), ("misses", &misses)] {
        let mut group = c.benchmark_group(format!("lookup/{name}"));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function("generated", |b| {
            // The whole result is consumed, so a miss really builds its error.
            b.iter(|| {
                for s in inputs.iter() {
                    let _ = black_box(ErrorCode::from_str(black_box(s)));
                }
            })
        });
        group.bench_function("generated_from_code", |b| {
            b.iter(|| {
                for s in inputs.iter() {
                    black_box(ErrorCode::from_code(black_box(s)));
                }
            })
        });
        group.bench_function("hashmap", |b| {
            b.iter(|| {
                for s in inputs.iter() {
                    black_box(map.get(black_box(*s)));
                }
            })
        });
        group.bench_function("binary_search", |b| {
            b.iter(|| {
                for s in inputs.iter() {
                    black_box(binary(black_box(s)));
                }
            })
        });
        group.bench_function("linear", |b| {
            b.iter(|| {
                for s in inputs.iter() {
                    black_box(linear(black_box(s)));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench, bench_colliding);
criterion_main!(benches);
