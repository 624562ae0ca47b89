//! The generator's steps on specs of 30, 1,000 and 10,000 rows, made here,
//! with markdown parsing alone as the baseline for the reading step.

use std::hint::black_box;

use ci_errors_codegen::stages::{emit, format, read_tables, validate, EmitOptions};
use ci_errors_codegen::{ReadOptions, SourceFile};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// A spec with `rows` error rows in sections of 50, every tenth code with a second status.
fn spec(rows: usize) -> String {
    let mut md = String::from("# Errors\n\n");
    let mut code = 0;
    let mut written = 0;
    while written < rows {
        if written % 50 == 0 {
            md.push_str(&format!(
                "\n**Section {}**\n\n| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n",
                written / 50
            ));
        }
        let status = 400 + (code % 100) as u16;
        md.push_str(&format!(
            "| Generated.Code{code} | Row {code}: see [the docs](https://example.com/{code}) and `Header-{code}`. | {status} |\n"
        ));
        written += 1;
        if code % 10 == 0 && written < rows && written % 50 != 0 {
            md.push_str(&format!(
                "| Generated.Code{code} | Same code again. | 503 Service Unavailable |\n"
            ));
            written += 1;
        }
        code += 1;
    }
    md
}

fn bench(c: &mut Criterion) {
    let options = ReadOptions::default();
    let emit_options = EmitOptions::default();
    let mut group = c.benchmark_group("generator");
    group.sample_size(10);
    for rows in [30usize, 1_000, 10_000] {
        let src = SourceFile::new("bench.md", spec(rows));
        let tables = read_tables(&src);
        let (model, _) = validate(&src, &tables, &options).expect("the bench spec is valid");
        assert_eq!(model.errors.len(), rows);
        let tokens = emit(&model, &emit_options).unwrap();
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("parse", rows), &src, |b, src| {
            b.iter(|| read_tables(black_box(src)))
        });
        // Baseline for `parse`: pulldown-cmark's events alone, which every
        // reader of the markdown pays for.
        group.bench_with_input(BenchmarkId::new("parse_baseline", rows), &src, |b, src| {
            b.iter(|| {
                pulldown_cmark::Parser::new_ext(
                    black_box(src.text()),
                    pulldown_cmark::Options::ENABLE_TABLES,
                )
                .into_offset_iter()
                .count()
            })
        });
        group.bench_with_input(BenchmarkId::new("model", rows), &tables, |b, tables| {
            b.iter(|| validate(&src, black_box(tables), &options))
        });
        group.bench_with_input(BenchmarkId::new("emit", rows), &model, |b, model| {
            b.iter(|| emit(black_box(model), &emit_options).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("format", rows), &tokens, |b, tokens| {
            b.iter(|| format(black_box(tokens.clone()), "header").unwrap())
        });
        group.bench_with_input(BenchmarkId::new("end_to_end", rows), &src, |b, src| {
            b.iter(|| {
                let tables = read_tables(src);
                let (model, _) = validate(src, &tables, &options).unwrap();
                format(emit(&model, &emit_options).unwrap(), "header").unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
