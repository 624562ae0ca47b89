//! `ErrorCode::from_str` against a `HashMap<&str, ErrorCode>`, a binary
//! search over the codes sorted and a linear scan, all built here from
//! `ErrorCode::ALL`, on hits and on misses.

use std::collections::HashMap;
use std::hint::black_box;
use std::str::FromStr;

use ci_errors::ErrorCode;
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
    out.truncate(ErrorCode::ALL.len() - 4);
    out.extend(
        [
            "NoSuchBucket",
            "AccessDenie",
            "AccessDeniedX",
            "RequestTimeTooSkewed",
        ]
        .map(String::from),
    );
    out
}

fn bench(c: &mut Criterion) {
    let hits: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    let misses = misses();
    let misses: Vec<&str> = misses.iter().map(String::as_str).collect();
    assert_eq!(hits.len(), misses.len());
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

criterion_group!(benches, bench);
criterion_main!(benches);
